/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * root: the one directory that every path of a run is relative to, in
 * the patch, the "file:line:col:" lines, the hints and the JSON report,
 * so that the patch applies there ("git apply", "patch -p1") however the
 * TREEs were named: "net/ipv4", "./net/../net/ipv4", "/abs/linux/net",
 * from the top or from a subdirectory, through a symbolic link.
 *
 * Which directory, decided once, before the scan:
 *   - --root DIR when given;
 *   - else the top of the git work tree the TREEs are in: the nearest
 *     directory at or above a TREE's real place that holds a ".git"
 *     directory (with a HEAD) or a ".git" file starting "gitdir: " (a
 *     linked worktree, a submodule).  git is not run: a tree without git
 *     installed, or one copied with its .git, is the same;
 *   - else the current directory.
 * The choice never depends on the order of the TREEs: when any TREE is in
 * a git work tree, every TREE must be in that same one.
 *
 * Guarantees, once root_find() returns: r->path is absolute and real (no
 * symbolic link, "." or ".." in it).  r->tree[i] is the real place of
 * TREE i (of the file it names, for a TREE that is a symbolic link to a
 * file) relative to r->path: "" for the root itself, else names joined by
 * single '/', none "." or "..", no leading or trailing '/'; so a path
 * built from it never climbs out of the root nor starts with '/', which
 * git apply refuses.  Otherwise it dies, status 2, in one line naming the
 * TREE, the root and how it was chosen: a TREE not at or below the root,
 * TREEs in two git work trees, a --root that is not a directory, a TREE
 * that does not exist.
 */
#ifndef COCCIDRIVE_ROOT_H
#define COCCIDRIVE_ROOT_H

#include <stddef.h>

struct root {
	char *path; /* absolute, real */
	char **tree; /* per TREE: its real place, relative to path */
	size_t nr;
};

/* given: --root DIR, or NULL to decide as above. */
void root_find(struct root *r, char *const *trees, size_t nr,
	       const char *given);
void root_release(struct root *r);

/*
 * The top of the git work tree that the real, absolute directory dir is
 * in, or NULL; malloc'ed.
 */
char *root_git_top(const char *dir);

#endif
