// SPDX-License-Identifier: GPL-2.0-only
#include "report.h"

#include <string.h>

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

void report_summary(FILE *fp, const struct engine *e, const char *what)
{
	const struct ledger *l = &e->ledger;
	const char *id = e->rule.ident;
	size_t i, total = 0;

	for (i = 0; i < BUCKET_NR; i++)
		total += l->count[i];
	fprintf(fp,
		"coccidrive %s: %zu %s scanned, %zu with %s, %zu spatch %s, "
		"%zu %s\n",
		what, l->files_scanned,
		plural(l->files_scanned, "file", "files"), l->files_matched, id,
		e->spatch_runs, plural(e->spatch_runs, "run", "runs"),
		l->files_changed,
		strcmp(what, "check") ? "changed" : "would change");
	fprintf(fp, "  %-20s %zu\n",
		strcmp(what, "check") ? "converted:" : "to convert:",
		l->count[BUCKET_CONVERTED]);
	fprintf(fp, "  %-20s %zu\n",
		"already converted:", l->count[BUCKET_ALREADY]);
	fprintf(fp, "  %-20s %zu\n", "declarations:", l->count[BUCKET_DECL]);
	fprintf(fp, "  %-20s %zu\n",
		"needs manual work:", l->count[BUCKET_MANUAL]);
	for (i = 0; i < l->nr; i++) {
		const struct occurrence *o = &l->v[i];

		if (o->bucket == BUCKET_MANUAL)
			fprintf(fp, "    %s:%u:%u: %s\n", o->path, o->line,
				o->col, o->detail);
	}
	fprintf(fp, "  %-20s %zu\n", "total occurrences:", total);
	if (l->count[BUCKET_CONVERTED])
		fprintf(fp,
			"note: &init_net keeps the old behaviour; the new "
			"parameter is there so that each caller passes the "
			"namespace it works in. Review every converted call.\n");
}

void report_check_lines(FILE *fp, const struct engine *e)
{
	const struct ledger *l = &e->ledger;
	size_t i;

	for (i = 0; i < l->nr; i++) {
		const struct occurrence *o = &l->v[i];

		if (o->bucket == BUCKET_CONVERTED)
			fprintf(fp,
				"%s:%u:%u: %s() called with %d arguments, "
				"without a struct net *; convert would pass "
				"&init_net\n",
				o->path, o->line, o->col, e->rule.ident,
				o->nargs);
		else if (o->bucket == BUCKET_DECL && o->rewritten)
			fprintf(fp,
				"%s:%u:%u: %s without a struct net * "
				"parameter; convert would add it\n",
				o->path, o->line, o->col,
				site_kind_name(o->kind));
		else if (o->bucket == BUCKET_MANUAL)
			fprintf(fp, "%s:%u:%u: needs manual work: %s\n",
				o->path, o->line, o->col, o->detail);
	}
}

void report_account(struct strbuf *out, const struct engine *e)
{
	const struct ledger *l = &e->ledger;
	size_t i, total = 0;

	for (i = 0; i < l->nr; i++) {
		const struct occurrence *o = &l->v[i];

		strbuf_addf(out, "%s:%u:%u: %s %s", o->path, o->line, o->col,
			    bucket_name(o->bucket), site_kind_name(o->kind));
		if (o->nargs >= 0)
			strbuf_addf(out, "/%d", o->nargs);
		if (o->detail)
			strbuf_addf(out, ": %s", o->detail);
		strbuf_addch(out, '\n');
	}
	for (i = 0; i < BUCKET_NR; i++)
		total += l->count[i];
	strbuf_addf(out,
		    "total: %zu = %zu converted + %zu already converted + %zu "
		    "declarations + %zu manual\n",
		    total, l->count[BUCKET_CONVERTED], l->count[BUCKET_ALREADY],
		    l->count[BUCKET_DECL], l->count[BUCKET_MANUAL]);
}
