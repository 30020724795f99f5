// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The definition, as net/socket.c had it before Linux 4.2: the new
 * parameter replaces the hard-coded &init_net in its body.  sock_create()
 * keeps current's namespace and is not touched.
 */
#include <linux/net.h>
#include <net/net_namespace.h>

int sock_create(int family, int type, int protocol, struct socket **res)
{
	return __sock_create(current->nsproxy->net_ns, family, type, protocol,
			     res, 0);
}
EXPORT_SYMBOL(sock_create);

int sock_create_kern(struct net *net, int family, int type, int protocol, struct socket **res)
{
	return __sock_create(net, family, type, protocol, res, 1);
}
EXPORT_SYMBOL(sock_create_kern);
