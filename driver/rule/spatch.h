/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * spatch: how coccidrive runs Coccinelle, and how it reads what spatch
 * says.  Building command lines and parsing output lives here; starting
 * processes is the pool's job.
 */
#ifndef COCCIDRIVE_SPATCH_H
#define COCCIDRIVE_SPATCH_H

#include <stddef.h>

#include "cocci.h"
#include "strbuf.h"

struct spatch {
	char *path; /* the program, as found on $SPATCH or PATH */
	unsigned version[3];
	char *version_text; /* all "spatch --version" printed (the cache key) */
};

/*
 * Find spatch ($SPATCH, else PATH), run "spatch --version" and check it is
 * at least what the rule requires.  Dies with one line and status 2 when
 * spatch is missing, does not run, or is too old.
 */
void spatch_find(struct spatch *sp, const struct cocci *rule);
void spatch_release(struct spatch *sp);

/*
 * The argv to convert one file in patch mode, writing the result to out.
 * Parse errors are asked for (--parse-error-msg --verbose-parsing) so that
 * what spatch skips is never silent.  macro_file, if not NULL, is passed
 * with --macro-file.  Free with argv_free().
 */
char **spatch_argv(const struct spatch *sp, const struct cocci *rule,
		   const char *in, const char *out, const char *macro_file);
void argv_free(char **argv);

/*
 * The argv to convert every file of the directory dir in place, each on
 * its own as plain "spatch --dir" does (files named on one command line
 * would be one group, matches carried from one to the next).  Free with
 * argv_free().
 */
char **spatch_dir_argv(const struct spatch *sp, const struct cocci *rule,
		       const char *dir, const char *macro_file);
/*
 * Whether spatch's stderr tells of an exception it caught in one file of
 * a --dir run ("EXN: ... in FILE"): it goes on with the next file and
 * exits 0, and may then write no result at all.
 */
int spatch_caught_exception(const char *err, size_t len);

/* One "parse error" spatch reported for the file it was given. */
struct parse_error {
	unsigned line, col;
	char around[48]; /* the token spatch choked on */
};

struct parse_errors {
	struct parse_error *v;
	size_t nr, alloc;
};

/*
 * Collect the parse errors in spatch's stderr that concern path (those in
 * spatch's own temporary files are not the user's concern).
 */
void spatch_parse_errors(const char *err, size_t len, const char *path,
			 struct parse_errors *out);
void parse_errors_release(struct parse_errors *pe);

#endif
