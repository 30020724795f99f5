#!/bin/sh
# File names are untrusted input.  spatch 1.1.1 copies its result with an
# unquoted "sh -c cp ...", so a name from the tree must never reach it:
# every name below converts normally, comes out quoted as git quotes it in
# the patch and in the report lines, and does not break the JSON report.
. "$(dirname "$0")/../e2e-lib.sh"

src=$ROOT/testdata/sample-tree/fs/dlm/lowcomms.c
tree=$TMP/t
mkdir -p "$tree/-dir"
nl='
'
tab=$(printf '\t')
for n in 'x;touch PWNED;y.c' 'a b.c' "tab${tab}here.c" "new${nl}line.c" \
	"q\"uote'.c" 'back\slash.c' '-lead.c' "$(printf 'lat\351.c')" \
	"$(printf '\303\274tf.c')" '-dir/$(touch PWNED2).c' '-dir/--help.c'; do
	cp "$src" "$tree/$n"
done
nfiles=11

# From the tree's parent, so that reports name files "t/...".
cd "$TMP" || exit 2
expect_status "hostile names: check finds every call (exit 1)" 1 "$COCCIDRIVE" check t
if find / -xdev \( -name PWNED -o -name PWNED2 \) 2>/dev/null | grep -q .; then
	fail "hostile names: no file name reached a shell" "$(find / -xdev -name 'PWNED*' 2>/dev/null)"
else
	pass "hostile names: no file name reached a shell"
fi
n=$(grep -c "called with 4 arguments" "$OUT")
if [ "$n" -eq $((2 * nfiles)) ]; then pass "hostile names: every call of every file reported"; else
	fail "hostile names: every call of every file reported" "$n lines, want $((2 * nfiles))" "$(cat "$OUT")"; fi
expect_grep "a newline in a name is quoted in report lines" \
	'^"t/new\\nline.c":14:11: ' "$OUT"
expect_grep "a non-ASCII name is quoted in octal, as git does" \
	'^"t/lat\\351.c":14:11: ' "$OUT"
expect_grep "a plain odd name is printed as it is" '^t/x;touch PWNED;y.c:14:11: ' "$OUT"

expect_status "hostile names: convert with a JSON report" 0 \
	"$COCCIDRIVE" convert --report "$TMP/r.json" t
cp "$OUT" "$TMP/p.diff"
n=$(grep -c '^diff --git' "$TMP/p.diff")
if [ "$n" -eq $nfiles ]; then pass "hostile names: one diff per file"; else
	fail "hostile names: one diff per file" "$n" "$(grep '^diff' "$TMP/p.diff")"; fi
expect_grep "the patch quotes a newline as git does" \
	'^diff --git "a/new\\nline.c" "b/new\\nline.c"$' "$TMP/p.diff"
expect_grep "the patch ends a name with a space with a tab, as git does" \
	"^--- a/a b.c${tab}\$" "$TMP/p.diff"
if jq -e . "$TMP/r.json" >/dev/null 2>&1; then pass "hostile names: the JSON report is valid"; else
	fail "hostile names: the JSON report is valid" "$(head -c 300 "$TMP/r.json")"; fi
if [ "$(jq -r '[.occurrences[] | select(.file_hex == "742f6c6174e92e63")] | length' "$TMP/r.json")" = 2 ]; then
	pass "a name that is not UTF-8 is given exactly as hex bytes in the JSON"
else
	fail "a name that is not UTF-8 is given exactly as hex bytes in the JSON" "$(jq -c '.occurrences[].file' "$TMP/r.json")"
fi
if [ "$(jq -r '.occurrences[] | select(.file == "t/new\nline.c") | .bucket' "$TMP/r.json" | sort -u)" = converted ]; then
	pass "a newline in a name is a plain JSON string"
else
	fail "a newline in a name is a plain JSON string" "$(jq -c '.occurrences[].file' "$TMP/r.json")"
fi

# The patch applies, with git apply and with patch -p1, and gives the
# same tree as --in-place.
for tool in git patch; do
	rm -rf "$TMP/apply"
	cp -R "$tree" "$TMP/apply"
	if [ $tool = git ]; then
		(cd "$TMP/apply" && git apply "$TMP/p.diff") >"$TMP/err" 2>&1
	else
		(cd "$TMP/apply" && patch -s -p1 <"$TMP/p.diff") >"$TMP/err" 2>&1
	fi
	if [ $? -eq 0 ]; then pass "hostile names: the patch applies with $tool"; else
		fail "hostile names: the patch applies with $tool" "$(cat "$TMP/err")"; fi
done
cp -R "$tree" "$TMP/inplace"
expect_status "hostile names: convert --in-place" 0 "$COCCIDRIVE" convert -q --in-place "$TMP/inplace"
if diff -r "$TMP/apply" "$TMP/inplace" >"$TMP/d" 2>&1; then
	pass "hostile names: the patch and --in-place give the same files"
else
	fail "hostile names: the patch and --in-place give the same files" "$(cat "$TMP/d")"
fi
expect_status "hostile names: converted tree checks clean" 0 "$COCCIDRIVE" check "$TMP/inplace"

# A TMPDIR that spatch could not take is not used.
mkdir -p "$TMP/tmp dir;x"
expect_status "a TMPDIR with blanks: the run still works" 1 \
	env TMPDIR="$TMP/tmp dir;x" "$COCCIDRIVE" check "$tree"
expect_grep "a TMPDIR with blanks: says it is not used" "TMPDIR .* using /tmp" "$ERR"

# Ways of naming a tree or a file: the patch applies where it says.
mkdir -p "$TMP/w/net" "$TMP/w/sub"
cp "$src" "$TMP/w/net/socket.c"
cp "$src" "$TMP/w/net/b c.c"
apply_in() { # name dir patch
	rm -rf "$TMP/w2"
	cp -R "$TMP/w" "$TMP/w2"
	if (cd "$TMP/w2/$2" && git apply --check "$3") >"$TMP/err" 2>&1 &&
		[ -s "$3" ]; then
		pass "$1"
	else
		fail "$1" "$(cat "$TMP/err")" "$(head -5 "$3")"
	fi
}
cd "$TMP/w/sub" || exit 2
"$COCCIDRIVE" convert -q ./../net/ >"$TMP/p1.diff"
apply_in "TREE ./../net/: the patch applies in that directory" net "$TMP/p1.diff"
"$COCCIDRIVE" convert -q ../net/socket.c >"$TMP/p2.diff"
apply_in "file ../net/socket.c: the patch applies beside the file" net "$TMP/p2.diff"
"$COCCIDRIVE" convert -q "$TMP/w/net/b c.c" >"$TMP/p3.diff"
apply_in "an absolute file path: the patch applies beside the file" net "$TMP/p3.diff"
cd "$TMP/w" || exit 2
"$COCCIDRIVE" convert -q "$TMP/w/net/socket.c" >"$TMP/p4.diff"
apply_in "an absolute path below the current directory: applies here" . "$TMP/p4.diff"
"$COCCIDRIVE" convert -q "$TMP/w/net" >"$TMP/p5.diff"
apply_in "an absolute TREE: the patch applies in the TREE" net "$TMP/p5.diff"
finish
