// SPDX-License-Identifier: GPL-2.0-only
/// The reverse of sock_create_kern.cocci, for benchmarks only: turns a
/// converted tree (Linux 6.1) back into the 4.1-era API, so that the
/// benchmark converts real kernel call sites, as many as upstream has.
// Options: --no-includes --include-headers --smpl-spacing

virtual patch

@depends on patch@
expression net, fam, ty, pr, res;
@@

- sock_create_kern(net, fam,
+ sock_create_kern(fam,
  ty, pr, res)

@depends on patch@
type T;
parameter p;
parameter list[4] ps;
@@

  T sock_create_kern(
- p, ps
+ ps
  );

@depends on patch@
type T;
parameter p;
parameter list[4] ps;
@@

  T sock_create_kern(
- p, ps
+ ps
  )
  {
  <...
- net
+ &init_net
  ...>
  }
