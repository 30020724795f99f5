// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

int run_untrusted(const struct run_args *ra, const struct engine *e)
{
	if (!e->spatch_failures || ra->keep_going)
		return 0;
	fprintf(stderr,
		"coccidrive: spatch failed on %zu file%s (listed above); "
		"nothing was written (--keep-going uses the other results)\n",
		e->spatch_failures, e->spatch_failures == 1 ? "" : "s");
	return 1;
}
