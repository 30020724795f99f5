// SPDX-License-Identifier: GPL-2.0-only
#include "pin.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ctoken.h"
#include "ledger.h"
#include "sites.h"
#include "strbuf.h"
#include "util.h"

/* An occurrence check lists, and the last line of its name..')' span. */
struct item {
	const struct occurrence *o;
	unsigned end;
};

struct items {
	struct item *v;
	size_t nr, alloc;
};

/* Which entry of the scan an occurrence is in: its rel, by address. */
struct entry {
	uintptr_t rel;
	size_t file;
};

static int cmp_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	return x->rel < y->rel ? -1 : x->rel > y->rel;
}

/* Where a call's, a prototype's or a definition's list closes. */
static void set_spans(const struct cocci *rule, const struct scan_file *sf,
		      struct items *it)
{
	struct ctok_list toks = { 0 };
	struct site_list sites = { 0 };
	size_t i, j;

	for (i = 0; i < it->nr; i++)
		it->v[i].end = it->v[i].o->line;
	if (!sf->data)
		return;
	ctok_scan(sf->data, sf->size, &toks);
	sites_find(sf->data, &toks, rule->ident, &sites);
	for (i = 0; i < it->nr; i++)
		for (j = 0; j < sites.nr; j++) {
			const struct site *s = &sites.v[j];

			if (s->line != it->v[i].o->line ||
			    s->col != it->v[i].o->col)
				continue;
			if ((s->kind == SITE_CALL || s->kind == SITE_DECL ||
			     s->kind == SITE_DEF) &&
			    s->close > s->open && s->close < toks.nr &&
			    toks.v[s->close].line > s->line)
				it->v[i].end = toks.v[s->close].line;
			break;
		}
	site_list_release(&sites);
	ctok_list_release(&toks);
}

/* The listed occurrences of each entry of the run's scan. */
static struct items *collect(const struct run_result *res)
{
	const struct scan *scan = res->scan;
	const struct ledger *l = &res->ledger;
	struct items *per = xcalloc(scan->nr ? scan->nr : 1, sizeof(*per));
	struct entry *map = xcalloc(scan->nr ? scan->nr : 1, sizeof(*map));
	size_t i;

	for (i = 0; i < scan->nr; i++) {
		map[i].rel = (uintptr_t)scan->v[i].rel;
		map[i].file = i;
	}
	if (scan->nr)
		qsort(map, scan->nr, sizeof(*map), cmp_entry);
	for (i = 0; i < l->nr; i++) {
		struct entry key = { (uintptr_t)l->v[i].path, 0 }, *e;
		struct items *it;

		if (!ledger_is_item(&l->v[i], 1))
			continue;
		e = bsearch(&key, map, scan->nr, sizeof(*map), cmp_entry);
		if (!e)
			die("BUG: an occurrence in %s, a file the run did not "
			    "scan",
			    l->v[i].path);
		it = &per[e->file];
		ALLOC_GROW(it->v, it->nr + 1, it->alloc);
		it->v[it->nr].o = &l->v[i];
		it->v[it->nr++].end = 0;
	}
	free(map);
	for (i = 0; i < scan->nr; i++)
		if (per[i].nr)
			set_spans(res->rule, &scan->v[i], &per[i]);
	return per;
}

/* Some line of [first, last] is in the sorted lines v. */
static int touches(const unsigned *v, size_t nr, unsigned first, unsigned last)
{
	unsigned line;

	for (line = first; line <= last && line >= first; line++)
		if (series_has_line(v, nr, line))
			return 1;
	return 0;
}

static void add(struct findings *f, const struct series_commit *commit,
		const struct run_result *res, const struct occurrence *o)
{
	struct strbuf msg = STRBUF_INIT, ns = STRBUF_INIT;

	ledger_message(&msg, res->rule, o, 1);
	/* --net=infer: the hint is the namespace chosen, and why. */
	if (o->ns) {
		strbuf_addstr(&ns, "namespace: ");
		ns_choice_describe(&ns, o->ns);
	}
	findings_add(f, commit, o->path, o->line, o->col, o->kind, o->bucket,
		     msg.buf, o->ns ? ns.buf : o->hint);
	if (ledger_has_note(o))
		f->v[f->nr - 1].note = xstrdup(o->detail);
	strbuf_release(&msg);
	strbuf_release(&ns);
}

/* Where each finding of a commit came from, to follow it forward. */
struct origin {
	size_t finding, step, change;
};

/* A finding of step j in path, at a line of [first, first + n). */
static int has_finding(const struct findings *f, const struct series_commit *c,
		       const char *path, unsigned first, unsigned n)
{
	size_t i;

	for (i = 0; i < f->nr; i++)
		if (f->v[i].commit == c && !strcmp(f->v[i].file, path) &&
		    f->v[i].line >= first && f->v[i].line - first < n)
			return 1;
	return 0;
}

static const struct series_change *
next_version(const struct series_step *st, const char *id, const char *path)
{
	size_t i;

	for (i = 0; i < st->nr; i++)
		if (st->v[i].old_path && !strcmp(st->v[i].old_id, id) &&
		    !strcmp(st->v[i].old_path, path))
			return &st->v[i];
	return NULL;
}

/*
 * Follow the finding's line through the later commits that change that
 * very version of its file; the first that removes the line without a
 * finding of its own in its place fixed it.
 */
static void follow(struct findings *f, const struct series *s,
		   const struct origin *from)
{
	size_t fi = from->finding;
	const struct series_change *ch = &s->steps[from->step].v[from->change];
	const char *id = ch->new_id, *path = ch->path;
	unsigned line = f->v[fi].line;
	size_t j, h;

	for (j = from->step + 1; j < f->nr_commits; j++) {
		const struct series_change *nx =
			next_version(&s->steps[j], id, path);
		long shift = 0;

		if (!nx)
			continue;
		if (nx->deleted) {
			f->v[fi].fixed_by = &f->commits[j];
			return;
		}
		for (h = 0; h < nx->nr_hunks; h++) {
			const struct series_hunk *x = &nx->hunks[h];
			unsigned last =
				x->old_lines ? x->old_start + x->old_lines - 1 :
					       x->old_start;

			if (x->old_lines && line >= x->old_start &&
			    line <= last) {
				if (!has_finding(f, &f->commits[j], nx->path,
						 x->new_start, x->new_lines))
					f->v[fi].fixed_by = &f->commits[j];
				return;
			}
			if (last < line)
				shift +=
					(long)x->new_lines - (long)x->old_lines;
		}
		line = (unsigned)((long)line + shift);
		id = nx->new_id;
		path = nx->path;
	}
	/* Not removed: this is where HEAD has it. */
	f->v[fi].head_file = xstrdup(path);
	f->v[fi].head_line = line;
}

void pin_findings(struct findings *f, const struct series *s,
		  const struct run_result *res, int all)
{
	struct items *per = collect(res);
	struct origin *orig = NULL;
	size_t k, c, i, alloc = 0, nr_orig = 0;

	for (k = 0; k < f->nr_commits; k++)
		for (c = 0; c < s->steps[k].nr; c++) {
			const struct series_change *ch = &s->steps[k].v[c];
			const struct items *it;

			if (ch->deleted)
				continue;
			it = &per[ch->file];
			for (i = 0; i < it->nr; i++) {
				if (!touches(ch->added, ch->nr_added,
					     it->v[i].o->line, it->v[i].end))
					continue;
				add(f, &f->commits[k], res, it->v[i].o);
				ALLOC_GROW(orig, nr_orig + 1, alloc);
				orig[nr_orig].finding = f->nr - 1;
				orig[nr_orig].step = k;
				orig[nr_orig++].change = c;
			}
		}
	for (i = 0; i < nr_orig; i++)
		follow(f, s, &orig[i]);
	free(orig);
	for (k = 0; all && k < s->nr_finals; k++) {
		const struct series_final *fin = &s->finals[k];
		const struct items *it = &per[fin->file];

		if (fin->all_new)
			continue;
		for (i = 0; i < it->nr; i++)
			if (!touches(fin->since, fin->nr_since,
				     it->v[i].o->line, it->v[i].end)) {
				add(f, NULL, res, it->v[i].o);
				f->v[f->nr - 1].head_file =
					xstrdup(it->v[i].o->path);
				f->v[f->nr - 1].head_line = it->v[i].o->line;
			}
	}
	for (i = 0; i < res->scan->nr; i++)
		free(per[i].v);
	free(per);
	findings_sort(f);
}
