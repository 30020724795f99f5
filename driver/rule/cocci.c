// SPDX-License-Identifier: GPL-2.0-only
#include "cocci.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "strbuf.h"
#include "util.h"

#define RULE_NAME "sock_create_kern.cocci"

/*
 * Where "make install" put the rule and its macro file: baked in at build
 * time from PREFIX (never DESTDIR, which is only where the files are
 * staged), as git bakes in its paths.  The Makefile always passes it.
 */
#ifndef COCCIDRIVE_DATADIR
#define COCCIDRIVE_DATADIR "/usr/local/share/coccidrive"
#endif

/* dir with its last component dropped, in place: "/a/b" -> "/a". */
static void drop_last_component(struct strbuf *dir)
{
	char *slash = strrchr(dir->buf, '/');

	if (!slash)
		strbuf_reset(dir);
	else
		strbuf_setlen(dir, slash == dir->buf ?
					   1 :
					   (size_t)(slash - dir->buf));
}

/* Tries dir/name; notes dir in looked.  Returns the path or NULL. */
static char *try_dir(const char *dir, const char *name, struct strbuf *looked)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "%s%s%s", dir,
		    dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/", name);
	if (!access(sb.buf, R_OK))
		return strbuf_detach(&sb, NULL);
	strbuf_addf(looked, "%s%s", looked->len ? ", " : "", dir);
	strbuf_release(&sb);
	return NULL;
}

static char *find_named(const char *exe, const char *datadir, const char *name,
			struct strbuf *looked)
{
	struct strbuf dir = STRBUF_INIT;
	char *found = NULL;
	int up;

	/* build/coccidrive and build/asan/coccidrive alike. */
	if (exe && strchr(exe, '/')) {
		strbuf_addstr(&dir, exe);
		drop_last_component(&dir);
		for (up = 0; up < 2 && !found && dir.len > 1; up++) {
			size_t len;

			drop_last_component(&dir);
			len = dir.len;
			strbuf_addstr(&dir, dir.len > 1 ? "/semantic-patches" :
							  "semantic-patches");
			found = try_dir(dir.buf, name, looked);
			strbuf_setlen(&dir, len);
		}
	}
	if (!found && datadir && *datadir)
		found = try_dir(datadir, name, looked);
	strbuf_release(&dir);
	return found;
}

char *cocci_find_rule(const char *exe, const char *datadir,
		      struct strbuf *looked)
{
	return find_named(exe, datadir, RULE_NAME, looked);
}

/*
 * The program's own file, symbolic links resolved: from argv[0] when it
 * names a path, else (found on PATH) from /proc/self/exe.  NULL if
 * neither tells.
 */
static char *program_file(const char *argv0)
{
	char *real = NULL;

	if (argv0 && strchr(argv0, '/'))
		real = realpath(argv0, NULL);
	if (!real)
		real = realpath("/proc/self/exe", NULL);
	return real;
}

char *cocci_default_path(const char *argv0)
{
	const char *env = getenv("COCCIDRIVE_COCCI");
	struct strbuf looked = STRBUF_INIT;
	char *exe, *found;

	if (env && *env)
		return xstrdup(env);
	exe = program_file(argv0);
	found = cocci_find_rule(exe, COCCIDRIVE_DATADIR, &looked);
	free(exe);
	if (!found)
		die("no semantic patch: looked for " RULE_NAME " in %s; "
		    "give --cocci FILE or set COCCIDRIVE_COCCI",
		    looked.buf);
	strbuf_release(&looked);
	return found;
}

char *cocci_bundled_path(const char *argv0, const char *name)
{
	struct strbuf looked = STRBUF_INIT;
	char *exe = program_file(argv0);
	char *found = find_named(exe, COCCIDRIVE_DATADIR, name, &looked);

	free(exe);
	if (!found)
		die("no semantic patch: looked for %s in %s; give --cocci FILE "
		    "instead",
		    name, looked.buf);
	strbuf_release(&looked);
	return found;
}

int parse_version(const char *s, unsigned v[3])
{
	int i;

	v[0] = v[1] = v[2] = 0; /* "1.1" is 1.1.0 */
	for (i = 0; i < 3; i++) {
		char *end;
		unsigned long n;

		if (!*s)
			continue;
		errno = 0;
		n = strtoul(s, &end, 10);
		if (end == s || errno || n > 100000)
			return -1;
		v[i] = (unsigned)n;
		s = end;
		if (*s == '.')
			s++;
		else
			break;
	}
	return 0;
}

static void add_options(struct cocci *c, const char *line)
{
	char *copy = xstrdup(line), *save = NULL, *w;

	for (w = strtok_r(copy, " \t", &save); w;
	     w = strtok_r(NULL, " \t", &save)) {
		c->options = xrealloc(c->options,
				      (c->nr_options + 2) * sizeof(char *));
		c->options[c->nr_options++] = xstrdup(w);
		c->options[c->nr_options] = NULL;
	}
	free(copy);
}

static int parse_arity(const struct cocci *c, const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);

	if (end == s || *end || n <= 0 || n > 64)
		die("%s: bad arity '%s' in '// Coccidrive:' line", c->path, s);
	return (int)n;
}

/* The macro file's path: relative names are beside the rule. */
static void beside_rule(struct cocci *c, const char *name)
{
	const char *slash = strrchr(c->path, '/');
	struct strbuf sb = STRBUF_INIT;

	if (name[0] != '/' && slash)
		strbuf_add(&sb, c->path, (size_t)(slash - c->path + 1));
	strbuf_addstr(&sb, name);
	if (access(sb.buf, R_OK))
		die_errno("%s: macro file named in %s", sb.buf, c->path);
	free(c->macro_file);
	c->macro_file = strbuf_detach(&sb, NULL);
}

/*
 * The next word of a "// Coccidrive:" line: blank-separated, where a
 * value in double quotes may hold blanks (new-param="struct net *net").
 * Returns NULL at the end of the line.
 */
static char *next_word(char **pos)
{
	char *p = *pos + strspn(*pos, " \t"), *w = p, *out = p;
	int quoted = 0;

	if (!*p)
		return NULL;
	for (; *p && (quoted || (*p != ' ' && *p != '\t')); p++) {
		if (*p == '"')
			quoted = !quoted;
		else
			*out++ = *p;
	}
	*pos = *p ? p + 1 : p;
	*out = '\0';
	return w;
}

static void set_string(char **field, const char *value)
{
	free(*field);
	*field = xstrdup(value);
}

static void parse_coccidrive_line(struct cocci *c, const char *line)
{
	char *copy = xstrdup(line), *pos = copy, *w;

	while ((w = next_word(&pos))) {
		if (!strncmp(w, "function=", 9))
			set_string(&c->ident, w + 9);
		else if (!strncmp(w, "old-arity=", 10))
			c->old_arity = parse_arity(c, w + 10);
		else if (!strncmp(w, "new-arity=", 10))
			c->new_arity = parse_arity(c, w + 10);
		else if (!strncmp(w, "new-arg=", 8))
			set_string(&c->new_arg, w + 8);
		else if (!strncmp(w, "new-param=", 10))
			set_string(&c->new_param, w + 10);
		else if (!strncmp(w, "def-old=", 8))
			set_string(&c->def_old, w + 8);
		else if (!strncmp(w, "def-new=", 8))
			set_string(&c->def_new, w + 8);
		else if (!strncmp(w, "cleanup=", 8))
			set_string(&c->cleanup, w + 8);
		else if (!strncmp(w, "macro-file=", 11))
			beside_rule(c, w + 11);
		else if (!strcmp(w, "drop-arg=first"))
			c->drop_first_arg = 1;
		else if (!strncmp(w, "drop-arg=", 9))
			die("%s: drop-arg=%s: only the first argument can be "
			    "dropped (drop-arg=first)",
			    c->path, w + 9);
		else if (!strncmp(w, "drop-param=", 11))
			set_string(&c->drop_param, w + 11);
		else if (!strncmp(w, "drop-default=", 13))
			set_string(&c->drop_default, w + 13);
	}
	free(copy);
}

/* One "///" line, appended to the description. */
static void add_description(struct strbuf *desc, const char *text)
{
	if (*text == ' ')
		text++;
	if (desc->len || *text)
		strbuf_addf(desc, "%s%s", desc->len ? "\n" : "", text);
}

static void parse_header_line(struct cocci *c, const char *line,
			      struct strbuf *desc)
{
	if (!strncmp(line, "///", 3)) {
		add_description(desc, line + 3);
	} else if (!strncmp(line, "// Options:", 11)) {
		add_options(c, line + 11);
	} else if (!strncmp(line, "// Requires:", 12)) {
		if (parse_version(line + 12 + strspn(line + 12, " \t"),
				  c->requires))
			die("%s: bad '// Requires:' line", c->path);
	} else if (!strncmp(line, "// Coccidrive:", 14)) {
		parse_coccidrive_line(c, line + 14);
	}
}

void cocci_load(struct cocci *c, const char *path)
{
	struct strbuf sb = STRBUF_INIT, desc = STRBUF_INIT;
	char *line, *save = NULL;

	memset(c, 0, sizeof(*c));
	c->path = xstrdup(path);
	if (strbuf_read_file(&sb, path, 0))
		die_errno("%s: cannot read semantic patch", path);
	/* Header comments come first; stop at the first non-comment. */
	for (line = strtok_r(sb.buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		size_t n = strlen(line);

		/* A rule saved with CRLF line endings reads the same. */
		if (n && line[n - 1] == '\r')
			line[n - 1] = '\0';
		if (strncmp(line, "//", 2))
			break;
		parse_header_line(c, line, &desc);
	}
	strbuf_release(&sb);
	while (desc.len && desc.buf[desc.len - 1] == '\n')
		strbuf_setlen(&desc, desc.len - 1);
	c->description = desc.len ? strbuf_detach(&desc, NULL) : NULL;
	strbuf_release(&desc);
	if (c->cleanup) {
		/* The only clean-up the driver knows how to check. */
		if (strcmp(c->cleanup, "sk_change_net"))
			die("%s: unknown clean-up '%s' in '// Coccidrive:' "
			    "line",
			    path, c->cleanup);
		/* Its ledger's identifier; the arities are the call's. */
		if (!c->ident)
			c->ident = xstrdup("sk_change_net");
		if (!c->old_arity)
			c->old_arity = c->new_arity = 2;
	}
	if (!c->ident || c->old_arity <= 0 || c->new_arity <= 0)
		die("%s: no '// Coccidrive: function=NAME old-arity=N "
		    "new-arity=M' header line",
		    path);
	/* Either the rule adds an argument or it drops one, not both. */
	if (c->drop_first_arg &&
	    (c->new_arg || c->new_param || c->new_arity != c->old_arity - 1))
		die("%s: drop-arg=first needs new-arity=%d and no new-arg or "
		    "new-param",
		    path, c->old_arity - 1);
	if (!c->drop_first_arg && c->drop_param)
		die("%s: drop-param without drop-arg=first", path);
}

void cocci_release(struct cocci *c)
{
	size_t i;

	for (i = 0; i < c->nr_options; i++)
		free(c->options[i]);
	free(c->options);
	free(c->ident);
	free(c->macro_file);
	free(c->new_arg);
	free(c->new_param);
	free(c->def_old);
	free(c->def_new);
	free(c->description);
	free(c->cleanup);
	free(c->drop_param);
	free(c->drop_default);
	free(c->path);
	memset(c, 0, sizeof(*c));
}
