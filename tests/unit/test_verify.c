// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for driver/verify.c: a table of (original, result) pairs.
 * What the rule does, and what the layout pass and the text fallback do
 * to a converted call's own lines, is accepted; anything else is refused
 * with the line where the result departs.
 */
#include "verify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctoken.h"
#include "sites.h"
#include "strbuf.h"
#include "unit.h"

static struct cocci rule = {
	.ident = "sock_create_kern",
	.old_arity = 4,
	.new_arity = 5,
	.new_arg = "&init_net",
	.new_param = "struct net *net",
	.def_old = "&init_net",
	.def_new = "net",
	.path = "rule.cocci",
};

/* The backport rule's header (sock_create_kern_backport.cocci). */
static struct cocci backport = {
	.ident = "sock_create_kern",
	.old_arity = 5,
	.new_arity = 4,
	.drop_first_arg = 1,
	.drop_param = "struct net *net",
	.drop_default = "&init_net",
	.def_old = "net",
	.def_new = "&init_net",
	.path = "backport.cocci",
};

static const struct cocci *cur = &rule;

/* NULL when accepted, else the reason (to free). */
static char *check(const char *before, const char *after)
{
	struct strbuf b = STRBUF_INIT, a = STRBUF_INIT;
	struct ctok_list tb = { 0 }, ta = { 0 };
	struct site_list sb = { 0 }, sa = { 0 };
	char *why;

	strbuf_addstr(&b, before);
	strbuf_addstr(&a, after);
	ctok_scan(b.buf, b.len, &tb);
	ctok_scan(a.buf, a.len, &ta);
	sites_find(b.buf, &tb, rule.ident, &sb);
	sites_find(a.buf, &ta, rule.ident, &sa);
	why = verify_result(cur, &b, &sb, &a, &sa);
	ctok_list_release(&tb);
	ctok_list_release(&ta);
	site_list_release(&sb);
	site_list_release(&sa);
	strbuf_release(&b);
	strbuf_release(&a);
	return why;
}

#define FN "int f(void)\n{\n"
#define END "\treturn 0;\n}\n"
#define CALL "\terr = sock_create_kern(PF_INET, SOCK_DGRAM, 0, &s);\n"
#define DONE \
	"\terr = sock_create_kern(&init_net, PF_INET, SOCK_DGRAM, 0, &s);\n"

static const struct {
	const char *name, *before, *after;
	int accept;
} table[] = {
	{ "the rule's edit", FN CALL END, FN DONE END, 1 },
	{ "nothing changed", FN CALL END, FN CALL END, 1 },
	{ "already converted, left alone", FN DONE END, FN DONE END, 1 },
	{ "re-filled within the call's lines (layout pass)",
	  FN "\terr = sock_create_kern(PF_INET, SOCK_DGRAM,\n"
	     "\t\t\t       0, &s);\n" END,
	  FN "\terr = sock_create_kern(&init_net, PF_INET,\n"
	     "\t\t\t       SOCK_DGRAM, 0, &s);\n" END,
	  1 },
	{ "a second line for a one-line call (--layout=80)", FN CALL END,
	  FN "\terr = sock_create_kern(&init_net, PF_INET, SOCK_DGRAM,\n"
	     "\t\t\t       0, &s);\n" END,
	  1 },
	{ "first argument on its own line",
	  FN "\terr = sock_create_kern(\n"
	     "\t\tPF_INET, 1, 0, &s);\n" END,
	  FN "\terr = sock_create_kern(&init_net,\n"
	     "\t\tPF_INET, 1, 0, &s);\n" END,
	  1 },
	{ "the prototype",
	  "int sock_create_kern(int f, int t, int p, void **r);\n",
	  "int sock_create_kern(struct net *net, int f, int t, int p, void **r);\n",
	  1 },
	{ "the definition and its body",
	  "int sock_create_kern(int f, int t, int p, void **r)\n{\n"
	  "\treturn __sock_create(&init_net, f, t, p, r, 1);\n}\n",
	  "int sock_create_kern(struct net *net, int f, int t, int p, void **r)\n{\n"
	  "\treturn __sock_create(net, f, t, p, r, 1);\n}\n",
	  1 },
	{ "the definition ignores its new parameter",
	  "int sock_create_kern(int f, int t, int p, void **r)\n{\n"
	  "\treturn __sock_create(&init_net, f, t, p, r, 1);\n}\n",
	  "int sock_create_kern(struct net *net, int f, int t, int p, void **r)\n{\n"
	  "\treturn __sock_create(&init_net, f, t, p, r, 1);\n}\n",
	  0 },
	{ "&init_net -> net outside the definition",
	  FN "\tuse(&init_net);\n" CALL END, FN "\tuse(net);\n" DONE END, 0 },
	{ "a re-fill that spills onto the next line", FN CALL END,
	  FN "\terr = sock_create_kern(&init_net, PF_INET, SOCK_DGRAM, 0,\n"
	     "\t&s);\treturn 0;\n}\n",
	  0 },
	{ "blanks changed after the call's line", FN CALL END,
	  FN DONE "\treturn  0;\n}\n", 0 },
	{ "a line joined to the call", FN CALL "\tx = 1;\n" END,
	  FN
	  "\terr = sock_create_kern(&init_net, PF_INET, SOCK_DGRAM, 0, &s); x = 1;\n" END,
	  0 },
	{ "'!' added", FN CALL END,
	  FN
	  "\terr = !sock_create_kern(&init_net, PF_INET, SOCK_DGRAM, 0, &s);\n" END,
	  0 },
	{ "another argument", FN CALL END,
	  FN "\terr = sock_create_kern(net, PF_INET, SOCK_DGRAM, 0, &s);\n" END,
	  0 },
	{ "argument before the comma missing", FN CALL END,
	  FN
	  "\terr = sock_create_kern(&init_net PF_INET, SOCK_DGRAM, 0, &s);\n" END,
	  0 },
	{ "a comment inside the call changed", FN CALL END,
	  FN
	  "\terr = sock_create_kern(&init_net, /* x */ PF_INET, SOCK_DGRAM, 0, &s);\n" END,
	  0 },
	{ "a statement", FN CALL END, FN DONE "\tx = 1;\n" END, 0 },
};

static void test_table(void)
{
	size_t i;

	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		char *why = check(table[i].before, table[i].after);

		if ((why == NULL) != table[i].accept) {
			fprintf(stderr, "%s: %s (%s)\n", table[i].name,
				table[i].accept ? "refused" : "accepted",
				why ? why : "");
			unit_cur_failed = 1;
		}
		free(why);
	}
}

/* The same judge for a rule that takes the first argument out. */
static const struct {
	const char *name, *before, *after;
	int accept;
} backport_table[] = {
	{ "&init_net taken out", FN DONE END, FN CALL END, 1 },
	{ "another namespace taken out",
	  FN
	  "\terr = sock_create_kern(sock_net(sk), PF_INET, SOCK_DGRAM, 0, &s);\n" END,
	  FN CALL END, 1 },
	{ "already old, left alone", FN CALL END, FN CALL END, 1 },
	{ "lines re-filled within the call's lines",
	  FN "\terr = sock_create_kern(&init_net, PF_INET,\n"
	     "\t\t\t       SOCK_DGRAM, 0, &s);\n" END,
	  FN "\terr = sock_create_kern(PF_INET, SOCK_DGRAM,\n"
	     "\t\t\t       0, &s);\n" END,
	  1 },
	{ "the prototype",
	  "int sock_create_kern(struct net *net, int f, int t, int p, void **r);\n",
	  "int sock_create_kern(int f, int t, int p, void **r);\n", 1 },
	{ "the definition and its body",
	  "int sock_create_kern(struct net *net, int f, int t, int p, void **r)\n{\n"
	  "\treturn __sock_create(net, f, t, p, r, 1);\n}\n",
	  "int sock_create_kern(int f, int t, int p, void **r)\n{\n"
	  "\treturn __sock_create(&init_net, f, t, p, r, 1);\n}\n",
	  1 },
	{ "the definition still passes net",
	  "int sock_create_kern(struct net *net, int f, int t, int p, void **r)\n{\n"
	  "\treturn __sock_create(net, f, t, p, r, 1);\n}\n",
	  "int sock_create_kern(int f, int t, int p, void **r)\n{\n"
	  "\treturn __sock_create(net, f, t, p, r, 1);\n}\n",
	  0 },
	{ "a prototype whose first parameter is another",
	  "int sock_create_kern(struct net *ns, int f, int t, int p, void **r);\n",
	  "int sock_create_kern(int f, int t, int p, void **r);\n", 0 },
	{ "the second argument taken out instead", FN DONE END,
	  FN "\terr = sock_create_kern(&init_net, SOCK_DGRAM, 0, &s);\n" END,
	  0 },
	{ "an argument added instead", FN CALL END, FN DONE END, 0 },
	{ "another argument changed", FN DONE END,
	  FN "\terr = sock_create_kern(PF_INET6, SOCK_DGRAM, 0, &s);\n" END,
	  0 },
	{ "a statement", FN DONE END, FN CALL "\tx = 1;\n" END, 0 },
	{ "a comment lost with the argument",
	  FN
	  "\terr = sock_create_kern(/* ns */ net, PF_INET, SOCK_DGRAM, 0, &s);\n" END,
	  FN CALL END, 0 },
};

static void test_backport_table(void)
{
	size_t i;

	cur = &backport;
	for (i = 0; i < sizeof(backport_table) / sizeof(backport_table[0]);
	     i++) {
		char *why = check(backport_table[i].before,
				  backport_table[i].after);

		if ((why == NULL) != backport_table[i].accept) {
			fprintf(stderr, "backport: %s: %s (%s)\n",
				backport_table[i].name,
				backport_table[i].accept ? "refused" :
							   "accepted",
				why ? why : "");
			unit_cur_failed = 1;
		}
		free(why);
	}
	cur = &rule;
}

static void test_reason_names_the_line(void)
{
	char *why = check(FN CALL END, FN DONE "\tx = 1;\n" END);

	EXPECT(why && strstr(why, "at line 4"));
	free(why);
	why = check(FN CALL "\n" END, FN DONE " \n" END);
	EXPECT(why && strstr(why, "line 4 differs"));
	free(why);
}

/* A NUL inside the result is refused even where the tokens line up. */
static void test_nul_byte(void)
{
	struct strbuf b = STRBUF_INIT, a = STRBUF_INIT;
	struct site_list none = { 0 };
	char *why;

	strbuf_addstr(&b, "int x;\n");
	strbuf_add(&a, "int x;\n\0", 8);
	why = verify_result(&rule, &b, &none, &a, &none);
	EXPECT(why && strstr(why, "NUL"));
	free(why);
	strbuf_release(&a);
	strbuf_release(&b);
}

int main(void)
{
	RUN(test_table);
	RUN(test_reason_names_the_line);
	RUN(test_nul_byte);
	RUN(test_backport_table);
	return UNIT_EXIT();
}
