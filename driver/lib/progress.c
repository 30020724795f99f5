// SPDX-License-Identifier: GPL-2.0-only
#include "progress.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

/*
 * The counts are atomics, so that the callers (a scan's threads, the
 * pool's completion callback) never wait on the lock; the lock is held
 * by the thread while it draws, and by a writer of stderr from
 * stderr_begin() to stderr_end().
 */
static atomic_size_t done[PROGRESS_NR_COUNTS], total[PROGRESS_NR_COUNTS];
static const char *title;
static const char *const *labels;
static struct timespec started;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake;
static pthread_t ticker;
static int running; /* the thread exists: only the starting thread reads */
static int stopping; /* under lock */
static size_t shown; /* blanks needed to erase the line; 0: none; lock */

static long ms_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)(now.tv_sec - t->tv_sec) * 1000 +
	       (now.tv_nsec - t->tv_nsec) / 1000000;
}

static void add_ms(struct timespec *t, long ms)
{
	t->tv_sec += ms / 1000;
	t->tv_nsec += (ms % 1000) * 1000000;
	if (t->tv_nsec >= 1000000000) {
		t->tv_sec++;
		t->tv_nsec -= 1000000000;
	}
}

/* Errors are ignored: the line is a courtesy, never the run's output. */
static void put(const char *buf, size_t len)
{
	if (write_in_full(STDERR_FILENO, buf, len))
		return;
}

/* Under lock. */
static void erase(void)
{
	char buf[256];

	if (!shown)
		return;
	buf[0] = '\r';
	memset(buf + 1, ' ', shown);
	buf[shown + 1] = '\r';
	put(buf, shown + 2);
	shown = 0;
}

/* The terminal's width, or 0 when unknown (a file, a pipe). */
static size_t columns(void)
{
	struct winsize ws;

	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) || !ws.ws_col)
		return 0;
	return ws.ws_col;
}

/* Under lock. */
static void draw(void)
{
	char line[200], buf[256];
	size_t len, width = columns(), i;
	long ms = ms_since(&started);
	int n;

	n = snprintf(line, sizeof(line), "%s:", title);
	for (i = 0; i < PROGRESS_NR_COUNTS && n > 0; i++) {
		size_t d = atomic_load(&done[i]), t = atomic_load(&total[i]);
		size_t at = (size_t)n < sizeof(line) ? (size_t)n : sizeof(line);

		n += t ? snprintf(line + at, sizeof(line) - at, " %s %zu/%zu,",
				  labels[i], d, t) :
			 snprintf(line + at, sizeof(line) - at, " %s %zu,",
				  labels[i], d);
	}
	if (n > 0 && (size_t)n < sizeof(line))
		n += snprintf(line + n, sizeof(line) - (size_t)n, " %ld.%ld s",
			      ms / 1000, ms % 1000 / 100);
	if (n <= 0)
		return;
	len = (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1;
	/* The last column left free: some terminals wrap when it is used. */
	if (width && len > width - 1)
		len = width - 1;
	buf[0] = '\r';
	memcpy(buf + 1, line, len);
	/* Blanks over what is left of a longer line before. */
	i = len;
	while (i < shown)
		buf[1 + i++] = ' ';
	put(buf, i + 1);
	shown = len;
}

static void *tick(void *unused)
{
	struct timespec next = started;

	(void)unused;
	add_ms(&next, PROGRESS_DELAY_MS);
	pthread_mutex_lock(&lock);
	while (!stopping) {
		if (pthread_cond_timedwait(&wake, &lock, &next) && !stopping &&
		    ms_since(&started) >= PROGRESS_DELAY_MS) {
			draw();
			clock_gettime(CLOCK_MONOTONIC, &next);
			add_ms(&next, PROGRESS_INTERVAL_MS);
		}
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

static void hold(void)
{
	pthread_mutex_lock(&lock);
	erase();
}

static void let_go(void)
{
	pthread_mutex_unlock(&lock);
}

static void stop_at_exit(void)
{
	progress_stop();
}

void progress_start(enum progress_mode mode, const char *t,
		    const char *const l[PROGRESS_NR_COUNTS])
{
	static int registered;
	pthread_condattr_t attr;
	sigset_t all, old;
	size_t i;

	progress_stop();
	for (i = 0; i < PROGRESS_NR_COUNTS; i++) {
		atomic_store(&done[i], 0);
		atomic_store(&total[i], 0);
	}
	if (mode == PROGRESS_OFF ||
	    (mode == PROGRESS_AUTO && !isatty(STDERR_FILENO)))
		return;
	title = t;
	labels = l;
	clock_gettime(CLOCK_MONOTONIC, &started);
	stopping = 0;
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&wake, &attr);
	pthread_condattr_destroy(&attr);
	if (!registered && !atexit(stop_at_exit))
		registered = 1;
	/* The thread starts with every signal blocked: see progress.h. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	running = !pthread_create(&ticker, NULL, tick, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (running)
		set_stderr_hooks(hold, let_go);
	else
		pthread_cond_destroy(&wake);
}

void progress_total(enum progress_count c, size_t n)
{
	atomic_fetch_add(&total[c], n);
}

void progress_add(enum progress_count c, size_t n)
{
	atomic_fetch_add(&done[c], n);
}

void progress_stop(void)
{
	if (!running)
		return;
	pthread_mutex_lock(&lock);
	stopping = 1;
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&lock);
	pthread_join(ticker, NULL);
	running = 0;
	pthread_mutex_lock(&lock);
	set_stderr_hooks(NULL, NULL);
	erase();
	pthread_mutex_unlock(&lock);
	pthread_cond_destroy(&wake);
}
