// SPDX-License-Identifier: GPL-2.0-only
#include "scan.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
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

/*
 * Version control and quilt keep copies of the sources in these (quilt's
 * .pc holds every patched file as it was): never code to convert.  Any
 * other name starting with '.' is scanned: a vendor tree may keep code
 * there.
 */
static int is_metadata_dir(const char *name)
{
	static const char *const names[] = { ".git", ".hg",   ".svn",
					     ".bzr", ".repo", ".pc" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (!strcmp(name, names[i]))
			return 1;
	return 0;
}

/* Counted once each, however many TREEs reach it: see count_skipped(). */
static void add_skipped(struct scan *s, const struct stat *st)
{
	struct scan_skipped *k;

	ALLOC_GROW(s->skipped, s->skipped_nr + 1, s->skipped_alloc);
	k = &s->skipped[s->skipped_nr++];
	k->dev = st->st_dev;
	k->ino = st->st_ino;
	k->is_link = S_ISLNK(st->st_mode);
}

static int cmp_skipped(const void *a, const void *b)
{
	const struct scan_skipped *x = a, *y = b;

	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	return x->ino < y->ino ? -1 : x->ino > y->ino;
}

static void count_skipped(struct scan *s)
{
	size_t i;

	if (s->skipped_nr)
		qsort(s->skipped, s->skipped_nr, sizeof(*s->skipped),
		      cmp_skipped);
	for (i = 0; i < s->skipped_nr; i++) {
		if (i && !cmp_skipped(&s->skipped[i - 1], &s->skipped[i]))
			continue;
		if (s->skipped[i].is_link)
			s->links_skipped++;
		else
			s->dirs_skipped++;
	}
}

static void add_file(struct scan *s, const char *path, const char *rel,
		     size_t tree, const struct stat *st)
{
	struct scan_file *f;

	ALLOC_GROW(s->v, s->nr + 1, s->alloc);
	f = &s->v[s->nr++];
	f->path = xstrdup(path);
	f->rel = xstrdup(rel);
	f->tree = tree;
	f->dev = st->st_dev;
	f->ino = st->st_ino;
	f->data = NULL;
	f->size = 0;
	f->stat_known = 1;
	f->st_size = st->st_size;
	f->mtime = st->st_mtim;
	f->ctime = st->st_ctim;
}

void scan_add_memory(struct scan *s, const char *label, const char *rel,
		     size_t tree, const char *data, size_t size)
{
	struct scan_file *f;

	ALLOC_GROW(s->v, s->nr + 1, s->alloc);
	f = &s->v[s->nr++];
	memset(f, 0, sizeof(*f));
	f->path = xstrdup(label);
	f->rel = xstrdup(rel);
	f->tree = tree;
	f->data = xmalloc(size + 1);
	memcpy(f->data, data, size);
	f->data[size] = '\0';
	f->size = size;
}

/*
 * A directory of the walk, opened relative to its parent (one name to
 * look up, not the whole path), never through a symbolic link; -1 with
 * errno set.
 */
static int open_dir_at(int parent, const char *name)
{
	return openat(parent, name,
		      O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC |
			      O_NONBLOCK);
}

/*
 * dfd is the open directory (closed here), dir its path to open files
 * by (the TREE as given, and the names below it); rel the same place
 * relative to the run's root (may be empty); neither has a trailing
 * slash.  The directory entry's type spares a stat() of each file that
 * is not C, and of each plain directory; only C files, links, metadata
 * directories and entries of unknown type are stat()ed, by their name
 * in the directory; with one TREE, not even C files.
 */
static void walk(struct scan *s, int dfd, struct strbuf *dir,
		 struct strbuf *rel, size_t tree)
{
	DIR *d = fdopendir(dfd);
	struct dirent *de;
	size_t dlen = dir->len, rlen = rel->len;

	if (!d)
		die_errno("%s: cannot read directory", dir->buf);
	for (;;) {
		struct stat st;
		int sub = -1;

		errno = 0;
		de = readdir(d);
		if (!de)
			break;
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		/*
		 * A regular file that is not C needs no lstat(): a third of
		 * a kernel tree's entries, and what a warm run spends most on.
		 */
		if (de->d_type == DT_REG && !scan_is_c_file(de->d_name))
			continue;
		strbuf_setlen(dir, dlen);
		strbuf_setlen(rel, rlen);
		strbuf_addf(dir, "/%s", de->d_name);
		strbuf_addf(rel, "%s%s", rlen ? "/" : "", de->d_name);
		/* A directory replaced by a link meanwhile: stat() says so. */
		if (de->d_type == DT_DIR && !is_metadata_dir(de->d_name))
			sub = open_dir_at(dirfd(d), de->d_name);
		if (sub >= 0) {
			walk(s, sub, dir, rel, tree);
			continue;
		}
		/*
		 * One TREE: no file can be reached twice (drop_repeats()), so
		 * a C file needs no stat().
		 */
		if (de->d_type == DT_REG && !s->want_ids && !s->want_stat) {
			memset(&st, 0, sizeof(st));
			add_file(s, dir->buf, rel->buf, tree, &st);
			s->v[s->nr - 1].stat_known = 0;
			continue;
		}
		if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW))
			die_errno("%s: cannot stat", dir->buf);
		if (S_ISLNK(st.st_mode) ||
		    (S_ISDIR(st.st_mode) && is_metadata_dir(de->d_name))) {
			add_skipped(s, &st);
		} else if (S_ISDIR(st.st_mode)) {
			sub = open_dir_at(dirfd(d), de->d_name);
			if (sub < 0)
				die_errno("%s: cannot read directory",
					  dir->buf);
			walk(s, sub, dir, rel, tree);
		} else if (S_ISREG(st.st_mode) && scan_is_c_file(de->d_name)) {
			add_file(s, dir->buf, rel->buf, tree, &st);
		}
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

/* A file's identity and its place in the scan order. */
struct file_id {
	dev_t dev;
	ino_t ino;
	size_t at;
};

static int cmp_id(const void *a, const void *b)
{
	const struct file_id *x = a, *y = b;

	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	if (x->ino != y->ino)
		return x->ino < y->ino ? -1 : 1;
	return x->at < y->at ? -1 : x->at > y->at;
}

/*
 * Trees that overlap ("t t", "t t/fs", "t t/fs/x.c") name the same file
 * twice: converted twice, its hunks would be doubled in the patch and the
 * second rename of --in-place would undo the first.  A file is its device
 * and inode; the first TREE that names it keeps it.  Hard links within
 * one tree stay: the patch must change each path.  s must be sorted.
 */
static void drop_repeats(struct scan *s)
{
	struct file_id *id = xcalloc(s->nr, sizeof(*id));
	char *drop = xcalloc(s->nr, 1);
	size_t i, first = 0, n = 0;

	for (i = 0; i < s->nr; i++) {
		id[i].dev = s->v[i].dev;
		id[i].ino = s->v[i].ino;
		id[i].at = i;
	}
	qsort(id, s->nr, sizeof(*id), cmp_id);
	/* The first of each group comes from the lowest tree. */
	for (i = 1; i < s->nr; i++) {
		if (id[i].dev != id[first].dev || id[i].ino != id[first].ino)
			first = i;
		else if (s->v[id[i].at].tree != s->v[id[first].at].tree)
			drop[id[i].at] = 1;
	}
	for (i = 0; i < s->nr; i++) {
		if (drop[i]) {
			free(s->v[i].path);
			free(s->v[i].rel);
			continue;
		}
		s->v[n++] = s->v[i];
	}
	s->nr = n;
	free(id);
	free(drop);
}

/* Byte order of the root-relative path: the order of the patch. */
static int cmp_rel(const void *a, const void *b)
{
	const struct scan_file *x = a, *y = b;
	int c = strcmp(x->rel, y->rel);

	if (c)
		return c;
	return x->tree < y->tree ? -1 : x->tree > y->tree;
}

void scan_trees(char *const *trees, size_t nr, const struct root *root,
		struct scan *out)
{
	struct strbuf dir = STRBUF_INIT, rel = STRBUF_INIT;
	size_t i;

	out->want_ids = nr > 1;
	for (i = 0; i < nr; i++) {
		struct stat st;

		if (stat(trees[i], &st))
			die_errno("%s", trees[i]);
		strbuf_reset(&dir);
		strbuf_reset(&rel);
		/* Where the TREE really is, below the root (root.h). */
		strbuf_addstr(&rel, root->tree[i]);
		if (S_ISDIR(st.st_mode)) {
			int fd = open(trees[i], O_RDONLY | O_DIRECTORY |
							O_CLOEXEC | O_NONBLOCK);

			if (fd < 0)
				die_errno("%s: cannot read directory",
					  trees[i]);
			strbuf_addstr(&dir, trees[i]);
			while (dir.len > 1 && dir.buf[dir.len - 1] == '/')
				strbuf_setlen(&dir, dir.len - 1);
			walk(out, fd, &dir, &rel, i);
		} else if (S_ISREG(st.st_mode)) {
			add_file(out, trees[i], rel.buf, i, &st);
		} else {
			die("%s: not a directory or a regular file", trees[i]);
		}
	}
	strbuf_release(&dir);
	strbuf_release(&rel);
	/*
	 * One TREE reaches no file twice (hard links within it stay), so
	 * only several need drop_repeats() and its two sorts: a warm run
	 * over a kernel spends a tenth of its time sorting.
	 */
	if (out->nr > 1 && nr > 1) {
		qsort(out->v, out->nr, sizeof(*out->v), cmp_file);
		drop_repeats(out);
	}
	if (out->nr > 1)
		qsort(out->v, out->nr, sizeof(*out->v), cmp_rel);
	count_skipped(out);
}

void scan_release(struct scan *s)
{
	size_t i;

	for (i = 0; i < s->nr; i++) {
		free(s->v[i].path);
		free(s->v[i].rel);
		free(s->v[i].data);
	}
	free(s->v);
	free(s->skipped);
	memset(s, 0, sizeof(*s));
}
