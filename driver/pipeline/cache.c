// SPDX-License-Identifier: GPL-2.0-only
#include "cache.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctoken.h"
#include "sites.h"
#include "util.h"

/* The format of both kinds of values: part of every key. */
#define RESULT_FORMAT "coccidrive result 1"
#define SCAN_FORMAT "coccidrive scan 1"
#define SCAN_NO_IDENT 1u

/* With -v: "coccidrive: cache: ..." on stderr. */
__attribute__((format(printf, 2, 3))) static void
note(const struct run_cache *c, const char *fmt, ...)
{
	va_list ap;

	if (!c->verbose)
		return;
	fputs("coccidrive: cache: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* One part of a key: its hash, so that no two lists of parts run together. */
static void add_part(struct strbuf *key, const void *buf, size_t len)
{
	unsigned char h[CACHESTORE_KEY];

	cachestore_hash(h, buf, len);
	strbuf_add(key, h, sizeof(h));
}

static void add_str(struct strbuf *key, const char *s)
{
	add_part(key, s ? s : "", s ? strlen(s) + 1 : 0);
}

/* A file's bytes; a missing one is empty, one that cannot be read "?". */
static void add_file(struct strbuf *key, const char *path)
{
	struct strbuf sb = STRBUF_INIT;

	if (path && strbuf_read_file(&sb, path, 0) && errno != ENOENT) {
		strbuf_reset(&sb);
		strbuf_addstr(&sb, "?unreadable");
	}
	add_part(key, sb.buf, sb.len);
	strbuf_release(&sb);
}

/* Which program file it is: device, inode, size, mtime. */
static void add_identity(struct strbuf *key, const char *path)
{
	struct stat st;
	struct strbuf sb = STRBUF_INIT;

	if (path && !stat(path, &st))
		strbuf_addf(&sb, "%s %llu %llu %lld %lld.%09ld", path,
			    (unsigned long long)st.st_dev,
			    (unsigned long long)st.st_ino,
			    (long long)st.st_size, (long long)st.st_mtim.tv_sec,
			    st.st_mtim.tv_nsec);
	add_part(key, sb.buf, sb.len);
	strbuf_release(&sb);
}

/* What this program is: a rebuild is another program. */
static void add_program(struct strbuf *key)
{
	add_str(key, COCCIDRIVE_VERSION);
	add_identity(key, "/proc/self/exe");
}

static int cache_dir(struct strbuf *dir)
{
	const char *d = getenv("COCCIDRIVE_CACHE_DIR");

	if (d && *d)
		strbuf_addstr(dir, d);
	else if ((d = getenv("XDG_CACHE_HOME")) && *d == '/')
		strbuf_addf(dir, "%s/coccidrive", d);
	else if ((d = getenv("HOME")) && *d)
		strbuf_addf(dir, "%s/.cache/coccidrive", d);
	else
		return -1;
	strbuf_addstr(dir, "/store-1");
	return 0;
}

static uint64_t cache_limit(const struct run_cache *c)
{
	const char *s = getenv("COCCIDRIVE_CACHE_MAX");
	char *end;
	unsigned long long n;

	if (!s || !*s)
		return CACHESTORE_DEFAULT_LIMIT;
	errno = 0;
	n = strtoull(s, &end, 10);
	if (errno || end == s || *s == '-')
		n = 0;
	else if (*end == 'K' || *end == 'k')
		n <<= 10, end++;
	else if (*end == 'M')
		n <<= 20, end++;
	else if (*end == 'G')
		n <<= 30, end++;
	if (*end || !n) {
		note(c, "COCCIDRIVE_CACHE_MAX=%s is not a size: 256M used", s);
		return CACHESTORE_DEFAULT_LIMIT;
	}
	return n;
}

void cache_open(struct run_cache *c, const struct cocci *rule,
		const struct spatch *sp, const struct cache_opts *o)
{
	struct strbuf dir = STRBUF_INIT, key = STRBUF_INIT, opt = STRBUF_INIT;
	const char *home = getenv("HOME");

	memset(c, 0, sizeof(*c));
	c->verbose = o->verbose;
	strbuf_init(&c->scan_raw, 0);
	if (cache_dir(&dir)) {
		note(c, "%s", "no HOME or COCCIDRIVE_CACHE_DIR: no cache");
		strbuf_init(&c->store.why, 0);
		return;
	}
	if (cachestore_open(&c->store, dir.buf, cache_limit(c))) {
		note(c, "%s: no cache", c->store.why.buf);
		strbuf_release(&dir);
		return;
	}
	note(c, "%s", dir.buf);
	strbuf_release(&dir);
	c->on = 1;
	add_str(&key, RESULT_FORMAT);
	add_program(&key);
	add_file(&key, rule->path);
	add_file(&key, rule->macro_file);
	add_file(&key, o->macro_file);
	if (home && *home) {
		strbuf_addf(&dir, "%s/.cocciconfig", home);
		add_file(&key, dir.buf);
		strbuf_release(&dir);
	}
	add_file(&key, ".cocciconfig");
	add_str(&key, sp->path);
	add_identity(&key, sp->path);
	add_str(&key, sp->version_text);
	strbuf_addf(&opt, "fallback=%d layout=%d", o->fallback_text,
		    o->wrap_one_line);
	add_str(&key, opt.buf);
	cachestore_hash(c->base, key.buf, key.len);
	strbuf_release(&key);
	strbuf_release(&opt);
}

/* --- the result cache ---------------------------------------------- */

static void file_key(const struct run_cache *c, const struct file_result *r,
		     unsigned char out[CACHESTORE_KEY])
{
	struct strbuf key = STRBUF_INIT;
	size_t n = strlen(r->file->rel);

	strbuf_add(&key, c->base, sizeof(c->base));
	add_part(&key, r->before.buf, r->before.len);
	/* transform.c stages a .h as a .h */
	strbuf_addch(&key, n && r->file->rel[n - 1] == 'h' ? 'h' : 'c');
	cachestore_hash(out, key.buf, key.len);
	strbuf_release(&key);
}

static void put_u32(struct strbuf *sb, uint32_t v)
{
	unsigned char b[4] = { (unsigned char)v, (unsigned char)(v >> 8),
			       (unsigned char)(v >> 16),
			       (unsigned char)(v >> 24) };

	strbuf_add(sb, b, 4);
}

static void put_u64(struct strbuf *sb, uint64_t v)
{
	put_u32(sb, (uint32_t)v);
	put_u32(sb, (uint32_t)(v >> 32));
}

/* A reader over a value: any read past its end sets bad. */
struct reader {
	const unsigned char *p, *end;
	int bad;
};

static const void *take(struct reader *rd, size_t n)
{
	const unsigned char *p = rd->p;

	if (rd->bad || (size_t)(rd->end - rd->p) < n) {
		rd->bad = 1;
		return NULL;
	}
	rd->p += n;
	return p;
}

static uint32_t get_u32(struct reader *rd)
{
	const unsigned char *b = take(rd, 4);

	return b ? (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
			       (uint32_t)b[3] << 24 :
		   0;
}

static uint64_t get_u64(struct reader *rd)
{
	uint64_t lo = get_u32(rd);

	return lo | (uint64_t)get_u32(rd) << 32;
}

/*
 * A result: changed_by_spatch, retried, the number of sites, whether
 * first[] and fallback[] follow, the parse errors, then the final text.
 */
static void encode_result(struct strbuf *sb, const struct file_result *r)
{
	size_t i, n = r->sites.nr;

	put_u32(sb, (uint32_t)r->changed_by_spatch);
	put_u32(sb, (uint32_t)r->retried);
	put_u32(sb, (uint32_t)n);
	put_u32(sb, r->first ? 1 : 0);
	if (r->first)
		strbuf_add(sb, r->first, n);
	put_u32(sb, r->fallback ? 1 : 0);
	if (r->fallback)
		strbuf_add(sb, r->fallback, n ? n : 1);
	put_u32(sb, (uint32_t)r->perr.nr);
	for (i = 0; i < r->perr.nr; i++) {
		put_u32(sb, r->perr.v[i].line);
		put_u32(sb, r->perr.v[i].col);
		strbuf_add(sb, r->perr.v[i].around,
			   sizeof(r->perr.v[i].around));
	}
	put_u64(sb, r->after.len);
	strbuf_addbuf(sb, &r->after);
}

static char *take_flags(struct reader *rd, size_t n)
{
	const void *b;
	char *v;

	if (!get_u32(rd))
		return NULL;
	b = take(rd, n ? n : 1);
	if (!b)
		return NULL;
	v = xmalloc(n ? n : 1);
	memcpy(v, b, n ? n : 1);
	return v;
}

/* Into r, as the transform stage would have left it; 0: unusable. */
static int decode_result(const struct cocci *rule, const struct strbuf *v,
			 struct file_result *r)
{
	struct reader rd = { (const unsigned char *)v->buf,
			     (const unsigned char *)v->buf + v->len, 0 };
	uint32_t changed = get_u32(&rd), retried = get_u32(&rd);
	size_t n = get_u32(&rd), i, nperr;
	char *first, *fallback = NULL;
	struct parse_errors pe = { 0 };
	uint64_t len;
	const void *text;
	struct ctok_list toks = { 0 };

	if (rd.bad || n != r->sites.nr)
		return 0;
	first = take_flags(&rd, n);
	if (first && n == 0) {
		free(first); /* first[] is never empty */
		return 0;
	}
	if (!rd.bad)
		fallback = take_flags(&rd, n);
	nperr = get_u32(&rd);
	for (i = 0; !rd.bad && i < nperr; i++) {
		struct parse_error *e;
		const void *around;

		ALLOC_GROW(pe.v, pe.nr + 1, pe.alloc);
		e = &pe.v[pe.nr++];
		e->line = get_u32(&rd);
		e->col = get_u32(&rd);
		around = take(&rd, sizeof(e->around));
		if (around) {
			memcpy(e->around, around, sizeof(e->around));
			e->around[sizeof(e->around) - 1] = '\0';
		}
	}
	len = get_u64(&rd);
	text = take(&rd, len);
	if (rd.bad || rd.p != rd.end) {
		free(first);
		free(fallback);
		parse_errors_release(&pe);
		return 0;
	}
	r->changed_by_spatch = (int)changed;
	r->retried = (int)retried;
	r->first = first;
	r->fallback = fallback;
	r->perr = pe;
	strbuf_reset(&r->after);
	strbuf_add(&r->after, text, (size_t)len);
	ctok_scan(r->after.buf, r->after.len, &toks);
	sites_find(r->after.buf, &toks, rule->ident, &r->after_sites);
	ctok_list_release(&toks);
	return 1;
}

void cache_take_hits(struct run_cache *c, const struct cocci *rule,
		     struct file_results *files)
{
	struct file_result *misses;
	size_t i, n = 0;
	struct strbuf v = STRBUF_INIT;

	c->all = files->v;
	c->all_nr = files->nr;
	c->all_alloc = files->alloc;
	misses = xcalloc(files->nr ? files->nr : 1, sizeof(*misses));
	c->miss_at = xcalloc(files->nr ? files->nr : 1, sizeof(*c->miss_at));
	for (i = 0; i < files->nr; i++) {
		struct file_result *r = &files->v[i];
		unsigned char key[CACHESTORE_KEY];

		if (c->on && r->needs_spatch) {
			file_key(c, r, key);
			if (cachestore_get(&c->store, key, &v) &&
			    decode_result(rule, &v, r)) {
				c->hits++;
				continue;
			}
			c->misses++;
		}
		c->miss_at[n] = i;
		misses[n++] = *r;
	}
	strbuf_release(&v);
	files->v = misses;
	files->nr = files->alloc = n;
}

void cache_put_back(struct run_cache *c, struct file_results *files)
{
	size_t i;
	struct strbuf v = STRBUF_INIT;

	for (i = 0; i < files->nr; i++) {
		struct file_result *r = &files->v[i];
		unsigned char key[CACHESTORE_KEY];

		if (c->on && r->needs_spatch && !r->failure) {
			strbuf_reset(&v);
			encode_result(&v, r);
			file_key(c, r, key);
			if (!cachestore_put(&c->store, key, v.buf, v.len))
				c->stored++;
			else
				note(c, "not stored: %s", c->store.why.buf);
		}
		c->all[c->miss_at[i]] = *r;
	}
	strbuf_release(&v);
	free(files->v);
	free(c->miss_at);
	c->miss_at = NULL;
	files->v = c->all;
	files->nr = c->all_nr;
	files->alloc = c->all_alloc;
}

/* --- the scan cache ------------------------------------------------ */

static int cmp_rec(const void *a, const void *b)
{
	return strcmp(((const struct scan_rec *)a)->rel,
		      ((const struct scan_rec *)b)->rel);
}

/*
 * The entry: the macro names (count, then each with its NUL), the
 * records (count, then each: dev, ino, size, mtime s, ctime s; mtime
 * ns, ctime ns, flags, length of the name; the name).
 */
static void load_scan(struct run_cache *c)
{
	struct reader rd = { (const unsigned char *)c->scan_raw.buf,
			     (const unsigned char *)c->scan_raw.buf +
				     c->scan_raw.len,
			     0 };
	size_t i, nm = get_u32(&rd), nr;
	int sorted = 1;

	for (i = 0; !rd.bad && i < nm && i < CACHE_MAX_MACROS; i++) {
		const char *s = (const char *)rd.p;
		size_t len = strnlen(s, (size_t)(rd.end - rd.p));

		if (take(&rd, len + 1))
			c->macros[c->nr_macros++] = xstrndup(s, len);
	}
	nr = (size_t)get_u64(&rd);
	if (!rd.bad && nr <= (size_t)(rd.end - rd.p) / 52)
		c->old = xcalloc(nr ? nr : 1, sizeof(*c->old));
	for (i = 0; c->old && !rd.bad && i < nr; i++) {
		struct scan_rec *s = &c->old[i];
		size_t len;
		const char *rel;

		s->dev = get_u64(&rd);
		s->ino = get_u64(&rd);
		s->size = get_u64(&rd);
		s->mtime.tv_sec = (time_t)get_u64(&rd);
		s->ctime.tv_sec = (time_t)get_u64(&rd);
		s->mtime.tv_nsec = (long)get_u32(&rd);
		s->ctime.tv_nsec = (long)get_u32(&rd);
		s->flags = get_u32(&rd);
		len = get_u32(&rd);
		rel = take(&rd, len + 1);
		if (!rel || rel[len] || strlen(rel) != len)
			rd.bad = 1;
		s->rel = rel;
		s->known = 1;
		if (i && !rd.bad && strcmp(c->old[i - 1].rel, rel) >= 0)
			sorted = 0;
	}
	if (!c->old || rd.bad || rd.p != rd.end) {
		note(c, "%s", "the scan cache's entry is not usable: ignored");
		free(c->old);
		c->old = NULL;
		for (i = 0; i < c->nr_macros; i++)
			free(c->macros[i]);
		c->nr_macros = 0;
		return;
	}
	c->old_nr = nr;
	if (!sorted)
		qsort(c->old, nr, sizeof(*c->old), cmp_rec);
}

void cache_open_scan(struct run_cache *c, const struct cocci *rule,
		     const struct root *root, size_t nr_trees,
		     const struct scan *scan)
{
	struct strbuf key = STRBUF_INIT;
	size_t i;

	if (!c->on)
		return;
	add_str(&key, SCAN_FORMAT);
	add_program(&key);
	add_str(&key, rule->ident);
	add_str(&key, root->path);
	for (i = 0; i < nr_trees; i++)
		add_str(&key, root->tree[i]);
	cachestore_hash(c->scan_key, key.buf, key.len);
	strbuf_release(&key);
	clock_gettime(CLOCK_REALTIME, &c->start);
	c->now = xcalloc(scan->nr ? scan->nr : 1, sizeof(*c->now));
	c->now_nr = scan->nr;
	c->scan_on = 1;
	if (cachestore_get(&c->store, c->scan_key, &c->scan_raw))
		load_scan(c);
}

static int same_time(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec == b->tv_sec && a->tv_nsec == b->tv_nsec;
}

/* This run's record of f: the past one if the file is still that. */
static struct scan_rec *rec_of(struct run_cache *c, const struct scan *scan,
			       const struct scan_file *f)
{
	struct scan_rec *now, key, *old;

	if (!c || !c->scan_on || f->data || !f->stat_known || f < scan->v ||
	    (size_t)(f - scan->v) >= c->now_nr)
		return NULL;
	now = &c->now[f - scan->v];
	/* The past record is taken, or not, once: at the walk's stat. */
	if (now->looked || !c->old_nr)
		return now;
	now->looked = 1;
	/* Both in byte order of the name: mostly the next one. */
	if (c->cursor < c->old_nr && !strcmp(c->old[c->cursor].rel, f->rel)) {
		old = &c->old[c->cursor];
	} else {
		key.rel = f->rel;
		old = bsearch(&key, c->old, c->old_nr, sizeof(*c->old),
			      cmp_rec);
	}
	if (old)
		c->cursor = (size_t)(old - c->old) + 1;
	if (old && old->dev == (uint64_t)f->dev &&
	    old->ino == (uint64_t)f->ino && old->size == (uint64_t)f->st_size &&
	    same_time(&old->mtime, &f->mtime) &&
	    same_time(&old->ctime, &f->ctime)) {
		*now = *old;
		now->rel = f->rel;
		now->looked = 1;
	}
	return now;
}

int cache_scan_known_absent(struct run_cache *c, const struct scan *scan,
			    const struct scan_file *f)
{
	struct scan_rec *s = rec_of(c, scan, f);

	if (!s || !s->known || !(s->flags & SCAN_NO_IDENT))
		return 0;
	c->not_read++;
	return 1;
}

/* Not to be trusted: it may change again within its clock tick. */
static int racy(const struct run_cache *c, const struct stat *st)
{
	time_t limit = c->start.tv_sec - CACHE_RACY_S;

	return st->st_mtim.tv_sec >= limit || st->st_ctim.tv_sec >= limit;
}

static int same_stat(const struct scan_rec *s, const struct stat *st)
{
	return s->dev == (uint64_t)st->st_dev &&
	       s->ino == (uint64_t)st->st_ino &&
	       s->size == (uint64_t)st->st_size &&
	       same_time(&s->mtime, &st->st_mtim) &&
	       same_time(&s->ctime, &st->st_ctim);
}

void cache_scan_note(struct run_cache *c, const struct scan *scan,
		     const struct scan_file *f, const struct stat *st,
		     int mentions)
{
	struct scan_rec *s = rec_of(c, scan, f);
	uint32_t flags = mentions ? 0 : SCAN_NO_IDENT;

	if (!s)
		return;
	if (s->known && same_stat(s, st)) {
		/* What was known still holds; the read adds its verdict. */
		if ((s->flags & SCAN_NO_IDENT) != flags)
			c->scan_dirty = 1;
		s->flags = (s->flags & ~SCAN_NO_IDENT) | flags;
		return;
	}
	memset(s, 0, sizeof(*s));
	s->looked = 1;
	if (racy(c, st) || !S_ISREG(st->st_mode))
		return;
	s->rel = f->rel;
	s->dev = (uint64_t)st->st_dev;
	s->ino = (uint64_t)st->st_ino;
	s->size = (uint64_t)st->st_size;
	s->mtime = st->st_mtim;
	s->ctime = st->st_ctim;
	s->flags = flags;
	s->known = 1;
	c->scan_dirty = 1;
}

/*
 * The bit of the question "does the file bring s's piece" (the macro,
 * the argument, the piece: all sites_paste_supplied() looks at), added
 * to the list if there is room; -1: none.
 */
static int macro_bit(struct run_cache *c, const struct site *s, int add)
{
	char macro[128];
	size_t i;

	snprintf(macro, sizeof(macro), "%s/%d/%s", s->paste_macro, s->paste_arg,
		 s->paste_need);
	for (i = 0; i < c->nr_macros; i++)
		if (!strcmp(c->macros[i], macro))
			return (int)i + 1;
	if (!add || c->nr_macros >= CACHE_MAX_MACROS - 1)
		return -1;
	c->macros[c->nr_macros++] = xstrdup(macro);
	c->scan_dirty = 1;
	return (int)c->nr_macros;
}

/*
 * The sites weigh_pastes() looks for a use of, once: asked for each of
 * the tree's files, the question must cost next to nothing.  Their
 * number only shrinks as uses are found (paste_unsupplied goes to 0).
 */
static void find_open(struct run_cache *c, const struct file_results *files)
{
	size_t i, j, alloc = 0;

	if (c->open_found)
		return;
	c->open_found = 1;
	for (i = 0; i < files->nr; i++)
		for (j = 0; j < files->v[i].sites.nr; j++) {
			const struct site *site = &files->v[i].sites.v[j];

			if (!site->paste_unsupplied)
				continue;
			ALLOC_GROW(c->open, c->open_nr + 1, alloc);
			c->open[c->open_nr].s = site;
			c->open[c->open_nr++].bit = macro_bit(c, site, 0);
		}
}

int cache_paste_known_absent(struct run_cache *c, const struct scan *scan,
			     const struct scan_file *f,
			     const struct file_results *files)
{
	struct scan_rec *s = rec_of(c, scan, f);
	size_t i;

	if (!s || !s->known)
		return 0;
	find_open(c, files);
	for (i = 0; i < c->open_nr; i++) {
		int bit = c->open[i].bit;

		if (c->open[i].s->paste_unsupplied &&
		    (bit < 0 || !(s->flags & (1u << bit))))
			return 0;
	}
	c->paste_not_read++;
	return 1;
}

void cache_paste_note(struct run_cache *c, const struct scan *scan,
		      const struct scan_file *f, const struct stat *st,
		      const struct file_results *files)
{
	struct scan_rec *s = rec_of(c, scan, f);
	size_t i;

	/* Only onto what select knew of this very file. */
	if (!s || !s->known || !same_stat(s, st))
		return;
	find_open(c, files);
	for (i = 0; i < c->open_nr; i++) {
		struct paste_q *q = &c->open[i];

		if (!q->s->paste_unsupplied)
			continue;
		if (q->bit < 0)
			q->bit = macro_bit(c, q->s, 1);
		if (q->bit < 0 || (s->flags & (1u << q->bit)))
			continue;
		s->flags |= 1u << q->bit;
		c->scan_dirty = 1;
	}
}

static void write_scan(struct run_cache *c)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, n = 0;

	put_u32(&sb, (uint32_t)c->nr_macros);
	for (i = 0; i < c->nr_macros; i++)
		strbuf_add(&sb, c->macros[i], strlen(c->macros[i]) + 1);
	for (i = 0; i < c->now_nr; i++)
		n += c->now[i].known;
	put_u64(&sb, n);
	for (i = 0; i < c->now_nr; i++) {
		const struct scan_rec *s = &c->now[i];
		size_t len;

		if (!s->known)
			continue;
		len = strlen(s->rel);
		put_u64(&sb, s->dev);
		put_u64(&sb, s->ino);
		put_u64(&sb, s->size);
		put_u64(&sb, (uint64_t)s->mtime.tv_sec);
		put_u64(&sb, (uint64_t)s->ctime.tv_sec);
		put_u32(&sb, (uint32_t)s->mtime.tv_nsec);
		put_u32(&sb, (uint32_t)s->ctime.tv_nsec);
		put_u32(&sb, s->flags);
		put_u32(&sb, (uint32_t)len);
		strbuf_add(&sb, s->rel, len + 1);
	}
	if (cachestore_put(&c->store, c->scan_key, sb.buf, sb.len))
		note(c, "scan cache not stored: %s", c->store.why.buf);
	strbuf_release(&sb);
}

void cache_close(struct run_cache *c)
{
	size_t i, known = 0;

	if (c->scan_on) {
		for (i = 0; i < c->now_nr; i++)
			known += c->now[i].known;
		/* Files gone or changed since: the entry is out of date. */
		if (c->scan_dirty || known != c->old_nr)
			write_scan(c);
	}
	if (c->on && c->verbose) {
		struct strbuf sb = STRBUF_INIT;

		strbuf_addf(&sb,
			    "%zu result%s from the cache, %zu computed, %zu "
			    "stored; %zu file%s not read again (%zu for ## "
			    "chains)",
			    c->hits, c->hits == 1 ? "" : "s", c->misses,
			    c->stored, c->not_read, c->not_read == 1 ? "" : "s",
			    c->paste_not_read);
		note(c, "%s", sb.buf);
		strbuf_release(&sb);
	}
	cachestore_close(&c->store);
	if (c->store.trimmed)
		note(c, "%s", "trimmed to its size limit");
	free(c->old);
	c->old = NULL;
	free(c->now);
	c->now = NULL;
	free(c->open);
	c->open = NULL;
	c->open_nr = 0;
	c->open_found = 0;
	for (i = 0; i < c->nr_macros; i++)
		free(c->macros[i]);
	c->nr_macros = 0;
	strbuf_release(&c->scan_raw);
	c->on = c->scan_on = 0;
}
