/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * file_result: one file's record on its way through the stages.  Each
 * stage fills its own part and reads only what the stages before it
 * filled: select (the file, its text, its sites), transform (spatch's
 * result and what the second attempts did), account (the verdict).
 * Nothing here is written into the tree: the commands do that from the
 * run's result.
 */
#ifndef COCCIDRIVE_FILE_RESULT_H
#define COCCIDRIVE_FILE_RESULT_H

#include <stddef.h>
#include <sys/stat.h>

#include "scan.h"
#include "sites.h"
#include "spatch.h"
#include "strbuf.h"

struct file_result {
	/* select: a file with at least one occurrence of the identifier */
	const struct scan_file *file;
	struct strbuf before;
	struct stat st; /* of the descriptor before was read from */
	int named_link; /* a TREE that is a symbolic link to this file */
	struct site_list sites; /* of before */
	int needs_spatch; /* has something spatch could convert */

	/* transform: spatch's rounds, the second attempts, the layout */
	int run_now; /* to be given to spatch in the next round */
	struct strbuf after; /* the result; equal to before if unchanged */
	struct site_list after_sites;
	struct parse_errors perr;
	char *failure; /* why there is no usable result, or NULL */
	int changed_by_spatch; /* spatch's own result differs */
	struct strbuf first_after; /* before a retry: the first result */
	char *first; /* per site: the first attempt converted it */
	int retried; /* had a second attempt, whether it helped or not */
	char *fallback; /* per site: converted by --fallback=text */
	int slice_fallback; /* its slice gave no usable result: run whole */

	/* account: the final text is trusted and differs from before */
	int changed;
};

struct file_results {
	struct file_result *v;
	size_t nr, alloc;
};

#endif
