/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ledger: the account of every occurrence.
 *
 * Each occurrence of the rule's identifier outside comments and strings,
 * in every scanned file, lands in exactly one bucket.  The ledger is
 * filled by comparing the driver's own view of a file before and after
 * spatch (see sites.h): spatch may skip a function it cannot parse and
 * say nothing, but the occurrence is still there in the result, so it
 * ends up here as manual work, with the reason.  An occurrence the
 * driver's view leaves to a human (site.manual) is manual work with that
 * reason, and a result that changed it is refused.
 */
#ifndef COCCIDRIVE_LEDGER_H
#define COCCIDRIVE_LEDGER_H

#include <stddef.h>

#include "cocci.h"
#include "sites.h"
#include "spatch.h"
#include "strbuf.h"

/*
 * --net=infer: the namespace chosen for one converted call (infer.h), with
 * what it rests on.  rank 1-4: expr is what the tree says; rank 5: expr is
 * "&init_net" and reason says why (nothing in scope, or candidates of one
 * rank that disagree, listed in candidates).
 */
struct ns_choice {
	char *expr;
	int rank;
	char *evidence; /* "path:line: declaration; ...", or NULL */
	char **candidates; /* "EXPR (evidence)", when ambiguous */
	size_t nr_candidates;
	char *reason; /* rank 5: why, and what to consider */
};

void ns_choice_release(struct ns_choice *c);
/* "EXPR (rank N: EVIDENCE)" or "&init_net (rank 5: REASON)" */
void ns_choice_describe(struct strbuf *sb, const struct ns_choice *c);

enum bucket {
	BUCKET_CONVERTED, /* a call that this run rewrites */
	BUCKET_ALREADY, /* a call that already had the new form */
	BUCKET_DECL, /* prototype, definition, export: converted or not */
	BUCKET_MANUAL, /* needs a human; reason says why */
	BUCKET_NR
};

struct occurrence {
	/*
	 * Relative to the run's root: the scan_file's rel itself (the same
	 * pointer, owned by the scan), so that a run over several versions of
	 * one file (scan_add_memory()) can tell which one it is in.
	 */
	const char *path;
	unsigned line, col; /* in the original file */
	enum site_kind kind;
	enum bucket bucket;
	int nargs;
	int rewritten; /* this run changes it (a converted call or declaration) */
	char *detail; /* what happened, or why manual work is needed */
	char *hint; /* a better namespace than &init_net, or NULL */
	/*
	 * The sk_change_net clean-up (skchange.h): which function this is
	 * an occurrence of ("sk_change_net", "sk_release_kernel") and what
	 * became of it ("folded", "released", "left"); NULL otherwise.
	 */
	const char *function, *outcome;
	/*
	 * A converted call that still needs a human, and what to do (a
	 * backport of a call that passed a namespace of its own), or NULL.
	 * Its bucket stays "converted": the patch changes it.
	 */
	char *follow_up;
	struct ns_choice *ns; /* --net=infer, a converted call; else NULL */
};

struct ledger {
	struct occurrence *v;
	size_t nr, alloc;
	/*
	 * ## chains that could paste the name, but whose macro no scanned
	 * file uses with the missing piece: not occurrences, not in a
	 * bucket, listed so that the user can judge (detail says why).
	 */
	struct occurrence *uncounted;
	size_t nr_uncounted, alloc_uncounted;
	size_t count[BUCKET_NR];
	size_t files_scanned, files_matched, files_changed;
	/* The clean-up's: of count[BUCKET_CONVERTED], folded and released. */
	size_t folded, released;
};

/* What the driver learnt about one file. */
struct file_outcome {
	const char *path; /* scan_file.rel: the name in the patch too */
	const struct site_list *before; /* sites of the original */
	const struct site_list *after; /* of the result; NULL: no result */
	const struct parse_errors *perr; /* may be NULL */
	const char *failure; /* why there is no result, or NULL */
	const char *first; /* after a second attempt: what the first converted */
	int retried; /* a second attempt with macro_file was made */
	const char *fallback; /* per site: converted by --fallback=text */
	const char *macro_file;
	/* The original's text: what a backport's dropped argument was. */
	const char *text;
	size_t text_len;
	/*
	 * --net=infer: per site of before, the namespace chosen (expr NULL:
	 * none); the ledger takes the strings of a converted call's.
	 */
	struct ns_choice *ns;
};

/*
 * Record every site of one file.  Returns 0 when spatch's result does not
 * correspond to the original (then every site is manual work and the
 * result must not be applied), else 1.
 */
int ledger_add(struct ledger *l, const struct cocci *rule,
	       const struct file_outcome *fo);
/* A file that mentions the identifier but cannot be converted at all. */
void ledger_add_unreadable(struct ledger *l, const char *path, unsigned line,
			   unsigned col, const char *why);
/*
 * An occurrence of the clean-up (skchange.h): outcome "folded" and
 * "released" are converted, "left" is manual work; detail is taken over.
 */
void ledger_add_cleanup(struct ledger *l, const char *path,
			const struct site *s, const char *function,
			const char *outcome, char *detail);
void ledger_release(struct ledger *l);

const char *bucket_name(enum bucket b);
/* The same as a JSON key or value: no spaces ("already_converted"). */
const char *bucket_key(enum bucket b);

/*
 * Whether the occurrence is one to act on, a line of its own in the
 * output: with check set, each left to convert (a call, an old-form
 * declaration) and each needing manual work; else (convert) those
 * needing manual work only, the patch shows the rest.
 */
int ledger_is_item(const struct occurrence *o, int check);
/* A converted call that still needs a human (o->follow_up says why). */
int ledger_has_follow_up(const struct occurrence *o);
/* A converted call whose conversion says how it was done (review it). */
int ledger_has_note(const struct occurrence *o);
/*
 * The words of an occurrence's "file:line:col:" line, in check's terms
 * ("convert would add") or convert's ("converted: added").
 */
void ledger_message(struct strbuf *sb, const struct cocci *rule,
		    const struct occurrence *o, int check);

/* Nothing left to do: nothing to rewrite, no manual work. */
int ledger_clean(const struct ledger *l);

#endif
