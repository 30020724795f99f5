// SPDX-License-Identifier: GPL-2.0-only
/*
 * A call that passes a namespace, then an sk_change_net() into another:
 * which one the socket belongs in is for a person to decide.
 */
#include <linux/net.h>
#include <net/sock.h>

int mon_sock_create(struct net *net, struct mon *m, struct socket **sockp)
{
	struct socket *sock = NULL;
	int err;

	err = sock_create_kern(m->net, AF_INET, SOCK_DGRAM, 0, &sock);
	if (err < 0)
		return err;

	sk_change_net(sock->sk, net);
	*sockp = sock;
	return 0;
}

void mon_sock_release(struct mon *m)
{
	sk_release_kernel(m->sock->sk);
}
