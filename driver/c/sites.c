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

/* ---- preprocessor conditionals inside an argument list */

enum cond { COND_NONE, COND_IF, COND_ELIF, COND_ELSE, COND_ENDIF, COND_OTHER };

/* The token after the directive whose '#' is token i. */
static size_t dir_end(const struct ctok_list *toks, size_t i)
{
	for (i++; i < toks->nr && (toks->v[i].flags & CTOK_IN_DIRECTIVE) &&
		  toks->v[i].kind != CTOK_HASH;
	     i++)
		;
	return i;
}

static enum cond cond_at(const char *buf, const struct ctok_list *toks,
			 size_t i)
{
	const struct ctok *n;

	if (toks->v[i].kind != CTOK_HASH)
		return COND_NONE;
	if (i + 1 >= dir_end(toks, i))
		return COND_OTHER;
	n = &toks->v[i + 1];
	if (ctok_is(buf, n, "if") || ctok_is(buf, n, "ifdef") ||
	    ctok_is(buf, n, "ifndef"))
		return COND_IF;
	if (ctok_is(buf, n, "elif"))
		return COND_ELIF;
	if (ctok_is(buf, n, "else"))
		return COND_ELSE;
	if (ctok_is(buf, n, "endif"))
		return COND_ENDIF;
	return COND_OTHER;
}

/* "#if 0" or "#elif 0": an alternative the compiler never takes. */
static int dead_alt(const char *buf, const struct ctok_list *toks, size_t i)
{
	return dir_end(toks, i) == i + 3 &&
	       toks->v[i + 2].kind == CTOK_NUMBER &&
	       ctok_is(buf, &toks->v[i + 2], "0") &&
	       (ctok_is(buf, &toks->v[i + 1], "if") ||
		ctok_is(buf, &toks->v[i + 1], "elif"));
}

/*
 * Token i is a '#' of a conditional at nesting level 0 of the scan from
 * i: the token after the matching #endif's line, or toks->nr.
 */
static size_t after_endif(const char *buf, const struct ctok_list *toks,
			  size_t i)
{
	int level = 0;

	for (; i < toks->nr; i++) {
		enum cond c = cond_at(buf, toks, i);

		if (c == COND_IF)
			level++;
		else if (c == COND_ENDIF && --level <= 0)
			return dir_end(toks, i);
	}
	return toks->nr;
}

#define MAX_ALTS 16 /* alternatives of one #if group */
#define MAX_DECISIONS 16 /* #if groups met on one path through a list */
#define MAX_COMBOS 64 /* paths through a list */

/*
 * The alternatives of the #if group whose '#if' is token i that the
 * compiler may take: each is the '#' of its directive, and a group
 * without #else has an empty one, given as its #endif.  Returns the
 * number of alternatives, 0 when the group never ends or has too many;
 * *end is the token after the #endif line.
 */
static int group_alts(const char *buf, const struct ctok_list *toks, size_t i,
		      size_t *alt, size_t *end)
{
	int level = 0, n = 0, has_else = 0;

	for (; i < toks->nr; i++) {
		enum cond c = cond_at(buf, toks, i);

		if (c == COND_IF && level++)
			continue;
		if (c == COND_ENDIF && --level == 0) {
			if (!has_else)
				alt[n++] = i;
			*end = dir_end(toks, i);
			return n;
		}
		if (level != 1 ||
		    (c != COND_IF && c != COND_ELIF && c != COND_ELSE))
			continue;
		has_else |= c == COND_ELSE;
		if (dead_alt(buf, toks, i))
			continue;
		if (n == MAX_ALTS - 1)
			return 0;
		alt[n++] = i;
	}
	return 0;
}

/* One path through the #if groups of a list, and the next one. */
struct path {
	int choice[MAX_DECISIONS];
	int nalts[MAX_DECISIONS];
	int known; /* choices fixed by the previous path */
	int made; /* groups met on this path */
	int crossed; /* met a conditional directive at all */
	int overflow;
};

/*
 * Follow the list opening at token open along path p, taking in each
 * #if group the alternative p chooses and skipping the others.  Returns
 * the index of the ')' that closes it, or toks->nr; *nargs as ctok_args.
 */
static size_t walk_path(const char *buf, const struct ctok_list *toks,
			size_t open, struct path *p, int *nargs)
{
	char want[256];
	size_t groups[MAX_DECISIONS]; /* where each entered group ends */
	size_t i = open, depth = 0, ntoks = 0, first = 0;
	int gs = 0, commas = 0;

	p->made = 0;
	while (i < toks->nr) {
		const struct ctok *t = &toks->v[i];
		enum cond c = cond_at(buf, toks, i);

		if (c != COND_NONE && c != COND_OTHER)
			p->crossed = 1;
		if (c == COND_IF) {
			size_t alt[MAX_ALTS], end;
			int n = group_alts(buf, toks, i, alt, &end), d;

			if (!n)
				return toks->nr;
			if (p->made == MAX_DECISIONS || gs == MAX_DECISIONS) {
				p->overflow = 1;
				return toks->nr;
			}
			d = p->made++;
			if (d >= p->known)
				p->choice[d] = 0;
			p->nalts[d] = n;
			if (cond_at(buf, toks, alt[p->choice[d]]) ==
			    COND_ENDIF) {
				i = end; /* the empty alternative */
			} else {
				groups[gs++] = end;
				i = dir_end(toks, alt[p->choice[d]]);
			}
			continue;
		}
		if (c == COND_ELIF || c == COND_ELSE) {
			/*
			 * The end of the alternative taken; or of one of a
			 * group that opened before the list: either way the
			 * rest of the group is not on this path.
			 */
			i = gs ? groups[--gs] : after_endif(buf, toks, i);
			continue;
		}
		if (c != COND_NONE) {
			if (c == COND_ENDIF && gs)
				gs--;
			i = dir_end(toks, i);
			continue;
		}
		if (opens(buf, t)) {
			if (depth == sizeof(want))
				return toks->nr;
			want[depth++] = closer_of(buf, t);
		} else if (closes(buf, t)) {
			if (!depth || buf[t->off] != want[depth - 1])
				return toks->nr;
			if (--depth == 0) {
				/* "()" and "(void)": none, as ctok_args. */
				*nargs = commas + 1;
				if (!ntoks ||
				    (ntoks == 1 &&
				     ctok_is(buf, &toks->v[first], "void")))
					*nargs = 0;
				return i;
			}
		} else if (depth == 1 && is_punct(buf, t, ",")) {
			commas++;
		}
		if (i != open && !ntoks++)
			first = i;
		i++;
	}
	return toks->nr;
}

struct branch_args {
	unsigned long counts; /* bit n: some path has n arguments */
	int unbalanced; /* some path has no ')' */
	int overflow; /* too many paths to follow */
	int branches; /* #if, #else or #endif lines inside the list */
};

/* Count the arguments of the list at open along every path. */
static void count_paths(const char *buf, const struct ctok_list *toks,
			size_t open, struct branch_args *ba)
{
	struct path p;
	int paths = 0;

	memset(&p, 0, sizeof(p));
	memset(ba, 0, sizeof(*ba));
	for (;;) {
		int n = 0, k;
		size_t close = walk_path(buf, toks, open, &p, &n);

		if (p.overflow) {
			ba->overflow = 1;
			return;
		}
		ba->branches |= p.crossed;
		if (close >= toks->nr) {
			ba->unbalanced = 1;
		} else {
			ba->counts |= 1ul << (n < 31 ? n : 31);
		}
		/* The next path: the last group with an alternative left. */
		for (k = p.made; k > 0 && p.choice[k - 1] + 1 >= p.nalts[k - 1];
		     k--)
			;
		if (!k)
			return;
		p.choice[k - 1]++;
		p.known = k;
		if (++paths == MAX_COMBOS) {
			ba->overflow = 1;
			return;
		}
	}
}

/* "4 or 5", "3, 4 or 5": the counts of a bit set. */
static void list_counts(unsigned long counts, char *out, size_t size)
{
	int n, left = __builtin_popcountl(counts);
	size_t len = 0;

	out[0] = '\0';
	for (n = 0; n < 32 && len < size; n++) {
		if (!(counts & (1ul << n)))
			continue;
		left--;
		len += (size_t)snprintf(out + len, size - len, "%d%s", n,
					left > 1  ? ", " :
					left == 1 ? " or " :
						    "");
	}
}

/* Why the bracket at open does not balance, for the user. */
static void unbalanced_why(const char *buf, const struct ctok_list *toks,
			   size_t open, char *out, size_t size)
{
	char want[256];
	size_t i, depth = 0;

	for (i = open; i < toks->nr; i++) {
		const struct ctok *t = &toks->v[i];

		if ((toks->v[open].flags & CTOK_IN_DIRECTIVE) &&
		    t->kind == CTOK_HASH && i > open)
			break;
		if (opens(buf, t)) {
			if (depth == sizeof(want)) {
				snprintf(out, size,
					 "nested too deep to follow");
				return;
			}
			want[depth++] = closer_of(buf, t);
		} else if (closes(buf, t)) {
			if (!depth || buf[t->off] != want[depth - 1]) {
				snprintf(out, size, "a stray '%c' on line %u",
					 buf[t->off], t->line);
				return;
			}
			if (--depth == 0)
				break; /* not reached: ctok_match() failed */
		}
	}
	snprintf(out, size,
		 toks->v[open].flags & CTOK_IN_DIRECTIVE ?
			 "the macro ends before its ')'" :
			 "no ')' before the end of the file");
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

/* What counting the arguments of a list found. */
enum args_state { ARGS_OK, ARGS_UNBALANCED, ARGS_DIFFER, ARGS_UNSURE };

/*
 * Count the arguments of the list of s (s->open, s->close set).  With
 * #if groups in the list, along every path through them: the count
 * stands when all paths agree.
 */
static enum args_state count_args(const char *buf, const struct ctok_list *toks,
				  struct site *s, unsigned long *counts)
{
	size_t commas[8], i;
	struct branch_args ba;

	s->nargs = ctok_args(buf, toks, s->open, commas, ARRAY_SIZE(commas));
	/* A macro body is one line: no #if inside. */
	if (toks->v[s->open].flags & CTOK_IN_DIRECTIVE)
		return s->nargs < 0 ? ARGS_UNBALANCED : ARGS_OK;
	if (s->close < toks->nr) {
		for (i = s->open; i < s->close && toks->v[i].kind != CTOK_HASH;
		     i++)
			;
		if (i == s->close)
			return ARGS_OK;
	}
	/* Directive lines inside: never part of an argument. */
	count_paths(buf, toks, s->open, &ba);
	*counts = ba.counts;
	s->nargs = -1;
	if (ba.overflow || (ba.unbalanced && ba.branches))
		return ARGS_UNSURE;
	if (ba.unbalanced)
		return ARGS_UNBALANCED;
	if (ba.counts & (ba.counts - 1))
		return ARGS_DIFFER;
	s->nargs = __builtin_ctzl(ba.counts);
	return ARGS_OK;
}

/*
 * "f(a, b) int a; char *b; {": a K&R definition, its parameters declared
 * between the list of names and the body.  The index of the body's '{',
 * or 0.
 */
static size_t kr_body(const char *buf, const struct ctok_list *toks,
		      size_t open, size_t close)
{
	size_t i;

	/* The list holds names only: "a, b". */
	if (close == open + 1 || (close - open) % 2)
		return 0;
	for (i = open + 1; i < close; i++)
		if ((i - open) % 2 ? toks->v[i].kind != CTOK_IDENT :
				     !is_punct(buf, &toks->v[i], ","))
			return 0;
	if (close + 1 >= toks->nr || toks->v[close + 1].kind != CTOK_IDENT)
		return 0;
	for (i = close + 1; i < toks->nr; i++) {
		const struct ctok *t = &toks->v[i];

		if (t->flags & CTOK_IN_DIRECTIVE)
			return 0;
		if (is_punct(buf, t, "{"))
			return is_punct(buf, &toks->v[i - 1], ";") ? i : 0;
		if (!(t->kind == CTOK_IDENT || t->kind == CTOK_NUMBER ||
		      is_punct(buf, t, "*") || is_punct(buf, t, ",") ||
		      is_punct(buf, t, ";") || is_punct(buf, t, "[") ||
		      is_punct(buf, t, "]")))
			return 0;
	}
	return 0;
}

/* Token i is the name in "#define name": a macro of that name. */
static int is_macro_name(const char *buf, const struct ctok_list *toks,
			 size_t i)
{
	return i >= 2 && toks->v[i - 2].kind == CTOK_HASH &&
	       (toks->v[i].flags & CTOK_IN_DIRECTIVE) &&
	       dir_end(toks, i - 2) > i &&
	       ctok_is(buf, &toks->v[i - 1], "define");
}

static enum site_kind macro_site(const char *buf, const struct ctok_list *toks,
				 size_t i, const char *ident, struct site *s)
{
	const struct ctok *t = &toks->v[i];
	size_t commas[8], end = dir_end(toks, i - 2);

	/* Function-like only with the '(' right after the name. */
	if (i + 1 < end && is_punct(buf, &toks->v[i + 1], "(") &&
	    toks->v[i + 1].off == t->off + t->len) {
		s->open = i + 1;
		s->close = ctok_match(buf, toks, s->open);
		s->nargs = ctok_args(buf, toks, s->open, commas,
				     ARRAY_SIZE(commas));
	}
	snprintf(s->manual, sizeof(s->manual),
		 "a macro named %s is defined here: calls after it expand to "
		 "the macro, not to the function; convert the macro by hand",
		 ident);
	return SITE_MACRO;
}

static enum site_kind classify(const char *buf, const struct ctok_list *toks,
			       size_t i, int depth, const char *ident,
			       struct site *s)
{
	const struct ctok *prev = i > 0 ? &toks->v[i - 1] : NULL;
	const char *what = "argument";
	enum site_kind kind = SITE_CALL;
	enum args_state state;
	unsigned long counts = 0;
	char list[64];

	if (is_macro_name(buf, toks, i))
		return macro_site(buf, toks, i, ident, s);
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
	state = count_args(buf, toks, s, &counts);
	/* At file scope and outside macros, name(...) declares or defines. */
	if (s->close < toks->nr && depth == 0 &&
	    !(toks->v[i].flags & CTOK_IN_DIRECTIVE) && prev &&
	    !is_punct(buf, prev, "=") && !is_punct(buf, prev, "(") &&
	    !is_punct(buf, prev, ",") && s->close + 1 < toks->nr) {
		const struct ctok *after = &toks->v[s->close + 1];

		if (is_punct(buf, after, ";")) {
			kind = SITE_DECL;
		} else if (is_punct(buf, after, "{")) {
			kind = SITE_DEF;
		} else if (kr_body(buf, toks, s->open, s->close)) {
			/*
			 * The rule's "parameter list[4]" matches the four
			 * names, and spatch garbles them ("struct net *net,
			 * , ").
			 */
			snprintf(s->manual, sizeof(s->manual),
				 "K&R definition (its parameters declared "
				 "after the list): spatch cannot convert it; "
				 "convert it by hand");
			return SITE_DEF;
		}
	}
	if (kind != SITE_CALL)
		what = "parameter";
	switch (state) {
	case ARGS_OK:
		break;
	case ARGS_UNBALANCED:
		unbalanced_why(buf, toks, s->open, list, sizeof(list));
		snprintf(s->manual, sizeof(s->manual),
			 "the call's parentheses do not balance (%s): convert "
			 "by hand",
			 list);
		break;
	case ARGS_DIFFER:
		list_counts(counts, list, sizeof(list));
		snprintf(s->manual, sizeof(s->manual),
			 "%s count differs between #ifdef branches (%s): "
			 "convert by hand",
			 what, list);
		break;
	case ARGS_UNSURE:
		snprintf(s->manual, sizeof(s->manual),
			 "%s count cannot be told in every #ifdef branch (too "
			 "many, or parentheses that do not balance): convert "
			 "by hand",
			 what);
		break;
	}
	return kind;
}

/* ---- names pasted together with ## in a macro */

#define MAX_PASTE 16 /* operands of one ## chain */
/*
 * A chain must spell out a piece of the name at least this long ("sock_",
 * "_kern"): "s ## x" could build anything.
 */
#define MIN_PASTE_PIECE 5

static int ident_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '$';
}

/*
 * Whether the identifier at token t names a parameter of the macro whose
 * body it is in; *index gets its place in the parameter list (-1 for
 * __VA_ARGS__), *hash the macro's '#'.
 */
static int macro_param(const char *buf, const struct ctok_list *toks, size_t t,
		       int *index, size_t *hash)
{
	size_t h = t, i, close;
	int n = 0;

	while (h > 0 && toks->v[h].kind != CTOK_HASH)
		h--;
	*hash = h;
	*index = -1;
	if (ctok_is(buf, &toks->v[t], "__VA_ARGS__"))
		return 1;
	/* "#define NAME(": the '(' right after the name. */
	if (h + 3 >= t || !is_punct(buf, &toks->v[h + 3], "(") ||
	    toks->v[h + 3].off != toks->v[h + 2].off + toks->v[h + 2].len)
		return 0;
	close = ctok_match(buf, toks, h + 3);
	for (i = h + 4; i < close && i < t; i++) {
		if (is_punct(buf, &toks->v[i], ","))
			n++;
		if (toks->v[i].len == toks->v[t].len &&
		    !memcmp(buf + toks->v[i].off, buf + toks->v[t].off,
			    toks->v[t].len)) {
			*index = n;
			return 1;
		}
	}
	return 0;
}

static int is_macro_param(const char *buf, const struct ctok_list *toks,
			  size_t t)
{
	int index;
	size_t hash;

	return macro_param(buf, toks, t, &index, &hash);
}

/* Glob match of the pieces (NULL: any text) against name. */
static int pieces_match(const char *const *piece, const size_t *plen, size_t n,
			const char *name)
{
	size_t k;

	if (!n)
		return !*name;
	if (piece[0]) {
		if (strncmp(name, piece[0], plen[0]))
			return 0;
		return pieces_match(piece + 1, plen + 1, n - 1, name + plen[0]);
	}
	for (k = 0; k <= strlen(name); k++)
		if (pieces_match(piece + 1, plen + 1, n - 1, name + k))
			return 1;
	return 0;
}

/*
 * Whether token i starts a chain "a ## b ## c" in a macro body that can
 * paste together ident: its literal operands are pieces of the name, in
 * order, and the macro's parameters fill the gaps.  Writes the chain as
 * text for the user.
 */
static int paste_chain(const char *buf, const struct ctok_list *toks, size_t i,
		       const char *ident, char *text, size_t size,
		       struct site *s)
{
	const char *piece[MAX_PASTE];
	size_t plen[MAX_PASTE], n = 0, j = i, longest = 0, k, len = 0;
	size_t params = 0, before = 0, after = 0, hash = 0, h;
	int index = -1, at;

	if (!(toks->v[i].flags & CTOK_IN_DEFINE) ||
	    (i > 0 && is_punct(buf, &toks->v[i - 1], "##")))
		return 0;
	for (;;) {
		const struct ctok *t = &toks->v[j];

		if ((t->kind != CTOK_IDENT && t->kind != CTOK_NUMBER) ||
		    n == MAX_PASTE || ctok_is(buf, t, ident))
			return 0;
		if (t->kind == CTOK_IDENT &&
		    macro_param(buf, toks, j, &at, &h)) {
			index = at;
			hash = h;
			piece[n] = NULL;
			plen[n++] = 0;
			params++;
		} else {
			piece[n] = buf + t->off;
			plen[n++] = t->len;
			if (t->len > longest)
				longest = t->len;
			if (params)
				after += t->len;
			else
				before += t->len;
		}
		if (j + 2 >= toks->nr ||
		    !is_punct(buf, &toks->v[j + 1], "##") ||
		    toks->v[j + 2].kind == CTOK_HASH ||
		    !(toks->v[j + 2].flags & CTOK_IN_DIRECTIVE))
			break;
		j += 2;
	}
	if (n < 2 || longest < MIN_PASTE_PIECE ||
	    !pieces_match(piece, plen, n, ident))
		return 0;
	/*
	 * One parameter among the operands: what it must bring is the name
	 * less the literal pieces, and the macro's uses can be checked.
	 */
	s->paste_arg = -1;
	if (params == 1 && index >= 0 && hash + 2 < toks->nr &&
	    toks->v[hash + 2].len < sizeof(s->paste_macro) &&
	    before + after < strlen(ident) &&
	    strlen(ident) - before - after < sizeof(s->paste_need)) {
		s->paste_arg = index;
		memcpy(s->paste_macro, buf + toks->v[hash + 2].off,
		       toks->v[hash + 2].len);
		s->paste_macro[toks->v[hash + 2].len] = '\0';
		memcpy(s->paste_need, ident + before,
		       strlen(ident) - before - after);
		s->paste_need[strlen(ident) - before - after] = '\0';
	}
	for (k = i; k <= j && len + 1 < size; k += 2)
		len += (size_t)snprintf(text + len, size - len, "%s%.*s",
					k == i ? "" : " ## ",
					(int)toks->v[k].len,
					buf + toks->v[k].off);
	return 1;
}

/* The length of a line splice at buf[at], or 0. */
static size_t splice_at(const char *buf, size_t len, size_t at)
{
	if (at + 1 < len && buf[at] == '\\' && buf[at + 1] == '\n')
		return 2;
	if (at + 2 < len && buf[at] == '\\' && buf[at + 1] == '\r' &&
	    buf[at + 2] == '\n')
		return 3;
	return 0;
}

/* Past blanks, line splices and block comments, forwards from at. */
static size_t skip_forward(const char *buf, size_t len, size_t at)
{
	for (;;) {
		if (at < len && (buf[at] == ' ' || buf[at] == '\t')) {
			at++;
		} else if (splice_at(buf, len, at)) {
			at += splice_at(buf, len, at);
		} else if (at + 1 < len && buf[at] == '/' &&
			   buf[at + 1] == '*') {
			const char *end =
				find_bytes(buf + at + 2, len - at - 2, "*/", 2);

			if (!end)
				return len;
			at = (size_t)(end - buf) + 2;
		} else {
			return at;
		}
	}
}

/* The same backwards: at is just after what is skipped. */
static size_t skip_back(const char *buf, size_t at)
{
	for (;;) {
		if (at > 0 && (buf[at - 1] == ' ' || buf[at - 1] == '\t')) {
			at--;
		} else if (at >= 2 && buf[at - 1] == '\n' &&
			   buf[at - 2] == '\\') {
			at -= 2;
		} else if (at >= 4 && buf[at - 1] == '/' &&
			   buf[at - 2] == '*') {
			size_t k = at - 2;

			while (k >= 2 &&
			       !(buf[k - 2] == '/' && buf[k - 1] == '*'))
				k--;
			if (k < 2)
				return at;
			at = k - 2;
		} else {
			return at;
		}
	}
}

int sites_may_occur(const char *buf, size_t len, const char *ident)
{
	size_t n = strlen(ident);
	const char *p;

	if (find_bytes(buf, len, ident, n))
		return 1;
	/* "sock_cre\<newline>ate_kern": splices between name bytes. */
	for (p = buf; (p = memchr(p, '\\', len - (size_t)(p - buf))); p++) {
		size_t at = (size_t)(p - buf), k = at;

		if (!at || !ident_byte((unsigned char)buf[at - 1]))
			continue;
		while (splice_at(buf, len, k))
			k += splice_at(buf, len, k);
		if (k > at && k < len && ident_byte((unsigned char)buf[k]))
			return 1;
	}
	/*
	 * A ## chain that builds the name has an operand that spells a
	 * piece of it at least MIN_PASTE_PIECE long, and every operand
	 * stands next to a "##": look only at the words beside each "##"
	 * (a search for the pieces anywhere in the file made most of the
	 * kernel's files with a ## look like candidates).
	 */
	for (p = buf; (p = find_bytes(p, len - (size_t)(p - buf), "##", 2));
	     p += 2) {
		size_t at = (size_t)(p - buf), b = at, e = at + 2, w;

		b = skip_back(buf, b);
		for (w = b; w > 0 && ident_byte((unsigned char)buf[w - 1]);)
			w--;
		if (b - w >= MIN_PASTE_PIECE && b - w <= n &&
		    find_bytes(ident, n, buf + w, b - w))
			return 1;
		e = skip_forward(buf, len, e);
		for (w = e; w < len && ident_byte((unsigned char)buf[w]);)
			w++;
		if (w - e >= MIN_PASTE_PIECE && w - e <= n &&
		    find_bytes(ident, n, buf + e, w - e))
			return 1;
	}
	return 0;
}

void sites_find(const char *buf, const struct ctok_list *toks,
		const char *ident, struct site_list *out)
{
	struct depth_tracker dt = { 0 };
	struct func_span cur = { "", "", 0, 0 };
	size_t i, first_site = out->nr, j;
	int pasted;
	char chain[64];
	struct site paste;

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
		memset(&paste, 0, sizeof(paste));
		if (t->kind == CTOK_IDENT && ctok_is(buf, t, ident))
			pasted = 0;
		else if (!(pasted = paste_chain(buf, toks, i, ident, chain,
						sizeof(chain), &paste)))
			continue;
		ALLOC_GROW(out->v, out->nr + 1, out->alloc);
		s = &out->v[out->nr++];
		*s = paste;
		s->nargs = -1;
		s->flags = t->flags;
		s->line = t->line;
		s->col = t->col;
		s->tok = i;
		if (pasted) {
			s->kind = SITE_PASTE;
			snprintf(s->manual, sizeof(s->manual),
				 "identifier built with ## in a macro (%s): "
				 "check its expansions by hand",
				 chain);
			continue;
		}
		s->kind = classify(buf, toks, i, dt.depth, ident, s);
		/* Whatever it is, spatch cannot see the name. */
		if (t->flags & CTOK_SPLICED)
			snprintf(s->manual, sizeof(s->manual),
				 "the name %s is split by a line splice "
				 "('\\' at the end of line %u): spatch does "
				 "not see it; join the line and convert by "
				 "hand",
				 ident, t->line);
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
	case SITE_MACRO:
		return "macro";
	case SITE_PASTE:
		return "pasted";
	}
	return "?";
}

int sites_paste_supplied(const char *buf, const struct ctok_list *toks,
			 const struct site *s, unsigned *line)
{
	size_t i, commas[MAX_PASTE];

	if (s->paste_arg < 0 || s->paste_arg >= MAX_PASTE)
		return 1; /* cannot be told: a human looks */
	for (i = 0; i + 1 < toks->nr; i++) {
		size_t first, last, k;
		int nargs;

		if (toks->v[i].kind != CTOK_IDENT ||
		    !ctok_is(buf, &toks->v[i], s->paste_macro) ||
		    !is_punct(buf, &toks->v[i + 1], "(") ||
		    (i > 0 && ctok_is(buf, &toks->v[i - 1], "define")))
			continue;
		nargs = ctok_args(buf, toks, i + 1, commas, MAX_PASTE);
		if (nargs <= s->paste_arg)
			continue;
		first = s->paste_arg ? commas[s->paste_arg - 1] + 1 : i + 2;
		last = s->paste_arg + 1 < nargs ? commas[s->paste_arg] :
						  ctok_match(buf, toks, i + 1);
		*line = toks->v[i].line;
		if (last == first + 1 &&
		    ctok_is(buf, &toks->v[first], s->paste_need))
			return 1;
		/* Passed on from another macro, or pasted again: unknown. */
		for (k = first; k < last; k++)
			if (is_punct(buf, &toks->v[k], "##") ||
			    ((toks->v[k].flags & CTOK_IN_DEFINE) &&
			     toks->v[k].kind == CTOK_IDENT &&
			     is_macro_param(buf, toks, k)))
				return 1;
	}
	return 0;
}
