// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for driver/options.c: a table is parsed as getopt_long would
 * parse the struct option array made from it, its --help lists exactly
 * its entries in the layout the commands show, and every usage error is
 * one line naming the command, then where to look, exit status 2.
 */
#include "options.h"

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "unit.h"
#include "util.h"

static int quiet, in_place;
static const char *output, *mode;
static int cb_calls, flag_calls;

/* A callback without a value: called with NULL. */
static void count_flag(const struct opt *opt, const char *arg)
{
	if (!arg)
		++*(int *)opt->value;
}

static void set_mode(const struct opt *opt, const char *arg)
{
	if (strcmp(arg, "a") && strcmp(arg, "b"))
		die("--mode: '%s' is not 'a' or 'b'", arg);
	*(const char **)opt->value = arg;
	cb_calls++;
}

static const struct opt table[] = {
	OPT_STRING('o', "output", &output, "FILE",
		   "write to FILE\nnot stdout (two lines)"),
	OPT_BOOL('q', "quiet", &quiet, "no summary"),
	OPT_BOOL(0, "in-place", &in_place, "rewrite the files"),
	OPT_CALLBACK(0, "mode", &mode, "=a", "mode a or b", set_mode),
	OPT_BOOL('x', "twenty-one-wid", &quiet, "one blank is too few"),
	OPT_CALLBACK('f', "flag", &flag_calls, NULL, "counted", count_flag),
	OPT_STRING(0, "a-very-long-option", &output, "WITH-ARG",
		   "its help starts on the next line"),
	OPT_END(),
};

static void reset(void)
{
	quiet = in_place = cb_calls = flag_calls = 0;
	output = mode = NULL;
}

static void test_help_layout(void)
{
	struct strbuf sb = STRBUF_INIT;

	options_help(&sb, table);
	EXPECT_STR(sb.buf,
		   "  -o, --output FILE   write to FILE\n"
		   "                      not stdout (two lines)\n"
		   "  -q, --quiet         no summary\n"
		   "      --in-place      rewrite the files\n"
		   "      --mode=a        mode a or b\n"
		   "  -x, --twenty-one-wid\n"
		   "                      one blank is too few\n"
		   "  -f, --flag          counted\n"
		   "      --a-very-long-option WITH-ARG\n"
		   "                      its help starts on the next line\n"
		   "  -h, --help          show this help\n");
	strbuf_release(&sb);
}

static void test_parse_and_permute(void)
{
	char *argv[] = { "cmd",	     "-q", "tree", "--output", "F",
			 "--mode=b", "--", "-z",   NULL };
	int i;

	reset();
	i = parse_options(8, argv, table, "usage: cmd");
	EXPECT(quiet == 1);
	EXPECT(!in_place);
	EXPECT_STR(output, "F");
	EXPECT_STR(mode, "b");
	EXPECT(cb_calls == 1);
	/* The operands come last, in their order; "--" ends the options. */
	EXPECT(i == 6);
	EXPECT_STR(argv[6], "tree");
	EXPECT_STR(argv[7], "-z");
}

static void test_clusters_and_abbreviations(void)
{
	char *argv[] = {
		"cmd", "-qoG", "--in", "--mode", "a", "x", "-ff", NULL
	};
	char *again[] = { "cmd", "-oH", "y", NULL };
	int i;

	reset();
	i = parse_options(7, argv, table, "usage: cmd");
	EXPECT(quiet && in_place);
	EXPECT(flag_calls == 2);
	EXPECT_STR(output, "G");
	EXPECT_STR(mode, "a");
	EXPECT(i == 6);
	/* A second parse starts afresh (getopt's state is reset). */
	reset();
	i = parse_options(3, again, table, "usage: cmd");
	EXPECT_STR(output, "H");
	EXPECT(!quiet);
	EXPECT(i == 2);
}

/* Run parse_options in a child: its exit status and what it printed. */
static int run_child(char **argv, const struct opt *opts, struct strbuf *out)
{
	int fd[2], status, argc = 0;
	pid_t pid;

	while (argv[argc])
		argc++;
	if (pipe(fd))
		die_errno("pipe");
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0)
		die_errno("fork");
	if (!pid) {
		close(fd[0]);
		if (dup2(fd[1], 1) < 0 || dup2(fd[1], 2) < 0)
			_exit(99);
		parse_options(argc, argv, opts, "usage: cmd [options]\n");
		fflush(stdout);
		_exit(42);
	}
	close(fd[1]);
	strbuf_reset(out);
	if (strbuf_read_fd(out, fd[0], 0))
		die_errno("read");
	close(fd[0]);
	if (waitpid(pid, &status, 0) != pid)
		die_errno("waitpid");
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

#define EXPECT_ERROR(msg, ...)                                        \
	do {                                                          \
		char *argv_[] = { "cmd", __VA_ARGS__, NULL };         \
		EXPECT(run_child(argv_, table, &out) == 2);           \
		EXPECT_STR(out.buf, "coccidrive cmd: " msg "\n"       \
				    "see 'coccidrive cmd --help'\n"); \
	} while (0)

static void test_usage_errors(void)
{
	struct strbuf out = STRBUF_INIT;

	EXPECT_ERROR("unknown option '--frob'", "--frob");
	EXPECT_ERROR("unknown option '--frob'", "x", "--frob=1");
	EXPECT_ERROR("unknown option '-Z'", "-qZ");
	EXPECT_ERROR("option '--output' needs a value", "--output");
	EXPECT_ERROR("option '-o' needs a value", "x", "-qo");
	EXPECT_ERROR("option '--quiet' takes no value", "--quiet=1");
	EXPECT_ERROR("option '--help' takes no value", "--help=1");
	strbuf_release(&out);
}

static void test_ambiguous(void)
{
	static int x, y;
	struct opt two[] = {
		OPT_BOOL(0, "max-size", &x, "x"),
		OPT_BOOL(0, "macro-file", &y, "y"),
		OPT_END(),
	};
	char *argv[] = { "cmd", "--ma=3", NULL };
	struct strbuf out = STRBUF_INIT;

	EXPECT(run_child(argv, two, &out) == 2);
	EXPECT_STR(out.buf, "coccidrive cmd: ambiguous option '--ma' "
			    "(--max-size, --macro-file)\n"
			    "see 'coccidrive cmd --help'\n");
	strbuf_release(&out);
}

static void test_wrong_value_is_the_callbacks(void)
{
	char *argv[] = { "cmd", "--mode=c", NULL };
	struct strbuf out = STRBUF_INIT;

	EXPECT(run_child(argv, table, &out) == 2);
	EXPECT_STR(out.buf, "coccidrive: --mode: 'c' is not 'a' or 'b'\n");
	strbuf_release(&out);
}

static void test_help_exits_0(void)
{
	char *argv[] = { "cmd", "-q", "--help", "--frob", NULL };
	struct strbuf out = STRBUF_INIT, want = STRBUF_INIT;

	EXPECT(run_child(argv, table, &out) == 0);
	strbuf_addstr(&want, "usage: cmd [options]\n\n");
	options_help(&want, table);
	EXPECT_STR(out.buf, want.buf);
	strbuf_release(&out);
	strbuf_release(&want);
}

static void test_bad_tables(void)
{
	static int x;
	struct opt twice[] = {
		OPT_BOOL('x', "x", &x, "x"),
		OPT_BOOL('x', "y", &x, "y"),
		OPT_END(),
	};
	struct opt help[] = { OPT_BOOL(0, "help", &x, "x"), OPT_END() };
	char *argv[] = { "cmd", NULL };
	struct strbuf out = STRBUF_INIT;

	EXPECT(run_child(argv, twice, &out) == 2);
	EXPECT(strstr(out.buf, "BUG: option table") != NULL);
	EXPECT(run_child(argv, help, &out) == 2);
	EXPECT(strstr(out.buf, "BUG: option table") != NULL);
	strbuf_release(&out);
}

static void test_parse_count(void)
{
	EXPECT(parse_count("--jobs", "0") == 0);
	EXPECT(parse_count("--jobs", "1000000000") == 1000000000u);
}

int main(void)
{
	RUN(test_help_layout);
	RUN(test_parse_and_permute);
	RUN(test_clusters_and_abbreviations);
	RUN(test_usage_errors);
	RUN(test_ambiguous);
	RUN(test_wrong_value_is_the_callbacks);
	RUN(test_help_exits_0);
	RUN(test_bad_tables);
	RUN(test_parse_count);
	return UNIT_EXIT();
}
