// SPDX-License-Identifier: GPL-2.0-only
#include "spatch.h"

#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pool.h"
#include "util.h"

/* A program name without '/' is looked up in PATH, as execvp would. */
static char *find_program(const char *name)
{
	const char *path = getenv("PATH");
	struct strbuf sb = STRBUF_INIT;

	if (strchr(name, '/'))
		return access(name, X_OK) ? NULL : xstrdup(name);
	if (!path)
		path = "/usr/bin:/bin";
	while (*path) {
		size_t n = strcspn(path, ":");

		strbuf_reset(&sb);
		strbuf_add(&sb, n ? path : ".", n ? n : 1);
		strbuf_addch(&sb, '/');
		strbuf_addstr(&sb, name);
		if (!access(sb.buf, X_OK))
			return strbuf_detach(&sb, NULL);
		path += n + (path[n] == ':');
	}
	strbuf_release(&sb);
	return NULL;
}

static int version_less(const unsigned a[3], const unsigned b[3])
{
	int i;

	for (i = 0; i < 3; i++)
		if (a[i] != b[i])
			return a[i] < b[i];
	return 0;
}

/* ": " and the last line that spatch wrote on stderr, if any. */
static void last_line(const struct strbuf *err, struct strbuf *out)
{
	size_t end = err->len, start;

	while (end && (err->buf[end - 1] == '\n' || err->buf[end - 1] == '\r'))
		end--;
	start = end;
	while (start && err->buf[start - 1] != '\n')
		start--;
	if (end > start)
		strbuf_addf(out, ": %.*s",
			    (int)(end - start > 200 ? 200 : end - start),
			    err->buf + start);
}

void spatch_find(struct spatch *sp, const struct cocci *rule)
{
	const char *name = getenv("SPATCH");
	char *argv[3];
	struct job job;
	const char *v;

	memset(sp, 0, sizeof(*sp));
	if (!name || !*name)
		name = "spatch";
	/*
	 * spatch looks for ~/.cocciconfig and cannot start without HOME
	 * ("Fatal error: exception Not_found"): where it is unset (cron,
	 * env -i, some CI runners), the home directory of the password
	 * database is what the shell's ~ would be.
	 */
	if (!getenv("HOME")) {
		const struct passwd *pw = getpwuid(getuid());

		if (setenv("HOME",
			   pw && pw->pw_dir && *pw->pw_dir ? pw->pw_dir : "/",
			   1))
			die_errno("setenv HOME");
	}
	sp->path = find_program(name);
	if (!sp->path)
		die("%s: not found (install Coccinelle: apt-get install "
		    "coccinelle, or set $SPATCH)",
		    name);
	argv[0] = sp->path;
	argv[1] = "--version";
	argv[2] = NULL;
	job_init(&job, argv, 30000, NULL);
	if (pool_run(&job, 1, 1, NULL, NULL, NULL) != POOL_OK)
		die("%s --version: interrupted", sp->path);
	if (job.end != JOB_EXITED || job.status != 0) {
		struct strbuf why = STRBUF_INIT;

		job_describe_end(&job, &why);
		last_line(&job.err, &why);
		die("%s --version: %s", sp->path, why.buf);
	}
	v = strstr(job.out.buf, "spatch version ");
	if (!v || parse_version(v + 15, sp->version))
		die("%s: not Coccinelle's spatch (no version in "
		    "'spatch --version')",
		    sp->path);
	sp->version_text = xstrdup(job.out.buf);
	job_release(&job);
	if (version_less(sp->version, rule->requires))
		die("%s: version %u.%u.%u is too old, %s needs %u.%u.%u",
		    sp->path, sp->version[0], sp->version[1], sp->version[2],
		    rule->path, rule->requires[0], rule->requires[1],
		    rule->requires[2]);
}

void spatch_release(struct spatch *sp)
{
	free(sp->path);
	free(sp->version_text);
	memset(sp, 0, sizeof(*sp));
}

/* out NULL: in is a directory, converted in place. */
static char **make_argv(const struct spatch *sp, const struct cocci *rule,
			const char *in, const char *out, const char *macro_file)
{
	static const char *const fixed[] = {
		"-D",
		"patch",
		/* Say what could not be parsed: the ledger needs it. */
		"--parse-error-msg",
		"--verbose-parsing",
		/* The diff on stdout is not used: the result file is. */
		"--no-show-diff",
	};
	size_t n = 0, i, max = 16 + rule->nr_options + ARRAY_SIZE(fixed);
	char **argv = xcalloc(max, sizeof(char *));

	argv[n++] = xstrdup(sp->path);
	argv[n++] = xstrdup("--sp-file");
	argv[n++] = xstrdup(rule->path);
	for (i = 0; i < ARRAY_SIZE(fixed); i++)
		argv[n++] = xstrdup(fixed[i]);
	for (i = 0; i < rule->nr_options; i++)
		argv[n++] = xstrdup(rule->options[i]);
	if (macro_file) {
		argv[n++] = xstrdup("--macro-file");
		argv[n++] = xstrdup(macro_file);
	}
	if (out) {
		argv[n++] = xstrdup("-o");
		argv[n++] = xstrdup(out);
	} else {
		/*
		 * --dir takes .h files only with --include-headers; a file
		 * named alone is taken whatever its name.
		 */
		for (i = 0; i < rule->nr_options; i++)
			if (!strcmp(rule->options[i], "--include-headers"))
				break;
		if (i == rule->nr_options)
			argv[n++] = xstrdup("--include-headers");
		argv[n++] = xstrdup("--in-place");
		argv[n++] = xstrdup("--dir");
	}
	argv[n++] = xstrdup(in);
	argv[n] = NULL;
	return argv;
}

char **spatch_argv(const struct spatch *sp, const struct cocci *rule,
		   const char *in, const char *out, const char *macro_file)
{
	return make_argv(sp, rule, in, out, macro_file);
}

char **spatch_dir_argv(const struct spatch *sp, const struct cocci *rule,
		       const char *dir, const char *macro_file)
{
	return make_argv(sp, rule, dir, NULL, macro_file);
}

int spatch_caught_exception(const char *err, size_t len)
{
	size_t i;

	for (i = 0; i + 5 <= len; i++)
		if ((i == 0 || err[i - 1] == '\n') &&
		    !memcmp(err + i, "EXN: ", 5))
			return 1;
	return 0;
}

void argv_free(char **argv)
{
	size_t i;

	if (!argv)
		return;
	for (i = 0; argv[i]; i++)
		free(argv[i]);
	free(argv);
}

/* ", line 12, column 16, ..." */
static int parse_line_col(const char *s, struct parse_error *pe)
{
	char *end;
	unsigned long line, col;

	if (strncmp(s, ", line ", 7))
		return -1;
	line = strtoul(s + 7, &end, 10);
	if (end == s + 7 || strncmp(end, ", column ", 9))
		return -1;
	s = end + 9;
	col = strtoul(s, &end, 10);
	if (end == s || line > UINT_MAX || col > UINT_MAX)
		return -1;
	pe->line = (unsigned)line;
	pe->col = (unsigned)col;
	return 0;
}

/*
 * spatch reports a parse error as
 *   parse error
 *    = File "drivers/foo.c", line 12, column 16, charpos = 211
 *     around = 'y',
 * and repeats it for each parsing pass; keep one of each.
 */
void spatch_parse_errors(const char *err_in, size_t len, const char *path,
			 struct parse_errors *out)
{
	/*
	 * A NUL-terminated copy, so that the string functions below stop at
	 * its end (the fuzzer found that they ran past a bare buffer).
	 */
	char *err = xstrndup(err_in, len);
	const char *p = err, *end = err + strlen(err);
	size_t plen = strlen(path);

	while (p < end) {
		const char *f = strstr(p, " = File \"");
		struct parse_error pe = { 0 };
		const char *q, *a;
		size_t i;
		int dup = 0;

		if (!f || f >= end)
			break;
		q = f + 9;
		p = q;
		if ((size_t)(end - q) < plen + 2 || memcmp(q, path, plen) ||
		    q[plen] != '"')
			continue;
		if (parse_line_col(q + plen + 1, &pe))
			continue;
		/* "around" belongs to this error only if it follows closely. */
		a = strstr(q, "around = '");
		if (a && a < end && a - q < 300) {
			const char *e = strstr(a + 10, "',");
			size_t n = e ? (size_t)(e - a - 10) : 0;

			if (n >= sizeof(pe.around))
				n = sizeof(pe.around) - 1;
			memcpy(pe.around, a + 10, n);
		}
		for (i = 0; i < out->nr; i++)
			if (out->v[i].line == pe.line &&
			    out->v[i].col == pe.col)
				dup = 1;
		if (dup)
			continue;
		ALLOC_GROW(out->v, out->nr + 1, out->alloc);
		out->v[out->nr++] = pe;
	}
	free(err);
}

void parse_errors_release(struct parse_errors *pe)
{
	free(pe->v);
	pe->v = NULL;
	pe->nr = pe->alloc = 0;
}
