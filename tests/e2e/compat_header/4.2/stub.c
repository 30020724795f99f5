/* Stub: what Linux 4.2 exports; each function prints its arguments. */
#include <stdio.h>
#include <linux/net.h>

struct net init_net = { "init_net" };
static struct socket the_socket = { 42 };

int __sock_create(struct net *net, int family, int type, int proto,
		  struct socket **res, int kern)
{
	printf("__sock_create(%s, %d, %d, %d, res, %d)\n", net->name, family,
	       type, proto, kern);
	*res = &the_socket;
	return 0;
}

int sock_create_kern(struct net *net, int family, int type, int proto,
		     struct socket **res)
{
	printf("sock_create_kern(%s, %d, %d, %d, res)\n", net->name, family,
	       type, proto);
	*res = &the_socket;
	return 0;
}
