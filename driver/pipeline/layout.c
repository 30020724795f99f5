// SPDX-License-Identifier: GPL-2.0-only
#include "layout.h"

#include <stdlib.h>
#include <string.h>

#include "sites.h"
#include "util.h"

#define MAX_ARGS 32
#define MAX_LINES 16

size_t layout_width(const char *s, size_t len)
{
	size_t w = 0, i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\t')
			w = (w / 8 + 1) * 8;
		else if (c == '\r' || c == '\n')
			break;
		else if ((c & 0xc0) != 0x80) /* not a UTF-8 continuation */
			w++;
	}
	return w;
}

/* One argument: its raw text, which must lie on one line. */
struct arg {
	size_t start, end; /* byte offsets in the text */
	unsigned line; /* 0-based, relative to the call's first line */
};

struct call_shape {
	struct arg a[MAX_ARGS];
	int nr;
	unsigned lines; /* number of lines the call spans */
	size_t line_start[MAX_LINES]; /* offset of each line's first byte */
	size_t head_end; /* end of "...name(" on line 0 */
	/* A one-line call given a second line: its indent (under the '('). */
	char new_indent[LAYOUT_MAX_COLS + 1];
	size_t tail_start; /* after the last argument: ");..." */
};

/* Only blanks in [from, to); newlines too when lines is set. */
static int only_space(const char *s, size_t from, size_t to, int lines)
{
	for (; from < to; from++)
		if (!strchr(lines ? " \t\r\n" : " \t", s[from]))
			return 0;
	return 1;
}

static size_t line_begin(const char *s, size_t off)
{
	while (off > 0 && s[off - 1] != '\n')
		off--;
	return off;
}

/*
 * Work out which argument sits on which line.  Returns 0 when the call
 * has a shape this module does not touch.
 */
static int read_shape(const struct strbuf *text, const struct ctok_list *toks,
		      size_t open, struct call_shape *cs, int one_line_ok)
{
	const char *s = text->buf;
	size_t commas[MAX_ARGS], close, first, i;
	unsigned line0 = toks->v[open].line;
	int n = ctok_args(s, toks, open, commas, MAX_ARGS), j;

	close = ctok_match(s, toks, open);
	if (n < 2 || n > MAX_ARGS || close >= toks->nr)
		return 0;
	cs->nr = n;
	cs->lines = toks->v[close].line - line0 + 1;
	cs->new_indent[0] = '\0';
	if (cs->lines < (one_line_ok ? 1 : 2) || cs->lines > MAX_LINES)
		return 0;
	first = open + 1;
	for (j = 0; j < n; j++) {
		size_t last = j < n - 1 ? commas[j] - 1 : close - 1;
		const struct ctok *a, *b;

		/* An empty argument, "f(a, , b)": nothing to lay out. */
		if (last < first)
			return 0;
		a = &toks->v[first];
		b = &toks->v[last];

		if (a->line != b->line || (a->flags & CTOK_IN_DIRECTIVE))
			return 0;
		cs->a[j].start = a->off;
		cs->a[j].end = b->off + b->len;
		cs->a[j].line = a->line - line0;
		/* Nothing but blanks around the comma: no comments. */
		if (!only_space(s, cs->a[j].end,
				j < n - 1 ? toks->v[commas[j]].off :
					    toks->v[close].off,
				0))
			return 0;
		if (j > 0 &&
		    !only_space(s, toks->v[commas[j - 1]].off + 1, a->off, 1))
			return 0;
		first = j < n - 1 ? commas[j] + 1 : close;
	}
	/* Every line of the call after the first starts with an argument. */
	cs->line_start[0] = line_begin(s, toks->v[open].off);
	for (i = 1; i < cs->lines; i++) {
		int found = 0;

		for (j = 0; j < n; j++)
			if (cs->a[j].line == i &&
			    (j == 0 || cs->a[j - 1].line < i)) {
				found = 1;
				cs->line_start[i] =
					line_begin(s, cs->a[j].start);
			}
		if (!found)
			return 0;
	}
	if (cs->a[0].line != 0 ||
	    toks->v[close].line != toks->v[commas[n - 2] + 1].line ||
	    (toks->v[close].flags & CTOK_IN_DIRECTIVE))
		return 0;
	cs->head_end = toks->v[open].off + 1;
	/* Nothing, not even a comment, between '(' and the first argument. */
	if (cs->a[0].start != cs->head_end)
		return 0;
	cs->tail_start = cs->a[n - 1].end;
	return 1;
}

/* Text of line r as it would read with the current assignment of args. */
static void render_line(const struct strbuf *text, const struct call_shape *cs,
			unsigned r, struct strbuf *out)
{
	const char *s = text->buf;
	int j, first = 1;

	if (r == 0) {
		strbuf_add(out, s + cs->line_start[0],
			   cs->head_end - cs->line_start[0]);
	} else if (cs->new_indent[0] && r == 1) {
		strbuf_addstr(out, cs->new_indent);
	} else {
		size_t p = cs->line_start[r];

		while (s[p] == ' ' || s[p] == '\t')
			p++;
		strbuf_add(out, s + cs->line_start[r], p - cs->line_start[r]);
	}
	for (j = 0; j < cs->nr; j++) {
		if (cs->a[j].line != r)
			continue;
		if (!first)
			strbuf_addch(out, ' ');
		first = 0;
		strbuf_add(out, s + cs->a[j].start,
			   cs->a[j].end - cs->a[j].start);
		if (j < cs->nr - 1)
			strbuf_addch(out, ',');
	}
	/* The rest of the statement follows the last argument. */
	if (cs->a[cs->nr - 1].line == r) {
		size_t e = cs->tail_start;

		while (e < text->len && s[e] != '\n' && s[e] != '\r')
			e++;
		strbuf_add(out, s + cs->tail_start, e - cs->tail_start);
	}
}

static size_t line_width(const struct strbuf *text, const struct call_shape *cs,
			 unsigned r)
{
	struct strbuf sb = STRBUF_INIT;
	size_t w;

	render_line(text, cs, r, &sb);
	w = layout_width(sb.buf, sb.len);
	strbuf_release(&sb);
	return w;
}

static int args_on(const struct call_shape *cs, unsigned r, int *last)
{
	int j, n = 0;

	for (j = 0; j < cs->nr; j++)
		if (cs->a[j].line == r) {
			n++;
			*last = j;
		}
	return n;
}

/* Move trailing arguments down, line by line; 1 if anything moved. */
static int refill(const struct strbuf *text, struct call_shape *cs)
{
	int moved = 0;
	unsigned r;

	for (r = 0; r + 1 < cs->lines; r++) {
		/* Line 0 keeps the new argument and one of its own. */
		int keep = r == 0 ? 2 : 1, last = -1;

		while (line_width(text, cs, r) > LAYOUT_MAX_COLS &&
		       args_on(cs, r, &last) > keep) {
			cs->a[last].line = r + 1;
			moved = 1;
		}
	}
	return moved;
}

/*
 * Give a one-line call a second line, indented to sit under the first
 * argument (tabs, then spaces), as kernel style aligns continuations.
 */
static int add_second_line(const struct strbuf *text, struct call_shape *cs)
{
	size_t col = layout_width(text->buf + cs->line_start[0],
				  cs->head_end - cs->line_start[0]);
	size_t tabs = col / 8, spaces = col % 8;

	if (col + 8 > LAYOUT_MAX_COLS)
		return 0; /* no room left for arguments under the '(' */
	memset(cs->new_indent, '\t', tabs);
	memset(cs->new_indent + tabs, ' ', spaces);
	cs->new_indent[tabs + spaces] = '\0';
	cs->lines = 2;
	return 1;
}

/*
 * Every line of the call as cs places its arguments, each line ending as
 * it ended in text (a new second line as the call's last did), into out;
 * [*from, *to) is what it replaces in text.
 */
static void render_call(const struct strbuf *text, const struct call_shape *cs,
			struct strbuf *out, size_t *from, size_t *to)
{
	const char *eol = "\n";
	unsigned r;

	*from = cs->line_start[0];
	*to = cs->tail_start;
	while (*to < text->len && text->buf[*to] != '\n' &&
	       text->buf[*to] != '\r')
		(*to)++;
	if (*to < text->len && text->buf[*to] == '\r')
		eol = "\r\n"; /* the new line ends as the call's last did */
	for (r = 0; r < cs->lines; r++) {
		render_line(text, cs, r, out);
		if (r + 1 < cs->lines && cs->new_indent[0]) {
			strbuf_addstr(out, eol);
		} else if (r + 1 < cs->lines) {
			size_t e = cs->line_start[r + 1] - 1; /* its '\n' */

			if (e > 0 && text->buf[e - 1] == '\r')
				strbuf_addch(out, '\r');
			strbuf_addch(out, '\n');
		}
	}
}

int layout_refill(struct strbuf *text, const struct ctok_list *toks,
		  size_t open, int wrap_one_line)
{
	struct call_shape cs;
	struct strbuf out = STRBUF_INIT;
	size_t from, to;
	unsigned r;

	if (!read_shape(text, toks, open, &cs, wrap_one_line))
		return 0;
	if (cs.lines == 1 && !add_second_line(text, &cs))
		return 0;
	if (line_width(text, &cs, 0) <= LAYOUT_MAX_COLS || !refill(text, &cs))
		return 0;
	/* A re-fill that leaves any line too long is no better: keep it. */
	for (r = 0; r < cs.lines; r++)
		if (line_width(text, &cs, r) > LAYOUT_MAX_COLS)
			return 0;
	render_call(text, &cs, &out, &from, &to);
	strbuf_splice(text, from, to - from, out.buf, out.len);
	strbuf_release(&out);
	return 1;
}

/*
 * One way of spreading n arguments over the call's lines: line[j] of
 * argument j, from 0, never going back, never skipping a line.
 */
struct unfill_search {
	const struct strbuf *text;
	struct call_shape *cs;
	unsigned plain[MAX_ARGS]; /* where the arguments are now */
	unsigned best[MAX_ARGS];
	int best_moves; /* -1: none found */
	const struct strbuf *given; /* the call as it was, with the argument */
	size_t open_off; /* of the '(' in the call's text */
	const char *dropped;
};

/* The candidate in cs, with the dropped argument back, re-filled forward. */
static int forward_gives(struct unfill_search *u)
{
	struct strbuf cand = STRBUF_INIT;
	struct ctok_list toks = { 0 };
	size_t from, to, i;
	unsigned r;
	int same = 0;

	for (r = 0; r < u->cs->lines; r++)
		if (line_width(u->text, u->cs, r) > LAYOUT_MAX_COLS)
			return 0; /* no maintainer wrote that */
	render_call(u->text, u->cs, &cand, &from, &to);
	strbuf_insert(&cand, u->open_off + 1, u->dropped, strlen(u->dropped));
	strbuf_insert(&cand, u->open_off + 1 + strlen(u->dropped), ", ", 2);
	ctok_scan(cand.buf, cand.len, &toks);
	for (i = 0; i < toks.nr && toks.v[i].off != u->open_off; i++)
		;
	if (i < toks.nr) {
		layout_refill(&cand, &toks, i, 0);
		same = strbuf_equal(&cand, u->given);
	}
	ctok_list_release(&toks);
	strbuf_release(&cand);
	return same;
}

static void try_lines(struct unfill_search *u, int j, int moves)
{
	struct call_shape *cs = u->cs;
	unsigned r, last = cs->lines - 1;
	int k;

	if (j == cs->nr) {
		if (!moves || cs->a[cs->nr - 1].line != last ||
		    (u->best_moves >= 0 && moves >= u->best_moves) ||
		    !forward_gives(u))
			return;
		u->best_moves = moves;
		for (k = 0; k < cs->nr; k++)
			u->best[k] = cs->a[k].line;
		return;
	}
	/* Argument j on the line of j - 1, or on the next one. */
	for (r = j ? cs->a[j - 1].line : 0;
	     r <= (j ? cs->a[j - 1].line + 1 : 0) && r <= last; r++) {
		/* The lines after it must each still get an argument. */
		if (last - r > (unsigned)(cs->nr - 1 - j))
			continue;
		cs->a[j].line = r;
		try_lines(u, j + 1,
			  moves + (int)(r > u->plain[j] ? r - u->plain[j] :
							  u->plain[j] - r));
	}
}

int layout_unfill(struct strbuf *text, const struct ctok_list *toks,
		  size_t open, const char *dropped)
{
	struct call_shape cs;
	struct unfill_search u;
	struct strbuf given = STRBUF_INIT, out = STRBUF_INIT;
	size_t from, to;
	int j;

	if (!dropped || strchr(dropped, '\n') ||
	    !read_shape(text, toks, open, &cs, 0) || cs.nr > 12)
		return 0;
	memset(&u, 0, sizeof(u));
	u.text = text;
	u.cs = &cs;
	u.best_moves = -1;
	u.dropped = dropped;
	for (j = 0; j < cs.nr; j++)
		u.plain[j] = cs.a[j].line;
	/* The call as it came, its argument back: what forward made. */
	render_call(text, &cs, &given, &from, &to);
	u.open_off = toks->v[open].off - from;
	strbuf_insert(&given, u.open_off + 1, dropped, strlen(dropped));
	strbuf_insert(&given, u.open_off + 1 + strlen(dropped), ", ", 2);
	u.given = &given;
	try_lines(&u, 0, 0);
	if (u.best_moves > 0) {
		for (j = 0; j < cs.nr; j++)
			cs.a[j].line = u.best[j];
		render_call(text, &cs, &out, &from, &to);
		strbuf_splice(text, from, to - from, out.buf, out.len);
	}
	strbuf_release(&given);
	strbuf_release(&out);
	return u.best_moves > 0;
}

/* Walks a buffer line by line; a line's end excludes "\r\n" or "\n". */
struct line_cursor {
	const char *s;
	size_t len, pos;
};

static int next_line(struct line_cursor *c, size_t *start, size_t *end)
{
	const char *nl;

	if (c->pos >= c->len)
		return 0;
	*start = c->pos;
	nl = memchr(c->s + c->pos, '\n', c->len - c->pos);
	*end = nl ? (size_t)(nl - c->s) : c->len;
	if (*end > *start && c->s[*end - 1] == '\r')
		(*end)--;
	c->pos = nl ? (size_t)(nl - c->s) + 1 : c->len;
	return 1;
}

/* Width of the line's text before its trailing blanks and backslash. */
static int backslash_line(const char *s, size_t start, size_t end,
			  size_t *content_end)
{
	size_t e = end;

	if (e == start || s[e - 1] != '\\')
		return 0;
	e--;
	while (e > start && (s[e - 1] == ' ' || s[e - 1] == '\t'))
		e--;
	*content_end = e;
	return 1;
}

static size_t count_lines(const struct strbuf *sb)
{
	size_t n = 0, i;

	for (i = 0; i < sb->len; i++)
		n += sb->buf[i] == '\n';
	return n;
}

void layout_keep_backslashes(struct strbuf *after, const struct strbuf *before)
{
	struct line_cursor a = { after->buf, after->len, 0 };
	struct line_cursor b = { before->buf, before->len, 0 };
	size_t as, ae, bs, be, ace, bce;
	struct strbuf out = STRBUF_INIT;
	size_t copied = 0;

	/* Lines pair up only if neither side gained or lost one. */
	if (count_lines(after) != count_lines(before))
		return;
	while (next_line(&a, &as, &ae) && next_line(&b, &bs, &be)) {
		size_t col, w;

		if ((ae - as == be - bs &&
		     !memcmp(after->buf + as, before->buf + bs, ae - as)) ||
		    !backslash_line(after->buf, as, ae, &ace) ||
		    !backslash_line(before->buf, bs, be, &bce))
			continue;
		/* Where the backslash stood before: put it there again. */
		col = layout_width(before->buf + bs, be - 1 - bs);
		w = layout_width(after->buf + as, ace - as);
		strbuf_add(&out, after->buf + copied, ace - copied);
		if (w >= col) {
			strbuf_addch(&out, ' ');
		} else {
			while ((w / 8 + 1) * 8 <= col) {
				strbuf_addch(&out, '\t');
				w = (w / 8 + 1) * 8;
			}
			strbuf_addchars(&out, ' ', col - w);
		}
		copied = ae - 1; /* the backslash itself is copied next */
	}
	if (!copied)
		return;
	strbuf_add(&out, after->buf + copied, after->len - copied);
	strbuf_swap(after, &out);
	strbuf_release(&out);
}
