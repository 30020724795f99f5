// SPDX-License-Identifier: GPL-2.0-only
#include "atomic.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "strbuf.h"
#include "util.h"

/* The batch in progress, for die() to clean up after. */
static struct atomic_batch *current;

static void abort_current(void)
{
	if (current)
		atomic_abort(current);
}

/* Free the entries; give the signals back only if asked to. */
static void release(struct atomic_batch *b, int unblock)
{
	size_t i;

	for (i = 0; i < b->nr; i++) {
		if (b->v[i].tmp)
			unlink(b->v[i].tmp);
		free(b->v[i].tmp);
		free(b->v[i].path);
		free(b->v[i].target);
	}
	free(b->v);
	if (b->blocking && unblock)
		interrupt_release(&b->old_mask);
	memset(b, 0, sizeof(*b));
	if (current == b) {
		current = NULL;
		remove_die_cleanup(abort_current);
	}
}

void atomic_abort(struct atomic_batch *b)
{
	release(b, 1);
}

/*
 * Abort the batch and die with the message: built first, since the
 * batch owns the path it names.  The signals stay held: whatever else
 * is pending must not kill us before the message is out.
 */
static __attribute__((noreturn, format(printf, 2, 3))) void
die_abort(struct atomic_batch *b, const char *fmt, ...)
{
	struct strbuf msg = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&msg, fmt, ap);
	va_end(ap);
	release(b, 0);
	die("%s", msg.buf);
}

static void fail(struct atomic_batch *b, const char *path, const char *what)
{
	die_abort(b, "%s: %s: %s; nothing was written", path, what,
		  strerror(errno));
}

static int same_time(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec == b->tv_sec && a->tv_nsec == b->tv_nsec;
}

/*
 * The same file, untouched: an edit changes the mtime or at least the
 * ctime (which no one can set back), a replacement the inode.
 */
static int same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
	       a->st_size == b->st_size && a->st_mode == b->st_mode &&
	       a->st_nlink == b->st_nlink && a->st_uid == b->st_uid &&
	       a->st_gid == b->st_gid && same_time(&a->st_mtim, &b->st_mtim) &&
	       same_time(&a->st_ctim, &b->st_ctim);
}

static int pid_gone(long pid)
{
	return pid > 0 && pid != (long)getpid() && pid <= INT_MAX &&
	       kill((pid_t)pid, 0) < 0 && errno == ESRCH;
}

/*
 * "<digits><sep>XXXXXX", the tail of a name of ours after its prefix:
 * the PID, or 0 when it is not that.
 */
static long our_pid(const char *s, char sep)
{
	const char *p = s;
	long pid = 0;
	size_t n = 0;

	while (*p >= '0' && *p <= '9' && pid < INT_MAX)
		pid = pid * 10 + (*p++ - '0');
	if (p == s || *p != sep)
		return 0;
	for (p++; p[n]; n++)
		if (!((p[n] >= '0' && p[n] <= '9') ||
		      (p[n] >= 'a' && p[n] <= 'z') ||
		      (p[n] >= 'A' && p[n] <= 'Z')))
			return 0;
	return n == 6 ? pid : 0;
}

/*
 * Temporary files that a killed run left beside dir/base: named as ours
 * are, with a PID no longer alive.  Never anything else.
 */
static void remove_stale_temps(const char *dir, const char *base)
{
	struct strbuf prefix = STRBUF_INIT, path = STRBUF_INIT;
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d)
		return; /* creating the temporary file will say why */
	strbuf_addf(&prefix, ".%s.coccidrive-", base);
	while ((de = readdir(d))) {
		struct stat st;

		if (strncmp(de->d_name, prefix.buf, prefix.len) ||
		    !pid_gone(our_pid(de->d_name + prefix.len, '-')))
			continue;
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", dir, de->d_name);
		if (!lstat(path.buf, &st) && S_ISREG(st.st_mode))
			unlink(path.buf);
	}
	closedir(d);
	strbuf_release(&prefix);
	strbuf_release(&path);
}

/* Every extended attribute of from, and no other, on to. */
static int copy_xattrs(int from, int to, struct strbuf *failed)
{
	struct strbuf names = STRBUF_INIT, theirs = STRBUF_INIT;
	struct strbuf value = STRBUF_INIT;
	ssize_t n;
	size_t i;
	int ret = -1;

	/* The size, then the names; again if they grew in between. */
	for (;;) {
		n = flistxattr(from, NULL, 0);
		if (n < 0) {
			if (errno != ENOTSUP)
				goto out;
			n = 0;
			break;
		}
		strbuf_grow(&names, (size_t)n);
		n = flistxattr(from, names.buf, (size_t)n + 1);
		if (n >= 0 || errno != ERANGE)
			break;
	}
	if (n < 0)
		goto out;
	strbuf_setlen(&names, (size_t)n);
	for (i = 0; i < names.len; i += strlen(names.buf + i) + 1) {
		const char *name = names.buf + i;
		ssize_t v;

		strbuf_reset(failed);
		strbuf_addstr(failed, name);
		v = fgetxattr(from, name, NULL, 0);
		if (v < 0)
			goto out;
		strbuf_reset(&value);
		strbuf_grow(&value, (size_t)v);
		v = fgetxattr(from, name, value.buf, (size_t)v + 1);
		if (v < 0 || fsetxattr(to, name, value.buf, (size_t)v, 0))
			goto out;
	}
	/* A default ACL of the directory may have given it one of its own. */
	strbuf_reset(failed);
	n = flistxattr(to, NULL, 0);
	if (n > 0) {
		strbuf_grow(&theirs, (size_t)n);
		n = flistxattr(to, theirs.buf, (size_t)n + 1);
	}
	for (i = 0; n > 0 && i < (size_t)n; i += strlen(theirs.buf + i) + 1) {
		const char *name = theirs.buf + i, *p = names.buf;
		int keep = 0;

		for (; p < names.buf + names.len; p += strlen(p) + 1)
			keep |= !strcmp(p, name);
		if (!keep && fremovexattr(to, name)) {
			strbuf_addstr(failed, name);
			goto out;
		}
	}
	ret = 0;
out:
	strbuf_release(&names);
	strbuf_release(&theirs);
	strbuf_release(&value);
	return ret;
}

/*
 * Open the file that path replaces, for reading its owner, mode and
 * attributes; *st receives its fstat().  -1 with errno ENOENT: none.
 */
static int open_original(struct atomic_batch *b, struct atomic_entry *en,
			 const struct atomic_expect *ex, struct stat *st)
{
	int fd = open(en->target,
		      O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW);

	if (fd < 0) {
		if (ex && errno == ENOENT)
			die_abort(b,
				  "%s: deleted since it was read; nothing "
				  "was written",
				  en->path);
		if (errno == ELOOP)
			die_abort(b,
				  "%s: a symbolic link%s: not replaced; "
				  "nothing was written",
				  en->path, ex ? " now" : "");
		if (errno == ENOENT || errno == ENOTDIR)
			return -1; /* a new file: mkstemp() says if it cannot */
		fail(b, en->path, "cannot open");
	}
	if (fstat(fd, st))
		fail(b, en->path, "cannot stat");
	if (!S_ISREG(st->st_mode))
		die_abort(b, "%s: not a regular file%s; nothing was written",
			  en->path, ex ? " (changed since the scan?)" : "");
	if (ex && !same_file(&ex->st, st))
		die_abort(b,
			  "%s: changed since it was read (by another "
			  "program?); nothing was written",
			  en->path);
	if (st->st_nlink > 1)
		die_abort(b,
			  "%s: has %lu hard links: replacing it would "
			  "leave the others with the old text; nothing "
			  "was written",
			  en->path, (unsigned long)st->st_nlink);
	return fd;
}

/* Give the temporary file tfd what the original (fd, st) has. */
static void keep_attributes(struct atomic_batch *b, struct atomic_entry *en,
			    int fd, const struct stat *st, int tfd)
{
	struct strbuf failed = STRBUF_INIT;
	struct stat tst;

	if (fstat(tfd, &tst))
		fail(b, en->path, "cannot stat the temporary file");
	/* Owner first: chown() clears the set-user-ID bits fchmod() sets. */
	if ((tst.st_uid != st->st_uid || tst.st_gid != st->st_gid) &&
	    fchown(tfd, st->st_uid, st->st_gid)) {
		int saved = errno;

		strbuf_addf(&failed,
			    "cannot give the new file its owner %lu:%lu",
			    (unsigned long)st->st_uid,
			    (unsigned long)st->st_gid);
		errno = saved;
		fail(b, en->path, failed.buf);
	}
	if (copy_xattrs(fd, tfd, &failed)) {
		struct strbuf what = STRBUF_INIT;
		int saved = errno;

		if (failed.len)
			strbuf_addf(&what,
				    "cannot keep its extended attribute %s",
				    failed.buf);
		else
			strbuf_addstr(&what,
				      "cannot read its extended attributes");
		errno = saved;
		fail(b, en->path, what.buf);
	}
	strbuf_release(&failed);
}

void atomic_stage(struct atomic_batch *b, const char *path, const void *data,
		  size_t len, const struct atomic_expect *ex)
{
	struct strbuf tmp = STRBUF_INIT;
	struct atomic_entry *en;
	struct stat st;
	mode_t mode, mask = umask(0);
	const char *slash, *base;
	int fd, tfd;

	umask(mask);
	mode = 0666 & ~mask; /* a new file, as open(O_CREAT) would make it */
	if (!b->blocking) {
		/* A signal between two stages must not leave temporary files. */
		interrupt_hold(&b->old_mask);
		b->blocking = 1;
	}
	if (current != b) {
		current = b;
		add_die_cleanup(abort_current);
	}
	ALLOC_GROW(b->v, b->nr + 1, b->alloc);
	en = &b->v[b->nr++];
	memset(en, 0, sizeof(*en));
	en->path = xstrdup(path);
	if (ex && ex->follow && !lstat(path, &st) && S_ISLNK(st.st_mode)) {
		/* Named on the command line: the file it names is replaced. */
		en->target = realpath(path, NULL);
		if (!en->target)
			fail(b, path, "cannot follow the symbolic link");
	} else {
		en->target = xstrdup(path);
	}
	fd = open_original(b, en, ex, &st);
	if (ex) {
		en->checked = 1;
		en->st = ex->st;
		en->data = ex->data;
		en->len = ex->len;
	}

	slash = strrchr(en->target, '/');
	base = slash ? slash + 1 : en->target;
	if (slash)
		strbuf_add(&tmp, en->target, (size_t)(slash - en->target));
	else
		strbuf_addch(&tmp, '.');
	remove_stale_temps(tmp.len ? tmp.buf : "/", base);
	if (slash)
		strbuf_addch(&tmp, '/');
	else
		strbuf_reset(&tmp);
	strbuf_addf(&tmp, ".%s.coccidrive-%ld-XXXXXX", base, (long)getpid());
	tfd = mkstemp(tmp.buf);
	if (tfd < 0) {
		strbuf_release(&tmp);
		fail(b, path, "cannot create a temporary file beside it");
	}
	en->tmp = strbuf_detach(&tmp, NULL);
	if (write_in_full(tfd, data, len))
		fail(b, path, "cannot write");
	if (fd >= 0) {
		keep_attributes(b, en, fd, &st, tfd);
		mode = st.st_mode & 07777;
		close(fd);
	}
	if (fchmod(tfd, mode) || fsync(tfd)) {
		close(tfd);
		fail(b, path, "cannot write");
	}
	if (close(tfd))
		fail(b, path, "cannot write");
}

/* Still what was read: dies (nothing renamed yet) when it is not. */
static void check_unchanged(struct atomic_batch *b,
			    const struct atomic_entry *en)
{
	struct strbuf now = STRBUF_INIT;
	struct stat st;
	int got = strbuf_read_regular(&now, en->target, 0, &st);

	if (got < 0 && errno == ENOENT)
		die_abort(b,
			  "%s: deleted since it was read; nothing was "
			  "written",
			  en->path);
	if (got < 0)
		fail(b, en->path, "cannot read it again before replacing it");
	if (got || !same_file(&en->st, &st) || now.len != en->len ||
	    memcmp(now.buf, en->data, en->len))
		die_abort(b,
			  "%s: changed since it was read (by another "
			  "program?); nothing was written",
			  en->path);
	strbuf_release(&now);
}

void atomic_commit(struct atomic_batch *b)
{
	size_t i, nr = b->nr;
	int sig = interrupt_take();

	if (sig)
		die_abort(b,
			  "interrupted by signal %d (%s): nothing was written",
			  sig, strsignal(sig));
	for (i = 0; i < nr; i++)
		if (b->v[i].checked)
			check_unchanged(b, &b->v[i]);
	for (i = 0; i < nr; i++) {
		struct atomic_entry *en = &b->v[i];

		if (rename(en->tmp, en->target)) {
			struct strbuf msg = STRBUF_INIT;
			size_t after = nr - i - 1;

			if (!i)
				fail(b, en->path, "cannot rename into place");
			/* The batch's order is the order of the message. */
			strbuf_addf(&msg,
				    "%s: cannot rename into place: %s; "
				    "written: the %zu file%s before it; "
				    "not written: it",
				    en->path, strerror(errno), i,
				    i == 1 ? "" : "s");
			if (after)
				strbuf_addf(&msg, " and the %zu after it",
					    after);
			die_abort(b, "%s", msg.buf);
		}
		free(en->tmp);
		en->tmp = NULL;
	}
	/* Held during the renames: all are done, now it may stop us. */
	sig = interrupt_take();
	if (sig) {
		struct strbuf msg = STRBUF_INIT;

		strbuf_addf(&msg,
			    "interrupted by signal %d (%s) after writing ", sig,
			    strsignal(sig));
		if (nr == 1)
			strbuf_addf(&msg, "%s", b->v[0].path);
		else
			strbuf_addf(&msg, "all %zu files", nr);
		release(b, 0);
		die("%s", msg.buf);
	}
	atomic_abort(b); /* frees what is left, lets the signals in */
}

void atomic_write_file(const char *path, const void *data, size_t len)
{
	struct atomic_batch b = { 0 };

	atomic_stage(&b, path, data, len, NULL);
	atomic_commit(&b);
}

/* The stream whose file st is: standard output or error, or NULL. */
static FILE *standard_stream(const struct stat *st)
{
	struct stat out;

	if (!fstat(STDOUT_FILENO, &out) && out.st_dev == st->st_dev &&
	    out.st_ino == st->st_ino)
		return stdout;
	if (!fstat(STDERR_FILENO, &out) && out.st_dev == st->st_dev &&
	    out.st_ino == st->st_ino)
		return stderr;
	return NULL;
}

int atomic_stage_output(struct atomic_batch *b, const char *path,
			const void *data, size_t len)
{
	struct stat st;
	char *real;

	if (!strcmp(path, "-") || (!stat(path, &st) && standard_stream(&st)))
		return 0;
	if (lstat(path, &st)) {
		atomic_stage(b, path, data, len, NULL); /* it says why not */
		return 1;
	}
	if (S_ISLNK(st.st_mode)) {
		/* die() removes what the batch staged (abort_current). */
		if (stat(path, &st))
			die_errno("%s: a symbolic link to nothing: not written",
				  path);
		if (S_ISREG(st.st_mode)) {
			real = realpath(path, NULL);
			if (!real)
				die_errno("%s: cannot follow the symbolic link",
					  path);
			atomic_stage(b, real, data, len, NULL);
			free(real);
			return 1;
		}
	}
	if (S_ISREG(st.st_mode)) {
		atomic_stage(b, path, data, len, NULL);
		return 1;
	}
	if (!S_ISCHR(st.st_mode) && !S_ISFIFO(st.st_mode))
		die("%s: %s: not written", path,
		    S_ISDIR(st.st_mode) ?
			    "a directory" :
		    S_ISBLK(st.st_mode) ?
			    "a block device" :
			    "not a file, character device or FIFO");
	return 0;
}

void atomic_output_stream(const char *path, const void *data, size_t len)
{
	struct stat st;
	FILE *stream = NULL;
	int fd;

	if (!strcmp(path, "-"))
		stream = stdout;
	else if (!stat(path, &st))
		stream = standard_stream(&st);
	if (stream) {
		/*
		 * Through our own descriptor, in order with what else goes
		 * there (check's lines, the summary): a second one opened on
		 * the same file would write over them from its own offset.
		 */
		if (fwrite(data, 1, len, stream) != len || fflush(stream))
			die_errno("%s: cannot write", path);
		return;
	}
	/* A terminal, /dev/null, a pipe: written through, never replaced. */
	fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		die_errno("%s: cannot open", path);
	if (write_in_full(fd, data, len) || close(fd))
		die_errno("%s: cannot write", path);
}

void atomic_output(const char *path, const void *data, size_t len)
{
	struct atomic_batch b = { 0 };

	if (atomic_stage_output(&b, path, data, len))
		atomic_commit(&b);
	else
		atomic_output_stream(path, data, len);
}

static int remove_entry(const char *path, const struct stat *st, int type,
			struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (type == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

static void remove_tree(const char *dir)
{
	nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/*
 * Scratch directories of runs killed by SIGKILL: ours by name and owner,
 * their PID gone, and no one holding their lock (a PID alone could be
 * another PID namespace's).  Only in TMPDIR, never anything else.
 */
static void remove_stale_scratch(const char *tmp)
{
	static const char prefix[] = "coccidrive.";
	struct strbuf path = STRBUF_INIT;
	DIR *d = opendir(tmp);
	struct dirent *de;

	if (!d)
		return; /* mkdtemp() will say why */
	while ((de = readdir(d))) {
		struct stat st;
		int fd;

		if (strncmp(de->d_name, prefix, sizeof(prefix) - 1) ||
		    !pid_gone(our_pid(de->d_name + sizeof(prefix) - 1, '.')))
			continue;
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", tmp, de->d_name);
		if (lstat(path.buf, &st) || !S_ISDIR(st.st_mode) ||
		    st.st_uid != geteuid())
			continue;
		fd = open(path.buf,
			  O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0)
			continue;
		if (!flock(fd, LOCK_EX | LOCK_NB))
			remove_tree(path.buf);
		close(fd);
	}
	closedir(d);
	strbuf_release(&path);
}

/*
 * spatch puts its output path into a shell command unquoted: the scratch
 * directory, where every name spatch sees lives, must be a plain path.
 */
static int plain_path(const char *p)
{
	for (; *p; p++)
		if (!strchr("abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._+-",
			    *p))
			return 0;
	return 1;
}

char *atomic_scratch_make(int *lock_fd)
{
	const char *tmp = getenv("TMPDIR");
	struct strbuf sb = STRBUF_INIT;
	int fd;

	if (tmp && *tmp && !plain_path(tmp)) {
		warning("TMPDIR '%s' has characters spatch cannot take in a "
			"file name: using /tmp",
			tmp);
		tmp = NULL;
	}
	if (!tmp || !*tmp)
		tmp = "/tmp";
	remove_stale_scratch(tmp);
	strbuf_addf(&sb, "%s/coccidrive.%ld.XXXXXX", tmp, (long)getpid());
	if (!mkdtemp(sb.buf))
		die_errno("%s: cannot create scratch directory", sb.buf);
	/* The lock says "alive" to the next run's remove_stale_scratch(). */
	fd = open(sb.buf, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB)) {
		int saved = errno;

		remove_tree(sb.buf);
		errno = saved;
		die_errno("%s: cannot lock scratch directory", sb.buf);
	}
	*lock_fd = fd;
	return strbuf_detach(&sb, NULL);
}

void atomic_scratch_remove(const char *dir, int lock_fd)
{
	/*
	 * Our result files, and whatever spatch left in its TMPDIR (which is
	 * this directory), also when it was killed.  Links are not followed.
	 */
	remove_tree(dir);
	if (lock_fd >= 0)
		close(lock_fd);
}
