/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * report: what the user reads about a run.
 *
 *  - the summary on stderr after convert and check;
 *  - gcc-style "file:line:col: message" lines (check), which editors and
 *    CI annotators understand;
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

/* "what": "convert" or "check"; summary of files and buckets. */
void report_summary(FILE *fp, const struct run_result *res, const char *what);

/* Lines for every occurrence left to convert or needing a human. */
void report_check_lines(FILE *fp, const struct run_result *res);

/*
 * The account as JSON, for CI and other tools: the run's figures and one
 * object per occurrence.  Written to path as atomic_output() writes
 * (atomically, or through a link, device or FIFO); dies on failure.
 */
void report_json(const struct run_result *res, const char *path);

/* The full account, one line per occurrence, then a totals line. */
void report_account(struct strbuf *out, const struct run_result *res);

#endif
