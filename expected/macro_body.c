// SPDX-License-Identifier: GPL-2.0
/*
 * Calls inside macro bodies.  spatch converts what it can parse as an
 * expression or statement; the rest is reported for manual work.
 */
#include <linux/net.h>
#include <linux/in.h>

#define NCP_UDP_SOCK(res) sock_create_kern(&init_net, AF_INET, SOCK_DGRAM, IPPROTO_UDP, res)

#define NCP_TCP_SOCK(res)						\
	do {								\
		if (sock_create_kern(&init_net, AF_INET, SOCK_STREAM,	\
				     IPPROTO_TCP, (res)) < 0)		\
			*(res) = NULL;					\
	} while (0)

static int ncp_open(struct socket **udp, struct socket **tcp)
{
	NCP_TCP_SOCK(tcp);
	return NCP_UDP_SOCK(udp);
}
