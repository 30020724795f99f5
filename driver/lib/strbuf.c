// SPDX-License-Identifier: GPL-2.0-only
#include "strbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

/* Shared empty buffer so that an initialised strbuf is a valid C string. */
char strbuf_slopbuf[1];

void strbuf_init(struct strbuf *sb, size_t hint)
{
	sb->alloc = 0;
	sb->len = 0;
	sb->buf = strbuf_slopbuf;
	if (hint)
		strbuf_grow(sb, hint);
}

void strbuf_release(struct strbuf *sb)
{
	if (sb->alloc)
		free(sb->buf);
	strbuf_init(sb, 0);
}

char *strbuf_detach(struct strbuf *sb, size_t *len)
{
	char *res;

	strbuf_grow(sb, 0);
	res = sb->buf;
	if (len)
		*len = sb->len;
	strbuf_init(sb, 0);
	return res;
}

void strbuf_grow(struct strbuf *sb, size_t extra)
{
	int new_buf = !sb->alloc;

	if (sb->len + extra + 1 <= sb->len)
		die("strbuf: size overflow");
	if (new_buf)
		sb->buf = NULL;
	ALLOC_GROW(sb->buf, sb->len + extra + 1, sb->alloc);
	if (new_buf)
		sb->buf[0] = '\0';
}

void strbuf_setlen(struct strbuf *sb, size_t len)
{
	if (!sb->alloc) {
		/* Only length 0 is valid for the shared empty buffer. */
		return;
	}
	sb->len = len;
	sb->buf[len] = '\0';
}

int strbuf_equal(const struct strbuf *a, const struct strbuf *b)
{
	return a->len == b->len && !memcmp(a->buf, b->buf, a->len);
}

void strbuf_swap(struct strbuf *a, struct strbuf *b)
{
	struct strbuf t = *a;

	*a = *b;
	*b = t;
}

void strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
	/* data may point into sb itself (strbuf_addbuf(sb, sb)). */
	if (sb->alloc && (const char *)data >= sb->buf &&
	    (const char *)data < sb->buf + sb->alloc) {
		size_t off = (size_t)((const char *)data - sb->buf);

		strbuf_grow(sb, len);
		data = sb->buf + off;
	} else {
		strbuf_grow(sb, len);
	}
	if (len)
		memmove(sb->buf + sb->len, data, len);
	strbuf_setlen(sb, sb->len + len);
}

void strbuf_addstr(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void strbuf_addch(struct strbuf *sb, int c)
{
	strbuf_grow(sb, 1);
	sb->buf[sb->len] = (char)c;
	strbuf_setlen(sb, sb->len + 1);
}

void strbuf_addbuf(struct strbuf *sb, const struct strbuf *other)
{
	strbuf_add(sb, other->buf, other->len);
}

void strbuf_addchars(struct strbuf *sb, int c, size_t n)
{
	strbuf_grow(sb, n);
	memset(sb->buf + sb->len, c, n);
	strbuf_setlen(sb, sb->len + n);
}

void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		die("strbuf: bad format string '%s'", fmt);
	strbuf_grow(sb, (size_t)n);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	strbuf_setlen(sb, sb->len + (size_t)n);
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

void strbuf_splice(struct strbuf *sb, size_t pos, size_t len, const void *data,
		   size_t data_len)
{
	if (pos > sb->len || len > sb->len - pos)
		die("strbuf: splice out of range");
	if (data_len > len)
		strbuf_grow(sb, data_len - len);
	memmove(sb->buf + pos + data_len, sb->buf + pos + len,
		sb->len - pos - len);
	if (data_len)
		memcpy(sb->buf + pos, data, data_len);
	strbuf_setlen(sb, sb->len + data_len - len);
}

void strbuf_insert(struct strbuf *sb, size_t pos, const void *data, size_t len)
{
	strbuf_splice(sb, pos, 0, data, len);
}

int strbuf_read_fd(struct strbuf *sb, int fd, size_t hint)
{
	size_t old_len = sb->len;

	strbuf_grow(sb, hint ? hint : 8192);
	for (;;) {
		ssize_t got;

		if (sb->alloc - sb->len < 2)
			strbuf_grow(sb, sb->alloc);
		got = read(fd, sb->buf + sb->len, sb->alloc - sb->len - 1);
		if (got < 0) {
			int saved = errno;

			if (errno == EINTR)
				continue;
			strbuf_setlen(sb, old_len);
			errno = saved;
			return -1;
		}
		if (got == 0)
			break;
		strbuf_setlen(sb, sb->len + (size_t)got);
	}
	return 0;
}

int strbuf_read_file(struct strbuf *sb, const char *path, size_t hint)
{
	int fd, ret, saved;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ret = strbuf_read_fd(sb, fd, hint);
	saved = errno;
	close(fd);
	errno = saved;
	return ret;
}

static int must_quote(unsigned char c)
{
	return c < 0x20 || c == '"' || c == '\\' || c >= 0x7f;
}

static void add_quoted_byte(struct strbuf *sb, unsigned char c)
{
	static const char esc[] = "\aa\bb\tt\nn\vv\ff\rr\"\"\\\\";
	const char *p;

	for (p = esc; *p; p += 2) {
		if ((unsigned char)p[0] == c) {
			strbuf_addch(sb, '\\');
			strbuf_addch(sb, p[1]);
			return;
		}
	}
	if (must_quote(c))
		strbuf_addf(sb, "\\%03o", c);
	else
		strbuf_addch(sb, c);
}

void strbuf_add_quoted_path(struct strbuf *sb, const char *prefix,
			    const char *path)
{
	const char *p;

	for (p = path; *p && !must_quote((unsigned char)*p); p++)
		;
	if (!*p) {
		strbuf_addstr(sb, prefix);
		strbuf_addstr(sb, path);
		return;
	}
	strbuf_addch(sb, '"');
	strbuf_addstr(sb, prefix);
	for (p = path; *p; p++)
		add_quoted_byte(sb, (unsigned char)*p);
	strbuf_addch(sb, '"');
}

int strbuf_read_regular(struct strbuf *sb, const char *path, int follow,
			struct stat *st)
{
	int fd, ret, saved;

	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC |
				(follow ? 0 : O_NOFOLLOW));
	if (fd < 0)
		return !follow && errno == ELOOP ? 1 : -1;
	if (fstat(fd, st)) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		close(fd);
		return 1;
	}
	ret = strbuf_read_fd(sb, fd, (size_t)st->st_size);
	saved = errno;
	close(fd);
	errno = saved;
	return ret;
}

char *xstrfmt(const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	return strbuf_detach(&sb, NULL);
}
