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

static struct occurrence *record(struct ledger *l, const struct cocci *rule,
				 const char *path, const struct site *s,
				 enum bucket b, char *detail)
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
	o->function = o->outcome = NULL;
	o->follow_up = NULL;
	o->ns = NULL;
	/*
	 * The point of the new parameter: a caller that has a namespace at
	 * hand should pass it, not &init_net.  (A backport takes it away;
	 * without a rule, the clean-up's and unreadable files, no hint.)
	 */
	o->hint =
		s->kind == SITE_CALL && s->net_param[0] && rule &&
				!rule->drop_first_arg &&
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

/* The text of tokens [first, last] of text, blanks in it made one. */
static void add_tokens(struct strbuf *sb, const char *text,
		       const struct ctok_list *toks, size_t first, size_t last)
{
	size_t i;

	for (i = first; i <= last; i++) {
		if (i > first &&
		    toks->v[i].off > toks->v[i - 1].off + toks->v[i - 1].len)
			strbuf_addch(sb, ' ');
		strbuf_add(sb, text + toks->v[i].off, toks->v[i].len);
	}
}

/*
 * The socket a call creates, from its last argument (a struct socket
 * **): "&sock" is sock, "&ln->sock" ln->sock, anything else E is (*E).
 */
static void add_socket(struct strbuf *sb, const char *text,
		       const struct ctok_list *toks, size_t first, size_t last)
{
	if (first < last && ctok_is(text, &toks->v[first], "&")) {
		add_tokens(sb, text, toks, first + 1, last);
		return;
	}
	strbuf_addstr(sb, "(*");
	add_tokens(sb, text, toks, first, last);
	strbuf_addch(sb, ')');
}

/*
 * A backport took the call's first argument away.  If it was not the
 * rule's drop-default (&init_net), the socket now lives in init_net
 * instead of the namespace the call passed: say what the old API did
 * instead, spelled with this call's socket and namespace (SOCK where
 * the socket cannot be told: a call whose ')' only its #if branch
 * finds).  NULL when nothing is lost.
 */
static char *backport_follow_up(const struct cocci *rule,
				const struct file_outcome *fo,
				const struct ctok_list *toks,
				const struct site *s)
{
	struct strbuf net = STRBUF_INIT, sock = STRBUF_INIT;
	size_t commas[8], comma;
	char *what = NULL;
	int n;

	if (!rule->drop_first_arg || !fo->text)
		return NULL;
	if (form_first_comma(fo->text, toks, s, &comma))
		add_tokens(&net, fo->text, toks, s->open + 1, comma - 1);
	if (net.len &&
	    (!rule->drop_default || strcmp(net.buf, rule->drop_default))) {
		n = s->close < toks->nr ?
			    ctok_args(fo->text, toks, s->open, commas, 8) :
			    -1;
		if (n >= 2 && n <= 8)
			add_socket(&sock, fo->text, toks, commas[n - 2] + 1,
				   s->close - 1);
		else
			strbuf_addstr(&sock, "SOCK");
		what = xstrfmt("it passed %s, and before Linux 4.2 a kernel "
			       "socket is created in init_net: add "
			       "'sk_change_net(%s->sk, %s);' after the call, "
			       "and release it with "
			       "'sk_release_kernel(%s->sk)' instead of "
			       "sock_release()",
			       net.buf, sock.buf, net.buf, sock.buf);
	}
	strbuf_release(&net);
	strbuf_release(&sock);
	return what;
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

/* toks: the original's tokens for a backport's follow-up, else empty. */
static void add_site(struct ledger *l, const struct cocci *rule,
		     const struct file_outcome *fo,
		     const struct ctok_list *toks, const struct site *s,
		     const struct site *after)
{
	const char *path = fo->path;
	struct occurrence *o;

	if (s->kind == SITE_PASTE && s->paste_unsupplied) {
		uncounted(l, rule, path, s);
		return;
	}
	/* The driver's own view says no rule can convert it: say why. */
	if (s->manual[0]) {
		record(l, rule, path, s, BUCKET_MANUAL,
		       s->paste_used[0] ?
			       xstrfmt("%s (the macro is used at %s)",
				       s->manual, s->paste_used) :
			       xstrdup(s->manual));
		return;
	}
	switch (s->kind) {
	case SITE_CALL:
		if (form_is_new(rule, s))
			record(l, rule, path, s, BUCKET_ALREADY, NULL);
		else if (!form_is_old(rule, s))
			record(l, rule, path, s, BUCKET_MANUAL,
			       xstrfmt("called with %d arguments, expected %d "
				       "(old) or %d (converted)",
				       s->nargs, rule->old_arity,
				       rule->new_arity));
		else if (after && form_converted(rule, s, after)) {
			o = record(l, rule, path, s, BUCKET_CONVERTED,
				   helped(fo, s));
			o->rewritten = 1;
			o->follow_up = backport_follow_up(rule, fo, toks, s);
		} else
			record(l, rule, path, s, BUCKET_MANUAL,
			       why_unconverted(s, fo));
		return;
	case SITE_DECL:
	case SITE_DEF:
		if (form_is_new(rule, s))
			record(l, rule, path, s, BUCKET_DECL,
			       xstrfmt("%s already converted",
				       site_kind_name(s->kind)));
		else if (after && form_converted(rule, s, after))
			record(l, rule, path, s, BUCKET_DECL,
			       xstrfmt("%s converted", site_kind_name(s->kind)))
				->rewritten = 1;
		else if (form_is_old(rule, s)) {
			char *why = why_unconverted(s, fo);

			record(l, rule, path, s, BUCKET_MANUAL,
			       xstrfmt("%s not converted: %s",
				       site_kind_name(s->kind), why));
			free(why);
		} else
			record(l, rule, path, s, BUCKET_MANUAL,
			       xstrfmt("%s with %d parameters, expected %d or %d",
				       site_kind_name(s->kind), s->nargs,
				       rule->old_arity, rule->new_arity));
		return;
	case SITE_EXPORT:
		record(l, rule, path, s, BUCKET_DECL,
		       xstrfmt("exported symbol"));
		return;
	case SITE_MEMBER:
		record(l, rule, path, s, BUCKET_MANUAL,
		       xstrfmt("a struct member of the same name: check whether "
			       "it must follow the new signature"));
		return;
	case SITE_POINTER:
		record(l, rule, path, s, BUCKET_MANUAL,
		       xstrfmt("a function pointer declared under this name: "
			       "its type may need the struct net * %s",
			       rule->drop_first_arg ? "out as well" : "too"));
		return;
	case SITE_VALUE:
		record(l, rule, path, s, BUCKET_MANUAL,
		       xstrfmt("used as a value (function pointer or alias): "
			       "its callers must %s a struct net * too",
			       rule->drop_first_arg ? "stop passing" : "pass"));
		return;
	case SITE_MACRO: /* these always carry their reason */
	case SITE_PASTE:
		record(l, rule, path, s, BUCKET_MANUAL,
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
	struct ctok_list toks = { 0 };
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
			record(l, rule, fo->path, &b->v[i], BUCKET_MANUAL,
			       xstrfmt("spatch's result has %zu occurrences "
				       "where the file has %zu: result refused",
				       a->nr, b->nr));
		return 0;
	}
	/* A backport's follow-ups read the original: tokenized once. */
	if (rule->drop_first_arg && fo->text)
		ctok_scan(fo->text, fo->text_len, &toks);
	for (i = 0; i < b->nr; i++) {
		const struct site *after = a ? &a->v[i] : NULL;

		if (after && after->kind != b->v[i].kind) {
			record(l, rule, fo->path, &b->v[i], BUCKET_MANUAL,
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
			record(l, rule, fo->path, &b->v[i], BUCKET_MANUAL,
			       xstrfmt("%s; spatch changed it: result refused",
				       b->v[i].manual));
			trusted = 0;
			continue;
		}
		add_site(l, rule, fo, &toks, &b->v[i], after);
		if (fo->ns && fo->ns[i].expr && l->nr &&
		    l->v[l->nr - 1].bucket == BUCKET_CONVERTED &&
		    l->v[l->nr - 1].line == b->v[i].line &&
		    l->v[l->nr - 1].col == b->v[i].col)
			take_choice(&l->v[l->nr - 1], &fo->ns[i]);
	}
	ctok_list_release(&toks);
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
	record(l, NULL, path, &s, BUCKET_MANUAL, xstrdup(why));
}

void ledger_add_cleanup(struct ledger *l, const char *path,
			const struct site *s, const char *function,
			const char *outcome, char *detail)
{
	int left = !strcmp(outcome, "left");
	struct occurrence *o = record(l, NULL, path, s,
				      left ? BUCKET_MANUAL : BUCKET_CONVERTED,
				      detail);

	o->function = function;
	o->outcome = outcome;
	o->rewritten = !left;
	l->folded += !strcmp(outcome, "folded");
	l->released += !strcmp(outcome, "released");
}

void ledger_release(struct ledger *l)
{
	size_t i;

	for (i = 0; i < l->nr; i++) {
		free(l->v[i].detail);
		free(l->v[i].hint);
		free(l->v[i].follow_up);
		ns_choice_release(l->v[i].ns);
		free(l->v[i].ns);
	}
	for (i = 0; i < l->nr_uncounted; i++)
		free(l->uncounted[i].detail);
	free(l->v);
	free(l->uncounted);
	memset(l, 0, sizeof(*l));
}

int ledger_has_follow_up(const struct occurrence *o)
{
	return o->bucket == BUCKET_CONVERTED && o->follow_up;
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
	/* The clean-up's details are in its report and --report. */
	return o->bucket == BUCKET_CONVERTED && o->detail && !o->function;
}

/* ledger_message() for a rule that drops the first argument. */
static void backport_message(struct strbuf *sb, const struct cocci *rule,
			     const struct occurrence *o, int check)
{
	switch (o->bucket) {
	case BUCKET_CONVERTED:
		strbuf_addf(sb, "%s() called with %d arguments; %s",
			    rule->ident, o->nargs,
			    check ? "convert would take the first one out" :
				    "converted: took the first one out");
		return;
	case BUCKET_ALREADY:
		strbuf_addf(sb,
			    "%s() called with %d arguments: already in the "
			    "form this rule makes",
			    rule->ident, o->nargs);
		return;
	case BUCKET_DECL: /* rewritten: ledger_message() took the rest */
		strbuf_addf(sb, "%s with '%s'; %s", site_kind_name(o->kind),
			    rule->drop_param ? rule->drop_param :
					       "a first parameter",
			    check ? "convert would take it out" :
				    "converted: took it out");
		return;
	case BUCKET_MANUAL:
	case BUCKET_NR:
		break;
	}
}

void ledger_message(struct strbuf *sb, const struct cocci *rule,
		    const struct occurrence *o, int check)
{
	if (o->function) {
		strbuf_addf(sb, "%s(): %s%s", o->function,
			    o->bucket == BUCKET_MANUAL ? "needs manual work: " :
			    check ? "convert would fold it: " :
				    "",
			    o->detail);
		return;
	}
	/* Worded alike whichever way the rule converts. */
	if (o->bucket == BUCKET_MANUAL) {
		strbuf_addf(sb, "needs manual work: %s", o->detail);
		return;
	}
	if (o->bucket == BUCKET_DECL && !o->rewritten) {
		strbuf_addstr(sb,
			      o->detail ? o->detail : site_kind_name(o->kind));
		return;
	}
	if (rule->drop_first_arg) {
		backport_message(sb, rule, o, check);
		return;
	}
	switch (o->bucket) {
	case BUCKET_CONVERTED:
		strbuf_addf(sb,
			    "%s() called with %d arguments, without a struct "
			    "net *; ",
			    rule->ident, o->nargs);
		/* --net=infer: what the call passes instead (infer.h). */
		if (rule->new_arg && o->ns && o->ns->expr)
			strbuf_addf(sb, "%s %s",
				    check ? "convert --net=infer would add" :
					    "converted: added",
				    o->ns->expr);
		else if (rule->new_arg)
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
	case BUCKET_DECL: /* rewritten: the others are worded above */
		strbuf_addf(sb, "%s without a struct net * parameter; %s",
			    site_kind_name(o->kind),
			    check ? "convert would add it" :
				    "converted: added it");
		return;
	case BUCKET_MANUAL:
	case BUCKET_NR:
		break;
	}
}
