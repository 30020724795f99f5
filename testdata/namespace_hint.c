// SPDX-License-Identifier: GPL-2.0
/*
 * Callers that already hold a namespace.  The conversion passes &init_net
 * as upstream did, and the account adds a hint where the enclosing
 * function has a "struct net *" parameter: that is most likely the
 * namespace the socket belongs in.
 */
#include <linux/net.h>
#include <net/net_namespace.h>

int gtp_encap_sock(struct net *src_net, int family, struct socket **res)
{
	return sock_create_kern(family, SOCK_DGRAM, IPPROTO_UDP, res);
}

static int tun_ctl_sock(struct net_device *dev, struct net *net,
			struct socket **res)
{
	int err;

	err = sock_create_kern(AF_NETLINK, SOCK_RAW, 0, res);
	return err;
}

/* No namespace at hand: no hint. */
static int probe_sock(struct socket **res)
{
	return sock_create_kern(AF_INET, SOCK_DGRAM, 0, res);
}
