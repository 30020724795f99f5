// SPDX-License-Identifier: GPL-2.0-only
#include "root.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strbuf.h"
#include "util.h"

/*
 * dir/.git makes dir the top of a work tree: a repository (a directory
 * with a HEAD, as git itself asks) or a "gitdir: " file, which linked
 * worktrees and submodules have.  An empty ".git" folder (a test tree, a
 * leftover) is not one.
 */
static int holds_git(struct strbuf *sb)
{
	size_t len = sb->len;
	struct stat st;
	int yes = 0;

	strbuf_addstr(sb, len > 1 ? "/.git" : ".git");
	if (!stat(sb->buf, &st)) {
		if (S_ISDIR(st.st_mode)) {
			strbuf_addstr(sb, "/HEAD");
			yes = !lstat(sb->buf, &st);
		} else if (S_ISREG(st.st_mode)) {
			char head[8];
			int fd = open(sb->buf,
				      O_RDONLY | O_CLOEXEC | O_NONBLOCK);

			yes = fd >= 0 && read(fd, head, 8) == 8 &&
			      !memcmp(head, "gitdir: ", 8);
			if (fd >= 0)
				close(fd);
		}
	}
	strbuf_setlen(sb, len);
	return yes;
}

char *root_git_top(const char *dir)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addstr(&sb, dir);
	for (;;) {
		char *slash;

		if (holds_git(&sb))
			return strbuf_detach(&sb, NULL);
		slash = strrchr(sb.buf, '/');
		if (!slash || sb.len == 1)
			break;
		strbuf_setlen(&sb,
			      slash == sb.buf ? 1 : (size_t)(slash - sb.buf));
	}
	strbuf_release(&sb);
	return NULL;
}

/* real relative to root ("" for root itself), or NULL if not below it. */
static const char *below(const char *root, const char *real)
{
	size_t n = strlen(root);

	if (!strcmp(root, "/"))
		return real + 1;
	if (strncmp(real, root, n))
		return NULL;
	if (!real[n])
		return real + n;
	return real[n] == '/' ? real + n + 1 : NULL;
}

/* The directory a TREE really is, or the one holding the file it names. */
static char *real_dir(const char *real, int is_dir)
{
	const char *slash = strrchr(real, '/');

	if (is_dir)
		return xstrdup(real);
	return xstrndup(real, slash == real ? 1 : (size_t)(slash - real));
}

static char *not_below(const char *tree, const char *root, const char *how)
{
	return xstrfmt("%s: not below %s (%s): give --root DIR, patch paths "
		       "are relative to it",
		       tree, root, how);
}

/* A TREE's real place, and the top of the work tree above it. */
struct place {
	char *real, *dir, *top;
};

/*
 * The root, and each TREE's place below it; or NULL and the one-line
 * reason why not in *err.  Nothing is left allocated on error, so that
 * the caller can die without leaking.
 */
static char *decide(struct root *r, char *const *trees, size_t nr,
		    const char *given, struct place *pl)
{
	size_t i, git = nr;
	char *how = NULL;

	for (i = 0; i < nr; i++) {
		struct stat st;

		pl[i].real = realpath(trees[i], NULL);
		if (!pl[i].real || stat(pl[i].real, &st))
			return xstrfmt("%s: %s", trees[i], strerror(errno));
		pl[i].dir = real_dir(pl[i].real, S_ISDIR(st.st_mode));
		if (!given) {
			pl[i].top = root_git_top(pl[i].dir);
			if (pl[i].top && git == nr)
				git = i;
		}
	}
	if (given) {
		r->path = realpath(given, NULL);
		if (!r->path)
			return xstrfmt("--root: %s: %s", given,
				       strerror(errno));
		how = xstrdup("given by --root");
	} else if (git < nr) {
		r->path = xstrdup(pl[git].top);
		how = xstrfmt("the top of the git work tree of %s", trees[git]);
	} else {
		r->path = realpath(".", NULL);
		if (!r->path)
			return xstrfmt("the current directory: %s",
				       strerror(errno));
	}
	for (i = 0; i < nr; i++) {
		const char *rel = below(r->path, pl[i].real);
		char *err;

		/* Two work trees: say so, rather than "not below". */
		if (git < nr && pl[i].top && strcmp(pl[i].top, pl[git].top)) {
			free(how);
			return xstrfmt("%s and %s are in two git work trees, "
				       "%s and %s: give --root DIR, patch "
				       "paths are relative to it",
				       trees[git], trees[i], pl[git].top,
				       pl[i].top);
		}
		if (rel) {
			r->tree[i] = xstrdup(rel);
			continue;
		}
		if (!how)
			how = xstrfmt("the current directory; no git work tree "
				      "above %s",
				      pl[i].dir);
		err = not_below(trees[i], r->path, how);
		free(how);
		return err;
	}
	free(how);
	return NULL;
}

void root_find(struct root *r, char *const *trees, size_t nr, const char *given)
{
	struct place *pl;
	char *err;
	size_t i;

	memset(r, 0, sizeof(*r));
	/* What each TREE is comes before where it is. */
	for (i = 0; i < nr; i++) {
		struct stat st;

		if (stat(trees[i], &st))
			die_errno("%s", trees[i]);
		if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode))
			die("%s: not a directory or a regular file", trees[i]);
	}
	if (given) {
		struct stat st;

		if (stat(given, &st))
			die_errno("--root: %s", given);
		if (!S_ISDIR(st.st_mode))
			die("--root: %s: not a directory", given);
	}
	pl = xcalloc(nr ? nr : 1, sizeof(*pl));
	r->tree = xcalloc(nr ? nr : 1, sizeof(*r->tree));
	r->nr = nr;
	err = decide(r, trees, nr, given, pl);
	for (i = 0; i < nr; i++) {
		free(pl[i].real);
		free(pl[i].dir);
		free(pl[i].top);
	}
	free(pl);
	if (err) {
		root_release(r);
		die("%s", err);
	}
}

void root_release(struct root *r)
{
	size_t i;

	for (i = 0; i < r->nr; i++)
		free(r->tree[i]);
	free(r->tree);
	free(r->path);
	memset(r, 0, sizeof(*r));
}
