// SPDX-License-Identifier: GPL-2.0-only
/*
 * Already converted: this driver passes its own namespace, which is what
 * sock_create_kern(net, ...) is for.  Nothing here changes.
 */
#include <linux/net.h>
#include <net/net_namespace.h>

static int vxlan_sock_create(struct net *net, bool ipv6,
			     struct socket **sockp)
{
	return sock_create_kern(net, ipv6 ? AF_INET6 : AF_INET, SOCK_DGRAM,
				0, sockp);
}
