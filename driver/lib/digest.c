// SPDX-License-Identifier: GPL-2.0-only
#include "digest.h"

#include <git2.h>
#include <string.h>

#include "util.h"

void digest_raw(const void *data, size_t len, unsigned char out[DIGEST_LEN])
{
	static int started;
	git_oid oid;

	/* libgit2 counts its users: one more start is harmless. */
	if (!started && git_libgit2_init() < 0)
		die("libgit2: cannot start");
	started = 1;
	if (git_odb_hash(&oid, data, len, GIT_OBJECT_BLOB))
		die("libgit2: cannot hash %zu bytes", len);
	memcpy(out, oid.id, DIGEST_LEN);
}

void digest_hex(const void *data, size_t len, char out[DIGEST_HEX_LEN + 1])
{
	git_oid oid;

	digest_raw(data, len, oid.id);
	git_oid_tostr(out, DIGEST_HEX_LEN + 1, &oid);
}
