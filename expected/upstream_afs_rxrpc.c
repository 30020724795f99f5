// SPDX-License-Identifier: GPL-2.0
/*
 * The call shape of fs/afs/rxrpc.c in the upstream commit
 * (Linux 4.2): a one-line call that ends up at
 * 81 columns; upstream kept it on one line.
 * The surrounding code is written for this test; the call lines are the
 * shape upstream converted, and expected/ holds upstream's result lines.
 */
#include <linux/net.h>
#include <linux/workqueue.h>

static struct workqueue_struct *cell_calls;
static struct socket *cell_socket;

int cell_open_socket(void)
{
	struct socket *socket;
	int ret;

	cell_calls = alloc_workqueue("kcelld", 0, 0);
	if (!cell_calls)
		return -ENOMEM;

	ret = sock_create_kern(&init_net, AF_RXRPC, SOCK_DGRAM, PF_INET, &socket);
	if (ret < 0) {
		destroy_workqueue(cell_calls);
		return ret;
	}
	cell_socket = socket;
	return 0;
}
