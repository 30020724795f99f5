// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for driver/atomic.c: files are replaced whole, keep their
 * mode, and no temporary file is ever left behind, whether a batch is
 * committed, aborted, or dies half-way.
 */
#include "atomic.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "strbuf.h"
#include "unit.h"
#include "unit_tmp.h"
#include "util.h"

/* ---- helpers */

/* A fresh empty directory tmpdir/name for one test; its path in sb. */
static const char *fresh_dir(struct strbuf *sb, const char *name)
{
	strbuf_reset(sb);
	strbuf_addf(sb, "%s/%s", tmpdir, name);
	if (mkdir(sb->buf, 0755))
		die_errno("mkdir %s", sb->buf);
	return sb->buf;
}

static void write_plain(const char *path, const char *s, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	size_t len = strlen(s);

	if (fd < 0 || write(fd, s, len) != (ssize_t)len || close(fd))
		die_errno("cannot write %s", path);
	if (chmod(path, mode))
		die_errno("chmod %s", path);
}

static int file_is(const char *path, const void *want, size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	int ok = !strbuf_read_file(&sb, path, 0) && sb.len == len &&
		 !memcmp(sb.buf, want, len);

	strbuf_release(&sb);
	return ok;
}

#define FILE_IS(path, lit) file_is((path), (lit), sizeof(lit) - 1)

static mode_t mode_of(const char *path)
{
	struct stat st;

	if (stat(path, &st))
		return (mode_t)-1;
	return st.st_mode & 07777;
}

/* Number of entries in dir; those starting with '.' (temporaries) too. */
static size_t count_entries(const char *dir, size_t *hidden)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t n = 0;

	*hidden = 0;
	if (!d)
		die_errno("opendir %s", dir);
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		n++;
		if (de->d_name[0] == '.')
			(*hidden)++;
	}
	closedir(d);
	return n;
}

static void join(struct strbuf *sb, const char *dir, const char *name)
{
	strbuf_reset(sb);
	strbuf_addf(sb, "%s/%s", dir, name);
}

/* ---- tests */

static void test_write_replaces(void)
{
	struct strbuf dir = STRBUF_INIT, f = STRBUF_INIT;
	size_t n, hidden;
	char old[16] = { 0 };
	int fd;

	fresh_dir(&dir, "replace");
	join(&f, dir.buf, "sock.c");
	write_plain(f.buf, "old content, longer than the new\n", 0640);
	EXPECT(mode_of(f.buf) == 0640);
	/* A reader that has the old file open keeps reading the old file. */
	fd = open(f.buf, O_RDONLY);
	EXPECT(fd >= 0);
	atomic_write_file(f.buf, "new\n", 4);
	EXPECT(FILE_IS(f.buf, "new\n"));
	EXPECT(mode_of(f.buf) == 0640);
	if (fd >= 0) {
		EXPECT(read(fd, old, 3) == 3 && !strcmp(old, "old"));
		close(fd);
	}
	n = count_entries(dir.buf, &hidden);
	EXPECT(n == 1 && hidden == 0);
	strbuf_release(&dir);
	strbuf_release(&f);
}

static void test_write_modes(void)
{
	static const mode_t modes[] = { 0600, 0755, 0444, 0664 };
	struct strbuf dir = STRBUF_INIT, f = STRBUF_INIT;
	size_t i, hidden;

	fresh_dir(&dir, "modes");
	for (i = 0; i < ARRAY_SIZE(modes); i++) {
		strbuf_reset(&f);
		strbuf_addf(&f, "%s/m%zu.c", dir.buf, i);
		write_plain(f.buf, "x\n", modes[i]);
		atomic_write_file(f.buf, "yy\n", 3);
		EXPECT(FILE_IS(f.buf, "yy\n"));
		EXPECT(mode_of(f.buf) == modes[i]);
	}
	EXPECT(count_entries(dir.buf, &hidden) == ARRAY_SIZE(modes));
	EXPECT(hidden == 0);
	strbuf_release(&dir);
	strbuf_release(&f);
}

static void test_write_new_and_special_content(void)
{
	struct strbuf dir = STRBUF_INIT, f = STRBUF_INIT;
	size_t hidden;

	fresh_dir(&dir, "new");
	join(&f, dir.buf, "fresh.c");
	atomic_write_file(f.buf, "a\0b\r\n", 5);
	EXPECT(FILE_IS(f.buf, "a\0b\r\n"));
	EXPECT(mode_of(f.buf) == 0644);
	/* Empty content empties the file. */
	atomic_write_file(f.buf, "", 0);
	EXPECT(FILE_IS(f.buf, ""));
	EXPECT(count_entries(dir.buf, &hidden) == 1 && hidden == 0);
	strbuf_release(&dir);
	strbuf_release(&f);
}

/* A path without a '/': the temporary file goes in the current folder. */
static void test_write_relative(void)
{
	struct strbuf dir = STRBUF_INIT;
	size_t hidden;

	fresh_dir(&dir, "relative");
	if (chdir(dir.buf))
		die_errno("chdir %s", dir.buf);
	write_plain("here.c", "1\n", 0600);
	atomic_write_file("here.c", "2\n", 2);
	EXPECT(FILE_IS("here.c", "2\n"));
	EXPECT(mode_of("here.c") == 0600);
	EXPECT(count_entries(".", &hidden) == 1 && hidden == 0);
	if (chdir(cwd))
		die_errno("chdir %s", cwd);
	strbuf_release(&dir);
}

static void test_stage_abort(void)
{
	struct strbuf dir = STRBUF_INIT,
		      f[3] = { STRBUF_INIT, STRBUF_INIT, STRBUF_INIT };
	struct atomic_batch b = { 0 };
	size_t i, hidden;

	fresh_dir(&dir, "abort");
	for (i = 0; i < 3; i++) {
		strbuf_addf(&f[i], "%s/f%zu.c", dir.buf, i);
		write_plain(f[i].buf, "orig\n", 0644);
		atomic_stage(&b, f[i].buf, "changed\n", 8, NULL);
	}
	EXPECT(b.nr == 3);
	/* Staged: three temporaries beside the files, nothing changed. */
	EXPECT(count_entries(dir.buf, &hidden) == 6 && hidden == 3);
	for (i = 0; i < b.nr; i++) {
		EXPECT_STR(b.v[i].path, f[i].buf);
		EXPECT(!strncmp(b.v[i].tmp, dir.buf, dir.len));
		EXPECT(strstr(b.v[i].tmp, "/.f") &&
		       strstr(b.v[i].tmp, ".c.coccidrive-"));
		EXPECT(file_is(b.v[i].tmp, "changed\n", 8));
		EXPECT(FILE_IS(f[i].buf, "orig\n"));
	}
	atomic_abort(&b);
	EXPECT(b.nr == 0 && b.v == NULL);
	for (i = 0; i < 3; i++) {
		EXPECT(FILE_IS(f[i].buf, "orig\n"));
		strbuf_release(&f[i]);
	}
	EXPECT(count_entries(dir.buf, &hidden) == 3 && hidden == 0);
	strbuf_release(&dir);
}

static void test_stage_commit(void)
{
	struct strbuf dir = STRBUF_INIT, sub = STRBUF_INIT;
	struct strbuf f[3] = { STRBUF_INIT, STRBUF_INIT, STRBUF_INIT };
	struct atomic_batch b = { 0 };
	size_t i, hidden;

	fresh_dir(&dir, "commit");
	/* Files in two folders: each temporary beside its own file. */
	join(&sub, dir.buf, "sub");
	if (mkdir(sub.buf, 0755))
		die_errno("mkdir %s", sub.buf);
	strbuf_addf(&f[0], "%s/a.c", dir.buf);
	strbuf_addf(&f[1], "%s/b.h", dir.buf);
	strbuf_addf(&f[2], "%s/c.c", sub.buf);
	for (i = 0; i < 3; i++) {
		write_plain(f[i].buf, "orig\n", i == 1 ? 0600 : 0644);
		atomic_stage(&b, f[i].buf, f[i].buf, f[i].len, NULL);
	}
	EXPECT(count_entries(sub.buf, &hidden) == 2 && hidden == 1);
	atomic_commit(&b);
	EXPECT(b.nr == 0 && b.v == NULL);
	for (i = 0; i < 3; i++) {
		EXPECT(file_is(f[i].buf, f[i].buf, f[i].len));
		EXPECT(mode_of(f[i].buf) == (i == 1 ? 0600 : 0644));
	}
	EXPECT(count_entries(dir.buf, &hidden) == 3 && hidden == 0);
	EXPECT(count_entries(sub.buf, &hidden) == 1 && hidden == 0);
	/* The batch is reusable. */
	atomic_stage(&b, f[0].buf, "again\n", 6, NULL);
	atomic_commit(&b);
	EXPECT(FILE_IS(f[0].buf, "again\n"));
	for (i = 0; i < 3; i++)
		strbuf_release(&f[i]);
	strbuf_release(&dir);
	strbuf_release(&sub);
}

/*
 * Run body(ctx) in a child with stderr silenced (die() would print) and
 * expect it to exit with status 2, as die() does.
 */
static void expect_dies(void (*body)(void *ctx), void *ctx)
{
	pid_t pid;
	int status = 0;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		die_errno("fork");
	if (!pid) {
		int null = open("/dev/null", O_WRONLY);

		if (null >= 0)
			dup2(null, 2);
		body(ctx);
		_exit(0);
	}
	EXPECT(waitpid(pid, &status, 0) == pid);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 2);
}

/* Bodies for expect_dies(). */
static void stage_three(void *ctx)
{
	struct strbuf *f = ctx;
	struct atomic_batch b = { 0 };
	size_t i;

	for (i = 0; i < 3; i++)
		atomic_stage(&b, f[i].buf, "new\n", 4, NULL);
	atomic_commit(&b);
}

static void stage_then_die(void *ctx)
{
	struct atomic_batch b = { 0 };

	atomic_stage(&b, ((struct strbuf *)ctx)->buf, "lost\n", 5, NULL);
	die("something else went wrong");
}

static int signalled;

static void stage_signal_commit(void *ctx)
{
	struct strbuf *f = ctx;
	struct atomic_batch b = { 0 };

	signal(signalled, SIG_DFL);
	atomic_stage(&b, f[0].buf, "new\n", 4, NULL);
	kill(getpid(), signalled); /* held: pending until commit looks */
	atomic_stage(&b, f[1].buf, "new\n", 4, NULL);
	atomic_commit(&b);
}

/*
 * The third file of a batch cannot be written (it is a directory): the
 * process dies with status 2, the first two files are unchanged and no
 * temporary file is left.  Run in a child, since die() exits.
 */
static void test_stage_failure_leaves_nothing(void)
{
	struct strbuf dir = STRBUF_INIT,
		      f[3] = { STRBUF_INIT, STRBUF_INIT, STRBUF_INIT };
	size_t i, hidden;

	fresh_dir(&dir, "failure");
	for (i = 0; i < 3; i++)
		strbuf_addf(&f[i], "%s/f%zu.c", dir.buf, i);
	write_plain(f[0].buf, "zero\n", 0644);
	write_plain(f[1].buf, "one\n", 0644);
	if (mkdir(f[2].buf, 0755))
		die_errno("mkdir %s", f[2].buf);
	expect_dies(stage_three, f);
	EXPECT(FILE_IS(f[0].buf, "zero\n"));
	EXPECT(FILE_IS(f[1].buf, "one\n"));
	EXPECT(count_entries(dir.buf, &hidden) == 3 && hidden == 0);
	for (i = 0; i < 3; i++)
		strbuf_release(&f[i]);
	strbuf_release(&dir);
}

/* A die() elsewhere while a batch is staged removes its temporaries. */
static void test_die_while_staged(void)
{
	struct strbuf dir = STRBUF_INIT, f = STRBUF_INIT;
	size_t hidden;

	fresh_dir(&dir, "die");
	join(&f, dir.buf, "d.c");
	write_plain(f.buf, "kept\n", 0644);
	expect_dies(stage_then_die, &f);
	EXPECT(FILE_IS(f.buf, "kept\n"));
	EXPECT(count_entries(dir.buf, &hidden) == 1 && hidden == 0);
	strbuf_release(&f);
	strbuf_release(&dir);
}

/*
 * Ctrl-C between staging and committing: the batch is cancelled, the
 * originals stay, no temporary file is left, exit status 2 (not death by
 * the signal); the same for SIGTERM.
 */
static void interrupted_before_commit(int sig)
{
	struct strbuf dir = STRBUF_INIT, f[2] = { STRBUF_INIT, STRBUF_INIT };
	size_t i, hidden;

	fresh_dir(&dir, sig == SIGINT ? "sigint" : "sigterm");
	for (i = 0; i < 2; i++) {
		strbuf_addf(&f[i], "%s/f%zu.c", dir.buf, i);
		write_plain(f[i].buf, "old\n", 0644);
	}
	signalled = sig;
	expect_dies(stage_signal_commit, f);
	for (i = 0; i < 2; i++)
		EXPECT(FILE_IS(f[i].buf, "old\n"));
	EXPECT(count_entries(dir.buf, &hidden) == 2 && hidden == 0);
	for (i = 0; i < 2; i++)
		strbuf_release(&f[i]);
	strbuf_release(&dir);
}

static void test_sigint_before_commit(void)
{
	interrupted_before_commit(SIGINT);
}

static void test_sigterm_before_commit(void)
{
	interrupted_before_commit(SIGTERM);
}

int main(void)
{
	unit_tmp_setup("test_atomic");
	umask(022);
	RUN(test_sigint_before_commit);
	RUN(test_sigterm_before_commit);
	RUN(test_write_replaces);
	RUN(test_write_modes);
	RUN(test_write_new_and_special_content);
	RUN(test_write_relative);
	RUN(test_stage_abort);
	RUN(test_stage_commit);
	RUN(test_stage_failure_leaves_nothing);
	RUN(test_die_while_staged);
	unit_tmp_cleanup();
	return UNIT_EXIT();
}
