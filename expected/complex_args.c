// SPDX-License-Identifier: GPL-2.0
/* Arguments that are casts, ternaries, nested calls and compound literals. */
#include <linux/net.h>
#include <linux/in.h>
#include <linux/in6.h>

struct peer {
	struct sockaddr_storage addr;
	bool datagram;
	struct socket *sock;
};

static inline int peer_family(const struct peer *p)
{
	return p->addr.ss_family;
}

static int peer_sock_create(struct peer *p)
{
	int err;

	err = sock_create_kern(&init_net, (int)((struct sockaddr *)&p->addr)->sa_family,
			       p->datagram ? SOCK_DGRAM : SOCK_STREAM,
			       p->datagram ? IPPROTO_UDP : IPPROTO_TCP,
			       &p->sock);
	if (err)
		return err;
	return sock_create_kern(&init_net, peer_family(p), (int)SOCK_RAW,
				max_t(int, IPPROTO_RAW, 0), &(&p[1])->sock);
}
