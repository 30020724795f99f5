/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * engine: one conversion run, from TREE arguments to per-file results
 * and a filled ledger.  It writes nothing into the trees: the commands
 * decide what to do with the results (print a diff, rewrite in place,
 * report, compare with golden files), so an error or an interruption
 * before that point can never leave a file half-written.
 *
 *   scan -> prefilter (read, tokenize, find sites) -> pool of spatch
 *   processes on the files that need it -> restore (what spatch must not
 *   change) -> layout -> sites of the result -> ledger
 */
#ifndef COCCIDRIVE_ENGINE_H
#define COCCIDRIVE_ENGINE_H

#include <stddef.h>

#include "cocci.h"
#include "ledger.h"
#include "scan.h"
#include "sites.h"
#include "spatch.h"
#include "strbuf.h"

struct engine_opts {
	unsigned jobs; /* parallel spatch processes; 0: one per CPU */
	unsigned timeout_s; /* per file; 0: none */
	size_t max_size; /* bytes; larger files are reported, not converted */
	const char *macro_file; /* the user's, added to the rule's */
	int fallback_text; /* --fallback=text */
	int wrap_one_line; /* --layout=80: may add a line to a one-line call */
};

/* A file with at least one occurrence of the identifier. */
struct file_result {
	const struct scan_file *file;
	struct strbuf before;
	struct stat st; /* of the descriptor before was read from */
	int named_link; /* a TREE that is a symbolic link to this file */
	struct strbuf after; /* the result; equal to before if unchanged */
	struct site_list sites; /* of before */
	struct site_list after_sites;
	struct parse_errors perr;
	char *failure; /* why spatch gave no usable result, or NULL */
	int needs_spatch; /* has something spatch could convert */
	int run_now; /* to be given to spatch in the next round */
	/* A second attempt with the macro file: the first attempt's result. */
	struct strbuf first_after;
	char *first; /* per site: the first attempt converted it */
	int retried; /* had a second attempt, whether it helped or not */
	char *fallback; /* per site: converted by --fallback=text */
	int changed_by_spatch; /* spatch's own result differs */
	int changed; /* the final result differs, and is trusted */
};

struct engine {
	struct cocci rule;
	struct spatch sp;
	struct scan scan;
	struct file_result *res;
	size_t nr, alloc;
	struct ledger ledger;
	char *tmpdir;
	size_t spatch_runs;
	size_t spatch_failures; /* files spatch gave no usable result for */
	char *macro_file; /* for second attempts; NULL: none */
	int wrap_one_line; /* from engine_opts, for the layout pass */
};

#define ENGINE_DEFAULT_TIMEOUT 120
#define ENGINE_DEFAULT_MAX_SIZE (8u << 20)

/* Load the rule, find spatch; dies (status 2) on any problem. */
void engine_init(struct engine *e, const char *cocci_path);
/* Scan, run spatch, fill the ledger; dies (status 2) on trouble. */
void engine_run(struct engine *e, char *const *trees, size_t nr,
		const struct engine_opts *o);
/* Forget the last run, keep the rule and spatch for the next. */
void engine_reset(struct engine *e);
void engine_release(struct engine *e);

/*
 * For the engine's own modules (engine.c, second_chance.c): one round of
 * spatch over the results marked run_now, and turning its output into
 * the final text and sites.
 */
void engine_spatch(struct engine *e, const struct engine_opts *o,
		   const char *macro_file);
void engine_finish_result(struct engine *e, struct file_result *r);
void engine_finish_layout(struct engine *e, struct file_result *r);
void engine_remove_scratch(void);
/* A call, prototype or definition still in the form the rule converts. */
int engine_old_form(const struct engine *e, const struct site *s);
/* Site i of r is a call that went from the old form to the new. */
int engine_converted_call(const struct engine *e, const struct file_result *r,
			  size_t i);
/* Insert the rule's new first argument into the call at site s. */
void engine_insert_arg(const struct engine *e, struct strbuf *text,
		       const struct ctok_list *toks, const struct site *s);
void engine_setup_macro_file(struct engine *e, const struct engine_opts *o);
void engine_retry_with_macros(struct engine *e, const struct engine_opts *o);
void engine_text_fallback(struct engine *e, struct file_result *r);

#endif
