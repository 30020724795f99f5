// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for driver/lib/progress.c: what it writes on fd 2 (a file
 * here; the terminal case is tests/e2e/progress.sh's), when, and that a
 * message between stderr_begin() and stderr_end() finds the line erased.
 */
#include "progress.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "strbuf.h"
#include "unit.h"
#include "util.h"

static const char *const labels[PROGRESS_NR_COUNTS] = { "files", "jobs" };
static int saved_fd = -1;
static char path[] = "/tmp/test_progress.XXXXXX";

/* fd 2 into a fresh file (EXPECT()s wait for stderr_back()). */
static void stderr_to_file(void)
{
	int fd = mkstemp(path);

	if (fd < 0 || (saved_fd = dup(STDERR_FILENO)) < 0 ||
	    dup2(fd, STDERR_FILENO) < 0)
		die_errno("test_progress: redirecting stderr");
	close(fd);
}

/* fd 2 back; what was written there into sb. */
static void stderr_back(struct strbuf *sb)
{
	dup2(saved_fd, STDERR_FILENO);
	close(saved_fd);
	if (strbuf_read_file(sb, path, 0))
		die_errno("%s", path);
	unlink(path);
	strcpy(path + strlen(path) - 6, "XXXXXX");
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts))
		;
}

static size_t count(const struct strbuf *sb, const char *needle)
{
	size_t n = 0;
	const char *p = sb->buf;

	while ((p = strstr(p, needle))) {
		n++;
		p++;
	}
	return n;
}

static void test_quick_run_writes_nothing(void)
{
	struct strbuf sb = STRBUF_INIT;

	stderr_to_file();
	progress_start(PROGRESS_ON, "t", labels);
	progress_total(PROGRESS_FILES, 5);
	progress_add(PROGRESS_FILES, 5);
	progress_stop();
	stderr_back(&sb);
	EXPECT(sb.len == 0);
	strbuf_release(&sb);
}

static void test_off_and_auto_into_a_file_write_nothing(void)
{
	struct strbuf sb = STRBUF_INIT;

	stderr_to_file();
	progress_start(PROGRESS_AUTO, "t", labels);
	progress_add(PROGRESS_FILES, 1);
	sleep_ms(PROGRESS_DELAY_MS + 300);
	progress_stop();
	progress_start(PROGRESS_OFF, "t", labels);
	sleep_ms(PROGRESS_DELAY_MS + 300);
	warning("a message");
	progress_stop();
	stderr_back(&sb);
	EXPECT_STR(sb.buf, "coccidrive: warning: a message\n");
	strbuf_release(&sb);
}

static void test_on_draws_erases_and_throttles(void)
{
	struct strbuf sb = STRBUF_INIT;
	const char *msg, *line = "\rt: files 3/10, jobs 0, 1.";
	size_t draws;
	struct timespec t0, t1;
	long ms;

	stderr_to_file();
	clock_gettime(CLOCK_MONOTONIC, &t0);
	progress_start(PROGRESS_ON, "t", labels);
	progress_total(PROGRESS_FILES, 10);
	progress_add(PROGRESS_FILES, 3);
	sleep_ms(PROGRESS_DELAY_MS + 350);
	warning("a message");
	sleep_ms(350);
	progress_stop();
	clock_gettime(CLOCK_MONOTONIC, &t1);
	stderr_back(&sb);
	ms = (t1.tv_sec - t0.tv_sec) * 1000 +
	     (t1.tv_nsec - t0.tv_nsec) / 1000000;
	/* Not before the delay, then at most one draw per interval. */
	EXPECT(!strncmp(sb.buf, line, strlen(line)));
	draws = count(&sb, "\rt: ");
	EXPECT(draws >= 2);
	EXPECT(draws <=
	       (size_t)((ms - PROGRESS_DELAY_MS) / PROGRESS_INTERVAL_MS) + 1);
	/* The message follows an erased line: "\r", blanks, "\r". */
	msg = strstr(sb.buf, "coccidrive: warning: a message\n");
	EXPECT(msg && msg - sb.buf > 2 && msg[-1] == '\r' && msg[-2] == ' ');
	/* The line comes back below it, and is erased at the end. */
	EXPECT(msg && strstr(msg, line));
	EXPECT(sb.len > 2 && sb.buf[sb.len - 1] == '\r' &&
	       sb.buf[sb.len - 2] == ' ');
	strbuf_release(&sb);
}

int main(void)
{
	RUN(test_quick_run_writes_nothing);
	RUN(test_off_and_auto_into_a_file_write_nothing);
	RUN(test_on_draws_erases_and_throttles);
	return UNIT_EXIT();
}
