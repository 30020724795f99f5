// SPDX-License-Identifier: GPL-2.0-only
#include "jsonout.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

size_t utf8_seq_len(const unsigned char *s, size_t n)
{
	size_t len, i;
	unsigned cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	/* No overlong forms, no surrogates, nothing past U+10FFFF. */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

int utf8_lossy(struct strbuf *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	int bad = 0;

	while (i < n) {
		size_t len = utf8_seq_len(p + i, n - i);

		if (len) {
			strbuf_add(out, p + i, len);
			i += len;
		} else {
			strbuf_addstr(out, "\xef\xbf\xbd");
			bad = 1;
			i++;
		}
	}
	return bad;
}

json_t *jsonout_checked(json_t *v)
{
	if (!v)
		die("out of memory building JSON");
	return v;
}

json_t *jsonout_str(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	json_t *v;

	if (!s)
		return jsonout_checked(json_null());
	utf8_lossy(&sb, s, strlen(s));
	v = jsonout_checked(json_stringn(sb.buf, sb.len));
	strbuf_release(&sb);
	return v;
}

void jsonout_put(json_t *obj, const char *key, json_t *v)
{
	if (json_object_set_new(obj, key, jsonout_checked(v)))
		die("out of memory building JSON");
}

void jsonout_append(json_t *arr, json_t *v)
{
	if (json_array_append_new(arr, jsonout_checked(v)))
		die("out of memory building JSON");
}

void jsonout_put_path(json_t *obj, const char *key, const char *path)
{
	const unsigned char *p = (const unsigned char *)path;
	size_t n = strlen(path), i;
	struct strbuf lossy = STRBUF_INIT, hex = STRBUF_INIT, k = STRBUF_INIT;

	if (utf8_lossy(&lossy, path, n)) {
		for (i = 0; i < n; i++)
			strbuf_addf(&hex, "%02x", p[i]);
		strbuf_addf(&k, "%s_hex", key);
	}
	jsonout_put(obj, key, json_stringn(lossy.buf, lossy.len));
	if (k.len)
		jsonout_put(obj, k.buf, json_string(hex.buf));
	strbuf_release(&lossy);
	strbuf_release(&hex);
	strbuf_release(&k);
}

void jsonout_dump(struct strbuf *out, json_t *root)
{
	char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

	if (!text)
		die("out of memory building JSON");
	json_decref(root);
	strbuf_addstr(out, text);
	strbuf_addch(out, '\n');
	free(text);
}
