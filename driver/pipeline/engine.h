/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * engine: one conversion run, from TREE arguments to per-file results
 * and a filled ledger.  It writes nothing into the trees: the commands
 * decide what to do with the results (print a diff, rewrite in place,
 * report, compare with golden files), so an error or an interruption
 * before that point can never leave a file half-written.
 *
 *   scan -> prefilter (read, tokenize, find sites) -> pool of spatch
 *   processes on the files that need it -> restore (what spatch must not
 *   change) -> layout -> sites of the result -> ledger
 */
#ifndef COCCIDRIVE_ENGINE_H
#define COCCIDRIVE_ENGINE_H

#include <stddef.h>

#include "cache.h"
#include "cocci.h"
#include "run_result.h"
#include "file_result.h"
#include "ledger.h"
#include "root.h"
#include "scan.h"
#include "sites.h"
#include "spatch.h"
#include "strbuf.h"
#include "transform.h"

struct engine_opts {
	unsigned jobs; /* parallel spatch processes, reading threads; 0: one per CPU */
	unsigned timeout_s; /* per file; 0: none */
	size_t max_size; /* bytes; larger files are reported, not converted */
	const char *macro_file; /* the user's, added to the rule's */
	int fallback_text; /* --fallback=text */
	int wrap_one_line; /* --layout=80: may add a line to a one-line call */
	const char *root; /* --root: paths relative to it; NULL: root.h */
	/* --shard K/N: only the K-th part of the work (shard.h); N 0: all */
	unsigned shard_k, shard_n;
	int keep_going; /* only written in a shard's report */
	int progress; /* enum progress_mode: --progress, --no-progress */
	int cache; /* use the caches (cache.h); convert and check, not test */
	int verbose; /* -v: the cache's notes */
	/*
	 * A clean-up rule (cocci.h's cleanup=, skchange.h) may run: convert
	 * sets it; and --force-sk-change-net: run it on a tree whose headers
	 * do not show Linux 4.2's API.
	 */
	int cleanup_ok, cleanup_force;
	int net_infer; /* --net=infer: the namespace of each call (infer.h) */
};

/* The rule, spatch, and the run's working state; see run_result. */
struct engine {
	struct cocci rule;
	struct spatch sp;
	struct root root;
	struct scan scan;
	struct run_result res;
	char *tmpdir;
	char *macro_file; /* for second attempts; NULL: none */
	struct transform tf;
	struct run_cache cache;
};

#define ENGINE_DEFAULT_TIMEOUT 120
#define ENGINE_DEFAULT_MAX_SIZE (8u << 20)

/* Load the rule, find spatch; dies (status 2) on any problem. */
void engine_init(struct engine *e, const char *cocci_path);
/*
 * Scan, select, transform, verify, account; dies (status 2) on trouble.
 * The result stays valid until engine_reset() or engine_release().
 */
const struct run_result *engine_run(struct engine *e, char *const *trees,
				    size_t nr, const struct engine_opts *o);
/*
 * The same run over files held in memory instead of TREEs (the versions
 * of the files a patch series changes, scan_add_memory()): files is taken
 * over (left empty), every path is relative to root (absolute; nothing
 * is read below it).  Costs what those files cost, whatever the size of
 * the tree they come from.
 */
const struct run_result *engine_run_files(struct engine *e, struct scan *files,
					  const char *root,
					  const struct engine_opts *o);
/* Forget the last run, keep the rule and spatch for the next. */
void engine_reset(struct engine *e);
void engine_release(struct engine *e);

#endif
