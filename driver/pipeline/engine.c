// SPDX-License-Identifier: GPL-2.0-only
#include "engine.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "form.h"
#include "second_chance.h"
#include "select.h"
#include "transform.h"
#include "util.h"
#include "verify.h"

/*
 * The run's scratch folder, removed on every exit path (see die()).  The
 * interrupt signals are held from the start of the run to its end, so
 * that none can leave the folder behind and each ends the run with one
 * line: prefilter looks for one after each file, the pool lets them in
 * while spatch runs (see pool.h), and one that arrives between two
 * rounds stops the run once the folder is removed.
 */
static char *scratch_dir;
static int scratch_lock = -1;
static sigset_t run_mask;

static void remove_scratch(void)
{
	if (!scratch_dir)
		return;
	atomic_scratch_remove(scratch_dir, scratch_lock);
	scratch_lock = -1;
	free(scratch_dir);
	scratch_dir = NULL;
}

static void make_scratch(struct engine *e)
{
	e->tmpdir = atomic_scratch_make(&scratch_lock);
	scratch_dir = xstrdup(e->tmpdir);
	set_die_cleanup(remove_scratch);
}

/*
 * After the last spatch: the scratch directory goes, and a signal held
 * since the pool's last round stops the run before anything is written.
 */
static void leave_scratch(void)
{
	remove_scratch();
	set_die_cleanup(NULL);
	die_if_interrupted();
	interrupt_release(&run_mask);
}

void engine_init(struct engine *e, const char *cocci_path)
{
	memset(e, 0, sizeof(*e));
	cocci_load(&e->rule, cocci_path);
	spatch_find(&e->sp, &e->rule);
}

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
 * the parenthesis and the first argument.  Where that happened, redo the same conversion - the calls
 * spatch converted, no others - by inserting the argument into the
 * original text, and keep it only if its tokens are exactly spatch's.
 * Returns 0 when that is not possible (a declaration was converted too).
 */
static int redo_keeping_comments(struct engine *e, struct file_result *r)
{
	struct strbuf text = STRBUF_INIT;
	struct ctok_list toks = { 0 };
	size_t i;
	int ok;

	if (r->after_sites.nr != r->sites.nr || !e->rule.new_arg)
		return 0;
	for (i = 0; i < r->sites.nr; i++)
		if (r->sites.v[i].kind != SITE_CALL &&
		    r->sites.v[i].nargs != r->after_sites.v[i].nargs)
			return 0;
	strbuf_addbuf(&text, &r->before);
	ctok_scan(r->before.buf, r->before.len, &toks);
	for (i = r->sites.nr; i-- > 0;)
		if (form_converted_call(&e->rule, &r->sites.v[i],
					&r->after_sites.v[i]))
			form_insert_arg(&e->rule, &text, &toks, &r->sites.v[i]);
	ctok_list_release(&toks);
	ok = same_tokens(&text, &r->after);
	if (ok) {
		strbuf_swap(&text, &r->after);
		transform_layout(&e->tf, r);
	}
	strbuf_release(&text);
	return ok;
}

static void account(struct engine *e, struct file_result *r)
{
	struct file_outcome fo = { 0 };

	fo.path = r->file->path;
	fo.before = &r->sites;
	fo.after = r->failure ? NULL : &r->after_sites;
	fo.perr = &r->perr;
	fo.failure = r->failure;
	fo.first = r->first;
	fo.retried = r->retried;
	fo.fallback = r->fallback;
	fo.macro_file = e->macro_file;
	/*
	 * spatch dropping a comment is known behaviour, worked around by
	 * redoing its edit on the original text; a comment it added or
	 * changed is not, and is left for verify_result() to refuse.
	 */
	if (!r->failure && r->changed_by_spatch &&
	    !comments_within(&r->before, &r->after) &&
	    comments_within(&r->after, &r->before) &&
	    !redo_keeping_comments(e, r)) {
		r->failure = verify_tokens(&e->rule, &r->before, &r->sites,
					   &r->after, &r->after_sites);
		if (r->failure)
			e->res.spatch_failures++;
		else /* The rule's edit, less a comment: a human's job. */
			r->failure = xstrdup("spatch would drop a comment "
					     "here: not converted, do it by "
					     "hand");
	} else if (!r->failure && !strbuf_equal(&r->after, &r->before)) {
		/*
		 * The final text, after spatch, the fallback and the layout
		 * pass: exactly the rule's edit, or nothing is taken.
		 */
		r->failure = verify_result(&e->rule, &r->before, &r->sites,
					   &r->after, &r->after_sites);
		if (r->failure)
			e->res.spatch_failures++;
	}
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
	if (!ledger_add(&e->res.ledger, &e->rule, &fo)) {
		strbuf_reset(&r->after);
		strbuf_addbuf(&r->after, &r->before);
		e->res.spatch_failures++;
	}
	r->changed = !strbuf_equal(&r->after, &r->before);
	if (r->changed)
		e->res.ledger.files_changed++;
}

const struct run_result *engine_run(struct engine *e, char *const *trees,
				    size_t nr, const struct engine_opts *o)
{
	struct transform *tf = &e->tf;
	size_t i;

	interrupt_hold(&run_mask);
	scan_trees(trees, nr, &e->scan);
	select_files(&e->rule, &e->scan, trees, o->max_size, &e->res.files,
		     &e->res.ledger);
	make_scratch(e);
	memset(tf, 0, sizeof(*tf));
	tf->rule = &e->rule;
	tf->sp = &e->sp;
	tf->scratch = e->tmpdir;
	tf->jobs = o->jobs;
	tf->timeout_s = o->timeout_s;
	tf->wrap_one_line = o->wrap_one_line;
	e->macro_file =
		second_chance_macro_file(&e->rule, o->macro_file, e->tmpdir);
	for (i = 0; i < e->res.files.nr; i++)
		e->res.files.v[i].run_now = e->res.files.v[i].needs_spatch;
	transform_round(tf, e->res.files.v, e->res.files.nr, NULL);
	for (i = 0; i < e->res.files.nr; i++)
		transform_finish(tf, &e->res.files.v[i]);
	second_chance_retry(tf, e->res.files.v, e->res.files.nr, e->macro_file);
	if (o->fallback_text)
		for (i = 0; i < e->res.files.nr; i++)
			second_chance_fallback(tf, &e->res.files.v[i]);
	leave_scratch();
	e->res.spatch_runs = tf->runs;
	e->res.spatch_failures = tf->failures;
	for (i = 0; i < e->res.files.nr; i++)
		account(e, &e->res.files.v[i]);
	e->res.rule = &e->rule;
	e->res.scan = &e->scan;
	return &e->res;
}

void engine_reset(struct engine *e)
{
	size_t i;

	for (i = 0; i < e->res.files.nr; i++) {
		struct file_result *r = &e->res.files.v[i];

		strbuf_release(&r->before);
		strbuf_release(&r->after);
		site_list_release(&r->sites);
		site_list_release(&r->after_sites);
		parse_errors_release(&r->perr);
		free(r->failure);
		free(r->first);
		free(r->fallback);
		strbuf_release(&r->first_after);
	}
	free(e->res.files.v);
	e->res.files.v = NULL;
	e->res.files.nr = e->res.files.alloc = 0;
	ledger_release(&e->res.ledger);
	scan_release(&e->scan);
	free(e->tmpdir);
	e->tmpdir = NULL;
	free(e->macro_file);
	e->macro_file = NULL;
	e->res.spatch_runs = 0;
	e->res.spatch_failures = 0;
}

void engine_release(struct engine *e)
{
	engine_reset(e);
	spatch_release(&e->sp);
	cocci_release(&e->rule);
}
