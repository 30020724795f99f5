// SPDX-License-Identifier: GPL-2.0-only
/*
 * After "coccidrive convert --net=infer": each call already passes the
 * namespace that the move of its socket below names.
 */
#include <linux/net.h>
#include <net/sock.h>

int vx_sock_create(struct net *net, struct socket **sockp)
{
	struct socket *sock = NULL;
	int err;

	err = sock_create_kern(net, AF_INET6, SOCK_DGRAM, IPPROTO_UDP, &sock);
	if (err < 0)
		return err;

	*sockp = sock;
	return 0;
}

int vx_sock_open(struct vx_dev *vx, struct socket **sockp)
{
	int err;

	err = sock_create_kern(dev_net(vx->dev), PF_INET, SOCK_DGRAM, 0, sockp);
	if (err)
		return err;
	return kernel_bind(*sockp, vx->addr, vx->addr_len);
}

void vx_sock_release(struct vx_dev *vx)
{
	kernel_sock_shutdown(vx->sock, SHUT_RDWR);
	sock_release(vx->sock);
}
