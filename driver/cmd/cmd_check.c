// SPDX-License-Identifier: GPL-2.0-only
/*
 * coccidrive check: what is left to convert, for CI and editors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "cmd.h"
#include "report.h"
#include "util.h"

static const char check_usage[] =
	"usage: coccidrive check [options] TREE...\n"
	"\n"
	"Runs the conversion without writing anything and prints on stdout\n"
	"one line 'file:line:col: message' for each occurrence left to\n"
	"convert or needing manual work, each followed by its 'note:' and\n"
	"'hint:' lines (same file:line:col); then the counts on stderr.\n"
	"-q leaves out the counts only.  --report - writes the JSON to stdout\n"
	"instead of the lines.\n"
	"Exit status: 0 nothing left, 1 something left, 2 error.\n";

int cmd_check(int argc, char **argv)
{
	struct run_args ra;
	int quiet = 0, json_out, clean, status, i;
	struct engine e;
	const struct run_result *res;
	char *cocci;
	struct opt opts[] = {
		OPT_BOOL('q', "quiet", &quiet,
			 "no summary (the counts); the lines stay"),
		OPT_ENGINE(&ra),
		OPT_RUN_REPORT(&ra),
		OPT_END(),
	};

	run_args_init(&ra);
	i = parse_options(argc, argv, opts, check_usage);
	if (i >= argc)
		die("check: no TREE given (see 'coccidrive check --help')");
	if (ra.report)
		refuse_output_in_trees(ra.report, argv + i, (size_t)(argc - i));
	run_trace_start(&ra, "check");
	cocci = run_args_cocci(&ra);
	engine_init(&e, cocci);
	res = engine_run(&e, argv + i, (size_t)(argc - i), &ra.eo);
	json_out = ra.report && !strcmp(ra.report, "-");
	if (ra.report) {
		struct strbuf json = STRBUF_INIT;

		report_json(&json, res, REPORT_CHECK, 0);
		atomic_output(ra.report, json.buf, json.len);
		strbuf_release(&json);
	}
	/* "--report -": stdout is the JSON, which holds every line's words. */
	if (!json_out)
		report_items(stdout, res, REPORT_CHECK);
	if (fflush(stdout) || ferror(stdout))
		die_errno("standard output");
	if (!quiet)
		report_summary(stderr, res, "check", REPORT_CHECK,
			       json_out ? "in the JSON report" :
					  "listed on stdout");
	clean = ledger_clean(&res->ledger);
	status = run_untrusted(&ra, res) ? EXIT_TROUBLE : clean ? 0 : 1;
	engine_release(&e);
	free(cocci);
	run_trace_done(&ra, "check");
	return status;
}
