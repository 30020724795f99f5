// SPDX-License-Identifier: GPL-2.0
/*
 * The call shape of net/ipv4/udp_tunnel.c in the upstream commit
 * (Linux 4.2): a one-line assignment with a
 * literal protocol.
 * The surrounding code is written for this test; the call lines are the
 * shape upstream converted, and expected/ holds upstream's result lines.
 */
#include <linux/net.h>
#include <linux/in.h>

int tun_sock_create4(struct socket **sockp)
{
	struct socket *sock = NULL;
	int err;

	err = sock_create_kern(&init_net, AF_INET, SOCK_DGRAM, 0, &sock);
	if (err < 0)
		goto error;
	*sockp = sock;
	return 0;
error:
	*sockp = NULL;
	return err;
}
