// SPDX-License-Identifier: GPL-2.0-only
/*
 * coccidrive merge: the reports of N shards (convert or check --shard
 * K/N) put together into what one run over the whole tree gives.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "cmd.h"
#include "merge.h"
#include "report.h"
#include "util.h"

static const char merge_usage[] =
	"usage: coccidrive merge [options] SHARD.json...\n"
	"\n"
	"Puts together the JSON reports (--report) of the N runs of\n"
	"'coccidrive convert --shard K/N TREE...' (or of check), K = 1..N,\n"
	"into what one run over the whole TREEs gives: the patch (each\n"
	"report holds its part), the JSON report, the lines, the counts\n"
	"and the exit status.  Refused, with exit status 2 and nothing\n"
	"written: a shard missing or given twice, shards made with another\n"
	"rule, spatch, tree or options.  The patch of convert's shards goes\n"
	"to stdout (or -o FILE), the lines of manual work, notes and hints\n"
	"and the counts to stderr; check's lines go to stdout.\n"
	"Exit status as the run's: convert 0 (1 with --keep-going when\n"
	"spatch failed on some files), check 0 nothing left, 1 something\n"
	"left; 2 error.\n";

int cmd_merge(int argc, char **argv)
{
	const char *output = NULL, *report = NULL;
	int quiet = 0, i, untrusted, status;
	int patch_staged = 0, report_staged = 0, patch;
	struct merge m;
	struct atomic_batch batch = { 0 };
	struct opt opts[] = {
		OPT_STRING('o', "output", &output, "FILE",
			   "write the patch to FILE instead of stdout ('-':\n"
			   "stdout); convert's shards only"),
		OPT_STRING(0, "report", &report, "F.json",
			   "write the JSON report one run would write"),
		OPT_BOOL('q', "quiet", &quiet,
			 "no summary (the counts, what was written); the\n"
			 "lines stay"),
		OPT_END(),
	};

	i = parse_options(argc, argv, opts, merge_usage);
	if (i >= argc)
		die("merge: no report given (see 'coccidrive merge --help')");
	merge_reports(&m, argv + i, (size_t)(argc - i));
	if (m.mode == REPORT_CHECK && output)
		die("merge: -o %s: the shards are check's, which make no patch",
		    output);
	patch = m.mode == REPORT_CONVERT;
	if (patch && report && output_to_stdout(report) &&
	    output_to_stdout(output))
		die("merge: --report %s and the patch would both go to "
		    "standard output: give -o FILE",
		    report);
	untrusted = m.res.spatch_failures && !m.keep_going;
	/* As convert: the patch and the report in one batch, report last. */
	if (patch && !untrusted && output)
		patch_staged = atomic_stage_output(&batch, output, m.patch.buf,
						   m.patch.len);
	if (report)
		report_staged = atomic_stage_output(&batch, report, m.json.buf,
						    m.json.len);
	if (batch.nr)
		atomic_commit(&batch);
	if (patch && !untrusted && !patch_staged) {
		if (output) {
			atomic_output_stream(output, m.patch.buf, m.patch.len);
		} else {
			fwrite(m.patch.buf, 1, m.patch.len, stdout);
			if (fflush(stdout) || ferror(stdout))
				die_errno("standard output: cannot write the "
					  "patch");
		}
	}
	if (report && !report_staged)
		atomic_output_stream(report, m.json.buf, m.json.len);
	if (patch) {
		report_items_given(stderr, &m.res, REPORT_CONVERT, m.messages);
	} else if (!report || strcmp(report, "-")) {
		report_items_given(stdout, &m.res, REPORT_CHECK, m.messages);
		if (fflush(stdout) || ferror(stdout))
			die_errno("standard output");
	}
	if (!quiet) {
		report_summary(stderr, &m.res, "merge", m.mode,
			       patch ? "listed above" :
			       report && !strcmp(report, "-") ?
				       "in the JSON report" :
				       "listed on stdout");
		if (patch && !untrusted && output && strcmp(output, "-"))
			report_written(stderr, &m.res, "merge", output, 0);
	}
	if (untrusted)
		fprintf(stderr,
			"coccidrive: spatch failed on %zu file%s (listed "
			"above); nothing was written (--keep-going uses the "
			"other results)\n",
			m.res.spatch_failures,
			m.res.spatch_failures == 1 ? "" : "s");
	if (untrusted)
		status = EXIT_TROUBLE;
	else if (patch)
		status = m.res.spatch_failures ? 1 : 0;
	else
		status = ledger_clean(&m.res.ledger) ? 0 : 1;
	merge_release(&m);
	return status;
}
