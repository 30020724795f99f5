// SPDX-License-Identifier: GPL-2.0-only
#include "restore.h"

#include <string.h>

#include "ctoken.h"

/*
 * Where the text of site i ends: at the ')' of a call or prototype
 * (when it has one, in both texts), else where the next site's name
 * starts - a K&R definition with its body, a whole macro.
 */
static size_t region_end(const struct strbuf *text,
			 const struct ctok_list *toks,
			 const struct site_list *sl, size_t i, int to_close)
{
	const struct site *s = &sl->v[i];
	size_t next = i + 1 < sl->nr ? toks->v[sl->v[i + 1].tok].off :
				       text->len;
	size_t close;

	if (!to_close)
		return next;
	close = toks->v[s->close].off + toks->v[s->close].len;
	return close < next ? close : next;
}

/* Both texts have the site as a call or prototype with its ')'. */
static int ends_at_close(const struct site *b, const struct ctok_list *tb,
			 const struct site *a, const struct ctok_list *ta)
{
	return (b->kind == SITE_CALL || b->kind == SITE_DECL) &&
	       a->kind == b->kind && b->close < tb->nr && a->close < ta->nr;
}

int restore_manual_sites(struct strbuf *after, const struct strbuf *before,
			 const struct site_list *sites, const char *ident)
{
	struct ctok_list tb = { 0 }, ta = { 0 };
	struct site_list sb = { 0 }, sa = { 0 };
	struct strbuf out = STRBUF_INIT;
	size_t i, copied = 0;
	int any = 0, changed = 0;

	for (i = 0; i < sites->nr; i++)
		any |= sites->v[i].manual[0] != '\0';
	if (!any || strbuf_equal(after, before))
		return 0;
	ctok_scan(before->buf, before->len, &tb);
	sites_find(before->buf, &tb, ident, &sb);
	ctok_scan(after->buf, after->len, &ta);
	sites_find(after->buf, &ta, ident, &sa);
	/*
	 * All spatch may change for a site lies after its name and before
	 * the next site's: the arguments of a call, the parameters and body
	 * of a definition.  Put that region back whole (for a call, up to
	 * its ')': what follows may be part of a definition converted).
	 */
	for (i = 0; sa.nr == sb.nr && i < sb.nr; i++) {
		int to_close = ends_at_close(&sb.v[i], &tb, &sa.v[i], &ta);
		size_t bs = tb.v[sb.v[i].tok].off;
		size_t be = region_end(before, &tb, &sb, i, to_close);
		size_t as = ta.v[sa.v[i].tok].off;
		size_t ae = region_end(after, &ta, &sa, i, to_close);

		if (!sb.v[i].manual[0] ||
		    (ae - as == be - bs &&
		     !memcmp(after->buf + as, before->buf + bs, be - bs)))
			continue;
		strbuf_add(&out, after->buf + copied, as - copied);
		strbuf_add(&out, before->buf + bs, be - bs);
		copied = ae;
		changed = 1;
	}
	if (changed) {
		strbuf_add(&out, after->buf + copied, after->len - copied);
		strbuf_swap(after, &out);
	}
	strbuf_release(&out);
	site_list_release(&sa);
	site_list_release(&sb);
	ctok_list_release(&ta);
	ctok_list_release(&tb);
	return changed;
}

/*
 * Where an unterminated literal or comment at the end of buf starts, and
 * what would close it; 0 and NULL when buf ends otherwise.
 */
static size_t open_at_end(const struct strbuf *buf, const char **closer)
{
	struct ctok_list toks = { 0 }, comments = { 0 };
	const struct ctok *t = NULL, *c = NULL;
	size_t at = 0, end, n;

	*closer = NULL;
	ctok_scan(buf->buf, buf->len, &toks);
	ctok_scan_comments(buf->buf, buf->len, &comments);
	if (toks.nr)
		t = &toks.v[toks.nr - 1];
	if (comments.nr)
		c = &comments.v[comments.nr - 1];
	if (c && (!t || c->off > t->off)) {
		/* Only blanks after it: it ran to the end of the file. */
		if (buf->buf[c->off + 1] == '*' &&
		    (c->len < 4 ||
		     memcmp(buf->buf + c->off + c->len - 2, "*/", 2))) {
			at = c->off;
			*closer = "*/";
		}
	} else if (t && (t->kind == CTOK_STRING || t->kind == CTOK_CHAR)) {
		const char *s = buf->buf + t->off;
		size_t bs = 0;

		end = t->len;
		while (end >= 2 + bs && s[end - 2 - bs] == '\\')
			bs++;
		if (t->len < 2 || s[end - 1] != s[0] || bs % 2) {
			at = t->off;
			*closer = t->kind == CTOK_STRING ? "\"" : "'";
		}
		/* Nothing but blanks after it. */
		for (n = t->off + t->len; *closer && n < buf->len; n++)
			if (!strchr(" \t\r\n", buf->buf[n]))
				*closer = NULL;
	}
	ctok_list_release(&toks);
	ctok_list_release(&comments);
	return at;
}

int restore_file_end(struct strbuf *after, const struct strbuf *before)
{
	const char *closer;
	size_t at, n, cl;

	if (!after->len || !strchr("\"'/", after->buf[after->len - 1]) ||
	    strbuf_equal(after, before))
		return 0;
	at = open_at_end(before, &closer);
	if (!closer)
		return 0;
	n = before->len - at;
	cl = strlen(closer);
	if (after->len < n + cl ||
	    memcmp(after->buf + after->len - cl, closer, cl) ||
	    memcmp(after->buf + after->len - cl - n, before->buf + at, n))
		return 0;
	strbuf_setlen(after, after->len - cl);
	return 1;
}
