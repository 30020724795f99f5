// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the mbox splitter and the subject parser on any
 * bytes (an mbox comes from mail, which anyone can send).  Besides not
 * crashing, these properties must hold:
 *  - every message's subject is one line: no newline, no CR (the text
 *    output puts it inside one line);
 *  - the number is at most 23 bytes, digits and one '/';
 *  - a commit id is empty or 40 lowercase hexadecimal digits.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mbox.h"

static void check_msg(const struct mbox_msg *m)
{
	size_t i, n = strlen(m->commit);

	if (strchr(m->subject, '\n') || strchr(m->subject, '\r'))
		abort();
	if (strlen(m->number) > 23 ||
	    strspn(m->number, "0123456789/") != strlen(m->number))
		abort();
	if (n && n != 40)
		abort();
	for (i = 0; i < n; i++)
		if (!strchr("0123456789abcdef", m->commit[i]))
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mbox mb = { 0 };
	char *s, *raw, num[24];
	size_t i;

	mbox_split((const char *)data, size, &mb);
	for (i = 0; i < mb.nr; i++)
		check_msg(&mb.v[i]);
	mbox_release(&mb);
	raw = malloc(size + 1);
	if (!raw)
		return 0;
	memcpy(raw, data, size);
	raw[size] = '\0';
	s = mbox_subject(raw, num);
	if (strchr(s, '\n') || strchr(s, '\r'))
		abort();
	free(s);
	free(raw);
	return 0;
}
