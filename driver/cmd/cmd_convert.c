// SPDX-License-Identifier: GPL-2.0-only
/*
 * coccidrive convert: the patch a maintainer reviews, or the rewrite.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "cmd.h"
#include "cocci.h"
#include "progress.h"
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
	"or --root).  On stderr: a line 'file:line:col: message' for each\n"
	"occurrence needing manual work, and the 'note:' and 'hint:' lines\n"
	"of the converted calls to review; then the counts and what was\n"
	"written.  -q leaves out the counts and what was written only.\n"
	"--report - (the JSON on stdout) needs -o FILE or --in-place.\n"
	"--backport does the reverse, for a kernel before 4.2: every\n"
	"5-argument call loses its first argument, and the prototype and\n"
	"definition their struct net *.\n";

/* Stage the in-place files: the batch holds them for atomic_commit(). */
static void stage_in_place(struct atomic_batch *batch,
			   const struct run_result *res)
{
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
		atomic_stage(batch, r->file->path, r->after.buf, r->after.len,
			     &ex);
	}
}

int cmd_convert(int argc, char **argv)
{
	struct run_args ra;
	const char *output = NULL, *what;
	char what_buf[64];
	int in_place = 0, quiet = 0, untrusted, rewritten, status, i;
	int backport = 0;
	int patch_staged = 0, report_staged = 0, sk_change_net = 0;
	struct engine e;
	const struct run_result *res;
	struct atomic_batch batch = { 0 };
	struct strbuf patch = STRBUF_INIT, json = STRBUF_INIT;
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
		OPT_BOOL('q', "quiet", &quiet,
			 "no summary (the counts, what was written); the\n"
			 "lines of manual work, notes and hints stay"),
		OPT_BOOL(0, "backport", &backport,
			 "the reverse conversion, for a kernel before 4.2:\n"
			 "take the struct net * out again (the bundled\n"
			 "sock_create_kern_backport.cocci)"),
		OPT_ENGINE(&ra),
		OPT_RUN_REPORT(&ra),
		OPT_SHARD(&ra),
		OPT_NET(&ra),
		OPT_PROGRESS(&ra),
		OPT_BOOL(0, "sk-change-net", &sk_change_net,
			 "the opt-in clean-up instead: fold sk_change_net()\n"
			 "into sock_create_kern(), sock_release() for\n"
			 "sk_release_kernel() (Linux 4.2 and later only)"),
		OPT_BOOL(0, "force-sk-change-net", &ra.eo.cleanup_force,
			 "run the clean-up even where the tree's headers\n"
			 "do not show Linux 4.2's sk_alloc() and\n"
			 "sock_create_kern()"),
		OPT_END(),
	};

	run_args_init(&ra);
	ra.eo.progress = PROGRESS_AUTO;
	i = parse_options(argc, argv, opts, convert_usage);
	run_args_use_cache(&ra);
	if (i >= argc)
		die("convert: no TREE given (see 'coccidrive convert --help')");
	if (output && in_place)
		die("convert: -o and --in-place exclude each other");
	if (backport && ra.cocci)
		die("convert: --backport and --cocci exclude each other "
		    "(--backport is --cocci with the bundled " COCCI_BACKPORT
		    ")");
	if (ra.eo.shard_n && in_place)
		die("convert: --shard and --in-place exclude each other (a "
		    "shard is a part of the patch: merge the parts' reports, "
		    "then apply)");
	if (ra.report && !in_place && output_to_stdout(ra.report) &&
	    output_to_stdout(output))
		die("convert: --report %s and the patch would both go to "
		    "standard output: give -o FILE or --in-place",
		    ra.report);
	if (output)
		refuse_output_in_trees(output, argv + i, (size_t)(argc - i));
	if (ra.report)
		refuse_output_in_trees(ra.report, argv + i, (size_t)(argc - i));
	what = in_place ? "convert --in-place" :
			  run_args_what(&ra, "convert", what_buf,
					sizeof(what_buf));
	ra.eo.keep_going = ra.keep_going;
	run_trace_start(&ra, "convert");
	if (sk_change_net && ra.cocci)
		die("convert: --sk-change-net and --cocci exclude each other "
		    "(--cocci .../" COCCI_SK_CHANGE_NET " is the same)");
	ra.eo.cleanup_ok = 1;
	if (sk_change_net && backport)
		die("convert: --sk-change-net and --backport exclude each "
		    "other");
	if (ra.eo.net_infer && (sk_change_net || backport))
		die("convert: --net=infer is for the conversion to the 4.2 "
		    "API, not with %s",
		    backport ? "--backport" : "--sk-change-net");
	if (sk_change_net)
		cocci = cocci_bundled_path(program_path, COCCI_SK_CHANGE_NET);
	else if (backport)
		cocci = cocci_bundled_path(program_path, COCCI_BACKPORT);
	else
		cocci = run_args_cocci(&ra);
	engine_init(&e, cocci);
	if (ra.eo.cleanup_force && !e.rule.cleanup)
		die("convert: --force-sk-change-net is for the clean-up rule "
		    "(--sk-change-net)");
	res = engine_run(&e, argv + i, (size_t)(argc - i), &ra.eo);
	untrusted = res->spatch_failures && !ra.keep_going;
	/*
	 * Every file this run writes is in one batch: the changed files,
	 * the patch and the report, renamed only when all were written, the
	 * report last.  So a report that says "rewritten" exists only once
	 * the files are, and a report or patch that cannot be written stops
	 * the run before any file changes.  Streams (stdout, a FIFO) are
	 * written after the renames.
	 */
	rewritten = in_place && !untrusted && res->ledger.files_changed;
	if (!untrusted) {
		if (in_place) {
			stage_in_place(&batch, res);
		} else {
			report_patch(&patch, res);
			if (output)
				patch_staged = atomic_stage_output(
					&batch, output, patch.buf, patch.len);
		}
	}
	if (ra.report) {
		report_json(&json, res, REPORT_CONVERT, rewritten);
		report_staged = atomic_stage_output(&batch, ra.report, json.buf,
						    json.len);
	}
	if (batch.nr)
		atomic_commit(&batch);
	if (!untrusted && !in_place && !patch_staged) {
		if (output) {
			atomic_output_stream(output, patch.buf, patch.len);
		} else {
			fwrite(patch.buf, 1, patch.len, stdout);
			if (fflush(stdout) || ferror(stdout))
				die_errno("standard output: cannot write the "
					  "patch");
		}
	}
	if (ra.report && !report_staged)
		atomic_output_stream(ra.report, json.buf, json.len);
	report_items(stderr, res, REPORT_CONVERT);
	if (!quiet) {
		report_summary(stderr, res, what, REPORT_CONVERT,
			       "listed above");
		/* Only what was written: "-o -" is the patch on stdout. */
		if (!untrusted && (in_place || (output && strcmp(output, "-"))))
			report_written(stderr, res, what,
				       in_place ? NULL : output, ra.verbose);
	}
	/* The last word, after the list of what failed. */
	run_untrusted(&ra, res);
	status = untrusted ? EXIT_TROUBLE : res->spatch_failures ? 1 : 0;
	strbuf_release(&patch);
	strbuf_release(&json);
	engine_release(&e);
	free(cocci);
	run_trace_done(&ra, "convert");
	return status;
}
