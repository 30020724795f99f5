// SPDX-License-Identifier: GPL-2.0-only
/* UDP tunnel sockets: the caller has a struct net * at hand. */
#include <linux/net.h>
#include <linux/in.h>
#include <net/udp_tunnel.h>

int udp_sock_create4(struct net *net, struct udp_port_cfg *cfg,
		     struct socket **sockp)
{
	struct socket *sock = NULL;
	int err;

	err = sock_create_kern(AF_INET, SOCK_DGRAM, 0, &sock);
	if (err < 0)
		goto error;

	sk_change_net(sock->sk, net);
	*sockp = sock;
	return 0;

error:
	*sockp = NULL;
	return err;
}
EXPORT_SYMBOL(udp_sock_create4);
