/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * util: fatal errors and allocation wrappers.
 *
 * Every fatal error is one line on stderr, "coccidrive: <path>: <cause>",
 * and exit status 2: the contract with scripts and CI (0 = clean,
 * 1 = something left to convert or a test failed, 2 = the run cannot be
 * trusted).
 */
#ifndef COCCIDRIVE_UTIL_H
#define COCCIDRIVE_UTIL_H

#include <stddef.h>

#define EXIT_TROUBLE 2

/* Set by the Makefile from VERSION. */
#ifndef COCCIDRIVE_VERSION
#define COCCIDRIVE_VERSION "unknown"
#endif

/* Run by die() before exiting: removes temporary files, stops children. */
typedef void (*cleanup_fn)(void);
void set_die_cleanup(cleanup_fn fn);

__attribute__((noreturn, format(printf, 1, 2))) void die(const char *fmt, ...);
/* die() with ": strerror(errno)" appended. */
__attribute__((noreturn, format(printf, 1, 2))) void die_errno(const char *fmt,
							       ...);
__attribute__((format(printf, 1, 2))) void warning(const char *fmt, ...);
/* Like warning(), with ": strerror(errno)" appended. */
__attribute__((format(printf, 1, 2))) void error_errno(const char *fmt, ...);

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* memmem(), which POSIX.1-2008 lacks. */
const void *find_bytes(const void *hay, size_t hlen, const void *needle,
		       size_t nlen);

/* Grow an array to hold at least n elements (git's ALLOC_GROW). */
#define ALLOC_GROW(x, nr, alloc)                                             \
	do {                                                                 \
		if ((nr) > (alloc)) {                                        \
			(alloc) = (nr) + 16 > (alloc)*3 / 2 ? (nr) + 16 :    \
							      (alloc)*3 / 2; \
			(x) = xrealloc((x), (alloc) * sizeof(*(x)));         \
		}                                                            \
	} while (0)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
