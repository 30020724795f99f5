// SPDX-License-Identifier: GPL-2.0
/*
 * The function used as a value: a function pointer in an ops table, an
 * alias macro, and a struct member that happens to share the name.
 * None of these is rewritten (their types and callers need a human);
 * all of them are reported.  The direct call is converted.
 */
#include <linux/net.h>

struct sock_factory {
	int (*sock_create_kern)(int family, int type, int proto,
				struct socket **res);
	const char *name;
};

#define kern_sock_alloc sock_create_kern

static struct sock_factory default_factory = {
	.sock_create_kern = sock_create_kern,
	.name = "kernel",
};

static int factory_make(struct sock_factory *f, struct socket **res)
{
	if (!f)
		return sock_create_kern(&init_net, AF_INET, SOCK_DGRAM, 0, res);
	return f->sock_create_kern(AF_INET, SOCK_DGRAM, 0, res);
}
