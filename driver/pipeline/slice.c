// SPDX-License-Identifier: GPL-2.0-only
#include "slice.h"

#include <stdlib.h>
#include <string.h>

#include "ctoken.h"
#include "diff.h"
#include "util.h"

/* A top-level unit: tokens first..last (directive tokens among them). */
struct unit {
	size_t first, last;
	int keep;
	int marked; /* its lines are in keep[] */
};

struct units {
	struct unit *v;
	size_t nr, alloc;
};

static int punct_is(const char *buf, const struct ctok *t, char c)
{
	return t->kind == CTOK_PUNCT && t->len == 1 && buf[t->off] == c;
}

/*
 * Bracket depth across #if branches: each #else or #elif starts again
 * from the depth at its #if, #endif goes on from what the first branch
 * left (sites.c counts braces the same way).
 */
#define MAX_NEST 64
struct depth {
	int depth;
	int at_if[MAX_NEST], first_end[MAX_NEST];
	int sp;
};

static void depth_directive(struct depth *d, const char *buf,
			    const struct ctok *name)
{
	if (ctok_is(buf, name, "if") || ctok_is(buf, name, "ifdef") ||
	    ctok_is(buf, name, "ifndef")) {
		if (d->sp < MAX_NEST) {
			d->at_if[d->sp] = d->depth;
			d->first_end[d->sp] = -1;
		}
		d->sp++;
	} else if (ctok_is(buf, name, "else") || ctok_is(buf, name, "elif")) {
		if (d->sp > 0 && d->sp <= MAX_NEST) {
			if (d->first_end[d->sp - 1] < 0)
				d->first_end[d->sp - 1] = d->depth;
			d->depth = d->at_if[d->sp - 1];
		}
	} else if (ctok_is(buf, name, "endif")) {
		if (d->sp > 0 && d->sp <= MAX_NEST &&
		    d->first_end[d->sp - 1] >= 0)
			d->depth = d->first_end[d->sp - 1];
		if (d->sp > 0)
			d->sp--;
	}
}

/* The previous token of the code (not a directive, not #if 0), or nr. */
static size_t prev_code(const struct ctok_list *toks, size_t i)
{
	while (i-- > 0)
		if (!(toks->v[i].flags & (CTOK_IN_DIRECTIVE | CTOK_IN_IF0)))
			return i;
	return toks->nr;
}

/*
 * "f(a, b) int a; char *b; {": the '{' at brace is a K&R body; the index
 * of the ')' closing the list of names, else toks->nr.
 */
static size_t kr_close(const char *buf, const struct ctok_list *toks,
		       size_t brace)
{
	size_t i = prev_code(toks, brace);

	if (i == toks->nr || !punct_is(buf, &toks->v[i], ';'))
		return toks->nr;
	for (; i < toks->nr; i = prev_code(toks, i)) {
		const struct ctok *t = &toks->v[i];

		if (punct_is(buf, t, ')'))
			return i;
		if (!(t->kind == CTOK_IDENT || t->kind == CTOK_NUMBER ||
		      punct_is(buf, t, '*') || punct_is(buf, t, ',') ||
		      punct_is(buf, t, ';') || punct_is(buf, t, '[') ||
		      punct_is(buf, t, ']')))
			return toks->nr;
	}
	return toks->nr;
}

/* The units of the file, in order, and which are typedefs. */
static void find_units(const char *buf, const struct ctok_list *toks,
		       struct units *u)
{
	struct depth d = { 0 };
	size_t i, start = 0;
	int open = 0, body = 0, is_typedef = 0;

	for (i = 0; i < toks->nr; i++) {
		const struct ctok *t = &toks->v[i];
		int end = 0;

		if (t->kind == CTOK_HASH && i + 1 < toks->nr &&
		    toks->v[i + 1].line == t->line)
			depth_directive(&d, buf, &toks->v[i + 1]);
		if (t->flags & (CTOK_IN_DIRECTIVE | CTOK_IN_IF0))
			continue;
		if (!open) {
			open = 1;
			start = i;
			body = is_typedef = 0;
		}
		if (d.depth == 0 && ctok_is(buf, t, "typedef"))
			is_typedef = 1;
		if (t->kind != CTOK_PUNCT || t->len != 1) {
			continue;
		} else if (strchr("([{", buf[t->off])) {
			if (buf[t->off] == '{' && d.depth == 0 && !body) {
				size_t p = prev_code(toks, i), kr;

				if (p < toks->nr &&
				    punct_is(buf, &toks->v[p], ')'))
					body = 1;
				else if ((kr = kr_close(buf, toks, i)) <
					 toks->nr) {
					/* Join the declarations to the header. */
					while (u->nr &&
					       u->v[u->nr - 1].last >= kr)
						start = u->v[--u->nr].first;
					body = 1;
				}
			}
			d.depth++;
		} else if (strchr(")]}", buf[t->off])) {
			if (d.depth > 0)
				d.depth--;
			end = d.depth == 0 && buf[t->off] == '}' && body;
		} else if (buf[t->off] == ';') {
			end = d.depth == 0;
		}
		if (end) {
			ALLOC_GROW(u->v, u->nr + 1, u->alloc);
			u->v[u->nr].first = start;
			u->v[u->nr].last = i;
			u->v[u->nr].keep = is_typedef;
			u->v[u->nr].marked = 0;
			u->nr++;
			open = 0;
		}
	}
	if (open) {
		size_t last = prev_code(toks, toks->nr);

		ALLOC_GROW(u->v, u->nr + 1, u->alloc);
		u->v[u->nr].first = start;
		u->v[u->nr].last = last < toks->nr ? last : start;
		u->v[u->nr].keep = is_typedef;
		u->v[u->nr].marked = 0;
		u->nr++;
	}
}

/* The unit holding token tok, or nr. */
static size_t unit_of(const struct units *u, size_t tok)
{
	size_t lo = 0, hi = u->nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (u->v[mid].last < tok)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < u->nr && u->v[lo].first <= tok ? lo : u->nr;
}

static void mark(char *lines, unsigned first, unsigned last)
{
	unsigned l;

	for (l = first; l <= last; l++)
		lines[l] = 1;
}

/* Line l (1-based, of start[]) ends in a backslash: a continued line. */
static int continued(const char *buf, const size_t *start, unsigned l)
{
	size_t e = start[l + 1];

	if (e > start[l] && buf[e - 1] == '\n')
		e--;
	if (e > start[l] && buf[e - 1] == '\r')
		e--;
	return e > start[l] && buf[e - 1] == '\\';
}

int slice_make(const char *buf, size_t len, const struct site_list *sites,
	       struct strbuf *out)
{
	struct ctok_list toks = { 0 }, comments = { 0 };
	struct units u = { 0 };
	size_t *start, i, nlines = 1, blanked = 0;
	char *keep, *dir;
	unsigned l;
	int changed;

	for (i = 0; i < len; i++)
		nlines += buf[i] == '\n';
	/* start[l]: offset of line l (1-based); start[nlines + 1] = len. */
	start = xcalloc(nlines + 2, sizeof(*start));
	keep = xcalloc(nlines + 2, 1);
	dir = xcalloc(nlines + 2, 1);
	start[1] = 0;
	for (i = 0, l = 1; i < len; i++)
		if (buf[i] == '\n')
			start[++l] = i + 1;
	start[nlines + 1] = len;

	ctok_scan(buf, len, &toks);
	find_units(buf, &toks, &u);
	for (i = 0; i < sites->nr; i++) {
		size_t k = unit_of(&u, sites->v[i].tok);

		if (k < u.nr)
			u.v[k].keep = 1;
		else if (sites->v[i].line <= nlines)
			keep[sites->v[i].line] = 1;
	}
	/* Every directive, with its continuation lines. */
	for (i = 0; i < toks.nr; i++) {
		if (toks.v[i].kind != CTOK_HASH)
			continue;
		for (l = toks.v[i].line; l <= nlines; l++) {
			dir[l] = 1;
			if (!continued(buf, start, l))
				break;
		}
	}
	/*
	 * Whole lines: a unit that shares a line with a kept one, a comment
	 * cut by a kept line, until nothing more is kept.
	 */
	ctok_scan_comments(buf, len, &comments);
	do {
		changed = 0;
		for (i = 0; i < u.nr; i++) {
			unsigned a = toks.v[u.v[i].first].line;
			unsigned b = toks.v[u.v[i].last].line;

			if (!u.v[i].keep && (keep[a] || keep[b])) {
				u.v[i].keep = 1;
				changed = 1;
			}
			if (u.v[i].keep && !u.v[i].marked) {
				mark(keep, a, b);
				u.v[i].marked = 1;
				changed = 1;
			}
		}
		for (i = 0; i < comments.nr; i++) {
			const struct ctok *c = &comments.v[i];
			unsigned a = c->line, b = a, any = 0;

			for (l = a; l <= nlines && start[l] < c->off + c->len;
			     l++)
				b = l;
			for (l = a; l <= b; l++)
				any |= keep[l] | dir[l];
			for (l = a; any && l <= b; l++)
				if (!keep[l]) {
					keep[l] = 1;
					changed = 1;
				}
		}
	} while (changed);

	strbuf_reset(out);
	strbuf_add(out, buf, len);
	for (l = 1; l <= nlines; l++) {
		if (keep[l] || dir[l])
			continue;
		for (i = start[l]; i < start[l + 1]; i++) {
			char c = out->buf[i];

			if (c == '\n' ||
			    (c == '\r' && i + 1 < len && buf[i + 1] == '\n'))
				continue;
			if (c != ' ' && c != '\t')
				blanked++;
			out->buf[i] = ' ';
		}
	}
	ctok_list_release(&toks);
	ctok_list_release(&comments);
	free(u.v);
	free(start);
	free(keep);
	free(dir);
	if (!blanked)
		strbuf_reset(out);
	return blanked > 0;
}

/* Line offsets of a text: off[0..nr], off[nr] the end. */
struct lines {
	size_t *off;
	size_t nr;
};

static void split_lines(const struct strbuf *sb, struct lines *ls)
{
	size_t i, n = 0;

	ls->off = xmalloc((sb->len + 2) * sizeof(*ls->off));
	ls->off[n++] = 0;
	for (i = 0; i < sb->len; i++)
		if (sb->buf[i] == '\n' && i + 1 < sb->len)
			ls->off[n++] = i + 1;
	ls->nr = sb->len ? n : 0;
	ls->off[ls->nr] = sb->len;
}

struct merge {
	const struct strbuf *orig, *slice, *result;
	struct lines lo, lr; /* the slice has the lines of orig */
	struct strbuf *out;
	size_t next; /* the next line of orig to copy, 0-based */
};

/* Lines [a, b) of orig, 0-based. */
static void copy_orig(struct merge *m, size_t a, size_t b)
{
	if (b > a)
		strbuf_add(m->out, m->orig->buf + m->lo.off[a],
			   m->lo.off[b] - m->lo.off[a]);
}

static int merge_hunk(const struct diff_hunk *h, void *ctx)
{
	struct merge *m = ctx;
	/* 0-based: the first line the hunk removes, or inserts before. */
	size_t a = h->old_lines ? h->old_start - 1 : h->old_start;
	size_t b = a + h->old_lines, r = h->new_lines ? h->new_start - 1 : 0;

	if (a < m->next || b > m->lo.nr ||
	    (h->new_lines && r + h->new_lines > m->lr.nr))
		return -1;
	/* Only lines the slice kept as they are may change. */
	if (b > a &&
	    memcmp(m->orig->buf + m->lo.off[a], m->slice->buf + m->lo.off[a],
		   m->lo.off[b] - m->lo.off[a]))
		return -1;
	copy_orig(m, m->next, a);
	if (h->new_lines)
		strbuf_add(m->out, m->result->buf + m->lr.off[r],
			   m->lr.off[r + h->new_lines] - m->lr.off[r]);
	m->next = b;
	return 0;
}

int slice_merge(const struct strbuf *orig, const struct strbuf *slice,
		const struct strbuf *result, struct strbuf *out)
{
	struct merge m;
	struct strbuf sb = STRBUF_INIT;
	int ret;

	if (orig->len != slice->len)
		return -1;
	memset(&m, 0, sizeof(m));
	m.orig = orig;
	m.slice = slice;
	m.result = result;
	m.out = &sb;
	split_lines(orig, &m.lo);
	split_lines(result, &m.lr);
	ret = diff_hunks(slice->buf, slice->len, result->buf, result->len,
			 merge_hunk, &m);
	if (!ret) {
		copy_orig(&m, m.next, m.lo.nr);
		strbuf_swap(&sb, out);
	}
	strbuf_release(&sb);
	free(m.lo.off);
	free(m.lr.off);
	return ret ? -1 : 0;
}
