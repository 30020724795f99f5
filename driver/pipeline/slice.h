/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * slice: the part of a file spatch needs to see, and spatch's result of
 * it put back into the whole file.
 *
 * spatch parses all of a file, but the rule only ever matches inside the
 * top-level definitions that hold an occurrence of the name (a call is
 * in a function body or an initialiser, the prototype and the
 * definition are units of their own).  slice_make() keeps of a file:
 *
 *   - each top-level unit that holds an occurrence (sites.h, any kind):
 *     a function definition from its header to its closing '}', a
 *     declaration or an initialiser up to its ';';
 *   - every typedef, and every preprocessor line (#include, #define
 *     with its continuation lines, #if/#else/#endif...): the macros
 *     spatch learns from the file and the #if structure stay the same;
 *   - whole lines: a unit that shares a line with a kept one is kept,
 *     and so is every line of a comment that a kept line cuts;
 *
 * and turns every other byte, but the line ends, into a blank.  The slice
 * has the same length, the same lines and the same byte offsets as the
 * file, so what spatch says about it (a parse error's line and column)
 * holds for the file.
 *
 * Units are found on ctoken's tokens: brackets balanced at depth 0, each
 * #else starting again from the depth at its #if and #endif going on
 * from what the first branch left (as sites.c counts braces); #if 0 code
 * does not count.  A unit ends at a ';' at depth 0, or at the '}' of a
 * function body: a '{' at depth 0 right after a ')', or after K&R
 * parameter declarations ("f(a, b) int a; char *b; {"), which are then
 * joined to the header.  A top-level macro use without ';' joins the
 * unit that follows it.  Where this guesses wrong it keeps too much, or
 * spatch cannot parse the slice; transform.h then gives spatch the whole
 * file: a slice never makes a result worse, only faster.
 *
 * slice_merge() puts spatch's result of a slice back into the file: the
 * lines git's line diff finds changed between the slice and the result
 * replace the same lines of the file.  It refuses (-1) when a change
 * touches a line that was blanked: that is not a result of the file.
 */
#ifndef COCCIDRIVE_SLICE_H
#define COCCIDRIVE_SLICE_H

#include <stddef.h>

#include "sites.h"
#include "strbuf.h"

/*
 * The slice of buf[0..len) for the sites found in it (sites_find() on
 * ctok_scan() of the same buf: their token indices are used) into out.
 * Returns 1, or 0 (out untouched) when nothing would be blanked.
 */
int slice_make(const char *buf, size_t len, const struct site_list *sites,
	       struct strbuf *out);

/*
 * The whole file after spatch: orig with the lines that result (spatch's
 * output for slice) changes in slice.  0 and out filled, or -1 (out
 * untouched) when a change touches a blanked line.
 */
int slice_merge(const struct strbuf *orig, const struct strbuf *slice,
		const struct strbuf *result, struct strbuf *out);

#endif
