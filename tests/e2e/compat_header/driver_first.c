/* The same driver, the shim before <linux/net.h>. */
#include "compat.h"
#include <linux/net.h>

int drv_open(struct net *net, struct socket **sock);
int drv_open_init(struct socket **sock);

/* A socket in the namespace the driver was given. */
int drv_open(struct net *net, struct socket **sock)
{
	return sock_create_kern(net, 2, 1, 17, sock);
}

/* One in the initial namespace. */
int drv_open_init(struct socket **sock)
{
	return sock_create_kern(&init_net, 10, 2, 0, sock);
}
