// SPDX-License-Identifier: GPL-2.0-only
/*
 * The diff is libgit2's (git_patch_from_buffers()): git's own algorithm
 * (xdiff), its hunk headers and function-name hints, its quoting of odd
 * path names.  This file only adapts it to what coccidrive prints.
 */
#include "diff.h"

#include <git2.h>
#include <string.h>

#include "util.h"

static void die_git(const char *what, const char *path)
{
	const git_error *e = git_error_last();

	die("%s: %s: %s", path, what, e && e->message ? e->message : "libgit2");
}

/* libgit2 is set up once, on first use, and stays until exit. */
static void init_once(void)
{
	static int done;

	if (!done && git_libgit2_init() < 0)
		die("libgit2: cannot start");
	done = 1;
}

static git_patch *make_patch_ctx(const char *path, const char *a, size_t alen,
				 const char *b, size_t blen, unsigned context)
{
	git_diff_options o;
	git_patch *p = NULL;

	init_once();
	if (git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION))
		die_git("diff options", path);
	o.context_lines = context;
	o.interhunk_lines = 0;
	/* Text whatever the bytes are: a NUL must not make it "binary". */
	o.flags |= GIT_DIFF_FORCE_TEXT;
	if (git_patch_from_buffers(&p, a, alen, path, b, blen, path, &o))
		die_git("cannot diff", path);
	return p;
}

static git_patch *make_patch(const char *path, const char *a, size_t alen,
			     const char *b, size_t blen)
{
	return make_patch_ctx(path, a, alen, b, blen, DIFF_CONTEXT);
}

/*
 * libgit2's text, with three differences from git's own "git diff" made
 * good, so that the patch is what git would print:
 *  - no "index OLD..NEW MODE" line: the patch names files by path only,
 *    as upstream's conversion and the golden files do;
 *  - "--- a/NAME" and "+++ b/NAME" end in a tab when NAME (unquoted) has
 *    a blank, as git does, or GNU patch takes the name only up to it;
 *  - a hunk header's function name loses trailing blanks (git's default
 *    funcname rule trims them).
 * Only the header lines of the file and of each hunk are touched: the
 * header ends at the first "@@ ", and in the body a line that starts
 * "@@ " is always a hunk header (others start with ' ', '-', '+', '\\').
 */
static void add_as_git_prints(struct strbuf *out, const char *s, size_t len)
{
	const char *end = s + len;
	int in_header = 1;

	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);

		if (n >= 3 && !memcmp(s, "@@ ", 3)) {
			const char *close = find_bytes(s + 3, n - 3, " @@", 3);

			in_header = 0;
			if (close) {
				size_t keep = n;

				while (keep > (size_t)(close + 3 - s) &&
				       (s[keep - 1] == ' ' ||
					s[keep - 1] == '\t'))
					keep--;
				/* "@@ -1 +1 @@ " with nothing after: no blank. */
				if (keep == (size_t)(close + 4 - s))
					keep--;
				n = keep;
			}
		} else if (in_header && n >= 6 && !memcmp(s, "index ", 6)) {
			s = nl ? nl + 1 : end;
			continue;
		} else if (in_header && n >= 4 &&
			   (!memcmp(s, "--- ", 4) || !memcmp(s, "+++ ", 4)) &&
			   s[4] != '"' && memchr(s + 4, ' ', n - 4)) {
			strbuf_add(out, s, n);
			strbuf_addch(out, '\t');
			if (nl)
				strbuf_addch(out, '\n');
			s = nl ? nl + 1 : end;
			continue;
		}
		strbuf_add(out, s, n);
		if (nl)
			strbuf_addch(out, '\n');
		s = nl ? nl + 1 : end;
	}
}

int diff_unified(struct strbuf *out, const char *path, const char *a,
		 size_t alen, const char *b, size_t blen)
{
	git_patch *p;
	git_buf buf = { 0 };
	size_t hunks;

	if (alen == blen && (!alen || !memcmp(a, b, alen)))
		return 0;
	p = make_patch(path, a, alen, b, blen);
	hunks = git_patch_num_hunks(p);
	if (!hunks) {
		git_patch_free(p);
		return 0;
	}
	if (git_patch_to_buf(&buf, p))
		die_git("cannot print the diff", path);
	add_as_git_prints(out, buf.ptr, buf.size);
	git_buf_dispose(&buf);
	git_patch_free(p);
	return (int)hunks;
}

void diff_count(const char *a, size_t alen, const char *b, size_t blen,
		size_t *added, size_t *removed)
{
	git_patch *p = make_patch("count", a, alen, b, blen);

	if (git_patch_line_stats(NULL, added, removed, p))
		die_git("cannot count the changed lines", "count");
	git_patch_free(p);
}

int diff_hunks(const char *a, size_t alen, const char *b, size_t blen,
	       diff_hunk_fn fn, void *ctx)
{
	git_patch *p = make_patch_ctx("hunks", a, alen, b, blen, 0);
	size_t i, n = git_patch_num_hunks(p);
	int ret = 0;

	for (i = 0; i < n && !ret; i++) {
		const git_diff_hunk *gh;
		struct diff_hunk h;

		if (git_patch_get_hunk(&gh, NULL, p, i))
			die_git("cannot read a hunk", "hunks");
		h.old_start = (size_t)gh->old_start;
		h.old_lines = (size_t)gh->old_lines;
		h.new_start = (size_t)gh->new_start;
		h.new_lines = (size_t)gh->new_lines;
		ret = fn(&h, ctx);
	}
	git_patch_free(p);
	return ret;
}
