// SPDX-License-Identifier: GPL-2.0
/* if (!sock_create_kern(...)): success tested by negation. */
#include <linux/net.h>
#include <net/bluetooth/bluetooth.h>

static int hci_mon_sock_get(struct socket **sock)
{
	if (!sock_create_kern(&init_net, PF_BLUETOOTH, SOCK_RAW, BTPROTO_HCI, sock)) {
		(*sock)->sk->sk_priority = 6;
		return 0;
	}
	return -ENOTCONN;
}
