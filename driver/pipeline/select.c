// SPDX-License-Identifier: GPL-2.0-only
#include "select.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "form.h"
#include "progress.h"
#include "readq.h"
#include "util.h"

struct file_result *file_result_new(struct file_results *out,
				    const struct scan_file *f)
{
	struct file_result *r;

	ALLOC_GROW(out->v, out->nr + 1, out->alloc);
	r = &out->v[out->nr++];
	memset(r, 0, sizeof(*r));
	r->file = f;
	strbuf_init(&r->before, 0);
	strbuf_init(&r->after, 0);
	strbuf_init(&r->first_after, 0);
	return r;
}

int select_named_link(const struct scan_file *f, char *const *trees)
{
	struct stat st;

	return !f->data && trees && !strcmp(f->path, trees[f->tree]) &&
	       !lstat(f->path, &st) && S_ISLNK(st.st_mode);
}

void file_result_release(struct file_result *r)
{
	strbuf_release(&r->before);
	strbuf_release(&r->after);
	strbuf_release(&r->first_after);
	site_list_release(&r->sites);
	site_list_release(&r->after_sites);
	parse_errors_release(&r->perr);
	free(r->failure);
	free(r->first);
	free(r->fallback);
}

/* Line and column of the first occurrence, for files never tokenized. */
static void first_mention(const struct strbuf *sb, const char *ident,
			  unsigned *line, unsigned *col)
{
	const char *hit = find_bytes(sb->buf, sb->len, ident, strlen(ident));
	const char *p, *bol = sb->buf;

	*line = 1;
	for (p = sb->buf; hit && p < hit; p++)
		if (*p == '\n') {
			(*line)++;
			bol = p + 1;
		}
	*col = hit ? (unsigned)(hit - bol + 1) : 1;
}

/*
 * A ## chain that could paste the name ("_id ## _kern") is an occurrence
 * only if some use of its macro in the scanned files brings the missing
 * piece ("sock_create") or something only known later; Linux 6.1 has
 * such a chain whose uses all pass BPF_PROG_TYPE_* names.  The use that
 * counts is the first, in scan order, that sites_paste_supplied() finds
 * in a file holding the macro's name; it is named in the reason.
 *
 * Each chain is found when its file is tokenized; from then on the
 * reading threads also look for its macro's name in every file they
 * read (published[k] is published by storing nr_published after it),
 * and note in checked[] how many chains each file was searched for.
 * Only the files read before their chain was known are read again
 * (weigh_pastes()), and only those holding the name are tokenized.
 *
 * The *.c files are read first, then the headers: Linux's chain is the
 * X-macro pattern (the ## chain in kernel/bpf/btf.c, its uses in the
 * list include/linux/bpf_types.h), where this reads again the 505 MB of
 * *.c files before btf.c, against 1,051 MB (89% of the tree) in scan
 * order.  With a chain in a header and its uses in *.c files, the *.c
 * files are read again either way.  The order of reading changes
 * nothing else: results are put back in scan order.
 */
#define MAX_PUBLISHED 64

struct paste {
	size_t res, site; /* files->v[res].sites.v[site] */
	size_t first, second; /* the first use: in pass 1, in the second */
	unsigned first_line, second_line;
};

struct selection {
	const struct cocci *rule;
	const struct scan *scan;
	char *const *trees;
	struct file_results *files;
	/* Written by the reading threads, file by file. */
	unsigned char *may; /* sites_may_occur() */
	unsigned char *checked; /* chains looked for: paste[0..checked) */
	/* Read by them: the macro names of the first MAX_PUBLISHED chains. */
	char published[MAX_PUBLISHED][sizeof(((struct site *)0)->paste_macro)];
	atomic_size_t nr_published;
	struct paste *paste;
	size_t nr_pastes, alloc_pastes;
	unsigned threads; /* reading */
	size_t *order; /* the scan index of the file read n-th */
	size_t nr_order; /* files read: those the scan cache does not know */
	struct run_cache *cache; /* the scan cache, or NULL */
	unsigned char *no_macro; /* read, and none of the chains' macros in it */
	unsigned char *skip; /* not read: the scan cache knows it */
	/* weigh_pastes(): which files it reads again */
	size_t *again;
};

#define NONE ((size_t)-1)

static int is_dot_c(const char *name)
{
	size_t n = strlen(name);

	return n > 2 && name[n - 2] == '.' && name[n - 1] == 'c';
}

static struct site *paste_site(const struct selection *sel, size_t k)
{
	return &sel->files->v[sel->paste[k].res].sites.v[sel->paste[k].site];
}

/* What the reader opens for scan entry i. */
static void fill_item(const struct selection *sel, size_t i,
		      struct readq_item *it)
{
	const struct scan_file *f = &sel->scan->v[i];

	it->path = f->path;
	it->data = f->data;
	it->size = f->size;
	/* Through a symbolic link only when the link is a TREE. */
	it->follow = !f->data && !strcmp(f->path, sel->trees[f->tree]);
}

/* Pass 1 reads the n-th file of its order. */
static void scan_item(void *ctx, size_t n, struct readq_item *it)
{
	const struct selection *sel = ctx;

	fill_item(sel, sel->order[n], it);
}

/* In a reading thread: may the file name the identifier, or use a chain? */
static int scan_test(void *ctx, size_t nth, const char *buf, size_t len)
{
	struct selection *sel = ctx;
	size_t i = sel->order[nth], k, n = atomic_load(&sel->nr_published);
	int keep;

	sel->may[i] =
		(unsigned char)sites_may_occur(buf, len, sel->rule->ident);
	sel->checked[i] = (unsigned char)n;
	keep = sel->may[i];
	for (k = 0; k < n && !keep; k++)
		keep = !!find_bytes(buf, len, sel->published[k],
				    strlen(sel->published[k]));
	return keep;
}

/* The chains of a file just tokenized, looked for from now on. */
static void add_pastes(struct selection *sel, size_t res)
{
	const struct site_list *sites = &sel->files->v[res].sites;
	size_t j, n;

	for (j = 0; j < sites->nr; j++) {
		struct paste *p;

		if (sites->v[j].kind != SITE_PASTE || sites->v[j].paste_arg < 0)
			continue;
		ALLOC_GROW(sel->paste, sel->nr_pastes + 1, sel->alloc_pastes);
		p = &sel->paste[sel->nr_pastes++];
		p->res = res;
		p->site = j;
		p->first = p->second = NONE;
		n = atomic_load(&sel->nr_published);
		if (n + 1 == sel->nr_pastes && n < MAX_PUBLISHED) {
			memcpy(sel->published[n], sites->v[j].paste_macro,
			       sizeof(sel->published[n]));
			atomic_store(&sel->nr_published, n + 1);
		}
	}
}

/*
 * Whether file i, read in pass 1 (second: 0) or again (1), is a use of
 * chain k that counts: searched for it in that pass, and earlier than
 * the use found so far.
 */
static int may_supply(const struct selection *sel, size_t k, size_t i,
		      int second)
{
	const struct paste *p = &sel->paste[k];

	if (!second)
		return k < sel->checked[i] &&
		       (p->first == NONE || i < p->first);
	return k >= sel->checked[i] && p->second == NONE && i < p->first;
}

static void look_for_uses(struct selection *sel, size_t i, int second,
			  const struct strbuf *sb, struct ctok_list *toks)
{
	size_t k;

	for (k = 0; k < sel->nr_pastes; k++) {
		struct paste *p = &sel->paste[k];
		const struct site *s = paste_site(sel, k);
		unsigned line = 0;

		if (!may_supply(sel, k, i, second) ||
		    !find_bytes(sb->buf, sb->len, s->paste_macro,
				strlen(s->paste_macro)))
			continue;
		if (!toks->nr)
			ctok_scan(sb->buf, sb->len, toks);
		if (!sites_paste_supplied(sb->buf, toks, s, &line))
			continue;
		if (second) {
			p->second = i;
			p->second_line = line;
		} else {
			p->first = i;
			p->first_line = line;
		}
	}
}

/* Whether the text brings the piece of any chain (toks: filled if need be). */
static int brings_a_piece(const struct selection *sel, const struct strbuf *sb,
			  struct ctok_list *toks)
{
	size_t k;

	for (k = 0; k < sel->nr_pastes; k++) {
		const struct site *s = paste_site(sel, k);
		unsigned line = 0;

		if (!find_bytes(sb->buf, sb->len, s->paste_macro,
				strlen(s->paste_macro)))
			continue;
		if (!toks->nr)
			ctok_scan(sb->buf, sb->len, toks);
		if (sites_paste_supplied(sb->buf, toks, s, &line))
			return 1;
	}
	return 0;
}

/* A file with the name that is not converted: too large, or not C. */
struct unreadable {
	size_t i;
	unsigned line, col;
	int too_large;
};

static int cmp_unreadable(const void *a, const void *b)
{
	const struct unreadable *x = a, *y = b;

	return x->i < y->i ? -1 : x->i > y->i;
}

static int cmp_result(const void *a, const void *b)
{
	const struct file_result *x = a, *y = b;

	return x->file < y->file ? -1 : x->file > y->file;
}

/*
 * Read every scanned file and keep those that mention the identifier as
 * code.  A cheap byte test first (sites_may_occur), in the reading
 * threads: most files do not mention it at all.  A file is read as the
 * scan saw it: a regular file, through a symbolic link only when the
 * link is a TREE named on the command line.  What the files give is
 * kept in scan order (the files that cannot be read: the first in scan
 * order is named, after all are read).
 */
static void prefilter(struct selection *sel, size_t max_size,
		      struct ledger *ledger)
{
	const char *ident = sel->rule->ident;
	const struct scan *scan = sel->scan;
	struct file_results *out = sel->files;
	struct readq *q = readq_start(sel->nr_order, sel->threads, scan_item,
				      scan_test, sel);
	struct readq_result *got;
	struct unreadable *un = NULL;
	size_t nr_un = 0, alloc_un = 0, failed = NONE, k, nr_pastes;
	int failed_got = 0, failed_err = 0;

	while ((got = readq_next(q))) {
		size_t i = sel->order[got->i], j;
		const struct scan_file *f = &scan->v[i];
		struct strbuf *sb = &got->sb;
		struct ctok_list toks = { 0 };
		struct file_result *r;

		/* The run holds the signals (engine.c); a tree takes seconds. */
		die_if_interrupted();
		if (got->got) {
			if (i < failed) {
				failed = i;
				failed_got = got->got;
				failed_err = got->err;
			}
			continue;
		}
		ledger->files_scanned++;
		progress_add(PROGRESS_FILES, 1);
		cache_scan_note(sel->cache, scan, f, &got->st, sel->may[i]);
		if (!got->kept) {
			/* None of the chains known when it was read, anyway. */
			sel->no_macro[i] = 1;
			continue;
		}
		look_for_uses(sel, i, 0, sb, &toks);
		if (!sel->may[i]) {
			ctok_list_release(&toks);
			continue;
		}
		if (sb->len > max_size || memchr(sb->buf, '\0', sb->len)) {
			struct unreadable *u;

			ctok_list_release(&toks);
			ALLOC_GROW(un, nr_un + 1, alloc_un);
			u = &un[nr_un++];
			u->i = i;
			u->too_large = sb->len > max_size;
			first_mention(sb, ident, &u->line, &u->col);
			continue;
		}
		if (!toks.nr)
			ctok_scan(sb->buf, sb->len, &toks);
		r = file_result_new(out, f);
		sites_find(sb->buf, &toks, ident, &r->sites);
		if (!r->sites.nr) {
			/* Only in comments or strings. */
			ctok_list_release(&toks);
			site_list_release(&r->sites);
			out->nr--;
			continue;
		}
		strbuf_swap(&r->before, sb);
		r->st = got->st;
		r->named_link = select_named_link(f, sel->trees);
		for (j = 0; j < r->sites.nr; j++)
			if (form_is_old(sel->rule, &r->sites.v[j]))
				r->needs_spatch = 1;
		nr_pastes = sel->nr_pastes;
		add_pastes(sel, (size_t)(r - out->v));
		/*
		 * A chain's own file may use its macro: looked at now, with
		 * its tokens at hand, it need not be read again (Linux's
		 * kernel/bpf/btf.c: 0.1 s of every run).
		 */
		if (sel->nr_pastes > nr_pastes && sel->nr_pastes <= UCHAR_MAX) {
			sel->checked[i] = (unsigned char)sel->nr_pastes;
			look_for_uses(sel, i, 0, &r->before, &toks);
		}
		ctok_list_release(&toks);
	}
	readq_stop(q);
	if (failed != NONE) {
		free(un);
		if (failed_got > 0)
			die("%s: not a regular file (changed since the scan?)",
			    scan->v[failed].path);
		errno = failed_err;
		die_errno("%s: cannot read", scan->v[failed].path);
	}
	if (nr_un)
		qsort(un, nr_un, sizeof(*un), cmp_unreadable);
	for (k = 0; k < nr_un; k++) {
		ledger->files_matched++;
		ledger_add_unreadable(
			ledger, scan->v[un[k].i].rel, un[k].line, un[k].col,
			un[k].too_large ? "file larger than the size limit: "
					  "not converted (see --max-size)" :
					  "file contains NUL bytes: not C, "
					  "not converted");
	}
	free(un);
}

static void again_item(void *ctx, size_t i, struct readq_item *it)
{
	const struct selection *sel = ctx;

	/* again[] holds scan entries, not places in pass 1's order. */
	fill_item(sel, sel->again[i], it);
}

/* In a reading thread: may the file use a chain it was not searched for? */
static int again_test(void *ctx, size_t i, const char *buf, size_t len)
{
	const struct selection *sel = ctx;
	size_t k, f = sel->again[i];

	for (k = sel->checked[f]; k < sel->nr_pastes; k++) {
		const char *m = paste_site(sel, k)->paste_macro;

		if (find_bytes(buf, len, m, strlen(m)))
			return 1;
	}
	return 0;
}

/*
 * The second look: the files read before a chain was known, and earlier
 * than the use pass 1 found for it; in order, and only until every chain
 * has its first use.
 */
static void weigh_pastes(struct selection *sel)
{
	const struct scan *scan = sel->scan;
	size_t i, k, nr = 0;
	struct readq *q;
	struct readq_result *got;

	if (!sel->nr_pastes)
		return;
	sel->again = xcalloc(scan->nr, sizeof(*sel->again));
	for (i = 0; i < scan->nr; i++)
		for (k = sel->checked[i]; k < sel->nr_pastes; k++)
			if (may_supply(sel, k, i, 1)) {
				if (!cache_paste_known_absent(sel->cache, scan,
							      &scan->v[i],
							      sel->files))
					sel->again[nr++] = i;
				break;
			}
	q = readq_start(nr, sel->threads, again_item, again_test, sel);
	while ((got = readq_next(q))) {
		struct ctok_list toks = { 0 };
		int open = 0;

		die_if_interrupted();
		i = sel->again[got->i];
		for (k = 0; k < sel->nr_pastes; k++)
			open |= sel->paste[k].second == NONE &&
				i < sel->paste[k].first;
		if (!open)
			break; /* the rest are later than every use found */
		/* A file gone since brings nothing. */
		if (got->got)
			continue;
		if (!got->kept) {
			/* Nor the chains pass 1 had not looked for. */
			if (sel->no_macro[i] || sel->skip[i])
				cache_paste_note(sel->cache, scan, &scan->v[i],
						 &got->st, sel->files);
			continue;
		}
		look_for_uses(sel, i, 1, &got->sb, &toks);
		/*
		 * A file pass 1 did not look at for any chain, looked at now
		 * for all: if it brings none of their pieces, the scan cache
		 * spares the next run reading it (a header that only names
		 * the macro, as Linux's include/linux/bpf.h does).
		 */
		if (sel->cache && (sel->no_macro[i] || sel->skip[i]) &&
		    !brings_a_piece(sel, &got->sb, &toks))
			cache_paste_note(sel->cache, scan, &scan->v[i],
					 &got->st, sel->files);
		ctok_list_release(&toks);
	}
	readq_stop(q);
	free(sel->again);
	sel->again = NULL;
}

/*
 * The files pass 1 read after every chain was known and found none of
 * their macros in: for the scan cache, they bring no chain's piece.
 */
static void note_no_pieces(struct selection *sel)
{
	const struct scan *scan = sel->scan;
	size_t i;

	if (!sel->nr_pastes || !sel->cache)
		return;
	for (i = 0; i < scan->nr; i++) {
		const struct scan_file *f = &scan->v[i];
		struct stat st;

		if (!sel->no_macro[i] || sel->checked[i] < sel->nr_pastes ||
		    f->data || !f->stat_known)
			continue;
		/* What the walk saw: what the cache's record is of. */
		memset(&st, 0, sizeof(st));
		st.st_dev = f->dev;
		st.st_ino = f->ino;
		st.st_size = f->st_size;
		st.st_mtim = f->mtime;
		st.st_ctim = f->ctime;
		cache_paste_note(sel->cache, scan, f, &st, sel->files);
	}
}

void select_files(const struct cocci *rule, const struct scan *scan,
		  char *const *trees, size_t max_size, unsigned threads,
		  struct file_results *out, struct ledger *ledger,
		  struct run_cache *cache)
{
	struct selection sel;
	size_t k, n = 0;

	memset(&sel, 0, sizeof(sel));
	sel.rule = rule;
	sel.scan = scan;
	sel.trees = trees;
	sel.files = out;
	sel.threads = threads ? (threads > 64 ? 64 : threads) : readq_threads();
	sel.may = xcalloc(scan->nr, 1);
	sel.checked = xcalloc(scan->nr, 1);
	sel.cache = cache;
	sel.no_macro = xcalloc(scan->nr, 1);
	sel.order = xcalloc(scan->nr, sizeof(*sel.order));
	/* What the scan cache knows not to mention it is not read. */
	sel.skip = xcalloc(scan->nr, 1);
	for (k = 0; k < scan->nr; k++)
		if (cache_scan_known_absent(cache, scan, &scan->v[k])) {
			sel.skip[k] = 1;
			ledger->files_scanned++;
			progress_add(PROGRESS_FILES, 1);
		}
	for (k = 0; k < scan->nr; k++)
		if (!sel.skip[k] && is_dot_c(scan->v[k].rel))
			sel.order[n++] = k;
	for (k = 0; k < scan->nr; k++)
		if (!sel.skip[k] && !is_dot_c(scan->v[k].rel))
			sel.order[n++] = k;
	sel.nr_order = n;
	atomic_init(&sel.nr_published, 0);
	prefilter(&sel, max_size, ledger);
	/*
	 * For the scan cache's questions, every chain is open until the end:
	 * a file it knows to bring the piece of none of them is not read
	 * again, so that the use named stays the first in scan order.
	 */
	for (k = 0; k < sel.nr_pastes; k++)
		paste_site(&sel, k)->paste_unsupplied = 1;
	note_no_pieces(&sel);
	weigh_pastes(&sel);
	for (k = 0; k < sel.nr_pastes; k++) {
		const struct paste *p = &sel.paste[k];
		struct site *s = paste_site(&sel, k);
		size_t at = p->second != NONE ? p->second : p->first;

		s->paste_unsupplied = at == NONE;
		if (at != NONE)
			snprintf(s->paste_used, sizeof(s->paste_used), "%s:%u",
				 scan->v[at].rel,
				 at == p->second ? p->second_line :
						   p->first_line);
	}
	/* In scan order, as the files came (cmp_result: by scan entry). */
	if (out->nr)
		qsort(out->v, out->nr, sizeof(*out->v), cmp_result);
	free(sel.paste);
	free(sel.may);
	free(sel.checked);
	free(sel.order);
	free(sel.skip);
	free(sel.no_macro);
}
