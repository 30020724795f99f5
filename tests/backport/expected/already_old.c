// SPDX-License-Identifier: GPL-2.0
/*
 * Calls already in the old form (four arguments) are never touched, and
 * what the rule cannot take out is listed with the reason.
 */
#include <linux/net.h>
#include <linux/in.h>

static int old_form(struct socket **res)
{
	return sock_create_kern(AF_INET, SOCK_DGRAM, IPPROTO_UDP, res);
}

static int old_multiline(struct socket **res)
{
	return sock_create_kern(AF_INET6, SOCK_STREAM,
				IPPROTO_TCP, res);
}

static int mixed(struct net *net, struct socket **a, struct socket **b)
{
	int err = sock_create_kern(AF_INET, SOCK_DGRAM, 0, a);

	if (err)
		return err;
	return sock_create_kern(AF_INET, SOCK_DGRAM, 0, b);
}

static int wrong_count(struct socket **res)
{
	return sock_create_kern(AF_INET, SOCK_DGRAM, res);
}

static int (*creator)(struct net *, int, int, int, struct socket **) =
	sock_create_kern;
