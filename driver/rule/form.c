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
	form_insert_arg_as(text, toks, s, rule->new_arg);
}

void form_insert_arg_as(struct strbuf *text, const struct ctok_list *toks,
			const struct site *s, const char *arg)
{
	size_t at = toks->v[s->open].off + 1;

	strbuf_insert(text, at, arg, strlen(arg));
	if (s->open + 1 < toks->nr &&
	    toks->v[s->open + 1].line == toks->v[s->open].line)
		strbuf_insert(text, at + strlen(arg), ", ", 2);
	else
		strbuf_insert(text, at + strlen(arg), ",", 1);
}

int form_first_comma(const char *buf, const struct ctok_list *toks,
		     const struct site *s, size_t *comma)
{
	unsigned dir = toks->v[s->open].flags & CTOK_IN_DIRECTIVE;
	size_t i, depth = 0;

	for (i = s->open + 1; i < toks->nr; i++) {
		const struct ctok *t = &toks->v[i];

		if ((t->flags & CTOK_IN_DIRECTIVE) != dir ||
		    t->kind == CTOK_HASH)
			return 0;
		if (t->kind != CTOK_PUNCT)
			continue;
		if (ctok_is(buf, t, "(") || ctok_is(buf, t, "[") ||
		    ctok_is(buf, t, "{")) {
			depth++;
		} else if (ctok_is(buf, t, ")") || ctok_is(buf, t, "]") ||
			   ctok_is(buf, t, "}")) {
			if (!depth--)
				return 0;
		} else if (!depth && ctok_is(buf, t, ",")) {
			*comma = i;
			return i > s->open + 1;
		}
	}
	return 0;
}

void form_drop_arg(struct strbuf *text, const struct ctok_list *toks,
		   const struct site *s)
{
	size_t comma, from, to;

	if (!form_first_comma(text->buf, toks, s, &comma))
		return;
	from = toks->v[s->open + 1].off;
	to = toks->v[comma].off + 1;
	while (to < text->len &&
	       (text->buf[to] == ' ' || text->buf[to] == '\t'))
		to++;
	strbuf_splice(text, from, to - from, "", 0);
}

int form_rewrites_calls(const struct cocci *rule)
{
	return rule->new_arg || rule->drop_first_arg;
}

void form_rewrite_call(const struct cocci *rule, struct strbuf *text,
		       const struct ctok_list *toks, const struct site *s)
{
	if (rule->drop_first_arg)
		form_drop_arg(text, toks, s);
	else
		form_insert_arg(rule, text, toks, s);
}
