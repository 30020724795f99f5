// SPDX-License-Identifier: GPL-2.0-only
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "jsonout.h"
#include "util.h"

/*
 * A path as it goes at the start of a "file:line:col: message" line:
 * quoted as git quotes it when it holds a newline, a quote or a byte
 * that is not ASCII, so that a file name cannot forge a line.
 */
static const char *qpath(struct strbuf *tmp, const char *path)
{
	strbuf_reset(tmp);
	strbuf_add_quoted_path(tmp, "", path);
	return tmp->buf;
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

void report_patch(struct strbuf *out, const struct run_result *res)
{
	size_t i;

	for (i = 0; i < res->files.nr; i++) {
		const struct file_result *r = &res->files.v[i];

		if (r->changed)
			diff_unified(out, r->file->rel, r->before.buf,
				     r->before.len, r->after.buf, r->after.len);
	}
}

/* "the 3 calls": n and the word for one or many. */
static void add_count(struct strbuf *sb, size_t n, const char *one,
		      const char *many)
{
	if (!n)
		return;
	strbuf_addf(sb, "%s%zu %s", sb->len ? ", " : "", n,
		    plural(n, one, many));
}

static int listed_as_item(const struct occurrence *o, enum report_mode mode)
{
	return ledger_is_item(o, mode == REPORT_CHECK);
}

/* A note says how a converted occurrence was converted (review it). */
static int has_note(const struct occurrence *o)
{
	return ledger_has_note(o);
}

/* What report_items() prints, counted: "3 calls to convert, 1 hint". */
static void describe_items(struct strbuf *sb, const struct run_result *res,
			   enum report_mode mode)
{
	const struct ledger *l = &res->ledger;
	size_t i, calls = 0, decls = 0, manual = 0, notes = 0, hints = 0;
	size_t follow_ups = 0;

	for (i = 0; i < l->nr; i++) {
		const struct occurrence *o = &l->v[i];

		if (listed_as_item(o, mode)) {
			if (o->bucket == BUCKET_MANUAL)
				manual++;
			else if (o->bucket == BUCKET_CONVERTED)
				calls++;
			else
				decls++;
		}
		notes += (size_t)has_note(o);
		hints += !!o->hint;
		follow_ups += (size_t)ledger_has_follow_up(o);
	}
	add_count(sb, calls, "call to convert", "calls to convert");
	add_count(sb, decls, "declaration to convert",
		  "declarations to convert");
	add_count(sb, manual, "needing manual work", "needing manual work");
	add_count(sb, follow_ups, "converted call needing manual work",
		  "converted calls needing manual work");
	add_count(sb, notes, "note", "notes");
	add_count(sb, hints, "hint", "hints");
}

/*
 * The sk_change_net clean-up's summary (skchange.h): what became of each
 * sk_change_net() and sk_release_kernel().
 */
static void cleanup_summary(FILE *fp, const struct run_result *res,
			    const char *what, const char *where)
{
	const struct ledger *l = &res->ledger;
	size_t i, left = 0;

	for (i = 0; i < l->nr; i++)
		left += l->v[i].bucket == BUCKET_MANUAL;
	fprintf(fp,
		"coccidrive %s: %zu %s scanned, %zu with sk_change_net or "
		"sk_release_kernel, %zu spatch %s, %zu changed\n",
		what, l->files_scanned,
		plural(l->files_scanned, "file", "files"), l->files_matched,
		res->spatch_runs, plural(res->spatch_runs, "run", "runs"),
		l->files_changed);
	fprintf(fp, "  %-20s %zu\n", "folded:", l->folded);
	fprintf(fp, "  %-20s %zu\n", "released:", l->released);
	fprintf(fp, "  %-20s %zu\n", "left:", left);
	fprintf(fp, "  %-20s %zu\n", "total occurrences:", l->nr);
	if (left && where)
		fprintf(fp, "  %-20s %zu needing manual work\n",
			"listed above:", left);
	if (l->folded)
		fprintf(fp,
			"note: valid on Linux 4.2 and later only (sk_alloc() "
			"takes no namespace reference for kernel sockets). "
			"Review every folded call.\n");
}

/* --net=infer: how many converted calls got a namespace of each rank. */
static void summary_ranks(FILE *fp, const struct ledger *l)
{
	size_t i, n[6] = { 0 };

	for (i = 0; i < l->nr; i++)
		if (l->v[i].ns && l->v[i].ns->rank >= 1 &&
		    l->v[i].ns->rank <= 5)
			n[l->v[i].ns->rank]++;
	fprintf(fp,
		"  %-20s rank 1 (sk_change_net): %zu, 2 (struct net *): "
		"%zu, 3 (field): %zu, 4 (accessor): %zu, 5 (&init_net): %zu\n",
		"namespaces:", n[1], n[2], n[3], n[4], n[5]);
}

void report_summary(FILE *fp, const struct run_result *res, const char *what,
		    enum report_mode mode, const char *where)
{
	const struct ledger *l = &res->ledger;
	const char *id = res->rule->ident;
	size_t i, total = 0;
	struct strbuf q = STRBUF_INIT, items = STRBUF_INIT;

	if (res->rule->cleanup) {
		cleanup_summary(fp, res, what, where);
		return;
	}
	for (i = 0; i < BUCKET_NR; i++)
		total += l->count[i];
	fprintf(fp, "coccidrive %s: %zu %s scanned", what, l->files_scanned,
		plural(l->files_scanned, "file", "files"));
	/* What the walk left out, so that nothing is left out unsaid. */
	if (res->scan->dirs_skipped || res->scan->links_skipped) {
		fputs(" (skipped:", fp);
		if (res->scan->dirs_skipped)
			fprintf(fp, " %zu %s", res->scan->dirs_skipped,
				plural(res->scan->dirs_skipped,
				       "VCS or quilt directory",
				       "VCS or quilt directories"));
		if (res->scan->dirs_skipped && res->scan->links_skipped)
			fputs(",", fp);
		if (res->scan->links_skipped)
			fprintf(fp, " %zu symbolic %s",
				res->scan->links_skipped,
				plural(res->scan->links_skipped, "link",
				       "links"));
		fputs(")", fp);
	}
	fprintf(fp, ", %zu with %s, %zu spatch %s", l->files_matched, id,
		res->spatch_runs, plural(res->spatch_runs, "run", "runs"));
	/* Only when it happened: slices are spatch's business otherwise. */
	if (res->slice_fallbacks)
		fprintf(fp, " (%zu %s back to the whole file)",
			res->slice_fallbacks,
			plural(res->slice_fallbacks, "slice fell",
			       "slices fell"));
	fprintf(fp, ", %zu %s\n", l->files_changed,
		mode == REPORT_CHECK ? "would change" : "changed");
	fprintf(fp, "  %-20s %zu\n",
		mode == REPORT_CHECK ? "to convert:" : "converted:",
		l->count[BUCKET_CONVERTED]);
	fprintf(fp, "  %-20s %zu\n",
		"already converted:", l->count[BUCKET_ALREADY]);
	fprintf(fp, "  %-20s %zu\n", "declarations:", l->count[BUCKET_DECL]);
	fprintf(fp, "  %-20s %zu\n",
		"needs manual work:", l->count[BUCKET_MANUAL]);
	/* Not occurrences: why the total leaves them out. */
	for (i = 0; i < l->nr_uncounted; i++)
		fprintf(fp, "  not counted: %s:%u:%u: %s\n",
			qpath(&q, l->uncounted[i].path), l->uncounted[i].line,
			l->uncounted[i].col, l->uncounted[i].detail);
	fprintf(fp, "  %-20s %zu\n", "total occurrences:", total);
	/* The items themselves are elsewhere, each once: say where. */
	describe_items(&items, res, mode);
	if (items.len && where) {
		strbuf_reset(&q);
		strbuf_addf(&q, "%s:", where);
		fprintf(fp, "  %-20s %s\n", q.buf, items.buf);
	}
	if (res->net_infer)
		summary_ranks(fp, l);
	if (l->count[BUCKET_CONVERTED] && res->rule->drop_first_arg)
		fprintf(fp, "note: before Linux 4.2 every kernel socket is "
			    "created in init_net; a call that passed another "
			    "namespace is listed with what the old API did "
			    "instead. Review every converted call.\n");
	else if (l->count[BUCKET_CONVERTED])
		fprintf(fp,
			"note: &init_net keeps the old behaviour; the new "
			"parameter is there so that each caller passes the "
			"namespace it works in. Review every converted call.\n");
	strbuf_release(&q);
	strbuf_release(&items);
}

void report_written(FILE *fp, const struct run_result *res, const char *what,
		    const char *patch_file, int verbose)
{
	size_t i, n = res->ledger.files_changed;
	struct strbuf q = STRBUF_INIT;

	if (patch_file && n)
		fprintf(fp, "coccidrive %s: wrote the patch to %s (%zu %s)\n",
			what, qpath(&q, patch_file), n,
			plural(n, "file", "files"));
	else if (patch_file)
		fprintf(fp,
			"coccidrive %s: wrote an empty patch to %s (no file "
			"to change)\n",
			what, qpath(&q, patch_file));
	else if (n)
		fprintf(fp, "coccidrive %s: rewrote %zu %s\n", what, n,
			plural(n, "file", "files"));
	else
		fprintf(fp, "coccidrive %s: no file to rewrite\n", what);
	for (i = 0; verbose && i < res->files.nr; i++)
		if (res->files.v[i].changed)
			fprintf(fp, "  %s\n",
				qpath(&q, res->files.v[i].file->path));
	strbuf_release(&q);
}

/* The words of an occurrence: its line, and its "message" in the JSON. */
static void occurrence_message(struct strbuf *sb, const struct run_result *res,
			       const struct occurrence *o,
			       enum report_mode mode)
{
	ledger_message(sb, res->rule, o, mode == REPORT_CHECK);
}

void report_items(FILE *fp, const struct run_result *res, enum report_mode mode)
{
	report_items_given(fp, res, mode, NULL);
}

void report_items_given(FILE *fp, const struct run_result *res,
			enum report_mode mode, char *const *messages)
{
	const struct ledger *l = &res->ledger;
	size_t i;
	struct strbuf q = STRBUF_INIT, msg = STRBUF_INIT;

	for (i = 0; i < l->nr; i++) {
		const struct occurrence *o = &l->v[i];

		if (!listed_as_item(o, mode) && !has_note(o) && !o->hint &&
		    !ledger_has_follow_up(o) && !o->ns)
			continue;
		qpath(&q, o->path);
		if (listed_as_item(o, mode)) {
			strbuf_reset(&msg);
			if (messages)
				strbuf_addstr(&msg, messages[i]);
			else
				occurrence_message(&msg, res, o, mode);
			fprintf(fp, "%s:%u:%u: %s\n", q.buf, o->line, o->col,
				msg.buf);
		}
		if (has_note(o))
			fprintf(fp, "%s:%u:%u: note: %s\n", q.buf, o->line,
				o->col, o->detail);
		if (o->hint)
			fprintf(fp, "%s:%u:%u: hint: %s\n", q.buf, o->line,
				o->col, o->hint);
		if (ledger_has_follow_up(o))
			fprintf(fp, "%s:%u:%u: needs manual work: %s\n", q.buf,
				o->line, o->col, o->follow_up);
		if (o->ns) {
			strbuf_reset(&msg);
			ns_choice_describe(&msg, o->ns);
			fprintf(fp, "%s:%u:%u: namespace: %s\n", q.buf, o->line,
				o->col, msg.buf);
		}
	}
	strbuf_release(&q);
	strbuf_release(&msg);
}

void report_account(struct strbuf *out, const struct run_result *res)
{
	const struct ledger *l = &res->ledger;
	size_t i, total = 0;

	for (i = 0; i < l->nr; i++) {
		const struct occurrence *o = &l->v[i];

		strbuf_add_quoted_path(out, "", o->path);
		strbuf_addf(out, ":%u:%u: %s %s", o->line, o->col,
			    bucket_name(o->bucket), site_kind_name(o->kind));
		if (o->nargs >= 0)
			strbuf_addf(out, "/%d", o->nargs);
		if (o->detail)
			strbuf_addf(out, ": %s", o->detail);
		if (o->hint)
			strbuf_addf(out, " [hint: %s]", o->hint);
		if (o->follow_up)
			strbuf_addf(out, " [needs manual work: %s]",
				    o->follow_up);
		if (o->ns) {
			strbuf_addstr(out, " [namespace: ");
			ns_choice_describe(out, o->ns);
			strbuf_addch(out, ']');
		}
		strbuf_addch(out, '\n');
	}
	for (i = 0; i < l->nr_uncounted; i++) {
		const struct occurrence *o = &l->uncounted[i];

		strbuf_add_quoted_path(out, "", o->path);
		strbuf_addf(out, ":%u:%u: not counted %s: %s\n", o->line,
			    o->col, site_kind_name(o->kind), o->detail);
	}
	for (i = 0; i < BUCKET_NR; i++)
		total += l->count[i];
	strbuf_addf(out,
		    "total: %zu = %zu converted + %zu already converted + %zu "
		    "declarations + %zu manual\n",
		    total, l->count[BUCKET_CONVERTED], l->count[BUCKET_ALREADY],
		    l->count[BUCKET_DECL], l->count[BUCKET_MANUAL]);
}

/* --net=infer's choice for a converted call (ledger.h), or null. */
static json_t *namespace_json(const struct ns_choice *c)
{
	json_t *j, *list;
	size_t i;

	if (!c)
		return json_null();
	j = jsonout_checked(json_object());
	list = jsonout_checked(json_array());
	jsonout_put(j, "expression", json_string(c->expr));
	jsonout_put(j, "rank", json_integer(c->rank));
	jsonout_put(j, "evidence", jsonout_str(c->evidence));
	for (i = 0; i < c->nr_candidates; i++)
		jsonout_append(list, json_string(c->candidates[i]));
	jsonout_put(j, "candidates", list);
	jsonout_put(j, "reason", jsonout_str(c->reason));
	return j;
}

static json_t *occurrence_json(const struct run_result *res,
			       const struct occurrence *o,
			       enum report_mode mode)
{
	json_t *j = jsonout_checked(json_object());
	struct strbuf msg = STRBUF_INIT;

	jsonout_put_path(j, "file", o->path);
	jsonout_put(j, "line", json_integer(o->line));
	jsonout_put(j, "column", json_integer(o->col));
	jsonout_put(j, "kind", json_string(site_kind_name(o->kind)));
	jsonout_put(j, "arguments",
		    o->nargs >= 0 ? json_integer(o->nargs) : json_null());
	jsonout_put(j, "bucket", json_string(bucket_key(o->bucket)));
	jsonout_put(j, "changes", json_boolean(o->rewritten));
	occurrence_message(&msg, res, o, mode);
	jsonout_put(j, "message", json_stringn(msg.buf, msg.len));
	jsonout_put(j, "detail",
		    o->detail ? json_string(o->detail) : json_null());
	jsonout_put(j, "hint", o->hint ? json_string(o->hint) : json_null());
	/* The clean-up's (skchange.h): which function, what became of it. */
	if (o->function) {
		jsonout_put(j, "function", json_string(o->function));
		jsonout_put(j, "outcome", json_string(o->outcome));
	}
	jsonout_put(j, "follow_up",
		    o->follow_up ? json_string(o->follow_up) : json_null());
	jsonout_put(j, "namespace", namespace_json(o->ns));
	strbuf_release(&msg);
	return j;
}

/*
 * One file of a shard: how many of the ledger's occurrences and ## chains
 * are its (they follow each other, from the cursors), and its diff.
 */
static void shard_file_json(json_t *list, const struct run_result *res,
			    const struct scan_file *f, int unreadable,
			    const struct file_result *r, enum report_mode mode,
			    size_t cur[2])
{
	const struct ledger *l = &res->ledger;
	json_t *j = jsonout_checked(json_object());
	size_t occ = 0, nc = 0;
	struct strbuf diff = STRBUF_INIT;

	for (; cur[0] < l->nr && l->v[cur[0]].path == f->rel; cur[0]++)
		occ++;
	for (; cur[1] < l->nr_uncounted && l->uncounted[cur[1]].path == f->rel;
	     cur[1]++)
		nc++;
	jsonout_put_path(j, "file", f->rel);
	jsonout_put(j, "index", json_integer((json_int_t)(f - res->scan->v)));
	jsonout_put(j, "unreadable", json_boolean(unreadable));
	jsonout_put(j, "occurrences", json_integer((json_int_t)occ));
	jsonout_put(j, "not_counted", json_integer((json_int_t)nc));
	if (mode == REPORT_CONVERT && r && r->changed) {
		diff_unified(&diff, f->rel, r->before.buf, r->before.len,
			     r->after.buf, r->after.len);
		jsonout_put_path(j, "diff", diff.buf);
	}
	strbuf_release(&diff);
	jsonout_append(list, j);
}

/*
 * --shard K/N: what "coccidrive merge" needs to refuse a mix of runs and
 * to put the shards' files back in the order of one run (shard.h): the
 * ledger has select's unreadable files first, then the selected files,
 * each in scan order.
 */
static json_t *shard_json(const struct run_result *res, enum report_mode mode)
{
	const struct shard_info *si = &res->shard;
	json_t *j = jsonout_checked(json_object()), *files;
	size_t i, cur[2] = { 0, 0 };

	jsonout_put(j, "k", json_integer(si->k));
	jsonout_put(j, "n", json_integer(si->n));
	jsonout_put(j, "rule_digest", json_string(si->rule));
	jsonout_put(j, "spatch_version", json_string(si->spatch));
	jsonout_put(j, "tree_digest", json_string(si->tree));
	jsonout_put(j, "options", jsonout_str(si->options));
	jsonout_put(j, "keep_going", json_boolean(si->keep_going));
	files = jsonout_checked(json_array());
	for (i = 0; i < si->nr_unreadable; i++)
		shard_file_json(files, res, &res->scan->v[si->unreadable[i]], 1,
				NULL, mode, cur);
	for (i = 0; i < res->files.nr; i++)
		shard_file_json(files, res, res->files.v[i].file, 0,
				&res->files.v[i], mode, cur);
	if (cur[0] != res->ledger.nr || cur[1] != res->ledger.nr_uncounted)
		die("BUG: shard report: the ledger is not in file order");
	jsonout_put(j, "files", files);
	return j;
}

/* What the caches did: all zero and "used": false with --no-cache. */
static json_t *cache_json(const struct cache_figures *c)
{
	json_t *j = jsonout_checked(json_object());

	jsonout_put(j, "used", json_boolean(c->used));
	jsonout_put(j, "hits", json_integer((json_int_t)c->hits));
	jsonout_put(j, "misses", json_integer((json_int_t)c->misses));
	jsonout_put(j, "stored", json_integer((json_int_t)c->stored));
	jsonout_put(j, "files_not_read",
		    json_integer((json_int_t)c->files_not_read));
	return j;
}

void report_json(struct strbuf *out, const struct run_result *res,
		 enum report_mode mode, int rewritten)
{
	const struct ledger *l = &res->ledger;
	json_t *root = jsonout_checked(json_object()), *totals, *list;
	size_t i, total = 0;

	jsonout_put(root, "schema", json_integer(REPORT_SCHEMA));
	jsonout_put(root, "tool", json_string("coccidrive"));
	jsonout_put(root, "version", json_string(COCCIDRIVE_VERSION));
	jsonout_put(root, "mode",
		    json_string(mode == REPORT_CHECK ? "check" : "convert"));
	jsonout_put(root, "rewritten", json_boolean(rewritten));
	jsonout_put_path(root, "rule", res->rule->path);
	jsonout_put(root, "function", json_string(res->rule->ident));
	jsonout_put(root, "backport", json_boolean(res->rule->drop_first_arg));
	/* Every "file" below is relative to it, as the patch's paths are. */
	jsonout_put_path(root, "root", res->root);
	jsonout_put(root, "files_scanned",
		    json_integer((json_int_t)l->files_scanned));
	jsonout_put(root, "directories_skipped",
		    json_integer((json_int_t)res->scan->dirs_skipped));
	jsonout_put(root, "links_skipped",
		    json_integer((json_int_t)res->scan->links_skipped));
	jsonout_put(root, "files_with_occurrences",
		    json_integer((json_int_t)l->files_matched));
	jsonout_put(root, "files_changed",
		    json_integer((json_int_t)l->files_changed));
	jsonout_put(root, "spatch_runs",
		    json_integer((json_int_t)res->spatch_runs));
	jsonout_put(root, "spatch_failures",
		    json_integer((json_int_t)res->spatch_failures));
	jsonout_put(root, "slice_fallbacks",
		    json_integer((json_int_t)res->slice_fallbacks));
	jsonout_put(root, "cache", cache_json(&res->cache));
	totals = jsonout_checked(json_object());
	for (i = 0; i < BUCKET_NR; i++) {
		jsonout_put(totals, bucket_key((enum bucket)i),
			    json_integer((json_int_t)l->count[i]));
		total += l->count[i];
	}
	jsonout_put(totals, "total", json_integer((json_int_t)total));
	if (res->rule->cleanup) {
		jsonout_put(totals, "folded",
			    json_integer((json_int_t)l->folded));
		jsonout_put(totals, "released",
			    json_integer((json_int_t)l->released));
	}
	jsonout_put(root, "totals", totals);
	list = jsonout_checked(json_array());
	for (i = 0; i < l->nr; i++)
		jsonout_append(list, occurrence_json(res, &l->v[i], mode));
	jsonout_put(root, "occurrences", list);
	/* ## chains that could paste the name but no use makes them. */
	list = jsonout_checked(json_array());
	for (i = 0; i < l->nr_uncounted; i++) {
		json_t *j = occurrence_json(res, &l->uncounted[i], mode);

		jsonout_put(j, "bucket", json_string("not_counted"));
		jsonout_put(j, "message", json_string(l->uncounted[i].detail));
		jsonout_append(list, j);
	}
	jsonout_put(root, "not_counted", list);
	if (res->shard.n)
		jsonout_put(root, "shard", shard_json(res, mode));
	jsonout_dump(out, root);
}
