/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fixup: "check --fix FILE", the fix-up patch of a patch series: one
 * mail in "git format-patch" form that converts exactly the findings
 * still there at HEAD (the last commit of the range, or the tree after
 * the last patch of the mbox), and applies with "git am" on HEAD.
 *
 * What it converts: each finding with a place at HEAD (findings.h:
 * head_file, head_line) that the run's conversion of HEAD's version of
 * its file rewrote and accepted (verify.h).  A finding fixed later in
 * the series is not there any more; a pre-existing one is a finding only
 * with --all.  Nothing else of those files changes: an old-form call
 * that is not a finding (pre-existing, without --all) stays byte for
 * byte.
 *
 * How, per file: when every occurrence the conversion rewrote is a
 * finding, the file as the conversion leaves it (the engine's result).
 * Otherwise, the sites are picked one by one: the original text, with
 * the lines of each finding's call (from its name to its ')') taken
 * from the converted text; verify accepts only what is the original
 * plus the rule's edit at converted sites, so the lines between two
 * sites are the same in both.  This is done for calls only: a converted
 * definition may also change its body (def-old, cocci.h), so a file
 * where a declaration or definition is rewritten without being a
 * finding, or where a finding shares a line with a site that must stay,
 * is left out whole.  The picked text is verified again (the same
 * verify_result() as convert's) and its converted sites counted: any
 * doubt leaves the file out.  A file left out, a finding that needs
 * manual work, one whose file the conversion could not do: named in the
 * patch body ("Not converted, needs a human:") and in left, never
 * converted by halves.
 *
 * The mail: "From 000...000 Mon Sep 17 00:00:00 2001", "From: coccidrive
 * <coccidrive@localhost>", Date (SOURCE_DATE_EPOCH when set, else now),
 * "Subject: [PATCH] treewide: pass a struct net to sock_create_kern()",
 * a body listing each converted call (file:line at HEAD, the commit that
 * introduced it, its hint) and what the new argument means, "---", the
 * diff in git's form (diff.h; paths relative to the repository's top),
 * and format-patch's "-- " signature.  Nothing here writes a file.
 */
#ifndef COCCIDRIVE_FIXUP_H
#define COCCIDRIVE_FIXUP_H

#include <stddef.h>
#include <time.h>

#include "findings.h"
#include "run_result.h"
#include "series.h"
#include "strbuf.h"

struct fixup_result {
	size_t converted; /* sites converted by the patch */
	size_t files; /* files the patch changes */
	size_t left; /* findings at HEAD not converted (named in the body) */
};

/*
 * The patch into out (left empty when nothing is converted: then there
 * is no patch to write); one line per finding not converted into left
 * ("file:line: reason").  s: read with fix set (its finals), res: the
 * run over the files series_read() gave.
 */
void fixup_patch(struct strbuf *out, struct strbuf *left,
		 struct fixup_result *r, const struct findings *f,
		 const struct series *s, const struct run_result *res,
		 time_t date);

#endif
