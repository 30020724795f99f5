#!/bin/sh
# Occurrences no rule may convert are manual work with their reason, and
# nothing touches them: check says so with exit 1, and --fallback=text,
# which inserts the argument by hand where spatch could not, does so only
# into plain calls.  A macro named like the function, a K&R definition,
# calls whose arguments cannot be counted, names split by a line splice
# are left as they are; and a file that ends inside a string gains
# nothing.
. "$(dirname "$0")/../test-lib.sh"
cd "$ROOT" || exit 2

# A backport passes the namespace on new kernels only: not "already
# converted", whatever the first branch says.
cat >"$TMP/compat.c" <<'EOF2'
// SPDX-License-Identifier: GPL-2.0
#include <linux/net.h>
#include <linux/version.h>

int compat_listen(struct net *net, struct socket **sock)
{
	return sock_create_kern(
#if LINUX_VERSION_CODE >= KERNEL_VERSION(4, 2, 0)
				net,
#endif
				AF_INET, SOCK_STREAM, IPPROTO_TCP, sock);
}
EOF2
test_expect_success 'check: #ifdef branches that disagree are work left (exit 1)' '
	test_expect_code 1 "$COCCIDRIVE" check --root "$TMP" "$TMP/compat.c"
'
test_expect_success 'check: the reason, with both counts' '
	test_grep "compat.c:7:9: needs manual work: argument count differs between #ifdef branches (4 or 5): convert by hand" "$OUT"
'

# removed_lines PATCH N: the patch takes out N lines.
removed_lines() {
	grep "^-[^-]" "$1" >"$TMP/removed"
	test_line_count = "$2" "$TMP/removed"
}

test_expect_success 'macro named like the function: exit 0' '
	test_expect_code 0 "$COCCIDRIVE" convert --fallback=text testdata/macro_named.c
'
test_expect_success '--fallback=text leaves the #define alone' '
	test_grep -v "^+#define" "$OUT"
'
test_expect_success 'the macro is manual work, with its reason' '
	test_grep "macro_named.c:11:9: needs manual work: a macro named sock_create_kern is defined here: calls after it expand to the macro" "$ERR"
'

test_expect_success 'K&R definition: the run goes on (exit 0)' '
	test_expect_code 0 "$COCCIDRIVE" convert --fallback=text testdata/kr_definition.c
'
test_expect_success 'K&R definition: manual, as a definition' '
	test_grep "kr_definition.c:10:5: needs manual work: K&R definition (its parameters declared after the list): spatch cannot convert it; convert it by hand" "$ERR"
'
test_expect_success 'K&R definition: only the call changes' '
	removed_lines "$OUT" 1 &&
	test_grep -x "+	return sock_create_kern(&init_net, AF_INET, SOCK_DGRAM, 0, &sock);" "$OUT"
'

test_expect_success 'unbalanced call: exit 0' '
	test_expect_code 0 "$COCCIDRIVE" convert --fallback=text testdata/unbalanced_call.c
'
test_expect_success 'unbalanced call: where the count went wrong' '
	test_grep "unbalanced_call.c:18:9: needs manual work: the call${SQ}s parentheses do not balance (a stray ${SQ}}${SQ} on line 19): convert by hand" "$ERR"
'
test_expect_success "unbalanced call: never 'called with -1 arguments'" '
	test_grep -v -F "-1 arguments" "$ERR"
'

test_expect_success '#if branches in the arguments: exit 0' '
	test_expect_code 0 "$COCCIDRIVE" convert --fallback=text testdata/ifdef_in_args.c
'
# Three calls open with "return sock_create_kern(" alone on their line:
# only the first, whose branches agree, may change.
test_expect_success '--fallback=text leaves calls whose branches disagree alone' '
	grep -x -e "-	return sock_create_kern(" "$OUT" >"$TMP/opened"
	test_line_count = 1 "$TMP/opened" &&
	test_grep "ifdef_in_args.c:41:9: needs manual work: argument count differs between #ifdef branches (4 or 5)" "$ERR" &&
	test_grep "ifdef_in_args.c:51:9: needs manual work: argument count differs between #ifdef branches (4 or 5)" "$ERR"
'
test_expect_success 'spliced name: exit 0' '
	test_expect_code 0 "$COCCIDRIVE" convert --fallback=text testdata/spliced_name.c
'
test_expect_success '--fallback=text leaves a spliced name alone' '
	removed_lines "$OUT" 1 &&
	test_grep -v "converted by fallback" "$ERR"
'

# Cut short inside a string: spatch closes it; the patch must not.
for f in unterminated_string unterminated_line; do
	test_expect_success "$f: exit 0" '
		test_expect_code 0 "$COCCIDRIVE" convert --fallback=text testdata/$f.c
	'
	test_expect_success "$f: the patch changes the call, not the end of the file" '
		cp testdata/$f.c "$TMP/$f.c" &&
		sed "s#testdata/##g" "$OUT" >"$TMP/$f.patch" &&
		(cd "$TMP" && patch -s -p1 <"$f.patch") &&
		test_line_count = "$(wc -l <testdata/$f.c)" "$TMP/$f.c" &&
		test_cmp expected/$f.c "$TMP/$f.c"
	'
done
test_done
