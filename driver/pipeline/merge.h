/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * merge: the N JSON reports of "convert --shard K/N" (or check's), K = 1
 * to N, put together into what one run over the whole tree gives: the
 * patch, the JSON report (byte for byte, less "shard"), and a run_result
 * rebuilt from them for the summary and the lines (report.h), so that
 * what the user reads is printed by the same code as after one run.
 *
 * Refused, with one line naming the report and the cause (die(), status
 * 2), before anything is produced: a file that is not a shard's report
 * of this schema; a shard given twice or missing; shards whose n, mode,
 * coccidrive version, rule, spatch version, tree or options differ
 * (shard.h says what each identity covers); a report whose "shard"
 * entries do not add up to its occurrences; a file in two shards.
 *
 * How the parts go back together (shard.h): the occurrences of each file
 * as its shard listed them, the files in the order one run has them
 * (select's unreadable files first, then the selected files, each in
 * scan order); the diffs of the changed files in scan order, which is
 * the patch's.  The report's counts are summed over the shards, except
 * those of the whole tree, which every shard has (files_scanned,
 * directories_skipped, links_skipped: checked equal), and the figures
 * that name the run (rule, root: shard 1's; the paths of another host
 * may differ).  A number this module does not know (a key added later)
 * is summed: a count of the shard's work.
 */
#ifndef COCCIDRIVE_MERGE_H
#define COCCIDRIVE_MERGE_H

#include <stddef.h>

#include "cocci.h"
#include "report.h"
#include "run_result.h"
#include "scan.h"
#include "strbuf.h"

struct merge {
	enum report_mode mode; /* the shards' */
	int keep_going; /* the shards ran with --keep-going */
	unsigned n;
	struct strbuf patch; /* convert: the patch of one run */
	struct strbuf json; /* the report of one run */
	/*
	 * Rebuilt from the reports, for report_summary(), report_written()
	 * and report_items_given() with messages (a report's "message"):
	 * the ledger (not each occurrence's kind), the figures, the rule's
	 * identifier and path, what the scan skipped.  No files.
	 */
	struct run_result res;
	char **messages;
	/* owned by the merge */
	struct cocci rule;
	struct scan scan;
	char *root;
	char **strings;
	size_t nr_strings, alloc_strings;
};

void merge_reports(struct merge *m, char *const *files, size_t nr);
void merge_release(struct merge *m);

#endif
