// SPDX-License-Identifier: GPL-2.0-only
#include "fixup.h"

#include <stdlib.h>
#include <string.h>

#include "ctoken.h"
#include "diff.h"
#include "ledger.h"
#include "sites.h"
#include "util.h"
#include "verify.h"

static const struct file_result *result_of(const struct run_result *res,
					   const struct scan_file *sf)
{
	size_t i;

	for (i = 0; i < res->files.nr; i++)
		if (res->files.v[i].file == sf)
			return &res->files.v[i];
	return NULL;
}

/* The occurrence of the version sf at (line, col). */
static const struct occurrence *occurrence_at(const struct run_result *res,
					      const struct scan_file *sf,
					      unsigned line, unsigned col)
{
	size_t i;

	for (i = 0; i < res->ledger.nr; i++) {
		const struct occurrence *o = &res->ledger.v[i];

		if (o->path == sf->rel && o->line == line && o->col == col)
			return o;
	}
	return NULL;
}

/* Where each line of a text starts; off[nr] is its end. */
struct lines {
	size_t *off;
	size_t nr;
};

static void split_lines(const struct strbuf *sb, struct lines *l)
{
	size_t i, alloc = 0;

	l->off = NULL;
	l->nr = 0;
	ALLOC_GROW(l->off, 1, alloc);
	l->off[0] = 0;
	for (i = 0; i < sb->len; i++)
		if (sb->buf[i] == '\n' || i + 1 == sb->len) {
			ALLOC_GROW(l->off, l->nr + 2, alloc);
			l->off[++l->nr] = i + 1;
		}
}

/* Lines first..last (1-based, inclusive; none when last < first). */
static void add_lines(struct strbuf *out, const struct strbuf *sb,
		      const struct lines *l, unsigned first, unsigned last)
{
	if (last < first || !first || last > l->nr)
		return;
	strbuf_add(out, sb->buf + l->off[first - 1],
		   l->off[last] - l->off[first - 1]);
}

/* One converted site: its lines before and after. */
struct block {
	unsigned b1, b2, a1, a2;
	int keep;
};

static unsigned close_line(const struct ctok_list *toks, const struct site *s)
{
	if (s->close <= s->open || s->close >= toks->nr)
		return s->line;
	return toks->v[s->close].line;
}

/* The tokens [a, b) of buf, each followed by one blank. */
static void add_token_text(struct strbuf *sb, const char *buf,
			   const struct ctok_list *toks, size_t a, size_t b)
{
	for (; a < b; a++)
		strbuf_addf(sb, "%.*s ", (int)toks->v[a].len,
			    buf + toks->v[a].off);
}

/*
 * --net=infer: the picked text with each kept call's inferred namespace
 * (ns[i], the expression the run chose for site i; NULL: the rule's
 * argument) put back to the rule's argument, so that verify_result()
 * judges the picking by the rule's edit.  The expression must be exactly
 * the call's first argument, token for token; else -1.  Returns how many
 * were put back: with none (--net=init), norm is left alone.
 */
static int undo_inferred(struct strbuf *norm, const struct cocci *rule,
			 const struct strbuf *text, const struct ctok_list *tt,
			 const struct site_list *ts, const int *mark,
			 const char *const *ns)
{
	size_t i, commas[8];
	struct strbuf want = STRBUF_INIT, got = STRBUF_INIT;
	int ok = 1, n = 0;

	/* From the last site to the first: the offsets before stay true. */
	for (i = ts->nr; i-- > 0 && ok;) {
		const struct site *s = &ts->v[i];
		struct ctok_list et = { 0 };
		size_t from, to;

		if (mark[i] != 1 || !ns[i])
			continue;
		if (s->kind != SITE_CALL ||
		    ctok_args(text->buf, tt, s->open, commas, 8) < 2 ||
		    commas[0] == s->open + 1) {
			ok = 0;
			break;
		}
		strbuf_reset(&want);
		strbuf_reset(&got);
		ctok_scan(ns[i], strlen(ns[i]), &et);
		add_token_text(&want, ns[i], &et, 0, et.nr);
		ctok_list_release(&et);
		add_token_text(&got, text->buf, tt, s->open + 1, commas[0]);
		ok = !strcmp(want.buf, got.buf);
		from = tt->v[s->open + 1].off;
		to = tt->v[commas[0] - 1].off + tt->v[commas[0] - 1].len;
		if (!ok)
			break;
		if (!n++)
			strbuf_addbuf(norm, text);
		strbuf_splice(norm, from, to - from, rule->new_arg,
			      strlen(rule->new_arg));
	}
	strbuf_release(&want);
	strbuf_release(&got);
	return ok ? n : -1;
}

/*
 * The original with the lines of the sites marked 1 taken from the
 * converted text (mark: per site of fr->sites; -1 not converted, 0
 * converted but to stay, 1 to take).  NULL, or why it cannot be done.
 */
static const char *pick_sites(struct strbuf *text, const struct cocci *rule,
			      const struct file_result *fr, const int *mark,
			      const char *const *ns, size_t nr_keep)
{
	struct ctok_list tb = { 0 }, ta = { 0 }, tt = { 0 };
	struct site_list ts = { 0 }, tns = { 0 };
	struct ctok_list tn = { 0 };
	struct strbuf norm = STRBUF_INIT;
	struct lines lb, la;
	struct block *bl = NULL;
	size_t i, n = 0, alloc = 0, got = 0;
	unsigned bcur = 1, acur = 1;
	const char *why = NULL;
	char *bad;
	int undone;

	if (fr->sites.nr != fr->after_sites.nr)
		return "the conversion changed the number of sites";
	ctok_scan(fr->before.buf, fr->before.len, &tb);
	ctok_scan(fr->after.buf, fr->after.len, &ta);
	split_lines(&fr->before, &lb);
	split_lines(&fr->after, &la);
	for (i = 0; i < fr->sites.nr && !why; i++) {
		const struct site *sb = &fr->sites.v[i];
		const struct site *sa = &fr->after_sites.v[i];
		struct block b;

		if (mark[i] < 0)
			continue;
		if (sb->kind != SITE_CALL) {
			why = "it also holds a converted declaration or "
			      "definition that is not a finding";
			break;
		}
		b.b1 = sb->line;
		b.b2 = close_line(&tb, sb);
		b.a1 = sa->line;
		b.a2 = close_line(&ta, sa);
		b.keep = mark[i];
		if (n && b.b1 <= bl[n - 1].b2) {
			if (b.keep != bl[n - 1].keep) {
				why = "a finding shares a line with a call "
				      "that is not one";
				break;
			}
			if (b.b2 > bl[n - 1].b2)
				bl[n - 1].b2 = b.b2;
			if (b.a2 > bl[n - 1].a2)
				bl[n - 1].a2 = b.a2;
			continue;
		}
		ALLOC_GROW(bl, n + 1, alloc);
		bl[n++] = b;
	}
	for (i = 0; i < n && !why; i++) {
		if (bl[i].b1 < bcur || bl[i].a1 < acur ||
		    bl[i].b1 - bcur != bl[i].a1 - acur) {
			why = "the lines between its sites moved";
			break;
		}
		add_lines(text, &fr->before, &lb, bcur, bl[i].b1 - 1);
		if (bl[i].keep)
			add_lines(text, &fr->after, &la, bl[i].a1, bl[i].a2);
		else
			add_lines(text, &fr->before, &lb, bl[i].b1, bl[i].b2);
		bcur = bl[i].b2 + 1;
		acur = bl[i].a2 + 1;
	}
	if (!why)
		add_lines(text, &fr->before, &lb, bcur, (unsigned)lb.nr);
	free(bl);
	free(lb.off);
	free(la.off);
	ctok_list_release(&tb);
	ctok_list_release(&ta);
	if (why)
		return why;
	/* The same judge as convert's, and exactly the sites wanted. */
	ctok_scan(text->buf, text->len, &tt);
	sites_find(text->buf, &tt, rule->ident, &ts);
	if (ts.nr != fr->sites.nr) {
		why = "picking its sites changed their number";
		goto out;
	}
	/*
	 * With --net=infer the calls pass what the run chose: the judge
	 * sees them with the rule's argument, once each is shown to be
	 * exactly that choice.
	 */
	undone = undo_inferred(&norm, rule, text, &tt, &ts, mark, ns);
	if (undone < 0) {
		why = "picking its sites lost a namespace --net=infer chose";
		goto out;
	}
	if (undone) {
		ctok_scan(norm.buf, norm.len, &tn);
		sites_find(norm.buf, &tn, rule->ident, &tns);
		bad = verify_result(rule, &fr->before, &fr->sites, &norm, &tns);
	} else {
		bad = verify_result(rule, &fr->before, &fr->sites, text, &ts);
	}
	if (bad) {
		free(bad);
		why = "picking its sites did not verify";
	} else {
		for (i = 0; i < ts.nr; i++) {
			int changed = ts.v[i].nargs != fr->sites.v[i].nargs;

			if (changed != (mark[i] == 1)) {
				why = "picking its sites converted another "
				      "set";
				break;
			}
			got += changed;
		}
		if (!why && got != nr_keep)
			why = "picking its sites converted another set";
	}
out:
	strbuf_release(&norm);
	site_list_release(&tns);
	ctok_list_release(&tn);
	site_list_release(&ts);
	ctok_list_release(&tt);
	return why;
}

static size_t site_index(const struct site_list *sl, const struct occurrence *o)
{
	size_t i;

	for (i = 0; i < sl->nr; i++)
		if (sl->v[i].line == o->line && sl->v[i].col == o->col)
			return i;
	return sl->nr;
}

static void name_commit(struct strbuf *sb, const struct finding *fd)
{
	if (!fd->commit)
		strbuf_addstr(sb, "pre-existing (at the base of the series)");
	else if (fd->commit->short_id[0])
		strbuf_addf(sb, "commit %s (\"%s\")", fd->commit->short_id,
			    fd->commit->subject);
	else
		strbuf_addf(sb, "patch %u (\"%s\")", fd->commit->index,
			    fd->commit->subject);
}

struct ctx {
	const struct findings *f;
	const struct run_result *res;
	struct strbuf *left, *list, *diff;
	struct fixup_result *r;
};

/* The findings at HEAD in one file; want[i]: converted by the patch. */
static void fix_file(struct ctx *c, const struct series_final *fin)
{
	const struct run_result *res = c->res;
	const struct scan_file *sf = &res->scan->v[fin->file];
	const struct file_result *fr = result_of(res, sf);
	const struct occurrence **occ;
	struct strbuf text = STRBUF_INIT;
	const char *why = NULL;
	int *mark = NULL;
	const char **ns = NULL;
	size_t i, j, nr_want = 0, nr_rewritten = 0, nr_keep = 0;
	char *want = xcalloc(c->f->nr ? c->f->nr : 1, 1);

	occ = xcalloc(c->f->nr ? c->f->nr : 1,
		      sizeof(const struct occurrence *));
	for (i = 0; i < c->f->nr; i++) {
		const struct finding *fd = &c->f->v[i];
		const struct occurrence *o;

		if (!fd->head_file || strcmp(fd->head_file, fin->path))
			continue;
		o = occurrence_at(res, sf, fd->head_line, fd->col);
		occ[i] = o;
		if (!o)
			strbuf_addf(c->left, "%s:%u: not found at HEAD\n",
				    fin->path, fd->head_line);
		else if (o->bucket == BUCKET_MANUAL || !o->rewritten)
			strbuf_addf(c->left, "%s:%u: %s\n", fin->path,
				    fd->head_line, fd->message);
		else {
			want[i] = 1;
			nr_want++;
		}
	}
	if (!nr_want)
		goto out;
	if (!fr || !fr->changed || fr->failure) {
		why = fr && fr->failure ? fr->failure :
					  "its conversion was not accepted";
		goto refuse;
	}
	for (i = 0; i < res->ledger.nr; i++)
		if (res->ledger.v[i].path == sf->rel &&
		    res->ledger.v[i].rewritten)
			nr_rewritten++;
	mark = xcalloc(fr->sites.nr ? fr->sites.nr : 1, sizeof(*mark));
	ns = xcalloc(fr->sites.nr ? fr->sites.nr : 1, sizeof(*ns));
	for (i = 0; i < fr->sites.nr; i++)
		mark[i] = -1;
	for (i = 0; i < res->ledger.nr && !why; i++) {
		const struct occurrence *o = &res->ledger.v[i];
		size_t k;

		if (o->path != sf->rel || !o->rewritten)
			continue;
		k = site_index(&fr->sites, o);
		if (k == fr->sites.nr) {
			why = "a converted occurrence is not a site";
			break;
		}
		mark[k] = 0;
		/* --net=infer: what the call passes instead of the rule's. */
		if (o->ns && o->ns->expr &&
		    strcmp(o->ns->expr, res->rule->new_arg))
			ns[k] = o->ns->expr;
		for (j = 0; j < c->f->nr; j++)
			if (want[j] && occ[j] == o)
				mark[k] = 1;
		nr_keep += mark[k] == 1;
	}
	if (why)
		goto refuse;
	if (nr_keep == nr_rewritten)
		strbuf_add(&text, fr->after.buf, fr->after.len);
	else
		why = pick_sites(&text, res->rule, fr, mark, ns, nr_keep);
	if (why)
		goto refuse;
	diff_unified(c->diff, fin->path, fr->before.buf, fr->before.len,
		     text.buf, text.len);
	c->r->files++;
	c->r->converted += nr_keep;
	for (i = 0; i < c->f->nr; i++) {
		if (!want[i])
			continue;
		strbuf_addf(c->list, "  %s:%u: ", fin->path,
			    c->f->v[i].head_line);
		name_commit(c->list, &c->f->v[i]);
		strbuf_addch(c->list, '\n');
		if (c->f->v[i].hint)
			strbuf_addf(c->list, "      hint: %s\n",
				    c->f->v[i].hint);
	}
	goto out;
refuse:
	for (i = 0; i < c->f->nr; i++)
		if (want[i])
			strbuf_addf(c->left,
				    "%s:%u: not converted: %s (convert the "
				    "file with \"coccidrive convert\" and "
				    "review it)\n",
				    fin->path, c->f->v[i].head_line, why);
out:
	strbuf_release(&text);
	free(mark);
	free(ns);
	free(occ);
	free(want);
}

static void add_date(struct strbuf *sb, time_t t)
{
	static const char *const day[] = { "Sun", "Mon", "Tue", "Wed",
					   "Thu", "Fri", "Sat" };
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr",
					   "May", "Jun", "Jul", "Aug",
					   "Sep", "Oct", "Nov", "Dec" };
	struct tm tm;

	gmtime_r(&t, &tm);
	strbuf_addf(sb, "Date: %s, %d %s %d %02d:%02d:%02d +0000\n",
		    day[tm.tm_wday], tm.tm_mday, mon[tm.tm_mon],
		    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* "struct net" of "struct net *net": what the new parameter is. */
static void add_subject(struct strbuf *sb, const struct cocci *rule)
{
	const char *p = rule->new_param;
	size_t n = 0;

	strbuf_addstr(sb, "Subject: [PATCH] treewide: ");
	if (p)
		for (n = strcspn(p, "*"); n && p[n - 1] == ' '; n--)
			;
	if (n)
		strbuf_addf(sb, "pass a %.*s to %s()\n", (int)n, p,
			    rule->ident);
	else
		strbuf_addf(sb, "convert %s() to its new form\n", rule->ident);
}

void fixup_patch(struct strbuf *out, struct strbuf *left,
		 struct fixup_result *r, const struct findings *f,
		 const struct series *s, const struct run_result *res,
		 time_t date)
{
	struct strbuf list = STRBUF_INIT, diff = STRBUF_INIT;
	struct ctx c = { f, res, left, &list, &diff, r };
	size_t i;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < s->nr_finals; i++)
		fix_file(&c, &s->finals[i]);
	for (i = 0; i < left->len; i++)
		r->left += left->buf[i] == '\n';
	if (r->converted) {
		strbuf_addstr(out,
			      "From 0000000000000000000000000000000000000000"
			      " Mon Sep 17 00:00:00 2001\n"
			      "From: coccidrive <coccidrive@localhost>\n");
		add_date(out, date);
		add_subject(out, res->rule);
		strbuf_addf(out,
			    "\nConvert the old-form %s() calls that the series "
			    "%s\nleaves at its head, as \"coccidrive check "
			    "--fix\" found them:\n\n%s",
			    res->rule->ident, f->source, list.buf);
		if (res->rule->new_arg && res->net_infer)
			strbuf_addf(
				out,
				"\nEach converted call passes the namespace "
				"named above (--net=infer:\nthe one it has "
				"at hand, its rank and why), or %s where "
				"it has\nnone, which keeps the old "
				"behaviour: review before merging.\n",
				res->rule->new_arg);
		else if (res->rule->new_arg)
			strbuf_addf(out,
				    "\nEach converted call passes %s, which "
				    "keeps the old behaviour (the\ninitial "
				    "network namespace); where the caller has "
				    "a namespace of its\nown (a hint above), "
				    "pass that one instead: review before "
				    "merging.\n",
				    res->rule->new_arg);
		if (left->len) {
			strbuf_addstr(out, "\nNot converted, needs a human:\n");
			for (i = 0; i < left->len; i++) {
				if (!i || left->buf[i - 1] == '\n')
					strbuf_addstr(out, "  ");
				strbuf_addch(out, left->buf[i]);
			}
		}
		strbuf_addf(out, "---\n\n%s-- \ncoccidrive %s\n\n", diff.buf,
			    COCCIDRIVE_VERSION);
	}
	strbuf_release(&list);
	strbuf_release(&diff);
}
