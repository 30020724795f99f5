// SPDX-License-Identifier: GPL-2.0-only
#include "report.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
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

void report_summary(FILE *fp, const struct run_result *res, const char *what)
{
	const struct ledger *l = &res->ledger;
	const char *id = res->rule->ident;
	size_t i, total = 0;
	struct strbuf q = STRBUF_INIT;

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
			fprintf(fp, "    %s:%u:%u: %s\n", qpath(&q, o->path),
				o->line, o->col, o->detail);
	}
	for (i = 0; i < l->nr; i++) {
		const struct occurrence *o = &l->v[i];

		/* Converted, but not by spatch's first plain attempt. */
		if (o->bucket == BUCKET_CONVERTED && o->detail)
			fprintf(fp, "  note: %s:%u:%u: %s\n",
				qpath(&q, o->path), o->line, o->col, o->detail);
	}
	for (i = 0; i < l->nr; i++)
		if (l->v[i].hint)
			fprintf(fp, "  hint: %s:%u:%u: %s\n",
				qpath(&q, l->v[i].path), l->v[i].line,
				l->v[i].col, l->v[i].hint);
	for (i = 0; i < l->nr_uncounted; i++)
		fprintf(fp, "  not counted: %s:%u:%u: %s\n",
			qpath(&q, l->uncounted[i].path), l->uncounted[i].line,
			l->uncounted[i].col, l->uncounted[i].detail);
	fprintf(fp, "  %-20s %zu\n", "total occurrences:", total);
	if (l->count[BUCKET_CONVERTED])
		fprintf(fp,
			"note: &init_net keeps the old behaviour; the new "
			"parameter is there so that each caller passes the "
			"namespace it works in. Review every converted call.\n");
	strbuf_release(&q);
}

void report_check_lines(FILE *fp, const struct run_result *res)
{
	const struct ledger *l = &res->ledger;
	size_t i;
	struct strbuf q = STRBUF_INIT;

	for (i = 0; i < l->nr; i++) {
		const struct occurrence *o = &l->v[i];

		if (o->bucket == BUCKET_CONVERTED)
			fprintf(fp,
				"%s:%u:%u: %s() called with %d arguments, "
				"without a struct net *; convert would add "
				"%s\n",
				qpath(&q, o->path), o->line, o->col,
				res->rule->ident, o->nargs,
				res->rule->new_arg ? res->rule->new_arg :
						     "an argument");
		else if (o->bucket == BUCKET_DECL && o->rewritten)
			fprintf(fp,
				"%s:%u:%u: %s without a struct net * "
				"parameter; convert would add it\n",
				qpath(&q, o->path), o->line, o->col,
				site_kind_name(o->kind));
		else if (o->bucket == BUCKET_MANUAL)
			fprintf(fp, "%s:%u:%u: needs manual work: %s\n",
				qpath(&q, o->path), o->line, o->col, o->detail);
	}
	strbuf_release(&q);
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

static json_t *occurrence_json(const struct occurrence *o)
{
	json_t *j = checked(json_object());

	put_path(j, "file", o->path);
	put(j, "line", json_integer(o->line));
	put(j, "column", json_integer(o->col));
	put(j, "kind", json_string(site_kind_name(o->kind)));
	put(j, "arguments",
	    o->nargs >= 0 ? json_integer(o->nargs) : json_null());
	put(j, "bucket", json_string(bucket_key(o->bucket)));
	put(j, "rewritten", json_boolean(o->rewritten));
	put(j, "detail", o->detail ? json_string(o->detail) : json_null());
	put(j, "hint", o->hint ? json_string(o->hint) : json_null());
	return j;
}

void report_json(const struct run_result *res, const char *path)
{
	const struct ledger *l = &res->ledger;
	json_t *root = checked(json_object()), *totals, *list;
	size_t i, total = 0;
	char *text;

	put(root, "tool", json_string("coccidrive"));
	put(root, "version", json_string(COCCIDRIVE_VERSION));
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
		if (json_array_append_new(list, occurrence_json(&l->v[i])))
			die("out of memory building the JSON report");
	put(root, "occurrences", list);
	/* ## chains that could paste the name but no use makes them. */
	list = checked(json_array());
	for (i = 0; i < l->nr_uncounted; i++) {
		json_t *j = occurrence_json(&l->uncounted[i]);

		put(j, "bucket", json_string("not_counted"));
		if (json_array_append_new(list, j))
			die("out of memory building the JSON report");
	}
	put(root, "not_counted", list);
	text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (!text)
		die("out of memory building the JSON report");
	json_decref(root);
	{
		struct strbuf sb = STRBUF_INIT;

		strbuf_addstr(&sb, text);
		strbuf_addch(&sb, '\n');
		free(text);
		atomic_output(path, sb.buf, sb.len);
		strbuf_release(&sb);
	}
}
