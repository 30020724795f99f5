// SPDX-License-Identifier: GPL-2.0
/*
 * sock_create_kern(AF_INET, SOCK_DGRAM, 0, &sock) in a comment is not code,
 * and neither is the name in a string literal or a character sequence.
 * Only the one real call below is converted.
 */
#include <linux/net.h>

// sock_create_kern(PF_INET, SOCK_STREAM, IPPROTO_TCP, &s) in a C99 comment
static const char *what = "sock_create_kern(AF_INET, SOCK_DGRAM, 0, &s)";

static int trace_open(struct socket **s)
{
	int err = sock_create_kern(&init_net, AF_INET, SOCK_DGRAM, 0, s);

	if (err)
		pr_warn("%s failed: sock_create_kern() said %d\n", what, err);
	return err;
}
