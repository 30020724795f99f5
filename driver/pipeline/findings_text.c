// SPDX-License-Identifier: GPL-2.0-only
#include "findings_text.h"

#include <stdio.h>

/* A subject between double quotes, escaped so that it stays one line. */
static void add_quoted(struct strbuf *sb, const char *s)
{
	strbuf_addch(sb, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			strbuf_addf(sb, "\\%c", c);
		else if (c == '\t')
			strbuf_addstr(sb, "\\t");
		else if (c < 0x20 || c == 0x7f)
			strbuf_addf(sb, "\\%03o", c);
		else
			strbuf_addch(sb, (char)c);
	}
	strbuf_addch(sb, '"');
}

void findings_commit_tag(struct strbuf *sb, const struct series_commit *c)
{
	if (c->short_id[0])
		strbuf_addf(sb, "commit %s ", c->short_id);
	else
		strbuf_addf(sb, "patch %u ", c->index);
	add_quoted(sb, c->subject);
}

void findings_write_text(FILE *fp, const struct findings *f)
{
	struct strbuf where = STRBUF_INIT, tag = STRBUF_INIT;
	size_t i;

	for (i = 0; i < f->nr; i++) {
		const struct finding *x = &f->v[i];

		strbuf_reset(&where);
		strbuf_add_quoted_path(&where, "", x->file);
		strbuf_addf(&where, ":%u:%u:", x->line, x->col);
		strbuf_reset(&tag);
		if (x->commit)
			findings_commit_tag(&tag, x->commit);
		else
			strbuf_addstr(&tag, "pre-existing");
		fprintf(fp, "%s %s [%s]\n", where.buf, x->message, tag.buf);
		if (x->note)
			fprintf(fp, "%s note: %s\n", where.buf, x->note);
		if (x->hint)
			fprintf(fp, "%s hint: %s\n", where.buf, x->hint);
		if (x->fixed_by) {
			strbuf_reset(&tag);
			findings_commit_tag(&tag, x->fixed_by);
			fprintf(fp,
				"%s note: fixed later in the series, by %s\n",
				where.buf, tag.buf);
		}
	}
	strbuf_release(&where);
	strbuf_release(&tag);
}
