/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * account: the verdict on one file, and its place in the ledger.
 *
 * Where spatch dropped a comment (known behaviour), its edit is redone on
 * the original text, kept only if its tokens are exactly spatch's; a
 * result that would still lose a comment is manual work.  Every other
 * result that differs from the original must pass verify_result(): else
 * it is refused and counted as a failure (exit 2 unless --keep-going).
 * With --net=infer, the namespace of each converted call is chosen then
 * (infer.h), on the verified text.
 * Then every site goes to the ledger, the final text is the original
 * wherever the result was refused, and the file counts as changed only
 * if what is left differs from what was read.
 */
#ifndef COCCIDRIVE_ACCOUNT_H
#define COCCIDRIVE_ACCOUNT_H

#include "file_result.h"
#include "infer.h"
#include "run_result.h"
#include "transform.h"

/*
 * inf: --net=infer (infer.h), between verify and the ledger; NULL with
 * --net=init.
 */
void account_file(const struct transform *tf, const char *macro_file,
		  struct infer *inf, struct file_result *r,
		  struct run_result *res);

#endif
