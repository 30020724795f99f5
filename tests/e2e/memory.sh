#!/bin/sh
# The release build (no sanitizers) under valgrind: no invalid access and
# no leak on a run that spawns spatch, retries with the macro file, uses
# the fallback and writes JSON.  (Every other end-to-end test runs the
# ASan/UBSan build, whose LeakSanitizer covers leaks there.)
. "$(dirname "$0")/../e2e-lib.sh"

bin=$ROOT/build/coccidrive
vg() { valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
	--error-exitcode=99 "$@"; }

cp -R "$ROOT/testdata/vendor-tree" "$TMP/v"
expect_status "valgrind: convert --fallback=text --report on the vendor tree" 0 \
	vg "$bin" convert --fallback=text --report "$TMP/r.json" "$TMP/v"
expect_status "valgrind: convert --in-place on the sample tree" 0 \
	vg "$bin" convert --in-place "$(cp -R "$ROOT/testdata/sample-tree" "$TMP/s" && echo "$TMP/s")"
cd "$ROOT" || exit 2
expect_status "valgrind: golden tests of three cases" 0 vg "$bin" test unparsable if_not macro_body
finish
