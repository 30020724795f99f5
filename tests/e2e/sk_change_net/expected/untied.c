// SPDX-License-Identifier: GPL-2.0-only
/* A socket made elsewhere and moved here: nothing ties it to a call. */
#include <linux/net.h>
#include <net/sock.h>

struct relay {
	struct socket *sock;
	struct net *net;
};

int relay_attach(struct relay *r, struct socket *sock, struct net *net)
{
	if (!sock->sk)
		return -EINVAL;

	r->sock = sock;
	r->net = net;
	sk_change_net(sock->sk, net);
	return 0;
}

void relay_detach(struct relay *r)
{
	kernel_sock_shutdown(r->sock, SHUT_RDWR);
	sk_release_kernel(r->sock->sk);
	r->sock = NULL;
}
