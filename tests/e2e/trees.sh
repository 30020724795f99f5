#!/bin/sh
# Which files a run covers: code in folders and files whose names start
# with '.' is converted like any other, only version control and quilt
# metadata (.git, .pc) is left out and the summary says how much; trees
# given more than once, or one inside another, convert each file once.
. "$(dirname "$0")/../e2e-lib.sh"

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

expect_status "convert a tree with hidden folders" 0 "$COCCIDRIVE" convert "$t"
cp "$OUT" "$TMP/one.patch"
expect_grep "a hidden folder is converted" "^diff --git a/.vendor/net/qos_sock.c b/.vendor/net/qos_sock.c$" "$OUT"
expect_grep "a hidden file is converted" "^diff --git a/.probe.c b/.probe.c$" "$OUT"
if grep -q -e '^diff --git a/.git/' -e '^diff --git a/.pc/' "$OUT"; then
	fail ".git and .pc are not converted" "$(grep '^diff' "$OUT")"
else
	pass ".git and .pc are not converted"
fi
expect_grep "the summary says what was skipped" \
	"^coccidrive convert: 3 files scanned (skipped: 2 VCS or quilt directories), 3 with sock_create_kern" "$ERR"

ln -s fs "$t/fs-link"
expect_status "convert t t/fs t: exit 0" 0 "$COCCIDRIVE" convert "$t" "$t/fs" "$t"
if cmp -s "$OUT" "$TMP/one.patch"; then
	pass "convert t t/fs t: the same patch as convert t"
else
	fail "convert t t/fs t: the same patch as convert t" "$(diff -u "$TMP/one.patch" "$OUT" | head -30)"
fi
expect_grep "skipped directories and links are counted once" \
	"scanned (skipped: 2 VCS or quilt directories, 1 symbolic link), 3 with" "$ERR"
if (cd "$TMP/pristine" && patch -p1 -s --dry-run <"$OUT") >"$TMP/e" 2>&1; then
	pass "convert t t/fs t: the patch applies"
else
	fail "convert t t/fs t: the patch applies" "$(cat "$TMP/e")"
fi

expect_status "convert t t --in-place" 0 "$COCCIDRIVE" convert --in-place "$t" "$t"
if grep -q '&init_net, &init_net' "$t/fs/cifs_conn.c" "$t/.probe.c" "$t/.vendor/net/qos_sock.c"; then
	fail "--in-place t t: each call gains one argument"
elif [ "$(cat "$t/fs/cifs_conn.c" "$t/.probe.c" "$t/.vendor/net/qos_sock.c" |
	grep -c '&init_net, AF_INET')" -eq 3 ]; then
	pass "--in-place t t: each call gains one argument"
else
	fail "--in-place t t: each call gains one argument" "$(grep -rn sock_create_kern "$t")"
fi
expect_status "check t/fs t afterwards: nothing left" 0 "$COCCIDRIVE" check "$t/fs" "$t"
finish
