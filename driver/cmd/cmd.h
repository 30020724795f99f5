/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd: one function per subcommand, one file each (cmd_*.c), as git's
 * builtin/ does; and the options convert and check share.
 */
#ifndef COCCIDRIVE_CMD_H
#define COCCIDRIVE_CMD_H

#include "engine.h"
#include "options.h"

/* argv[0] of the program: the bundled rule is looked for beside it. */
extern const char *program_path;

int cmd_convert(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_test(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_compat_header(int argc, char **argv);

/* Options shared by the commands that run the engine. */
struct run_args {
	struct engine_opts eo;
	const char *cocci; /* NULL: the bundled rule */
	int keep_going;
	const char *report; /* --report FILE.json, or NULL */
	int verbose; /* -v: trace the spatch command lines, time the run */
	int no_cache; /* --no-cache (convert, check) */
	double start; /* when the run started, for -v */
};

/* Callbacks of the shared options that take a number or a word. */
opt_cb opt_jobs, opt_timeout, opt_max_size, opt_fallback, opt_layout;
opt_cb opt_shard;
/* --net=init|infer */
opt_cb opt_net;
/* --progress, --no-progress: which one is in opt->long_name. */
opt_cb opt_progress;

/*
 * The options of every command that runs the engine (convert, check,
 * test): entries of its option table, declared once here.  Help lines
 * stay within 80 columns (22 for the option, 58 for the text).
 */
/* clang-format off */
#define OPT_ENGINE(ra) \
	OPT_CALLBACK('j', "jobs", &(ra)->eo.jobs, "N", \
		"run N spatch processes at once, and read the files\n" \
		"in N threads (default: one per CPU)", \
		opt_jobs), \
	OPT_CALLBACK(0, "timeout", &(ra)->eo.timeout_s, "S", \
		"give up on a file after S seconds (default 120;\n" \
		"0: never; at most 4294967)", \
		opt_timeout), \
	OPT_STRING(0, "cocci", &(ra)->cocci, "FILE", \
		"use this semantic patch instead of the bundled one"), \
	OPT_CALLBACK(0, "max-size", &(ra)->eo.max_size, "N", \
		"skip (and report) files over N bytes (default 8 MiB)", \
		opt_max_size), \
	OPT_CALLBACK(0, "fallback", &(ra)->eo.fallback_text, "=text", \
		"where spatch cannot parse a plain call, add the\n" \
		"argument by hand (marked for review); the default\n" \
		"is --fallback=none", \
		opt_fallback), \
	OPT_CALLBACK(0, "layout", &(ra)->eo.wrap_one_line, "=80", \
		"also wrap one-line calls now over 80 columns\n" \
		"(upstream left them long; that is the default,\n" \
		"--layout=upstream)", \
		opt_layout), \
	OPT_STRING(0, "macro-file", &(ra)->eo.macro_file, "F", \
		"more macro definitions for files spatch cannot parse"), \
	OPT_BOOL('v', "verbose", &(ra)->verbose, \
		"print each spatch command line as it starts, and\n" \
		"the time the run took (on stderr)")

/* The options of the commands that report on a run: convert and check. */
#define OPT_RUN_REPORT(ra) \
	OPT_STRING(0, "report", &(ra)->report, "F.json", \
		"write every occurrence and the totals as JSON"), \
	OPT_STRING(0, "root", &(ra)->eo.root, "DIR", \
		"paths in the patch and reports relative to DIR\n" \
		"(default: the top of the TREEs' git work tree,\n" \
		"else the current directory); every TREE must be\n" \
		"below it"), \
	OPT_BOOL('k', "keep-going", &(ra)->keep_going, \
		"when spatch fails on a file (crash, timeout),\n" \
		"report it and use the other results (exit 1)\n" \
		"instead of stopping with exit 2"), \
	OPT_BOOL(0, "no-cache", &(ra)->no_cache, \
		"neither read nor write the cache of results and\n" \
		"of the scan (see COCCIDRIVE_CACHE_DIR)")

/* --net: convert and check, the namespace each converted call passes. */
#define OPT_NET(ra) \
	OPT_CALLBACK(0, "net", &(ra)->eo.net_infer, "=infer", \
		"pass the namespace each call has at hand, found in\n" \
		"its function and the headers it includes, with the\n" \
		"evidence (default --net=init: &init_net, upstream)", \
		opt_net)

/* --shard K/N: convert and check of TREEs (shard.h, merge.h). */
#define OPT_SHARD(ra) \
	OPT_CALLBACK(0, "shard", &(ra)->eo, "K/N", \
		"work on the K-th of N parts of the files only\n" \
		"(1 <= K <= N); 'coccidrive merge' joins the N\n" \
		"parts' --report files into what one run gives", \
		opt_shard)
/*
 * The progress line of convert and check (progress.h); run_args_init()
 * leaves it off, for the commands without these options.
 */
#define OPT_PROGRESS(ra) \
	OPT_CALLBACK(0, "progress", &(ra)->eo.progress, NULL, \
		"show a progress line on stderr once the run takes\n" \
		"a second, even when stderr is not a terminal (by\n" \
		"default only on a terminal; -q leaves it on)", \
		opt_progress), \
	OPT_CALLBACK(0, "no-progress", &(ra)->eo.progress, NULL, \
		"no progress line, even on a terminal", \
		opt_progress)
/* clang-format on */

void run_args_init(struct run_args *ra);
/*
 * "convert" or, after --shard K/N, "convert --shard K/N": the command as
 * its summary names it.  Returns buf.
 */
const char *run_args_what(const struct run_args *ra, const char *cmd, char *buf,
			  size_t size);
/*
 * After parsing, for convert and check: the cache unless --no-cache or
 * $COCCIDRIVE_NO_CACHE (set, not empty, not "0").
 */
void run_args_use_cache(struct run_args *ra);
/* Handles one shared option; returns 0 if c is not one of them. */
int run_args_option(struct run_args *ra, int c, const char *arg);
/*
 * With -v: from now on, print each command the pool starts on stderr,
 * after "coccidrive CMD: run: "; and note the time, for run_trace_done().
 */
void run_trace_start(struct run_args *ra, const char *cmd);
/* With -v: "coccidrive CMD: took 1.23 s" on stderr. */
void run_trace_done(const struct run_args *ra, const char *cmd);
/* The rule to use: --cocci, else $COCCIDRIVE_COCCI, else the bundled one. */
char *run_args_cocci(const struct run_args *ra);

/*
 * After a run: when spatch failed on some file and --keep-going was not
 * given, the run cannot be trusted.  Says so in one line and returns 1.
 */
int run_untrusted(const struct run_args *ra, const struct run_result *res);

/*
 * Whether an output goes to standard output: none (the patch's default),
 * "-", or the file or pipe stdout is (/dev/stdout, the file stdout is
 * redirected to).
 */
int output_to_stdout(const char *path);

/*
 * Dies when path (-o, --report) names a file inside one of the TREEs, or
 * one that is a TREE: a file written into a tree being converted changes
 * what the next run reads.  Compared by device and inode, up from the
 * file's directory, so that a link or a bind mount cannot hide it.
 * Standard output and error, devices and FIFOs, written through, are not
 * checked.
 */
void refuse_output_in_trees(const char *path, char *const *trees, size_t nr);

/*
 * Which of dirs the file path would be written in, at any depth: its
 * directory (after following path when it is a link, as atomic_output()
 * does) compared by device and inode with each of dirs, up to "/".
 * Returns the index in dirs, -1 for none, -2 when the file's directory
 * cannot be resolved (errno says why).
 */
int output_dir_in(const char *path, char *const *dirs, size_t nr);

#endif
