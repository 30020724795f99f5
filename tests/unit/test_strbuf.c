// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for driver/strbuf.c: the buffer is always NUL-terminated,
 * len is the authority (NUL bytes are data), and every operation keeps
 * both true while the buffer grows.
 */
#include "strbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "util.h"

/* len, the bytes and the terminating NUL, all at once. */
static int sb_is(const struct strbuf *sb, const void *want, size_t len)
{
	return sb->len == len && !memcmp(sb->buf, want, len) &&
	       sb->buf[len] == '\0' && (!sb->alloc || sb->alloc > len);
}

#define SB_IS(sb, lit) sb_is((sb), (lit), sizeof(lit) - 1)

static char tmpdir[256];

static void tmp_setup(void)
{
	const char *base = getenv("TMPDIR");

	snprintf(tmpdir, sizeof(tmpdir), "%s/test_strbuf.XXXXXX",
		 base && *base ? base : "/tmp");
	if (!mkdtemp(tmpdir))
		die_errno("mkdtemp %s", tmpdir);
}

static void tmp_cleanup(void)
{
	char cmd[300];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (tmpdir[0] && system(cmd))
		fprintf(stderr, "test_strbuf: could not remove %s\n", tmpdir);
}

/* ---- tests */

static void test_init_empty(void)
{
	struct strbuf a = STRBUF_INIT, b;

	EXPECT(a.len == 0 && a.alloc == 0);
	EXPECT(a.buf == strbuf_slopbuf && a.buf[0] == '\0');
	strbuf_init(&b, 0);
	EXPECT(b.buf == strbuf_slopbuf && b.len == 0);
	strbuf_init(&b, 100);
	EXPECT(b.alloc >= 101 && b.len == 0 && b.buf[0] == '\0');
	EXPECT(b.buf != strbuf_slopbuf);
	strbuf_release(&b);
	EXPECT(b.buf == strbuf_slopbuf && b.len == 0 && b.alloc == 0);
	/* Releasing twice, or a never-used buffer, is harmless. */
	strbuf_release(&b);
	strbuf_release(&a);
	/* Resetting the shared empty buffer keeps it valid and empty. */
	strbuf_reset(&a);
	EXPECT(a.len == 0 && a.buf[0] == '\0' && strbuf_slopbuf[0] == '\0');
}

static void test_add(void)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_add(&sb, "abc", 3);
	EXPECT(SB_IS(&sb, "abc"));
	strbuf_add(&sb, "zzz", 0);
	EXPECT(SB_IS(&sb, "abc"));
	strbuf_addstr(&sb, "de");
	strbuf_addch(&sb, 'f');
	EXPECT(SB_IS(&sb, "abcdef"));
	strbuf_addchars(&sb, '-', 3);
	EXPECT(SB_IS(&sb, "abcdef---"));
	strbuf_addchars(&sb, 'x', 0);
	EXPECT(SB_IS(&sb, "abcdef---"));
	strbuf_addstr(&sb, "");
	EXPECT(SB_IS(&sb, "abcdef---"));
	strbuf_setlen(&sb, 2);
	EXPECT(SB_IS(&sb, "ab"));
	strbuf_reset(&sb);
	EXPECT(SB_IS(&sb, ""));
	EXPECT(sb.alloc > 0);
	strbuf_release(&sb);
}

static void test_addbuf(void)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;

	strbuf_addstr(&a, "one ");
	strbuf_add(&b, "t\0o", 3);
	strbuf_addbuf(&a, &b);
	EXPECT(SB_IS(&a, "one t\0o"));
	EXPECT(SB_IS(&b, "t\0o"));
	strbuf_release(&b);
	strbuf_addbuf(&a, &b); /* an empty one adds nothing */
	EXPECT(SB_IS(&a, "one t\0o"));
	strbuf_release(&a);
}

static void test_addf(void)
{
	struct strbuf sb = STRBUF_INIT, big = STRBUF_INIT;
	size_t i;

	strbuf_addf(&sb, "%d-%s-%zu", -12, "ab", (size_t)7);
	EXPECT(SB_IS(&sb, "-12-ab-7"));
	strbuf_addf(&sb, "%s", "");
	EXPECT(SB_IS(&sb, "-12-ab-7"));
	strbuf_addf(&sb, "[%5.2f]", 3.14159);
	EXPECT(SB_IS(&sb, "-12-ab-7[ 3.14]"));
	/* One formatted string much larger than the buffer so far. */
	strbuf_addchars(&big, 'q', 5000);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "<%s>", big.buf);
	EXPECT(sb.len == 5002 && sb.buf[0] == '<' && sb.buf[5001] == '>');
	EXPECT(sb.buf[5002] == '\0');
	for (i = 1; i <= 5000; i++)
		if (sb.buf[i] != 'q')
			break;
	EXPECT(i == 5001);
	/* %c of NUL adds a NUL byte: it counts in len. */
	strbuf_reset(&sb);
	strbuf_addf(&sb, "a%cb", 0);
	EXPECT(SB_IS(&sb, "a\0b"));
	strbuf_release(&sb);
	strbuf_release(&big);
}

static void test_insert(void)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_insert(&sb, 0, "world", 5);
	EXPECT(SB_IS(&sb, "world"));
	strbuf_insert(&sb, 0, "hello ", 6);
	EXPECT(SB_IS(&sb, "hello world"));
	strbuf_insert(&sb, sb.len, "!", 1);
	EXPECT(SB_IS(&sb, "hello world!"));
	strbuf_insert(&sb, 5, ",", 1);
	EXPECT(SB_IS(&sb, "hello, world!"));
	strbuf_insert(&sb, 3, "", 0);
	EXPECT(SB_IS(&sb, "hello, world!"));
	strbuf_insert(&sb, 1, "\0\0", 2);
	EXPECT(SB_IS(&sb, "h\0\0ello, world!"));
	strbuf_release(&sb);
}

static void test_splice(void)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addstr(&sb, "sock_create_kern(a, b)");
	/* Longer replacement. */
	strbuf_splice(&sb, 17, 0, "&init_net, ", 11);
	EXPECT(SB_IS(&sb, "sock_create_kern(&init_net, a, b)"));
	/* Shorter. */
	strbuf_splice(&sb, 0, 16, "f", 1);
	EXPECT(SB_IS(&sb, "f(&init_net, a, b)"));
	/* Same length. */
	strbuf_splice(&sb, 2, 9, "INIT_NET_", 9);
	EXPECT(SB_IS(&sb, "f(INIT_NET_, a, b)"));
	/* Delete. */
	strbuf_splice(&sb, 2, 11, NULL, 0);
	EXPECT(SB_IS(&sb, "f(a, b)"));
	/* The whole buffer. */
	strbuf_splice(&sb, 0, sb.len, "x\0y", 3);
	EXPECT(SB_IS(&sb, "x\0y"));
	/* At the very end. */
	strbuf_splice(&sb, 3, 0, "z", 1);
	EXPECT(SB_IS(&sb, "x\0yz"));
	strbuf_splice(&sb, 0, sb.len, "", 0);
	EXPECT(SB_IS(&sb, ""));
	strbuf_release(&sb);
	/* On a never-allocated buffer. */
	strbuf_splice(&sb, 0, 0, "ab", 2);
	EXPECT(SB_IS(&sb, "ab"));
	strbuf_release(&sb);
}

static void test_swap(void)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	char *abuf;

	strbuf_addstr(&a, "first");
	abuf = a.buf;
	strbuf_swap(&a, &b);
	EXPECT(SB_IS(&a, "") && a.alloc == 0 && a.buf == strbuf_slopbuf);
	EXPECT(SB_IS(&b, "first") && b.buf == abuf);
	strbuf_addstr(&a, "second");
	strbuf_swap(&a, &b);
	EXPECT(SB_IS(&a, "first") && SB_IS(&b, "second"));
	strbuf_release(&a);
	strbuf_release(&b);
}

static void test_detach(void)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len = 99;
	char *p;

	/* An empty buffer detaches as a freeable "". */
	p = strbuf_detach(&sb, &len);
	EXPECT(p && p != strbuf_slopbuf && p[0] == '\0' && len == 0);
	free(p);
	strbuf_add(&sb, "a\0b", 3);
	p = strbuf_detach(&sb, &len);
	EXPECT(len == 3 && !memcmp(p, "a\0b", 4));
	EXPECT(sb.len == 0 && sb.alloc == 0 && sb.buf == strbuf_slopbuf);
	free(p);
	strbuf_addstr(&sb, "x");
	p = strbuf_detach(&sb, NULL);
	EXPECT(!strcmp(p, "x"));
	free(p);
	/* The buffer is usable again afterwards. */
	strbuf_addstr(&sb, "again");
	EXPECT(SB_IS(&sb, "again"));
	strbuf_release(&sb);
}

static void test_nul_bytes(void)
{
	static const char data[] = "a\0b\0\0c";
	struct strbuf sb = STRBUF_INIT;

	strbuf_add(&sb, data, sizeof(data) - 1);
	EXPECT(sb.len == 6 && strlen(sb.buf) == 1);
	strbuf_addch(&sb, '\0');
	EXPECT(SB_IS(&sb, "a\0b\0\0c\0"));
	strbuf_splice(&sb, 1, 1, "", 0);
	EXPECT(SB_IS(&sb, "ab\0\0c\0"));
	strbuf_addchars(&sb, '\0', 2);
	EXPECT(SB_IS(&sb, "ab\0\0c\0\0\0"));
	strbuf_release(&sb);
}

/* Many small appends: contents intact, alloc always ahead of len. */
static void test_growth(void)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, bad = 0, reallocs = 0;
	char *last = NULL;

	for (i = 0; i < 100000; i++) {
		strbuf_addch(&sb, (char)('a' + i % 26));
		if (sb.alloc <= sb.len || sb.buf[sb.len] != '\0')
			bad++;
		if (sb.buf != last)
			reallocs++;
		last = sb.buf;
	}
	EXPECT(!bad);
	EXPECT(sb.len == 100000);
	for (i = 0; i < sb.len; i++)
		if (sb.buf[i] != (char)('a' + i % 26))
			bad++;
	EXPECT(!bad);
	/* Geometric growth: far fewer moves than appends. */
	EXPECT(reallocs < 100);
	strbuf_grow(&sb, 1u << 20);
	EXPECT(sb.alloc >= sb.len + (1u << 20) + 1);
	EXPECT(sb.len == 100000 && sb.buf[25] == 'z');
	strbuf_release(&sb);
}

static void write_raw(const char *path, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0 || (len && write(fd, data, len) != (ssize_t)len) ||
	    close(fd))
		die_errno("cannot write %s", path);
}

static void test_read_file(void)
{
	struct strbuf sb = STRBUF_INIT, path = STRBUF_INIT, big = STRBUF_INIT;
	size_t i;

	strbuf_addf(&path, "%s/f", tmpdir);
	write_raw(path.buf, "x\0y\r\nz", 6);
	/* Appends to what is there. */
	strbuf_addstr(&sb, "pre:");
	EXPECT(strbuf_read_file(&sb, path.buf, 0) == 0);
	EXPECT(SB_IS(&sb, "pre:x\0y\r\nz"));
	/* A small hint still reads everything. */
	strbuf_reset(&sb);
	EXPECT(strbuf_read_file(&sb, path.buf, 1) == 0);
	EXPECT(SB_IS(&sb, "x\0y\r\nz"));

	/* Empty file. */
	write_raw(path.buf, "", 0);
	strbuf_reset(&sb);
	EXPECT(strbuf_read_file(&sb, path.buf, 0) == 0);
	EXPECT(SB_IS(&sb, ""));

	/* Larger than the default first read (8192) and than its hint. */
	for (i = 0; i < 300000; i++)
		strbuf_addch(&big, (char)(i * 7 % 251));
	write_raw(path.buf, big.buf, big.len);
	strbuf_reset(&sb);
	EXPECT(strbuf_read_file(&sb, path.buf, 100) == 0);
	EXPECT(sb.len == big.len && !memcmp(sb.buf, big.buf, big.len));
	EXPECT(sb.buf[sb.len] == '\0');

	/* A missing file: -1, ENOENT, the buffer as it was. */
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "keep");
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/missing", tmpdir);
	errno = 0;
	EXPECT(strbuf_read_file(&sb, path.buf, 0) == -1);
	EXPECT(errno == ENOENT);
	EXPECT(SB_IS(&sb, "keep"));

	/* A directory opens but cannot be read: -1, the buffer as it was. */
	errno = 0;
	EXPECT(strbuf_read_file(&sb, tmpdir, 0) == -1);
	EXPECT(errno == EISDIR);
	EXPECT(SB_IS(&sb, "keep"));

	strbuf_release(&sb);
	strbuf_release(&path);
	strbuf_release(&big);
}

static void test_read_fd(void)
{
	struct strbuf sb = STRBUF_INIT;
	int fds[2];

	if (pipe(fds))
		die_errno("pipe");
	EXPECT(write(fds[1], "pi\0pe", 5) == 5);
	close(fds[1]);
	EXPECT(strbuf_read_fd(&sb, fds[0], 0) == 0);
	EXPECT(SB_IS(&sb, "pi\0pe"));
	close(fds[0]);
	strbuf_release(&sb);
}

/*
 * A scanned file is read only if it is (still) a regular file: a FIFO in
 * its place must not block the open(), a link is not followed unless
 * asked to, and st is the fstat() of what was read.
 */
static void test_read_regular(void)
{
	struct strbuf sb = STRBUF_INIT, path = STRBUF_INIT, fifo = STRBUF_INIT,
		      link = STRBUF_INIT;
	struct stat st, want;

	strbuf_addf(&path, "%s/reg.c", tmpdir);
	strbuf_addf(&fifo, "%s/fifo.c", tmpdir);
	strbuf_addf(&link, "%s/link.c", tmpdir);
	write_raw(path.buf, "int x;\n", 7);
	if (mkfifo(fifo.buf, 0644) || symlink("reg.c", link.buf))
		die_errno("mkfifo or symlink in %s", tmpdir);

	EXPECT(strbuf_read_regular(&sb, path.buf, 0, &st) == 0);
	EXPECT(SB_IS(&sb, "int x;\n"));
	EXPECT(!stat(path.buf, &want) && st.st_ino == want.st_ino &&
	       st.st_size == 7 && S_ISREG(st.st_mode));

	/* No writer: a blocking open() would never return. */
	strbuf_reset(&sb);
	EXPECT(strbuf_read_regular(&sb, fifo.buf, 0, &st) == 1);
	EXPECT(strbuf_read_regular(&sb, fifo.buf, 1, &st) == 1);
	EXPECT(sb.len == 0);

	EXPECT(strbuf_read_regular(&sb, link.buf, 0, &st) == 1);
	EXPECT(sb.len == 0);
	EXPECT(strbuf_read_regular(&sb, link.buf, 1, &st) == 0);
	EXPECT(SB_IS(&sb, "int x;\n") && st.st_ino == want.st_ino);

	strbuf_reset(&sb);
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/none.c", tmpdir);
	errno = 0;
	EXPECT(strbuf_read_regular(&sb, path.buf, 0, &st) == -1);
	EXPECT(errno == ENOENT);

	unlink(fifo.buf);
	unlink(link.buf);
	strbuf_release(&sb);
	strbuf_release(&path);
	strbuf_release(&fifo);
	strbuf_release(&link);
}

int main(void)
{
	tmp_setup();
	RUN(test_init_empty);
	RUN(test_add);
	RUN(test_addbuf);
	RUN(test_addf);
	RUN(test_insert);
	RUN(test_splice);
	RUN(test_swap);
	RUN(test_detach);
	RUN(test_nul_bytes);
	RUN(test_growth);
	RUN(test_read_file);
	RUN(test_read_fd);
	RUN(test_read_regular);
	tmp_cleanup();
	return UNIT_EXIT();
}
