// SPDX-License-Identifier: GPL-2.0-only
/// Take the struct net * out of sock_create_kern() again, for a backport.
///
/// The reverse of sock_create_kern.cocci: for carrying a driver written
/// for Linux 4.2 or later ("net: Add a struct net parameter to
/// sock_create_kern") to an older kernel.  Each 5-argument call
/// sock_create_kern(net, family, type, proto, &sock) becomes
/// sock_create_kern(family, type, proto, &sock): the first argument and
/// its comma go, nothing else changes.
///
/// Before 4.2 every kernel socket was created in &init_net.  A call that
/// passed &init_net keeps its behaviour exactly.  A call that passed any
/// other namespace now creates its socket in init_net: the old way to
/// move it was sk_change_net(sock->sk, net) right after the call, and
/// sk_release_kernel(sock->sk) instead of sock_release(sock) when it is
/// released.  Review every such call (coccidrive lists each one, with
/// that suggestion spelled for the call).
///
/// The prototype (include/linux/net.h) and the definition (net/socket.c)
/// lose their "struct net *" first parameter, and the definition passes
/// &init_net again where it passed that parameter on.  Calls that
/// already pass four arguments and prototypes without the parameter are
/// never touched, so the rule is idempotent.
///
// Confidence: High
// Copyright: (C) 2026 The coccidrive authors.
// URL: https://coccinelle.gitlabpages.inria.fr/website
// Comments: Options as in sock_create_kern.cocci, for the same reasons:
//  --smpl-spacing removes exactly the argument and its comma and leaves
//  the rest of the call as it was.  coccidrive's layout pass then pulls
//  arguments back up where the forward conversion had moved them down
//  (only where the forward layout, run again on the result, gives back
//  the text it was given).
//  Where the first argument stands alone on the parenthesis line and the
//  second one starts the next line, "sock_create_kern(net," loses "net,"
//  and keeps its line break (else spatch would join the two lines).  A
//  first argument below the parenthesis: spatch joins the next argument
//  to it, and coccidrive puts the line break back.
//  The "Coccidrive:" lines tell the driver the function, the argument
//  counts before and after, that the first argument of a call is taken
//  out (drop-arg=first: whatever it is), the parameter taken out of the
//  prototype and the definition, what the definition's body passes
//  instead, and the value whose removal keeps the behaviour
//  (drop-default): a call that passed anything else is listed as
//  needing manual work.  The driver accepts exactly these edits.
// Requires: 1.0.8
// Keywords: sock_create_kern, init_net, struct net, backport
// Options: --no-includes --include-headers --smpl-spacing
// Coccidrive: function=sock_create_kern old-arity=5 new-arity=4
// Coccidrive: drop-arg=first drop-default=&init_net macro-file=kernel-macros.h
// Coccidrive: drop-param="struct net *net" def-old=net def-new=&init_net

virtual patch
virtual context
virtual org
virtual report

//----------------------------------------------------------------------
//  For the patch mode
//----------------------------------------------------------------------

// Only the 5-argument form matches: a call with four arguments (the old
// form) is left alone.
//
// The first argument alone on the parenthesis line, the second starting
// the next line: "net," goes and the line break stays.
@first_arg_alone depends on patch && !context && !org && !report@
expression ns, fam, ty, pr, res;
position p1, p2, p3;
@@

sock_create_kern@p1(ns@p3, fam@p2, ty, pr, res)

@script:python depends on patch && !context && !org && !report@
p1 << first_arg_alone.p1;
p2 << first_arg_alone.p2;
p3 << first_arg_alone.p3;
@@

if p1[0].line != p3[0].line or p3[0].line == p2[0].line:
    cocci.include_match(False)

@call_first_arg_alone depends on patch && !context && !org && !report@
expression ns, fam, ty, pr, res;
position first_arg_alone.p1;
@@

- sock_create_kern@p1(ns,
+ sock_create_kern(
  fam, ty, pr, res)

@call depends on patch && !context && !org && !report@
expression ns, fam, ty, pr, res;
position p1 != first_arg_alone.p1;
@@

  sock_create_kern@p1(
- ns,
  fam, ty, pr, res)

// The prototype: exactly five parameters, the first "struct net *net"
// as 4.2 wrote it.  (Another name is left alone, and the driver lists it:
// the definition's body would have to lose that name instead.)
@proto depends on patch && !context && !org && !report@
type T;
symbol net;
parameter list[4] ps;
@@

  T sock_create_kern(
- struct net *net,
  ps);

// The definition: the namespace it passed on becomes &init_net again.
@def depends on patch && !context && !org && !report@
type T;
symbol net, init_net;
parameter list[4] ps;
@@

  T sock_create_kern(
- struct net *net,
  ps)
  {
  <...
- net
+ &init_net
  ...>
  }

//----------------------------------------------------------------------
//  For the context, org and report modes: the same matches, no change
//----------------------------------------------------------------------

@depends on context && !patch && !org && !report@
expression ns, fam, ty, pr, res;
@@

* sock_create_kern(ns, fam, ty, pr, res)

@depends on context && !patch && !org && !report@
type T;
identifier n;
parameter list[4] ps;
@@

* T sock_create_kern(struct net *n, ps);

@depends on context && !patch && !org && !report@
type T;
identifier n;
parameter list[4] ps;
@@

* T sock_create_kern(struct net *n, ps)
  { ... }

@rcall depends on !patch && (org || report)@
expression ns, fam, ty, pr, res;
position p;
@@

 sock_create_kern@p(ns, fam, ty, pr, res)

@rproto depends on !patch && (org || report)@
type T;
identifier n;
parameter list[4] ps;
position p;
@@

 T sock_create_kern@p(struct net *n, ps);

@rdef depends on !patch && (org || report)@
type T;
identifier n;
parameter list[4] ps;
position p;
@@

 T sock_create_kern@p(struct net *n, ps)
 { ... }

@script:python depends on report@
p << rcall.p;
ns << rcall.ns;
@@

ns = "".join(ns.split())
if ns == "&init_net":
    coccilib.report.print_report(p[0],
	"sock_create_kern() called with &init_net: before 4.2 there is no struct net * to pass")
else:
    coccilib.report.print_report(p[0],
	"sock_create_kern() called with the namespace %s: before 4.2, sk_change_net() after the call" % ns)

@script:python depends on report@
p << rproto.p;
@@

coccilib.report.print_report(p[0],
	"sock_create_kern() declared with a struct net * first parameter")

@script:python depends on report@
p << rdef.p;
@@

coccilib.report.print_report(p[0],
	"sock_create_kern() defined with a struct net * first parameter")

@script:python depends on org@
p << rcall.p;
@@

coccilib.org.print_todo(p[0], "sock_create_kern() called with a struct net *")

@script:python depends on org@
p << rproto.p;
@@

coccilib.org.print_todo(p[0], "sock_create_kern() declared with a struct net *")

@script:python depends on org@
p << rdef.p;
@@

coccilib.org.print_todo(p[0], "sock_create_kern() defined with a struct net *")
