/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ctoken: a forgiving C tokenizer.
 *
 * The scanner and the ledger both need to know where an identifier really
 * occurs: not in a comment, not in a string literal, and whether inside a
 * preprocessor directive.  This is not a C parser; it never fails, and on
 * malformed input (unterminated comment or string, stray bytes) it still
 * returns every token it can, so that code spatch cannot parse is still
 * seen here.  An identifier continued across a line splice
 * (backslash-newline) is one token, flagged CTOK_SPLICED, as the
 * preprocessor sees it.
 */
#ifndef COCCIDRIVE_CTOKEN_H
#define COCCIDRIVE_CTOKEN_H

#include <stddef.h>

enum ctok_kind {
	CTOK_IDENT,
	CTOK_NUMBER,
	CTOK_STRING, /* "..." including the quotes */
	CTOK_CHAR, /* '...' */
	CTOK_PUNCT, /* one operator or punctuator; "->" is one token */
	CTOK_HASH, /* '#' starting a preprocessor directive */
	CTOK_COMMENT, /* only from ctok_scan_comments() */
};

/* Where a token stands with respect to the preprocessor. */
#define CTOK_IN_DIRECTIVE 0x01 /* on a #... line (with its continuations) */
#define CTOK_IN_DEFINE 0x02 /* in the body or head of a #define */
/* inside "#if 0" up to its #else or #endif */
#define CTOK_IN_IF0 0x04
/* an identifier spelled across a line splice (backslash-newline) */
#define CTOK_SPLICED 0x08

struct ctok {
	enum ctok_kind kind;
	unsigned flags;
	size_t off; /* byte offset in the buffer */
	size_t len;
	unsigned line; /* 1-based */
	unsigned col; /* 1-based, in bytes */
};

struct ctok_list {
	struct ctok *v;
	size_t nr, alloc;
};

/* Tokenize buf[0..len).  Appends to list (which may be empty). */
void ctok_scan(const char *buf, size_t len, struct ctok_list *list);
/* Only the comments, each one CTOK_COMMENT token. */
void ctok_scan_comments(const char *buf, size_t len, struct ctok_list *list);
void ctok_list_release(struct ctok_list *list);

/*
 * True when token t of buf spells the NUL-terminated word s; line
 * splices inside an identifier do not count, as for the preprocessor.
 */
int ctok_is(const char *buf, const struct ctok *t, const char *s);

/*
 * Whether every token of a (in order) is also in b: b only adds tokens
 * to a.  Comments and blanks do not count.  The conversion of a call only
 * ever adds "&init_net ,": anything else spatch did is not to be trusted.
 */
int ctok_only_added(const char *a, const struct ctok_list *ta, const char *b,
		    const struct ctok_list *tb);

#endif
