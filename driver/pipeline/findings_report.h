/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * findings_report: the output stage of "check --git-range" and "check
 * --patch": a filled struct findings (findings.h) written as
 *
 *  - text: gcc-style lines, what editors and people read;
 *  - json: one documented, versioned document (README, "JSON, SARIF and
 *    GitHub output"; schemas/findings.schema.json checks it);
 *  - sarif: SARIF 2.1.0 as GitHub code scanning takes it
 *    (github/codeql-action/upload-sarif);
 *  - github: GitHub Actions workflow commands ("::error file=...::"),
 *    which show each finding inline on a pull request without an upload.
 *
 * It reads only the findings and, of the rule, its path, its identifier
 * and its "///" description (cocci.h); it writes into a strbuf, so that
 * the command decides where it goes and nothing is half-written.
 *
 * Every format lists each finding once, in the order of findings.h
 * (pre-existing ones first, then commit by commit, file, line, column),
 * and none lets a file name, a subject or a message break out of its
 * place: a name is quoted (text: as git quotes it), escaped (json, and
 * github's workflow-command escapes) or percent-encoded (sarif's URIs).
 * A byte that is not UTF-8 becomes U+FFFD where the format is Unicode
 * text (json, sarif's messages, github); json also gives a file name's
 * exact bytes in "file_hex", sarif in its percent-encoded URI.
 *
 * Columns: a finding's col is 1-based and counts bytes (ctoken); json and
 * text give it as it is.  SARIF and GitHub count characters (the run says
 * "columnKind": "unicodeCodePoints"), and they are given the same number:
 * exact whenever what precedes the identifier on its line is ASCII, as in
 * every kernel source line that calls a function (UTF-8 appears in
 * comments and strings).  A line with UTF-8 before the call is placed a
 * few characters too far right: the findings carry no line text to count
 * characters in.  The end column (SARIF endColumn, GitHub endColumn) is
 * col + the identifier's length, except for a ## chain (kind "pasted"),
 * whose text is not the identifier.
 *
 * repo_top, base and source of the findings must be set; a missing
 * commit subject is written as "".
 */
#ifndef COCCIDRIVE_FINDINGS_REPORT_H
#define COCCIDRIVE_FINDINGS_REPORT_H

#include "cocci.h"
#include "findings.h"
#include "strbuf.h"

enum findings_format {
	FINDINGS_TEXT,
	FINDINGS_JSON,
	FINDINGS_SARIF,
	FINDINGS_GITHUB,
};

/*
 * The version of the JSON document's layout, its "schema": a field
 * removed, renamed or given another meaning is a new version; an added
 * field is not.  Its "kind" tells it from --report's JSON, which has a
 * "schema" of its own.
 */
#define FINDINGS_SCHEMA 1
#define FINDINGS_KIND "coccidrive-findings"

/* "text", "json", "sarif", "github": 0 and *fmt set; else -1. */
int findings_format_parse(const char *name, enum findings_format *fmt);

/*
 * One line per finding, gcc style:
 * "FILE:LINE:COL: MESSAGE [commit SHORT \"SUBJECT\"]" ("[patch N ...]" for
 * a mail that names no commit, "[pre-existing]" for one that was there at
 * BASE), then, on lines that start with the same "FILE:LINE:COL: ", its
 * "note: " (how convert would do it), "hint: " and "note: fixed later in
 * the series, by commit ...".  FILE is quoted as git quotes paths; SUBJECT
 * has '"', '\\' and control characters escaped as C does.
 */
void findings_text(struct strbuf *out, const struct findings *f);

/* The JSON document (FINDINGS_SCHEMA), indented, ending in a newline. */
void findings_json(struct strbuf *out, const struct findings *f,
		   const struct cocci *rule);

/*
 * SARIF 2.1.0: one run, one rule (findings_rule_id()) described from the
 * rule's "///" lines; one result per finding, "error" for one a commit
 * of the series brings, "warning" for a pre-existing one; its location
 * relative to %SRCROOT% (the repository's top, in originalUriBaseIds);
 * a partial fingerprint that leaves the line out, so that GitHub keeps an
 * alert the same when lines above it move; the commit in properties.
 */
void findings_sarif(struct strbuf *out, const struct findings *f,
		    const struct cocci *rule);

/*
 * One workflow command per finding: "::error" (brought by the series) or
 * "::warning" (pre-existing), file, line, col, endColumn and title as
 * properties, the text line's message (and "hint: ..." on a second line)
 * as the message; escaped as GitHub's toolkit does ("%" "\r" "\n" in the
 * message; also ":" and "," in a property).
 */
void findings_github(struct strbuf *out, const struct findings *f,
		     const struct cocci *rule);

/* One of the above. */
void findings_report(struct strbuf *out, const struct findings *f,
		     const struct cocci *rule, enum findings_format fmt);

/*
 * The rule's id in SARIF: "coccidrive/" and the rule file's name without
 * ".cocci" ("coccidrive/sock_create_kern"): stable across runs, as
 * GitHub needs to match alerts, and one per .cocci.  Malloc'd.
 */
char *findings_rule_id(const struct cocci *rule);

#endif
