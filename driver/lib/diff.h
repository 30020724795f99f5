/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * diff: unified diffs in git's format.
 *
 * The output is what `git apply` and `patch -p1` take: "diff --git a/P b/P",
 * "--- a/P", "+++ b/P", hunks with 3 lines of context and a git-style
 * function-name hint after the "@@ ... @@", and "\ No newline at end of file"
 * where needed.  Lines are compared byte for byte, so CR of CRLF files is
 * part of the line and survives.
 *
 * It is libgit2's diff (git's xdiff), printed as "git diff" prints it
 * (diff.c says the three places where libgit2's text differs and how they
 * are made good); tests/unit/test_diff.c holds the cases, and applies
 * each result with git apply and patch -p1.  The hand-written Myers diff
 * it replaces (879 lines) gave the same output on every case.
 */
#ifndef COCCIDRIVE_DIFF_H
#define COCCIDRIVE_DIFF_H

#include <stddef.h>

#include "strbuf.h"

#define DIFF_CONTEXT 3

/*
 * Append to out the diff turning (a, alen) into (b, blen) for the file at
 * path (relative, '/'-separated, no a/ b/ prefix).  Appends nothing and
 * returns 0 when the two are identical; otherwise returns the number of
 * hunks.
 */
int diff_unified(struct strbuf *out, const char *path, const char *a,
		 size_t alen, const char *b, size_t blen);

/* Count the changed lines: what `git diff --stat` would call +N -M. */
void diff_count(const char *a, size_t alen, const char *b, size_t blen,
		size_t *added, size_t *removed);

/*
 * The changed lines of (a, alen) against (b, blen), without context, as
 * git's xdiff finds them: for each hunk, the 1-based first line and the
 * number of lines on each side.  A side with no lines gives as its first
 * line the one before the change (0 at the top), as in a hunk header.
 * Calls fn once per hunk, in order; stops when it returns non-zero and
 * returns that value, else 0.
 */
struct diff_hunk {
	size_t old_start, old_lines, new_start, new_lines;
};
typedef int (*diff_hunk_fn)(const struct diff_hunk *h, void *ctx);
int diff_hunks(const char *a, size_t alen, const char *b, size_t blen,
	       diff_hunk_fn fn, void *ctx);

#endif
