// SPDX-License-Identifier: GPL-2.0
/*
 * The name split by a line splice (a backslash at the end of a line) is
 * still sock_create_kern to the compiler, but spatch does not see it:
 * each one is manual work, in a function and in a macro alike.  The
 * plain call is converted.
 */
#include <linux/net.h>
#include <linux/in.h>

#define MON_OPEN_SOCK(s) sock_create_\
kern(AF_INET, SOCK_DGRAM, IPPROTO_UDP, (s))

static int mon_connect(struct socket **sock)
{
	int err;

	err = sock_cre\
ate_kern(AF_INET, SOCK_STREAM, IPPROTO_TCP, sock);
	if (err)
		return err;
	return 0;
}

static int mon_listen(struct socket **sock)
{
	return sock_create_kern(AF_INET, SOCK_STREAM, IPPROTO_TCP, sock);
}
