#!/bin/sh
# make kernel-check: on Debian's linux-source-6.1 (converted upstream in
# 4.2), "coccidrive convert" must print an empty patch, "coccidrive check"
# must exit 0, and plain spatch must change nothing in the files that
# mention the function.
. "$(dirname "$0")/../tests/test-lib.sh"
cd "$ROOT" || exit 2
tree=$(sh bench/fetch-kernel.sh) || exit 2
bin=$ROOT/build/coccidrive

# The kernel is not a git work tree: --root makes the paths the kernel's
# own (run from the checkout, the tree is not below the current directory).
"$bin" convert --root "$tree" "$tree" >"$TMP/patch" 2>"$TMP/summary"
echo $? >"$TMP/rc"
cat "$TMP/summary"
test_expect_success 'convert linux-6.1: empty patch' '
	{ test_grep -x 0 "$TMP/rc" || { echo "convert exited $(cat "$TMP/rc")"; false; }; } &&
	test_must_be_empty "$TMP/patch"
'
test_expect_success 'check linux-6.1: exit 0' '
	test_expect_code 0 "$bin" check -q --root "$tree" "$tree" &&
	test_must_be_empty "$OUT"
'

cocci=semantic-patches/sock_create_kern.cocci
opts=$(sed -n 's#^// Options:##p' "$cocci")
grep -rlw --include='*.[ch]' sock_create_kern "$tree" >"$TMP/files"
test_expect_success "plain spatch on the $(wc -l <"$TMP/files") files: no change" '
	# shellcheck disable=SC2086
	test_expect_code 0 spatch --very-quiet --sp-file "$cocci" -D patch $opts -j 2 $(cat "$TMP/files") &&
	test_must_be_empty "$OUT"
'
test_done
