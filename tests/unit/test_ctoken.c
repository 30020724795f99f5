// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for driver/ctoken.c: what is a token and what is not
 * (comments, literals), where each token stands (line, column), and the
 * preprocessor flags (directive, #define, #if 0).
 *
 * Most tests compare a dump of every token, one per line:
 *	<kind> <text> <line>:<col>[ D][ M][ 0]
 * kind: I ident, N number, S string, C char, P punct, H hash; D, M and 0
 * are CTOK_IN_DIRECTIVE, CTOK_IN_DEFINE and CTOK_IN_IF0.
 */
#include "ctoken.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "unit.h"
#include "util.h"

/* ---- helpers */

static char kind_char(enum ctok_kind k)
{
	switch (k) {
	case CTOK_IDENT:
		return 'I';
	case CTOK_NUMBER:
		return 'N';
	case CTOK_STRING:
		return 'S';
	case CTOK_CHAR:
		return 'C';
	case CTOK_PUNCT:
		return 'P';
	case CTOK_HASH:
		return 'H';
	case CTOK_COMMENT:
		return 'c';
	}
	return '?';
}

static void dump_tokens(const char *buf, const struct ctok_list *toks,
			struct strbuf *out)
{
	size_t i;

	for (i = 0; i < toks->nr; i++) {
		const struct ctok *t = &toks->v[i];

		strbuf_addf(out, "%c %.*s %u:%u%s%s%s\n", kind_char(t->kind),
			    (int)t->len, buf + t->off, t->line, t->col,
			    t->flags & CTOK_IN_DIRECTIVE ? " D" : "",
			    t->flags & CTOK_IN_DEFINE ? " M" : "",
			    t->flags & CTOK_IN_IF0 ? " 0" : "");
	}
}

/* Tokenize len bytes of src and compare the dump with want. */
static void expect_tokens_len(const char *src, size_t len, const char *want)
{
	struct ctok_list toks = { 0 };
	struct strbuf out = STRBUF_INIT;

	ctok_scan(src, len, &toks);
	dump_tokens(src, &toks, &out);
	EXPECT_STR(out.buf, want);
	strbuf_release(&out);
	ctok_list_release(&toks);
}

static void expect_tokens(const char *src, const char *want)
{
	expect_tokens_len(src, strlen(src), want);
}

/* Only the texts of the tokens, joined by single spaces. */
static void expect_texts(const char *src, const char *want)
{
	struct ctok_list toks = { 0 };
	struct strbuf out = STRBUF_INIT;
	size_t i;

	ctok_scan(src, strlen(src), &toks);
	for (i = 0; i < toks.nr; i++) {
		if (i)
			strbuf_addch(&out, ' ');
		strbuf_add(&out, src + toks.v[i].off, toks.v[i].len);
	}
	EXPECT_STR(out.buf, want);
	strbuf_release(&out);
	ctok_list_release(&toks);
}

/* The identifiers that carry CTOK_IN_IF0, joined by spaces. */
static void expect_if0_idents(const char *src, const char *want)
{
	struct ctok_list toks = { 0 };
	struct strbuf out = STRBUF_INIT;
	size_t i;

	ctok_scan(src, strlen(src), &toks);
	for (i = 0; i < toks.nr; i++) {
		const struct ctok *t = &toks.v[i];

		if (t->kind != CTOK_IDENT || !(t->flags & CTOK_IN_IF0) ||
		    t->flags & CTOK_IN_DIRECTIVE)
			continue;
		if (out.len)
			strbuf_addch(&out, ' ');
		strbuf_add(&out, src + t->off, t->len);
	}
	EXPECT_STR(out.buf, want);
	strbuf_release(&out);
	ctok_list_release(&toks);
}

/* ---- tokens */

static void test_empty_input(void)
{
	struct ctok_list toks = { 0 };

	ctok_scan("", 0, &toks);
	EXPECT(toks.nr == 0);
	ctok_scan(" \t\r\n\f\v\n", 7, &toks);
	EXPECT(toks.nr == 0);
	ctok_scan("/* only */ // a comment\n", 24, &toks);
	EXPECT(toks.nr == 0);
	ctok_list_release(&toks);
	EXPECT(toks.v == NULL && toks.nr == 0 && toks.alloc == 0);
}

static void test_basic_kinds(void)
{
	expect_tokens("x = foo_1(0x1F, 'a', \"s\");\n", "I x 1:1\n"
							"P = 1:3\n"
							"I foo_1 1:5\n"
							"P ( 1:10\n"
							"N 0x1F 1:11\n"
							"P , 1:15\n"
							"C 'a' 1:17\n"
							"P , 1:20\n"
							"S \"s\" 1:22\n"
							"P ) 1:25\n"
							"P ; 1:26\n");
}

static void test_punctuators(void)
{
	/* Longest match first; "->" is one token. */
	expect_texts("p->q a<<=b c>>=d e...f x-->y i++ !=",
		     "p -> q a <<= b c >>= d e ... f x -- > y i ++ !=");
	expect_texts("a->b - >c", "a -> b - > c");
	expect_texts("a&&b||c##d", "a && b || c ## d");
	/* A lone '.', and ".." is two of them. */
	expect_texts("s.m ..", "s . m . .");
}

static void test_numbers(void)
{
	expect_tokens("1.5e+3 0x1p-2 10UL 7-1\n", "N 1.5e+3 1:1\n"
						  "N 0x1p-2 1:8\n"
						  "N 10UL 1:15\n"
						  "N 7 1:20\n"
						  "P - 1:21\n"
						  "N 1 1:22\n");
}

static void test_identifiers_vs_comments(void)
{
	expect_texts("a /* b */ c", "a c");
	expect_texts("a/*b*/c", "a c");
	expect_texts("a // b c\nd", "a d");
	expect_texts("a /* b\n c\n */ d", "a d");
	/* Comments do not nest, and "//" inside a block comment is text. */
	expect_texts("a /* b /* c */ d */", "a d * /");
	expect_texts("a /* // */ b", "a b");
	/* A block opener inside a line comment opens nothing. */
	expect_texts("a // /* x\nb */", "a b * /");
	/* A '/' alone is a punctuator. */
	expect_texts("a / b", "a / b");
}

static void test_line_comment_continuation(void)
{
	/* A backslash-newline continues a // comment to the next line. */
	expect_tokens("a // comment \\\nstill comment\nb\n", "I a 1:1\n"
							     "I b 3:1\n");
	/* Also with CRLF, and several times. */
	expect_tokens("a // x \\\r\ny \\\nz\nb\n", "I a 1:1\n"
						   "I b 4:1\n");
	/* A backslash not at the end does not. */
	expect_tokens("a // x \\ y\nb\n", "I a 1:1\n"
					  "I b 2:1\n");
}

static void test_string_literals(void)
{
	/* Escaped quotes and backslashes stay inside the literal. */
	expect_tokens("f(\"a\\\"b\", \"c\\\\\", d)\n", "I f 1:1\n"
						       "P ( 1:2\n"
						       "S \"a\\\"b\" 1:3\n"
						       "P , 1:9\n"
						       "S \"c\\\\\" 1:11\n"
						       "P , 1:16\n"
						       "I d 1:18\n"
						       "P ) 1:19\n");
	/* Identifiers and comment markers inside strings are not tokens. */
	expect_texts("x(\"sock_create_kern /* no */ // no\") y",
		     "x ( \"sock_create_kern /* no */ // no\" ) y");
	/* A string continued with backslash-newline is one token. */
	expect_tokens("s = \"ab\\\ncd\"; t\n", "I s 1:1\n"
					       "P = 1:3\n"
					       "S \"ab\\\ncd\" 1:5\n"
					       "P ; 2:4\n"
					       "I t 2:6\n");
	/* An unescaped newline ends a broken string: the next line lives. */
	expect_tokens("\"abc\nx\n", "S \"abc 1:1\n"
				    "I x 2:1\n");
}

static void test_char_literals(void)
{
	expect_tokens("c = '\\''; d = '\"'; e = '\\\\'; f\n", "I c 1:1\n"
							      "P = 1:3\n"
							      "C '\\'' 1:5\n"
							      "P ; 1:9\n"
							      "I d 1:11\n"
							      "P = 1:13\n"
							      "C '\"' 1:15\n"
							      "P ; 1:18\n"
							      "I e 1:20\n"
							      "P = 1:22\n"
							      "C '\\\\' 1:24\n"
							      "P ; 1:28\n"
							      "I f 1:30\n");
	/* A quote char inside a string, a double quote inside a char. */
	expect_texts("\"it's\" x '\"' y", "\"it's\" x '\"' y");
}

static void test_unterminated_comment(void)
{
	static const char src[] = "int a; /* never closed\nb c";
	struct ctok_list toks = { 0 };

	expect_tokens(src, "I int 1:1\n"
			   "I a 1:5\n"
			   "P ; 1:6\n");
	/* Cut right after the opener: nothing read past the end. */
	expect_tokens_len("a /*", 4, "I a 1:1\n");
	expect_tokens_len("a /*x*", 6, "I a 1:1\n");
	expect_tokens_len("a /", 3, "I a 1:1\nP / 1:3\n");
	/* Not NUL-terminated: a heap copy of exactly len bytes. */
	{
		char *copy = xmalloc(sizeof(src) - 1);

		memcpy(copy, src, sizeof(src) - 1);
		ctok_scan(copy, sizeof(src) - 1, &toks);
		EXPECT(toks.nr == 3);
		free(copy);
	}
	ctok_list_release(&toks);
}

static void test_unterminated_string(void)
{
	expect_tokens("x y \"abc", "I x 1:1\n"
				   "I y 1:3\n"
				   "S \"abc 1:5\n");
	expect_tokens("x 'a", "I x 1:1\n"
			      "C 'a 1:3\n");
	/* A backslash as the very last byte. */
	expect_tokens_len("x \"a\\", 5,
			  "I x 1:1\n"
			  "S \"a\\ 1:3\n");
	expect_tokens_len("x \\", 3,
			  "I x 1:1\n"
			  "P \\ 1:3\n");
}

static void test_line_col(void)
{
	expect_tokens("a\n  bb\tc\n\n\td\n", "I a 1:1\n"
					     "I bb 2:3\n"
					     "I c 2:6\n"
					     "I d 4:2\n");
	/* Columns count bytes: a UTF-8 letter in a comment is two. */
	expect_tokens("/* \xc3\xa9 */ x\n", "I x 1:10\n");
}

static void test_line_col_crlf(void)
{
	expect_tokens("a;\r\n  b;\r\n\r\nc\r\n", "I a 1:1\n"
						 "P ; 1:2\n"
						 "I b 2:3\n"
						 "P ; 2:4\n"
						 "I c 4:1\n");
	/* Mixed line endings, and a lone CR is blank, not a line end. */
	expect_tokens("a\r\nb\nc\rd\n", "I a 1:1\n"
					"I b 2:1\n"
					"I c 3:1\n"
					"I d 3:3\n");
}

static void test_line_col_after_splice(void)
{
	/* After a backslash-newline, lines and columns are physical. */
	expect_tokens("x = 1 + \\\n    y;\nz\n", "I x 1:1\n"
						 "P = 1:3\n"
						 "N 1 1:5\n"
						 "P + 1:7\n"
						 "I y 2:5\n"
						 "P ; 2:6\n"
						 "I z 3:1\n");
	/* Line numbers after a block comment spanning lines. */
	expect_tokens("/*\n\n*/ a\nb\n", "I a 3:4\n"
					 "I b 4:1\n");
	/* After a CRLF splice. */
	expect_tokens("a \\\r\n b\n", "I a 1:1\n"
				      "I b 2:2\n");
}

/*
 * An identifier continued across a line splice is one token, as the
 * preprocessor joins it, flagged spliced; ctok_is() reads its spelling.
 */
static void test_spliced_identifier(void)
{
	static const char src[] = "x = sock_cre\\\nate_kern(a);\n"
				  "y = ab\\\r\n\\\ncd + e\\\n(1);\n";
	struct ctok_list toks = { 0 };

	ctok_scan(src, strlen(src), &toks);
	EXPECT(toks.nr == 16);
	if (toks.nr == 16) {
		const struct ctok *t = &toks.v[2], *u = &toks.v[9];

		EXPECT(t->kind == CTOK_IDENT && t->line == 1 && t->col == 5);
		EXPECT(t->len == strlen("sock_cre\\\nate_kern"));
		EXPECT(t->flags & CTOK_SPLICED);
		EXPECT(ctok_is(src, t, "sock_create_kern"));
		EXPECT(!ctok_is(src, t, "sock_create_ker"));
		EXPECT(!ctok_is(src, t, "sock_create_kernel"));
		/* Two splices in a row, CRLF, still one name. */
		EXPECT(ctok_is(src, &toks.v[7], "y") &&
		       ctok_is(src, u, "abcd") && (u->flags & CTOK_SPLICED));
		EXPECT(u->line == 3 && toks.v[10].line == 5);
		/* A splice before a '(' ends the name. */
		EXPECT(ctok_is(src, &toks.v[11], "e") &&
		       !(toks.v[11].flags & CTOK_SPLICED) &&
		       ctok_is(src, &toks.v[12], "(") && toks.v[12].line == 6);
		EXPECT(!(toks.v[0].flags & CTOK_SPLICED));
	}
	ctok_list_release(&toks);
}

/* ---- directives */

static void test_define_flags(void)
{
	expect_tokens("#define F(a) \\\n\tg(a, \\\n\t  b)\nh();\n",
		      "H # 1:1 D\n"
		      "I define 1:2 D\n"
		      "I F 1:9 D M\n"
		      "P ( 1:10 D M\n"
		      "I a 1:11 D M\n"
		      "P ) 1:12 D M\n"
		      "I g 2:2 D M\n"
		      "P ( 2:3 D M\n"
		      "I a 2:4 D M\n"
		      "P , 2:5 D M\n"
		      "I b 3:4 D M\n"
		      "P ) 3:5 D M\n"
		      "I h 4:1\n"
		      "P ( 4:2\n"
		      "P ) 4:3\n"
		      "P ; 4:4\n");
}

static void test_other_directives(void)
{
	/* Directive but not define; a blank before '#' is allowed. */
	expect_tokens("  # include <a.h>\nx\n", "H # 1:3 D\n"
						"I include 1:5 D\n"
						"P < 1:13 D\n"
						"I a 1:14 D\n"
						"P . 1:15 D\n"
						"I h 1:16 D\n"
						"P > 1:17 D\n"
						"I x 2:1\n");
	/* A '#' after a token on the line is no directive. */
	expect_tokens("a # b\n", "I a 1:1\n"
				 "P # 1:3\n"
				 "I b 1:5\n");
	/* Inside a #define, '#' and '##' are operators. */
	expect_tokens("#define S(x) #x a##b\n", "H # 1:1 D\n"
						"I define 1:2 D\n"
						"I S 1:9 D M\n"
						"P ( 1:10 D M\n"
						"I x 1:11 D M\n"
						"P ) 1:12 D M\n"
						"P # 1:14 D M\n"
						"I x 1:15 D M\n"
						"I a 1:17 D M\n"
						"P ## 1:18 D M\n"
						"I b 1:20 D M\n");
	/* A comment spanning lines is one blank: the directive goes on. */
	expect_tokens("#define A /*\n*/ b\nc\n", "H # 1:1 D\n"
						 "I define 1:2 D\n"
						 "I A 1:9 D M\n"
						 "I b 2:4 D M\n"
						 "I c 3:1\n");
	/* CRLF ends a directive too. */
	expect_tokens("#define A 1\r\nb\r\n", "H # 1:1 D\n"
					      "I define 1:2 D\n"
					      "I A 1:9 D M\n"
					      "N 1 1:11 D M\n"
					      "I b 2:1\n");
}

static void test_if0(void)
{
	/* Only the #if 0 part; the #else part is live code. */
	expect_if0_idents("a\n#if 0\nb\n#else\nc\n#endif\nd\n", "b");
	expect_if0_idents("#if 0\nb\n#endif\nd\n", "b");
	/* Not for other conditions. */
	expect_if0_idents("#if 1\nb\n#endif\n#if X\nc\n#endif\n", "");
	expect_if0_idents("#ifdef X\nb\n#else\nc\n#endif\n", "");
	/* A #elif ends the dead part as #else does. */
	expect_if0_idents("#if 0\nb\n#elif X\nc\n#endif\nd\n", "b");
	/* An #if 0 inside a live #if. */
	expect_if0_idents("#ifdef X\na\n#if 0\nb\n#endif\nc\n#endif\nd\n", "b");
	/* Two blocks. */
	expect_if0_idents("#if 0\na\n#endif\nb\n#if 0\nc\n#endif\nd\n", "a c");
	/* Unterminated at EOF: dead to the end. */
	expect_if0_idents("#if 0\na\nb\n", "a b");
}

static void test_if0_nested(void)
{
	/* The inner #endif and #else do not end the dead block. */
	expect_if0_idents("#if 0\na\n#ifdef X\nb\n#else\nc\n#endif\nd\n"
			  "#endif\ne\n",
			  "a b c d");
	expect_if0_idents("#if 0\n#if 1\na\n#endif\n#ifndef Y\nb\n#endif\n"
			  "c\n#else\nd\n#endif\ne\n",
			  "a b c");
	/* A second #if 0 nested in the first. */
	expect_if0_idents("#if 0\n#if 0\na\n#endif\nb\n#endif\nc\n", "a b");
}

static void test_if0_flags_exact(void)
{
	expect_tokens("#if 0\nx\n#else\ny\n#endif\n", "H # 1:1 D\n"
						      "I if 1:2 D\n"
						      "N 0 1:5 D\n"
						      "I x 2:1 0\n"
						      "H # 3:1 D 0\n"
						      "I else 3:2 D 0\n"
						      "I y 4:1\n"
						      "H # 5:1 D\n"
						      "I endif 5:2 D\n");
}

/* ---- ctok_is */

static void test_ctok_is(void)
{
	static const char src[] = "sock_create_kern sock_create_kern_x ->";
	struct ctok_list toks = { 0 };

	ctok_scan(src, strlen(src), &toks);
	EXPECT(toks.nr == 3);
	EXPECT(ctok_is(src, &toks.v[0], "sock_create_kern"));
	EXPECT(!ctok_is(src, &toks.v[0], "sock_create"));
	EXPECT(!ctok_is(src, &toks.v[0], "sock_create_kern_x"));
	EXPECT(!ctok_is(src, &toks.v[0], ""));
	EXPECT(ctok_is(src, &toks.v[1], "sock_create_kern_x"));
	EXPECT(!ctok_is(src, &toks.v[1], "sock_create_kern"));
	EXPECT(ctok_is(src, &toks.v[2], "->"));
	EXPECT(!ctok_is(src, &toks.v[2], "-"));
	ctok_list_release(&toks);
}

/* ctok_scan appends to a list that already holds tokens. */
static void test_appends(void)
{
	struct ctok_list toks = { 0 };

	ctok_scan("a b", 3, &toks);
	ctok_scan("c", 1, &toks);
	EXPECT(toks.nr == 3);
	EXPECT(toks.v[2].off == 0 && toks.v[2].line == 1 && toks.v[2].col == 1);
	ctok_list_release(&toks);
}

/* Bytes that are no C at all still come out as one-byte tokens. */
static void test_stray_bytes(void)
{
	static const char src[] = "a @ \x80\xff` b\0c";
	struct ctok_list toks = { 0 };

	expect_tokens("a @ \x80\xff` b", "I a 1:1\n"
					 "P @ 1:3\n"
					 "P \x80 1:5\n"
					 "P \xff 1:6\n"
					 "P ` 1:7\n"
					 "I b 1:9\n");
	/* A NUL byte is data too: it does not end the input. */
	ctok_scan(src, sizeof(src) - 1, &toks);
	EXPECT(toks.nr == 8);
	if (toks.nr == 8) {
		EXPECT(toks.v[6].kind == CTOK_PUNCT && toks.v[6].len == 1 &&
		       toks.v[6].off == 9 && toks.v[6].col == 10);
		EXPECT(toks.v[7].kind == CTOK_IDENT && toks.v[7].off == 10);
	}
	ctok_list_release(&toks);
}

static void test_scan_comments(void)
{
	static const char src[] = "a /* one */ b // two\n\"/* no */\" c /**/";
	struct ctok_list c = { 0 };

	ctok_scan_comments(src, sizeof(src) - 1, &c);
	EXPECT(c.nr == 3);
	if (c.nr == 3) {
		EXPECT(c.v[0].kind == CTOK_COMMENT);
		EXPECT(ctok_is(src, &c.v[0], "/* one */"));
		EXPECT(ctok_is(src, &c.v[1], "// two"));
		EXPECT(c.v[1].line == 1 && c.v[1].col == 15);
		EXPECT(ctok_is(src, &c.v[2], "/**/"));
		EXPECT(c.v[2].line == 2);
	}
	ctok_list_release(&c);
}

static int only_added(const char *a, const char *b)
{
	struct ctok_list ta = { 0 }, tb = { 0 };
	int ok;

	ctok_scan(a, strlen(a), &ta);
	ctok_scan(b, strlen(b), &tb);
	ok = ctok_only_added(a, &ta, b, &tb);
	ctok_list_release(&ta);
	ctok_list_release(&tb);
	return ok;
}

static void test_only_added(void)
{
	/* The conversion: tokens added, blanks and comments free to move. */
	EXPECT(only_added("f(a, b);", "f(&init_net, a, b);"));
	EXPECT(only_added("f(a,\n  b); /* x */",
			  "f(&init_net, a, /* y */ b);"));
	EXPECT(only_added("", ""));
	EXPECT(only_added("", "int x;"));
	/* Anything removed or replaced is not a conversion. */
	EXPECT(!only_added("f(a, b);", "f(a, c);"));
	EXPECT(!only_added("f(a, b);", "f(b, a);"));
	EXPECT(!only_added("f(&init_net, a);", "f(net, a);"));
	EXPECT(!only_added("int x;", ""));
	/* Token text, not bytes: "a b" is not "ab". */
	EXPECT(!only_added("a b", "ab"));
}

int main(void)
{
	RUN(test_only_added);
	RUN(test_scan_comments);
	RUN(test_empty_input);
	RUN(test_basic_kinds);
	RUN(test_punctuators);
	RUN(test_numbers);
	RUN(test_identifiers_vs_comments);
	RUN(test_line_comment_continuation);
	RUN(test_string_literals);
	RUN(test_char_literals);
	RUN(test_unterminated_comment);
	RUN(test_unterminated_string);
	RUN(test_line_col);
	RUN(test_line_col_crlf);
	RUN(test_line_col_after_splice);
	RUN(test_spliced_identifier);
	RUN(test_define_flags);
	RUN(test_other_directives);
	RUN(test_if0);
	RUN(test_if0_nested);
	RUN(test_if0_flags_exact);
	RUN(test_ctok_is);
	RUN(test_appends);
	RUN(test_stray_bytes);
	return UNIT_EXIT();
}
