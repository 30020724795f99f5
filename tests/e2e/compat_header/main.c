/* Runs the driver: its sockets, and what each call returned. */
#include <stdio.h>
#include <linux/net.h>

int drv_open(struct net *net, struct socket **sock);
int drv_open_init(struct socket **sock);

int main(void)
{
	struct net other = { "other_net" };
	struct socket *a = NULL, *b = NULL;
	int ra = drv_open(&other, &a);
	int rb = drv_open_init(&b);

	printf("returned %d, socket %d; returned %d, socket %d\n", ra,
	       a ? a->id : -1, rb, b ? b->id : -1);
	return 0;
}
