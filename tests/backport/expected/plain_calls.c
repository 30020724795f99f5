// SPDX-License-Identifier: GPL-2.0
/*
 * Calls that pass &init_net, as the 4.2 conversion left them: the
 * argument goes and nothing else changes; the behaviour is the same.
 */
#include <linux/net.h>
#include <linux/in.h>
#include <net/net_namespace.h>

static struct socket *ctl_sock;

static int plain_statement(struct socket **res)
{
	int err;

	err = sock_create_kern(AF_INET, SOCK_DGRAM, IPPROTO_UDP, res);
	return err;
}

static int in_if(void)
{
	if (sock_create_kern(PF_INET, SOCK_RAW, IPPROTO_ICMP,
			     &ctl_sock) < 0)
		return -ENOMEM;
	return 0;
}

static int returned(struct socket **res)
{
	return sock_create_kern(AF_INET6, SOCK_STREAM, 0, res);
}

static int spaced(struct socket **res)
{
	/* Blanks as someone typed them stay, but the argument's own go. */
	return sock_create_kern( AF_PACKET, SOCK_RAW, 0, res );
}

static int comment_after(struct socket **res)
{
	return sock_create_kern(/* v4 only */ AF_INET, SOCK_DGRAM,
				IPPROTO_UDP, res);
}
