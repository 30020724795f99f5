// SPDX-License-Identifier: GPL-2.0-only
/*
 * coccidrive convert: the patch a maintainer reviews, or the rewrite.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "cmd.h"
#include "report.h"
#include "util.h"

static const char convert_usage[] =
	"usage: coccidrive convert [options] [-o FILE | --in-place] TREE...\n"
	"\n"
	"Converts every 4-argument sock_create_kern() call in the C files of\n"
	"each TREE (a directory or a single file) to pass &init_net, and the\n"
	"prototype and definition to take a struct net *.  Prints one patch\n"
	"in git's format, which 'git apply' and 'patch -p1' take at the top\n"
	"of the git work tree the TREEs are in (else the current directory,\n"
	"or --root); a summary of every occurrence goes to stderr.\n";

static void write_patch(const struct run_result *res, const char *output)
{
	struct strbuf patch = STRBUF_INIT;

	report_patch(&patch, res);
	if (output) {
		atomic_output(output, patch.buf, patch.len);
	} else {
		fwrite(patch.buf, 1, patch.len, stdout);
		if (fflush(stdout) || ferror(stdout))
			die_errno("standard output: cannot write the patch");
	}
	strbuf_release(&patch);
}

static void write_in_place(const struct run_result *res)
{
	struct atomic_batch batch = { 0 };
	size_t i;

	for (i = 0; i < res->files.nr; i++) {
		const struct file_result *r = &res->files.v[i];

		struct atomic_expect ex;

		if (!r->changed)
			continue;
		/* Only if it is still what was read: see atomic.h. */
		ex.st = r->st;
		ex.data = r->before.buf;
		ex.len = r->before.len;
		ex.follow = r->named_link;
		atomic_stage(&batch, r->file->path, r->after.buf, r->after.len,
			     &ex);
	}
	atomic_commit(&batch);
}

int cmd_convert(int argc, char **argv)
{
	struct run_args ra;
	const char *output = NULL;
	int in_place = 0, quiet = 0, untrusted, status, i;
	struct engine e;
	const struct run_result *res;
	char *cocci;
	struct opt opts[] = {
		OPT_STRING('o', "output", &output, "FILE",
			   "write the patch to FILE instead of stdout ('-':\n"
			   "stdout; a link, device or FIFO is written through;\n"
			   "not inside a TREE)"),
		OPT_BOOL('i', "in-place", &in_place,
			 "rewrite the changed files (atomically, keeping\n"
			 "owner, mode and attributes; a file changed since\n"
			 "it was read, or hard-linked, stops the run and\n"
			 "nothing is written)"),
		OPT_BOOL('q', "quiet", &quiet, "no summary"),
		OPT_ENGINE(&ra),
		OPT_RUN_REPORT(&ra),
		OPT_END(),
	};

	run_args_init(&ra);
	i = parse_options(argc, argv, opts, convert_usage);
	if (i >= argc)
		die("convert: no TREE given (see 'coccidrive convert --help')");
	if (output && in_place)
		die("convert: -o and --in-place exclude each other");
	if (output)
		refuse_output_in_trees(output, argv + i, (size_t)(argc - i));
	if (ra.report)
		refuse_output_in_trees(ra.report, argv + i, (size_t)(argc - i));
	run_trace_start(&ra, "convert");
	cocci = run_args_cocci(&ra);
	engine_init(&e, cocci);
	res = engine_run(&e, argv + i, (size_t)(argc - i), &ra.eo);
	if (ra.report)
		report_json(res, ra.report);
	untrusted = res->spatch_failures && !ra.keep_going;
	if (!untrusted) {
		if (in_place)
			write_in_place(res);
		else
			write_patch(res, output);
	}
	if (!quiet || untrusted)
		report_summary(stderr, res,
			       in_place ? "convert --in-place" : "convert");
	/* The last word, after the list of what failed. */
	run_untrusted(&ra, res);
	status = untrusted ? EXIT_TROUBLE : res->spatch_failures ? 1 : 0;
	engine_release(&e);
	free(cocci);
	run_trace_done(&ra, "convert");
	return status;
}
