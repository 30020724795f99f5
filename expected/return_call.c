// SPDX-License-Identifier: GPL-2.0
/* return sock_create_kern(...): the result handed straight back. */
#include <linux/net.h>
#include <linux/in.h>

static int svc_make_sock(int family, int type, struct socket **res)
{
	return sock_create_kern(&init_net, family, type, family == AF_INET ?
				IPPROTO_TCP : 0, res);
}

static inline int svc_make_udp_sock(struct socket **res)
{
	return sock_create_kern(&init_net, AF_INET, SOCK_DGRAM, IPPROTO_UDP, res);
}
