// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for driver/lib/mbox.c: a mailbox splits where git
 * mailsplit splits it, format-patch's commit id is kept, ">From "
 * quoting is undone in bodies only, and a subject comes out unfolded,
 * decoded (RFC 2047, Q and B) and without its "[PATCH v2 3/10]" prefix,
 * whose number is kept.
 */
#include "mbox.h"

#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "util.h"

#define ID1 "0325684074e6469d4111b2ff9e5c1567fd8e7390"
#define ID2 "968207a803e4d76863c156df7a05b9f5427cff09"

static const char two[] = "From " ID1 " Mon Sep 17 00:00:00 2001\n"
			  "From: A U Thor <a@example.org>\n"
			  "Subject: [PATCH 1/2] net: foo: open\n"
			  " a socket\n"
			  "\n"
			  "From the start, a line of the message.\n"
			  ">From quoted by mboxrd\n"
			  "---\n"
			  "diff --git a/x.c b/x.c\n"
			  "-- \n"
			  "2.39.5\n"
			  "\n"
			  "From " ID2 " Mon Sep 17 00:00:00 2001\n"
			  "From: A U Thor <a@example.org>\n"
			  "Subject: [PATCH 2/2] =?UTF-8?q?net:=20caf=C3=A9?=\n"
			  "\n"
			  "body\n";

static void test_split_format_patch(void)
{
	struct mbox m = { 0 };

	mbox_split(two, strlen(two), &m);
	EXPECT(m.nr == 2);
	if (m.nr != 2)
		return;
	EXPECT_STR(m.v[0].commit, ID1);
	EXPECT_STR(m.v[1].commit, ID2);
	EXPECT_STR(m.v[0].subject, "net: foo: open a socket");
	EXPECT_STR(m.v[0].number, "1/2");
	EXPECT_STR(m.v[1].subject, "net: café");
	EXPECT_STR(m.v[1].number, "2/2");
	/* "From the start" is no separator: no time, no year. */
	EXPECT(strstr(m.v[0].text.buf, "\nFrom the start, a line"));
	/* mboxrd quoting undone in the body. */
	EXPECT(strstr(m.v[0].text.buf, "\nFrom quoted by mboxrd\n"));
	EXPECT(!strstr(m.v[0].text.buf, ">From"));
	/* The separator line is not part of the text. */
	EXPECT(!strncmp(m.v[0].text.buf, "From: A U Thor", 14));
	mbox_release(&m);
}

static void test_single_mail_without_separator(void)
{
	static const char one[] = "Subject: [PATCH v3 03/10] x: y\r\n"
				  "\r\n"
				  "diff --git a/x.c b/x.c\r\n";
	struct mbox m = { 0 };

	mbox_split(one, strlen(one), &m);
	EXPECT(m.nr == 1);
	if (m.nr != 1)
		return;
	EXPECT_STR(m.v[0].commit, "");
	EXPECT_STR(m.v[0].subject, "x: y");
	EXPECT_STR(m.v[0].number, "03/10");
	/* CRLF is read as LF, as git mailsplit does. */
	EXPECT(!strchr(m.v[0].text.buf, '\r'));
	mbox_release(&m);
}

static void test_from_line(void)
{
	EXPECT(mbox_is_from_line("From " ID1 " Mon Sep 17 00:00:00 2001",
				 strlen("From " ID1
					" Mon Sep 17 00:00:00 2001")));
	EXPECT(mbox_is_from_line("From git@z Thu Jan  1 00:00:00 1970", 35));
	EXPECT(!mbox_is_from_line("From the start, a line of text", 30));
	EXPECT(!mbox_is_from_line("From: A U Thor <a@example.org>", 30));
	EXPECT(!mbox_is_from_line("From x 12:00:00", 15));
	/* A year before 91 is no year: "12:00:00 17" is a time, not mbox. */
	EXPECT(!mbox_is_from_line("From someone at 12:00:00 17 x", 29));
}

static void test_subjects(void)
{
	char num[24];
	char *s;

	s = mbox_subject("[PATCH] plain", num);
	EXPECT_STR(s, "plain");
	EXPECT_STR(num, "");
	free(s);
	s = mbox_subject("Re: [PATCH net-next v2 3/10] a:  b\t c ", num);
	EXPECT_STR(s, "a: b c");
	EXPECT_STR(num, "3/10");
	free(s);
	s = mbox_subject("[RFC] [PATCH 2/3] two groups", num);
	EXPECT_STR(s, "two groups");
	EXPECT_STR(num, "2/3");
	free(s);
	/* Two encoded words: the blank between them goes (RFC 2047 6.2). */
	s = mbox_subject(
		"[PATCH] =?utf-8?B?bmV0OiA=?= =?utf-8?Q?na=C3=AFve_fix?=", num);
	EXPECT_STR(s, "net: naïve fix");
	free(s);
	/* format-patch folds inside a word: it must come back whole. */
	s = mbox_subject("[PATCH] =?UTF-8?q?caf?=\n =?UTF-8?q?=C3=A9?=", num);
	EXPECT_STR(s, "café");
	free(s);
	/* Between a word and plain text, the blank stays. */
	s = mbox_subject("=?ISO-8859-1?Q?caf=E9?= au lait", num);
	EXPECT_STR(s, "café au lait");
	free(s);
	/* Not an encoded word (unknown charset): left as it is. */
	s = mbox_subject("=?koi8-r?Q?x?= y", num);
	EXPECT_STR(s, "=?koi8-r?Q?x?= y");
	free(s);
	/* An unclosed bracket is text. */
	s = mbox_subject("[PATCH 1/2 oops", num);
	EXPECT_STR(s, "[PATCH 1/2 oops");
	free(s);
}

static void test_header_unfolding(void)
{
	static const char text[] = "To: x\n"
				   "Subject: one\n"
				   "\ttwo\n"
				   "Cc: y\n"
				   "\n"
				   "Subject: not a header\n";
	struct strbuf sb = STRBUF_INIT;

	EXPECT(mbox_header(text, strlen(text), "subject", &sb));
	EXPECT_STR(sb.buf, "one\ttwo");
	strbuf_reset(&sb);
	EXPECT(!mbox_header(text, strlen(text), "Date", &sb));
	strbuf_release(&sb);
}

int main(void)
{
	RUN(test_split_format_patch);
	RUN(test_single_mail_without_separator);
	RUN(test_from_line);
	RUN(test_subjects);
	RUN(test_header_unfolding);
	return UNIT_EXIT();
}
