// SPDX-License-Identifier: GPL-2.0
/*
 * A file already converted by hand, with one call left over.  The
 * 5-argument calls are never touched; only the old one is converted.
 */
#include <linux/net.h>
#include <net/net_namespace.h>

struct vxlan_like {
	struct net *net;
	struct socket *sock4, *sock6, *ctl;
};

static int vx_open(struct vxlan_like *vx)
{
	int err;

	err = sock_create_kern(vx->net, AF_INET, SOCK_DGRAM, 0, &vx->sock4);
	if (err < 0)
		return err;
	err = sock_create_kern(sock_net(vx->sock4->sk), AF_INET6,
			       SOCK_DGRAM, 0, &vx->sock6);
	if (err < 0)
		return err;
	/* This one was missed when the file was converted. */
	return sock_create_kern(&init_net, AF_NETLINK, SOCK_RAW, 0, &vx->ctl);
}
