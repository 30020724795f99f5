/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * digest: a name for some bytes, the way git names a blob: the SHA-1 of
 * "blob LEN\0" and the bytes, in hexadecimal (libgit2's git_odb_hash()).
 * So that "git hash-object FILE" gives the same name for a file's
 * content.  Used where two runs must tell whether they worked on the
 * same things (a shard's rule, tree and spatch, shard.h) and as the keys
of the cache's entries (cachestore.h); not a defence
 * against someone forging a collision.
 */
#ifndef COCCIDRIVE_DIGEST_H
#define COCCIDRIVE_DIGEST_H

#include <stddef.h>

#define DIGEST_LEN 20
#define DIGEST_HEX_LEN 40

/* The 20 bytes of the name; dies on failure. */
void digest_raw(const void *data, size_t len, unsigned char out[DIGEST_LEN]);

/* out receives DIGEST_HEX_LEN hex digits and a NUL; dies on failure. */
void digest_hex(const void *data, size_t len, char out[DIGEST_HEX_LEN + 1]);

#endif
