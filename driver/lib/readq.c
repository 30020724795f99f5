// SPDX-License-Identifier: GPL-2.0-only
#include "readq.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

/*
 * Directories a thread keeps open.  Files come in byte order of their
 * names, so a directory's files are interleaved with its
 * subdirectories' ("a/b.c", "a/b/x.c", "a/c.c"): a few suffice.
 */
#define DIRS_KEPT 8
/* A buffer that grew past this is given back after its file. */
#define BIG_BUFFER ((size_t)1 << 20)

struct dir_kept {
	char *dir;
	size_t len;
	int fd;
	unsigned long used;
};

struct worker {
	struct readq *q;
	pthread_t thread;
	struct strbuf buf;
	struct dir_kept dirs[DIRS_KEPT];
	unsigned long clock;
};

struct slot {
	int done;
	struct readq_result res;
};

struct readq {
	size_t nr;
	size_t next; /* the first file no thread has taken */
	size_t released; /* results the caller is done with */
	int handed; /* the caller holds slot[released] */
	int waiting; /* the caller waits for a result */
	int stop;
	struct slot slot[READQ_WINDOW];
	pthread_mutex_t lock;
	pthread_cond_t more; /* the window moved, or stop */
	pthread_cond_t done; /* a result is in */
	readq_item_fn item;
	readq_test_fn test;
	void *ctx;
	struct worker self; /* the caller's thread, reading while it waits */
	struct worker *workers;
	unsigned nr_workers;
	pthread_t owner;
};

/* The queue a die() of its owner must stop (one runs at a time). */
static struct readq *running;

unsigned readq_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 8 ? 8 : (unsigned)n;
}

/*
 * An open descriptor of the directory path[0..len) (len 0: the current
 * directory), or -1.
 */
static int dir_fd(struct worker *w, const char *path, size_t len)
{
	struct dir_kept *d, *old = &w->dirs[0];
	size_t i;

	for (i = 0; i < DIRS_KEPT; i++) {
		d = &w->dirs[i];
		if (d->dir && d->len == len && !memcmp(d->dir, path, len)) {
			d->used = ++w->clock;
			return d->fd;
		}
		if (!d->dir || d->used < old->used)
			old = d;
	}
	if (old->dir) {
		close(old->fd);
		free(old->dir);
	}
	old->dir = xstrndup(path, len);
	old->len = len;
	old->used = ++w->clock;
	old->fd = open(len ? old->dir : ".",
		       O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NONBLOCK);
	if (old->fd < 0) {
		free(old->dir);
		old->dir = NULL;
		return -1;
	}
	return old->fd;
}

/* open(path, flags), with only the last name looked up when it can. */
static int open_in_dir(struct worker *w, const char *path, int flags)
{
	const char *slash = strrchr(path, '/');
	int dfd;

	if (!slash || !slash[1])
		return open(path, flags);
	/* "/x.c": the directory is "/", not "". */
	dfd = dir_fd(w, path, slash == path ? 1 : (size_t)(slash - path));
	if (dfd < 0)
		return open(path, flags); /* says why, as before */
	return openat(dfd, slash + 1, flags);
}

/*
 * The whole file, whose fstat() said size: one read() of size + 1
 * bytes.  Getting exactly size bytes when size + 1 were asked for is the
 * end of a regular file (a read of one returns less only there); a file
 * that grew meanwhile is read on to its end.
 */
static int read_whole(int fd, struct strbuf *sb, size_t size)
{
	strbuf_reset(sb);
	strbuf_grow(sb, size + 1);
	for (;;) {
		size_t room = sb->alloc - sb->len - 1;
		ssize_t got;

		if (!room) {
			strbuf_grow(sb, sb->alloc);
			continue;
		}
		got = read(fd, sb->buf + sb->len, room);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (!got)
			break;
		strbuf_setlen(sb, sb->len + (size_t)got);
		if (sb->len == size && (size_t)got < room)
			break;
	}
	return 0;
}

static void read_one(struct worker *w, size_t i, struct readq_result *r)
{
	struct readq *q = w->q;
	struct readq_item it = { 0 };
	int fd;

	q->item(q->ctx, i, &it);
	r->i = i;
	r->got = 0;
	r->err = 0;
	r->kept = 0;
	memset(&r->st, 0, sizeof(r->st));
	if (it.data) {
		if (q->test(q->ctx, i, it.data, it.size)) {
			strbuf_add(&r->sb, it.data, it.size);
			r->kept = 1;
		}
		return;
	}
	fd = open_in_dir(w, it.path,
			 O_RDONLY | O_NONBLOCK | O_CLOEXEC |
				 (it.follow ? 0 : O_NOFOLLOW));
	if (fd < 0) {
		r->err = errno;
		r->got = !it.follow && errno == ELOOP ? 1 : -1;
		return;
	}
	if (fstat(fd, &r->st)) {
		r->err = errno;
		r->got = -1;
	} else if (!S_ISREG(r->st.st_mode)) {
		r->got = 1;
	} else if (read_whole(fd, &w->buf, (size_t)r->st.st_size)) {
		r->err = errno;
		r->got = -1;
	}
	close(fd);
	if (r->got)
		return;
	if (q->test(q->ctx, i, w->buf.buf, w->buf.len)) {
		strbuf_swap(&r->sb, &w->buf);
		r->kept = 1;
	}
	if (w->buf.alloc > BIG_BUFFER)
		strbuf_release(&w->buf);
}

/* Takes the next file if the window allows; the lock is held. */
static int take(struct readq *q, size_t *i)
{
	if (q->stop || q->next >= q->nr ||
	    q->next >= q->released + READQ_WINDOW)
		return 0;
	*i = q->next++;
	return 1;
}

static void read_taken(struct worker *w, size_t i)
{
	struct readq *q = w->q;
	struct slot *s = &q->slot[i % READQ_WINDOW];

	pthread_mutex_unlock(&q->lock);
	read_one(w, i, &s->res);
	pthread_mutex_lock(&q->lock);
	s->done = 1;
	if (q->waiting)
		pthread_cond_signal(&q->done);
}

static void *work(void *arg)
{
	struct worker *w = arg;
	struct readq *q = w->q;
	size_t i;

	pthread_mutex_lock(&q->lock);
	while (!q->stop && q->next < q->nr) {
		if (take(q, &i))
			read_taken(w, i);
		else
			pthread_cond_wait(&q->more, &q->lock);
	}
	pthread_mutex_unlock(&q->lock);
	return NULL;
}

static void stop_running(void)
{
	struct readq *q = running;

	/* A worker that dies (out of memory) cannot wait for itself. */
	if (q && pthread_equal(q->owner, pthread_self()))
		readq_stop(q);
}

struct readq *readq_start(size_t nr, unsigned threads, readq_item_fn item,
			  readq_test_fn test, void *ctx)
{
	struct readq *q = xcalloc(1, sizeof(*q));
	sigset_t all, old;
	unsigned k;

	if (running)
		die("BUG: two file queues at once");
	q->nr = nr;
	q->item = item;
	q->test = test;
	q->ctx = ctx;
	q->owner = pthread_self();
	q->self.q = q;
	strbuf_init(&q->self.buf, 0);
	for (k = 0; k < READQ_WINDOW; k++)
		strbuf_init(&q->slot[k].res.sb, 0);
	pthread_mutex_init(&q->lock, NULL);
	pthread_cond_init(&q->more, NULL);
	pthread_cond_init(&q->done, NULL);
	running = q;
	add_die_cleanup(stop_running);
	if (threads > 1 && nr > 1) {
		q->workers = xcalloc(threads - 1, sizeof(*q->workers));
		/* Signals stay with the caller's thread (see readq.h). */
		sigfillset(&all);
		pthread_sigmask(SIG_SETMASK, &all, &old);
		for (k = 0; k + 1 < threads; k++) {
			struct worker *w = &q->workers[k];

			w->q = q;
			strbuf_init(&w->buf, 0);
			/* Fewer threads read slower, never differently. */
			if (pthread_create(&w->thread, NULL, work, w))
				break;
			q->nr_workers++;
		}
		pthread_sigmask(SIG_SETMASK, &old, NULL);
	}
	return q;
}

struct readq_result *readq_next(struct readq *q)
{
	struct slot *s;
	size_t i;

	pthread_mutex_lock(&q->lock);
	if (q->handed) {
		s = &q->slot[q->released % READQ_WINDOW];
		strbuf_release(&s->res.sb);
		s->done = 0;
		q->released++;
		q->handed = 0;
		pthread_cond_broadcast(&q->more);
	}
	if (q->released >= q->nr) {
		pthread_mutex_unlock(&q->lock);
		return NULL;
	}
	s = &q->slot[q->released % READQ_WINDOW];
	while (!s->done) {
		if (take(q, &i)) {
			read_taken(&q->self, i);
			continue;
		}
		q->waiting = 1;
		pthread_cond_wait(&q->done, &q->lock);
		q->waiting = 0;
	}
	q->handed = 1;
	pthread_mutex_unlock(&q->lock);
	return &s->res;
}

static void worker_release(struct worker *w)
{
	size_t i;

	strbuf_release(&w->buf);
	for (i = 0; i < DIRS_KEPT; i++)
		if (w->dirs[i].dir) {
			close(w->dirs[i].fd);
			free(w->dirs[i].dir);
		}
}

void readq_stop(struct readq *q)
{
	unsigned k;

	pthread_mutex_lock(&q->lock);
	q->stop = 1;
	pthread_cond_broadcast(&q->more);
	pthread_mutex_unlock(&q->lock);
	for (k = 0; k < q->nr_workers; k++) {
		pthread_join(q->workers[k].thread, NULL);
		worker_release(&q->workers[k]);
	}
	worker_release(&q->self);
	for (k = 0; k < READQ_WINDOW; k++)
		strbuf_release(&q->slot[k].res.sb);
	pthread_mutex_destroy(&q->lock);
	pthread_cond_destroy(&q->more);
	pthread_cond_destroy(&q->done);
	free(q->workers);
	if (running == q) {
		running = NULL;
		remove_die_cleanup(stop_running);
	}
	free(q);
}
