/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * second_chance: what is tried when spatch's first round left calls in
 * the old form.  Files whose parse errors hid calls get a second round
 * with a macro file (the rule's kernel-macros.h and the user's
 * --macro-file); its result is kept only where it converts more.  With
 * --fallback=text, plain balanced calls that still did not convert get
 * the rule's argument inserted by hand (form.h), each marked for review.
 * Both go through transform.h; what they produce is judged by verify.h
 * like any other result.
 */
#ifndef COCCIDRIVE_SECOND_CHANCE_H
#define COCCIDRIVE_SECOND_CHANCE_H

#include <stddef.h>

#include "cocci.h"
#include "file_result.h"
#include "transform.h"

/*
 * The macro file for second rounds: the rule's, the user's (theirs, may
 * be NULL), or both joined in the scratch directory.  NULL: none.
 * Dies (status 2) when the user's cannot be read.  Free the result.
 */
char *second_chance_macro_file(const struct cocci *rule, const char *theirs,
			       const char *scratch);
/* A second round, with macro_file, for files whose parse errors hid calls. */
void second_chance_retry(struct transform *tf, struct file_result *v, size_t nr,
			 const char *macro_file);
/* --fallback=text on one file. */
void second_chance_fallback(const struct transform *tf, struct file_result *r);

#endif
