/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * findings: what "check --git-range" and "check --patch" report about a
 * patch series: each old-form occurrence that a commit of the series
 * introduces (or leaves on a line it touches), pinned to that commit, the
 * way the kernel's build robots report "cocci warnings" against a commit.
 *
 * The series stage fills it (which commits, which files, which lines each
 * commit adds), the engine classifies the occurrences of the files the
 * series touches, and the output stage writes it as text, JSON, SARIF or
 * GitHub workflow commands.  Nothing here reads git or the disk.
 *
 * Guarantees of a filled struct findings:
 *  - commits[] are the series in order (oldest first), each once;
 *  - v[] are in series order (the pre-existing ones first: they were
 *    there at BASE), then path byte order, then line, column;
 *    each (commit, file, line, col) once;
 *  - every path is relative to the top of the repository (repo_top), with
 *    no ".." and no leading '/', as in a patch;
 *  - a finding with preexisting set has commit == NULL: it was there at
 *    BASE (only with --all); every other finding names its commit.
 *
 * Filled by series.c (commits, repo_top, base, source) and pin.c (v[]);
 * findings_text.c writes the default text.
 */
#ifndef COCCIDRIVE_FINDINGS_H
#define COCCIDRIVE_FINDINGS_H

#include <stddef.h>

#include "ledger.h"
#include "sites.h"

struct series_commit {
	/*
	 * The full hexadecimal commit id; for a patch of an mbox, the one
	 * format-patch's "From <id> Mon Sep 17 00:00:00 2001" line names,
	 * "" when the mail has none (then short_id is "" too).
	 */
	char id[41];
	/*
	 * Its first 12 hexadecimal digits, as the kernel's "Fixes:" tags
	 * give it: the same in a range and in its mbox, whatever the
	 * repository's size.
	 */
	char short_id[13];
	char *subject; /* the first line of the message (the patch subject) */
	unsigned index; /* 1-based place in the series: "[PATCH 3/10]" */
};

struct finding {
	const struct series_commit *commit; /* NULL: pre-existing */
	char *file; /* relative to the repository's top */
	/*
	 * 1-based (a tab counts 1), in the file as the commit leaves it; a
	 * pre-existing one: as the series leaves it (HEAD).
	 */
	unsigned line, col;
	enum site_kind kind;
	/*
	 * BUCKET_CONVERTED: a call "convert" would rewrite; BUCKET_DECL: a
	 * prototype or definition of the old form; BUCKET_MANUAL: needs a
	 * human (message says why).
	 */
	enum bucket bucket;
	char *message; /* the words of the text line, without location */
	char *hint; /* the namespace to pass, or NULL */
	int preexisting; /* --all: already there at BASE */
	/* Added after the first version; NULL when there is none: */
	char *note; /* how convert would do it (review it), check's note: */
	/*
	 * A later commit of the series that removes the occurrence's line
	 * without bringing the old form back: still a finding (a commit
	 * that does not build or behave alone breaks bisection), said so.
	 */
	const struct series_commit *fixed_by;
	/*
	 * Where it stands at HEAD (the last commit, or the tree after the
	 * last patch), for --fix: the path there and the line (the column
	 * does not move); NULL and 0 when it is not there any more (fixed
	 * later, replaced by a later commit's own finding, its file
	 * deleted).  A pre-existing one: its own file and line.
	 */
	char *head_file;
	unsigned head_line;
};

struct findings {
	char *repo_top; /* absolute: what every file is relative to */
	char *base; /* the commit the series applies on, full hex id */
	char *source; /* "BASE..HEAD" as given, or the mbox file ("-") */
	struct series_commit *commits;
	size_t nr_commits;
	struct finding *v;
	size_t nr, alloc;
};

/*
 * Takes copies of the strings; commit may be NULL (pre-existing).  note
 * and fixed_by start NULL: set them on f->v[f->nr - 1] (note malloc'ed).
 */
void findings_add(struct findings *f, const struct series_commit *commit,
		  const char *file, unsigned line, unsigned col,
		  enum site_kind kind, enum bucket bucket, const char *message,
		  const char *hint);
/* Sorts v[] into the order above and drops repeated entries. */
void findings_sort(struct findings *f);
void findings_release(struct findings *f);

#endif
