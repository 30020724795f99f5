/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * form: what the rule means for one occurrence.  The rule's header (see
 * cocci.h) names the function, its arity before and after, and the text
 * it adds; this is the one place that turns those into answers about a
 * site (see sites.h), so that no stage spells out an arity test again.
 *
 *   old form   a call, prototype or definition with the old arity, that
 *              the driver's own view does not leave to a human
 *   new form   the same kinds with the new arity
 *   converted  a site that went from the old form to the new, same kind
 */
#ifndef COCCIDRIVE_FORM_H
#define COCCIDRIVE_FORM_H

#include "cocci.h"
#include "ctoken.h"
#include "sites.h"
#include "strbuf.h"

/* A call, prototype or definition still in the form the rule converts. */
int form_is_old(const struct cocci *rule, const struct site *s);
/* A call, prototype or definition already in the form the rule makes. */
int form_is_new(const struct cocci *rule, const struct site *s);
/* before, in the old form, is after in the new form, and the same kind. */
int form_converted(const struct cocci *rule, const struct site *before,
		   const struct site *after);
/* The same, for a call. */
int form_converted_call(const struct cocci *rule, const struct site *before,
			const struct site *after);

/*
 * Insert the rule's new first argument ("&init_net, ") right after the
 * '(' of the call at s (toks are text's tokens): what the rule does, for
 * the driver's own edits (keeping a comment spatch drops, the text
 * fallback).  A first argument on a line of its own stays there.
 */
void form_insert_arg(const struct cocci *rule, struct strbuf *text,
		     const struct ctok_list *toks, const struct site *s);
/* The same with another first argument (--net=infer's choice, infer.h). */
void form_insert_arg_as(struct strbuf *text, const struct ctok_list *toks,
			const struct site *s, const char *arg);

/*
 * The reverse, for a rule that drops the first argument: take it out of
 * the call at s, with its comma and the blanks after it on its line (a
 * line break after the comma stays).  A comment before the argument or
 * after the comma stays too.  Does nothing when form_first_comma() finds
 * no first argument.
 */
void form_drop_arg(struct strbuf *text, const struct ctok_list *toks,
		   const struct site *s);

/*
 * Whether the driver can make the rule's edit of a call itself (it adds
 * a known argument, or drops the first one), and that edit: for the
 * driver's own edits (keeping a comment spatch drops, the text fallback).
 */
int form_rewrites_calls(const struct cocci *rule);
void form_rewrite_call(const struct cocci *rule, struct strbuf *text,
		       const struct ctok_list *toks, const struct site *s);

/*
 * For a rule that drops the first argument (drop-arg=first): the comma
 * that ends the first argument of the call at s (toks are buf's tokens),
 * at the call's own depth; the argument is the tokens between s->open and
 * it.  Found in plain token order, so that a call whose #if branches
 * each open it (and whose ')' only its branch finds) has one too.
 * Returns 0 when there is none: no second argument, or a directive line
 * inside the first argument.
 */
int form_first_comma(const char *buf, const struct ctok_list *toks,
		     const struct site *s, size_t *comma);

#endif
