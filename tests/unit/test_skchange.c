// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for driver/pipeline/skchange.c's verifier: a table of
 * (original, result) pairs.  The clean-up's edit (a tied sk_change_net()
 * folded, sk_release_kernel(E->sk) become sock_release(E), the comment
 * directly above and a blank line next to a removed call gone) is
 * accepted; anything else is refused.
 */
#include "skchange.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "unit.h"

static char *check(const char *before, const char *after)
{
	struct strbuf b = STRBUF_INIT, a = STRBUF_INIT;
	char *why;

	strbuf_addstr(&b, before);
	strbuf_addstr(&a, after);
	why = skchange_verify(&b, &a);
	strbuf_release(&b);
	strbuf_release(&a);
	return why;
}

#define FN "int f(struct net *net)\n{\n\tstruct socket *sock;\n\tint err;\n\n"
#define END "\treturn 0;\n}\n"
#define MK "\terr = sock_create_kern(PF_INET, SOCK_DGRAM, 0, &sock);\n"
#define MK_INIT \
	"\terr = sock_create_kern(&init_net, PF_INET, SOCK_DGRAM, 0, &sock);\n"
#define MK_NET "\terr = sock_create_kern(net, PF_INET, SOCK_DGRAM, 0, &sock);\n"
#define MK_OTHER \
	"\terr = sock_create_kern(m->net, PF_INET, SOCK_DGRAM, 0, &sock);\n"
#define MK_PTR_NET \
	"\terr = sock_create_kern(dev_net(d), PF_INET, SOCK_DGRAM, 0, sockp);\n"
#define CH "\tsk_change_net(sock->sk, net);\n"
#define REL "void g(struct x *t)\n{\n\tsk_release_kernel(t->sock->sk);\n}\n"
#define REL_DONE "void g(struct x *t)\n{\n\tsock_release(t->sock);\n}\n"

static const struct {
	const char *name, *before, *after;
	int accept;
} table[] = {
	{ "a fold", FN MK CH END, FN MK_NET END, 1 },
	{ "a fold of &init_net", FN MK_INIT CH END, FN MK_NET END, 1 },
	{ "nothing changed", FN MK CH END REL, FN MK CH END REL, 1 },
	{ "a fold and a release in another function", FN MK CH END REL,
	  FN MK_NET END REL_DONE, 1 },
	{ "a blank line next to the removed call goes", FN MK "\n" CH "\n" END,
	  FN MK_NET "\n" END, 1 },
	{ "the comment directly above goes",
	  FN MK "\t/* no reference */\n" CH END, FN MK_NET END, 1 },
	{ "the comment directly above may stay",
	  FN MK "\t/* no reference */\n" CH END,
	  FN MK_NET "\t/* no reference */\n" END, 1 },
	{ "a comment with a blank line after it stays",
	  FN MK "\t/* keep */\n\n" CH END, FN MK_NET "\n" END, 0 },
	{ "through a copy of another socket's sk",
	  FN MK "\tsk = other->sk;\n\tsk_change_net(sk, net);\n" END,
	  FN MK_NET "\tsk = other->sk;\n" END, 0 },
	{ "a copy of sock->sk, folded",
	  FN MK "\t*sk = sock->sk;\n\tsk_change_net(*sk, net);\n" END,
	  FN MK_NET "\t*sk = sock->sk;\n" END, 1 },
	{ "a release without a fold", FN MK CH END REL, FN MK CH END REL_DONE,
	  0 },
	{ "another namespace", FN MK CH END,
	  FN "\terr = sock_create_kern(dev_net(d), PF_INET, SOCK_DGRAM, 0, "
	     "&sock);\n" END,
	  0 },
	{ "another socket's move",
	  FN MK "\tsk_change_net(other->sk, net);\n" END, FN MK_NET END, 0 },
	{ "in another function", FN MK END "int h(struct net *net)\n{\n" CH END,
	  FN MK_NET END "int h(struct net *net)\n{\n" END, 0 },
	{ "the removal in the body of an if",
	  FN MK "\tif (err == 0)\n\t\tsk_change_net(sock->sk, net);\n" END,
	  FN MK_NET "\tif (err == 0)\n" END, 0 },
	{ "a call changed, nothing removed", FN MK CH END, FN MK_NET CH END,
	  0 },
	{ "a statement removed", FN MK CH "\tx = 1;\n" END, FN MK_NET END, 0 },
	{ "a blank changed elsewhere", FN MK CH END,
	  FN MK_NET "\treturn  0;\n}\n", 0 },
	/* The call already passes the namespace (after --net=infer). */
	{ "already passes it: the removal alone", FN MK_NET CH END,
	  FN MK_NET END, 1 },
	{ "already passes it, and a release", FN MK_NET CH END REL,
	  FN MK_NET END REL_DONE, 1 },
	{ "already passes it, through a pointer to pointer",
	  FN MK_PTR_NET "\tsk_change_net((*sockp)->sk, dev_net(d));\n" END,
	  FN MK_PTR_NET END, 1 },
	{ "already passes it, through a copy of sock->sk",
	  FN MK_NET "\t*sk = sock->sk;\n\tsk_change_net(*sk, net);\n" END,
	  FN MK_NET "\t*sk = sock->sk;\n" END, 1 },
	{ "already passes &init_net, the move to &init_net",
	  FN MK_INIT "\tsk_change_net(sock->sk, &init_net);\n" END,
	  FN MK_INIT END, 1 },
	{ "already passes it, nothing changed", FN MK_NET CH END,
	  FN MK_NET CH END, 1 },
	{ "passes another namespace: the removal refused", FN MK_OTHER CH END,
	  FN MK_OTHER END, 0 },
	{ "passes &init_net, left, the move removed", FN MK_INIT CH END,
	  FN MK_INIT END, 0 },
	{ "4 arguments, left, the move removed", FN MK CH END, FN MK END, 0 },
	{ "already passes it, another namespace removed",
	  FN MK_NET "\tsk_change_net(sock->sk, other);\n" END, FN MK_NET END,
	  0 },
	{ "already passes it, another socket's move removed",
	  FN MK_NET "\tsk_change_net(other->sk, net);\n" END, FN MK_NET END,
	  0 },
	{ "already passes it, the move in another function",
	  FN MK_NET END "int h(struct net *net)\n{\n" CH END,
	  FN MK_NET END "int h(struct net *net)\n{\n" END, 0 },
	{ "already passes it, the move before the call", FN CH MK_NET END,
	  FN MK_NET END, 0 },
	{ "already passes it, two moves removed", FN MK_NET CH CH END,
	  FN MK_NET END, 0 },
	{ "already passes it, its namespace changed too", FN MK_NET CH END,
	  FN MK_OTHER END, 0 },
	{ "already passes it, the release without the removal",
	  FN MK_NET CH END REL, FN MK_NET CH END REL_DONE, 0 },
};

static void test_table(void)
{
	size_t i;

	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		char *why = check(table[i].before, table[i].after);

		if ((why == NULL) != table[i].accept)
			fprintf(stderr, "  %s: %s\n", table[i].name,
				why ? why : "accepted");
		EXPECT((why == NULL) == table[i].accept);
		free(why);
	}
}

/*
 * skchange_finish() takes out the comment directly above a removed call;
 * where spatch already dropped it, the comments after it stay.
 */
static void test_finish_keeps_later_comments(void)
{
	static const char before[] = FN MK "\t/* move it */\n" CH
					   "\t/* keep me */\n" END;
	static const char spatch[] = FN MK_NET "\t/* keep me */\n" END;
	struct file_result r;

	memset(&r, 0, sizeof(r));
	strbuf_addstr(&r.before, before);
	strbuf_addstr(&r.after, spatch);
	r.needs_spatch = 1;
	skchange_finish(&r);
	EXPECT(!strcmp(r.after.buf, spatch));
	if (strcmp(r.after.buf, spatch))
		fprintf(stderr, "  got:\n%s", r.after.buf);
	EXPECT(!r.failure);
	free(r.failure);
	strbuf_release(&r.before);
	strbuf_release(&r.after);
}

int main(void)
{
	RUN(test_table);
	RUN(test_finish_keeps_later_comments);
	return UNIT_EXIT();
}
