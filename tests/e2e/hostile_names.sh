#!/bin/sh
# File names are untrusted input.  spatch 1.1.1 copies its result with an
# unquoted "sh -c cp ...", so a name from the tree must never reach it:
# every name below converts normally, comes out quoted as git quotes it in
# the patch and in the report lines, and does not break the JSON report.
. "$(dirname "$0")/../test-lib.sh"

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
test_expect_success 'hostile names: check finds every call (exit 1)' '
	test_expect_code 1 "$COCCIDRIVE" check t
'
test_expect_success 'hostile names: no file name reached a shell' '
	! find / -xdev \( -name PWNED -o -name PWNED2 \) 2>/dev/null | grep .
'
test_expect_success 'hostile names: every call of every file reported' '
	grep "called with 4 arguments" "$OUT" >"$TMP/calls"
	test_line_count = $((2 * nfiles)) "$TMP/calls" || { cat "$OUT"; false; }
'
test_expect_success 'a newline in a name is quoted in report lines' '
	test_grep "^\"t/new\\\\nline.c\":14:11: " "$OUT"
'
test_expect_success 'a non-ASCII name is quoted in octal, as git does' '
	test_grep "^\"t/lat\\\\351.c\":14:11: " "$OUT"
'
test_expect_success 'a plain odd name is printed as it is' '
	test_grep "^t/x;touch PWNED;y.c:14:11: " "$OUT"
'

test_expect_success 'hostile names: convert with a JSON report' '
	test_expect_code 0 "$COCCIDRIVE" convert --report "$TMP/r.json" t &&
	cp "$OUT" "$TMP/p.diff"
'
test_expect_success 'hostile names: one diff per file' '
	grep "^diff --git" "$TMP/p.diff" >"$TMP/diffs"
	test_line_count = $nfiles "$TMP/diffs"
'
test_expect_success 'the patch quotes a newline as git does' '
	test_grep -x "diff --git \"a/t/new\\\\nline.c\" \"b/t/new\\\\nline.c\"" "$TMP/p.diff"
'
test_expect_success 'the patch ends a name with a space with a tab, as git does' '
	test_grep -x -F "--- a/t/a b.c$tab" "$TMP/p.diff"
'
test_expect_success 'hostile names: the JSON report is valid' '
	jq -e . "$TMP/r.json" >/dev/null || { head -c 300 "$TMP/r.json"; false; }
'
test_expect_success 'a name that is not UTF-8 is given exactly as hex bytes in the JSON' '
	test "$(jq -r "[.occurrences[] | select(.file_hex == \"742f6c6174e92e63\")] | length" "$TMP/r.json")" = 2 ||
	{ jq -c ".occurrences[].file" "$TMP/r.json"; false; }
'
test_expect_success 'a newline in a name is a plain JSON string' '
	test "$(jq -r ".occurrences[] | select(.file == \"t/new\\nline.c\") | .bucket" "$TMP/r.json" | sort -u)" = converted ||
	{ jq -c ".occurrences[].file" "$TMP/r.json"; false; }
'

# The patch applies where it was made (its paths start with t/), with git
# apply and with patch -p1, and gives the same tree as --in-place.
for tool in git patch; do
	test_expect_success "hostile names: the patch applies with $tool" '
		rm -rf "$TMP/apply" &&
		mkdir "$TMP/apply" &&
		cp -R "$tree" "$TMP/apply/t" &&
		if [ $tool = git ]; then
			(cd "$TMP/apply" && git apply "$TMP/p.diff")
		else
			(cd "$TMP/apply" && patch -s -p1 <"$TMP/p.diff")
		fi
	'
done
cp -R "$tree" "$TMP/inplace"
test_expect_success 'hostile names: convert --in-place' '
	test_expect_code 0 "$COCCIDRIVE" convert -q --in-place "$TMP/inplace"
'
test_expect_success 'hostile names: the patch and --in-place give the same files' '
	diff -r "$TMP/apply/t" "$TMP/inplace"
'
test_expect_success 'hostile names: converted tree checks clean' '
	test_expect_code 0 "$COCCIDRIVE" check "$TMP/inplace"
'

# A TMPDIR that spatch could not take is not used.
mkdir -p "$TMP/tmp dir;x"
test_expect_success 'a TMPDIR with blanks: the run still works' '
	test_expect_code 1 env TMPDIR="$TMP/tmp dir;x" "$COCCIDRIVE" check "$tree"
'
test_expect_success 'a TMPDIR with blanks: says it is not used' '
	test_grep "TMPDIR .* using /tmp" "$ERR"
'

# Ways of naming a tree or a file: the patch applies at the root, the
# current directory outside git, or --root (tests/e2e/paths.sh has more).
mkdir -p "$TMP/w/net" "$TMP/w/sub"
cp "$src" "$TMP/w/net/socket.c"
cp "$src" "$TMP/w/net/b c.c"
# applies_in DIR PATCH: PATCH is not empty and applies in DIR of a copy of w.
applies_in() {
	rm -rf "$TMP/w2" &&
	cp -R "$TMP/w" "$TMP/w2" &&
	test_grep "^diff --git " "$2" &&
	(cd "$TMP/w2/$1" && git apply --check "$2") ||
	{ head -n 5 "$2"; false; }
}
#       from   option           TREE or file      test
while IFS='|' read -r from opt arg name; do
	[ -n "$from" ] || continue
	eval "arg=\"$arg\" opt=\"$opt\""
	test_expect_success "$name" '
		cd "$TMP/$from" &&
		"$COCCIDRIVE" convert -q $opt "$arg" >"$TMP/p.diff" &&
		applies_in . "$TMP/p.diff"
	'
done <<'EOF'
w|-q|./net/../net/|TREE ./net/../net/: the patch applies here
w/sub|--root=..|./../net/|TREE ./../net/ with --root=..: the patch applies there
w/sub|--root=$TMP/w|../net/socket.c|file ../net/socket.c with --root: applies there
w|-q|$TMP/w/net/b c.c|an absolute file path below the current directory: applies here
w|-q|$TMP/w/net|an absolute TREE below the current directory: applies here
EOF
test_expect_success 'a TREE above the current directory, outside git: exit 2' '
	cd "$TMP/w/sub" &&
	test_expect_code 2 "$COCCIDRIVE" convert ../net &&
	test_grep "^coccidrive: ../net: not below $TMP/w/sub (the current directory" "$ERR"
'
test_done
