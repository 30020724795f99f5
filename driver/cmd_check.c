// SPDX-License-Identifier: GPL-2.0-only
/*
 * coccidrive check: what is left to convert, for CI and editors.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "report.h"
#include "util.h"

static const char check_usage[] =
	"usage: coccidrive check [options] TREE...\n"
	"\n"
	"Runs the conversion without writing anything and prints one line\n"
	"'file:line:col: message' for each occurrence left to convert or\n"
	"needing manual work, then a summary on stderr.\n"
	"Exit status: 0 nothing left, 1 something left, 2 error.\n"
	"\n"
	"  -q, --quiet         no summary\n" RUN_OPTIONS_HELP;

int cmd_check(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		RUN_OPTIONS_LONG,
		{ NULL, 0, NULL, 0 },
	};
	struct run_args ra;
	int quiet = 0, c, clean, status;
	struct engine e;
	const struct run_result *res;
	char *cocci;

	run_args_init(&ra);
	while ((c = getopt_long(argc, argv, "qh" RUN_OPTIONS_SHORT, longopts,
				NULL)) != -1) {
		if (run_args_option(&ra, c, optarg))
			continue;
		switch (c) {
		case 'q':
			quiet = 1;
			break;
		case 'h':
			fputs(check_usage, stdout);
			return 0;
		default:
			fputs(check_usage, stderr);
			return EXIT_TROUBLE;
		}
	}
	if (optind >= argc)
		die("check: no TREE given (see 'coccidrive check --help')");
	if (ra.report)
		refuse_output_in_trees(ra.report, argv + optind,
				       (size_t)(argc - optind));
	cocci = run_args_cocci(&ra);
	engine_init(&e, cocci);
	res = engine_run(&e, argv + optind, (size_t)(argc - optind), &ra.eo);
	if (ra.report)
		report_json(res, ra.report);
	report_check_lines(stdout, res);
	if (fflush(stdout) || ferror(stdout))
		die_errno("standard output");
	if (!quiet)
		report_summary(stderr, res, "check");
	clean = ledger_clean(&res->ledger);
	status = run_untrusted(&ra, res) ? EXIT_TROUBLE : clean ? 0 : 1;
	engine_release(&e);
	free(cocci);
	return status;
}
