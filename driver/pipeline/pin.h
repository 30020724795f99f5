/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pin: which occurrences of a run over a series' files are findings,
 * and of which commit.  After the account (the run classified every
 * occurrence of every version exactly as "check TREE" does), before the
 * output.
 *
 * A finding of commit C: an occurrence that check lists (a call convert
 * would rewrite, an old-form declaration, manual work: ledger_is_item())
 * in a file as C leaves it, with a line C adds (series.h) among the lines
 * from its name to the ')' closing its list: a call C introduces, or an
 * old one whose arguments C edits.  An already converted call is never
 * one.  The message, note and hint are check's own.
 *
 * A finding stays one when a later commit removes it: each commit must
 * stand alone (bisection, the build robots' per-commit reports).  The
 * first later commit that takes the line out of the same version of the
 * file (same blob, renames followed) without a finding of its own where
 * the line was is named in fixed_by.
 *
 * Each finding also says where HEAD has it (head_file, head_line),
 * following its line through the later commits as above; nowhere when
 * one of them removes or replaces it.
 *
 * With all: each occurrence check lists in a touched file as the series
 * leaves it, none of whose lines changed since BASE, is a pre-existing
 * finding (commit NULL), at its line in that last version.
 */
#ifndef COCCIDRIVE_PIN_H
#define COCCIDRIVE_PIN_H

#include "findings.h"
#include "run_result.h"
#include "series.h"

/* res: the run over the files series_read() gave, in that order. */
void pin_findings(struct findings *f, const struct series *s,
		  const struct run_result *res, int all);

#endif
