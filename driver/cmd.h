/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd: one function per subcommand, one file each (cmd_*.c), as git's
 * builtin/ does; and the options convert and check share.
 */
#ifndef COCCIDRIVE_CMD_H
#define COCCIDRIVE_CMD_H

#include <getopt.h>

#include "engine.h"

/* argv[0] of the program: the bundled rule is found relative to it. */
extern const char *program_path;

int cmd_convert(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_test(int argc, char **argv);

/* Options shared by the commands that run the engine. */
struct run_args {
	struct engine_opts eo;
	const char *cocci; /* NULL: the bundled rule */
	int keep_going;
	const char *report; /* --report FILE.json, or NULL */
};

#define RUN_OPTIONS_SHORT "j:vk"
/* clang-format off */
#define RUN_OPTIONS_LONG \
	{ "jobs", required_argument, NULL, 'j' }, \
	{ "timeout", required_argument, NULL, 1000 }, \
	{ "cocci", required_argument, NULL, 1001 }, \
	{ "max-size", required_argument, NULL, 1002 }, \
	{ "verbose", no_argument, NULL, 'v' }, \
	{ "keep-going", no_argument, NULL, 'k' }, \
	{ "macro-file", required_argument, NULL, 1003 }, \
	{ "report", required_argument, NULL, 1004 }, \
	{ "fallback", required_argument, NULL, 1005 }, \
	{ "layout", required_argument, NULL, 1006 }
/* clang-format on */
#define RUN_OPTIONS_HELP                                                        \
	"  -j, --jobs N        run N spatch processes at once (default: "       \
	"one per CPU)\n"                                                        \
	"      --timeout S     give up on a file after S seconds (default "     \
	"120; 0: never)\n"                                                      \
	"      --cocci FILE    use this semantic patch instead of the "         \
	"bundled one\n"                                                         \
	"      --max-size N    skip (and report) files over N bytes "           \
	"(default 8 MiB)\n"                                                     \
	"      --report F.json write every occurrence and the totals as JSON\n" \
	"      --fallback=text where spatch cannot parse a plain call, add "    \
	"the\n"                                                                 \
	"                      argument by hand (marked for review)\n"          \
	"      --layout=80     also wrap one-line calls now over 80 columns "   \
	"(upstream:\n"                                                          \
	"                      left them long; that is the default, "           \
	"--layout=upstream)\n"                                                  \
	"      --macro-file F  more macro definitions for files spatch cannot " \
	"parse\n"                                                               \
	"  -k, --keep-going    when spatch fails on a file (crash, "            \
	"timeout),\n"                                                           \
	"                      report it and use the other results "            \
	"(exit 1)\n"                                                            \
	"                      instead of stopping with exit 2\n"

void run_args_init(struct run_args *ra);
/* Handles one shared option; returns 0 if c is not one of them. */
int run_args_option(struct run_args *ra, int c, const char *arg);
/* The rule to use: --cocci, else $COCCIDRIVE_COCCI, else the bundled one. */
char *run_args_cocci(const struct run_args *ra);

/*
 * After a run: when spatch failed on some file and --keep-going was not
 * given, the run cannot be trusted.  Says so in one line and returns 1.
 */
int run_untrusted(const struct run_args *ra, const struct run_result *res);

/* "N" as an unsigned number, or die naming the option. */
unsigned parse_count(const char *opt, const char *arg);

/*
 * Dies when path (-o, --report) names a file inside one of the TREEs, or
 * one that is a TREE: a file written into a tree being converted changes
 * what the next run reads.  Compared by device and inode, up from the
 * file's directory, so that a link or a bind mount cannot hide it.
 * Standard output and error, devices and FIFOs, written through, are not
 * checked.
 */
void refuse_output_in_trees(const char *path, char *const *trees, size_t nr);

#endif
