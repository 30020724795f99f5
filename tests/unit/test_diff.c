// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for driver/diff.c.
 *
 * The exact-text cases were checked against `git diff --no-index` output
 * when written.  The property tests hand random file pairs to git itself:
 * `git apply` must turn old into new byte for byte, `patch -p1` must accept
 * the patch, and the +/- counts must match `git diff --numstat` (both are
 * minimal Myers diffs at these sizes).
 */
#include "diff.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strbuf.h"
#include "unit.h"
#include "util.h"

/* ---- helpers */

static int diff_str(struct strbuf *out, const char *a, const char *b)
{
	return diff_unified(out, "f.c", a, strlen(a), b, strlen(b));
}

/* The header every test with path "f.c" expects. */
#define HDR "diff --git a/f.c b/f.c\n--- a/f.c\n+++ b/f.c\n"

/* Diff a against b and compare the whole output with want. */
static void expect_diff(const char *a, const char *b, int hunks,
			const char *want)
{
	struct strbuf out = STRBUF_INIT;

	EXPECT(diff_str(&out, a, b) == hunks);
	EXPECT_STR(out.buf, want);
	strbuf_release(&out);
}

static void expect_count(const char *a, const char *b, size_t add, size_t del)
{
	size_t added, removed;

	diff_count(a, strlen(a), b, strlen(b), &added, &removed);
	EXPECT(added == add);
	EXPECT(removed == del);
}

/* "1\n" .. "n\n": lines that never look like a function name. */
static void numbers(struct strbuf *sb, int n)
{
	int i;

	for (i = 1; i <= n; i++)
		strbuf_addf(sb, "%d\n", i);
}

/* Replace line `nr` (1-based) of the numbers with `with`. */
static void numbers_with(struct strbuf *sb, int n, int nr, const char *with)
{
	int i;

	for (i = 1; i <= n; i++) {
		if (i == nr)
			strbuf_addstr(sb, with);
		else
			strbuf_addf(sb, "%d\n", i);
	}
}

static const char prog[] = "#include <stdio.h>\n"
			   "\n"
			   "int main(void)\n"
			   "{\n"
			   "\tint a = 1;\n"
			   "\tint b = 2;\n"
			   "\tint c = 3;\n"
			   "\tint d = 4;\n"
			   "\tprintf(\"%d\\n\", a);\n"
			   "\treturn 0;\n"
			   "}\n";

/* ---- fixed cases */

static void test_identical(void)
{
	struct strbuf out = STRBUF_INIT;

	EXPECT(diff_str(&out, prog, prog) == 0);
	EXPECT(out.len == 0);
	EXPECT(diff_str(&out, "", "") == 0);
	EXPECT(diff_unified(&out, "f.c", NULL, 0, NULL, 0) == 0);
	EXPECT(diff_str(&out, "no newline", "no newline") == 0);
	EXPECT(out.len == 0);
	expect_count(prog, prog, 0, 0);
	expect_count("", "", 0, 0);
	strbuf_release(&out);
}

static void test_middle_change(void)
{
	struct strbuf b = STRBUF_INIT;
	char *p;

	strbuf_addstr(&b, prog);
	p = strstr(b.buf, "d = 4");
	p[4] = '5';
	expect_diff(prog, b.buf, 1,
		    HDR "@@ -5,7 +5,7 @@ int main(void)\n"
			" \tint a = 1;\n"
			" \tint b = 2;\n"
			" \tint c = 3;\n"
			"-\tint d = 4;\n"
			"+\tint d = 5;\n"
			" \tprintf(\"%d\\n\", a);\n"
			" \treturn 0;\n"
			" }\n");
	expect_count(prog, b.buf, 1, 1);
	strbuf_release(&b);
}

/* A diff appended to out keeps what was there. */
static void test_appends(void)
{
	struct strbuf out = STRBUF_INIT;

	strbuf_addstr(&out, "before\n");
	EXPECT(diff_str(&out, "a\n", "b\n") == 1);
	EXPECT_STR(out.buf, "before\n" HDR "@@ -1 +1 @@\n-a\n+b\n");
	strbuf_release(&out);
}

static void test_first_line(void)
{
	struct strbuf b = STRBUF_INIT;

	strbuf_addf(&b, "#include <stdlib.h>\n%s", strchr(prog, '\n') + 1);
	expect_diff(prog, b.buf, 1,
		    HDR "@@ -1,4 +1,4 @@\n"
			"-#include <stdio.h>\n"
			"+#include <stdlib.h>\n"
			" \n"
			" int main(void)\n"
			" {\n");
	strbuf_release(&b);
}

static void test_last_line(void)
{
	struct strbuf b = STRBUF_INIT;

	strbuf_add(&b, prog, sizeof(prog) - 3);
	strbuf_addstr(&b, "} /* main */\n");
	expect_diff(prog, b.buf, 1,
		    HDR "@@ -8,4 +8,4 @@ int main(void)\n"
			" \tint d = 4;\n"
			" \tprintf(\"%d\\n\", a);\n"
			" \treturn 0;\n"
			"-}\n"
			"+} /* main */\n");
	strbuf_release(&b);
}

/* Six unchanged lines between two changes: the contexts touch. */
static void test_nearby_merged(void)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;

	numbers(&a, 20);
	strbuf_addstr(&b, "1\n2\nX\n4\n5\n6\n7\n8\n9\nY\n");
	strbuf_addstr(&b, strstr(a.buf, "\n11\n") + 1);
	expect_diff(a.buf, b.buf, 1,
		    HDR "@@ -1,13 +1,13 @@\n"
			" 1\n 2\n-3\n+X\n 4\n 5\n 6\n 7\n 8\n 9\n"
			"-10\n+Y\n 11\n 12\n 13\n");
	strbuf_release(&a);
	strbuf_release(&b);
}

/* Seven unchanged lines between two changes: two hunks. */
static void test_far_apart(void)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;

	numbers(&a, 20);
	strbuf_addstr(&b, "1\n2\nX\n4\n5\n6\n7\n8\n9\n10\nY\n");
	strbuf_addstr(&b, strstr(a.buf, "\n12\n") + 1);
	expect_diff(a.buf, b.buf, 2,
		    HDR "@@ -1,6 +1,6 @@\n"
			" 1\n 2\n-3\n+X\n 4\n 5\n 6\n"
			"@@ -8,7 +8,7 @@\n"
			" 8\n 9\n 10\n-11\n+Y\n 12\n 13\n 14\n");
	expect_count(a.buf, b.buf, 2, 2);
	strbuf_release(&a);
	strbuf_release(&b);
}

static void test_insertion(void)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;

	numbers(&a, 10);
	strbuf_addstr(&b, "1\n2\n3\n4\n5\nX\nY\n6\n7\n8\n9\n10\n");
	expect_diff(a.buf, b.buf, 1,
		    HDR "@@ -3,6 +3,8 @@\n"
			" 3\n 4\n 5\n+X\n+Y\n 6\n 7\n 8\n");
	expect_count(a.buf, b.buf, 2, 0);
	/* The ",1" is left out; an empty old range names line 0. */
	expect_diff("a\n", "a\nb\n", 1, HDR "@@ -1 +1,2 @@\n a\n+b\n");
	expect_diff("", "a\n", 1, HDR "@@ -0,0 +1 @@\n+a\n");
	strbuf_release(&a);
	strbuf_release(&b);
}

static void test_deletion(void)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;

	numbers(&a, 10);
	strbuf_addstr(&b, "1\n2\n3\n4\n7\n8\n9\n10\n");
	expect_diff(a.buf, b.buf, 1,
		    HDR "@@ -2,8 +2,6 @@\n"
			" 2\n 3\n 4\n-5\n-6\n 7\n 8\n 9\n");
	expect_count(a.buf, b.buf, 0, 2);
	expect_diff("a\nb\n", "b\n", 1, HDR "@@ -1,2 +1 @@\n-a\n b\n");
	expect_diff("a\n", "", 1, HDR "@@ -1 +0,0 @@\n-a\n");
	strbuf_release(&a);
	strbuf_release(&b);
}

static void test_empty_to_content(void)
{
	expect_diff("", "a\nb\n", 1, HDR "@@ -0,0 +1,2 @@\n+a\n+b\n");
	expect_diff("", "a", 1,
		    HDR "@@ -0,0 +1 @@\n+a\n\\ No newline at end of file\n");
	expect_count("", "a\nb\n", 2, 0);
}

static void test_content_to_empty(void)
{
	expect_diff("a\nb\n", "", 1, HDR "@@ -1,2 +0,0 @@\n-a\n-b\n");
	expect_diff("a\nb", "", 1,
		    HDR "@@ -1,2 +0,0 @@\n-a\n-b\n"
			"\\ No newline at end of file\n");
	expect_count("a\nb\n", "", 0, 2);
}

#define NONL "\\ No newline at end of file\n"

static void test_no_newline_old(void)
{
	expect_diff("1\n2\n3", "1\n2\n3\n", 1,
		    HDR "@@ -1,3 +1,3 @@\n 1\n 2\n-3\n" NONL "+3\n");
	expect_diff("a\nb", "a\nb\nc\n", 1,
		    HDR "@@ -1,2 +1,3 @@\n a\n-b\n" NONL "+b\n+c\n");
	expect_count("1\n2\n3", "1\n2\n3\n", 1, 1);
}

static void test_no_newline_new(void)
{
	expect_diff("1\n2\n3\n", "1\n2\n3", 1,
		    HDR "@@ -1,3 +1,3 @@\n 1\n 2\n-3\n+3\n" NONL);
	expect_diff("a\nb\n", "a\nb\nc", 1,
		    HDR "@@ -1,2 +1,3 @@\n a\n b\n+c\n" NONL);
}

static void test_no_newline_both(void)
{
	/* The last line changes: both sides say so. */
	expect_diff("1\n2\n3", "1\n2\n4", 1,
		    HDR "@@ -1,3 +1,3 @@\n 1\n 2\n-3\n" NONL "+4\n" NONL);
	/* The last line is context: said once. */
	expect_diff("1\n2\n3\n4", "1\nX\n3\n4", 1,
		    HDR "@@ -1,4 +1,4 @@\n 1\n-2\n+X\n 3\n 4\n" NONL);
	/* Far from the end: not said at all. */
	expect_diff("1\n2\n3\n4\n5\n6", "X\n2\n3\n4\n5\n6", 1,
		    HDR "@@ -1,4 +1,4 @@\n-1\n+X\n 2\n 3\n 4\n");
}

static void test_crlf(void)
{
	expect_diff("1\r\n2\r\n3\r\n", "1\r\nX\r\n3\r\n", 1,
		    HDR "@@ -1,3 +1,3 @@\n 1\r\n-2\r\n+X\r\n 3\r\n");
	/* Line endings alone are a change. */
	expect_diff("a\nb\n", "a\r\nb\n", 1,
		    HDR "@@ -1,2 +1,2 @@\n-a\n+a\r\n b\n");
	expect_diff("a\r\nb\r", "a\r\nc\r", 1,
		    HDR "@@ -1,2 +1,2 @@\n a\r\n-b\r\n" NONL "+c\r\n" NONL);
}

/* NUL bytes are data: lengths, never strlen(). */
static void test_nul_bytes(void)
{
	static const char a[] = "x\0y\nz\n", b[] = "x\0w\nz\n";
	static const char want[] = HDR "@@ -1,2 +1,2 @@\n-x\0y\n+x\0w\n z\n";
	struct strbuf out = STRBUF_INIT;
	size_t added, removed;
	int hunks;

	hunks = diff_unified(&out, "f.c", a, sizeof(a) - 1, b, sizeof(b) - 1);
	EXPECT(hunks == 1);
	EXPECT(out.len == sizeof(want) - 1);
	EXPECT(!memcmp(out.buf, want, sizeof(want) - 1));
	diff_count(a, sizeof(a) - 1, b, sizeof(b) - 1, &added, &removed);
	EXPECT(added == 1 && removed == 1);
	strbuf_release(&out);
}

/*
 * Where a block of changes could sit at several places, it goes where
 * git's change compaction puts it (both outputs below are git's).
 */
static void test_slides_like_git(void)
{
	/* Myers alone gives "-a, c, -c, +b": the same size, less tidy. */
	expect_diff("a\nc\nc\n", "c\nb\n", 1,
		    HDR "@@ -1,3 +1,2 @@\n-a\n-c\n c\n+b\n");
	expect_diff("int f(void)\n{\n\treturn 0;\n}\n\n"
		    "int h(void)\n{\n\treturn 1;\n}\n",
		    "int f(void)\n{\n\treturn 0;\n}\n\n"
		    "int g(void)\n{\n\treturn 0;\n}\n\n"
		    "int h(void)\n{\n\treturn 1;\n}\n",
		    1,
		    HDR "@@ -3,6 +3,11 @@ int f(void)\n"
			" \treturn 0;\n }\n \n"
			"+int g(void)\n+{\n+\treturn 0;\n+}\n+\n"
			" int h(void)\n {\n \treturn 1;\n");
}

/* ---- function names */

static void test_funcname_scope(void)
{
	/* Found on the line before the hunk... */
	expect_diff("int f\n1\n2\n3\n4\n", "int f\n1\n2\n3\nX\n", 1,
		    HDR "@@ -2,4 +2,4 @@ int f\n 1\n 2\n 3\n-4\n+X\n");
	/* ...but not on the hunk's own first line. */
	expect_diff("int f\n1\n2\n3\n", "int f\n1\n2\nX\n", 1,
		    HDR "@@ -1,4 +1,4 @@\n int f\n 1\n 2\n-3\n+X\n");
	/* Only a letter, '_' or '$' starts one. */
	expect_diff("_start:\n\tx\n(y\n 1\n{\n#d\n2\n",
		    "_start:\n\tx\n(y\n 1\n{\n#d\nX\n", 1,
		    HDR "@@ -4,4 +4,4 @@ _start:\n  1\n {\n #d\n-2\n+X\n");
	expect_diff("$v\n\n1\n2\n3\n4\n", "$v\n\n1\n2\n3\n5\n", 1,
		    HDR "@@ -3,4 +3,4 @@ $v\n 1\n 2\n 3\n-4\n+5\n");
}

static void test_funcname_trim(void)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT, want = STRBUF_INIT;

	/* Trailing blanks and CR go; a long line is cut to 80 bytes. */
	expect_diff("foo(void)  \t\r\n1\n2\n3\n4\n",
		    "foo(void)  \t\r\n1\n2\n3\nX\n", 1,
		    HDR "@@ -2,4 +2,4 @@ foo(void)\n 1\n 2\n 3\n-4\n+X\n");
	strbuf_addchars(&a, 'f', 100);
	strbuf_addstr(&a, "\n1\n2\n3\n");
	strbuf_addbuf(&b, &a);
	strbuf_addstr(&a, "4\n");
	strbuf_addstr(&b, "X\n");
	strbuf_addstr(&want, HDR "@@ -2,4 +2,4 @@ ");
	strbuf_addchars(&want, 'f', 80);
	strbuf_addstr(&want, "\n 1\n 2\n 3\n-4\n+X\n");
	expect_diff(a.buf, b.buf, 1, want.buf);
	/* Blanks at the cut are dropped too. */
	strbuf_reset(&a);
	strbuf_reset(&b);
	strbuf_reset(&want);
	strbuf_addch(&a, 'g');
	strbuf_addchars(&a, ' ', 90);
	strbuf_addstr(&a, "h\n1\n2\n3\n");
	strbuf_addbuf(&b, &a);
	strbuf_addstr(&a, "4\n");
	strbuf_addstr(&b, "X\n");
	expect_diff(a.buf, b.buf, 1,
		    HDR "@@ -2,4 +2,4 @@ g\n 1\n 2\n 3\n-4\n+X\n");
	strbuf_release(&a);
	strbuf_release(&b);
	strbuf_release(&want);
}

/* Later hunks search back past earlier ones, as git's get_func_line(). */
static void test_funcname_hunks(void)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;

	strbuf_addstr(&a, "int f\n");
	numbers(&a, 30);
	strbuf_addstr(&b, "int f\n");
	numbers_with(&b, 30, 3, "X\n");
	b.len = strlen(b.buf) - strlen("28\n29\n30\n");
	strbuf_addstr(&b, "Y\n29\n30\n");
	expect_diff(a.buf, b.buf, 2,
		    HDR "@@ -1,7 +1,7 @@\n int f\n 1\n 2\n-3\n+X\n 4\n 5\n 6\n"
			"@@ -26,6 +26,6 @@ int f\n 25\n 26\n 27\n-28\n+Y\n"
			" 29\n 30\n");
	strbuf_reset(&a);
	strbuf_reset(&b);
	strbuf_addstr(&a, "int f\n1\n2\n3\n4\nint g\n5\n6\n7\n8\n9\n10\n11\n");
	strbuf_addstr(&b, "int f\n1\n2\n3\nX\nint g\n5\n6\n7\n8\n9\n10\nY\n");
	expect_diff(a.buf, b.buf, 2,
		    HDR "@@ -2,7 +2,7 @@ int f\n 1\n 2\n 3\n-4\n+X\n int g\n"
			" 5\n 6\n"
			"@@ -10,4 +10,4 @@ int g\n 8\n 9\n 10\n-11\n+Y\n");
	strbuf_release(&a);
	strbuf_release(&b);
}

/* ---- paths */

static void expect_header(const char *path, const char *want)
{
	struct strbuf out = STRBUF_INIT;

	EXPECT(diff_unified(&out, path, "a\n", 2, "b\n", 2) == 1);
	EXPECT_STR(out.buf, want);
	strbuf_release(&out);
}

static void test_paths(void)
{
	expect_header("net/core/sock.c",
		      "diff --git a/net/core/sock.c b/net/core/sock.c\n"
		      "--- a/net/core/sock.c\n+++ b/net/core/sock.c\n"
		      "@@ -1 +1 @@\n-a\n+b\n");
	/* git ends a ---/+++ name holding a space with a tab. */
	expect_header("my dir/f.c", "diff --git a/my dir/f.c b/my dir/f.c\n"
				    "--- a/my dir/f.c\t\n+++ b/my dir/f.c\t\n"
				    "@@ -1 +1 @@\n-a\n+b\n");
	/* ... and C-quotes odd bytes, core.quotePath style. */
	expect_header("t\tq\"\\\xc3\xa9.c",
		      "diff --git \"a/t\\tq\\\"\\\\\\303\\251.c\" "
		      "\"b/t\\tq\\\"\\\\\\303\\251.c\"\n"
		      "--- \"a/t\\tq\\\"\\\\\\303\\251.c\"\n"
		      "+++ \"b/t\\tq\\\"\\\\\\303\\251.c\"\n"
		      "@@ -1 +1 @@\n-a\n+b\n");
}

/* ---- checks with git and patch */

static char tmpdir[256];
static int have_git, have_patch;

static int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int sh(const char *fmt, ...)
{
	struct strbuf cmd = STRBUF_INIT;
	va_list ap;
	int ret;

	va_start(ap, fmt);
	strbuf_vaddf(&cmd, fmt, ap);
	va_end(ap);
	ret = system(cmd.buf);
	strbuf_release(&cmd);
	return ret;
}

/* Fixed settings that a user's configuration could change. */
#define GIT "git -c diff.algorithm=myers -c core.autocrlf=false"

static void write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f)
		die_errno("cannot write %s", path);
	if (len && fwrite(data, 1, len, f) != len)
		die_errno("cannot write %s", path);
	if (fclose(f))
		die_errno("cannot write %s", path);
}

static int file_is(const char *path, const struct strbuf *want)
{
	struct strbuf got = STRBUF_INIT;
	int ok;

	ok = !strbuf_read_file(&got, path, 0) && got.len == want->len &&
	     (!got.len || !memcmp(got.buf, want->buf, got.len));
	strbuf_release(&got);
	return ok;
}

static void tmp_setup(void)
{
	const char *base = getenv("TMPDIR");

	snprintf(tmpdir, sizeof(tmpdir), "%s/test_diff.XXXXXX",
		 base && *base ? base : "/tmp");
	if (!mkdtemp(tmpdir))
		die_errno("mkdtemp %s", tmpdir);
	/*
	 * Keep the user's and the system's git configuration out (a
	 * diff.algorithm or core.autocrlf there would change the answers),
	 * and never let git find a repository above tmpdir.
	 */
	if (setenv("HOME", tmpdir, 1) || setenv("XDG_CONFIG_HOME", tmpdir, 1) ||
	    setenv("GIT_CONFIG_NOSYSTEM", "1", 1) ||
	    setenv("GIT_CEILING_DIRECTORIES", tmpdir, 1))
		die_errno("setenv");
	have_git = !system("git --version >/dev/null 2>&1");
	have_patch = !system("patch --version >/dev/null 2>&1");
	if (!have_git)
		fprintf(stderr, "test_diff: no git, property tests skipped\n");
}

static void tmp_cleanup(void)
{
	if (tmpdir[0])
		sh("rm -rf '%s'", tmpdir);
}

/*
 * Put old at tmpdir/w/<path>, apply the diff with git apply (and, when
 * asked, dry-run it with patch -p1), and check the file then equals new.
 */
static int apply_ok(const char *path, const struct strbuf *old,
		    const struct strbuf *new, int with_patch)
{
	struct strbuf out = STRBUF_INIT, file = STRBUF_INIT;
	int ok = 1;

	if (!diff_unified(&out, path, old->buf, old->len, new->buf, new->len))
		return old->len == new->len;
	sh("rm -rf '%s/w' && mkdir -p \"$(dirname '%s/w/%s')\"", tmpdir, tmpdir,
	   path);
	strbuf_addf(&file, "%s/w/%s", tmpdir, path);
	write_file(file.buf, old->buf, old->len);
	strbuf_addf(&file, ".patch");
	write_file(file.buf, out.buf, out.len);
	if (with_patch && have_patch &&
	    sh("cd '%s/w' && patch -p1 -s -f --dry-run < '%s'", tmpdir,
	       file.buf))
		ok = 0;
	if (sh("cd '%s/w' && " GIT " apply --whitespace=nowarn '%s'", tmpdir,
	       file.buf))
		ok = 0;
	strbuf_setlen(&file, file.len - strlen(".patch"));
	if (ok && !file_is(file.buf, new))
		ok = 0;
	if (!ok)
		fprintf(stderr, "patch that failed:\n%s", out.buf);
	strbuf_release(&out);
	strbuf_release(&file);
	return ok;
}

/*
 * git's own diff of old -> new into res, from its first "@@" on: what ours
 * should say too, except in the rare tie where git's discarding of
 * often-repeated lines picks another alignment of the same size.  Returns 0
 * when git ran.
 */
static int git_hunks(const struct strbuf *old, const struct strbuf *new,
		     struct strbuf *res)
{
	struct strbuf path = STRBUF_INIT;
	const char *at;
	size_t skip;
	int ret;

	strbuf_addf(&path, "%s/old", tmpdir);
	write_file(path.buf, old->buf, old->len);
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/new", tmpdir);
	write_file(path.buf, new->buf, new->len);
	sh("cd '%s' && " GIT " diff --no-index --no-indent-heuristic old new"
	   " > git.out",
	   tmpdir);
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/git.out", tmpdir);
	strbuf_reset(res);
	ret = strbuf_read_file(res, path.buf, 0);
	at = strstr(res->buf, "\n@@ ");
	skip = at ? (size_t)(at + 1 - res->buf) : res->len;
	strbuf_splice(res, 0, skip, "", 0);
	strbuf_release(&path);
	return ret;
}

/* The hunks of a diff, as git_hunks() leaves them. */
static const char *hunks_of(const struct strbuf *diff)
{
	const char *at = strstr(diff->buf, "\n@@ ");

	return at ? at + 1 : "";
}

/* Count the '+' and '-' lines of hunks. */
static void count_lines(const char *p, size_t *added, size_t *removed)
{
	*added = *removed = 0;
	for (; *p; p = strchr(p, '\n') + 1) {
		*added += *p == '+';
		*removed += *p == '-';
		if (!strchr(p, '\n'))
			break;
	}
}

/* xorshift32: the same "random" files on every run and every machine. */
static uint32_t rnd(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* Few distinct lines, so that many repeat and ties abound. */
/* clang-format off */
static const char *const alphabet[] = {
	"a\n", "b\n", "c\n", "\n", "{\n", "}\n",
	"int f(void)\n", "\treturn 0;\n", "x\r\n",
};
/* clang-format on */

static void random_lines(struct strbuf *sb, uint32_t *s, unsigned n,
			 unsigned kinds)
{
	while (n--)
		strbuf_addstr(sb, alphabet[rnd(s) % kinds]);
}

/* Sometimes drop the final newline, to exercise "\ No newline". */
static void maybe_chop(struct strbuf *sb, uint32_t *s)
{
	if (sb->len && rnd(s) % 8 == 0)
		strbuf_setlen(sb, sb->len - 1);
}

/* A few line edits of old: how spatch output relates to its input. */
static void mutate(struct strbuf *new, const struct strbuf *old, uint32_t *s)
{
	const char *p = old->buf, *end = old->buf + old->len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
		unsigned r = rnd(s) % 16;

		if (r == 0)
			random_lines(new, s, 1 + rnd(s) % 3,
				     ARRAY_SIZE(alphabet));
		if (r != 1)
			strbuf_add(new, p, r == 2 ? 0 : len);
		if (r == 2)
			random_lines(new, s, 1, ARRAY_SIZE(alphabet));
		p += len;
	}
	if (rnd(s) % 4 == 0)
		random_lines(new, s, rnd(s) % 3, ARRAY_SIZE(alphabet));
}

static void random_pair(struct strbuf *old, struct strbuf *new, uint32_t *s)
{
	unsigned kinds = 2 + rnd(s) % (ARRAY_SIZE(alphabet) - 1);

	random_lines(old, s, rnd(s) % 30, kinds);
	maybe_chop(old, s);
	if (rnd(s) % 3)
		mutate(new, old, s);
	else
		random_lines(new, s, rnd(s) % 30, kinds);
	maybe_chop(new, s);
}

static void test_random_git_apply(void)
{
	struct strbuf old = STRBUF_INIT, new = STRBUF_INIT;
	struct strbuf ours = STRBUF_INIT, git = STRBUF_INIT;
	uint32_t seed = 2463534242u;
	int i, failed = 0, differ = 0, same_text = 0;

	if (!have_git)
		return;
	for (i = 0; i < 200 && failed < 3; i++) {
		size_t added, removed, gadded, gremoved;

		strbuf_reset(&old);
		strbuf_reset(&new);
		strbuf_reset(&ours);
		random_pair(&old, &new, &seed);
		if (!apply_ok(i % 2 ? "f.c" : "net/core/f.c", &old, &new,
			      i % 10 == 0))
			failed++;
		diff_count(old.buf, old.len, new.buf, new.len, &added,
			   &removed);
		diff_unified(&ours, "f.c", old.buf, old.len, new.buf, new.len);
		EXPECT(!git_hunks(&old, &new, &git));
		same_text += !strcmp(hunks_of(&ours), git.buf);
		count_lines(hunks_of(&ours), &gadded, &gremoved);
		EXPECT(gadded == added && gremoved == removed);
		count_lines(git.buf, &gadded, &gremoved);
		if (added == gadded && removed == gremoved)
			continue;
		/* A different minimal diff would still have git's size. */
		differ++;
		EXPECT(added + removed <= gadded + gremoved);
		fprintf(stderr, "case %d: ours +%zu -%zu, git +%zu -%zu\n", i,
			added, removed, gadded, gremoved);
	}
	EXPECT(!failed);
	EXPECT(!differ);
	/* Like git byte for byte, but for rare ties (198 of 200 here). */
	EXPECT(same_text >= 190);
	if (same_text != i)
		fprintf(stderr, "test_diff: %d of %d diffs as git's\n",
			same_text, i);
	strbuf_release(&old);
	strbuf_release(&new);
	strbuf_release(&ours);
	strbuf_release(&git);
}

/* The special cases through git apply and patch too. */
static void test_edge_cases_apply(void)
{
	static const char *const pairs[][2] = {
		{ "", "a\nb\n" },
		{ "a\nb\n", "" },
		{ "a", "" },
		{ "", "a" },
		{ "1\n2\n3", "1\n2\n3\n" },
		{ "1\n2\n3\n", "1\n2\n3" },
		{ "1\n2\n3", "1\n2\n4" },
		{ "1\r\n2\r\n", "1\r\n3\r\n" },
	};
	struct strbuf old = STRBUF_INIT, new = STRBUF_INIT;
	size_t i;

	if (!have_git)
		return;
	for (i = 0; i < ARRAY_SIZE(pairs); i++) {
		strbuf_reset(&old);
		strbuf_reset(&new);
		strbuf_addstr(&old, pairs[i][0]);
		strbuf_addstr(&new, pairs[i][1]);
		EXPECT(apply_ok("f.c", &old, &new, 1));
	}
	strbuf_reset(&old);
	strbuf_reset(&new);
	strbuf_addstr(&old, "a\nb\n");
	strbuf_addstr(&new, "a\nc\n");
	EXPECT(apply_ok("my dir/f.c", &old, &new, 1));
	EXPECT(apply_ok("t\tq\"\\\xc3\xa9.c", &old, &new, 0));
	strbuf_release(&old);
	strbuf_release(&new);
}

/*
 * Two unrelated 10000-line files from 4 kinds of line: D is in the
 * thousands, past the cost limit, so this takes the non-minimal split.
 * The diff must still be right.
 */
static void test_large_rewrite(void)
{
	struct strbuf old = STRBUF_INIT, new = STRBUF_INIT;
	uint32_t seed = 88675123u;
	size_t added, removed;

	random_lines(&old, &seed, 10000, 4);
	random_lines(&new, &seed, 10000, 4);
	diff_count(old.buf, old.len, new.buf, new.len, &added, &removed);
	EXPECT(added > 2048 && added == removed);
	if (have_git)
		EXPECT(apply_ok("big.c", &old, &new, 1));
	strbuf_release(&old);
	strbuf_release(&new);
}

/* A big file with a few small edits: the case that matters, kept fast. */
static void test_large_small_edit(void)
{
	struct strbuf old = STRBUF_INIT, new = STRBUF_INIT, out = STRBUF_INIT;
	size_t added, removed;

	numbers(&old, 200000);
	numbers_with(&new, 200000, 100000, "Y\n");
	strbuf_splice(&new, strlen("1\n2\n3\n4\n5\n6\n7\n8\n9\n"), 3, "X\n", 2);
	strbuf_addstr(&new, "Z\n");
	EXPECT(diff_unified(&out, "big.c", old.buf, old.len, new.buf,
			    new.len) == 3);
	diff_count(old.buf, old.len, new.buf, new.len, &added, &removed);
	EXPECT(added == 3 && removed == 2);
	EXPECT(strstr(out.buf, "@@ -7,7 +7,7 @@\n 7\n 8\n 9\n-10\n+X\n"));
	EXPECT(strstr(out.buf, "@@ -99997,7 +99997,7 @@\n"));
	EXPECT(strstr(out.buf, "@@ -199998,3 +199998,4 @@\n 199998\n"
			       " 199999\n 200000\n+Z\n"));
	strbuf_release(&old);
	strbuf_release(&new);
	strbuf_release(&out);
}

int main(void)
{
	tmp_setup();
	RUN(test_identical);
	RUN(test_middle_change);
	RUN(test_appends);
	RUN(test_first_line);
	RUN(test_last_line);
	RUN(test_nearby_merged);
	RUN(test_far_apart);
	RUN(test_insertion);
	RUN(test_deletion);
	RUN(test_empty_to_content);
	RUN(test_content_to_empty);
	RUN(test_no_newline_old);
	RUN(test_no_newline_new);
	RUN(test_no_newline_both);
	RUN(test_crlf);
	RUN(test_nul_bytes);
	RUN(test_slides_like_git);
	RUN(test_funcname_scope);
	RUN(test_funcname_trim);
	RUN(test_funcname_hunks);
	RUN(test_paths);
	RUN(test_edge_cases_apply);
	RUN(test_random_git_apply);
	RUN(test_large_rewrite);
	RUN(test_large_small_edit);
	tmp_cleanup();
	return UNIT_EXIT();
}
