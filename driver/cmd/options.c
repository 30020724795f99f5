// SPDX-License-Identifier: GPL-2.0-only
/*
 * options: a command's table of options turned into getopt_long's
 * arguments (the struct option array and the short-options string) and
 * into its --help text.
 */
#include "options.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/*
 * Where the help of each option starts: "  -j, --jobs N        run...";
 * at least two blanks after the option, else on the next line, so that
 * no help reads as the option's argument.
 */
#define HELP_COLUMN 22
#define HELP_GAP 2
/* getopt_long's val for an option without a short name: 256 + its index. */
#define LONG_ONLY 256

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

static size_t count_options(const struct opt *opts)
{
	size_t n = 0;

	while (opts[n].type != OPTION_END)
		n++;
	return n;
}

static int opt_val(const struct opt *opts, size_t i)
{
	return opts[i].short_name ? opts[i].short_name : LONG_ONLY + (int)i;
}

/* The table's option getopt_long returned as val; NULL: none (-h). */
static const struct opt *find_val(const struct opt *opts, int val)
{
	size_t i;

	for (i = 0; opts[i].type != OPTION_END; i++)
		if (opt_val(opts, i) == val)
			return &opts[i];
	return NULL;
}

static void add_entry(struct strbuf *sb, int short_name, const char *long_name,
		      const char *argh, const char *help)
{
	size_t start = sb->len, width;
	const char *nl;

	if (short_name)
		strbuf_addf(sb, "  -%c, --%s", short_name, long_name);
	else
		strbuf_addf(sb, "      --%s", long_name);
	if (argh)
		strbuf_addf(sb, "%s%s", *argh == '=' ? "" : " ", argh);
	width = sb->len - start;
	if (width + HELP_GAP <= HELP_COLUMN) {
		strbuf_addchars(sb, ' ', HELP_COLUMN - width);
	} else {
		strbuf_addch(sb, '\n');
		strbuf_addchars(sb, ' ', HELP_COLUMN);
	}
	while ((nl = strchr(help, '\n'))) {
		strbuf_add(sb, help, (size_t)(nl - help) + 1);
		strbuf_addchars(sb, ' ', HELP_COLUMN);
		help = nl + 1;
	}
	strbuf_addf(sb, "%s\n", help);
}

void options_help(struct strbuf *sb, const struct opt *opts)
{
	size_t i;

	for (i = 0; opts[i].type != OPTION_END; i++)
		add_entry(sb, opts[i].short_name, opts[i].long_name,
			  opts[i].argh, opts[i].help);
	add_entry(sb, 'h', "help", NULL, "show this help");
}

static void check_table(const struct opt *opts)
{
	size_t i, j;

	for (i = 0; opts[i].type != OPTION_END; i++) {
		if (!opts[i].long_name || !strcmp(opts[i].long_name, "help") ||
		    opts[i].short_name == 'h' || opts[i].short_name == ':' ||
		    opts[i].short_name == '?' || opts[i].short_name < 0 ||
		    opts[i].short_name > 127 || !opts[i].help ||
		    (opts[i].type == OPTION_CALLBACK && !opts[i].callback) ||
		    (opts[i].type == OPTION_BOOL && opts[i].argh) ||
		    (opts[i].type == OPTION_STRING && !opts[i].argh))
			die("BUG: option table: entry %zu (--%s)", i,
			    opts[i].long_name ? opts[i].long_name : "?");
		for (j = 0; j < i; j++)
			if (!strcmp(opts[i].long_name, opts[j].long_name) ||
			    (opts[i].short_name &&
			     opts[i].short_name == opts[j].short_name))
				die("BUG: option table: --%s twice",
				    opts[i].long_name);
	}
}

static __attribute__((noreturn)) void usage_error(const char *cmd,
						  const struct strbuf *msg)
{
	fprintf(stderr, "coccidrive %s: %s\nsee 'coccidrive %s --help'\n", cmd,
		msg->buf, cmd);
	exit(EXIT_TROUBLE);
}

/*
 * getopt_long said '?': an unknown or ambiguous long option (optopt 0,
 * the option is the argument just passed), a long option given a value
 * it does not take (optopt its val), or an unknown short one (optopt).
 */
static void describe_bad(struct strbuf *msg, const struct opt *opts,
			 char **argv)
{
	const struct opt *o = optopt ? find_val(opts, optopt) : NULL;
	const char *arg, *eq;
	size_t len, i, matches = 0;
	struct strbuf which = STRBUF_INIT;

	if (o) {
		strbuf_addf(msg, "option '--%s' takes no value", o->long_name);
		return;
	}
	if (optopt == 'h') {
		strbuf_addstr(msg, "option '--help' takes no value");
		return;
	}
	if (optopt) {
		strbuf_addf(msg, "unknown option '-%c'", optopt);
		return;
	}
	arg = argv[optind - 1];
	eq = strchr(arg, '=');
	len = eq ? (size_t)(eq - arg) : strlen(arg);
	/* A prefix of two or more names: getopt_long takes a unique one. */
	for (i = 0; len > 2 && opts[i].type != OPTION_END; i++)
		if (!strncmp(opts[i].long_name, arg + 2, len - 2)) {
			strbuf_addf(&which, "%s--%s", matches ? ", " : "",
				    opts[i].long_name);
			matches++;
		}
	if (matches > 1)
		strbuf_addf(msg, "ambiguous option '%.*s' (%s)", (int)len, arg,
			    which.buf);
	else
		strbuf_addf(msg, "unknown option '%.*s'", (int)len, arg);
	strbuf_release(&which);
}

int parse_options(int argc, char **argv, const struct opt *opts,
		  const char *usage)
{
	size_t n = count_options(opts), i;
	struct option *longopts = xcalloc(n + 2, sizeof(*longopts));
	struct strbuf shortopts = STRBUF_INIT, msg = STRBUF_INIT;
	const char *cmd = argv[0];
	const struct opt *o;
	int c;

	check_table(opts);
	/* ':' first: a missing argument is ':', apart from unknown '?'. */
	strbuf_addstr(&shortopts, ":h");
	for (i = 0; i < n; i++) {
		longopts[i].name = opts[i].long_name;
		longopts[i].has_arg = opts[i].argh ? required_argument :
						     no_argument;
		longopts[i].val = opt_val(opts, i);
		if (opts[i].short_name) {
			strbuf_addch(&shortopts, opts[i].short_name);
			if (opts[i].argh)
				strbuf_addch(&shortopts, ':');
		}
	}
	longopts[n].name = "help";
	longopts[n].val = 'h';
	/* 0 also resets glibc's state within a cluster such as -qj. */
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, shortopts.buf, longopts, NULL)) !=
	       -1) {
		if (c == 'h') {
			struct strbuf help = STRBUF_INIT;

			strbuf_addf(&help, "%s\n", usage);
			options_help(&help, opts);
			fputs(help.buf, stdout);
			strbuf_release(&help);
			free(longopts);
			strbuf_release(&shortopts);
			if (fflush(stdout) || ferror(stdout))
				die_errno("standard output");
			exit(0);
		}
		if (c == '?' || c == ':') {
			if (c == '?')
				describe_bad(&msg, opts, argv);
			else if (!strncmp(argv[optind - 1], "--", 2) &&
				 (o = find_val(opts, optopt)))
				strbuf_addf(&msg, "option '--%s' needs a value",
					    o->long_name);
			else
				strbuf_addf(&msg, "option '-%c' needs a value",
					    optopt);
			free(longopts);
			strbuf_release(&shortopts);
			usage_error(cmd, &msg);
		}
		o = find_val(opts, c);
		if (!o)
			die("BUG: getopt_long returned %d", c);
		switch (o->type) {
		case OPTION_BOOL:
			*(int *)o->value = 1;
			break;
		case OPTION_STRING:
			*(const char **)o->value = optarg;
			break;
		case OPTION_CALLBACK:
			o->callback(o, o->argh ? optarg : NULL);
			break;
		case OPTION_END:
			break;
		}
	}
	free(longopts);
	strbuf_release(&shortopts);
	return optind;
}
