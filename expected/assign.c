// SPDX-License-Identifier: GPL-2.0
/* err = sock_create_kern(...) followed by the usual error check. */
#include <linux/net.h>
#include <linux/in.h>

struct tunnel_cfg {
	int family;
	struct socket *sock;
};

int tunnel_open(struct tunnel_cfg *cfg)
{
	int err;

	err = sock_create_kern(&init_net, cfg->family, SOCK_DGRAM, IPPROTO_UDP, &cfg->sock);
	if (err)
		return err;
	cfg->sock->sk->sk_reuse = SK_CAN_REUSE;
	return 0;
}
