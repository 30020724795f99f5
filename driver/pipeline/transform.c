// SPDX-License-Identifier: GPL-2.0-only
#include "transform.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "form.h"
#include "layout.h"
#include "pool.h"
#include "progress.h"
#include "restore.h"
#include "slice.h"
#include "util.h"

extern char **environ;

/*
 * One file for spatch.  spatch 1.1.1 copies its result with
 * "sh -c 'cp ... OUT'" without quoting, and chokes on names with blanks
 * or quotes, so it never sees a name from the tree: each file is staged
 * (the bytes the driver read, or their slice, so that spatch and the
 * ledger see the same text even if the tree changes meanwhile) under a
 * plain, generated name in the scratch directory, and the result is
 * mapped back.
 */
struct spatch_task {
	struct file_result *r;
	struct strbuf slice; /* what spatch sees, when sliced (slice.h) */
	int sliced;
	size_t weight; /* bytes spatch must parse */
	char *in; /* staged copy: <scratch>/f<n>.c, or <scratch>/b<k>/f<n>.c */
	char *out; /* alone: spatch's result, <scratch>/o<n>.c */
	int alone; /* its batch gave no result for it: run it by itself */
	int timed_out;
};

/* Several files for one spatch --dir, in a directory of their own. */
struct batch {
	struct spatch_task **t;
	size_t nr;
	size_t bytes;
	char *dir; /* NULL: one file, run alone */
	char *label; /* for -v */
};

/* The parent's environment, but TMPDIR: the scratch directory. */
static char **scratch_env(const char *scratch)
{
	size_t n = 0, i, k = 0;
	char **env;
	struct strbuf sb = STRBUF_INIT;

	while (environ[n])
		n++;
	env = xcalloc(n + 2, sizeof(*env));
	for (i = 0; i < n; i++)
		if (strncmp(environ[i], "TMPDIR=", 7))
			env[k++] = environ[i];
	strbuf_addf(&sb, "TMPDIR=%s", scratch);
	env[k++] = strbuf_detach(&sb, NULL);
	env[k] = NULL;
	return env;
}

static void free_scratch_env(char **env)
{
	size_t n = 0;

	while (env[n])
		n++;
	free(env[n - 1]); /* the one string of ours */
	free(env);
}

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
	replace_all(&sb, t->in, r->file->rel);
	r->failure = strbuf_detach(&sb, NULL);
}

/*
 * A file of our own in the scratch directory: no fsync (it lives only for
 * the run), created new so that nothing else can be there already.
 */
void transform_write_scratch(const char *path, const struct strbuf *sb)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

	if (fd < 0)
		die_errno("%s: cannot create", path);
	if (write_in_full(fd, sb->buf, sb->len) || close(fd))
		die_errno("%s: cannot write", path);
}

/* The text spatch is given for t. */
static const struct strbuf *task_text(const struct spatch_task *t)
{
	return t->sliced ? &t->slice : &t->r->before;
}

/* Bytes spatch has to read as code: all but the blanks. */
static size_t weight_of(const struct strbuf *sb)
{
	size_t i, w = 0;

	for (i = 0; i < sb->len; i++)
		w += sb->buf[i] != ' ';
	return w;
}

/*
 * Stage t under a new name in dir: <dir>/f<n>.c, and for a file run
 * alone (dir is the scratch directory) its result <scratch>/o<n>.c.
 */
static void stage(struct transform *tf, struct spatch_task *t, const char *dir)
{
	struct strbuf sb = STRBUF_INIT;
	const char *rel = t->r->file->rel;
	size_t len = strlen(rel), n = tf->staged++;
	/* Keep the suffix: spatch treats .h and .c alike, but why risk it. */
	char ext = len && rel[len - 1] == 'h' ? 'h' : 'c';

	strbuf_addf(&sb, "%s/f%zu.%c", dir, n, ext);
	t->in = strbuf_detach(&sb, NULL);
	if (dir == tf->scratch) {
		strbuf_addf(&sb, "%s/o%zu.%c", tf->scratch, n, ext);
		t->out = strbuf_detach(&sb, NULL);
	}
	transform_write_scratch(t->in, task_text(t));
}

/* A file run alone: its result, or why there is none. */
static void alone_done(struct transform *tf, struct job *job,
		       struct spatch_task *t)
{
	struct file_result *r = t->r;

	spatch_parse_errors(job->err.buf, job->err.len, t->in, &r->perr);
	strbuf_reset(&r->after);
	if (job->end != JOB_EXITED || job->status != 0) {
		t->timed_out = job->end == JOB_TIMED_OUT;
		describe_failure(r, job, t, tf->timeout_s);
	} else if (strbuf_read_file(&r->after, t->out,
				    task_text(t)->len + 256)) {
		struct strbuf sb = STRBUF_INIT;

		strbuf_addf(&sb, "spatch wrote no result (%s)",
			    strerror(errno));
		r->failure = strbuf_detach(&sb, NULL);
	}
	unlink(t->out);
	unlink(t->in);
}

/*
 * A batch: each file's result, converted in place.  When spatch did not
 * end well (a crash, a timeout) or caught an exception in some file, no
 * result of the batch is trusted: each of its files is run alone, so
 * that only the bad one carries the failure, with its own message.
 */
static void batch_files_done(struct job *job, struct batch *b)
{
	int ok = job->end == JOB_EXITED && job->status == 0 &&
		 !spatch_caught_exception(job->err.buf, job->err.len);
	size_t i;

	for (i = 0; i < b->nr; i++) {
		struct spatch_task *t = b->t[i];
		struct file_result *r = t->r;

		strbuf_reset(&r->after);
		if (ok && !strbuf_read_file(&r->after, t->in,
					    task_text(t)->len + 256)) {
			spatch_parse_errors(job->err.buf, job->err.len, t->in,
					    &r->perr);
		} else {
			strbuf_reset(&r->after);
			t->alone = 1;
		}
		unlink(t->in);
	}
	/* Whatever spatch left there goes with the scratch directory. */
	(void)rmdir(b->dir);
}

/* Called by the pool as each spatch ends: collect its results. */
static void spatch_done(struct job *job, void *vctx)
{
	struct batch *b = job->data;

	if (b->dir)
		batch_files_done(job, b);
	else
		alone_done(vctx, job, b->t[0]);
	progress_add(PROGRESS_JOBS, 1);
	strbuf_release(&job->out);
	strbuf_release(&job->err);
}

static int heavier_task(const void *pa, const void *pb)
{
	const struct spatch_task *a = *(const struct spatch_task *const *)pa;
	const struct spatch_task *b = *(const struct spatch_task *const *)pb;

	if (a->weight != b->weight)
		return a->weight < b->weight ? 1 : -1;
	return a->r < b->r ? -1 : a->r > b->r;
}

static int heavier_batch(const void *pa, const void *pb)
{
	const struct batch *a = pa, *b = pb;

	if (a->bytes != b->bytes)
		return a->bytes < b->bytes ? 1 : -1;
	return heavier_task(&a->t[0], &b->t[0]);
}

/*
 * The batches for n files: as many as spatch processes run at once (and
 * more where a batch would exceed BATCH_MAX files, so that a failed
 * batch costs little to redo), filled greedily by size, heaviest file
 * first, each into the lightest batch; the heaviest batch starts first.
 * alone: one file per batch.
 */
#define BATCH_MAX 64

static struct batch *make_batches(struct spatch_task **t, size_t n,
				  unsigned parallel, int alone, size_t *nb)
{
	struct batch *b;
	size_t i, k;

	qsort(t, n, sizeof(struct spatch_task *), heavier_task);
	*nb = alone || n < parallel ? n : parallel;
	if (*nb < (n + BATCH_MAX - 1) / BATCH_MAX)
		*nb = (n + BATCH_MAX - 1) / BATCH_MAX;
	b = xcalloc(*nb, sizeof(*b));
	for (k = 0; k < *nb; k++)
		b[k].t = xcalloc(n < BATCH_MAX ? n : BATCH_MAX,
				 sizeof(struct spatch_task *));
	for (i = 0; i < n; i++) {
		size_t light = *nb;

		/* *nb * BATCH_MAX >= n: one has room. */
		for (k = 0; k < *nb; k++)
			if (b[k].nr < BATCH_MAX &&
			    (light == *nb || b[k].bytes < b[light].bytes ||
			     (b[k].bytes == b[light].bytes &&
			      b[k].nr < b[light].nr)))
				light = k;
		b[light].t[b[light].nr++] = t[i];
		b[light].bytes += t[i]->weight;
	}
	qsort(b, *nb, sizeof(*b), heavier_batch);
	return b;
}

static void batch_job(struct transform *tf, struct batch *b, struct job *job,
		      const char *macro_file)
{
	struct strbuf sb = STRBUF_INIT;
	unsigned long long ms =
		(unsigned long long)tf->timeout_s * 1000 * b->nr;
	size_t i;

	if (b->nr == 1) {
		stage(tf, b->t[0], tf->scratch);
		job_init(job,
			 spatch_argv(tf->sp, tf->rule, b->t[0]->in,
				     b->t[0]->out, macro_file),
			 (unsigned)(ms > UINT_MAX ? UINT_MAX : ms), b);
		job->label = b->t[0]->r->file->path; /* spatch sees f<n>.c */
		return;
	}
	strbuf_addf(&sb, "%s/b%zu", tf->scratch, tf->batches++);
	b->dir = strbuf_detach(&sb, NULL);
	if (mkdir(b->dir, 0700))
		die_errno("%s: cannot create", b->dir);
	strbuf_addf(&sb, "%zu files:", b->nr);
	for (i = 0; i < b->nr; i++) {
		stage(tf, b->t[i], b->dir);
		strbuf_addf(&sb, " %s", b->t[i]->r->file->path);
	}
	b->label = strbuf_detach(&sb, NULL);
	/* --timeout is per file: the batch has that much per file. */
	job_init(job, spatch_dir_argv(tf->sp, tf->rule, b->dir, macro_file),
		 (unsigned)(ms > UINT_MAX ? UINT_MAX : ms), b);
	job->label = b->label;
}

/*
 * Run spatch on n files, in batches (alone: each by itself), then each
 * file of a batch that gave no result for it alone.
 */
static void run_tasks(struct transform *tf, struct spatch_task **t, size_t n,
		      const char *macro_file, int alone)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned parallel = tf->jobs ? tf->jobs :
				       (cpus > 0 ? (unsigned)cpus : 1);
	size_t nb, i, k, again = 0;
	struct batch *b;
	struct job *jobs;
	char **env;
	int signo = 0;
	enum pool_result result;

	if (!n)
		return;
	b = make_batches(t, n, parallel, alone, &nb);
	jobs = xcalloc(nb, sizeof(*jobs));
	env = scratch_env(tf->scratch);
	for (k = 0; k < nb; k++) {
		batch_job(tf, &b[k], &jobs[k], macro_file);
		jobs[k].env = env;
	}
	tf->runs += nb;
	progress_total(PROGRESS_JOBS, nb);
	result = pool_run(jobs, nb, parallel, spatch_done, tf, &signo);
	free_scratch_env(env);
	if (result != POOL_OK)
		die("interrupted by signal %d (%s): no file was changed", signo,
		    strsignal(signo));
	for (k = 0; k < nb; k++) {
		argv_free(jobs[k].argv);
		job_release(&jobs[k]);
		for (i = 0; i < b[k].nr; i++) {
			struct spatch_task *s = b[k].t[i];

			free(s->in);
			free(s->out);
			s->in = s->out = NULL;
			if (s->alone)
				t[again++] = s;
			s->alone = 0;
		}
		free(b[k].t);
		free(b[k].dir);
		free(b[k].label);
	}
	free(jobs);
	free(b);
	if (again)
		run_tasks(tf, t, again, macro_file, 1);
}

/*
 * A slice's result, put back into the whole file: usable when every
 * call, prototype or definition in the old form (outside #if 0) is
 * converted.  Otherwise the whole file might do better.  A timeout is
 * kept: the whole file would take longer still.
 */
static int slice_usable(const struct transform *tf, struct spatch_task *t)
{
	struct file_result *r = t->r;
	struct strbuf merged = STRBUF_INIT;
	struct ctok_list toks = { 0 };
	struct site_list after = { 0 };
	size_t i;
	int ok;

	if (r->failure)
		return t->timed_out;
	if (slice_merge(&r->before, &t->slice, &r->after, &merged)) {
		strbuf_release(&merged);
		return 0;
	}
	strbuf_swap(&merged, &r->after);
	strbuf_release(&merged);
	ctok_scan(r->after.buf, r->after.len, &toks);
	sites_find(r->after.buf, &toks, tf->rule->ident, &after);
	ok = after.nr == r->sites.nr;
	for (i = 0; ok && i < r->sites.nr; i++) {
		const struct site *b = &r->sites.v[i];

		if (form_is_old(tf->rule, b) && !(b->flags & CTOK_IN_IF0) &&
		    !form_converted(tf->rule, b, &after.v[i]))
			ok = 0;
	}
	ctok_list_release(&toks);
	site_list_release(&after);
	return ok;
}

/* Run spatch on every result marked run_now, with a macro file if given. */
void transform_round(struct transform *tf, struct file_result *v, size_t nr,
		     const char *macro_file)
{
	struct spatch_task *tasks = xcalloc(nr ? nr : 1, sizeof(*tasks));
	struct spatch_task **list =
		xcalloc(nr ? nr : 1, sizeof(struct spatch_task *));
	size_t i, n = 0, again = 0;

	for (i = 0; i < nr; i++) {
		struct file_result *r = &v[i];
		struct spatch_task *t = &tasks[n];

		if (!r->run_now)
			continue;
		r->run_now = 0;
		t->r = r;
		t->sliced = tf->slice &&
			    slice_make(r->before.buf, r->before.len, &r->sites,
				       &t->slice);
		t->weight = weight_of(task_text(t));
		list[n++] = t;
	}
	run_tasks(tf, list, n, macro_file, 0);
	/* Where a slice gave no usable result, the whole file. */
	for (i = 0; i < n; i++) {
		struct spatch_task *t = &tasks[i];
		struct file_result *r = t->r;

		if (!t->sliced || slice_usable(tf, t))
			continue;
		strbuf_reset(&r->after);
		parse_errors_release(&r->perr);
		free(r->failure);
		r->failure = NULL;
		r->slice_fallback = 1;
		t->sliced = 0;
		t->timed_out = 0;
		t->weight = weight_of(task_text(t));
		list[again++] = t;
	}
	tf->slice_fallbacks += again;
	run_tasks(tf, list, again, macro_file, 0);
	for (i = 0; i < n; i++) {
		tf->failures += !!tasks[i].r->failure;
		strbuf_release(&tasks[i].slice);
	}
	free(list);
	free(tasks);
}

/* Site i of r went from the old form of a call to the new. */
static int converted_call(const struct transform *tf,
			  const struct file_result *r, size_t i)
{
	return r->after_sites.nr == r->sites.nr &&
	       form_converted_call(tf->rule, &r->sites.v[i],
				   &r->after_sites.v[i]);
}

/*
 * A backport whose call had its first argument on a line below the '('
 * ("sock_create_kern(" newline "net, AF_INET, ..."): spatch joins the
 * next argument to the '('.  Put back the line break and indentation
 * the first argument had, when only blanks stood there.  Returns 1 when
 * it did (the call's tokens in after are then stale).
 */
static int keep_line_break(struct strbuf *after, size_t open_off,
			   const struct strbuf *before,
			   const struct ctok_list *bt, const struct site *b)
{
	size_t from = bt->v[b->open].off + 1, to = bt->v[b->open + 1].off;
	size_t at = open_off + 1, end = at, k;

	if (bt->v[b->open + 1].line == bt->v[b->open].line)
		return 0;
	for (k = from; k < to; k++)
		if (!strchr(" \t\r\n", before->buf[k]))
			return 0; /* a comment: spatch's text stands */
	while (end < after->len &&
	       (after->buf[end] == ' ' || after->buf[end] == '\t'))
		end++;
	if (end < after->len &&
	    (after->buf[end] == '\n' || after->buf[end] == '\r'))
		return 0; /* the break is still there */
	strbuf_splice(after, at, end - at, before->buf + from, to - from);
	return 1;
}

/*
 * A backport: each converted call gets back the lines it had before the
 * forward conversion moved its arguments down (layout_unfill()), from
 * the text of the argument it lost, read in the original; or the line
 * break spatch took from it (keep_line_break()).
 */
static void unfill_dropped(const struct transform *tf, struct file_result *r,
			   const struct ctok_list *toks)
{
	struct ctok_list bt = { 0 };
	struct strbuf dropped = STRBUF_INIT;
	size_t i, comma;

	ctok_scan(r->before.buf, r->before.len, &bt);
	for (i = r->sites.nr; i-- > 0;) {
		const struct site *b = &r->sites.v[i];
		size_t open = r->after_sites.v[i].open;

		if (!converted_call(tf, r, i) ||
		    !form_first_comma(r->before.buf, &bt, b, &comma) ||
		    keep_line_break(&r->after, toks->v[open].off, &r->before,
				    &bt, b))
			continue;
		strbuf_reset(&dropped);
		strbuf_add(&dropped, r->before.buf + bt.v[b->open + 1].off,
			   bt.v[comma - 1].off + bt.v[comma - 1].len -
				   bt.v[b->open + 1].off);
		layout_unfill(&r->after, toks, open, dropped.buf);
	}
	strbuf_release(&dropped);
	ctok_list_release(&bt);
}

/*
 * Turn spatch's result into the final text: give back what it must not
 * change (restore.h), re-fill the calls it converted (layout.h), then
 * find the sites of the result.
 */
void transform_layout(const struct transform *tf, struct file_result *r)
{
	struct ctok_list toks = { 0 };
	size_t i;

	site_list_release(&r->after_sites);
	restore_file_end(&r->after, &r->before);
	restore_manual_sites(&r->after, &r->before, &r->sites, tf->rule->ident);
	r->changed_by_spatch = !strbuf_equal(&r->after, &r->before);
	ctok_scan(r->after.buf, r->after.len, &toks);
	sites_find(r->after.buf, &toks, tf->rule->ident, &r->after_sites);
	if (!r->changed_by_spatch || r->after_sites.nr != r->sites.nr) {
		ctok_list_release(&toks);
		return;
	}
	/* Backwards, so that earlier offsets stay valid. */
	if (tf->rule->drop_first_arg)
		unfill_dropped(tf, r, &toks);
	else
		for (i = r->sites.nr; i-- > 0;)
			if (converted_call(tf, r, i))
				layout_refill(&r->after, &toks,
					      r->after_sites.v[i].open,
					      tf->wrap_one_line);
	layout_keep_backslashes(&r->after, &r->before);
	/* The layout moved text: find the sites again. */
	ctok_list_release(&toks);
	site_list_release(&r->after_sites);
	ctok_scan(r->after.buf, r->after.len, &toks);
	sites_find(r->after.buf, &toks, tf->rule->ident, &r->after_sites);
	ctok_list_release(&toks);
}

void transform_finish(const struct transform *tf, struct file_result *r)
{
	if (!r->needs_spatch || r->failure) {
		strbuf_reset(&r->after);
		strbuf_addbuf(&r->after, &r->before);
	}
	transform_layout(tf, r);
}
