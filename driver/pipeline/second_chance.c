// SPDX-License-Identifier: GPL-2.0-only
/*
 * second_chance: what the engine tries when spatch's first attempt left
 * calls in the old form.  Files whose parse errors hid calls are run
 * again with a macro file (kernel-macros.h and the user's --macro-file);
 * with --fallback=text, plain calls that still did not convert get the
 * new argument inserted by hand, marked for review.
 */
#include "second_chance.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "form.h"
#include "util.h"

/*
 * The macro file for second attempts: the rule's (see kernel-macros.h),
 * the user's, or both joined in the scratch directory.
 */
char *second_chance_macro_file(const struct cocci *rule, const char *theirs,
			       const char *scratch)
{
	const char *mine = rule->macro_file;
	struct strbuf sb = STRBUF_INIT, path = STRBUF_INIT;

	if (theirs && access(theirs, R_OK))
		die_errno("%s: cannot read macro file", theirs);
	if (!mine || !theirs)
		return mine || theirs ? xstrdup(mine ? mine : theirs) : NULL;
	if (strbuf_read_file(&sb, mine, 0) || strbuf_read_file(&sb, theirs, 0))
		die_errno("%s: cannot read macro file", mine);
	/* In the scratch directory: removed with it. */
	strbuf_addf(&path, "%s/macros.h", scratch);
	transform_write_scratch(path.buf, &sb);
	strbuf_release(&sb);
	return strbuf_detach(&path, NULL);
}

/* Sites still in the old form although spatch ran without trouble. */
static int left_unconverted(const struct cocci *rule,
			    const struct file_result *r, char *done)
{
	size_t i;
	int left = 0;

	if (r->failure || r->after_sites.nr != r->sites.nr)
		return 0;
	for (i = 0; i < r->sites.nr; i++) {
		const struct site *b = &r->sites.v[i];
		const struct site *a = &r->after_sites.v[i];

		if (done)
			done[i] = form_is_old(rule, b) &&
				  form_converted(rule, b, a);
		if (form_is_old(rule, b) && form_is_old(rule, a))
			left = 1;
	}
	return left;
}

/*
 * Files where parse errors hid calls get a second attempt with the macro
 * file, which tells spatch what the usual attribute macros are.  The
 * second result is kept only if it converts more; first[] remembers what
 * the first attempt converted, so the ledger can say what the macro file
 * helped with.
 */
void second_chance_retry(struct transform *tf, struct file_result *v, size_t nr,
			 const char *macro_file)
{
	const struct cocci *rule = tf->rule;
	size_t i, n = 0;

	if (!macro_file)
		return;
	for (i = 0; i < nr; i++) {
		struct file_result *r = &v[i];

		r->first = xcalloc(r->sites.nr, 1);
		if (!r->perr.nr || !left_unconverted(rule, r, r->first)) {
			free(r->first);
			r->first = NULL;
			continue;
		}
		strbuf_swap(&r->after, &r->first_after);
		strbuf_reset(&r->after);
		r->retried = 1;
		parse_errors_release(&r->perr);
		site_list_release(&r->after_sites);
		r->run_now = 1;
		n++;
	}
	if (!n)
		return;
	transform_round(tf, v, nr, macro_file);
	for (i = 0; i < nr; i++) {
		struct file_result *r = &v[i];
		size_t j, gained = 0;

		if (!r->first)
			continue;
		if (!r->failure) {
			transform_finish(tf, r);
			for (j = 0; r->after_sites.nr == r->sites.nr &&
				    j < r->sites.nr;
			     j++)
				gained += !r->first[j] &&
					  form_converted(rule, &r->sites.v[j],
							 &r->after_sites.v[j]);
		}
		if (gained)
			continue;
		/* No better: back to the first result, as if never retried. */
		if (r->failure) {
			free(r->failure);
			r->failure = NULL;
			tf->failures--;
		}
		strbuf_swap(&r->after, &r->first_after);
		site_list_release(&r->after_sites);
		transform_finish(tf, r);
		free(r->first);
		r->first = NULL;
	}
}

/*
 * --fallback=text: where spatch left a plain call in the old form (it
 * could not parse the function, or the macro around it), insert the new
 * first argument by hand, right after the parenthesis, as the rule would
 * have (a backport's rule: take the first argument out).  Only calls whose parentheses balance, never in #if 0 code, never
 * an occurrence the driver leaves to a human (site.manual: #if branches
 * that disagree on the count, a spliced name), and every one is marked
 * for review in the ledger.  A macro named like the function or a K&R
 * definition is no call, so never touched.
 */
void second_chance_fallback(const struct transform *tf, struct file_result *r)
{
	const struct cocci *rule = tf->rule;
	struct ctok_list toks = { 0 };
	size_t i, done = 0;

	if (r->failure || r->after_sites.nr != r->sites.nr ||
	    !form_rewrites_calls(rule))
		return;
	ctok_scan(r->after.buf, r->after.len, &toks);
	r->fallback = xcalloc(r->sites.nr ? r->sites.nr : 1, 1);
	for (i = r->sites.nr; i-- > 0;) {
		const struct site *b = &r->sites.v[i];
		const struct site *a = &r->after_sites.v[i];

		if (b->kind != SITE_CALL || !form_is_old(rule, b) ||
		    a->kind != SITE_CALL || !form_is_old(rule, a) ||
		    (a->flags & CTOK_IN_IF0) || a->close >= toks.nr)
			continue;
		form_rewrite_call(rule, &r->after, &toks, a);
		r->fallback[i] = 1;
		done++;
	}
	ctok_list_release(&toks);
	if (!done)
		return;
	transform_layout(tf, r);
}
