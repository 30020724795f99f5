// SPDX-License-Identifier: GPL-2.0
/*
 * A file cut short inside a string literal, at the end of its last line.
 * spatch closes the string on a line of its own; the result must not
 * gain that line: only the call changes.
 */
#include <linux/net.h>

static int trunc_open(struct socket **sock)
{
	return sock_create_kern(&init_net, AF_INET, SOCK_DGRAM, 0, sock);
}

static const char trunc_banner[] = "trunc: opened
