// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for driver/pipeline/slice.c: which lines of a file spatch
 * is given, and spatch's result of them put back into the file.
 *
 * A slice is shown line by line: a line kept as it is, or "-" for a line
 * blanked.  Every slice is also checked to have the file's length, its
 * line ends, and only blanks on a blanked line.
 */
#include "slice.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctoken.h"
#include "sites.h"
#include "strbuf.h"
#include "unit.h"

#define NAME "sock_create_kern"

/* The slice of src, shown; "(none)" when nothing is blanked. */
static void show_slice(const char *src, struct strbuf *shown)
{
	struct ctok_list toks = { 0 };
	struct site_list sl = { 0 };
	struct strbuf sb = STRBUF_INIT;
	size_t len = strlen(src), i, a = 0;

	ctok_scan(src, len, &toks);
	sites_find(src, &toks, NAME, &sl);
	if (!slice_make(src, len, &sl, &sb)) {
		strbuf_addstr(shown, "(none)\n");
		goto out;
	}
	EXPECT(sb.len == len);
	for (i = 0; i <= len && sb.len == len; i++) {
		if (i < len && src[i] != '\n')
			continue;
		if (!memcmp(src + a, sb.buf + a, i - a)) {
			strbuf_add(shown, src + a, i - a);
		} else {
			size_t j;

			for (j = a; j < i; j++)
				EXPECT(sb.buf[j] == ' ' ||
				       (sb.buf[j] == '\r' && j + 1 == i));
			strbuf_addch(shown, '-');
		}
		if (i < len) {
			EXPECT(sb.buf[i] == '\n');
			strbuf_addch(shown, '\n');
		}
		a = i + 1;
	}
out:
	strbuf_release(&sb);
	site_list_release(&sl);
	ctok_list_release(&toks);
}

static void expect_slice(const char *src, const char *want)
{
	struct strbuf shown = STRBUF_INIT;

	show_slice(src, &shown);
	EXPECT_STR(shown.buf, want);
	strbuf_release(&shown);
}

static void test_site_in_function(void)
{
	expect_slice("// SPDX\n"
		     "/* A file comment. */\n"
		     "#include <linux/net.h>\n"
		     "\n"
		     "static int other(void)\n"
		     "{\n"
		     "\treturn 1;\n"
		     "}\n"
		     "\n"
		     "/* Its doc. */\n"
		     "static int f(struct socket **s)\n"
		     "{\n"
		     "\treturn sock_create_kern(1, 2, 3, s);\n"
		     "}\n"
		     "static int x = 3;\n",
		     "-\n"
		     "-\n"
		     "#include <linux/net.h>\n"
		     "\n"
		     "-\n"
		     "-\n"
		     "-\n"
		     "-\n"
		     "\n"
		     "-\n"
		     "static int f(struct socket **s)\n"
		     "{\n"
		     "\treturn sock_create_kern(1, 2, 3, s);\n"
		     "}\n"
		     "-\n");
}

/* The prototype, the definition and the export are units of their own. */
static void test_prototype_and_definition(void)
{
	expect_slice(
		"int sock_create(int family, int type);\n"
		"int sock_create_kern(int family, int type, int protocol,\n"
		"\t\t     struct socket **res);\n"
		"int sock_release(struct socket *s);\n"
		"int sock_create_kern(int f, int t, int p, struct socket **r)\n"
		"{\n"
		"\treturn __sock_create(&init_net, f, t, p, r, 1);\n"
		"}\n"
		"EXPORT_SYMBOL(sock_create_kern);\n"
		"EXPORT_SYMBOL(sock_release);\n",
		"-\n"
		"int sock_create_kern(int family, int type, int protocol,\n"
		"\t\t     struct socket **res);\n"
		"-\n"
		"int sock_create_kern(int f, int t, int p, struct socket **r)\n"
		"{\n"
		"\treturn __sock_create(&init_net, f, t, p, r, 1);\n"
		"}\n"
		"EXPORT_SYMBOL(sock_create_kern);\n"
		"-\n");
}

/* A struct initialiser, a file-scope variable: up to their ';'. */
static void test_initialisers(void)
{
	expect_slice(
		"static const struct ops o = {\n"
		"\t.name = \"x\",\n"
		"\t.create = sock_create_kern,\n"
		"};\n"
		"static int unused(void)\n"
		"{\n"
		"\treturn 0;\n"
		"}\n"
		"static int r = sizeof(sock_create_kern(1, 2, 3, NULL)) +\n"
		"\t\t1;\n"
		"static int z;\n",
		"static const struct ops o = {\n"
		"\t.name = \"x\",\n"
		"\t.create = sock_create_kern,\n"
		"};\n"
		"-\n"
		"-\n"
		"-\n"
		"-\n"
		"static int r = sizeof(sock_create_kern(1, 2, 3, NULL)) +\n"
		"\t\t1;\n"
		"-\n");
}

/* Every directive stays, a #define with its continuation lines too. */
static void test_macro_body(void)
{
	expect_slice("#include <linux/net.h>\n"
		     "#define MK(res) \\\n"
		     "\tsock_create_kern(AF_INET, SOCK_DGRAM, 0, res)\n"
		     "#define OTHER 1\n"
		     "static int f(struct socket **s)\n"
		     "{\n"
		     "\treturn MK(s);\n"
		     "}\n",
		     "#include <linux/net.h>\n"
		     "#define MK(res) \\\n"
		     "\tsock_create_kern(AF_INET, SOCK_DGRAM, 0, res)\n"
		     "#define OTHER 1\n"
		     "-\n"
		     "-\n"
		     "-\n"
		     "-\n");
}

/* K&R: the parameter declarations belong to the definition. */
static void test_kr_definition(void)
{
	expect_slice("int before;\n"
		     "int sock_create_kern(family, type, protocol, res)\n"
		     "\tint family;\n"
		     "\tint type;\n"
		     "\tint protocol;\n"
		     "\tstruct socket **res;\n"
		     "{\n"
		     "\treturn 0;\n"
		     "}\n"
		     "int after;\n"
		     "static int g(void)\n"
		     "{\n"
		     "\tint x;\n"
		     "\treturn sock_create_kern(1, 2, 3, &x);\n"
		     "}\n",
		     "-\n"
		     "int sock_create_kern(family, type, protocol, res)\n"
		     "\tint family;\n"
		     "\tint type;\n"
		     "\tint protocol;\n"
		     "\tstruct socket **res;\n"
		     "{\n"
		     "\treturn 0;\n"
		     "}\n"
		     "-\n"
		     "static int g(void)\n"
		     "{\n"
		     "\tint x;\n"
		     "\treturn sock_create_kern(1, 2, 3, &x);\n"
		     "}\n");
}

/*
 * #if branches that each open the function: the depth after #else starts
 * again from #if's, so the function is one unit, to its last '}'.
 */
static void test_if_branches(void)
{
	expect_slice("#ifdef CONFIG_A\n"
		     "static int f(struct socket **s)\n"
		     "{\n"
		     "\tint a = 1;\n"
		     "#else\n"
		     "static int f(struct socket **s, int b)\n"
		     "{\n"
		     "\tint a = b;\n"
		     "#endif\n"
		     "\treturn sock_create_kern(a, 2, 3, s);\n"
		     "}\n"
		     "#if 0\n"
		     "static int dead(void) { {\n"
		     "#endif\n"
		     "static int later(void)\n"
		     "{\n"
		     "\treturn 0;\n"
		     "}\n",
		     "#ifdef CONFIG_A\n"
		     "static int f(struct socket **s)\n"
		     "{\n"
		     "\tint a = 1;\n"
		     "#else\n"
		     "static int f(struct socket **s, int b)\n"
		     "{\n"
		     "\tint a = b;\n"
		     "#endif\n"
		     "\treturn sock_create_kern(a, 2, 3, s);\n"
		     "}\n"
		     "#if 0\n"
		     "-\n"
		     "#endif\n"
		     "-\n"
		     "-\n"
		     "-\n"
		     "-\n");
}

/* Typedefs stay: spatch tells casts from expressions with them. */
static void test_typedef_kept(void)
{
	expect_slice("typedef unsigned long my_t;\n"
		     "struct s { int a; };\n"
		     "static int f(void)\n"
		     "{\n"
		     "\treturn sock_create_kern((my_t)1, 2, 3, 0);\n"
		     "}\n",
		     "typedef unsigned long my_t;\n"
		     "-\n"
		     "static int f(void)\n"
		     "{\n"
		     "\treturn sock_create_kern((my_t)1, 2, 3, 0);\n"
		     "}\n");
}

/*
 * Whole lines: a unit on a kept line is kept whole; a comment that a
 * kept line cuts is kept whole (a blanked half would leave "*" "/"
 * alone); a macro use without ';' joins the unit after it.
 */
static void test_whole_lines(void)
{
	expect_slice("static int a = 1,\n"
		     "\tb = 2; static int f(void) {\n"
		     "\treturn sock_create_kern(1, 2, 3, 0);\n"
		     "} /* a comment\n"
		     "   that goes on */\n"
		     "static int g(void)\n"
		     "{\n"
		     "\treturn 0;\n"
		     "}\n"
		     "DEFINE_THING(x)\n"
		     "static int h(void)\n"
		     "{\n"
		     "\treturn sock_create_kern(1, 2, 3, 0);\n"
		     "}\n",
		     "static int a = 1,\n"
		     "\tb = 2; static int f(void) {\n"
		     "\treturn sock_create_kern(1, 2, 3, 0);\n"
		     "} /* a comment\n"
		     "   that goes on */\n"
		     "-\n"
		     "-\n"
		     "-\n"
		     "-\n"
		     "DEFINE_THING(x)\n"
		     "static int h(void)\n"
		     "{\n"
		     "\treturn sock_create_kern(1, 2, 3, 0);\n"
		     "}\n");
}

/* CRLF: the CR stays with the LF, so the lines stay CRLF lines. */
static void test_crlf(void)
{
	expect_slice("int a;\r\n"
		     "int f(void)\r\n"
		     "{\r\n"
		     "\treturn sock_create_kern(1, 2, 3, 0);\r\n"
		     "}\r\n",
		     "-\n"
		     "int f(void)\r\n"
		     "{\r\n"
		     "\treturn sock_create_kern(1, 2, 3, 0);\r\n"
		     "}\r\n");
}

static void test_nothing_to_blank(void)
{
	expect_slice("#include <linux/net.h>\n"
		     "\n"
		     "int f(void)\n"
		     "{\n"
		     "\treturn sock_create_kern(1, 2, 3, 0);\n"
		     "}\n",
		     "(none)\n");
}

/* ---- slice_merge */

static int merge(const char *orig, const char *slice, const char *result,
		 struct strbuf *out)
{
	struct strbuf o = STRBUF_INIT, s = STRBUF_INIT, r = STRBUF_INIT;
	int ret;

	strbuf_addstr(&o, orig);
	strbuf_addstr(&s, slice);
	strbuf_addstr(&r, result);
	ret = slice_merge(&o, &s, &r, out);
	strbuf_release(&o);
	strbuf_release(&s);
	strbuf_release(&r);
	return ret;
}

static void test_merge_changed_lines(void)
{
	struct strbuf out = STRBUF_INIT;

	/* Two changes, a blanked line between them, one before, one after. */
	EXPECT(!merge("int a;\nf(1);\nint b;\ng(2);\nint c;\n",
		      "      \nf(1);\n      \ng(2);\n      \n",
		      "      \nf(0, 1);\n      \ng(0,\n  2);\n      \n", &out));
	EXPECT_STR(out.buf, "int a;\nf(0, 1);\nint b;\ng(0,\n  2);\nint c;\n");
	/* Nothing changed: the file as it was. */
	strbuf_reset(&out);
	EXPECT(!merge("int a;\nf(1);\n", "      \nf(1);\n", "      \nf(1);\n",
		      &out));
	EXPECT_STR(out.buf, "int a;\nf(1);\n");
	/* A line added at the end, and the last newline gone. */
	strbuf_reset(&out);
	EXPECT(!merge("int a;\nf(1);\n", "      \nf(1);\n",
		      "      \nf(1);\n/* x */", &out));
	EXPECT_STR(out.buf, "int a;\nf(1);\n/* x */");
	strbuf_release(&out);
}

/* A change to a blanked line is no result of the file: refused. */
static void test_merge_refuses_blanked(void)
{
	struct strbuf out = STRBUF_INIT;

	strbuf_addstr(&out, "untouched");
	EXPECT(merge("int a;\nf(1);\n", "      \nf(1);\n", "int garbage;\n",
		     &out) == -1);
	EXPECT(merge("int a;\nf(1);\n", "      \nf(1);\n", "f(0, 1);\n",
		     &out) == -1);
	EXPECT_STR(out.buf, "untouched");
	strbuf_release(&out);
}

int main(void)
{
	RUN(test_site_in_function);
	RUN(test_prototype_and_definition);
	RUN(test_initialisers);
	RUN(test_macro_body);
	RUN(test_kr_definition);
	RUN(test_if_branches);
	RUN(test_typedef_kept);
	RUN(test_whole_lines);
	RUN(test_crlf);
	RUN(test_nothing_to_blank);
	RUN(test_merge_changed_lines);
	RUN(test_merge_refuses_blanked);
	return UNIT_EXIT();
}
