#!/bin/sh
# Paths a patch can use: every path of a run (the patch, the check lines,
# the hints, the JSON) is relative to one root: the top of the git work
# tree the TREEs are in, else the current directory, or --root DIR.  So
# the patch from any way of naming the trees applies with "git apply" at
# that root; a TREE outside the root is refused, exit 2, in one line.
. "$(dirname "$0")/../test-lib.sh"

src=$ROOT/testdata/sample-tree
# A small kernel-like git repository.
repo=$TMP/linux
mkdir -p "$repo/net/ipv4" "$repo/net/tipc" "$repo/net/qrtr" "$repo/include/linux"
cp "$src/fs/dlm/lowcomms.c" "$repo/net/ipv4/af_inet.c"
cp "$src/net/ipv4/udp_tunnel.c" "$repo/net/ipv4/udp_tunnel.c"
cp "$src/fs/dlm/lowcomms.c" "$repo/net/tipc/topsrv.c"
cp "$src/fs/dlm/lowcomms.c" "$repo/net/qrtr/ns.c"
cp "$src/net/socket.c" "$repo/net/socket.c"
cp "$src/include/linux/net.h" "$repo/include/linux/net.h"
git_q() { git -c user.name=t -c user.email=t@t "$@" >/dev/null 2>&1; }
(cd "$repo" && git init -q && git add -A && git_q commit -qm base) || exit 2
top=$(cd "$repo" && pwd -P)
ln -s "$repo" "$TMP/via-link"

# applies PATCH: not empty, and git apply takes it at the top of a copy.
applies() {
	test_grep "^diff --git " "$1" &&
	rm -rf "$TMP/copy" && cp -R "$repo" "$TMP/copy" &&
	(cd "$TMP/copy" && git apply --check "$1") ||
	{ head -n 5 "$1"; false; }
}

test_expect_success 'net/ipv4 from the top: paths from the top' '
	cd "$repo" &&
	test_expect_code 0 "$COCCIDRIVE" convert -q net/ipv4 &&
	cp "$OUT" "$TMP/ipv4.patch" &&
	test_grep -x "diff --git a/net/ipv4/af_inet.c b/net/ipv4/af_inet.c" "$OUT" &&
	test_grep -x "diff --git a/net/ipv4/udp_tunnel.c b/net/ipv4/udp_tunnel.c" "$OUT" &&
	applies "$TMP/ipv4.patch"
'
# from | TREE | test: each gives the same patch as net/ipv4 from the top.
while IFS='|' read -r from arg name; do
	[ -n "$from" ] || continue
	eval "from=\"$from\" arg=\"$arg\""
	test_expect_success "$name: the same patch, applies at the top" '
		cd "$from" &&
		"$COCCIDRIVE" convert -q "$arg" >"$TMP/p.diff" &&
		test_cmp "$TMP/ipv4.patch" "$TMP/p.diff" &&
		applies "$TMP/p.diff"
	'
done <<'EOF'
$repo|./net/../net/ipv4|./net/../net/ipv4 from the top
$repo|$repo/net/ipv4|an absolute TREE
$repo/net|ipv4|ipv4 from net/
$repo/net/tipc|../ipv4/|../ipv4/ from net/tipc
$TMP|linux/net/ipv4|a TREE in the repository from outside it
/|$TMP/via-link/net/ipv4|a TREE through a symbolic link to the repository
$TMP/via-link/net|ipv4|from a directory reached through a link
$repo/net|$top/net/ipv4/|the real absolute path, from net/
EOF

test_expect_success 'a file and a directory: paths from the top, in byte order' '
	cd "$repo" &&
	test_expect_code 0 "$COCCIDRIVE" convert -q net/tipc/topsrv.c net/qrtr &&
	cp "$OUT" "$TMP/two.patch" &&
	grep "^diff --git" "$OUT" >"$TMP/heads" &&
	printf "%s\n" "diff --git a/net/qrtr/ns.c b/net/qrtr/ns.c" \
		"diff --git a/net/tipc/topsrv.c b/net/tipc/topsrv.c" >"$TMP/want" &&
	test_cmp "$TMP/want" "$TMP/heads" &&
	applies "$TMP/two.patch"
'
test_expect_success 'the same file and directory from net/qrtr: the same patch' '
	cd "$repo/net/qrtr" &&
	test_expect_code 0 "$COCCIDRIVE" convert -q ../tipc/topsrv.c . &&
	test_cmp "$TMP/two.patch" "$OUT"
'

# check's lines, the hint, the JSON: the same paths, from anywhere.
for from in "$repo" "$repo/net" "$repo/include/linux"; do
	case $from in "$repo") arg=net/ipv4 ;; "$repo/net") arg=ipv4 ;; *) arg=../../net/ipv4 ;; esac
	test_expect_success "check $arg from ${from#"$TMP"/}: file:line:col: from the top" '
		cd "$from" &&
		test_expect_code 1 "$COCCIDRIVE" check --report "$TMP/r.json" "$arg" &&
		test_grep "^net/ipv4/af_inet.c:14:11: sock_create_kern() called with 4 arguments" "$OUT" &&
		test_grep "^net/ipv4/udp_tunnel.c:13:8: " "$OUT" &&
		test_grep -v "^ipv4/" "$OUT"
	'
	test_expect_success "check $arg from ${from#"$TMP"/}: the hint names the path from the top" '
		test_grep "^net/ipv4/udp_tunnel.c:13:8: hint: udp_sock_create4()" "$OUT"
	'
	test_expect_success "check $arg from ${from#"$TMP"/}: JSON root and files" '
		test "$(jq -r .root "$TMP/r.json")" = "$top" &&
		jq -r ".occurrences[].file" "$TMP/r.json" | sort -u >"$TMP/files" &&
		printf "%s\n" net/ipv4/af_inet.c net/ipv4/udp_tunnel.c >"$TMP/want" &&
		test_cmp "$TMP/want" "$TMP/files"
	'
done

# --in-place from a subdirectory writes the files the patch names.
test_expect_success '--in-place from net/: the same files as the patch applied at the top' '
	rm -rf "$TMP/applied" "$TMP/inplace" &&
	cp -R "$repo" "$TMP/applied" && cp -R "$repo" "$TMP/inplace" &&
	(cd "$TMP/applied" && git apply "$TMP/ipv4.patch") &&
	cd "$TMP/inplace/net" &&
	test_expect_code 0 "$COCCIDRIVE" convert -q --in-place ipv4 &&
	diff -r -x .git "$TMP/applied" "$TMP/inplace"
'

# A TREE that is a symbolic link to a file: the file it names, named where
# it really is; --in-place converts that file and the link stays.
ln -s net/tipc/topsrv.c "$repo/topsrv-link.c"
test_expect_success 'a link to a file as TREE: the patch names the file' '
	cd "$repo" &&
	test_expect_code 0 "$COCCIDRIVE" convert -q topsrv-link.c &&
	test_grep -x "diff --git a/net/tipc/topsrv.c b/net/tipc/topsrv.c" "$OUT" &&
	applies "$OUT"
'
test_expect_success 'a link to a file as TREE, --in-place: the file converted, the link kept' '
	rm -rf "$TMP/inplace" && cp -R "$repo" "$TMP/inplace" &&
	cd "$TMP/inplace" &&
	test_expect_code 0 "$COCCIDRIVE" convert -q --in-place topsrv-link.c &&
	test_path_is_symlink topsrv-link.c &&
	test_grep -F "sock_create_kern(&init_net," net/tipc/topsrv.c
'
mkdir "$TMP/elsewhere"
cp "$src/fs/dlm/lowcomms.c" "$TMP/elsewhere/out.c"
relse=$(cd "$TMP/elsewhere" && pwd -P)
ln -s "$TMP/elsewhere/out.c" "$repo/out-link.c"
test_expect_success 'a link to a file outside the work tree: exit 2, one line' '
	cd "$repo" &&
	test_expect_code 2 "$COCCIDRIVE" convert out-link.c &&
	test_grep -x "coccidrive: out-link.c: not below $top (the current directory; no git work tree above $relse): give --root DIR, patch paths are relative to it" "$ERR" &&
	test_line_count = 1 "$ERR"
'
rm "$repo/out-link.c" "$repo/topsrv-link.c"

# A linked worktree: its .git is a file; it is a work tree of its own.
(cd "$repo" && git_q worktree add -q "$TMP/wt") || exit 2
wt=$(cd "$TMP/wt" && pwd -P)
test_expect_success 'a linked worktree (.git is a file) is a work tree' '
	test_path_is_file "$TMP/wt/.git" &&
	cd "$TMP/wt/net" &&
	test_expect_code 0 "$COCCIDRIVE" convert -q --report "$TMP/wt.json" ipv4 &&
	test_cmp "$TMP/ipv4.patch" "$OUT" &&
	test "$(jq -r .root "$TMP/wt.json")" = "$wt"
'
test_expect_success 'TREEs in two git work trees: exit 2, both named' '
	cd "$repo" &&
	test_expect_code 2 "$COCCIDRIVE" check net/ipv4 "$TMP/wt/net/qrtr" &&
	test_grep -x "coccidrive: net/ipv4 and $TMP/wt/net/qrtr are in two git work trees, $top and $wt: give --root DIR, patch paths are relative to it" "$ERR" &&
	test_line_count = 1 "$ERR"
'
test_expect_success 'two work trees with --root above both: paths from there' '
	cd "$repo" &&
	test_expect_code 0 "$COCCIDRIVE" convert -q --root "$TMP" net/ipv4/af_inet.c "$TMP/wt/net/qrtr" &&
	grep "^diff --git" "$OUT" >"$TMP/heads" &&
	printf "%s\n" "diff --git a/linux/net/ipv4/af_inet.c b/linux/net/ipv4/af_inet.c" \
		"diff --git a/wt/net/qrtr/ns.c b/wt/net/qrtr/ns.c" >"$TMP/want" &&
	test_cmp "$TMP/want" "$TMP/heads"
'

# Outside git: relative to the current directory, or --root.
plain=$TMP/plain
cp -R "$src" "$plain"
rplain=$(cd "$plain" && pwd -P)
test_expect_success 'outside git: paths from the current directory' '
	cd "$plain" &&
	test_expect_code 0 "$COCCIDRIVE" convert -q --report "$TMP/plain.json" net &&
	test_grep -x "diff --git a/net/socket.c b/net/socket.c" "$OUT" &&
	test "$(jq -r .root "$TMP/plain.json")" = "$rplain" &&
	test "$(jq -r ".occurrences[0].file" "$TMP/plain.json")" = net/ipv4/udp_tunnel.c
'
test_expect_success 'outside git: a TREE outside the current directory: exit 2, one line' '
	cd "$plain/net" &&
	test_expect_code 2 "$COCCIDRIVE" convert ../fs &&
	test_grep -x "coccidrive: ../fs: not below $rplain/net (the current directory; no git work tree above $rplain/fs): give --root DIR, patch paths are relative to it" "$ERR" &&
	test_line_count = 1 "$ERR" &&
	test_must_be_empty "$OUT"
'
test_expect_success 'outside git, a TREE outside the current directory: check refuses it too' '
	cd "$plain/net" &&
	test_expect_code 2 "$COCCIDRIVE" check ../fs &&
	test_grep "^coccidrive: ../fs: not below " "$ERR"
'
test_expect_success '--root DIR from anywhere: paths from DIR' '
	cd / &&
	test_expect_code 0 "$COCCIDRIVE" convert -q --root "$plain" "$plain/net" "$plain/fs/dlm" &&
	grep "^diff --git" "$OUT" >"$TMP/heads" &&
	printf "%s\n" "diff --git a/fs/dlm/lowcomms.c b/fs/dlm/lowcomms.c" \
		"diff --git a/net/ipv4/udp_tunnel.c b/net/ipv4/udp_tunnel.c" \
		"diff --git a/net/socket.c b/net/socket.c" >"$TMP/want" &&
	test_cmp "$TMP/want" "$TMP/heads"
'
test_expect_success '--root DIR overrides the git work tree' '
	cd "$repo/net" &&
	test_expect_code 0 "$COCCIDRIVE" convert -q --root . ipv4 &&
	test_grep -x "diff --git a/ipv4/af_inet.c b/ipv4/af_inet.c" "$OUT"
'
test_expect_success '--root DIR refuses a TREE outside DIR' '
	cd "$plain" &&
	test_expect_code 2 "$COCCIDRIVE" convert --root net fs &&
	test_grep -x "coccidrive: fs: not below $rplain/net (given by --root): give --root DIR, patch paths are relative to it" "$ERR" &&
	test_line_count = 1 "$ERR"
'
test_expect_success '--root naming a missing directory: exit 2, one line' '
	cd "$plain" &&
	test_expect_code 2 "$COCCIDRIVE" check --root "$TMP/nowhere" net &&
	test_grep -x "coccidrive: --root: $TMP/nowhere: No such file or directory" "$ERR" &&
	test_line_count = 1 "$ERR"
'
test_expect_success '--root naming a file: exit 2, one line' '
	cd "$plain" &&
	test_expect_code 2 "$COCCIDRIVE" convert --root net/socket.c net &&
	test_grep -x "coccidrive: --root: net/socket.c: not a directory" "$ERR" &&
	test_line_count = 1 "$ERR"
'
test_done
