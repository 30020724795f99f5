/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * series: the input of "check --git-range BASE..HEAD" and "check --patch
 * FILE": which commits, which C files each changes, the lines it adds,
 * and the content of each version, read with libgit2.  Nothing else of
 * the tree is read: the cost is the files the series touches.
 *
 * The user's repository is never written to: an in-memory object
 * database (libgit2's mempack) is put before the repository's own, so
 * the trees and blobs that applying the patches of an mbox makes go to
 * memory and vanish with the run; refs, the index, the work tree and the
 * configuration are never opened for writing.
 *
 * A range: the commits reachable from HEAD and not from BASE, oldest
 * first (topological order), each once, merges included.  A commit is
 * compared with its first parent (which files it changes, renames
 * followed, and their hunks); the lines it adds are those it adds with
 * respect to every parent, as git's combined diff counts them: a merge
 * adds only what no parent had (a conflict resolution), so the commits
 * of a merged side branch are blamed for their own lines, once, and a
 * back-merge of BASE's branch blames nothing on the series.
 *
 * An mbox: the messages (mbox.h) with a diff, in order, applied one by
 * one in memory on the tree of BASE (--base REV, else REPO's HEAD); a
 * message without a diff (a cover letter, a reply) is skipped.  A patch
 * that does not apply ends the run: one line naming it (its number and
 * subject), status 2.  Each is then compared with the tree before it
 * exactly as a commit is, so a range and its "git format-patch" mbox
 * give the same findings; the commit id is the one format-patch's
 * "From <id>" line names.
 *
 * Only *.c and *.h (scan_is_c_file) that are regular blobs are kept; a
 * deleted or binary file, a symbolic link or a submodule is skipped
 * without error (and counted).  Each distinct version (path and blob) is
 * added once to files, in memory (scan_add_memory()); with --all or
 * --fix, so is each touched file as the series leaves it (finals).
 */
#ifndef COCCIDRIVE_SERIES_H
#define COCCIDRIVE_SERIES_H

#include <stddef.h>

#include "findings.h"
#include "scan.h"

/* One hunk of a zero-context diff against the first parent. */
struct series_hunk {
	unsigned old_start, old_lines, new_start, new_lines;
};

struct series_change {
	char *path; /* in the commit: the new path after a rename */
	char *old_path; /* in the first parent; NULL: a new file */
	char old_id[41], new_id[41]; /* blob ids; "" where there is none */
	int deleted; /* nothing new to check; kept to follow lines */
	unsigned *added; /* sorted: the lines the commit adds (see above) */
	size_t nr_added;
	struct series_hunk *hunks; /* against the first parent, in order */
	size_t nr_hunks;
	size_t file; /* index in files of the new content (not deleted) */
};

struct series_step {
	struct series_change *v;
	size_t nr, alloc;
};

/* --all: a touched file as the series leaves it, against BASE. */
struct series_final {
	char *path;
	size_t file; /* index in files */
	int all_new; /* not at BASE (under any name): nothing pre-existing */
	unsigned *since; /* sorted: its lines added or changed since BASE */
	size_t nr_since;
};

struct series {
	struct series_step *steps; /* one per commit of the findings */
	struct series_final *finals;
	size_t nr_finals, alloc_finals;
	/* What was not checked, counted for the summary. */
	size_t changed; /* C files changed, all commits (checked) */
	size_t deleted, binary, not_blob; /* C files skipped */
	size_t merges; /* commits with more than one parent */
	size_t skipped_msgs; /* mbox messages without a diff */
	char *git_dir; /* absolute, the repository's .git (never written) */
};

struct series_opts {
	const char *repo; /* -C REPO; NULL: the current directory */
	const char *range; /* --git-range BASE..HEAD, or NULL */
	const char *patch; /* --patch FILE ("-": stdin), or NULL */
	const char *base; /* --base REV for --patch; NULL: HEAD */
	int all; /* --all: the touched files as the series leaves them too */
	int fix; /* --fix: read those too (finals), whatever all says */
};

/*
 * Reads the series into s, its commits (and repo_top, base, source) into
 * f, and the versions to check into files (empty on entry).  Dies with
 * one line, status 2: not a repository, an unknown revision or range, an
 * unreadable mbox, one without any patch, a patch that does not apply.
 */
void series_read(struct series *s, struct findings *f, struct scan *files,
		 const struct series_opts *o);
void series_release(struct series *s, size_t nr_steps);

/* Whether line is in the sorted v[0..nr). */
int series_has_line(const unsigned *v, size_t nr, unsigned line);

#endif
