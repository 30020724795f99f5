/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * strbuf: the one growable byte buffer used everywhere in coccidrive.
 *
 * Modelled on git's strbuf.h: the buffer is always NUL-terminated (so it can
 * be handed to C string functions), but may also hold NUL bytes; len is the
 * authority.  Allocation failure is fatal (see die() in util.h): a refactoring
 * tool that cannot allocate has nothing sensible to fall back to.
 */
#ifndef COCCIDRIVE_STRBUF_H
#define COCCIDRIVE_STRBUF_H

#include <stdarg.h>
#include <stddef.h>
#include <sys/stat.h>

struct strbuf {
	size_t alloc;
	size_t len;
	char *buf;
};

#define STRBUF_INIT                  \
	{                            \
		0, 0, strbuf_slopbuf \
	}
extern char strbuf_slopbuf[];

void strbuf_init(struct strbuf *sb, size_t hint);
void strbuf_release(struct strbuf *sb);
/* Hand the buffer to the caller (who must free() it); sb is reset. */
char *strbuf_detach(struct strbuf *sb, size_t *len);
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_setlen(struct strbuf *sb, size_t len);
static inline void strbuf_reset(struct strbuf *sb)
{
	strbuf_setlen(sb, 0);
}

/* Exchange the contents of two buffers (no copy). */
void strbuf_swap(struct strbuf *a, struct strbuf *b);

/* Same length and bytes. */
int strbuf_equal(const struct strbuf *a, const struct strbuf *b);

void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, int c);
void strbuf_addbuf(struct strbuf *sb, const struct strbuf *other);
__attribute__((format(printf, 2, 3))) void strbuf_addf(struct strbuf *sb,
						       const char *fmt, ...);
__attribute__((format(printf, 2, 0))) void
strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
/* A new string, formatted (git's xstrfmt); free it. */
__attribute__((format(printf, 1, 2))) char *xstrfmt(const char *fmt, ...);
/* Append n copies of c. */
void strbuf_addchars(struct strbuf *sb, int c, size_t n);
/* Insert data at pos, shifting the tail. */
void strbuf_insert(struct strbuf *sb, size_t pos, const void *data, size_t len);
/* Replace [pos, pos+len) with data. */
void strbuf_splice(struct strbuf *sb, size_t pos, size_t len, const void *data,
		   size_t data_len);

/*
 * prefix and path as git prints a path (quote_c_style() with
 * core.quotePath on): as they are, or, when the path has a control
 * character, '"', '\\', DEL or a non-ASCII byte, in double quotes with C
 * escapes ("a/tab\there.c").  What a patch, and a line that names a file,
 * must use so that no name can forge another line.
 */
void strbuf_add_quoted_path(struct strbuf *sb, const char *prefix,
			    const char *path);

/*
 * Read a whole file (or fd) into sb, appending.  Returns 0, or -1 with errno
 * set; on error sb is left as it was.
 */
int strbuf_read_file(struct strbuf *sb, const char *path, size_t hint);
int strbuf_read_fd(struct strbuf *sb, int fd, size_t hint);

/*
 * Read a file that must be a regular file, as a scanned file is: opened
 * without blocking (a FIFO put in its place after the scan cannot hang
 * the run), without following a symbolic link unless follow is set, and
 * checked on the descriptor.  st receives the fstat() of the descriptor
 * read, the identity a later write compares with (see atomic.h).
 * Returns 0; 1 when it is not a regular file (or, without follow, is a
 * symbolic link), sb unchanged; -1 with errno set on error.
 */
int strbuf_read_regular(struct strbuf *sb, const char *path, int follow,
			struct stat *st);

#endif
