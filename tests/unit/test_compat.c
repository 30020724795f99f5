// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for driver/rule/compat.c: the shim's text from the rule's
 * header, and the rules it refuses.  (tests/e2e/compat_header.sh compiles
 * and runs the header against each era.)
 */
#include "compat.h"

#include <string.h>

#include "strbuf.h"
#include "unit.h"

/* The bundled rule's header, as cocci_load() reads it. */
static struct cocci rule(const char *ident, int old_arity, int new_arity,
			 const char *new_param)
{
	struct cocci c = { 0 };

	c.ident = (char *)ident;
	c.old_arity = old_arity;
	c.new_arity = new_arity;
	c.new_param = (char *)new_param;
	return c;
}

/* Whether a line of text is exactly line. */
static int has_line(const char *text, const char *line)
{
	size_t len = strlen(line);
	const char *p = text;

	while ((p = strstr(p, line))) {
		if ((p == text || p[-1] == '\n') && p[len] == '\n')
			return 1;
		p++;
	}
	return 0;
}

static void test_sock_create_kern(void)
{
	struct cocci c = rule("sock_create_kern", 4, 5, "struct net *net");
	struct strbuf out = STRBUF_INIT, why = STRBUF_INIT;

	EXPECT(compat_header(&out, &c, &why) == 0);
	EXPECT(why.len == 0);
	EXPECT(has_line(out.buf, "#define sock_create_kern(net, family, "
				 "type, proto, res) \\"));
	EXPECT(has_line(out.buf,
			"\t__sock_create(net, family, type, proto, res, 1)"));
	EXPECT(has_line(out.buf, "#if LINUX_VERSION_CODE < KERNEL_VERSION(4, "
				 "2, 0) && \\"));
	EXPECT(has_line(out.buf, "\t!defined(COMPAT_SOCK_CREATE_KERN_HAS_NET) "
				 "&& !defined(sock_create_kern)"));
	/* The prototype is read before the macro exists. */
	EXPECT(strstr(out.buf, "\n#include <linux/net.h>\n") <
	       strstr(out.buf, "\n#define sock_create_kern("));
	EXPECT(has_line(out.buf,
			" *\tbefore 4.2:  sock_create_kern(family, type, "
			"proto, res)"));
	strbuf_release(&out);
	strbuf_release(&why);
}

/* Kernel style: no line over 80 columns, a tab to the next multiple of 8. */
static void test_line_width(void)
{
	struct cocci c = rule("sock_create_kern", 4, 5, "struct net *net");
	struct strbuf out = STRBUF_INIT, why = STRBUF_INIT;
	size_t col = 0, widest = 0, i;

	EXPECT(compat_header(&out, &c, &why) == 0);
	for (i = 0; i < out.len; i++) {
		if (out.buf[i] == '\n') {
			col = 0;
			continue;
		}
		col = out.buf[i] == '\t' ? (col / 8 + 1) * 8 : col + 1;
		if (col > widest)
			widest = col;
	}
	EXPECT(widest <= 80);
	/* The comment's prose is filled: no trailing blank anywhere. */
	EXPECT(!strstr(out.buf, " \n"));
	strbuf_release(&out);
	strbuf_release(&why);
}

/* The added parameter's name is the rule's, wherever it is written. */
static void test_param_name(void)
{
	struct cocci c = rule("sock_create_kern", 4, 5, "struct net * ns ");
	struct strbuf out = STRBUF_INIT, why = STRBUF_INIT;

	EXPECT(compat_header(&out, &c, &why) == 0);
	EXPECT(has_line(out.buf, "\t__sock_create(ns, family, type, proto, "
				 "res, 1)"));
	EXPECT(strstr(out.buf, "COMPAT_SOCK_CREATE_KERN_HAS_NS") != NULL);
	strbuf_release(&out);
	strbuf_release(&why);
}

static void expect_refused(struct cocci c, const char *want)
{
	struct strbuf out = STRBUF_INIT, why = STRBUF_INIT;

	EXPECT(compat_header(&out, &c, &why) == -1);
	EXPECT(out.len == 0);
	EXPECT_STR(why.buf, want);
	strbuf_release(&out);
	strbuf_release(&why);
}

static void test_refused(void)
{
	expect_refused(rule("sock_create_lite", 4, 5, "struct net *net"),
		       "the rule converts sock_create_lite(); compat-header "
		       "knows the shim for sock_create_kern() only");
	expect_refused(rule(NULL, 4, 5, "struct net *net"),
		       "the rule converts (none)(); compat-header knows the "
		       "shim for sock_create_kern() only");
	expect_refused(rule("sock_create_kern", 4, 6, "struct net *net"),
		       "the rule changes sock_create_kern() from 4 to 6 "
		       "arguments adding struct net *net; the shim knows it "
		       "from 4 to 5 adding one parameter (new-param=)");
	expect_refused(rule("sock_create_kern", 3, 4, "struct net *net"),
		       "the rule changes sock_create_kern() from 3 to 4 "
		       "arguments adding struct net *net; the shim knows it "
		       "from 4 to 5 adding one parameter (new-param=)");
	expect_refused(rule("sock_create_kern", 4, 5, NULL),
		       "the rule changes sock_create_kern() from 4 to 5 "
		       "arguments adding no parameter; the shim knows it "
		       "from 4 to 5 adding one parameter (new-param=)");
	expect_refused(rule("sock_create_kern", 4, 5, "struct net *"),
		       "the rule changes sock_create_kern() from 4 to 5 "
		       "arguments adding struct net *; the shim knows it "
		       "from 4 to 5 adding one parameter (new-param=)");
	expect_refused(rule("sock_create_kern", 4, 5, "int 2"),
		       "the rule changes sock_create_kern() from 4 to 5 "
		       "arguments adding int 2; the shim knows it "
		       "from 4 to 5 adding one parameter (new-param=)");
}

int main(void)
{
	RUN(test_sock_create_kern);
	RUN(test_line_width);
	RUN(test_param_name);
	RUN(test_refused);
	return UNIT_EXIT();
}
