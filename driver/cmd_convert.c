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
	"in git's format (paths relative to TREE), which 'git apply' and\n"
	"'patch -p1' take; a summary of every occurrence goes to stderr.\n"
	"\n"
	"  -o, --output FILE   write the patch to FILE instead of stdout ('-':\n"
	"                      stdout; a link, device or FIFO is written through;\n"
	"                      not inside a TREE)\n"
	"  -i, --in-place      rewrite the changed files (atomically, keeping\n"
	"                      owner, mode and attributes; a file changed since\n"
	"                      it was read, or hard-linked, stops the run and\n"
	"                      nothing is written)\n"
	"  -q, --quiet         no summary\n" RUN_OPTIONS_HELP;

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
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "in-place", no_argument, NULL, 'i' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		RUN_OPTIONS_LONG,
		{ NULL, 0, NULL, 0 },
	};
	struct run_args ra;
	const char *output = NULL;
	int in_place = 0, quiet = 0, untrusted, status, c;
	struct engine e;
	const struct run_result *res;
	char *cocci;

	run_args_init(&ra);
	while ((c = getopt_long(argc, argv, "o:iqh" RUN_OPTIONS_SHORT, longopts,
				NULL)) != -1) {
		if (run_args_option(&ra, c, optarg))
			continue;
		switch (c) {
		case 'o':
			output = optarg;
			break;
		case 'i':
			in_place = 1;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'h':
			fputs(convert_usage, stdout);
			return 0;
		default:
			fputs(convert_usage, stderr);
			return EXIT_TROUBLE;
		}
	}
	if (optind >= argc)
		die("convert: no TREE given (see 'coccidrive convert --help')");
	if (output && in_place)
		die("convert: -o and --in-place exclude each other");
	if (output)
		refuse_output_in_trees(output, argv + optind,
				       (size_t)(argc - optind));
	if (ra.report)
		refuse_output_in_trees(ra.report, argv + optind,
				       (size_t)(argc - optind));
	cocci = run_args_cocci(&ra);
	engine_init(&e, cocci);
	res = engine_run(&e, argv + optind, (size_t)(argc - optind), &ra.eo);
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
	return status;
}
