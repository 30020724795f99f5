/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * scope: what the tokens of a C file say is in scope at a call, and what
 * a header or C file declares that a namespace can be reached through.
 *
 * Built on ctoken, as sites.c is; not a C parser.  It reads declarations
 * of the plain shapes kernel code uses ("struct TAG *name", "type name",
 * "possible_net_t name", several declarators after one type) and reads
 * nothing else: a declaration made by a macro, a typedef'd pointer, a
 * field of an embedded (non-pointer) struct, or one written in a way
 * that needs the preprocessor is not seen.  Both sides of an #if are
 * read, as if both were compiled; dead code (#if 0) and directive lines
 * are not.
 *
 *  - scope_at(): for the token of a call, the enclosing function (name,
 *    body), its parameters, and the locals declared before the call in
 *    the blocks that enclose it, each with its type ("struct TAG", a
 *    typedef or base type name), pointer depth, name and line.  A local
 *    declared without an initializer counts as set only once something
 *    before the call assigns it or takes its address.
 *  - cdecls_scan(): the #include lines; the struct definitions (tag ->
 *    fields, anonymous struct/union members read through); the functions
 *    declared or defined to return "struct net *" from one pointer
 *    parameter (accessors), with "return EXPR;" when that is the whole
 *    body.
 */
#ifndef COCCIDRIVE_SCOPE_H
#define COCCIDRIVE_SCOPE_H

#include <stddef.h>

#include "ctoken.h"

#define SCOPE_NAME_MAX 64

/* One declared name: a parameter, a local, a struct field. */
struct cvar {
	char type[SCOPE_NAME_MAX]; /* "struct net", "possible_net_t", "int" */
	int depth; /* pointer depth: "struct net **p" is 2 */
	int array; /* declared with [...] */
	char name[SCOPE_NAME_MAX];
	unsigned line;
	int param; /* a parameter of the enclosing function */
	int set; /* initialized or assigned before the call (locals) */
	int block; /* locals: the brace depth of the block declaring it */
};

struct scope {
	char func[SCOPE_NAME_MAX];
	size_t body_close; /* the token of the body's closing brace */
	struct cvar *v;
	size_t nr, alloc;
};

/*
 * The scope at token at of buf: returns 0 when at is not inside a
 * function body (then out is empty).
 */
int scope_at(const char *buf, const struct ctok_list *toks, size_t at,
	     struct scope *out);
void scope_release(struct scope *s);

struct cstruct {
	char tag[SCOPE_NAME_MAX]; /* "net" for "struct net" (unions too) */
	unsigned line;
	struct cvar *f; /* its fields */
	size_t nr, alloc;
};

struct caccessor {
	char name[SCOPE_NAME_MAX];
	char ptype[SCOPE_NAME_MAX]; /* its parameter's type: "struct sock" */
	char param[SCOPE_NAME_MAX]; /* the parameter's name, or "" */
	unsigned line;
	char *body; /* "return EXPR;" as the whole body: EXPR, no blanks */
};

struct cinclude {
	char *name; /* as written between the quotes or brackets */
	int angle; /* <...> */
};

struct cdecls {
	struct cstruct *s;
	size_t nr_s, alloc_s;
	struct caccessor *a;
	size_t nr_a, alloc_a;
	struct cinclude *inc;
	size_t nr_inc, alloc_inc;
};

void cdecls_scan(const char *buf, const struct ctok_list *toks,
		 struct cdecls *out);
void cdecls_release(struct cdecls *d);

/*
 * The tokens [first, last] of buf as one string without blanks
 * ("read_pnet(&con->msgr->net)"), for comparing expressions.
 */
char *scope_tokens_text(const char *buf, const struct ctok_list *toks,
			size_t first, size_t last);

#endif
