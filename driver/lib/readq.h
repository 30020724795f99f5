/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * readq: many files read and tested in worker threads, handed to the
 * caller one by one in their order.
 *
 * The caller numbers the files 0..nr-1 and answers, for each, where it
 * is (readq_item_fn); the workers open and read each file (a regular
 * file, never blocking on one that became a FIFO, through a symbolic
 * link only where the item says so: as strbuf_read_regular() does) and
 * run the caller's test on its bytes (readq_test_fn, in a worker
 * thread: it must only read shared state, or lock).  readq_next() gives
 * the results in order 0, 1, 2...: what the read gave and, only where
 * the test said so, the bytes.  So whatever the threads do, the caller
 * sees what one loop over the files would have seen, and its output
 * does not depend on the number of threads or on timing.
 *
 * Less work per file than open(path) + read(): each thread keeps the
 * last directories it opened and opens a file relative to its
 * directory (one name to look up, not the whole path), and reads it in
 * one read() of the size fstat() gave (plus one byte, to see the end).
 *
 * At most READQ_WINDOW files are ahead of the caller, and only those the
 * test kept hold their bytes: memory stays bounded by the largest files,
 * not by the tree.  The caller's thread reads too while it waits, so
 * threads = 1 is a plain loop.
 *
 * Signals: the workers block them all, so that a signal the caller
 * holds (util.h, interrupt_hold()) stays pending for the caller's
 * die_if_interrupted(); the caller looks for one between results.  A
 * die() of the caller while the queue runs stops the workers first (a
 * clean-up of util.h's add_die_cleanup()).  One queue runs at a time.
 */
#ifndef COCCIDRIVE_READQ_H
#define COCCIDRIVE_READQ_H

#include <stddef.h>
#include <sys/stat.h>

#include "strbuf.h"

#define READQ_WINDOW 256

struct readq_item {
	const char *path; /* what to open */
	int follow; /* open through a symbolic link (a TREE named as such) */
	/* Bytes held in memory instead (path is only a label); NULL: none. */
	const char *data;
	size_t size;
};

/* Fills *it for file i; called from any thread, must not change state. */
typedef void (*readq_item_fn)(void *ctx, size_t i, struct readq_item *it);
/* Whether the caller wants file i's bytes; from any thread. */
typedef int (*readq_test_fn)(void *ctx, size_t i, const char *buf, size_t len);

struct readq_result {
	size_t i;
	/*
	 * 0: read (st is the fstat() of what was read; zeroes for bytes in
	 * memory); 1: not a regular file, or a symbolic link where the item
	 * does not follow one; -1: an error, errno's value in err.
	 */
	int got;
	int err;
	struct stat st;
	int kept; /* the test said yes: sb holds the bytes, NUL-terminated */
	struct strbuf sb; /* the caller may take it (strbuf_swap) */
};

struct readq;

/*
 * threads: how many read at once, the caller's thread included (at
 * least 1).  Dies only if a thread cannot be started.
 */
struct readq *readq_start(size_t nr, unsigned threads, readq_item_fn item,
			  readq_test_fn test, void *ctx);
/*
 * The next file's result, in order; NULL after the last.  Valid until the
 * next call.
 */
struct readq_result *readq_next(struct readq *q);
/* Stops the workers (also before the last result) and frees q. */
void readq_stop(struct readq *q);

/* How many threads a scan should use: the CPUs online, at most 8. */
unsigned readq_threads(void);

#endif
