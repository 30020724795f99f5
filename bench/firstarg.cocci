// SPDX-License-Identifier: GPL-2.0-only
/// For make eval-infer only: print the namespace argument of every
/// 5-argument sock_create_kern() call, one line each:
/// "FILE:LINE<tab>TOKENS" (spatch prints the expression's tokens apart,
/// "read_pnet ( & con -> msgr -> net )"), so that what Linux 6.1 passes
/// and what --net=infer chose can be compared token for token.
// Options: --no-includes --include-headers

virtual report

@r depends on report@
expression net, fam, ty, pr, res;
position p;
@@

sock_create_kern@p(net, fam, ty, pr, res)

@script:python depends on report@
net << r.net;
p << r.p;
@@

print("%s:%s\t%s" % (p[0].file, p[0].line, net))
