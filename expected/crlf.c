// SPDX-License-Identifier: GPL-2.0
/* A file with CRLF line endings: they survive the conversion. */
#include <linux/net.h>

static int dos_port_open(struct socket **s)
{
	int err;

	err = sock_create_kern(&init_net, AF_INET, SOCK_DGRAM, IPPROTO_UDP,
			       s);
	return err;
}
