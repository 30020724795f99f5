/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cocci: what the driver knows about a semantic patch.
 *
 * Read from the kernel-style header comments of the .cocci file, so that
 * the rule, not the driver, says how spatch must be run:
 *   // Options: ...      extra spatch options (as coccicheck passes them)
 *   // Requires: 1.0.8   the oldest spatch that handles the rule
 *   // Coccidrive: function=NAME old-arity=N new-arity=M [new-arg=A]
 *                  [new-param="P"] [def-old=X def-new=Y] [macro-file=F]
 *                        which identifier the ledger accounts for, the
 *                        argument counts before and after the conversion,
 *                        the argument the rule adds in front of a call's
 *                        arguments and the parameter it adds in front of
 *                        the prototype's and the definition's, what the
 *                        rule may replace in the definition's body, and
 *                        a macro file (beside the rule) for second
 *                        attempts at files that do not parse.  These are
 *                        the only edits the driver accepts from spatch
 *                        (see verify.h).  A value in double quotes may
 *                        hold blanks.
 *   // Coccidrive: cleanup=sk_change_net
 *                        a clean-up rule, not a conversion: the rule
 *                        folds sk_change_net() into sock_create_kern()
 *                        and releases with sock_release() (skchange.h
 *                        says what the driver accepts of it); its
 *                        ledger accounts for sk_change_net() and
 *                        sk_release_kernel()
 *   // Coccidrive: drop-arg=first [drop-param="P"] [drop-default=X]
 *                        the reverse: the rule takes the first argument
 *                        of a call out (whatever it is, with its comma)
 *                        and the parameter P out of the prototype and
 *                        the definition (a backport; new-arity is then
 *                        old-arity - 1, and new-arg, new-param are not
 *                        given).  A call whose first argument was not X
 *                        loses what it passed: converted, and listed as
 *                        needing manual work all the same.
 *   /// text             the rule's description, as coccicheck shows it:
 *                        kept for the reports that describe the rule
 *                        (SARIF's rule descriptions and help).
 */
#ifndef COCCIDRIVE_COCCI_H
#define COCCIDRIVE_COCCI_H

#include <stddef.h>

#include "strbuf.h"

struct cocci {
	char *path;
	char *ident;
	int old_arity, new_arity;
	char *macro_file; /* path, or NULL */
	char *new_arg; /* the argument the rule adds ("&init_net"), or NULL */
	char *new_param; /* the parameter it adds ("struct net *net"), or NULL */
	char *def_old, *def_new; /* in the definition's body: X may become Y */
	char **options; /* NULL-terminated */
	size_t nr_options;
	unsigned requires[3]; /* major, minor, micro; zeros if unstated */
	/*
	 * The "///" lines of the header, without "///" and one blank after
	 * it, joined by '\n' (an empty "///" line separates paragraphs; empty
	 * lines at the end are dropped); NULL when there are none.
	 */
	char *description;
	/* "sk_change_net" for the clean-up rule (skchange.h), else NULL. */
	char *cleanup;
	/* drop-arg=first: calls lose their first argument (a backport). */
	int drop_first_arg;
	char *drop_param; /* the parameter it takes out, or NULL */
	char *drop_default; /* a first argument whose loss changes nothing */
};

/* The bundled clean-up rule's file name (convert --sk-change-net). */
#define COCCI_SK_CHANGE_NET "sk_change_net.cocci"
/* The bundled backport rule's (convert --backport). */
#define COCCI_BACKPORT "sock_create_kern_backport.cocci"

/*
 * The bundled rule, for a program whose file (symbolic links resolved)
 * is exe: first beside it, as in a checkout (EXE/../semantic-patches for
 * build/coccidrive, EXE/../../semantic-patches for build/asan/coccidrive),
 * so that a checkout's program runs the checkout's rule; then in datadir,
 * where "make install" put it.  Returns the malloc'd path of the first
 * readable one, or NULL; each folder tried and missed is appended to
 * looked (", "-separated).  exe may be NULL.
 */
char *cocci_find_rule(const char *exe, const char *datadir,
		      struct strbuf *looked);

/*
 * The rule to use when no --cocci is given: $COCCIDRIVE_COCCI if set and
 * not empty, else cocci_find_rule() for this program (its file from argv0
 * when that holds a '/', else from /proc/self/exe: found on PATH) and the
 * data directory baked in at build time (COCCIDRIVE_DATADIR, from the
 * Makefile's PREFIX).  Dies naming every folder it looked in when there
 * is none.  Returns a malloc'd path.
 */
char *cocci_default_path(const char *argv0);
/*
 * The same for another bundled rule (COCCI_SK_CHANGE_NET, COCCI_BACKPORT),
 * found where the bundled rule is (beside the program, else the data
 * directory); $COCCIDRIVE_COCCI is not looked at.  Dies naming where it
 * looked.
 */
char *cocci_bundled_path(const char *argv0, const char *name);

/* Reads and checks the header; dies with a one-line message on error. */
void cocci_load(struct cocci *c, const char *path);
void cocci_release(struct cocci *c);

/* "1.0.8" -> {1, 0, 8}; returns 0 on success. */
int parse_version(const char *s, unsigned v[3]);

#endif
