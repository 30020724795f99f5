// SPDX-License-Identifier: GPL-2.0-only
#include "findings_report.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsonout.h"
#include "ledger.h"
#include "util.h"

#define SARIF_SCHEMA_URI                                              \
	"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/" \
	"schemas/sarif-schema-2.1.0.json"

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

int findings_format_parse(const char *name, enum findings_format *fmt)
{
	static const struct {
		const char *name;
		enum findings_format fmt;
	} names[] = {
		{ "text", FINDINGS_TEXT },
		{ "json", FINDINGS_JSON },
		{ "sarif", FINDINGS_SARIF },
		{ "github", FINDINGS_GITHUB },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (!strcmp(name, names[i].name)) {
			*fmt = names[i].fmt;
			return 0;
		}
	return -1;
}

/* The end column of the identifier, exclusive; 0 where it is unknown. */
static unsigned end_column(const struct finding *x, const struct cocci *rule)
{
	if (x->kind == SITE_PASTE || !rule->ident)
		return 0;
	return x->col + (unsigned)strlen(rule->ident);
}

/* ---- text */

/* A subject in double quotes: '"', '\\' and control bytes as C escapes. */
static void add_quoted_subject(struct strbuf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)or_empty(s);

	strbuf_addch(out, '"');
	for (; *p; p++) {
		if (*p == '"' || *p == '\\')
			strbuf_addf(out, "\\%c", *p);
		else if (*p == '\t')
			strbuf_addstr(out, "\\t");
		else if (*p < 0x20 || *p == 0x7f)
			strbuf_addf(out, "\\%03o", *p);
		else
			strbuf_addch(out, (char)*p);
	}
	strbuf_addch(out, '"');
}

/*
 * "commit SHORT "SUBJECT"", or "patch N "SUBJECT"" for a mail of an mbox
 * that names no commit.
 */
static void add_commit_tag(struct strbuf *out, const struct series_commit *c)
{
	if (c->short_id[0])
		strbuf_addf(out, "commit %s ", c->short_id);
	else
		strbuf_addf(out, "patch %u ", c->index);
	add_quoted_subject(out, c->subject);
}

/* "MESSAGE [commit SHORT "SUBJECT"]": the words of a finding's line. */
static void add_message(struct strbuf *out, const struct finding *x)
{
	strbuf_addstr(out, or_empty(x->message));
	strbuf_addstr(out, " [");
	if (x->commit)
		add_commit_tag(out, x->commit);
	else
		strbuf_addstr(out, "pre-existing");
	strbuf_addch(out, ']');
}

/* "fixed later in the series, by commit SHORT "SUBJECT"" */
static void add_fixed_later(struct strbuf *out, const struct finding *x)
{
	strbuf_addstr(out, "fixed later in the series, by ");
	add_commit_tag(out, x->fixed_by);
}

/*
 * The message and the lines that follow it in the text (note, hint, fixed
 * later), joined by newlines: SARIF's message and GitHub's annotation.
 */
static void add_full_message(struct strbuf *out, const struct finding *x)
{
	add_message(out, x);
	if (x->note)
		strbuf_addf(out, "\nnote: %s", x->note);
	if (x->hint)
		strbuf_addf(out, "\nhint: %s", x->hint);
	if (x->fixed_by) {
		strbuf_addstr(out, "\nnote: ");
		add_fixed_later(out, x);
	}
}

void findings_text(struct strbuf *out, const struct findings *f)
{
	struct strbuf where = STRBUF_INIT;
	size_t i;

	for (i = 0; i < f->nr; i++) {
		const struct finding *x = &f->v[i];

		strbuf_reset(&where);
		strbuf_add_quoted_path(&where, "", x->file);
		strbuf_addf(&where, ":%u:%u: ", x->line, x->col);
		strbuf_addbuf(out, &where);
		add_message(out, x);
		strbuf_addch(out, '\n');
		if (x->note)
			strbuf_addf(out, "%snote: %s\n", where.buf, x->note);
		if (x->hint)
			strbuf_addf(out, "%shint: %s\n", where.buf, x->hint);
		if (x->fixed_by) {
			strbuf_addf(out, "%snote: ", where.buf);
			add_fixed_later(out, x);
			strbuf_addch(out, '\n');
		}
	}
	strbuf_release(&where);
}

/* ---- json */

static json_t *commit_json(const struct series_commit *c)
{
	json_t *j = jsonout_checked(json_object());

	jsonout_put(j, "id", json_string(c->id));
	jsonout_put(j, "short_id", json_string(c->short_id));
	jsonout_put(j, "subject", jsonout_str(or_empty(c->subject)));
	jsonout_put(j, "index", json_integer(c->index));
	return j;
}

static json_t *finding_json(const struct finding *x)
{
	json_t *j = jsonout_checked(json_object());

	jsonout_put(j, "commit",
		    x->commit ? json_string(x->commit->id) : json_null());
	jsonout_put(j, "commit_index",
		    x->commit ? json_integer(x->commit->index) : json_null());
	jsonout_put_path(j, "file", x->file);
	jsonout_put(j, "line", json_integer(x->line));
	jsonout_put(j, "column", json_integer(x->col));
	jsonout_put(j, "kind", json_string(site_kind_name(x->kind)));
	jsonout_put(j, "bucket", json_string(bucket_key(x->bucket)));
	jsonout_put(j, "message", jsonout_str(or_empty(x->message)));
	jsonout_put(j, "hint", jsonout_str(x->hint));
	jsonout_put(j, "note", jsonout_str(x->note));
	jsonout_put(j, "fixed_by",
		    x->fixed_by ? json_string(x->fixed_by->id) : json_null());
	jsonout_put(j, "preexisting", json_boolean(x->preexisting));
	return j;
}

void findings_json(struct strbuf *out, const struct findings *f,
		   const struct cocci *rule)
{
	json_t *root = jsonout_checked(json_object()), *list, *totals;
	size_t i, count[BUCKET_NR] = { 0 }, pre = 0;

	jsonout_put(root, "schema", json_integer(FINDINGS_SCHEMA));
	jsonout_put(root, "kind", json_string(FINDINGS_KIND));
	jsonout_put(root, "tool", json_string("coccidrive"));
	jsonout_put(root, "version", json_string(COCCIDRIVE_VERSION));
	jsonout_put(root, "mode", json_string("series"));
	jsonout_put_path(root, "rule", or_empty(rule->path));
	jsonout_put(root, "function", jsonout_str(or_empty(rule->ident)));
	jsonout_put_path(root, "source", or_empty(f->source));
	jsonout_put(root, "base", jsonout_str(or_empty(f->base)));
	jsonout_put_path(root, "repo_top", or_empty(f->repo_top));
	list = jsonout_checked(json_array());
	for (i = 0; i < f->nr_commits; i++)
		jsonout_append(list, commit_json(&f->commits[i]));
	jsonout_put(root, "commits", list);
	list = jsonout_checked(json_array());
	for (i = 0; i < f->nr; i++) {
		jsonout_append(list, finding_json(&f->v[i]));
		if (f->v[i].bucket < BUCKET_NR)
			count[f->v[i].bucket]++;
		pre += !!f->v[i].preexisting;
	}
	jsonout_put(root, "findings", list);
	totals = jsonout_checked(json_object());
	for (i = 0; i < BUCKET_NR; i++)
		jsonout_put(totals, bucket_key((enum bucket)i),
			    json_integer((json_int_t)count[i]));
	jsonout_put(totals, "preexisting", json_integer((json_int_t)pre));
	jsonout_put(totals, "new", json_integer((json_int_t)(f->nr - pre)));
	jsonout_put(totals, "total", json_integer((json_int_t)f->nr));
	jsonout_put(root, "totals", totals);
	jsonout_dump(out, root);
}

/* ---- sarif */

char *findings_rule_id(const struct cocci *rule)
{
	const char *path = or_empty(rule->path), *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	size_t n = strlen(name);

	if (n > 6 && !strcmp(name + n - 6, ".cocci"))
		n -= 6;
	if (!n) /* no file name: the function is the next best thing */
		return xstrfmt("coccidrive/%s", or_empty(rule->ident));
	return xstrfmt("coccidrive/%.*s", (int)n, name);
}

/*
 * A path as a URI reference, RFC 3986: each byte but the unreserved
 * characters, the sub-delimiters, '@' and '/' percent-encoded (':' too,
 * which would make a relative path's first segment a scheme), so a name
 * with '%', '#', '?', a blank, a newline or any non-ASCII byte (UTF-8 or
 * not: the bytes themselves) stays one exact reference.
 */
static void add_uri_path(struct strbuf *out, const char *path)
{
	const unsigned char *p = (const unsigned char *)path;

	for (; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~!$&'()*+,;=@/", *p))
			strbuf_addch(out, (char)*p);
		else
			strbuf_addf(out, "%%%02X", *p);
	}
}

static json_t *text_json(const char *text)
{
	json_t *j = jsonout_checked(json_object());

	jsonout_put(j, "text", jsonout_str(text));
	return j;
}

/* The first paragraph of the description, its lines joined by blanks. */
static void first_paragraph(struct strbuf *out, const char *desc)
{
	const char *end = strstr(desc, "\n\n");
	size_t n = end ? (size_t)(end - desc) : strlen(desc), i;

	for (i = 0; i < n; i++)
		strbuf_addch(out, desc[i] == '\n' ? ' ' : desc[i]);
}

/*
 * The description as paragraphs: the lines of each joined by blanks,
 * paragraphs separated by an empty line; with markdown, the characters
 * Markdown would take for markup escaped.
 */
static void paragraphs(struct strbuf *out, const char *desc, int markdown)
{
	const char *p;

	for (p = desc; *p; p++) {
		if (*p == '\n' && p[1] == '\n') {
			strbuf_addstr(out, "\n\n");
			while (p[1] == '\n')
				p++;
		} else if (*p == '\n') {
			strbuf_addch(out, ' ');
		} else {
			if (markdown && strchr("\\`*_[]<>#|", *p))
				strbuf_addch(out, '\\');
			strbuf_addch(out, *p);
		}
	}
}

static json_t *rule_json(const struct cocci *rule, const char *id)
{
	json_t *j = jsonout_checked(json_object()), *o, *tags;
	struct strbuf sb = STRBUF_INIT, dflt = STRBUF_INIT;
	const char *ident = or_empty(rule->ident);
	static const char how[] =
		"Convert with \"coccidrive convert\", or pass the namespace "
		"the caller has at hand where the finding's hint names one.";

	strbuf_addf(&dflt,
		    "%s() called or declared in its old form (%d "
		    "arguments).",
		    ident, rule->old_arity);
	jsonout_put(j, "id", json_string(id));
	strbuf_addf(&sb, "%s_old_form", ident);
	jsonout_put(j, "name", jsonout_str(sb.buf));
	strbuf_reset(&sb);
	if (rule->description)
		first_paragraph(&sb, rule->description);
	jsonout_put(j, "shortDescription",
		    text_json(sb.len ? sb.buf : dflt.buf));
	strbuf_reset(&sb);
	if (rule->description)
		paragraphs(&sb, rule->description, 0);
	jsonout_put(j, "fullDescription",
		    text_json(sb.len ? sb.buf : dflt.buf));
	o = jsonout_checked(json_object());
	if (!sb.len)
		strbuf_addbuf(&sb, &dflt);
	strbuf_addf(&sb, "\n\n%s", how);
	jsonout_put(o, "text", jsonout_str(sb.buf));
	strbuf_reset(&sb);
	if (rule->description)
		paragraphs(&sb, rule->description, 1);
	else
		paragraphs(&sb, dflt.buf, 1);
	strbuf_addstr(&sb, "\n\nConvert with `coccidrive convert`, or pass "
			   "the namespace the caller has at hand where the "
			   "finding's hint names one.");
	jsonout_put(o, "markdown", jsonout_str(sb.buf));
	jsonout_put(j, "help", o);
	o = jsonout_checked(json_object());
	jsonout_put(o, "level", json_string("error"));
	jsonout_put(j, "defaultConfiguration", o);
	o = jsonout_checked(json_object());
	tags = jsonout_checked(json_array());
	jsonout_append(tags, json_string("correctness"));
	jsonout_append(tags, json_string("api-migration"));
	jsonout_append(tags, json_string("linux-kernel"));
	jsonout_append(tags, json_string("coccinelle"));
	jsonout_put(o, "tags", tags);
	jsonout_put(o, "precision", json_string("very-high"));
	jsonout_put(j, "properties", o);
	strbuf_release(&sb);
	strbuf_release(&dflt);
	return j;
}

/* FNV-1a, 64 bits: a stable hash, not a secret one. */
static uint64_t fnv1a(uint64_t h, const char *s)
{
	const unsigned char *p = (const unsigned char *)or_empty(s);

	do { /* the terminating NUL too: "ab"+"c" is not "a"+"bc" */
		h ^= *p;
		h *= 0x100000001b3ULL;
	} while (*p++);
	return h;
}

static uint64_t finding_hash(const struct finding *x, const char *id)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	h = fnv1a(h, id);
	h = fnv1a(h, x->file);
	h = fnv1a(h, site_kind_name(x->kind));
	h = fnv1a(h, bucket_key(x->bucket));
	h = fnv1a(h, x->message);
	return fnv1a(h, x->hint);
}

struct print {
	uint64_t hash;
	unsigned line, col;
	size_t index, ordinal;
};

static int cmp_print(const void *a, const void *b)
{
	const struct print *x = a, *y = b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/*
 * Each finding's fingerprint, "HASH:N": HASH of what identifies it but
 * not where (rule, file, kind, bucket, message, hint: the hint names the
 * enclosing function), N its rank among the findings of the same HASH
 * by line, so that two identical calls in one file stay two alerts.
 */
static char **fingerprints(const struct findings *f, const char *id)
{
	struct print *p = xcalloc(f->nr ? f->nr : 1, sizeof(*p));
	char **out = xcalloc(f->nr ? f->nr : 1, sizeof(*out));
	size_t i;

	for (i = 0; i < f->nr; i++) {
		p[i].hash = finding_hash(&f->v[i], id);
		p[i].line = f->v[i].line;
		p[i].col = f->v[i].col;
		p[i].index = i;
	}
	if (f->nr > 1)
		qsort(p, f->nr, sizeof(*p), cmp_print);
	for (i = 0; i < f->nr; i++) {
		p[i].ordinal = i && p[i - 1].hash == p[i].hash ?
				       p[i - 1].ordinal + 1 :
				       1;
		out[p[i].index] = xstrfmt("%016llx:%zu",
					  (unsigned long long)p[i].hash,
					  p[i].ordinal);
	}
	free(p);
	return out;
}

static json_t *result_json(const struct finding *x, const struct cocci *rule,
			   const char *id, const char *print)
{
	json_t *j = jsonout_checked(json_object()), *o, *loc, *phys, *region;
	struct strbuf sb = STRBUF_INIT;
	unsigned end = end_column(x, rule);

	jsonout_put(j, "ruleId", json_string(id));
	jsonout_put(j, "ruleIndex", json_integer(0));
	jsonout_put(j, "level", json_string(x->commit ? "error" : "warning"));
	add_full_message(&sb, x);
	jsonout_put(j, "message", text_json(sb.buf));

	o = jsonout_checked(json_object());
	strbuf_reset(&sb);
	add_uri_path(&sb, x->file);
	jsonout_put(o, "uri", json_string(sb.buf));
	jsonout_put(o, "uriBaseId", json_string("%SRCROOT%"));
	phys = jsonout_checked(json_object());
	jsonout_put(phys, "artifactLocation", o);
	region = jsonout_checked(json_object());
	jsonout_put(region, "startLine", json_integer(x->line));
	jsonout_put(region, "startColumn", json_integer(x->col));
	if (end)
		jsonout_put(region, "endColumn", json_integer(end));
	jsonout_put(phys, "region", region);
	loc = jsonout_checked(json_object());
	jsonout_put(loc, "physicalLocation", phys);
	o = jsonout_checked(json_array());
	jsonout_append(o, loc);
	jsonout_put(j, "locations", o);

	o = jsonout_checked(json_object());
	jsonout_put(o, "coccidriveFinding/v1", json_string(print));
	jsonout_put(j, "partialFingerprints", o);

	o = jsonout_checked(json_object());
	if (x->commit) {
		jsonout_put(o, "commit", json_string(x->commit->id));
		jsonout_put(o, "commit_short_id",
			    json_string(x->commit->short_id));
		jsonout_put(o, "commit_subject",
			    jsonout_str(or_empty(x->commit->subject)));
		jsonout_put(o, "commit_index", json_integer(x->commit->index));
	} else {
		jsonout_put(o, "commit", json_null());
	}
	jsonout_put(o, "preexisting", json_boolean(x->preexisting));
	jsonout_put(o, "kind", json_string(site_kind_name(x->kind)));
	jsonout_put(o, "bucket", json_string(bucket_key(x->bucket)));
	jsonout_put(o, "hint", jsonout_str(x->hint));
	jsonout_put(o, "fixed_by",
		    x->fixed_by ? json_string(x->fixed_by->id) : json_null());
	jsonout_put(j, "properties", o);
	strbuf_release(&sb);
	return j;
}

void findings_sarif(struct strbuf *out, const struct findings *f,
		    const struct cocci *rule)
{
	json_t *root = jsonout_checked(json_object()), *run, *o, *list, *drv;
	char *id = findings_rule_id(rule), **prints = fingerprints(f, id);
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	jsonout_put(root, "$schema", json_string(SARIF_SCHEMA_URI));
	jsonout_put(root, "version", json_string("2.1.0"));
	run = jsonout_checked(json_object());

	drv = jsonout_checked(json_object());
	jsonout_put(drv, "name", json_string("coccidrive"));
	jsonout_put(drv, "version", json_string(COCCIDRIVE_VERSION));
	jsonout_put(drv, "semanticVersion", json_string(COCCIDRIVE_VERSION));
	list = jsonout_checked(json_array());
	jsonout_append(list, rule_json(rule, id));
	jsonout_put(drv, "rules", list);
	o = jsonout_checked(json_object());
	jsonout_put(o, "driver", drv);
	jsonout_put(run, "tool", o);

	o = jsonout_checked(json_object());
	jsonout_put(o, "executionSuccessful", json_true());
	list = jsonout_checked(json_array());
	jsonout_append(list, o);
	jsonout_put(run, "invocations", list);

	/* file:///TOP/: absolute, percent-encoded, ending in '/'. */
	strbuf_addstr(&sb, "file://");
	if (or_empty(f->repo_top)[0] != '/')
		strbuf_addch(&sb, '/');
	add_uri_path(&sb, or_empty(f->repo_top));
	if (sb.buf[sb.len - 1] != '/')
		strbuf_addch(&sb, '/');
	o = jsonout_checked(json_object());
	jsonout_put(o, "uri", json_string(sb.buf));
	list = jsonout_checked(json_object());
	jsonout_put(list, "%SRCROOT%", o);
	jsonout_put(run, "originalUriBaseIds", list);

	list = jsonout_checked(json_array());
	for (i = 0; i < f->nr; i++)
		jsonout_append(list,
			       result_json(&f->v[i], rule, id, prints[i]));
	jsonout_put(run, "results", list);
	jsonout_put(run, "columnKind", json_string("unicodeCodePoints"));

	o = jsonout_checked(json_object());
	jsonout_put(o, "mode", json_string("series"));
	jsonout_put(o, "source", jsonout_str(or_empty(f->source)));
	jsonout_put(o, "base", jsonout_str(or_empty(f->base)));
	jsonout_put(run, "properties", o);

	list = jsonout_checked(json_array());
	jsonout_append(list, run);
	jsonout_put(root, "runs", list);
	jsonout_dump(out, root);
	for (i = 0; i < f->nr; i++)
		free(prints[i]);
	free(prints);
	free(id);
	strbuf_release(&sb);
}

/* ---- github */

/*
 * GitHub's toolkit (@actions/core): escapeData for the message, and
 * escapeProperty, which adds ':' and ',', for a property's value.  Bytes
 * that are not UTF-8 become U+FFFD: the runner reads UTF-8.
 */
static void add_escaped(struct strbuf *out, const char *s, int property)
{
	struct strbuf u = STRBUF_INIT;
	size_t i;

	utf8_lossy(&u, or_empty(s), strlen(or_empty(s)));
	for (i = 0; i < u.len; i++) {
		char c = u.buf[i];

		if (c == '%')
			strbuf_addstr(out, "%25");
		else if (c == '\r')
			strbuf_addstr(out, "%0D");
		else if (c == '\n')
			strbuf_addstr(out, "%0A");
		else if (property && c == ':')
			strbuf_addstr(out, "%3A");
		else if (property && c == ',')
			strbuf_addstr(out, "%2C");
		else
			strbuf_addch(out, c);
	}
	strbuf_release(&u);
}

void findings_github(struct strbuf *out, const struct findings *f,
		     const struct cocci *rule)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < f->nr; i++) {
		const struct finding *x = &f->v[i];
		unsigned end = end_column(x, rule);

		strbuf_addstr(out,
			      x->commit ? "::error file=" : "::warning file=");
		add_escaped(out, x->file, 1);
		strbuf_addf(out, ",line=%u,col=%u", x->line, x->col);
		if (end)
			strbuf_addf(out, ",endColumn=%u", end);
		strbuf_addstr(out, ",title=");
		strbuf_reset(&sb);
		if (x->commit)
			strbuf_addf(&sb, "coccidrive: commit %s",
				    x->commit->short_id);
		else
			strbuf_addstr(&sb, "coccidrive: pre-existing");
		add_escaped(out, sb.buf, 1);
		strbuf_addstr(out, "::");
		strbuf_reset(&sb);
		add_full_message(&sb, x);
		add_escaped(out, sb.buf, 0);
		strbuf_addch(out, '\n');
	}
	strbuf_release(&sb);
}

void findings_report(struct strbuf *out, const struct findings *f,
		     const struct cocci *rule, enum findings_format fmt)
{
	switch (fmt) {
	case FINDINGS_TEXT:
		findings_text(out, f);
		break;
	case FINDINGS_JSON:
		findings_json(out, f, rule);
		break;
	case FINDINGS_SARIF:
		findings_sarif(out, f, rule);
		break;
	case FINDINGS_GITHUB:
		findings_github(out, f, rule);
		break;
	}
}
