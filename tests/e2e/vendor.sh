#!/bin/sh
# A vendor kernel, once over: every occurrence accounted for, the JSON
# report adds up, odd files (NUL bytes, too big, Latin-1, CRLF, symlinks
# that loop or leave the tree) are handled without a silent miss and
# without writing through a link.
. "$(dirname "$0")/../e2e-lib.sh"

tree=$TMP/vendor
cp -R "$ROOT/testdata/vendor-tree" "$tree"
expect_status "check vendor tree: exit 1 (work left)" 1 "$COCCIDRIVE" check --report "$TMP/r.json" "$tree"
jq -e '.totals.total == (.occurrences | length)' "$TMP/r.json" >/dev/null &&
	pass "JSON: totals.total is the number of occurrences" ||
	fail "JSON: totals.total is the number of occurrences"
jq -e '[.totals.converted, .totals.already_converted, .totals.declaration, .totals.manual] | add == 10' \
	"$TMP/r.json" >/dev/null && pass "JSON: buckets add up to the 10 occurrences" ||
	fail "JSON: buckets add up to the 10 occurrences" "$(jq -c .totals "$TMP/r.json")"
jq -e '[.occurrences[] | select(.bucket == "manual" and (.detail | length) == 0)] | length == 0' \
	"$TMP/r.json" >/dev/null && pass "JSON: every manual item has a reason" ||
	fail "JSON: every manual item has a reason"
# Independent count: identifier tokens outside comments and strings, by
# sed/grep over comment-free text, equals the account.
n=$(cat "$tree"/*/*/*.[ch] "$tree"/*/*/*/*.[ch] 2>/dev/null | sed 's#/\*.*\*/##g; s#"[^"]*"##g' |
	awk '/\/\*/ { c = 1 } !c { print } /\*\// { c = 0 }' | grep -o '\bsock_create_kern\b' | wc -l)
t=$(jq .totals.total "$TMP/r.json")
if [ "$n" -eq "$t" ]; then pass "account ($t) equals an independent token count"; else
	fail "account ($t) equals an independent token count ($n)"; fi
expect_grep "unparsable file reported with its parse error" \
	"board-net.c:15:6: needs manual work: function board_net_init() did not parse" "$OUT"

# The user's macro file explains the vendor's tracing macro.
printf '#define QMI_TRACED(x)\n' >"$TMP/vendor-macros.h"
expect_status "check --macro-file" 1 "$COCCIDRIVE" check --macro-file "$TMP/vendor-macros.h" \
	--report "$TMP/r2.json" "$tree"
jq -e '.occurrences[] | select(.file | endswith("qmi_sock.c")) | select(.line == 29) | .bucket == "converted"' \
	"$TMP/r2.json" >/dev/null && pass "--macro-file: the hidden call is converted" ||
	fail "--macro-file: the hidden call is converted" "$(jq -c '.occurrences[] | select(.line == 29)' "$TMP/r2.json")"
expect_status "--macro-file that does not exist: exit 2" 2 "$COCCIDRIVE" check --macro-file "$TMP/none.h" "$tree"

# --fallback=text: the calls spatch could not reach are converted by
# hand and marked for review; the alias stays manual work.
expect_status "convert --fallback=text" 0 "$COCCIDRIVE" convert --fallback=text \
	--report "$TMP/fb.json" "$tree"
jq -e '[.occurrences[] | select(.detail // "" | startswith("converted by fallback, review"))] | length == 2' \
	"$TMP/fb.json" >/dev/null && pass "--fallback=text: two calls converted by fallback, marked" ||
	fail "--fallback=text: two calls converted by fallback, marked" "$(jq -c '.occurrences[]' "$TMP/fb.json")"
jq -e '.totals.manual == 1 and .totals.converted == 8' "$TMP/fb.json" >/dev/null &&
	pass "--fallback=text: only the alias is left" || fail "--fallback=text: only the alias is left" "$(jq -c .totals "$TMP/fb.json")"
expect_grep "--fallback=text: board file call rewritten" \
	"^+	if (sock_create_kern(&init_net, AF_INET, SOCK_STREAM, 0, &s) < 0$" "$OUT"
expect_status "--fallback=other is an error" 2 "$COCCIDRIVE" check --fallback=regex "$tree"

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

expect_status "odd tree converts in place" 0 "$COCCIDRIVE" convert --in-place --max-size 200 \
	--report "$TMP/odd.json" "$odd"
jq -e '.files_scanned == 5' "$TMP/odd.json" >/dev/null && pass "symlinks are not followed (5 files scanned)" ||
	fail "symlinks are not followed (5 files scanned)" "$(jq .files_scanned "$TMP/odd.json")"
if cmp -s "$TMP/outside/target.c" "$TMP/outside.orig" && [ -L "$odd/link-out.c" ]; then
	pass "nothing written through a link out of the tree"
else
	fail "nothing written through a link out of the tree"
fi
expect_grep "NUL bytes: reported, not converted" "blob.c:3:9: file contains NUL bytes" "$ERR"
expect_grep "over the size limit: reported" "big.c:2:22: file larger than the size limit" "$ERR"
if grep -q "$(printf 'caf\351')" "$odd/latin1.c" && grep -q '&init_net' "$odd/latin1.c"; then
	pass "Latin-1 bytes survive the conversion"
else
	fail "Latin-1 bytes survive the conversion"
fi
if [ "$(grep -c "$(printf '\r')\$" "$odd/crlf.c")" -eq 4 ] && grep -q '&init_net' "$odd/crlf.c"; then
	pass "CRLF line endings survive --in-place"
else
	fail "CRLF line endings survive --in-place" "$(od -c "$odd/crlf.c" | head)"
fi
jq -e '.totals.manual == 2 and .totals.converted == 2' "$TMP/odd.json" >/dev/null &&
	pass "odd tree: 2 converted, 2 manual" || fail "odd tree: 2 converted, 2 manual" "$(jq -c .totals "$TMP/odd.json")"
finish
