// SPDX-License-Identifier: GPL-2.0
/* The arguments start on the line after the parenthesis. */
#include <linux/net.h>
#include <linux/in.h>

static int relay_sock(struct socket **s)
{
	return sock_create_kern(&init_net,
		AF_INET, SOCK_DGRAM, IPPROTO_UDP, s);
}
