// SPDX-License-Identifier: GPL-2.0
/*
 * A call whose parentheses do not balance (a vendor drop that was never
 * compiled in this configuration).  Its arguments cannot be counted: it
 * is manual work with the place where the count went wrong, never
 * "called with -1 arguments".
 */
#include <linux/net.h>

static int diag_udp(struct socket **sock)
{
	return sock_create_kern(AF_INET, SOCK_DGRAM, IPPROTO_UDP, sock);
}

#ifdef CONFIG_VENDOR_DIAG
static int diag_raw(struct socket **sock)
{
	return sock_create_kern(AF_INET, SOCK_RAW, IPPROTO_ICMP, sock;
}
#endif
