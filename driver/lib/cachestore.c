// SPDX-License-Identifier: GPL-2.0-only
#include "cachestore.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "digest.h"
#include "util.h"

/*
 * An entry file: MAGIC, the payload's length (8 bytes, little-endian),
 * SHA-1(key, SHA-1(payload)), then the payload.  No fsync: an entry a
 * power cut left empty or short fails the length or the checksum.
 */
static const char magic[8] = { 'c', 'd', 'c', 'a', 'c', 'h', 'e', '1' };
#define HEADER (8 + 8 + CACHESTORE_KEY)
/* A temporary file older than this is a killed run's. */
#define STALE_TMP_S 3600

void cachestore_hash(unsigned char out[CACHESTORE_KEY], const void *buf,
		     size_t len)
{
	digest_raw(buf, len, out);
}

void cachestore_hex(char out[2 * CACHESTORE_KEY + 1],
		    const unsigned char key[CACHESTORE_KEY])
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < CACHESTORE_KEY; i++) {
		out[2 * i] = hex[key[i] >> 4];
		out[2 * i + 1] = hex[key[i] & 15];
	}
	out[2 * CACHESTORE_KEY] = '\0';
}

static void checksum(unsigned char out[CACHESTORE_KEY],
		     const unsigned char key[CACHESTORE_KEY], const void *buf,
		     size_t len)
{
	unsigned char both[2 * CACHESTORE_KEY];

	memcpy(both, key, CACHESTORE_KEY);
	cachestore_hash(both + CACHESTORE_KEY, buf, len);
	cachestore_hash(out, both, sizeof(both));
}

/* mkdir -p, mode 0700 for what it creates. */
static int make_dirs(const char *dir)
{
	char *p = xstrdup(dir), *s;
	struct stat st;
	int ret = 0;

	for (s = p + 1; ret == 0; s++) {
		int end = !*s;

		if (*s != '/' && !end)
			continue;
		*s = '\0';
		if (mkdir(p, 0700) && errno != EEXIST)
			ret = -1;
		else if (stat(p, &st))
			ret = -1;
		else if (!S_ISDIR(st.st_mode))
			errno = ENOTDIR, ret = -1;
		if (end)
			break;
		*s = '/';
	}
	free(p);
	return ret;
}

int cachestore_open(struct cachestore *cs, const char *dir, uint64_t limit)
{
	memset(cs, 0, sizeof(*cs));
	strbuf_init(&cs->why, 0);
	cs->limit = limit;
	if (make_dirs(dir) || access(dir, R_OK | W_OK | X_OK)) {
		strbuf_addf(&cs->why, "%s: %s", dir, strerror(errno));
		return -1;
	}
	cs->dir = xstrdup(dir);
	return 0;
}

static void entry_path(const struct cachestore *cs, struct strbuf *sb,
		       const unsigned char key[CACHESTORE_KEY], int dir_only)
{
	char hex[2 * CACHESTORE_KEY + 1];

	cachestore_hex(hex, key);
	strbuf_addf(sb, "%s/%.2s", cs->dir, hex);
	if (!dir_only)
		strbuf_addf(sb, "/%s", hex + 2);
}

static uint64_t get_le64(const unsigned char *p)
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

int cachestore_get(struct cachestore *cs,
		   const unsigned char key[CACHESTORE_KEY], struct strbuf *out)
{
	struct strbuf path = STRBUF_INIT, raw = STRBUF_INIT;
	unsigned char sum[CACHESTORE_KEY];
	struct stat st;
	int fd, hit = 0;
	uint64_t len;

	if (!cs->dir)
		return 0;
	entry_path(cs, &path, key, 0);
	fd = open(path.buf, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		goto done;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) ||
	    strbuf_read_fd(&raw, fd, (size_t)st.st_size))
		goto bad;
	if (raw.len < HEADER || memcmp(raw.buf, magic, sizeof(magic)))
		goto bad;
	len = get_le64((const unsigned char *)raw.buf + 8);
	if (len != raw.len - HEADER)
		goto bad;
	checksum(sum, key, raw.buf + HEADER, raw.len - HEADER);
	if (memcmp(sum, raw.buf + 16, CACHESTORE_KEY))
		goto bad;
	strbuf_reset(out);
	strbuf_add(out, raw.buf + HEADER, raw.len - HEADER);
	/* Recently used: trimmed last.  No matter if it cannot be. */
	(void)futimens(fd, NULL);
	hit = 1;
	goto done;
bad:
	/* Whoever wrote it, it is no use: the next put replaces it. */
	cs->corrupt++;
	unlink(path.buf);
done:
	if (fd >= 0)
		close(fd);
	if (hit)
		cs->hits++;
	else
		cs->misses++;
	strbuf_release(&path);
	strbuf_release(&raw);
	return hit;
}

int cachestore_put(struct cachestore *cs,
		   const unsigned char key[CACHESTORE_KEY], const void *buf,
		   size_t len)
{
	struct strbuf path = STRBUF_INIT, tmp = STRBUF_INIT;
	unsigned char head[HEADER];
	uint64_t n = len;
	int fd = -1, i, ret = -1, made = 0;

	if (!cs->dir)
		return -1;
	if ((uint64_t)len + HEADER > cs->limit) {
		strbuf_reset(&cs->why);
		strbuf_addf(&cs->why, "a value of %zu bytes is over the limit",
			    len);
		return -1;
	}
	memcpy(head, magic, sizeof(magic));
	for (i = 0; i < 8; i++, n >>= 8)
		head[8 + i] = (unsigned char)(n & 0xff);
	checksum(head + 16, key, buf, len);
	entry_path(cs, &tmp, key, 1);
	if (mkdir(tmp.buf, 0700) && errno != EEXIST)
		goto fail;
	strbuf_addf(&tmp, "/.tmp-%ld-XXXXXX", (long)getpid());
	fd = mkstemp(tmp.buf);
	if (fd < 0)
		goto fail;
	made = 1;
	if (write_in_full(fd, head, sizeof(head)) ||
	    write_in_full(fd, buf, len) || close(fd)) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	entry_path(cs, &path, key, 0);
	if (rename(tmp.buf, path.buf))
		goto fail;
	cs->stored++;
	ret = 0;
	goto done;
fail:
	strbuf_reset(&cs->why);
	strbuf_addf(&cs->why, "%s: %s", tmp.buf, strerror(errno));
	if (fd >= 0)
		close(fd);
	if (made)
		unlink(tmp.buf);
done:
	strbuf_release(&path);
	strbuf_release(&tmp);
	return ret;
}

struct trim_entry {
	char *path;
	uint64_t size;
	struct timespec mtime;
};

static int cmp_age(const void *a, const void *b)
{
	const struct trim_entry *x = a, *y = b;

	if (x->mtime.tv_sec != y->mtime.tv_sec)
		return x->mtime.tv_sec < y->mtime.tv_sec ? -1 : 1;
	if (x->mtime.tv_nsec != y->mtime.tv_nsec)
		return x->mtime.tv_nsec < y->mtime.tv_nsec ? -1 : 1;
	return strcmp(x->path, y->path);
}

/* The entries of one fan-out directory; stale temporary files go. */
static void list_dir(const char *dir, struct trim_entry **v, size_t *nr,
		     size_t *alloc, uint64_t *total)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	time_t now = time(NULL);

	if (!d)
		return;
	while ((de = readdir(d))) {
		struct stat st;
		struct strbuf p = STRBUF_INIT;

		if (de->d_name[0] == '.' &&
		    (!de->d_name[1] || !strcmp(de->d_name, "..")))
			continue;
		strbuf_addf(&p, "%s/%s", dir, de->d_name);
		if (lstat(p.buf, &st) || !S_ISREG(st.st_mode)) {
			strbuf_release(&p);
			continue;
		}
		if (!strncmp(de->d_name, ".tmp-", 5)) {
			if (st.st_mtime + STALE_TMP_S < now)
				unlink(p.buf);
			strbuf_release(&p);
			continue;
		}
		ALLOC_GROW(*v, *nr + 1, *alloc);
		(*v)[*nr].path = strbuf_detach(&p, NULL);
		(*v)[*nr].size = (uint64_t)st.st_size;
		(*v)[*nr].mtime = st.st_mtim;
		*total += (uint64_t)st.st_size;
		(*nr)++;
	}
	closedir(d);
}

void cachestore_trim(struct cachestore *cs)
{
	struct trim_entry *v = NULL;
	size_t nr = 0, alloc = 0, i;
	uint64_t total = 0;
	DIR *d;
	struct dirent *de;

	cs->trimmed = 0;
	if (!cs->dir)
		return;
	d = opendir(cs->dir);
	if (!d)
		return;
	while ((de = readdir(d))) {
		struct strbuf p = STRBUF_INIT;

		/* Only our fan-out directories: two hex digits. */
		if (strlen(de->d_name) != 2 ||
		    !strchr("0123456789abcdef", de->d_name[0]) ||
		    !strchr("0123456789abcdef", de->d_name[1]))
			continue;
		strbuf_addf(&p, "%s/%s", cs->dir, de->d_name);
		list_dir(p.buf, &v, &nr, &alloc, &total);
		strbuf_release(&p);
	}
	closedir(d);
	if (total > cs->limit && nr) {
		qsort(v, nr, sizeof(*v), cmp_age);
		for (i = 0; i < nr && total > cs->limit / 4 * 3; i++)
			if (!unlink(v[i].path)) {
				total -= v[i].size;
				cs->trimmed++;
			}
	}
	for (i = 0; i < nr; i++)
		free(v[i].path);
	free(v);
}

void cachestore_close(struct cachestore *cs)
{
	if (cs->stored)
		cachestore_trim(cs);
	free(cs->dir);
	cs->dir = NULL;
	strbuf_release(&cs->why);
}
