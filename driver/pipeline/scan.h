/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * scan: which files of the trees given on the command line are C.
 *
 * Walks each TREE (or takes it as a single file), keeps *.c and *.h,
 * also in folders and files whose names start with '.', and skips only
 * the metadata directories of version control and quilt (.git, .hg,
 * .svn, .bzr, .repo, .pc), counting them.  It never follows a symbolic
 * link (counted too): a link inside the tree names a file that is
 * scanned where it really is, and one that leaves the tree, or loops,
 * must not be written through.  Each file is listed once, however the
 * TREEs overlap: the first TREE that names it keeps it (its path to
 * open, and whether it was named as a symbolic link).
 *
 * rel, the name in the patch and the reports, is relative to the run's
 * root (root.h), the same for every TREE: never "..", never a leading
 * '/'.  A file given as TREE is named where it really is, also when the
 * TREE is a symbolic link to it.  Files come out in byte order of rel,
 * whatever the order of the TREEs: the order of the patch, and of every
 * result of coccidrive.
 *
 * Cheap on a large tree: each directory is opened relative to its parent
 * (O_NOFOLLOW), and an entry's type is taken from the directory where
 * it tells: no stat() of a file that is not C, nor of a plain
 * directory, nor (with one TREE) of a C file.
 *
 * Also in a git work tree: the index would not spare the walk, since
 * untracked files must be found too (never a silent miss).  Measured on
 * Linux 6.1 as a git clone (78,637 index entries): this walk 0.11 s of
 * CPU; libgit2's index load alone 0.06 s, its status with untracked
 * files (workdir only) 0.27 s; "git ls-files -co" 0.15 s.
 */
#ifndef COCCIDRIVE_SCAN_H
#define COCCIDRIVE_SCAN_H

#include <stddef.h>
#include <sys/types.h>
#include <time.h>

#include "root.h"

struct scan_file {
	char *path; /* what to open: the TREE as given, and the names below */
	char *rel; /* the path in diffs and reports, relative to the root */
	size_t tree; /* index of the TREE argument it came from */
	/*
	 * Which file it is, whatever the path; only known (else 0) when
	 * several TREEs are scanned, where one file may be reached twice.
	 */
	dev_t dev;
	ino_t ino;
	/*
	 * A file held in memory (a blob of a commit, scan_add_memory()):
	 * its bytes, read from here and never from path, which is then only
	 * a label ("1a2b3c4d5e6f:net/x.c").  NULL: a file on disk.
	 */
	char *data;
	size_t size;
	/*
	 * What the walk's lstat() said (stat() for a TREE that is a file),
	 * for the scan cache (cache.h): whether the file is still what a
	 * past run read.  stat_known 0: not known (a file in memory).
	 */
	int stat_known;
	off_t st_size;
	struct timespec mtime, ctime;
};

/* A link or a metadata directory the walk did not enter. */
struct scan_skipped {
	dev_t dev;
	ino_t ino;
	int is_link;
};

struct scan {
	struct scan_file *v;
	size_t nr, alloc;
	/* Each counted once, also when several TREEs reach it. */
	size_t links_skipped; /* symbolic links, never followed */
	size_t dirs_skipped; /* .git, .pc and the like */
	struct scan_skipped *skipped;
	size_t skipped_nr, skipped_alloc;
	int want_ids; /* while scanning: fill dev and ino */
	/*
	 * Set by the caller before scan_trees(): every file's lstat() (for
	 * the scan cache); else, with one TREE, C files are not stat()ed
	 * and their stat_known is 0.
	 */
	int want_stat;
};

/*
 * Dies with "path: cause" and status 2 when a TREE does not exist, is not
 * a directory or regular file, or a directory in it cannot be read: a
 * partial scan would be a silent miss.
 */
void scan_trees(char *const *trees, size_t nr, const struct root *root,
		struct scan *out);
void scan_release(struct scan *s);

/*
 * A file held in memory, added at the end (the caller orders them): the
 * input of "check --git-range" and "--patch", which never reads a work
 * tree.  Takes copies; rel is the name in reports, label what -v shows.
 * Several entries may share a rel (two commits' versions of one file):
 * the ledger's occurrences point at the entry's own rel string
 * (ledger.h), which tells them apart.
 */
void scan_add_memory(struct scan *s, const char *label, const char *rel,
		     size_t tree, const char *data, size_t size);

/* Whether a file name is one coccidrive looks at (*.c, *.h). */
int scan_is_c_file(const char *name);

#endif
