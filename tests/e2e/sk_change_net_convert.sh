#!/bin/sh
# coccidrive convert --sk-change-net: the opt-in clean-up run by the
# driver (driver/pipeline/skchange.h).  The golden files of
# tests/e2e/sk_change_net/expected/; every sk_change_net() and
# sk_release_kernel() accounted for (folded, released, left with the
# reason) in the summary and --report; --cocci .../sk_change_net.cocci is
# the same; the default conversion never runs it; a tree whose headers
# show the API before Linux 4.2, or no headers at all, is refused unless
# --force-sk-change-net; and a result of spatch that does anything but the
# clean-up's edit is refused (a wrapper doctors spatch's real result).
. "$(dirname "$0")/../test-lib.sh"
# The wrapper acts on $EDIT, which no cache key sees.
COCCIDRIVE_NO_CACHE=1
export COCCIDRIVE_NO_CACHE

cases=$ROOT/tests/e2e/sk_change_net
rule=$ROOT/semantic-patches/sk_change_net.cocci

# A small kernel tree: the two headers of an era, and the cases in net/.
# make_tree DIR ERA: ERA 4.2 (sk_alloc(..., int kern), sock_create_kern
# with a struct net *), 4.0 (neither), sock40 or net40 (one of the two
# old), none (no include/).
make_tree() {
	rm -rf "$1"
	mkdir -p "$1/net" "$1/include/net" "$1/include/linux" &&
	cp "$cases"/in/*.c "$1/net/" || return
	case $2 in
	4.2 | net40)
		printf '%s\n' 'struct sock *sk_alloc(struct net *net, int family, gfp_t priority,' \
			'		      struct proto *prot, int kern);' >"$1/include/net/sock.h" ;;
	4.0 | sock40)
		printf '%s\n' 'struct sock *sk_alloc(struct net *net, int family, gfp_t priority,' \
			'		      struct proto *prot);' \
			'static inline void sk_change_net(struct sock *sk, struct net *net)' \
			'{' '	sock_net_set(sk, net);' '}' >"$1/include/net/sock.h" ;;
	esac
	case $2 in
	4.2 | sock40)
		printf '%s\n' 'int sock_create_kern(struct net *net, int family, int type, int proto,' \
			'		     struct socket **res);' >"$1/include/linux/net.h" ;;
	4.0 | net40)
		printf '%s\n' 'int sock_create_kern(int family, int type, int proto, struct socket **res);' \
			>"$1/include/linux/net.h" ;;
	none)
		rm -rf "$1/include" ;;
	esac
}

tree=$TMP/k
make_tree "$tree" 4.2 || exit 2
test_expect_success 'convert --sk-change-net --in-place: exit 0' '
	test_expect_code 0 "$COCCIDRIVE" convert --sk-change-net --no-progress \
		--root "$tree" --in-place --report "$TMP/r.json" "$tree/net"
'
for f in "$cases"/in/*.c; do
	name=$(basename "$f")
	test_expect_success "$name as expected" '
		test_cmp "$cases/expected/$name" "$tree/net/$name"
	'
done
cp "$ERR" "$TMP/conv.err"
test_expect_success 'the summary: folded, released, left' '
	test_grep -x "coccidrive convert --in-place: 10 files scanned, 10 with sk_change_net or sk_release_kernel, 2 spatch runs, 6 changed" "$TMP/conv.err" &&
	test_grep -x "  folded:              8" "$TMP/conv.err" &&
	test_grep -x "  released:            7" "$TMP/conv.err" &&
	test_grep -x "  left:                7" "$TMP/conv.err" &&
	test_grep -x "  total occurrences:   22" "$TMP/conv.err" &&
	test_grep "^note: valid on Linux 4.2 and later only" "$TMP/conv.err"
'
test_expect_success 'each occurrence left is listed with its reason' '
	grep "needs manual work" "$TMP/conv.err" >"$TMP/left" &&
	cat >"$TMP/left.want" <<-\EOT &&
	net/af_inet_like.c:28:2: sk_release_kernel(): needs manual work: on a bare struct sock *: by hand, if (sk) sock_release(sk->sk_socket) (sk_release_kernel() accepted a NULL sk)
	net/disagree.c:18:2: sk_change_net(): needs manual work: the sock_create_kern() call at line 14 that made its socket passes m->net, and sk_change_net() moves it to net: the two disagree; choose the namespace the socket belongs in, pass it to the call and remove the sk_change_net(), by hand
	net/disagree.c:25:2: sk_release_kernel(): needs manual work: no sk_change_net() folded in this file: convert it with its sk_change_net(), by hand
	net/macro.c:6:30: sk_change_net(): needs manual work: in a macro: convert by hand
	net/other_socket.c:13:2: sk_change_net(): needs manual work: not tied to a sock_create_kern() call in the same function: pass the namespace to the call that made the socket, by hand
	net/untied.c:18:2: sk_change_net(): needs manual work: not tied to a sock_create_kern() call in the same function: pass the namespace to the call that made the socket, by hand
	net/untied.c:25:2: sk_release_kernel(): needs manual work: no sk_change_net() folded in this file: convert it with its sk_change_net(), by hand
	EOT
	test_cmp "$TMP/left.want" "$TMP/left"
'
test_expect_success '--report: every occurrence, its function and outcome' '
	jq -r ".occurrences[] | \"\(.file):\(.line) \(.function) \(.outcome) \(.bucket)\"" \
		"$TMP/r.json" >"$TMP/occ" &&
	cat >"$TMP/occ.want" <<-\EOT &&
	net/af_inet_like.c:21 sk_change_net folded converted
	net/af_inet_like.c:28 sk_release_kernel left manual
	net/already_passes.c:18 sk_change_net folded converted
	net/already_passes.c:30 sk_change_net folded converted
	net/already_passes.c:37 sk_release_kernel released converted
	net/disagree.c:18 sk_change_net left manual
	net/disagree.c:25 sk_release_kernel left manual
	net/ip6_tunnel_like.c:18 sk_change_net folded converted
	net/ip6_tunnel_like.c:42 sk_release_kernel released converted
	net/ipvs_like.c:19 sk_change_net folded converted
	net/ipvs_like.c:40 sk_release_kernel released converted
	net/l2tp_like.c:19 sk_change_net folded converted
	net/l2tp_like.c:32 sk_change_net folded converted
	net/l2tp_like.c:47 sk_release_kernel released converted
	net/l2tp_like.c:60 sk_release_kernel released converted
	net/macro.c:6 sk_change_net left manual
	net/other_socket.c:13 sk_change_net left manual
	net/udp_tunnel_like.c:18 sk_change_net folded converted
	net/udp_tunnel_like.c:34 sk_release_kernel released converted
	net/udp_tunnel_like.c:44 sk_release_kernel released converted
	net/untied.c:18 sk_change_net left manual
	net/untied.c:25 sk_release_kernel left manual
	EOT
	test_cmp "$TMP/occ.want" "$TMP/occ"
'
test_expect_success '--report: the totals and the detail of a fold' '
	jq -e ".totals.folded == 8 and .totals.released == 7 and .totals.manual == 7" "$TMP/r.json" >/dev/null &&
	jq -r ".occurrences[] | select(.file == \"net/ipvs_like.c\" and .line == 19) | .detail" \
		"$TMP/r.json" >"$TMP/detail" &&
	echo "folded into the sock_create_kern() call at line 10, which passes net" >"$TMP/detail.want" &&
	test_cmp "$TMP/detail.want" "$TMP/detail"
'
test_expect_success '--report: the detail of a removal after a call that already passes it' '
	jq -r ".occurrences[] | select(.file == \"net/already_passes.c\" and .function == \"sk_change_net\") | .detail" \
		"$TMP/r.json" >"$TMP/detail" &&
	cat >"$TMP/detail.want" <<-\EOT &&
	removed: the sock_create_kern() call at line 14 already passes net
	removed: the sock_create_kern() call at line 27 already passes dev_net(vx->dev)
	EOT
	test_cmp "$TMP/detail.want" "$TMP/detail"
'
test_expect_success 'a second run changes nothing' '
	test_expect_code 0 "$COCCIDRIVE" convert --sk-change-net --no-progress \
		--root "$tree" "$tree/net" &&
	test_must_be_empty "$OUT"
'

make_tree "$tree" 4.2 || exit 2
test_expect_success '--cocci .../sk_change_net.cocci: the same patch' '
	test_expect_code 0 "$COCCIDRIVE" convert --sk-change-net --no-progress \
		--root "$tree" "$tree/net" &&
	cp "$OUT" "$TMP/flag.patch" &&
	test_expect_code 0 "$COCCIDRIVE" convert --cocci "$rule" --no-progress \
		--root "$tree" "$tree/net" &&
	test_cmp "$TMP/flag.patch" "$OUT" &&
	test_grep "^+	sock_release(sock);" "$OUT"
'
test_expect_success 'the default conversion never runs the clean-up' '
	test_expect_code 0 "$COCCIDRIVE" convert --no-progress \
		--root "$tree" "$tree/net" &&
	test_grep "^+.*sock_create_kern(&init_net, AF_INET, SOCK_DGRAM, 0, &sock);" "$OUT" &&
	test_grep -v "sock_release" "$OUT" &&
	test_grep -v "^-.*sk_change_net" "$OUT"
'
test_expect_success '--sk-change-net and --cocci exclude each other' '
	test_expect_code 2 "$COCCIDRIVE" convert --sk-change-net --cocci "$rule" \
		--root "$tree" "$tree/net" &&
	test_line_count = 1 "$ERR"
'
test_expect_success 'check does not run a clean-up rule' '
	test_expect_code 2 "$COCCIDRIVE" check --cocci "$rule" --root "$tree" "$tree/net" &&
	test_grep "run it with .coccidrive convert." "$ERR"
'

# The natural sequence: convert --net=infer takes its rank 1 from the
# sk_change_net() and leaves it; then the clean-up removes it, the call
# left as --net=infer made it.
st=$TMP/st
cp -r "$ROOT/testdata/sample-tree" "$st" || exit 2
test_expect_success 'sample tree: convert --net=infer, then --sk-change-net' '
	test_expect_code 0 "$COCCIDRIVE" convert --net=infer --no-progress --root "$st" \
		--in-place "$st" &&
	test_grep -F "sock_create_kern(net, AF_INET, SOCK_DGRAM, 0, &sock);" "$st/net/ipv4/udp_tunnel.c" &&
	test_grep -F "sk_change_net(sock->sk, net);" "$st/net/ipv4/udp_tunnel.c" &&
	cp "$st/net/ipv4/udp_tunnel.c" "$TMP/udp_tunnel.infer" &&
	test_expect_code 0 "$COCCIDRIVE" convert --sk-change-net --force-sk-change-net \
		--no-progress --root "$st" --in-place --report "$TMP/st.json" "$st" &&
	test_grep -v "needs manual work" "$ERR" &&
	test_grep -x "  folded:              1" "$ERR" &&
	test_grep -x "  left:                0" "$ERR" &&
	grep -v -F "sk_change_net(sock->sk, net);" "$TMP/udp_tunnel.infer" >"$TMP/udp_tunnel.want" &&
	test_cmp "$TMP/udp_tunnel.want" "$st/net/ipv4/udp_tunnel.c" &&
	jq -r ".occurrences[] | \"\(.file):\(.line) \(.outcome) \(.detail)\"" "$TMP/st.json" >"$TMP/st.occ" &&
	echo "net/ipv4/udp_tunnel.c:17 folded removed: the sock_create_kern() call at line 13 already passes net" >"$TMP/st.want" &&
	test_cmp "$TMP/st.want" "$TMP/st.occ"
'

# The era: refused, one line, exit 2, nothing written.
while IFS="|" read -r era what; do
	[ -n "$era" ] || continue
	make_tree "$tree" "$era" || exit 2
	tree_snapshot "$tree" >"$TMP/before"
	test_expect_success "$era headers: refused, exit 2, one line" '
		test_expect_code 2 "$COCCIDRIVE" convert --sk-change-net --no-progress \
			--root "$tree" --in-place --report "$TMP/era.json" "$tree/net" &&
		test_line_count = 1 "$ERR" &&
		test_grep -F "$what" "$ERR"
	'
	test_expect_success "$era headers: nothing written" '
		test_tree_unchanged "$tree" "$TMP/before" &&
		test_path_is_missing "$TMP/era.json"
	'
	test_expect_success "$era headers: --force-sk-change-net runs it anyway" '
		test_expect_code 0 "$COCCIDRIVE" convert --sk-change-net \
			--force-sk-change-net --no-progress --root "$tree" "$tree/net" &&
		test_grep "^+	sock_release(sock);" "$OUT"
	'
done <<-\EOT
4.0|include/net/sock.h: sk_alloc() takes no 'kern' argument: a kernel before 4.2
sock40|include/net/sock.h: sk_alloc() takes no 'kern' argument
net40|include/linux/net.h: sock_create_kern() takes 4 parameters, no struct net *: a kernel before 4.2
none|: no include/net/sock.h or include/linux/net.h that declares sk_alloc() or sock_create_kern(): the kernel version cannot be told
EOT
test_expect_success '--force-sk-change-net without the clean-up: refused' '
	test_expect_code 2 "$COCCIDRIVE" convert --force-sk-change-net \
		--root "$tree" "$tree/net" &&
	test_grep "is for the clean-up rule" "$ERR"
'

# Doctored results: the real spatch, then an edit of its result.
real=$(command -v spatch)
cat >"$TMP/spatch" <<EOS
#!/bin/sh
case "\$1" in --version) exec "$real" "\$@";; esac
out=; prev=
for a; do
	[ "\$prev" = -o ] && out=\$a
	prev=\$a
done
"$real" "\$@" || exit
[ -n "\$out" ] || out=\$(grep -rl "\$TARGET_MARK" "\$prev" | head -n 1)
if [ -n "\$out" ] && grep -q "\$TARGET_MARK" "\$out"; then
	sed -i -e "\$EDIT" "\$out"
fi
exit 0
EOS
chmod +x "$TMP/spatch"

# name | file | a text only it has | sed script on spatch's result |
# the reason given
while IFS="|" read -r row file mark edit why; do
	[ -n "$row" ] || continue
	make_tree "$tree" 4.2 || exit 2
	tree_snapshot "$tree" >"$TMP/before"
	test_expect_success "$row: refused, exit 2, nothing written" '
		test_expect_code 2 env SPATCH="$TMP/spatch" TARGET_MARK="$mark" EDIT="$edit" \
			"$COCCIDRIVE" convert --sk-change-net --no-progress \
			--root "$tree" --in-place "$tree/net" &&
		test_grep "^net/$file:.*result refused" "$ERR" &&
		test_grep -F "$why" "$ERR" &&
		test_tree_unchanged "$tree" "$TMP/before"
	'
	test_expect_success "$row: --keep-going leaves the file, its occurrences manual" '
		test_expect_code 1 env SPATCH="$TMP/spatch" TARGET_MARK="$mark" EDIT="$edit" \
			"$COCCIDRIVE" convert --sk-change-net --no-progress --keep-going \
			--root "$tree" --in-place "$tree/net" &&
		test_cmp "$cases/in/$file" "$tree/net/$file" &&
		test_cmp "$cases/expected/l2tp_like.c" "$tree/net/l2tp_like.c" &&
		test_grep "^net/$file:[0-9]*:[0-9]*: [a-z_]*(): needs manual work: result refused" "$ERR"&&
		grep -m1 "result refused" "$ERR" >>"$TMP/reasons"
	'
done <<-\EOT
another namespace than the removed call's|udp_tunnel_like.c|tun_sock_create4|s/sock_create_kern(net, AF_INET/sock_create_kern(dev_net(dev), AF_INET/|it removes the sk_change_net() at line 18, but no sock_create_kern() call before it in tun_sock_create4() that made its socket now passes 'net'
sk_change_net removed, the call unchanged|udp_tunnel_like.c|tun_sock_create4|s/sock_create_kern(net, AF_INET/sock_create_kern(\&init_net, AF_INET/|it removes the sk_change_net() at line 18, but no sock_create_kern()
the call changed, sk_change_net kept|udp_tunnel_like.c|tun_sock_create4|s/^	memset(&addr, 0/	sk_change_net(sock->sk, net);\n&/|the sock_create_kern() call at line 14 passes a new namespace, but no sk_change_net() of its socket with it was removed
another statement removed|udp_tunnel_like.c|tun_sock_create4|/memset(&addr, 0, sizeof(addr));/d|at line 18 it has 'addr' where the original has 'memset'
a release into something else|udp_tunnel_like.c|tun_sock_create4|0,/sock_release(sock);/s//kfree(sock);/|at line 32 it has 'kfree' where the original has 'sk_release_kernel'
an sk_release_kernel() on a bare sock turned|af_inet_like.c|ctl_sock_create|s/sk_release_kernel(sk);/sock_release(sk->sk_socket);/|at line 26 it has 'sock_release' where the original has 'sk_release_kernel'
a comment removed that is not above the call|udp_tunnel_like.c|tun_sock_create4|/^\/\* A 4.0-era UDP tunnel/d|a comment differs at line 2
a blank changed on another line|udp_tunnel_like.c|tun_sock_create4|s/^	int err;$/	int  err;/|line 12 differs from the original line 12
a removal after a call that passes another namespace|disagree.c|mon_sock_create|/sk_change_net(sock->sk, net);/d|it removes the sk_change_net() at line 18, but no sock_create_kern() call before it in mon_sock_create() that made its socket now passes 'net'
a call that already passed it changed too|already_passes.c|vx_sock_create|s/sock_create_kern(net, AF_INET6/sock_create_kern(dev_net(dev), AF_INET6/|at line 14 it has 'dev_net' where the original has 'net'
an untied sk_change_net() removed|untied.c|relay_attach|/sk_change_net(sock->sk, net);/d|it removes the sk_change_net() at line 18, but no sock_create_kern() call before it in relay_attach()
a release in a file with nothing folded|untied.c|relay_attach|s/sk_release_kernel(r->sock->sk);/sock_release(r->sock);/|the sk_release_kernel() at line 25 became sock_release() in a file where no sk_change_net() was folded
a fold of another socket's move|other_socket.c|pair_create|s/sock_create_kern(PF_INET/sock_create_kern(net, PF_INET/;/sk_change_net(other->sk, net);/d|it removes the sk_change_net() at line 13, but no sock_create_kern() call before it in pair_create()
EOT

test_done
