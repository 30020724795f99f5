// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for driver/lib/readq.c: whatever the number of threads,
 * the results come in the files' order, each once, with what one read
 * of each file would give: the bytes the test kept (NUL-terminated), the
 * fstat() of what was read, a symbolic link or FIFO refused without
 * blocking (1), a missing file an error with its errno (-1); files held
 * in memory are tested from there; more files than the read-ahead window
 * and files in many directories (more than a thread keeps open).
 */
#include "readq.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "strbuf.h"
#include "unit.h"
#include "unit_tmp.h"
#include "util.h"

#define NR_FILES (READQ_WINDOW * 3 + 7)

struct files {
	char *path[NR_FILES];
	int follow[NR_FILES];
	const char *data[NR_FILES];
};

static void write_file(const char *path, const char *text, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0 || write_in_full(fd, text, len) || close(fd))
		die_errno("cannot write %s", path);
}

static void item(void *ctx, size_t i, struct readq_item *it)
{
	const struct files *f = ctx;

	it->path = f->path[i];
	it->follow = f->follow[i];
	it->data = f->data[i];
	it->size = f->data[i] ? strlen(f->data[i]) : 0;
}

/* Keeps the files that say "keep". */
static int test(void *ctx, size_t i, const char *buf, size_t len)
{
	(void)ctx;
	(void)i;
	return len >= 4 && !memcmp(buf, "keep", 4);
}

/*
 * File i: every 5th kept, one in 17 in memory; in 40 directories; a
 * link (not followed, then followed), a FIFO, a missing file, a big one.
 */
static void make_files(struct files *f)
{
	struct strbuf p = STRBUF_INIT, text = STRBUF_INIT;
	size_t i;

	for (i = 0; i < 40; i++) {
		strbuf_reset(&p);
		strbuf_addf(&p, "%s/d%zu", tmpdir, i);
		if (mkdir(p.buf, 0755) && errno != EEXIST)
			die_errno("mkdir %s", p.buf);
	}
	for (i = 0; i < NR_FILES; i++) {
		strbuf_reset(&p);
		strbuf_addf(&p, "%s/d%zu/f%zu.c", tmpdir, i % 40, i);
		f->path[i] = xstrdup(p.buf);
		strbuf_reset(&text);
		strbuf_addf(&text, "%s file %zu\n", i % 5 ? "skip" : "keep", i);
		if (i % 17 == 3) {
			f->data[i] = strbuf_detach(&text, NULL);
			continue;
		}
		if (i == 100) /* a big one, kept */
			while (text.len < 3 * 1024 * 1024)
				strbuf_addstr(&text, "0123456789abcdef\n");
		write_file(p.buf, text.buf, text.len);
	}
	/* 11 and 12: links to file 10 (kept); only 12 is followed. */
	unlink(f->path[11]);
	unlink(f->path[12]);
	if (symlink(f->path[10], f->path[11]) ||
	    symlink(f->path[10], f->path[12]))
		die_errno("symlink");
	f->follow[12] = 1;
	/* 13: a FIFO, never waited on; 14: gone. */
	unlink(f->path[13]);
	if (mkfifo(f->path[13], 0644))
		die_errno("mkfifo");
	unlink(f->path[14]);
	strbuf_release(&p);
	strbuf_release(&text);
}

static void check_order(struct files *f, unsigned threads)
{
	struct readq *q = readq_start(NR_FILES, threads, item, test, f);
	struct readq_result *r;
	size_t next = 0, bad = 0;
	const struct timespec pause = { 0, 200 * 1000 * 1000 };

	while ((r = readq_next(q))) {
		struct strbuf want = STRBUF_INIT;
		size_t i = r->i;
		int kept = i % 5 == 0 && i != 11 && i != 13 && i != 14;

		if (i != next++)
			bad++;
		/* A slow caller: the threads must not run past the window. */
		if (i == 0)
			nanosleep(&pause, NULL);
		if (i == 12)
			kept = 1; /* file 10, through the link */
		if (i == 11 || i == 13) {
			EXPECT(r->got == 1 && !r->kept);
		} else if (i == 14) {
			EXPECT(r->got == -1 && r->err == ENOENT && !r->kept);
		} else if (r->got || r->kept != kept) {
			bad++;
		} else if (kept) {
			strbuf_addf(&want, "keep file %zu\n", i == 12 ? 10 : i);
			if (r->sb.len < want.len ||
			    memcmp(r->sb.buf, want.buf, want.len) ||
			    r->sb.buf[r->sb.len] != '\0')
				bad++;
			if (i == 100)
				EXPECT(r->sb.len >= 3 * 1024 * 1024 &&
				       (off_t)r->sb.len == r->st.st_size);
			if (!f->data[i])
				EXPECT(S_ISREG(r->st.st_mode) &&
				       (off_t)r->sb.len == r->st.st_size);
		}
		strbuf_release(&want);
	}
	EXPECT(next == NR_FILES);
	EXPECT(bad == 0);
	readq_stop(q);
}

static struct files files;

static void test_order_one_thread(void)
{
	check_order(&files, 1);
}

static void test_order_threads(void)
{
	check_order(&files, 2);
	check_order(&files, 5);
}

/* Stopped early: no result lost, nothing left running or leaked. */
static void test_stop_early(void)
{
	struct readq *q = readq_start(NR_FILES, 4, item, test, &files);
	struct readq_result *r = NULL;
	size_t n;

	for (n = 0; n < 10 && (r = readq_next(q)); n++)
		;
	EXPECT(n == 10 && r && r->i == 9);
	readq_stop(q);
	q = readq_start(0, 4, item, test, &files);
	EXPECT(readq_next(q) == NULL);
	readq_stop(q);
}

int main(void)
{
	size_t i;

	unit_tmp_setup("test_readq");
	make_files(&files);
	RUN(test_order_one_thread);
	RUN(test_order_threads);
	RUN(test_stop_early);
	for (i = 0; i < NR_FILES; i++) {
		free(files.path[i]);
		free((char *)files.data[i]);
	}
	unit_tmp_cleanup();
	return UNIT_EXIT();
}
