// SPDX-License-Identifier: GPL-2.0-only
#include "shard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "select.h"
#include "strbuf.h"
#include "util.h"

/* A macro file's text in the rule's identity; a missing one says so. */
static void add_file(struct strbuf *sb, const char *what, const char *path)
{
	strbuf_addf(sb, "%s %s\n", what, path ? "" : "none");
	if (path && strbuf_read_file(sb, path, 0))
		die_errno("%s: cannot read %s", path, what);
	strbuf_addch(sb, '\0');
}

static void rule_digest(struct shard_info *si, const struct cocci *rule,
			const char *user_macros)
{
	struct strbuf sb = STRBUF_INIT;

	add_file(&sb, "semantic patch", rule->path);
	add_file(&sb, "macro file", rule->macro_file);
	add_file(&sb, "macro file", user_macros);
	digest_hex(sb.buf, sb.len, si->rule);
	strbuf_release(&sb);
}

/*
 * The tree as the whole selection saw it (shard.h says what it does not
 * see).  Before the cut: every shard computes it from the same things.
 */
static void tree_digest(struct shard_info *si, const struct scan *scan,
			const struct file_results *files,
			const struct ledger *ledger)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, j;

	strbuf_addstr(&sb, "scanned\n");
	for (i = 0; i < scan->nr; i++)
		strbuf_add(&sb, scan->v[i].rel, strlen(scan->v[i].rel) + 1);
	strbuf_addstr(&sb, "selected\n");
	for (i = 0; i < files->nr; i++) {
		const struct file_result *r = &files->v[i];

		strbuf_add(&sb, r->file->rel, strlen(r->file->rel) + 1);
		strbuf_addf(&sb, "%zu", r->before.len);
		strbuf_addch(&sb, '\0');
		strbuf_addbuf(&sb, &r->before);
		/* Whether a ## chain counts depends on the other files. */
		for (j = 0; j < r->sites.nr; j++) {
			strbuf_addf(&sb, "%d %s",
				    r->sites.v[j].paste_unsupplied,
				    r->sites.v[j].paste_used);
			strbuf_addch(&sb, '\0');
		}
	}
	strbuf_addstr(&sb, "unreadable\n");
	for (i = 0; i < ledger->nr; i++) {
		strbuf_add(&sb, ledger->v[i].path,
			   strlen(ledger->v[i].path) + 1);
		strbuf_addf(&sb, "%u:%u: %s", ledger->v[i].line,
			    ledger->v[i].col, ledger->v[i].detail);
		strbuf_addch(&sb, '\0');
	}
	digest_hex(sb.buf, sb.len, si->tree);
	strbuf_release(&sb);
}

static int by_rel(const void *key, const void *elem)
{
	return strcmp(key, ((const struct scan_file *)elem)->rel);
}

/* Where in the scan an unreadable file's ledger entry is. */
static size_t scan_index(const struct scan *scan, const char *rel)
{
	const struct scan_file *f =
		bsearch(rel, scan->v, scan->nr, sizeof(*scan->v), by_rel);

	if (!f || f->rel != rel)
		die("BUG: shard: %s is not in the scan", rel);
	return (size_t)(f - scan->v);
}

static const struct file_results *sort_files;

/* Longest first, then by name: the order of the greedy assignment. */
static int heavier(const void *a, const void *b)
{
	const struct file_result *x = &sort_files->v[*(const size_t *)a];
	const struct file_result *y = &sort_files->v[*(const size_t *)b];

	if (x->before.len != y->before.len)
		return x->before.len > y->before.len ? -1 : 1;
	return strcmp(x->file->rel, y->file->rel);
}

void shard_select(struct shard_info *si, const struct shard_opts *o,
		  const struct cocci *rule, const struct spatch *sp,
		  const struct scan *scan, struct file_results *files,
		  struct ledger *ledger)
{
	size_t nr_unread = ledger->nr, i, j, kept, nr_heavy = 0, other = 0;
	size_t *heavy = xcalloc(files->nr + 1, sizeof(*heavy));
	unsigned *to = xcalloc(files->nr + 1, sizeof(*to));
	unsigned *unread_to = xcalloc(nr_unread + 1, sizeof(*unread_to));
	unsigned long long *load = xcalloc(o->n, sizeof(*load));
	unsigned s, best;

	memset(si, 0, sizeof(*si));
	si->k = o->k;
	si->n = o->n;
	si->keep_going = o->keep_going;
	si->options = xstrdup(o->options);
	snprintf(si->spatch, sizeof(si->spatch), "%u.%u.%u", sp->version[0],
		 sp->version[1], sp->version[2]);
	rule_digest(si, rule, o->macro_file);
	tree_digest(si, scan, files, ledger);

	/* The files spatch has work in: longest first, least-loaded shard. */
	for (i = 0; i < files->nr; i++)
		if (files->v[i].needs_spatch)
			heavy[nr_heavy++] = i;
	sort_files = files;
	qsort(heavy, nr_heavy, sizeof(*heavy), heavier);
	sort_files = NULL;
	for (i = 0; i < nr_heavy; i++) {
		for (best = 0, s = 1; s < o->n; s++)
			if (load[s] < load[best])
				best = s;
		to[heavy[i]] = best;
		load[best] += files->v[heavy[i]].before.len;
	}
	/*
	 * The others in scan order, round the shards: select's unreadable
	 * files (the ledger's entries so far, in scan order) and the
	 * selected files without work for spatch.
	 */
	for (i = 0, j = 0; i < nr_unread || j < files->nr;) {
		size_t ui = i < nr_unread ?
				    scan_index(scan, ledger->v[i].path) :
				    (size_t)-1;
		size_t fi = j < files->nr ?
				    (size_t)(files->v[j].file - scan->v) :
				    (size_t)-1;

		if (ui < fi) {
			unread_to[i++] = (unsigned)(other++ % o->n);
		} else {
			if (!files->v[j].needs_spatch)
				to[j] = (unsigned)(other++ % o->n);
			j++;
		}
	}

	/* The cut: this shard's files and ledger entries, in their order. */
	si->unreadable = xcalloc(nr_unread + 1, sizeof(*si->unreadable));
	for (i = 0, kept = 0; i < nr_unread; i++) {
		struct occurrence *oc = &ledger->v[i];

		if (unread_to[i] == o->k - 1) {
			si->unreadable[si->nr_unreadable++] =
				scan_index(scan, oc->path);
			ledger->v[kept++] = *oc;
			continue;
		}
		ledger->count[oc->bucket]--;
		ledger->files_matched--;
		free(oc->detail);
		free(oc->hint);
		free(oc->follow_up);
		ns_choice_release(oc->ns);
		free(oc->ns);
	}
	ledger->nr = kept;
	for (i = 0, kept = 0; i < files->nr; i++) {
		if (to[i] == o->k - 1)
			files->v[kept++] = files->v[i];
		else
			file_result_release(&files->v[i]);
	}
	files->nr = kept;
	free(heavy);
	free(to);
	free(unread_to);
	free(load);
}

void shard_release(struct shard_info *si)
{
	free(si->options);
	free(si->unreadable);
	memset(si, 0, sizeof(*si));
}
