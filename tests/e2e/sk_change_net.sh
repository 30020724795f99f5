#!/bin/sh
# semantic-patches/sk_change_net.cocci on its own, run by spatch as
# coccicheck runs it: patch mode gives exactly the golden files of
# tests/e2e/sk_change_net/expected/ (4.0-era shapes of udp_tunnel,
# ip6_udp_tunnel, l2tp, ipvs and af_inet, written for these tests), an
# sk_change_net() that cannot be tied to a sock_create_kern() call is left
# alone and reported, one after a call that already passes its namespace
# (what convert --net=infer leaves) removed, one after a call that passes
# another namespace left and reported as a disagreement, and a second run
# changes nothing.  (The cases live
# here rather than in testdata/, whose every entry "coccidrive test" runs
# through sock_create_kern.cocci.)
. "$(dirname "$0")/../test-lib.sh"

cocci=$ROOT/semantic-patches/sk_change_net.cocci
cases=$ROOT/tests/e2e/sk_change_net
opts=$(sed -n 's#^// Options:##p' "$cocci")
sp() { # mode file...
	m=$1
	shift
	# shellcheck disable=SC2086
	spatch --very-quiet --sp-file "$cocci" -D "$m" $opts "$@"
}

test_expect_success 'the header says the rule needs Linux 4.2 or later' '
	test_grep "VALID ONLY ON A KERNEL WHOSE sk_alloc() NO LONGER TAKES A" "$cocci" &&
	test_grep "(upstream 4.2 and later)" "$cocci"
'

# As for sock_create_kern.cocci: without a word to grep for, spatch
# parses every file of the tree.
for m in patch report org context; do
	spatch --parse-cocci -D "$m" "$cocci" >"$TMP/parse.$m" 2>&1
	test_expect_success "-D $m: spatch selects files by the function names only" '
		test_grep -v "No grep query" "$TMP/parse.$m" &&
		sed -n "/^Grep query\$/{n;p;}" "$TMP/parse.$m" >"$TMP/query.$m" &&
		test_line_count = 1 "$TMP/query.$m" &&
		tr " " "\n" <"$TMP/query.$m" | grep -v "^||\$" |
			grep -v -x -e sock_create_kern -e sk_change_net -e sk_release_kernel >"$TMP/extra.$m"
		test_must_be_empty "$TMP/extra.$m"
	'
done

mkdir "$TMP/work" && cp "$cases"/in/*.c "$TMP/work/" || exit 2
cd "$TMP/work" || exit 2
# --dir, as coccicheck: with several files on its command line spatch
# takes them as one unit, and "depends on" a rule that matched in one file
# then holds in all of them (untied.c lost its sk_release_kernel() so).
sp patch --in-place --dir . >"$TMP/p" 2>"$TMP/e"
# expected/ is what coccidrive convert --sk-change-net makes; spatch alone
# differs in one way: it leaves the comment that documented a removed
# sk_change_net() above the next statement (ipvs_like.c), which the
# driver takes away as upstream did in ip_vs_sync.c.
for f in "$cases"/in/*.c; do
	name=$(basename "$f")
	[ "$name" = ipvs_like.c ] && continue
	test_expect_success "patch: $name as expected" '
		test_cmp "$cases/expected/$name" "$name"
	'
done
test_expect_success 'patch: ipvs_like.c as expected, but for the comment spatch leaves' '
	sed -n "15,18p" ipvs_like.c >"$TMP/left" &&
	test_grep "^	/\*\$" "$TMP/left" &&
	test_grep "^	 \*/\$" "$TMP/left" &&
	sed "15,18d" ipvs_like.c >"$TMP/ipvs" &&
	test_cmp "$cases/expected/ipvs_like.c" "$TMP/ipvs"
'
test_expect_success 'patch: the rule parses and runs without warnings' '
	! grep -i "warning" "$TMP/e"
'
test_expect_success 'patch: the untied sk_change_net() and its release stay' '
	test_cmp "$cases/in/untied.c" untied.c &&
	test_grep -F "sk_change_net(sock->sk, net);" untied.c &&
	test_grep -F "sk_release_kernel(r->sock->sk);" untied.c
'
test_expect_success 'patch: a call that already passes the namespace stays, its sk_change_net() goes' '
	test_grep -F "sock_create_kern(net, AF_INET6, SOCK_DGRAM, IPPROTO_UDP, &sock);" already_passes.c &&
	test_grep -F "sock_create_kern(dev_net(vx->dev), PF_INET, SOCK_DGRAM, 0, sockp);" already_passes.c &&
	test_grep -F "sock_release(vx->sock);" already_passes.c
'
test_expect_success 'patch: a call that passes another namespace: nothing changes' '
	test_cmp "$cases/in/disagree.c" disagree.c
'
test_expect_success 'patch: no sk_change_net() left in the tied files' '
	! grep -n sk_change_net af_inet_like.c ip6_tunnel_like.c ipvs_like.c \
		l2tp_like.c udp_tunnel_like.c already_passes.c &&
	test_cmp "$cases/in/macro.c" macro.c
'
test_expect_success 'patch: a second run changes nothing' '
	sp patch --dir . >"$TMP/p2" 2>&1 &&
	test_must_be_empty "$TMP/p2"
'

cd "$cases/in" || exit 2
sp report --dir . >"$TMP/r" 2>"$TMP/e"
sed "s#^\./##" "$TMP/r" >"$TMP/report"
test_expect_success 'report: the untied sk_change_net(), coccicheck format' '
	test_grep -x "untied.c:18:1-14: sk_change_net() on a socket not made by sock_create_kern() in this function: convert by hand" "$TMP/report"
'
test_expect_success 'report: the sk_change_net() in a macro, as untied' '
	test_grep -x "macro.c:6:29-42: sk_change_net() on a socket not made by sock_create_kern() in this function: convert by hand" "$TMP/report"
'
test_expect_success 'report: its sk_release_kernel() too' '
	test_grep "^untied.c:25:1-18: sk_release_kernel() in a file where no sk_change_net() could be folded" "$TMP/report"
'
test_expect_success 'report: sk_release_kernel() on a bare struct sock' '
	test_grep "^af_inet_like.c:28:1-18: sk_release_kernel() on a bare struct sock" "$TMP/report"
'
test_expect_success 'report: the sk_change_net() after a call that already passes its namespace' '
	test_grep -x "already_passes.c:18:1-14: sk_change_net() after a sock_create_kern() that already passes its namespace: remove it (Linux 4.2 and later only)" "$TMP/report" &&
	test_grep -x "already_passes.c:30:1-14: sk_change_net() after a sock_create_kern() that already passes its namespace: remove it (Linux 4.2 and later only)" "$TMP/report" &&
	test_grep -x "already_passes.c:37:1-18: sk_release_kernel(): use sock_release() on the socket" "$TMP/report"
'
test_expect_success 'report: the sk_change_net() whose call passes another namespace' '
	test_grep -x "disagree.c:18:1-14: sk_change_net() into another namespace than the one its sock_create_kern() passes: the two disagree, choose by hand" "$TMP/report" &&
	test_grep "^disagree.c:25:1-18: sk_release_kernel() in a file where no sk_change_net() could be folded" "$TMP/report"
'
test_expect_success 'report: every tied sk_change_net(), and only those, as foldable' '
	grep "pass the namespace to sock_create_kern()" "$TMP/report" | cut -d: -f1,2 | sort >"$TMP/tied" &&
	cat >"$TMP/tied.want" <<-\EOT &&
	af_inet_like.c:21
	ip6_tunnel_like.c:18
	ipvs_like.c:19
	l2tp_like.c:19
	l2tp_like.c:32
	udp_tunnel_like.c:18
	EOT
	test_cmp "$TMP/tied.want" "$TMP/tied"
'
test_expect_success 'report: no diff, no warning' '
	test_grep -v "^[-+]" "$TMP/r" &&
	! grep -i "warning" "$TMP/e"
'
test_expect_success 'org: a TODO item for the untied call' '
	sp org untied.c >"$TMP/o" 2>&1 &&
	test_grep "^\* TODO \[\[view:untied.c::face=ovl-face1::linb=18::.*not tied to a sock_create_kern() call" "$TMP/o"
'
test_expect_success 'org: TODO items for the call that already passes it and the disagreement' '
	sp org already_passes.c >"$TMP/o2" 2>&1 &&
	sp org disagree.c >>"$TMP/o2" 2>&1 &&
	test_grep "linb=18::.*sk_change_net() to remove: sock_create_kern() already passes its namespace" "$TMP/o2" &&
	test_grep "linb=18::.*sk_change_net() and its sock_create_kern() name different namespaces" "$TMP/o2"
'
test_expect_success 'context: the untied call is starred' '
	sp context untied.c >"$TMP/c" 2>&1 &&
	test_grep "^-	sk_change_net(sock->sk, net);" "$TMP/c"
'
test_done
