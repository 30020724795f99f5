/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * findings_text: the default output of "check --git-range" and "check
 * --patch", gcc style, one line per finding, which editors, CI log
 * parsers and the kernel's robots read:
 *
 *   net/x.c:12:8: MESSAGE [commit 1a2b3c4d5e6f "net: x: subject"]
 *   net/x.c:12:8: hint: ...          (check's own hint and note lines)
 *   net/x.c:12:8: note: fixed later in the series by commit ... "..."
 *
 * "[patch 3 "subject"]" names a patch of an mbox that carries no commit
 * id; "[pre-existing]" an occurrence that was there at BASE (--all).
 * The path is quoted as git quotes it when it needs to be, and the
 * subject's '"', '\' and control bytes are escaped C-style, so that
 * neither can forge a line.
 */
#ifndef COCCIDRIVE_FINDINGS_TEXT_H
#define COCCIDRIVE_FINDINGS_TEXT_H

#include <stdio.h>

#include "findings.h"
#include "strbuf.h"

/* "[commit 1a2b3c4d5e6f "subject"]" and the like, for one commit. */
void findings_commit_tag(struct strbuf *sb, const struct series_commit *c);
void findings_write_text(FILE *fp, const struct findings *f);

#endif
