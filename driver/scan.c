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
			/* A single file keeps its path, minus any "./". */
			clean_rel(&rel, trees[i]);
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
