// SPDX-License-Identifier: GPL-2.0-only
/* Cluster messaging: listening and connecting sockets. */
#include <linux/net.h>
#include <linux/in.h>

static struct sockaddr_storage *local_addr[4];

static int lowcomms_listen(struct socket **out)
{
	struct socket *sock;
	int result;

	/* Create a socket to communicate with */
	result = sock_create_kern(local_addr[0]->ss_family, SOCK_STREAM,
				  IPPROTO_TCP, &sock);
	if (result < 0) {
		pr_err("can't create listening comms socket\n");
		return result;
	}
	*out = sock;
	return 0;
}

static int lowcomms_sctp(struct socket **out)
{
	if (sock_create_kern(local_addr[0]->ss_family, SOCK_SEQPACKET,
			     IPPROTO_SCTP, out) < 0)
		return -EPROTONOSUPPORT;
	return 0;
}
