// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for driver/layout.c: display width, re-filling converted
 * calls that overflow 80 columns (exactly as upstream re-wrapped them, or
 * not at all), moving arguments back up after a backport, and keeping
 * macro backslashes aligned.
 */
#include "layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctoken.h"
#include "sites.h"
#include "strbuf.h"
#include "unit.h"
#include "util.h"

#define NAME "sock_create_kern"

/* ---- helpers */

/*
 * Re-fill the call to NAME (the nth occurrence) in src: returns what
 * layout_refill() returned and leaves the text in out.
 */
static int wrap_one_line;

static int refill_nth(const char *src, size_t nth, struct strbuf *out)
{
	struct ctok_list toks = { 0 };
	struct site_list sl = { 0 };
	int ret = -1;

	strbuf_reset(out);
	strbuf_addstr(out, src);
	ctok_scan(out->buf, out->len, &toks);
	sites_find(out->buf, &toks, NAME, &sl);
	EXPECT(sl.nr > nth);
	if (sl.nr > nth) {
		EXPECT(sl.v[nth].kind == SITE_CALL);
		ret = layout_refill(out, &toks, sl.v[nth].open, wrap_one_line);
	}
	site_list_release(&sl);
	ctok_list_release(&toks);
	return ret;
}

/* The call is re-filled into want. */
static void expect_refill(const char *src, const char *want)
{
	struct strbuf out = STRBUF_INIT;

	EXPECT(refill_nth(src, 0, &out) == 1);
	EXPECT_STR(out.buf, want);
	strbuf_release(&out);
}

/* The call is left exactly as it is. */
static void expect_untouched(const char *src)
{
	struct strbuf out = STRBUF_INIT;

	EXPECT(refill_nth(src, 0, &out) == 0);
	EXPECT_STR(out.buf, src);
	strbuf_release(&out);
}

static void expect_backslashes(const char *before, const char *after,
			       const char *want)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;

	strbuf_addstr(&a, after);
	strbuf_addstr(&b, before);
	layout_keep_backslashes(&a, &b);
	EXPECT_STR(a.buf, want);
	EXPECT(a.len == strlen(want));
	/* before is never touched. */
	EXPECT_STR(b.buf, before);
	strbuf_release(&a);
	strbuf_release(&b);
}

/* ---- layout_width */

static void test_width(void)
{
	EXPECT(layout_width("", 0) == 0);
	EXPECT(layout_width("abc", 3) == 3);
	/* Tabs go to the next multiple of 8. */
	EXPECT(layout_width("\t", 1) == 8);
	EXPECT(layout_width("\t\t", 2) == 16);
	EXPECT(layout_width("a\t", 2) == 8);
	EXPECT(layout_width("1234567\t", 8) == 8);
	EXPECT(layout_width("12345678\t", 9) == 16);
	EXPECT(layout_width("\t  x\t", 5) == 16);
	EXPECT(layout_width("\t\t\t\t  SOCK_STREAM,", 18) == 46);
	/* Only len bytes count. */
	EXPECT(layout_width("abcdef", 2) == 2);
	/* UTF-8: one column per character, not per byte. */
	EXPECT(layout_width("\xc3\xa9", 2) == 1); /* e acute */
	EXPECT(layout_width("a\xe2\x82\xac"
			    "b",
			    5) == 3); /* euro sign */
	EXPECT(layout_width("\xf0\x9f\x90\xa7", 4) == 1); /* 4 bytes */
	EXPECT(layout_width("\xc3\xa9\t", 3) == 8);
	/* A line ends at CR or LF. */
	EXPECT(layout_width("ab\r\n", 4) == 2);
	EXPECT(layout_width("ab\ncd", 5) == 2);
}

/* ---- layout_refill */

/* The upstream dlm commit: one argument moves to the next line. */
static void test_refill_dlm(void)
{
	expect_refill("static int f(void)\n"
		      "{\n"
		      "\tresult = " NAME "(&init_net, dlm_local_addr[0]->"
		      "ss_family, SOCK_STREAM,\n"
		      "\t\t\t\t  IPPROTO_TCP, &newsock);\n"
		      "\tif (result < 0)\n"
		      "\t\treturn result;\n"
		      "}\n",
		      "static int f(void)\n"
		      "{\n"
		      "\tresult = " NAME "(&init_net, dlm_local_addr[0]->"
		      "ss_family,\n"
		      "\t\t\t\t  SOCK_STREAM, IPPROTO_TCP, &newsock);\n"
		      "\tif (result < 0)\n"
		      "\t\treturn result;\n"
		      "}\n");
}

/* Two arguments have to move; what follows the ')' stays. */
static void test_refill_two_args_and_tail(void)
{
	expect_refill(
		"\tif (" NAME "(&init_net, family_of_this_socket_here_xx, "
		"SOCK_STREAM, IPPROTO_TCP,\n"
		"\t\t\t     &sock) < 0) /* keep */\n",
		"\tif (" NAME "(&init_net, family_of_this_socket_here_xx,\n"
		"\t\t\t     SOCK_STREAM, IPPROTO_TCP, &sock) < 0) "
		"/* keep */\n");
}

static void test_refill_single_line_untouched(void)
{
	/* Over 80 columns, but on one line: upstream kept those. */
	expect_untouched("\tresult = " NAME "(&init_net, dlm_local_addr[0]->"
			 "ss_family, SOCK_STREAM, IPPROTO_TCP, &sock);\n");
	/* Within 80 and on several lines: nothing to do either. */
	expect_untouched("\terr = " NAME "(&init_net, AF_INET,\n"
			 "\t\t\t       SOCK_DGRAM, 0, &sock);\n");
}

static void test_refill_first_line_keeps_one(void)
{
	/*
	 * Line 0 holds only &init_net and one original argument: moving
	 * that one would leave &init_net alone there.  Untouched.
	 */
	expect_untouched("\tthis_is_a_long_result_name = " NAME
			 "(&init_net, a_rather_long_family_name,\n"
			 "\t\t\t\t\t\t   SOCK_STREAM, IPPROTO_TCP, &sock);\n");
	/* Even when the next line would have room for it. */
	expect_untouched("\tthis_is_a_long_result_name = " NAME
			 "(&init_net, fam_long_name_xx,\n"
			 "\t\t\t\t\t\t   b, c, d);\n");
}

static void test_refill_other_line_too_long(void)
{
	/*
	 * Moving "SOCK_STREAM," down makes line 1 83 columns long, and
	 * it is the last line: no sensible re-fill, untouched.
	 */
	expect_untouched("\tresult = " NAME "(&init_net, dlm_local_addr[0]->"
			 "ss_family, SOCK_STREAM,\n"
			 "\t\t\t\t  IPPROTO_TCP_WITH_A_LONG_NAME, "
			 "&newsock_with_a_longer_name);\n");
}

static void test_refill_comment_untouched(void)
{
	static const char *const srcs[] = {
		/* After a comma at the end of a line. */
		"\tresult = " NAME "(&init_net, dlm_local_addr[0]->ss_family, "
		"SOCK_STREAM, /* type */\n"
		"\t\t\t\t  IPPROTO_TCP, &newsock);\n",
		/* Before a comma. */
		"\tresult = " NAME "(&init_net, dlm_local_addr[0]->ss_family, "
		"SOCK_STREAM /* t */,\n"
		"\t\t\t\t  IPPROTO_TCP, &newsock);\n",
		/* At the start of the next line. */
		"\tresult = " NAME "(&init_net, dlm_local_addr[0]->ss_family, "
		"SOCK_STREAM,\n"
		"\t\t\t\t  /* proto */ IPPROTO_TCP, &newsock);\n",
		/* A // comment. */
		"\tresult = " NAME "(&init_net, dlm_local_addr[0]->ss_family, "
		"SOCK_STREAM, // t\n"
		"\t\t\t\t  IPPROTO_TCP, &newsock);\n",
		/* Between the last argument and ')'. */
		"\tresult = " NAME "(&init_net, dlm_local_addr[0]->ss_family, "
		"SOCK_STREAM,\n"
		"\t\t\t\t  IPPROTO_TCP, &newsock /* out */);\n",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(srcs); i++)
		expect_untouched(srcs[i]);
}

/*
 * Regression: a comment between '(' and the first argument used to be
 * deleted by the re-fill; such a call is now left as it is.
 */
static void test_refill_comment_before_first_arg(void)
{
	static const char src[] = "\tresult = " NAME
				  "(/* net */ &init_net, dlm_local_addr[0]->"
				  "ss_family, SOCK_STREAM,\n"
				  "\t\t\t\t  IPPROTO_TCP, &newsock);\n";
	struct strbuf out = STRBUF_INIT;

	refill_nth(src, 0, &out);
	EXPECT(strstr(out.buf, "/* net */") != NULL);
	strbuf_release(&out);
}

/* A fuzzer find: an empty argument used to crash read_shape(). */
static void test_refill_empty_argument(void)
{
	expect_untouched("\tresult = " NAME "(&init_net, dlm_local_addr[0]->"
			 "ss_family, , SOCK_STREAM,\n"
			 "\t\t\t\t  IPPROTO_TCP, &newsock);\n");
	expect_untouched("\tresult = " NAME "(&init_net, dlm_local_addr[0]->"
			 "ss_family, SOCK_STREAM, IPPROTO,\n"
			 "\t\t\t\t  , &newsock);\n");
	expect_untouched("\tresult = " NAME "(&init_net, dlm_local_addr[0]->"
			 "ss_family, SOCK_STREAM, IPPROTO,\n"
			 "\t\t\t\t  &newsock, );\n");
}

static void test_refill_crlf(void)
{
	expect_refill("{\r\n"
		      "\tresult = " NAME "(&init_net, dlm_local_addr[0]->"
		      "ss_family, SOCK_STREAM,\r\n"
		      "\t\t\t\t  IPPROTO_TCP, &newsock);\r\n"
		      "}\r\n",
		      "{\r\n"
		      "\tresult = " NAME "(&init_net, dlm_local_addr[0]->"
		      "ss_family,\r\n"
		      "\t\t\t\t  SOCK_STREAM, IPPROTO_TCP, &newsock);\r\n"
		      "}\r\n");
}

/* Line 1 overflows in turn and passes its last argument to line 2. */
static void test_refill_cascade(void)
{
	expect_refill("\terr = " NAME "(&init_net, some_family_expression_xyz, "
		      "SOCK_STREAM,\n"
		      "\t\t\t       protocol_number_long_name, "
		      "another_long_arg,\n"
		      "\t\t\t       &sock);\n",
		      "\terr = " NAME
		      "(&init_net, some_family_expression_xyz,\n"
		      "\t\t\t       SOCK_STREAM, protocol_number_long_name,\n"
		      "\t\t\t       another_long_arg, &sock);\n");
}

static void test_refill_other_shapes_untouched(void)
{
	static const char *const srcs[] = {
		/* An argument spanning two lines. */
		"\tresult = " NAME "(&init_net, dlm_local_addr[0]->ss_family, "
		"SOCK_STREAM, f(a,\n"
		"\t\t\t\t  b), &newsock);\n",
		/* ')' alone on its own line. */
		"\tresult = " NAME "(&init_net, dlm_local_addr[0]->ss_family, "
		"SOCK_STREAM,\n"
		"\t\t\t\t  IPPROTO_TCP, &newsock\n"
		"\t\t\t\t  );\n",
		/* A blank line inside the call. */
		"\tresult = " NAME "(&init_net, dlm_local_addr[0]->ss_family, "
		"SOCK_STREAM,\n"
		"\n"
		"\t\t\t\t  IPPROTO_TCP, &newsock);\n",
		/* The first argument on the line after '('. */
		"\tresult = " NAME "(\n"
		"\t\t&init_net, dlm_local_addr[0]->ss_family, SOCK_STREAM, "
		"IPPROTO_TCP, &newsock_xx);\n",
		/* In a macro body. */
		"#define MK() " NAME
		"(&init_net, dlm_local_addr[0]->ss_family, "
		"SOCK_STREAM, \\\n"
		"\t\t\t\t  IPPROTO_TCP, &newsock)\n",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(srcs); i++)
		expect_untouched(srcs[i]);
}

/* Only the call at open changes; another call on the same lines stays. */
static void test_refill_second_call(void)
{
	struct strbuf out = STRBUF_INIT;
	static const char src[] = "\ta = " NAME "(&init_net, x, y, z, w);\n"
				  "\tresult = " NAME
				  "(&init_net, dlm_local_addr[0]->ss_family, "
				  "SOCK_STREAM,\n"
				  "\t\t\t\t  IPPROTO_TCP, &newsock);\n";

	EXPECT(refill_nth(src, 0, &out) == 0);
	EXPECT_STR(out.buf, src);
	EXPECT(refill_nth(src, 1, &out) == 1);
	EXPECT_STR(out.buf, "\ta = " NAME "(&init_net, x, y, z, w);\n"
			    "\tresult = " NAME "(&init_net, dlm_local_addr[0]->"
			    "ss_family,\n"
			    "\t\t\t\t  SOCK_STREAM, IPPROTO_TCP, &newsock);\n");
	strbuf_release(&out);
}

/* ---- layout_keep_backslashes */

static void test_backslash_realign(void)
{
	/* The text grew past the old column: one space. */
	expect_backslashes("#define MK(s)\t\t\t\t\t\\\n"
			   "\tx = " NAME "(PF_INET, 0, 0, s);\t\\\n"
			   "\ty = 1;\n",
			   "#define MK(s)\t\t\t\t\t\\\n"
			   "\tx = " NAME "(&init_net, PF_INET, 0, 0, s);\t\\\n"
			   "\ty = 1;\n",
			   "#define MK(s)\t\t\t\t\t\\\n"
			   "\tx = " NAME "(&init_net, PF_INET, 0, 0, s); \\\n"
			   "\ty = 1;\n");
	/* Still short of it: tabs, then spaces, up to column 50. */
	expect_backslashes("#define MK(s)\t\t\t\t\t  \\\n"
			   "\tr = " NAME "(a, b, c, d);\t  \\\n"
			   "\t0\n",
			   "#define MK(s)\t\t\t\t\t  \\\n"
			   "\tr = " NAME "(n, a, b, c, d); \\\n"
			   "\t0\n",
			   "#define MK(s)\t\t\t\t\t  \\\n"
			   "\tr = " NAME "(n, a, b, c, d);\t  \\\n"
			   "\t0\n");
	/* Exactly at the column: one space. */
	expect_backslashes("#define A \\\n\tab \\\n\t0\n",
			   "#define A \\\n\tabcd\\\n\t0\n",
			   "#define A \\\n\tabcd \\\n\t0\n");
}

static void test_backslash_unchanged_lines(void)
{
	/*
	 * Identical lines keep even a misaligned backslash; the changed
	 * one goes back to column 32.
	 */
	expect_backslashes("#define A(x)    \\\n"
			   "\tfoo(x);\t\t\t\\\n"
			   "\tbar(x)\n",
			   "#define A(x)    \\\n"
			   "\tfoo(n, x); \\\n"
			   "\tbar(x)\n",
			   "#define A(x)    \\\n"
			   "\tfoo(n, x);\t\t\\\n"
			   "\tbar(x)\n");
	/* A changed line without a backslash is not touched. */
	expect_backslashes("a\nf(x);\nb\n", "a\nf(n, x);\nb\n",
			   "a\nf(n, x);\nb\n");
	/* Nor one that had none before. */
	expect_backslashes("a\nf(x);\nb\n", "a\nf(n, x); \\\nb\n",
			   "a\nf(n, x); \\\nb\n");
	/* Nothing changed at all. */
	expect_backslashes("#define A \\\n\t1\n", "#define A \\\n\t1\n",
			   "#define A \\\n\t1\n");
}

static void test_backslash_line_counts_differ(void)
{
	/* A line was added: lines cannot be paired, nothing changes. */
	expect_backslashes("#define MK(s)\t\t\t\t\t\\\n"
			   "\tx = " NAME "(a, b, c, s);\t\t\\\n"
			   "\ty = 1;\n",
			   "#define MK(s)\t\t\t\t\t\\\n"
			   "\tx = " NAME "(&init_net, a, \\\n"
			   "\t\t\tb, c, s);\t\t\\\n"
			   "\ty = 1;\n",
			   "#define MK(s)\t\t\t\t\t\\\n"
			   "\tx = " NAME "(&init_net, a, \\\n"
			   "\t\t\tb, c, s);\t\t\\\n"
			   "\ty = 1;\n");
}

static void test_backslash_crlf(void)
{
	expect_backslashes("#define A \t\t\t\\\r\n\tf(x);\t\t\t\\\r\n\t0\r\n",
			   "#define A \t\t\t\\\r\n\tf(n, x); \\\r\n\t0\r\n",
			   "#define A \t\t\t\\\r\n\tf(n, x);\t\t\\\r\n\t0\r\n");
}

/* Several changed lines in one buffer, and a last line without '\n'. */
static void test_backslash_several(void)
{
	expect_backslashes("#define A\t\t\t\\\n\tf(x);\t\t\\\n\tg(y);\t\t\\\n"
			   "\th()",
			   "#define A\t\t\t\\\n\tf(n, x);  \\\n\tg(n, y); \\\n"
			   "\th()",
			   "#define A\t\t\t\\\n\tf(n, x);\t\\\n\tg(n, y);\t\\\n"
			   "\th()");
}

/* --layout=80: a one-line call over 80 columns gets a second line. */
static void test_wrap_one_line(void)
{
	wrap_one_line = 1;
	/* rfcomm's shape: the arguments that do not fit go under the '('. */
	expect_refill(
		"\terr = " NAME "(&init_net, PF_BLUETOOTH, SOCK_SEQPACKET, "
		"BTPROTO_L2CAP, sock);\n",
		"\terr = " NAME "(&init_net, PF_BLUETOOTH, SOCK_SEQPACKET,\n"
		"\t\t\t       BTPROTO_L2CAP, sock);\n");
	/* CRLF: the new line ends as the old one did. */
	expect_refill(
		"\terr = " NAME "(&init_net, PF_BLUETOOTH, SOCK_SEQPACKET, "
		"BTPROTO_L2CAP, sock);\r\n",
		"\terr = " NAME "(&init_net, PF_BLUETOOTH, SOCK_SEQPACKET,\r\n"
		"\t\t\t       BTPROTO_L2CAP, sock);\r\n");
	/* Fits already: nothing to do. */
	expect_untouched("\terr = " NAME "(&init_net, AF_INET, 0, 0, s);\n");
	/* Only the new argument and one of its own would stay: no wrap. */
	expect_untouched("\terr = " NAME
			 "(&init_net, ((struct sockaddr *)&peer_"
			 "address)->sa_family_long_name_here_x, a, b, c);\n");
	wrap_one_line = 0;
	/* Without it, upstream's rule: one-line calls stay one line. */
	expect_untouched("\terr = " NAME "(&init_net, PF_BLUETOOTH, "
			 "SOCK_SEQPACKET, BTPROTO_L2CAP, sock);\n");
}

/* ---- layout_unfill */

/* layout_unfill() on the call in src, which lost dropped; 1 if it moved. */
static int unfill(const char *src, const char *dropped, struct strbuf *out)
{
	struct ctok_list toks = { 0 };
	struct site_list sl = { 0 };
	int ret = -1;

	strbuf_reset(out);
	strbuf_addstr(out, src);
	ctok_scan(out->buf, out->len, &toks);
	sites_find(out->buf, &toks, NAME, &sl);
	EXPECT(sl.nr == 1);
	if (sl.nr == 1)
		ret = layout_unfill(out, &toks, sl.v[0].open, dropped);
	site_list_release(&sl);
	ctok_list_release(&toks);
	return ret;
}

/* upstream's dlm commit, backwards: SOCK_STREAM goes back up. */
static void test_unfill_dlm(void)
{
	struct strbuf out = STRBUF_INIT;

	EXPECT(unfill("\tresult = " NAME "(dlm_local_addr[0]->ss_family,\n"
		      "\t\t\t\t  SOCK_STREAM, IPPROTO_TCP, &newsock);\n",
		      "&init_net", &out) == 1);
	EXPECT_STR(out.buf, "\tresult = " NAME "(dlm_local_addr[0]->ss_family, "
			    "SOCK_STREAM,\n"
			    "\t\t\t\t  IPPROTO_TCP, &newsock);\n");
	strbuf_release(&out);
}

/*
 * The forward pass would not have given these lines: with the argument
 * back, the first line fits, so nothing had moved.  Nothing moves.
 */
static void test_unfill_not_refilled(void)
{
	static const char src[] = "\treturn " NAME "(AF_INET,\n"
				  "\t\t\t\tSOCK_STREAM, r->proto, &s);\n";
	struct strbuf out = STRBUF_INIT;

	EXPECT(unfill(src, "&init_net", &out) == 0);
	EXPECT_STR(out.buf, src);
	/* A longer namespace, the same: only what forward would re-fill. */
	EXPECT(unfill(src, "sock_net(sk)", &out) == 0);
	EXPECT_STR(out.buf, src);
	/* A one-line call, and a dropped argument on several lines. */
	EXPECT(unfill("\treturn " NAME "(AF_INET, SOCK_STREAM, 0, &s);\n",
		      "&init_net", &out) == 0);
	EXPECT(unfill(src, "a\nb", &out) == 0);
	EXPECT(unfill(src, NULL, &out) == 0);
	strbuf_release(&out);
}

/* Each line had passed its last argument on: the fewest moves back. */
static void test_unfill_cascade(void)
{
	struct strbuf out = STRBUF_INIT;
	static const char orig[] =
		"\terr = " NAME "(cfg->local_addr.ss_family, SOCK_SEQPACKET,\n"
		"\t\t\t       cfg->transport_protocol_number_xyz,\n"
		"\t\t\t       s);\n";

	EXPECT(unfill("\terr = " NAME "(cfg->local_addr.ss_family,\n"
		      "\t\t\t       SOCK_SEQPACKET,\n"
		      "\t\t\t       cfg->transport_protocol_number_xyz, s);\n",
		      "&init_net", &out) == 1);
	EXPECT_STR(out.buf, orig);
	strbuf_release(&out);
}

int main(void)
{
	RUN(test_wrap_one_line);
	RUN(test_width);
	RUN(test_refill_dlm);
	RUN(test_refill_two_args_and_tail);
	RUN(test_refill_single_line_untouched);
	RUN(test_refill_first_line_keeps_one);
	RUN(test_refill_other_line_too_long);
	RUN(test_refill_comment_untouched);
	RUN(test_refill_comment_before_first_arg);
	RUN(test_refill_empty_argument);
	RUN(test_refill_crlf);
	RUN(test_refill_cascade);
	RUN(test_refill_other_shapes_untouched);
	RUN(test_refill_second_call);
	RUN(test_backslash_realign);
	RUN(test_backslash_unchanged_lines);
	RUN(test_backslash_line_counts_differ);
	RUN(test_backslash_crlf);
	RUN(test_backslash_several);
	RUN(test_unfill_dlm);
	RUN(test_unfill_not_refilled);
	RUN(test_unfill_cascade);
	return UNIT_EXIT();
}
