// SPDX-License-Identifier: GPL-2.0-only
#include "ledger.h"

#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "strbuf.h"
#include "util.h"

const char *bucket_name(enum bucket b)
{
	switch (b) {
	case BUCKET_CONVERTED:
		return "converted";
	case BUCKET_ALREADY:
		return "already converted";
	case BUCKET_DECL:
		return "declaration";
	case BUCKET_MANUAL:
		return "manual";
	case BUCKET_NR:
		break;
	}
	return "?";
}

const char *bucket_key(enum bucket b)
{
	return b == BUCKET_ALREADY ? "already_converted" : bucket_name(b);
}

static struct occurrence *record(struct ledger *l, const char *path,
				 const struct site *s, enum bucket b,
				 char *detail)
{
	struct occurrence *o;

	ALLOC_GROW(l->v, l->nr + 1, l->alloc);
	o = &l->v[l->nr++];
	o->path = path;
	o->line = s->line;
	o->col = s->col;
	o->kind = s->kind;
	o->nargs = s->nargs;
	o->bucket = b;
	o->detail = detail;
	o->rewritten = 0;
	o->ns = NULL;
	/*
	 * The point of the new parameter: a caller that has a namespace at
	 * hand should pass it, not &init_net.
	 */
	o->hint =
		s->kind == SITE_CALL && s->net_param[0] &&
				(b == BUCKET_CONVERTED || b == BUCKET_MANUAL) ?
			xstrfmt("%s() has 'struct net *%s': pass %s instead of "
				"&init_net?",
				s->func, s->net_param, s->net_param) :
			NULL;
	l->count[b]++;
	return o;
}

/* A converted site that spatch did not convert the first time says how. */
static char *helped(const struct file_outcome *fo, const struct site *s)
{
	size_t i = (size_t)(s - fo->before->v);
	const char *base;

	if (fo->fallback && fo->fallback[i])
		return xstrfmt(
			"converted by fallback, review: spatch could not "
			"match it, the text was changed by hand");
	if (!fo->first || fo->first[i])
		return NULL;
	base = strrchr(fo->macro_file, '/');
	return xstrfmt("spatch parsed it only with the macro file %s",
		       base ? base + 1 : fo->macro_file);
}

/* Why spatch left an old-form call alone: the most specific cause first. */
static char *why_unconverted(const struct site *s,
			     const struct file_outcome *fo)
{
	const struct parse_errors *pe = fo->perr;
	size_t i;

	if (s->flags & CTOK_IN_IF0)
		return xstrfmt(
			"inside #if 0: spatch does not look at dead code");
	if (fo->failure)
		return xstrfmt("%s", fo->failure);
	for (i = 0; pe && i < pe->nr; i++)
		if (s->func[0] && pe->v[i].line >= s->func_first &&
		    (!s->func_last || pe->v[i].line <= s->func_last))
			return xstrfmt("function %s() did not parse (spatch: "
				       "parse error at line %u near '%s'%s)",
				       s->func, pe->v[i].line, pe->v[i].around,
				       fo->retried ?
					       ", also with the macro file" :
					       "");
	if (s->flags & CTOK_IN_DEFINE)
		return xstrfmt("inside a macro definition spatch could not "
			       "match as code");
	if (pe && pe->nr)
		return xstrfmt("not matched; spatch could not parse line %u of "
			       "this file (near '%s')",
			       pe->v[0].line, pe->v[0].around);
	return xstrfmt("spatch did not match this call");
}

/* A ## chain that nothing in the scanned files can make spell the name. */
static void uncounted(struct ledger *l, const struct cocci *rule,
		      const char *path, const struct site *s)
{
	struct occurrence *o;

	ALLOC_GROW(l->uncounted, l->nr_uncounted + 1, l->alloc_uncounted);
	o = &l->uncounted[l->nr_uncounted++];
	memset(o, 0, sizeof(*o));
	o->path = path;
	o->line = s->line;
	o->col = s->col;
	o->kind = s->kind;
	o->nargs = -1;
	o->bucket = BUCKET_MANUAL;
	o->detail = xstrfmt("could paste %s, but no use of %s() in the scanned "
			    "files passes '%s' there: not counted",
			    rule->ident, s->paste_macro, s->paste_need);
}

static void add_site(struct ledger *l, const struct cocci *rule,
		     const struct file_outcome *fo, const struct site *s,
		     const struct site *after)
{
	const char *path = fo->path;

	if (s->kind == SITE_PASTE && s->paste_unsupplied) {
		uncounted(l, rule, path, s);
		return;
	}
	/* The driver's own view says no rule can convert it: say why. */
	if (s->manual[0]) {
		record(l, path, s, BUCKET_MANUAL,
		       s->paste_used[0] ?
			       xstrfmt("%s (the macro is used at %s)",
				       s->manual, s->paste_used) :
			       xstrdup(s->manual));
		return;
	}
	switch (s->kind) {
	case SITE_CALL:
		if (form_is_new(rule, s))
			record(l, path, s, BUCKET_ALREADY, NULL);
		else if (!form_is_old(rule, s))
			record(l, path, s, BUCKET_MANUAL,
			       xstrfmt("called with %d arguments, expected %d "
				       "(old) or %d (converted)",
				       s->nargs, rule->old_arity,
				       rule->new_arity));
		else if (after && form_converted(rule, s, after))
			record(l, path, s, BUCKET_CONVERTED, helped(fo, s))
				->rewritten = 1;
		else
			record(l, path, s, BUCKET_MANUAL,
			       why_unconverted(s, fo));
		return;
	case SITE_DECL:
	case SITE_DEF:
		if (form_is_new(rule, s))
			record(l, path, s, BUCKET_DECL,
			       xstrfmt("%s already converted",
				       site_kind_name(s->kind)));
		else if (after && form_converted(rule, s, after))
			record(l, path, s, BUCKET_DECL,
			       xstrfmt("%s converted", site_kind_name(s->kind)))
				->rewritten = 1;
		else if (form_is_old(rule, s)) {
			char *why = why_unconverted(s, fo);

			record(l, path, s, BUCKET_MANUAL,
			       xstrfmt("%s not converted: %s",
				       site_kind_name(s->kind), why));
			free(why);
		} else
			record(l, path, s, BUCKET_MANUAL,
			       xstrfmt("%s with %d parameters, expected %d or %d",
				       site_kind_name(s->kind), s->nargs,
				       rule->old_arity, rule->new_arity));
		return;
	case SITE_EXPORT:
		record(l, path, s, BUCKET_DECL, xstrfmt("exported symbol"));
		return;
	case SITE_MEMBER:
		record(l, path, s, BUCKET_MANUAL,
		       xstrfmt("a struct member of the same name: check whether "
			       "it must follow the new signature"));
		return;
	case SITE_POINTER:
		record(l, path, s, BUCKET_MANUAL,
		       xstrfmt("a function pointer declared under this name: "
			       "its type may need the struct net * too"));
		return;
	case SITE_VALUE:
		record(l, path, s, BUCKET_MANUAL,
		       xstrfmt("used as a value (function pointer or alias): "
			       "its callers must pass a struct net * too"));
		return;
	case SITE_MACRO: /* these always carry their reason */
	case SITE_PASTE:
		record(l, path, s, BUCKET_MANUAL,
		       xstrfmt("a macro: check it by hand"));
		return;
	}
}

void ns_choice_release(struct ns_choice *c)
{
	size_t i;

	if (!c)
		return;
	free(c->expr);
	free(c->evidence);
	for (i = 0; i < c->nr_candidates; i++)
		free(c->candidates[i]);
	free(c->candidates);
	free(c->reason);
	memset(c, 0, sizeof(*c));
}

void ns_choice_describe(struct strbuf *sb, const struct ns_choice *c)
{
	strbuf_addf(sb, "%s (rank %d: %s)", c->expr, c->rank,
		    c->rank == 5 && c->reason ? c->reason :
		    c->evidence		      ? c->evidence :
						"?");
}

/*
 * The namespace --net=infer chose moves into the occurrence; it says
 * more than the hint, which it replaces.
 */
static void take_choice(struct occurrence *o, struct ns_choice *c)
{
	o->ns = xmalloc(sizeof(*o->ns));
	*o->ns = *c;
	memset(c, 0, sizeof(*c));
	free(o->hint);
	o->hint = NULL;
}

int ledger_add(struct ledger *l, const struct cocci *rule,
	       const struct file_outcome *fo)
{
	const struct site_list *b = fo->before, *a = fo->after;
	size_t i;
	int trusted = 1;

	if (!b->nr)
		return 1;
	l->files_matched++;
	/*
	 * spatch only adds arguments: the i-th occurrence before is the
	 * i-th after.  Anything else is a result that cannot be trusted.
	 */
	if (a && a->nr != b->nr) {
		for (i = 0; i < b->nr; i++)
			record(l, fo->path, &b->v[i], BUCKET_MANUAL,
			       xstrfmt("spatch's result has %zu occurrences "
				       "where the file has %zu: result refused",
				       a->nr, b->nr));
		return 0;
	}
	for (i = 0; i < b->nr; i++) {
		const struct site *after = a ? &a->v[i] : NULL;

		if (after && after->kind != b->v[i].kind) {
			record(l, fo->path, &b->v[i], BUCKET_MANUAL,
			       xstrfmt("spatch turned a %s into a %s: result "
				       "refused",
				       site_kind_name(b->v[i].kind),
				       site_kind_name(after->kind)));
			trusted = 0;
			continue;
		}
		/*
		 * A site the driver leaves to a human must come out of spatch
		 * as it went in (the engine puts back what spatch changed
		 * there): else the patch would change what the account calls
		 * manual work.
		 */
		if (after && b->v[i].manual[0] &&
		    (after->nargs != b->v[i].nargs ||
		     strcmp(after->manual, b->v[i].manual))) {
			record(l, fo->path, &b->v[i], BUCKET_MANUAL,
			       xstrfmt("%s; spatch changed it: result refused",
				       b->v[i].manual));
			trusted = 0;
			continue;
		}
		add_site(l, rule, fo, &b->v[i], after);
		if (fo->ns && fo->ns[i].expr && l->nr &&
		    l->v[l->nr - 1].bucket == BUCKET_CONVERTED &&
		    l->v[l->nr - 1].line == b->v[i].line &&
		    l->v[l->nr - 1].col == b->v[i].col)
			take_choice(&l->v[l->nr - 1], &fo->ns[i]);
	}
	return trusted;
}

void ledger_add_unreadable(struct ledger *l, const char *path, unsigned line,
			   unsigned col, const char *why)
{
	struct site s = { 0 };

	s.kind = SITE_CALL;
	s.nargs = -1;
	s.line = line;
	s.col = col;
	record(l, path, &s, BUCKET_MANUAL, xstrdup(why));
}

void ledger_release(struct ledger *l)
{
	size_t i;

	for (i = 0; i < l->nr; i++) {
		free(l->v[i].detail);
		free(l->v[i].hint);
		ns_choice_release(l->v[i].ns);
		free(l->v[i].ns);
	}
	for (i = 0; i < l->nr_uncounted; i++)
		free(l->uncounted[i].detail);
	free(l->v);
	free(l->uncounted);
	memset(l, 0, sizeof(*l));
}

int ledger_clean(const struct ledger *l)
{
	size_t i;

	for (i = 0; i < l->nr; i++)
		if (l->v[i].rewritten || l->v[i].bucket == BUCKET_MANUAL)
			return 0;
	return 1;
}

int ledger_is_item(const struct occurrence *o, int check)
{
	if (o->bucket == BUCKET_MANUAL)
		return 1;
	/* convert: the patch shows them; check: what is left to do. */
	return check && (o->bucket == BUCKET_CONVERTED ||
			 (o->bucket == BUCKET_DECL && o->rewritten));
}

int ledger_has_note(const struct occurrence *o)
{
	return o->bucket == BUCKET_CONVERTED && o->detail;
}

void ledger_message(struct strbuf *sb, const struct cocci *rule,
		    const struct occurrence *o, int check)
{
	switch (o->bucket) {
	case BUCKET_CONVERTED:
		strbuf_addf(sb,
			    "%s() called with %d arguments, without a struct "
			    "net *; ",
			    rule->ident, o->nargs);
		if (rule->new_arg)
			strbuf_addf(sb, "%s %s",
				    check ? "convert would add" :
					    "converted: added",
				    rule->new_arg);
		else
			strbuf_addstr(sb, check ? "convert would add an "
						  "argument" :
						  "converted: added an "
						  "argument");
		return;
	case BUCKET_ALREADY:
		strbuf_addf(sb,
			    "%s() called with %d arguments: already "
			    "converted",
			    rule->ident, o->nargs);
		return;
	case BUCKET_DECL:
		if (o->rewritten)
			strbuf_addf(sb,
				    "%s without a struct net * parameter; %s",
				    site_kind_name(o->kind),
				    check ? "convert would add it" :
					    "converted: added it");
		else
			strbuf_addstr(sb, o->detail ? o->detail :
						      site_kind_name(o->kind));
		return;
	case BUCKET_MANUAL:
		strbuf_addf(sb, "needs manual work: %s", o->detail);
		return;
	case BUCKET_NR:
		break;
	}
}
