// SPDX-License-Identifier: GPL-2.0-only
#include "infer.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ctoken.h"
#include "form.h"
#include "layout.h"
#include "scope.h"
#include "sites.h"
#include "strbuf.h"
#include "util.h"

/* One header of the run: read once, whatever includes it. */
struct infer_header {
	char *rel; /* from the root */
	int found; /* read; else missing (or too big) */
	struct cdecls d;
	size_t *inc; /* its includes resolved: header indices */
	size_t nr_inc, alloc_inc;
	char **missing; /* its includes not found, as written */
	size_t nr_missing, alloc_missing;
	int resolved; /* inc and missing are filled */
	unsigned stamp;
};

static size_t hash_str(const char *s)
{
	size_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

void infer_init(struct infer *inf, const char *root, int wrap_one_line)
{
	memset(inf, 0, sizeof(*inf));
	inf->root = xstrdup(root ? root : ".");
	inf->wrap_one_line = wrap_one_line;
	inf->nr_slots = 1024;
	inf->slots = xcalloc(inf->nr_slots, sizeof(*inf->slots));
}

void infer_release(struct infer *inf)
{
	size_t i, j;

	for (i = 0; i < inf->nr; i++) {
		free(inf->h[i].rel);
		cdecls_release(&inf->h[i].d);
		free(inf->h[i].inc);
		for (j = 0; j < inf->h[i].nr_missing; j++)
			free(inf->h[i].missing[j]);
		free(inf->h[i].missing);
	}
	free(inf->h);
	free(inf->slots);
	free(inf->root);
	memset(inf, 0, sizeof(*inf));
}

static size_t *slot_of(struct infer *inf, const char *rel)
{
	size_t i = hash_str(rel) & (inf->nr_slots - 1);

	while (inf->slots[i] && strcmp(inf->h[inf->slots[i] - 1].rel, rel))
		i = (i + 1) & (inf->nr_slots - 1);
	return &inf->slots[i];
}

static void grow_slots(struct infer *inf)
{
	size_t i;

	if (2 * (inf->nr + 1) < inf->nr_slots)
		return;
	free(inf->slots);
	inf->nr_slots *= 2;
	inf->slots = xcalloc(inf->nr_slots, sizeof(*inf->slots));
	for (i = 0; i < inf->nr; i++)
		*slot_of(inf, inf->h[i].rel) = i + 1;
}

/* "a/b/../c/./d.h" -> "a/c/d.h"; NULL when it climbs above the root. */
static char *normalize(const char *path)
{
	char *out = xmalloc(strlen(path) + 1), *o = out;
	const char *p = path;

	while (*p) {
		const char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);

		if (n == 2 && p[0] == '.' && p[1] == '.') {
			if (o == out) {
				free(out);
				return NULL;
			}
			o--;
			while (o > out && o[-1] != '/')
				o--;
		} else if (n && !(n == 1 && p[0] == '.')) {
			memcpy(o, p, n);
			o += n;
			*o++ = '/';
		}
		p += n + (e ? 1 : 0);
	}
	if (o > out)
		o--;
	*o = '\0';
	return out;
}

/* The header rel: read and declared once; its index, or -1. */
static long header(struct infer *inf, const char *rel)
{
	size_t *slot = slot_of(inf, rel);
	struct infer_header *h;
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	struct ctok_list toks = { 0 };
	struct stat st;

	if (*slot)
		return inf->h[*slot - 1].found ? (long)*slot - 1 : -1;
	if (inf->nr >= INFER_MAX_HEADERS) {
		inf->capped = 1;
		return -1;
	}
	grow_slots(inf);
	slot = slot_of(inf, rel);
	ALLOC_GROW(inf->h, inf->nr + 1, inf->alloc);
	h = &inf->h[inf->nr];
	memset(h, 0, sizeof(*h));
	h->rel = xstrdup(rel);
	*slot = ++inf->nr;
	strbuf_addf(&path, "%s/%s", inf->root, rel);
	if (!stat(path.buf, &st) && S_ISREG(st.st_mode) &&
	    (size_t)st.st_size <= INFER_MAX_HEADER_SIZE &&
	    strbuf_read_file(&text, path.buf, (size_t)st.st_size) >= 0) {
		h->found = 1;
		ctok_scan(text.buf, text.len, &toks);
		cdecls_scan(text.buf, &toks, &h->d);
		ctok_list_release(&toks);
	}
	strbuf_release(&path);
	strbuf_release(&text);
	return h->found ? (long)(h - inf->h) : -1;
}

static int is_dir(const char *root, const char *rel)
{
	struct strbuf p = STRBUF_INIT;
	struct stat st;
	int ok;

	strbuf_addf(&p, "%s/%s", root, rel);
	ok = !stat(p.buf, &st) && S_ISDIR(st.st_mode);
	strbuf_release(&p);
	return ok;
}

/* The directory part of rel ("" for a file at the root). */
static char *dir_of(const char *rel)
{
	const char *slash = strrchr(rel, '/');

	return slash ? xstrndup(rel, (size_t)(slash - rel)) : xstrdup("");
}

static char *join(const char *dir, const char *name)
{
	char *both = *dir ? xstrfmt("%s/%s", dir, name) : xstrdup(name);
	char *n = normalize(both);

	free(both);
	return n;
}

/* One #include of a file in dir: the header's index, or -1. */
static long resolve(struct infer *inf, const char *base, const char *dir,
		    const struct cinclude *inc)
{
	const char *const angle[] = { "include", "include/uapi", NULL };
	char *rel, *sub;
	long idx = -1;
	size_t i;

	if (!inc->angle) {
		rel = join(dir, inc->name);
		if (rel)
			idx = header(inf, rel);
		free(rel);
		if (idx >= 0)
			return idx;
	}
	for (i = 0; angle[i] && idx < 0; i++) {
		sub = join(base, angle[i]);
		rel = sub ? join(sub, inc->name) : NULL;
		if (rel)
			idx = header(inf, rel);
		free(rel);
		free(sub);
	}
	return idx;
}

/* The includes of header i, resolved (once per run). */
static void resolve_header(struct infer *inf, size_t i, const char *base)
{
	char *dir;
	size_t j;

	if (inf->h[i].resolved)
		return;
	inf->h[i].resolved = 1;
	dir = dir_of(inf->h[i].rel);
	for (j = 0; j < inf->h[i].d.nr_inc; j++) {
		struct cinclude inc = inf->h[i].d.inc[j];
		long idx = resolve(inf, base, dir, &inc);

		/* inf->h may have moved: index again */
		if (idx >= 0) {
			ALLOC_GROW(inf->h[i].inc, inf->h[i].nr_inc + 1,
				   inf->h[i].alloc_inc);
			inf->h[i].inc[inf->h[i].nr_inc++] = (size_t)idx;
		} else {
			ALLOC_GROW(inf->h[i].missing, inf->h[i].nr_missing + 1,
				   inf->h[i].alloc_missing);
			inf->h[i].missing[inf->h[i].nr_missing++] =
				xstrdup(inc.name);
		}
	}
	free(dir);
}

/* What one file sees: its own declarations, then its include closure. */
struct view {
	const char *path; /* the file's, from the root */
	const struct cdecls *own;
	size_t *hdr; /* header indices, breadth first */
	size_t nr_hdr;
	char **missing; /* "name (from file)": includes not found */
	size_t nr_missing, alloc_missing;
	const struct infer *inf;
};

/*
 * Where the file's <...> includes are looked up: the nearest directory
 * at or above the file's that has include/ (the tree's top), else the
 * root.
 */
static char *include_base(const struct infer *inf, const char *rel)
{
	char *dir = dir_of(rel), *slash;

	for (;;) {
		char *inc = *dir ? xstrfmt("%s/include", dir) :
				   xstrdup("include");
		int yes = is_dir(inf->root, inc);

		free(inc);
		if (yes || !*dir)
			return dir;
		slash = strrchr(dir, '/');
		if (slash)
			*slash = '\0';
		else
			*dir = '\0';
	}
}

static void add_missing(struct view *v, const char *name, const char *from)
{
	/*
	 * arch and generated headers: said once, in infer.h; a uapi header's
	 * includes of the C library are for user space.
	 */
	if (!strncmp(name, "asm/", 4) || !strncmp(name, "generated/", 10) ||
	    strstr(from, "include/uapi/"))
		return;
	ALLOC_GROW(v->missing, v->nr_missing + 1, v->alloc_missing);
	v->missing[v->nr_missing++] =
		xstrfmt("%s (included by %s)", name, from);
}

static void view_build(struct infer *inf, struct view *v, const char *rel,
		       const struct cdecls *own)
{
	char *base = include_base(inf, rel), *dir = dir_of(rel);
	size_t i, j, alloc = 0;

	memset(v, 0, sizeof(*v));
	v->path = rel;
	v->own = own;
	v->inf = inf;
	inf->stamp++;
	for (i = 0; i < own->nr_inc; i++) {
		long idx = resolve(inf, base, dir, &own->inc[i]);

		if (idx < 0) {
			add_missing(v, own->inc[i].name, rel);
			continue;
		}
		if (inf->h[idx].stamp == inf->stamp)
			continue;
		inf->h[idx].stamp = inf->stamp;
		ALLOC_GROW(v->hdr, v->nr_hdr + 1, alloc);
		v->hdr[v->nr_hdr++] = (size_t)idx;
	}
	for (i = 0; i < v->nr_hdr; i++) {
		size_t h = v->hdr[i];

		resolve_header(inf, h, base);
		for (j = 0; j < inf->h[h].nr_missing; j++)
			add_missing(v, inf->h[h].missing[j], inf->h[h].rel);
		for (j = 0; j < inf->h[h].nr_inc; j++) {
			size_t k = inf->h[h].inc[j];

			if (inf->h[k].stamp == inf->stamp)
				continue;
			inf->h[k].stamp = inf->stamp;
			ALLOC_GROW(v->hdr, v->nr_hdr + 1, alloc);
			v->hdr[v->nr_hdr++] = k;
		}
	}
	free(base);
	free(dir);
}

static void view_release(struct view *v)
{
	size_t i;

	for (i = 0; i < v->nr_missing; i++)
		free(v->missing[i]);
	free(v->missing);
	free(v->hdr);
}

/* The declarations of the n-th place of the view: 0 the file itself. */
static const struct cdecls *view_decls(const struct view *v, size_t n,
				       const char **path)
{
	if (!n) {
		*path = v->path;
		return v->own;
	}
	*path = v->inf->h[v->hdr[n - 1]].rel;
	return &v->inf->h[v->hdr[n - 1]].d;
}

/* The first definition of struct tag the view has. */
static const struct cstruct *find_struct(const struct view *v, const char *type,
					 const char **path)
{
	size_t n, i;

	if (strncmp(type, "struct ", 7))
		return NULL;
	for (n = 0; n <= v->nr_hdr; n++) {
		const struct cdecls *d = view_decls(v, n, path);

		for (i = 0; i < d->nr_s; i++)
			if (!strcmp(d->s[i].tag, type + 7))
				return &d->s[i];
	}
	return NULL;
}

/* Candidates of one rank, each expression once. */
struct cand {
	char *expr;
	char *evidence;
	int tier; /* rank 3: 0 net * field, 1 possible_net_t, +2 through a pointer */
};

struct cands {
	struct cand *v;
	size_t nr, alloc;
};

static void add_cand(struct cands *c, char *expr, char *evidence, int tier)
{
	size_t i;

	for (i = 0; i < c->nr; i++)
		if (!strcmp(c->v[i].expr, expr)) {
			free(expr);
			free(evidence);
			return;
		}
	ALLOC_GROW(c->v, c->nr + 1, c->alloc);
	c->v[c->nr].expr = expr;
	c->v[c->nr].evidence = evidence;
	c->v[c->nr].tier = tier;
	c->nr++;
}

static void cands_release(struct cands *c)
{
	size_t i;

	for (i = 0; i < c->nr; i++) {
		free(c->v[i].expr);
		free(c->v[i].evidence);
	}
	free(c->v);
	memset(c, 0, sizeof(*c));
}

static const char *stars(int depth)
{
	static const char s[] = "****";

	return s + 4 - (depth < 0 ? 0 : depth > 4 ? 4 : depth);
}

/* "path:line: struct foo *x, a parameter of f()" */
static char *var_evidence(const char *path, const struct scope *sc,
			  const struct cvar *x)
{
	return xstrfmt("%s:%u: %s %s%s, a %s of %s()", path, x->line, x->type,
		       stars(x->depth), x->name,
		       x->param ? "parameter" : "local", sc->func);
}

/* What a call creates and where it stands. */
struct call {
	const struct site *s;
	struct scope sc;
	char result[SCOPE_NAME_MAX]; /* V of &V, or V of type struct socket ** */
	int result_pp; /* V is a struct socket ** */
};

/* A parameter or local that may stand for an object at the call. */
static int usable(const struct call *c, const struct cvar *x)
{
	return x->set && !x->array && strcmp(x->name, c->result);
}

static int rank1(const char *buf, const struct ctok_list *toks,
		 const struct call *c, const char *path, struct cands *out)
{
	size_t i,
		end = c->sc.body_close < toks->nr ? c->sc.body_close : toks->nr;
	char *sk, *after;

	if (!c->result[0])
		return 0;
	sk = c->result_pp ? xstrfmt("(*%s)->sk", c->result) :
			    xstrfmt("%s->sk", c->result);
	after = scope_tokens_text(buf, toks, c->s->close + 1, end - 1);
	for (i = c->s->close + 1; i < end; i++) {
		size_t commas[2], close;
		char *a, *x, *assign;
		const char *hit;
		int ok;

		if (toks->v[i].kind != CTOK_IDENT ||
		    !ctok_is(buf, &toks->v[i], "sk_change_net") ||
		    i + 1 >= end || toks->v[i + 1].kind != CTOK_PUNCT ||
		    !ctok_is(buf, &toks->v[i + 1], "(") ||
		    ctok_args(buf, toks, i + 1, commas, 2) != 2)
			continue;
		close = ctok_match(buf, toks, i + 1);
		a = scope_tokens_text(buf, toks, i + 2, commas[0] - 1);
		ok = !strcmp(a, sk);
		if (!ok) {
			/* "*P = V->sk;" (or "P = ...") before it */
			assign = xstrfmt("%s=%s;", a, sk);
			hit = strstr(after, assign);
			ok = hit && (hit == after ||
				     !(hit[-1] == '_' ||
				       (hit[-1] >= 'a' && hit[-1] <= 'z') ||
				       (hit[-1] >= 'A' && hit[-1] <= 'Z') ||
				       (hit[-1] >= '0' && hit[-1] <= '9')));
			free(assign);
		}
		if (ok) {
			size_t from = toks->v[commas[0] + 1].off,
			       to = toks->v[close - 1].off +
				    toks->v[close - 1].len;

			x = xstrndup(buf + from, to - from);
			add_cand(out, x,
				 xstrfmt("%s:%u: sk_change_net(%s, %s) after "
					 "the call",
					 path, toks->v[i].line, a, x),
				 0);
		}
		free(a);
	}
	free(sk);
	free(after);
	return out->nr > 0;
}

static int rank2(const struct call *c, const char *path, struct cands *out)
{
	size_t i;

	for (i = 0; i < c->sc.nr; i++) {
		const struct cvar *x = &c->sc.v[i];

		if (usable(c, x) && x->depth == 1 &&
		    !strcmp(x->type, "struct net"))
			add_cand(out, xstrdup(x->name),
				 var_evidence(path, &c->sc, x), 0);
	}
	return out->nr > 0;
}

/*
 * The accessor of the view whose whole body reads field f (pnet: a
 * possible_net_t) of the struct type it takes, or NULL.
 */
static const struct caccessor *accessor_for(const struct view *v,
					    const char *type, const char *f,
					    int pnet, const char **path)
{
	size_t n, i;

	for (n = 0; n <= v->nr_hdr; n++) {
		const struct cdecls *d = view_decls(v, n, path);

		for (i = 0; i < d->nr_a; i++) {
			const struct caccessor *a = &d->a[i];
			char *want;
			int same;

			if (!a->body || strcmp(a->ptype, type) || !a->param[0])
				continue;
			want = pnet ? xstrfmt("read_pnet(&%s->%s)", a->param,
					      f) :
				      xstrfmt("%s->%s", a->param, f);
			same = !strcmp(want, a->body);
			free(want);
			if (same)
				return a;
		}
	}
	return NULL;
}

/* The namespace fields of the struct obj points to (its type). */
static void fields_of(const struct view *v, const char *obj, const char *type,
		      const char *ev, int level, struct cands *out)
{
	const char *spath, *apath;
	const struct cstruct *st = find_struct(v, type, &spath);
	size_t i;

	if (!st)
		return;
	for (i = 0; i < st->nr; i++) {
		const struct cvar *f = &st->f[i];
		const struct caccessor *a;
		int pnet;
		char *expr, *evidence;

		if (f->array)
			continue;
		if (f->depth == 1 && !strcmp(f->type, "struct net"))
			pnet = 0;
		else if (!f->depth && !strcmp(f->type, "possible_net_t"))
			pnet = 1;
		else
			continue;
		evidence = xstrfmt("%s; %s:%u: %s %s%s in %s", ev, spath,
				   f->line, f->type, stars(f->depth), f->name,
				   type);
		a = accessor_for(v, type, f->name, pnet, &apath);
		if (a) {
			char *more = xstrfmt("%s; %s:%u: %s() reads it",
					     evidence, apath, a->line, a->name);

			free(evidence);
			evidence = more;
			expr = xstrfmt("%s(%s)", a->name, obj);
		} else {
			expr = pnet ? xstrfmt("read_pnet(&%s->%s)", obj,
					      f->name) :
				      xstrfmt("%s->%s", obj, f->name);
		}
		add_cand(out, expr, evidence, level * 2 + pnet);
	}
}

/* Keep the candidates of the best tier; the others into *later. */
static void best_tier(struct cands *c, struct strbuf *later)
{
	int best = 99;
	size_t i, kept = 0;

	for (i = 0; i < c->nr; i++)
		if (c->v[i].tier < best)
			best = c->v[i].tier;
	for (i = 0; i < c->nr; i++) {
		if (c->v[i].tier == best) {
			c->v[kept++] = c->v[i];
			continue;
		}
		strbuf_addf(later, "%s%s", later->len ? ", " : "",
			    c->v[i].expr);
		free(c->v[i].expr);
		free(c->v[i].evidence);
	}
	c->nr = kept;
}

static int rank3(const struct view *v, const struct call *c, const char *path,
		 struct strbuf *later, struct cands *out)
{
	size_t i, j;

	for (i = 0; i < c->sc.nr; i++) {
		const struct cvar *x = &c->sc.v[i];
		char *ev;

		if (!usable(c, x) || x->depth != 1)
			continue;
		ev = var_evidence(path, &c->sc, x);
		fields_of(v, x->name, x->type, ev, 0, out);
		free(ev);
	}
	for (i = 0; !out->nr && i < c->sc.nr; i++) {
		const struct cvar *x = &c->sc.v[i];
		const struct cstruct *st;
		const char *spath;

		if (!usable(c, x) || x->depth != 1)
			continue;
		st = find_struct(v, x->type, &spath);
		for (j = 0; st && j < st->nr; j++) {
			const struct cvar *g = &st->f[j];
			char *obj, *ev, *xev;

			if (g->array || g->depth != 1 ||
			    !strcmp(g->type, "struct net"))
				continue;
			obj = xstrfmt("%s->%s", x->name, g->name);
			xev = var_evidence(path, &c->sc, x);
			ev = xstrfmt("%s; %s:%u: %s %s%s in %s", xev, spath,
				     g->line, g->type, stars(g->depth), g->name,
				     x->type);
			fields_of(v, obj, g->type, ev, 1, out);
			free(obj);
			free(ev);
			free(xev);
		}
	}
	best_tier(out, later);
	return out->nr > 0;
}

static int rank4(const struct view *v, const struct call *c, const char *path,
		 struct cands *out)
{
	size_t i, n, k;

	for (i = 0; i < c->sc.nr; i++) {
		const struct cvar *x = &c->sc.v[i];

		if (!usable(c, x) || x->depth != 1)
			continue;
		for (n = 0; n <= v->nr_hdr; n++) {
			const char *apath;
			const struct cdecls *d = view_decls(v, n, &apath);

			for (k = 0; k < d->nr_a; k++) {
				const struct caccessor *a = &d->a[k];
				char *xev;

				if (strcmp(a->ptype, x->type) ||
				    !strcmp(a->name, c->sc.func))
					continue;
				xev = var_evidence(path, &c->sc, x);
				add_cand(out,
					 xstrfmt("%s(%s)", a->name, x->name),
					 xstrfmt("%s; %s:%u: struct net "
						 "*%s(%s *)",
						 xev, apath, a->line, a->name,
						 a->ptype),
					 0);
				free(xev);
			}
		}
	}
	return out->nr > 0;
}

static const char consider[] =
	"consider: when the socket serves something a user started (a mount, "
	"a connection), capture the caller's namespace at setup "
	"(get_net(current->nsproxy->net_ns)) and release it with put_net()";

static void init_net_choice(struct ns_choice *ch, const char *why,
			    const struct view *v)
{
	struct strbuf sb = STRBUF_INIT;

	ch->expr = xstrdup("&init_net");
	ch->rank = 5;
	strbuf_addstr(&sb, why);
	if (v && v->nr_missing)
		strbuf_addf(&sb, " (%zu %s not found, e.g. %s)", v->nr_missing,
			    v->nr_missing == 1 ? "header" : "headers",
			    v->missing[0]);
	strbuf_addf(&sb, "; %s", consider);
	ch->reason = strbuf_detach(&sb, NULL);
}

/* The choice for one call, from the ranks in order. */
static void choose(const struct view *v, const char *buf,
		   const struct ctok_list *toks, struct call *c,
		   struct ns_choice *ch)
{
	struct cands cs = { 0 };
	struct strbuf later = STRBUF_INIT;
	int rank = 0;
	size_t i;

	if (rank1(buf, toks, c, v->path, &cs))
		rank = 1;
	else if (rank2(c, v->path, &cs))
		rank = 2;
	else if (rank3(v, c, v->path, &later, &cs))
		rank = 3;
	else if (rank4(v, c, v->path, &cs))
		rank = 4;
	if (!rank) {
		init_net_choice(ch,
				"no namespace in scope: no sk_change_net() on "
				"the socket, no struct net * parameter or "
				"local, no field or accessor reaching one",
				v);
	} else if (cs.nr == 1) {
		ch->expr = cs.v[0].expr;
		ch->rank = rank;
		if (later.len)
			ch->evidence = xstrfmt("%s; before %s (possible_net_t "
					       "or through a pointer: put "
					       "after)",
					       cs.v[0].evidence, later.buf);
		else
			ch->evidence = xstrdup(cs.v[0].evidence);
		cs.v[0].expr = NULL;
	} else {
		struct strbuf why = STRBUF_INIT;

		strbuf_addf(&why,
			    "%zu candidates of rank %d, not resolved: ", cs.nr,
			    rank);
		ch->candidates = xcalloc(cs.nr, sizeof(*ch->candidates));
		for (i = 0; i < cs.nr; i++) {
			ch->candidates[i] = xstrfmt("%s (%s)", cs.v[i].expr,
						    cs.v[i].evidence);
			strbuf_addf(&why, "%s%s", i ? " or " : "",
				    ch->candidates[i]);
		}
		ch->nr_candidates = cs.nr;
		strbuf_addstr(&why, "; pick one by hand");
		init_net_choice(ch, why.buf, NULL);
		strbuf_release(&why);
	}
	cands_release(&cs);
	strbuf_release(&later);
}

/* The result argument of the old-form call: &V or a struct socket **V. */
static void result_arg(const char *buf, const struct ctok_list *toks,
		       struct call *c)
{
	size_t commas[8];
	int n = ctok_args(buf, toks, c->s->open, commas, 8);
	size_t first, i;

	c->result[0] = '\0';
	if (n < 1)
		return;
	first = n > 1 ? commas[n - 2] + 1 : c->s->open + 1;
	if (first + 1 == c->s->close && toks->v[first].kind == CTOK_IDENT) {
		for (i = 0; i < c->sc.nr; i++)
			if (ctok_is(buf, &toks->v[first], c->sc.v[i].name) &&
			    c->sc.v[i].depth == 2 &&
			    !strcmp(c->sc.v[i].type, "struct socket"))
				c->result_pp = 1;
	} else if (first + 2 != c->s->close ||
		   !ctok_is(buf, &toks->v[first], "&") ||
		   toks->v[first + 1].kind != CTOK_IDENT) {
		return;
	} else {
		first++;
	}
	if (toks->v[first].len < SCOPE_NAME_MAX) {
		memcpy(c->result, buf + toks->v[first].off, toks->v[first].len);
		c->result[toks->v[first].len] = '\0';
	}
}

/* Byte offsets of the start of the line of off, and past its end. */
static size_t line_start(const struct strbuf *t, size_t off)
{
	while (off > 0 && t->buf[off - 1] != '\n')
		off--;
	return off;
}

static size_t line_end(const struct strbuf *t, size_t off)
{
	while (off < t->len && t->buf[off] != '\n')
		off++;
	return off < t->len ? off + 1 : off;
}

/* The call s of before with expr added, laid out: its lines. */
static char *lines_with(const struct infer *inf, const struct strbuf *before,
			const struct site *s, const char *expr)
{
	struct strbuf text = STRBUF_INIT;
	struct ctok_list toks = { 0 };
	size_t from, to, close;
	char *out;

	strbuf_addbuf(&text, before);
	ctok_scan(text.buf, text.len, &toks);
	form_insert_arg_as(&text, &toks, s, expr);
	ctok_list_release(&toks);
	ctok_scan(text.buf, text.len, &toks);
	layout_refill(&text, &toks, s->open, inf->wrap_one_line);
	ctok_list_release(&toks);
	ctok_scan(text.buf, text.len, &toks);
	close = ctok_match(text.buf, &toks, s->open);
	from = line_start(&text, toks.v[s->tok].off);
	to = close < toks.nr ? line_end(&text, toks.v[close].off) : text.len;
	out = xstrndup(text.buf + from, to - from);
	ctok_list_release(&toks);
	strbuf_release(&text);
	return out;
}

/*
 * new is old with the tokens [first, last] of old replaced by the tokens
 * of expr, and the same comments.
 */
static int only_replaced(const struct strbuf *old, const struct ctok_list *ot,
			 size_t first, size_t last, const char *expr,
			 const struct strbuf *new)
{
	struct ctok_list nt = { 0 }, et = { 0 }, oc = { 0 }, nc = { 0 };
	size_t i, k = last - first + 1;
	int ok;

	ctok_scan(new->buf, new->len, &nt);
	ctok_scan(expr, strlen(expr), &et);
	ok = nt.nr + k == ot->nr + et.nr;
	for (i = 0; ok && i < nt.nr; i++) {
		const char *nb = new->buf + nt.v[i].off;
		const struct ctok *o;
		const char *ob;

		if (i < first) {
			o = &ot->v[i];
			ob = old->buf;
		} else if (i < first + et.nr) {
			o = &et.v[i - first];
			ob = expr;
		} else {
			o = &ot->v[i - et.nr + k];
			ob = old->buf;
		}
		ok = o->len == nt.v[i].len && !memcmp(ob + o->off, nb, o->len);
	}
	ctok_scan_comments(old->buf, old->len, &oc);
	ctok_scan_comments(new->buf, new->len, &nc);
	ok = ok && oc.nr == nc.nr;
	for (i = 0; ok && i < oc.nr; i++)
		ok = oc.v[i].len == nc.v[i].len &&
		     !memcmp(old->buf + oc.v[i].off, new->buf + nc.v[i].off,
			     oc.v[i].len);
	ctok_list_release(&nt);
	ctok_list_release(&et);
	ctok_list_release(&oc);
	ctok_list_release(&nc);
	return ok;
}

/* Other converted calls on the lines of call i: it shares them. */
static int shares_lines(const struct file_result *r, const struct cocci *rule,
			size_t i, const struct ctok_list *bt)
{
	const struct site *s = &r->sites.v[i];
	unsigned first = s->line, last = bt->v[s->close].line;
	size_t j;

	for (j = 0; j < r->sites.nr; j++) {
		const struct site *o = &r->sites.v[j];

		if (j == i || o->close >= bt->nr)
			continue;
		if (o->line <= last && bt->v[o->close].line >= first &&
		    form_converted(rule, o, &r->after_sites.v[j]))
			return 1;
	}
	return 0;
}

/* Put expr in place of the added argument of call i of r->after. */
static int apply(const struct infer *inf, const struct cocci *rule,
		 struct file_result *r, size_t i, const char *expr)
{
	struct ctok_list at = { 0 }, arg = { 0 };
	const struct site *a = &r->after_sites.v[i];
	struct strbuf next = STRBUF_INIT;
	size_t from, to, k, last;
	char *lines;
	int ok = 0;

	ctok_scan(r->after.buf, r->after.len, &at);
	ctok_scan(rule->new_arg, strlen(rule->new_arg), &arg);
	last = a->open + arg.nr;
	if (last >= at.nr)
		goto out;
	for (k = 0; k < arg.nr; k++)
		if (at.v[a->open + 1 + k].len != arg.v[k].len ||
		    memcmp(r->after.buf + at.v[a->open + 1 + k].off,
			   rule->new_arg + arg.v[k].off, arg.v[k].len))
			goto out;
	lines = lines_with(inf, &r->before, &r->sites.v[i], expr);
	from = line_start(&r->after, at.v[a->tok].off);
	to = a->close < at.nr ? line_end(&r->after, at.v[a->close].off) :
				r->after.len;
	strbuf_add(&next, r->after.buf, from);
	strbuf_addstr(&next, lines);
	strbuf_add(&next, r->after.buf + to, r->after.len - to);
	free(lines);
	ok = only_replaced(&r->after, &at, a->open + 1, last, expr, &next);
	if (ok)
		strbuf_swap(&r->after, &next);
out:
	strbuf_release(&next);
	ctok_list_release(&at);
	ctok_list_release(&arg);
	return ok;
}

struct ns_choice *infer_file(struct infer *inf, const struct cocci *rule,
			     struct file_result *r)
{
	struct ctok_list bt = { 0 }, at = { 0 };
	struct cdecls own = { 0 };
	struct view v;
	struct ns_choice *out = NULL;
	size_t i;
	int changed = 0;

	if (r->failure || !rule->new_arg ||
	    strcmp(rule->new_arg, "&init_net") ||
	    r->after_sites.nr != r->sites.nr)
		return NULL;
	for (i = 0; i < r->sites.nr; i++)
		if (r->sites.v[i].kind == SITE_CALL &&
		    form_converted_call(rule, &r->sites.v[i],
					&r->after_sites.v[i]))
			break;
	if (i == r->sites.nr)
		return NULL;
	ctok_scan(r->before.buf, r->before.len, &bt);
	cdecls_scan(r->before.buf, &bt, &own);
	view_build(inf, &v, r->file->rel, &own);
	out = xcalloc(r->sites.nr, sizeof(*out));
	/* Backwards: an edit leaves the offsets before it as they were. */
	for (i = r->sites.nr; i-- > 0;) {
		struct call c = { 0 };
		struct ns_choice *ch = &out[i];

		c.s = &r->sites.v[i];
		if (c.s->kind != SITE_CALL ||
		    !form_converted_call(rule, c.s, &r->after_sites.v[i]))
			continue;
		if (c.s->flags & CTOK_IN_DEFINE) {
			init_net_choice(ch,
					"a call in a macro definition: its "
					"scope is where the macro is used",
					NULL);
			continue;
		}
		if (!scope_at(r->before.buf, &bt, c.s->tok, &c.sc)) {
			init_net_choice(ch, "not inside a function body", NULL);
			continue;
		}
		result_arg(r->before.buf, &bt, &c);
		choose(&v, r->before.buf, &bt, &c, ch);
		scope_release(&c.sc);
		if (!strcmp(ch->expr, "&init_net"))
			continue;
		if (shares_lines(r, rule, i, &bt)) {
			ns_choice_release(ch);
			init_net_choice(ch,
					"another converted call shares its "
					"lines: left as verified",
					NULL);
			continue;
		}
		if (!apply(inf, rule, r, i, ch->expr)) {
			free(r->failure);
			r->failure = xstrfmt(
				"--net=infer: passing %s at line %u would "
				"change more than that argument: refused",
				ch->expr, c.s->line);
			break;
		}
		changed = 1;
	}
	if (changed && !r->failure) {
		site_list_release(&r->after_sites);
		ctok_scan(r->after.buf, r->after.len, &at);
		sites_find(r->after.buf, &at, rule->ident, &r->after_sites);
		ctok_list_release(&at);
	}
	view_release(&v);
	cdecls_release(&own);
	ctok_list_release(&bt);
	return out;
}
