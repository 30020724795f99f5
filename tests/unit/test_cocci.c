// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for driver/cocci.c: the rule's header comments (Options,
 * Requires, Coccidrive) and version strings.  The error paths die(), so
 * only well-formed headers are loaded here.
 */
#include "cocci.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strbuf.h"
#include "unit.h"
#include "unit_tmp.h"
#include "util.h"

static const char *argv0;

/* ---- helpers */

/* Write tmpdir/rel (making its folders); its path in sb. */
static const char *put(struct strbuf *sb, const char *rel, const char *text)
{
	char *slash;
	int fd;

	strbuf_reset(sb);
	strbuf_addf(sb, "%s/%s", tmpdir, rel);
	for (slash = strchr(sb->buf + strlen(tmpdir) + 1, '/'); slash;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(sb->buf, 0755) && errno != EEXIST)
			die_errno("mkdir %s", sb->buf);
		*slash = '/';
	}
	fd = open(sb->buf, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text) ||
	    close(fd))
		die_errno("cannot write %s", sb->buf);
	return sb->buf;
}

/* The options, each in brackets: "[a][b]". */
static void options_str(const struct cocci *c, struct strbuf *out)
{
	size_t i;

	for (i = 0; i < c->nr_options; i++)
		strbuf_addf(out, "[%s]", c->options[i]);
}

static void expect_options(const struct cocci *c, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	options_str(c, &sb);
	EXPECT_STR(sb.buf, want);
	/* NULL-terminated, when there are any. */
	if (c->nr_options)
		EXPECT(c->options[c->nr_options] == NULL);
	strbuf_release(&sb);
}

static void expect_version(const char *s, int ret, unsigned a, unsigned b,
			   unsigned c)
{
	unsigned v[3] = { 99, 99, 99 };
	int got = parse_version(s, v);

	EXPECT(got == ret);
	if (got != ret)
		fprintf(stderr, "  parse_version(\"%s\") returned %d\n", s,
			got);
	if (!ret && (v[0] != a || v[1] != b || v[2] != c)) {
		fprintf(stderr, "  parse_version(\"%s\"): %u.%u.%u\n", s, v[0],
			v[1], v[2]);
		EXPECT(0);
	}
}

#define DRIVE "// Coccidrive: function=sock_create_kern old-arity=4 new-arity=5"

/* ---- tests */

static void test_load_full_header(void)
{
	struct strbuf p = STRBUF_INIT, m = STRBUF_INIT;
	struct cocci c;

	put(&m, "full/kernel-macros.h", "#define __rcu\n");
	put(&p, "full/rule.cocci",
	    "// SPDX-License-Identifier: GPL-2.0-only\n"
	    "/// Pass a struct net *.\n"
	    "// Confidence: High\n"
	    "// Requires: 1.0.8\n"
	    "// Options: --no-includes --include-headers --smpl-spacing\n" DRIVE
	    " macro-file=kernel-macros.h\n"
	    "\n"
	    "virtual patch\n"
	    "// Options: --not-in-the-header\n"
	    "@@\n"
	    "expression E;\n"
	    "@@\n");
	cocci_load(&c, p.buf);
	EXPECT_STR(c.path, p.buf);
	EXPECT_STR(c.ident, "sock_create_kern");
	EXPECT(c.old_arity == 4 && c.new_arity == 5);
	expect_options(&c,
		       "[--no-includes][--include-headers][--smpl-spacing]");
	EXPECT(c.requires[0] == 1 && c.requires[1] == 0 && c.requires[2] == 8);
	/* Beside the rule. */
	EXPECT_STR(c.macro_file, m.buf);
	cocci_release(&c);
	EXPECT(c.path == NULL && c.ident == NULL && c.options == NULL &&
	       c.nr_options == 0 && c.macro_file == NULL);
	strbuf_release(&p);
	strbuf_release(&m);
}

/*
 * The "///" lines are the description: "///" and one blank dropped, an
 * empty one a paragraph break, none at the end; a "//" line in between
 * is not part of it, nor a "///" after the header.
 */
static void test_description(void)
{
	struct strbuf p = STRBUF_INIT;
	struct cocci c;

	put(&p, "desc.cocci",
	    "// SPDX-License-Identifier: GPL-2.0-only\n"
	    "/// First line.\n"
	    "///   indented, and a \"quote\"\n"
	    "///\n"
	    "// Confidence: High\n"
	    "///Second paragraph.\r\n"
	    "///\n"
	    "///\n" DRIVE "\n"
	    "@@\n"
	    "/// not the header\n"
	    "@@\n");
	cocci_load(&c, p.buf);
	EXPECT_STR(c.description, "First line.\n  indented, and a \"quote\"\n"
				  "\nSecond paragraph.");
	cocci_release(&c);
	EXPECT(c.description == NULL);
	put(&p, "nodesc.cocci", "/// \n///\n" DRIVE "\n@@\n@@\n");
	cocci_load(&c, p.buf);
	EXPECT(c.description == NULL);
	cocci_release(&c);
	strbuf_release(&p);
}

static void test_load_minimal(void)
{
	struct strbuf p = STRBUF_INIT;
	struct cocci c;

	put(&p, "minimal.cocci", DRIVE "\n@@\n@@\n");
	cocci_load(&c, p.buf);
	EXPECT_STR(c.ident, "sock_create_kern");
	EXPECT(c.nr_options == 0);
	EXPECT(c.macro_file == NULL);
	EXPECT(c.requires[0] == 0 && c.requires[1] == 0 && c.requires[2] == 0);
	cocci_release(&c);
	strbuf_release(&p);
}

static void test_options_words(void)
{
	struct strbuf p = STRBUF_INIT;
	struct cocci c;

	/* Tabs and runs of blanks split words; lines add up. */
	put(&p, "words.cocci",
	    "// Options:\t--a   --b\t\t--c \n"
	    "// Options:\n"
	    "// Options: --macro-file-builtins x.h\n"
	    "//Options: --no-space-after-slashes\n"
	    "// options: --lower-case\n" DRIVE "\n");
	cocci_load(&c, p.buf);
	expect_options(&c, "[--a][--b][--c][--macro-file-builtins][x.h]");
	EXPECT(c.nr_options == 5);
	cocci_release(&c);
	strbuf_release(&p);
}

static void test_coccidrive_line(void)
{
	struct strbuf p = STRBUF_INIT;
	struct cocci c;

	/* Any order, other words ignored, a later line wins. */
	put(&p, "order.cocci",
	    "// Coccidrive: new-arity=3 function=old_name old-arity=2\n"
	    "// Coccidrive:\tfunction=kernel_connect  future-key=1\n"
	    "// Requires: 1.1\n");
	cocci_load(&c, p.buf);
	EXPECT_STR(c.ident, "kernel_connect");
	EXPECT(c.old_arity == 2 && c.new_arity == 3);
	EXPECT(c.requires[0] == 1 && c.requires[1] == 1 && c.requires[2] == 0);
	cocci_release(&c);
	strbuf_release(&p);
}

static void test_macro_file_paths(void)
{
	struct strbuf p = STRBUF_INIT, m = STRBUF_INIT, text = STRBUF_INIT;
	struct cocci c;

	/* Relative to the rule's folder, in a subfolder of it. */
	put(&m, "paths/rules/defs/m.h", "\n");
	put(&p, "paths/rules/r.cocci", DRIVE " macro-file=defs/m.h\n");
	cocci_load(&c, p.buf);
	EXPECT_STR(c.macro_file, m.buf);
	cocci_release(&c);

	/* An absolute name is taken as it is. */
	put(&m, "paths/elsewhere/abs.h", "\n");
	strbuf_addf(&text, DRIVE " macro-file=%s\n", m.buf);
	put(&p, "paths/rules/abs.cocci", text.buf);
	cocci_load(&c, p.buf);
	EXPECT_STR(c.macro_file, m.buf);
	cocci_release(&c);

	/* A rule named without a folder: beside it is the current one. */
	strbuf_reset(&m);
	strbuf_addf(&m, "%s/paths/rules", tmpdir);
	if (chdir(m.buf))
		die_errno("chdir %s", m.buf);
	cocci_load(&c, "r.cocci");
	EXPECT_STR(c.path, "r.cocci");
	EXPECT_STR(c.macro_file, "defs/m.h");
	cocci_release(&c);
	if (chdir(cwd))
		die_errno("chdir %s", cwd);

	strbuf_release(&p);
	strbuf_release(&m);
	strbuf_release(&text);
}

/* The rule shipped with coccidrive loads, with the values it states. */
static void test_bundled_rule(void)
{
	struct cocci c;
	char *path;

	if (unsetenv("COCCIDRIVE_COCCI"))
		die_errno("unsetenv");
	path = cocci_default_path(argv0);
	if (path[0] != '/' || access(path, R_OK)) {
		fprintf(stderr, "test_cocci: %s not found, skipped\n", path);
		free(path);
		return;
	}
	EXPECT(!strstr(path, "/../"));
	EXPECT(strstr(path, "/semantic-patches/sock_create_kern.cocci"));
	cocci_load(&c, path);
	EXPECT_STR(c.ident, "sock_create_kern");
	EXPECT(c.old_arity == 4 && c.new_arity == 5);
	EXPECT(c.nr_options >= 1);
	EXPECT(c.macro_file && strstr(c.macro_file, "/kernel-macros.h"));
	EXPECT(c.requires[0] >= 1);
	EXPECT(c.description &&
	       !strncmp(c.description,
			"Pass a struct net * as the first argument of "
			"sock_create_kern().\n\nSince Linux 4.2",
			70));
	cocci_release(&c);
	free(path);
}

/* The backport rule shipped beside it: the reverse, and how to tell. */
static void test_bundled_backport_rule(void)
{
	struct cocci c;
	char *path = cocci_bundled_path(argv0, COCCI_BACKPORT);

	if (path[0] != '/' || access(path, R_OK)) {
		fprintf(stderr, "test_cocci: %s not found, skipped\n", path);
		free(path);
		return;
	}
	EXPECT(strstr(path,
		      "/semantic-patches/sock_create_kern_backport.cocci"));
	cocci_load(&c, path);
	EXPECT_STR(c.ident, "sock_create_kern");
	EXPECT(c.old_arity == 5 && c.new_arity == 4);
	EXPECT(c.drop_first_arg == 1);
	EXPECT(!c.new_arg && !c.new_param);
	EXPECT_STR(c.drop_param, "struct net *net");
	EXPECT_STR(c.drop_default, "&init_net");
	EXPECT_STR(c.def_old, "net");
	EXPECT_STR(c.def_new, "&init_net");
	EXPECT(c.macro_file && strstr(c.macro_file, "/kernel-macros.h"));
	cocci_release(&c);
	free(path);
}

/* cocci_find_rule(exe, datadir): the path found, or "-" and what it tried. */
static void expect_found(const char *exe, const char *datadir, const char *want,
			 const char *want_looked)
{
	struct strbuf looked = STRBUF_INIT;
	char *got = cocci_find_rule(exe, datadir, &looked);

	EXPECT_STR(got ? got : "-", want);
	EXPECT_STR(looked.buf, want_looked);
	free(got);
	strbuf_release(&looked);
}

static void test_find_rule(void)
{
	struct strbuf p = STRBUF_INIT, exe = STRBUF_INIT, want = STRBUF_INIT;
	struct strbuf data = STRBUF_INIT, looked = STRBUF_INIT;

	/* build/coccidrive and build/asan/coccidrive find the same rule. */
	put(&p, "co/semantic-patches/sock_create_kern.cocci", DRIVE "\n");
	strbuf_addstr(&want, p.buf);
	strbuf_addf(&exe, "%s/co/build/coccidrive", tmpdir);
	strbuf_addf(&data, "%s/data", tmpdir);
	expect_found(exe.buf, data.buf, want.buf, "");
	strbuf_reset(&exe);
	strbuf_addf(&exe, "%s/co/build/asan/coccidrive", tmpdir);
	strbuf_addf(&looked, "%s/co/build/semantic-patches", tmpdir);
	expect_found(exe.buf, data.buf, want.buf, looked.buf);

	/* Installed: nothing beside the program, the data directory's. */
	put(&p, "data/sock_create_kern.cocci", DRIVE "\n");
	strbuf_reset(&exe);
	strbuf_addf(&exe, "%s/usr/bin/coccidrive", tmpdir);
	strbuf_reset(&looked);
	strbuf_addf(&looked, "%s/usr/semantic-patches, %s/semantic-patches",
		    tmpdir, tmpdir);
	expect_found(exe.buf, data.buf, p.buf, looked.buf);
	/* The checkout's rule comes first, whatever is installed. */
	strbuf_reset(&exe);
	strbuf_addf(&exe, "%s/co/build/coccidrive", tmpdir);
	expect_found(exe.buf, data.buf, want.buf, "");
	/* No program file known (no /proc): the data directory only. */
	expect_found(NULL, data.buf, p.buf, "");

	/* Nowhere: NULL, and every folder tried, in order. */
	strbuf_reset(&data);
	strbuf_addf(&data, "%s/nodata", tmpdir);
	strbuf_reset(&exe);
	strbuf_addf(&exe, "%s/usr/bin/coccidrive", tmpdir);
	strbuf_reset(&looked);
	strbuf_addf(&looked,
		    "%s/usr/semantic-patches, %s/semantic-patches, %s/nodata",
		    tmpdir, tmpdir, tmpdir);
	expect_found(exe.buf, data.buf, "-", looked.buf);
	/* At the root: no "//", nothing above "/". */
	expect_found("/bin/coccidrive", "/no/data", "-",
		     "/semantic-patches, /no/data");
	expect_found("/coccidrive", "/no/data", "-", "/no/data");

	strbuf_release(&p);
	strbuf_release(&exe);
	strbuf_release(&want);
	strbuf_release(&data);
	strbuf_release(&looked);
}

static void test_default_path(void)
{
	struct strbuf p = STRBUF_INIT, prog = STRBUF_INIT;
	char *got, *real, *mine;

	if (setenv("COCCIDRIVE_COCCI", "/some/where/r.cocci", 1))
		die_errno("setenv");
	got = cocci_default_path("/usr/bin/coccidrive");
	EXPECT_STR(got, "/some/where/r.cocci");
	free(got);
	/* Empty means unset. */
	if (setenv("COCCIDRIVE_COCCI", "", 1))
		die_errno("setenv");
	/*
	 * No folder in argv0 (found on PATH), or argv0 is no file: the
	 * program is /proc/self/exe, this test in build/asan/: the
	 * checkout's rule, as for the path it was started by.
	 */
	mine = cocci_default_path(argv0);
	got = cocci_default_path("coccidrive");
	EXPECT_STR(got, mine);
	free(got);
	strbuf_addf(&prog, "%s/nowhere/bin/coccidrive", tmpdir);
	got = cocci_default_path(prog.buf);
	EXPECT_STR(got, mine);
	free(got);
	free(mine);
	/* A symbolic link to build/coccidrive finds the checkout's rule. */
	put(&p, "inst/build/coccidrive", "");
	put(&p, "inst/semantic-patches/sock_create_kern.cocci", DRIVE "\n");
	real = realpath(p.buf, NULL);
	EXPECT(real != NULL);
	strbuf_reset(&prog);
	strbuf_addf(&prog, "%s/bin/coccidrive", tmpdir);
	put(&p, "bin/x", "");
	strbuf_reset(&p);
	strbuf_addf(&p, "%s/inst/build/coccidrive", tmpdir);
	if (symlink(p.buf, prog.buf))
		die_errno("symlink %s", prog.buf);
	got = cocci_default_path(prog.buf);
	EXPECT_STR(got, real);
	free(got);
	free(real);
	if (unsetenv("COCCIDRIVE_COCCI"))
		die_errno("unsetenv");
	strbuf_release(&p);
	strbuf_release(&prog);
}

static void test_parse_version(void)
{
	expect_version("1.0.8", 0, 1, 0, 8);
	expect_version("1.1.1", 0, 1, 1, 1);
	expect_version("10.20.30", 0, 10, 20, 30);
	/* Missing parts are zeros (but see the test below). */
	expect_version("1.", 0, 1, 0, 0);
	expect_version("1.2.", 0, 1, 2, 0);
	expect_version("", 0, 0, 0, 0);
	/* What follows the numbers (spatch's own suffixes) is ignored. */
	expect_version("1.0.8-00123-gabc", 0, 1, 0, 8);
	expect_version("1.1.1 compiled with OCaml", 0, 1, 1, 1);
	expect_version("1.2.3.4", 0, 1, 2, 3);
	/* Not a number where one is needed. */
	expect_version("x", -1, 0, 0, 0);
	expect_version("1.x", -1, 0, 0, 0);
	expect_version("1..2", -1, 0, 0, 0);
	expect_version("-1", -1, 0, 0, 0);
	expect_version("100001", -1, 0, 0, 0);
	expect_version("99999999999999999999999", -1, 0, 0, 0);
	expect_version("100000.0.0", 0, 100000, 0, 0);
}

/*
 * Regression: parse_version() used to leave the parts after a number not
 * followed by '.' as they were ("1.1" gave {1, 1, <unchanged>}).
 */
static void test_parse_version_short(void)
{
	expect_version("1.1", 0, 1, 1, 0);
	expect_version("2", 0, 2, 0, 0);
	expect_version("1.1 (built)", 0, 1, 1, 0);
}

int main(int argc, char **argv)
{
	(void)argc;
	argv0 = argv[0];
	unit_tmp_setup("test_cocci");
	RUN(test_load_full_header);
	RUN(test_description);
	RUN(test_load_minimal);
	RUN(test_options_words);
	RUN(test_coccidrive_line);
	RUN(test_macro_file_paths);
	RUN(test_bundled_rule);
	RUN(test_bundled_backport_rule);
	RUN(test_find_rule);
	RUN(test_default_path);
	RUN(test_parse_version);
	RUN(test_parse_version_short);
	unit_tmp_cleanup();
	return UNIT_EXIT();
}
