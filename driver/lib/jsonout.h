/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * jsonout: building JSON documents with jansson, the way every report of
 * coccidrive does (--report, --format=json, --format=sarif).
 *
 * JSON strings are Unicode, and what coccidrive puts in them is not
 * always: a Linux file name, a commit subject are any bytes.  jansson
 * refuses a string that is not UTF-8, so everything goes in through
 * jsonout_str(), which replaces each invalid byte with U+FFFD, and a file
 * name through jsonout_put_path(), which also keeps its exact bytes.
 *
 * jansson reports allocation failure as NULL: here that is as fatal as
 * anywhere else (die(), status 2), so callers never check.
 */
#ifndef COCCIDRIVE_JSONOUT_H
#define COCCIDRIVE_JSONOUT_H

#include <jansson.h>
#include <stddef.h>

#include "strbuf.h"

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
size_t utf8_seq_len(const unsigned char *s, size_t n);

/* s with each byte that is not part of valid UTF-8 as U+FFFD; 1 if any. */
int utf8_lossy(struct strbuf *out, const char *s, size_t n);

/* v, or die() when it is NULL (out of memory). */
json_t *jsonout_checked(json_t *v);
/* A string value from any bytes (utf8_lossy()); NULL gives JSON null. */
json_t *jsonout_str(const char *s);
/* obj[key] = v (v's reference is taken). */
void jsonout_put(json_t *obj, const char *key, json_t *v);
/* Appends v to the array arr (v's reference is taken). */
void jsonout_append(json_t *arr, json_t *v);
/*
 * A file name: under key with each invalid byte as U+FFFD, and, only when
 * the name is not UTF-8, its exact bytes in hexadecimal under "key_hex".
 */
void jsonout_put_path(json_t *obj, const char *key, const char *path);
/*
 * The document, indented by 2, keys in the order they were put, and a
 * newline; root is released.
 */
void jsonout_dump(struct strbuf *out, json_t *root);

#endif
