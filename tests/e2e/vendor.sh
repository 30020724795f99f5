#!/bin/sh
# A vendor kernel, once over: every occurrence accounted for, the JSON
# report adds up, odd files (NUL bytes, too big, Latin-1, CRLF, symlinks
# that loop or leave the tree) are handled without a silent miss and
# without writing through a link.
. "$(dirname "$0")/../test-lib.sh"

# test_jq FILTER FILE: the jq filter is true on FILE; else shows FILE's
# totals, or the part SHOW (a jq filter) names.
test_jq() {
	jq -e "$1" "$2" >/dev/null && return 0
	printf '%s\n' "false: jq '$1' on $2:"
	jq -c "${3:-.totals}" "$2"
	return 1
}

tree=$TMP/vendor
cp -R "$ROOT/testdata/vendor-tree" "$tree"
# Outside git, patch and report paths are relative to the current directory.
cd "$TMP" || exit 2
test_expect_success 'check vendor tree: exit 1 (work left)' '
	test_expect_code 1 "$COCCIDRIVE" check --report "$TMP/r.json" "$tree"
'
test_expect_success 'JSON: totals.total is the number of occurrences' '
	test_jq ".totals.total == (.occurrences | length)" "$TMP/r.json"
'
test_expect_success 'JSON: buckets add up to the 10 occurrences' '
	test_jq "[.totals.converted, .totals.already_converted, .totals.declaration, .totals.manual] | add == 10" \
		"$TMP/r.json"
'
test_expect_success 'JSON: every manual item has a reason' '
	test_jq "[.occurrences[] | select(.bucket == \"manual\" and (.detail | length) == 0)] | length == 0" \
		"$TMP/r.json" ".occurrences[] | select(.bucket == \"manual\")"
'
# Independent count: identifier tokens outside comments and strings, by
# sed/grep over comment-free text, equals the account.
test_expect_success 'account equals an independent token count' '
	n=$(cat "$tree"/*/*/*.[ch] "$tree"/*/*/*/*.[ch] 2>/dev/null | sed "s#/\*.*\*/##g; s#\"[^\"]*\"##g" |
		awk "/\/\*/ { c = 1 } !c { print } /\*\// { c = 0 }" | grep -o "\bsock_create_kern\b" | wc -l) &&
	t=$(jq .totals.total "$TMP/r.json") &&
	test "$n" -gt 0 &&
	{ test "$n" -eq "$t" || { echo "account $t, token count $n"; false; }; }
'
test_expect_success 'unparsable file reported with its parse error' '
	test_grep "board-net.c:15:6: needs manual work: function board_net_init() did not parse" "$OUT"
'

# The user's macro file explains the vendor's tracing macro.
printf '#define QMI_TRACED(x)\n' >"$TMP/vendor-macros.h"
test_expect_success 'check --macro-file' '
	test_expect_code 1 "$COCCIDRIVE" check --macro-file "$TMP/vendor-macros.h" \
		--report "$TMP/r2.json" "$tree"
'
test_expect_success '--macro-file: the hidden call is converted' '
	test_jq ".occurrences[] | select(.file | endswith(\"qmi_sock.c\")) | select(.line == 29) | .bucket == \"converted\"" \
		"$TMP/r2.json" ".occurrences[] | select(.line == 29)"
'
test_expect_success '--macro-file that does not exist: exit 2' '
	test_expect_code 2 "$COCCIDRIVE" check --macro-file "$TMP/none.h" "$tree"
'

# --fallback=text: the calls spatch could not reach are converted by
# hand and marked for review; the alias stays manual work.
test_expect_success 'convert --fallback=text' '
	test_expect_code 0 "$COCCIDRIVE" convert --fallback=text --report "$TMP/fb.json" "$tree"
'
test_expect_success '--fallback=text: two calls converted by fallback, marked' '
	test_jq "[.occurrences[] | select(.detail // \"\" | startswith(\"converted by fallback, review\"))] | length == 2" \
		"$TMP/fb.json" ".occurrences[]"
'
test_expect_success '--fallback=text: only the alias is left' '
	test_jq ".totals.manual == 1 and .totals.converted == 8" "$TMP/fb.json"
'
test_expect_success '--fallback=text: board file call rewritten' '
	test_grep -x "+	if (sock_create_kern(&init_net, AF_INET, SOCK_STREAM, 0, &s) < 0" "$OUT"
'
test_expect_success '--fallback=other is an error' '
	test_expect_code 2 "$COCCIDRIVE" check --fallback=regex "$tree"
'

# Odd files.
odd=$TMP/odd
mkdir -p "$odd/sub" "$TMP/outside"
printf 'int a(void)\n{\n\treturn sock_create_kern(AF_INET, SOCK_DGRAM, 0, &s);\n}\n\0\1\2' >"$odd/blob.c"
printf '/* caf\351 Latin-1 */\nint b(void)\n{\n\treturn sock_create_kern(AF_INET, SOCK_DGRAM, 0, &s);\n}\n' >"$odd/latin1.c"
printf 'int c(void)\r\n{\r\n\treturn sock_create_kern(AF_INET, SOCK_DGRAM, 0, &s);\r\n}\r\n' >"$odd/crlf.c"
: >"$odd/empty.c"
printf 'int d(void)\n{\n\treturn sock_create_kern(AF_INET, SOCK_DGRAM, 0, &s);\n}\n' >"$TMP/outside/target.c"
cp "$TMP/outside/target.c" "$TMP/outside.orig"
ln -s "$TMP/outside/target.c" "$odd/link-out.c"
ln -s ../sub "$odd/sub/loop"
ln -s "$odd" "$odd/sub/up"
head -c 300 /dev/zero | tr '\0' 'x' >"$odd/big.c"
printf '\nint e(void) { return sock_create_kern(1, 2, 3, 0); }\n' >>"$odd/big.c"

test_expect_success 'odd tree converts in place' '
	test_expect_code 0 "$COCCIDRIVE" convert --in-place --max-size 200 \
		--report "$TMP/odd.json" "$odd"
'
test_expect_success 'symlinks are not followed (5 files scanned)' '
	test_jq ".files_scanned == 5" "$TMP/odd.json" .files_scanned
'
test_expect_success 'nothing written through a link out of the tree' '
	test_cmp "$TMP/outside.orig" "$TMP/outside/target.c" &&
	test_path_is_symlink "$odd/link-out.c"
'
test_expect_success 'NUL bytes: reported, not converted' '
	test_grep "blob.c:3:9: needs manual work: file contains NUL bytes" "$ERR"
'
test_expect_success 'over the size limit: reported' '
	test_grep "big.c:2:22: needs manual work: file larger than the size limit" "$ERR"
'
test_expect_success 'Latin-1 bytes survive the conversion' '
	test_grep "$(printf "caf\351")" "$odd/latin1.c" &&
	test_grep -F "&init_net" "$odd/latin1.c"
'
test_expect_success 'CRLF line endings survive --in-place' '
	grep "$(printf "\r")\$" "$odd/crlf.c" >"$TMP/crlf" &&
	{ test_line_count = 4 "$TMP/crlf" || { od -c "$odd/crlf.c" | head; false; }; } &&
	test_grep -F "&init_net" "$odd/crlf.c"
'
test_expect_success 'odd tree: 2 converted, 2 manual' '
	test_jq ".totals.manual == 2 and .totals.converted == 2" "$TMP/odd.json"
'
test_done
