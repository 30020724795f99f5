/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * infer: --net=infer, the namespace each converted call passes instead of
 * &init_net, with the evidence it rests on.
 *
 * After verify accepted a file (its text is the original plus exactly the
 * rule's edit), each converted call gets the best namespace in scope, in
 * this order (scope.h reads the declarations):
 *   1. sk_change_net(V->sk, X), or sk_change_net(*P, X) after "*P =
 *      V->sk;", later in the same function, V the socket the call creates
 *      (its result argument &V, or V of type struct socket **): X.
 *   2. a "struct net *" parameter, or a local declared and set before the
 *      call, of the enclosing function.
 *   3. a field of the struct such a parameter or local x points to: a
 *      "struct net *" field (x->f), before a possible_net_t one
 *      (read_pnet(&x->f)); only when there is none, the same through one
 *      pointer field (x->g->f).  Where the tree defines an accessor whose
 *      whole body is that read, its spelling (rds_conn_net(conn)).
 *   4. an accessor the tree defines or declares, "struct net *F(T *p)",
 *      applied to a parameter or local of type T * (sock_net(sk)).
 *   5. otherwise &init_net, with the reason and what to consider.
 * Never a candidate: the socket the call creates, anything declared after
 * the call.  Two different candidates at the first rank (and level) that
 * has any: &init_net, rank 5, both listed.  The rank-3 order "struct net
 * * field before possible_net_t field" is a rule of its own and is said:
 * the evidence names the candidates it put after.
 *
 * The types come from the file and its include closure: "..." includes
 * from the including file's directory, then <root>/include; <...> from
 * <root>/include, then <root>/include/uapi; transitively, each header read
 * and tokenized once per run (at most INFER_MAX_HEADERS, each at most
 * INFER_MAX_HEADER_SIZE bytes).
 *
 * What --net=infer cannot see:
 *  - declarations made by macros (DEFINE_..., a struct built by a macro,
 *    an accessor that is a macro);
 *  - arch headers (<asm/...> resolves only through include/), generated
 *    headers (include/generated), headers outside the root;
 *  - fields of embedded (non-pointer) structs (sk->__sk_common.skc_net);
 *  - typedef'd pointers and typedef'd structs (a local "foo_t *x");
 *  - #if alternatives: both sides are read as if both were compiled;
 *  - a local assigned only after the call (not a candidate), and what a
 *    local points to when it is assigned from something else;
 *  - anything but parameters and locals: globals, a struct passed by
 *    value, arrays of pointers.
 *
 * Applying a choice: the verified text, with that call's added argument
 * replaced by the expression, the call re-filled (layout.h) as if spatch
 * had added the expression; then checked: its tokens are the verified
 * text's with exactly that argument replaced, its comments the same; else
 * the file is refused (manual work, with the reason).  No other edit.
 */
#ifndef COCCIDRIVE_INFER_H
#define COCCIDRIVE_INFER_H

#include <stddef.h>

#include "cocci.h"
#include "file_result.h"
#include "ledger.h"

#define INFER_MAX_HEADERS 20000
#define INFER_MAX_HEADER_SIZE (4u << 20)

struct infer_header;

/* The headers read so far in this run, and the per-rank counts. */
struct infer {
	char *root; /* absolute */
	int wrap_one_line; /* --layout=80 */
	struct infer_header *h;
	size_t nr, alloc;
	size_t *slots; /* open addressing: index + 1 into h, or 0 */
	size_t nr_slots;
	unsigned stamp; /* the file being inferred: its closure's mark */
	int capped; /* INFER_MAX_HEADERS was reached */
};

void infer_init(struct infer *inf, const char *root, int wrap_one_line);
void infer_release(struct infer *inf);

/*
 * The namespace of each converted call of a verified file: r->after and
 * r->after_sites changed where one is not &init_net; returns one
 * ns_choice per site of r->sites (expr NULL where it is no converted
 * call), or NULL when the file has none.  Sets r->failure where the
 * check of an edit fails.
 */
struct ns_choice *infer_file(struct infer *inf, const struct cocci *rule,
			     struct file_result *r);

#endif
