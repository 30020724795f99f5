// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for driver/sites.c: every occurrence of an identifier,
 * classified; argument counting; the enclosing function.
 *
 * Most tests compare a dump of every site, one per line:
 *	<kind> <nargs> <line>:<col> <func>@<func_first>-<func_last>[ D][ M][ 0]
 * with the flags of the identifier as in test_ctoken.c.
 */
#include "sites.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctoken.h"
#include "strbuf.h"
#include "unit.h"
#include "util.h"

#define NAME "sock_create_kern"

/* ---- helpers */

static void dump_sites(const struct site_list *sl, struct strbuf *out)
{
	size_t i;

	for (i = 0; i < sl->nr; i++) {
		const struct site *s = &sl->v[i];

		strbuf_addf(out, "%s %d %u:%u %s@%u-%u%s%s%s\n",
			    site_kind_name(s->kind), s->nargs, s->line, s->col,
			    s->func, s->func_first, s->func_last,
			    s->flags & CTOK_IN_DIRECTIVE ? " D" : "",
			    s->flags & CTOK_IN_DEFINE ? " M" : "",
			    s->flags & CTOK_IN_IF0 ? " 0" : "");
	}
}

static void expect_sites_of(const char *src, const char *ident,
			    const char *want)
{
	struct ctok_list toks = { 0 };
	struct site_list sl = { 0 };
	struct strbuf out = STRBUF_INIT;

	ctok_scan(src, strlen(src), &toks);
	sites_find(src, &toks, ident, &sl);
	dump_sites(&sl, &out);
	EXPECT_STR(out.buf, want);
	strbuf_release(&out);
	site_list_release(&sl);
	ctok_list_release(&toks);
}

static void expect_sites(const char *src, const char *want)
{
	expect_sites_of(src, NAME, want);
}

/* The kind and nargs of the only site of NAME in src, as "kind nargs". */
static void expect_one(const char *src, const char *want)
{
	struct ctok_list toks = { 0 };
	struct site_list sl = { 0 };
	struct strbuf out = STRBUF_INIT;

	ctok_scan(src, strlen(src), &toks);
	sites_find(src, &toks, NAME, &sl);
	if (sl.nr == 1)
		strbuf_addf(&out, "%s %d", site_kind_name(sl.v[0].kind),
			    sl.v[0].nargs);
	else
		strbuf_addf(&out, "%zu sites", sl.nr);
	EXPECT_STR(out.buf, want);
	strbuf_release(&out);
	site_list_release(&sl);
	ctok_list_release(&toks);
}

/* ---- classification */

/* Each site as "kind nargs line:col: manual" (manual may be empty). */
static void expect_manual(const char *src, const char *want)
{
	struct ctok_list toks = { 0 };
	struct site_list sl = { 0 };
	struct strbuf out = STRBUF_INIT;
	size_t i;

	ctok_scan(src, strlen(src), &toks);
	sites_find(src, &toks, NAME, &sl);
	for (i = 0; i < sl.nr; i++)
		strbuf_addf(&out, "%s %d %u:%u: %s\n",
			    site_kind_name(sl.v[i].kind), sl.v[i].nargs,
			    sl.v[i].line, sl.v[i].col, sl.v[i].manual);
	EXPECT_STR(out.buf, want);
	strbuf_release(&out);
	site_list_release(&sl);
	ctok_list_release(&toks);
}

static void test_classify_file_scope(void)
{
	expect_sites("int " NAME "(int family, int type, int proto,\n"
		     "\t\t     struct socket **res);\n"
		     "EXPORT_SYMBOL(" NAME ");\n"
		     "EXPORT_SYMBOL_GPL(" NAME ");\n"
		     "int " NAME "(int family, int type, int proto,\n"
		     "\t\t     struct socket **res)\n"
		     "{\n"
		     "\treturn 0;\n"
		     "}\n"
		     "static int (*" NAME ")(int, int);\n"
		     "static void *tbl[] = { " NAME " };\n"
		     "#define alias " NAME "\n",
		     "prototype 4 1:5 @0-0\n"
		     "export -1 3:15 @0-0\n"
		     "export -1 4:19 @0-0\n"
		     "definition 4 5:5 @0-0\n"
		     "pointer -1 10:14 @0-0\n"
		     "value -1 11:24 @11-0\n"
		     "value -1 12:15 @0-0 D M\n");
}

static void test_classify_in_function(void)
{
	expect_sites("static int f(struct s *p, struct t s)\n"
		     "{\n"
		     "\tint (*fp)(int, int, int, void *) = " NAME ";\n"
		     "\tp->" NAME "(1, 2, 3, 4);\n"
		     "\ts." NAME " = 0;\n"
		     "\tx = " NAME ";\n"
		     "\tret = (*" NAME ")(1);\n"
		     "\treturn " NAME "(PF_INET, SOCK_DGRAM, 0, &sock);\n"
		     "}\n",
		     "value -1 3:37 f@1-9\n"
		     "member -1 4:5 f@1-9\n"
		     "member -1 5:4 f@1-9\n"
		     "value -1 6:6 f@1-9\n"
		     "pointer -1 7:10 f@1-9\n"
		     "call 4 8:9 f@1-9\n");
}

static void test_classify_members(void)
{
	/* Spaces around the operators change nothing. */
	expect_one("void f(void) { p -> " NAME "(a); }\n", "member -1");
	expect_one("void f(void) { s . " NAME "; }\n", "member -1");
	/* A designated initializer names a member. */
	expect_sites("static const struct ops o = {\n"
		     "\t." NAME " = my_create,\n"
		     "\t.other = " NAME ",\n"
		     "\t. " NAME "\t= x,\n"
		     "};\n",
		     "member -1 2:3 @1-0\n"
		     "value -1 3:11 @1-0\n"
		     "member -1 4:4 @1-0\n");
}

static void test_classify_exports(void)
{
	expect_one("EXPORT_SYMBOL_NS(" NAME ", NET);\n", "export -1");
	expect_one("EXPORT_SYMBOL_NS_GPL(" NAME ", NET);\n", "export -1");
	/* Any other macro: a value. */
	expect_one("MY_EXPORT(" NAME ");\n", "value -1");
}

static void test_not_in_comments_or_strings(void)
{
	expect_sites("/* " NAME "(a, b, c, d) */\n"
		     "// " NAME "(a)\n"
		     "const char *s = \"" NAME "(x)\";\n"
		     "int c = '" NAME "';\n"
		     "int " NAME "_more(void);\n"
		     "int my_" NAME "(void);\n",
		     "");
}

static void test_decl_and_def(void)
{
	/* Pointer return types, storage classes, attributes. */
	expect_one("struct socket *" NAME "(void);\n", "prototype 0");
	expect_one("extern int " NAME "(int a, int b, int c, void *d);\n",
		   "prototype 4");
	expect_one("static inline int " NAME "(int a)\n{\n}\n", "definition 1");
	/* At file scope after '=' or ',' or '(': a call in an initializer. */
	expect_one("static int v = " NAME "(1, 2);\n", "call 2");
	expect_one("static int v[] = { 1, " NAME "(1) };\n", "call 1");
	/* Inside a function, "name(...);" is a call, not a prototype. */
	expect_one("void f(void)\n{\n\t" NAME "(a, b, c, d);\n}\n", "call 4");
}

/* ---- argument counts */

static void test_nargs(void)
{
	expect_one("void f(void) { " NAME "(); }", "call 0");
	expect_one("void f(void) { " NAME "(void); }", "call 0");
	expect_one("void f(void) { " NAME "( void ); }", "call 0");
	expect_one("void f(void) { " NAME "(voidp); }", "call 1");
	expect_one("void f(void) { " NAME "(void *p); }", "call 1");
	expect_one("void f(void) { " NAME "(a); }", "call 1");
	expect_one("void f(void) { " NAME "(a, b, c, d); }", "call 4");
	/* Commas inside nested brackets do not count. */
	expect_one("void f(void) { " NAME "(g(a, b), c); }", "call 2");
	expect_one("void f(void) { " NAME "(a[i, j], (b, c), d); }", "call 3");
	expect_one("void f(void) { " NAME "((struct x){ 1, 2 }, c); }",
		   "call 2");
	expect_one("void f(void) { " NAME "(h(g(a, b), k(c, d)), e, f); }",
		   "call 3");
	/* Nor inside strings and character literals. */
	expect_one("void f(void) { " NAME "(\"a, b\", ',', c); }", "call 3");
	/* Empty arguments count. */
	expect_one("void f(void) { " NAME "(a, , b); }", "call 3");
	expect_one("void f(void) { " NAME "(,); }", "call 2");
	/* Over several lines. */
	expect_one("void f(void)\n{\n\t" NAME "(a,\n\t\tb,\n\t\tc);\n}\n",
		   "call 3");
	/* Unbalanced: still a call to account for, with nargs -1. */
	expect_one("void f(void) { " NAME "(a, (b; }", "call -1");
	expect_one(NAME "(a, b", "call -1");
}

static void test_ctok_args_commas(void)
{
	static const char src[] = "f(a, g(b, c), d, e)";
	struct ctok_list toks = { 0 };
	size_t commas[8] = { 0 }, small[2] = { 0 };
	int n;

	ctok_scan(src, strlen(src), &toks);
	n = ctok_args(src, &toks, 1, commas, ARRAY_SIZE(commas));
	EXPECT(n == 4);
	/* The top-level commas, by token index. */
	EXPECT(commas[0] == 3 && commas[1] == 10 && commas[2] == 12);
	EXPECT(ctok_is(src, &toks.v[commas[1]], ","));
	EXPECT(toks.v[commas[1]].off == 12);
	/* A short array: the count is still right, no overflow. */
	n = ctok_args(src, &toks, 1, small, ARRAY_SIZE(small));
	EXPECT(n == 4);
	EXPECT(small[0] == 3 && small[1] == 10);
	/* The inner call. */
	EXPECT(ctok_args(src, &toks, 5, commas, ARRAY_SIZE(commas)) == 2);
	EXPECT(commas[0] == 7);
	ctok_list_release(&toks);
}

static void test_ctok_match(void)
{
	static const char src[] = "f(a[1], {b}, (c))";
	struct ctok_list toks = { 0 };

	ctok_scan(src, strlen(src), &toks);
	EXPECT(toks.nr == 15);
	EXPECT(ctok_match(src, &toks, 1) == 14);
	EXPECT(ctok_match(src, &toks, 3) == 5); /* [ ] */
	EXPECT(ctok_match(src, &toks, 7) == 9); /* { } */
	EXPECT(ctok_match(src, &toks, 11) == 13); /* (c) */
	ctok_list_release(&toks);
}

static void test_unbalanced(void)
{
	static const char *const srcs[] = {
		"f(a, (b)",
		"f(a, [b)",
		"f(",
		"f(a, g(b, c)",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(srcs); i++) {
		struct ctok_list toks = { 0 };
		size_t commas[4];

		ctok_scan(srcs[i], strlen(srcs[i]), &toks);
		EXPECT(ctok_match(srcs[i], &toks, 1) == toks.nr);
		EXPECT(ctok_args(srcs[i], &toks, 1, commas,
				 ARRAY_SIZE(commas)) == -1);
		ctok_list_release(&toks);
	}
}

/* ---- macros and dead code */

static void test_calls_in_define(void)
{
	expect_sites("#define MK(s) \\\n"
		     "\t" NAME "(AF_INET, \\\n"
		     "\t\t\t SOCK_DGRAM, 0, (s))\n"
		     "#define ALIAS(a, b, c, d) " NAME "(a, b, c, d)\n"
		     "int x;\n",
		     "call 4 2:2 @0-0 D M\n"
		     "call 4 4:27 @0-0 D M\n");
	/* A call in a macro body never runs into the next directive. */
	expect_sites("#define A " NAME "(x,\n#define B y)\n",
		     "call -1 1:11 @0-0 D M\n");
	/* A '(' on the line after a macro is not its argument list. */
	expect_sites("#define A " NAME "\n(void)x;\n",
		     "value -1 1:11 @0-0 D M\n");
	/* Inside a function, a macro defined there is no part of it. */
	expect_sites("void f(void)\n{\n#define L " NAME "(a)\n\tg();\n}\n",
		     "call 1 3:11 @0-0 D M\n");
}

static void test_if0_sites(void)
{
	expect_sites("void f(void)\n"
		     "{\n"
		     "#if 0\n"
		     "\t" NAME "(a, b, c, d);\n"
		     "#else\n"
		     "\t" NAME "(n, a, b, c, d);\n"
		     "#endif\n"
		     "}\n",
		     "call 4 4:2 f@1-8 0\n"
		     "call 5 6:2 f@1-8\n");
}

/* ---- the enclosing function */

static void test_func_span(void)
{
	expect_sites("static int\n"
		     "two_lines(int a,\n"
		     "\t  int b)\n"
		     "{\n"
		     "\tif (a) {\n"
		     "\t\t" NAME "(1, 2, 3, 4);\n"
		     "\t}\n"
		     "\treturn 0;\n"
		     "}\n"
		     "\n"
		     "void second(void)\n"
		     "{\n"
		     "\t" NAME "(5, 6, 7, 8);\n"
		     "}\n"
		     "int " NAME "(int a, int b, int c, void *d);\n",
		     "call 4 6:3 two_lines@2-9\n"
		     "call 4 13:2 second@11-14\n"
		     "prototype 4 15:5 @0-0\n");
}

static void test_func_attribute_after_params(void)
{
	/* The name is the first identifier followed by '(', not __section. */
	expect_sites("static int f(void) __section(\".init.text\") {\n"
		     "\treturn " NAME "(1, 2, 3, 4);\n"
		     "}\n",
		     "call 4 2:9 f@1-3\n");
	expect_sites("static int __init g(void)\n"
		     "{\n"
		     "\treturn " NAME "(1, 2, 3, 4);\n"
		     "}\n",
		     "call 4 3:9 g@1-4\n");
	/* A directive between the header and the body is skipped. */
	expect_sites("int h(int a)\n"
		     "#define X 1\n"
		     "{\n"
		     "\treturn " NAME "(1, 2, 3, 4);\n"
		     "}\n",
		     "call 4 4:9 h@1-5\n");
}

/*
 * K&R: the parameter declarations between ')' and '{' end in ';'; the
 * name is still found (a regression test: they once hid it).
 */
static void test_func_kr_definition(void)
{
	expect_sites("int kr(a, b)\n"
		     "int a;\n"
		     "char *b;\n"
		     "{\n"
		     "\treturn " NAME "(a, b, 0, 0);\n"
		     "}\n",
		     "call 4 5:9 kr@1-6\n");
	expect_sites("static int\n"
		     "kr2(n, v)\n"
		     "\tunsigned long n;\n"
		     "\tchar *v[4];\n"
		     "{\n"
		     "\treturn " NAME "(n, 1, 0, v);\n"
		     "}\n",
		     "call 4 6:9 kr2@2-7\n");
}

/*
 * Attribute macros with arguments before the name, as the kernel writes
 * "static __printf(2, 3) void f(...)", are not the name (a regression
 * test: "__printf" once was).
 */
static void test_func_attribute_before_name(void)
{
	expect_sites("static __printf(2, 3) int log_it(int lvl, const char *f, "
		     "...)\n"
		     "{\n"
		     "\treturn " NAME "(1, 2, 3, 4);\n"
		     "}\n",
		     "call 4 3:9 log_it@1-4\n");
	expect_sites("static VENDOR_SECTION(x) int g(int a)\n"
		     "{\n"
		     "\treturn " NAME "(1, 2, 3, 4);\n"
		     "}\n",
		     "call 4 3:9 g@1-4\n");
	/* A function named like a macro is still found when it is alone. */
	expect_sites("int FOO(int a)\n"
		     "{\n"
		     "\treturn " NAME "(1, 2, 3, 4);\n"
		     "}\n",
		     "call 4 3:9 FOO@1-4\n");
}

/*
 * Regression: a struct definition right after a prototype used to be
 * taken for the body of that prototype's function (the K&R step walked
 * back over "struct ops" and the prototype's ';').
 */
static void test_func_struct_after_prototype(void)
{
	expect_sites("int helper(struct net *net);\n"
		     "struct ops {\n"
		     "\tint (*" NAME ")(int);\n"
		     "};\n",
		     "pointer -1 3:8 @2-0\n");
}

/* A "struct net *NAME" parameter of the enclosing function. */
static void expect_net_param(const char *src, const char *want)
{
	struct ctok_list toks = { 0 };
	struct site_list sl = { 0 };

	ctok_scan(src, strlen(src), &toks);
	sites_find(src, &toks, NAME, &sl);
	EXPECT(sl.nr == 1);
	if (sl.nr == 1)
		EXPECT_STR(sl.v[0].net_param, want);
	site_list_release(&sl);
	ctok_list_release(&toks);
}

static void test_net_param(void)
{
	expect_net_param("static int f(struct net *net, int a)\n"
			 "{\n\treturn " NAME "(1, 2, 3, 4);\n}\n",
			 "net");
	expect_net_param("static int f(struct sock *sk, struct net *n)\n"
			 "{\n\treturn " NAME "(1, 2, 3, 4);\n}\n",
			 "n");
	/* Not a parameter: a local, or another function's. */
	expect_net_param("static int f(void)\n"
			 "{\n\tstruct net *net = x;\n"
			 "\treturn " NAME "(1, 2, 3, 4);\n}\n",
			 "");
	expect_net_param("static int g(struct net *net);\n"
			 "static int f(int a)\n"
			 "{\n\treturn " NAME "(1, 2, 3, 4);\n}\n",
			 "");
	/* struct net **: not a namespace to pass. */
	expect_net_param("static int f(struct net **pnet)\n"
			 "{\n\treturn " NAME "(1, 2, 3, 4);\n}\n",
			 "");
	/* Outside any function. */
	expect_net_param("int " NAME "(struct net *net, int a);\n", "");
}

static void test_func_many_sites_one_function(void)
{
	expect_sites("void f(void)\n"
		     "{\n"
		     "\t" NAME "(1, 2, 3, 4);\n"
		     "\t{\n"
		     "\t\t" NAME "(1, 2, 3, 4);\n"
		     "\t}\n"
		     "}\n"
		     "void g(void) { " NAME "(1, 2, 3, 4); }\n",
		     "call 4 3:2 f@1-7\n"
		     "call 4 5:3 f@1-7\n"
		     "call 4 8:16 g@8-8\n");
}

static void test_ifdef_braces(void)
{
	/*
	 * Each branch opens the function body: after #endif the depth is 1,
	 * not 2, so the prototype after the function is at file scope.
	 */
	expect_sites("#ifdef A\n"
		     "int f(int a) {\n"
		     "#else\n"
		     "int f(void) {\n"
		     "#endif\n"
		     "\t" NAME "(1, 2, 3, 4);\n"
		     "}\n"
		     "int " NAME "(int a, int b, int c, void *d);\n",
		     "call 4 6:2 f@4-7\n"
		     "prototype 4 8:5 @0-0\n");
	/* The same inside a function, with #elif and a third branch. */
	expect_sites("void g(void)\n"
		     "{\n"
		     "#if defined(A)\n"
		     "\tif (a) {\n"
		     "#elif B\n"
		     "\tif (b) {\n"
		     "#else\n"
		     "\tif (c) {\n"
		     "#endif\n"
		     "\t\t" NAME "(1, 2, 3, 4);\n"
		     "\t}\n"
		     "}\n"
		     "int " NAME "(int a);\n",
		     "call 4 10:3 g@1-12\n"
		     "prototype 1 13:5 @0-0\n");
	/*
	 * Branches that leave different depths: after #endif the depth is
	 * the first branch's, so the '}' after it closes the if, not g.
	 */
	expect_sites("void g(void)\n"
		     "{\n"
		     "#ifdef A\n"
		     "\tif (a) {\n"
		     "\t\tx();\n"
		     "#else\n"
		     "\ty();\n"
		     "#endif\n"
		     "\t}\n"
		     "\t" NAME "(1, 2, 3, 4);\n"
		     "}\n"
		     "int " NAME "(int a);\n",
		     "call 4 10:2 g@1-11\n"
		     "prototype 1 12:5 @0-0\n");
	/* Branches without braces change nothing. */
	expect_sites("#ifdef A\n"
		     "#define Y 1\n"
		     "#else\n"
		     "#define Y 2\n"
		     "#endif\n"
		     "int " NAME "(int a);\n",
		     "prototype 1 6:5 @0-0\n");
}

/* ---- #if alternatives inside an argument list */

#define DIFFER(counts)                                                  \
	"argument count differs between #ifdef branches (" counts "): " \
	"convert by hand"

static void test_branches_agree(void)
{
	/* Each alternative gives 4: the count is 4. */
	expect_manual("void f(void)\n{\n"
		      "\tg = " NAME "(\n"
		      "#ifdef A\n\t\tx,\n#else\n\t\ty,\n#endif\n"
		      "\t\tb, c, d);\n}\n",
		      "call 4 3:6: \n");
	/* #if / #elif / #else, one argument each. */
	expect_manual("void f(void)\n{\n"
		      "\t" NAME "(a, b,\n"
		      "#if X\n\t\t1,\n#elif Y\n\t\t2,\n#else\n\t\t3,\n"
		      "#endif\n\t\td);\n}\n",
		      "call 4 3:2: \n");
	/* The ')' in each alternative. */
	expect_manual("void f(void)\n{\n"
		      "\t" NAME "(a, b, c,\n"
		      "#ifdef A\n\t\td);\n#else\n\t\te);\n#endif\n}\n",
		      "call 4 3:2: \n");
	/* "#if 0" is never taken. */
	expect_manual("void f(void)\n{\n"
		      "\t" NAME "(\n"
		      "#if 0\n\t\tn, a,\n#else\n\t\ta,\n#endif\n"
		      "\t\tb, c, d);\n}\n",
		      "call 4 3:2: \n");
	/* A group that opened before the call: only its own branch. */
	expect_manual("void f(void)\n{\n"
		      "#ifdef A\n"
		      "\terr = " NAME "(AF_INET, SOCK_DGRAM,\n"
		      "#else\n"
		      "\terr = " NAME "(AF_INET6, SOCK_DGRAM,\n"
		      "#endif\n"
		      "\t\t\t0, &s);\n}\n",
		      "call 4 4:8: \n"
		      "call 4 6:8: \n");
	/* Nested groups; other directives inside are skipped. */
	expect_manual("void f(void)\n{\n"
		      "\t" NAME "(\n"
		      "#ifdef A\n#ifdef B\n\t\tx,\n#else\n\t\ty,\n#endif\n"
		      "#else\n#pragma once\n\t\tz,\n#endif\n"
		      "\t\tb, c, d);\n}\n",
		      "call 4 3:2: \n");
}

/* Other directives inside a list are no part of any argument. */
static void test_directive_in_args(void)
{
	expect_manual("void f(void)\n{\n"
		      "\t" NAME "(a,\n#define PAIR x, y\n\t\tb, c, d);\n"
		      "}\n",
		      "call 4 3:2: \n");
}

static void test_branches_differ(void)
{
	/* A backport that passes the namespace on new kernels only. */
	expect_manual("void f(struct net *net)\n{\n"
		      "\t" NAME "(\n"
		      "#if LINUX_VERSION_CODE >= KERNEL_VERSION(4, 2, 0)\n"
		      "\t\tnet,\n#endif\n"
		      "\t\ta, b, c, d);\n}\n",
		      "call -1 3:2: " DIFFER("4 or 5") "\n");
	expect_manual("void f(void)\n{\n"
		      "\t" NAME "(a,\n"
		      "#if X\n\t\tb,\n#elif Y\n\t\tb, c,\n#else\n"
		      "\t\tb, c, d,\n#endif\n\t\te);\n}\n",
		      "call -1 3:2: " DIFFER("3, 4 or 5") "\n");
	/* Parameters of a prototype. */
	expect_manual("int " NAME "(\n#ifdef NET\n\tstruct net *net,\n"
		      "#endif\n\tint f, int t, int p, struct socket **r);\n",
		      "prototype -1 1:5: parameter count differs between "
		      "#ifdef branches (4 or 5): convert by hand\n");
}

static void test_branches_unsure(void)
{
	static const char unsure[] =
		"count cannot be told in every #ifdef branch (too many, or "
		"parentheses that do not balance): convert by hand";
	struct strbuf src = STRBUF_INIT, want = STRBUF_INIT;
	int i;

	/* 2^7 paths: more than anyone can check. */
	strbuf_addstr(&src, "void f(void)\n{\n\t" NAME "(a,\n");
	for (i = 0; i < 7; i++)
		strbuf_addf(&src, "#ifdef O%d\n\t\to%d,\n#endif\n", i, i);
	strbuf_addstr(&src, "\t\tb, c, d);\n}\n");
	strbuf_addf(&want, "call -1 3:2: argument %s\n", unsure);
	expect_manual(src.buf, want.buf);
	/* One branch closes the call, the other never does. */
	strbuf_reset(&want);
	strbuf_addf(&want, "call -1 3:2: argument %s\n", unsure);
	expect_manual("void f(void)\n{\n"
		      "\t" NAME "(a, b,\n"
		      "#ifdef A\n\t\tc, d);\n#else\n\t\tc, d\n#endif\n}\n",
		      want.buf);
	strbuf_release(&src);
	strbuf_release(&want);
}

/* Where the count went wrong, for the user. */
static void test_unbalanced_reason(void)
{
	expect_manual("void f(void)\n{\n\t" NAME "(a, b, c, d;\n}\n",
		      "call -1 3:2: the call's parentheses do not balance (a "
		      "stray '}' on line 4): convert by hand\n");
	expect_manual("void f(void)\n{\n\t" NAME "(a, b, c, d",
		      "call -1 3:2: the call's parentheses do not balance (no "
		      "')' before the end of the file): convert by hand\n");
	expect_manual("#define A " NAME "(x,\n#define B y)\n",
		      "call -1 1:11: the call's parentheses do not balance "
		      "(the macro ends before its ')'): convert by hand\n");
}

/* ---- definitions and macros of the name */

static void test_kr_definition_of_name(void)
{
	expect_manual("int " NAME "(family, type, protocol, res)\n"
		      "\tint family, type;\n\tint protocol;\n"
		      "\tstruct socket **res;\n{\n\treturn 0;\n}\n",
		      "definition 4 1:5: K&R definition (its parameters "
		      "declared after the list): spatch cannot convert it; "
		      "convert it by hand\n");
	/* Types in the list: not K&R, whatever follows. */
	expect_manual("int " NAME "(int a, int b) int c; {\n}\n",
		      "call 2 1:5: \n");
}

static void test_macro_of_name(void)
{
	static const char why[] =
		"a macro named " NAME " is defined here: calls after it "
		"expand to the macro, not to the function; convert the "
		"macro by hand";
	struct strbuf want = STRBUF_INIT;

	strbuf_addf(&want,
		    "macro 4 1:9: %s\nmacro -1 3:9: %s\n"
		    "macro -1 4:9: %s\nvalue -1 5:15: \n",
		    why, why, why);
	expect_manual("#define " NAME "(f, t, p, r) \\\n"
		      "\tvendor_sock(f, t, p, r)\n"
		      "#define " NAME " vendor_sock\n"
		      "#define " NAME " (x)\n"
		      "#define alias " NAME "\n",
		      want.buf);
	strbuf_release(&want);
}

/* ---- names the site finder sees although no token spells them */

static void test_spliced_name(void)
{
	expect_manual("void f(void)\n{\n\tsock_cre\\\nate_kern(a, b, c, d);\n"
		      "\ts.sock_create_\\\nkern = 0;\n}\n",
		      "call 4 3:2: the name " NAME " is split by a line splice "
		      "('\\' at the end of line 3): spatch does not see it; "
		      "join the line and convert by hand\n"
		      "member -1 5:4: the name " NAME " is split by a line "
		      "splice ('\\' at the end of line 5): spatch does not "
		      "see it; join the line and convert by hand\n");
}

static void test_pasted_name(void)
{
#define PASTED(chain)                                                   \
	": identifier built with ## in a macro (" chain "): check its " \
	"expansions by hand\n"
	expect_manual(
		"#define A(op) sock_##op\n"
		"#define B(k) sock_create_ ## k\n"
		"#define C(p) p##_create_kern\n"
		"#define D(x, y) x ## _create_ ## y\n"
		"#define E sock_ ## create_kern\n"
		"#define F(a, ...) __VA_ARGS__ ## _kern\n"
		"#define G(x) x ## create_kern\n",
		"pasted -1 1:15" PASTED("sock_ ## op") "pasted -1 2:14" PASTED("sock_create_ ## k") "pasted -1 3:14" PASTED("p ## _create_kern") "pasted -1 4:17" PASTED(
			"x ## _create_ ## y") "pasted -1 5:11" PASTED("sock_ ## create_kern") "pasted -1 6:19" PASTED("__VA_ARGS__ ## _kern") "pasted -1 7:14" PASTED("x ## create_kern"));
#undef PASTED
	/* Chains that cannot build the name, or tell too little. */
	expect_manual("#define A(a, b) a##b\n"
		      "#define B(x) svc_##x\n"
		      "#define C(x) s##x\n"
		      "#define D(x) x##kern\n"
		      "#define E(x) sock_ ## x ## _v2\n"
		      "#define F(x) sock ## x\n"
		      "int sock_ ## x;\n",
		      "");
	/* The name itself next to ##: a site of its own, not a paste. */
	expect_manual("#define G(x) " NAME "##x\n", "value -1 1:14: \n");
}

static void test_may_occur(void)
{
	static const struct {
		const char *src;
		int want;
	} cases[] = {
		{ "x = " NAME "(a);", 1 },
		{ "sock_cre\\\nate_kern", 1 },
		{ "sock_cre\\\r\nate_kern", 1 },
		{ "a \\\nb", 0 },
		{ "sock_cre\\\n\\\r\nate_kern", 1 },
		{ "#define A(x) sock_ /* c */ ## x", 1 },
		{ "#define A(x) sock_##x", 1 },
		{ "#define A(x) x ## _create_kern", 1 },
		{ "#define A(a, b) a##b", 0 },
		{ "#define A(x) s ## x", 0 },
		{ "#define A(x) svc_##x", 0 },
		/* A piece of the name elsewhere, not beside a ##: no chain. */
		{ "int do_create_kern_thing; /* sock_ */\n#define A(x) x##y",
		  0 },
		{ "#define A(x) x ## \\\n\t_create_kern", 1 },
		{ "#define A(x) sock_ /* a */ /* b */ ## x", 1 },
		{ "", 0 },
		{ "#", 0 },
		{ "\\", 0 },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		EXPECT(sites_may_occur(cases[i].src, strlen(cases[i].src),
				       NAME) == cases[i].want);
}

static void test_other_ident(void)
{
	expect_sites_of("int foo(int a);\nvoid g(void) { foo(1); s.foo; }\n",
			"foo",
			"prototype 1 1:5 @0-0\n"
			"call 1 2:16 g@2-2\n"
			"member -1 2:26 g@2-2\n");
}

static void test_site_fields(void)
{
	static const char src[] = "void f(void)\n{\n\t" NAME "(a, b);\n}\n";
	struct ctok_list toks = { 0 };
	struct site_list sl = { 0 };

	ctok_scan(src, strlen(src), &toks);
	sites_find(src, &toks, NAME, &sl);
	EXPECT(sl.nr == 1);
	if (sl.nr == 1) {
		const struct site *s = &sl.v[0];

		EXPECT(ctok_is(src, &toks.v[s->tok], NAME));
		EXPECT(s->open == s->tok + 1 &&
		       ctok_is(src, &toks.v[s->open], "("));
		EXPECT(s->close == s->tok + 5 &&
		       ctok_is(src, &toks.v[s->close], ")"));
	}
	/* sites_find appends. */
	sites_find(src, &toks, NAME, &sl);
	EXPECT(sl.nr == 2);
	site_list_release(&sl);
	EXPECT(sl.v == NULL && sl.nr == 0);
	ctok_list_release(&toks);
}

static void test_kind_names(void)
{
	EXPECT_STR(site_kind_name(SITE_CALL), "call");
	EXPECT_STR(site_kind_name(SITE_DECL), "prototype");
	EXPECT_STR(site_kind_name(SITE_DEF), "definition");
	EXPECT_STR(site_kind_name(SITE_EXPORT), "export");
	EXPECT_STR(site_kind_name(SITE_MEMBER), "member");
	EXPECT_STR(site_kind_name(SITE_POINTER), "pointer");
	EXPECT_STR(site_kind_name(SITE_VALUE), "value");
	EXPECT_STR(site_kind_name(SITE_MACRO), "macro");
	EXPECT_STR(site_kind_name(SITE_PASTE), "pasted");
}

int main(void)
{
	RUN(test_classify_file_scope);
	RUN(test_classify_in_function);
	RUN(test_classify_members);
	RUN(test_classify_exports);
	RUN(test_not_in_comments_or_strings);
	RUN(test_decl_and_def);
	RUN(test_nargs);
	RUN(test_ctok_args_commas);
	RUN(test_ctok_match);
	RUN(test_unbalanced);
	RUN(test_calls_in_define);
	RUN(test_if0_sites);
	RUN(test_func_span);
	RUN(test_func_attribute_after_params);
	RUN(test_func_kr_definition);
	RUN(test_func_attribute_before_name);
	RUN(test_func_struct_after_prototype);
	RUN(test_net_param);
	RUN(test_func_many_sites_one_function);
	RUN(test_ifdef_braces);
	RUN(test_branches_agree);
	RUN(test_directive_in_args);
	RUN(test_branches_differ);
	RUN(test_branches_unsure);
	RUN(test_unbalanced_reason);
	RUN(test_kr_definition_of_name);
	RUN(test_macro_of_name);
	RUN(test_spliced_name);
	RUN(test_pasted_name);
	RUN(test_may_occur);
	RUN(test_other_ident);
	RUN(test_site_fields);
	RUN(test_kind_names);
	return UNIT_EXIT();
}
