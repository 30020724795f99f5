// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for driver/ledger.c: every site lands in exactly one bucket,
 * with the reason when a human must look, from hand-built site lists
 * (what sites.c would find before and after spatch).
 */
#include "ledger.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cocci.h"
#include "ctoken.h"
#include "sites.h"
#include "spatch.h"
#include "strbuf.h"
#include "unit.h"
#include "util.h"

#define OLD 4
#define NEW 5

/* ---- helpers */

static struct cocci rule = {
	.ident = "sock_create_kern",
	.old_arity = OLD,
	.new_arity = NEW,
};

static struct site mk(enum site_kind kind, int nargs, unsigned line)
{
	struct site s;

	memset(&s, 0, sizeof(s));
	s.kind = kind;
	s.nargs = nargs;
	s.line = line;
	s.col = 2;
	return s;
}

static struct site in_func(struct site s, const char *func, unsigned first,
			   unsigned last)
{
	snprintf(s.func, sizeof(s.func), "%s", func);
	s.func_first = first;
	s.func_last = last;
	return s;
}

static struct site flagged(struct site s, unsigned flags)
{
	s.flags = flags;
	return s;
}

static struct site_list list_of(struct site *v, size_t nr)
{
	struct site_list l = { v, nr, nr };

	return l;
}

/* One site before, one after: the single occurrence's record. */
static const struct occurrence *one(struct ledger *l, struct site before,
				    const struct site *after,
				    const struct parse_errors *pe,
				    const char *failure)
{
	struct site_list b = list_of(&before, 1), a = { 0 };
	struct file_outcome fo = {
		.path = "net/x.c",
		.before = &b,
		.perr = pe,
		.failure = failure,
	};

	if (after) {
		a = list_of((struct site *)after, 1);
		fo.after = &a;
	}
	memset(l, 0, sizeof(*l));
	EXPECT(ledger_add(l, &rule, &fo) == 1);
	EXPECT(l->nr == 1);
	EXPECT(l->files_matched == 1);
	return l->nr ? &l->v[0] : NULL;
}

static void expect_occ(const struct occurrence *o, enum bucket b, int rewritten,
		       const char *detail)
{
	EXPECT(o != NULL);
	if (!o)
		return;
	EXPECT(o->bucket == b);
	EXPECT(o->rewritten == rewritten);
	if (detail)
		EXPECT_STR(o->detail, detail);
	else
		EXPECT(o->detail == NULL);
}

static void add_error(struct parse_errors *pe, unsigned line,
		      const char *around)
{
	ALLOC_GROW(pe->v, pe->nr + 1, pe->alloc);
	memset(&pe->v[pe->nr], 0, sizeof(pe->v[pe->nr]));
	pe->v[pe->nr].line = line;
	snprintf(pe->v[pe->nr].around, sizeof(pe->v[pe->nr].around), "%s",
		 around);
	pe->nr++;
}

/* ---- calls */

static void test_converted(void)
{
	struct ledger l;
	struct site after = mk(SITE_CALL, NEW, 10);
	const struct occurrence *o =
		one(&l, mk(SITE_CALL, OLD, 10), &after, NULL, NULL);

	expect_occ(o, BUCKET_CONVERTED, 1, NULL);
	EXPECT(o && o->line == 10 && o->col == 2 && o->kind == SITE_CALL);
	EXPECT(o && o->nargs == OLD);
	EXPECT(o && !strcmp(o->path, "net/x.c"));
	EXPECT(l.count[BUCKET_CONVERTED] == 1 && l.count[BUCKET_MANUAL] == 0);
	EXPECT(!ledger_clean(&l));
	ledger_release(&l);
	EXPECT(l.nr == 0 && l.v == NULL && l.count[BUCKET_CONVERTED] == 0);
}

static void test_already(void)
{
	struct ledger l;
	struct site after = mk(SITE_CALL, NEW, 3);

	expect_occ(one(&l, mk(SITE_CALL, NEW, 3), &after, NULL, NULL),
		   BUCKET_ALREADY, 0, NULL);
	EXPECT(l.count[BUCKET_ALREADY] == 1);
	EXPECT(ledger_clean(&l));
	ledger_release(&l);
	/* Also when there is no result at all. */
	expect_occ(one(&l, mk(SITE_CALL, NEW, 3), NULL, NULL, NULL),
		   BUCKET_ALREADY, 0, NULL);
	EXPECT(ledger_clean(&l));
	ledger_release(&l);
}

static void test_wrong_arity(void)
{
	struct ledger l;
	struct site after = mk(SITE_CALL, 3, 3);

	expect_occ(one(&l, mk(SITE_CALL, 3, 3), &after, NULL, NULL),
		   BUCKET_MANUAL, 0,
		   "called with 3 arguments, expected 4 (old) or 5 "
		   "(converted)");
	EXPECT(l.count[BUCKET_MANUAL] == 1);
	EXPECT(!ledger_clean(&l));
	ledger_release(&l);
	/* Unbalanced parentheses: nargs -1. */
	after = mk(SITE_CALL, -1, 3);
	expect_occ(one(&l, mk(SITE_CALL, -1, 3), &after, NULL, NULL),
		   BUCKET_MANUAL, 0,
		   "called with -1 arguments, expected 4 (old) or 5 "
		   "(converted)");
	ledger_release(&l);
}

static void test_not_matched(void)
{
	struct ledger l;
	struct site s = mk(SITE_CALL, OLD, 7), after = mk(SITE_CALL, OLD, 7);

	expect_occ(one(&l, s, &after, NULL, NULL), BUCKET_MANUAL, 0,
		   "spatch did not match this call");
	ledger_release(&l);
}

static void test_in_if0(void)
{
	struct ledger l;
	struct parse_errors pe = { 0 };
	struct site s =
		flagged(in_func(mk(SITE_CALL, OLD, 7), "f", 5, 9), CTOK_IN_IF0);

	/* The most specific cause first: #if 0 beats a parse error. */
	add_error(&pe, 6, "x");
	expect_occ(one(&l, s, &s, &pe, NULL), BUCKET_MANUAL, 0,
		   "inside #if 0: spatch does not look at dead code");
	ledger_release(&l);
	parse_errors_release(&pe);
}

static void test_parse_error_in_function(void)
{
	struct ledger l;
	struct parse_errors pe = { 0 };
	struct site s = in_func(mk(SITE_CALL, OLD, 20), "peer_connect", 15, 30);

	add_error(&pe, 3, "early"); /* outside the function */
	add_error(&pe, 25, "__rcu");
	expect_occ(one(&l, s, &s, &pe, NULL), BUCKET_MANUAL, 0,
		   "function peer_connect() did not parse (spatch: parse "
		   "error at line 25 near '__rcu')");
	ledger_release(&l);

	/* At the very first and last lines of the span too. */
	pe.nr = 0;
	add_error(&pe, 15, "a");
	expect_occ(one(&l, s, &s, &pe, NULL), BUCKET_MANUAL, 0,
		   "function peer_connect() did not parse (spatch: parse "
		   "error at line 15 near 'a')");
	ledger_release(&l);
	pe.nr = 0;
	add_error(&pe, 30, "b");
	expect_occ(one(&l, s, &s, &pe, NULL), BUCKET_MANUAL, 0,
		   "function peer_connect() did not parse (spatch: parse "
		   "error at line 30 near 'b')");
	ledger_release(&l);

	/* Unclosed function (func_last 0): any later line is in it. */
	pe.nr = 0;
	add_error(&pe, 900, "c");
	s.func_last = 0;
	expect_occ(one(&l, s, &s, &pe, NULL), BUCKET_MANUAL, 0,
		   "function peer_connect() did not parse (spatch: parse "
		   "error at line 900 near 'c')");
	ledger_release(&l);
	parse_errors_release(&pe);
}

static void test_parse_error_elsewhere(void)
{
	struct ledger l;
	struct parse_errors pe = { 0 };
	struct site s = in_func(mk(SITE_CALL, OLD, 20), "f", 15, 30);

	add_error(&pe, 14, "before");
	add_error(&pe, 31, "after");
	expect_occ(one(&l, s, &s, &pe, NULL), BUCKET_MANUAL, 0,
		   "not matched; spatch could not parse line 14 of this file "
		   "(near 'before')");
	ledger_release(&l);
	/* A site outside any function is never tied to a parse error. */
	s = mk(SITE_CALL, OLD, 20);
	expect_occ(one(&l, s, &s, &pe, NULL), BUCKET_MANUAL, 0,
		   "not matched; spatch could not parse line 14 of this file "
		   "(near 'before')");
	ledger_release(&l);
	parse_errors_release(&pe);
}

static void test_parse_error_retried(void)
{
	struct ledger l;
	struct parse_errors pe = { 0 };
	struct site s = in_func(mk(SITE_CALL, OLD, 20), "f", 15, 30);
	struct site_list b = list_of(&s, 1);
	struct file_outcome fo = {
		.path = "a.c",
		.before = &b,
		.after = &b,
		.perr = &pe,
		.retried = 1,
		.macro_file = "/x/macros.h",
	};

	add_error(&pe, 16, "y");
	memset(&l, 0, sizeof(l));
	EXPECT(ledger_add(&l, &rule, &fo) == 1);
	EXPECT(l.nr == 1);
	expect_occ(&l.v[0], BUCKET_MANUAL, 0,
		   "function f() did not parse (spatch: parse error at line 16 "
		   "near 'y', also with the macro file)");
	ledger_release(&l);
	parse_errors_release(&pe);
}

static void test_in_define(void)
{
	struct ledger l;
	struct parse_errors pe = { 0 };
	struct site s = flagged(mk(SITE_CALL, OLD, 4),
				CTOK_IN_DIRECTIVE | CTOK_IN_DEFINE);

	expect_occ(one(&l, s, &s, NULL, NULL), BUCKET_MANUAL, 0,
		   "inside a macro definition spatch could not match as code");
	ledger_release(&l);
	/* A file-wide parse error does not hide the macro reason. */
	add_error(&pe, 1, "z");
	expect_occ(one(&l, s, &s, &pe, NULL), BUCKET_MANUAL, 0,
		   "inside a macro definition spatch could not match as code");
	ledger_release(&l);
	parse_errors_release(&pe);
}

static void test_failure(void)
{
	struct ledger l;
	struct site s = mk(SITE_CALL, OLD, 4);

	/* No result: the failure is the reason. */
	expect_occ(one(&l, s, NULL, NULL, "spatch timed out after 120 s"),
		   BUCKET_MANUAL, 0, "spatch timed out after 120 s");
	ledger_release(&l);
	/* No result and no failure either: still manual, never lost. */
	expect_occ(one(&l, s, NULL, NULL, NULL), BUCKET_MANUAL, 0,
		   "spatch did not match this call");
	ledger_release(&l);
}

/*
 * Two calls, both converted; fo says how (first/fallback/...).  The first
 * is plain, the second carries want as its detail.
 */
static void expect_second_noted(struct file_outcome *fo, const char *want)
{
	struct ledger l;
	struct site b[2] = { mk(SITE_CALL, OLD, 3), mk(SITE_CALL, OLD, 9) };
	struct site a[2] = { mk(SITE_CALL, NEW, 3), mk(SITE_CALL, NEW, 9) };
	struct site_list bl = list_of(b, 2), al = list_of(a, 2);

	fo->path = "a.c";
	fo->before = &bl;
	fo->after = &al;
	memset(&l, 0, sizeof(l));
	EXPECT(ledger_add(&l, &rule, fo) == 1);
	EXPECT(l.nr == 2 && l.count[BUCKET_CONVERTED] == 2);
	if (l.nr == 2) {
		expect_occ(&l.v[0], BUCKET_CONVERTED, 1, NULL);
		expect_occ(&l.v[1], BUCKET_CONVERTED, 1, want);
	}
	ledger_release(&l);
}

static void test_first_attempt_helped(void)
{
	struct file_outcome fo = {
		.first = "\1\0",
		.retried = 1,
		.macro_file = "/usr/lib/coccinelle/macros.h",
	};

	expect_second_noted(&fo, "spatch parsed it only with the macro file "
				 "macros.h");
}

/* --fallback=text: the driver, not spatch, changed the text. */
static void test_fallback(void)
{
	struct file_outcome fo = { .fallback = "\0\1" };

	expect_second_noted(&fo, "converted by fallback, review: spatch could "
				 "not match it, the text was changed by hand");
}

/* A call in a function that has a struct net * at hand: a hint. */
static void test_namespace_hint(void)
{
	struct ledger l;
	struct site s = in_func(mk(SITE_CALL, OLD, 8), "rds_tcp_listen", 2, 20),
		    after;

	snprintf(s.net_param, sizeof(s.net_param), "%s", "net");
	after = s;
	after.nargs = NEW;
	expect_occ(one(&l, s, &after, NULL, NULL), BUCKET_CONVERTED, 1, NULL);
	EXPECT(l.nr && l.v[0].hint);
	if (l.nr && l.v[0].hint)
		EXPECT_STR(l.v[0].hint,
			   "rds_tcp_listen() has 'struct net *net': pass net "
			   "instead of &init_net?");
	ledger_release(&l);
	/* Manual work gets it too. */
	expect_occ(one(&l, s, &s, NULL, NULL), BUCKET_MANUAL, 0,
		   "spatch did not match this call");
	EXPECT(l.nr && l.v[0].hint && strstr(l.v[0].hint, "pass net"));
	ledger_release(&l);
	/* Not a call that already passes a namespace. */
	s.nargs = NEW;
	expect_occ(one(&l, s, &s, NULL, NULL), BUCKET_ALREADY, 0, NULL);
	EXPECT(l.nr && l.v[0].hint == NULL);
	ledger_release(&l);
	/* Nor without a parameter. */
	s = mk(SITE_CALL, OLD, 8);
	after = mk(SITE_CALL, NEW, 8);
	expect_occ(one(&l, s, &after, NULL, NULL), BUCKET_CONVERTED, 1, NULL);
	EXPECT(l.nr && l.v[0].hint == NULL);
	ledger_release(&l);
}

/* ---- declarations and the other kinds */

static void test_decl_def(void)
{
	struct ledger l;
	struct site a;

	a = mk(SITE_DECL, NEW, 1);
	expect_occ(one(&l, mk(SITE_DECL, OLD, 1), &a, NULL, NULL), BUCKET_DECL,
		   1, "prototype converted");
	ledger_release(&l);
	a = mk(SITE_DEF, NEW, 1);
	expect_occ(one(&l, mk(SITE_DEF, OLD, 1), &a, NULL, NULL), BUCKET_DECL,
		   1, "definition converted");
	ledger_release(&l);
	a = mk(SITE_DEF, NEW, 1);
	expect_occ(one(&l, mk(SITE_DEF, NEW, 1), &a, NULL, NULL), BUCKET_DECL,
		   0, "definition already converted");
	EXPECT(ledger_clean(&l));
	ledger_release(&l);
	a = mk(SITE_DECL, OLD, 1);
	expect_occ(one(&l, mk(SITE_DECL, OLD, 1), &a, NULL, NULL),
		   BUCKET_MANUAL, 0,
		   "prototype not converted: spatch did not match this call");
	ledger_release(&l);
	a = mk(SITE_DECL, 2, 1);
	expect_occ(one(&l, mk(SITE_DECL, 2, 1), &a, NULL, NULL), BUCKET_MANUAL,
		   0, "prototype with 2 parameters, expected 4 or 5");
	ledger_release(&l);
}

static void test_other_kinds(void)
{
	struct ledger l;
	struct site s;

	s = mk(SITE_EXPORT, -1, 1);
	expect_occ(one(&l, s, &s, NULL, NULL), BUCKET_DECL, 0,
		   "exported symbol");
	EXPECT(ledger_clean(&l));
	ledger_release(&l);
	s = mk(SITE_VALUE, -1, 1);
	expect_occ(one(&l, s, &s, NULL, NULL), BUCKET_MANUAL, 0,
		   "used as a value (function pointer or alias): its callers "
		   "must pass a struct net * too");
	ledger_release(&l);
	s = mk(SITE_MEMBER, -1, 1);
	expect_occ(one(&l, s, &s, NULL, NULL), BUCKET_MANUAL, 0,
		   "a struct member of the same name: check whether it must "
		   "follow the new signature");
	ledger_release(&l);
	s = mk(SITE_POINTER, -1, 1);
	expect_occ(one(&l, s, &s, NULL, NULL), BUCKET_MANUAL, 0,
		   "a function pointer declared under this name: its type "
		   "may need the struct net * too");
	ledger_release(&l);
}

/* ---- whole files */

static void test_count_mismatch(void)
{
	struct ledger l = { 0 };
	struct site b[3] = { mk(SITE_CALL, OLD, 1), mk(SITE_CALL, NEW, 2),
			     mk(SITE_EXPORT, -1, 3) };
	struct site a[2] = { mk(SITE_CALL, NEW, 1), mk(SITE_CALL, NEW, 2) };
	struct site_list bl = list_of(b, 3), al = list_of(a, 2);
	struct file_outcome fo = { .path = "m.c", .before = &bl, .after = &al };
	size_t i;

	EXPECT(ledger_add(&l, &rule, &fo) == 0);
	EXPECT(l.nr == 3);
	EXPECT(l.count[BUCKET_MANUAL] == 3 && l.count[BUCKET_CONVERTED] == 0 &&
	       l.count[BUCKET_ALREADY] == 0 && l.count[BUCKET_DECL] == 0);
	for (i = 0; i < l.nr; i++) {
		expect_occ(&l.v[i], BUCKET_MANUAL, 0,
			   "spatch's result has 2 occurrences where the file "
			   "has 3: result refused");
		EXPECT(l.v[i].line == i + 1);
	}
	EXPECT(!ledger_clean(&l));
	ledger_release(&l);
}

static void test_kind_changed(void)
{
	struct ledger l = { 0 };
	struct site b[2] = { mk(SITE_CALL, OLD, 1), mk(SITE_CALL, OLD, 2) };
	struct site a[2] = { mk(SITE_CALL, NEW, 1), mk(SITE_VALUE, -1, 2) };
	struct site_list bl = list_of(b, 2), al = list_of(a, 2);
	struct file_outcome fo = { .path = "k.c", .before = &bl, .after = &al };

	EXPECT(ledger_add(&l, &rule, &fo) == 0);
	EXPECT(l.nr == 2);
	if (l.nr == 2) {
		expect_occ(&l.v[0], BUCKET_CONVERTED, 1, NULL);
		expect_occ(&l.v[1], BUCKET_MANUAL, 0,
			   "spatch turned a call into a value: result refused");
	}
	ledger_release(&l);
}

static struct site with_reason(struct site s, const char *why)
{
	snprintf(s.manual, sizeof(s.manual), "%s", why);
	return s;
}

/*
 * A site the driver leaves to a human is manual work with its reason,
 * whatever its kind and count, also when spatch's result is clean.
 */
static void test_manual_reason(void)
{
	static const char why[] = "argument count differs between #ifdef "
				  "branches (4 or 5): convert by hand";
	struct ledger l;
	struct site b = with_reason(mk(SITE_CALL, -1, 3), why);
	struct site k = with_reason(mk(SITE_DEF, OLD, 3), "K&R definition");
	struct site m = with_reason(mk(SITE_MACRO, OLD, 3), "a macro");
	struct site p = with_reason(mk(SITE_PASTE, -1, 3), "pasted");

	expect_occ(one(&l, b, &b, NULL, NULL), BUCKET_MANUAL, 0, why);
	EXPECT(!ledger_clean(&l));
	ledger_release(&l);
	/* Not spatch's "did not match": the reason of the site. */
	expect_occ(one(&l, k, &k, NULL, NULL), BUCKET_MANUAL, 0,
		   "K&R definition");
	ledger_release(&l);
	expect_occ(one(&l, m, &m, NULL, NULL), BUCKET_MANUAL, 0, "a macro");
	ledger_release(&l);
	expect_occ(one(&l, p, NULL, NULL, NULL), BUCKET_MANUAL, 0, "pasted");
	ledger_release(&l);
}

/*
 * spatch changed a site the account calls manual work (it converted the
 * first #if branch of a call whose branches disagree): the result would
 * hold a change the account does not show, so it is refused.
 */
static void test_manual_site_changed(void)
{
	struct ledger l = { 0 };
	struct site b[2] = { mk(SITE_CALL, OLD, 1),
			     with_reason(mk(SITE_CALL, -1, 2),
					 "count differs (4 or 5)") };
	struct site a[2] = { mk(SITE_CALL, NEW, 1),
			     with_reason(mk(SITE_CALL, -1, 2),
					 "count differs (5 or 6)") };
	struct site_list bl = list_of(b, 2), al = list_of(a, 2);
	struct file_outcome fo = { .path = "m.c", .before = &bl, .after = &al };

	EXPECT(ledger_add(&l, &rule, &fo) == 0);
	EXPECT(l.nr == 2);
	if (l.nr == 2) {
		expect_occ(&l.v[0], BUCKET_CONVERTED, 1, NULL);
		expect_occ(&l.v[1], BUCKET_MANUAL, 0,
			   "count differs (4 or 5); spatch changed it: result "
			   "refused");
	}
	ledger_release(&l);
	/* The count alone changed: refused too. */
	a[1] = b[1];
	a[1].nargs = NEW;
	memset(&l, 0, sizeof(l));
	EXPECT(ledger_add(&l, &rule, &fo) == 0);
	ledger_release(&l);
}

static void test_counts_per_bucket(void)
{
	struct ledger l = { 0 };
	struct site b[7] = {
		mk(SITE_DECL, OLD, 1),	 mk(SITE_CALL, OLD, 5),
		mk(SITE_CALL, OLD, 6),	 mk(SITE_CALL, NEW, 7),
		mk(SITE_CALL, 2, 8),	 mk(SITE_EXPORT, -1, 9),
		mk(SITE_MEMBER, -1, 10),
	};
	struct site a[7];
	struct site_list bl = list_of(b, 7), al = list_of(a, 7);
	struct file_outcome fo = { .path = "c.c", .before = &bl, .after = &al };
	size_t i, sum = 0, rewritten = 0;

	memcpy(a, b, sizeof(a));
	a[0].nargs = NEW;
	a[1].nargs = NEW; /* 6 stays old: not matched */
	EXPECT(ledger_add(&l, &rule, &fo) == 1);
	EXPECT(l.nr == 7);
	EXPECT(l.count[BUCKET_CONVERTED] == 1);
	EXPECT(l.count[BUCKET_ALREADY] == 1);
	EXPECT(l.count[BUCKET_DECL] == 2);
	EXPECT(l.count[BUCKET_MANUAL] == 3);
	for (i = 0; i < BUCKET_NR; i++)
		sum += l.count[i];
	EXPECT(sum == l.nr);
	for (i = 0; i < l.nr; i++)
		rewritten += l.v[i].rewritten;
	EXPECT(rewritten == 2); /* the prototype and the call */
	EXPECT(l.files_matched == 1);

	/* A second file adds up. */
	EXPECT(ledger_add(&l, &rule, &fo) == 1);
	EXPECT(l.nr == 14 && l.count[BUCKET_MANUAL] == 6);
	EXPECT(l.files_matched == 2);
	ledger_release(&l);
}

static void test_no_sites(void)
{
	struct ledger l = { 0 };
	struct site_list empty = { 0 };
	struct file_outcome fo = { .path = "e.c", .before = &empty };

	EXPECT(ledger_add(&l, &rule, &fo) == 1);
	EXPECT(l.nr == 0 && l.files_matched == 0);
	EXPECT(ledger_clean(&l));
	ledger_release(&l);
}

static void test_clean(void)
{
	struct ledger l = { 0 };
	struct site b[2] = { mk(SITE_CALL, NEW, 1), mk(SITE_EXPORT, -1, 2) };
	struct site_list bl = list_of(b, 2);
	struct file_outcome fo = { .path = "c.c", .before = &bl, .after = &bl };

	EXPECT(ledger_clean(&l)); /* empty */
	EXPECT(ledger_add(&l, &rule, &fo) == 1);
	EXPECT(ledger_clean(&l)); /* already + export */
	/* A rewritten occurrence: something to do. */
	l.v[0].rewritten = 1;
	EXPECT(!ledger_clean(&l));
	l.v[0].rewritten = 0;
	/* Manual work: not clean. */
	ledger_add_unreadable(&l, "bin.c", 3, 4, "not valid UTF-8");
	EXPECT(!ledger_clean(&l));
	EXPECT(l.nr == 3);
	if (l.nr == 3) {
		expect_occ(&l.v[2], BUCKET_MANUAL, 0, "not valid UTF-8");
		EXPECT(l.v[2].line == 3 && l.v[2].col == 4);
		EXPECT(!strcmp(l.v[2].path, "bin.c"));
		EXPECT(l.v[2].kind == SITE_CALL && l.v[2].nargs == -1);
	}
	EXPECT(l.count[BUCKET_MANUAL] == 1);
	ledger_release(&l);
}

static void test_bucket_names(void)
{
	EXPECT_STR(bucket_name(BUCKET_CONVERTED), "converted");
	EXPECT_STR(bucket_name(BUCKET_ALREADY), "already converted");
	EXPECT_STR(bucket_name(BUCKET_DECL), "declaration");
	EXPECT_STR(bucket_name(BUCKET_MANUAL), "manual");
	EXPECT_STR(bucket_name(BUCKET_NR), "?");
}

int main(void)
{
	RUN(test_converted);
	RUN(test_already);
	RUN(test_wrong_arity);
	RUN(test_not_matched);
	RUN(test_in_if0);
	RUN(test_parse_error_in_function);
	RUN(test_parse_error_elsewhere);
	RUN(test_parse_error_retried);
	RUN(test_in_define);
	RUN(test_failure);
	RUN(test_first_attempt_helped);
	RUN(test_fallback);
	RUN(test_namespace_hint);
	RUN(test_decl_def);
	RUN(test_other_kinds);
	RUN(test_count_mismatch);
	RUN(test_kind_changed);
	RUN(test_manual_reason);
	RUN(test_manual_site_changed);
	RUN(test_counts_per_bucket);
	RUN(test_no_sites);
	RUN(test_clean);
	RUN(test_bucket_names);
	return UNIT_EXIT();
}
