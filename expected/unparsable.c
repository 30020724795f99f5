// SPDX-License-Identifier: GPL-2.0
/*
 * A vendor macro that spatch cannot parse hides the call in
 * legacy_bind(): spatch skips that function without a word.  coccidrive
 * must report it for manual work; the call in modern_bind() is converted.
 */
#include <linux/net.h>

static int modern_bind(struct socket **s)
{
	return sock_create_kern(&init_net, AF_INET, SOCK_STREAM, IPPROTO_TCP, s);
}

static int legacy_bind(struct socket **s)
{
	int err;

	VENDOR_TRACE_BEGIN(bind) int mark = ;;
	err = sock_create_kern(AF_INET, SOCK_DGRAM, IPPROTO_UDP, s);
	VENDOR_TRACE_END(bind) {
	return err;
}
