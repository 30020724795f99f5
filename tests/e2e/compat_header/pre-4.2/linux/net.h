/* Stub: Linux 4.1's <linux/net.h>, the 4-parameter sock_create_kern(). */
#ifndef _LINUX_NET_H
#define _LINUX_NET_H

struct socket {
	int id;
};
struct net {
	const char *name;
};
extern struct net init_net;

int __sock_create(struct net *net, int family, int type, int proto,
		  struct socket **res, int kern);
int sock_create_kern(int family, int type, int proto, struct socket **res);

#endif
