// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for driver/lib/util.c's find_bytes(): the first occurrence,
 * exactly memmem's answer, for the needle lengths that take different
 * paths (0, 1, 2: memchr; 3 and more: memmem), at the edges of the
 * haystack, with NUL bytes inside, and against a plain search on every
 * cut of a text.
 */
#include "util.h"

#include <string.h>

#include "unit.h"

/* The obvious search, the reference. */
static const char *naive(const char *h, size_t hl, const char *n, size_t nl)
{
	size_t i;

	for (i = 0; i + nl <= hl; i++)
		if (!memcmp(h + i, n, nl))
			return h + i;
	return NULL;
}

static void test_find_bytes_edges(void)
{
	static const char hay[] = "a#b##c###sock_create_kern";
	size_t n = sizeof(hay) - 1;

	EXPECT(find_bytes(hay, n, "", 0) == hay);
	EXPECT(find_bytes(hay, 0, "a", 1) == NULL);
	EXPECT(find_bytes(hay, n, "a", 1) == hay);
	EXPECT(find_bytes(hay, n, "##", 2) == hay + 3);
	EXPECT(find_bytes(hay + 4, n - 4, "##", 2) == hay + 6);
	/* A '#' at the very end cannot start a "##". */
	EXPECT(find_bytes(hay, 2, "##", 2) == NULL);
	EXPECT(find_bytes(hay, n, "sock_create_kern", 16) == hay + 9);
	EXPECT(find_bytes(hay, n - 1, "sock_create_kern", 16) == NULL);
	EXPECT(find_bytes(hay, n, "a#b##c###sock_create_kern!", n + 1) == NULL);
	EXPECT(find_bytes("x\0##", 4, "##", 2) != NULL);
	EXPECT(find_bytes("x\0\0y", 4, "\0y", 2) != NULL);
}

static void test_find_bytes_every_cut(void)
{
	static const char text[] =
		"#define X(_id) _id ## _kern\n"
		"s ss sss sock_create sock_create_kern ## ###\n";
	static const char *const needles[] = {
		"s",  "#",	"##",
		"ss", "sss",	"_kern",
		"k",  "kern\n", "sock_create_kern",
		"zz"
	};
	size_t len = sizeof(text) - 1, b, e, k, bad = 0;

	for (k = 0; k < ARRAY_SIZE(needles); k++)
		for (b = 0; b <= len; b++)
			for (e = b; e <= len; e++) {
				size_t nl = strlen(needles[k]);

				if (find_bytes(text + b, e - b, needles[k],
					       nl) !=
				    naive(text + b, e - b, needles[k], nl))
					bad++;
			}
	EXPECT(bad == 0);
}

int main(void)
{
	RUN(test_find_bytes_edges);
	RUN(test_find_bytes_every_cut);
	return UNIT_EXIT();
}
