/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pool: the one module that starts and reaps child processes.
 *
 * Runs a batch of jobs, at most `parallel` at a time, each with posix_spawn,
 * stdin from /dev/null, stdout and stderr captured into strbufs through
 * pipes drained with poll(), and an optional per-job timeout after which the
 * child is killed.  Nothing here knows what spatch is.
 *
 * Every interrupt signal (SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1...: see
 * interrupt_signals() in util.h) received while the pool runs, or held by
 * the caller until it starts, is caught: every running child is killed
 * and reaped, no new job starts, and pool_run() returns POOL_INTERRUPTED
 * so the caller can clean up and exit (it must not leave a half-written
 * file or its scratch directory behind).  Signals ignored on entry stay
 * ignored.
 */
#ifndef COCCIDRIVE_POOL_H
#define COCCIDRIVE_POOL_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "strbuf.h"

enum job_end {
	JOB_NOT_RUN = 0, /* not started (pool interrupted first) */
	JOB_EXITED, /* status = exit code */
	JOB_SIGNALED, /* status = signal number */
	JOB_TIMED_OUT, /* killed by the pool after timeout_ms */
	JOB_SPAWN_FAILED, /* status = errno from posix_spawn */
};

struct job {
	/* Filled by the caller. */
	char **argv; /* argv[0] is an absolute or relative path, no PATH look-up */
	char **env; /* the child's whole environment; NULL: the parent's */
	const char *label; /* what the job is for, in the trace; or NULL */
	unsigned timeout_ms; /* 0: no limit */
	void *data; /* the caller's */

	/* Filled by the pool. */
	struct strbuf out;
	struct strbuf err;
	enum job_end end;
	int status;
	double seconds; /* wall time */
};

enum pool_result {
	POOL_OK = 0, /* every job ran (each may still have failed) */
	POOL_INTERRUPTED, /* a signal: children killed, rest not run */
};

/*
 * Called in the parent as each job ends, in completion order.  The caller
 * may inspect and release job->out / job->err there.
 */
typedef void (*job_done_fn)(struct job *job, void *ctx);

void job_init(struct job *job, char **argv, unsigned timeout_ms, void *data);
void job_release(struct job *job);

/*
 * Jobs start in array order.  Returns POOL_OK or POOL_INTERRUPTED; on
 * interruption, *signo (if not NULL) receives the signal caught.
 */
enum pool_result pool_run(struct job *jobs, size_t nr, unsigned parallel,
			  job_done_fn done, void *ctx, int *signo);

/*
 * From now on, each job's argv is written to fp as the job starts: one
 * line, prefix then the words, quoted where a shell would need it (in C
 * style, as git quotes a path, where a word holds a control character, so
 * that it stays one line).  NULL: no more (the default).  For -v.
 */
void pool_trace(FILE *fp, const char *prefix);

/* A human-readable "exited with status 3", "killed by signal 9 (Killed)". */
void job_describe_end(const struct job *job, struct strbuf *out);

#endif
