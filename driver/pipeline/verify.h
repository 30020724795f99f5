/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * verify: a result is accepted only when it is the original plus exactly
 * the rule's edit, nothing more.
 *
 * spatch, a $SPATCH wrapper, the driver's own text fallback and its
 * layout pass all produce a new text for a file; before anything is
 * written or reported as converted, that text must satisfy all of:
 *   - tokens: the result's tokens are the original's, except that at
 *     each site that went from the old form to the new (same site index
 *     in both, see sites.h), exactly the rule's new argument and a comma
 *     (calls) or its new parameter and a comma (prototype, definition)
 *     follow the '('; or, for a rule that drops the first argument (a
 *     backport, drop-arg=first), exactly the call's first argument and
 *     its comma, or the rule's drop-param and a comma, are gone after the
 *     '('; and inside the body of a converted definition the rule's
 *     def-old tokens may have become def-new (see cocci.h);
 *   - comments: the same comments, with the same text, in the same order;
 *   - lines: every line outside the lines of the converted sites (from the
 *     identifier to the closing parenthesis, and the lines of a def-old
 *     replacement) is byte for byte the original line, in the same order;
 *     blanks may change only on the lines of converted sites (the layout
 *     pass re-fills them).
 * A NUL byte, an added '!', statement, #include or #if 0, the new argument
 * added to another call, a second argument dropped, a changed blank on
 * another line: all refused,
 * with the line where the result departs from the original.
 */
#ifndef COCCIDRIVE_VERIFY_H
#define COCCIDRIVE_VERIFY_H

#include "cocci.h"
#include "sites.h"
#include "strbuf.h"

/*
 * NULL when after is before plus exactly the rule's edits at the sites
 * where before_sites and after_sites say a conversion happened; else a
 * malloc'd one-line reason naming the line (of after) where it departs.
 */
char *verify_result(const struct cocci *rule, const struct strbuf *before,
		    const struct site_list *before_sites,
		    const struct strbuf *after,
		    const struct site_list *after_sites);

/*
 * The token part alone (comments and lines not compared): whether a
 * result that lost a comment did the rule's edit and nothing else.
 */
char *verify_tokens(const struct cocci *rule, const struct strbuf *before,
		    const struct site_list *before_sites,
		    const struct strbuf *after,
		    const struct site_list *after_sites);

#endif
