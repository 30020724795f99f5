/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * transform: spatch's rounds over the selected files, and turning each
 * result into the final text.
 *
 * A round gives spatch, for each file marked run_now, its slice
 * (slice.h: the top-level definitions that hold an occurrence, the rest
 * blanked) or the whole file when the slice would blank nothing, staged
 * under a generated name in the scratch directory (spatch never sees a
 * name from the tree).  The files go in batches, several per spatch
 * process so that its start-up is paid once: as many batches as spatch
 * processes run at once (`jobs`; more when a batch would exceed 64
 * files), filled greedily by size, heaviest file first into the lightest
 * batch.  A batch is one "spatch --dir" on a directory of its own,
 * converted in place: spatch takes each file on its own, as plain
 * spatch --dir does (files named on one command line would be one group,
 * a match carried from one to the next); a file alone is run with -o as
 * before.  Each job has its own environment (TMPDIR: the scratch
 * directory, so spatch's own temporary files go with it) and a timeout
 * of --timeout per file it holds.  A batch that crashes, times out, or
 * in which spatch caught an exception (it then goes on, exits 0, and may
 * write nothing) has each of its files run alone, so that one bad file
 * cannot hide the others: only that file carries the failure, with the
 * message it would have had alone.  Parse errors are each file's own
 * (spatch names the staged file).
 *
 * A slice's result is put back into the whole file (slice_merge()) and
 * kept only when it converts every call, prototype and definition in the
 * old form (outside #if 0); otherwise (a change outside the slice, a
 * site left alone, a crash) the whole file is run in a second batch and
 * counted in slice_fallbacks.  A timeout is not retried whole: the whole
 * file would take longer still.  So a slice never makes a result worse;
 * where the whole file leaves a site alone too, the fallback costs a run
 * and changes nothing.  COCCIDRIVE_NO_SLICE=1 in the environment gives
 * spatch whole files (tests and benchmarks compare the two).
 *
 * transform_finish() then gives back what spatch must not change
 * (restore.h), re-fills the converted calls (layout.h) and finds the
 * sites of the result, on the whole file.  The second attempts
 * (second_chance.h) use the same two steps.  Nothing is judged here:
 * verify.h does that, on the whole file.
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
	unsigned timeout_s; /* per file (a batch: times its files); 0: none */
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
