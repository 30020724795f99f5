// SPDX-License-Identifier: GPL-2.0
/* Calls in #ifdef / #else branches: both branches are converted. */
#include <linux/net.h>
#include <linux/in.h>

static int diag_sock_create(struct socket **sock)
{
	int rc;

#ifdef CONFIG_IPV6
	rc = sock_create_kern(&init_net, AF_INET6, SOCK_DGRAM, IPPROTO_UDP, sock);
#else
	rc = sock_create_kern(&init_net, AF_INET, SOCK_DGRAM, IPPROTO_UDP, sock);
#endif
	if (rc < 0)
		return rc;
#if defined(CONFIG_DIAG_DEBUG)
	pr_debug("diag socket %p\n", *sock);
#endif
	return 0;
}

#ifndef CONFIG_DIAG_NO_RAW
static int diag_raw_sock(struct socket **sock)
{
	return sock_create_kern(&init_net, AF_INET, SOCK_RAW, IPPROTO_ICMP, sock);
}
#endif
