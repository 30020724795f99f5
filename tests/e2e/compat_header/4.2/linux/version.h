/* Stub: Linux 4.2.0's <linux/version.h>. */
#define LINUX_VERSION_CODE 262656
#define KERNEL_VERSION(a,b,c) (((a) << 16) + ((b) << 8) + (c))
