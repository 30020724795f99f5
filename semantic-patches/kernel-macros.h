/*
 * Macros that stop spatch from parsing a function when it cannot see
 * their definitions (coccidrive runs spatch with --no-includes, as
 * coccicheck does).  coccidrive passes this file with --macro-file only on
 * a second attempt at a file where parse errors hid calls: it never
 * changes what already parses.  Each entry was seen to break parsing of
 * the function it decorates with Coccinelle 1.1.1; add what your tree
 * needs with "coccidrive --macro-file FILE".
 */
#define __section(s)
#define __alloc_size(...)
#define __compiletime_error(msg)
#define __compiletime_warning(msg)
#define __intentional_overflow(...)
#define __size_overflow(...)
#define __nocapture(...)
#define __diag_ignore(...)
