// SPDX-License-Identifier: GPL-2.0
/*
 * The call shape of net/bluetooth/rfcomm/core.c in the upstream commit
 * (Linux 4.2): a one-line call of 86 columns
 * after the conversion, kept on one line as upstream did; the socket
 * pointer is a parameter.
 * The surrounding code is written for this test; the call lines are the
 * shape upstream converted, and expected/ holds upstream's result lines.
 */
#include <linux/net.h>
#include <net/bluetooth/bluetooth.h>
#include <net/bluetooth/l2cap.h>

static int link_l2sock_create(struct socket **sock)
{
	int err;

	err = sock_create_kern(&init_net, PF_BLUETOOTH, SOCK_SEQPACKET, BTPROTO_L2CAP, sock);
	if (!err)
		(*sock)->sk->sk_allocation = GFP_KERNEL;
	return err;
}
