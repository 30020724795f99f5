// SPDX-License-Identifier: GPL-2.0-only
#include "merge.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "jsonout.h"
#include "util.h"

struct shard_report {
	const char *path;
	json_t *j; /* the whole report */
	json_t *shard; /* its "shard" */
	unsigned k;
};

/* One file's share of a shard's report. */
struct part {
	const struct shard_report *from;
	const char *file;
	int unreadable;
	json_int_t index;
	size_t occ, nr_occ, nc, nr_nc;
	json_t *diff; /* the string, or NULL */
	const char *diff_hex;
};

static void __attribute__((noreturn))
not_ours(const char *path, const char *what)
{
	die("%s: %s: not the JSON report of coccidrive convert or check "
	    "--shard K/N",
	    path, what);
}

static json_t *member(const char *path, json_t *obj, const char *key,
		      json_type type)
{
	json_t *v = json_object_get(obj, key);
	char what[128];

	if (!v || json_typeof(v) != type) {
		snprintf(what, sizeof(what), "no %s \"%s\"",
			 type == JSON_INTEGER ? "number" :
			 type == JSON_STRING  ? "string" :
			 type == JSON_ARRAY   ? "list" :
						"object",
			 key);
		not_ours(path, what);
	}
	return v;
}

static json_int_t number(const char *path, json_t *obj, const char *key)
{
	return json_integer_value(member(path, obj, key, JSON_INTEGER));
}

static const char *string(const char *path, json_t *obj, const char *key)
{
	return json_string_value(member(path, obj, key, JSON_STRING));
}

static void load(struct shard_report *r, const char *path)
{
	json_error_t err;
	json_int_t k, n;

	r->path = path;
	r->j = json_load_file(path, JSON_REJECT_DUPLICATES, &err);
	if (!r->j)
		die("%s: %s (line %d)", path, err.text, err.line);
	if (!json_is_object(r->j))
		not_ours(path, "not an object");
	if (strcmp(string(path, r->j, "tool"), "coccidrive"))
		not_ours(path, "\"tool\" is not coccidrive");
	if (number(path, r->j, "schema") != REPORT_SCHEMA)
		die("%s: schema %lld, not %d: made by another version of "
		    "coccidrive",
		    path, (long long)number(path, r->j, "schema"),
		    REPORT_SCHEMA);
	r->shard = json_object_get(r->j, "shard");
	if (!json_is_object(r->shard))
		die("%s: no \"shard\": the report of a whole run, not of one "
		    "made with --shard K/N",
		    path);
	k = number(path, r->shard, "k");
	n = number(path, r->shard, "n");
	if (n < 1 || k < 1 || k > n || n > 1000000)
		die("%s: shard %lld/%lld: not K/N with 1 <= K <= N", path,
		    (long long)k, (long long)n);
	r->k = (unsigned)k;
}

/* a and b must agree on key (of obj, or of their "shard" if in_shard). */
static void same(const struct shard_report *a, const struct shard_report *b,
		 int in_shard, const char *key, const char *what)
{
	json_t *x = json_object_get(in_shard ? a->shard : a->j, key);
	json_t *y = json_object_get(in_shard ? b->shard : b->j, key);
	char *xs, *ys;

	if (!x || !y)
		not_ours(x ? b->path : a->path, key);
	if (json_equal(x, y))
		return;
	xs = json_dumps(x, JSON_ENCODE_ANY);
	ys = json_dumps(y, JSON_ENCODE_ANY);
	die("%s: made with %s %s, but %s with %s: not shards of one run",
	    b->path, what, ys ? ys : "?", a->path, xs ? xs : "?");
}

static void check_same_run(const struct shard_report *a,
			   const struct shard_report *b)
{
	same(a, b, 1, "n", "a number of shards");
	same(a, b, 0, "mode", "mode");
	same(a, b, 0, "version", "coccidrive");
	same(a, b, 0, "function", "function");
	same(a, b, 1, "rule_digest", "another rule (or macro file), digest");
	same(a, b, 1, "spatch_version", "spatch");
	same(a, b, 1, "tree_digest",
	     "another tree (a file changed, added or removed between the "
	     "shards), digest");
	same(a, b, 1, "options", "options");
	same(a, b, 0, "files_scanned", "files scanned");
	same(a, b, 0, "directories_skipped", "directories skipped");
	same(a, b, 0, "links_skipped", "links skipped");
}

/* A report's files, each with its slices of occurrences and chains. */
static void add_parts(struct part **parts, size_t *nr, size_t *alloc,
		      const struct shard_report *r)
{
	json_t *files = member(r->path, r->shard, "files", JSON_ARRAY);
	size_t nocc = json_array_size(
		member(r->path, r->j, "occurrences", JSON_ARRAY));
	size_t nnc = json_array_size(
		member(r->path, r->j, "not_counted", JSON_ARRAY));
	size_t i, occ = 0, nc = 0;

	for (i = 0; i < json_array_size(files); i++) {
		json_t *f = json_array_get(files, i);
		struct part *p;
		json_int_t o, c;

		ALLOC_GROW(*parts, *nr + 1, *alloc);
		p = &(*parts)[(*nr)++];
		memset(p, 0, sizeof(*p));
		if (!json_is_object(f))
			not_ours(r->path, "a \"shard\" file is not an object");
		p->from = r;
		p->file = string(r->path, f, "file");
		p->index = number(r->path, f, "index");
		p->unreadable = json_is_true(json_object_get(f, "unreadable"));
		o = number(r->path, f, "occurrences");
		c = number(r->path, f, "not_counted");
		if (o < 0 || c < 0 || (size_t)o > nocc - occ ||
		    (size_t)c > nnc - nc)
			break;
		p->occ = occ;
		p->nr_occ = (size_t)o;
		p->nc = nc;
		p->nr_nc = (size_t)c;
		occ += (size_t)o;
		nc += (size_t)c;
		p->diff = json_object_get(f, "diff");
		if (p->diff && !json_is_string(p->diff))
			not_ours(r->path, "a \"diff\" is not a string");
		if (json_object_get(f, "diff_hex"))
			p->diff_hex = string(r->path, f, "diff_hex");
	}
	if (occ != nocc || nc != nnc || i != json_array_size(files))
		die("%s: its \"shard\" files do not add up to its occurrences: "
		    "not a report coccidrive wrote",
		    r->path);
}

/* The order of one run: unreadable files first, then by scan index. */
static int run_order(const void *a, const void *b)
{
	const struct part *x = a, *y = b;

	if (x->unreadable != y->unreadable)
		return x->unreadable ? -1 : 1;
	if (x->index != y->index)
		return x->index < y->index ? -1 : 1;
	return 0;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* "file_hex", "diff_hex": the exact bytes jsonout_put_path() kept. */
static void unhex(struct strbuf *sb, const char *path, const char *hex)
{
	size_t i, n = strlen(hex);

	for (i = 0; i + 1 < n; i += 2) {
		int hi = hexval(hex[i]), lo = hexval(hex[i + 1]);

		if (hi < 0 || lo < 0)
			break;
		strbuf_addch(sb, hi * 16 + lo);
	}
	if (i != n)
		not_ours(path, "bad hexadecimal in a \"_hex\" value");
}

static void add_diff(struct strbuf *out, const struct part *p)
{
	if (p->diff_hex)
		unhex(out, p->from->path, p->diff_hex);
	else if (p->diff)
		strbuf_add(out, json_string_value(p->diff),
			   json_string_length(p->diff));
}

/*
 * The sum of key over the reports where the first has a number that
 * names no property of the whole tree: a count of each shard's work.
 */
static void sum_counts(json_t *obj, const struct shard_report *v, size_t nr,
		       const char *within)
{
	static const char *const whole[] = { "schema", "files_scanned",
					     "directories_skipped",
					     "links_skipped" };
	void *it;
	size_t i, w;

	for (it = json_object_iter(obj); it;
	     it = json_object_iter_next(obj, it)) {
		const char *key = json_object_iter_key(it);
		json_t *val = json_object_iter_value(it);
		json_int_t sum = 0;
		int skip = 0;

		if (!json_is_integer(val))
			continue;
		for (w = 0; !within && w < ARRAY_SIZE(whole); w++)
			skip |= !strcmp(key, whole[w]);
		if (skip)
			continue;
		for (i = 0; i < nr; i++) {
			json_t *in = within ? member(v[i].path, v[i].j, within,
						     JSON_OBJECT) :
					      v[i].j;

			sum += number(v[i].path, in, key);
		}
		json_integer_set(val, sum);
	}
}

/*
 * How the work was done, not what it found: the shards' cache figures
 * added up (each file's result is one shard's), "used" only if every
 * shard used the cache.  Like spatch_runs, what one run would have
 * reported may differ.
 */
static void merge_cache_figures(json_t *rep, const struct shard_report *v,
				size_t nr)
{
	json_t *cache = json_object_get(rep, "cache");
	int used = 1;
	size_t i;

	if (!json_is_object(cache))
		return;
	sum_counts(cache, v, nr, "cache");
	for (i = 0; i < nr; i++)
		used &= json_is_true(json_object_get(
			member(v[i].path, v[i].j, "cache", JSON_OBJECT),
			"used"));
	jsonout_put(cache, "used", json_boolean(used));
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

static char *keep(struct merge *m, char *s)
{
	ALLOC_GROW(m->strings, m->nr_strings + 1, m->alloc_strings);
	m->strings[m->nr_strings++] = s;
	return s;
}

static const char *opt_string(struct merge *m, json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? keep(m, xstrdup(json_string_value(v))) :
				   NULL;
}

/* --net=infer's choice as report.c's namespace_json() wrote it. */
static struct ns_choice *rebuild_namespace(struct merge *m, json_t *o)
{
	json_t *ns = json_object_get(o, "namespace"), *list;
	struct ns_choice *c;
	size_t i;

	if (!json_is_object(ns))
		return NULL;
	c = (struct ns_choice *)keep(m, xcalloc(1, sizeof(*c)));
	c->expr = (char *)opt_string(m, ns, "expression");
	if (!c->expr)
		c->expr = keep(m, xstrdup("&init_net"));
	c->rank = (int)json_integer_value(json_object_get(ns, "rank"));
	c->evidence = (char *)opt_string(m, ns, "evidence");
	c->reason = (char *)opt_string(m, ns, "reason");
	list = json_object_get(ns, "candidates");
	c->nr_candidates = json_is_array(list) ? json_array_size(list) : 0;
	c->candidates = (char **)keep(m, xcalloc(c->nr_candidates + 1,
						 sizeof(*c->candidates)));
	for (i = 0; i < c->nr_candidates; i++)
		c->candidates[i] = keep(m, xstrdup(or_empty(json_string_value(
						   json_array_get(list, i)))));
	m->res.net_infer = 1;
	return c;
}

/* An occurrence as the ledger had it (report.c's occurrence_json()). */
static void rebuild_occurrence(struct merge *m, struct occurrence *oc,
			       json_t *o)
{
	struct strbuf sb = STRBUF_INIT;
	json_t *hex = json_object_get(o, "file_hex"), *args;
	const char *bucket;
	size_t b;

	memset(oc, 0, sizeof(*oc));
	if (json_is_string(hex))
		unhex(&sb, "merge", json_string_value(hex));
	else
		strbuf_addstr(&sb, or_empty(json_string_value(
					   json_object_get(o, "file"))));
	oc->path = keep(m, strbuf_detach(&sb, NULL));
	oc->line = (unsigned)json_integer_value(json_object_get(o, "line"));
	oc->col = (unsigned)json_integer_value(json_object_get(o, "column"));
	args = json_object_get(o, "arguments");
	oc->nargs = json_is_integer(args) ? (int)json_integer_value(args) : -1;
	bucket = json_string_value(json_object_get(o, "bucket"));
	oc->bucket = BUCKET_MANUAL;
	for (b = 0; bucket && b < BUCKET_NR; b++)
		if (!strcmp(bucket, bucket_key((enum bucket)b)))
			oc->bucket = (enum bucket)b;
	oc->rewritten = json_is_true(json_object_get(o, "changes"));
	oc->detail = (char *)opt_string(m, o, "detail");
	oc->hint = (char *)opt_string(m, o, "hint");
	oc->follow_up = (char *)opt_string(m, o, "follow_up");
	oc->ns = rebuild_namespace(m, o);
}

static size_t count(json_t *o, const char *key)
{
	return (size_t)json_integer_value(json_object_get(o, key));
}

/* The run_result the summary and the lines are printed from. */
static void rebuild(struct merge *m, json_t *rep)
{
	struct run_result *res = &m->res;
	struct ledger *l = &res->ledger;
	json_t *occ = json_object_get(rep, "occurrences");
	json_t *nc = json_object_get(rep, "not_counted");
	json_t *totals = json_object_get(rep, "totals"), *o;
	size_t i;

	l->nr = l->alloc = json_array_size(occ);
	l->v = xcalloc(l->nr + 1, sizeof(*l->v));
	m->messages = xcalloc(l->nr + 1, sizeof(*m->messages));
	for (i = 0; i < l->nr; i++) {
		o = json_array_get(occ, i);
		rebuild_occurrence(m, &l->v[i], o);
		m->messages[i] = (char *)opt_string(m, o, "message");
		if (!m->messages[i])
			m->messages[i] = keep(m, xstrdup(""));
	}
	l->nr_uncounted = l->alloc_uncounted = json_array_size(nc);
	l->uncounted = xcalloc(l->nr_uncounted + 1, sizeof(*l->uncounted));
	for (i = 0; i < l->nr_uncounted; i++)
		rebuild_occurrence(m, &l->uncounted[i], json_array_get(nc, i));
	for (i = 0; i < BUCKET_NR; i++)
		l->count[i] = count(totals, bucket_key((enum bucket)i));
	l->files_scanned = count(rep, "files_scanned");
	l->files_matched = count(rep, "files_with_occurrences");
	l->files_changed = count(rep, "files_changed");
	res->spatch_runs = count(rep, "spatch_runs");
	res->spatch_failures = count(rep, "spatch_failures");
	res->slice_fallbacks = count(rep, "slice_fallbacks");
	m->scan.dirs_skipped = count(rep, "directories_skipped");
	m->scan.links_skipped = count(rep, "links_skipped");
	m->rule.ident = xstrdup(
		or_empty(json_string_value(json_object_get(rep, "function"))));
	m->rule.path = xstrdup(
		or_empty(json_string_value(json_object_get(rep, "rule"))));
	/* What the summary says of a backport's converted calls. */
	m->rule.drop_first_arg = json_is_true(json_object_get(rep, "backport"));
	m->root = xstrdup(
		or_empty(json_string_value(json_object_get(rep, "root"))));
	res->rule = &m->rule;
	res->scan = &m->scan;
	res->root = m->root;
}

void merge_reports(struct merge *m, char *const *files, size_t nr)
{
	struct shard_report *v = xcalloc(nr + 1, sizeof(*v));
	size_t *by_k; /* 1 + the index in v of shard k; 0: not yet seen */
	struct part *parts = NULL;
	size_t nr_parts = 0, alloc_parts = 0, i, j;
	json_t *rep, *occ, *nc;
	const char *mode;

	memset(m, 0, sizeof(*m));
	strbuf_init(&m->patch, 0);
	strbuf_init(&m->json, 0);
	if (!nr)
		die("merge: no report given (see 'coccidrive merge --help')");
	for (i = 0; i < nr; i++)
		load(&v[i], files[i]);
	m->n = (unsigned)number(v[0].path, v[0].shard, "n");
	by_k = xcalloc(m->n + 1, sizeof(*by_k));
	for (i = 0; i < nr; i++) {
		check_same_run(&v[0], &v[i]);
		if (by_k[v[i].k])
			die("%s: shard %u/%u again (%s is shard %u/%u too)",
			    v[i].path, v[i].k, m->n, v[by_k[v[i].k] - 1].path,
			    v[i].k, m->n);
		by_k[v[i].k] = i + 1;
	}
	for (i = 1; i <= m->n; i++)
		if (!by_k[i])
			die("merge: shard %zu/%u missing (%zu of the %u "
			    "reports given)",
			    i, m->n, nr, m->n);
	mode = string(v[0].path, v[0].j, "mode");
	m->mode = !strcmp(mode, "check") ? REPORT_CHECK : REPORT_CONVERT;
	m->keep_going = json_is_true(json_object_get(v[0].shard, "keep_going"));

	/* Each file once, in the order one run has them. */
	for (i = 1; i <= m->n; i++)
		add_parts(&parts, &nr_parts, &alloc_parts, &v[by_k[i] - 1]);
	qsort(parts, nr_parts, sizeof(*parts), run_order);
	for (i = 1; i < nr_parts; i++)
		if (!run_order(&parts[i - 1], &parts[i]))
			die("%s: %s is also in %s: not shards of one run",
			    parts[i].from->path, parts[i].file,
			    parts[i - 1].from->path);

	/* Shard 1's report, its counts summed, its lists the whole run's. */
	rep = json_deep_copy(v[by_k[1] - 1].j);
	if (!rep)
		die("out of memory merging JSON");
	json_object_del(rep, "shard");
	occ = jsonout_checked(json_array());
	nc = jsonout_checked(json_array());
	for (i = 0; i < nr_parts; i++) {
		const struct part *p = &parts[i];
		json_t *po = json_object_get(p->from->j, "occurrences");
		json_t *pn = json_object_get(p->from->j, "not_counted");

		for (j = 0; j < p->nr_occ; j++)
			jsonout_append(occ, json_incref(json_array_get(
						    po, p->occ + j)));
		for (j = 0; j < p->nr_nc; j++)
			jsonout_append(
				nc, json_incref(json_array_get(pn, p->nc + j)));
		if (m->mode == REPORT_CONVERT)
			add_diff(&m->patch, p);
	}
	jsonout_put(rep, "occurrences", occ);
	jsonout_put(rep, "not_counted", nc);
	sum_counts(rep, v, nr, NULL);
	sum_counts(member(v[0].path, rep, "totals", JSON_OBJECT), v, nr,
		   "totals");
	merge_cache_figures(rep, v, nr);
	rebuild(m, rep);
	jsonout_dump(&m->json, rep);

	free(parts);
	free(by_k);
	for (i = 0; i < nr; i++)
		json_decref(v[i].j);
	free(v);
}

void merge_release(struct merge *m)
{
	size_t i;

	strbuf_release(&m->patch);
	strbuf_release(&m->json);
	free(m->res.ledger.v);
	free(m->res.ledger.uncounted);
	free(m->messages);
	for (i = 0; i < m->nr_strings; i++)
		free(m->strings[i]);
	free(m->strings);
	free(m->rule.ident);
	free(m->rule.path);
	free(m->root);
	memset(m, 0, sizeof(*m));
}
