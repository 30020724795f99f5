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
#include "layout.h"
#include "pool.h"
#include "restore.h"
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

static void stop_if_interrupted(void)
{
	int sig = interrupt_take();

	if (sig)
		die("interrupted by signal %d (%s): no file was changed", sig,
		    strsignal(sig));
}

void engine_remove_scratch(void)
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
	set_die_cleanup(engine_remove_scratch);
}

/*
 * After the last spatch: the scratch directory goes, and a signal held
 * since the pool's last round stops the run before anything is written.
 */
static void leave_scratch(void)
{
	engine_remove_scratch();
	set_die_cleanup(NULL);
	stop_if_interrupted();
	interrupt_release(&run_mask);
}

void engine_init(struct engine *e, const char *cocci_path)
{
	memset(e, 0, sizeof(*e));
	cocci_load(&e->rule, cocci_path);
	spatch_find(&e->sp, &e->rule);
}

static struct file_result *new_result(struct engine *e,
				      const struct scan_file *f)
{
	struct file_result *r;

	ALLOC_GROW(e->res, e->nr + 1, e->alloc);
	r = &e->res[e->nr++];
	memset(r, 0, sizeof(*r));
	r->file = f;
	strbuf_init(&r->before, 0);
	strbuf_init(&r->after, 0);
	strbuf_init(&r->first_after, 0);
	return r;
}

/* Line and column of the first occurrence, for files never tokenized. */
static void first_mention(const struct strbuf *sb, const char *ident,
			  unsigned *line, unsigned *col)
{
	const char *hit = find_bytes(sb->buf, sb->len, ident, strlen(ident));
	const char *p, *bol = sb->buf;

	*line = 1;
	for (p = sb->buf; hit && p < hit; p++)
		if (*p == '\n') {
			(*line)++;
			bol = p + 1;
		}
	*col = hit ? (unsigned)(hit - bol + 1) : 1;
}

/*
 * Read every scanned file and keep those that mention the identifier as
 * code.  A cheap byte test first (sites_may_occur): most files do not
 * mention it at all.  A file is read as the scan saw it: a regular file,
 * through a symbolic link only when the link is a TREE named on the
 * command line.
 */
static void prefilter(struct engine *e, const struct engine_opts *o,
		      char *const *trees)
{
	const char *ident = e->rule.ident;
	size_t i;
	struct strbuf sb = STRBUF_INIT;

	for (i = 0; i < e->scan.nr; i++) {
		const struct scan_file *f = &e->scan.v[i];
		int named = !strcmp(f->path, trees[f->tree]), got;
		struct ctok_list toks = { 0 };
		struct file_result *r;
		struct stat st;
		size_t j;

		stop_if_interrupted(); /* a kernel tree takes seconds */
		strbuf_reset(&sb);
		got = strbuf_read_regular(&sb, f->path, named, &st);
		if (got < 0)
			die_errno("%s: cannot read", f->path);
		if (got)
			die("%s: not a regular file (changed since the scan?)",
			    f->path);
		e->ledger.files_scanned++;
		if (!sites_may_occur(sb.buf, sb.len, ident))
			continue;
		if (sb.len > o->max_size || memchr(sb.buf, '\0', sb.len)) {
			unsigned line, col;

			first_mention(&sb, ident, &line, &col);
			e->ledger.files_matched++;
			ledger_add_unreadable(
				&e->ledger, f->path, line, col,
				sb.len > o->max_size ?
					"file larger than the size limit: "
					"not converted (see --max-size)" :
					"file contains NUL bytes: not C, "
					"not converted");
			continue;
		}
		ctok_scan(sb.buf, sb.len, &toks);
		r = new_result(e, f);
		sites_find(sb.buf, &toks, ident, &r->sites);
		ctok_list_release(&toks);
		if (!r->sites.nr) {
			/* Only in comments or strings. */
			site_list_release(&r->sites);
			e->nr--;
			continue;
		}
		strbuf_swap(&r->before, &sb);
		r->st = st;
		r->named_link = named && !lstat(f->path, &st) &&
				S_ISLNK(st.st_mode);
		for (j = 0; j < r->sites.nr; j++)
			if (form_is_old(&e->rule, &r->sites.v[j]))
				r->needs_spatch = 1;
	}
	strbuf_release(&sb);
}

/*
 * One spatch job: the file as spatch sees it.  spatch 1.1.1 copies its
 * result with "sh -c 'cp ... OUT'" without quoting, and chokes on names
 * with blanks or quotes, so it never sees a name from the tree: each file
 * is staged (the bytes the driver read, so spatch and the ledger see the
 * same text even if the tree changes meanwhile) under a plain, generated
 * name in the scratch directory, and the result is mapped back.
 */
struct spatch_task {
	struct file_result *r;
	char *in; /* staged copy: <scratch>/f<i>.c */
	char *out; /* spatch's result: <scratch>/o<i>.c */
};

/*
 * A ## chain that could paste the name ("_id ## _kern") is an occurrence
 * only if some use of its macro in the scanned files brings the missing
 * piece ("sock_create") or something only known later; Linux 6.1 has
 * such a chain whose uses all pass BPF_PROG_TYPE_* names.  The files are
 * read again only when there is such a chain, and only those that hold
 * the macro's name are tokenized.  The use found is named in the reason.
 */
static void weigh_pastes(struct engine *e, char *const *trees)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, j, f, open = 0;

	for (i = 0; i < e->nr; i++)
		for (j = 0; j < e->res[i].sites.nr; j++) {
			struct site *s = &e->res[i].sites.v[j];

			if (s->kind == SITE_PASTE && s->paste_arg >= 0) {
				s->paste_unsupplied = 1;
				open++;
			}
		}
	for (f = 0; open && f < e->scan.nr; f++) {
		const struct scan_file *sf = &e->scan.v[f];
		struct ctok_list toks = { 0 };
		struct stat st;

		stop_if_interrupted();
		strbuf_reset(&sb);
		if (strbuf_read_regular(&sb, sf->path,
					!strcmp(sf->path, trees[sf->tree]),
					&st))
			continue; /* gone since: it brings nothing */
		for (i = 0; i < e->nr; i++)
			for (j = 0; j < e->res[i].sites.nr; j++) {
				struct site *s = &e->res[i].sites.v[j];
				unsigned line = 0;

				if (!s->paste_unsupplied ||
				    !find_bytes(sb.buf, sb.len, s->paste_macro,
						strlen(s->paste_macro)))
					continue;
				if (!toks.nr)
					ctok_scan(sb.buf, sb.len, &toks);
				if (!sites_paste_supplied(sb.buf, &toks, s,
							  &line))
					continue;
				s->paste_unsupplied = 0;
				open--;
				snprintf(s->paste_used, sizeof(s->paste_used),
					 "%s:%u", sf->rel, line);
			}
		ctok_list_release(&toks);
	}
	strbuf_release(&sb);
}

struct run_ctx {
	struct engine *e;
	const struct engine_opts *o;
};

/* Replace every "from" in sb by "to": spatch names the staged file. */
static void replace_all(struct strbuf *sb, const char *from, const char *to)
{
	struct strbuf out = STRBUF_INIT;
	size_t flen = strlen(from), i = 0;

	while (i < sb->len) {
		const char *hit =
			find_bytes(sb->buf + i, sb->len - i, from, flen);

		if (!hit) {
			strbuf_add(&out, sb->buf + i, sb->len - i);
			break;
		}
		strbuf_add(&out, sb->buf + i, (size_t)(hit - (sb->buf + i)));
		strbuf_addstr(&out, to);
		i = (size_t)(hit - sb->buf) + flen;
	}
	strbuf_swap(&out, sb);
	strbuf_release(&out);
}

static void describe_failure(struct file_result *r, const struct job *job,
			     const struct spatch_task *t, unsigned timeout_s)
{
	struct strbuf sb = STRBUF_INIT;

	if (job->end == JOB_TIMED_OUT) {
		strbuf_addf(&sb, "spatch timed out after %u s (see --timeout)",
			    timeout_s);
	} else {
		strbuf_addstr(&sb, "spatch ");
		job_describe_end(job, &sb);
		/* Its last line of complaint, if it said anything. */
		if (job->err.len) {
			size_t end = job->err.len, start;

			while (end && job->err.buf[end - 1] == '\n')
				end--;
			start = end;
			while (start && job->err.buf[start - 1] != '\n')
				start--;
			if (end > start)
				strbuf_addf(&sb, ": %.*s",
					    (int)(end - start > 200 ?
							  200 :
							  end - start),
					    job->err.buf + start);
		}
	}
	/* The user knows the file by its own name, not the staged one. */
	replace_all(&sb, t->in, r->file->path);
	r->failure = strbuf_detach(&sb, NULL);
}

/*
 * A file of our own in the scratch directory: no fsync (it lives only for
 * the run), created new so that nothing else can be there already.
 */
static void write_scratch_file(const char *path, const struct strbuf *sb)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	const char *p = sb->buf;
	size_t left = sb->len;

	if (fd < 0)
		die_errno("%s: cannot create", path);
	while (left) {
		ssize_t n = write(fd, p, left);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (!n)
				errno = ENOSPC;
			die_errno("%s: cannot write", path);
		}
		p += n;
		left -= (size_t)n;
	}
	if (close(fd))
		die_errno("%s: cannot write", path);
}

/* Called by the pool as each spatch ends: collect its result. */
static void spatch_done(struct job *job, void *vctx)
{
	struct run_ctx *ctx = vctx;
	struct spatch_task *t = job->data;
	struct file_result *r = t->r;

	spatch_parse_errors(job->err.buf, job->err.len, t->in, &r->perr);
	if (job->end != JOB_EXITED || job->status != 0) {
		describe_failure(r, job, t, ctx->o->timeout_s);
	} else if (strbuf_read_file(&r->after, t->out, r->before.len + 256)) {
		struct strbuf sb = STRBUF_INIT;

		strbuf_addf(&sb, "spatch wrote no result (%s)",
			    strerror(errno));
		r->failure = strbuf_detach(&sb, NULL);
	}
	if (r->failure)
		ctx->e->spatch_failures++;
	unlink(t->out);
	unlink(t->in);
	strbuf_release(&job->out);
	strbuf_release(&job->err);
}

/* Run spatch on every result marked run_now, with a macro file if given. */
void engine_spatch(struct engine *e, const struct engine_opts *o,
		   const char *macro_file)
{
	struct run_ctx ctx = { e, o };
	struct job *jobs;
	struct spatch_task *tasks;
	size_t i, nr = 0;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned parallel = o->jobs ? o->jobs : (cpus > 0 ? (unsigned)cpus : 1);
	int signo = 0;
	enum pool_result result;
	char *old_tmpdir;

	jobs = xcalloc(e->nr ? e->nr : 1, sizeof(*jobs));
	tasks = xcalloc(e->nr ? e->nr : 1, sizeof(*tasks));
	for (i = 0; i < e->nr; i++) {
		struct file_result *r = &e->res[i];
		struct spatch_task *t = &tasks[nr];
		size_t n = strlen(r->file->rel);
		/* Keep the suffix: spatch treats .h and .c alike, but why risk it. */
		char ext = n && r->file->rel[n - 1] == 'h' ? 'h' : 'c';
		struct strbuf sb = STRBUF_INIT;

		if (!r->run_now)
			continue;
		r->run_now = 0;
		t->r = r;
		strbuf_addf(&sb, "%s/f%zu.%c", e->tmpdir, i, ext);
		t->in = strbuf_detach(&sb, NULL);
		strbuf_addf(&sb, "%s/o%zu.%c", e->tmpdir, i, ext);
		t->out = strbuf_detach(&sb, NULL);
		write_scratch_file(t->in, &r->before);
		job_init(&jobs[nr],
			 spatch_argv(&e->sp, &e->rule, t->in, t->out,
				     macro_file),
			 o->timeout_s * 1000, t);
		nr++;
	}
	e->spatch_runs += nr;
	/* spatch's own temporary files go to the scratch directory too. */
	old_tmpdir = getenv("TMPDIR") ? xstrdup(getenv("TMPDIR")) : NULL;
	if (setenv("TMPDIR", e->tmpdir, 1))
		die_errno("setenv TMPDIR");
	result = pool_run(jobs, nr, parallel, spatch_done, &ctx, &signo);
	if (old_tmpdir ? setenv("TMPDIR", old_tmpdir, 1) : unsetenv("TMPDIR"))
		die_errno("setenv TMPDIR");
	free(old_tmpdir);
	if (result != POOL_OK)
		die("interrupted by signal %d (%s): no file was changed", signo,
		    strsignal(signo));
	for (i = 0; i < nr; i++) {
		argv_free(jobs[i].argv);
		job_release(&jobs[i]);
		free(tasks[i].in);
		free(tasks[i].out);
	}
	free(jobs);
	free(tasks);
}

/* Site i of r went from the old form of a call to the new. */
static int converted_call(const struct engine *e, const struct file_result *r,
			  size_t i)
{
	return r->after_sites.nr == r->sites.nr &&
	       form_converted_call(&e->rule, &r->sites.v[i],
				   &r->after_sites.v[i]);
}

/*
 * Turn spatch's result into the final text: give back what it must not
 * change (restore.h), re-fill the calls it converted (layout.h), then
 * find the sites of the result.
 */
void engine_finish_layout(struct engine *e, struct file_result *r)
{
	struct ctok_list toks = { 0 };
	size_t i;

	site_list_release(&r->after_sites);
	restore_file_end(&r->after, &r->before);
	restore_manual_sites(&r->after, &r->before, &r->sites, e->rule.ident);
	r->changed_by_spatch = !strbuf_equal(&r->after, &r->before);
	ctok_scan(r->after.buf, r->after.len, &toks);
	sites_find(r->after.buf, &toks, e->rule.ident, &r->after_sites);
	if (!r->changed_by_spatch || r->after_sites.nr != r->sites.nr) {
		ctok_list_release(&toks);
		return;
	}
	/* Backwards, so that earlier offsets stay valid. */
	for (i = r->sites.nr; i-- > 0;)
		if (converted_call(e, r, i))
			layout_refill(&r->after, &toks,
				      r->after_sites.v[i].open,
				      e->wrap_one_line);
	layout_keep_backslashes(&r->after, &r->before);
	/* The layout moved text: find the sites again. */
	ctok_list_release(&toks);
	site_list_release(&r->after_sites);
	ctok_scan(r->after.buf, r->after.len, &toks);
	sites_find(r->after.buf, &toks, e->rule.ident, &r->after_sites);
	ctok_list_release(&toks);
}

void engine_finish_result(struct engine *e, struct file_result *r)
{
	if (!r->needs_spatch || r->failure) {
		strbuf_reset(&r->after);
		strbuf_addbuf(&r->after, &r->before);
	}
	engine_finish_layout(e, r);
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
		if (converted_call(e, r, i))
			form_insert_arg(&e->rule, &text, &toks, &r->sites.v[i]);
	ctok_list_release(&toks);
	ok = same_tokens(&text, &r->after);
	if (ok) {
		strbuf_swap(&text, &r->after);
		engine_finish_layout(e, r);
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
			e->spatch_failures++;
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
			e->spatch_failures++;
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
	if (!ledger_add(&e->ledger, &e->rule, &fo)) {
		strbuf_reset(&r->after);
		strbuf_addbuf(&r->after, &r->before);
		e->spatch_failures++;
	}
	r->changed = !strbuf_equal(&r->after, &r->before);
	if (r->changed)
		e->ledger.files_changed++;
}

void engine_run(struct engine *e, char *const *trees, size_t nr,
		const struct engine_opts *o)
{
	size_t i;

	e->wrap_one_line = o->wrap_one_line;
	interrupt_hold(&run_mask);
	scan_trees(trees, nr, &e->scan);
	prefilter(e, o, trees);
	weigh_pastes(e, trees);
	make_scratch(e);
	engine_setup_macro_file(e, o);
	for (i = 0; i < e->nr; i++)
		e->res[i].run_now = e->res[i].needs_spatch;
	engine_spatch(e, o, NULL);
	for (i = 0; i < e->nr; i++)
		engine_finish_result(e, &e->res[i]);
	engine_retry_with_macros(e, o);
	if (o->fallback_text)
		for (i = 0; i < e->nr; i++)
			engine_text_fallback(e, &e->res[i]);
	leave_scratch();
	for (i = 0; i < e->nr; i++)
		account(e, &e->res[i]);
}

void engine_reset(struct engine *e)
{
	size_t i;

	for (i = 0; i < e->nr; i++) {
		struct file_result *r = &e->res[i];

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
	free(e->res);
	e->res = NULL;
	e->nr = e->alloc = 0;
	ledger_release(&e->ledger);
	scan_release(&e->scan);
	free(e->tmpdir);
	e->tmpdir = NULL;
	free(e->macro_file);
	e->macro_file = NULL;
	e->spatch_runs = 0;
	e->spatch_failures = 0;
}

void engine_release(struct engine *e)
{
	engine_reset(e);
	spatch_release(&e->sp);
	cocci_release(&e->rule);
}
