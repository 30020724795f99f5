/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * unit.h: the smallest test harness that does the job.
 *
 * Each test is a void function; EXPECT() records a failure and carries on so
 * one run shows every broken expectation.  Each test prints "PASS name" or
 * "FAIL name"; tests/run.sh counts those lines across every suite and prints
 * the final "N passed, N failed".
 */
#ifndef COCCIDRIVE_UNIT_H
#define COCCIDRIVE_UNIT_H

#include <stdio.h>
#include <string.h>

static int unit_cur_failed, unit_nr_failed, unit_nr_passed;

#define EXPECT(cond)                                                       \
	do {                                                               \
		if (!(cond)) {                                             \
			fprintf(stderr, "%s:%d: expected: %s\n", __FILE__, \
				__LINE__, #cond);                          \
			unit_cur_failed = 1;                               \
		}                                                          \
	} while (0)

#define EXPECT_STR(got, want)                                               \
	do {                                                                \
		const char *g_ = (got), *w_ = (want);                       \
		if (!g_ || strcmp(g_, w_)) {                                \
			fprintf(stderr,                                     \
				"%s:%d: %s\n--- want:\n%s\n--- got:\n%s\n", \
				__FILE__, __LINE__, #got, w_,               \
				g_ ? g_ : "(null)");                        \
			unit_cur_failed = 1;                                \
		}                                                           \
	} while (0)

static inline void unit_run(const char *name, void (*fn)(void))
{
	unit_cur_failed = 0;
	fn();
	printf("%s %s\n", unit_cur_failed ? "FAIL" : "PASS", name);
	fflush(stdout);
	if (unit_cur_failed)
		unit_nr_failed++;
	else
		unit_nr_passed++;
}

#define RUN(fn) unit_run(#fn, fn)
#define UNIT_EXIT() (unit_nr_failed ? 1 : 0)

#endif
