/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * options: one table per command, from which both its option parsing
 * (getopt_long) and its --help are made, so that the two cannot disagree;
 * in the manner of git's parse-options.h.
 *
 *	const char *output = NULL;
 *	int quiet = 0;
 *	struct opt opts[] = {
 *		OPT_STRING('o', "output", &output, "FILE", "write it to FILE"),
 *		OPT_BOOL('q', "quiet", &quiet, "no summary"),
 *		OPT_END(),
 *	};
 *	int i = parse_options(argc, argv, opts, usage);
 *	// argv[i..argc-1]: the operands (TREE...)
 *
 * Every option has a long name; the short one is optional.  -h/--help
 * is added to every table: it prints the usage text, then one entry per
 * option, to stdout, and exits 0.
 */
#ifndef COCCIDRIVE_OPTIONS_H
#define COCCIDRIVE_OPTIONS_H

#include <stdio.h>

#include "strbuf.h"

enum opt_type {
	OPTION_END = 0,
	OPTION_BOOL, /* int *value = 1 */
	OPTION_STRING, /* const char **value = the argument */
	OPTION_CALLBACK, /* callback(opt, the argument, or NULL if none) */
};

struct opt;
/* Stores what arg means in opt->value; dies (one line, status 2) if bad. */
typedef void opt_cb(const struct opt *opt, const char *arg);

struct opt {
	enum opt_type type;
	int short_name; /* 0: none; never 'h' */
	const char *long_name; /* without "--"; never "help" */
	void *value;
	/*
	 * The argument's name in --help ("FILE"), NULL when the option takes
	 * none.  One starting with '=' is written right after the name
	 * ("--layout=80"); it takes an argument all the same.
	 */
	const char *argh;
	const char *help; /* '\n' starts another line, indented */
	opt_cb *callback;
};

/*
 * (1 ? (v) : (T *)0) has v's value and type T *: a value pointer of
 * another type is a compile error (pointer type mismatch).
 */
/* clang-format off */
#define OPT_END() { OPTION_END, 0, NULL, NULL, NULL, NULL, NULL }
#define OPT_BOOL(s, l, v, h) \
	{ OPTION_BOOL, (s), (l), (1 ? (v) : (int *)0), NULL, (h), NULL }
#define OPT_STRING(s, l, v, a, h) \
	{ OPTION_STRING, (s), (l), (1 ? (v) : (const char **)0), (a), (h), NULL }
#define OPT_CALLBACK(s, l, v, a, h, f) \
	{ OPTION_CALLBACK, (s), (l), (v), (a), (h), (f) }
/* clang-format on */

/*
 * Parses the options of argv (argv[0]: the command's name, "convert"),
 * permuting argv so that the operands come last, as getopt_long does;
 * returns the index of the first operand.  Errors, on stderr, exit
 * status 2:
 *
 *   coccidrive convert: unknown option '--frob'
 *   see 'coccidrive convert --help'
 *
 * (also "option '--jobs' needs a value", "option '--quiet' takes no
 * value", "ambiguous option '--ma' (--max-size, --macro-file)").  A
 * wrong value is the callback's to report.
 */
int parse_options(int argc, char **argv, const struct opt *opts,
		  const char *usage);

/* The list of options in --help: one entry per option, then -h. */
void options_help(struct strbuf *sb, const struct opt *opts);

/* "N" as an unsigned number, or die naming the option (for callbacks). */
unsigned parse_count(const char *opt, const char *arg);

#endif
