// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "pool.h"
#include "progress.h"
#include "util.h"

const char *program_path = "coccidrive";

void run_args_init(struct run_args *ra)
{
	memset(ra, 0, sizeof(*ra));
	ra->eo.timeout_s = ENGINE_DEFAULT_TIMEOUT;
	ra->eo.max_size = ENGINE_DEFAULT_MAX_SIZE;
}

void run_args_use_cache(struct run_args *ra)
{
	const char *off = getenv("COCCIDRIVE_NO_CACHE");

	/* For a SPATCH wrapper whose doings no key can see (its environment). */
	ra->eo.cache = !ra->no_cache && !(off && *off && strcmp(off, "0"));
	ra->eo.verbose = ra->verbose;
}

void opt_jobs(const struct opt *opt, const char *arg)
{
	unsigned *jobs = opt->value;

	*jobs = parse_count("--jobs", arg);
	if (!*jobs)
		die("--jobs: must be at least 1");
}

void opt_timeout(const struct opt *opt, const char *arg)
{
	unsigned *timeout_s = opt->value;

	*timeout_s = parse_count("--timeout", arg);
	/* The pool counts in milliseconds, in an unsigned. */
	if (*timeout_s > UINT_MAX / 1000)
		die("--timeout: '%s' is more than %u seconds (about 49 "
		    "days; 0 means no limit)",
		    arg, UINT_MAX / 1000);
}

void opt_max_size(const struct opt *opt, const char *arg)
{
	*(size_t *)opt->value = parse_count("--max-size", arg);
}

void opt_fallback(const struct opt *opt, const char *arg)
{
	if (strcmp(arg, "text") && strcmp(arg, "none"))
		die("--fallback: '%s' is not 'text' or 'none'", arg);
	*(int *)opt->value = !strcmp(arg, "text");
}

void opt_layout(const struct opt *opt, const char *arg)
{
	if (strcmp(arg, "80") && strcmp(arg, "upstream"))
		die("--layout: '%s' is not 'upstream' or '80'", arg);
	*(int *)opt->value = !strcmp(arg, "80");
}

void opt_net(const struct opt *opt, const char *arg)
{
	if (strcmp(arg, "init") && strcmp(arg, "infer"))
		die("--net: '%s' is not 'init' or 'infer'", arg);
	*(int *)opt->value = !strcmp(arg, "infer");
}

void opt_shard(const struct opt *opt, const char *arg)
{
	struct engine_opts *eo = opt->value;
	const char *slash = strchr(arg, '/');
	char *end;
	unsigned long k, n;

	/* Digits only, so that neither "-1/3" nor " 1/3" passes strtoul. */
	if (!slash || strspn(arg, "0123456789") != (size_t)(slash - arg) ||
	    strspn(slash + 1, "0123456789") != strlen(slash + 1) ||
	    slash == arg || !slash[1])
		die("--shard: '%s' is not K/N (the K-th of N parts, 1 <= K "
		    "<= N)",
		    arg);
	k = strtoul(arg, &end, 10);
	n = strtoul(slash + 1, &end, 10);
	if (!k || k > n || n > 1000000)
		die("--shard: '%s': K must be from 1 to N (and N at most "
		    "1000000)",
		    arg);
	eo->shard_k = (unsigned)k;
	eo->shard_n = (unsigned)n;
}

const char *run_args_what(const struct run_args *ra, const char *cmd, char *buf,
			  size_t size)
{
	if (ra->eo.shard_n)
		snprintf(buf, size, "%s --shard %u/%u", cmd, ra->eo.shard_k,
			 ra->eo.shard_n);
	else
		snprintf(buf, size, "%s", cmd);
	return buf;
}

void opt_progress(const struct opt *opt, const char *arg)
{
	(void)arg;
	*(int *)opt->value = strcmp(opt->long_name, "progress") ? PROGRESS_OFF :
								  PROGRESS_ON;
}

static double seconds_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void run_trace_start(struct run_args *ra, const char *cmd)
{
	static char prefix[64];

	if (!ra->verbose)
		return;
	snprintf(prefix, sizeof(prefix), "coccidrive %s: run: ", cmd);
	pool_trace(stderr, prefix);
	ra->start = seconds_now();
}

void run_trace_done(const struct run_args *ra, const char *cmd)
{
	if (ra->verbose)
		fprintf(stderr, "coccidrive %s: took %.2f s\n", cmd,
			seconds_now() - ra->start);
}

char *run_args_cocci(const struct run_args *ra)
{
	return ra->cocci ? xstrdup(ra->cocci) :
			   cocci_default_path(program_path);
}

int run_untrusted(const struct run_args *ra, const struct run_result *res)
{
	if (!res->spatch_failures || ra->keep_going)
		return 0;
	fprintf(stderr,
		"coccidrive: spatch failed on %zu file%s (listed above); "
		"nothing was written (--keep-going uses the other results)\n",
		res->spatch_failures, res->spatch_failures == 1 ? "" : "s");
	return 1;
}

/*
 * Whether an output goes to standard output: none (the patch's default),
 * "-", or the file or pipe stdout is (/dev/stdout, the file stdout is
 * redirected to).  A terminal or /dev/null takes both outputs unharmed.
 */
int output_to_stdout(const char *path)
{
	struct stat st, out;

	if (!path || !strcmp(path, "-"))
		return 1;
	return !stat(path, &st) && !fstat(STDOUT_FILENO, &out) &&
	       st.st_dev == out.st_dev && st.st_ino == out.st_ino &&
	       (S_ISREG(st.st_mode) || S_ISFIFO(st.st_mode));
}

static int same_inode(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

int output_dir_in(const char *path, char *const *dirs, size_t nr)
{
	struct stat st, t;
	struct strbuf dir = STRBUF_INIT;
	char *real = NULL, *up;
	const char *file = path, *slash;
	size_t i;
	int found = -1;

	/* Where it really is: a link is followed as atomic_output() will. */
	if (!lstat(path, &t) && S_ISLNK(t.st_mode) && !stat(path, &st)) {
		real = realpath(path, NULL);
		if (!real)
			return -2;
		file = real;
	}
	slash = strrchr(file, '/');
	if (slash)
		strbuf_add(&dir, file,
			   slash == file ? 1 : (size_t)(slash - file));
	else
		strbuf_addch(&dir, '.');
	free(real);
	real = realpath(dir.buf, NULL);
	strbuf_release(&dir);
	if (!real)
		return -2;
	/* Each directory from there up to the root, by device and inode. */
	for (;;) {
		struct stat d;

		if (!stat(real, &d))
			for (i = 0; i < nr && found < 0; i++)
				if (!stat(dirs[i], &t) && S_ISDIR(t.st_mode) &&
				    same_inode(&d, &t))
					found = (int)i;
		up = strrchr(real, '/');
		if (found >= 0 || !up || (up == real && !real[1]))
			break;
		if (up == real)
			real[1] = '\0'; /* then "/" itself */
		else
			*up = '\0';
	}
	free(real);
	return found;
}

void refuse_output_in_trees(const char *path, char *const *trees, size_t nr)
{
	struct stat st, out, t;
	size_t i;
	int exists = !stat(path, &st), in;

	if (!strcmp(path, "-") ||
	    (exists &&
	     (!S_ISREG(st.st_mode) ||
	      (!fstat(STDOUT_FILENO, &out) && same_inode(&st, &out)) ||
	      (!fstat(STDERR_FILENO, &out) && same_inode(&st, &out)))))
		return;
	for (i = 0; exists && i < nr; i++)
		if (!stat(trees[i], &t) && S_ISREG(t.st_mode) &&
		    same_inode(&st, &t))
			die("%s: is %s, a TREE being converted: refused", path,
			    trees[i]);
	/* No such directory (-2): the write will say so. */
	in = output_dir_in(path, trees, nr);
	if (in >= 0)
		die("%s: inside %s, a TREE being converted: refused (the next "
		    "run would read it; write it elsewhere)",
		    path, trees[in]);
}
