// SPDX-License-Identifier: GPL-2.0-only
/// Pass a struct net * as the first argument of sock_create_kern().
///
/// Since Linux 4.2 ("net: Add a struct net parameter to sock_create_kern"),
/// every in-kernel socket names its network namespace.  Each remaining
/// 4-argument call sock_create_kern(family, type, proto, &sock) becomes
/// sock_create_kern(&init_net, family, type, proto, &sock), which keeps the
/// old behaviour exactly.  &init_net is only the mechanical default: the
/// point of the parameter is that each caller decides which namespace its
/// socket lives in (the caller's own struct net *, sock_net(sk), a namespace
/// captured at mount time with get_net()).  Review every converted call.
///
/// The prototype (include/linux/net.h) and the definition (net/socket.c)
/// gain "struct net *net" as first parameter, and the definition passes
/// that net on instead of &init_net.  Calls that already pass five
/// arguments and converted prototypes are never touched, so the rule is
/// idempotent.  Uses of the function as a value (a function pointer, a
/// #define alias) are reported, not changed: they need a human.
///
// Confidence: High
// Copyright: (C) 2026 The coccidrive authors.
// URL: https://coccinelle.gitlabpages.inria.fr/website
// Comments: Why --smpl-spacing: the added text is laid out exactly as
//  written below ("&init_net, " right after the parenthesis) and spatch
//  leaves the rest of the call alone.  Without it, spatch re-prints the
//  whole argument list of every changed call: it re-wraps lines at
//  --max-width and re-indents continuation lines that upstream left
//  untouched, so the result is token-identical to upstream but not
//  line-identical.  --smpl-spacing never wraps; a call whose first line
//  now overflows 80 columns is re-filled within its existing lines by
//  coccidrive's layout pass, which reproduces what upstream did by hand.
//  --no-includes --include-headers: the change is local to each file;
//  headers are converted as files of their own, as coccicheck does.
//  --max-width and --linux-spacing were tried: any width that keeps the
//  one-line calls upstream left long (86 columns) also leaves the
//  re-wrapped ones long, and both re-indent continuation lines.
//  The "Coccidrive:" lines tell the coccidrive driver which identifier to
//  account for, the argument counts before and after, the argument and
//  the parameter this rule adds and what it replaces in the definition
//  (the driver accepts exactly these edits from spatch, nothing else),
//  and the macro file for files spatch cannot parse.
//  Python is used in report/org modes and to tell apart a first argument
//  on the parenthesis line from one on the next line.
// Requires: 1.0.8
// Keywords: sock_create_kern, init_net, struct net, network namespace
// Options: --no-includes --include-headers --smpl-spacing
// Coccidrive: function=sock_create_kern old-arity=4 new-arity=5
// Coccidrive: new-arg=&init_net macro-file=kernel-macros.h
// Coccidrive: new-param="struct net *net" def-old=&init_net def-new=net

virtual patch
virtual context
virtual org
virtual report

//----------------------------------------------------------------------
//  For the patch mode
//----------------------------------------------------------------------

// Only the 4-argument form matches: an argument list of another length
// (the converted 5-argument form) is left alone.
//
// Where the first argument sits on a line of its own, "&init_net," goes
// after the parenthesis and the argument lines stay as they are; else
// it goes in front of the first argument.  (Re-adding the first argument
// on the parenthesis line would join the two lines.)
@first_arg_below depends on patch && !context && !org && !report@
expression fam, ty, pr, res;
position p1, p2;
@@

sock_create_kern@p1(fam@p2, ty, pr, res)

@script:python depends on patch && !context && !org && !report@
p1 << first_arg_below.p1;
p2 << first_arg_below.p2;
@@

if p1[0].line == p2[0].line:
    cocci.include_match(False)

@call_first_arg_below depends on patch && !context && !org && !report@
expression fam, ty, pr, res;
position first_arg_below.p1;
@@

- sock_create_kern@p1(
+ sock_create_kern(&init_net,
  fam, ty, pr, res)

@call depends on patch && !context && !org && !report@
expression fam, ty, pr, res;
position p1 != first_arg_below.p1;
@@

- sock_create_kern@p1(fam,
+ sock_create_kern(&init_net, fam,
  ty, pr, res)

// Parameters are matched as one list of exactly four and re-added whole:
// with --smpl-spacing this is the form that keeps them printed as they
// were ("int family, int type, ...").
@proto depends on patch && !context && !org && !report@
type T;
parameter list[4] ps;
@@

  T sock_create_kern(
+ struct net *net, ps
- ps
  );

// The definition: the new parameter replaces the hard-coded namespace.
@def depends on patch && !context && !org && !report@
type T;
parameter list[4] ps;
symbol init_net;
@@

  T sock_create_kern(
+ struct net *net, ps
- ps
  )
  {
  <...
- &init_net
+ net
  ...>
  }

//----------------------------------------------------------------------
//  For the context, org and report modes: the same matches, no change
//----------------------------------------------------------------------

@depends on context && !patch && !org && !report@
expression fam, ty, pr, res;
@@

* sock_create_kern(fam, ty, pr, res)

@depends on context && !patch && !org && !report@
type T;
parameter list[4] ps;
@@

* T sock_create_kern(ps);

@depends on context && !patch && !org && !report@
type T;
parameter list[4] ps;
@@

* T sock_create_kern(ps)
  { ... }

@rcall depends on !patch && (org || report)@
expression fam, ty, pr, res;
position p;
@@

 sock_create_kern@p(fam, ty, pr, res)

@rproto depends on !patch && (org || report)@
type T;
parameter list[4] ps;
position p;
@@

 T sock_create_kern@p(ps);

@rdef depends on !patch && (org || report)@
type T;
parameter list[4] ps;
position p;
@@

 T sock_create_kern@p(ps)
 { ... }

// Any mention that is neither a call nor a declaration: the function used
// as a value (function pointer, initialiser, alias).  Never rewritten.
@exported depends on !patch && (org || report)@
symbol sock_create_kern;
declarer name EXPORT_SYMBOL;
position p;
@@

EXPORT_SYMBOL(sock_create_kern@p);

@rvalue depends on !patch && (org || report)@
symbol sock_create_kern;
expression list es;
position p != exported.p;
@@

(
 sock_create_kern(es)
|
 sock_create_kern@p
)

@script:python depends on report@
p << rcall.p;
@@

coccilib.report.print_report(p[0],
	"sock_create_kern() called without a struct net *: pass the caller's namespace (&init_net keeps the old behaviour)")

@script:python depends on report@
p << rproto.p;
@@

coccilib.report.print_report(p[0],
	"sock_create_kern() declared without a struct net * first parameter")

@script:python depends on report@
p << rdef.p;
@@

coccilib.report.print_report(p[0],
	"sock_create_kern() defined without a struct net * first parameter")

@script:python depends on report@
p << rvalue.p;
@@

coccilib.report.print_report(p[0],
	"sock_create_kern used as a value: check that its users pass a struct net *")

@script:python depends on org@
p << rcall.p;
@@

coccilib.org.print_todo(p[0], "sock_create_kern() called without a struct net *")

@script:python depends on org@
p << rproto.p;
@@

coccilib.org.print_todo(p[0], "sock_create_kern() declared without a struct net *")

@script:python depends on org@
p << rdef.p;
@@

coccilib.org.print_todo(p[0], "sock_create_kern() defined without a struct net *")

@script:python depends on org@
p << rvalue.p;
@@

coccilib.org.print_todo(p[0], "sock_create_kern used as a value")
