/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * atomic: write files so that a reader, a crash, a full disk, a signal or
 * another program at work in the tree never costs anyone text.
 *
 * What is guaranteed:
 *
 *  - Each file is written to a temporary file in its own directory (so
 *    that rename() stays on one file system), flushed with fsync(), given
 *    the owner, group, mode and extended attributes (ACLs included) of
 *    the file it replaces, and renamed over it: a reader sees the old file
 *    or the new one, never half of one.  When the owner or an attribute
 *    cannot be given (not root), the file is not written.
 *  - A batch writes every temporary file first and renames only when all
 *    of them were written: if the disk fills up on the fifth file, none
 *    of the five changes.
 *  - A file staged with what it was when it was read (atomic_expect) is
 *    checked at staging, and all of them again before the first rename:
 *    same device, inode, size, mtime, ctime, link count, and the same
 *    bytes.  If one was edited, deleted or replaced since it was read, no
 *    file of the batch is renamed, and the message names it (status 2).
 *  - Never replaced: a file with more than one hard link (its other names
 *    would keep the old text), a symbolic link (except one named on the
 *    command line, atomic_expect.follow: the file it names is replaced),
 *    anything that is not a regular file.  These are refused.
 *  - The interrupt signals (util.h) are held from the first stage on: one
 *    that arrives before the renames cancels the batch (nothing is
 *    written, no temporary file stays, status 2); one that arrives during
 *    the renames lets them all finish, then the run stops (status 2,
 *    "interrupted ... after writing all N files").
 *  - A rename that fails (EXDEV, EPERM, an immutable file) stops the
 *    batch: the message says which files were written (those before it,
 *    in the batch's order) and which were not; no temporary file stays,
 *    and a second run does the rest.
 *  - Temporary files are named ".NAME.coccidrive-PID-XXXXXX".  What a run
 *    killed by SIGKILL left beside NAME is removed by the next run that
 *    writes NAME, when that PID is no longer alive.
 *
 * What is not:
 *
 *  - An edit made between the last check of a file and its rename (a
 *    window of one rename(); no file system offers a compare-and-rename).
 *  - That a rename survives a power cut (directories are not fsync'ed):
 *    after a crash a file is its old or its new self, never half of each.
 *  - A batch renames one file after another: a crash during the renames
 *    leaves the files before it new and the others old, as a failed
 *    rename does.
 */
#ifndef COCCIDRIVE_ATOMIC_H
#define COCCIDRIVE_ATOMIC_H

#include <signal.h>
#include <stddef.h>
#include <sys/stat.h>

/* What a file was when it was read (see strbuf_read_regular()). */
struct atomic_expect {
	struct stat st; /* fstat() of the descriptor it was read from */
	const void *data; /* what was read; valid until atomic_commit() */
	size_t len;
	int follow; /* a symbolic link named on the command line */
};

struct atomic_entry {
	char *path; /* as given, for messages */
	char *target; /* the file replaced: path, or what a link names */
	char *tmp;
	int checked; /* st, data and len are what it must still be */
	struct stat st;
	const void *data;
	size_t len;
};

struct atomic_batch {
	struct atomic_entry *v;
	size_t nr, alloc;
	int blocking; /* signals held since the first stage */
	sigset_t old_mask;
};

/*
 * Stage the new content of path.  expect: what the file must still be
 * (NULL: whatever regular file is there, or none).  Dies (status 2, after
 * removing every temporary file of the batch) when it cannot be written.
 */
void atomic_stage(struct atomic_batch *b, const char *path, const void *data,
		  size_t len, const struct atomic_expect *expect);
/* Check, then rename every staged file into place.  Dies on failure. */
void atomic_commit(struct atomic_batch *b);
/* Remove every staged temporary file. */
void atomic_abort(struct atomic_batch *b);

/* Stage and commit one file. */
void atomic_write_file(const char *path, const void *data, size_t len);

/*
 * An output file (-o, --report):
 *  - "-", or the file that is standard output or error (/dev/stdout, or
 *    the file it is redirected to): written there, in order with the
 *    rest;
 *  - a character device or a FIFO, also through a symbolic link: opened
 *    and written, never replaced (a stream cannot be written atomically);
 *  - a symbolic link to a regular file: that file is replaced atomically,
 *    the link stays;
 *  - a regular file, or no file yet: atomic_write_file().
 * A directory, a block device, a socket or a dangling link is refused.
 * Dies (status 2) on failure.
 */
void atomic_output(const char *path, const void *data, size_t len);
/*
 * atomic_output() in two steps, so that output files can join a batch
 * (the files of --in-place): all are renamed, or none.  When path is a
 * file to replace, stages it in b and returns 1; when it is a stream
 * (standard output or error, a device, a FIFO), stages nothing and
 * returns 0: write it with atomic_output_stream() after the commit.
 * Dies (status 2, the batch removed) when it would be refused.
 */
int atomic_stage_output(struct atomic_batch *b, const char *path,
			const void *data, size_t len);
void atomic_output_stream(const char *path, const void *data, size_t len);

/*
 * The run's scratch directory, TMPDIR/coccidrive.PID.XXXXXX, locked with
 * flock() for as long as this process lives.  Before making it, removes
 * what killed runs left in TMPDIR: the directories of that name and
 * owner whose PID is no longer alive and whose lock is free.  Dies
 * (status 2) when it cannot be made.
 */
char *atomic_scratch_make(int *lock_fd);
/* Remove it and all it holds (links are not followed), and unlock. */
void atomic_scratch_remove(const char *dir, int lock_fd);

#endif
