// SPDX-License-Identifier: GPL-2.0-only
#include "form.h"

#include <string.h>

static int convertible_kind(enum site_kind k)
{
	return k == SITE_CALL || k == SITE_DECL || k == SITE_DEF;
}

int form_is_old(const struct cocci *rule, const struct site *s)
{
	return convertible_kind(s->kind) && s->nargs == rule->old_arity &&
	       !s->manual[0];
}

int form_is_new(const struct cocci *rule, const struct site *s)
{
	return convertible_kind(s->kind) && s->nargs == rule->new_arity;
}

int form_converted(const struct cocci *rule, const struct site *before,
		   const struct site *after)
{
	return before->kind == after->kind &&
	       before->nargs == rule->old_arity && form_is_new(rule, after);
}

int form_converted_call(const struct cocci *rule, const struct site *before,
			const struct site *after)
{
	return before->kind == SITE_CALL && form_converted(rule, before, after);
}

void form_insert_arg(const struct cocci *rule, struct strbuf *text,
		     const struct ctok_list *toks, const struct site *s)
{
	form_insert_arg_as(rule, text, toks, s, rule->new_arg);
}

void form_insert_arg_as(const struct cocci *rule, struct strbuf *text,
			const struct ctok_list *toks, const struct site *s,
			const char *arg)
{
	(void)rule; /* the rule says where; arg is what */
	size_t at = toks->v[s->open].off + 1;

	strbuf_insert(text, at, arg, strlen(arg));
	if (s->open + 1 < toks->nr &&
	    toks->v[s->open + 1].line == toks->v[s->open].line)
		strbuf_insert(text, at + strlen(arg), ", ", 2);
	else
		strbuf_insert(text, at + strlen(arg), ",", 1);
}
