// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "util.h"

const char *program_path = "coccidrive";

unsigned parse_count(const char *opt, const char *arg)
{
	char *end;
	unsigned long n;

	errno = 0;
	n = strtoul(arg, &end, 10);
	if (!*arg || *end || errno || n > 1000000000UL || arg[0] == '-')
		die("%s: '%s' is not a number", opt, arg);
	return (unsigned)n;
}

void run_args_init(struct run_args *ra)
{
	memset(ra, 0, sizeof(*ra));
	ra->eo.timeout_s = ENGINE_DEFAULT_TIMEOUT;
	ra->eo.max_size = ENGINE_DEFAULT_MAX_SIZE;
}

int run_args_option(struct run_args *ra, int c, const char *arg)
{
	switch (c) {
	case 'j':
		ra->eo.jobs = parse_count("--jobs", arg);
		if (!ra->eo.jobs)
			die("--jobs: must be at least 1");
		return 1;
	case 1000:
		ra->eo.timeout_s = parse_count("--timeout", arg);
		/* The pool counts in milliseconds, in an unsigned. */
		if (ra->eo.timeout_s > UINT_MAX / 1000)
			die("--timeout: '%s' is more than %u seconds (about 49 "
			    "days; 0 means no limit)",
			    arg, UINT_MAX / 1000);
		return 1;
	case 1001:
		ra->cocci = arg;
		return 1;
	case 1002:
		ra->eo.max_size = parse_count("--max-size", arg);
		return 1;
	case 'v':
		ra->eo.verbose++;
		return 1;
	case 'k':
		ra->keep_going = 1;
		return 1;
	case 1003:
		ra->eo.macro_file = arg;
		return 1;
	case 1004:
		ra->report = arg;
		return 1;
	case 1006:
		if (strcmp(arg, "80") && strcmp(arg, "upstream"))
			die("--layout: '%s' is not 'upstream' or '80'", arg);
		ra->eo.wrap_one_line = !strcmp(arg, "80");
		return 1;
	case 1005:
		if (strcmp(arg, "text") && strcmp(arg, "none"))
			die("--fallback: '%s' is not 'text' or 'none'", arg);
		ra->eo.fallback_text = !strcmp(arg, "text");
		return 1;
	}
	return 0;
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

static int same_inode(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

void refuse_output_in_trees(const char *path, char *const *trees, size_t nr)
{
	struct stat st, out, t;
	struct strbuf dir = STRBUF_INIT;
	char *real = NULL, *up;
	const char *file = path, *slash;
	size_t i;
	int exists = !stat(path, &st);

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
	/* Where it really is: a link is followed as atomic_output() will. */
	if (exists && !lstat(path, &t) && S_ISLNK(t.st_mode)) {
		real = realpath(path, NULL);
		if (!real)
			return;
		file = real;
	}
	slash = strrchr(file, '/');
	if (slash)
		strbuf_add(&dir, file,
			   slash == file ? 1 : (size_t)(slash - file));
	else
		strbuf_addch(&dir, '.');
	free(real);
	/* No such directory: the write will say so. */
	real = realpath(dir.buf, NULL);
	strbuf_release(&dir);
	if (!real)
		return;
	/* Each directory from there up to the root, by device and inode. */
	for (;;) {
		struct stat d;

		if (!stat(real, &d))
			for (i = 0; i < nr; i++)
				if (!stat(trees[i], &t) && S_ISDIR(t.st_mode) &&
				    same_inode(&d, &t))
					die("%s: inside %s, a TREE being "
					    "converted: refused (the next run "
					    "would read it; write it elsewhere)",
					    path, trees[i]);
		up = strrchr(real, '/');
		if (!up || up == real) {
			if (!up || !real[1])
				break;
			real[1] = '\0'; /* then "/" itself */
		} else {
			*up = '\0';
		}
	}
	free(real);
}
