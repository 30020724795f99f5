// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for driver/restore.c: what spatch changed where the
 * conversion must not is put back, and nothing else is touched.
 */
#include "restore.h"

#include <string.h>

#include "ctoken.h"
#include "sites.h"
#include "strbuf.h"
#include "unit.h"

#define NAME "sock_create_kern"

/* restore_file_end(after, before): its return and the text it leaves. */
static void expect_end(const char *before, const char *after, int want_ret,
		       const char *want)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;

	strbuf_addstr(&a, after);
	strbuf_addstr(&b, before);
	EXPECT(restore_file_end(&a, &b) == want_ret);
	EXPECT_STR(a.buf, want);
	strbuf_release(&a);
	strbuf_release(&b);
}

static void test_file_end(void)
{
	/* spatch closes a string the file leaves open. */
	expect_end("f(a);\nchar *s = \"cut", "f(n, a);\nchar *s = \"cut\"", 1,
		   "f(n, a);\nchar *s = \"cut");
	/* ... on a line of its own when a newline ended it. */
	expect_end("f(a);\nchar *s = \"cut\n", "f(n, a);\nchar *s = \"cut\n\"",
		   1, "f(n, a);\nchar *s = \"cut\n");
	expect_end("f(a);\n/* cut", "f(n, a);\n/* cut*/", 1,
		   "f(n, a);\n/* cut");
	expect_end("f(a);\nc = 'x", "f(n, a);\nc = 'x'", 1, "f(n, a);\nc = 'x");
	/* An escaped quote does not close it. */
	expect_end("s = \"a\\\"", "s = \"a\\\"\"", 1, "s = \"a\\\"");
	/* Closed strings and comments: nothing to give back. */
	expect_end("s = \"a\";\n", "s = \"a\";\n\"", 0, "s = \"a\";\n\"");
	expect_end("/* a */", "/* a */*/", 0, "/* a */*/");
	expect_end("// a", "// a*/", 0, "// a*/");
	/* Not at the end of the file. */
	expect_end("s = \"cut\nint x;", "s = \"cut\"\nint x;", 0,
		   "s = \"cut\"\nint x;");
	/* After does not end with the same text, closed. */
	expect_end("s = \"cut", "s = \"cut\n", 0, "s = \"cut\n");
	expect_end("s = \"cut", "s = \"cux\"", 0, "s = \"cux\"");
	expect_end("", "\"", 0, "\"");
	expect_end("s = \"cut", "s = \"cut", 0, "s = \"cut");
}

/* restore_manual_sites(after, before): its return and the text left. */
static void expect_sites_back(const char *before, const char *after,
			      int want_ret, const char *want)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	struct ctok_list toks = { 0 };
	struct site_list sl = { 0 };

	strbuf_addstr(&a, after);
	strbuf_addstr(&b, before);
	ctok_scan(b.buf, b.len, &toks);
	sites_find(b.buf, &toks, NAME, &sl);
	EXPECT(restore_manual_sites(&a, &b, &sl, NAME) == want_ret);
	EXPECT_STR(a.buf, want);
	site_list_release(&sl);
	ctok_list_release(&toks);
	strbuf_release(&a);
	strbuf_release(&b);
}

#define DIFFERS                                                 \
	"void f(void)\n{\n\t" NAME "(\n#if OLD\n\t\tAF_INET,\n" \
	"#else\n\t\tnet, AF_INET,\n#endif\n\t\tt, p, s);\n"
#define DIFFERS_SPATCH                                                    \
	"void f(void)\n{\n\t" NAME "(&init_net,\n#if OLD\n\t\tAF_INET,\n" \
	"#else\n\t\tnet, AF_INET,\n#endif\n\t\tt, p, s);\n"
#define PLAIN "\t" NAME "(a, b, c, d);\n}\n"
#define PLAIN_SPATCH "\t" NAME "(&init_net, a, b, c, d);\n}\n"

static void test_manual_sites(void)
{
	/* The call whose branches disagree is put back, the other kept. */
	expect_sites_back(DIFFERS PLAIN, DIFFERS_SPATCH PLAIN_SPATCH, 1,
			  DIFFERS PLAIN_SPATCH);
	expect_sites_back(PLAIN DIFFERS, PLAIN_SPATCH DIFFERS_SPATCH, 1,
			  PLAIN_SPATCH DIFFERS);
	/* Untouched by spatch: nothing to do. */
	expect_sites_back(DIFFERS PLAIN, DIFFERS PLAIN_SPATCH, 0,
			  DIFFERS PLAIN_SPATCH);
	/* No manual site, or not the same number of sites: left alone. */
	expect_sites_back(PLAIN, PLAIN_SPATCH, 0, PLAIN_SPATCH);
	expect_sites_back(DIFFERS PLAIN, DIFFERS_SPATCH, 0, DIFFERS_SPATCH);
	/*
	 * A manual call inside a definition converted: only the call comes
	 * back, not the rest of the body spatch converted.
	 */
	expect_sites_back("int " NAME "(int f, int t, int p, void *s)\n{\n"
			  "\tsock_cre\\\nate_kern(f, t, p, s);\n"
			  "\treturn g(&init_net);\n}\n",
			  "int " NAME "(struct net *net, int f, int t, int p, "
			  "void *s)\n{\n"
			  "\tsock_cre\\\nate_kern(&init_net, f, t, p, s);\n"
			  "\treturn g(net);\n}\n",
			  1,
			  "int " NAME "(struct net *net, int f, int t, int p, "
			  "void *s)\n{\n"
			  "\tsock_cre\\\nate_kern(f, t, p, s);\n"
			  "\treturn g(net);\n}\n");
	/* A K&R definition: its list and its body come back whole. */
	expect_sites_back("int " NAME "(f, t)\nint f, t;\n{\n"
			  "\treturn g(&init_net, f, t);\n}\n" PLAIN,
			  "int " NAME "(struct net *net, , )\nint f, t;\n{\n"
			  "\treturn g(net, f, t);\n}\n" PLAIN_SPATCH,
			  1,
			  "int " NAME "(f, t)\nint f, t;\n{\n"
			  "\treturn g(&init_net, f, t);\n}\n" PLAIN_SPATCH);
}

int main(void)
{
	RUN(test_file_end);
	RUN(test_manual_sites);
	return UNIT_EXIT();
}
