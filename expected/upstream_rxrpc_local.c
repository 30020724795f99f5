// SPDX-License-Identifier: GPL-2.0
/*
 * The call shape of net/rxrpc/ar-local.c in the upstream commit
 * (Linux 4.2): the result goes to a struct
 * member; upstream moved IPPROTO_UDP to the second line.
 * The surrounding code is written for this test; the call lines are the
 * shape upstream converted, and expected/ holds upstream's result lines.
 */
#include <linux/net.h>
#include <linux/in.h>

struct rpc_local {
	struct {
		int transport_type;
	} srx;
	struct socket *socket;
};

static int rpc_create_local(struct rpc_local *local)
{
	int ret;

	/* a socket for the local endpoint */
	ret = sock_create_kern(&init_net, PF_INET, local->srx.transport_type,
			       IPPROTO_UDP, &local->socket);
	if (ret < 0)
		return ret;
	return 0;
}
