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

#include <signal.h>
#include <stddef.h>

#define EXIT_TROUBLE 2

/* Set by the Makefile from VERSION. */
#ifndef COCCIDRIVE_VERSION
#define COCCIDRIVE_VERSION "unknown"
#endif

/*
 * Run by die() before exiting: removes temporary files, stops children.
 * set_die_cleanup() sets the run's own (the engine's scratch directory;
 * NULL: none); add_die_cleanup() adds one beside it (a batch of staged
 * files) until remove_die_cleanup(), so that neither undoes the other.
 * die() runs the added ones, newest first, then the run's.
 */
typedef void (*cleanup_fn)(void);
void set_die_cleanup(cleanup_fn fn);
void add_die_cleanup(cleanup_fn fn);
void remove_die_cleanup(cleanup_fn fn);

/*
 * What is written on stderr while a line may be redrawn in place there
 * (progress.h) goes between stderr_begin() and stderr_end(), which run
 * the hooks set_stderr_hooks() sets (NULL: none): the first erases the
 * line and holds it off, the second lets it be drawn again.  die(),
 * die_errno() and warning() do so themselves.
 */
void set_stderr_hooks(cleanup_fn begin, cleanup_fn end);
void stderr_begin(void);
void stderr_end(void);

/*
 * The signals that interrupt a run: every one that ends a process unless
 * it is caught (SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGALRM, the
 * real-time ones...), not the faults of the program itself (SIGSEGV,
 * SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS), which no clean-up
 * could trust.  interrupt_signals() lists them all; interrupt_set() gives
 * those not ignored now (nohup, or SIGINT in a background job: the user
 * meant it, and they stay ignored).
 */
const int *interrupt_signals(size_t *nr);
void interrupt_set(sigset_t *set);
/*
 * Hold the interrupt signals off (block them) while something must not be
 * cut short; old receives the mask to give back to interrupt_release().
 */
void interrupt_hold(sigset_t *old);
/* A held interrupt signal that arrived meanwhile, taken; 0: none. */
int interrupt_take(void);
/*
 * Ends the run (one line, status 2, "no file was changed") when a held
 * signal is pending: for loops that must stop between two steps.
 */
void die_if_interrupted(void);
void interrupt_release(const sigset_t *old);

__attribute__((noreturn, format(printf, 1, 2))) void die(const char *fmt, ...);
/* die() with ": strerror(errno)" appended. */
__attribute__((noreturn, format(printf, 1, 2))) void die_errno(const char *fmt,
							       ...);
__attribute__((format(printf, 1, 2))) void warning(const char *fmt, ...);

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/*
 * Write all of buf, going on after a short write or EINTR (git's
 * write_in_full).  Returns 0, or -1 with errno set (ENOSPC when write()
 * wrote nothing).
 */
int write_in_full(int fd, const void *buf, size_t len);

/*
 * memmem(): where needle first occurs in hay, NULL if nowhere; hay when
 * nlen is 0.  POSIX.1-2008, which the build asks for, lacks it.
 */
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
