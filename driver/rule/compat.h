/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * compat: the header that lets one driver source, written for the form
 * the rule makes, build on the kernels before the change too; in the
 * manner of the kernel backports project (backport-include/linux/net.h):
 * below the version that made the change, a function-like macro of the
 * new arity onto the function the old kernels export.
 *
 * From the rule's header (cocci.h), so that the two cannot disagree: the
 * function's name, its arities and the parameter the rule adds (its name
 * is the macro's first parameter).  What no rule says is kept here, per
 * function, as facts about the kernel: the version of the change, the
 * header that declares the function, the names of its old parameters,
 * the exported function the macro calls and the argument it adds, and
 * what the shim does not cover.  A rule for a function not known here,
 * or whose arities or added parameter do not agree with what is known,
 * gets no header.
 */
#ifndef COCCIDRIVE_COMPAT_H
#define COCCIDRIVE_COMPAT_H

#include "cocci.h"
#include "strbuf.h"

/*
 * Appends the header for rule to out and returns 0; or returns -1 and
 * appends to why, in a few words, why there is none ("the rule converts
 * foo(), ...").
 */
int compat_header(struct strbuf *out, const struct cocci *rule,
		  struct strbuf *why);

#endif
