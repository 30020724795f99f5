// SPDX-License-Identifier: GPL-2.0
/* if ((err = sock_create_kern(...)) < 0): assignment inside the test. */
#include <linux/net.h>
#include <linux/in6.h>

static int ctl_sock_init(struct socket **ctl)
{
	int err;

	if ((err = sock_create_kern(&init_net, AF_INET6, SOCK_RAW, IPPROTO_ICMPV6, ctl)) < 0)
		return err;
	(*ctl)->sk->sk_allocation = GFP_ATOMIC;
	return 0;
}
