// SPDX-License-Identifier: GPL-2.0-only
/* A sync daemon's sockets, made through a pointer to pointer. */
#include <linux/net.h>
#include <net/sock.h>

static int sync_make_sock(struct net *net, int proto, struct socket **sockp)
{
	int result;

	result = sock_create_kern(net, PF_INET, SOCK_DGRAM, proto, sockp);
	if (result < 0) {
		pr_err("Error during creation of socket; terminating\n");
		return result;
	}
	return 0;
}

static struct socket *sync_send_sock(struct net *net, int id)
{
	struct socket *sock;
	int result;

	result = sync_make_sock(net, IPPROTO_UDP, &sock);
	if (result < 0)
		return ERR_PTR(result);

	result = sync_bind_mcast(sock, id);
	if (result < 0) {
		pr_err("Error binding to the multicast addr\n");
		goto error;
	}
	return sock;

error:
	sock_release(sock);
	return ERR_PTR(result);
}
