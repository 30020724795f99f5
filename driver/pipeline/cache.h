/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cache: the warm path.  Two caches in one store (cachestore.h) under
 * $COCCIDRIVE_CACHE_DIR, else $XDG_CACHE_HOME/coccidrive, else
 * ~/.cache/coccidrive, in its subdirectory "store-1" (the format's
 * version), bounded by $COCCIDRIVE_CACHE_MAX bytes (default 256 MiB).
 *
 * The result cache: what the transform stage made of one file (spatch's
 * result after restore, layout, the second attempts and --fallback; its
 * parse errors; what each attempt converted), keyed by the SHA-1 of
 *   - the file's bytes (the text select read) and whether it is a .h,
 *   - the rule (the whole .cocci), its macro file and the user's
 *     --macro-file, the contents of ~/.cocciconfig and ./.cocciconfig,
 *   - spatch: its path, its executable's identity (device, inode, size,
 *     mtime) and all that "spatch --version" printed,
 *   - coccidrive itself: its version and its executable's identity, so
 *     that a rebuilt program never reads what another build made,
 *   - the options that change a result: --fallback and --layout.
 * A hit skips spatch for that file; the verify and account stages judge
 * it as they judge spatch's own result, so an entry, whatever it holds,
 * can never let through an edit that is not exactly the rule's: at worst
 * it is refused, as a wrong spatch result would be.  Failures (a crash,
 * a timeout, no result) are never stored: they may not repeat.
 *
 * The scan cache: per (root, the TREEs below it, the identifier, this
 * program), for each file select read, its (name, device, inode, size,
 * mtime, ctime) and what reading it told: "does not mention the
 * identifier", and "brings no piece P to macro M's argument N" for the
 * ## chains whose uses select looked for (sites_paste_supplied()).  A file the walk finds with the
 * same stat is not opened for what is known.  A file whose mtime or ctime
 * is within RACY_S seconds of the start of the run that read it is not
 * recorded (a later edit in the same clock tick would leave its stat
 * unchanged, git's "racy" files); an edit that puts the size and the
 * mtime back (touch -d) still changes the ctime.  One entry, read at the
 * start with one read, written at the end only when it changed.
 *
 * Never fatal: with no usable directory the run goes on without (a note
 * in -v).  --no-cache: neither cache is read or written.
 */
#ifndef COCCIDRIVE_CACHE_H
#define COCCIDRIVE_CACHE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <time.h>

#include "cachestore.h"
#include "cocci.h"
#include "file_result.h"
#include "root.h"
#include "scan.h"
#include "spatch.h"
#include "strbuf.h"

#define CACHE_RACY_S 2
#define CACHE_MAX_MACROS 32

struct cache_opts {
	int verbose; /* notes on stderr: where, why not, what it did */
	const char *macro_file; /* the user's --macro-file, or NULL */
	int fallback_text, wrap_one_line;
};

struct scan_rec {
	const char *rel; /* into the loaded entry, or the scan's */
	uint64_t dev, ino, size;
	struct timespec mtime, ctime;
	uint32_t flags; /* SCAN_NO_IDENT, and bit 1 + m: lacks macro m */
	int known; /* holds what a read told (else: nothing known) */
	int looked; /* this run: the past record was looked for */
};

struct run_cache {
	struct cachestore store;
	int on, verbose;
	unsigned char base[CACHESTORE_KEY]; /* all but the file's bytes */
	size_t hits, misses, stored; /* results */
	/* The misses, moved aside (see cache_take_hits()). */
	struct file_result *all;
	size_t all_nr, all_alloc, *miss_at;
	/* The scan cache. */
	int scan_on, scan_dirty;
	unsigned char scan_key[CACHESTORE_KEY];
	struct strbuf scan_raw; /* the loaded entry */
	struct scan_rec *old;
	size_t old_nr, cursor; /* the next one, in the scan's order */
	struct scan_rec *now; /* per scanned file, this run */
	size_t now_nr;
	char *macros[CACHE_MAX_MACROS];
	size_t nr_macros;
	struct timespec start;
	size_t not_read, paste_not_read; /* files the scan cache spared */
	/* The open ## chains' sites and their bits, found once per run. */
	struct paste_q {
		const struct site *s;
		int bit; /* -1: not in the list (yet) */
	} * open;
	size_t open_nr;
	int open_found;
};

/* The result cache (rule and spatch as the engine has them). */
void cache_open(struct run_cache *c, const struct cocci *rule,
		const struct spatch *sp, const struct cache_opts *o);
/* And the scan cache of these files (on disk), before select. */
void cache_open_scan(struct run_cache *c, const struct cocci *rule,
		     const struct root *root, size_t nr_trees,
		     const struct scan *scan);

/*
 * The files with a stored result get it (as transform would have left
 * them); files is left holding only the others, for the transform
 * stage, until cache_put_back().
 */
void cache_take_hits(struct run_cache *c, const struct cocci *rule,
		     struct file_results *files);
/* Store the good results of the transform stage; all files back, in order. */
void cache_put_back(struct run_cache *c, struct file_results *files);

/*
 * select's hooks.  They change f's own record and the counters: not
 * safe from several threads at once (a threaded select would call them
 * under a lock, or from the thread that merges the workers' verdicts).
 */
/* select: 1 when f is known not to mention the identifier (not read). */
int cache_scan_known_absent(struct run_cache *c, const struct scan *scan,
			    const struct scan_file *f);
/* select: f was read (st: its descriptor's), and mentions it or not. */
void cache_scan_note(struct run_cache *c, const struct scan *scan,
		     const struct scan_file *f, const struct stat *st,
		     int mentions);
/* weigh_pastes: 1 when f brings none of the open ## chains' pieces. */
int cache_paste_known_absent(struct run_cache *c, const struct scan *scan,
			     const struct scan_file *f,
			     const struct file_results *files);
/*
 * weigh_pastes: f was read (st: its descriptor's; unread when f is in
 * memory) and brings none of the open chains' pieces.
 */
void cache_paste_note(struct run_cache *c, const struct scan *scan,
		      const struct scan_file *f, const struct stat *st,
		      const struct file_results *files);

/* Write the scan cache if it changed, trim, forget; the figures stay. */
void cache_close(struct run_cache *c);

#endif
