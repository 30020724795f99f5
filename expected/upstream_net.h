/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The prototype, as include/linux/net.h declared it before Linux 4.2.
 * Only sock_create_kern gains the struct net *; its neighbours stay.
 */
#ifndef _LINUX_NET_H
#define _LINUX_NET_H

struct net;
struct socket;

int sock_wake_async(struct socket *sk, int how, int band);
int sock_register(const struct net_proto_family *fam);
void sock_unregister(int family);
int __sock_create(struct net *net, int family, int type, int proto,
		  struct socket **res, int kern);
int sock_create(int family, int type, int proto, struct socket **res);
int sock_create_kern(struct net *net, int family, int type, int proto, struct socket **res);
int sock_create_lite(int family, int type, int proto, struct socket **res);
void sock_release(struct socket *sock);

#endif /* _LINUX_NET_H */
