// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for driver/pipeline/findings_report.c: a struct findings
 * built by hand (two commits, a pre-existing finding, file names with a
 * comma, a colon, a percent sign, a newline and a byte that is not UTF-8,
 * a hint), written in each format and checked exactly.
 *
 * "test_findings_report --print FORMAT SET RULE" prints the same findings
 * ("hostile"), or a plainer series for README ("plain"), in FORMAT with
 * the real rule: tests/e2e/findings_formats.sh validates them against the
 * schemas, until "check --format" gives it a real series.
 */
#include "findings_report.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cocci.h"
#include "findings.h"
#include "strbuf.h"
#include "unit.h"
#include "util.h"

#define C1 "1111111111111111111111111111111111111111"
#define C2 "2222222222222222222222222222222222222222"
#define BASE "0123456789abcdef0123456789abcdef01234567"
#define MSG_CALL                                                 \
	"sock_create_kern() called with 4 arguments, without a " \
	"struct net *; convert would add &init_net"
#define MSG_PROTO \
	"prototype without a struct net * parameter; convert would add it"
#define MSG_PASTE                                             \
	"needs manual work: a ## chain in macro MK() builds " \
	"sock_create_kern"
#define HINT "foo_open() has 'struct net *net': pass net instead of &init_net?"

static void set_commit(struct series_commit *c, const char *id,
		       const char *subject, unsigned index)
{
	memset(c, 0, sizeof(*c));
	memcpy(c->id, id, 40);
	memcpy(c->short_id, id, 7);
	c->subject = xstrdup(subject);
	c->index = index;
}

/* The hostile series: added out of order, sorted by findings_sort(). */
static void hostile(struct findings *f)
{
	memset(f, 0, sizeof(*f));
	f->repo_top = xstrdup("/src/my linux");
	f->base = xstrdup(BASE);
	f->source = xstrdup("v6.1..topic");
	f->commits = xcalloc(2, sizeof(*f->commits));
	f->nr_commits = 2;
	set_commit(&f->commits[0], C1, "net: add \"foo\" driver", 1);
	set_commit(&f->commits[1], C2, "vendor: a,b: 100% done\\", 2);
	findings_add(f, &f->commits[1], "drivers/odd/caf\xe9.c", 2, 5,
		     SITE_PASTE, BUCKET_MANUAL, MSG_PASTE, NULL);
	findings_add(f, &f->commits[1], "drivers/odd/new\nline.c", 7, 1,
		     SITE_DECL, BUCKET_DECL, MSG_PROTO, NULL);
	findings_add(f, &f->commits[0], "drivers/odd/a,b:c%d.c", 3, 2,
		     SITE_CALL, BUCKET_CONVERTED, MSG_CALL, NULL);
	findings_add(f, &f->commits[0], "drivers/net/foo.c", 14, 11, SITE_CALL,
		     BUCKET_CONVERTED, MSG_CALL, HINT);
	findings_add(f, NULL, "net/old.c", 5, 9, SITE_CALL, BUCKET_CONVERTED,
		     MSG_CALL, NULL);
	findings_sort(f);
}

static void rule_by_hand(struct cocci *r)
{
	memset(r, 0, sizeof(*r));
	r->path = xstrdup("/usr/share/coccidrive/sock_create_kern.cocci");
	r->ident = xstrdup("sock_create_kern");
	r->old_arity = 4;
	r->new_arity = 5;
	r->description = xstrdup("Pass a struct net * to\nsock_create_kern().\n"
				 "\nKeeps [the] old_behaviour.");
}

/* ---- text */

static void test_text(void)
{
	struct findings f;
	struct strbuf out = STRBUF_INIT;

	hostile(&f);
	findings_text(&out, &f);
	EXPECT_STR(out.buf,
		   "net/old.c:5:9: " MSG_CALL " [pre-existing]\n"
		   "drivers/net/foo.c:14:11: " MSG_CALL
		   " [commit 1111111 \"net: add \\\"foo\\\" driver\"]\n"
		   "drivers/net/foo.c:14:11: hint: " HINT "\n"
		   "drivers/odd/a,b:c%d.c:3:2: " MSG_CALL
		   " [commit 1111111 \"net: add \\\"foo\\\" driver\"]\n"
		   "\"drivers/odd/caf\\351.c\":2:5: " MSG_PASTE
		   " [commit 2222222 \"vendor: a,b: 100% done\\\\\"]\n"
		   "\"drivers/odd/new\\nline.c\":7:1: " MSG_PROTO
		   " [commit 2222222 \"vendor: a,b: 100% done\\\\\"]\n");
	strbuf_release(&out);
	findings_release(&f);
}

/* ---- github */

static void test_github(void)
{
	struct findings f;
	struct cocci r;
	struct strbuf out = STRBUF_INIT;

	hostile(&f);
	rule_by_hand(&r);
	findings_github(&out, &f, &r);
	EXPECT_STR(
		out.buf,
		"::warning file=net/old.c,line=5,col=9,endColumn=25,"
		"title=coccidrive%3A pre-existing::" MSG_CALL
		" [pre-existing]\n"
		"::error file=drivers/net/foo.c,line=14,col=11,endColumn=27,"
		"title=coccidrive%3A commit 1111111::" MSG_CALL
		" [commit 1111111 \"net: add \\\"foo\\\" driver\"]%0Ahint: " HINT
		"\n"
		"::error file=drivers/odd/a%2Cb%3Ac%25d.c,line=3,col=2,"
		"endColumn=18,title=coccidrive%3A commit 1111111::" MSG_CALL
		" [commit 1111111 \"net: add \\\"foo\\\" driver\"]\n"
		/* a ## chain: no end column */
		"::error file=drivers/odd/caf\xef\xbf\xbd.c,line=2,col=5,"
		"title=coccidrive%3A commit 2222222::" MSG_PASTE
		" [commit 2222222 \"vendor: a,b: 100%25 done\\\\\"]\n"
		"::error file=drivers/odd/new%0Aline.c,line=7,col=1,"
		"endColumn=17,title=coccidrive%3A commit 2222222::" MSG_PROTO
		" [commit 2222222 \"vendor: a,b: 100%25 done\\\\\"]\n");
	strbuf_release(&out);
	cocci_release(&r);
	findings_release(&f);
}

/* A '\r' in a message, escaped; one line per finding whatever it holds. */
static void test_github_cr(void)
{
	struct findings f;
	struct cocci r;
	struct strbuf out = STRBUF_INIT;

	memset(&f, 0, sizeof(f));
	rule_by_hand(&r);
	findings_add(&f, NULL, "a\rb.c", 1, 1, SITE_VALUE, BUCKET_MANUAL,
		     "x\r\ny: z,w", "h%");
	findings_github(&out, &f, &r);
	EXPECT_STR(out.buf, "::warning file=a%0Db.c,line=1,col=1,endColumn=17,"
			    "title=coccidrive%3A pre-existing::x%0D%0Ay: z,w "
			    "[pre-existing]%0Ahint: h%25\n");
	strbuf_release(&out);
	cocci_release(&r);
	findings_release(&f);
}

/* ---- json */

static json_t *parse(const struct strbuf *out)
{
	json_error_t err;
	json_t *j = json_loadb(out->buf, out->len, 0, &err);

	if (!j)
		fprintf(stderr, "JSON does not parse: %s (line %d)\n%s\n",
			err.text, err.line, out->buf);
	return j;
}

static const char *str_at(json_t *root, const char *path)
{
	json_t *v = json_object_get(root, path);

	return json_is_string(v) ? json_string_value(v) : "(not a string)";
}

static void test_json(void)
{
	struct findings f;
	struct cocci r;
	struct strbuf out = STRBUF_INIT;

	hostile(&f);
	rule_by_hand(&r);
	findings_json(&out, &f, &r);
	EXPECT_STR(
		out.buf,
		"{\n"
		"  \"schema\": 1,\n"
		"  \"kind\": \"coccidrive-findings\",\n"
		"  \"tool\": \"coccidrive\",\n"
		"  \"version\": \"" COCCIDRIVE_VERSION "\",\n"
		"  \"mode\": \"series\",\n"
		"  \"rule\": \"/usr/share/coccidrive/sock_create_kern.cocci\",\n"
		"  \"function\": \"sock_create_kern\",\n"
		"  \"source\": \"v6.1..topic\",\n"
		"  \"base\": \"" BASE "\",\n"
		"  \"repo_top\": \"/src/my linux\",\n"
		"  \"commits\": [\n"
		"    {\n"
		"      \"id\": \"" C1 "\",\n"
		"      \"short_id\": \"1111111\",\n"
		"      \"subject\": \"net: add \\\"foo\\\" driver\",\n"
		"      \"index\": 1\n"
		"    },\n"
		"    {\n"
		"      \"id\": \"" C2 "\",\n"
		"      \"short_id\": \"2222222\",\n"
		"      \"subject\": \"vendor: a,b: 100% done\\\\\",\n"
		"      \"index\": 2\n"
		"    }\n"
		"  ],\n"
		"  \"findings\": [\n"
		"    {\n"
		"      \"commit\": null,\n"
		"      \"commit_index\": null,\n"
		"      \"file\": \"net/old.c\",\n"
		"      \"line\": 5,\n"
		"      \"column\": 9,\n"
		"      \"kind\": \"call\",\n"
		"      \"bucket\": \"converted\",\n"
		"      \"message\": \"" MSG_CALL "\",\n"
		"      \"hint\": null,\n"
		"      \"note\": null,\n"
		"      \"fixed_by\": null,\n"
		"      \"preexisting\": true\n"
		"    },\n"
		"    {\n"
		"      \"commit\": \"" C1 "\",\n"
		"      \"commit_index\": 1,\n"
		"      \"file\": \"drivers/net/foo.c\",\n"
		"      \"line\": 14,\n"
		"      \"column\": 11,\n"
		"      \"kind\": \"call\",\n"
		"      \"bucket\": \"converted\",\n"
		"      \"message\": \"" MSG_CALL "\",\n"
		"      \"hint\": \"" HINT "\",\n"
		"      \"note\": null,\n"
		"      \"fixed_by\": null,\n"
		"      \"preexisting\": false\n"
		"    },\n"
		"    {\n"
		"      \"commit\": \"" C1 "\",\n"
		"      \"commit_index\": 1,\n"
		"      \"file\": \"drivers/odd/a,b:c%d.c\",\n"
		"      \"line\": 3,\n"
		"      \"column\": 2,\n"
		"      \"kind\": \"call\",\n"
		"      \"bucket\": \"converted\",\n"
		"      \"message\": \"" MSG_CALL "\",\n"
		"      \"hint\": null,\n"
		"      \"note\": null,\n"
		"      \"fixed_by\": null,\n"
		"      \"preexisting\": false\n"
		"    },\n"
		"    {\n"
		"      \"commit\": \"" C2 "\",\n"
		"      \"commit_index\": 2,\n"
		"      \"file\": \"drivers/odd/caf\xef\xbf\xbd.c\",\n"
		"      \"file_hex\": \"647269766572732f6f64642f636166e92e63\",\n"
		"      \"line\": 2,\n"
		"      \"column\": 5,\n"
		"      \"kind\": \"pasted\",\n"
		"      \"bucket\": \"manual\",\n"
		"      \"message\": \"" MSG_PASTE "\",\n"
		"      \"hint\": null,\n"
		"      \"note\": null,\n"
		"      \"fixed_by\": null,\n"
		"      \"preexisting\": false\n"
		"    },\n"
		"    {\n"
		"      \"commit\": \"" C2 "\",\n"
		"      \"commit_index\": 2,\n"
		"      \"file\": \"drivers/odd/new\\nline.c\",\n"
		"      \"line\": 7,\n"
		"      \"column\": 1,\n"
		"      \"kind\": \"prototype\",\n"
		"      \"bucket\": \"declaration\",\n"
		"      \"message\": \"" MSG_PROTO "\",\n"
		"      \"hint\": null,\n"
		"      \"note\": null,\n"
		"      \"fixed_by\": null,\n"
		"      \"preexisting\": false\n"
		"    }\n"
		"  ],\n"
		"  \"totals\": {\n"
		"    \"converted\": 3,\n"
		"    \"already_converted\": 0,\n"
		"    \"declaration\": 1,\n"
		"    \"manual\": 1,\n"
		"    \"preexisting\": 1,\n"
		"    \"new\": 4,\n"
		"    \"total\": 5\n"
		"  }\n"
		"}\n");
	strbuf_release(&out);
	cocci_release(&r);
	findings_release(&f);
}

/* A subject that is not UTF-8 (a Latin-1 commit message): U+FFFD. */
static void test_json_subject_not_utf8(void)
{
	struct findings f;
	struct cocci r;
	struct strbuf out = STRBUF_INIT;
	json_t *j;

	hostile(&f);
	rule_by_hand(&r);
	free(f.commits[0].subject);
	f.commits[0].subject = xstrdup("caf\xe9 \xc3\xa9");
	findings_json(&out, &f, &r);
	j = parse(&out);
	EXPECT(j);
	if (j)
		EXPECT_STR(
			str_at(json_array_get(json_object_get(j, "commits"), 0),
			       "subject"),
			"caf\xef\xbf\xbd \xc3\xa9");
	json_decref(j);
	strbuf_release(&out);
	cocci_release(&r);
	findings_release(&f);
}

/* ---- sarif */

static json_t *get_path(json_t *j, const char *path)
{
	char *copy = xstrdup(path), *save = NULL, *w;

	for (w = strtok_r(copy, ".", &save); w && j;
	     w = strtok_r(NULL, ".", &save)) {
		if (json_is_array(j))
			j = json_array_get(j, (size_t)atoi(w));
		else
			j = json_object_get(j, w);
	}
	free(copy);
	return j;
}

static const char *sarif_str(json_t *j, const char *path)
{
	json_t *v = get_path(j, path);

	return json_is_string(v) ? json_string_value(v) : "(not a string)";
}

static long long sarif_int(json_t *j, const char *path)
{
	json_t *v = get_path(j, path);

	return json_is_integer(v) ? json_integer_value(v) : -1;
}

static json_t *sarif_of(struct findings *f, struct cocci *r)
{
	struct strbuf out = STRBUF_INIT;
	json_t *j;

	findings_sarif(&out, f, r);
	j = parse(&out);
	strbuf_release(&out);
	return j;
}

#define RES(i, rest) "runs.0.results." #i "." rest
#define LOC(i) RES(i, "locations.0.physicalLocation.")

static void test_sarif(void)
{
	struct findings f;
	struct cocci r;
	json_t *j;

	hostile(&f);
	rule_by_hand(&r);
	j = sarif_of(&f, &r);
	EXPECT(j);
	if (!j)
		goto out;
	EXPECT_STR(sarif_str(j, "version"), "2.1.0");
	EXPECT_STR(sarif_str(j, "$schema"),
		   "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/"
		   "os/schemas/sarif-schema-2.1.0.json");
	EXPECT_STR(sarif_str(j, "runs.0.tool.driver.name"), "coccidrive");
	EXPECT_STR(sarif_str(j, "runs.0.tool.driver.version"),
		   COCCIDRIVE_VERSION);
	EXPECT_STR(sarif_str(j, "runs.0.columnKind"), "unicodeCodePoints");
	/* the repository's top, absolute, encoded, ending in '/' */
	EXPECT_STR(sarif_str(j, "runs.0.originalUriBaseIds.%SRCROOT%.uri"),
		   "file:///src/my%20linux/");

	/* the rule, from its "///" lines */
	EXPECT_STR(sarif_str(j, "runs.0.tool.driver.rules.0.id"),
		   "coccidrive/sock_create_kern");
	EXPECT_STR(sarif_str(j, "runs.0.tool.driver.rules.0.name"),
		   "sock_create_kern_old_form");
	EXPECT_STR(sarif_str(j, "runs.0.tool.driver.rules.0.shortDescription."
				"text"),
		   "Pass a struct net * to sock_create_kern().");
	EXPECT_STR(sarif_str(j, "runs.0.tool.driver.rules.0.fullDescription."
				"text"),
		   "Pass a struct net * to sock_create_kern().\n\n"
		   "Keeps [the] old_behaviour.");
	EXPECT_STR(sarif_str(j, "runs.0.tool.driver.rules.0.help.text"),
		   "Pass a struct net * to sock_create_kern().\n\n"
		   "Keeps [the] old_behaviour.\n\n"
		   "Convert with \"coccidrive convert\", or pass the namespace "
		   "the caller has at hand where the finding's hint names "
		   "one.");
	EXPECT_STR(sarif_str(j, "runs.0.tool.driver.rules.0.help.markdown"),
		   "Pass a struct net \\* to sock\\_create\\_kern().\n\n"
		   "Keeps \\[the\\] old\\_behaviour.\n\n"
		   "Convert with `coccidrive convert`, or pass the namespace "
		   "the caller has at hand where the finding's hint names "
		   "one.");
	EXPECT_STR(sarif_str(j, "runs.0.tool.driver.rules.0."
				"defaultConfiguration.level"),
		   "error");
	EXPECT_STR(sarif_str(j, "runs.0.tool.driver.rules.0.properties."
				"precision"),
		   "very-high");

	/* one result per finding, in order; pre-existing: a warning */
	EXPECT(json_array_size(get_path(j, "runs.0.results")) == 5);
	EXPECT_STR(sarif_str(j, RES(0, "ruleId")),
		   "coccidrive/sock_create_kern");
	EXPECT(sarif_int(j, RES(0, "ruleIndex")) == 0);
	EXPECT_STR(sarif_str(j, RES(0, "level")), "warning");
	EXPECT_STR(sarif_str(j, RES(1, "level")), "error");
	EXPECT(json_is_null(get_path(j, RES(0, "properties.commit"))));
	EXPECT(json_is_true(get_path(j, RES(0, "properties.preexisting"))));
	EXPECT_STR(sarif_str(j, RES(0, "message.text")),
		   MSG_CALL " [pre-existing]");
	EXPECT_STR(sarif_str(j, RES(1, "message.text")),
		   MSG_CALL " [commit 1111111 \"net: add \\\"foo\\\" driver\"]"
			    "\nhint: " HINT);
	EXPECT_STR(sarif_str(j, RES(1, "properties.commit")), C1);
	EXPECT_STR(sarif_str(j, RES(1, "properties.commit_short_id")),
		   "1111111");
	EXPECT_STR(sarif_str(j, RES(1, "properties.commit_subject")),
		   "net: add \"foo\" driver");
	EXPECT(sarif_int(j, RES(1, "properties.commit_index")) == 1);
	EXPECT(json_is_false(get_path(j, RES(1, "properties.preexisting"))));

	/* locations: relative URIs, percent-encoded; columns */
	EXPECT_STR(sarif_str(j, LOC(0) "artifactLocation.uri"), "net/old.c");
	EXPECT_STR(sarif_str(j, LOC(0) "artifactLocation.uriBaseId"),
		   "%SRCROOT%");
	EXPECT(sarif_int(j, LOC(1) "region.startLine") == 14);
	EXPECT(sarif_int(j, LOC(1) "region.startColumn") == 11);
	EXPECT(sarif_int(j, LOC(1) "region.endColumn") == 27);
	EXPECT_STR(sarif_str(j, LOC(2) "artifactLocation.uri"),
		   "drivers/odd/a,b%3Ac%25d.c");
	EXPECT_STR(sarif_str(j, LOC(3) "artifactLocation.uri"),
		   "drivers/odd/caf%E9.c");
	EXPECT(sarif_int(j, LOC(3) "region.startColumn") == 5);
	EXPECT(!get_path(j, LOC(3) "region.endColumn")); /* ## chain */
	EXPECT_STR(sarif_str(j, LOC(4) "artifactLocation.uri"),
		   "drivers/odd/new%0Aline.c");
	EXPECT_STR(sarif_str(j, "runs.0.properties.base"), BASE);
	EXPECT_STR(sarif_str(j, "runs.0.properties.source"), "v6.1..topic");
out:
	json_decref(j);
	cocci_release(&r);
	findings_release(&f);
}

/*
 * The fingerprint leaves the line out: a finding that moved keeps it.
 * Two identical findings in one file differ by their rank; another
 * file, another hint differ by the hash.
 */
static void test_sarif_fingerprints(void)
{
	struct findings f, g;
	struct cocci r;
	json_t *a, *b;
	const char *key = "partialFingerprints.coccidriveFinding/v1";
	char *x0, *x1, *x2;

	memset(&f, 0, sizeof(f));
	memset(&g, 0, sizeof(g));
	rule_by_hand(&r);
	f.repo_top = xstrdup("/r");
	g.repo_top = xstrdup("/r");
	findings_add(&f, NULL, "a.c", 10, 2, SITE_CALL, BUCKET_CONVERTED,
		     MSG_CALL, NULL);
	findings_add(&f, NULL, "a.c", 20, 2, SITE_CALL, BUCKET_CONVERTED,
		     MSG_CALL, NULL);
	findings_add(&f, NULL, "b.c", 10, 2, SITE_CALL, BUCKET_CONVERTED,
		     MSG_CALL, NULL);
	findings_add(&f, NULL, "b.c", 30, 2, SITE_CALL, BUCKET_CONVERTED,
		     MSG_CALL, HINT);
	/* the same, lines moved down by 5 */
	findings_add(&g, NULL, "a.c", 15, 2, SITE_CALL, BUCKET_CONVERTED,
		     MSG_CALL, NULL);
	findings_add(&g, NULL, "a.c", 25, 2, SITE_CALL, BUCKET_CONVERTED,
		     MSG_CALL, NULL);
	findings_add(&g, NULL, "b.c", 15, 2, SITE_CALL, BUCKET_CONVERTED,
		     MSG_CALL, NULL);
	findings_add(&g, NULL, "b.c", 35, 2, SITE_CALL, BUCKET_CONVERTED,
		     MSG_CALL, HINT);
	a = sarif_of(&f, &r);
	b = sarif_of(&g, &r);
	EXPECT(a && b);
	if (a && b) {
		size_t i;
		struct strbuf p = STRBUF_INIT;

		for (i = 0; i < 4; i++) {
			strbuf_reset(&p);
			strbuf_addf(&p, "runs.0.results.%zu.%s", i, key);
			EXPECT_STR(sarif_str(a, p.buf), sarif_str(b, p.buf));
		}
		strbuf_release(&p);
		x0 = xstrdup(sarif_str(a, RES(0, "partialFingerprints."
						 "coccidriveFinding/v1")));
		x1 = xstrdup(sarif_str(a, RES(1, "partialFingerprints."
						 "coccidriveFinding/v1")));
		x2 = xstrdup(sarif_str(a, RES(2, "partialFingerprints."
						 "coccidriveFinding/v1")));
		/* "HASH:1" and "HASH:2": same hash, ranks by line */
		EXPECT(strlen(x0) == 18 && !strcmp(x0 + 16, ":1"));
		EXPECT(strlen(x1) == 18 && !strcmp(x1 + 16, ":2"));
		EXPECT(!strncmp(x0, x1, 16));
		EXPECT(strncmp(x0, x2, 16)); /* another file */
		EXPECT(strcmp(sarif_str(a, RES(2, "partialFingerprints."
						  "coccidriveFinding/v1")),
			      sarif_str(a, RES(3, "partialFingerprints."
						  "coccidriveFinding/v1"))));
		free(x0);
		free(x1);
		free(x2);
	}
	json_decref(a);
	json_decref(b);
	cocci_release(&r);
	findings_release(&f);
	findings_release(&g);
}

/* No description in the rule: descriptions from its identifier. */
static void test_sarif_no_description(void)
{
	struct findings f;
	struct cocci r;
	json_t *j;

	hostile(&f);
	rule_by_hand(&r);
	free(r.description);
	r.description = NULL;
	free(r.path);
	r.path = xstrdup("rules/my-rule.cocci");
	j = sarif_of(&f, &r);
	EXPECT(j);
	EXPECT_STR(sarif_str(j, "runs.0.tool.driver.rules.0.id"),
		   "coccidrive/my-rule");
	EXPECT_STR(sarif_str(j, "runs.0.tool.driver.rules.0.shortDescription."
				"text"),
		   "sock_create_kern() called or declared in its old form (4 "
		   "arguments).");
	EXPECT_STR(
		sarif_str(j, "runs.0.tool.driver.rules.0.help.text"),
		"sock_create_kern() called or declared in its old form (4 "
		"arguments).\n\nConvert with \"coccidrive convert\", or pass "
		"the namespace the caller has at hand where the finding's "
		"hint names one.");
	json_decref(j);
	cocci_release(&r);
	findings_release(&f);
}

static void test_format_parse(void)
{
	enum findings_format fmt = FINDINGS_TEXT;

	EXPECT(!findings_format_parse("sarif", &fmt) && fmt == FINDINGS_SARIF);
	EXPECT(!findings_format_parse("github", &fmt) &&
	       fmt == FINDINGS_GITHUB);
	EXPECT(!findings_format_parse("json", &fmt) && fmt == FINDINGS_JSON);
	EXPECT(!findings_format_parse("text", &fmt) && fmt == FINDINGS_TEXT);
	EXPECT(findings_format_parse("SARIF", &fmt) == -1);
	EXPECT(findings_format_parse("", &fmt) == -1);
}

/* An empty series: valid documents, no line of text. */
static void test_empty(void)
{
	struct findings f;
	struct cocci r;
	struct strbuf out = STRBUF_INIT;
	json_t *j;

	memset(&f, 0, sizeof(f));
	f.repo_top = xstrdup("/r");
	f.base = xstrdup(BASE);
	f.source = xstrdup("-");
	rule_by_hand(&r);
	findings_text(&out, &f);
	findings_github(&out, &f, &r);
	EXPECT_STR(out.buf, "");
	j = sarif_of(&f, &r);
	EXPECT(j && json_array_size(get_path(j, "runs.0.results")) == 0);
	json_decref(j);
	findings_json(&out, &f, &r);
	j = parse(&out);
	EXPECT(j && json_array_size(json_object_get(j, "findings")) == 0);
	json_decref(j);
	strbuf_release(&out);
	cocci_release(&r);
	findings_release(&f);
}

/* ---- --print FORMAT SET RULE: what the e2e test validates */

/* A plain series, as README shows it. */
static void plain(struct findings *f)
{
	memset(f, 0, sizeof(*f));
	f->repo_top = xstrdup("/home/me/linux");
	f->base = xstrdup("830b3c68c1fb1e9176028d02ef86f3cf76aa2476");
	f->source = xstrdup("v6.1..vendor-wifi");
	f->commits = xcalloc(2, sizeof(*f->commits));
	f->nr_commits = 2;
	set_commit(&f->commits[0], "3f1c2a4b5d6e7f8091a2b3c4d5e6f708192a3b4c",
		   "wifi: vendor: add the firmware loader", 1);
	set_commit(&f->commits[1], "9e8d7c6b5a49382716051f2e3d4c5b6a79880716",
		   "wifi: vendor: control socket", 2);
	findings_add(f, &f->commits[1], "drivers/net/wireless/vendor/ctrl.c",
		     48, 8, SITE_CALL, BUCKET_CONVERTED, MSG_CALL,
		     "vendor_ctrl_open() has 'struct net *net': pass net "
		     "instead of &init_net?");
	findings_add(f, &f->commits[0], "drivers/net/wireless/vendor/fw.c", 112,
		     9, SITE_CALL, BUCKET_CONVERTED, MSG_CALL, NULL);
	findings_sort(f);
}

/* --print FORMAT SET RULE: one set of findings in one format, on stdout. */
static int print_one(const char *format, const char *set, const char *rule)
{
	struct strbuf out = STRBUF_INIT;
	enum findings_format fmt;
	struct findings f;
	struct cocci r;

	if (findings_format_parse(format, &fmt))
		die("%s: no such format", format);
	if (!strcmp(set, "hostile"))
		hostile(&f);
	else if (!strcmp(set, "plain"))
		plain(&f);
	else
		die("%s: no such set of findings (hostile, plain)", set);
	cocci_load(&r, rule);
	findings_report(&out, &f, &r, fmt);
	if (write_in_full(1, out.buf, out.len))
		die_errno("cannot write the findings");
	strbuf_release(&out);
	findings_release(&f);
	cocci_release(&r);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "--print"))
		return print_one(argv[2], argv[3], argv[4]);
	RUN(test_text);
	RUN(test_github);
	RUN(test_github_cr);
	RUN(test_json);
	RUN(test_json_subject_not_utf8);
	RUN(test_sarif);
	RUN(test_sarif_fingerprints);
	RUN(test_sarif_no_description);
	RUN(test_format_parse);
	RUN(test_empty);
	return UNIT_EXIT();
}
