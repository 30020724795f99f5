/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * scan: which files of the trees given on the command line are C.
 *
 * Walks each TREE (or takes it as a single file), keeps *.c and *.h,
 * skips hidden directories (.git, .pc) and never follows a symbolic link:
 * a link inside the tree names a file that is scanned where it really is,
 * and one that leaves the tree, or loops, must not be written through.
 * Files come out sorted (tree order, then byte order of the path), so
 * every result of coccidrive is in one stable order.
 */
#ifndef COCCIDRIVE_SCAN_H
#define COCCIDRIVE_SCAN_H

#include <stddef.h>

struct scan_file {
	char *path; /* what to open: the tree joined with rel */
	char *rel; /* the path in diffs and reports */
	size_t tree; /* index of the TREE argument it came from */
};

struct scan {
	struct scan_file *v;
	size_t nr, alloc;
	size_t links_skipped;
};

/*
 * Dies with "path: cause" and status 2 when a TREE does not exist, is not
 * a directory or regular file, or a directory in it cannot be read: a
 * partial scan would be a silent miss.
 */
void scan_trees(char *const *trees, size_t nr, struct scan *out);
void scan_release(struct scan *s);

/* Whether a file name is one coccidrive looks at (*.c, *.h). */
int scan_is_c_file(const char *name);

#endif
