// SPDX-License-Identifier: GPL-2.0-only
#include "skchange.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ctoken.h"
#include "layout.h"
#include "progress.h"
#include "restore.h"
#include "select.h"
#include "sites.h"
#include "util.h"

#define CREATE "sock_create_kern"
#define CHANGE "sk_change_net"
#define RELEASE "sk_release_kernel"

/*----------------------------------------------------------------------
 * The tree's era
 */

/*
 * The parameter count of the first prototype or definition of ident in
 * the header root/rel: -1 when the file is not there, 0 when it names no
 * such declaration.
 */
static int declared_arity(const char *root, const char *rel, const char *ident)
{
	struct strbuf path = STRBUF_INIT, sb = STRBUF_INIT;
	struct ctok_list toks = { 0 };
	struct site_list sites = { 0 };
	size_t i;
	int n = 0;

	strbuf_addf(&path, "%s/%s", root, rel);
	if (strbuf_read_file(&sb, path.buf, 0)) {
		if (errno != ENOENT && errno != ENOTDIR)
			die_errno("%s: cannot read", path.buf);
		strbuf_release(&path);
		return -1;
	}
	ctok_scan(sb.buf, sb.len, &toks);
	sites_find(sb.buf, &toks, ident, &sites);
	for (i = 0; i < sites.nr && !n; i++)
		if ((sites.v[i].kind == SITE_DECL ||
		     sites.v[i].kind == SITE_DEF) &&
		    sites.v[i].nargs > 0 && !(sites.v[i].flags & CTOK_IN_IF0))
			n = sites.v[i].nargs;
	site_list_release(&sites);
	ctok_list_release(&toks);
	strbuf_release(&sb);
	strbuf_release(&path);
	return n;
}

void skchange_check_tree(const char *root)
{
	int alloc = declared_arity(root, "include/net/sock.h", "sk_alloc");
	int create = declared_arity(root, "include/linux/net.h", CREATE);

	if (alloc > 0 && alloc < 5)
		die("include/net/sock.h: sk_alloc() takes no 'kern' argument: "
		    "a kernel before 4.2, where sk_change_net() must stay "
		    "(--force-sk-change-net runs the clean-up anyway)");
	if (create > 0 && create < 5)
		die("include/linux/net.h: sock_create_kern() takes %d "
		    "parameters, no struct net *: a kernel before 4.2, where "
		    "sk_change_net() must stay (--force-sk-change-net runs "
		    "the clean-up anyway)",
		    create);
	if (alloc <= 0 && create <= 0)
		die("%s: no include/net/sock.h or include/linux/net.h that "
		    "declares sk_alloc() or sock_create_kern(): the kernel "
		    "version cannot be told, and the clean-up is valid on "
		    "4.2 and later only (--force-sk-change-net runs it "
		    "anyway)",
		    root);
}

/*----------------------------------------------------------------------
 * Select
 */

static int names_it(const char *buf, size_t len)
{
	return sites_may_occur(buf, len, CHANGE) ||
	       sites_may_occur(buf, len, RELEASE);
}

void skchange_select(const struct cocci *rule, const struct scan *scan,
		     char *const *trees, size_t max_size,
		     struct file_results *out, struct ledger *l)
{
	size_t i, j;

	for (i = 0; i < scan->nr; i++) {
		const struct scan_file *f = &scan->v[i];
		struct strbuf sb = STRBUF_INIT;
		struct ctok_list toks = { 0 };
		struct site_list rel = { 0 };
		struct file_result *r;
		struct stat st;
		int got;

		die_if_interrupted();
		memset(&st, 0, sizeof(st));
		if (f->data) {
			strbuf_add(&sb, f->data, f->size);
			got = 0;
		} else {
			/* Through a link only when it is a TREE itself. */
			got = strbuf_read_regular(
				&sb, f->path,
				trees && !strcmp(f->path, trees[f->tree]), &st);
		}
		if (got)
			die_errno("%s: cannot read", f->path);
		l->files_scanned++;
		progress_add(PROGRESS_FILES, 1);
		if (!names_it(sb.buf, sb.len)) {
			strbuf_release(&sb);
			continue;
		}
		if (sb.len > max_size || memchr(sb.buf, '\0', sb.len)) {
			ledger_add_unreadable(l, f->rel, 1, 1,
					      sb.len > max_size ?
						      "file too large, not "
						      "read (--max-size)" :
						      "file holds a NUL byte");
			strbuf_release(&sb);
			continue;
		}
		ctok_scan(sb.buf, sb.len, &toks);
		r = file_result_new(out, f);
		sites_find(sb.buf, &toks, rule->ident, &r->sites);
		sites_find(sb.buf, &toks, RELEASE, &rel);
		ctok_list_release(&toks);
		if (!r->sites.nr && !rel.nr) {
			/* Only in comments or strings. */
			site_list_release(&r->sites);
			out->nr--;
			strbuf_release(&sb);
			continue;
		}
		site_list_release(&rel);
		strbuf_swap(&r->before, &sb);
		strbuf_release(&sb);
		r->st = st;
		r->named_link = select_named_link(f, trees);
		for (j = 0; j < r->sites.nr; j++)
			if (r->sites.v[j].kind == SITE_CALL &&
			    r->sites.v[j].nargs == 2 &&
			    !r->sites.v[j].manual[0])
				r->needs_spatch = 1;
		l->files_matched++;
	}
}

/*----------------------------------------------------------------------
 * Verify
 */

/* A sock_create_kern() call of the original. */
struct mk {
	const struct site *s;
	int nargs;
	size_t first0, last0; /* its first argument */
	size_t lastf, lastl; /* its last argument */
	int changed;
	/*
	 * 5 arguments, left as they were (the walk compares them): a
	 * removal may still be tied to it when it already passes B.
	 */
	int kept;
	size_t a_ident, a_close; /* in the result */
	size_t xf, xl; /* the namespace it passes now, in the result */
	int tied;
};

/* An sk_change_net(A, B); statement of the original. */
struct stmt {
	const struct site *s;
	size_t semi;
	size_t af, al, bf, bl; /* A and B */
	int removed;
	struct mk *by; /* the call it was folded into */
};

/* An sk_release_kernel(E->sk) of the original. */
struct rel {
	const struct site *s;
	size_t ef, el; /* E */
	int released;
	size_t a_ident, a_close;
};

struct skv {
	const char *b, *a;
	struct ctok_list bt, at;
	struct site_list mks, chs, rels;
	struct mk *mk;
	struct stmt *st;
	struct rel *rl;
	size_t nr_mk, nr_st, nr_rl;
	/* Per token of the original: the call, statement or release at it. */
	struct skv_tok {
		struct mk *mk; /* its '(' is this token */
		struct stmt *st; /* its identifier is */
		struct rel *rl; /* its identifier is */
	} * by_tok;
	char *why;
};

static int tok_eq(const char *x, const struct ctok *tx, const char *y,
		  const struct ctok *ty)
{
	return tx->len == ty->len && !memcmp(x + tx->off, y + ty->off, tx->len);
}

/* Tokens [f, l] of x equal tokens [g, m] of y. */
static int range_eq(const char *x, const struct ctok_list *xt, size_t f,
		    size_t l, const char *y, const struct ctok_list *yt,
		    size_t g, size_t m)
{
	size_t i;

	if (l - f != m - g || l >= xt->nr || m >= yt->nr)
		return 0;
	for (i = 0; i <= l - f; i++)
		if (!tok_eq(x, &xt->v[f + i], y, &yt->v[g + i]))
			return 0;
	return 1;
}

static int is(const char *buf, const struct ctok_list *t, size_t i,
	      const char *s)
{
	return i < t->nr && ctok_is(buf, &t->v[i], s);
}

/* Argument n (0-based) of the call at open: first and last token. */
static int arg_range(const char *buf, const struct ctok_list *t, size_t open,
		     size_t close, int n, size_t *f, size_t *l)
{
	size_t commas[8];
	int nr = ctok_args(buf, t, open, commas, 8);

	if (nr < 1 || n >= nr || nr > 8)
		return 0;
	*f = n ? commas[n - 1] + 1 : open + 1;
	*l = n == nr - 1 ? close - 1 : commas[n] - 1;
	return *f <= *l;
}

static void plan(struct skv *v)
{
	size_t i;

	sites_find(v->b, &v->bt, CREATE, &v->mks);
	sites_find(v->b, &v->bt, CHANGE, &v->chs);
	sites_find(v->b, &v->bt, RELEASE, &v->rels);
	v->mk = xcalloc(v->mks.nr + 1, sizeof(*v->mk));
	v->st = xcalloc(v->chs.nr + 1, sizeof(*v->st));
	v->rl = xcalloc(v->rels.nr + 1, sizeof(*v->rl));
	for (i = 0; i < v->mks.nr; i++) {
		const struct site *s = &v->mks.v[i];
		struct mk *m = &v->mk[v->nr_mk];

		if (s->kind != SITE_CALL || s->manual[0] ||
		    (s->nargs != 4 && s->nargs != 5) || s->close >= v->bt.nr)
			continue;
		m->s = s;
		m->nargs = s->nargs;
		if (arg_range(v->b, &v->bt, s->open, s->close, 0, &m->first0,
			      &m->last0) &&
		    arg_range(v->b, &v->bt, s->open, s->close, s->nargs - 1,
			      &m->lastf, &m->lastl))
			v->nr_mk++;
	}
	for (i = 0; i < v->chs.nr; i++) {
		const struct site *s = &v->chs.v[i];
		struct stmt *t = &v->st[v->nr_st];

		if (s->kind != SITE_CALL || s->nargs != 2 || s->manual[0] ||
		    (s->flags & CTOK_IN_DEFINE) || s->close + 1 >= v->bt.nr ||
		    !is(v->b, &v->bt, s->close + 1, ";"))
			continue;
		t->s = s;
		t->semi = s->close + 1;
		if (arg_range(v->b, &v->bt, s->open, s->close, 0, &t->af,
			      &t->al) &&
		    arg_range(v->b, &v->bt, s->open, s->close, 1, &t->bf,
			      &t->bl))
			v->nr_st++;
	}
	for (i = 0; i < v->rels.nr; i++) {
		const struct site *s = &v->rels.v[i];
		struct rel *r = &v->rl[v->nr_rl];

		/* E->sk: at least one token of E, then "->", "sk". */
		if (s->kind != SITE_CALL || s->nargs != 1 || s->manual[0] ||
		    s->close >= v->bt.nr || s->close < s->open + 4 ||
		    !is(v->b, &v->bt, s->close - 1, "sk") ||
		    !is(v->b, &v->bt, s->close - 2, "->"))
			continue;
		r->s = s;
		r->ef = s->open + 1;
		r->el = s->close - 3;
		v->nr_rl++;
	}
	v->by_tok = xcalloc(v->bt.nr + 1, sizeof(*v->by_tok));
	for (i = 0; i < v->nr_mk; i++)
		v->by_tok[v->mk[i].s->open].mk = &v->mk[i];
	for (i = 0; i < v->nr_st; i++)
		v->by_tok[v->st[i].s->tok].st = &v->st[i];
	for (i = 0; i < v->nr_rl; i++)
		v->by_tok[v->rl[i].s->tok].rl = &v->rl[i];
}

static unsigned a_line(const struct skv *v, size_t k)
{
	return k < v->at.nr ? v->at.v[k].line :
	       v->at.nr	    ? v->at.v[v->at.nr - 1].line :
			      1;
}

static int refuse(struct skv *v, char *why)
{
	if (!v->why)
		v->why = why;
	else
		free(why);
	return 0;
}

/* At the '(' of a sock_create_kern() call: what became of its namespace. */
static int at_call(struct skv *v, struct mk *m, size_t *pi, size_t *pk)
{
	/* *pk is just past the '(' in the result. */
	size_t k = *pk - 1, commas[8], close = ctok_match(v->a, &v->at, k);
	int n = ctok_args(v->a, &v->at, k, commas, 8);
	int was_init = m->nargs == 5 && m->last0 == m->first0 + 1 &&
		       is(v->b, &v->bt, m->first0, "&") &&
		       is(v->b, &v->bt, m->first0 + 1, "init_net");

	m->a_ident = k - 1;
	m->a_close = close;
	if (n < 1 || n > 8 || close >= v->at.nr)
		return 1; /* compared token by token */
	if (m->nargs == 4 && n == 5) {
		m->xf = k + 1;
		m->xl = commas[0] - 1;
		if (m->xl < m->xf)
			return refuse(v, xstrfmt("result refused: at line %u "
						 "sock_create_kern() has an "
						 "empty first argument",
						 a_line(v, k)));
		m->changed = 1;
		*pk = commas[0] + 1;
		return 1;
	}
	if (was_init && n == 5 &&
	    !range_eq(v->b, &v->bt, m->first0, m->last0, v->a, &v->at, k + 1,
		      commas[0] - 1)) {
		m->xf = k + 1;
		m->xl = commas[0] - 1;
		if (m->xl < m->xf)
			return refuse(v, xstrfmt("result refused: at line %u "
						 "sock_create_kern() has an "
						 "empty first argument",
						 a_line(v, k)));
		m->changed = 1;
		*pi = m->last0 + 1;
		*pk = commas[0];
		return 1;
	}
	if (m->nargs == 5 && n == 5 && commas[0] > k + 1) {
		m->kept = 1;
		m->xf = k + 1;
		m->xl = commas[0] - 1;
	}
	return 1;
}

/* A token as it reads in a message: 'foo', or the end of the file. */
static void describe(struct strbuf *sb, const char *buf,
		     const struct ctok_list *l, size_t i)
{
	if (i >= l->nr)
		strbuf_addstr(sb, "the end of the file");
	else
		strbuf_addf(sb, "'%.*s'",
			    (int)(l->v[i].len > 40 ? 40 : l->v[i].len),
			    buf + l->v[i].off);
}

static char *departs(const struct skv *v, size_t i, size_t k)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "result refused: at line %u it has ", a_line(v, k));
	describe(&sb, v->a, &v->at, k);
	strbuf_addstr(&sb, " where the original has ");
	describe(&sb, v->b, &v->bt, i);
	strbuf_addstr(&sb, " (only the sk_change_net clean-up's edit is "
			   "accepted)");
	return strbuf_detach(&sb, NULL);
}

static int walk(struct skv *v)
{
	size_t i = 0, k = 0;

	while (i < v->bt.nr) {
		struct stmt *t = v->by_tok[i].st;
		struct rel *r = v->by_tok[i].rl;
		struct mk *m;

		if (t && !range_eq(v->b, &v->bt, i, t->semi, v->a, &v->at, k,
				   k + (t->semi - i))) {
			t->removed = 1;
			i = t->semi + 1;
			continue;
		}
		if (r && is(v->a, &v->at, k, "sock_release")) {
			size_t e = r->el - r->ef;

			if (!is(v->a, &v->at, k + 1, "(") ||
			    !range_eq(v->b, &v->bt, r->ef, r->el, v->a, &v->at,
				      k + 2, k + 2 + e) ||
			    !is(v->a, &v->at, k + 3 + e, ")"))
				return refuse(
					v, xstrfmt("result refused: at line %u "
						   "sk_release_kernel(E->sk) "
						   "did not become "
						   "sock_release(E)",
						   a_line(v, k)));
			r->released = 1;
			r->a_ident = k;
			r->a_close = k + 3 + e;
			i = r->s->close + 1;
			k += 4 + e;
			continue;
		}
		if (k >= v->at.nr ||
		    !tok_eq(v->b, &v->bt.v[i], v->a, &v->at.v[k]))
			return refuse(v, departs(v, i, k));
		i++;
		k++;
		m = v->by_tok[i - 1].mk;
		if (m && !at_call(v, m, &i, &k))
			return 0;
	}
	if (k != v->at.nr)
		return refuse(v, departs(v, i, k));
	return 1;
}

/* Whether tokens [f, l] of the original are the socket m made, ->sk. */
static int names_socket(const struct skv *v, const struct mk *m, size_t f,
			size_t l)
{
	const char *b = v->b;
	const struct ctok_list *t = &v->bt;

	/* sock_create_kern(..., &sock): sock->sk */
	if (m->lastl == m->lastf + 1 && is(b, t, m->lastf, "&"))
		return l == f + 2 && tok_eq(b, &t->v[f], b, &t->v[m->lastl]) &&
		       is(b, t, f + 1, "->") && is(b, t, f + 2, "sk");
	/* sock_create_kern(..., sockp): (*sockp)->sk */
	if (m->lastl == m->lastf)
		return l == f + 5 && is(b, t, f, "(") && is(b, t, f + 1, "*") &&
		       tok_eq(b, &t->v[f + 2], b, &t->v[m->lastf]) &&
		       is(b, t, f + 3, ")") && is(b, t, f + 4, "->") &&
		       is(b, t, f + 5, "sk");
	return 0;
}

/*
 * sk_change_net(A, ...) of statement s names the socket of call m:
 * directly, or A was assigned from it in between ("*sk = sock->sk;").
 */
static int tied_socket(const struct skv *v, const struct mk *m,
		       const struct stmt *s)
{
	const char *b = v->b;
	const struct ctok_list *t = &v->bt;
	size_t n = s->al - s->af, j, e;

	if (names_socket(v, m, s->af, s->al))
		return 1;
	for (j = m->s->close + 1; j + n + 2 < s->s->tok; j++) {
		if (!is(b, t, j - 1, ";") && !is(b, t, j - 1, "{") &&
		    !is(b, t, j - 1, "}"))
			continue;
		if (!range_eq(b, t, s->af, s->al, b, t, j, j + n) ||
		    !is(b, t, j + n + 1, "="))
			continue;
		for (e = j + n + 2; e < s->s->tok && !is(b, t, e, ";"); e++)
			;
		if (e < s->s->tok && e > j + n + 2 &&
		    names_socket(v, m, j + n + 2, e - 1))
			return 1;
	}
	return 0;
}

static int same_function(const struct site *x, const struct site *y)
{
	return x->func[0] && !strcmp(x->func, y->func) &&
	       x->func_first == y->func_first;
}

/*
 * Each removal tied to one call, changed or already passing B (kept);
 * each changed call to one removal.
 */
static int tie(struct skv *v)
{
	size_t i, j, folds = 0;

	for (i = 0; i < v->nr_st; i++) {
		struct stmt *s = &v->st[i];

		if (!s->removed)
			continue;
		if (!s->s->tok ||
		    (!is(v->b, &v->bt, s->s->tok - 1, ";") &&
		     !is(v->b, &v->bt, s->s->tok - 1, "{") &&
		     !is(v->b, &v->bt, s->s->tok - 1, "}")) ||
		    v->bt.v[s->s->tok - 1].line == v->bt.v[s->s->tok].line ||
		    (s->semi + 1 < v->bt.nr &&
		     v->bt.v[s->semi + 1].line == v->bt.v[s->semi].line))
			return refuse(v, xstrfmt("result refused: it removes "
						 "the sk_change_net() at line "
						 "%u, which is not a statement "
						 "on lines of its own",
						 s->s->line));
		for (j = 0; j < v->nr_mk && !s->by; j++) {
			struct mk *m = &v->mk[j];

			if ((m->changed || m->kept) && !m->tied &&
			    m->s->tok < s->s->tok &&
			    same_function(m->s, s->s) &&
			    range_eq(v->b, &v->bt, s->bf, s->bl, v->a, &v->at,
				     m->xf, m->xl) &&
			    tied_socket(v, m, s)) {
				m->tied = 1;
				s->by = m;
			}
		}
		if (!s->by)
			return refuse(
				v,
				xstrfmt("result refused: it removes the "
					"sk_change_net() at line %u, but no "
					"sock_create_kern() call before it in "
					"%s() that made its socket now passes "
					"'%.*s'",
					s->s->line, s->s->func,
					(int)(v->bt.v[s->bl].off +
					      v->bt.v[s->bl].len -
					      v->bt.v[s->bf].off),
					v->b + v->bt.v[s->bf].off));
		folds++;
	}
	for (j = 0; j < v->nr_mk; j++)
		if (v->mk[j].changed && !v->mk[j].tied)
			return refuse(v, xstrfmt("result refused: the "
						 "sock_create_kern() call at "
						 "line %u passes a new "
						 "namespace, but no "
						 "sk_change_net() of its "
						 "socket with it was removed",
						 v->mk[j].s->line));
	for (j = 0; j < v->nr_rl; j++)
		if (v->rl[j].released && !folds)
			return refuse(v,
				      xstrfmt("result refused: the "
					      "sk_release_kernel() at line "
					      "%u became sock_release() in a "
					      "file where no sk_change_net() "
					      "was folded",
					      v->rl[j].s->line));
	return 1;
}

/* The last line of comment c. */
static unsigned comment_end(const char *buf, const struct ctok *c)
{
	unsigned line = c->line;
	size_t i;

	for (i = 0; i < c->len; i++)
		line += buf[c->off + i] == '\n';
	return line;
}

/* Only blanks between the start of c's line and c. */
static int starts_line(const char *buf, const struct ctok *c)
{
	size_t o = c->off;

	while (o > 0 && (buf[o - 1] == ' ' || buf[o - 1] == '\t'))
		o--;
	return !o || buf[o - 1] == '\n';
}

/* Only blanks between the end of c and the end of its line. */
static int ends_line(const char *buf, size_t len, const struct ctok *c)
{
	size_t o = c->off + c->len;

	while (o < len && (buf[o] == ' ' || buf[o] == '\t'))
		o++;
	return o >= len || buf[o] == '\n';
}

/*
 * The comments of the original that may go with a removed statement: on
 * lines of their own, directly above it (no blank line, no code between).
 * droppable[i] for comment i of cb.
 */
static void droppable_comments(const struct skv *v, size_t blen,
			       const struct ctok_list *cb, char *droppable)
{
	size_t i, c;

	for (i = 0; i < v->nr_st; i++) {
		const struct stmt *s = &v->st[i];
		unsigned want = s->s->line - 1;

		if (!s->removed)
			continue;
		for (c = cb->nr; c-- > 0;) {
			const struct ctok *x = &cb->v[c];

			if (x->off >= v->bt.v[s->s->tok].off)
				continue;
			if (comment_end(v->b, x) != want ||
			    !starts_line(v->b, x) || !ends_line(v->b, blen, x))
				break;
			/* No code on its lines either. */
			if (s->s->tok > 0 &&
			    v->bt.v[s->s->tok - 1].off > x->off)
				break;
			droppable[c] = 1;
			want = x->line - 1;
		}
	}
}

static int same_comments(struct skv *v, size_t blen, size_t alen,
			 char *droppable_lines)
{
	struct ctok_list cb = { 0 }, ca = { 0 };
	char *drop;
	size_t i = 0, k = 0, n;
	int ok = 1;

	ctok_scan_comments(v->b, blen, &cb);
	ctok_scan_comments(v->a, alen, &ca);
	drop = xcalloc(cb.nr + 1, 1);
	droppable_comments(v, blen, &cb, drop);
	for (i = 0; i < cb.nr; i++)
		if (drop[i])
			for (n = cb.v[i].line; n <= comment_end(v->b, &cb.v[i]);
			     n++)
				droppable_lines[n] = 1;
	i = 0;
	while (ok && (i < cb.nr || k < ca.nr)) {
		if (i < cb.nr && k < ca.nr &&
		    tok_eq(v->b, &cb.v[i], v->a, &ca.v[k])) {
			i++;
			k++;
		} else if (i < cb.nr && drop[i]) {
			i++;
		} else {
			ok = refuse(v, xstrfmt("result refused: a comment "
					       "differs at line %u (comments "
					       "are kept, but for those "
					       "directly above a removed "
					       "sk_change_net())",
					       k < ca.nr ? ca.v[k].line :
							   cb.v[i].line));
		}
	}
	free(drop);
	ctok_list_release(&cb);
	ctok_list_release(&ca);
	return ok;
}

/* Lines of a text, as offsets: line n (1-based) is [start[n], start[n+1]). */
static size_t *line_starts(const char *buf, size_t len, unsigned *nr)
{
	size_t *s, i, n = 1;

	for (i = 0; i < len; i++)
		n += buf[i] == '\n';
	s = xcalloc(n + 2, sizeof(*s));
	n = 1;
	s[1] = 0;
	for (i = 0; i < len; i++)
		if (buf[i] == '\n')
			s[++n] = i + 1;
	if (s[n] == len) /* no line after the last newline */
		n--;
	s[n + 1] = len;
	*nr = (unsigned)n;
	return s;
}

static int blank_line(const char *buf, size_t f, size_t t)
{
	for (; f < t; f++)
		if (buf[f] != ' ' && buf[f] != '\t' && buf[f] != '\n' &&
		    buf[f] != '\r')
			return 0;
	return 1;
}

static void mark(char *lines, unsigned f, unsigned l, unsigned nr)
{
	for (; f <= l && f <= nr; f++)
		lines[f] = 1;
}

/* Every line outside the changed calls and releases is the original's. */
static int same_lines(struct skv *v, size_t blen, size_t alen, char *drop)
{
	unsigned bn, an, i = 1, k = 1, j;
	size_t *bs = line_starts(v->b, blen, &bn);
	size_t *as = line_starts(v->a, alen, &an);
	char *bspan = xcalloc(bn + 2, 1), *aspan = xcalloc(an + 2, 1);
	int ok = 1;

	for (j = 0; j < v->nr_mk; j++) {
		const struct mk *m = &v->mk[j];

		if (!m->changed)
			continue;
		mark(bspan, m->s->line, v->bt.v[m->s->close].line, bn);
		mark(aspan, v->at.v[m->a_ident].line, v->at.v[m->a_close].line,
		     an);
	}
	for (j = 0; j < v->nr_rl; j++) {
		const struct rel *r = &v->rl[j];

		if (!r->released)
			continue;
		mark(bspan, r->s->line, v->bt.v[r->s->close].line, bn);
		mark(aspan, v->at.v[r->a_ident].line, v->at.v[r->a_close].line,
		     an);
	}
	for (j = 0; j < v->nr_st; j++) {
		const struct stmt *s = &v->st[j];
		unsigned f, l;

		if (!s->removed)
			continue;
		f = s->s->line;
		l = v->bt.v[s->semi].line;
		while (f > 1 && drop[f - 1])
			f--;
		mark(drop, f, l, bn);
		/* A blank line on either side may go with it. */
		if (f > 1 && blank_line(v->b, bs[f - 1], bs[f]))
			drop[f - 1] = 1;
		if (l < bn && blank_line(v->b, bs[l + 1], bs[l + 2]))
			drop[l + 1] = 1;
	}
	while (ok && (i <= bn || k <= an)) {
		if (i <= bn && bspan[i]) {
			i++;
		} else if (k <= an && aspan[k]) {
			k++;
		} else if (i <= bn && k <= an &&
			   bs[i + 1] - bs[i] == as[k + 1] - as[k] &&
			   !memcmp(v->b + bs[i], v->a + as[k],
				   bs[i + 1] - bs[i])) {
			i++;
			k++;
		} else if (i <= bn && drop[i]) {
			i++;
		} else {
			ok = refuse(v,
				    xstrfmt("result refused: line %u differs "
					    "from the original line %u (only "
					    "the lines of the clean-up's "
					    "edit may change)",
					    k, i));
		}
	}
	free(bs);
	free(as);
	free(bspan);
	free(aspan);
	return ok;
}

static void skv_release(struct skv *v)
{
	ctok_list_release(&v->bt);
	ctok_list_release(&v->at);
	site_list_release(&v->mks);
	site_list_release(&v->chs);
	site_list_release(&v->rels);
	free(v->mk);
	free(v->st);
	free(v->rl);
	free(v->by_tok);
	free(v->why);
	memset(v, 0, sizeof(*v));
}

/* Fills v; returns its reason for a refusal (owned by v), or NULL. */
static const char *skv_run(struct skv *v, const struct strbuf *before,
			   const struct strbuf *after)
{
	char *drop;

	memset(v, 0, sizeof(*v));
	if (memchr(after->buf, '\0', after->len))
		return v->why = xstrdup("result refused: it contains a NUL "
					"byte");
	v->b = before->buf;
	v->a = after->buf;
	ctok_scan(before->buf, before->len, &v->bt);
	ctok_scan(after->buf, after->len, &v->at);
	plan(v);
	drop = xcalloc(before->len + 3, 1);
	if (walk(v) && tie(v) &&
	    same_comments(v, before->len, after->len, drop))
		same_lines(v, before->len, after->len, drop);
	free(drop);
	return v->why;
}

char *skchange_verify(const struct strbuf *before, const struct strbuf *after)
{
	struct skv v;
	char *why;

	skv_run(&v, before, after);
	why = v.why;
	v.why = NULL;
	skv_release(&v);
	return why;
}

/*----------------------------------------------------------------------
 * The final text
 */

/* The comments of after that stand directly above a removed statement. */
static void drop_comments(struct file_result *r)
{
	struct skv v;
	struct ctok_list cb = { 0 }, ca = { 0 };
	char *drop;
	size_t i = 0, k = 0, *cut = NULL, nr_cut = 0, alloc_cut = 0;

	if (skv_run(&v, &r->before, &r->after)) {
		skv_release(&v);
		return;
	}
	ctok_scan_comments(r->before.buf, r->before.len, &cb);
	ctok_scan_comments(r->after.buf, r->after.len, &ca);
	drop = xcalloc(cb.nr + 1, 1);
	droppable_comments(&v, r->before.len, &cb, drop);
	/*
	 * Paired as same_comments() pairs them: a droppable comment spatch
	 * already dropped has no partner, and the comments after it keep
	 * theirs.
	 */
	while (i < cb.nr && k < ca.nr) {
		if (tok_eq(r->before.buf, &cb.v[i], r->after.buf, &ca.v[k])) {
			if (drop[i]) {
				ALLOC_GROW(cut, nr_cut + 1, alloc_cut);
				cut[nr_cut++] = k;
			}
			i++;
			k++;
		} else if (drop[i]) {
			i++;
		} else {
			break; /* verified: cannot happen */
		}
	}
	/* Backwards: each comment's lines, whole. */
	while (nr_cut-- > 0) {
		const struct ctok *c = &ca.v[cut[nr_cut]];
		size_t f = c->off, t = c->off + c->len;

		while (f > 0 && r->after.buf[f - 1] != '\n')
			f--;
		while (t < r->after.len && r->after.buf[t] != '\n')
			t++;
		if (t < r->after.len)
			t++;
		strbuf_splice(&r->after, f, t - f, "", 0);
	}
	free(cut);
	free(drop);
	ctok_list_release(&cb);
	ctok_list_release(&ca);
	skv_release(&v);
}

/* Each changed call that now passes 80 columns, re-filled (layout.h). */
static void refill(struct file_result *r)
{
	struct skv v;
	size_t j;

	if (!skv_run(&v, &r->before, &r->after))
		for (j = v.nr_mk; j-- > 0;)
			if (v.mk[j].changed)
				layout_refill(&r->after, &v.at,
					      v.mk[j].a_ident + 1, 0);
	skv_release(&v);
}

void skchange_finish(struct file_result *r)
{
	/*
	 * A file given to spatch alone is written with -o, which spatch
	 * 1.1 refuses (status 255) when the rule changes nothing: for this
	 * rule a common end (an untied sk_change_net()), not a failure.
	 */
	if (r->failure && strstr(r->failure, "there are no modified files")) {
		free(r->failure);
		r->failure = NULL;
		parse_errors_release(&r->perr);
		r->needs_spatch = 0;
	}
	if (!r->needs_spatch || r->failure) {
		strbuf_reset(&r->after);
		strbuf_addbuf(&r->after, &r->before);
		return;
	}
	restore_file_end(&r->after, &r->before);
	r->changed_by_spatch = !strbuf_equal(&r->after, &r->before);
	if (!r->changed_by_spatch)
		return;
	drop_comments(r);
	refill(r);
}

/*----------------------------------------------------------------------
 * Account
 */

static const char *kind_reason(const struct site *s)
{
	switch (s->kind) {
	case SITE_DECL:
	case SITE_DEF:
		return "a declaration: it goes once no caller is left "
		       "(Linux 4.2 removed it)";
	case SITE_MACRO:
		return "a macro of that name: convert by hand";
	default:
		return "not a call: convert by hand";
	}
}

static void record(struct ledger *l, const char *path, const struct site *s,
		   const char *fn, const char *outcome, char *detail)
{
	ledger_add_cleanup(l, path, s, fn, outcome, detail);
}

/*
 * The reason for an sk_change_net(A, B) left after the call that made
 * A's socket (the nearest before it in the function) when that call
 * already passes a namespace of its own, neither &init_net nor B: NULL
 * when there is no such call.
 */
static char *disagrees(const struct skv *v, const struct stmt *t)
{
	const struct mk *m = NULL;
	size_t j;

	for (j = 0; j < v->nr_mk; j++)
		if (v->mk[j].s->tok < t->s->tok &&
		    same_function(v->mk[j].s, t->s) &&
		    tied_socket(v, &v->mk[j], t))
			m = &v->mk[j];
	if (!m || m->nargs != 5 ||
	    (m->last0 == m->first0 + 1 && is(v->b, &v->bt, m->first0, "&") &&
	     is(v->b, &v->bt, m->first0 + 1, "init_net")) ||
	    range_eq(v->b, &v->bt, m->first0, m->last0, v->b, &v->bt, t->bf,
		     t->bl))
		return NULL;
	return xstrfmt("the sock_create_kern() call at line %u that made "
		       "its socket passes %.*s, and sk_change_net() moves it "
		       "to %.*s: the two disagree; choose the namespace "
		       "the socket belongs in, pass it to the call and "
		       "remove the sk_change_net(), by hand",
		       m->s->line,
		       (int)(v->bt.v[m->last0].off + v->bt.v[m->last0].len -
			     v->bt.v[m->first0].off),
		       v->b + v->bt.v[m->first0].off,
		       (int)(v->bt.v[t->bl].off + v->bt.v[t->bl].len -
			     v->bt.v[t->bf].off),
		       v->b + v->bt.v[t->bf].off);
}

int skchange_account(struct file_result *r, struct ledger *l)
{
	struct skv v;
	const char *why = r->failure;
	char *refused = NULL;
	size_t i, j, folds = 0;
	char *other;
	int bad;

	if (!why && !strbuf_equal(&r->after, &r->before))
		why = refused = skchange_verify(&r->before, &r->after);
	bad = !!why;
	if (bad) {
		strbuf_reset(&r->after);
		strbuf_addbuf(&r->after, &r->before);
	}
	/* The plan of the accepted text (of nothing, when refused). */
	skv_run(&v, &r->before, &r->after);
	for (j = 0; j < v.nr_st; j++)
		folds += v.st[j].removed;
	/* In the file's order: both lists are. */
	for (i = 0, j = 0; i < v.chs.nr || j < v.rels.nr;) {
		int change = j >= v.rels.nr ||
			     (i < v.chs.nr && v.chs.v[i].tok < v.rels.v[j].tok);
		const struct site *s = change ? &v.chs.v[i++] : &v.rels.v[j++];
		const char *fn = change ? CHANGE : RELEASE;
		struct stmt *t = change ? v.by_tok[s->tok].st : NULL;
		struct rel *rl = change ? NULL : v.by_tok[s->tok].rl;
		const char *path = r->file->rel;

		if (t && t->removed) {
			const struct mk *m = t->by;

			record(l, path, s, fn, "folded",
			       xstrfmt(m->kept ?
					       "removed: the sock_create_kern() "
					       "call at line %u already passes "
					       "%.*s" :
					       "folded into the sock_create_kern() "
					       "call at line %u, which passes %.*s",
				       m->s->line,
				       (int)(v.at.v[m->xl].off +
					     v.at.v[m->xl].len -
					     v.at.v[m->xf].off),
				       v.a + v.at.v[m->xf].off));
		} else if (rl && rl->released) {
			record(l, path, s, fn, "released",
			       xstrfmt("now sock_release(%.*s)",
				       (int)(v.bt.v[rl->el].off +
					     v.bt.v[rl->el].len -
					     v.bt.v[rl->ef].off),
				       v.b + v.bt.v[rl->ef].off));
		} else if (bad) {
			record(l, path, s, fn, "left", xstrdup(why));
		} else if (s->kind != SITE_CALL) {
			record(l, path, s, fn, "left", xstrdup(kind_reason(s)));
		} else if (s->manual[0]) {
			record(l, path, s, fn, "left", xstrdup(s->manual));
		} else if (s->flags & CTOK_IN_DEFINE) {
			record(l, path, s, fn, "left",
			       xstrdup("in a macro: convert by hand"));
		} else if (change && t && (other = disagrees(&v, t))) {
			record(l, path, s, fn, "left", other);
		} else if (change) {
			record(l, path, s, fn, "left",
			       xstrdup("not tied to a sock_create_kern() call "
				       "in the same function: pass the "
				       "namespace to the call that made the "
				       "socket, by hand"));
		} else if (!rl) {
			record(l, path, s, fn, "left",
			       xstrdup("on a bare struct sock *: by hand, "
				       "if (sk) sock_release(sk->sk_socket) "
				       "(sk_release_kernel() accepted a NULL "
				       "sk)"));
		} else if (!folds) {
			record(l, path, s, fn, "left",
			       xstrdup("no sk_change_net() folded in this "
				       "file: convert it with its "
				       "sk_change_net(), by hand"));
		} else {
			record(l, path, s, fn, "left",
			       xstrdup("left by spatch: convert by hand"));
		}
	}
	skv_release(&v);
	r->changed = !strbuf_equal(&r->after, &r->before);
	if (r->changed)
		l->files_changed++;
	if (!refused)
		return 0;
	free(r->failure);
	r->failure = refused;
	return 1;
}
