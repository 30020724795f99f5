// SPDX-License-Identifier: GPL-2.0
/* The return value ignored: a plain expression statement. */
#include <linux/net.h>
#include <linux/in.h>

static struct socket *probe_sock;

static void netprobe_warm_up(void)
{
	sock_create_kern(&init_net, AF_INET, SOCK_DGRAM, IPPROTO_UDP, &probe_sock);
	if (probe_sock)
		probe_sock->sk->sk_allocation = GFP_ATOMIC;
}
