/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shard: --shard K/N, the K-th of N parts of one run, so that N machines
 * share a tree's work and "coccidrive merge" puts their reports together
 * into exactly what one run gives (merge.h).
 *
 * Runs after select, before transform.  Every shard scans and selects the
 * whole tree (cheap next to spatch), so that all N see the same files,
 * the same sites and the same ## chains, and then keeps only its part of
 * the files that hold an occurrence:
 *
 *  - the files spatch has work in, balanced by size: the longest first
 *    (ties by name, byte order), each onto the shard with the fewest bytes
 *    so far (ties: the lower K).  Not by directory: a tree's heavy files
 *    sit together;
 *  - the others (no old form to convert, or too large, or with NUL bytes:
 *    listed in the ledger by select), the j-th of them in scan order to
 *    shard j mod N.
 *
 * Guaranteed: the assignment depends only on the selected files (their
 * names, sizes, and whether spatch has work in them), so every shard of
 * one tree computes the same one; each file with an occurrence (or a ##
 * chain not counted) is in exactly one shard; a shard's ledger and files
 * are those of its files only, in the order a whole run has them;
 * files_scanned stays the whole tree's.
 *
 * What tells the shards of one run apart from others (merge refuses a
 * mix), all computed here from the whole selection before it is cut:
 *  - rule: the digest of the rule's text, its macro file's and
 *    --macro-file's (a rule edited between two shards);
 *  - spatch: its version (not which build of it);
 *  - tree: the digest of every scanned file's name, and of each selected
 *    file's name, text and ## verdicts, and of what select said of a file
 *    it could not read (its name, where, why).  A file added, removed or
 *    renamed, or one that mentions the identifier changed, gives another
 *    digest.  Not caught: an edit between shards to a file that mentions
 *    the identifier in neither version (it changes no result), or to a
 *    file too large or with NUL bytes that leaves its first mention where
 *    it was;
 *  - options: those that change a result (--max-size, --fallback,
 *    --layout, --keep-going), as text.
 */
#ifndef COCCIDRIVE_SHARD_H
#define COCCIDRIVE_SHARD_H

#include <stddef.h>

#include "cocci.h"
#include "digest.h"
#include "file_result.h"
#include "ledger.h"
#include "scan.h"
#include "spatch.h"

struct shard_info {
	unsigned k, n; /* 1 <= k <= n; n == 0: a whole run, no shard */
	char rule[DIGEST_HEX_LEN + 1];
	char spatch[32]; /* "1.1.1" */
	char tree[DIGEST_HEX_LEN + 1];
	char *options; /* "--max-size=8388608 --fallback=none ..." */
	int keep_going;
	/* The unreadable files kept (select's ledger entries), scan indices. */
	size_t *unreadable;
	size_t nr_unreadable;
};

struct shard_opts {
	unsigned k, n;
	const char *macro_file; /* --macro-file, or NULL */
	const char *options; /* the options that change a result, as text */
	int keep_going;
};

/*
 * Fills si (identities from the whole selection), then drops from files
 * and ledger what is not shard k's.  Dies (status 2) when a macro file
 * cannot be read.
 */
void shard_select(struct shard_info *si, const struct shard_opts *o,
		  const struct cocci *rule, const struct spatch *sp,
		  const struct scan *scan, struct file_results *files,
		  struct ledger *ledger);
void shard_release(struct shard_info *si);

#endif
