// SPDX-License-Identifier: GPL-2.0
/*
 * Calls with neither 4 nor 5 arguments (a vendor wrapper macro passes its
 * arguments through): not the kernel function's shape, reported.
 */
#include <linux/net.h>

#define SOCK_ARGS AF_INET, SOCK_DGRAM, 0

static int vendor_sock(struct socket **s)
{
	return sock_create_kern(SOCK_ARGS, s);
}
