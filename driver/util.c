// SPDX-License-Identifier: GPL-2.0-only
#include "util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static cleanup_fn die_cleanup;

void set_die_cleanup(cleanup_fn fn)
{
	die_cleanup = fn;
}

static __attribute__((format(printf, 2, 0))) void
vreport(const char *prefix, const char *fmt, va_list ap, const char *suffix)
{
	fputs("coccidrive: ", stderr);
	fputs(prefix, stderr);
	vfprintf(stderr, fmt, ap);
	if (suffix) {
		fputs(": ", stderr);
		fputs(suffix, stderr);
	}
	fputc('\n', stderr);
}

static __attribute__((noreturn)) void finish_die(void)
{
	cleanup_fn fn = die_cleanup;

	/* A cleanup that dies again must not recurse. */
	die_cleanup = NULL;
	if (fn)
		fn();
	exit(EXIT_TROUBLE);
}

void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("", fmt, ap, NULL);
	va_end(ap);
	finish_die();
}

void die_errno(const char *fmt, ...)
{
	const char *cause = strerror(errno);
	va_list ap;

	va_start(ap, fmt);
	vreport("", fmt, ap, cause);
	va_end(ap);
	finish_die();
}

void warning(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("warning: ", fmt, ap, NULL);
	va_end(ap);
}

void error_errno(const char *fmt, ...)
{
	const char *cause = strerror(errno);
	va_list ap;

	va_start(ap, fmt);
	vreport("", fmt, ap, cause);
	va_end(ap);
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		die("out of memory allocating %zu bytes", size);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		die("out of memory allocating %zu x %zu bytes", n, size);
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (!p)
		die("out of memory allocating %zu bytes", size);
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

const void *find_bytes(const void *hay, size_t hlen, const void *needle,
		       size_t nlen)
{
	const char *h = hay, *end = h + hlen;

	if (!nlen)
		return hay;
	while ((size_t)(end - h) >= nlen) {
		const char *p = memchr(h, *(const char *)needle,
				       (size_t)(end - h) - nlen + 1);

		if (!p)
			return NULL;
		if (!memcmp(p, needle, nlen))
			return p;
		h = p + 1;
	}
	return NULL;
}
