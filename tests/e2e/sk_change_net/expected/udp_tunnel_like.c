// SPDX-License-Identifier: GPL-2.0-only
/* A 4.0-era UDP tunnel socket helper: the socket must not pin its netns. */
#include <linux/net.h>
#include <net/sock.h>
#include <net/udp_tunnel.h>

int tun_sock_create4(struct net *net, const struct tun_port_cfg *cfg,
		     struct socket **sockp)
{
	struct sockaddr_in addr;
	struct socket *sock = NULL;
	int err;

	err = sock_create_kern(net, AF_INET, SOCK_DGRAM, 0, &sock);
	if (err < 0)
		goto error;

	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_addr = cfg->local_ip;
	addr.sin_port = cfg->local_port;
	err = kernel_bind(sock, (struct sockaddr *)&addr, sizeof(addr));
	if (err < 0)
		goto error;

	*sockp = sock;
	return 0;

error:
	if (sock) {
		kernel_sock_shutdown(sock, SHUT_RDWR);
		sock_release(sock);
	}
	*sockp = NULL;
	return err;
}

void tun_sock_release(struct socket *sock)
{
	rcu_assign_sk_user_data(sock->sk, NULL);
	kernel_sock_shutdown(sock, SHUT_RDWR);
	sock_release(sock);
}
