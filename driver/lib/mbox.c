// SPDX-License-Identifier: GPL-2.0-only
#include "mbox.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/*
 * git mailsplit's test: "From ", then somewhere a time whose last colon
 * has digits around it ("hh:mm:ss"), then a year after 90.
 */
int mbox_is_from_line(const char *line, size_t len)
{
	const char *colon, *start = line + 5, *end = line + len;
	long year;

	if (len < 20 || memcmp(line, "From ", 5))
		return 0;
	for (colon = end - 1; colon >= start && *colon != ':'; colon--)
		;
	if (colon - 4 < start || end - colon < 4)
		return 0;
	if (!isdigit((unsigned char)colon[-4]) ||
	    !isdigit((unsigned char)colon[-2]) ||
	    !isdigit((unsigned char)colon[-1]) ||
	    !isdigit((unsigned char)colon[1]) ||
	    !isdigit((unsigned char)colon[2]))
		return 0;
	year = 0;
	for (colon += 3; colon < end && *colon == ' '; colon++)
		;
	while (colon < end && isdigit((unsigned char)*colon) && year < 100000)
		year = year * 10 + (*colon++ - '0');
	return year > 90;
}

static int is_hex40(const char *s, size_t n)
{
	size_t i;

	if (n < 40)
		return 0;
	for (i = 0; i < 40; i++)
		if (!isxdigit((unsigned char)s[i]) ||
		    isupper((unsigned char)s[i]))
			return 0;
	return n == 40 || s[40] == ' ';
}

/* Line length without its newline and CR; *next: the following line. */
static size_t line_at(const char *p, const char *end, const char **next)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

	*next = nl ? nl + 1 : end;
	if (n && p[n - 1] == '\r')
		n--;
	return n;
}

static struct mbox_msg *new_msg(struct mbox *out, const char *from, size_t len)
{
	struct mbox_msg *m;

	ALLOC_GROW(out->v, out->nr + 1, out->alloc);
	m = &out->v[out->nr++];
	memset(m, 0, sizeof(*m));
	strbuf_init(&m->text, 0);
	if (from && is_hex40(from + 5, len - 5))
		memcpy(m->commit, from + 5, 40);
	return m;
}

/* Whether a body line is ">From " quoted by mboxrd: ">>From " too. */
static int quoted_from(const char *p, size_t n)
{
	size_t i = 0;

	while (i < n && p[i] == '>')
		i++;
	return i && n - i >= 5 && !memcmp(p + i, "From ", 5);
}

static void finish(struct mbox_msg *m)
{
	struct strbuf subj = STRBUF_INIT;

	if (mbox_header(m->text.buf, m->text.len, "Subject", &subj))
		m->subject = mbox_subject(subj.buf, m->number);
	else
		m->subject = xstrdup("");
	strbuf_release(&subj);
}

void mbox_split(const char *buf, size_t len, struct mbox *out)
{
	const char *p = buf, *end = buf + len, *next;
	struct mbox_msg *m = NULL;
	int in_body = 0;

	/* git mailsplit skips blank lines before the first message. */
	while (p < end && (*p == '\n' || *p == '\r' || *p == ' ' || *p == '\t'))
		p++;
	for (; p < end; p = next) {
		size_t n = line_at(p, end, &next);

		if (mbox_is_from_line(p, n)) {
			if (m)
				finish(m);
			m = new_msg(out, p, n);
			in_body = 0;
			continue;
		}
		if (!m)
			m = new_msg(out, NULL, 0);
		if (!in_body && !n)
			in_body = 1;
		else if (in_body && quoted_from(p, n))
			p++, n--;
		strbuf_add(&m->text, p, n);
		strbuf_addch(&m->text, '\n');
	}
	if (m)
		finish(m);
}

void mbox_release(struct mbox *m)
{
	size_t i;

	for (i = 0; i < m->nr; i++) {
		strbuf_release(&m->v[i].text);
		free(m->v[i].subject);
	}
	free(m->v);
	memset(m, 0, sizeof(*m));
}

int mbox_header(const char *text, size_t len, const char *name,
		struct strbuf *out)
{
	const char *p = text, *end = text + len, *next;
	size_t nlen = strlen(name);
	int found = 0;

	for (; p < end; p = next) {
		size_t n = line_at(p, end, &next);

		if (!n)
			break; /* the end of the headers */
		if (found && (*p == ' ' || *p == '\t')) {
			strbuf_add(out, p, n); /* unfolded: the blank stays */
			continue;
		}
		if (found)
			break;
		if (n > nlen && p[nlen] == ':' && !strncasecmp(p, name, nlen)) {
			found = 1;
			p += nlen + 1;
			n -= nlen + 1;
			while (n && (*p == ' ' || *p == '\t'))
				p++, n--;
			strbuf_add(out, p, n);
		}
	}
	return found;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static int b64val(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/* One byte of the charset, as UTF-8. */
static void add_byte(struct strbuf *out, unsigned char c, int latin1)
{
	if (latin1 && c >= 0x80) {
		strbuf_addch(out, 0xc0 | (c >> 6));
		strbuf_addch(out, 0x80 | (c & 0x3f));
	} else {
		strbuf_addch(out, c);
	}
}

/*
 * An encoded word "=?charset?Q|B?text?=" at p: decoded into out, its
 * length returned; 0 when it is not one (or of a charset not known).
 */
static size_t encoded_word(const char *p, struct strbuf *out)
{
	const char *cs = p + 2, *q1, *q2, *text, *stop;
	int latin1, bits = 0, nbits = 0;
	size_t cslen;

	if (p[0] != '=' || p[1] != '?')
		return 0;
	q1 = strchr(cs, '?');
	if (!q1 || !q1[1] || q1[2] != '?')
		return 0;
	q2 = q1 + 2;
	text = q2 + 1;
	stop = strstr(text, "?=");
	if (!stop || memchr(text, ' ', (size_t)(stop - text)))
		return 0;
	cslen = (size_t)(q1 - cs);
	/* "utf-8*en": RFC 2231 language tags. */
	if (memchr(cs, '*', cslen))
		cslen = (size_t)((const char *)memchr(cs, '*', cslen) - cs);
	if ((cslen == 5 && !strncasecmp(cs, "utf-8", 5)) ||
	    (cslen == 8 && !strncasecmp(cs, "us-ascii", 8)))
		latin1 = 0;
	else if ((cslen == 10 && !strncasecmp(cs, "iso-8859-1", 10)) ||
		 (cslen == 6 && !strncasecmp(cs, "latin1", 6)))
		latin1 = 1;
	else
		return 0;
	if (q1[1] == 'Q' || q1[1] == 'q') {
		const char *t;

		for (t = text; t < stop; t++) {
			if (*t == '_')
				strbuf_addch(out, ' ');
			else if (*t == '=' && t + 2 < stop &&
				 hexval(t[1]) >= 0 && hexval(t[2]) >= 0) {
				add_byte(out,
					 (unsigned char)(hexval(t[1]) * 16 +
							 hexval(t[2])),
					 latin1);
				t += 2;
			} else {
				add_byte(out, (unsigned char)*t, latin1);
			}
		}
	} else if (q1[1] == 'B' || q1[1] == 'b') {
		const char *t;

		for (t = text; t < stop && *t != '='; t++) {
			int v = b64val((unsigned char)*t);

			if (v < 0)
				continue;
			bits = (bits << 6) | v;
			nbits += 6;
			if (nbits >= 8) {
				nbits -= 8;
				add_byte(out, (unsigned char)(bits >> nbits),
					 latin1);
				bits &= (1 << nbits) - 1;
			}
		}
	} else {
		return 0;
	}
	return (size_t)(stop + 2 - p);
}

/*
 * Blanks between two encoded words vanish (RFC 2047, 6.2): decoded word
 * by word, the blanks that only separate two words dropped.
 */
void mbox_decode_words(const char *raw, struct strbuf *out)
{
	const char *p = raw;
	int last_word = 0;

	while (*p) {
		const char *q = p;
		size_t mark = out->len, n;

		while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')
			q++;
		if (q > p && last_word) {
			n = encoded_word(q, out);
			if (n) {
				p = q + n;
				continue;
			}
			strbuf_setlen(out, mark);
		}
		if (q > p) {
			strbuf_add(out, p, (size_t)(q - p));
			p = q;
			last_word = 0;
			continue;
		}
		n = encoded_word(p, out);
		if (n) {
			p += n;
			last_word = 1;
			continue;
		}
		strbuf_setlen(out, mark);
		strbuf_addch(out, *p++);
		last_word = 0;
	}
}

/* "3/10" in [s, e), the first one: digits, '/', digits. */
static int find_number(const char *s, const char *e, char *number)
{
	const char *p;

	for (p = s; p < e; p++) {
		const char *a = p, *b;

		if (!isdigit((unsigned char)*p) ||
		    (p > s && isalnum((unsigned char)p[-1])))
			continue;
		while (p < e && isdigit((unsigned char)*p))
			p++;
		if (p >= e || *p != '/')
			continue;
		b = ++p;
		while (p < e && isdigit((unsigned char)*p))
			p++;
		if (p == b || (p < e && isalnum((unsigned char)*p)) ||
		    p - a >= 24)
			continue;
		memcpy(number, a, (size_t)(p - a));
		number[p - a] = '\0';
		return 1;
	}
	return 0;
}

char *mbox_subject(const char *raw, char *number)
{
	struct strbuf dec = STRBUF_INIT, out = STRBUF_INIT;
	const char *p;
	int blank = 0;

	number[0] = '\0';
	mbox_decode_words(raw, &dec);
	p = dec.buf;
	/* git mailinfo's cleanup_subject: "Re:" and "[...]" groups. */
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (!strncasecmp(p, "re:", 3)) {
			p += 3;
			continue;
		}
		if (*p == '[') {
			const char *close = strchr(p, ']');

			if (!close)
				break;
			if (!number[0])
				find_number(p + 1, close, number);
			p = close + 1;
			continue;
		}
		break;
	}
	for (; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			blank = 1;
			continue;
		}
		if (blank && out.len)
			strbuf_addch(&out, ' ');
		blank = 0;
		strbuf_addch(&out, *p);
	}
	strbuf_release(&dec);
	return strbuf_detach(&out, NULL);
}
