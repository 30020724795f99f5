// SPDX-License-Identifier: GPL-2.0
/*
 * Comments inside the call.  spatch, rewriting the call, would drop the
 * comment before the first argument; coccidrive makes the same change by
 * inserting the argument into the original text, so the comment stays.
 */
#include <linux/net.h>

static int mcast_sock(struct socket **res)
{
	return sock_create_kern(&init_net, /* v4 only for now */ AF_INET, SOCK_DGRAM,
				IPPROTO_UDP /* not UDPLITE */, res);
}

static int raw_sock(struct socket **res)
{
	/* The name and its arguments on separate lines. */
	return sock_create_kern
		(&init_net, AF_PACKET, SOCK_RAW, 0, res);
}
