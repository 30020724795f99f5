/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * report: what the user reads about a run.
 *
 *  - gcc-style "file:line:col: message" lines, with their notes and
 *    hints, which editors and CI annotators understand: each occurrence
 *    to act on once;
 *  - the summary on stderr after convert and check: the counts;
 *  - the JSON report;
 *  - the account: one line per occurrence, every bucket, used by the
 *    golden tests and by --account.
 */
#ifndef COCCIDRIVE_REPORT_H
#define COCCIDRIVE_REPORT_H

#include <stdio.h>

#include "run_result.h"
#include "strbuf.h"

/* The patch: a git-format diff of every changed file, in scan order. */
void report_patch(struct strbuf *out, const struct run_result *res);

/*
 * What the user reads about each occurrence is printed once, by
 * report_items(): check's items on stdout, convert's on stderr (its
 * stdout is the patch).  The summary only counts them and says where
 * they are.
 */
enum report_mode { REPORT_CONVERT, REPORT_CHECK };

/*
 * The version of the JSON report's layout (README, "The JSON report"):
 * a field removed, renamed or given another meaning is a new version;
 * an added field is not.  1 was unversioned.
 */
#define REPORT_SCHEMA 2

/*
 * The summary: files, buckets, the ## chains not counted, and, when
 * where is not NULL, how many items report_items() printed, on a line
 * "where: 3 calls to convert, 1 hint" ("listed on stdout").  "what":
 * the command as the first line names it ("convert --in-place").
 */
void report_summary(FILE *fp, const struct run_result *res, const char *what,
		    enum report_mode mode, const char *where);

/*
 * What convert wrote, one line: the patch (to patch_file), else the
 * files rewritten in place; with verbose, each file on a line of its
 * own.  Only after the writes succeeded.
 */
void report_written(FILE *fp, const struct run_result *res, const char *what,
		    const char *patch_file, int verbose);

/*
 * One gcc-style "file:line:col: message" line for each occurrence to act
 * on, in the ledger's order: with REPORT_CHECK every one left to convert
 * and every one needing manual work; with REPORT_CONVERT the ones needing
 * manual work (the patch shows the rest).  An occurrence's "note:" (how a
 * converted call was converted) and "hint:" (the namespace to pass)
 * follow it, on lines with the same "file:line:col:", also where the
 * occurrence has no line of its own (a converted call, in convert).
 */
void report_items(FILE *fp, const struct run_result *res,
		  enum report_mode mode);
/*
 * The same with the words of each occurrence's line given, messages[i]
 * for the ledger's i-th (a JSON report's "message"), where the rule that
 * would say them is not at hand (merge.h).
 */
void report_items_given(FILE *fp, const struct run_result *res,
			enum report_mode mode, char *const *messages);

/*
 * The account as JSON (schema REPORT_SCHEMA), for CI and other tools: the
 * run's figures and one object per occurrence, whose "message" is the
 * words of its report_items() line; after --shard K/N, a last key
 * "shard": the part, what it is a part of, and each of its files' share
 * of the occurrences and diff (what merge.h reads).  rewritten: --in-place wrote the
 * changed files (the caller knows; the run does not).
 */
void report_json(struct strbuf *out, const struct run_result *res,
		 enum report_mode mode, int rewritten);

/* The full account, one line per occurrence, then a totals line. */
void report_account(struct strbuf *out, const struct run_result *res);

#endif
