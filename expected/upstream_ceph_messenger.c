// SPDX-License-Identifier: GPL-2.0
/*
 * The call shape of net/ceph/messenger.c in the upstream commit
 * (Linux 4.2): a member chain in the first
 * argument; upstream moved SOCK_STREAM to the second line.
 * The surrounding code is written for this test; the call lines are the
 * shape upstream converted, and expected/ holds upstream's result lines.
 */
#include <linux/net.h>
#include <linux/in.h>

struct peer_conn {
	struct {
		struct sockaddr_storage in_addr;
	} peer_addr;
	struct socket *sock;
};

static int peer_tcp_connect(struct peer_conn *con)
{
	struct socket *sock;
	int ret;

	ret = sock_create_kern(&init_net, con->peer_addr.in_addr.ss_family,
			       SOCK_STREAM, IPPROTO_TCP, &sock);
	if (ret)
		return ret;
	con->sock = sock;
	return 0;
}
