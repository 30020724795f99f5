// SPDX-License-Identifier: GPL-2.0-only
#include "ctoken.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

struct lexer {
	const char *buf;
	size_t len;
	size_t pos;
	unsigned line;
	size_t line_start; /* offset of the current line's first byte */
	int at_line_start; /* only white space seen on this line so far */
	unsigned dir_flags; /* flags of the directive being read, or 0 */
	int dir_pending_name; /* the next identifier names the directive */
	int if0_pending; /* "#if" seen, waiting to see if it is "0" */
	/* #if 0 tracking: depth of #if nesting inside the #if 0 block. */
	int if0_depth;
	int in_if0;
	struct ctok_list *list;
};

static int is_ident_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	       c == '$';
}

static int is_ident_char(unsigned char c)
{
	return is_ident_start(c) || (c >= '0' && c <= '9');
}

/* A backslash-newline (or backslash-CR-LF) splice at p: its length. */
static size_t splice_len(const struct lexer *lx, size_t p)
{
	if (p < lx->len && lx->buf[p] == '\\') {
		if (p + 1 < lx->len && lx->buf[p + 1] == '\n')
			return 2;
		if (p + 2 < lx->len && lx->buf[p + 1] == '\r' &&
		    lx->buf[p + 2] == '\n')
			return 3;
	}
	return 0;
}

static void newline_at(struct lexer *lx, size_t nl)
{
	lx->line++;
	lx->line_start = nl + 1;
}

/* Advance over one byte, counting lines; splices are handled by callers. */
static void advance(struct lexer *lx)
{
	if (lx->buf[lx->pos] == '\n')
		newline_at(lx, lx->pos);
	lx->pos++;
}

static void skip_splice(struct lexer *lx)
{
	size_t n = splice_len(lx, lx->pos);

	while (n--)
		advance(lx);
}

static void end_of_line(struct lexer *lx)
{
	lx->at_line_start = 1;
	lx->dir_flags = 0;
	lx->dir_pending_name = 0;
	lx->if0_pending = 0;
}

static void skip_block_comment(struct lexer *lx)
{
	lx->pos += 2;
	while (lx->pos < lx->len) {
		if (lx->buf[lx->pos] == '*' && lx->pos + 1 < lx->len &&
		    lx->buf[lx->pos + 1] == '/') {
			lx->pos += 2;
			return;
		}
		advance(lx);
	}
}

static void skip_line_comment(struct lexer *lx)
{
	while (lx->pos < lx->len && lx->buf[lx->pos] != '\n') {
		if (splice_len(lx, lx->pos))
			skip_splice(lx);
		else
			lx->pos++;
	}
}

/* A string or character literal; an unescaped newline ends it too. */
static void skip_quoted(struct lexer *lx, char quote)
{
	lx->pos++;
	while (lx->pos < lx->len) {
		char c = lx->buf[lx->pos];

		if (c == '\\' && lx->pos + 1 < lx->len) {
			if (splice_len(lx, lx->pos)) {
				skip_splice(lx);
				continue;
			}
			lx->pos += 2;
			continue;
		}
		if (c == '\n')
			return;
		lx->pos++;
		if (c == quote)
			return;
	}
}

#define PUNCT(s)                 \
	{                        \
		s, sizeof(s) - 1 \
	}
static const struct {
	const char *s;
	size_t n;
} puncts[] = { PUNCT("->"),  PUNCT("++"), PUNCT("--"), PUNCT("<<="),
	       PUNCT(">>="), PUNCT("<<"), PUNCT(">>"), PUNCT("<="),
	       PUNCT(">="),  PUNCT("=="), PUNCT("!="), PUNCT("&&"),
	       PUNCT("||"),  PUNCT("+="), PUNCT("-="), PUNCT("*="),
	       PUNCT("/="),  PUNCT("%="), PUNCT("&="), PUNCT("|="),
	       PUNCT("^="),  PUNCT("##"), PUNCT("...") };

/*
 * Every punctuator above starts with one of these: any other character is
 * a token of one byte without a look at the table (the tokenizer's hot
 * path: most punctuation in C is ( ) , ; { } [ ]).
 */
static const char punct_starts[] = "-+<>=!&|*/%^#.";

static size_t punct_len(const struct lexer *lx)
{
	size_t best = 1, i;
	char c = lx->buf[lx->pos];

	if (!c || !strchr(punct_starts, c))
		return 1;
	for (i = 0; i < ARRAY_SIZE(puncts); i++) {
		size_t n = puncts[i].n;

		if (n > best && puncts[i].s[0] == c && lx->pos + n <= lx->len &&
		    !memcmp(lx->buf + lx->pos, puncts[i].s, n))
			best = n;
	}
	return best;
}

static void emit(struct lexer *lx, enum ctok_kind kind, size_t start,
		 unsigned line, size_t line_start)
{
	struct ctok *t;

	ALLOC_GROW(lx->list->v, lx->list->nr + 1, lx->list->alloc);
	t = &lx->list->v[lx->list->nr++];
	t->kind = kind;
	t->flags = lx->dir_flags | (lx->in_if0 ? CTOK_IN_IF0 : 0);
	t->off = start;
	t->len = lx->pos - start;
	t->line = line;
	t->col = (unsigned)(start - line_start + 1);
}

static int word_is(const struct lexer *lx, size_t start, const char *w)
{
	size_t n = strlen(w);

	return lx->pos - start == n && !memcmp(lx->buf + start, w, n);
}

/* Keep track of #if 0 blocks: code there is dead to spatch as well. */
static void directive_name(struct lexer *lx, size_t start)
{
	if (word_is(lx, start, "define")) {
		lx->dir_flags |= CTOK_IN_DEFINE;
	} else if (word_is(lx, start, "if") || word_is(lx, start, "ifdef") ||
		   word_is(lx, start, "ifndef")) {
		if (lx->in_if0)
			lx->if0_depth++;
		else if (word_is(lx, start, "if"))
			lx->if0_pending = 1;
	} else if (word_is(lx, start, "endif")) {
		if (lx->in_if0 && lx->if0_depth-- == 0) {
			lx->in_if0 = 0;
			lx->if0_depth = 0;
		}
	} else if (word_is(lx, start, "else") || word_is(lx, start, "elif")) {
		if (lx->in_if0 && lx->if0_depth == 0)
			lx->in_if0 = 0;
	}
}

/*
 * An identifier, joined across line splices as the preprocessor joins it
 * ("sock_cre\\<newline>ate_kern" is one name).  Returns whether it was.
 */
static int lex_ident(struct lexer *lx)
{
	int spliced = 0;

	while (lx->pos < lx->len) {
		size_t p = lx->pos;

		while (splice_len(lx, p))
			p += splice_len(lx, p);
		if (p >= lx->len || !is_ident_char((unsigned char)lx->buf[p]))
			break;
		if (p != lx->pos) {
			while (lx->pos < p)
				skip_splice(lx);
			spliced = 1;
		}
		lx->pos++;
	}
	return spliced;
}

static void lex_token(struct lexer *lx)
{
	size_t start = lx->pos, line_start = lx->line_start;
	unsigned line = lx->line;
	unsigned char c = (unsigned char)lx->buf[lx->pos];
	enum ctok_kind kind;
	int spliced = 0;

	if (c == '#' && lx->at_line_start && !lx->dir_flags) {
		lx->pos++;
		lx->dir_flags = CTOK_IN_DIRECTIVE;
		lx->dir_pending_name = 1;
		lx->at_line_start = 0;
		emit(lx, CTOK_HASH, start, line, line_start);
		return;
	}
	lx->at_line_start = 0;
	if (is_ident_start(c)) {
		spliced = lex_ident(lx);
		kind = CTOK_IDENT;
	} else if (c >= '0' && c <= '9') {
		/* pp-number: digits, letters, dots, exponent signs. */
		while (lx->pos < lx->len) {
			unsigned char d = (unsigned char)lx->buf[lx->pos];

			if (is_ident_char(d) || d == '.')
				lx->pos++;
			else if ((d == '+' || d == '-') &&
				 strchr("eEpP", lx->buf[lx->pos - 1]))
				lx->pos++;
			else
				break;
		}
		kind = CTOK_NUMBER;
	} else if (c == '"' || c == '\'') {
		skip_quoted(lx, (char)c);
		kind = c == '"' ? CTOK_STRING : CTOK_CHAR;
	} else {
		lx->pos += punct_len(lx);
		kind = CTOK_PUNCT;
	}
	emit(lx, kind, start, line, line_start);
	if (spliced)
		lx->list->v[lx->list->nr - 1].flags |= CTOK_SPLICED;

	if (lx->dir_pending_name && kind == CTOK_IDENT) {
		lx->dir_pending_name = 0;
		directive_name(lx, start);
	} else if (lx->if0_pending) {
		lx->if0_pending = 0;
		if (kind == CTOK_NUMBER && word_is(lx, start, "0")) {
			lx->in_if0 = 1;
			lx->if0_depth = 0;
		}
	} else {
		lx->dir_pending_name = 0;
	}
}

static void scan(const char *buf, size_t len, struct ctok_list *list,
		 struct ctok_list *comments)
{
	struct lexer lx = { .buf = buf,
			    .len = len,
			    .line = 1,
			    .at_line_start = 1,
			    .list = list };
	struct ctok_list *code = list;

	while (lx.pos < lx.len) {
		char c = buf[lx.pos];

		if (c == '\n') {
			advance(&lx);
			end_of_line(&lx);
		} else if (splice_len(&lx, lx.pos)) {
			skip_splice(&lx);
		} else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' ||
			   c == '\v') {
			lx.pos++;
		} else if (c == '/' && lx.pos + 1 < len &&
			   (buf[lx.pos + 1] == '*' || buf[lx.pos + 1] == '/')) {
			size_t start = lx.pos, line_start = lx.line_start;
			unsigned line = lx.line;

			if (buf[lx.pos + 1] == '*')
				skip_block_comment(&lx);
			else
				skip_line_comment(&lx);
			if (comments) {
				lx.list = comments;
				emit(&lx, CTOK_COMMENT, start, line,
				     line_start);
				lx.list = code;
			}
		} else {
			lex_token(&lx);
		}
	}
}

void ctok_scan(const char *buf, size_t len, struct ctok_list *list)
{
	scan(buf, len, list, NULL);
}

void ctok_scan_comments(const char *buf, size_t len, struct ctok_list *list)
{
	struct ctok_list code = { 0 };

	scan(buf, len, &code, list);
	ctok_list_release(&code);
}

void ctok_list_release(struct ctok_list *list)
{
	free(list->v);
	list->v = NULL;
	list->nr = list->alloc = 0;
}

int ctok_is(const char *buf, const struct ctok *t, const char *s)
{
	size_t n = strlen(s), i, j = 0;

	if (!(t->flags & CTOK_SPLICED))
		return t->len == n && !memcmp(buf + t->off, s, n);
	/* Compare the spelling, without the splices. */
	for (i = 0; i < t->len; i++) {
		const char *p = buf + t->off + i;

		if (*p == '\\' && i + 1 < t->len &&
		    (p[1] == '\n' || p[1] == '\r'))
			i += p[1] == '\r' ? 2 : 1;
		else if (j >= n || *p != s[j++])
			return 0;
	}
	return j == n;
}

int ctok_only_added(const char *a, const struct ctok_list *ta, const char *b,
		    const struct ctok_list *tb)
{
	size_t i, j = 0;

	/* Greedy matching decides whether ta is a subsequence of tb. */
	for (i = 0; i < ta->nr; i++) {
		const struct ctok *x = &ta->v[i];

		while (j < tb->nr &&
		       (tb->v[j].len != x->len ||
			memcmp(b + tb->v[j].off, a + x->off, x->len)))
			j++;
		if (j == tb->nr)
			return 0;
		j++;
	}
	return 1;
}
