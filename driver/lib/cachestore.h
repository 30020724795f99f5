/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cachestore: a directory of values named by a 20-byte key, kept between
 * runs.  It knows nothing of what it stores: the caller makes the key
 * from everything the value depends on (cachestore_hash()).
 *
 * What is guaranteed:
 *
 *  - A value is read back byte for byte as it was put, or not at all: each
 *    entry file carries a header (magic and format version, the payload's
 *    length, a SHA-1 of the key and the payload), and an entry that is
 *    truncated, has bytes flipped, or sits under another key's name is a
 *    miss (counted in corrupt, and removed).  It cannot protect against
 *    someone who rewrites an entry and its checksum: the caller must
 *    never let a value decide more than a miss would (coccidrive's result
 *    cache is judged by verify.h like spatch's own result).
 *  - Entries are written to a temporary file in the entry's own
 *    directory, then renamed: two runs sharing the directory each see a
 *    whole entry or none, and a run killed while writing leaves only a
 *    ".tmp-*" file, which trimming removes once it is an hour old.
 *  - Never fatal: a directory that cannot be created or written, an entry
 *    that cannot be read, a full disk, only mean no cache (the reason is
 *    kept in why, for -v); every function may be called on a closed or
 *    failed store and does nothing.
 *  - Bounded: after a run that stored something, cachestore_close() adds
 *    up the entries' sizes (one pass over the directory, only then) and,
 *    when over the limit, removes the least recently used (a hit touches
 *    its entry's mtime) until the store is under 3/4 of it, so that
 *    trimming is rare.  A single value larger than the limit is not kept.
 *
 * Hash: SHA-1, libgit2's (git_odb_hash(), a blob's id: the SHA-1 of
 * "blob <len>\0" and the bytes), which the program links already, with
 * its collision detection.  The keys are not secret and need no more
 * than a hash that does not collide by accident; a forged collision would
 * at worst give a value that verify.h judges like any other.
 */
#ifndef COCCIDRIVE_CACHESTORE_H
#define COCCIDRIVE_CACHESTORE_H

#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

#define CACHESTORE_KEY ((size_t)20)
#define CACHESTORE_DEFAULT_LIMIT (256u << 20)

struct cachestore {
	char *dir; /* NULL: no cache (off, or it could not be made) */
	uint64_t limit; /* bytes */
	struct strbuf why; /* why there is no cache, or why a put failed */
	size_t hits, misses, corrupt, stored;
	size_t trimmed; /* entries removed by the last trim */
};

/* A key from bytes (several: hash each, then the list of hashes). */
void cachestore_hash(unsigned char out[CACHESTORE_KEY], const void *buf,
		     size_t len);
/* 40 hex digits and a NUL. */
void cachestore_hex(char out[2 * CACHESTORE_KEY + 1],
		    const unsigned char key[CACHESTORE_KEY]);

/*
 * Use dir (created, with its parents, mode 0700 for new ones) as a store
 * bounded by limit bytes.  Returns 0, or -1 with the reason in cs->why
 * (the store is then off).
 */
int cachestore_open(struct cachestore *cs, const char *dir, uint64_t limit);
/* 1 and the value in out (replaced), or 0: a miss. */
int cachestore_get(struct cachestore *cs,
		   const unsigned char key[CACHESTORE_KEY], struct strbuf *out);
/* Keep a value under key, replacing any; 0, or -1 (reason in cs->why). */
int cachestore_put(struct cachestore *cs,
		   const unsigned char key[CACHESTORE_KEY], const void *buf,
		   size_t len);
/* Trim if this run stored something (see above), and forget the store. */
void cachestore_close(struct cachestore *cs);
/* The trim itself, whatever was stored (for tests). */
void cachestore_trim(struct cachestore *cs);

#endif
