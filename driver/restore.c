// SPDX-License-Identifier: GPL-2.0-only
#include "restore.h"

#include <string.h>

#include "ctoken.h"

/* Where the text of site i ends: where the next site's name starts. */
static size_t region_end(const struct strbuf *text,
			 const struct ctok_list *toks,
			 const struct site_list *sl, size_t i)
{
	return i + 1 < sl->nr ? toks->v[sl->v[i + 1].tok].off : text->len;
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
	 * of a definition.  Put that region back whole.
	 */
	for (i = 0; sa.nr == sb.nr && i < sb.nr; i++) {
		size_t bs = tb.v[sb.v[i].tok].off;
		size_t be = region_end(before, &tb, &sb, i);
		size_t as = ta.v[sa.v[i].tok].off;
		size_t ae = region_end(after, &ta, &sa, i);

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
