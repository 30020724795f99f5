// SPDX-License-Identifier: GPL-2.0-only
/*
 * second_chance: what the engine tries when spatch's first attempt left
 * calls in the old form.  Files whose parse errors hid calls are run
 * again with a macro file (kernel-macros.h and the user's --macro-file);
 * with --fallback=text, plain calls that still did not convert get the
 * new argument inserted by hand, marked for review.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "engine.h"
#include "form.h"
#include "util.h"

/*
 * The macro file for second attempts: the rule's (see kernel-macros.h),
 * the user's, or both joined in the scratch directory.
 */
void engine_setup_macro_file(struct engine *e, const struct engine_opts *o)
{
	const char *mine = e->rule.macro_file, *theirs = o->macro_file;
	struct strbuf sb = STRBUF_INIT, path = STRBUF_INIT;

	free(e->macro_file);
	e->macro_file = NULL;
	if (theirs && access(theirs, R_OK))
		die_errno("%s: cannot read macro file", theirs);
	if (!mine || !theirs) {
		if (mine || theirs)
			e->macro_file = xstrdup(mine ? mine : theirs);
		return;
	}
	if (strbuf_read_file(&sb, mine, 0) || strbuf_read_file(&sb, theirs, 0))
		die_errno("%s: cannot read macro file", mine);
	strbuf_addf(&path, "%s/macros.h", e->tmpdir);
	atomic_write_file(path.buf, sb.buf, sb.len);
	/* The scratch cleanup removes it with the rest. */
	set_die_cleanup(engine_remove_scratch);
	e->macro_file = strbuf_detach(&path, NULL);
	strbuf_release(&sb);
}

/* Sites still in the old form although spatch ran without trouble. */
static int left_unconverted(const struct engine *e, const struct file_result *r,
			    char *done)
{
	size_t i;
	int left = 0;

	if (r->failure || r->after_sites.nr != r->sites.nr)
		return 0;
	for (i = 0; i < r->sites.nr; i++) {
		const struct site *b = &r->sites.v[i];
		const struct site *a = &r->after_sites.v[i];

		if (done)
			done[i] = form_is_old(&e->rule, b) &&
				  form_converted(&e->rule, b, a);
		if (form_is_old(&e->rule, b) && form_is_old(&e->rule, a))
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
void engine_retry_with_macros(struct engine *e, const struct engine_opts *o)
{
	size_t i, n = 0;

	if (!e->macro_file)
		return;
	for (i = 0; i < e->nr; i++) {
		struct file_result *r = &e->res[i];

		r->first = xcalloc(r->sites.nr, 1);
		if (!r->perr.nr || !left_unconverted(e, r, r->first)) {
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
	engine_spatch(e, o, e->macro_file);
	for (i = 0; i < e->nr; i++) {
		struct file_result *r = &e->res[i];
		size_t j, gained = 0;

		if (!r->first)
			continue;
		if (!r->failure) {
			engine_finish_result(e, r);
			for (j = 0; r->after_sites.nr == r->sites.nr &&
				    j < r->sites.nr;
			     j++)
				gained += !r->first[j] &&
					  form_converted(&e->rule,
							 &r->sites.v[j],
							 &r->after_sites.v[j]);
		}
		if (gained)
			continue;
		/* No better: back to the first result, as if never retried. */
		if (r->failure) {
			free(r->failure);
			r->failure = NULL;
			e->spatch_failures--;
		}
		strbuf_swap(&r->after, &r->first_after);
		site_list_release(&r->after_sites);
		engine_finish_result(e, r);
		free(r->first);
		r->first = NULL;
	}
}

/*
 * --fallback=text: where spatch left a plain call in the old form (it
 * could not parse the function, or the macro around it), insert the new
 * first argument by hand, right after the parenthesis, as the rule would
 * have.  Only calls whose parentheses balance, never in #if 0 code, never
 * an occurrence the driver leaves to a human (site.manual: #if branches
 * that disagree on the count, a spliced name), and every one is marked
 * for review in the ledger.  A macro named like the function or a K&R
 * definition is no call, so never touched.
 */
void engine_text_fallback(struct engine *e, struct file_result *r)
{
	struct ctok_list toks = { 0 };
	size_t i, done = 0;

	if (r->failure || r->after_sites.nr != r->sites.nr || !e->rule.new_arg)
		return;
	ctok_scan(r->after.buf, r->after.len, &toks);
	r->fallback = xcalloc(r->sites.nr ? r->sites.nr : 1, 1);
	for (i = r->sites.nr; i-- > 0;) {
		const struct site *b = &r->sites.v[i];
		const struct site *a = &r->after_sites.v[i];

		if (b->kind != SITE_CALL || !form_is_old(&e->rule, b) ||
		    a->kind != SITE_CALL || !form_is_old(&e->rule, a) ||
		    (a->flags & CTOK_IN_IF0) || a->close >= toks.nr)
			continue;
		form_insert_arg(&e->rule, &r->after, &toks, a);
		r->fallback[i] = 1;
		done++;
	}
	ctok_list_release(&toks);
	if (!done)
		return;
	engine_finish_layout(e, r);
}
