/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sites: every occurrence of one identifier in a C file, classified.
 *
 * Built on ctoken, so comments and string literals never count.  This is
 * the driver's own view of a file, independent of spatch: the ledger
 * compares the sites of the original with those of spatch's result, and
 * whatever spatch did not convert is found here, never lost.
 *
 * Every identifier token of the name is one site, also when it is
 * spelled across a line splice; so is every ## chain in a macro that can
 * paste the name together.  Arguments are counted in each combination
 * of the #if/#elif/#else alternatives inside the list.  A site the rule
 * must not convert says why in manual[], whatever its kind: branches
 * that disagree on the count, parentheses that do not balance, a K&R
 * definition, a macro of that name, a spliced or pasted name.
 */
#ifndef COCCIDRIVE_SITES_H
#define COCCIDRIVE_SITES_H

#include <stddef.h>

#include "ctoken.h"

enum site_kind {
	SITE_CALL, /* name(args) */
	SITE_DECL, /* a prototype at file scope: T name(params); */
	SITE_DEF, /* a definition: T name(params) { */
	SITE_EXPORT, /* EXPORT_SYMBOL(name) and friends */
	SITE_MEMBER, /* s.name or p->name: a struct member, not the function */
	SITE_POINTER, /* (*name)(...): a function pointer of that name */
	SITE_VALUE, /* anything else: function pointer, alias, argument */
	SITE_MACRO, /* #define name...: a macro of that very name */
	SITE_PASTE, /* a ## chain in a macro body that can build the name */
};

#define SITE_MANUAL_MAX 200

struct site {
	enum site_kind kind;
	/*
	 * CALL, DECL, DEF, function-like MACRO: arguments or parameters, the
	 * same in every #if branch; else -1 (then manual[] says why).
	 */
	int nargs;
	unsigned flags; /* CTOK_IN_DEFINE, CTOK_IN_IF0, CTOK_SPLICED */
	unsigned line, col; /* of the identifier, 1-based */
	size_t tok; /* index of the identifier in the token list */
	size_t open, close; /* CALL/DECL/DEF: tokens of '(' and ')' */
	/* Why this needs a human whatever spatch does, or "". */
	char manual[SITE_MANUAL_MAX];
	/* The enclosing function, when at brace depth > 0. */
	char func[64];
	unsigned func_first, func_last; /* its lines, from name to '}' */
	/* A "struct net *NAME" parameter of that function, or "". */
	char net_param[32];
	/*
	 * PASTE with one macro parameter among its operands: the macro, the
	 * parameter's place in its list and the text that parameter must
	 * bring for the chain to spell the name ("VSOCK_OP", 0,
	 * "create_kern"); paste_arg is -1 when that cannot be told.
	 */
	char paste_macro[48];
	int paste_arg;
	char paste_need[48];
	/* No use of the macro in the scanned files brings paste_need. */
	int paste_unsupplied;
	char paste_used[96]; /* "file:line" of a use that may, or "" */
};

struct site_list {
	struct site *v;
	size_t nr, alloc;
};

/* Find every occurrence of ident in the tokens of buf. */
void sites_find(const char *buf, const struct ctok_list *toks,
		const char *ident, struct site_list *out);

/*
 * Whether buf may hold an occurrence of ident: its bytes, or a line
 * splice inside an identifier, or a ## next to a piece of the name.  A
 * cheap test before tokenizing; never false when sites_find() would
 * find something.
 */
int sites_may_occur(const char *buf, size_t len, const char *ident);

/*
 * Whether buf holds a use of the PASTE site's macro that can make the
 * chain spell the name: paste_macro( ... ) with, at argument paste_arg,
 * exactly paste_need, or something only known later (a parameter of an
 * enclosing macro, another ## chain).  Writes the line of that use.
 */
int sites_paste_supplied(const char *buf, const struct ctok_list *toks,
			 const struct site *s, unsigned *line);
void site_list_release(struct site_list *list);

const char *site_kind_name(enum site_kind kind);

/*
 * Index of the token closing the bracket opened at token open, or
 * toks->nr when unbalanced.
 */
size_t ctok_match(const char *buf, const struct ctok_list *toks, size_t open);

/*
 * The top-level commas of the bracket at open: stores up to max token
 * indices in commas[] and returns the number of arguments (0 for "()" and
 * "(void)").  Returns -1 when unbalanced.
 */
int ctok_args(const char *buf, const struct ctok_list *toks, size_t open,
	      size_t *commas, size_t max);

#endif
