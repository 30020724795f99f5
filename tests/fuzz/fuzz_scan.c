// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the tree scanner on trees the input describes.  Each
 * input line is "d NAME", "f NAME" or "l NAME TARGET" (a directory, a file,
 * a symbolic link), created under a fresh directory; the scan must list
 * exactly the regular *.c and *.h files reached without crossing a link,
 * sorted, each once, each named below the root (no "..", no leading '/').
 */
#include <errno.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "root.h"
#include "scan.h"
#include "strbuf.h"

static char root[64];

static void remove_tree(const char *path)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", path);
	if (system(cmd))
		abort();
}

/*
 * Keep names, and link targets, inside the root: no "..", no absolute
 * paths, no quotes; otherwise a link could lead a later "f" entry to
 * create files elsewhere.
 */
static int sane(const char *name)
{
	return *name && *name != '/' && !strstr(name, "..") &&
	       !strpbrk(name, "'\\\n\r");
}

static void build(const char *text, size_t len)
{
	char line[256], path[512];
	size_t pos = 0;

	while (pos < len) {
		size_t n = 0;
		char *sp2;

		while (pos < len && text[pos] != '\n' && n < sizeof(line) - 1)
			line[n++] = text[pos++];
		line[n] = '\0';
		while (pos < len && text[pos++] != '\n')
			;
		if (n < 3 || line[1] != ' ' || !sane(line + 2))
			continue;
		sp2 = strchr(line + 2, ' ');
		if (line[0] == 'l' && sp2) {
			*sp2 = '\0';
			if (!sane(sp2 + 1))
				continue;
			snprintf(path, sizeof(path), "%s/%s", root, line + 2);
			if (symlink(sp2 + 1, path))
				continue;
		} else if (line[0] == 'd') {
			snprintf(path, sizeof(path), "%s/%s", root, line + 2);
			mkdir(path, 0755);
		} else if (line[0] == 'f') {
			FILE *fp;

			snprintf(path, sizeof(path), "%s/%s", root, line + 2);
			fp = fopen(path, "wx");
			if (fp)
				fclose(fp);
		}
	}
}

/*
 * What a correct scan finds, counted independently with nftw(): regular
 * files (links not followed) named "?*.c" or "?*.h", hidden ones too,
 * none inside a version control or quilt directory.  (An earlier version
 * asked find(1) through popen() and was flaky under the fuzzer; this one
 * is in-process and deterministic.)
 */
static size_t expected_count;

static int in_metadata_dir(const char *rel)
{
	static const char *const dirs[] = { "/.git/", "/.hg/",	 "/.svn/",
					    "/.bzr/", "/.repo/", "/.pc/" };
	size_t i;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		if (strstr(rel, dirs[i]))
			return 1;
	return 0;
}

static int count_one(const char *path, const struct stat *st, int type,
		     struct FTW *ftw)
{
	const char *rel = path + strlen(root);
	size_t n = strlen(path);

	if (type != FTW_F || !S_ISREG(st->st_mode))
		return 0;
	if (in_metadata_dir(rel))
		return 0;
	/* A name, not just ".c": at least one byte before the suffix. */
	if (strlen(path + ftw->base) > 2 && path[n - 2] == '.' &&
	    (path[n - 1] == 'c' || path[n - 1] == 'h'))
		expected_count++;
	return 0;
}

static size_t count_expected(void)
{
	expected_count = 0;
	if (nftw(root, count_one, 16, FTW_PHYS))
		abort();
	return expected_count;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scan s = { 0 };
	struct root r;
	char *trees[1] = { root };
	size_t i;

	snprintf(root, sizeof(root), "/tmp/coccidrive-fuzz-scan.%d", getpid());
	remove_tree(root);
	if (mkdir(root, 0755))
		abort();
	build((const char *)data, size < 4096 ? size : 4096);
	root_find(&r, trees, 1, root);
	scan_trees(trees, 1, &r, &s);
	root_release(&r);
	if (s.nr != count_expected()) {
		char cmd[160];

		fprintf(stderr, "scan found %zu files:\n", s.nr);
		for (i = 0; i < s.nr; i++)
			fprintf(stderr, "  %s\n", s.v[i].rel);
		snprintf(cmd, sizeof(cmd), "ls -laR '%s' >&2", root);
		if (system(cmd) < 0)
			abort();
		abort();
	}
	for (i = 0; i < s.nr; i++) {
		struct stat st;

		if (!scan_is_c_file(s.v[i].rel) || lstat(s.v[i].path, &st) ||
		    !S_ISREG(st.st_mode))
			abort();
		if (i && strcmp(s.v[i - 1].rel, s.v[i].rel) >= 0)
			abort();
		if (s.v[i].rel[0] == '/' || !strncmp(s.v[i].rel, "../", 3) ||
		    strstr(s.v[i].rel, "/../"))
			abort();
	}
	scan_release(&s);
	remove_tree(root);
	return 0;
}
