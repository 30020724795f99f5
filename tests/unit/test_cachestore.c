// SPDX-License-Identifier: GPL-2.0-only
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cachestore.h"
#include "unit.h"
#include "unit_tmp.h"

static void key_of(unsigned char key[CACHESTORE_KEY], const char *s)
{
	cachestore_hash(key, s, strlen(s));
}

static void entry_file(struct strbuf *sb, const char *dir, const char *s)
{
	unsigned char key[CACHESTORE_KEY];
	char hex[2 * CACHESTORE_KEY + 1];

	key_of(key, s);
	cachestore_hex(hex, key);
	strbuf_addf(sb, "%s/%.2s/%s", dir, hex, hex + 2);
}

static int write_file(const char *path, const char *s, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	if (fd < 0)
		return -1;
	if (write_in_full(fd, s, len)) {
		close(fd);
		return -1;
	}
	return close(fd);
}

static char *store_dir(const char *name)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "%s/%s/deep/store", tmpdir, name);
	return strbuf_detach(&sb, NULL);
}

static void test_hash_is_git_blob_id(void)
{
	unsigned char key[CACHESTORE_KEY];
	char hex[2 * CACHESTORE_KEY + 1];

	/* git hash-object of an empty file, and of "hello\n". */
	cachestore_hash(key, "", 0);
	cachestore_hex(hex, key);
	EXPECT_STR(hex, "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
	cachestore_hash(key, "hello\n", 6);
	cachestore_hex(hex, key);
	EXPECT_STR(hex, "ce013625030ba8dba906f756967f9e9ca394464a");
}

static void test_put_get(void)
{
	struct cachestore cs;
	unsigned char a[CACHESTORE_KEY], b[CACHESTORE_KEY];
	struct strbuf v = STRBUF_INIT;
	char *dir = store_dir("putget");

	EXPECT(!cachestore_open(&cs, dir, 1 << 20));
	key_of(a, "a");
	key_of(b, "b");
	EXPECT(!cachestore_get(&cs, a, &v));
	EXPECT(!cachestore_put(&cs, a, "value\0with NUL", 14));
	EXPECT(cachestore_get(&cs, a, &v));
	EXPECT(v.len == 14 && !memcmp(v.buf, "value\0with NUL", 14));
	EXPECT(!cachestore_get(&cs, b, &v));
	/* Replaced, and empty values are values. */
	EXPECT(!cachestore_put(&cs, a, "", 0));
	EXPECT(cachestore_get(&cs, a, &v) && v.len == 0);
	EXPECT(cs.hits == 2 && cs.misses == 2 && cs.stored == 2);
	cachestore_close(&cs);
	/* Another run finds it. */
	EXPECT(!cachestore_open(&cs, dir, 1 << 20));
	EXPECT(cachestore_get(&cs, a, &v) && v.len == 0);
	cachestore_close(&cs);
	strbuf_release(&v);
	free(dir);
}

/* Every way of spoiling an entry is a miss, and the entry goes. */
static void test_corrupt_is_miss(void)
{
	static const char *const how[] = { "truncate", "flip", "grow", "empty",
					   "other key" };
	struct cachestore cs;
	unsigned char a[CACHESTORE_KEY], b[CACHESTORE_KEY];
	struct strbuf v = STRBUF_INIT, path = STRBUF_INIT, raw = STRBUF_INIT;
	char *dir = store_dir("corrupt");
	size_t i;

	key_of(a, "a");
	key_of(b, "b");
	for (i = 0; i < ARRAY_SIZE(how); i++) {
		int fd;

		EXPECT(!cachestore_open(&cs, dir, 1 << 20));
		EXPECT(!cachestore_put(&cs, a, "the value of a", 14));
		EXPECT(!cachestore_put(&cs, b, "the value of b", 14));
		strbuf_reset(&path);
		entry_file(&path, dir, "a");
		strbuf_reset(&raw);
		if (i == 4) {
			struct strbuf other = STRBUF_INIT;

			/* b's whole entry under a's name. */
			entry_file(&other, dir, "b");
			EXPECT(!strbuf_read_file(&raw, other.buf, 0));
			strbuf_release(&other);
		} else {
			EXPECT(!strbuf_read_file(&raw, path.buf, 0));
		}
		if (i == 0)
			strbuf_setlen(&raw, raw.len - 1);
		else if (i == 1)
			raw.buf[raw.len - 3] ^= 0x20;
		else if (i == 2)
			strbuf_addch(&raw, 'x');
		else if (i == 3)
			strbuf_reset(&raw);
		fd = open(path.buf, O_WRONLY | O_TRUNC);
		EXPECT(fd >= 0 && !write_in_full(fd, raw.buf, raw.len));
		close(fd);
		EXPECT(!cachestore_get(&cs, a, &v));
		if (cs.corrupt != 1)
			fprintf(stderr, "%s: not seen as corrupt\n", how[i]);
		EXPECT(cs.corrupt == 1);
		EXPECT(access(path.buf, F_OK)); /* removed */
		EXPECT(cachestore_get(&cs, b, &v) && v.len == 14);
		cachestore_close(&cs);
	}
	strbuf_release(&v);
	strbuf_release(&path);
	strbuf_release(&raw);
	free(dir);
}

static void test_unusable_dir(void)
{
	struct cachestore cs;
	unsigned char a[CACHESTORE_KEY];
	struct strbuf v = STRBUF_INIT, file = STRBUF_INIT;

	key_of(a, "a");
	strbuf_addf(&file, "%s/plainfile", tmpdir);
	EXPECT(!write_file(file.buf, "x", 1));
	strbuf_addstr(&file, "/store");
	EXPECT(cachestore_open(&cs, file.buf, 1 << 20) == -1);
	EXPECT(strstr(cs.why.buf, "plainfile"));
	/* Everything is a no-op on a store that is off. */
	EXPECT(cachestore_put(&cs, a, "v", 1) == -1);
	EXPECT(!cachestore_get(&cs, a, &v));
	cachestore_close(&cs);
	strbuf_release(&v);
	strbuf_release(&file);
}

static size_t count_entries(const char *dir, uint64_t *bytes)
{
	DIR *d = opendir(dir), *sub;
	struct dirent *de, *se;
	size_t n = 0;

	*bytes = 0;
	while (d && (de = readdir(d))) {
		struct strbuf p = STRBUF_INIT;

		if (de->d_name[0] == '.')
			continue;
		strbuf_addf(&p, "%s/%s", dir, de->d_name);
		sub = opendir(p.buf);
		while (sub && (se = readdir(sub))) {
			struct strbuf f = STRBUF_INIT;
			struct stat st;

			if (!strcmp(se->d_name, ".") ||
			    !strcmp(se->d_name, ".."))
				continue;
			strbuf_addf(&f, "%s/%s", p.buf, se->d_name);
			if (!stat(f.buf, &st)) {
				*bytes += (uint64_t)st.st_size;
				n++;
			}
			strbuf_release(&f);
		}
		if (sub)
			closedir(sub);
		strbuf_release(&p);
	}
	if (d)
		closedir(d);
	return n;
}

/* Over the limit: the least recently used go first, down to 3/4. */
static void test_trim(void)
{
	struct cachestore cs;
	unsigned char key[CACHESTORE_KEY];
	struct strbuf v = STRBUF_INIT, path = STRBUF_INIT;
	char *dir = store_dir("trim"), big[1000], name[16];
	uint64_t bytes;
	struct timespec times[2];
	size_t i;

	memset(big, 'x', sizeof(big));
	EXPECT(!cachestore_open(&cs, dir, 10000));
	for (i = 0; i < 9; i++) {
		snprintf(name, sizeof(name), "k%zu", i);
		key_of(key, name);
		EXPECT(!cachestore_put(&cs, key, big, sizeof(big)));
		/* k0 oldest ... k8 newest */
		strbuf_reset(&path);
		entry_file(&path, dir, name);
		times[0].tv_sec = times[1].tv_sec = 1000000 + (time_t)i;
		times[0].tv_nsec = times[1].tv_nsec = 0;
		EXPECT(!utimensat(AT_FDCWD, path.buf, times, 0));
	}
	/* A hit makes k0 the most recently used. */
	key_of(key, "k0");
	EXPECT(cachestore_get(&cs, key, &v));
	/* Too big for any store of this size: not kept. */
	{
		char huge[20000];

		memset(huge, 'y', sizeof(huge));
		key_of(key, "huge");
		EXPECT(cachestore_put(&cs, key, huge, sizeof(huge)) == -1);
	}
	cachestore_trim(&cs);
	EXPECT(cs.trimmed == 0); /* 9 entries of 1036 bytes: under 10000 */
	key_of(key, "k9");
	EXPECT(!cachestore_put(&cs, key, big, sizeof(big)));
	cachestore_close(&cs); /* it stored: trims, 10360 > 10000 */
	EXPECT(count_entries(dir, &bytes) == 7);
	EXPECT(bytes <= 7500);
	EXPECT(!cachestore_open(&cs, dir, 10000));
	for (i = 0; i < 10; i++) {
		snprintf(name, sizeof(name), "k%zu", i);
		key_of(key, name);
		/* k1, k2, k3 were the oldest */
		EXPECT(cachestore_get(&cs, key, &v) == (i < 1 || i > 3));
	}
	cachestore_close(&cs);
	strbuf_release(&v);
	strbuf_release(&path);
	free(dir);
}

/* A killed run's temporary file: gone once stale, not before. */
static void test_stale_temporary(void)
{
	struct cachestore cs;
	unsigned char key[CACHESTORE_KEY];
	struct strbuf fresh = STRBUF_INIT, stale = STRBUF_INIT;
	char *dir = store_dir("stale");
	struct timespec old[2] = { { 1000, 0 }, { 1000, 0 } };

	EXPECT(!cachestore_open(&cs, dir, 1 << 20));
	key_of(key, "a");
	EXPECT(!cachestore_put(&cs, key, "v", 1));
	strbuf_addf(&fresh, "%s/00/.tmp-1-fresh", dir);
	strbuf_addf(&stale, "%s/00/.tmp-1-stale", dir);
	{
		/* A fan-out directory of its own, whatever the key's. */
		struct strbuf d = STRBUF_INIT;

		strbuf_addf(&d, "%s/00", dir);
		mkdir(d.buf, 0700);
		strbuf_release(&d);
	}
	EXPECT(!write_file(fresh.buf, "half", 4));
	EXPECT(!write_file(stale.buf, "half", 4));
	EXPECT(!utimensat(AT_FDCWD, stale.buf, old, 0));
	cachestore_close(&cs);
	EXPECT(!access(fresh.buf, F_OK));
	EXPECT(access(stale.buf, F_OK));
	strbuf_release(&fresh);
	strbuf_release(&stale);
	free(dir);
}

/* Writers in parallel on the same keys: every read is whole. */
static void test_concurrent_writers(void)
{
	char *dir = store_dir("concurrent");
	pid_t pids[4];
	size_t i;
	int status, ok = 1;

	for (i = 0; i < ARRAY_SIZE(pids); i++) {
		pids[i] = fork();
		if (!pids[i]) {
			struct cachestore cs;
			struct strbuf v = STRBUF_INIT;
			unsigned char key[CACHESTORE_KEY];
			char val[4096];
			int n, bad = 0;

			if (cachestore_open(&cs, dir, 1 << 24))
				_exit(3);
			for (n = 0; n < 200; n++) {
				char k[8];

				snprintf(k, sizeof(k), "k%d", n % 7);
				key_of(key, k);
				memset(val, 'a' + (int)i, sizeof(val));
				if (cachestore_put(&cs, key, val,
						   (size_t)(100 + n % 3000)))
					bad = 1;
				if (cachestore_get(&cs, key, &v) &&
				    (v.len < 100 || v.buf[0] < 'a' ||
				     v.buf[0] > 'd' ||
				     v.buf[v.len - 1] != v.buf[0]))
					bad = 1;
			}
			bad |= cs.corrupt != 0;
			cachestore_close(&cs);
			_exit(bad);
		}
	}
	for (i = 0; i < ARRAY_SIZE(pids); i++)
		if (waitpid(pids[i], &status, 0) < 0 || !WIFEXITED(status) ||
		    WEXITSTATUS(status))
			ok = 0;
	EXPECT(ok);
	free(dir);
}

int main(void)
{
	unit_tmp_setup("test_cachestore");
	RUN(test_hash_is_git_blob_id);
	RUN(test_put_get);
	RUN(test_corrupt_is_miss);
	RUN(test_unusable_dir);
	RUN(test_trim);
	RUN(test_stale_temporary);
	RUN(test_concurrent_writers);
	unit_tmp_cleanup();
	return UNIT_EXIT();
}
