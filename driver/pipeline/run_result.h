/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef COCCIDRIVE_RUN_RESULT_H
#define COCCIDRIVE_RUN_RESULT_H

#include <stddef.h>

#include "cocci.h"
#include "file_result.h"
#include "ledger.h"
#include "scan.h"
#include "shard.h"

/* What the caches did (cache.h); all zero with --no-cache. */
struct cache_figures {
	int used; /* on, and its directory usable */
	size_t hits, misses, stored; /* results of files spatch would run on */
	size_t files_not_read; /* known from the scan cache not to mention it */
};

/*
 * What a run produced, and all that the commands and the output read:
 * the files that mention the name (with their final text and whether it
 * changed), the account of every occurrence, and the run's figures.
 */
struct run_result {
	const struct cocci *rule;
	const struct scan *scan; /* what was scanned, and what was skipped */
	const char *root; /* absolute: every path is relative to it (root.h) */
	struct file_results files;
	struct ledger ledger;
	size_t spatch_runs;
	size_t spatch_failures; /* files whose result was refused or lost */
	size_t slice_fallbacks; /* files whose slice failed: spatch ran whole */
	struct shard_info shard; /* --shard: which part, of what; n 0: none */
	struct cache_figures cache;
	int net_infer; /* --net=infer: converted calls carry ns (ledger.h) */
};

#endif
