// SPDX-License-Identifier: GPL-2.0
/*
 * The call shape of net/ipv6/ip6_udp_tunnel.c in the upstream commit
 * (Linux 4.2): the IPv6 twin of udp_tunnel.
 * The surrounding code is written for this test; the call lines are the
 * shape upstream converted, and expected/ holds upstream's result lines.
 */
#include <linux/net.h>
#include <linux/in6.h>

int tun_sock_create6(struct socket **sockp)
{
	int err;
	struct socket *sock = NULL;

	err = sock_create_kern(&init_net, AF_INET6, SOCK_DGRAM, 0, &sock);
	if (err < 0)
		goto error;
	*sockp = sock;
	return 0;
error:
	*sockp = NULL;
	return err;
}
