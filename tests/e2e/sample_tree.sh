#!/bin/sh
# The maintainer's path on the bundled sample tree: the patch applies with
# git and patch, the converted tree checks clean, a second conversion is
# empty, and --in-place gives the same tree as the patch.
. "$(dirname "$0")/../test-lib.sh"

tree=$TMP/tree
cp -R "$ROOT/testdata/sample-tree" "$tree"
(cd "$tree" && git init -q && git add -A &&
	git -c user.name=t -c user.email=t@t commit -qm base) >/dev/null

test_expect_success 'convert sample tree' '
	test_expect_code 0 "$COCCIDRIVE" convert "$tree" &&
	cp "$OUT" "$TMP/patch"
'
test_expect_success 'summary counts converted calls' '
	test_grep "converted: *3" "$ERR"
'
test_expect_success 'summary counts declarations' '
	test_grep "declarations: *3" "$ERR"
'
test_expect_success 'summary has no manual work' '
	test_grep "needs manual work: *0" "$ERR"
'
test_expect_success 'patch equals expected/sample-tree.diff' '
	test_cmp "$ROOT/expected/sample-tree.diff" "$TMP/patch"
'
test_expect_success 'git apply --check takes the patch' '
	(cd "$tree" && git apply --check "$TMP/patch")
'
test_expect_success 'patch -p1 takes the patch' '
	(cd "$tree" && patch -p1 --dry-run -s <"$TMP/patch")
'

(cd "$tree" && git apply "$TMP/patch")
test_expect_success 'check on the converted tree exits 0' '
	test_expect_code 0 "$COCCIDRIVE" check "$tree"
'
test_expect_success 'check on the converted tree prints nothing' '
	test_must_be_empty "$OUT"
'
test_expect_success 'second convert succeeds' '
	test_expect_code 0 "$COCCIDRIVE" convert "$tree"
'
test_expect_success 'second convert is an empty patch' '
	test_must_be_empty "$OUT"
'
test_expect_success 'second convert counts the converted calls' '
	test_grep "already converted: *4" "$ERR"
'

# check on the original tree: exit 1 and one gcc-style line per site.
# Not a git work tree: --root says where paths start.
orig=$TMP/orig
cp -R "$ROOT/testdata/sample-tree" "$orig"
test_expect_success 'check on the original tree exits 1' '
	test_expect_code 1 "$COCCIDRIVE" check --root "$orig" "$orig"
'
test_expect_success 'check prints file:line:col' '
	test_grep "^fs/dlm/lowcomms.c:14:11: " "$OUT"
'
test_expect_success 'check prints 5 lines (3 calls, prototype, definition)' '
	grep ":[0-9]*:[0-9]*: " "$OUT" | grep -v ":[0-9]*:[0-9]*: hint: " >"$TMP/sites"
	test_line_count = 5 "$TMP/sites"
'
test_expect_success 'check prints the hint right after its call' '
	grep -A1 "^net/ipv4/udp_tunnel.c:13:8: sock_create_kern() called" "$OUT" >"$TMP/hint" &&
	test_grep -x -F "net/ipv4/udp_tunnel.c:13:8: hint: udp_sock_create4() has ${SQ}struct net *net${SQ}: pass net instead of &init_net?" "$TMP/hint"
'

# --in-place: same result as the patch, modes kept, untouched files untouched.
inpl=$TMP/inplace
cp -R "$ROOT/testdata/sample-tree" "$inpl"
chmod 0640 "$inpl/net/socket.c"
touch -d '2001-01-01 00:00:00' "$inpl/drivers/net/vxlan.c" "$inpl/net/core/sock_diag.c"
test_expect_success 'convert --in-place' '
	test_expect_code 0 "$COCCIDRIVE" convert --in-place --root "$inpl" "$inpl"
'
test_expect_success '--in-place equals applying the patch' '
	diff -r -x .git "$tree" "$inpl" >"$TMP/d" || { head -n 30 "$TMP/d"; false; }
'
test_expect_success '--in-place keeps the file mode' '
	test "$(stat -c %a "$inpl/net/socket.c")" = 640 ||
	{ stat -c "mode is %a" "$inpl/net/socket.c"; false; }
'
for f in drivers/net/vxlan.c net/core/sock_diag.c; do
	test_expect_success "--in-place leaves $f untouched" '
		case $(stat -c %y "$inpl/$f") in
		2001-01-01*) ;;
		*) stat -c "mtime now %y" "$inpl/$f"; false ;;
		esac
	'
done
test_expect_success '--in-place leaves no temporary files' '
	test_no_temporary "$inpl"
'

# -o FILE writes the same patch.
test_expect_success 'convert -o FILE' '
	test_expect_code 0 "$COCCIDRIVE" convert -q -o "$TMP/p2" --root "$orig" "$orig"
'
test_expect_success '-o writes the patch to FILE only' '
	test_cmp "$TMP/patch" "$TMP/p2" &&
	test_must_be_empty "$OUT"
'
test_done
