// SPDX-License-Identifier: GPL-2.0-only
/*
 * pool: start, drain, time out and reap child processes.
 *
 * One poll() loop watches every running child's stdout and stderr and a
 * self-pipe.  The handlers of SIGCHLD and of every interrupt signal (see
 * interrupt_signals() in util.h) only write a byte to that pipe, so an
 * interruption or a child's death wakes the loop at once rather than at
 * the next timeout, with no window in which a signal is lost.
 *
 * The caller may hold the interrupt signals off (the engine does, for
 * the whole run): they are let in while the pool
 * runs, so one that arrived before it starts interrupts it at once, and
 * held again before the old handlers come back, so that one arriving as
 * the pool ends is not lost either.
 *
 * A child is reaped only after both its pipes reach EOF (or it is killed):
 * until then it stays at least a zombie, so its pid, which is also its
 * process group id, cannot be reused and kill(-pid) cannot hit a stranger.
 *
 * The state is static: pool_run() is not reentrant (not from done() either).
 */
#include "pool.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

extern char **environ;

struct child {
	struct job *job; /* NULL: the slot is free */
	pid_t pid;
	int fd[2]; /* read ends of stdout and stderr, -1 once closed */
	double start;
	double deadline; /* 0: no timeout */
	int timed_out;
};

static volatile sig_atomic_t caught_signal;
static int wake_pipe[2] = { -1, -1 };
static FILE *trace_fp;
static const char *trace_prefix;

void pool_trace(FILE *fp, const char *prefix)
{
	trace_fp = fp;
	trace_prefix = prefix;
}

static void add_word(struct strbuf *sb, const char *w)
{
	const char *p;
	int plain = *w != '\0', c_style = 0;

	for (p = w; *p; p++) {
		unsigned char ch = (unsigned char)*p;

		if (ch < 0x20 || ch >= 0x7f || ch == '"' || ch == '\\')
			c_style = 1;
		else if (!strchr("%+,-./:=@_", ch) &&
			 !(ch >= '0' && ch <= '9') &&
			 !((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z'))
			plain = 0;
	}
	if (c_style) {
		strbuf_add_quoted_path(sb, "", w);
	} else if (plain) {
		strbuf_addstr(sb, w);
	} else {
		strbuf_addch(sb, '\'');
		for (p = w; *p; p++)
			if (*p == '\'')
				strbuf_addstr(sb, "'\\''");
			else
				strbuf_addch(sb, *p);
		strbuf_addch(sb, '\'');
	}
}

static void trace_job(const struct job *job)
{
	struct strbuf sb = STRBUF_INIT;
	char **a;

	strbuf_addstr(&sb, trace_prefix ? trace_prefix : "");
	for (a = job->argv; a && *a; a++) {
		if (a != job->argv)
			strbuf_addch(&sb, ' ');
		add_word(&sb, *a);
	}
	if (job->label) {
		strbuf_addstr(&sb, "  # ");
		add_word(&sb, job->label);
	}
	strbuf_addch(&sb, '\n');
	stderr_begin(); /* the trace goes to stderr: see util.h */
	fputs(sb.buf, trace_fp);
	fflush(trace_fp);
	stderr_end();
	strbuf_release(&sb);
}

static void on_signal(int sig)
{
	int saved_errno = errno;
	ssize_t ignored;

	if (sig != SIGCHLD)
		caught_signal = sig;
	/* Nonblocking: a full pipe already guarantees a wake-up. */
	ignored = write(wake_pipe[1], "", 1);
	(void)ignored;
	errno = saved_errno;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Both ends close-on-exec so that no child inherits another's pipes.  The
 * read end is nonblocking so that draining can stop when nothing is left;
 * the write end must stay blocking for the child, except for the self-pipe,
 * which a signal handler writes.
 */
static int open_pipe(int fd[2], int nonblocking_write)
{
	if (pipe(fd) < 0)
		return -1;
	if (fcntl(fd[0], F_SETFD, FD_CLOEXEC) < 0 ||
	    fcntl(fd[1], F_SETFD, FD_CLOEXEC) < 0 ||
	    fcntl(fd[0], F_SETFL, O_NONBLOCK) < 0 ||
	    (nonblocking_write && fcntl(fd[1], F_SETFL, O_NONBLOCK) < 0)) {
		int saved_errno = errno;

		close(fd[0]);
		close(fd[1]);
		errno = saved_errno;
		return -1;
	}
	return 0;
}

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/*
 * One read() of what *fd has for us.  Returns 1 if it got data; at EOF (or
 * on an error, which is no better) closes *fd.
 */
static int read_some(int *fd, struct strbuf *sb)
{
	ssize_t got;

	strbuf_grow(sb, 8192);
	got = read(*fd, sb->buf + sb->len, sb->alloc - sb->len - 1);
	if (got > 0) {
		strbuf_setlen(sb, sb->len + (size_t)got);
		return 1;
	}
	if (got < 0 && (errno == EAGAIN || errno == EINTR))
		return 0;
	close_fd(fd);
	return 0;
}

/* waitpid() that retries on EINTR; returns 1 if pid was reaped. */
static int reap(pid_t pid, int *status, int options)
{
	pid_t got;

	while ((got = waitpid(pid, status, options)) < 0)
		if (errno != EINTR)
			die_errno("waitpid %d", (int)pid);
	return got == pid;
}

/* Returns 0 or an errno value, as posix_spawn() does. */
static int spawn(struct child *c)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	sigset_t empty, dfl;
	int out[2], err[2], ret;

	if (!c->job->argv || !c->job->argv[0])
		return EINVAL;
	if (open_pipe(out, 0) < 0)
		return errno;
	if (open_pipe(err, 0) < 0) {
		ret = errno;
		close(out[0]);
		close(out[1]);
		return ret;
	}

	sigemptyset(&empty);
	sigemptyset(&dfl);
	sigaddset(&dfl, SIGINT);
	sigaddset(&dfl, SIGTERM);
	sigaddset(&dfl, SIGPIPE);
	/*
	 * A process group of its own, so that a timeout or an interruption
	 * can kill its grandchildren too.  It also keeps the terminal's ^C
	 * away from the children: the parent decides what dies.
	 */
	if (posix_spawn_file_actions_init(&fa) ||
	    posix_spawn_file_actions_adddup2(&fa, out[1], 1) ||
	    posix_spawn_file_actions_adddup2(&fa, err[1], 2) ||
	    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0))
		die("posix_spawn: out of memory");
	if (posix_spawnattr_init(&attr) ||
	    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP |
						    POSIX_SPAWN_SETSIGMASK |
						    POSIX_SPAWN_SETSIGDEF) ||
	    posix_spawnattr_setpgroup(&attr, 0) ||
	    posix_spawnattr_setsigmask(&attr, &empty) ||
	    posix_spawnattr_setsigdefault(&attr, &dfl))
		die("posix_spawn: out of memory");

	ret = posix_spawn(&c->pid, c->job->argv[0], &fa, &attr, c->job->argv,
			  c->job->env ? c->job->env : environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	close(out[1]);
	close(err[1]);
	c->fd[0] = out[0];
	c->fd[1] = err[0];
	if (ret) {
		close_fd(&c->fd[0]);
		close_fd(&c->fd[1]);
	}
	return ret;
}

/* Returns 1 if the job is now running, 0 if it failed (and is done). */
static int start(struct child *c, struct job *job, job_done_fn done, void *ctx)
{
	int ret;

	c->job = job;
	c->timed_out = 0;
	c->start = now();
	c->deadline = job->timeout_ms ? c->start + job->timeout_ms / 1000.0 : 0;
	if (trace_fp)
		trace_job(job);
	ret = spawn(c);
	if (!ret)
		return 1;
	/*
	 * glibc reports a failed exec here; other libcs may let the child
	 * exit with 127 instead, which the caller sees as JOB_EXITED.
	 */
	c->job = NULL;
	job->end = JOB_SPAWN_FAILED;
	job->status = ret;
	job->seconds = now() - c->start;
	if (done)
		done(job, ctx);
	return 0;
}

static void finish(struct child *c, int status, job_done_fn done, void *ctx)
{
	struct job *job = c->job;

	close_fd(&c->fd[0]);
	close_fd(&c->fd[1]);
	job->seconds = now() - c->start;
	if (c->timed_out)
		job->end = JOB_TIMED_OUT;
	else if (WIFSIGNALED(status))
		job->end = JOB_SIGNALED;
	else
		job->end = JOB_EXITED;
	job->status = WIFSIGNALED(status) ? WTERMSIG(status) :
					    WEXITSTATUS(status);
	c->job = NULL;
	if (done)
		done(job, ctx);
}

static void kill_child(struct child *c, job_done_fn done, void *ctx)
{
	int status, i;

	if (kill(-c->pid, SIGKILL) < 0)
		kill(c->pid, SIGKILL); /* it left its process group */
	reap(c->pid, &status, 0);
	/*
	 * Keep what was written before the kill, but do not wait for an EOF
	 * that a process outside the group could withhold forever.
	 */
	for (i = 0; i < 2; i++)
		while (c->fd[i] >= 0 &&
		       read_some(&c->fd[i], i ? &c->job->err : &c->job->out))
			;
	finish(c, status, done, ctx);
}

/*
 * Wait for output, a signal, a child's death or the nearest deadline, and
 * deal with it.  pfd has one entry for the self-pipe, then two per slot.
 * Returns how many jobs ended.
 */
static size_t step(struct child *slot, size_t nr_slots, struct pollfd *pfd,
		   job_done_fn done, void *ctx)
{
	double t = now(), wait = -1;
	size_t i, ended = 0;
	int timeout = -1, j, status;
	char buf[64];

	pfd[0].fd = wake_pipe[0];
	pfd[0].events = POLLIN;
	for (i = 0; i < nr_slots; i++) {
		struct child *c = &slot[i];

		for (j = 0; j < 2; j++) {
			/* poll() ignores negative fds. */
			pfd[1 + 2 * i + j].fd = c->job ? c->fd[j] : -1;
			pfd[1 + 2 * i + j].events = POLLIN;
		}
		if (c->job && c->deadline &&
		    (wait < 0 || c->deadline - t < wait))
			wait = c->deadline - t > 0 ? c->deadline - t : 0;
	}
	/* Round up, or we would spin until the deadline with 0 ms polls. */
	if (wait >= 0)
		timeout = wait * 1000 >= INT_MAX - 1 ? INT_MAX :
						       (int)(wait * 1000) + 1;

	if (poll(pfd, 1 + 2 * nr_slots, timeout) < 0) {
		if (errno == EINTR)
			return 0;
		die_errno("poll");
	}
	/* Empty the self-pipe before looking at the children: see on_signal. */
	if (pfd[0].revents)
		while (read(wake_pipe[0], buf, sizeof(buf)) > 0)
			;

	t = now();
	for (i = 0; i < nr_slots; i++) {
		struct child *c = &slot[i];

		if (!c->job)
			continue;
		for (j = 0; j < 2; j++)
			if (pfd[1 + 2 * i + j].revents)
				read_some(&c->fd[j],
					  j ? &c->job->err : &c->job->out);
		if (c->fd[0] < 0 && c->fd[1] < 0 &&
		    reap(c->pid, &status, WNOHANG)) {
			finish(c, status, done, ctx);
			ended++;
		} else if (c->deadline && t >= c->deadline) {
			c->timed_out = 1;
			kill_child(c, done, ctx);
			ended++;
		}
	}
	return ended;
}

/*
 * On an interrupt signal the running jobs are killed, reaped and still
 * handed to done() (end = JOB_SIGNALED, or what they really did if they
 * ended first), so the caller sees every job that started; those never
 * started stay JOB_NOT_RUN.  A signal caught after the last job ended
 * still yields POOL_INTERRUPTED, since restoring the old handlers would
 * otherwise lose it.
 */
enum pool_result pool_run(struct job *jobs, size_t nr, unsigned parallel,
			  job_done_fn done, void *ctx, int *signo)
{
	struct sigaction sa, old_chld, old[128];
	size_t nr_slots = parallel ? parallel : 1, next = 0, running = 0, i;
	size_t nr_sigs;
	const int *sigs = interrupt_signals(&nr_sigs);
	sigset_t caught, old_mask;
	struct child *slot;
	struct pollfd *pfd;
	int sig;

	if (nr_slots > nr)
		nr_slots = nr;
	if (nr_sigs > ARRAY_SIZE(old))
		nr_sigs = ARRAY_SIZE(old);
	slot = xcalloc(nr_slots, sizeof(*slot));
	pfd = xcalloc(1 + 2 * nr_slots, sizeof(*pfd));

	if (open_pipe(wake_pipe, 1) < 0)
		die_errno("cannot create a pipe");
	caught_signal = 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
	sigaction(SIGCHLD, &sa, &old_chld);
	sigemptyset(&caught);
	for (i = 0; i < nr_sigs; i++) {
		sigaction(sigs[i], NULL, &old[i]);
		/* Ignored on entry (nohup, `cmd &`): the user meant it. */
		if (old[i].sa_handler != SIG_IGN) {
			sigaction(sigs[i], &sa, NULL);
			sigaddset(&caught, sigs[i]);
		}
	}
	sigaddset(&caught, SIGCHLD);
	/* Handlers first: a signal held until now reaches on_signal(). */
	sigprocmask(SIG_UNBLOCK, &caught, &old_mask);
	while (!caught_signal && (next < nr || running)) {
		for (i = 0; !caught_signal && i < nr_slots && next < nr; i++)
			if (!slot[i].job)
				running += start(&slot[i], &jobs[next++], done,
						 ctx);
		if (running)
			running -= step(slot, nr_slots, pfd, done, ctx);
	}
	for (i = 0; i < nr_slots; i++)
		if (slot[i].job)
			kill_child(&slot[i], done, ctx);
	/* Held before the old handlers are back: none slips through. */
	sigprocmask(SIG_BLOCK, &caught, NULL);
	for (i = 0; i < nr_sigs; i++)
		sigaction(sigs[i], &old[i], NULL);
	sigaction(SIGCHLD, &old_chld, NULL);
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	close_fd(&wake_pipe[0]);
	close_fd(&wake_pipe[1]);
	free(slot);
	free(pfd);
	sig = caught_signal;
	if (!sig)
		return POOL_OK;
	if (signo)
		*signo = sig;
	return POOL_INTERRUPTED;
}

void job_init(struct job *job, char **argv, unsigned timeout_ms, void *data)
{
	memset(job, 0, sizeof(*job));
	job->argv = argv;
	job->timeout_ms = timeout_ms;
	job->data = data;
	strbuf_init(&job->out, 0);
	strbuf_init(&job->err, 0);
	job->end = JOB_NOT_RUN;
}

void job_release(struct job *job)
{
	strbuf_release(&job->out);
	strbuf_release(&job->err);
}

void job_describe_end(const struct job *job, struct strbuf *out)
{
	switch (job->end) {
	case JOB_NOT_RUN:
		strbuf_addstr(out, "not run");
		break;
	case JOB_EXITED:
		strbuf_addf(out, "exited with status %d", job->status);
		break;
	case JOB_SIGNALED:
		strbuf_addf(out, "killed by signal %d (%s)", job->status,
			    strsignal(job->status));
		break;
	case JOB_TIMED_OUT:
		strbuf_addf(out, "timed out after %.1f s",
			    job->timeout_ms / 1000.0);
		break;
	case JOB_SPAWN_FAILED:
		strbuf_addf(out, "could not be started: %s",
			    strerror(job->status));
		break;
	}
}
