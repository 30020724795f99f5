// SPDX-License-Identifier: GPL-2.0
/*
 * Names pasted together with ## in a macro: no identifier token spells
 * sock_create_kern, yet the expansion calls it.  Each chain that can
 * build the name, and whose macro is used with the missing piece (or
 * with something only known later), is manual work; one whose macro is
 * never used so is listed as not counted; chains that cannot (svc_ ## x,
 * pieces too short to tell) are not occurrences.
 */
#include <linux/net.h>
#include <linux/in.h>

#define VSOCK_OP(op)		sock_##op
#define VSOCK_CREATE(kind)	sock_create_ ## kind
#define VSOCK_FN(pfx)		pfx##_create_kern
#define VSVC_OP(op)		svc_##op
#define VGLUE(a, b)		a##b
#define VSOCK_KIND(k)		k##_create_kern
#define VSOCK_INNER(p)		p##_create_kern
#define VSOCK_OUTER(p)		VSOCK_INNER(p)

static int vsock_open(struct socket **sock)
{
	return VSOCK_OP(create_kern)(AF_INET, SOCK_DGRAM, 0, sock);
}

static int vsock_open_tcp(struct socket **sock)
{
	return VSOCK_CREATE(kern)(AF_INET, SOCK_STREAM, IPPROTO_TCP, sock);
}

static int vsock_open_udp(struct socket **sock)
{
	return sock_create_kern(&init_net, AF_INET, SOCK_DGRAM, IPPROTO_UDP, sock);
}

static int vsock_open_kind(struct socket **sock)
{
	return VSOCK_KIND(vtcp)(AF_INET, SOCK_STREAM, 0, sock);
}
