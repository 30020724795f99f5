// SPDX-License-Identifier: GPL-2.0
/*
 * An old vendor shim defines the function in K&R style, its parameters
 * declared between the list and the body.  That is a definition, not a
 * call: manual work, since spatch garbles such a parameter list
 * ("struct net *net, , "); the file's call is still converted.
 */
#include <linux/net.h>

int sock_create_kern(family, type, protocol, res)
	int family;
	int type;
	int protocol;
	struct socket **res;
{
	return __sock_create(&init_net, family, type, protocol, res, 1);
}

static int shim_selftest(void)
{
	struct socket *sock;

	return sock_create_kern(AF_INET, SOCK_DGRAM, 0, &sock);
}
