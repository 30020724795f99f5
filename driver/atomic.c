// SPDX-License-Identifier: GPL-2.0-only
#include "atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strbuf.h"
#include "util.h"

/* What is held off while a batch is being written. */
static sigset_t held_signals(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	return set;
}

/* The batch in progress, for die() to clean up after. */
static struct atomic_batch *current;

static void abort_current(void)
{
	if (current)
		atomic_abort(current);
}

static int write_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = ENOSPC;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static void fail(struct atomic_batch *b, const char *path, const char *what)
{
	const char *cause = strerror(errno);

	atomic_abort(b);
	die("%s: %s: %s; nothing was written", path, what, cause);
}

void atomic_stage(struct atomic_batch *b, const char *path, const void *data,
		  size_t len)
{
	struct strbuf tmp = STRBUF_INIT;
	struct stat st;
	mode_t mode, mask = umask(0);
	const char *slash = strrchr(path, '/');
	int fd;

	umask(mask);
	mode = 0666 & ~mask; /* a new file, as open(O_CREAT) would make it */
	if (!b->blocking) {
		/* Ctrl-C between two stages must not leave temporary files. */
		sigset_t held = held_signals();

		sigprocmask(SIG_BLOCK, &held, &b->old_mask);
		b->blocking = 1;
	}
	current = b;
	set_die_cleanup(abort_current);
	if (!stat(path, &st)) {
		if (!S_ISREG(st.st_mode)) {
			errno = EISDIR;
			fail(b, path, "not a regular file");
		}
		mode = st.st_mode & 07777;
	}
	if (slash)
		strbuf_add(&tmp, path, (size_t)(slash - path + 1));
	strbuf_addf(&tmp, ".%s.coccidrive-XXXXXX", slash ? slash + 1 : path);
	fd = mkstemp(tmp.buf);
	if (fd < 0) {
		strbuf_release(&tmp);
		fail(b, path, "cannot create a temporary file beside it");
	}
	ALLOC_GROW(b->v, b->nr + 1, b->alloc);
	b->v[b->nr].path = xstrdup(path);
	b->v[b->nr].tmp = strbuf_detach(&tmp, NULL);
	b->nr++;
	if (write_all(fd, data, len) || fchmod(fd, mode) || fsync(fd)) {
		close(fd);
		fail(b, path, "cannot write");
	}
	if (close(fd))
		fail(b, path, "cannot write");
}

void atomic_commit(struct atomic_batch *b)
{
	sigset_t pending, held = held_signals();
	size_t i;
	int sig;

	sigpending(&pending);
	for (sig = 1; sig < NSIG; sig++)
		if (sigismember(&held, sig) && sigismember(&pending, sig)) {
			/* Take it, so that unblocking does not kill us first. */
			sigwait(&held, &sig);
			atomic_abort(b);
			die("interrupted by signal %d (%s): nothing was written",
			    sig, strsignal(sig));
		}
	for (i = 0; i < b->nr; i++) {
		if (rename(b->v[i].tmp, b->v[i].path))
			fail(b, b->v[i].path, "cannot rename into place");
		free(b->v[i].tmp);
		b->v[i].tmp = NULL;
	}
	atomic_abort(b); /* frees what is left, lets the signals in */
}

void atomic_abort(struct atomic_batch *b)
{
	size_t i;

	for (i = 0; i < b->nr; i++) {
		if (b->v[i].tmp)
			unlink(b->v[i].tmp);
		free(b->v[i].tmp);
		free(b->v[i].path);
	}
	free(b->v);
	if (b->blocking)
		sigprocmask(SIG_SETMASK, &b->old_mask, NULL);
	memset(b, 0, sizeof(*b));
	if (current == b) {
		current = NULL;
		set_die_cleanup(NULL);
	}
}

void atomic_write_file(const char *path, const void *data, size_t len)
{
	struct atomic_batch b = { 0 };

	atomic_stage(&b, path, data, len);
	atomic_commit(&b);
}
