// SPDX-License-Identifier: GPL-2.0-only
#include "select.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "form.h"
#include "progress.h"
#include "util.h"

static struct file_result *new_result(struct file_results *out,
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
 * Read every scanned file and keep those that mention the identifier as
 * code.  A cheap byte test first (sites_may_occur): most files do not
 * mention it at all.  A file is read as the scan saw it: a regular file,
 * through a symbolic link only when the link is a TREE named on the
 * command line.
 */
static void prefilter(const struct cocci *rule, const struct scan *scan,
		      char *const *trees, size_t max_size,
		      struct file_results *out, struct ledger *ledger,
		      struct run_cache *cache)
{
	const char *ident = rule->ident;
	size_t i;
	struct strbuf sb = STRBUF_INIT;

	for (i = 0; i < scan->nr; i++) {
		const struct scan_file *f = &scan->v[i];
		int named = !f->data && !strcmp(f->path, trees[f->tree]);
		int got = 0, mentions;
		struct ctok_list toks = { 0 };
		struct file_result *r;
		struct stat st;
		size_t j;

		/* The scan cache knows it does not mention it: not read. */
		if (cache_scan_known_absent(cache, scan, f)) {
			ledger->files_scanned++;
			continue;
		}
		/* The run holds the signals (engine.c); a tree takes seconds. */
		die_if_interrupted();
		strbuf_reset(&sb);
		memset(&st, 0, sizeof(st));
		if (f->data)
			strbuf_add(&sb, f->data, f->size);
		else
			got = strbuf_read_regular(&sb, f->path, named, &st);
		if (got < 0)
			die_errno("%s: cannot read", f->path);
		if (got)
			die("%s: not a regular file (changed since the scan?)",
			    f->path);
		ledger->files_scanned++;
		progress_add(PROGRESS_FILES, 1);
		mentions = sites_may_occur(sb.buf, sb.len, ident);
		cache_scan_note(cache, scan, f, &st, mentions);
		if (!mentions)
			continue;
		if (sb.len > max_size || memchr(sb.buf, '\0', sb.len)) {
			unsigned line, col;

			first_mention(&sb, ident, &line, &col);
			ledger->files_matched++;
			ledger_add_unreadable(
				ledger, f->rel, line, col,
				sb.len > max_size ?
					"file larger than the size limit: "
					"not converted (see --max-size)" :
					"file contains NUL bytes: not C, "
					"not converted");
			continue;
		}
		ctok_scan(sb.buf, sb.len, &toks);
		r = new_result(out, f);
		sites_find(sb.buf, &toks, ident, &r->sites);
		ctok_list_release(&toks);
		if (!r->sites.nr) {
			/* Only in comments or strings. */
			site_list_release(&r->sites);
			out->nr--;
			continue;
		}
		strbuf_swap(&r->before, &sb);
		r->st = st;
		r->named_link = named && !lstat(f->path, &st) &&
				S_ISLNK(st.st_mode);
		for (j = 0; j < r->sites.nr; j++)
			if (form_is_old(rule, &r->sites.v[j]))
				r->needs_spatch = 1;
	}
	strbuf_release(&sb);
}

/*
 * A ## chain that could paste the name ("_id ## _kern") is an occurrence
 * only if some use of its macro in the scanned files brings the missing
 * piece ("sock_create") or something only known later; Linux 6.1 has
 * such a chain whose uses all pass BPF_PROG_TYPE_* names.  The files are
 * read again only when there is such a chain, and only those that hold
 * the macro's name are tokenized.  The use found is named in the reason.
 */
static void weigh_pastes(const struct scan *scan, char *const *trees,
			 struct file_results *files, struct run_cache *cache)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, j, f, open = 0;

	for (i = 0; i < files->nr; i++)
		for (j = 0; j < files->v[i].sites.nr; j++) {
			struct site *s = &files->v[i].sites.v[j];

			if (s->kind == SITE_PASTE && s->paste_arg >= 0) {
				s->paste_unsupplied = 1;
				open++;
			}
		}
	for (f = 0; open && f < scan->nr; f++) {
		const struct scan_file *sf = &scan->v[f];
		struct ctok_list toks = { 0 };
		struct stat st;

		/* The scan cache knows it brings no piece: not read. */
		if (cache_paste_known_absent(cache, scan, sf, files))
			continue;
		die_if_interrupted();
		strbuf_reset(&sb);
		if (sf->data)
			strbuf_add(&sb, sf->data, sf->size);
		else if (strbuf_read_regular(&sb, sf->path,
					     !strcmp(sf->path, trees[sf->tree]),
					     &st))
			continue; /* gone since: it brings nothing */
		for (i = 0; i < files->nr; i++)
			for (j = 0; j < files->v[i].sites.nr; j++) {
				struct site *s = &files->v[i].sites.v[j];
				unsigned line = 0;

				if (!s->paste_unsupplied ||
				    !find_bytes(sb.buf, sb.len, s->paste_macro,
						strlen(s->paste_macro)))
					continue;
				if (!toks.nr)
					ctok_scan(sb.buf, sb.len, &toks);
				if (!sites_paste_supplied(sb.buf, &toks, s,
							  &line))
					continue;
				s->paste_unsupplied = 0;
				open--;
				snprintf(s->paste_used, sizeof(s->paste_used),
					 "%s:%u", sf->rel, line);
			}
		/* Those still open: this file does not bring their piece. */
		cache_paste_note(cache, scan, sf, &st, files);
		ctok_list_release(&toks);
	}
	strbuf_release(&sb);
}

void select_files(const struct cocci *rule, const struct scan *scan,
		  char *const *trees, size_t max_size, struct file_results *out,
		  struct ledger *ledger, struct run_cache *cache)
{
	prefilter(rule, scan, trees, max_size, out, ledger, cache);
	weigh_pastes(scan, trees, out, cache);
}
