// SPDX-License-Identifier: GPL-2.0-only
/* A socket made here, another one moved: nothing ties the two. */
#include <linux/net.h>
#include <net/sock.h>

int pair_create(struct net *net, struct socket *other, struct socket **res)
{
	struct socket *sock;
	int err = sock_create_kern(PF_INET, SOCK_DGRAM, 0, &sock);

	if (err < 0)
		return err;
	sk_change_net(other->sk, net);
	*res = sock;
	return 0;
}
