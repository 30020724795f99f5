/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * atomic: write files so that a reader, a crash, a full disk or Ctrl-C
 * never sees half of one.
 *
 * Each file is written to a temporary file in its own directory (so that
 * rename() stays on one file system), flushed with fsync(), given the mode
 * of the file it replaces, and renamed over it.  A batch writes every
 * temporary file first and renames only when all of them were written:
 * if the disk fills up on the fifth file, none of the five changes.
 * SIGINT, SIGTERM and SIGHUP are held from the first stage on: one that
 * arrives before the renames cancels the batch (nothing is written, no
 * temporary file stays, exit status 2); one that arrives during the
 * renames takes effect once all of them are done.
 */
#ifndef COCCIDRIVE_ATOMIC_H
#define COCCIDRIVE_ATOMIC_H

#include <signal.h>
#include <stddef.h>

struct atomic_entry {
	char *path;
	char *tmp;
};

struct atomic_batch {
	struct atomic_entry *v;
	size_t nr, alloc;
	int blocking; /* signals held since the first stage */
	sigset_t old_mask;
};

/*
 * Stage the new content of path.  Dies (status 2, after removing every
 * temporary file of the batch) when it cannot be written.
 */
void atomic_stage(struct atomic_batch *b, const char *path, const void *data,
		  size_t len);
/* Rename every staged file into place. Dies on failure. */
void atomic_commit(struct atomic_batch *b);
/* Remove every staged temporary file. */
void atomic_abort(struct atomic_batch *b);

/* Stage and commit one file. */
void atomic_write_file(const char *path, const void *data, size_t len);

#endif
