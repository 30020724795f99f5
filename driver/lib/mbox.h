/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mbox: a mailbox of patches split into messages, and what each message
 * says about itself, as "git am" (mailsplit, mailinfo) reads them.
 *
 * A message starts at a "From " line that stands at the start of the
 * input or after an empty line and looks like an mbox separator, as git
 * mailsplit tells them (a time "hh:mm:ss" and a year after it): the lines
 * "git format-patch --stdout", "b4 am" and mail clients write.  Input
 * that does not start with one is a single message (a mail saved alone,
 * the one patch b4 hands a per-patch check on stdin).  In the body,
 * ">From " lines quoted by mboxrd lose one '>'.  Lines may end in CRLF
 * (the CR goes).
 *
 * Each message keeps the original commit id when the separator is
 * format-patch's "From <40 hex> Mon Sep 17 00:00:00 2001": the findings
 * of a git range and of its format-patch mbox then name the same commits.
 *
 * The subject: the Subject header unfolded, RFC 2047 encoded words of
 * UTF-8, US-ASCII and ISO-8859-1 (Q and B) decoded, blanks squashed to
 * one space, leading "Re:" and "[...]" groups ("[PATCH v2 3/10]")
 * stripped as git mailinfo does; the "3/10" of the first group that has
 * one is kept, to name the patch in messages.
 *
 * Knows nothing of git, Coccinelle or the disk.
 */
#ifndef COCCIDRIVE_MBOX_H
#define COCCIDRIVE_MBOX_H

#include <stddef.h>

#include "strbuf.h"

struct mbox_msg {
	struct strbuf text; /* headers and body, separator line excluded */
	char commit[41]; /* format-patch's original commit id, or "" */
	char *subject; /* decoded, stripped; "" when there is none */
	char number[24]; /* "3/10" from "[PATCH v2 3/10]", or "" */
};

struct mbox {
	struct mbox_msg *v;
	size_t nr, alloc;
};

void mbox_split(const char *buf, size_t len, struct mbox *out);
void mbox_release(struct mbox *m);

/* Whether line[0..len) (no newline) is an mbox "From " separator. */
int mbox_is_from_line(const char *line, size_t len);

/*
 * The value of header name (case-insensitive) in the header block of
 * text, unfolded, into out; 0 when there is none.
 */
int mbox_header(const char *text, size_t len, const char *name,
		struct strbuf *out);

/*
 * A Subject value: decoded and stripped into subject (malloc'ed), its
 * "N/M" into number (at least 24 bytes; "" when none).
 */
char *mbox_subject(const char *raw, char *number);

/* RFC 2047 encoded words of raw decoded into out (UTF-8). */
void mbox_decode_words(const char *raw, struct strbuf *out);

#endif
