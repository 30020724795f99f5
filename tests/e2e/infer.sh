#!/bin/sh
# convert/check --net=infer (driver/pipeline/infer.h): each converted call
# passes the namespace it has at hand, by rank, with its evidence, or
# &init_net with the reason; two candidates of one rank are never
# resolved silently; --net=init (the default) is what it always was.
. "$(dirname "$0")/../test-lib.sh"
# Every run here is about what spatch and the driver do: none from cache.
COCCIDRIVE_NO_CACHE=1
export COCCIDRIVE_NO_CACHE

test_jq() {
	jq -e "$1" "$2" >/dev/null && return 0
	printf '%s\n' "false: jq '$1' on $2:"
	jq -c '.occurrences[] | [.line, .namespace]' "$2"
	return 1
}

# A small tree: stub headers in include/ as the kernel has them, a
# driver with a header of its own, one function per case.
T=$TMP/tree
mkdir -p "$T/include/net" "$T/include/linux" "$T/drivers/x"
cat >"$T/include/net/net_namespace.h" <<'EOS'
struct net {
	int ifindex;
};
typedef struct {
	struct net *net;
} possible_net_t;
extern struct net init_net;
static inline struct net *read_pnet(const possible_net_t *pnet)
{
	return pnet->net;
}
EOS
cat >"$T/include/net/sock.h" <<'EOS'
#include <net/net_namespace.h>
struct sock_common {
	possible_net_t skc_net;
};
struct sock {
	struct sock_common __sk_common;
	int sk_type;
};
static inline
struct net *sock_net(const struct sock *sk)
{
	return read_pnet(&sk->__sk_common.skc_net);
}
EOS
cat >"$T/include/linux/netdevice.h" <<'EOS'
#include <net/net_namespace.h>
struct net_device {
	char name[16];
	possible_net_t nd_net;
};
static inline struct net *dev_net(const struct net_device *dev)
{
	return read_pnet(&dev->nd_net);
}
EOS
cat >"$T/include/linux/net.h" <<'EOS'
struct socket {
	struct sock *sk;
};
int sock_create_kern(int family, int type, int proto, struct socket **res);
EOS
cat >"$T/drivers/x/x.h" <<'EOS'
#include <net/sock.h>
struct x_priv {
	struct net *net;
	struct x_priv *peer;
};
struct x_other {
	struct net *net;
};
struct x_conn {
	possible_net_t c_net;
	int state;
};
static inline struct net *x_conn_net(struct x_conn *conn)
{
	return read_pnet(&conn->c_net);
}
struct x_msgr {
	possible_net_t net;
};
struct x_con {
	int state;
	struct x_msgr *msgr;
};
/* a socket's own namespace: never for the socket being created */
struct net *x_socket_net(struct socket *sock);
EOS
cat >"$T/drivers/x/ranks.c" <<'EOS'
#include <linux/net.h>
#include <linux/netdevice.h>
#include "x.h"

/* rank 1: the 4.0-era sk_change_net() on the new socket says it */
int rank1(struct net *net, struct x_priv *priv)
{
	struct socket *sock;
	int err = sock_create_kern(AF_INET, SOCK_DGRAM, 0, &sock);

	if (err)
		return err;
	sk_change_net(sock->sk, priv->net);
	return 0;
}

/* rank 1 through *sk = sock->sk, as af_inet.c had it */
int rank1_star(struct sock **sk, struct net *net, struct net *other)
{
	struct socket *sock;
	int rc = sock_create_kern(PF_INET, SOCK_RAW, 0, &sock);

	if (rc == 0) {
		*sk = sock->sk;
		sk_change_net(*sk, other);
	}
	return rc;
}

/* rank 2: a local set before the call */
int rank2(struct net_device *dev, struct socket **res)
{
	struct net *net = dev_net(dev);

	return sock_create_kern(AF_INET, SOCK_DGRAM, 0, res);
}

/* rank 3: a struct net * field, before a possible_net_t one */
int rank3(struct x_priv *priv, struct net_device *dev, struct socket **res)
{
	return sock_create_kern(AF_INET, SOCK_DGRAM, 0, res);
}

/* rank 3 spelled with the accessor the tree has for that field */
int rank3_accessor(struct x_conn *conn)
{
	struct socket *sock;

	return sock_create_kern(PF_INET, SOCK_STREAM, IPPROTO_TCP,
				&sock);
}

/* rank 3 through a pointer field, and the call re-filled */
int rank3_depth2(struct x_con *con, struct socket **res)
{
	int ret;

	ret = sock_create_kern(con->state, SOCK_STREAM, IPPROTO_TCP,
			       res);
	return ret;
}

/* rank 4: an accessor applied to a parameter */
int rank4(struct sock *sk, struct socket **res)
{
	return sock_create_kern(AF_INET, SOCK_DGRAM, 0, res);
}

/* the socket being created is never its own namespace */
int excluded(void)
{
	struct socket *sock;

	return sock_create_kern(AF_INET, SOCK_DGRAM, 0, &sock);
}

/* a local set only after the call is no candidate */
int set_after(struct socket **res)
{
	struct net *net;
	int err = sock_create_kern(AF_INET, SOCK_DGRAM, 0, res);

	net = (*res)->sk ? sock_net((*res)->sk) : 0;
	return err;
}

/* two of rank 2: not resolved */
int ambiguous2(struct net *src_net, struct net *link_net, struct socket **res)
{
	return sock_create_kern(AF_INET, SOCK_DGRAM, 0, res);
}

/* two of rank 3: not resolved */
int ambiguous3(struct x_priv *priv, struct x_other *other,
	       struct socket **res)
{
	return sock_create_kern(AF_INET, SOCK_DGRAM, 0, res);
}
EOS
cat >"$T/drivers/x/lost.c" <<'EOS'
#include <linux/net.h>
#include "x_missing.h"

/* nothing in scope, and a header that is not there */
int lost(struct x_unknown *u, struct socket **res)
{
	return sock_create_kern(AF_INET, SOCK_DGRAM, 0, res);
}
EOS
tree_snapshot "$T" >"$TMP/tree.snap"
SNAP=$TMP/tree.snap

test_expect_success 'convert --net=infer: one namespace line per converted call' '
	(cd "$T" && "$COCCIDRIVE" convert --net=infer -o "$TMP/infer.diff" \
		--report "$TMP/infer.json" .) 2>"$TMP/infer.err" &&
	grep ": namespace: " "$TMP/infer.err" >"$TMP/ns.txt" &&
	cat >"$TMP/ns.expect" <<-\EOS &&
	drivers/x/lost.c:7:9: namespace: &init_net (rank 5: no namespace in scope: no sk_change_net() on the socket, no struct net * parameter or local, no field or accessor reaching one (1 header not found, e.g. x_missing.h (included by drivers/x/lost.c)); consider: when the socket serves something a user started (a mount, a connection), capture the caller'"'"'s namespace at setup (get_net(current->nsproxy->net_ns)) and release it with put_net())
	drivers/x/ranks.c:9:12: namespace: priv->net (rank 1: drivers/x/ranks.c:13: sk_change_net(sock->sk, priv->net) after the call)
	drivers/x/ranks.c:21:11: namespace: other (rank 1: drivers/x/ranks.c:25: sk_change_net(*sk, other) after the call)
	drivers/x/ranks.c:35:9: namespace: net (rank 2: drivers/x/ranks.c:33: struct net *net, a local of rank2())
	drivers/x/ranks.c:41:9: namespace: priv->net (rank 3: drivers/x/ranks.c:39: struct x_priv *priv, a parameter of rank3(); drivers/x/x.h:3: struct net *net in struct x_priv; before dev_net(dev) (possible_net_t or through a pointer: put after))
	drivers/x/ranks.c:49:9: namespace: x_conn_net(conn) (rank 3: drivers/x/ranks.c:45: struct x_conn *conn, a parameter of rank3_accessor(); drivers/x/x.h:10: possible_net_t c_net in struct x_conn; drivers/x/x.h:13: x_conn_net() reads it)
	drivers/x/ranks.c:58:8: namespace: read_pnet(&con->msgr->net) (rank 3: drivers/x/ranks.c:54: struct x_con *con, a parameter of rank3_depth2(); drivers/x/x.h:22: struct x_msgr *msgr in struct x_con; drivers/x/x.h:18: possible_net_t net in struct x_msgr)
	drivers/x/ranks.c:66:9: namespace: sock_net(sk) (rank 4: drivers/x/ranks.c:64: struct sock *sk, a parameter of rank4(); include/net/sock.h:10: struct net *sock_net(struct sock *))
	drivers/x/ranks.c:74:9: namespace: &init_net (rank 5: no namespace in scope: no sk_change_net() on the socket, no struct net * parameter or local, no field or accessor reaching one; consider: when the socket serves something a user started (a mount, a connection), capture the caller'"'"'s namespace at setup (get_net(current->nsproxy->net_ns)) and release it with put_net())
	drivers/x/ranks.c:81:12: namespace: &init_net (rank 5: no namespace in scope: no sk_change_net() on the socket, no struct net * parameter or local, no field or accessor reaching one; consider: when the socket serves something a user started (a mount, a connection), capture the caller'"'"'s namespace at setup (get_net(current->nsproxy->net_ns)) and release it with put_net())
	drivers/x/ranks.c:90:9: namespace: &init_net (rank 5: 2 candidates of rank 2, not resolved: src_net (drivers/x/ranks.c:88: struct net *src_net, a parameter of ambiguous2()) or link_net (drivers/x/ranks.c:88: struct net *link_net, a parameter of ambiguous2()); pick one by hand; consider: when the socket serves something a user started (a mount, a connection), capture the caller'"'"'s namespace at setup (get_net(current->nsproxy->net_ns)) and release it with put_net())
	drivers/x/ranks.c:97:9: namespace: &init_net (rank 5: 2 candidates of rank 3, not resolved: priv->net (drivers/x/ranks.c:94: struct x_priv *priv, a parameter of ambiguous3(); drivers/x/x.h:3: struct net *net in struct x_priv) or other->net (drivers/x/ranks.c:94: struct x_other *other, a parameter of ambiguous3(); drivers/x/x.h:7: struct net *net in struct x_other); pick one by hand; consider: when the socket serves something a user started (a mount, a connection), capture the caller'"'"'s namespace at setup (get_net(current->nsproxy->net_ns)) and release it with put_net())
	EOS
	test_cmp "$TMP/ns.expect" "$TMP/ns.txt" &&
	test_grep -F "namespaces:          rank 1 (sk_change_net): 2, 2 (struct net *): 1, 3 (field): 3, 4 (accessor): 1, 5 (&init_net): 5" "$TMP/infer.err" &&
	test_tree_unchanged "$T" "$SNAP"
'

# The patch, read line by line when it was written: each call passes its
# namespace, re-filled where the line would pass 80 columns (as upstream
# did), and nothing else changed.
test_expect_success 'convert --net=infer: the patch' '
	cat >"$TMP/infer.expect" <<-\EOS &&
	diff --git a/drivers/x/lost.c b/drivers/x/lost.c
	--- a/drivers/x/lost.c
	+++ b/drivers/x/lost.c
	@@ -4,5 +4,5 @@
	 /* nothing in scope, and a header that is not there */
	 int lost(struct x_unknown *u, struct socket **res)
	 {
	-	return sock_create_kern(AF_INET, SOCK_DGRAM, 0, res);
	+	return sock_create_kern(&init_net, AF_INET, SOCK_DGRAM, 0, res);
	 }
	diff --git a/drivers/x/ranks.c b/drivers/x/ranks.c
	--- a/drivers/x/ranks.c
	+++ b/drivers/x/ranks.c
	@@ -6,7 +6,7 @@
	 int rank1(struct net *net, struct x_priv *priv)
	 {
	 	struct socket *sock;
	-	int err = sock_create_kern(AF_INET, SOCK_DGRAM, 0, &sock);
	+	int err = sock_create_kern(priv->net, AF_INET, SOCK_DGRAM, 0, &sock);
	 
	 	if (err)
	 		return err;
	@@ -18,7 +18,7 @@ int rank1(struct net *net, struct x_priv *priv)
	 int rank1_star(struct sock **sk, struct net *net, struct net *other)
	 {
	 	struct socket *sock;
	-	int rc = sock_create_kern(PF_INET, SOCK_RAW, 0, &sock);
	+	int rc = sock_create_kern(other, PF_INET, SOCK_RAW, 0, &sock);
	 
	 	if (rc == 0) {
	 		*sk = sock->sk;
	@@ -32,13 +32,13 @@ int rank2(struct net_device *dev, struct socket **res)
	 {
	 	struct net *net = dev_net(dev);
	 
	-	return sock_create_kern(AF_INET, SOCK_DGRAM, 0, res);
	+	return sock_create_kern(net, AF_INET, SOCK_DGRAM, 0, res);
	 }
	 
	 /* rank 3: a struct net * field, before a possible_net_t one */
	 int rank3(struct x_priv *priv, struct net_device *dev, struct socket **res)
	 {
	-	return sock_create_kern(AF_INET, SOCK_DGRAM, 0, res);
	+	return sock_create_kern(priv->net, AF_INET, SOCK_DGRAM, 0, res);
	 }
	 
	 /* rank 3 spelled with the accessor the tree has for that field */
	@@ -46,8 +46,8 @@ int rank3_accessor(struct x_conn *conn)
	 {
	 	struct socket *sock;
	 
	-	return sock_create_kern(PF_INET, SOCK_STREAM, IPPROTO_TCP,
	-				&sock);
	+	return sock_create_kern(x_conn_net(conn), PF_INET, SOCK_STREAM,
	+				IPPROTO_TCP, &sock);
	 }
	 
	 /* rank 3 through a pointer field, and the call re-filled */
	@@ -55,15 +55,15 @@ int rank3_depth2(struct x_con *con, struct socket **res)
	 {
	 	int ret;
	 
	-	ret = sock_create_kern(con->state, SOCK_STREAM, IPPROTO_TCP,
	-			       res);
	+	ret = sock_create_kern(read_pnet(&con->msgr->net), con->state,
	+			       SOCK_STREAM, IPPROTO_TCP, res);
	 	return ret;
	 }
	 
	 /* rank 4: an accessor applied to a parameter */
	 int rank4(struct sock *sk, struct socket **res)
	 {
	-	return sock_create_kern(AF_INET, SOCK_DGRAM, 0, res);
	+	return sock_create_kern(sock_net(sk), AF_INET, SOCK_DGRAM, 0, res);
	 }
	 
	 /* the socket being created is never its own namespace */
	@@ -71,14 +71,14 @@ int excluded(void)
	 {
	 	struct socket *sock;
	 
	-	return sock_create_kern(AF_INET, SOCK_DGRAM, 0, &sock);
	+	return sock_create_kern(&init_net, AF_INET, SOCK_DGRAM, 0, &sock);
	 }
	 
	 /* a local set only after the call is no candidate */
	 int set_after(struct socket **res)
	 {
	 	struct net *net;
	-	int err = sock_create_kern(AF_INET, SOCK_DGRAM, 0, res);
	+	int err = sock_create_kern(&init_net, AF_INET, SOCK_DGRAM, 0, res);
	 
	 	net = (*res)->sk ? sock_net((*res)->sk) : 0;
	 	return err;
	@@ -87,12 +87,12 @@ int set_after(struct socket **res)
	 /* two of rank 2: not resolved */
	 int ambiguous2(struct net *src_net, struct net *link_net, struct socket **res)
	 {
	-	return sock_create_kern(AF_INET, SOCK_DGRAM, 0, res);
	+	return sock_create_kern(&init_net, AF_INET, SOCK_DGRAM, 0, res);
	 }
	 
	 /* two of rank 3: not resolved */
	 int ambiguous3(struct x_priv *priv, struct x_other *other,
	 	       struct socket **res)
	 {
	-	return sock_create_kern(AF_INET, SOCK_DGRAM, 0, res);
	+	return sock_create_kern(&init_net, AF_INET, SOCK_DGRAM, 0, res);
	 }
	diff --git a/include/linux/net.h b/include/linux/net.h
	--- a/include/linux/net.h
	+++ b/include/linux/net.h
	@@ -1,4 +1,4 @@
	 struct socket {
	 	struct sock *sk;
	 };
	-int sock_create_kern(int family, int type, int proto, struct socket **res);
	+int sock_create_kern(struct net *net, int family, int type, int proto, struct socket **res);
	EOS
	test_cmp "$TMP/infer.expect" "$TMP/infer.diff"
'

test_expect_success 'the JSON report: a namespace object per converted call' '
	test_jq "[.occurrences[] | select(.line == 66 and .file == \"drivers/x/ranks.c\") | .message] == [\"sock_create_kern() called with 4 arguments, without a struct net *; converted: added sock_net(sk)\"]" "$TMP/infer.json" &&
	test_jq "[.occurrences[] | select(.kind == \"call\")] | length == 12" "$TMP/infer.json" &&
	test_jq "[.occurrences[] | select(.kind == \"call\") | .namespace.rank] == [5,1,1,2,3,3,3,4,5,5,5,5]" "$TMP/infer.json" &&
	test_jq ".occurrences[] | select(.line == 58) | .namespace == {\"expression\": \"read_pnet(&con->msgr->net)\", \"rank\": 3, \"evidence\": \"drivers/x/ranks.c:54: struct x_con *con, a parameter of rank3_depth2(); drivers/x/x.h:22: struct x_msgr *msgr in struct x_con; drivers/x/x.h:18: possible_net_t net in struct x_msgr\", \"candidates\": [], \"reason\": null}" "$TMP/infer.json" &&
	test_jq ".occurrences[] | select(.line == 97) | .namespace | .expression == \"&init_net\" and .rank == 5 and (.candidates | length) == 2 and (.candidates[0] | startswith(\"priv->net (\")) and (.candidates[1] | startswith(\"other->net (\"))" "$TMP/infer.json" &&
	test_jq ".occurrences[] | select(.kind == \"prototype\") | .namespace == null" "$TMP/infer.json"
'

test_expect_success '--net=init, the default: &init_net everywhere, no namespace' '
	(cd "$T" && "$COCCIDRIVE" convert -o "$TMP/init.diff" \
		--report "$TMP/init.json" .) 2>"$TMP/init.err" &&
	(cd "$T" && "$COCCIDRIVE" convert --net=init -o "$TMP/init2.diff" \
		--report "$TMP/init2.json" .) 2>"$TMP/init2.err" &&
	test_cmp "$TMP/init.diff" "$TMP/init2.diff" &&
	test_cmp "$TMP/init.json" "$TMP/init2.json" &&
	grep -v "wrote the patch" "$TMP/init.err" >"$TMP/init.err1" &&
	grep -v "wrote the patch" "$TMP/init2.err" >"$TMP/init.err2" &&
	test_cmp "$TMP/init.err1" "$TMP/init.err2" &&
	test "$(grep -c "^+.*sock_create_kern(&init_net, " "$TMP/init.diff")" = 12 &&
	test_grep -v ": namespace" "$TMP/init.err" &&
	test_jq "[.occurrences[] | .namespace] | all(. == null)" "$TMP/init.json" &&
	test_tree_unchanged "$T" "$SNAP"
'

test_expect_success 'check --net=infer: the namespace under each call to convert' '
	test_expect_code 1 sh -c "cd \"$T\" && \"$COCCIDRIVE\" check --net=infer ." &&
	cp "$OUT" "$TMP/check.out" &&
	test_grep -F "drivers/x/ranks.c:66:9: namespace: sock_net(sk) (rank 4: " "$TMP/check.out" &&
	test_grep -F "drivers/x/ranks.c:66:9: " "$TMP/check.out" &&
	test "$(grep -c ": namespace: " "$TMP/check.out")" = 12 &&
	test_grep -v ": hint: " "$TMP/check.out"
'

test_expect_success 'shards of an --net=infer run merge into that run' '
	(cd "$T" && "$COCCIDRIVE" convert --net=infer --shard 1/2 -o /dev/null \
		--report "$TMP/s1.json" . &&
	 "$COCCIDRIVE" convert --net=infer --shard 2/2 -o /dev/null \
		--report "$TMP/s2.json" .) 2>/dev/null &&
	"$COCCIDRIVE" merge -o "$TMP/merged.diff" --report "$TMP/merged.json" \
		"$TMP/s1.json" "$TMP/s2.json" 2>"$TMP/merged.err" &&
	test_cmp "$TMP/infer.diff" "$TMP/merged.diff" &&
	jq -S "[.occurrences[] | .namespace]" "$TMP/infer.json" >"$TMP/one.ns" &&
	jq -S "[.occurrences[] | .namespace]" "$TMP/merged.json" >"$TMP/merged.ns" &&
	test_cmp "$TMP/one.ns" "$TMP/merged.ns" &&
	grep ": namespace: " "$TMP/merged.err" >"$TMP/merged.lines" &&
	test_cmp "$TMP/ns.txt" "$TMP/merged.lines"
'

test_expect_success 'merge refuses an --net=infer shard with an --net=init one' '
	(cd "$T" && "$COCCIDRIVE" convert --shard 2/2 -o /dev/null \
		--report "$TMP/i2.json" .) 2>/dev/null &&
	test_expect_code 2 "$COCCIDRIVE" merge -o "$TMP/mix.diff" \
		"$TMP/s1.json" "$TMP/i2.json" &&
	test_grep "options" "$ERR"
'

test_expect_success '--net: anything but init or infer is refused' '
	test_expect_code 2 "$COCCIDRIVE" convert --net=guess "$T" &&
	test_grep -F -e "--net: '"'"'guess'"'"' is not '"'"'init'"'"' or '"'"'infer'"'"'" "$ERR"
'

# A series: an old call at the base (pre-existing, not a finding) and a
# commit adding one in a function with a struct net *: check's finding
# carries the namespace as its hint, and --fix converts just that call
# with it (its lines picked from the converted file and verified again).
repo=$TMP/repo
test_expect_success 'setup: a series adding a call beside an old one' '
	git init -q -b master "$repo" &&
	mkdir -p "$repo/include/linux" "$repo/drivers" &&
	cp "$T/include/linux/net.h" "$repo/include/linux/net.h" &&
	printf "%s\n" "#include <linux/net.h>" "" \
		"int old(struct socket **res)" "{" \
		"	return sock_create_kern(AF_INET, SOCK_DGRAM, 0, res);" \
		"}" >"$repo/drivers/b.c" &&
	git -C "$repo" add -A &&
	git -C "$repo" -c user.name=t -c user.email=t@example.org \
		commit -q -m base &&
	printf "%s\n" "" "int added(struct net *net, struct socket **res)" "{" \
		"	return sock_create_kern(AF_INET, SOCK_DGRAM, 0, res);" \
		"}" >>"$repo/drivers/b.c" &&
	git -C "$repo" -c user.name=t -c user.email=t@example.org \
		commit -q -a -m "add a call"
'

test_expect_success 'check --git-range --net=infer: the hint is the namespace' '
	test_expect_code 1 sh -c "cd \"$repo\" && \"$COCCIDRIVE\" check --net=infer --git-range HEAD~1..HEAD" &&
	test_grep -x -F "drivers/b.c:10:9: hint: namespace: net (rank 2: drivers/b.c:8: struct net *net, a parameter of added())" "$OUT" &&
	test_grep -F "drivers/b.c:10:9: sock_create_kern() called with 4 arguments, without a struct net *; convert --net=infer would add net [commit " "$OUT" &&
	test_expect_code 1 sh -c "cd \"$repo\" && \"$COCCIDRIVE\" check --net=infer --git-range HEAD~1..HEAD --format=json" &&
	jq -e ".findings | length == 1 and (.[0].hint | startswith(\"namespace: net (rank 2: \"))" "$OUT" >/dev/null
'

test_expect_success 'check --fix --net=infer: the finding converted with its namespace, alone' '
	test_expect_code 1 sh -c "cd \"$repo\" && \"$COCCIDRIVE\" check --net=infer --git-range HEAD~1..HEAD --fix \"$TMP/fix.mbox\"" &&
	test_grep -F "1 call converted in 1 file, 0 left" "$ERR" &&
	sed -n "/^diff/,/^-- \$/p" "$TMP/fix.mbox" >"$TMP/fix.diff" &&
	cat >"$TMP/fix.expect" <<-\EOS &&
	diff --git a/drivers/b.c b/drivers/b.c
	--- a/drivers/b.c
	+++ b/drivers/b.c
	@@ -7,5 +7,5 @@ int old(struct socket **res)
	 
	 int added(struct net *net, struct socket **res)
	 {
	-	return sock_create_kern(AF_INET, SOCK_DGRAM, 0, res);
	+	return sock_create_kern(net, AF_INET, SOCK_DGRAM, 0, res);
	 }
	-- 
	EOS
	test_cmp "$TMP/fix.expect" "$TMP/fix.diff" &&
	test_grep -F "Each converted call passes the namespace named above" "$TMP/fix.mbox" &&
	git -C "$repo" apply --check "$TMP/fix.mbox"
'

test_expect_success '--net=infer is refused with --backport, --sk-change-net and a backport rule' '
	test_expect_code 2 "$COCCIDRIVE" convert --net=infer --backport "$T" &&
	test_grep -F "convert: --net=infer is for the conversion to the 4.2 API, not with --backport" "$ERR" &&
	test_expect_code 2 "$COCCIDRIVE" convert --net=infer --sk-change-net "$T" &&
	test_grep -F "not with --sk-change-net" "$ERR" &&
	test_expect_code 2 "$COCCIDRIVE" check --net=infer \
		--cocci "$ROOT/semantic-patches/sock_create_kern_backport.cocci" "$T" &&
	test_grep -F "sock_create_kern_backport.cocci: --net=infer is for a rule that adds the namespace, not for a backport rule" "$ERR" &&
	test_tree_unchanged "$T" "$SNAP"
'

test_done
