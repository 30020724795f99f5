// SPDX-License-Identifier: GPL-2.0
/*
 * The call shape of drivers/block/drbd/drbd_receiver.c in the upstream commit
 * (Linux 4.2): a cast in the first argument; the first line passes 80
 * columns after the conversion but holds a single argument, so it stays
 * unwrapped, as upstream left it.
 * The surrounding code is written for this test; the call lines are the
 * shape upstream converted, and expected/ holds upstream's result lines.
 */
#include <linux/net.h>
#include <linux/in6.h>

struct link_peer {
	struct sockaddr_in6 src;
	struct sockaddr_in6 listen;
};

static struct socket *link_try_connect(struct link_peer *peer)
{
	struct sockaddr_in6 src_in6;
	struct socket *sock;
	const char *what;
	int err;

	memcpy(&src_in6, &peer->src, sizeof(src_in6));
	what = "sock_create_kern";
	err = sock_create_kern(&init_net, ((struct sockaddr *)&src_in6)->sa_family,
			       SOCK_STREAM, IPPROTO_TCP, &sock);
	if (err < 0)
		return NULL;
	return sock;
}

static int link_listen(struct link_peer *peer, struct socket **out)
{
	struct sockaddr_in6 my_addr;
	struct socket *s_listen;
	int err;

	memcpy(&my_addr, &peer->listen, sizeof(my_addr));
	err = sock_create_kern(&init_net, ((struct sockaddr *)&my_addr)->sa_family,
			       SOCK_STREAM, IPPROTO_TCP, &s_listen);
	if (err) {
		s_listen = NULL;
		return err;
	}
	*out = s_listen;
	return 0;
}
