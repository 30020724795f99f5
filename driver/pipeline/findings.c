// SPDX-License-Identifier: GPL-2.0-only
#include "findings.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

void findings_add(struct findings *f, const struct series_commit *commit,
		  const char *file, unsigned line, unsigned col,
		  enum site_kind kind, enum bucket bucket, const char *message,
		  const char *hint)
{
	struct finding *n;

	ALLOC_GROW(f->v, f->nr + 1, f->alloc);
	n = &f->v[f->nr++];
	memset(n, 0, sizeof(*n));
	n->commit = commit;
	n->preexisting = !commit;
	n->file = xstrdup(file);
	n->line = line;
	n->col = col;
	n->kind = kind;
	n->bucket = bucket;
	n->message = xstrdup(message);
	n->hint = hint ? xstrdup(hint) : NULL;
}

/* Pre-existing ones (no commit) come first: they were there at BASE. */
static unsigned place(const struct finding *x)
{
	return x->commit ? x->commit->index : 0;
}

static int cmp_finding(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;
	int c;

	if (place(x) != place(y))
		return place(x) < place(y) ? -1 : 1;
	c = strcmp(x->file, y->file);
	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return 0;
}

static void finding_release(struct finding *x)
{
	free(x->file);
	free(x->message);
	free(x->hint);
	free(x->note);
	free(x->head_file);
}

void findings_sort(struct findings *f)
{
	size_t i, kept = 0;

	if (f->nr > 1)
		qsort(f->v, f->nr, sizeof(*f->v), cmp_finding);
	for (i = 0; i < f->nr; i++) {
		if (kept && !cmp_finding(&f->v[kept - 1], &f->v[i])) {
			finding_release(&f->v[i]);
			continue;
		}
		f->v[kept++] = f->v[i];
	}
	f->nr = kept;
}

void findings_release(struct findings *f)
{
	size_t i;

	for (i = 0; i < f->nr; i++)
		finding_release(&f->v[i]);
	free(f->v);
	for (i = 0; i < f->nr_commits; i++)
		free(f->commits[i].subject);
	free(f->commits);
	free(f->repo_top);
	free(f->base);
	free(f->source);
	memset(f, 0, sizeof(*f));
}
