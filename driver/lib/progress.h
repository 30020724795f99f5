/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * progress: while a long run goes on, one line on stderr, redrawn in
 * place, saying how far it has got:
 *
 *	coccidrive: files 12034/55012, spatch 3/21, 2.3 s
 *
 * (the title and the labels are the caller's; a count whose total is
 * still 0 is shown without one).  What it guarantees:
 *
 * - Nothing is written unless progress_start() was given PROGRESS_ON, or
 *   PROGRESS_AUTO and stderr is a terminal; and nothing before the run
 *   has taken PROGRESS_DELAY_MS (about a second): a quick run prints
 *   nothing at all.
 * - At most 10 draws a second, made by a thread of its own (started only
 *   when the line may be shown), so that the elapsed time moves on while
 *   the caller waits, and progress_add() costs one atomic addition: it
 *   may be called from any thread, once per file.
 * - The line never cuts into other output on stderr: util's messages
 *   (die(), warning()) and whatever is written between stderr_begin()
 *   and stderr_end() (util.h) find it erased, and it is not drawn again
 *   until they are done (then below them).  progress_stop(), and exit()
 *   by any path (atexit: die() included), erase it for good.  A run
 *   ended by a fault signal (SIGSEGV...) may leave it.
 * - Erasing is "\r", as many blanks as the line had, "\r": no terminal
 *   escape, so a file given the line by PROGRESS_ON holds plain text.
 *   The line is cut to the terminal's width, so it never wraps.
 * - The thread blocks every signal: where signals go is unchanged.
 */
#ifndef COCCIDRIVE_PROGRESS_H
#define COCCIDRIVE_PROGRESS_H

#include <stddef.h>

enum progress_mode {
	PROGRESS_OFF = 0,
	PROGRESS_AUTO, /* when stderr is a terminal */
	PROGRESS_ON, /* wherever stderr goes */
};

/* The counts shown, in this order. */
enum progress_count {
	PROGRESS_FILES, /* files scanned */
	PROGRESS_JOBS, /* child jobs done */
	PROGRESS_NR_COUNTS,
};

#define PROGRESS_DELAY_MS 1000
#define PROGRESS_INTERVAL_MS 100

/*
 * Starts the clock and sets every count to 0/0.  title and the labels
 * (one per count) must live until progress_stop().  A second start
 * without a stop stops the first.
 */
void progress_start(enum progress_mode mode, const char *title,
		    const char *const labels[PROGRESS_NR_COUNTS]);
/* n more to do, n more done (any thread, any time, even when off). */
void progress_total(enum progress_count c, size_t n);
void progress_add(enum progress_count c, size_t n);
/* Erase the line for good; nothing more is drawn until the next start. */
void progress_stop(void);

#endif
