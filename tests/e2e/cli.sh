#!/bin/sh
# The command line a user meets first: --help, --version, each
# subcommand's --help, and usage errors with status 2.
. "$(dirname "$0")/../test-lib.sh"

test_expect_success '--version' '
	test_expect_code 0 "$COCCIDRIVE" --version
'
test_expect_success "--version prints the VERSION file's version" '
	test_grep -F -x "coccidrive $(cat "$ROOT/VERSION")" "$OUT"
'
test_expect_success '--help' '
	test_expect_code 0 "$COCCIDRIVE" --help &&
	cp "$OUT" "$TMP/help"
'
for c in convert check test; do
	test_expect_success "--help lists $c" '
		test_grep "^  $c " "$TMP/help"
	'
done
for c in convert check test; do
	test_expect_success "$c --help" '
		test_expect_code 0 "$COCCIDRIVE" $c --help &&
		cp "$OUT" "$TMP/$c.help"
	'
	test_expect_success "$c --help shows its usage" '
		test_grep "^usage: coccidrive $c" "$TMP/$c.help"
	'
done
test_expect_success 'convert --help documents --in-place' '
	test_grep -F "--in-place" "$TMP/convert.help"
'
test_expect_success 'no command: exit 2 with usage' '
	test_expect_code 2 "$COCCIDRIVE"
'
test_expect_success 'no command: usage on stderr' '
	test_grep "^usage: coccidrive <command>" "$ERR"
'
test_expect_success 'unknown option: exit 2' '
	test_expect_code 2 "$COCCIDRIVE" check --frobnicate "$ROOT/testdata/if_not.c"
'
test_expect_success 'unknown option: named' '
	test_grep -x "coccidrive check: unknown option $SQ--frobnicate$SQ" "$ERR"
'

# A single file as TREE: the patch names it as given.
cd "$ROOT" || exit 2
test_expect_success 'a single file as TREE' '
	test_expect_code 0 "$COCCIDRIVE" convert -q testdata/if_not.c
'
test_expect_success 'single file: diff header with its path' '
	test_grep -x "diff --git a/testdata/if_not.c b/testdata/if_not.c" "$OUT"
'

# --layout=80: one-line calls that now pass 80 columns get a second line.
test_expect_success '--layout=80' '
	test_expect_code 0 "$COCCIDRIVE" convert -q --layout=80 testdata/upstream_rfcomm_core.c &&
	cp "$OUT" "$TMP/layout.patch"
'
test_expect_success '--layout=80: wrapped under the parenthesis' '
	test_grep -x "+			       BTPROTO_L2CAP, sock);" "$TMP/layout.patch"
'
test_expect_success '--layout=80: the result applies and checks clean' '
	cp testdata/upstream_rfcomm_core.c "$TMP/" &&
	sed "s#testdata/##g" "$TMP/layout.patch" >"$TMP/layout.p1" &&
	(cd "$TMP" && patch -s -f -p1 <layout.p1) &&
	test_expect_code 0 "$COCCIDRIVE" check -q --root "$TMP" "$TMP/upstream_rfcomm_core.c"
'
test_expect_success '--layout=wide is an error' '
	test_expect_code 2 "$COCCIDRIVE" convert --layout=wide testdata/if_not.c
'
test_done
