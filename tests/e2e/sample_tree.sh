#!/bin/sh
# The maintainer's path on the bundled sample tree: the patch applies with
# git and patch, the converted tree checks clean, a second conversion is
# empty, and --in-place gives the same tree as the patch.
. "$(dirname "$0")/../e2e-lib.sh"

tree=$TMP/tree
cp -R "$ROOT/testdata/sample-tree" "$tree"
(cd "$tree" && git init -q && git add -A &&
	git -c user.name=t -c user.email=t@t commit -qm base) >/dev/null

expect_status "convert sample tree" 0 "$COCCIDRIVE" convert "$tree"
cp "$OUT" "$TMP/patch"
expect_grep "summary counts converted calls" "converted: *3" "$ERR"
expect_grep "summary counts declarations" "declarations: *3" "$ERR"
expect_grep "summary has no manual work" "needs manual work: *0" "$ERR"

if cmp -s "$TMP/patch" "$ROOT/expected/sample-tree.diff"; then
	pass "patch equals expected/sample-tree.diff"
else
	fail "patch equals expected/sample-tree.diff" \
		"$(diff -u "$ROOT/expected/sample-tree.diff" "$TMP/patch" | head -40)"
fi

if (cd "$tree" && git apply --check "$TMP/patch") 2>"$TMP/e"; then
	pass "git apply --check takes the patch"
else
	fail "git apply --check takes the patch" "$(cat "$TMP/e")"
fi
if (cd "$tree" && patch -p1 --dry-run -s <"$TMP/patch") >"$TMP/e" 2>&1; then
	pass "patch -p1 takes the patch"
else
	fail "patch -p1 takes the patch" "$(cat "$TMP/e")"
fi

(cd "$tree" && git apply "$TMP/patch")
expect_status "check on the converted tree exits 0" 0 "$COCCIDRIVE" check "$tree"
if [ -s "$OUT" ]; then
	fail "check on the converted tree prints nothing" "$(cat "$OUT")"
else
	pass "check on the converted tree prints nothing"
fi
expect_status "second convert succeeds" 0 "$COCCIDRIVE" convert "$tree"
if [ -s "$OUT" ]; then
	fail "second convert is an empty patch" "$(head -20 "$OUT")"
else
	pass "second convert is an empty patch"
fi
expect_grep "second convert counts the converted calls" "already converted: *4" "$ERR"

# check on the original tree: exit 1 and one gcc-style line per site.
orig=$TMP/orig
cp -R "$ROOT/testdata/sample-tree" "$orig"
expect_status "check on the original tree exits 1" 1 "$COCCIDRIVE" check "$orig"
expect_grep "check prints file:line:col" "^$orig/fs/dlm/lowcomms.c:14:11: " "$OUT"
n=$(grep -c ':[0-9]*:[0-9]*: ' "$OUT")
if [ "$n" -eq 5 ]; then pass "check prints 5 lines (3 calls, prototype, definition)"; else
	fail "check prints 5 lines (3 calls, prototype, definition)" "got $n:" "$(cat "$OUT")"; fi

# --in-place: same result as the patch, modes kept, untouched files untouched.
inpl=$TMP/inplace
cp -R "$ROOT/testdata/sample-tree" "$inpl"
chmod 0640 "$inpl/net/socket.c"
touch -d '2001-01-01 00:00:00' "$inpl/drivers/net/vxlan.c" "$inpl/net/core/sock_diag.c"
expect_status "convert --in-place" 0 "$COCCIDRIVE" convert --in-place "$inpl"
if diff -r -x .git "$tree" "$inpl" >"$TMP/d"; then
	pass "--in-place equals applying the patch"
else
	fail "--in-place equals applying the patch" "$(head -30 "$TMP/d")"
fi
mode=$(stat -c %a "$inpl/net/socket.c")
if [ "$mode" = 640 ]; then pass "--in-place keeps the file mode"; else
	fail "--in-place keeps the file mode" "mode is $mode"; fi
for f in drivers/net/vxlan.c net/core/sock_diag.c; do
	y=$(stat -c %y "$inpl/$f")
	case $y in 2001-01-01*) pass "--in-place leaves $f untouched" ;;
	*) fail "--in-place leaves $f untouched" "mtime now $y" ;; esac
done
if ls -a "$inpl"/*/ "$inpl"/*/*/ | grep -q coccidrive-; then
	fail "--in-place leaves no temporary files" "$(ls -aR "$inpl" | grep coccidrive-)"
else
	pass "--in-place leaves no temporary files"
fi

# -o FILE writes the same patch.
expect_status "convert -o FILE" 0 "$COCCIDRIVE" convert -q -o "$TMP/p2" "$orig"
if cmp -s "$TMP/p2" "$TMP/patch" && [ ! -s "$OUT" ]; then pass "-o writes the patch to FILE only"; else
	fail "-o writes the patch to FILE only"; fi
finish
