// SPDX-License-Identifier: GPL-2.0-only
/*
 * diff: a line diff (Myers) printed as a git-format unified diff.
 *
 * The pipeline, and why each step is there:
 *
 *  1. Split both buffers into lines.  A line keeps its '\n'; the last one
 *     may lack it.  Lines are compared by length and bytes, so CR, NUL and
 *     a missing final newline are all differences like any other.
 *  2. Drop the common prefix and suffix.  spatch changes a few lines of big
 *     files, so this usually leaves next to nothing for the real work.
 *  3. Intern what is left into small integers through a hash table, so the
 *     inner loop of the algorithm compares integers, not bytes.
 *  4. Set aside the lines that occur on one side only: they can match
 *     nothing, so they are changed in every minimal diff, and dropping them
 *     leaves the longest common subsequence as it was.  A rewritten block
 *     then costs nothing in step 5 (git's xdiff does the same).
 *  5. Myers' O(ND) algorithm, linear-space "middle snake" variant, on the
 *     rest.  It needs O(N+M) memory whatever D is, unlike the greedy
 *     forward search with a trace (O(D^2) memory), so a large rewrite
 *     cannot blow up; time is O((N+M)D).  The result is minimal unless a
 *     search for a split needs more than max_cost steps each way (so more
 *     than about 2 * DIFF_MIN_COST edits in one piece); then, as git does,
 *     the furthest-reaching point is taken as the split, which still gives
 *     a correct diff, only perhaps not a minimal one, in bounded time.
 *  6. Slide each block of changes as git's xdl_change_compact() does
 *     (without the indent heuristic): a block of equal lines can often sit
 *     at several places, and Myers' choice depends on details of the
 *     search; git's rule makes the choice canonical and like git's own.
 *  7. Turn the per-line "changed" flags into hunks with DIFF_CONTEXT lines
 *     of context, as git's xdiff/xemit.c prints them.
 */
#include "diff.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/*
 * Steps each way that the search for one split may take before it gives
 * up on minimality (git gives up after 256).  Far above anything spatch
 * produces, low enough that a whole-file rewrite still takes well under a
 * second.
 */
#define DIFF_MIN_COST 1024

/* git's def_ff() copies at most this much of a function-name line. */
#define FUNCNAME_MAX 80

struct line {
	const char *ptr;
	size_t len; /* includes the '\n', if any */
};

struct side {
	struct line *line;
	long nr;
	/*
	 * chg[i]: line i is removed (old side) or added (new side).
	 * chg[-1] and chg[nr] exist and stay 0, so that block scans stop.
	 */
	char *chg;
};

struct env {
	struct side a, b;
};

static int line_eq(const struct line *x, const struct line *y)
{
	return x->len == y->len && !memcmp(x->ptr, y->ptr, x->len);
}

static long count_lines(const char *buf, size_t len)
{
	const char *nl;
	size_t pos = 0;
	long nr = 0;

	for (; pos < len; nr++) {
		nl = memchr(buf + pos, '\n', len - pos);
		pos = nl ? (size_t)(nl - buf) + 1 : len;
	}
	return nr;
}

/* Counted first so that a big file takes one exact allocation. */
static void split_lines(struct side *s, const char *buf, size_t len)
{
	const char *nl;
	size_t pos = 0, end;
	long i;

	s->nr = count_lines(buf, len);
	s->line = xcalloc((size_t)s->nr + 1, sizeof(*s->line));
	s->chg = (char *)xcalloc((size_t)s->nr + 2, 1) + 1;
	for (i = 0; i < s->nr; i++) {
		nl = memchr(buf + pos, '\n', len - pos);
		end = nl ? (size_t)(nl - buf) + 1 : len;
		s->line[i].ptr = buf + pos;
		s->line[i].len = end - pos;
		pos = end;
	}
}

/* Some minimal diff leaves the equal lines at both ends alone. */
static void trim_ends(const struct env *e, long *pre, long *suf)
{
	long na = e->a.nr, nb = e->b.nr, p = 0, s = 0;

	while (p < na && p < nb && line_eq(&e->a.line[p], &e->b.line[p]))
		p++;
	while (s < na - p && s < nb - p &&
	       line_eq(&e->a.line[na - 1 - s], &e->b.line[nb - 1 - s]))
		s++;
	*pre = p;
	*suf = s;
}

/* ---- interning: equal lines get equal ids, different lines different */

struct intern {
	long *slot; /* 1 + id, 0 for an empty slot */
	size_t mask;
	struct line *rep; /* a line with each id */
	uint64_t *hash; /* the hash of each id */
	long nr;
};

/* FNV-1a: simple, and good enough for the hash-then-compare use here. */
static uint64_t hash_line(const struct line *l)
{
	uint64_t h = 14695981039346656037ULL;
	size_t i;

	for (i = 0; i < l->len; i++) {
		h ^= (unsigned char)l->ptr[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static void intern_init(struct intern *it, long max_lines)
{
	size_t size = 16;

	/* At most half full, so that probe sequences stay short. */
	while (size < 2 * (size_t)max_lines)
		size *= 2;
	it->slot = xcalloc(size, sizeof(*it->slot));
	it->mask = size - 1;
	it->rep = xcalloc((size_t)max_lines, sizeof(*it->rep));
	it->hash = xcalloc((size_t)max_lines, sizeof(*it->hash));
	it->nr = 0;
}

static void intern_release(struct intern *it)
{
	free(it->slot);
	free(it->rep);
	free(it->hash);
}

static long intern_line(struct intern *it, const struct line *l)
{
	uint64_t h = hash_line(l);
	size_t i = (size_t)h & it->mask;

	for (;; i = (i + 1) & it->mask) {
		long id = it->slot[i] - 1;

		if (id < 0)
			break;
		if (it->hash[id] == h && line_eq(&it->rep[id], l))
			return id;
	}
	it->rep[it->nr] = *l;
	it->hash[it->nr] = h;
	it->slot[i] = it->nr + 1;
	return it->nr++;
}

/* ---- the lines that go through Myers, and where they came from */

struct seq {
	long *id; /* interned ids of the kept lines */
	long *orig; /* index of each in the whole file */
	long nr;
};

static void seq_release(struct seq *q)
{
	free(q->id);
	free(q->orig);
}

/*
 * Keep the lines of s in [from, to) whose id also occurs on the other side
 * (bit `other` of seen[id]); mark the rest changed right away.
 */
static void seq_build(struct seq *q, struct side *s, const long *ids, long from,
		      long to, const unsigned char *seen, unsigned char other)
{
	long i;

	q->id = xcalloc((size_t)(to - from), sizeof(*q->id));
	q->orig = xcalloc((size_t)(to - from), sizeof(*q->orig));
	q->nr = 0;
	for (i = from; i < to; i++) {
		long id = ids[i - from];

		if (!(seen[id] & other)) {
			s->chg[i] = 1;
			continue;
		}
		q->id[q->nr] = id;
		q->orig[q->nr] = i;
		q->nr++;
	}
}

/* ---- Myers' algorithm, linear-space variant */

struct myers {
	const long *a, *b; /* interned ids */
	const long *ra, *rb; /* index of each in the whole file */
	char *ca, *cb; /* the files' change flags */
	long *fwd, *bwd; /* furthest x reached per diagonal k = x - y */
	long max_cost;
};

/* The state of one search for a middle snake in the box [off, lim). */
struct split {
	long off1, lim1, off2, lim2;
	long dmin, dmax; /* the diagonals inside the box */
	long fmin, fmax, bmin, bmax; /* the diagonals searched so far */
	int odd; /* the end diagonal has the other parity from the start */
	long x, y; /* the result: a point on a (minimal) path */
};

/*
 * Advance the forward search by one edit.  Returns 1 when it overlaps the
 * backward search: then (x, y) lies on a minimal path.  The domain
 * bookkeeping (and the -1 sentinels just outside it) is the classic one of
 * GNU diff and git's xdl_split().
 */
static int forward_step(const struct myers *m, struct split *s)
{
	long *v = m->fwd;
	long d, x, y;

	if (s->fmin > s->dmin)
		v[--s->fmin - 1] = -1;
	else
		++s->fmin;
	if (s->fmax < s->dmax)
		v[++s->fmax + 1] = -1;
	else
		--s->fmax;
	for (d = s->fmax; d >= s->fmin; d -= 2) {
		x = v[d - 1] >= v[d + 1] ? v[d - 1] + 1 : v[d + 1];
		y = x - d;
		while (x < s->lim1 && y < s->lim2 && m->a[x] == m->b[y])
			x++, y++;
		v[d] = x;
		if (s->odd && s->bmin <= d && d <= s->bmax && m->bwd[d] <= x) {
			s->x = x;
			s->y = y;
			return 1;
		}
	}
	return 0;
}

/* The mirror image of forward_step(), from the end of the box. */
static int backward_step(const struct myers *m, struct split *s)
{
	long *v = m->bwd;
	long d, x, y;

	if (s->bmin > s->dmin)
		v[--s->bmin - 1] = LONG_MAX;
	else
		++s->bmin;
	if (s->bmax < s->dmax)
		v[++s->bmax + 1] = LONG_MAX;
	else
		--s->bmax;
	for (d = s->bmax; d >= s->bmin; d -= 2) {
		x = v[d - 1] < v[d + 1] ? v[d - 1] : v[d + 1] - 1;
		y = x - d;
		while (x > s->off1 && y > s->off2 && m->a[x - 1] == m->b[y - 1])
			x--, y--;
		v[d] = x;
		if (!s->odd && s->fmin <= d && d <= s->fmax && x <= m->fwd[d]) {
			s->x = x;
			s->y = y;
			return 1;
		}
	}
	return 0;
}

/*
 * Too expensive: split at whichever search got furthest (in x + y) from its
 * own corner, clamped into the box.  Any point works for correctness; this
 * one keeps the pieces balanced.  Ported from git's xdl_split().
 */
static void give_up(const struct myers *m, struct split *s)
{
	long d, x, y, fbest = -1, fx = -1, bbest = LONG_MAX, bx = LONG_MAX;

	for (d = s->fmax; d >= s->fmin; d -= 2) {
		x = m->fwd[d] < s->lim1 ? m->fwd[d] : s->lim1;
		y = x - d;
		if (y > s->lim2)
			x = s->lim2 + d, y = s->lim2;
		if (x + y > fbest)
			fbest = x + y, fx = x;
	}
	for (d = s->bmax; d >= s->bmin; d -= 2) {
		x = m->bwd[d] > s->off1 ? m->bwd[d] : s->off1;
		y = x - d;
		if (y < s->off2)
			x = s->off2 + d, y = s->off2;
		if (x + y < bbest)
			bbest = x + y, bx = x;
	}
	if ((s->lim1 + s->lim2) - bbest < fbest - (s->off1 + s->off2)) {
		s->x = fx;
		s->y = fbest - fx;
	} else {
		s->x = bx;
		s->y = bbest - bx;
	}
}

static void find_split(const struct myers *m, struct split *s)
{
	long fmid = s->off1 - s->off2, bmid = s->lim1 - s->lim2, cost;

	s->dmin = s->off1 - s->lim2;
	s->dmax = s->lim1 - s->off2;
	s->odd = (fmid - bmid) & 1;
	s->fmin = s->fmax = fmid;
	s->bmin = s->bmax = bmid;
	m->fwd[fmid] = s->off1;
	m->bwd[bmid] = s->lim1;
	for (cost = 1;; cost++) {
		if (forward_step(m, s) || backward_step(m, s))
			return;
		if (cost >= m->max_cost) {
			give_up(m, s);
			return;
		}
	}
}

static void mark(char *chg, const long *orig, long from, long to)
{
	for (; from < to; from++)
		chg[orig[from]] = 1;
}

/*
 * Mark the changes that turn a[off1, lim1) into b[off2, lim2).  Recurses
 * into the smaller half of each split and loops on the larger, so the
 * stack stays O(log(N+M)) deep even when give_up() splits lopsidedly.
 */
static void compare(const struct myers *m, long off1, long lim1, long off2,
		    long lim2)
{
	for (;;) {
		struct split s = { 0 };

		while (off1 < lim1 && off2 < lim2 && m->a[off1] == m->b[off2])
			off1++, off2++;
		while (off1 < lim1 && off2 < lim2 &&
		       m->a[lim1 - 1] == m->b[lim2 - 1])
			lim1--, lim2--;
		if (off1 == lim1 || off2 == lim2) {
			mark(m->ca, m->ra, off1, lim1);
			mark(m->cb, m->rb, off2, lim2);
			return;
		}
		s.off1 = off1;
		s.lim1 = lim1;
		s.off2 = off2;
		s.lim2 = lim2;
		find_split(m, &s);
		/* A split at a corner would loop forever: never trust one. */
		if (s.x < off1 || s.x > lim1 || s.y < off2 || s.y > lim2 ||
		    (s.x == off1 && s.y == off2) ||
		    (s.x == lim1 && s.y == lim2))
			die("diff: internal error: bad split");
		if (s.x - off1 + s.y - off2 < lim1 - s.x + lim2 - s.y) {
			compare(m, off1, s.x, off2, s.y);
			off1 = s.x;
			off2 = s.y;
		} else {
			compare(m, s.x, lim1, s.y, lim2);
			lim1 = s.x;
			lim2 = s.y;
		}
	}
}

/* A power of two near sqrt(n), as git's xdl_bogosqrt(): a scale only. */
static long isqrt(long n)
{
	long r = 1;

	while (r * r < n)
		r *= 2;
	return r;
}

static void run_myers(struct env *e, const struct seq *qa, const struct seq *qb)
{
	long ndiags = qa->nr + qb->nr + 3;
	long *v = xcalloc(2 * (size_t)ndiags, sizeof(*v));
	struct myers m = {
		.a = qa->id,
		.b = qb->id,
		.ra = qa->orig,
		.rb = qb->orig,
		.ca = e->a.chg,
		.cb = e->b.chg,
		/* Diagonals run from -(M+1) to N+1: shift to index 0. */
		.fwd = v + qb->nr + 1,
		.bwd = v + ndiags + qb->nr + 1,
		.max_cost = isqrt(ndiags),
	};

	if (m.max_cost < DIFF_MIN_COST)
		m.max_cost = DIFF_MIN_COST;
	compare(&m, 0, qa->nr, 0, qb->nr);
	free(v);
}

/* Steps 3 to 5 of the pipeline, on a[a0, a1) and b[b0, b1). */
static void diff_middle(struct env *e, long a0, long a1, long b0, long b1)
{
	struct intern it;
	struct seq qa, qb;
	long *ida = xcalloc((size_t)(a1 - a0) + 1, sizeof(*ida));
	long *idb = xcalloc((size_t)(b1 - b0) + 1, sizeof(*idb));
	unsigned char *seen;
	long i;

	intern_init(&it, a1 - a0 + b1 - b0);
	for (i = a0; i < a1; i++)
		ida[i - a0] = intern_line(&it, &e->a.line[i]);
	for (i = b0; i < b1; i++)
		idb[i - b0] = intern_line(&it, &e->b.line[i]);
	seen = xcalloc((size_t)it.nr + 1, 1);
	for (i = 0; i < a1 - a0; i++)
		seen[ida[i]] |= 1;
	for (i = 0; i < b1 - b0; i++)
		seen[idb[i]] |= 2;
	seq_build(&qa, &e->a, ida, a0, a1, seen, 2);
	seq_build(&qb, &e->b, idb, b0, b1, seen, 1);
	run_myers(e, &qa, &qb);
	seq_release(&qa);
	seq_release(&qb);
	free(seen);
	free(ida);
	free(idb);
	intern_release(&it);
}

/* ---- sliding blocks of changes, after git's xdiffi.c */

/* A block of changed lines [start, end) in one file, maybe empty. */
struct group {
	long start, end;
};

static void group_init(const struct side *s, struct group *g)
{
	g->start = g->end = 0;
	while (s->chg[g->end])
		g->end++;
}

/*
 * Move to the next (previous) block.  Between two unchanged lines there
 * is an empty block, so the blocks of both files stay in step: the k-th
 * block of one file faces the k-th block of the other.
 */
static int group_next(const struct side *s, struct group *g)
{
	if (g->end == s->nr)
		return -1;
	g->start = g->end + 1;
	for (g->end = g->start; s->chg[g->end]; g->end++)
		;
	return 0;
}

static int group_prev(const struct side *s, struct group *g)
{
	if (g->start == 0)
		return -1;
	g->end = g->start - 1;
	for (g->start = g->end; s->chg[g->start - 1]; g->start--)
		;
	return 0;
}

/*
 * If the line after the block equals its first line, the block can move
 * down one line and the diff means the same; it may then run into the
 * next block and swallow it.
 */
static int slide_down(struct side *s, struct group *g)
{
	if (g->end == s->nr || !line_eq(&s->line[g->start], &s->line[g->end]))
		return -1;
	s->chg[g->start++] = 0;
	s->chg[g->end++] = 1;
	while (s->chg[g->end])
		g->end++;
	return 0;
}

static int slide_up(struct side *s, struct group *g)
{
	if (g->start == 0 ||
	    !line_eq(&s->line[g->start - 1], &s->line[g->end - 1]))
		return -1;
	s->chg[--g->start] = 1;
	s->chg[--g->end] = 0;
	while (s->chg[g->start - 1])
		g->start--;
	return 0;
}

static __attribute__((noreturn)) void sync_broken(void)
{
	die("diff: internal error: change blocks out of step");
}

/*
 * Slide g as far up, then as far down, as it goes, merging what it meets
 * until its size is stable.  Returns the last end at which g faced a
 * non-empty block of the other file, or -1.
 */
static long slide_block(struct side *s, struct group *g, const struct side *o,
			struct group *go, long *earliest_end)
{
	long size, match;

	do {
		size = g->end - g->start;
		while (!slide_up(s, g))
			if (group_prev(o, go))
				sync_broken();
		*earliest_end = g->end;
		match = go->end > go->start ? g->end : -1;
		while (!slide_down(s, g)) {
			if (group_next(o, go))
				sync_broken();
			if (go->end > go->start)
				match = g->end;
		}
	} while (size != g->end - g->start);
	return match;
}

/*
 * git's rule: a block that can move goes as far down as it can, unless it
 * can face a block of changes on the other side; then it goes to the
 * lowest such place, so that a '-' block and a '+' block pair up.
 */
static void place_block(struct side *s, struct group *g, const struct side *o,
			struct group *go)
{
	long earliest_end, match;

	match = slide_block(s, g, o, go, &earliest_end);
	if (match == -1 || g->end == earliest_end)
		return;
	while (go->end == go->start)
		if (slide_up(s, g) || group_prev(o, go))
			sync_broken();
}

/* Place every block of s, keeping o's blocks in step. */
static void compact(struct side *s, const struct side *o)
{
	struct group g, go;

	group_init(s, &g);
	group_init(o, &go);
	for (;;) {
		if (g.end != g.start)
			place_block(s, &g, o, &go);
		if (group_next(s, &g))
			break;
		if (group_next(o, &go))
			sync_broken();
	}
}

static void diff_compute(struct env *e, const char *a, size_t alen,
			 const char *b, size_t blen)
{
	long pre, suf;

	split_lines(&e->a, a, alen);
	split_lines(&e->b, b, blen);
	trim_ends(e, &pre, &suf);
	diff_middle(e, pre, e->a.nr - suf, pre, e->b.nr - suf);
	compact(&e->a, &e->b);
	compact(&e->b, &e->a);
}

static void env_release(struct env *e)
{
	free(e->a.line);
	free(e->a.chg - 1);
	free(e->b.line);
	free(e->b.chg - 1);
}

/* ---- from change flags to hunks */

struct change {
	long i1, n1; /* old lines [i1, i1 + n1) removed */
	long i2, n2; /* new lines [i2, i2 + n2) added */
};

/*
 * Walk both files in step: unchanged lines pair up one for one, and each
 * maximal run of changed lines on either side between two pairs is one
 * change.
 */
static long collect_changes(const struct env *e, struct change **out)
{
	const struct side *a = &e->a, *b = &e->b;
	struct change *ch = NULL;
	size_t nr = 0, alloc = 0;
	long i = 0, j = 0;

	while (i < a->nr || j < b->nr) {
		struct change c = { i, 0, j, 0 };

		while (i < a->nr && a->chg[i])
			i++;
		while (j < b->nr && b->chg[j])
			j++;
		c.n1 = i - c.i1;
		c.n2 = j - c.i2;
		if (c.n1 || c.n2) {
			ALLOC_GROW(ch, nr + 1, alloc);
			ch[nr++] = c;
		} else {
			i++;
			j++;
		}
	}
	*out = ch;
	return (long)nr;
}

/* ---- output */

/* git ends a ---/+++ line that contains a space with a tab. */
static void add_file_line(struct strbuf *out, const char *what,
			  const struct strbuf *label)
{
	strbuf_addstr(out, what);
	strbuf_addbuf(out, label);
	if (memchr(label->buf, ' ', label->len))
		strbuf_addch(out, '\t');
	strbuf_addch(out, '\n');
}

static void emit_header(struct strbuf *out, const char *path)
{
	struct strbuf la = STRBUF_INIT, lb = STRBUF_INIT;

	strbuf_add_quoted_path(&la, "a/", path);
	strbuf_add_quoted_path(&lb, "b/", path);
	strbuf_addstr(out, "diff --git ");
	strbuf_addbuf(out, &la);
	strbuf_addch(out, ' ');
	strbuf_addbuf(out, &lb);
	strbuf_addch(out, '\n');
	add_file_line(out, "--- ", &la);
	add_file_line(out, "+++ ", &lb);
	strbuf_release(&la);
	strbuf_release(&lb);
}

static void emit_line(struct strbuf *out, int sign, const struct line *l)
{
	strbuf_addch(out, sign);
	strbuf_add(out, l->ptr, l->len);
	if (l->ptr[l->len - 1] != '\n')
		strbuf_addstr(out, "\n\\ No newline at end of file\n");
}

static void emit_lines(struct strbuf *out, int sign, const struct side *s,
		       long from, long to)
{
	for (; from < to; from++)
		emit_line(out, sign, &s->line[from]);
}

/*
 * git's default funcname (xemit.c's def_ff()): the nearest line before the
 * hunk that starts with a letter, '_' or '$', cut to 80 bytes, trailing
 * whitespace dropped.  Hunks come in order, so each search stops where the
 * previous one started and otherwise keeps its answer, as git does.
 */
struct funcname {
	long searched; /* lines [0, searched) have been looked at */
	const char *ptr;
	size_t len;
};

static int is_funcname(const struct line *l)
{
	unsigned char c = (unsigned char)l->ptr[0];

	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	       c == '$';
}

/* git's isspace(): space, \t, \n and \r only, whatever the locale. */
static int git_isspace(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void find_funcname(struct funcname *f, const struct side *a, long start)
{
	long i;

	for (i = start - 1; i >= f->searched; i--) {
		const struct line *l = &a->line[i];

		if (!is_funcname(l))
			continue;
		f->ptr = l->ptr;
		f->len = l->len < FUNCNAME_MAX ? l->len : FUNCNAME_MAX;
		while (f->len && git_isspace(f->ptr[f->len - 1]))
			f->len--;
		break;
	}
	f->searched = start;
}

/*
 * git's range format: ",count" unless it is 1; an empty range names the
 * line before it ("0,0" at the top of the file).
 */
static void add_range(struct strbuf *out, long start, long count)
{
	strbuf_addf(out, "%ld", count ? start + 1 : start);
	if (count != 1)
		strbuf_addf(out, ",%ld", count);
}

static void emit_hunk_header(struct strbuf *out, long s1, long n1, long s2,
			     long n2, const struct funcname *f)
{
	strbuf_addstr(out, "@@ -");
	add_range(out, s1, n1);
	strbuf_addstr(out, " +");
	add_range(out, s2, n2);
	strbuf_addstr(out, " @@");
	if (f->len) {
		strbuf_addch(out, ' ');
		strbuf_add(out, f->ptr, f->len);
	}
	strbuf_addch(out, '\n');
}

/*
 * One hunk for changes ch[0..nr): context before the first, between them,
 * and after the last.  Unchanged lines pair up one for one, so the context
 * is as long on both sides.
 */
static void emit_hunk(struct strbuf *out, const struct env *e,
		      const struct change *ch, long nr, struct funcname *f)
{
	const struct change *last = &ch[nr - 1];
	long pre = ch->i1 < DIFF_CONTEXT ? ch->i1 : DIFF_CONTEXT;
	long s1 = ch->i1 - pre, s2 = ch->i2 - pre;
	long post = e->a.nr - (last->i1 + last->n1);
	long e1, e2, p2, k;

	if (post > DIFF_CONTEXT)
		post = DIFF_CONTEXT;
	e1 = last->i1 + last->n1 + post;
	e2 = last->i2 + last->n2 + post;
	find_funcname(f, &e->a, s1);
	emit_hunk_header(out, s1, e1 - s1, s2, e2 - s2, f);
	/* Context comes from the new file, as in git; the bytes are equal. */
	for (p2 = s2, k = 0; k < nr; k++) {
		emit_lines(out, ' ', &e->b, p2, ch[k].i2);
		emit_lines(out, '-', &e->a, ch[k].i1, ch[k].i1 + ch[k].n1);
		emit_lines(out, '+', &e->b, ch[k].i2, ch[k].i2 + ch[k].n2);
		p2 = ch[k].i2 + ch[k].n2;
	}
	emit_lines(out, ' ', &e->b, p2, e2);
}

/*
 * Changes whose contexts overlap or touch share a hunk: those at most
 * 2 * DIFF_CONTEXT unchanged lines apart, as in git and GNU diff.
 */
static int emit_hunks(struct strbuf *out, const struct env *e,
		      const struct change *ch, long nr)
{
	struct funcname f = { 0, NULL, 0 };
	int hunks = 0;
	long i = 0, j;

	while (i < nr) {
		for (j = i + 1; j < nr; j++)
			if (ch[j].i1 - (ch[j - 1].i1 + ch[j - 1].n1) >
			    2L * DIFF_CONTEXT)
				break;
		emit_hunk(out, e, ch + i, j - i, &f);
		hunks++;
		i = j;
	}
	return hunks;
}

static int same(const char *a, size_t alen, const char *b, size_t blen)
{
	return alen == blen && (!alen || !memcmp(a, b, alen));
}

int diff_unified(struct strbuf *out, const char *path, const char *a,
		 size_t alen, const char *b, size_t blen)
{
	struct env e;
	struct change *ch;
	long nr;
	int hunks = 0;

	if (same(a, alen, b, blen))
		return 0;
	diff_compute(&e, a, alen, b, blen);
	nr = collect_changes(&e, &ch);
	if (nr) {
		emit_header(out, path);
		hunks = emit_hunks(out, &e, ch, nr);
	}
	free(ch);
	env_release(&e);
	return hunks;
}

void diff_count(const char *a, size_t alen, const char *b, size_t blen,
		size_t *added, size_t *removed)
{
	struct env e;
	long i;

	*added = *removed = 0;
	if (same(a, alen, b, blen))
		return;
	diff_compute(&e, a, alen, b, blen);
	for (i = 0; i < e.a.nr; i++)
		*removed += e.a.chg[i] != 0;
	for (i = 0; i < e.b.nr; i++)
		*added += e.b.chg[i] != 0;
	env_release(&e);
}
