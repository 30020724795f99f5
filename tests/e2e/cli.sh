#!/bin/sh
# The command line a user meets first: --help, --version, each
# subcommand's --help, and usage errors with status 2.
. "$(dirname "$0")/../e2e-lib.sh"

expect_status "--version" 0 "$COCCIDRIVE" --version
expect_grep "--version prints the VERSION file's version" "^coccidrive $(cat "$ROOT/VERSION")$" "$OUT"
expect_status "--help" 0 "$COCCIDRIVE" --help
for c in convert check test; do
	expect_grep "--help lists $c" "^  $c " "$OUT"
done
for c in convert check test; do
	expect_status "$c --help" 0 "$COCCIDRIVE" $c --help
	expect_grep "$c --help shows its usage" "^usage: coccidrive $c" "$OUT"
	case $c in convert) expect_grep "convert --help documents --in-place" "--in-place" "$OUT" ;; esac
done
expect_status "no command: exit 2 with usage" 2 "$COCCIDRIVE"
expect_grep "no command: usage on stderr" "^usage: coccidrive <command>" "$ERR"
expect_status "unknown option: exit 2" 2 "$COCCIDRIVE" check --frobnicate "$ROOT/testdata/if_not.c"
expect_grep "unknown option: named" "^coccidrive check: unknown option '--frobnicate'$" "$ERR"
# A single file as TREE: the patch names it as given.
cd "$ROOT" || exit 2
expect_status "a single file as TREE" 0 "$COCCIDRIVE" convert -q testdata/if_not.c
expect_grep "single file: diff header with its path" "^diff --git a/testdata/if_not.c b/testdata/if_not.c$" "$OUT"

# --layout=80: one-line calls that now pass 80 columns get a second line.
expect_status "--layout=80" 0 "$COCCIDRIVE" convert -q --layout=80 testdata/upstream_rfcomm_core.c
expect_grep "--layout=80: wrapped under the parenthesis" "^+			       BTPROTO_L2CAP, sock);$" "$OUT"
cp testdata/upstream_rfcomm_core.c "$TMP/"
(cd "$TMP" && sed 's#testdata/##g' "$OUT" | patch -s -f -p1 >/dev/null 2>&1) &&
	"$COCCIDRIVE" check -q "$TMP/upstream_rfcomm_core.c" >/dev/null &&
	pass "--layout=80: the result applies and checks clean" ||
	fail "--layout=80: the result applies and checks clean"
expect_status "--layout=wide is an error" 2 "$COCCIDRIVE" convert --layout=wide testdata/if_not.c
finish
