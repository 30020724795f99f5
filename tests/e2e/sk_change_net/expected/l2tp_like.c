// SPDX-License-Identifier: GPL-2.0-only
/* A tunnel core that makes its own socket when userspace gives none. */
#include <linux/net.h>
#include <net/sock.h>

static int pw_tunnel_sock_create(struct net *net, u32 conn_id,
				 const struct pw_tunnel_cfg *cfg,
				 struct socket **sockp)
{
	struct socket *sock = NULL;
	int err = -EINVAL;

	switch (cfg->encap) {
	case PW_ENCAP_UDP:
		err = sock_create_kern(net, AF_INET, SOCK_DGRAM, 0, &sock);
		if (err < 0)
			goto out;

		err = kernel_bind(sock, cfg->local, cfg->local_len);
		if (err < 0)
			goto out;
		break;

	case PW_ENCAP_IP:
		err = sock_create_kern(net, AF_INET, SOCK_DGRAM, IPPROTO_PW,
				       &sock);
		if (err < 0)
			goto out;

		err = kernel_connect(sock, cfg->peer, cfg->peer_len, 0);
		if (err < 0)
			goto out;
		break;

	default:
		goto out;
	}

out:
	*sockp = sock;
	if ((err < 0) && sock) {
		kernel_sock_shutdown(sock, SHUT_RDWR);
		sock_release(sock);
		*sockp = NULL;
	}

	return err;
}

static void pw_tunnel_sock_put(struct pw_tunnel *tunnel)
{
	struct socket *sock = tunnel->sock;

	if (tunnel->fd < 0 && sock) {
		kernel_sock_shutdown(sock, SHUT_RDWR);
		sock_release(sock);
	}
}
