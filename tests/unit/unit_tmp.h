/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * unit_tmp.h: one scratch directory per test binary, under $TMPDIR, and
 * the folder the binary started in; removed (after going back there) by
 * unit_tmp_cleanup().  For the tests that touch the file system.
 */
#ifndef COCCIDRIVE_UNIT_TMP_H
#define COCCIDRIVE_UNIT_TMP_H

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "strbuf.h"
#include "util.h"

static char tmpdir[256];
static char cwd[PATH_MAX];

static inline void unit_tmp_setup(const char *name)
{
	const char *base = getenv("TMPDIR");

	snprintf(tmpdir, sizeof(tmpdir), "%s/%s.XXXXXX",
		 base && *base ? base : "/tmp", name);
	if (!mkdtemp(tmpdir))
		die_errno("mkdtemp %s", tmpdir);
	if (!getcwd(cwd, sizeof(cwd)))
		die_errno("getcwd");
}

static inline void unit_tmp_cleanup(void)
{
	struct strbuf cmd = STRBUF_INIT;

	if (cwd[0] && chdir(cwd))
		fprintf(stderr, "chdir %s: %s\n", cwd, strerror(errno));
	strbuf_addf(&cmd, "rm -rf '%s'", tmpdir);
	if (tmpdir[0] && system(cmd.buf))
		fprintf(stderr, "could not remove %s\n", tmpdir);
	strbuf_release(&cmd);
}

#endif
