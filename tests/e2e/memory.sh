#!/bin/sh
# The release build (no sanitizers) under valgrind: no invalid access and
# no leak on a run that spawns spatch, retries with the macro file, uses
# the fallback and writes JSON.  (Every other end-to-end test runs the
# ASan/UBSan build, whose LeakSanitizer covers leaks there.)
. "$(dirname "$0")/../test-lib.sh"

bin=$ROOT/build/coccidrive
vg() { valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
	--error-exitcode=99 "$@"; }

cp -R "$ROOT/testdata/vendor-tree" "$TMP/v"
cp -R "$ROOT/testdata/sample-tree" "$TMP/s"
# Outside git, the trees must be below the current directory (the root).
cd "$TMP" || exit 2
test_expect_success 'valgrind: convert --fallback=text --report on the vendor tree' '
	test_expect_code 0 vg "$bin" convert --fallback=text --report "$TMP/r.json" "$TMP/v"
'
test_expect_success 'valgrind: convert --in-place on the sample tree' '
	test_expect_code 0 vg "$bin" convert --in-place "$TMP/s"
'
cd "$ROOT" || exit 2
test_expect_success 'valgrind: golden tests of three cases' '
	test_expect_code 0 vg "$bin" test unparsable if_not macro_body
'
test_done
