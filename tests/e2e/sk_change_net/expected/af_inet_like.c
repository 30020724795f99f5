// SPDX-License-Identifier: GPL-2.0-only
/* Per-namespace control sockets, handed out as a struct sock. */
#include <linux/net.h>
#include <net/sock.h>

int ctl_sock_create(struct sock **sk, unsigned short family,
		    unsigned short type, unsigned char protocol,
		    struct net *net)
{
	struct socket *sock;
	int rc = sock_create_kern(net, family, type, protocol, &sock);

	if (rc == 0) {
		*sk = sock->sk;
		(*sk)->sk_allocation = GFP_ATOMIC;
		/*
		 * Never hashed: the control socket only sends.
		 */
		(*sk)->sk_prot->unhash(*sk);
	}
	return rc;
}

static inline void ctl_sock_destroy(struct sock *sk)
{
	sk_release_kernel(sk);
}
