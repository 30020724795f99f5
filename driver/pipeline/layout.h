/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * layout: keep converted calls within 80 columns the way a maintainer
 * would, without touching more lines than needed.
 *
 * spatch (with --smpl-spacing) inserts "&init_net, " after the opening
 * parenthesis and changes nothing else.  When that pushes the first line
 * of a call that already spans several lines past 80 columns, the
 * upstream commit moved the last argument(s) of that line to the front of
 * the next line, cascading, and never added a line:
 *
 *	result = sock_create_kern(&init_net, dlm_local_addr[0]->ss_family,
 *				  SOCK_STREAM, IPPROTO_TCP, &newsock);
 *
 * This module does exactly that, and only when afterwards every line of
 * the call fits.  It leaves alone: calls on one line (a long line was what
 * upstream kept too), a first line whose only original argument would
 * have to move, a re-fill that would leave another line too long (no
 * sensible re-wrap exists then), arguments that span lines themselves,
 * and anything with a comment between arguments.
 */
#ifndef COCCIDRIVE_LAYOUT_H
#define COCCIDRIVE_LAYOUT_H

#include <stddef.h>

#include "ctoken.h"
#include "strbuf.h"

#define LAYOUT_MAX_COLS 80

/* Display width of line text (tabs to multiples of 8, UTF-8 aware). */
size_t layout_width(const char *s, size_t len);

/*
 * Re-fill the arguments of the call whose '(' is token open in text.
 * toks must be the tokens of text.  With wrap_one_line (--layout=80), a
 * call on one line that now passes 80 columns may also get a second
 * line, aligned under its first argument, which upstream did not do.
 * Returns 1 when text was changed (the tokens are then stale), else 0.
 */
int layout_refill(struct strbuf *text, const struct ctok_list *toks,
		  size_t open, int wrap_one_line);

/*
 * The reverse, for a backport: the call whose '(' is token open in text
 * has just lost its first argument, dropped (its text, on one line).
 * Where the forward re-fill above had moved arguments down to make room
 * for it, move them back up: of the ways to spread the arguments over
 * the call's lines (never more or fewer lines, every line within 80
 * columns), the one closest to the text as it is (fewest arguments
 * moved, at least one) from which the forward conversion - dropped put
 * back after the '(', then layout_refill() - gives exactly the call as
 * it was.  Where there is none, nothing moves: the forward pass did not
 * re-fill this call, or not in a way that can be told.  A one-line call
 * that --layout=80 gave a second line keeps it.  Returns 1 when text
 * was changed (the tokens are then stale), else 0.
 */
int layout_unfill(struct strbuf *text, const struct ctok_list *toks,
		  size_t open, const char *dropped);

/*
 * In lines that changed and end a macro line with '\', put the backslash
 * back in the column where it stood in before (or one space after the
 * text, if the text now reaches past it), so macro bodies stay aligned.
 * Lines are paired by number; does nothing if a pair is missing.
 */
void layout_keep_backslashes(struct strbuf *after, const struct strbuf *before);

#endif
