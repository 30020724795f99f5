#!/bin/sh
# check --git-range / --patch --fix FILE: a fix-up patch in git
# format-patch form that converts exactly the findings still there at
# HEAD, applies with git am on HEAD, the same from a range and from its
# mbox; the user's repository never written to.
. "$(dirname "$0")/../test-lib.sh"

. "$ROOT/tests/lib-git.sh"
export SOURCE_DATE_EPOCH=1700000000

mkdir -p "$TMP/src"
cat >"$TMP/src/foo.c" <<\EOF
// SPDX-License-Identifier: GPL-2.0
#include <linux/net.h>

static struct socket *foo_ctl;

int foo_init(void)
{
	return sock_create_kern(AF_INET, SOCK_DGRAM, IPPROTO_UDP,
				&foo_ctl);
}
EOF
cat >"$TMP/src/gone.c" <<\EOF
// SPDX-License-Identifier: GPL-2.0
#include <linux/net.h>

int gone_open(struct socket **res)
{
	return sock_create_kern(AF_PACKET, SOCK_RAW, 0, res);
}
EOF

# The series: foo adds a call (at HEAD: converted); dlm edits the line
# of an old call (converted) in a file with another old call it does not
# touch (pre-existing: stays byte for byte); vendor adds a file spatch
# cannot parse in one function (its other call converted, the manual
# one named); gone adds a call that a later commit fixes (not at HEAD).
repo=$TMP/repo
test_expect_success 'setup: a series on the sample tree' '
	git init -q -b master "$repo" &&
	cp -R "$ROOT/testdata/sample-tree/." "$repo" &&
	cd "$repo" &&
	git add -A && commit "base: the sample tree" && git tag base &&
	mkdir -p net/foo && cp "$TMP/src/foo.c" net/foo/foo.c &&
	git add -A && commit "net: foo: add the control socket" && git tag c-foo &&
	sed "s/SOCK_STREAM,\$/SOCK_STREAM | SOCK_CLOEXEC,/" fs/dlm/lowcomms.c >x &&
	mv x fs/dlm/lowcomms.c && git diff --stat | grep -q "1 insertion" &&
	git add -A && commit "dlm: close the listening socket on exec" && git tag c-dlm &&
	mkdir -p net/gone && cp "$TMP/src/gone.c" net/gone/gone.c &&
	git add -A && commit "net: gone: a raw socket" && git tag c-gone &&
	mkdir -p net/vendor && cp "$ROOT/testdata/unparsable.c" net/vendor/legacy.c &&
	git add -A && commit "net: vendor: the legacy bind" && git tag c-vendor &&
	sed "s/sock_create_kern(AF_PACKET/sock_create_kern(\\&init_net, AF_PACKET/" \
		net/gone/gone.c >x && mv x net/gone/gone.c &&
	git add -A && commit "net: gone: pass the namespace" &&
	git --no-optional-locks status --porcelain >"$TMP/st" &&
	test_must_be_empty "$TMP/st" &&
	cd "$ROOT"
'

test_expect_success '--fix: the findings exit 1, the patch written, the repository unchanged' '
	unchanged 1 "$COCCIDRIVE" check --git-range base..master -C "$repo" \
		--fix "$TMP/fix.patch" &&
	test -s "$TMP/fix.patch" &&
	test_grep -F "coccidrive check --fix: $TMP/fix.patch: 3 calls converted in 3 files, 1 left" "$ERR" &&
	test_grep -F "  net/vendor/legacy.c:19: needs manual work" "$ERR"
'

test_expect_success 'the mail: From, Subject, the converted calls with their commits' '
	c_foo=$(id c-foo) && c_dlm=$(id c-dlm) && c_vendor=$(id c-vendor) &&
	sed -n "1,/^---\$/p" "$TMP/fix.patch" >"$TMP/head" &&
	cat >"$TMP/expect" <<-EOF &&
	From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001
	From: coccidrive <coccidrive@localhost>
	Date: Tue, 14 Nov 2023 22:13:20 +0000
	Subject: [PATCH] treewide: pass a struct net to sock_create_kern()

	Convert the old-form sock_create_kern() calls that the series base..master
	leaves at its head, as "coccidrive check --fix" found them:

	  fs/dlm/lowcomms.c:14: commit $c_dlm ("dlm: close the listening socket on exec")
	  net/foo/foo.c:8: commit $c_foo ("net: foo: add the control socket")
	  net/vendor/legacy.c:11: commit $c_vendor ("net: vendor: the legacy bind")

	Each converted call passes &init_net, which keeps the old behaviour (the
	initial network namespace); where the caller has a namespace of its
	own (a hint above), pass that one instead: review before merging.

	Not converted, needs a human:
	EOF
	head -n 17 "$TMP/head" >"$TMP/actual" &&
	test_cmp "$TMP/expect" "$TMP/actual" &&
	test_grep "^  net/vendor/legacy.c:19: needs manual work: function legacy_bind() did not parse" "$TMP/head" &&
	test_grep -v "net/gone" "$TMP/fix.patch" &&
	grep -q -x -F -e "-- " "$TMP/fix.patch"
'

clone=$TMP/clone
test_expect_success 'git am on HEAD of a clone applies it' '
	git clone -q "$repo" "$clone" &&
	"$COCCIDRIVE" check -q "$clone" >"$TMP/tree.before";
	test $? = 1 &&
	git -C "$clone" am -q "$TMP/fix.patch" &&
	test "$(git -C "$clone" log -1 --format=%s)" = \
		"treewide: pass a struct net to sock_create_kern()" &&
	test "$(git -C "$clone" log -1 --format=%an)" = coccidrive
'

test_expect_success 'after it, the fix commit is clean' '
	test_expect_code 0 "$COCCIDRIVE" check --git-range HEAD~1..HEAD -C "$clone" &&
	test_must_be_empty "$OUT"
'

# The pre-existing call of lowcomms.c (line 26, not a finding without
# --all) and every other old call of the tree stay as they were: check
# TREE lists after the fix exactly what it listed before, less the three
# converted calls.
test_expect_success 'nothing converted but the findings' '
	grep -v -e "^fs/dlm/lowcomms.c:14:" -e "^net/foo/foo.c:8:" \
		-e "^net/vendor/legacy.c:11:" "$TMP/tree.before" |
		sed "s|^$clone/||" >"$TMP/expect" &&
	test_grep "^fs/dlm/lowcomms.c:26:" "$TMP/expect" &&
	test_expect_code 1 "$COCCIDRIVE" check -q "$clone" &&
	sed "s|^$clone/||" "$OUT" >"$TMP/actual" &&
	test_cmp "$TMP/expect" "$TMP/actual" &&
	git -C "$clone" show HEAD~1:fs/dlm/lowcomms.c | sed -n 24,30p >"$TMP/expect" &&
	sed -n 24,30p "$clone/fs/dlm/lowcomms.c" >"$TMP/actual" &&
	test_cmp "$TMP/expect" "$TMP/actual" &&
	git -C "$clone" diff --stat HEAD~1 HEAD >"$TMP/stat" &&
	test_grep -F "3 files changed, 3 insertions(+), 3 deletions(-)" "$TMP/stat"
'

test_expect_success '--fix with --patch of the mbox: the same patch' '
	git -C "$repo" format-patch -q --stdout base..master >"$TMP/series.mbox" &&
	unchanged 1 "$COCCIDRIVE" check --patch "$TMP/series.mbox" -C "$repo" \
		--base base --fix "$TMP/fix-mbox.patch" &&
	sed "s|series $TMP/series.mbox|series base..master|" "$TMP/fix-mbox.patch" >"$TMP/actual" &&
	test_cmp "$TMP/fix.patch" "$TMP/actual"
'

test_expect_success '--all: the pre-existing calls of the touched files converted too' '
	unchanged 1 "$COCCIDRIVE" check --all --git-range base..master -C "$repo" \
		--fix "$TMP/fix-all.patch" &&
	test_grep "^  fs/dlm/lowcomms.c:26: pre-existing" "$TMP/fix-all.patch" &&
	rm -rf "$clone" && git clone -q "$repo" "$clone" &&
	git -C "$clone" am -q "$TMP/fix-all.patch" &&
	test_expect_code 1 "$COCCIDRIVE" check -q "$clone" &&
	test_grep -v "lowcomms" "$OUT" &&
	test_grep "legacy.c:19:" "$OUT"
'

# net/socket.c holds the old-form definition (pre-existing, which convert
# would rewrite, body included): a call added beside it cannot be picked
# alone; the file is left out, said so on stderr, nothing converted by
# halves.  With --all the definition is a finding too: the whole file.
test_expect_success 'setup: a call beside the old definition' '
	cd "$repo" && git checkout -q -b def &&
	cat >>net/socket.c <<-\EOF &&

	int sock_ctl_open(struct socket **res)
	{
		return sock_create_kern(AF_INET, SOCK_DGRAM, 0, res);
	}
	EOF
	git add -A && commit "net: a control socket" &&
	git checkout -q master && cd "$ROOT"
'

test_expect_success 'a file with a converted definition that is not a finding: left out, said so' '
	unchanged 1 "$COCCIDRIVE" check --git-range master..def -C "$repo" \
		--fix "$TMP/def.patch" &&
	test_grep "^net/socket.c:21:8: " "$OUT" &&
	test_path_is_missing "$TMP/def.patch" &&
	test_grep -F "  net/socket.c:21: not converted: it also holds a converted declaration or definition that is not a finding" "$ERR" &&
	test_grep -F "nothing it can convert at HEAD, $TMP/def.patch not written" "$ERR"
'

test_expect_success '... with --all the definition is a finding: the whole file, git am applies' '
	unchanged 1 "$COCCIDRIVE" check --all --git-range master..def -C "$repo" \
		--fix "$TMP/def.patch" &&
	test_grep "^  net/socket.c:13: pre-existing" "$TMP/def.patch" &&
	test_grep "^  net/socket.c:21: commit" "$TMP/def.patch" &&
	rm -rf "$clone" && git clone -q -b def "$repo" "$clone" &&
	git -C "$clone" am -q "$TMP/def.patch" &&
	test_expect_code 0 "$COCCIDRIVE" check -q "$clone/net/socket.c"
'

test_expect_success 'no findings: nothing written, said so, exit 0' '
	unchanged 0 "$COCCIDRIVE" check --git-range c-vendor..master -C "$repo" \
		--fix "$TMP/none.patch" &&
	test_path_is_missing "$TMP/none.patch" &&
	test_grep -F "nothing to fix" "$ERR"
'

test_expect_success '--fix: into .git, to stdout, or without a series: exit 2, nothing written' '
	unchanged 2 "$COCCIDRIVE" check --git-range base..master -C "$repo" \
		--fix "$repo/.git/fix.patch" &&
	test_grep -F "inside the repository${SQ}s git directory" "$ERR" &&
	unchanged 2 "$COCCIDRIVE" check --git-range base..master -C "$repo" --fix - &&
	unchanged 2 "$COCCIDRIVE" check --fix "$TMP/x.patch" "$repo" &&
	test_grep -F "goes with --git-range or --patch" "$ERR" &&
	test_path_is_missing "$TMP/x.patch"
'

test_done
