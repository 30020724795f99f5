// SPDX-License-Identifier: GPL-2.0-only
/* The IPv6 twin, already through sock_create_kern.cocci (&init_net). */
#include <linux/net.h>
#include <net/sock.h>
#include <net/ipv6.h>

int tun6_sock_create(struct net *net, const struct tun_port_cfg *cfg,
		     struct socket **sockp)
{
	struct sockaddr_in6 addr6;
	struct socket *sock = NULL;
	int err;

	err = sock_create_kern(net, AF_INET6, SOCK_DGRAM, 0, &sock);
	if (err < 0)
		goto error;

	if (cfg->v6only) {
		int on = 1;

		err = kernel_setsockopt(sock, IPPROTO_IPV6, IPV6_V6ONLY,
					(char *)&on, sizeof(on));
		if (err < 0)
			goto error;
	}

	memset(&addr6, 0, sizeof(addr6));
	addr6.sin6_family = AF_INET6;
	addr6.sin6_port = cfg->local_port;
	err = kernel_bind(sock, (struct sockaddr *)&addr6, sizeof(addr6));
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
