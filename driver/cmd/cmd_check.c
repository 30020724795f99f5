// SPDX-License-Identifier: GPL-2.0-only
/*
 * coccidrive check: what is left to convert, for CI and editors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "atomic.h"
#include "cmd.h"
#include "findings_report.h"
#include "fixup.h"
#include "pin.h"
#include "progress.h"
#include "report.h"
#include "series.h"
#include "util.h"

static const char check_usage[] =
	"usage: coccidrive check [options] TREE...\n"
	"   or: coccidrive check [options] --git-range BASE..HEAD [-C REPO] "
	"[--all]\n"
	"                        [--fix FILE]\n"
	"   or: coccidrive check [options] --patch FILE|- [-C REPO] "
	"[--base REV] [--all]\n"
	"                        [--fix FILE]\n"
	"\n"
	"Runs the conversion without writing anything and prints on stdout\n"
	"one line 'file:line:col: message' for each occurrence left to\n"
	"convert or needing manual work, each followed by its 'note:' and\n"
	"'hint:' lines (same file:line:col); then the counts on stderr.\n"
	"-q leaves out the counts only.  --report - writes the JSON to stdout\n"
	"instead of the lines.\n"
	"With --git-range or --patch, checks a patch series instead: the\n"
	"files each commit changes, and prints one line per old-form call or\n"
	"declaration (or manual work) on a line the commit adds,\n"
	"'file:line:col: message [commit 1a2b3c4d5e6f \"subject\"]'.  The\n"
	"repository is never written to.  --fix FILE also writes a patch\n"
	"(git format-patch form, for git am on HEAD) converting the findings\n"
	"still there at HEAD.\n"
	"Exit status: 0 nothing left, 1 something left, 2 error.\n";

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* The counts, on stderr: what was read, what was checked, what found. */
static void series_summary(FILE *fp, const struct series_opts *so,
			   const struct series *s, const struct findings *f,
			   const struct run_result *res)
{
	size_t i, pre = 0, later = 0;

	if (so->range)
		fprintf(fp, "coccidrive check --git-range: %zu %s",
			f->nr_commits,
			plural(f->nr_commits, "commit", "commits"));
	else
		fprintf(fp, "coccidrive check --patch: %zu %s", f->nr_commits,
			plural(f->nr_commits, "patch", "patches"));
	if (s->merges)
		fprintf(fp, " (%zu %s)", s->merges,
			plural(s->merges, "merge", "merges"));
	if (s->skipped_msgs)
		fprintf(fp, " (%zu %s without a diff skipped)", s->skipped_msgs,
			plural(s->skipped_msgs, "message", "messages"));
	fprintf(fp, ", %zu changed C %s checked", s->changed,
		plural(s->changed, "file", "files"));
	if (s->deleted || s->binary || s->not_blob) {
		const char *sep = "";

		fputs(" (skipped:", fp);
		if (s->deleted) {
			fprintf(fp, " %zu deleted", s->deleted);
			sep = ",";
		}
		if (s->binary) {
			fprintf(fp, "%s %zu binary", sep, s->binary);
			sep = ",";
		}
		if (s->not_blob)
			fprintf(fp, "%s %zu not a regular file", sep,
				s->not_blob);
		fputs(")", fp);
	}
	fprintf(fp, ", %zu with %s, %zu spatch %s", res->ledger.files_matched,
		res->rule->ident, res->spatch_runs,
		plural(res->spatch_runs, "run", "runs"));
	/* As convert's summary says it (report.c). */
	if (res->slice_fallbacks)
		fprintf(fp, " (%zu %s back to the whole file)",
			res->slice_fallbacks,
			plural(res->slice_fallbacks, "slice fell",
			       "slices fell"));
	fputc('\n', fp);
	for (i = 0; i < f->nr; i++) {
		pre += !f->v[i].commit;
		later += !!f->v[i].fixed_by;
	}
	fprintf(fp, "  %-20s %zu", "findings:", f->nr);
	if (f->nr)
		fputs(" (listed on stdout", fp);
	if (pre)
		fprintf(fp, "; %zu pre-existing", pre);
	if (later)
		fprintf(fp, "; %zu fixed later in the series", later);
	fputs(f->nr ? ")\n" : "\n", fp);
}

/*
 * --fix FILE: never into the repository's .git (a file in its work tree
 * is the user's choice).  FILE need not exist: its directory is judged.
 */
static void refuse_in_git_dir(const char *file, const char *git_dir)
{
	char *gd = realpath(git_dir, NULL);
	int in = gd ? output_dir_in(file, &gd, 1) : -2;

	if (in == -2)
		die_errno("check: --fix %s", file);
	if (in >= 0)
		die("check: --fix %s: inside the repository's git directory "
		    "(%s); write it elsewhere",
		    file, gd);
	free(gd);
}

/* SOURCE_DATE_EPOCH (reproducible output), else now. */
static time_t fix_date(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (!e || !*e)
		return time(NULL);
	v = strtoll(e, &end, 10);
	if (*end || v < 0)
		die("SOURCE_DATE_EPOCH: '%s' is not a number of seconds", e);
	return (time_t)v;
}

/* --fix FILE: the fix-up patch, and what it does, on stderr. */
static void write_fix(const char *file, const struct findings *f,
		      const struct series *s, const struct run_result *res)
{
	struct strbuf patch = STRBUF_INIT, left = STRBUF_INIT;
	struct fixup_result r = { 0 };
	size_t i;

	if (!f->nr) {
		fprintf(stderr,
			"coccidrive check --fix: nothing to fix, %s "
			"not written\n",
			file);
		return;
	}
	fixup_patch(&patch, &left, &r, f, s, res, fix_date());
	if (left.len) {
		fputs("coccidrive check --fix: not converted, needs a human:\n",
		      stderr);
		for (i = 0; i < left.len; i++) {
			if (!i || left.buf[i - 1] == '\n')
				fputs("  ", stderr);
			fputc(left.buf[i], stderr);
		}
	}
	if (patch.len) {
		atomic_output(file, patch.buf, patch.len);
		fprintf(stderr,
			"coccidrive check --fix: %s: %zu %s converted in %zu "
			"%s, %zu left (git am %s on HEAD)\n",
			file, r.converted, plural(r.converted, "call", "calls"),
			r.files, plural(r.files, "file", "files"), r.left,
			file);
	} else {
		fprintf(stderr,
			"coccidrive check --fix: nothing it can convert at "
			"HEAD, %s not written\n",
			file);
	}
	strbuf_release(&patch);
	strbuf_release(&left);
}

/* check --git-range / --patch: the findings of a patch series. */
static int check_series(struct run_args *ra, const struct series_opts *so,
			int quiet, enum findings_format fmt, const char *fix)
{
	struct strbuf out = STRBUF_INIT;
	struct series s;
	struct findings f = { 0 };
	struct scan files = { 0 };
	struct engine e;
	const struct run_result *res;
	char *cocci = run_args_cocci(ra);
	size_t nr_steps;
	int status;

	/* The rule and spatch first: a broken setup says so at once. */
	engine_init(&e, cocci);
	series_read(&s, &f, &files, so);
	if (fix)
		refuse_in_git_dir(fix, s.git_dir);
	nr_steps = f.nr_commits;
	run_trace_start(ra, "check");
	res = engine_run_files(&e, &files, f.repo_top, &ra->eo);
	pin_findings(&f, &s, res, so->all);
	findings_report(&out, &f, &e.rule, fmt);
	fwrite(out.buf, 1, out.len, stdout);
	if (fflush(stdout) || ferror(stdout))
		die_errno("standard output");
	strbuf_release(&out);
	if (!quiet)
		series_summary(stderr, so, &s, &f, res);
	status = run_untrusted(ra, res) ? EXIT_TROUBLE : f.nr ? 1 : 0;
	if (fix && status != EXIT_TROUBLE)
		write_fix(fix, &f, &s, res);
	series_release(&s, nr_steps);
	findings_release(&f);
	engine_release(&e);
	free(cocci);
	run_trace_done(ra, "check");
	return status;
}

int cmd_check(int argc, char **argv)
{
	struct run_args ra;
	struct series_opts so = { 0 };
	const char *format = NULL, *fix = NULL;
	enum findings_format fmt = FINDINGS_TEXT;
	int quiet = 0, json_out, clean, status, i;
	char what[64];
	struct engine e;
	const struct run_result *res;
	char *cocci;
	struct opt opts[] = {
		OPT_BOOL('q', "quiet", &quiet,
			 "no summary (the counts); the lines stay"),
		OPT_ENGINE(&ra),
		OPT_RUN_REPORT(&ra),
		OPT_SHARD(&ra),
		OPT_NET(&ra),
		OPT_STRING(0, "git-range", &so.range, "BASE..HEAD",
			   "check the commits of a range instead of TREEs:\n"
			   "what each commit adds, pinned to it"),
		OPT_STRING(0, "patch", &so.patch, "FILE",
			   "check the patches of an mbox (\"-\": standard\n"
			   "input) applied in memory on REPO's HEAD"),
		OPT_STRING('C', "git-repo", &so.repo, "REPO",
			   "the git repository of --git-range and --patch\n"
			   "(default: the one the current directory is in)"),
		OPT_STRING(0, "base", &so.base, "REV",
			   "--patch: apply the patches on REV, not HEAD"),
		OPT_STRING(0, "format", &format, "FMT",
			   "with --git-range or --patch: text (default),\n"
			   "json, sarif (GitHub code scanning) or github\n"
			   "(workflow commands, inline on a pull request)"),
		OPT_BOOL(0, "all", &so.all,
			 "also list what the touched files held at BASE\n"
			 "already, marked pre-existing"),
		OPT_STRING(0, "fix", &fix, "FILE",
			   "also write a patch (git format-patch form) that\n"
			   "converts the findings still there at HEAD"),
		OPT_PROGRESS(&ra),
		OPT_END(),
	};

	run_args_init(&ra);
	ra.eo.progress = PROGRESS_AUTO;
	i = parse_options(argc, argv, opts, check_usage);
	run_args_use_cache(&ra);
	if (format && findings_format_parse(format, &fmt))
		die("check: --format: '%s' is not text, json, sarif or github",
		    format);
	if (so.range && so.patch)
		die("check: --git-range and --patch do not go together");
	if (so.range || so.patch) {
		const char *opt = so.range ? "--git-range" : "--patch";

		if (i < argc)
			die("check: %s takes no TREE ('%s'): it reads the "
			    "repository, see -C",
			    opt, argv[i]);
		if (ra.report || ra.eo.root || ra.eo.shard_n)
			die("check: %s does not go with %s", opt,
			    ra.report  ? "--report" :
			    ra.eo.root ? "--root" :
					 "--shard");
		if (so.base && so.range)
			die("check: --base goes with --patch (a range names "
			    "its base)");
		if (fix && !strcmp(fix, "-"))
			die("check: --fix -: standard output holds the "
			    "findings; name a file");
		so.fix = !!fix;
		return check_series(&ra, &so, quiet, fmt, fix);
	}
	if (format)
		die("check: --format goes with --git-range or --patch (for "
		    "TREEs, --report F.json writes the JSON account)");
	if (so.repo || so.all || so.base || fix)
		die("check: %s goes with --git-range or --patch",
		    so.repo ? "-C" :
		    so.all  ? "--all" :
		    so.base ? "--base" :
			      "--fix");
	if (i >= argc)
		die("check: no TREE given (see 'coccidrive check --help')");
	if (ra.report)
		refuse_output_in_trees(ra.report, argv + i, (size_t)(argc - i));
	run_trace_start(&ra, "check");
	cocci = run_args_cocci(&ra);
	engine_init(&e, cocci);
	ra.eo.keep_going = ra.keep_going;
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
		report_summary(stderr, res,
			       run_args_what(&ra, "check", what, sizeof(what)),
			       REPORT_CHECK,
			       json_out ? "in the JSON report" :
					  "listed on stdout");
	clean = ledger_clean(&res->ledger);
	status = run_untrusted(&ra, res) ? EXIT_TROUBLE : clean ? 0 : 1;
	engine_release(&e);
	free(cocci);
	run_trace_done(&ra, "check");
	return status;
}
