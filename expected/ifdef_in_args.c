// SPDX-License-Identifier: GPL-2.0
/*
 * #if alternatives inside an argument list.  Arguments are counted along
 * each branch: where every branch gives 4 the call is converted (spatch
 * follows the first branch and adds &init_net in front of them all);
 * where the branches disagree - a backport that passes the namespace
 * only on new kernels - it is manual work, never "already converted",
 * and what spatch would have added to the first branch is not kept.
 */
#include <linux/net.h>
#include <linux/in.h>
#include <linux/version.h>

static int tun_open(struct socket **sock)
{
	return sock_create_kern(&init_net,
#if IS_ENABLED(CONFIG_IPV6)
				AF_INET6,
#else
				AF_INET,
#endif
				SOCK_DGRAM, IPPROTO_UDP, sock);
}

static int tun_open_proto(struct socket **sock, int raw)
{
	return sock_create_kern(&init_net, AF_INET, SOCK_DGRAM,
#if defined(CONFIG_TUN_UDPLITE)
				IPPROTO_UDPLITE,
#elif defined(CONFIG_TUN_RAW)
				IPPROTO_RAW,
#else
				IPPROTO_UDP,
#endif
				sock);
}

/* The first branch passes the namespace: spatch leaves it alone. */
static int compat_open_new_first(struct net *net, struct socket **sock)
{
	return sock_create_kern(
#if LINUX_VERSION_CODE >= KERNEL_VERSION(4, 2, 0)
				net,
#endif
				AF_INET, SOCK_STREAM, IPPROTO_TCP, sock);
}

/* The first branch is the old form: spatch would convert it. */
static int compat_open_old_first(struct net *net, struct socket **sock)
{
	return sock_create_kern(
#if LINUX_VERSION_CODE < KERNEL_VERSION(4, 2, 0)
				AF_INET,
#else
				net, AF_INET,
#endif
				SOCK_STREAM, IPPROTO_TCP, sock);
}

/*
 * Each branch opens its own call, the two share the last arguments:
 * both count 4.  spatch converts the first branch only; the other is
 * left for a human, with the reason.
 */
static int tun_open_split(struct socket **sock)
{
	int err;

#if IS_ENABLED(CONFIG_IPV6)
	err = sock_create_kern(&init_net, AF_INET6, SOCK_DGRAM,
#else
	err = sock_create_kern(AF_INET, SOCK_DGRAM,
#endif
			       IPPROTO_UDP, sock);
	return err;
}
