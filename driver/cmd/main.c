// SPDX-License-Identifier: GPL-2.0-only
/*
 * coccidrive: convert callers of sock_create_kern() to the Linux 4.2
 * signature with Coccinelle, and account for every call site.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "util.h"

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
} commands[] = {
	{ "convert", cmd_convert,
	  "rewrite the trees: print a git patch, or change files in place" },
	{ "check", cmd_check,
	  "report what is left to convert (exit 1 if anything is)" },
	{ "test", cmd_test, "compare results on testdata/ with expected/" },
	{ "merge", cmd_merge,
	  "put the reports of convert or check --shard K/N together" },
	{ "compat-header", cmd_compat_header,
	  "print the header that builds 4.2-style calls on older kernels" },
};

static void usage(FILE *fp)
{
	size_t i;

	fprintf(fp, "usage: coccidrive <command> [options] [TREE...]\n"
		    "       coccidrive help [<command>] | --help | --version\n"
		    "\ncommands:\n");
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(fp, "  %-13s  %s\n", commands[i].name,
			commands[i].help);
	fprintf(fp, "\n'coccidrive help <command>' tells more.\n"
		    "Exit status: 0 done and clean, 1 something left to do "
		    "or a test failed, 2 error.\n");
}

static int run_command(const char *name, int argc, char **argv)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(name, commands[i].name))
			return commands[i].fn(argc, argv);
	fprintf(stderr, "coccidrive: '%s' is not a command\n", name);
	usage(stderr);
	return EXIT_TROUBLE;
}

int main(int argc, char **argv)
{
	program_path = argv[0];
	if (argc < 2) {
		usage(stderr);
		return EXIT_TROUBLE;
	}
	if (!strcmp(argv[1], "help") && argc > 2) {
		/* "help CMD" is "CMD --help". */
		char *help_argv[] = { argv[2], "--help", NULL };

		if (argc > 3) {
			fprintf(stderr,
				"coccidrive help: one command at most\n");
			return EXIT_TROUBLE;
		}
		return run_command(argv[2], 2, help_argv);
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("coccidrive %s\n", COCCIDRIVE_VERSION);
		return 0;
	}
	return run_command(argv[1], argc - 1, argv + 1);
}
