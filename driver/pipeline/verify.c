// SPDX-License-Identifier: GPL-2.0-only
#include "verify.h"

#include <stdlib.h>
#include <string.h>

#include "ctoken.h"
#include "form.h"
#include "strbuf.h"
#include "util.h"

/* What the rule did at one site of the original. */
struct edit {
	size_t open; /* token of '(' in the original: the insertion follows */
	const struct ctok_list *ins; /* tokens inserted after it, or NULL */
	const char *ins_text; /* the same, for messages */
	size_t drop; /* or: tokens of the original after it that go */
	size_t body_first, body_last; /* a definition's body, or 1, 0 */
	size_t tok, close; /* identifier and ')' in the original */
};

/* One line range of the original and its counterpart in the result. */
struct span {
	unsigned b_first, b_last, a_first, a_last;
};

struct verifier {
	const struct cocci *rule;
	const char *b, *a;
	size_t blen, alen;
	struct ctok_list bt, at; /* tokens of before and after */
	struct ctok_list arg, param, def_old, def_new; /* the rule's texts */
	struct ctok_list drop_param; /* the parameter a backport takes out */
	struct edit *edits;
	size_t nr_edits;
	struct span *spans;
	size_t nr_spans, alloc_spans;
	char *why;
};

/* The tokens of a text from the rule, with a trailing comma if asked. */
static void rule_tokens(const char *text, int comma, struct ctok_list *out)
{
	if (!text)
		return;
	ctok_scan(text, strlen(text), out);
	if (comma) {
		ALLOC_GROW(out->v, out->nr + 1, out->alloc);
		out->v[out->nr].kind = CTOK_PUNCT;
		out->v[out->nr].flags = 0;
		/* Offset into the text only as far as it goes: see same_text. */
		out->v[out->nr].off = (size_t)-1;
		out->v[out->nr].len = 1;
		out->nr++;
	}
}

static const char *tok_text(const char *buf, const struct ctok *t)
{
	return t->off == (size_t)-1 ? "," : buf + t->off;
}

static int same_text(const char *x, const struct ctok *tx, const char *y,
		     const struct ctok *ty)
{
	return tx->len == ty->len &&
	       !memcmp(tok_text(x, tx), tok_text(y, ty), tx->len);
}

/* The rule's tokens r (of text) stand in list (of buf) from token at. */
static int match_tokens(const char *text, const struct ctok_list *r,
			const char *buf, const struct ctok_list *list,
			size_t at)
{
	size_t i;

	if (!r->nr || at + r->nr > list->nr)
		return 0;
	for (i = 0; i < r->nr; i++)
		if (!same_text(text, &r->v[i], buf, &list->v[at + i]))
			return 0;
	return 1;
}

/* ... in the result, from token k. */
static int match_at(const struct verifier *v, const char *text,
		    const struct ctok_list *r, size_t k)
{
	return match_tokens(text, r, v->a, &v->at, k);
}

/* ... in the original, from token i. */
static int match_before(const struct verifier *v, const char *text,
			const struct ctok_list *r, size_t i)
{
	return match_tokens(text, r, v->b, &v->bt, i);
}

static void add_span(struct verifier *v, unsigned bf, unsigned bl, unsigned af,
		     unsigned al)
{
	struct span *s;

	ALLOC_GROW(v->spans, v->nr_spans + 1, v->alloc_spans);
	s = &v->spans[v->nr_spans++];
	s->b_first = bf;
	s->b_last = bl;
	s->a_first = af;
	s->a_last = al;
}

/* A token as it reads in a message: "'foo'", or "the end of the file". */
static void describe(struct strbuf *sb, const char *buf,
		     const struct ctok_list *l, size_t i)
{
	if (i >= l->nr) {
		strbuf_addstr(sb, "the end of the file");
		return;
	}
	strbuf_addf(sb, "'%.*s'", (int)(l->v[i].len > 40 ? 40 : l->v[i].len),
		    tok_text(buf, &l->v[i]));
}

static char *departs(const struct verifier *v, size_t i, size_t k)
{
	struct strbuf sb = STRBUF_INIT;
	unsigned line = k < v->at.nr ? v->at.v[k].line :
			v->at.nr     ? v->at.v[v->at.nr - 1].line :
				       1;

	strbuf_addf(&sb, "result refused: at line %u it has ", line);
	describe(&sb, v->a, &v->at, k);
	strbuf_addstr(&sb, " where the original has ");
	describe(&sb, v->b, &v->bt, i);
	strbuf_addstr(&sb, " (only the rule's edit is accepted)");
	return strbuf_detach(&sb, NULL);
}

/*
 * A rule that drops the first argument (drop-arg=first): at a call, the
 * tokens up to and with the first top-level comma go, whatever they are;
 * at a prototype or definition, exactly the rule's drop-param and a
 * comma.  Returns 0 (with v->why) when the original has no such thing.
 */
static int plan_drop(struct verifier *v, const struct site *b, struct edit *e)
{
	size_t comma;

	if (b->kind == SITE_CALL) {
		if (!form_first_comma(v->b, &v->bt, b, &comma)) {
			v->why = xstrfmt("result refused: the call at line %u "
					 "has no first argument to drop",
					 b->line);
			return 0;
		}
		e->drop = comma - b->open;
		return 1;
	}
	if (!v->rule->drop_param) {
		v->why = xstrfmt("result refused: %s's header does not say "
				 "what the rule takes out of a %s",
				 v->rule->path, site_kind_name(b->kind));
		return 0;
	}
	if (!match_before(v, v->rule->drop_param, &v->drop_param,
			  b->open + 1)) {
		v->why = xstrfmt("result refused: the %s at line %u does not "
				 "start with '%s,', which the rule takes out",
				 site_kind_name(b->kind), b->line,
				 v->rule->drop_param);
		return 0;
	}
	e->drop = v->drop_param.nr;
	return 1;
}

/*
 * Decide, site by site, which edit happened, from the argument counts of
 * the original and of the result.
 */
static int plan_edits(struct verifier *v, const struct site_list *bs,
		      const struct site_list *as)
{
	const struct cocci *r = v->rule;
	size_t i;

	if (bs->nr != as->nr) {
		v->why = xstrfmt(
			"result refused: it has %zu occurrences of %s() "
			"where the original has %zu",
			as->nr, r->ident, bs->nr);
		return 0;
	}
	v->edits = xcalloc(bs->nr ? bs->nr : 1, sizeof(*v->edits));
	for (i = 0; i < bs->nr; i++) {
		const struct site *b = &bs->v[i], *a = &as->v[i];
		struct edit *e;

		if (a->kind != b->kind) {
			v->why = xstrfmt(
				"result refused: the %s at line %u became "
				"a %s",
				site_kind_name(b->kind), b->line,
				site_kind_name(a->kind));
			return 0;
		}
		if (a->nargs == b->nargs)
			continue;
		if (!form_converted(r, b, a)) {
			v->why = xstrfmt(
				"result refused: the %s at line %u went "
				"from %d to %d arguments, the rule "
				"turns %d into %d",
				site_kind_name(b->kind), b->line, b->nargs,
				a->nargs, r->old_arity, r->new_arity);
			return 0;
		}
		e = &v->edits[v->nr_edits++];
		e->open = b->open;
		e->tok = b->tok;
		e->close = b->close;
		e->body_first = 1;
		e->body_last = 0;
		if (r->drop_first_arg) {
			if (!plan_drop(v, b, e))
				return 0;
		} else if (b->kind == SITE_CALL) {
			e->ins = &v->arg;
			e->ins_text = r->new_arg;
		} else {
			e->ins = &v->param;
			e->ins_text = r->new_param;
		}
		if (!r->drop_first_arg && !e->ins_text) {
			v->why = xstrfmt("result refused: %s's header does not "
					 "say what the rule adds to a %s",
					 r->path, site_kind_name(b->kind));
			return 0;
		}
		if (b->kind == SITE_DEF && b->close + 1 < v->bt.nr) {
			e->body_first = b->close + 1;
			e->body_last = ctok_match(v->b, &v->bt, e->body_first);
		}
	}
	return 1;
}

/* The edit whose '(' is token i of the original, or NULL. */
static const struct edit *edit_after(const struct verifier *v, size_t i)
{
	size_t j;

	for (j = 0; j < v->nr_edits; j++)
		if (v->edits[j].open == i)
			return &v->edits[j];
	return NULL;
}

static int in_def_body(const struct verifier *v, size_t i)
{
	size_t j;

	for (j = 0; j < v->nr_edits; j++)
		if (i > v->edits[j].body_first && i < v->edits[j].body_last)
			return 1;
	return 0;
}

/*
 * Walk both token lists together, allowing only the planned insertions
 * and, in converted definitions, def-old -> def-new.  map[i] is where
 * token i of the original is in the result.
 */
static int align_tokens(struct verifier *v, size_t *map)
{
	size_t i = 0, k = 0, j;

	while (i < v->bt.nr) {
		const struct edit *e;

		/*
		 * In a converted definition every def-old becomes def-new:
		 * a new parameter that the body ignores is no conversion.
		 */
		if (in_def_body(v, i) &&
		    match_before(v, v->rule->def_old, &v->def_old, i)) {
			if (!match_at(v, v->rule->def_new, &v->def_new, k)) {
				v->why = xstrfmt(
					"result refused: the definition "
					"still has '%s' at line %u where "
					"the rule passes '%s'",
					v->rule->def_old,
					k < v->at.nr ? v->at.v[k].line :
						       v->bt.v[i].line,
					v->rule->def_new);
				return 0;
			}
			add_span(v, v->bt.v[i].line,
				 v->bt.v[i + v->def_old.nr - 1].line,
				 v->at.v[k].line,
				 v->at.v[k + v->def_new.nr - 1].line);
			for (j = 0; j < v->def_old.nr; j++)
				map[i + j] = k;
			i += v->def_old.nr;
			k += v->def_new.nr;
			continue;
		}
		if (k >= v->at.nr ||
		    !same_text(v->b, &v->bt.v[i], v->a, &v->at.v[k])) {
			v->why = departs(v, i, k);
			return 0;
		}
		map[i++] = k++;
		e = edit_after(v, i - 1);
		if (!e)
			continue;
		if (!e->ins) {
			/* What a backport drops: the result goes on without. */
			for (j = 0; j < e->drop && i < v->bt.nr; j++)
				map[i++] = k;
			continue;
		}
		if (!match_at(v, e->ins_text, e->ins, k)) {
			v->why = xstrfmt("result refused: at line %u the rule "
					 "adds '%s,' after '(', the result has "
					 "something else",
					 k < v->at.nr ? v->at.v[k].line :
							v->bt.v[i - 1].line,
					 e->ins_text);
			return 0;
		}
		k += e->ins->nr;
	}
	if (k != v->at.nr) {
		v->why = departs(v, i, k);
		return 0;
	}
	for (j = 0; j < v->nr_edits; j++) {
		const struct edit *e = &v->edits[j];
		/*
		 * A call whose ')' is only found along its #if branch (the
		 * branches each open a call and share the last arguments)
		 * has no ')' in plain token order: its lines end at the '('.
		 */
		size_t last = e->close < v->bt.nr ? e->close : e->open;

		add_span(v, v->bt.v[e->tok].line, v->bt.v[last].line,
			 v->at.v[map[e->tok]].line, v->at.v[map[last]].line);
	}
	return 1;
}

static int same_comments(struct verifier *v)
{
	struct ctok_list cb = { 0 }, ca = { 0 };
	size_t i;
	int ok = 1;

	ctok_scan_comments(v->b, v->blen, &cb);
	ctok_scan_comments(v->a, v->alen, &ca);
	for (i = 0; ok && (i < cb.nr || i < ca.nr); i++) {
		if (i < cb.nr && i < ca.nr &&
		    same_text(v->b, &cb.v[i], v->a, &ca.v[i]))
			continue;
		ok = 0;
		v->why = xstrfmt("result refused: a comment differs at line %u "
				 "(comments are kept as they are)",
				 i < ca.nr ? ca.v[i].line : cb.v[i].line);
	}
	ctok_list_release(&cb);
	ctok_list_release(&ca);
	return ok;
}

static int in_spans(const struct verifier *v, unsigned line, int after)
{
	size_t i;

	for (i = 0; i < v->nr_spans; i++) {
		const struct span *s = &v->spans[i];

		if (after ? line >= s->a_first && line <= s->a_last :
			    line >= s->b_first && line <= s->b_last)
			return 1;
	}
	return 0;
}

/* The next line of text from *pos outside the spans, or 0 at the end. */
static int next_plain_line(const struct verifier *v, const char *text,
			   size_t len, size_t *pos, unsigned *line, int after,
			   const char **start, size_t *n)
{
	while (*pos < len) {
		const char *p = text + *pos;
		const char *nl = memchr(p, '\n', len - *pos);
		size_t l = nl ? (size_t)(nl - p + 1) : len - *pos;
		unsigned this = (*line)++;

		*pos += l;
		if (in_spans(v, this, after))
			continue;
		*start = p;
		*n = l;
		return (int)this;
	}
	return 0;
}

static int same_plain_lines(struct verifier *v)
{
	size_t blen = v->blen, alen = v->alen;
	size_t bp = 0, ap = 0;
	unsigned bl = 1, al = 1;

	for (;;) {
		const char *bs = NULL, *as = NULL;
		size_t bn = 0, an = 0;
		int b = next_plain_line(v, v->b, blen, &bp, &bl, 0, &bs, &bn);
		int a = next_plain_line(v, v->a, alen, &ap, &al, 1, &as, &an);

		if (!a && !b)
			return 1;
		if (a && b && an == bn && !memcmp(as, bs, an))
			continue;
		v->why = xstrfmt(
			"result refused: line %d differs from the "
			"original line %d, and holds no converted call "
			"(only the lines of converted calls may change)",
			a ? a : (int)al, b ? b : (int)bl);
		return 0;
	}
}

static char *verify(const struct cocci *rule, const struct strbuf *before,
		    const struct site_list *before_sites,
		    const struct strbuf *after,
		    const struct site_list *after_sites, int tokens_only)
{
	struct verifier v = { 0 };
	size_t *map;

	/* The texts are NUL-terminated strbufs; a NUL inside is a token. */
	if (memchr(after->buf, '\0', after->len))
		return xstrfmt("result refused: it contains a NUL byte");
	v.rule = rule;
	v.b = before->buf;
	v.a = after->buf;
	v.blen = before->len;
	v.alen = after->len;
	ctok_scan(before->buf, before->len, &v.bt);
	ctok_scan(after->buf, after->len, &v.at);
	rule_tokens(rule->new_arg, 1, &v.arg);
	rule_tokens(rule->new_param, 1, &v.param);
	rule_tokens(rule->def_old, 0, &v.def_old);
	rule_tokens(rule->def_new, 0, &v.def_new);
	rule_tokens(rule->drop_param, 1, &v.drop_param);
	map = xcalloc(v.bt.nr ? v.bt.nr : 1, sizeof(*map));
	if (plan_edits(&v, before_sites, after_sites) &&
	    align_tokens(&v, map) && !tokens_only && same_comments(&v))
		same_plain_lines(&v);
	free(map);
	free(v.edits);
	free(v.spans);
	ctok_list_release(&v.bt);
	ctok_list_release(&v.at);
	ctok_list_release(&v.arg);
	ctok_list_release(&v.param);
	ctok_list_release(&v.def_old);
	ctok_list_release(&v.def_new);
	ctok_list_release(&v.drop_param);
	return v.why;
}

char *verify_result(const struct cocci *rule, const struct strbuf *before,
		    const struct site_list *before_sites,
		    const struct strbuf *after,
		    const struct site_list *after_sites)
{
	return verify(rule, before, before_sites, after, after_sites, 0);
}

char *verify_tokens(const struct cocci *rule, const struct strbuf *before,
		    const struct site_list *before_sites,
		    const struct strbuf *after,
		    const struct site_list *after_sites)
{
	return verify(rule, before, before_sites, after, after_sites, 1);
}
