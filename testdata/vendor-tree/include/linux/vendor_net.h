/* Vendor helpers layered on the 3.x socket API. */
#ifndef _LINUX_VENDOR_NET_H
#define _LINUX_VENDOR_NET_H

#include <linux/net.h>

int sock_create_kern(int family, int type, int proto, struct socket **res);

static inline int vendor_udp_sock(struct socket **res)
{
	return sock_create_kern(PF_INET, SOCK_DGRAM, IPPROTO_UDP, res);
}

/* An alias some drivers use. */
#define vendor_sock_create sock_create_kern

#endif
