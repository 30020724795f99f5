/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * select: which scanned files the run works on, and where in them.
 *
 * Every scanned file is read (as the scan saw it: a regular file, never
 * blocking on one that became a FIFO, through a link only when the link
 * is a TREE), given a cheap byte test (sites_may_occur), and, if it may
 * mention the identifier, tokenized and its sites found (sites.h).  A
 * file with sites becomes a file_result (its text, the stat of what was
 * read, its sites, whether spatch has something to do); one that is too
 * large or holds NUL bytes is accounted in the ledger as manual work.
 * A ## chain that could paste the name counts only when some scanned
 * file uses its macro with the missing piece (sites_paste_supplied).
 * A file held in memory (scan_add_memory()) is taken from there; trees
 * may be NULL when all are.  Dies (status 2) when a file cannot be read,
 * or on a held signal.
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
 * cache: the scan cache (cache.h), or NULL: a file it knows does not
 * mention the identifier (or lacks the macros of the open ## chains) is
 * not read; what each read tells is noted in it.
 */
void select_files(const struct cocci *rule, const struct scan *scan,
		  char *const *trees, size_t max_size, struct file_results *out,
		  struct ledger *ledger, struct run_cache *cache);

#endif
