/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * transform: spatch's rounds over the selected files, and turning each
 * result into the final text.
 *
 * A round stages each file marked run_now under a generated name in the
 * scratch directory (spatch never sees a name from the tree), runs
 * spatch on them through the pool, at most `jobs` at a time, each job
 * with its own environment (TMPDIR: the scratch directory, so spatch's
 * own temporary files go with it), and reads back each result and its
 * parse errors; a crash, a timeout or no result sets the file's failure.
 * transform_finish() then gives back what spatch must not change
 * (restore.h), re-fills the converted calls (layout.h) and finds the
 * sites of the result.  The second attempts (second_chance.h) use the
 * same two steps.  Nothing is judged here: verify.h does that.
 */
#ifndef COCCIDRIVE_TRANSFORM_H
#define COCCIDRIVE_TRANSFORM_H

#include <stddef.h>

#include "cocci.h"
#include "file_result.h"
#include "spatch.h"
#include "strbuf.h"

struct transform {
	const struct cocci *rule;
	const struct spatch *sp;
	const char *scratch; /* the run's scratch directory */
	unsigned jobs; /* spatch processes at once; 0: one per CPU */
	unsigned timeout_s; /* per file; 0: none */
	int wrap_one_line; /* --layout=80 */
	size_t runs; /* spatch processes started, all rounds */
	size_t failures; /* files with no usable result */
	int slice; /* give spatch slices (slice.h), not whole files */
	size_t slice_fallbacks; /* slices run again as the whole file */
	size_t staged, batches; /* names used in the scratch directory */
};

/* One spatch round over the files marked run_now (which it clears). */
void transform_round(struct transform *tf, struct file_result *v, size_t nr,
		     const char *macro_file);
/* spatch's result (or before, when there is none) to the final text. */
void transform_finish(const struct transform *tf, struct file_result *r);
/* After any change to r->after: restore, re-fill, find its sites again. */
void transform_layout(const struct transform *tf, struct file_result *r);

/* A file of the run's own in the scratch directory (created new). */
void transform_write_scratch(const char *path, const struct strbuf *sb);

#endif
