/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A miniature include/linux/net.h of the 4.1 era. */
#ifndef _LINUX_NET_H
#define _LINUX_NET_H

struct net;
struct socket;

int __sock_create(struct net *net, int family, int type, int proto,
		  struct socket **res, int kern);
int sock_create(int family, int type, int proto, struct socket **res);
int sock_create_kern(int family, int type, int proto, struct socket **res);
int sock_create_lite(int family, int type, int proto, struct socket **res);
void sock_release(struct socket *sock);

#endif /* _LINUX_NET_H */
