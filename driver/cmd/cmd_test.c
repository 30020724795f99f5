// SPDX-License-Identifier: GPL-2.0-only
/*
 * coccidrive test: golden tests of the semantic patch and the driver.
 *
 * Like spatch --testall, each case's result is compared with a golden
 * file; unlike it, this never prompts, prints a diff for every mismatch
 * and exits non-zero when anything fails, so CI can rely on it.
 *
 * Cases are the entries of testdata/: a file NAME.c (or .h) is converted
 * alone and its result compared with expected/NAME.c; a directory NAME is
 * converted as a tree and its patch compared with expected/NAME.diff.
 * Either way the account of every occurrence is compared with
 * expected/NAME.account, and two properties are checked on the spot: the
 * account holds as many occurrences as the identifier has tokens (plus
 * the ## chains that paste it), and a second run over the result
 * converts nothing (idempotence).
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "cmd.h"
#include "ctoken.h"
#include "diff.h"
#include "report.h"
#include "util.h"

static const char test_usage[] =
	"usage: coccidrive test [--update] [--testdata DIR] [--expected DIR]\n"
	"                       [-j N] [NAME...]\n"
	"\n"
	"Runs every case in DIR (default: testdata), or only the NAMEs given,\n"
	"and compares with the golden files (default: expected).  Prints one\n"
	"line per case saying whether it passed, a diff for each mismatch,\n"
	"and finally 'N passed, N failed'.\n"
	"Exit status: 0 all passed, 1 a case failed, 2 error.\n";

struct test_ctx {
	struct engine e;
	const struct run_result *res; /* of the last run */
	struct run_args ra;
	const char *expected; /* absolute */
	int update;
	int nr_pass, nr_fail;
};

struct tcase {
	char *name; /* as in testdata/, e.g. "if_not.c" or "sample-tree" */
	char *stem; /* without .c/.h */
	int is_tree;
};

static int cmp_case(const void *a, const void *b)
{
	return strcmp(((const struct tcase *)a)->name,
		      ((const struct tcase *)b)->name);
}

static struct tcase *list_cases(size_t *nr)
{
	DIR *d = opendir(".");
	struct dirent *de;
	struct tcase *v = NULL;
	size_t alloc = 0;

	*nr = 0;
	if (!d)
		die_errno("testdata: cannot read");
	while ((de = readdir(d))) {
		struct stat st;
		struct tcase *t;

		if (de->d_name[0] == '.' || lstat(de->d_name, &st))
			continue;
		if (!S_ISDIR(st.st_mode) &&
		    !(S_ISREG(st.st_mode) && scan_is_c_file(de->d_name)))
			continue;
		ALLOC_GROW(v, *nr + 1, alloc);
		t = &v[(*nr)++];
		t->name = xstrdup(de->d_name);
		t->is_tree = S_ISDIR(st.st_mode);
		t->stem = xstrndup(de->d_name,
				   strlen(de->d_name) - (t->is_tree ? 0 : 2));
	}
	closedir(d);
	if (*nr)
		qsort(v, *nr, sizeof(*v), cmp_case);
	return v;
}

/* Compare actual with the golden file; 1 if they agree. */
static int check_golden(struct test_ctx *t, const char *golden,
			const struct strbuf *actual, struct strbuf *msg)
{
	struct strbuf path = STRBUF_INIT, want = STRBUF_INIT;
	int ok = 1;

	strbuf_addf(&path, "%s/%s", t->expected, golden);
	if (strbuf_read_file(&want, path.buf, 0)) {
		if (errno != ENOENT)
			die_errno("%s: cannot read", path.buf);
		if (t->update) {
			atomic_write_file(path.buf, actual->buf, actual->len);
			strbuf_addf(msg, "  created expected/%s\n", golden);
		} else {
			strbuf_addf(msg,
				    "  expected/%s is missing (coccidrive test "
				    "--update writes it)\n",
				    golden);
			ok = 0;
		}
	} else if (want.len != actual->len ||
		   memcmp(want.buf, actual->buf, want.len)) {
		struct strbuf d = STRBUF_INIT;

		diff_unified(&d, golden, want.buf, want.len, actual->buf,
			     actual->len);
		if (t->update) {
			atomic_write_file(path.buf, actual->buf, actual->len);
			strbuf_addf(msg, "  updated expected/%s:\n%s", golden,
				    d.buf);
		} else {
			strbuf_addf(msg,
				    "  expected/%s differs from the result "
				    "(- golden, + actual):\n%s",
				    golden, d.buf);
			ok = 0;
		}
		strbuf_release(&d);
	}
	strbuf_release(&path);
	strbuf_release(&want);
	return ok;
}

/* Identifier tokens in every file of the run: what the ledger must hold. */
static size_t count_tokens(const struct run_result *res)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, j, n = 0;

	for (i = 0; i < res->scan->nr; i++) {
		struct ctok_list toks = { 0 };

		strbuf_reset(&sb);
		if (strbuf_read_file(&sb, res->scan->v[i].path, 0))
			die_errno("%s: cannot read", res->scan->v[i].path);
		ctok_scan(sb.buf, sb.len, &toks);
		for (j = 0; j < toks.nr; j++)
			if (toks.v[j].kind == CTOK_IDENT &&
			    ctok_is(sb.buf, &toks.v[j], res->rule->ident))
				n++;
		ctok_list_release(&toks);
	}
	strbuf_release(&sb);
	return n;
}

/* Run the engine again over the results: nothing may change. */
static int check_idempotent(struct test_ctx *t, struct strbuf *msg)
{
	const char *tmp = getenv("TMPDIR");
	struct strbuf dir = STRBUF_INIT, path = STRBUF_INIT;
	char *tree[1];
	size_t i, changed = 0, nr = t->res->files.nr;
	int ok = 1;

	strbuf_addf(&dir, "%s/coccidrive-idem.XXXXXX",
		    tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir.buf))
		die_errno("%s: cannot create", dir.buf);
	for (i = 0; i < nr; i++) {
		const struct file_result *r = &t->res->files.v[i];

		if (!r->changed)
			continue;
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%zu-%s", dir.buf, i,
			    strrchr(r->file->rel, '/') ?
				    strrchr(r->file->rel, '/') + 1 :
				    r->file->rel);
		atomic_write_file(path.buf, r->after.buf, r->after.len);
		changed++;
	}
	engine_reset(&t->e);
	if (changed) {
		tree[0] = dir.buf;
		t->ra.eo.root = dir.buf;
		t->res = engine_run(&t->e, tree, 1, &t->ra.eo);
		for (i = 0; i < t->res->files.nr; i++)
			if (t->res->files.v[i].changed) {
				strbuf_addf(msg,
					    "  not idempotent: a second run "
					    "changes %s again\n",
					    t->res->files.v[i].file->rel);
				ok = 0;
			}
		for (i = 0; i < t->res->scan->nr; i++)
			unlink(t->res->scan->v[i].path);
		engine_reset(&t->e);
	}
	rmdir(dir.buf);
	strbuf_release(&dir);
	strbuf_release(&path);
	return ok;
}

static void run_case(struct test_ctx *t, const struct tcase *c)
{
	struct strbuf actual = STRBUF_INIT, account = STRBUF_INIT;
	struct strbuf msg = STRBUF_INIT, golden = STRBUF_INIT;
	char *tree[1] = { c->name };
	size_t i, tokens, pasted;
	int ok = 1;

	/*
	 * Paths relative to the case: a tree's own directory, as a patch for
	 * it is applied there; testdata/ for a file.
	 */
	t->ra.eo.root = c->is_tree ? c->name : ".";
	t->res = engine_run(&t->e, tree, 1, &t->ra.eo);
	if (c->is_tree) {
		report_patch(&actual, t->res);
		strbuf_addf(&golden, "%s.diff", c->stem);
	} else {
		/* The whole result, also when nothing changed. */
		for (i = 0; i < t->res->files.nr; i++)
			strbuf_addbuf(&actual, &t->res->files.v[i].after);
		if (!t->res->files.nr && strbuf_read_file(&actual, c->name, 0))
			die_errno("%s: cannot read", c->name);
		strbuf_addstr(&golden, c->name);
	}
	ok &= check_golden(t, golden.buf, &actual, &msg);
	report_account(&account, t->res);
	strbuf_reset(&golden);
	strbuf_addf(&golden, "%s.account", c->stem);
	ok &= check_golden(t, golden.buf, &account, &msg);

	/* ## chains that paste the name are accounted on top of the tokens. */
	tokens = count_tokens(t->res);
	for (i = 0, pasted = 0; i < t->res->ledger.nr; i++)
		pasted += t->res->ledger.v[i].kind == SITE_PASTE;
	if (tokens != t->res->ledger.nr - pasted) {
		strbuf_addf(&msg,
			    "  the account holds %zu occurrences of the name, "
			    "the files have %zu\n",
			    t->res->ledger.nr - pasted, tokens);
		ok = 0;
	}
	ok &= check_idempotent(t, &msg);

	printf("%s %s\n%s", ok ? "PASS" : "FAIL", c->name, msg.buf);
	fflush(stdout);
	if (ok)
		t->nr_pass++;
	else
		t->nr_fail++;
	strbuf_release(&actual);
	strbuf_release(&account);
	strbuf_release(&msg);
	strbuf_release(&golden);
}

static int wanted(const struct tcase *c, char **names, int nr)
{
	int i;

	if (!nr)
		return 1;
	for (i = 0; i < nr; i++)
		if (!strcmp(names[i], c->name) || !strcmp(names[i], c->stem))
			return 1;
	return 0;
}

/*
 * Outside a checkout, "testdata" and "expected" are not there: say where
 * they were looked for, rather than "testdata: No such file".
 */
static void need_dir(const char *dir, const char *option, int given)
{
	struct stat st;
	char cwd[PATH_MAX];

	if (given) {
		if (stat(dir, &st))
			die_errno("test: %s %s", option, dir);
		if (!S_ISDIR(st.st_mode))
			die("test: %s %s: not a directory", option, dir);
		return;
	}
	if (!stat(dir, &st) && S_ISDIR(st.st_mode))
		return;
	die("test: no %s/ in %s (looked for the cases in testdata/ and the "
	    "golden files in expected/ of the current directory; run it from "
	    "a coccidrive checkout or give --testdata DIR --expected DIR)",
	    dir, getcwd(cwd, sizeof(cwd)) ? cwd : ".");
}

/* Every NAME must be a case: "test typo" is not "0 passed". */
static void need_cases(const struct tcase *cases, size_t nr, char **names,
		       int nr_names, const char *testdata)
{
	struct strbuf unknown = STRBUF_INIT;
	size_t i;
	int n, count = 0;

	for (n = 0; n < nr_names; n++) {
		for (i = 0; i < nr; i++)
			if (wanted(&cases[i], names + n, 1))
				break;
		if (i < nr)
			continue;
		strbuf_addf(&unknown, "%s'%s'", count++ ? ", " : "", names[n]);
	}
	if (count)
		die("test: no case %s in %s%s (cases are NAME.c, NAME.h or a "
		    "directory NAME)",
		    unknown.buf, testdata,
		    testdata[strlen(testdata) - 1] == '/' ? "" : "/");
	strbuf_release(&unknown);
}

static char *absolute(const char *path)
{
	char buf[PATH_MAX];

	if (!realpath(path, buf))
		die_errno("%s", path);
	return xstrdup(buf);
}

int cmd_test(int argc, char **argv)
{
	struct test_ctx t;
	const char *testdata = NULL, *expected = NULL;
	char *cocci, *expected_abs;
	struct tcase *cases;
	size_t nr, i;
	int first;
	struct opt opts[] = {
		OPT_BOOL('u', "update", &t.update,
			 "write the actual results as the golden files\n"
			 "and say which changed (then read them!)"),
		OPT_STRING(0, "testdata", &testdata, "DIR",
			   "the cases (default: testdata)"),
		OPT_STRING(0, "expected", &expected, "DIR",
			   "the golden files (default: expected)"),
		OPT_ENGINE(&t.ra),
		OPT_END(),
	};

	memset(&t, 0, sizeof(t));
	run_args_init(&t.ra);
	first = parse_options(argc, argv, opts, test_usage);
	need_dir(testdata ? testdata : "testdata", "--testdata", !!testdata);
	need_dir(expected ? expected : "expected", "--expected", !!expected);
	if (!testdata)
		testdata = "testdata";
	if (!expected)
		expected = "expected";
	run_trace_start(&t.ra, "test");
	/* Resolve everything before moving into testdata/. */
	cocci = run_args_cocci(&t.ra);
	{
		char *abs = absolute(cocci);

		free(cocci);
		cocci = abs;
	}
	expected_abs = absolute(expected);
	t.expected = expected_abs;
	engine_init(&t.e, cocci);
	if (chdir(testdata))
		die_errno("%s", testdata);
	cases = list_cases(&nr);
	need_cases(cases, nr, argv + first, argc - first, testdata);
	for (i = 0; i < nr; i++) {
		if (wanted(&cases[i], argv + first, argc - first)) {
			run_case(&t, &cases[i]);
			engine_reset(&t.e);
		}
		free(cases[i].name);
		free(cases[i].stem);
	}
	free(cases);
	printf("%d passed, %d failed\n", t.nr_pass, t.nr_fail);
	engine_release(&t.e);
	free(cocci);
	free(expected_abs);
	run_trace_done(&t.ra, "test");
	return t.nr_fail ? 1 : 0;
}
