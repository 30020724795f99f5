// SPDX-License-Identifier: GPL-2.0
/*
 * The call shape of net/netfilter/ipvs/ip_vs_sync.c in the upstream commit
 * (Linux 4.2): one-line calls of 85 columns
 * after the conversion, kept on one line as upstream did.
 * The surrounding code is written for this test; the call lines are the
 * shape upstream converted, and expected/ holds upstream's result lines.
 */
#include <linux/net.h>
#include <linux/in.h>

static struct socket *sync_send_sock(int id)
{
	struct socket *sock;
	int result;

	/* First create a socket, then bind it to the sync interface */
	result = sock_create_kern(&init_net, PF_INET, SOCK_DGRAM, IPPROTO_UDP, &sock);
	if (result < 0)
		return ERR_PTR(result);
	return sock;
}

static struct socket *sync_recv_sock(int id)
{
	struct socket *sock;
	int result;

	result = sock_create_kern(&init_net, PF_INET, SOCK_DGRAM, IPPROTO_UDP, &sock);
	if (result < 0)
		return ERR_PTR(result);
	return sock;
}
