// SPDX-License-Identifier: GPL-2.0-only
#include "transform.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "form.h"
#include "layout.h"
#include "pool.h"
#include "progress.h"
#include "restore.h"
#include "util.h"

extern char **environ;

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

/* Called by the pool as each spatch ends: collect its result. */
static void spatch_done(struct job *job, void *vctx)
{
	struct transform *tf = vctx;
	struct spatch_task *t = job->data;
	struct file_result *r = t->r;

	spatch_parse_errors(job->err.buf, job->err.len, t->in, &r->perr);
	if (job->end != JOB_EXITED || job->status != 0) {
		describe_failure(r, job, t, tf->timeout_s);
	} else if (strbuf_read_file(&r->after, t->out, r->before.len + 256)) {
		struct strbuf sb = STRBUF_INIT;

		strbuf_addf(&sb, "spatch wrote no result (%s)",
			    strerror(errno));
		r->failure = strbuf_detach(&sb, NULL);
	}
	if (r->failure)
		tf->failures++;
	progress_add(PROGRESS_JOBS, 1);
	unlink(t->out);
	unlink(t->in);
	strbuf_release(&job->out);
	strbuf_release(&job->err);
}

/* Run spatch on every result marked run_now, with a macro file if given. */
void transform_round(struct transform *tf, struct file_result *v, size_t nr,
		     const char *macro_file)
{
	struct job *jobs;
	struct spatch_task *tasks;
	size_t i, n = 0;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned parallel = tf->jobs ? tf->jobs :
				       (cpus > 0 ? (unsigned)cpus : 1);
	int signo = 0;
	enum pool_result result;
	char **env = scratch_env(tf->scratch);

	jobs = xcalloc(nr ? nr : 1, sizeof(*jobs));
	tasks = xcalloc(nr ? nr : 1, sizeof(*tasks));
	for (i = 0; i < nr; i++) {
		struct file_result *r = &v[i];
		struct spatch_task *t = &tasks[n];
		size_t len = strlen(r->file->rel);
		/* Keep the suffix: spatch treats .h and .c alike, but why risk it. */
		char ext = len && r->file->rel[len - 1] == 'h' ? 'h' : 'c';
		struct strbuf sb = STRBUF_INIT;

		if (!r->run_now)
			continue;
		r->run_now = 0;
		t->r = r;
		strbuf_addf(&sb, "%s/f%zu.%c", tf->scratch, i, ext);
		t->in = strbuf_detach(&sb, NULL);
		strbuf_addf(&sb, "%s/o%zu.%c", tf->scratch, i, ext);
		t->out = strbuf_detach(&sb, NULL);
		transform_write_scratch(t->in, &r->before);
		job_init(&jobs[n],
			 spatch_argv(tf->sp, tf->rule, t->in, t->out,
				     macro_file),
			 tf->timeout_s * 1000, t);
		jobs[n].env = env;
		jobs[n].label = r->file->path; /* spatch sees f<i>.c */
		n++;
	}
	tf->runs += n;
	progress_total(PROGRESS_JOBS, n);
	result = pool_run(jobs, n, parallel, spatch_done, tf, &signo);
	free_scratch_env(env);
	if (result != POOL_OK)
		die("interrupted by signal %d (%s): no file was changed", signo,
		    strsignal(signo));
	for (i = 0; i < n; i++) {
		argv_free(jobs[i].argv);
		job_release(&jobs[i]);
		free(tasks[i].in);
		free(tasks[i].out);
	}
	free(jobs);
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
