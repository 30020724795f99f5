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

/* Opens a block that NCP_SOCK_END closes: not an expression, not a
 * statement; spatch cannot match the call in it. */
#define NCP_SOCK_BEGIN(res) if (sock_create_kern(AF_INET, SOCK_DGRAM, 0, res) == 0) {
#define NCP_SOCK_END }

static int ncp_open(struct socket **udp, struct socket **tcp)
{
	NCP_TCP_SOCK(tcp);
	return NCP_UDP_SOCK(udp);
}
