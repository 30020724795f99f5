// SPDX-License-Identifier: GPL-2.0
/*
 * Code under #if 0 is dead to spatch, which never converts it; the call
 * there is reported, the live one converted.
 */
#include <linux/net.h>

static int legacy_sock(struct socket **s)
{
#if 0
	/* old path, kept for reference */
	return sock_create_kern(AF_IPX, SOCK_DGRAM, 0, s);
#else
	return sock_create_kern(&init_net, AF_INET, SOCK_DGRAM, 0, s);
#endif
}
