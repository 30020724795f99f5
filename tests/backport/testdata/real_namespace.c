// SPDX-License-Identifier: GPL-2.0
/*
 * Calls that pass a namespace of their own.  Before 4.2 there is none to
 * pass: the call is converted, and listed as needing manual work with
 * what the old API did (sk_change_net() right after the call, spelled
 * with this call's socket and namespace; sk_release_kernel() to release).
 */
#include <linux/net.h>
#include <linux/in.h>
#include <net/sock.h>

struct tunnel {
	struct net *net;
	struct socket *sock;
};

static int from_parameter(struct net *net, struct socket **sockp)
{
	return sock_create_kern(net, AF_INET, SOCK_DGRAM, 0, sockp);
}

static int from_struct(struct tunnel *tn)
{
	return sock_create_kern(tn->net, AF_INET6, SOCK_DGRAM, IPPROTO_UDP,
				&tn->sock);
}

static int from_socket(struct sock *sk)
{
	struct socket *sock;
	int err;

	err = sock_create_kern(sock_net(sk), PF_INET, SOCK_STREAM, IPPROTO_TCP,
			       &sock);
	if (err < 0)
		return err;
	sock_release(sock);
	return 0;
}

static int same_as_default(struct socket **res)
{
	/* &init_net: nothing is lost, nothing to do by hand. */
	return sock_create_kern(&init_net, AF_INET, SOCK_DGRAM, 0, res);
}
