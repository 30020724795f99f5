// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for pool.c.  The children are /bin/sh -c scripts.  Timing
 * assertions only check bounds that hold on a slow or loaded machine; where
 * a bound is a hard guarantee of the pool (at most `parallel` at once), it
 * is measured from files the children write, not from the clock.
 *
 * POOL_TEST_NO_SIGNALS=1 skips the tests that signal the test process (for
 * tools such as valgrind that may deliver signals late).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "pool.h"
#include "strbuf.h"
#include "unit.h"
#include "util.h"

#define MAX_JOBS 8

/* A batch of jobs and what done() saw of them. */
struct batch {
	struct job jobs[MAX_JOBS];
	char *argv[MAX_JOBS][4];
	size_t nr;
	int calls[MAX_JOBS];
	size_t order[MAX_JOBS]; /* job indices, in completion order */
	size_t nr_done;
	int bad_callback;
	double elapsed;
};

static char tmpdir[] = "/tmp/test_pool.XXXXXX";
static struct strbuf path_buf = STRBUF_INIT;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sleep_ms(unsigned ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* A file name in tmpdir; the result lives until the next call. */
static const char *tmp_path(const char *name)
{
	strbuf_reset(&path_buf);
	strbuf_addf(&path_buf, "%s/%s", tmpdir, name);
	return path_buf.buf;
}

/* The lowest free fd: it moves if the pool leaks one. */
static int lowest_free_fd(void)
{
	int fd = open("/dev/null", O_RDONLY);

	close(fd);
	return fd;
}

static void add_argv(struct batch *b, unsigned timeout_ms, const char *a0,
		     const char *a1, const char *a2)
{
	char **argv = b->argv[b->nr];

	argv[0] = xstrdup(a0);
	argv[1] = a1 ? xstrdup(a1) : NULL;
	argv[2] = a1 && a2 ? xstrdup(a2) : NULL;
	argv[3] = NULL;
	job_init(&b->jobs[b->nr], argv, timeout_ms, b);
	b->nr++;
}

__attribute__((format(printf, 3, 4))) static void
add_sh(struct batch *b, unsigned timeout_ms, const char *fmt, ...)
{
	struct strbuf script = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&script, fmt, ap);
	va_end(ap);
	add_argv(b, timeout_ms, "/bin/sh", "-c", script.buf);
	strbuf_release(&script);
}

static void on_done(struct job *job, void *ctx)
{
	struct batch *b = ctx;
	size_t i = (size_t)(job - b->jobs);

	if (i >= b->nr || job->data != b || b->nr_done >= b->nr) {
		b->bad_callback = 1;
		return;
	}
	b->calls[i]++;
	b->order[b->nr_done++] = i;
}

static enum pool_result run(struct batch *b, unsigned parallel, int *signo)
{
	enum pool_result res;
	double t0 = now();

	res = pool_run(b->jobs, b->nr, parallel, on_done, b, signo);
	b->elapsed = now() - t0;
	return res;
}

static void release(struct batch *b)
{
	size_t i;
	int j;

	for (i = 0; i < b->nr; i++) {
		for (j = 0; j < 3; j++)
			free(b->argv[i][j]);
		job_release(&b->jobs[i]);
	}
}

static void expect_describe(const struct job *job, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	job_describe_end(job, &sb);
	EXPECT_STR(sb.buf, want);
	strbuf_release(&sb);
}

static void test_exit_status(void)
{
	struct batch b = { 0 };

	add_sh(&b, 0, "exit 0");
	add_sh(&b, 0, "exit 3");
	EXPECT(run(&b, 2, NULL) == POOL_OK);
	EXPECT(b.jobs[0].end == JOB_EXITED && b.jobs[0].status == 0);
	EXPECT(b.jobs[1].end == JOB_EXITED && b.jobs[1].status == 3);
	EXPECT(b.jobs[1].seconds >= 0 && b.jobs[1].seconds < 5);
	expect_describe(&b.jobs[1], "exited with status 3");
	release(&b);
}

static void test_capture(void)
{
	struct batch b = { 0 };
	int fd = lowest_free_fd();

	add_sh(&b, 0, "printf 'out\\n'; printf 'err\\n' >&2; printf more");
	/* stdin is /dev/null: cat must see EOF at once, not wait for a tty. */
	add_sh(&b, 5000, "cat; echo end");
	add_sh(&b, 0, "printf 'a\\000b'");
	EXPECT(run(&b, 1, NULL) == POOL_OK);
	EXPECT_STR(b.jobs[0].out.buf, "out\nmore");
	EXPECT_STR(b.jobs[0].err.buf, "err\n");
	EXPECT(b.jobs[1].end == JOB_EXITED && b.jobs[1].status == 0);
	EXPECT_STR(b.jobs[1].out.buf, "end\n");
	EXPECT_STR(b.jobs[1].err.buf, "");
	EXPECT(b.jobs[2].out.len == 3 && !memcmp(b.jobs[2].out.buf, "a\0b", 3));
	EXPECT(lowest_free_fd() == fd);
	release(&b);
}

static int all_bytes(const struct strbuf *sb, char c)
{
	size_t i;

	for (i = 0; i < sb->len; i++)
		if (sb->buf[i] != c)
			return 0;
	return 1;
}

/*
 * Far more than a pipe holds, on both pipes, in both orders: a parent that
 * drained one pipe to EOF before the other would deadlock (and time out).
 */
static void test_big_output(void)
{
	struct batch b = { 0 };

	add_sh(&b, 30000,
	       "head -c 1500000 /dev/zero | tr '\\0' e >&2;"
	       "head -c 2000000 /dev/zero | tr '\\0' o;"
	       "head -c 1500000 /dev/zero | tr '\\0' e >&2");
	add_sh(&b, 30000,
	       "head -c 1200000 /dev/zero | tr '\\0' o;"
	       "head -c 1100000 /dev/zero | tr '\\0' e >&2");
	EXPECT(run(&b, 2, NULL) == POOL_OK);
	EXPECT(b.jobs[0].end == JOB_EXITED && b.jobs[0].status == 0);
	EXPECT(b.jobs[0].out.len == 2000000 && all_bytes(&b.jobs[0].out, 'o'));
	EXPECT(b.jobs[0].err.len == 3000000 && all_bytes(&b.jobs[0].err, 'e'));
	EXPECT(b.jobs[1].end == JOB_EXITED && b.jobs[1].status == 0);
	EXPECT(b.jobs[1].out.len == 1200000 && all_bytes(&b.jobs[1].out, 'o'));
	EXPECT(b.jobs[1].err.len == 1100000 && all_bytes(&b.jobs[1].err, 'e'));
	release(&b);
}

static void test_timeout(void)
{
	struct batch b = { 0 };

	add_sh(&b, 300, "echo before; sleep 30; echo after");
	add_sh(&b, 0, "exit 7");
	EXPECT(run(&b, 2, NULL) == POOL_OK);
	EXPECT(b.elapsed < 5);
	EXPECT(b.jobs[0].end == JOB_TIMED_OUT);
	EXPECT(b.jobs[0].seconds >= 0.29 && b.jobs[0].seconds < 5);
	/* Output from before the kill is still there. */
	EXPECT_STR(b.jobs[0].out.buf, "before\n");
	expect_describe(&b.jobs[0], "timed out after 0.3 s");
	EXPECT(b.jobs[1].end == JOB_EXITED && b.jobs[1].status == 7);
	release(&b);
}

/*
 * The background sleep holds the pipes open after its shell dies: only
 * killing the whole process group lets the pool finish.  The subshell
 * would create the file a second later if it survived.
 */
static void test_timeout_kills_grandchildren(void)
{
	struct batch b = { 0 };
	const char *flag = tmp_path("survived");

	unlink(flag);
	add_sh(&b, 200, "(sleep 1; touch %s) & sleep 30 & wait", flag);
	EXPECT(run(&b, 1, NULL) == POOL_OK);
	EXPECT(b.elapsed < 5);
	EXPECT(b.jobs[0].end == JOB_TIMED_OUT);
	sleep_ms(1500);
	EXPECT(access(flag, F_OK) < 0);
	unlink(flag);
	release(&b);
}

/* A child that closes its pipes but keeps running is still timed. */
static void test_closed_pipes(void)
{
	struct batch b = { 0 };

	add_sh(&b, 300, "exec >&- 2>&-; sleep 30");
	add_sh(&b, 10000, "exec >&- 2>&-; sleep 1; exit 4");
	EXPECT(run(&b, 2, NULL) == POOL_OK);
	/* Its exit must wake the pool, long before its own timeout. */
	EXPECT(b.elapsed < 4);
	EXPECT(b.jobs[0].end == JOB_TIMED_OUT);
	EXPECT(b.jobs[1].end == JOB_EXITED && b.jobs[1].status == 4);
	release(&b);
}

static void test_signaled(void)
{
	struct batch b = { 0 };
	struct strbuf want = STRBUF_INIT;

	add_sh(&b, 0, "kill -SEGV $$");
	EXPECT(run(&b, 1, NULL) == POOL_OK);
	EXPECT(b.jobs[0].end == JOB_SIGNALED && b.jobs[0].status == SIGSEGV);
	strbuf_addf(&want, "killed by signal %d (%s)", SIGSEGV,
		    strsignal(SIGSEGV));
	expect_describe(&b.jobs[0], want.buf);
	strbuf_release(&want);
	release(&b);
}

/*
 * Run as a child by test_child_setup: describe what the pool set up.  Not a
 * shell, since dash clears the signal mask it inherits.
 */
static int report_child_setup(void)
{
	struct stat in, null;
	struct sigaction sa;
	sigset_t mask;
	int sig;

	sigprocmask(SIG_SETMASK, NULL, &mask);
	for (sig = 1; sig < 32; sig++)
		if (sigismember(&mask, sig) == 1)
			printf("blocked %d\n", sig);
	for (sig = 1; sig < 32; sig++)
		if (!sigaction(sig, NULL, &sa) && sa.sa_handler == SIG_IGN)
			printf("ignored %d\n", sig);
	if (getpgrp() != getpid())
		printf("shares a process group\n");
	if (fstat(0, &in) || stat("/dev/null", &null) ||
	    in.st_rdev != null.st_rdev || in.st_ino != null.st_ino)
		printf("stdin is not /dev/null\n");
	fprintf(stderr, "ok\n");
	return 0;
}

static const char *self_path;

/*
 * Whatever the parent blocks or ignores, the child starts with an empty
 * mask and the default SIGINT, SIGTERM and SIGPIPE (a shell keeps an
 * ignored signal ignored), in a process group of its own.
 */
static void test_child_setup(void)
{
	struct sigaction ign, old_int, old_pipe;
	sigset_t block, old_mask;
	struct batch b = { 0 };

	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGPIPE, &ign, &old_pipe);
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, &old_mask);

	add_argv(&b, 10000, self_path, "--report-child-setup", NULL);
	add_sh(&b, 5000, "kill -INT $$; sleep 1");
	add_sh(&b, 5000, "kill -PIPE $$; sleep 1");
	EXPECT(run(&b, 3, NULL) == POOL_OK);
	EXPECT(b.jobs[0].end == JOB_EXITED && b.jobs[0].status == 0);
	EXPECT_STR(b.jobs[0].out.buf, "");
	EXPECT_STR(b.jobs[0].err.buf, "ok\n");
	EXPECT(b.jobs[1].end == JOB_SIGNALED && b.jobs[1].status == SIGINT);
	EXPECT(b.jobs[2].end == JOB_SIGNALED && b.jobs[2].status == SIGPIPE);

	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGPIPE, &old_pipe, NULL);
	release(&b);
}

/*
 * Only the fds the test process itself lets children inherit (a make
 * jobserver, say) may be open in a child, never the pool's own pipes.
 */
static void test_no_fd_leak_to_children(void)
{
	struct strbuf want = STRBUF_INIT;
	struct batch b = { 0 };
	int fd, flags;

	for (fd = 3; fd <= 9; fd++) {
		flags = fcntl(fd, F_GETFD);
		if (flags >= 0 && !(flags & FD_CLOEXEC))
			strbuf_addf(&want, "%d\n", fd);
	}
	add_sh(&b, 10000, "sleep 1");
	add_sh(&b, 10000,
	       "for fd in 3 4 5 6 7 8 9; do"
	       " (: <&$fd) 2>/dev/null && echo $fd; done");
	EXPECT(run(&b, 2, NULL) == POOL_OK);
	EXPECT(b.jobs[1].end == JOB_EXITED);
	EXPECT_STR(b.jobs[1].out.buf, want.buf);
	strbuf_release(&want);
	release(&b);
}

static int under_valgrind(void)
{
	const char *preload = getenv("LD_PRELOAD");

	return preload && strstr(preload, "vgpreload");
}

static void test_spawn_failure(void)
{
	struct batch b = { 0 };
	struct strbuf want = STRBUF_INIT;

	add_argv(&b, 0, "/nonexistent/coccidrive-test", NULL, NULL);
	add_sh(&b, 0, "echo still running");
	add_argv(&b, 0, "/nonexistent/coccidrive-test", "x", NULL);
	EXPECT(run(&b, 1, NULL) == POOL_OK);
	EXPECT(b.jobs[1].end == JOB_EXITED && b.jobs[1].status == 0);
	EXPECT_STR(b.jobs[1].out.buf, "still running\n");
	EXPECT(b.nr_done == 3 && !b.bad_callback);
	if (under_valgrind()) {
		/* Its posix_spawn() forks: the exec fails in the child. */
		EXPECT(b.jobs[0].end == JOB_EXITED && b.jobs[0].status == 127);
		EXPECT(b.jobs[2].end == JOB_EXITED && b.jobs[2].status == 127);
	} else {
		EXPECT(b.jobs[0].end == JOB_SPAWN_FAILED);
		EXPECT(b.jobs[0].status == ENOENT);
		EXPECT(b.jobs[2].end == JOB_SPAWN_FAILED);
		strbuf_addf(&want, "could not be started: %s",
			    strerror(ENOENT));
		expect_describe(&b.jobs[0], want.buf);
	}
	strbuf_release(&want);
	release(&b);
}

/*
 * Each job appends "+" when it starts and "-" before it exits; the file
 * then shows at most as much overlap as the pool really allowed.
 */
static int max_overlap(unsigned parallel, size_t nr, double *elapsed)
{
	struct strbuf log = STRBUF_INIT;
	const char *path = tmp_path("overlap");
	struct batch b = { 0 };
	int cur = 0, max = 0;
	size_t i;

	unlink(path);
	for (i = 0; i < nr; i++)
		add_sh(&b, 10000, "echo + >>%s; sleep 0.3; echo - >>%s", path,
		       path);
	EXPECT(run(&b, parallel, NULL) == POOL_OK);
	for (i = 0; i < nr; i++)
		EXPECT(b.jobs[i].end == JOB_EXITED && b.jobs[i].status == 0);
	EXPECT(strbuf_read_file(&log, path, 0) == 0);
	for (i = 0; i < log.len; i++) {
		if (log.buf[i] == '+' && ++cur > max)
			max = cur;
		if (log.buf[i] == '-')
			cur--;
	}
	EXPECT(cur == 0);
	*elapsed = b.elapsed;
	strbuf_release(&log);
	unlink(path);
	release(&b);
	return max;
}

static void test_parallel_limit(void)
{
	double elapsed;

	EXPECT(max_overlap(2, 6, &elapsed) <= 2);
	/* 6 x 0.3 s of work, 2 at a time. */
	EXPECT(elapsed >= 0.85);
	EXPECT(max_overlap(0, 2, &elapsed) == 1);
	EXPECT(elapsed >= 0.55);
	EXPECT(max_overlap(6, 6, &elapsed) > 2);
	EXPECT(elapsed < 5);
}

static void test_done_once(void)
{
	struct batch b = { 0 };
	int fd = lowest_free_fd();
	size_t i;

	add_sh(&b, 0, "exit 1");
	add_argv(&b, 0, "/nonexistent/coccidrive-test", NULL, NULL);
	add_sh(&b, 200, "sleep 30");
	add_sh(&b, 0, "kill -KILL $$");
	add_sh(&b, 0, "echo x");
	EXPECT(run(&b, 3, NULL) == POOL_OK);
	EXPECT(b.nr_done == b.nr && !b.bad_callback);
	for (i = 0; i < b.nr; i++)
		EXPECT(b.calls[i] == 1);
	EXPECT(lowest_free_fd() == fd);
	release(&b);

	/* One at a time, completion order is array order. */
	memset(&b, 0, sizeof(b));
	for (i = 0; i < 4; i++)
		add_sh(&b, 0, "exit %d", (int)i);
	EXPECT(run(&b, 1, NULL) == POOL_OK);
	for (i = 0; i < 4; i++)
		EXPECT(b.order[i] == i && b.jobs[i].status == (int)i);
	release(&b);

	/* No jobs, no callbacks. */
	memset(&b, 0, sizeof(b));
	EXPECT(run(&b, 4, NULL) == POOL_OK);
	EXPECT(b.nr_done == 0);
}

static void test_describe(void)
{
	struct job job;

	job_init(&job, NULL, 1500, NULL);
	expect_describe(&job, "not run");
	job.end = JOB_EXITED;
	job.status = 0;
	expect_describe(&job, "exited with status 0");
	job.end = JOB_TIMED_OUT;
	expect_describe(&job, "timed out after 1.5 s");
	job_release(&job);
}

static volatile sig_atomic_t test_handler_calls;

static void test_handler(int sig)
{
	(void)sig;
	test_handler_calls++;
}

/* Fork a process that sends sig to us after ms milliseconds. */
static pid_t signal_later(int sig, unsigned ms)
{
	pid_t parent = getpid(), pid = fork();

	if (!pid) {
		sleep_ms(ms);
		kill(parent, sig);
		_exit(0);
	}
	return pid;
}

static int skip_signal_tests(void)
{
	const char *s = getenv("POOL_TEST_NO_SIGNALS");

	return s && *s && strcmp(s, "0");
}

static void check_interrupt(int sig)
{
	struct sigaction sa, old, now_sa;
	struct batch b = { 0 };
	int signo = 0, status, fd = lowest_free_fd();
	pid_t helper;
	size_t i;

	/* Our own handler, so a signal that misses the pool fails softly. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = test_handler;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, &old);
	test_handler_calls = 0;

	for (i = 0; i < 5; i++)
		add_sh(&b, 0, "echo started; sleep 30 & sleep 30");
	helper = signal_later(sig, 300);
	EXPECT(helper > 0);
	EXPECT(run(&b, 2, &signo) == POOL_INTERRUPTED);
	EXPECT(signo == sig);
	EXPECT(b.elapsed < 5);
	EXPECT(test_handler_calls == 0);
	for (i = 0; i < 2; i++) {
		EXPECT(b.jobs[i].end == JOB_SIGNALED);
		EXPECT(b.jobs[i].status == SIGKILL);
		EXPECT(b.calls[i] == 1);
	}
	for (i = 2; i < 5; i++)
		EXPECT(b.jobs[i].end == JOB_NOT_RUN && b.calls[i] == 0);

	/* The previous handler is back. */
	sigaction(sig, NULL, &now_sa);
	EXPECT(now_sa.sa_handler == test_handler);

	/* Every child but the helper was reaped already. */
	EXPECT(waitpid(helper, &status, 0) == helper);
	EXPECT(waitpid(-1, &status, WNOHANG) < 0 && errno == ECHILD);
	EXPECT(lowest_free_fd() == fd);

	sigaction(sig, &old, NULL);
	release(&b);
}

static void test_interrupt_sigint(void)
{
	if (!skip_signal_tests())
		check_interrupt(SIGINT);
}

static void test_interrupt_sigterm(void)
{
	if (!skip_signal_tests())
		check_interrupt(SIGTERM);
}

/* Every signal that would end us, not only SIGINT and SIGTERM. */
static void test_interrupt_other_signals(void)
{
	if (skip_signal_tests())
		return;
	check_interrupt(SIGHUP);
	check_interrupt(SIGQUIT);
	check_interrupt(SIGUSR1);
	check_interrupt(SIGRTMIN);
}

/*
 * A signal that the caller held off (the engine holds them while its
 * scratch directory exists) and that arrived before the pool started:
 * the pool stops at once, and the caller's mask is back as it was.
 */
static void test_held_signal(void)
{
	struct batch b = { 0 };
	sigset_t set, old, now_mask, pending;
	int signo = 0;

	if (skip_signal_tests())
		return;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &old);
	kill(getpid(), SIGUSR1);
	add_sh(&b, 0, "sleep 30");
	EXPECT(run(&b, 1, &signo) == POOL_INTERRUPTED);
	EXPECT(signo == SIGUSR1);
	EXPECT(b.elapsed < 5);
	sigprocmask(SIG_BLOCK, NULL, &now_mask);
	EXPECT(sigismember(&now_mask, SIGUSR1));
	EXPECT(!sigpending(&pending) && !sigismember(&pending, SIGUSR1));
	sigprocmask(SIG_SETMASK, &old, NULL);
	release(&b);
}

/* An ignored SIGINT (nohup, `cmd &` in a script) stays ignored. */
static void test_ignored_sigint(void)
{
	struct sigaction ign, old;
	struct batch b = { 0 };
	int signo = 0, status;
	pid_t helper;

	if (skip_signal_tests())
		return;
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old);

	add_sh(&b, 0, "sleep 1; exit 5");
	helper = signal_later(SIGINT, 200);
	EXPECT(run(&b, 1, &signo) == POOL_OK);
	EXPECT(signo == 0);
	EXPECT(b.jobs[0].end == JOB_EXITED && b.jobs[0].status == 5);
	EXPECT(waitpid(helper, &status, 0) == helper);

	sigaction(SIGINT, &old, NULL);
	release(&b);
}

int main(int argc, char **argv)
{
	struct rlimit no_core = { 0, 0 };

	if (argc == 2 && !strcmp(argv[1], "--report-child-setup"))
		return report_child_setup();
	/* posix_spawn() does no PATH look-up. */
	self_path = strchr(argv[0], '/') ? argv[0] : "/proc/self/exe";

	/* The SIGSEGV test must not leave a core file behind. */
	setrlimit(RLIMIT_CORE, &no_core);
	if (!mkdtemp(tmpdir))
		die_errno("mkdtemp");

	RUN(test_exit_status);
	RUN(test_capture);
	RUN(test_big_output);
	RUN(test_timeout);
	RUN(test_timeout_kills_grandchildren);
	RUN(test_closed_pipes);
	RUN(test_signaled);
	RUN(test_child_setup);
	RUN(test_no_fd_leak_to_children);
	RUN(test_spawn_failure);
	RUN(test_parallel_limit);
	RUN(test_done_once);
	RUN(test_describe);
	RUN(test_interrupt_sigint);
	RUN(test_interrupt_sigterm);
	RUN(test_ignored_sigint);
	RUN(test_interrupt_other_signals);
	RUN(test_held_signal);

	rmdir(tmpdir);
	strbuf_release(&path_buf);
	return UNIT_EXIT();
}
