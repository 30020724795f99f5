// SPDX-License-Identifier: GPL-2.0
/*
 * A file cut short inside a string literal, with no newline at the end.
 * spatch closes the string; the conversion never touches the end of a
 * file, so the result keeps it as it was and only the call changes.
 */
#include <linux/net.h>

static int trunc_open(struct socket **sock)
{
	return sock_create_kern(&init_net, AF_INET, SOCK_DGRAM, 0, sock);
}

static const char trunc_banner[] = "trunc: opened