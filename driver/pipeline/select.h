/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * select: which scanned files the run works on, and where in them.
 *
 * Every scanned file is read (as the scan saw it: a regular file, never
 * blocking on one that became a FIFO, through a link only when the link
 * is a TREE) and given a cheap byte test (sites_may_occur), in several
 * threads (readq.h); the files come back in scan order, and only those
 * that may mention the identifier are tokenized and their sites found
 * (sites.h), so the result is the same whatever the number of threads.
 * A file with sites becomes a file_result (its text, the stat of what
 * was read, its sites, whether spatch has something to do); one that is
 * too large or holds NUL bytes is accounted in the ledger as manual
 * work.  A ## chain that could paste the name counts only when some
 * scanned file uses its macro with the missing piece
 * (sites_paste_supplied); the first such use in scan order is named.
 * Once a chain is found the threads look for its macro in the files
 * they read; only the files read before are read again.
 * The scan cache (cache.h), when given, spares the reading of a file it
 * knows unchanged since a run learnt it does not mention the identifier
 * (or, for the second look, none of the chains' macros); what the reads
 * tell is noted in it, from the caller's thread only.
 * A file held in memory (scan_add_memory()) is taken from there; trees
 * may be NULL when all are.  Dies (status 2) when a file cannot be read
 * (the first such in scan order), or on a held signal (looked for
 * between two files, in the caller's thread).
 */
#ifndef COCCIDRIVE_SELECT_H
#define COCCIDRIVE_SELECT_H

#include <stddef.h>

#include "cache.h"
#include "cocci.h"
#include "file_result.h"
#include "ledger.h"
#include "scan.h"

/*
 * threads: how many read the files (0: one per CPU, readq.h); cache: the
 * scan cache, or NULL.
 */
void select_files(const struct cocci *rule, const struct scan *scan,
		  char *const *trees, size_t max_size, unsigned threads,
		  struct file_results *out, struct ledger *ledger,
		  struct run_cache *cache);

/*
 * A new record for f at the end of out, its buffers empty (for another
 * select, as the clean-up's: skchange.h).
 */
struct file_result *file_result_new(struct file_results *out,
				    const struct scan_file *f);
/*
 * Whether f is a TREE named on the command line that is a symbolic link
 * (its file is then rewritten through the link: atomic.h's follow).
 */
int select_named_link(const struct scan_file *f, char *const *trees);

/* Frees what a file_result holds (select's part and the later stages'). */
void file_result_release(struct file_result *r);

#endif
