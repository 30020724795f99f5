// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for driver/scan.c and root.c: which files of a tree are C,
 * in which order, under which name relative to the root, and that no
 * symbolic link is ever followed.  Each test works in a fresh tree under
 * a mkdtemp() directory.
 */
#include "root.h"
#include "scan.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "strbuf.h"
#include "unit.h"
#include "unit_tmp.h"
#include "util.h"

/* ---- helpers */

/* tmpdir/rel as a path in sb. */
static const char *at(struct strbuf *sb, const char *rel)
{
	strbuf_reset(sb);
	strbuf_addf(sb, "%s/%s", tmpdir, rel);
	return sb->buf;
}

static void mkdir_in(const char *rel)
{
	struct strbuf p = STRBUF_INIT;

	if (mkdir(at(&p, rel), 0755))
		die_errno("mkdir %s", p.buf);
	strbuf_release(&p);
}

static void touch_in(const char *rel)
{
	struct strbuf p = STRBUF_INIT;
	int fd = open(at(&p, rel), O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0 || write(fd, "int x;\n", 7) != 7 || close(fd))
		die_errno("cannot write %s", p.buf);
	strbuf_release(&p);
}

static void symlink_in(const char *target, const char *rel)
{
	struct strbuf p = STRBUF_INIT;

	if (symlink(target, at(&p, rel)))
		die_errno("symlink %s", p.buf);
	strbuf_release(&p);
}

/* The scan of trees with the paths relative to root_dir (--root). */
static void scan_in(char *const *trees, size_t nr, const char *root_dir,
		    struct scan *s)
{
	struct root r;

	root_find(&r, trees, nr, root_dir);
	scan_trees(trees, nr, &r, s);
	root_release(&r);
}

/*
 * The rel of every file, one per line; and path == root + "/" + rel when
 * the trees were given as absolute paths below root (no link on the way).
 */
static void dump_scan(const struct scan *s, const char *root,
		      struct strbuf *out)
{
	struct strbuf want = STRBUF_INIT;
	size_t i;

	for (i = 0; i < s->nr; i++) {
		strbuf_addf(out, "%s\n", s->v[i].rel);
		if (root) {
			strbuf_reset(&want);
			strbuf_addf(&want, "%s/%s", root, s->v[i].rel);
			EXPECT_STR(s->v[i].path, want.buf);
		}
	}
	strbuf_release(&want);
}

/* A tree with a bit of everything, made once. */
static void make_tree(void)
{
	static const char *const files[] = {
		"B.c",	       "_.c",	      "a.c",	       "a-b.c",
		"a0.c",	       "x.h",	      "a.cc",	       "notes.txt",
		"Makefile",    ".hidden.c",   "a/x.c",	       "a/deep/er/y.h",
		"a/y.txt",     "a/.pc/z.c",   ".git/hidden.c", "sub.c/k.c",
		"empty/.keep", ".vendor/v.c", "hard/one.c",
	};
	static const char *const dirs[] = { "a",     "a/deep",	"a/deep/er",
					    "a/.pc", ".git",	"sub.c",
					    "empty", ".vendor", "hard" };
	struct strbuf p = STRBUF_INIT;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(dirs); i++)
		mkdir_in(dirs[i]);
	for (i = 0; i < ARRAY_SIZE(files); i++)
		touch_in(files[i]);
	/* Two names of one file: both are to be converted. */
	{
		struct strbuf q = STRBUF_INIT;

		if (link(at(&p, "hard/one.c"), at(&q, "hard/two.c")))
			die_errno("link %s", q.buf);
		strbuf_release(&q);
	}
	/* A link to a file, one that loops, one to a directory above. */
	symlink_in("a.c", "link.c");
	symlink_in("self.c", "self.c");
	symlink_in("..", "a/up");
	/* A FIFO named like C: not a regular file. */
	if (mkfifo(at(&p, "fifo.c"), 0644))
		die_errno("mkfifo %s", p.buf);
	strbuf_release(&p);
}

/* ---- tests */

static void test_is_c_file(void)
{
	EXPECT(scan_is_c_file("a.c"));
	EXPECT(scan_is_c_file("a.h"));
	EXPECT(scan_is_c_file("sock.c"));
	EXPECT(scan_is_c_file("a.b.c"));
	EXPECT(!scan_is_c_file(".c"));
	EXPECT(!scan_is_c_file(".h"));
	EXPECT(!scan_is_c_file("c"));
	EXPECT(!scan_is_c_file(""));
	EXPECT(!scan_is_c_file("a.cc"));
	EXPECT(!scan_is_c_file("a.hh"));
	EXPECT(!scan_is_c_file("a.C"));
	EXPECT(!scan_is_c_file("a.H"));
	EXPECT(!scan_is_c_file("a.c~"));
	EXPECT(!scan_is_c_file("a.c.orig"));
	EXPECT(!scan_is_c_file("ac"));
	EXPECT(!scan_is_c_file("a.s"));
}

static void test_walk(void)
{
	struct scan s = { 0 };
	struct strbuf out = STRBUF_INIT;
	char *trees[] = { tmpdir };
	size_t i;

	scan_in(trees, 1, tmpdir, &s);
	dump_scan(&s, tmpdir, &out);
	/*
	 * Byte order: '.' < 'B' < '_' < 'a', and '-' < '.' < '/' < '0'.
	 * Hidden files and folders are scanned (a vendor may keep code
	 * there), .git and a/.pc are not; both names of a file are listed.
	 */
	EXPECT_STR(out.buf, ".hidden.c\n"
			    ".vendor/v.c\n"
			    "B.c\n"
			    "_.c\n"
			    "a-b.c\n"
			    "a.c\n"
			    "a/deep/er/y.h\n"
			    "a/x.c\n"
			    "a0.c\n"
			    "hard/one.c\n"
			    "hard/two.c\n"
			    "sub.c/k.c\n"
			    "x.h\n");
	for (i = 0; i < s.nr; i++)
		EXPECT(s.v[i].tree == 0);
	/* link.c, self.c and a/up: counted, never followed. */
	EXPECT(s.links_skipped == 3);
	EXPECT(s.dirs_skipped == 2);
	scan_release(&s);
	EXPECT(s.nr == 0 && s.v == NULL && s.links_skipped == 0 &&
	       s.dirs_skipped == 0);
	strbuf_release(&out);
}

static void test_trailing_slashes(void)
{
	struct scan s = { 0 };
	struct strbuf tree = STRBUF_INIT, out = STRBUF_INIT;
	char *trees[1];

	strbuf_addf(&tree, "%s/a//", tmpdir);
	trees[0] = tree.buf;
	scan_in(trees, 1, tmpdir, &s);
	dump_scan(&s, tmpdir, &out);
	EXPECT_STR(out.buf, "a/deep/er/y.h\na/x.c\n");
	scan_release(&s);
	/* The TREE is the root: paths from there. */
	scan_in(trees, 1, trees[0], &s);
	strbuf_reset(&out);
	dump_scan(&s, NULL, &out);
	EXPECT_STR(out.buf, "deep/er/y.h\nx.c\n");
	scan_release(&s);
	strbuf_release(&tree);
	strbuf_release(&out);
}

static void test_several_trees(void)
{
	struct scan s = { 0 };
	struct strbuf t0 = STRBUF_INIT, t1 = STRBUF_INIT, out = STRBUF_INIT;
	char *trees[3];

	/*
	 * Byte order of the path from the root, whatever the order of the
	 * TREEs: "a/x.c" of tree 2 comes before "sub.c/k.c" of tree 0.
	 */
	trees[0] = (char *)at(&t0, "sub.c");
	trees[1] = (char *)at(&t1, "a/deep");
	trees[2] = (char *)at(&out, "a/x.c");
	trees[2] = xstrdup(trees[2]);
	strbuf_reset(&out);
	scan_in(trees, 3, tmpdir, &s);
	dump_scan(&s, tmpdir, &out);
	EXPECT_STR(out.buf, "a/deep/er/y.h\na/x.c\nsub.c/k.c\n");
	EXPECT(s.nr == 3);
	if (s.nr == 3)
		EXPECT(s.v[0].tree == 1 && s.v[1].tree == 2 &&
		       s.v[2].tree == 0);
	scan_release(&s);
	free(trees[2]);
	strbuf_release(&t0);
	strbuf_release(&t1);
	strbuf_release(&out);
}

/*
 * Overlapping TREEs name files twice: each file is listed once, under
 * the first TREE that names it, and what was skipped is counted once.
 */
static void test_overlapping_trees(void)
{
	struct scan s = { 0 }, once = { 0 };
	struct strbuf a = STRBUF_INIT, x = STRBUF_INIT, out = STRBUF_INIT;
	struct strbuf want = STRBUF_INIT;
	char *trees[4];
	size_t i;

	trees[0] = tmpdir;
	scan_in(trees, 1, tmpdir, &once);
	dump_scan(&once, tmpdir, &want);
	trees[1] = (char *)at(&a, "a");
	trees[2] = tmpdir;
	trees[3] = (char *)at(&x, "a/x.c");
	scan_in(trees, 4, tmpdir, &s);
	dump_scan(&s, tmpdir, &out);
	EXPECT_STR(out.buf, want.buf);
	EXPECT(s.nr == once.nr);
	for (i = 0; i < s.nr; i++)
		EXPECT(s.v[i].tree == 0);
	EXPECT(s.links_skipped == 3 && s.dirs_skipped == 2);
	scan_release(&s);

	/*
	 * The narrower TREE first: it keeps its files, the other the rest;
	 * the names and their order are the same.
	 */
	trees[0] = (char *)at(&a, "a");
	trees[1] = tmpdir;
	scan_in(trees, 2, tmpdir, &s);
	strbuf_reset(&out);
	dump_scan(&s, tmpdir, &out);
	EXPECT_STR(out.buf, want.buf);
	EXPECT(s.nr == once.nr);
	for (i = 0; i < s.nr; i++)
		EXPECT(s.v[i].tree == (strncmp(s.v[i].rel, "a/", 2) ? 1u : 0u));
	scan_release(&s);
	scan_release(&once);
	strbuf_release(&a);
	strbuf_release(&x);
	strbuf_release(&out);
	strbuf_release(&want);
}

static void test_single_file(void)
{
	struct scan s = { 0 };
	char *trees[] = { "./a/x.c", ".//a//deep/er//y.h", "x.h" };

	if (chdir(tmpdir))
		die_errno("chdir %s", tmpdir);
	scan_in(trees, ARRAY_SIZE(trees), ".", &s);
	EXPECT(s.nr == 3);
	if (s.nr == 3) {
		/* The path as given, the rel without "./" and "//". */
		EXPECT_STR(s.v[0].path, ".//a//deep/er//y.h");
		EXPECT_STR(s.v[0].rel, "a/deep/er/y.h");
		EXPECT_STR(s.v[1].path, "./a/x.c");
		EXPECT_STR(s.v[1].rel, "a/x.c");
		EXPECT_STR(s.v[2].path, "x.h");
		EXPECT_STR(s.v[2].rel, "x.h");
		EXPECT(s.v[0].tree == 1 && s.v[1].tree == 0 &&
		       s.v[2].tree == 2);
	}
	scan_release(&s);
	/* A relative directory tree: paths to open stay relative. */
	{
		char *rel_tree[] = { "./sub.c/" };

		scan_in(rel_tree, 1, ".", &s);
		EXPECT(s.nr == 1);
		if (s.nr == 1) {
			EXPECT_STR(s.v[0].path, "./sub.c/k.c");
			EXPECT_STR(s.v[0].rel, "sub.c/k.c");
		}
		scan_release(&s);
	}
	/* From a subdirectory, with "..": the same names. */
	if (chdir("a/deep"))
		die_errno("chdir a/deep");
	{
		char *up[] = { "../../sub.c/../a/x.c", "er", "../../link.c" };

		scan_in(up, 3, "../..", &s);
		EXPECT(s.nr == 3);
		if (s.nr == 3) {
			/* A link given as TREE: the file where it really is. */
			EXPECT_STR(s.v[0].rel, "a.c");
			EXPECT_STR(s.v[0].path, "../../link.c");
			EXPECT_STR(s.v[1].rel, "a/deep/er/y.h");
			EXPECT_STR(s.v[1].path, "er/y.h");
			EXPECT_STR(s.v[2].rel, "a/x.c");
			EXPECT_STR(s.v[2].path, "../../sub.c/../a/x.c");
		}
		scan_release(&s);
	}
	if (chdir(cwd))
		die_errno("chdir %s", cwd);
}

/* The root is real: a TREE named through a link to it gets the same rel. */
static void test_root_through_link(void)
{
	struct scan s = { 0 };
	struct strbuf l = STRBUF_INIT, t = STRBUF_INIT;
	char *trees[1];

	symlink_in(tmpdir, "self-link");
	at(&l, "self-link");
	strbuf_addf(&t, "%s/a", l.buf);
	trees[0] = t.buf;
	scan_in(trees, 1, tmpdir, &s);
	EXPECT(s.nr == 2);
	if (s.nr == 2)
		EXPECT_STR(s.v[1].rel, "a/x.c");
	scan_release(&s);
	/* And the other way round: --root through the link. */
	trees[0] = (char *)at(&t, "a");
	scan_in(trees, 1, l.buf, &s);
	EXPECT(s.nr == 2);
	if (s.nr == 2)
		EXPECT_STR(s.v[1].rel, "a/x.c");
	scan_release(&s);
	if (unlink(l.buf))
		die_errno("unlink %s", l.buf);
	strbuf_release(&l);
	strbuf_release(&t);
}

/* Which directory is the top of a git work tree, without git. */
static void test_git_top(void)
{
	struct strbuf p = STRBUF_INIT, want = STRBUF_INIT;
	char *real = realpath(tmpdir, NULL), *top;
	int fd;

	if (!real)
		die_errno("realpath %s", tmpdir);
	/* make_tree()'s .git has no HEAD: not a repository. */
	strbuf_addf(&p, "%s/a", real);
	top = root_git_top(p.buf);
	EXPECT(!top || strncmp(top, real, strlen(real)));
	free(top);
	/* A repository: a .git directory with a HEAD. */
	mkdir_in("g");
	mkdir_in("g/.git");
	mkdir_in("g/sub");
	touch_in("g/.git/HEAD");
	strbuf_reset(&p);
	strbuf_addf(&p, "%s/g/sub", real);
	strbuf_addf(&want, "%s/g", real);
	top = root_git_top(p.buf);
	EXPECT(top != NULL);
	if (top)
		EXPECT_STR(top, want.buf);
	free(top);
	/* A linked worktree or a submodule: a .git file "gitdir: ...". */
	mkdir_in("g/sub/wt");
	at(&p, "g/sub/wt/.git");
	fd = open(p.buf, O_WRONLY | O_CREAT | O_EXCL, 0644);
	if (fd < 0 || write(fd, "gitdir: /x\n", 11) != 11 || close(fd))
		die_errno("cannot write %s", p.buf);
	strbuf_reset(&p);
	strbuf_addf(&p, "%s/g/sub/wt", real);
	top = root_git_top(p.buf);
	EXPECT(top != NULL);
	if (top)
		EXPECT_STR(top, p.buf);
	free(top);
	/* A .git file that says something else: not one; the repo above. */
	touch_in("g/sub/.git");
	strbuf_reset(&p);
	strbuf_addf(&p, "%s/g/sub", real);
	top = root_git_top(p.buf);
	EXPECT(top != NULL);
	if (top)
		EXPECT_STR(top, want.buf);
	free(top);
	free(real);
	strbuf_release(&p);
	strbuf_release(&want);
}

static void test_empty_tree(void)
{
	struct scan s = { 0 };
	struct strbuf p = STRBUF_INIT;
	char *trees[1];

	trees[0] = (char *)at(&p, "empty");
	scan_in(trees, 1, tmpdir, &s);
	EXPECT(s.nr == 0 && s.links_skipped == 0);
	scan_release(&s);
	strbuf_release(&p);
}

int main(void)
{
	unit_tmp_setup("test_scan");
	make_tree();
	RUN(test_is_c_file);
	RUN(test_walk);
	RUN(test_trailing_slashes);
	RUN(test_several_trees);
	RUN(test_overlapping_trees);
	RUN(test_single_file);
	RUN(test_root_through_link);
	RUN(test_git_top);
	RUN(test_empty_tree);
	unit_tmp_cleanup();
	return UNIT_EXIT();
}
