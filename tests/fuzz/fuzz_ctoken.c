// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the tokenizer, the site finder and the layout pass on
 * any bytes.  Besides not crashing, these properties must hold:
 *  - every identifier token of the name is one site, besides the ## chains
 *    that paste it (the ledger's promise that every occurrence is
 *    accounted for rests on it);
 *  - the prefilter's byte test never misses a file with a site;
 *  - re-filling a call never changes the token sequence, only blanks;
 *  - re-aligning macro backslashes never changes the tokens either.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ctoken.h"
#include "layout.h"
#include "sites.h"
#include "strbuf.h"

static const char ident[] = "sock_create_kern";

/* The token texts of buf, joined by a byte no token contains. */
static void token_text(const struct strbuf *sb, struct strbuf *out)
{
	struct ctok_list toks = { 0 };
	size_t i;

	ctok_scan(sb->buf, sb->len, &toks);
	for (i = 0; i < toks.nr; i++) {
		strbuf_add(out, sb->buf + toks.v[i].off, toks.v[i].len);
		strbuf_addch(out, '\001');
	}
	ctok_list_release(&toks);
}

static void same_tokens(const struct strbuf *a, const struct strbuf *b)
{
	struct strbuf ta = STRBUF_INIT, tb = STRBUF_INIT;

	token_text(a, &ta);
	token_text(b, &tb);
	/*
	 * Token boundaries may move only where blanks were added or removed
	 * between tokens; the joined texts must then still agree.
	 */
	if (ta.len != tb.len || memcmp(ta.buf, tb.buf, ta.len))
		abort();
	strbuf_release(&ta);
	strbuf_release(&tb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf in = STRBUF_INIT, out = STRBUF_INIT;
	struct ctok_list toks = { 0 };
	struct site_list sites = { 0 };
	size_t i, idents = 0, pasted = 0;

	strbuf_add(&in, data, size);
	ctok_scan(in.buf, in.len, &toks);
	sites_find(in.buf, &toks, ident, &sites);
	for (i = 0; i < toks.nr; i++) {
		if (toks.v[i].off + toks.v[i].len > in.len)
			abort();
		if (toks.v[i].kind == CTOK_IDENT &&
		    ctok_is(in.buf, &toks.v[i], ident))
			idents++;
	}
	for (i = 0; i < sites.nr; i++)
		pasted += sites.v[i].kind == SITE_PASTE;
	if (idents != sites.nr - pasted)
		abort();
	if (sites.nr && !sites_may_occur(in.buf, in.len, ident))
		abort();

	strbuf_addbuf(&out, &in);
	for (i = sites.nr; i-- > 0;)
		if (sites.v[i].kind == SITE_CALL && sites.v[i].nargs >= 2 &&
		    sites.v[i].close < toks.nr)
			layout_refill(&out, &toks, sites.v[i].open,
				      (int)(size & 1));
	same_tokens(&in, &out);
	layout_keep_backslashes(&out, &in);
	same_tokens(&in, &out);

	site_list_release(&sites);
	ctok_list_release(&toks);
	strbuf_release(&in);
	strbuf_release(&out);
	return 0;
}
