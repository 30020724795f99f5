// SPDX-License-Identifier: GPL-2.0-only
/// Pass the namespace to sock_create_kern() instead of calling
/// sk_change_net() on the new socket, and release it with sock_release()
/// instead of sk_release_kernel().
///
/// An opt-in clean-up, separate from sock_create_kern.cocci.  In 4.0-era
/// code a kernel socket that must not hold a reference on its struct net
/// is made with sock_create_kern(...) (init_net) and then moved with
/// sk_change_net(sock->sk, net), which drops the namespace reference;
/// sk_release_kernel(sock->sk) moves it back to init_net before the
/// release.  Linux 4.2 ("net: Modify sk_alloc to not reference count the
/// netns of kernel sockets") made sk_alloc() take no namespace reference
/// for kernel sockets and removed both functions: the namespace is passed
/// to sock_create_kern() and the socket released with sock_release().
///
/// THIS RULE IS VALID ONLY ON A KERNEL WHOSE sk_alloc() NO LONGER TAKES A
/// NAMESPACE REFERENCE FOR KERNEL SOCKETS (upstream 4.2 and later).  On an
/// older kernel the converted socket would pin its namespace, which then
/// can never be torn down.
///
/// Within one function, a sock_create_kern(F, T, P, &sock) call (4
/// arguments, or 5 with &init_net as first) followed by
/// sk_change_net(sock->sk, net) becomes sock_create_kern(net, F, T, P,
/// &sock) and the sk_change_net() line goes.  The socket may also be
/// reached through a pointer to pointer (sock_create_kern(..., sockp)
/// then sk_change_net((*sockp)->sk, net)) or through a copy of sock->sk
/// (*sk = sock->sk; ... sk_change_net(*sk, net)).  When the call already
/// passes exactly that namespace (sock_create_kern(net, F, T, P, &sock),
/// as "coccidrive convert --net=infer" makes from the sk_change_net()),
/// only the sk_change_net() line goes.  An sk_change_net() that cannot be
/// tied to a sock_create_kern() call in the same function, or whose call
/// passes another namespace than &init_net and than its own, is not
/// changed; report mode reports it, as it reports every
/// sk_release_kernel() the rule leaves alone.
///
/// Run it with "coccidrive convert --sk-change-net" (or --cocci with this
/// file: the "Coccidrive: cleanup=sk_change_net" line below says what
/// kind of rule it is).  The driver refuses to run it on a tree whose
/// include/net/sock.h or include/linux/net.h shows the API before 4.2, or
/// that has neither (--force-sk-change-net overrides), accepts of
/// spatch's result only the edit described here, takes away the comment
/// directly above a removed sk_change_net() (spatch leaves it), and
/// accounts for every sk_change_net() and sk_release_kernel().
///
// Coccidrive: cleanup=sk_change_net
// Confidence: Moderate
// Copyright: (C) 2026 The coccidrive authors.
// URL: https://coccinelle.gitlabpages.inria.fr/website
// Comments: sk_release_kernel(E->sk) becomes sock_release(E) in every
//  file where this rule folded an sk_change_net() into a
//  sock_create_kern() call, whatever function it is in.  Why per file and
//  not per socket: the release is usually in another function than the
//  creation (udp_tunnel_sock_release(), ip_vs_sync's error paths, l2tp's
//  tunnel destructor) and reaches the socket through a parameter or a
//  structure field, which spatch cannot tie to the call that made it;
//  and in a file whose sockets all leave init_net through this rule,
//  sk_release_kernel(sock->sk) and sock_release(sock) do the same on a
//  4.2 kernel.  A file whose sk_change_net() could not be tied keeps its
//  sk_release_kernel() calls, so that the pair stays together for the
//  person who converts it.  sk_release_kernel(sk) on a bare struct sock *
//  (inet_ctl_sock_destroy()) is reported, not changed: sock_release()
//  wants sk->sk_socket, and sk_release_kernel() accepted a NULL sk.
//  "Per file" is per unit of spatch: with several files on one command
//  line spatch takes them as one unit, and a fold in one of them would
//  change the releases of all; run it with --dir (as coccicheck does) or
//  one file at a time.
//  The ties need "exists": without it a call whose sk_change_net() is
//  reached on the success path only (if (rc == 0) { ... }) is not tied.
//  "S = sock->fld" with fld = {sk} rather than "S = sock->sk": with the
//  field written out, spatch adds "sk" to the words it greps files for,
//  and selects nearly every file of net/.  Python is used in report/org
//  modes.
// Requires: 1.0.8
// Keywords: sk_change_net, sk_release_kernel, sock_create_kern, struct net
// Options: --no-includes --include-headers --smpl-spacing

virtual patch
virtual context
virtual org
virtual report

//----------------------------------------------------------------------
//  Tying sk_change_net() to the call that made its socket
//----------------------------------------------------------------------

// The socket is a local: sock_create_kern(..., &sock).
@tie_local exists@
expression F, T, P, net, S;
identifier sock, fld = {sk};
position pc, pk;
symbol init_net;
@@

(
 sock_create_kern@pc(F, T, P, &sock)
|
 sock_create_kern@pc(&init_net, F, T, P, &sock)
)
 ...
(
 sk_change_net@pk(sock->sk, net);
|
 S = sock->fld;
 ...
 sk_change_net@pk(S, net);
)

// A modifying rule may not use the positions of a rule that comes before
// an earlier modification, so each tie is followed by its own change.
@fold_local depends on patch && !context && !org && !report exists@
position tie_local.pc, tie_local.pk;
expression tie_local.net;
expression F, T, P, R, a, b;
symbol init_net;
@@

(
- sock_create_kern@pc(&init_net,
+ sock_create_kern(net,
  F, T, P, R)
|
- sock_create_kern@pc(F,
+ sock_create_kern(net, F,
  T, P, R)
)
  ...
- sk_change_net@pk(a, b);

// The socket is reached through a pointer to pointer:
// sock_create_kern(..., sockp), then (*sockp)->sk.
@tie_ptr exists@
expression F, T, P, net, S;
identifier sockp, fld = {sk};
position pc, pk;
symbol init_net;
@@

(
 sock_create_kern@pc(F, T, P, sockp)
|
 sock_create_kern@pc(&init_net, F, T, P, sockp)
)
 ...
(
 sk_change_net@pk((*sockp)->sk, net);
|
 S = (*sockp)->fld;
 ...
 sk_change_net@pk(S, net);
)

@fold_ptr depends on patch && !context && !org && !report exists@
position tie_ptr.pc, tie_ptr.pk;
expression tie_ptr.net;
expression F, T, P, R, a, b;
symbol init_net;
@@

(
- sock_create_kern@pc(&init_net,
+ sock_create_kern(net,
  F, T, P, R)
|
- sock_create_kern@pc(F,
+ sock_create_kern(net, F,
  T, P, R)
)
  ...
- sk_change_net@pk(a, b);

// The call already passes the namespace the sk_change_net() names (what
// "convert --net=infer" makes at its rank 1, leaving the sk_change_net()
// in place): the sk_change_net() goes, the call stays as it is.  The same
// metavariable in both places: the same expression, as the driver checks
// token for token.  A call that passes another namespace than &init_net
// and than X is not tied: the two disagree, and a person must choose.
@tie_same_local exists@
expression F, T, P, net, S;
identifier sock, fld = {sk};
position pc, pk;
@@

 sock_create_kern@pc(net, F, T, P, &sock)
 ...
(
 sk_change_net@pk(sock->sk, net);
|
 S = sock->fld;
 ...
 sk_change_net@pk(S, net);
)

@fold_same_local depends on patch && !context && !org && !report@
position tie_same_local.pk;
expression a, b;
@@

- sk_change_net@pk(a, b);

@tie_same_ptr exists@
expression F, T, P, net, S;
identifier sockp, fld = {sk};
position pc, pk;
@@

 sock_create_kern@pc(net, F, T, P, sockp)
 ...
(
 sk_change_net@pk((*sockp)->sk, net);
|
 S = (*sockp)->fld;
 ...
 sk_change_net@pk(S, net);
)

@fold_same_ptr depends on patch && !context && !org && !report@
position tie_same_ptr.pk;
expression a, b;
@@

- sk_change_net@pk(a, b);

@depends on patch && !context && !org && !report &&
  (fold_local || fold_ptr || fold_same_local || fold_same_ptr)@
expression E;
@@

- sk_release_kernel(E->sk)
+ sock_release(E)

//----------------------------------------------------------------------
//  For the context, org and report modes: no change
//----------------------------------------------------------------------

@depends on context && !patch && !org && !report@
position tie_local.pk;
expression a, b;
@@

* sk_change_net@pk(a, b);

@depends on context && !patch && !org && !report@
position tie_ptr.pk;
expression a, b;
@@

* sk_change_net@pk(a, b);

@depends on context && !patch && !org && !report@
position tie_same_local.pk;
expression a, b;
@@

* sk_change_net@pk(a, b);

@depends on context && !patch && !org && !report@
position tie_same_ptr.pk;
expression a, b;
@@

* sk_change_net@pk(a, b);

// Tied to a call that passes another namespace than &init_net and than
// its own (the others' positions excluded): the two disagree.
@disagree_local depends on !patch exists@
expression N, F, T, P, net, S;
identifier sock, fld = {sk};
position pk != {tie_local.pk, tie_ptr.pk, tie_same_local.pk, tie_same_ptr.pk};
@@

 sock_create_kern(N, F, T, P, &sock)
 ...
(
 sk_change_net@pk(sock->sk, net);
|
 S = sock->fld;
 ...
 sk_change_net@pk(S, net);
)

@disagree_ptr depends on !patch exists@
expression N, F, T, P, net, S;
identifier sockp, fld = {sk};
position pk != {tie_local.pk, tie_ptr.pk, tie_same_local.pk, tie_same_ptr.pk};
@@

 sock_create_kern(N, F, T, P, sockp)
 ...
(
 sk_change_net@pk((*sockp)->sk, net);
|
 S = (*sockp)->fld;
 ...
 sk_change_net@pk(S, net);
)

@untied depends on !patch@
position p != {tie_local.pk, tie_ptr.pk, tie_same_local.pk, tie_same_ptr.pk,
	       disagree_local.pk, disagree_ptr.pk};
expression a, b;
@@

 sk_change_net@p(a, b)

@rel depends on !patch &&
  (tie_local || tie_ptr || tie_same_local || tie_same_ptr)@
expression E;
position p;
@@

 sk_release_kernel@p(E->sk)

@rel_bare depends on !patch &&
  (tie_local || tie_ptr || tie_same_local || tie_same_ptr)@
expression E;
position p != rel.p;
@@

 sk_release_kernel@p(E)

@rel_untied depends on !patch &&
  !(tie_local || tie_ptr || tie_same_local || tie_same_ptr)@
expression E;
position p;
@@

 sk_release_kernel@p(E)

@depends on context && !patch && !org && !report@
position disagree_local.pk;
expression a, b;
@@

* sk_change_net@pk(a, b);

@depends on context && !patch && !org && !report@
position disagree_ptr.pk;
expression a, b;
@@

* sk_change_net@pk(a, b);

@depends on context && !patch && !org && !report@
position untied.p;
expression a, b;
@@

* sk_change_net@p(a, b)

@depends on context && !patch && !org && !report@
expression E;
@@

* sk_release_kernel(E)

@script:python depends on report@
p << tie_local.pk;
@@

coccilib.report.print_report(p[0],
	"sk_change_net() on a socket from sock_create_kern(): pass the namespace to sock_create_kern() (Linux 4.2 and later only)")

@script:python depends on report@
p << tie_ptr.pk;
@@

coccilib.report.print_report(p[0],
	"sk_change_net() on a socket from sock_create_kern(): pass the namespace to sock_create_kern() (Linux 4.2 and later only)")

@script:python depends on report@
p << tie_same_local.pk;
@@

coccilib.report.print_report(p[0],
	"sk_change_net() after a sock_create_kern() that already passes its namespace: remove it (Linux 4.2 and later only)")

@script:python depends on report@
p << tie_same_ptr.pk;
@@

coccilib.report.print_report(p[0],
	"sk_change_net() after a sock_create_kern() that already passes its namespace: remove it (Linux 4.2 and later only)")

@script:python depends on report@
p << disagree_local.pk;
@@

coccilib.report.print_report(p[0], "sk_change_net() into another namespace than the one its sock_create_kern() passes: the two disagree, choose by hand")

@script:python depends on report@
p << disagree_ptr.pk;
@@

coccilib.report.print_report(p[0], "sk_change_net() into another namespace than the one its sock_create_kern() passes: the two disagree, choose by hand")

@script:python depends on report@
p << untied.p;
@@

coccilib.report.print_report(p[0],
	"sk_change_net() on a socket not made by sock_create_kern() in this function: convert by hand")

@script:python depends on report@
p << rel.p;
@@

coccilib.report.print_report(p[0],
	"sk_release_kernel(): use sock_release() on the socket")

@script:python depends on report@
p << rel_bare.p;
@@

coccilib.report.print_report(p[0],
	"sk_release_kernel() on a bare struct sock: convert by hand (sock_release(sk->sk_socket); sk_release_kernel() accepted a NULL sk)")

@script:python depends on report@
p << rel_untied.p;
@@

coccilib.report.print_report(p[0],
	"sk_release_kernel() in a file where no sk_change_net() could be folded: convert by hand with the sk_change_net()")

@script:python depends on org@
p << tie_local.pk;
@@

coccilib.org.print_todo(p[0], "sk_change_net() to fold into sock_create_kern()")

@script:python depends on org@
p << tie_ptr.pk;
@@

coccilib.org.print_todo(p[0], "sk_change_net() to fold into sock_create_kern()")

@script:python depends on org@
p << tie_same_local.pk;
@@

coccilib.org.print_todo(p[0], "sk_change_net() to remove: sock_create_kern() already passes its namespace")

@script:python depends on org@
p << tie_same_ptr.pk;
@@

coccilib.org.print_todo(p[0], "sk_change_net() to remove: sock_create_kern() already passes its namespace")

@script:python depends on org@
p << disagree_local.pk;
@@

coccilib.org.print_todo(p[0], "sk_change_net() and its sock_create_kern() name different namespaces")

@script:python depends on org@
p << disagree_ptr.pk;
@@

coccilib.org.print_todo(p[0], "sk_change_net() and its sock_create_kern() name different namespaces")

@script:python depends on org@
p << untied.p;
@@

coccilib.org.print_todo(p[0], "sk_change_net() not tied to a sock_create_kern() call")

@script:python depends on org@
p << rel.p;
@@

coccilib.org.print_todo(p[0], "sk_release_kernel() to replace by sock_release()")

@script:python depends on org@
p << rel_bare.p;
@@

coccilib.org.print_todo(p[0], "sk_release_kernel() on a bare struct sock")

@script:python depends on org@
p << rel_untied.p;
@@

coccilib.org.print_todo(p[0], "sk_release_kernel() in a file with no folded sk_change_net()")
