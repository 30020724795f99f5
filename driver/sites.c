// SPDX-License-Identifier: GPL-2.0-only
#include "sites.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static int is_punct(const char *buf, const struct ctok *t, const char *s)
{
	return t->kind == CTOK_PUNCT && ctok_is(buf, t, s);
}

static int opens(const char *buf, const struct ctok *t)
{
	return is_punct(buf, t, "(") || is_punct(buf, t, "[") ||
	       is_punct(buf, t, "{");
}

static int closes(const char *buf, const struct ctok *t)
{
	return is_punct(buf, t, ")") || is_punct(buf, t, "]") ||
	       is_punct(buf, t, "}");
}

/* The closer that goes with an opener token. */
static char closer_of(const char *buf, const struct ctok *t)
{
	char c = buf[t->off];

	return c == '(' ? ')' : c == '[' ? ']' : '}';
}

size_t ctok_match(const char *buf, const struct ctok_list *toks, size_t open)
{
	char want[256];
	size_t i, depth = 0;

	for (i = open; i < toks->nr; i++) {
		if (opens(buf, &toks->v[i])) {
			if (depth == sizeof(want))
				return toks->nr; /* absurdly deep: give up */
			want[depth++] = closer_of(buf, &toks->v[i]);
		} else if (closes(buf, &toks->v[i])) {
			/* "f(a; }": a stray closer means no match at all. */
			if (!depth || buf[toks->v[i].off] != want[depth - 1])
				return toks->nr;
			if (--depth == 0)
				return i;
		}
		/* A call does not run past the end of its directive. */
		if ((toks->v[open].flags & CTOK_IN_DIRECTIVE) &&
		    toks->v[i].kind == CTOK_HASH && i > open)
			break;
	}
	return toks->nr;
}

int ctok_args(const char *buf, const struct ctok_list *toks, size_t open,
	      size_t *commas, size_t max)
{
	size_t close = ctok_match(buf, toks, open), i, depth = 0;
	int n = 1;

	if (close >= toks->nr)
		return -1;
	if (close == open + 1)
		return 0;
	if (close == open + 2 && ctok_is(buf, &toks->v[open + 1], "void"))
		return 0;
	for (i = open + 1; i < close; i++) {
		const struct ctok *t = &toks->v[i];

		if (opens(buf, t))
			depth++;
		else if (closes(buf, t))
			depth--;
		else if (!depth && is_punct(buf, t, ",")) {
			if ((size_t)(n - 1) < max)
				commas[n - 1] = i;
			n++;
		}
	}
	return n;
}

static int is_export(const char *buf, const struct ctok *t)
{
	static const char *const exports[] = { "EXPORT_SYMBOL",
					       "EXPORT_SYMBOL_GPL",
					       "EXPORT_SYMBOL_NS",
					       "EXPORT_SYMBOL_NS_GPL" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(exports); i++)
		if (ctok_is(buf, t, exports[i]))
			return 1;
	return 0;
}

/*
 * Brace depth at every token, surviving #if/#else branches that each open
 * a brace: after #else the depth goes back to what it was at #if, and
 * after #endif it is what the first branch left.
 */
struct depth_tracker {
	int depth;
	int stack[64][2]; /* depth at #if; depth at end of first branch */
	int sp;
};

static void track_directive(struct depth_tracker *dt, const char *buf,
			    const struct ctok *name)
{
	if (ctok_is(buf, name, "if") || ctok_is(buf, name, "ifdef") ||
	    ctok_is(buf, name, "ifndef")) {
		if (dt->sp < 64) {
			dt->stack[dt->sp][0] = dt->depth;
			dt->stack[dt->sp][1] = -1;
		}
		dt->sp++;
	} else if (ctok_is(buf, name, "else") || ctok_is(buf, name, "elif")) {
		if (dt->sp > 0 && dt->sp <= 64) {
			int *f = dt->stack[dt->sp - 1];

			if (f[1] < 0)
				f[1] = dt->depth;
			dt->depth = f[0];
		}
	} else if (ctok_is(buf, name, "endif")) {
		if (dt->sp > 0 && dt->sp <= 64 && dt->stack[dt->sp - 1][1] >= 0)
			dt->depth = dt->stack[dt->sp - 1][1];
		if (dt->sp > 0)
			dt->sp--;
	}
}

struct func_span {
	char name[64];
	char net_param[32];
	unsigned first, last;
};

/*
 * The name of a "struct net *NAME" parameter in the parameter list opening
 * at token open: the namespace a caller most likely means.
 */
static void find_net_param(const char *buf, const struct ctok_list *toks,
			   size_t open, size_t limit, char *out, size_t size)
{
	size_t close = ctok_match(buf, toks, open), i;

	out[0] = '\0';
	if (close > limit)
		return;
	for (i = open + 1; i + 3 < close + 1; i++) {
		const struct ctok *id = &toks->v[i + 3];

		if (ctok_is(buf, &toks->v[i], "struct") &&
		    ctok_is(buf, &toks->v[i + 1], "net") &&
		    is_punct(buf, &toks->v[i + 2], "*") &&
		    id->kind == CTOK_IDENT && id->len < size &&
		    (is_punct(buf, &toks->v[i + 4], ",") ||
		     is_punct(buf, &toks->v[i + 4], ")"))) {
			memcpy(out, buf + id->off, id->len);
			out[id->len] = '\0';
			return;
		}
	}
}

/* "__attr" or "VENDOR_MACRO": the shape of a macro, not a function. */
static int looks_like_macro(const char *buf, const struct ctok *t)
{
	size_t i;

	if (t->len >= 2 && buf[t->off] == '_' && buf[t->off + 1] == '_')
		return 1;
	for (i = 0; i < t->len; i++)
		if (buf[t->off + i] >= 'a' && buf[t->off + i] <= 'z')
			return 0;
	return 1;
}

/*
 * The name of the function whose body opens at token brace, if any,
 * with its line and any "struct net *" parameter.
 */
static void func_name_before(const char *buf, const struct ctok_list *toks,
			     size_t brace, struct func_span *fs)
{
	size_t start = brace, end = brace, i, pick = toks->nr;

	fs->name[0] = '\0';
	fs->net_param[0] = '\0';
	fs->first = toks->v[brace].line;
	/*
	 * K&R: "f(a, b) int a; char *b; {" - step back over the parameter
	 * declarations to the ')' that closes the name's list.
	 */
	while (end > 0) {
		const struct ctok *t = &toks->v[end - 1];

		if (t->kind == CTOK_IDENT || t->kind == CTOK_NUMBER ||
		    is_punct(buf, t, "*") || is_punct(buf, t, ",") ||
		    is_punct(buf, t, ";") || is_punct(buf, t, "[") ||
		    is_punct(buf, t, "]"))
			end--;
		else
			break;
	}
	/* Only "...) decl; decl; {" is K&R: "struct s {" is not. */
	if (!(end > 0 && end < brace && is_punct(buf, &toks->v[end - 1], ")") &&
	      is_punct(buf, &toks->v[brace - 1], ";")))
		end = brace;
	/* Back to the end of the previous declaration or definition. */
	start = end;
	while (start > 0) {
		const struct ctok *t = &toks->v[start - 1];

		if (!(t->flags & CTOK_IN_DIRECTIVE) &&
		    (is_punct(buf, t, ";") || is_punct(buf, t, "}") ||
		     is_punct(buf, t, "{")))
			break;
		start--;
	}
	/*
	 * The name is an identifier followed by '('; attribute macros look
	 * the same ("__printf(1, 2)", "VENDOR_SECTION(x)"), so prefer one
	 * that is neither "__"-prefixed nor all capitals.
	 */
	for (i = start; i + 1 < end; i++) {
		const struct ctok *n = &toks->v[i];

		if (n->kind != CTOK_IDENT || (n->flags & CTOK_IN_DIRECTIVE) ||
		    !is_punct(buf, &toks->v[i + 1], "("))
			continue;
		if (pick == toks->nr ||
		    (looks_like_macro(buf, &toks->v[pick]) &&
		     !looks_like_macro(buf, n)))
			pick = i;
	}
	if (pick < toks->nr) {
		const struct ctok *n = &toks->v[pick];
		size_t len = n->len < 63 ? n->len : 63;

		memcpy(fs->name, buf + n->off, len);
		fs->name[len] = '\0';
		fs->first = n->line;
		find_net_param(buf, toks, pick + 1, brace, fs->net_param,
			       sizeof(fs->net_param));
	}
}

static enum site_kind classify(const char *buf, const struct ctok_list *toks,
			       size_t i, int depth, struct site *s)
{
	const struct ctok *prev = i > 0 ? &toks->v[i - 1] : NULL;
	size_t commas[8];

	if (prev && (is_punct(buf, prev, ".") || is_punct(buf, prev, "->")))
		return SITE_MEMBER;
	/* "(*name)(...)": a function pointer declared under this name. */
	if (prev && is_punct(buf, prev, "*") && i > 1 &&
	    is_punct(buf, &toks->v[i - 2], "(") && i + 1 < toks->nr &&
	    is_punct(buf, &toks->v[i + 1], ")"))
		return SITE_POINTER;
	if (prev && is_punct(buf, prev, "(") && i > 1 &&
	    is_export(buf, &toks->v[i - 2]))
		return SITE_EXPORT;
	if (i + 1 >= toks->nr || !is_punct(buf, &toks->v[i + 1], "(") ||
	    (toks->v[i + 1].flags & CTOK_IN_DIRECTIVE) !=
		    (toks->v[i].flags & CTOK_IN_DIRECTIVE))
		return SITE_VALUE;
	s->open = i + 1;
	s->close = ctok_match(buf, toks, s->open);
	s->nargs = ctok_args(buf, toks, s->open, commas, ARRAY_SIZE(commas));
	if (s->close >= toks->nr)
		return SITE_CALL; /* unbalanced: still a call to account for */
	/* At file scope and outside macros, name(...) declares or defines. */
	if (depth == 0 && !(toks->v[i].flags & CTOK_IN_DIRECTIVE) && prev &&
	    !is_punct(buf, prev, "=") && !is_punct(buf, prev, "(") &&
	    !is_punct(buf, prev, ",") && s->close + 1 < toks->nr) {
		const struct ctok *after = &toks->v[s->close + 1];

		if (is_punct(buf, after, ";"))
			return SITE_DECL;
		if (is_punct(buf, after, "{"))
			return SITE_DEF;
	}
	return SITE_CALL;
}

void sites_find(const char *buf, const struct ctok_list *toks,
		const char *ident, struct site_list *out)
{
	struct depth_tracker dt = { 0 };
	struct func_span cur = { "", "", 0, 0 };
	size_t i, first_site = out->nr, j;

	for (i = 0; i < toks->nr; i++) {
		const struct ctok *t = &toks->v[i];
		struct site *s;

		if (t->kind == CTOK_HASH && i + 1 < toks->nr &&
		    toks->v[i + 1].line == t->line)
			track_directive(&dt, buf, &toks->v[i + 1]);
		if (!(t->flags & CTOK_IN_DIRECTIVE)) {
			if (is_punct(buf, t, "{")) {
				if (dt.depth == 0)
					func_name_before(buf, toks, i, &cur);
				dt.depth++;
			} else if (is_punct(buf, t, "}") && dt.depth > 0) {
				if (--dt.depth == 0) {
					/* Close the function for its sites. */
					for (j = first_site; j < out->nr; j++)
						if (out->v[j].func_last == 0 &&
						    out->v[j].func[0])
							out->v[j].func_last =
								t->line;
					cur.name[0] = '\0';
				}
			}
		}
		if (t->kind != CTOK_IDENT || !ctok_is(buf, t, ident))
			continue;
		ALLOC_GROW(out->v, out->nr + 1, out->alloc);
		s = &out->v[out->nr++];
		memset(s, 0, sizeof(*s));
		s->nargs = -1;
		s->flags = t->flags;
		s->line = t->line;
		s->col = t->col;
		s->tok = i;
		s->kind = classify(buf, toks, i, dt.depth, s);
		if (dt.depth > 0 && !(t->flags & CTOK_IN_DIRECTIVE)) {
			memcpy(s->func, cur.name, sizeof(s->func));
			memcpy(s->net_param, cur.net_param,
			       sizeof(s->net_param));
			s->func_first = cur.first;
		}
	}
}

void site_list_release(struct site_list *list)
{
	free(list->v);
	list->v = NULL;
	list->nr = list->alloc = 0;
}

const char *site_kind_name(enum site_kind kind)
{
	switch (kind) {
	case SITE_CALL:
		return "call";
	case SITE_DECL:
		return "prototype";
	case SITE_DEF:
		return "definition";
	case SITE_EXPORT:
		return "export";
	case SITE_MEMBER:
		return "member";
	case SITE_POINTER:
		return "pointer";
	case SITE_VALUE:
		return "value";
	}
	return "?";
}
