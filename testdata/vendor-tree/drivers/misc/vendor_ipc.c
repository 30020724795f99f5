/*
 * Vendor IPC bridge, in the style of a 3.x Android board support tree:
 * three-space indents, K&R leftovers, a vendor attribute macro that
 * spatch does not know, and calls right after #if blocks.
 */
#include <linux/module.h>
#include <linux/net.h>
#include <linux/in.h>

#define VIPC_PORT 7031

static struct socket *vipc_sock;
static struct socket *vipc_ctl;

/* A kernel attribute macro after the parameter list: spatch cannot parse
 * the function until the macro file tells it what __section() is. */
static int vipc_open(void) __section(".vendor.init")
{
   int rc;

   rc = sock_create_kern(PF_INET, SOCK_DGRAM, IPPROTO_UDP, &vipc_sock);
   if (rc < 0)
      return rc;
   return 0;
}

/* K&R definition: old, but it still parses. */
static int vipc_ctl_open(family, res)
   int family;
   struct socket **res;
{
   if (!sock_create_kern(family, SOCK_RAW, 0, res))
      return 0;
   return -EIO;
}

static int vipc_reopen(int use_v6)
{
   int rc;

#if defined(CONFIG_VIPC_V6)
   if (use_v6)
      goto v6;
#endif
   rc = sock_create_kern(PF_INET, SOCK_DGRAM, IPPROTO_UDP, &vipc_sock);
   return rc;
#if defined(CONFIG_VIPC_V6)
v6:
   return sock_create_kern(PF_INET6, SOCK_DGRAM, IPPROTO_UDP, &vipc_sock);
#endif
}

int vipc_init(void)
{
   return vipc_open() ?: vipc_ctl_open(PF_INET, &vipc_ctl);
}
module_init(vipc_init);
