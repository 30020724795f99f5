#!/bin/sh
# check --git-range BASE..HEAD and check --patch FILE|-: the findings of
# a patch series, each pinned to the commit that adds its line, the same
# from a range and from its format-patch mbox; exit 0/1/2; and the
# repository (every file under .git, the work tree, git status) exactly
# as it was after every command, time stamps included.
. "$(dirname "$0")/../test-lib.sh"

. "$ROOT/tests/lib-git.sh"

# The files the series adds: small kernel-like C, written here.
mkdir -p "$TMP/src"
cat >"$TMP/src/foo.c" <<\EOF
// SPDX-License-Identifier: GPL-2.0
/* A new protocol module: its control socket. */
#include <linux/net.h>

static struct socket *foo_ctl;

int foo_init(void)
{
	return sock_create_kern(AF_INET, SOCK_DGRAM, IPPROTO_UDP,
				&foo_ctl);
}
EOF
cat >"$TMP/src/side.c" <<\EOF
// SPDX-License-Identifier: GPL-2.0
#include <linux/net.h>

int side_open(struct socket **res)
{
	return sock_create_kern(AF_PACKET, SOCK_RAW, 0, res);
}
EOF
cat >"$TMP/src/bar.c" <<\EOF
// SPDX-License-Identifier: GPL-2.0
#include <linux/net.h>
#include <net/net_namespace.h>

int bar_open(struct net *net, struct socket **res)
{
	return sock_create_kern(net, AF_INET, SOCK_STREAM, 0, res);
}
EOF

repo=$TMP/repo
test_expect_success 'a series on a tree with old calls: setup' '
	git init -q -b master "$repo" &&
	cp -R "$ROOT/testdata/sample-tree/." "$repo" &&
	cd "$repo" &&
	git add -A && commit "base: the sample tree" && git tag base &&

	mkdir -p net/foo && cp "$TMP/src/foo.c" net/foo/foo.c &&
	git add -A && commit "net: foo: add the control socket" && git tag c-foo &&

	git checkout -q -b side &&
	mkdir -p net/side && cp "$TMP/src/side.c" net/side/side.c &&
	git add -A && commit "net: side: a raw socket" && git tag c-side &&
	git checkout -q master &&

	mkdir -p net/bar && cp "$TMP/src/bar.c" net/bar/bar.c &&
	git add -A && commit "net: bar: a socket in the namespace of the caller" &&
	git tag c-bar &&

	sed "s/SOCK_STREAM,\$/SOCK_STREAM | SOCK_CLOEXEC,/" fs/dlm/lowcomms.c >x &&
	mv x fs/dlm/lowcomms.c && git diff --stat | grep -q "1 insertion" &&
	git add -A && commit "dlm: close the listening socket on exec" && git tag c-dlm &&

	git mv net/ipv4/udp_tunnel.c net/ipv4/udp_tunnel_core.c &&
	sed "s|^/\* UDP tunnel sockets.*|/* UDP tunnel sockets, the core. */|" \
		net/ipv4/udp_tunnel_core.c >x && mv x net/ipv4/udp_tunnel_core.c &&
	git add -A && commit "udp: move the tunnel sockets to udp_tunnel_core.c" &&
	git show --stat HEAD | grep -q "udp_tunnel.c => udp_tunnel_core.c" &&

	git rm -q drivers/net/vxlan.c && commit "vxlan: remove the driver" &&

	mkdir -p drivers/fw &&
	printf "\\000\\001sock_create_kern(1, 2, 3, 4)\\000" >drivers/fw/table.h &&
	printf "\\000\\377" >drivers/fw/fw.bin &&
	git add -A && commit "fw: add the firmware table" &&

	mkdir -p net/vendor && cp "$ROOT/testdata/unparsable.c" net/vendor/legacy.c &&
	git add -A && commit "net: vendor: the legacy bind" && git tag c-vendor &&

	sed "s/sock_create_kern(AF_INET, SOCK_DGRAM, IPPROTO_UDP,/sock_create_kern(\\&init_net, AF_INET, SOCK_DGRAM, IPPROTO_UDP,/" \
		net/foo/foo.c >x && mv x net/foo/foo.c &&
	git add -A && commit "net: foo: pass the namespace" && git tag c-fix &&

	tick=$((tick + 60)) &&
	GIT_AUTHOR_DATE="@$tick +0000" GIT_COMMITTER_DATE="@$tick +0000" \
		git merge -q --no-ff -m "Merge branch side" side &&
	git --no-optional-locks status --porcelain >"$TMP/st" &&
	test_must_be_empty "$TMP/st" &&
	cd "$ROOT"
'

# What the series must give, read line by line (the ids are this run's):
# the call foo adds (fixed by a later commit, still a finding: each
# commit must stand alone), the old dlm call whose line a commit edits,
# the vendor file spatch cannot parse (manual work, with the reason; its
# other call is a plain finding), the side branch's call, blamed on the
# side commit and not again on the merge.
old="sock_create_kern() called with 4 arguments, without a struct net *; convert would add &init_net"
test_expect_success 'the expected findings' '
	c_foo=$(id c-foo) && c_side=$(id c-side) && c_dlm=$(id c-dlm) &&
	c_vendor=$(id c-vendor) && c_fix=$(id c-fix) &&
	cat >"$TMP/expect" <<-EOF
	net/foo/foo.c:9:9: $old [commit $c_foo "net: foo: add the control socket"]
	net/foo/foo.c:9:9: note: fixed later in the series, by commit $c_fix "net: foo: pass the namespace"
	net/side/side.c:6:9: $old [commit $c_side "net: side: a raw socket"]
	fs/dlm/lowcomms.c:14:11: $old [commit $c_dlm "dlm: close the listening socket on exec"]
	net/vendor/legacy.c:11:9: $old [commit $c_vendor "net: vendor: the legacy bind"]
	net/vendor/legacy.c:19:8: needs manual work: function legacy_bind() did not parse (spatch: parse error at line 18 near ${SQ}int${SQ}, also with the macro file) [commit $c_vendor "net: vendor: the legacy bind"]
	EOF
'

test_expect_success '--git-range: each finding pinned to its commit, exit 1' '
	unchanged 1 "$COCCIDRIVE" check --git-range base..master -C "$repo" &&
	test_cmp "$TMP/expect" "$OUT" &&
	cp "$OUT" "$TMP/range.out" &&
	test_grep -F "coccidrive check --git-range: 10 commits (1 merge)" "$ERR" &&
	test_grep -F "(skipped: 1 deleted, 1 binary)" "$ERR" &&
	test_grep -F "findings:            5 (listed on stdout; 1 fixed later in the series)" "$ERR"
'

test_expect_success 'the converted call, the rename, the deletion, the binary and the merge: no finding' '
	test_grep -v "net/bar/" "$OUT" &&
	test_grep -v "udp_tunnel" "$OUT" &&
	test_grep -v "vxlan" "$OUT" &&
	test_grep -v "drivers/fw" "$OUT" &&
	test_grep -v -F "Merge branch" "$OUT" &&
	test_grep -v "lowcomms.c:26:" "$OUT"
'

test_expect_success 'from a subdirectory of the repository, without -C' '
	cd "$repo/net" &&
	unchanged 1 "$COCCIDRIVE" check -q --git-range base..master &&
	cd "$ROOT" &&
	test_cmp "$TMP/range.out" "$OUT" &&
	test_must_be_empty "$ERR"
'

test_expect_success '--patch of the format-patch mbox: byte-identical findings' '
	git -C "$repo" format-patch -q --stdout base..master >"$TMP/series.mbox" &&
	test "$(grep -c "^From [0-9a-f]\{40\} " "$TMP/series.mbox")" = 9 &&
	unchanged 1 "$COCCIDRIVE" check --patch "$TMP/series.mbox" -C "$repo" --base base &&
	test_cmp "$TMP/range.out" "$OUT" &&
	test_grep -F "coccidrive check --patch: 9 patches" "$ERR"
'

# --format with the real command: the same findings in each format, each
# document valid (the formats themselves, hostile names included, are
# tests/e2e/findings_formats.sh's).
PYTHON=${COCCIDRIVE_PYTHON:-/usr/bin/python3}
MULTITOOL=${SARIF_MULTITOOL:-${COCCIDRIVE_NPM_DIR:-$HOME/.cache/coccidrive/npm}/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool}
# The places of the findings in the text output, "file:line:col:".
grep -v -e ": note: " -e ": hint: " "$TMP/range.out" | cut -d: -f1-3 >"$TMP/places"
test_expect_success '--format=json: valid, the findings of the text, exit 1' '
	unchanged 1 "$COCCIDRIVE" check -q --format=json --git-range base..master -C "$repo" &&
	cp "$OUT" "$TMP/range.json" &&
	"$PYTHON" "$ROOT/tests/json-validate.py" "$ROOT/schemas/findings.schema.json" "$TMP/range.json" >"$TMP/errs" &&
	test_must_be_empty "$TMP/errs" &&
	jq -r ".findings[] | \"\(.file):\(.line):\(.column)\"" "$TMP/range.json" >"$TMP/json.places" &&
	test_cmp "$TMP/places" "$TMP/json.places" &&
	test "$(jq "[.findings[] | select(.fixed_by != null)] | length" "$TMP/range.json")" = 1 &&
	test "$(jq -r .source "$TMP/range.json")" = base..master
'
test_expect_success '--format=json of the mbox: the same findings and totals (the mbox has no merge)' '
	unchanged 1 "$COCCIDRIVE" check -q --format=json --patch "$TMP/series.mbox" -C "$repo" --base base &&
	jq -S "{findings, totals, base}" "$OUT" >"$TMP/mbox.json.s" &&
	jq -S "{findings, totals, base}" "$TMP/range.json" >"$TMP/range.json.s" &&
	test_cmp "$TMP/range.json.s" "$TMP/mbox.json.s"
'
test_expect_success '--format=sarif: valid SARIF 2.1.0, GitHub rules pass, one result per finding' '
	unchanged 1 "$COCCIDRIVE" check -q --format=sarif --git-range base..master -C "$repo" &&
	cp "$OUT" "$TMP/range.sarif" &&
	"$PYTHON" "$ROOT/tests/json-validate.py" "$ROOT/schemas/sarif-schema-2.1.0.json" "$TMP/range.sarif" >"$TMP/errs" &&
	test_must_be_empty "$TMP/errs" &&
	"$MULTITOOL" validate --rule-kind "Gh;Sarif" "$TMP/range.sarif" >"$TMP/mt" 2>&1 &&
	test_grep "Analysis completed successfully" "$TMP/mt" &&
	grep -E ": (error|warning) " "$TMP/mt" | grep -v " warning SARIF2005: " >"$TMP/errs";
	test_must_be_empty "$TMP/errs" &&
	jq -r ".runs[0].results[] | \"\(.locations[0].physicalLocation.artifactLocation.uri):\(.locations[0].physicalLocation.region.startLine):\(.locations[0].physicalLocation.region.startColumn)\"" "$TMP/range.sarif" >"$TMP/sarif.places" &&
	test_cmp "$TMP/places" "$TMP/sarif.places"
'
test_expect_success '--format=github: one ::error per finding, at its place' '
	unchanged 1 "$COCCIDRIVE" check -q --format=github --git-range base..master -C "$repo" &&
	sed -n "s/^::error file=\([^,]*\),line=\([0-9]*\),col=\([0-9]*\),.*/\1:\2:\3/p" "$OUT" >"$TMP/gh.places" &&
	test_cmp "$TMP/places" "$TMP/gh.places" &&
	test_line_count = "$(wc -l <"$TMP/places")" "$OUT"
'
test_expect_success '--format: an unknown one, or with TREEs: exit 2, one line' '
	test_expect_code 2 "$COCCIDRIVE" check --format=xml --git-range base..master -C "$repo" &&
	test_grep -x -F "coccidrive: check: --format: ${SQ}xml${SQ} is not text, json, sarif or github" "$ERR" &&
	test_expect_code 2 "$COCCIDRIVE" check --format=json "$repo" &&
	test_line_count = 1 "$ERR"
'

test_expect_success '--patch on a clone whose HEAD is BASE, without --base' '
	git clone -q "$repo" "$TMP/clone" &&
	git -C "$TMP/clone" reset -q --hard base &&
	repo_snapshot "$TMP/clone" >"$TMP/clone.before" &&
	test_expect_code 1 "$COCCIDRIVE" check -q --patch "$TMP/series.mbox" -C "$TMP/clone" &&
	repo_snapshot "$TMP/clone" >"$TMP/clone.after" &&
	test_cmp "$TMP/clone.before" "$TMP/clone.after" &&
	test_cmp "$TMP/range.out" "$OUT"
'

test_expect_success '--patch - reads the mbox from standard input' '
	repo_snapshot "$repo" >"$TMP/before" &&
	{ "$COCCIDRIVE" check -q --patch - -C "$repo" --base base \
		<"$TMP/series.mbox" >"$TMP/stdin.out" 2>"$TMP/stdin.err"; echo $? >"$TMP/rc"; } &&
	test "$(cat "$TMP/rc")" = 1 &&
	repo_snapshot "$repo" >"$TMP/after" &&
	test_cmp "$TMP/before" "$TMP/after" &&
	test_cmp "$TMP/range.out" "$TMP/stdin.out" &&
	test_must_be_empty "$TMP/stdin.err"
'

test_expect_success 'one patch on stdin without a From line, as b4 hands it: [patch N]' '
	git -C "$repo" format-patch -q --stdout -1 c-foo | sed 1d >"$TMP/one.eml" &&
	head -n 1 "$TMP/one.eml" | grep -q "^From: " &&
	repo_snapshot "$repo" >"$TMP/before" &&
	(cd "$repo" && "$COCCIDRIVE" check -q --patch - --base base \
		<"$TMP/one.eml" >"$TMP/one.out" 2>"$TMP/one.err"; echo $? >"$TMP/rc") &&
	test "$(cat "$TMP/rc")" = 1 &&
	repo_snapshot "$repo" >"$TMP/after" &&
	test_cmp "$TMP/before" "$TMP/after" &&
	echo "net/foo/foo.c:9:9: $old [patch 1 \"net: foo: add the control socket\"]" >"$TMP/expect1" &&
	test_cmp "$TMP/expect1" "$TMP/one.out"
'

test_expect_success 'a patch that does not apply: one line naming it, exit 2' '
	unchanged 2 "$COCCIDRIVE" check --patch "$TMP/series.mbox" -C "$repo" &&
	test_must_be_empty "$OUT" &&
	test_line_count = 1 "$ERR" &&
	test_grep "^coccidrive: --patch .*series.mbox: patch 1/9 \"net: foo: add the control socket\" does not apply: net/foo/foo.c: already exists\$" "$ERR" &&
	git -C "$repo" format-patch -q --stdout -1 c-fix >"$TMP/fix.mbox" &&
	unchanged 2 "$COCCIDRIVE" check --patch "$TMP/fix.mbox" -C "$repo" --base base &&
	test_must_be_empty "$OUT" &&
	test_line_count = 1 "$ERR" &&
	test_grep "^coccidrive: --patch .*fix.mbox: patch 1 \"net: foo: pass the namespace\" does not apply: " "$ERR"
'

test_expect_success '--all: what the touched files held at BASE, marked pre-existing' '
	unchanged 1 "$COCCIDRIVE" check -q --all --git-range base..master -C "$repo" &&
	{
		echo "fs/dlm/lowcomms.c:26:6: $old [pre-existing]" &&
		echo "net/ipv4/udp_tunnel_core.c:13:8: $old [pre-existing]" &&
		echo "net/ipv4/udp_tunnel_core.c:13:8: hint: udp_sock_create4() has ${SQ}struct net *net${SQ}: pass net instead of &init_net?" &&
		cat "$TMP/expect"
	} >"$TMP/expect.all" &&
	test_cmp "$TMP/expect.all" "$OUT" &&
	unchanged 1 "$COCCIDRIVE" check -q --all --patch "$TMP/series.mbox" -C "$repo" --base base &&
	test_cmp "$TMP/expect.all" "$OUT"
'

test_expect_success 'a clean range: exit 0, nothing on stdout' '
	unchanged 0 "$COCCIDRIVE" check --git-range c-foo..c-bar -C "$repo" &&
	test_must_be_empty "$OUT" &&
	test_grep -F "1 commit, 1 changed C file checked" "$ERR" &&
	unchanged 0 "$COCCIDRIVE" check --git-range master..master -C "$repo" &&
	test_must_be_empty "$OUT" &&
	test_grep -F "0 commits" "$ERR"
'

# An evil merge: a conflict resolved with an old call is the merge's own;
# what each side brought is blamed on its commit, once.
test_expect_success 'a merge: its conflict resolution is its own, the sides are not blamed twice' '
	m=$TMP/merge && git init -q -b master "$m" && cd "$m" &&
	mkdir net &&
	printf "#include <linux/net.h>\n\nint x(struct socket **s)\n{\n\treturn 0;\n}\n" >net/x.c &&
	git add -A && commit "x: stub" && git tag mbase &&
	git checkout -q -b a &&
	sed "s/return 0;/return sock_create_kern(AF_INET, SOCK_DGRAM, 0, s);/" net/x.c >t &&
	mv t net/x.c && commit "x: a" -a && git tag m-a &&
	git checkout -q master &&
	sed "s/return 0;/return -ENOSYS;/" net/x.c >t && mv t net/x.c &&
	printf "int y(struct socket **s)\n{\n\treturn sock_create_kern(AF_INET6, SOCK_DGRAM, 0, s);\n}\n" >net/y.c &&
	git add -A && commit "x: master" && git tag m-master &&
	test_must_fail git merge -q a >/dev/null 2>&1 &&
	printf "#include <linux/net.h>\n\nint x(struct socket **s)\n{\n\treturn sock_create_kern(AF_UNIX, SOCK_DGRAM, 0, s);\n}\n" >net/x.c &&
	git add -A && commit "Merge branch a" && git tag m-merge &&
	test "$(git cat-file -p m-merge | grep -c "^parent ")" = 2 &&
	cd "$ROOT" &&
	repo=$m &&
	unchanged 1 "$COCCIDRIVE" check -q --git-range mbase..master -C "$m" &&
	printf "%s\n" \
		"net/x.c:5:9: $old [commit $(id m-a) \"x: a\"]" \
		"net/y.c:3:9: $old [commit $(id m-master) \"x: master\"]" \
		"net/x.c:5:9: $old [commit $(id m-merge) \"Merge branch a\"]" |
		sort >"$TMP/expect.m" &&
	sort "$OUT" >"$TMP/out.m" &&
	repo=$TMP/repo &&
	test_cmp "$TMP/expect.m" "$TMP/out.m"
'

test_expect_success 'errors: one line, exit 2, nothing on stdout, nothing written' '
	mkdir -p "$TMP/plain" && printf "Subject: notes\n\nno diff here\n" >"$TMP/notes.txt" &&
	for args in \
		"--git-range base..master -C $TMP/plain" \
		"--git-range nosuch..master -C $repo" \
		"--git-range master -C $repo" \
		"--git-range base...master -C $repo" \
		"--patch $TMP/nosuch.mbox -C $repo" \
		"--patch $TMP/notes.txt -C $repo" \
		"--git-range base..master --patch $TMP/series.mbox" \
		"--git-range base..master -C $repo testdata" \
		"--git-range base..master -C $repo --base base" \
		"--git-range base..master -C $repo --report $TMP/r.json" \
		"--all testdata" \
		"-C $repo testdata"
	do
		# shellcheck disable=SC2086
		unchanged 2 "$COCCIDRIVE" check $args &&
		test_must_be_empty "$OUT" &&
		test_line_count = 1 "$ERR" || bad="$bad [$args]"
	done &&
	test -z "${bad:-}"
'

test_expect_success 'the error lines say what is wrong' '
	test_expect_code 2 "$COCCIDRIVE" check --git-range base..master -C "$TMP/plain" &&
	test_grep "^coccidrive: -C .*plain: not a git repository" "$ERR" &&
	test_expect_code 2 "$COCCIDRIVE" check --git-range nosuch..master -C "$repo" &&
	test_grep "^coccidrive: --git-range nosuch..master: .*nosuch" "$ERR" &&
	test_expect_code 2 "$COCCIDRIVE" check --git-range master -C "$repo" &&
	test_grep -F "coccidrive: --git-range master: not a range BASE..HEAD" "$ERR" &&
	test_expect_code 2 "$COCCIDRIVE" check --patch "$TMP/notes.txt" -C "$repo" &&
	test_grep "notes.txt: no patch in it" "$ERR" &&
	test_expect_code 2 "$COCCIDRIVE" check --git-range base..master -C "$repo" testdata &&
	test_grep -F "check: --git-range takes no TREE (${SQ}testdata${SQ})" "$ERR" &&
	test_expect_code 2 "$COCCIDRIVE" check --all testdata &&
	test_grep -F "check: --all goes with --git-range or --patch" "$ERR"
'

# The proof above is only as good as the snapshot: it must see a file
# whose bytes stay but whose time stamp moves (what libgit2 does to an
# object it is asked to write again, unless coccidrive stops it).
test_expect_success 'the snapshot sees an object merely touched' '
	repo_snapshot "$repo" >"$TMP/s1" &&
	obj=$(find "$repo/.git/objects" -type f | head -n 1) &&
	touch -d "2001-01-01 00:00:00" "$obj" &&
	repo_snapshot "$repo" >"$TMP/s2" &&
	! cmp -s "$TMP/s1" "$TMP/s2"
'

test_done
