#!/bin/sh
# Which files a run covers: code in folders and files whose names start
# with '.' is converted like any other, only version control and quilt
# metadata (.git, .pc) is left out and the summary says how much; trees
# given more than once, or one inside another, convert each file once.
. "$(dirname "$0")/../test-lib.sh"

t=$TMP/t
mkdir -p "$t/fs" "$t/.vendor/net" "$t/.git/objects" "$t/.pc/fix-sock.patch/fs"
cat >"$t/fs/cifs_conn.c" <<'EOF'
// SPDX-License-Identifier: GPL-2.0
#include <linux/net.h>

static int cifs_open_socket(struct socket **sock)
{
	return sock_create_kern(AF_INET, SOCK_STREAM, IPPROTO_TCP, sock);
}
EOF
cat >"$t/.vendor/net/qos_sock.c" <<'EOF'
// SPDX-License-Identifier: GPL-2.0
#include <linux/net.h>

int qos_sock_open(struct socket **sock)
{
	int err = sock_create_kern(AF_INET, SOCK_DGRAM, 0, sock);

	if (err < 0)
		pr_err("qos: no socket (%d)\n", err);
	return err;
}
EOF
cat >"$t/.probe.c" <<'EOF'
// SPDX-License-Identifier: GPL-2.0
#include <linux/net.h>

int probe_sock(struct socket **sock)
{
	return sock_create_kern(AF_INET6, SOCK_DGRAM, 0, sock);
}
EOF
# What git and quilt keep: copies, never to be converted.
cp "$t/fs/cifs_conn.c" "$t/.git/objects/cifs_conn.c"
cp "$t/fs/cifs_conn.c" "$t/.pc/fix-sock.patch/fs/cifs_conn.c"
cp -R "$t" "$TMP/pristine"
# Its .git holds no repository: not a git work tree, so patch paths are
# relative to the current directory.
cd "$t" || exit 2

test_expect_success 'convert a tree with hidden folders' '
	test_expect_code 0 "$COCCIDRIVE" convert "$t" &&
	cp "$OUT" "$TMP/one.patch"
'
test_expect_success 'a hidden folder is converted' '
	test_grep -x "diff --git a/.vendor/net/qos_sock.c b/.vendor/net/qos_sock.c" "$OUT"
'
test_expect_success 'a hidden file is converted' '
	test_grep -x "diff --git a/.probe.c b/.probe.c" "$OUT"
'
test_expect_success '.git and .pc are not converted' '
	test_grep -v "^diff --git a/.git/" "$OUT" &&
	test_grep -v "^diff --git a/.pc/" "$OUT"
'
test_expect_success 'the summary says what was skipped' '
	test_grep "^coccidrive convert: 3 files scanned (skipped: 2 VCS or quilt directories), 3 with sock_create_kern" "$ERR"
'

ln -s fs "$t/fs-link"
test_expect_success 'convert t t/fs t: exit 0' '
	test_expect_code 0 "$COCCIDRIVE" convert "$t" "$t/fs" "$t"
'
test_expect_success 'convert t t/fs t: the same patch as convert t' '
	test_cmp "$TMP/one.patch" "$OUT"
'
test_expect_success 'skipped directories and links are counted once' '
	test_grep "scanned (skipped: 2 VCS or quilt directories, 1 symbolic link), 3 with" "$ERR"
'
test_expect_success 'convert t t/fs t: the patch applies' '
	(cd "$TMP/pristine" && patch -p1 -s --dry-run <"$OUT")
'

test_expect_success 'convert t t --in-place' '
	test_expect_code 0 "$COCCIDRIVE" convert --in-place "$t" "$t"
'
test_expect_success '--in-place t t: each call gains one argument' '
	cat "$t/fs/cifs_conn.c" "$t/.probe.c" "$t/.vendor/net/qos_sock.c" >"$TMP/calls" &&
	test_grep -v -F "&init_net, &init_net" "$TMP/calls" &&
	grep -F "&init_net, AF_INET" "$TMP/calls" >"$TMP/converted" &&
	test_line_count = 3 "$TMP/converted" ||
	{ grep -rn sock_create_kern "$t"; false; }
'
test_expect_success 'check t/fs t afterwards: nothing left' '
	test_expect_code 0 "$COCCIDRIVE" check "$t/fs" "$t"
'
test_done
