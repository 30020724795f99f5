// SPDX-License-Identifier: GPL-2.0-only
#include "scope.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sites.h"
#include "strbuf.h"
#include "util.h"

static int is_punct(const char *buf, const struct ctok *t, const char *s)
{
	return t->kind == CTOK_PUNCT && ctok_is(buf, t, s);
}

/* Not code the compiler sees as such: directives and #if 0. */
static int skipped(const struct ctok *t)
{
	return t->flags & (CTOK_IN_DIRECTIVE | CTOK_IN_IF0);
}

static void copy_tok(char *out, const char *buf, const struct ctok *t)
{
	size_t len = t->len < SCOPE_NAME_MAX - 1 ? t->len : SCOPE_NAME_MAX - 1;

	memcpy(out, buf + t->off, len);
	out[len] = '\0';
}

/* Words that start a statement, never a declaration's type. */
static int is_statement_word(const char *buf, const struct ctok *t)
{
	static const char *const w[] = {
		"return",
		"goto",
		"case",
		"default",
		"else",
		"do",
		"if",
		"while",
		"for",
		"switch",
		"break",
		"continue",
		"sizeof",
		"typeof",
		"asm",
		"__asm__",
		"typedef",
		"_Static_assert",
		"static_assert",
		NULL,
	};
	size_t i;

	for (i = 0; w[i]; i++)
		if (ctok_is(buf, t, w[i]))
			return 1;
	return 0;
}

/* Qualifiers and storage classes: not the type, not the name. */
static int is_qualifier(const char *buf, const struct ctok *t)
{
	static const char *const w[] = {
		"const",  "volatile", "static",	 "extern",   "register",
		"inline", "restrict", "_Atomic", "noinline", NULL,
	};
	size_t i;

	if (t->kind != CTOK_IDENT)
		return 0;
	/* __rcu, __user, __maybe_unused, __aligned(8), __attribute__(...) */
	if (t->len >= 2 && buf[t->off] == '_' && buf[t->off + 1] == '_')
		return 1;
	for (i = 0; w[i]; i++)
		if (ctok_is(buf, t, w[i]))
			return 1;
	return 0;
}

/* The words of a base type spelled in several tokens. */
static int is_base_word(const char *buf, const struct ctok *t)
{
	static const char *const w[] = { "unsigned", "signed", "long",
					 "short",    "int",    "char",
					 "double",   NULL };
	size_t i;

	for (i = 0; w[i]; i++)
		if (ctok_is(buf, t, w[i]))
			return 1;
	return 0;
}

/* The next token after i that the compiler sees, or end. */
static size_t next_tok(const struct ctok_list *toks, size_t i, size_t end)
{
	for (i++; i < end && skipped(&toks->v[i]); i++)
		;
	return i;
}

/* Past a qualifier: "__aligned(8)" takes its parentheses with it. */
static size_t skip_qualifier(const char *buf, const struct ctok_list *toks,
			     size_t i, size_t end)
{
	size_t n = next_tok(toks, i, end);

	if (n < end && is_punct(buf, &toks->v[n], "(")) {
		size_t c = ctok_match(buf, toks, n);

		return c < end ? next_tok(toks, c, end) : end;
	}
	return n;
}

/* The end of an expression at i: a top-level ',' or ';', or end. */
static size_t expr_end(const char *buf, const struct ctok_list *toks, size_t i,
		       size_t end)
{
	while (i < end) {
		const struct ctok *t = &toks->v[i];

		if (is_punct(buf, t, "(") || is_punct(buf, t, "[") ||
		    is_punct(buf, t, "{")) {
			i = ctok_match(buf, toks, i);
			if (i >= end)
				return end;
		} else if (is_punct(buf, t, ",") || is_punct(buf, t, ";") ||
			   is_punct(buf, t, ")") || is_punct(buf, t, "}")) {
			return i;
		}
		i++;
	}
	return end;
}

struct decl_out {
	struct cvar *v;
	size_t nr, alloc;
};

static void add_var(struct decl_out *o, const char *type, int depth, int array,
		    const char *buf, const struct ctok *name, int set)
{
	struct cvar *c;

	ALLOC_GROW(o->v, o->nr + 1, o->alloc);
	c = &o->v[o->nr++];
	memset(c, 0, sizeof(*c));
	memcpy(c->type, type, SCOPE_NAME_MAX);
	c->depth = depth;
	c->array = array;
	copy_tok(c->name, buf, name);
	c->line = name->line;
	c->set = set;
}

/*
 * A declaration from token i up to end (exclusive): "T a, *b = x;" or
 * a parameter "T *p".  Appends its names to o and returns the token
 * that ends it (';', or end for a parameter); returns i when tokens
 * i.. are no declaration of a shape read here.  With one, at most one
 * declarator (a parameter).
 */
static size_t parse_decl(const char *buf, const struct ctok_list *toks,
			 size_t i, size_t end, int one, struct decl_out *o)
{
	char type[SCOPE_NAME_MAX];
	size_t start = i, j;
	int any = 0;

	while (i < end && is_qualifier(buf, &toks->v[i]))
		i = skip_qualifier(buf, toks, i, end);
	if (i >= end || toks->v[i].kind != CTOK_IDENT ||
	    is_statement_word(buf, &toks->v[i]))
		return start;
	if (ctok_is(buf, &toks->v[i], "struct") ||
	    ctok_is(buf, &toks->v[i], "union") ||
	    ctok_is(buf, &toks->v[i], "enum")) {
		size_t tag = next_tok(toks, i, end);

		if (tag >= end || toks->v[tag].kind != CTOK_IDENT)
			return start; /* a definition: not read here */
		snprintf(type, sizeof(type), "%s",
			 ctok_is(buf, &toks->v[i], "union") ? "union " :
			 ctok_is(buf, &toks->v[i], "enum")  ? "enum " :
							      "struct ");
		j = strlen(type);
		if (toks->v[tag].len < SCOPE_NAME_MAX - 1 - j) {
			memcpy(type + j, buf + toks->v[tag].off,
			       toks->v[tag].len);
			type[j + toks->v[tag].len] = '\0';
		}
		i = next_tok(toks, tag, end);
		if (i < end && is_punct(buf, &toks->v[i], "{"))
			return start;
	} else {
		copy_tok(type, buf, &toks->v[i]);
		if (is_base_word(buf, &toks->v[i]))
			while (next_tok(toks, i, end) < end &&
			       is_base_word(buf,
					    &toks->v[next_tok(toks, i, end)]))
				i = next_tok(toks, i, end);
		i = next_tok(toks, i, end);
	}
	/* Declarators: [*...] name [[...]] [= init] [, ...] */
	for (;;) {
		int depth = 0, array = 0, set = 0;
		size_t name;

		while (i < end && (is_punct(buf, &toks->v[i], "*") ||
				   is_qualifier(buf, &toks->v[i]))) {
			if (is_punct(buf, &toks->v[i], "*")) {
				depth++;
				i = next_tok(toks, i, end);
			} else {
				i = skip_qualifier(buf, toks, i, end);
			}
		}
		if (i >= end || toks->v[i].kind != CTOK_IDENT ||
		    is_statement_word(buf, &toks->v[i]))
			return any ? end : start;
		name = i;
		i = next_tok(toks, i, end);
		while (i < end && is_qualifier(buf, &toks->v[i]))
			i = skip_qualifier(buf, toks, i, end);
		while (i < end && is_punct(buf, &toks->v[i], "[")) {
			array = 1;
			i = ctok_match(buf, toks, i);
			if (i >= end)
				return any ? end : start;
			i = next_tok(toks, i, end);
		}
		if (i < end && is_punct(buf, &toks->v[i], ":")) /* bit-field */
			i = expr_end(buf, toks, i, end);
		if (i < end && is_punct(buf, &toks->v[i], "=")) {
			set = 1;
			i = expr_end(buf, toks, i, end);
		}
		if (i < end && !is_punct(buf, &toks->v[i], ",") &&
		    !is_punct(buf, &toks->v[i], ";"))
			return any ? end : start; /* "f(", "a.b", "x y z" */
		if (one && i < end)
			return start;
		add_var(o, type, depth, array, buf, &toks->v[name], set);
		any = 1;
		if (i >= end || is_punct(buf, &toks->v[i], ";"))
			return i;
		i = next_tok(toks, i, end);
	}
}

/* Backwards from the ')' at close to its '(', or toks->nr. */
static size_t match_back(const char *buf, const struct ctok_list *toks,
			 size_t close)
{
	size_t i = close;
	int depth = 0;

	for (;;) {
		const struct ctok *t = &toks->v[i];

		if (!skipped(t)) {
			if (is_punct(buf, t, ")"))
				depth++;
			else if (is_punct(buf, t, "(") && !--depth)
				return i;
		}
		if (!i)
			return toks->nr;
		i--;
	}
}

static size_t prev_tok(const struct ctok_list *toks, size_t i)
{
	while (i > 0) {
		i--;
		if (!skipped(&toks->v[i]))
			return i;
	}
	return toks->nr;
}

/*
 * The parameter list before the body opening at brace: its '(' (and the
 * function's name before it), stepping back over attribute macros
 * ("__releases(x)"); toks->nr when brace opens no function body.
 */
static size_t params_open(const char *buf, const struct ctok_list *toks,
			  size_t brace)
{
	size_t p = prev_tok(toks, brace);

	while (p < toks->nr && is_punct(buf, &toks->v[p], ")")) {
		size_t open = match_back(buf, toks, p), name;

		if (open >= toks->nr)
			return toks->nr;
		name = prev_tok(toks, open);
		if (name >= toks->nr || toks->v[name].kind != CTOK_IDENT)
			return toks->nr;
		p = prev_tok(toks, name);
		/* "f(...) __releases(x) {": the attribute follows a ')' */
		if (!is_qualifier(buf, &toks->v[name]) || p >= toks->nr ||
		    !is_punct(buf, &toks->v[p], ")"))
			return open;
	}
	return toks->nr;
}

static void take_vars(struct scope *out, struct decl_out *d, int param)
{
	size_t i;

	for (i = 0; i < d->nr; i++) {
		d->v[i].param = param;
		d->v[i].set |= param;
		ALLOC_GROW(out->v, out->nr + 1, out->alloc);
		out->v[out->nr++] = d->v[i];
	}
	d->nr = 0;
}

static void read_params(const char *buf, const struct ctok_list *toks,
			size_t open, struct scope *out)
{
	size_t close = ctok_match(buf, toks, open), i = open + 1;
	struct decl_out d = { 0 };

	while (i < close) {
		size_t e = expr_end(buf, toks, i, close);

		parse_decl(buf, toks, i, e, 1, &d);
		take_vars(out, &d, 1);
		i = e + 1;
	}
	free(d.v);
}

/* Whether a local is assigned, or its address taken, in [from, to). */
static int assigned(const char *buf, const struct ctok_list *toks,
		    const char *name, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++) {
		const struct ctok *t = &toks->v[i];
		size_t n, p;

		if (t->kind != CTOK_IDENT || skipped(t) ||
		    !ctok_is(buf, t, name))
			continue;
		p = prev_tok(toks, i);
		if (p < toks->nr && (is_punct(buf, &toks->v[p], ".") ||
				     is_punct(buf, &toks->v[p], "->")))
			continue;
		if (p < toks->nr && is_punct(buf, &toks->v[p], "&"))
			return 1;
		n = next_tok(toks, i, to);
		if (n < to && is_punct(buf, &toks->v[n], "="))
			return 1;
	}
	return 0;
}

int scope_at(const char *buf, const struct ctok_list *toks, size_t at,
	     struct scope *out)
{
	size_t i, body = toks->nr, open, name;
	int depth = 0, stmt = 1;
	struct decl_out d = { 0 };
	size_t nparams;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < at && i < toks->nr; i++) {
		const struct ctok *t = &toks->v[i];

		if (skipped(t))
			continue;
		if (is_punct(buf, t, "{")) {
			if (!depth++)
				body = i;
		} else if (is_punct(buf, t, "}") && depth > 0) {
			if (!--depth)
				body = toks->nr;
		}
	}
	if (body >= toks->nr || !depth)
		return 0;
	open = params_open(buf, toks, body);
	if (open >= toks->nr)
		return 0;
	name = prev_tok(toks, open);
	copy_tok(out->func, buf, &toks->v[name]);
	out->body_close = ctok_match(buf, toks, body);
	read_params(buf, toks, open, out);
	nparams = out->nr;
	/* The body up to the call: a stack of blocks and their locals. */
	depth = 0;
	for (i = body; i < at;) {
		const struct ctok *t = &toks->v[i];
		size_t e, k;

		if (skipped(t)) {
			i++;
			continue;
		}
		if (stmt && depth > 0) {
			e = parse_decl(buf, toks, i, at, 0, &d);
			if (e != i) {
				if (e >= at) /* the call is in it: not before */
					break;
				for (k = 0; k < d.nr; k++)
					d.v[k].block = depth;
				take_vars(out, &d, 0);
				i = e + 1;
				continue;
			}
			d.nr = 0;
		}
		stmt = 0;
		if (is_punct(buf, t, "{")) {
			depth++;
			stmt = 1;
		} else if (is_punct(buf, t, "}")) {
			depth--;
			/* The block's locals go out of scope. */
			while (out->nr > nparams &&
			       out->v[out->nr - 1].block > depth)
				out->nr--;
			stmt = 1;
		} else if (is_punct(buf, t, ";")) {
			stmt = 1;
		} else if (is_punct(buf, t, "(")) {
			/* "for (...;...;...)", a call: no statement inside */
			k = ctok_match(buf, toks, i);
			if (k >= at)
				break;
			i = k;
		}
		i++;
	}
	for (i = nparams; i < out->nr; i++)
		if (!out->v[i].set)
			out->v[i].set =
				assigned(buf, toks, out->v[i].name, body, at);
	free(d.v);
	return 1;
}

void scope_release(struct scope *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}

char *scope_tokens_text(const char *buf, const struct ctok_list *toks,
			size_t first, size_t last)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	int prev_word = 0;

	for (i = first; i <= last && i < toks->nr; i++) {
		const struct ctok *t = &toks->v[i];
		int word = t->kind == CTOK_IDENT || t->kind == CTOK_NUMBER;

		if (skipped(t) && !(toks->v[first].flags & CTOK_IN_DIRECTIVE))
			continue;
		if (word && prev_word)
			strbuf_addch(&sb, ' ');
		strbuf_add(&sb, buf + t->off, t->len);
		prev_word = word;
	}
	return strbuf_detach(&sb, NULL);
}

/* The members of a struct body between the braces open and close. */
static void read_members(const char *buf, const struct ctok_list *toks,
			 size_t open, size_t close, struct cstruct *s)
{
	size_t i = next_tok(toks, open, close);
	struct decl_out d = { 0 };

	while (i < close) {
		const struct ctok *t = &toks->v[i];
		size_t e, k = i;

		/* An anonymous struct or union: its members are ours. */
		if (ctok_is(buf, t, "struct") || ctok_is(buf, t, "union")) {
			k = next_tok(toks, i, close);
			if (k < close && toks->v[k].kind == CTOK_IDENT)
				k = next_tok(toks, k, close);
		}
		if (k < close && is_punct(buf, &toks->v[k], "{")) {
			size_t c = ctok_match(buf, toks, k),
			       n = next_tok(toks, c, close);

			if (c >= close)
				break;
			if (n < close && is_punct(buf, &toks->v[n], ";"))
				read_members(buf, toks, k, c, s);
			/* a named embedded member: not read (see scope.h) */
			i = next_tok(toks, expr_end(buf, toks, n, close),
				     close);
			continue;
		}
		e = parse_decl(buf, toks, i, close, 0, &d);
		for (k = 0; k < d.nr; k++) {
			ALLOC_GROW(s->f, s->nr + 1, s->alloc);
			s->f[s->nr++] = d.v[k];
		}
		d.nr = 0;
		if (e == i) /* not a member read here: to its ';' */
			while (e < close && !is_punct(buf, &toks->v[e], ";")) {
				if (is_punct(buf, &toks->v[e], "(") ||
				    is_punct(buf, &toks->v[e], "{") ||
				    is_punct(buf, &toks->v[e], "["))
					e = ctok_match(buf, toks, e);
				else
					e++;
			}
		i = next_tok(toks, e, close);
	}
	free(d.v);
}

static void add_include(const char *buf, const struct ctok_list *toks,
			size_t hash, struct cdecls *out)
{
	size_t i = hash + 1, j;
	struct cinclude *inc;

	if (i >= toks->nr || !ctok_is(buf, &toks->v[i], "include"))
		return;
	i++;
	if (i >= toks->nr || !(toks->v[i].flags & CTOK_IN_DIRECTIVE) ||
	    toks->v[i].line != toks->v[hash].line)
		return;
	ALLOC_GROW(out->inc, out->nr_inc + 1, out->alloc_inc);
	inc = &out->inc[out->nr_inc];
	if (toks->v[i].kind == CTOK_STRING && toks->v[i].len >= 2) {
		inc->name =
			xstrndup(buf + toks->v[i].off + 1, toks->v[i].len - 2);
		inc->angle = 0;
		out->nr_inc++;
		return;
	}
	if (!is_punct(buf, &toks->v[i], "<"))
		return;
	for (j = i + 1; j < toks->nr && toks->v[j].line == toks->v[i].line &&
			!is_punct(buf, &toks->v[j], ">");
	     j++)
		;
	if (j >= toks->nr || !is_punct(buf, &toks->v[j], ">"))
		return;
	inc->name = xstrndup(buf + toks->v[i].off + 1,
			     toks->v[j].off - toks->v[i].off - 1);
	inc->angle = 1;
	out->nr_inc++;
}

/*
 * "struct net *NAME(T *p)" at token i (the "struct"), followed by ';'
 * or a body: an accessor.
 */
static void read_accessor(const char *buf, const struct ctok_list *toks,
			  size_t i, struct cdecls *out)
{
	size_t star = next_tok(toks, next_tok(toks, i, toks->nr), toks->nr);
	size_t name = next_tok(toks, star, toks->nr), open, close, after;
	struct decl_out d = { 0 };
	struct caccessor *a;

	if (name >= toks->nr || !is_punct(buf, &toks->v[star], "*") ||
	    toks->v[name].kind != CTOK_IDENT)
		return;
	open = next_tok(toks, name, toks->nr);
	if (open >= toks->nr || !is_punct(buf, &toks->v[open], "("))
		return;
	close = ctok_match(buf, toks, open);
	if (close >= toks->nr ||
	    parse_decl(buf, toks, next_tok(toks, open, close), close, 1, &d) !=
		    close ||
	    d.nr != 1 || d.v[0].depth != 1 ||
	    !strcmp(d.v[0].type, "struct net")) {
		free(d.v);
		return;
	}
	after = next_tok(toks, close, toks->nr);
	while (after < toks->nr && is_qualifier(buf, &toks->v[after]))
		after = skip_qualifier(buf, toks, after, toks->nr);
	if (after >= toks->nr || (!is_punct(buf, &toks->v[after], ";") &&
				  !is_punct(buf, &toks->v[after], "{"))) {
		free(d.v);
		return;
	}
	ALLOC_GROW(out->a, out->nr_a + 1, out->alloc_a);
	a = &out->a[out->nr_a++];
	memset(a, 0, sizeof(*a));
	copy_tok(a->name, buf, &toks->v[name]);
	memcpy(a->ptype, d.v[0].type, SCOPE_NAME_MAX);
	memcpy(a->param, d.v[0].name, SCOPE_NAME_MAX);
	a->line = toks->v[name].line;
	if (is_punct(buf, &toks->v[after], "{")) {
		size_t end = ctok_match(buf, toks, after);
		size_t r = next_tok(toks, after, end), semi;

		if (end < toks->nr && r < end &&
		    ctok_is(buf, &toks->v[r], "return")) {
			semi = expr_end(buf, toks, next_tok(toks, r, end), end);
			if (semi < end && is_punct(buf, &toks->v[semi], ";") &&
			    next_tok(toks, semi, end) == end)
				a->body = scope_tokens_text(
					buf, toks, next_tok(toks, r, end),
					semi - 1);
		}
	}
	free(d.v);
}

void cdecls_scan(const char *buf, const struct ctok_list *toks,
		 struct cdecls *out)
{
	size_t i;
	int depth = 0;

	for (i = 0; i < toks->nr; i++) {
		const struct ctok *t = &toks->v[i];
		size_t tag, open;

		if (t->kind == CTOK_HASH && !(t->flags & CTOK_IN_IF0)) {
			add_include(buf, toks, i, out);
			continue;
		}
		if (skipped(t))
			continue;
		if (is_punct(buf, t, "{"))
			depth++;
		else if (is_punct(buf, t, "}") && depth > 0)
			depth--;
		if (t->kind != CTOK_IDENT ||
		    !(ctok_is(buf, t, "struct") || ctok_is(buf, t, "union")))
			continue;
		tag = next_tok(toks, i, toks->nr);
		if (tag >= toks->nr || toks->v[tag].kind != CTOK_IDENT)
			continue;
		if (!depth && ctok_is(buf, &toks->v[tag], "net")) {
			read_accessor(buf, toks, i, out);
			continue;
		}
		open = next_tok(toks, tag, toks->nr);
		if (open < toks->nr && is_punct(buf, &toks->v[open], "{")) {
			size_t close = ctok_match(buf, toks, open);
			struct cstruct *s;

			if (close >= toks->nr)
				continue;
			ALLOC_GROW(out->s, out->nr_s + 1, out->alloc_s);
			s = &out->s[out->nr_s++];
			memset(s, 0, sizeof(*s));
			copy_tok(s->tag, buf, &toks->v[tag]);
			s->line = toks->v[tag].line;
			read_members(buf, toks, open, close, s);
		}
	}
}

void cdecls_release(struct cdecls *d)
{
	size_t i;

	for (i = 0; i < d->nr_s; i++)
		free(d->s[i].f);
	free(d->s);
	for (i = 0; i < d->nr_a; i++)
		free(d->a[i].body);
	free(d->a);
	for (i = 0; i < d->nr_inc; i++)
		free(d->inc[i].name);
	free(d->inc);
	memset(d, 0, sizeof(*d));
}
