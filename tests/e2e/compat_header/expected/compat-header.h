/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sock_create_kern() on both sides of Linux 4.2; made by "coccidrive
 * compat-header" from the rule for sock_create_kern().
 *
 * Linux 4.2 ("net: Add a struct net parameter to sock_create_kern") put
 * "struct net *net" in front of the parameters of sock_create_kern():
 *
 *	before 4.2:  sock_create_kern(family, type, proto, res)
 *	4.2 on:      sock_create_kern(net, family, type, proto, res)
 *
 * Write the driver for 4.2 and later (every call with 5 arguments, as
 * "coccidrive convert" leaves them) and include this header in each file
 * that calls sock_create_kern().  Below 4.2 each call becomes
 *
 *	__sock_create(net, family, type, proto, res, 1)
 *
 * which is what sock_create_kern() itself does from 4.2 on (kern = 1: a
 * kernel socket), and what the old sock_create_kern() did with &init_net;
 * the kernels before 4.2 export __sock_create().  From 4.2 on, this header
 * changes nothing.  The kernel backports project does the same
 * (backport-include/linux/net.h).
 *
 * Include it before or after <linux/net.h>, as you like.  The macro must
 * come after the old prototype in <linux/net.h> (that prototype, with 4
 * parameters, would not compile as a use of a 5-argument macro), so this
 * header includes <linux/version.h> and <linux/net.h> itself, then defines
 * the macro.  A call left with 4 arguments no longer builds below 4.2, nor
 * from 4.2 on: convert them all first.  A macro sock_create_kern defined
 * before this header (by another compat layer) is left alone.
 *
 * Not covered:
 * - A socket in another namespace than &init_net, on the old kernels.
 *   Before 4.2 every socket holds a reference on its namespace, kernel
 *   sockets too (sk_alloc() takes it); from 4.2 on a kernel socket does
 *   not.  A driver that keeps such a socket for the life of its namespace
 *   and releases it in its pernet exit method keeps the namespace alive for
 *   ever below 4.2: the exit method never runs.  Before 4.2 drivers made
 *   the socket in &init_net, then called sk_change_net(sock->sk, net), and
 *   released it with sk_release_kernel(sock->sk); such a driver needs that
 *   code again below 4.2 (under the same version test), which this header
 *   does not write.  With &init_net both sides behave alike.
 * - The function's address (&sock_create_kern, a function pointer): a
 *   function-like macro does not apply there, and below 4.2 it is the
 *   address of the 4-parameter function.
 * - A vendor kernel that says it is older than 4.2 but has 4.2's
 *   sock_create_kern() back-ported (see its include/linux/net.h).  The
 *   macro still builds there and does the same (4.2's sock_create_kern() is
 *   that __sock_create() call), but the driver then calls __sock_create()
 *   instead of the kernel's own function.
 *
 *   For such a tree, define COMPAT_SOCK_CREATE_KERN_HAS_NET before this
 *   header: the header then leaves sock_create_kern() alone.  In the
 *   driver's Kbuild file, from the tree's own prototype:
 *
 *	ccflags-y += $(shell grep -qsF 'sock_create_kern(struct net *net' \
 *		$(srctree)/include/linux/net.h && \
 *		echo -DCOMPAT_SOCK_CREATE_KERN_HAS_NET)
 *
 *   or in the driver, after #include <linux/version.h>, from the release
 *   macros a vendor's version.h defines (Red Hat's RHEL_RELEASE_CODE and
 *   RHEL_RELEASE_VERSION(major, minor)) and the first release that has the
 *   change, which coccidrive does not know:
 *
 *	#if defined(RHEL_RELEASE_CODE) && \
 *		RHEL_RELEASE_CODE >= RHEL_RELEASE_VERSION(M, N)
 *	#define COMPAT_SOCK_CREATE_KERN_HAS_NET
 *	#endif
 */
#ifndef COMPAT_SOCK_CREATE_KERN_H
#define COMPAT_SOCK_CREATE_KERN_H

#include <linux/version.h>
#include <linux/net.h>

#if LINUX_VERSION_CODE < KERNEL_VERSION(4, 2, 0) && \
	!defined(COMPAT_SOCK_CREATE_KERN_HAS_NET) && !defined(sock_create_kern)
#define sock_create_kern(net, family, type, proto, res) \
	__sock_create(net, family, type, proto, res, 1)
#endif

#endif /* COMPAT_SOCK_CREATE_KERN_H */
