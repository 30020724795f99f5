// SPDX-License-Identifier: GPL-2.0
/*
 * A compat header defines a macro named like the function.  The
 * #define is manual work (its parameters are not a call to convert, and
 * calls after it expand to the macro); the call itself is converted as
 * spatch converts it.
 */
#include <linux/net.h>

#ifndef HAVE_SOCK_CREATE_KERN
#define sock_create_kern(family, type, proto, res) \
	vendor_sock_create(family, type, proto, res)
#endif

static int compat_sock(struct socket **sock)
{
	return sock_create_kern(&init_net, AF_INET, SOCK_DGRAM, 0, sock);
}
