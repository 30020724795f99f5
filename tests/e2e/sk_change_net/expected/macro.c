// SPDX-License-Identifier: GPL-2.0-only
/* The move hidden in a macro: neither spatch nor the driver folds it. */
#include <linux/net.h>
#include <net/sock.h>

#define MOVE_SOCK(sock, net) sk_change_net((sock)->sk, net)

int mv_sock_create(struct net *net, struct socket **res)
{
	struct socket *sock;
	int err = sock_create_kern(PF_INET, SOCK_DGRAM, 0, &sock);

	if (err < 0)
		return err;
	MOVE_SOCK(sock, net);
	*res = sock;
	return 0;
}
