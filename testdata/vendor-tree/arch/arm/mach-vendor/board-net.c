/*
 * Board file that never compiled upstream: a merge conflict left in,
 * half a function.  Nothing here parses; the one call is reported.
 */
#include <linux/net.h>

<<<<<<< HEAD
static int board_net_init(void)
=======
static int board_net_init(struct board *b)
>>>>>>> vendor/board-rework
{
	struct socket *s;

	if (sock_create_kern(AF_INET, SOCK_STREAM, 0, &s) < 0
