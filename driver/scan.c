// SPDX-License-Identifier: GPL-2.0-only
#include "scan.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "strbuf.h"
#include "util.h"

int scan_is_c_file(const char *name)
{
	size_t n = strlen(name);

	return n > 2 && name[n - 2] == '.' &&
	       (name[n - 1] == 'c' || name[n - 1] == 'h');
}

static void add_file(struct scan *s, const char *path, const char *rel,
		     size_t tree)
{
	struct scan_file *f;

	ALLOC_GROW(s->v, s->nr + 1, s->alloc);
	f = &s->v[s->nr++];
	f->path = xstrdup(path);
	f->rel = xstrdup(rel);
	f->tree = tree;
}

/* dir is "tree/rel" (rel may be empty); rel has no trailing slash. */
static void walk(struct scan *s, struct strbuf *dir, struct strbuf *rel,
		 size_t tree)
{
	DIR *d = opendir(dir->buf);
	struct dirent *de;
	size_t dlen = dir->len, rlen = rel->len;

	if (!d)
		die_errno("%s: cannot read directory", dir->buf);
	for (;;) {
		struct stat st;

		errno = 0;
		de = readdir(d);
		if (!de)
			break;
		if (de->d_name[0] == '.')
			continue; /* ".", "..", .git, .pc and friends */
		strbuf_setlen(dir, dlen);
		strbuf_setlen(rel, rlen);
		strbuf_addf(dir, "/%s", de->d_name);
		strbuf_addf(rel, "%s%s", rlen ? "/" : "", de->d_name);
		if (lstat(dir->buf, &st))
			die_errno("%s: cannot stat", dir->buf);
		if (S_ISLNK(st.st_mode))
			s->links_skipped++;
		else if (S_ISDIR(st.st_mode))
			walk(s, dir, rel, tree);
		else if (S_ISREG(st.st_mode) && scan_is_c_file(de->d_name))
			add_file(s, dir->buf, rel->buf, tree);
	}
	if (errno)
		die_errno("%s: cannot read directory", dir->buf);
	closedir(d);
	strbuf_setlen(dir, dlen);
	strbuf_setlen(rel, rlen);
}

static int cmp_file(const void *a, const void *b)
{
	const struct scan_file *x = a, *y = b;

	if (x->tree != y->tree)
		return x->tree < y->tree ? -1 : 1;
	return strcmp(x->rel, y->rel);
}

/* A ".." component: a path that climbs out of where it starts. */
static int has_dotdot(const char *p)
{
	while (*p) {
		size_t n = strcspn(p, "/");

		if (n == 2 && p[0] == '.' && p[1] == '.')
			return 1;
		p += n;
		while (*p == '/')
			p++;
	}
	return 0;
}

/* "./a//b/" -> "a/b": the form a path takes in a diff header. */
static void clean_rel(struct strbuf *sb, const char *path)
{
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	while (*path == '/')
		path++;
	for (; *path; path++) {
		if (*path == '/' &&
		    (sb->len == 0 || sb->buf[sb->len - 1] == '/'))
			continue;
		strbuf_addch(sb, *path);
	}
	while (sb->len && sb->buf[sb->len - 1] == '/')
		strbuf_setlen(sb, sb->len - 1);
}

/*
 * The name in the patch of a file given as TREE: its path as given when
 * that stays below the current directory ("net/socket.c"), else its path
 * from the current directory when it lies below it, else its bare name
 * (the patch then applies in the file's own directory, as a directory
 * TREE's patch applies in that TREE).  Never a "../" or absolute path,
 * which git apply refuses.
 */
static void single_file_rel(struct strbuf *rel, const char *path)
{
	const char *base = strrchr(path, '/');
	struct strbuf dir = STRBUF_INIT;
	char *real = NULL, *cwd = NULL;

	clean_rel(rel, path);
	if (path[0] != '/' && !has_dotdot(rel->buf))
		return;
	strbuf_reset(rel);
	base = base ? base + 1 : path;
	strbuf_add(&dir, path, (size_t)(base - path));
	real = realpath(dir.len ? dir.buf : ".", NULL);
	cwd = realpath(".", NULL);
	if (real && cwd) {
		size_t n = strlen(cwd);

		if (!strcmp(real, cwd))
			; /* the file is in the current directory */
		else if (!strncmp(real, cwd, n) && real[n] == '/')
			strbuf_addf(rel, "%s/", real + n + 1);
		else if (!strcmp(cwd, "/"))
			strbuf_addf(rel, "%s/", real + 1);
	}
	strbuf_addstr(rel, base);
	free(real);
	free(cwd);
	strbuf_release(&dir);
}

void scan_trees(char *const *trees, size_t nr, struct scan *out)
{
	struct strbuf dir = STRBUF_INIT, rel = STRBUF_INIT;
	size_t i;

	for (i = 0; i < nr; i++) {
		struct stat st;

		if (stat(trees[i], &st))
			die_errno("%s", trees[i]);
		strbuf_reset(&dir);
		strbuf_reset(&rel);
		if (S_ISDIR(st.st_mode)) {
			strbuf_addstr(&dir, trees[i]);
			while (dir.len > 1 && dir.buf[dir.len - 1] == '/')
				strbuf_setlen(&dir, dir.len - 1);
			walk(out, &dir, &rel, i);
		} else if (S_ISREG(st.st_mode)) {
			single_file_rel(&rel, trees[i]);
			add_file(out, trees[i], rel.buf, i);
		} else {
			die("%s: not a directory or a regular file", trees[i]);
		}
	}
	strbuf_release(&dir);
	strbuf_release(&rel);
	if (out->nr)
		qsort(out->v, out->nr, sizeof(*out->v), cmp_file);
}

void scan_release(struct scan *s)
{
	size_t i;

	for (i = 0; i < s->nr; i++) {
		free(s->v[i].path);
		free(s->v[i].rel);
	}
	free(s->v);
	memset(s, 0, sizeof(*s));
}
