// SPDX-License-Identifier: GPL-2.0
/*
 * The call shape of net/ipv4/af_inet.c in the upstream commit
 * (Linux 4.2): the call initialises a local
 * variable in its declaration.
 * The surrounding code is written for this test; the call lines are the
 * shape upstream converted, and expected/ holds upstream's result lines.
 */
#include <linux/net.h>
#include <net/sock.h>

int ctl_sock_create(struct sock **sk, unsigned short family,
		    unsigned short type, unsigned char protocol)
{
	struct socket *sock;
	int rc = sock_create_kern(&init_net, family, type, protocol, &sock);

	if (rc == 0)
		*sk = sock->sk;
	return rc;
}
