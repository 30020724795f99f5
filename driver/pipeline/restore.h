/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * restore: give back the original text where spatch changed what the
 * conversion must leave alone, so that the patch holds only what the
 * account calls converted.
 *
 *  - A site the driver leaves to a human (sites.h: manual[]) comes out
 *    as it went in: spatch converts a call along the first #if branch
 *    of its argument list only, and garbles a K&R parameter list.
 *  - A string, character constant or comment left open at the end of the
 *    file: spatch closes it (a string on a line of its own); the
 *    conversion never touches the end of a file.
 *
 * Both only ever bring after back to before, judged on the driver's own
 * view of both texts; what spatch did elsewhere is for the engine's
 * checks to judge.
 */
#ifndef COCCIDRIVE_RESTORE_H
#define COCCIDRIVE_RESTORE_H

#include "sites.h"
#include "strbuf.h"

/*
 * Put back the text of each site of before (sites: its sites, found for
 * ident) that has a manual[] reason and that after changed: from its
 * name to its ')', or for a definition or macro up to the next site's
 * name (or the end of the file): where everything spatch may change for
 * it lies.  Nothing when after has another number of sites.  Returns
 * whether after changed.
 */
int restore_manual_sites(struct strbuf *after, const struct strbuf *before,
			 const struct site_list *sites, const char *ident);

/*
 * When before ends inside a string, character constant or comment and
 * after ends with it closed, remove the closing quote or "*" "/".
 * Returns whether after changed.
 */
int restore_file_end(struct strbuf *after, const struct strbuf *before);

#endif
