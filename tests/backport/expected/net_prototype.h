/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The prototype as include/linux/net.h has it since 4.2: it loses its
 * struct net * again.  Its neighbours stay.
 */
#ifndef _LINUX_NET_H
#define _LINUX_NET_H

struct net;
struct socket;

int __sock_create(struct net *net, int family, int type, int proto,
		  struct socket **res, int kern);
int sock_create(int family, int type, int proto, struct socket **res);
int sock_create_kern(int family, int type, int proto, struct socket **res);
int sock_create_lite(int family, int type, int proto, struct socket **res);

#endif
