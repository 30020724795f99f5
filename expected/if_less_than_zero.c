// SPDX-License-Identifier: GPL-2.0
/* The call inside an if condition, compared with zero. */
#include <linux/net.h>
#include <linux/in.h>

static int beacon_socket(struct socket **out)
{
	if (sock_create_kern(&init_net, PF_INET, SOCK_DGRAM, IPPROTO_UDP, out) < 0) {
		pr_err("beacon: cannot create socket\n");
		return -EIO;
	}
	return 0;
}
