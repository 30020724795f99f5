// SPDX-License-Identifier: GPL-2.0
/*
 * The call shape of fs/dlm/lowcomms.c in the upstream commit
 * (Linux 4.2): two-line calls whose first line
 * overflows; the last argument of the first line moves down, as upstream
 * re-wrapped them by hand.
 * The surrounding code is written for this test; the call lines are the
 * shape upstream converted, and expected/ holds upstream's result lines.
 */
#include <linux/net.h>
#include <linux/in.h>

extern struct sockaddr_storage *dlm_local_addr[];

static int peer_accept(struct socket **out)
{
	struct socket *newsock;
	int result;

	result = sock_create_kern(&init_net, dlm_local_addr[0]->ss_family,
				  SOCK_STREAM, IPPROTO_TCP, &newsock);
	if (result < 0)
		return -ENOMEM;
	*out = newsock;
	return 0;
}

static int peer_connect(struct socket **out)
{
	struct socket *sock;
	int result;

	/* Create a socket to talk with */
	result = sock_create_kern(&init_net, dlm_local_addr[0]->ss_family,
				  SOCK_STREAM, IPPROTO_TCP, &sock);
	if (result < 0)
		return result;
	*out = sock;
	return 0;
}

static int peer_listen_sctp(struct socket **out)
{
	struct socket *sock;
	int result;

	result = sock_create_kern(&init_net, dlm_local_addr[0]->ss_family,
				  SOCK_SEQPACKET, IPPROTO_SCTP, &sock);
	if (result < 0)
		return result;
	*out = sock;
	return 0;
}
