// SPDX-License-Identifier: GPL-2.0-only
/*
 * Mentions sock_create_kern() only in this comment and in a string:
 * nothing to convert, nothing to report.
 */
#include <linux/net.h>

static const char diag_hint[] = "see sock_create_kern()";

const char *sock_diag_hint(void)
{
	return diag_hint;
}
