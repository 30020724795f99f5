// SPDX-License-Identifier: GPL-2.0-only
#include "account.h"

#include <stdlib.h>
#include <string.h>

#include "ctoken.h"
#include "form.h"
#include "util.h"
#include "verify.h"

/* Comments of x, in order, are all in y. */
static int comments_within(const struct strbuf *x, const struct strbuf *y)
{
	struct ctok_list cx = { 0 }, cy = { 0 };
	int ok;

	ctok_scan_comments(x->buf, x->len, &cx);
	ctok_scan_comments(y->buf, y->len, &cy);
	ok = ctok_only_added(x->buf, &cx, y->buf, &cy);
	ctok_list_release(&cx);
	ctok_list_release(&cy);
	return ok;
}

/* Token texts of a and b are the same sequence. */
static int same_tokens(const struct strbuf *a, const struct strbuf *b)
{
	struct ctok_list ta = { 0 }, tb = { 0 };
	int ok;

	ctok_scan(a->buf, a->len, &ta);
	ctok_scan(b->buf, b->len, &tb);
	ok = ta.nr == tb.nr && ctok_only_added(a->buf, &ta, b->buf, &tb);
	ctok_list_release(&ta);
	ctok_list_release(&tb);
	return ok;
}

/*
 * spatch drops a comment that sits inside a call it rewrites, between
 * the parenthesis and the first argument (a backport: after the argument
 * it takes out).  Where that happened, redo the same conversion - the
 * calls spatch converted, no others - by inserting the argument into the
 * original text (a backport: by taking the first argument out), and keep
 * it only if its tokens are exactly spatch's.
 * Returns 0 when that is not possible (a declaration was converted too).
 */
static int redo_keeping_comments(const struct transform *tf,
				 struct file_result *r)
{
	struct strbuf text = STRBUF_INIT;
	struct ctok_list toks = { 0 };
	size_t i;
	int ok;

	if (r->after_sites.nr != r->sites.nr || !form_rewrites_calls(tf->rule))
		return 0;
	for (i = 0; i < r->sites.nr; i++)
		if (r->sites.v[i].kind != SITE_CALL &&
		    r->sites.v[i].nargs != r->after_sites.v[i].nargs)
			return 0;
	strbuf_addbuf(&text, &r->before);
	ctok_scan(r->before.buf, r->before.len, &toks);
	for (i = r->sites.nr; i-- > 0;) {
		if (!form_converted_call(tf->rule, &r->sites.v[i],
					 &r->after_sites.v[i]))
			continue;
		form_rewrite_call(tf->rule, &text, &toks, &r->sites.v[i]);
	}
	ctok_list_release(&toks);
	ok = same_tokens(&text, &r->after);
	if (ok) {
		strbuf_swap(&text, &r->after);
		transform_layout(tf, r);
	}
	strbuf_release(&text);
	return ok;
}

void account_file(const struct transform *tf, const char *macro_file,
		  struct infer *inf, struct file_result *r,
		  struct run_result *res)
{
	struct file_outcome fo = { 0 };
	struct ns_choice *ns = NULL;
	size_t i;

	fo.path = r->file->rel;
	fo.before = &r->sites;
	fo.after = r->failure ? NULL : &r->after_sites;
	fo.perr = &r->perr;
	fo.failure = r->failure;
	fo.first = r->first;
	fo.retried = r->retried;
	fo.fallback = r->fallback;
	fo.macro_file = macro_file;
	fo.text = r->before.buf;
	fo.text_len = r->before.len;
	/*
	 * spatch dropping a comment is known behaviour, worked around by
	 * redoing its edit on the original text; a comment it added or
	 * changed is not, and is left for verify_result() to refuse.
	 */
	if (!r->failure && r->changed_by_spatch &&
	    !comments_within(&r->before, &r->after) &&
	    comments_within(&r->after, &r->before) &&
	    !redo_keeping_comments(tf, r)) {
		r->failure = verify_tokens(tf->rule, &r->before, &r->sites,
					   &r->after, &r->after_sites);
		if (r->failure)
			res->spatch_failures++;
		else /* The rule's edit, less a comment: a human's job. */
			r->failure = xstrdup("spatch would drop a comment "
					     "here: not converted, do it by "
					     "hand");
	} else if (!r->failure && !strbuf_equal(&r->after, &r->before)) {
		/*
		 * The final text, after spatch, the fallback and the layout
		 * pass: exactly the rule's edit, or nothing is taken.
		 */
		r->failure = verify_result(tf->rule, &r->before, &r->sites,
					   &r->after, &r->after_sites);
		if (r->failure)
			res->spatch_failures++;
	}
	/* The verified text, and only it, gets the inferred namespaces. */
	if (inf && !r->failure)
		ns = infer_file(inf, tf->rule, r);
	fo.ns = r->failure ? NULL : ns;
	if (r->failure) {
		fo.failure = r->failure;
		fo.after = NULL;
		strbuf_reset(&r->after);
		strbuf_addbuf(&r->after, &r->before);
	}
	/*
	 * A result the ledger cannot account for is garbage: not applied,
	 * and counted as a failure of spatch.
	 */
	if (!ledger_add(&res->ledger, tf->rule, &fo)) {
		strbuf_reset(&r->after);
		strbuf_addbuf(&r->after, &r->before);
		res->spatch_failures++;
	}
	for (i = 0; ns && i < r->sites.nr; i++)
		ns_choice_release(&ns[i]);
	free(ns);
	r->changed = !strbuf_equal(&r->after, &r->before);
	if (r->changed)
		res->ledger.files_changed++;
}
