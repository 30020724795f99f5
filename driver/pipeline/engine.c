// SPDX-License-Identifier: GPL-2.0-only
#include "engine.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "account.h"
#include "atomic.h"
#include "infer.h"
#include "progress.h"
#include "second_chance.h"
#include "select.h"
#include "shard.h"
#include "skchange.h"
#include "transform.h"
#include "util.h"

/*
 * The run's scratch folder, removed on every exit path (see die()).  The
 * interrupt signals are held from the start of the run to its end, so
 * that none can leave the folder behind and each ends the run with one
 * line: prefilter looks for one after each file, the pool lets them in
 * while spatch runs (see pool.h), and one that arrives between two
 * rounds stops the run once the folder is removed.
 */
static char *scratch_dir;
static int scratch_lock = -1;
static sigset_t run_mask;

static void remove_scratch(void)
{
	if (!scratch_dir)
		return;
	atomic_scratch_remove(scratch_dir, scratch_lock);
	scratch_lock = -1;
	free(scratch_dir);
	scratch_dir = NULL;
}

static void make_scratch(struct engine *e)
{
	e->tmpdir = atomic_scratch_make(&scratch_lock);
	scratch_dir = xstrdup(e->tmpdir);
	set_die_cleanup(remove_scratch);
}

/*
 * After the last spatch: the scratch directory goes, and a signal held
 * since the pool's last round stops the run before anything is written.
 */
static void leave_scratch(void)
{
	remove_scratch();
	set_die_cleanup(NULL);
	die_if_interrupted();
	interrupt_release(&run_mask);
}

void engine_init(struct engine *e, const char *cocci_path)
{
	memset(e, 0, sizeof(*e));
	cocci_load(&e->rule, cocci_path);
	spatch_find(&e->sp, &e->rule);
}

/* --shard K/N: the part of the selection this run keeps (shard.h). */
static void keep_shard(struct engine *e, const struct engine_opts *o)
{
	struct shard_opts so = { 0 };
	struct strbuf opts = STRBUF_INIT;

	strbuf_addf(&opts, "--max-size=%zu --fallback=%s --layout=%s%s%s",
		    o->max_size, o->fallback_text ? "text" : "none",
		    o->wrap_one_line ? "80" : "upstream",
		    o->keep_going ? " --keep-going" : "",
		    o->net_infer ? " --net=infer" : "");
	so.k = o->shard_k;
	so.n = o->shard_n;
	so.macro_file = o->macro_file;
	so.options = opts.buf;
	so.keep_going = o->keep_going;
	shard_select(&e->res.shard, &so, &e->rule, &e->sp, &e->scan,
		     &e->res.files, &e->res.ledger);
	strbuf_release(&opts);
}

/* What the progress line counts (progress.h). */
static const char *const progress_labels[PROGRESS_NR_COUNTS] = {
	[PROGRESS_FILES] = "files",
	[PROGRESS_JOBS] = "spatch",
};

/* The caches (cache.h), unless --no-cache; the scan's only for TREEs. */
static void open_cache(struct engine *e, char *const *trees,
		       const struct engine_opts *o)
{
	struct cache_opts co = { o->verbose, o->macro_file, o->fallback_text,
				 o->wrap_one_line };

	memset(&e->cache, 0, sizeof(e->cache));
	if (!o->cache)
		return;
	cache_open(&e->cache, &e->rule, &e->sp, &co);
	if (trees)
		cache_open_scan(&e->cache, &e->rule, &e->root, e->root.nr,
				&e->scan);
}

static void close_cache(struct engine *e)
{
	struct cache_figures *f = &e->res.cache;

	f->used = e->cache.on;
	f->hits = e->cache.hits;
	f->misses = e->cache.misses;
	f->stored = e->cache.stored;
	f->files_not_read = e->cache.not_read;
	cache_close(&e->cache);
}

/* The scratch directory, and the transform stage's settings from o. */
static void start_transform(struct engine *e, const struct engine_opts *o)
{
	struct transform *tf = &e->tf;

	make_scratch(e);
	memset(tf, 0, sizeof(*tf));
	tf->rule = &e->rule;
	tf->sp = &e->sp;
	tf->scratch = e->tmpdir;
	tf->jobs = o->jobs;
	tf->timeout_s = o->timeout_s;
}

/*
 * The sk_change_net clean-up (skchange.h): the tree's era first, then
 * its own select, whole files to spatch (its rule decides per file, a
 * slice could hide a release), its own finish and account.  Neither the
 * result cache nor the second attempts: they are the conversion's.
 */
static const struct run_result *
run_cleanup(struct engine *e, char *const *trees, const struct engine_opts *o)
{
	struct transform *tf = &e->tf;
	size_t i;

	if (!o->cleanup_force)
		skchange_check_tree(e->root.path);
	progress_total(PROGRESS_FILES, e->scan.nr);
	skchange_select(&e->rule, &e->scan, trees, o->max_size, &e->res.files,
			&e->res.ledger);
	start_transform(e, o);
	for (i = 0; i < e->res.files.nr; i++)
		e->res.files.v[i].run_now = e->res.files.v[i].needs_spatch;
	transform_round(tf, e->res.files.v, e->res.files.nr, NULL);
	leave_scratch();
	e->res.spatch_runs = tf->runs;
	for (i = 0; i < e->res.files.nr; i++) {
		struct file_result *r = &e->res.files.v[i];
		int failed;

		/* Failures counted after finish: it forgives one (skchange.c). */
		skchange_finish(r);
		failed = !!r->failure;
		failed |= skchange_account(r, &e->res.ledger);
		e->res.spatch_failures += (size_t)failed;
	}
	e->res.rule = &e->rule;
	e->res.scan = &e->scan;
	e->res.root = e->root.path;
	progress_stop();
	return &e->res;
}

/* select onwards, on e->scan; the signals are held. */
static const struct run_result *run_stages(struct engine *e, char *const *trees,
					   const struct engine_opts *o)
{
	struct transform *tf = &e->tf;
	struct infer inf;
	size_t i;

	if (e->rule.cleanup)
		return run_cleanup(e, trees, o);
	progress_total(PROGRESS_FILES, e->scan.nr);
	open_cache(e, trees, o);
	select_files(&e->rule, &e->scan, trees, o->max_size, o->jobs,
		     &e->res.files, &e->res.ledger, &e->cache);
	if (o->shard_n)
		keep_shard(e, o);
	start_transform(e, o);
	tf->wrap_one_line = o->wrap_one_line;
	/* For tests and benchmarks: whole files, as before slicing. */
	tf->slice = !getenv("COCCIDRIVE_NO_SLICE");
	e->macro_file =
		second_chance_macro_file(&e->rule, o->macro_file, e->tmpdir);
	/* Results in the cache skip spatch: the rest, until put back. */
	cache_take_hits(&e->cache, &e->rule, &e->res.files);
	for (i = 0; i < e->res.files.nr; i++)
		e->res.files.v[i].run_now = e->res.files.v[i].needs_spatch;
	transform_round(tf, e->res.files.v, e->res.files.nr, NULL);
	for (i = 0; i < e->res.files.nr; i++)
		transform_finish(tf, &e->res.files.v[i]);
	second_chance_retry(tf, e->res.files.v, e->res.files.nr, e->macro_file);
	if (o->fallback_text)
		for (i = 0; i < e->res.files.nr; i++)
			second_chance_fallback(tf, &e->res.files.v[i]);
	leave_scratch();
	cache_put_back(&e->cache, &e->res.files);
	close_cache(e);
	e->res.spatch_runs = tf->runs;
	e->res.spatch_failures = tf->failures;
	e->res.slice_fallbacks = tf->slice_fallbacks;
	/*
	 * The result cache holds transform's results: --net=infer, after
	 * verify, is not in its key.
	 */
	if (o->net_infer)
		infer_init(&inf, e->root.path, o->wrap_one_line);
	for (i = 0; i < e->res.files.nr; i++)
		account_file(&e->tf, e->macro_file, o->net_infer ? &inf : NULL,
			     &e->res.files.v[i], &e->res);
	if (o->net_infer)
		infer_release(&inf);
	e->res.net_infer = o->net_infer;
	e->res.rule = &e->rule;
	e->res.scan = &e->scan;
	e->res.root = e->root.path;
	progress_stop();
	return &e->res;
}

/* A clean-up rule runs with convert only, whole: one line, status 2. */
static void refuse_cleanup(const struct engine *e, const struct engine_opts *o,
			   int files)
{
	/* The namespace is chosen for a call that gains one (infer.h). */
	if (o->net_infer && (e->rule.cleanup || e->rule.drop_first_arg))
		die("%s: --net=infer is for a rule that adds the namespace, "
		    "not for a %s",
		    e->rule.path,
		    e->rule.cleanup ? "clean-up rule" : "backport rule");
	if (!e->rule.cleanup)
		return;
	if (!o->cleanup_ok || files)
		die("%s: a clean-up rule (cleanup=%s): run it with 'coccidrive "
		    "convert'",
		    e->rule.path, e->rule.cleanup);
	if (o->shard_n || o->fallback_text)
		die("%s: --%s does not apply to the clean-up rule",
		    e->rule.path, o->shard_n ? "shard" : "fallback=text");
}

const struct run_result *engine_run(struct engine *e, char *const *trees,
				    size_t nr, const struct engine_opts *o)
{
	refuse_cleanup(e, o, 0);
	interrupt_hold(&run_mask);
	progress_start(o->progress, "coccidrive", progress_labels);
	root_find(&e->root, trees, nr, o->root);
	/* The scan cache compares each file's stat with what it knew. */
	e->scan.want_stat = o->cache;
	scan_trees(trees, nr, &e->root, &e->scan);
	return run_stages(e, trees, o);
}

const struct run_result *engine_run_files(struct engine *e, struct scan *files,
					  const char *root,
					  const struct engine_opts *o)
{
	refuse_cleanup(e, o, 1);
	interrupt_hold(&run_mask);
	progress_start(o->progress, "coccidrive", progress_labels);
	memset(&e->root, 0, sizeof(e->root));
	e->root.path = xstrdup(root);
	e->scan = *files;
	memset(files, 0, sizeof(*files));
	return run_stages(e, NULL, o);
}

void engine_reset(struct engine *e)
{
	size_t i;

	for (i = 0; i < e->res.files.nr; i++)
		file_result_release(&e->res.files.v[i]);
	free(e->res.files.v);
	e->res.files.v = NULL;
	e->res.files.nr = e->res.files.alloc = 0;
	ledger_release(&e->res.ledger);
	shard_release(&e->res.shard);
	scan_release(&e->scan);
	root_release(&e->root);
	e->res.root = NULL;
	free(e->tmpdir);
	e->tmpdir = NULL;
	free(e->macro_file);
	e->macro_file = NULL;
	e->res.spatch_runs = 0;
	e->res.spatch_failures = 0;
	e->res.slice_fallbacks = 0;
	memset(&e->res.cache, 0, sizeof(e->res.cache));
}

void engine_release(struct engine *e)
{
	engine_reset(e);
	spatch_release(&e->sp);
	cocci_release(&e->rule);
}
