/* Stub: Linux 4.1's <linux/version.h>. */
#define LINUX_VERSION_CODE 262400
#define KERNEL_VERSION(a,b,c) (((a) << 16) + ((b) << 8) + (c))
