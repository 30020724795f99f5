// SPDX-License-Identifier: GPL-2.0-only
#include "report.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
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
	}
	add_count(sb, calls, "call to convert", "calls to convert");
	add_count(sb, decls, "declaration to convert",
		  "declarations to convert");
	add_count(sb, manual, "needing manual work", "needing manual work");
	add_count(sb, notes, "note", "notes");
	add_count(sb, hints, "hint", "hints");
}

void report_summary(FILE *fp, const struct run_result *res, const char *what,
		    enum report_mode mode, const char *where)
{
	const struct ledger *l = &res->ledger;
	const char *id = res->rule->ident;
	size_t i, total = 0;
	struct strbuf q = STRBUF_INIT, items = STRBUF_INIT;

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
	fprintf(fp, ", %zu with %s, %zu spatch %s, %zu %s\n", l->files_matched,
		id, res->spatch_runs, plural(res->spatch_runs, "run", "runs"),
		l->files_changed,
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
	if (l->count[BUCKET_CONVERTED])
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
	const struct ledger *l = &res->ledger;
	size_t i;
	struct strbuf q = STRBUF_INIT, msg = STRBUF_INIT;

	for (i = 0; i < l->nr; i++) {
		const struct occurrence *o = &l->v[i];

		if (!listed_as_item(o, mode) && !has_note(o) && !o->hint)
			continue;
		qpath(&q, o->path);
		if (listed_as_item(o, mode)) {
			strbuf_reset(&msg);
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

/* Bucket names as JSON keys and values: no spaces. */
static const char *bucket_key(enum bucket b)
{
	return b == BUCKET_ALREADY ? "already_converted" : bucket_name(b);
}

/* jansson reports allocation failure as NULL: as fatal as anywhere else. */
static json_t *checked(json_t *v)
{
	if (!v)
		die("out of memory building the JSON report");
	return v;
}

static void put(json_t *obj, const char *key, json_t *v)
{
	if (json_object_set_new(obj, key, checked(v)))
		die("out of memory building the JSON report");
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	size_t len, i;
	unsigned cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	/* No overlong forms, no surrogates, nothing past U+10FFFF. */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

/*
 * A file name as JSON.  JSON strings are Unicode and a Linux file name is
 * any bytes: a name that is not UTF-8 is given with each invalid byte as
 * U+FFFD under "key", and exactly, as hexadecimal bytes, under "key_hex".
 */
static void put_path(json_t *obj, const char *key, const char *path)
{
	const unsigned char *p = (const unsigned char *)path;
	size_t n = strlen(path), i = 0;
	struct strbuf lossy = STRBUF_INIT, hex = STRBUF_INIT, k = STRBUF_INIT;

	while (i < n) {
		size_t len = utf8_len(p + i, n - i);

		if (len) {
			strbuf_add(&lossy, p + i, len);
			i += len;
		} else {
			strbuf_addstr(&lossy, "\xef\xbf\xbd");
			i++;
		}
	}
	put(obj, key, json_stringn(lossy.buf, lossy.len));
	if (lossy.len != n || memcmp(lossy.buf, path, n)) {
		for (i = 0; i < n; i++)
			strbuf_addf(&hex, "%02x", p[i]);
		strbuf_addf(&k, "%s_hex", key);
		put(obj, k.buf, json_string(hex.buf));
	}
	strbuf_release(&lossy);
	strbuf_release(&hex);
	strbuf_release(&k);
}

static json_t *occurrence_json(const struct run_result *res,
			       const struct occurrence *o,
			       enum report_mode mode)
{
	json_t *j = checked(json_object());
	struct strbuf msg = STRBUF_INIT;

	put_path(j, "file", o->path);
	put(j, "line", json_integer(o->line));
	put(j, "column", json_integer(o->col));
	put(j, "kind", json_string(site_kind_name(o->kind)));
	put(j, "arguments",
	    o->nargs >= 0 ? json_integer(o->nargs) : json_null());
	put(j, "bucket", json_string(bucket_key(o->bucket)));
	put(j, "changes", json_boolean(o->rewritten));
	occurrence_message(&msg, res, o, mode);
	put(j, "message", json_stringn(msg.buf, msg.len));
	put(j, "detail", o->detail ? json_string(o->detail) : json_null());
	put(j, "hint", o->hint ? json_string(o->hint) : json_null());
	strbuf_release(&msg);
	return j;
}

void report_json(struct strbuf *out, const struct run_result *res,
		 enum report_mode mode, int rewritten)
{
	const struct ledger *l = &res->ledger;
	json_t *root = checked(json_object()), *totals, *list;
	size_t i, total = 0;
	char *text;

	put(root, "schema", json_integer(REPORT_SCHEMA));
	put(root, "tool", json_string("coccidrive"));
	put(root, "version", json_string(COCCIDRIVE_VERSION));
	put(root, "mode",
	    json_string(mode == REPORT_CHECK ? "check" : "convert"));
	put(root, "rewritten", json_boolean(rewritten));
	put_path(root, "rule", res->rule->path);
	put(root, "function", json_string(res->rule->ident));
	/* Every "file" below is relative to it, as the patch's paths are. */
	put_path(root, "root", res->root);
	put(root, "files_scanned", json_integer((json_int_t)l->files_scanned));
	put(root, "directories_skipped",
	    json_integer((json_int_t)res->scan->dirs_skipped));
	put(root, "links_skipped",
	    json_integer((json_int_t)res->scan->links_skipped));
	put(root, "files_with_occurrences",
	    json_integer((json_int_t)l->files_matched));
	put(root, "files_changed", json_integer((json_int_t)l->files_changed));
	put(root, "spatch_runs", json_integer((json_int_t)res->spatch_runs));
	put(root, "spatch_failures",
	    json_integer((json_int_t)res->spatch_failures));
	totals = checked(json_object());
	for (i = 0; i < BUCKET_NR; i++) {
		put(totals, bucket_key((enum bucket)i),
		    json_integer((json_int_t)l->count[i]));
		total += l->count[i];
	}
	put(totals, "total", json_integer((json_int_t)total));
	put(root, "totals", totals);
	list = checked(json_array());
	for (i = 0; i < l->nr; i++)
		if (json_array_append_new(list,
					  occurrence_json(res, &l->v[i], mode)))
			die("out of memory building the JSON report");
	put(root, "occurrences", list);
	/* ## chains that could paste the name but no use makes them. */
	list = checked(json_array());
	for (i = 0; i < l->nr_uncounted; i++) {
		json_t *j = occurrence_json(res, &l->uncounted[i], mode);

		put(j, "bucket", json_string("not_counted"));
		put(j, "message", json_string(l->uncounted[i].detail));
		if (json_array_append_new(list, j))
			die("out of memory building the JSON report");
	}
	put(root, "not_counted", list);
	text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (!text)
		die("out of memory building the JSON report");
	json_decref(root);
	strbuf_addstr(out, text);
	strbuf_addch(out, '\n');
	free(text);
}
