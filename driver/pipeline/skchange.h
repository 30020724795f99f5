/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * skchange: the driver's side of the opt-in clean-up rule,
 * semantic-patches/sk_change_net.cocci (convert --sk-change-net, or a
 * rule whose header says "// Coccidrive: cleanup=sk_change_net").
 *
 * The rule is not a change of arity, so verify.h cannot describe it;
 * this module holds what the clean-up means for the driver, in the same
 * spirit: what spatch may do, checked token by token, and every
 * occurrence of sk_change_net() and sk_release_kernel() accounted for.
 *
 * The tree (skchange_check_tree()): the rule is valid only where
 * sk_alloc() no longer takes a namespace reference for kernel sockets
 * (Linux 4.2).  The root's include/net/sock.h and include/linux/net.h
 * tell: sk_alloc() with a "kern" parameter and a 5-parameter
 * sock_create_kern() are 4.2's API; an sk_alloc() without it or a
 * 4-parameter sock_create_kern() the older one, refused.  Neither header
 * there (a driver directory alone): the version cannot be told, refused
 * too.  The command's override skips this check.
 *
 * The edit (skchange_verify()): a result is accepted only when it is the
 * original with
 *   - sk_change_net(A, B); statements removed, each on lines of its own
 *     and in a statement's place (after ';', '{' or '}'), each tied to
 *     one sock_create_kern() call before it in the same function that
 *     made the socket A names (A is sock->sk for &sock, (*sockp)->sk for
 *     sockp, or a variable assigned from that in between) and whose
 *     namespace changed to exactly B: B inserted as the first of 4
 *     arguments, or B in the place of a first argument &init_net; one
 *     removal per changed call and one changed call per removal.  Or
 *     that call was left as it was and already passes exactly B, token
 *     for token (what convert --net=infer makes from the sk_change_net()
 *     it leaves): one removal per such call;
 *   - sk_release_kernel(E->sk) become sock_release(E), only in a file
 *     where at least one sk_change_net() was folded (the rule's own
 *     scope: see its header);
 *   - the comment lines directly above a removed statement (no blank
 *     line between) and blank lines next to it may go; the lines of a
 *     changed call or release may change their blanks (layout);
 *   - every other token, comment and line as it was.
 * Anything else is refused: the file is left as it is and its
 * occurrences are manual work with the reason.  An sk_change_net(A, B)
 * left after the call that made A's socket, when that call passes a
 * namespace of its own (neither &init_net nor B), is manual work with a
 * reason that says the two disagree.
 *
 * The final text (skchange_finish()): spatch leaves the comment that
 * documented a removed sk_change_net() above the next statement; the
 * driver takes it away (what upstream did in ip_vs_sync.c), and re-fills
 * a changed call that now passes 80 columns (layout.h).
 */
#ifndef COCCIDRIVE_SKCHANGE_H
#define COCCIDRIVE_SKCHANGE_H

#include <stddef.h>

#include "cocci.h"
#include "file_result.h"
#include "ledger.h"
#include "scan.h"
#include "strbuf.h"

/*
 * Dies (one line, status 2) unless the headers below root show Linux
 * 4.2's API (see above).
 */
void skchange_check_tree(const char *root);

/*
 * Read every scanned file, keep those that name sk_change_net or
 * sk_release_kernel as code (sites: the rule's identifier's, with
 * needs_spatch when one is a call spatch could fold).
 */
void skchange_select(const struct cocci *rule, const struct scan *scan,
		     char *const *trees, size_t max_size,
		     struct file_results *out, struct ledger *l);

/* spatch's result (or before) to the final text: see above. */
void skchange_finish(struct file_result *r);

/*
 * The verdict on the final text and every occurrence of the file in the
 * ledger; a refused result is undone (r->failure says why).  Returns 1
 * when it was refused (spatch's own failures are counted where they
 * happen).
 */
int skchange_account(struct file_result *r, struct ledger *l);

/*
 * NULL when after is before plus exactly the clean-up's edit (see
 * above), else a malloc'd one-line reason.
 */
char *skchange_verify(const struct strbuf *before, const struct strbuf *after);

#endif
