// SPDX-License-Identifier: GPL-2.0
/*
 * The call shape of net/l2tp/l2tp_core.c in the upstream commit
 * (Linux 4.2): deeply indented two-line calls
 * whose continuation line is not aligned with the parenthesis; the first
 * line still fits, and the continuation line is left exactly as it was.
 * The surrounding code is written for this test; the call lines are the
 * shape upstream converted, and expected/ holds upstream's result lines.
 */
#include <linux/net.h>
#include <linux/in.h>

struct tun_cfg {
	bool use_ip6;
	int local_port;
};

static int tun_sock_create(struct tun_cfg *cfg, struct socket **sockp)
{
	struct socket *sock = NULL;
	int err;

	switch (cfg->local_port) {
	case 0:
		if (cfg->use_ip6) {
			err = sock_create_kern(&init_net, AF_INET6, SOCK_DGRAM,
					  IPPROTO_L2TP, &sock);
			if (err < 0)
				goto out;
		} else {
			err = sock_create_kern(&init_net, AF_INET, SOCK_DGRAM,
					  IPPROTO_L2TP, &sock);
			if (err < 0)
				goto out;
		}
		break;
	default:
		err = -EINVAL;
	}
out:
	*sockp = sock;
	return err;
}
