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

/*
 * A file staged with what it was when read must still be that when the
 * batch is renamed: the read, the staging, then the file changed by
 * someone else (body), then the commit, in a child that must die.
 */
struct expect_case {
	struct strbuf f[2];
	void (*meanwhile)(const char *path);
};

static void stage_expecting(void *ctx)
{
	struct expect_case *c = ctx;
	struct atomic_batch b = { 0 };
	struct atomic_expect ex[2];
	struct strbuf before[2] = { STRBUF_INIT, STRBUF_INIT };
	size_t i;

	for (i = 0; i < 2; i++) {
		memset(&ex[i], 0, sizeof(ex[i]));
		if (strbuf_read_regular(&before[i], c->f[i].buf, 0, &ex[i].st))
			die_errno("read %s", c->f[i].buf);
		ex[i].data = before[i].buf;
		ex[i].len = before[i].len;
		atomic_stage(&b, c->f[i].buf, "new\n", 4, &ex[i]);
	}
	c->meanwhile(c->f[1].buf);
	atomic_commit(&b);
}

static void append_line(const char *path)
{
	int fd = open(path, O_WRONLY | O_APPEND);

	if (fd < 0 || write(fd, "edit\n", 5) != 5 || close(fd))
		die_errno("append to %s", path);
}

static void remove_file(const char *path)
{
	if (unlink(path))
		die_errno("unlink %s", path);
}

/* Same size, same mtime as before: only the ctime and bytes tell. */
static void same_size_edit(const char *path)
{
	struct stat st;
	struct timespec ts[2];
	int fd;

	if (stat(path, &st))
		die_errno("stat %s", path);
	fd = open(path, O_WRONLY);
	if (fd < 0 || write(fd, "X", 1) != 1 || close(fd))
		die_errno("write %s", path);
	ts[0] = st.st_atim;
	ts[1] = st.st_mtim;
	if (utimensat(AT_FDCWD, path, ts, 0))
		die_errno("utimensat %s", path);
}

static void check_changed_meanwhile(const char *name,
				    void (*meanwhile)(const char *path),
				    const char *want1)
{
	struct strbuf dir = STRBUF_INIT;
	struct expect_case c = { { STRBUF_INIT, STRBUF_INIT }, meanwhile };
	size_t i, hidden;

	fresh_dir(&dir, name);
	for (i = 0; i < 2; i++) {
		strbuf_addf(&c.f[i], "%s/f%zu.c", dir.buf, i);
		write_plain(c.f[i].buf, "old\n", 0644);
	}
	expect_dies(stage_expecting, &c);
	/* Neither is renamed: not even the first, which did not change. */
	EXPECT(FILE_IS(c.f[0].buf, "old\n"));
	if (want1)
		EXPECT(file_is(c.f[1].buf, want1, strlen(want1)));
	else
		EXPECT(access(c.f[1].buf, F_OK) && errno == ENOENT);
	EXPECT(count_entries(dir.buf, &hidden) == (want1 ? 2u : 1u) &&
	       hidden == 0);
	for (i = 0; i < 2; i++)
		strbuf_release(&c.f[i]);
	strbuf_release(&dir);
}

static void test_edited_meanwhile(void)
{
	check_changed_meanwhile("edited", append_line, "old\nedit\n");
}

static void test_deleted_meanwhile(void)
{
	check_changed_meanwhile("deleted", remove_file, NULL);
}

static void test_same_size_edit_meanwhile(void)
{
	check_changed_meanwhile("samesize", same_size_edit, "Xld\n");
}

static void stage_one(void *ctx)
{
	struct atomic_batch b = { 0 };

	atomic_stage(&b, ((struct strbuf *)ctx)->buf, "new\n", 4, NULL);
	atomic_commit(&b);
}

/* Replacing either name would leave the other with the old text. */
static void test_hard_link_refused(void)
{
	struct strbuf dir = STRBUF_INIT, f = STRBUF_INIT, g = STRBUF_INIT;
	struct stat a, b;
	size_t hidden;

	fresh_dir(&dir, "hardlink");
	join(&f, dir.buf, "f.c");
	join(&g, dir.buf, "g.c");
	write_plain(f.buf, "old\n", 0644);
	if (link(f.buf, g.buf))
		die_errno("link %s", g.buf);
	expect_dies(stage_one, &f);
	EXPECT(FILE_IS(f.buf, "old\n"));
	EXPECT(!stat(f.buf, &a) && !stat(g.buf, &b) && a.st_ino == b.st_ino);
	EXPECT(count_entries(dir.buf, &hidden) == 2 && hidden == 0);
	strbuf_release(&dir);
	strbuf_release(&f);
	strbuf_release(&g);
}

/* A link is never replaced; one named on the command line is followed. */
static void test_links(void)
{
	struct strbuf dir = STRBUF_INIT, f = STRBUF_INIT, l = STRBUF_INIT;
	struct strbuf before = STRBUF_INIT;
	struct atomic_batch b = { 0 };
	struct atomic_expect ex;
	struct stat st;
	size_t hidden;

	fresh_dir(&dir, "links");
	join(&f, dir.buf, "f.c");
	join(&l, dir.buf, "l.c");
	write_plain(f.buf, "old\n", 0640);
	if (symlink("f.c", l.buf))
		die_errno("symlink %s", l.buf);
	expect_dies(stage_one, &l);
	EXPECT(!lstat(l.buf, &st) && S_ISLNK(st.st_mode));
	EXPECT(FILE_IS(f.buf, "old\n"));

	memset(&ex, 0, sizeof(ex));
	EXPECT(!strbuf_read_regular(&before, l.buf, 1, &ex.st));
	ex.data = before.buf;
	ex.len = before.len;
	ex.follow = 1;
	atomic_stage(&b, l.buf, "new\n", 4, &ex);
	atomic_commit(&b);
	EXPECT(!lstat(l.buf, &st) && S_ISLNK(st.st_mode));
	EXPECT(FILE_IS(f.buf, "new\n") && mode_of(f.buf) == 0640);
	EXPECT(count_entries(dir.buf, &hidden) == 2 && hidden == 0);
	strbuf_release(&before);
	strbuf_release(&dir);
	strbuf_release(&f);
	strbuf_release(&l);
}

/*
 * Output files in a batch: a file, or the file a link names, is staged
 * and renamed with the others; a stream (standard output, a FIFO) is
 * not; a directory is refused and the batch removed.
 */
static void stage_file_then_dir(void *ctx)
{
	struct strbuf *f = ctx;
	struct atomic_batch b = { 0 };

	atomic_stage(&b, f[0].buf, "new\n", 4, NULL);
	atomic_stage_output(&b, f[1].buf, "report\n", 7);
	atomic_commit(&b);
}

static void test_stage_output(void)
{
	struct strbuf dir = STRBUF_INIT, f = STRBUF_INIT, l = STRBUF_INIT,
		      fifo = STRBUF_INIT, n = STRBUF_INIT;
	struct strbuf two[2] = { STRBUF_INIT, STRBUF_INIT };
	struct atomic_batch b = { 0 };
	struct stat st;
	size_t hidden;

	fresh_dir(&dir, "output");
	join(&f, dir.buf, "r.json");
	join(&l, dir.buf, "link.json");
	join(&fifo, dir.buf, "fifo");
	join(&n, dir.buf, "new.json");
	write_plain(f.buf, "old\n", 0644);
	if (symlink("r.json", l.buf) || mkfifo(fifo.buf, 0600))
		die_errno("symlink or mkfifo in %s", dir.buf);
	EXPECT(atomic_stage_output(&b, "-", "x", 1) == 0);
	EXPECT(atomic_stage_output(&b, fifo.buf, "x", 1) == 0);
	EXPECT(b.nr == 0);
	EXPECT(atomic_stage_output(&b, n.buf, "new\n", 4) == 1);
	EXPECT(atomic_stage_output(&b, l.buf, "linked\n", 7) == 1);
	EXPECT(b.nr == 2);
	/* Staged, not written yet. */
	EXPECT(FILE_IS(f.buf, "old\n") && stat(n.buf, &st));
	atomic_commit(&b);
	EXPECT(FILE_IS(n.buf, "new\n") && FILE_IS(f.buf, "linked\n"));
	EXPECT(!lstat(l.buf, &st) && S_ISLNK(st.st_mode));

	/* A directory as output: refused, the file staged before stays. */
	join(&two[0], dir.buf, "r.json");
	strbuf_addstr(&two[1], dir.buf);
	expect_dies(stage_file_then_dir, two);
	EXPECT(FILE_IS(f.buf, "linked\n"));
	EXPECT(count_entries(dir.buf, &hidden) == 4 && hidden == 0);
	strbuf_release(&two[0]);
	strbuf_release(&two[1]);
	strbuf_release(&dir);
	strbuf_release(&f);
	strbuf_release(&l);
	strbuf_release(&fifo);
	strbuf_release(&n);
}

/*
 * A temporary file that a killed run left beside a file is removed when
 * the file is written again, if its PID is dead; nothing else is.
 */
static void test_stale_temporaries(void)
{
	struct strbuf dir = STRBUF_INIT, f = STRBUF_INIT, t = STRBUF_INIT;
	pid_t dead = fork();
	size_t i, hidden;

	if (!dead)
		_exit(0);
	EXPECT(dead > 0 && waitpid(dead, NULL, 0) == dead);
	fresh_dir(&dir, "stale");
	join(&f, dir.buf, "f.c");
	write_plain(f.buf, "old\n", 0644);
	for (i = 0; i < 5; i++) {
		strbuf_reset(&t);
		strbuf_addf(&t, "%s/", dir.buf);
		if (i == 0) /* no PID: not provably ours */
			strbuf_addstr(&t, ".f.c.coccidrive-AbCdEf");
		else if (i == 1) /* another file's */
			strbuf_addf(&t, ".g.c.coccidrive-%ld-AbCdEf",
				    (long)dead);
		else if (i == 2) /* not mkstemp's six characters */
			strbuf_addf(&t, ".f.c.coccidrive-%ld-AbCdE",
				    (long)dead);
		else if (i == 3) /* ours, alive: this process's parent */
			strbuf_addf(&t, ".f.c.coccidrive-%ld-AbCdEf",
				    (long)getppid());
		else /* ours, dead: the one to go */
			strbuf_addf(&t, ".f.c.coccidrive-%ld-AbCdEf",
				    (long)dead);
		write_plain(t.buf, "", 0600);
	}
	atomic_write_file(f.buf, "new\n", 4);
	EXPECT(FILE_IS(f.buf, "new\n"));
	EXPECT(access(t.buf, F_OK) && errno == ENOENT);
	EXPECT(count_entries(dir.buf, &hidden) == 5 && hidden == 4);
	strbuf_release(&dir);
	strbuf_release(&f);
	strbuf_release(&t);
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
	RUN(test_edited_meanwhile);
	RUN(test_deleted_meanwhile);
	RUN(test_same_size_edit_meanwhile);
	RUN(test_hard_link_refused);
	RUN(test_links);
	RUN(test_stage_output);
	RUN(test_stale_temporaries);
	unit_tmp_cleanup();
	return UNIT_EXIT();
}
