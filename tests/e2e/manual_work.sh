#!/bin/sh
# Occurrences no rule may convert are manual work with their reason, and
# nothing touches them: check says so with exit 1, and --fallback=text,
# which inserts the argument by hand where spatch could not, does so only
# into plain calls.  A macro named like the function, a K&R definition,
# calls whose arguments cannot be counted, names split by a line splice
# are left as they are; and a file that ends inside a string gains
# nothing.
. "$(dirname "$0")/../e2e-lib.sh"
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
expect_status "check: #ifdef branches that disagree are work left (exit 1)" 1 "$COCCIDRIVE" check "$TMP/compat.c"
expect_grep "check: the reason, with both counts" \
	"compat.c:7:9: needs manual work: argument count differs between #ifdef branches (4 or 5): convert by hand" "$OUT"

# removed_lines PATCH: how many lines the patch takes out.
removed_lines() { grep -c '^-[^-]' "$1"; }

expect_status "macro named like the function: exit 0" 0 "$COCCIDRIVE" convert --fallback=text testdata/macro_named.c
if grep -q '^+#define' "$OUT"; then
	fail "--fallback=text leaves the #define alone" "$(cat "$OUT")"
else
	pass "--fallback=text leaves the #define alone"
fi
expect_grep "the macro is manual work, with its reason" \
	"macro_named.c:11:9: a macro named sock_create_kern is defined here: calls after it expand to the macro" "$ERR"

expect_status "K&R definition: the run goes on (exit 0)" 0 "$COCCIDRIVE" convert --fallback=text testdata/kr_definition.c
expect_grep "K&R definition: manual, as a definition" \
	"kr_definition.c:10:5: K&R definition (its parameters declared after the list): spatch cannot convert it; convert it by hand" "$ERR"
if [ "$(removed_lines "$OUT")" -eq 1 ] &&
	grep -q '^+	return sock_create_kern(&init_net, AF_INET, SOCK_DGRAM, 0, &sock);$' "$OUT"; then
	pass "K&R definition: only the call changes"
else
	fail "K&R definition: only the call changes" "$(cat "$OUT")"
fi

expect_status "unbalanced call: exit 0" 0 "$COCCIDRIVE" convert --fallback=text testdata/unbalanced_call.c
expect_grep "unbalanced call: where the count went wrong" \
	"unbalanced_call.c:18:9: the call's parentheses do not balance (a stray '}' on line 19): convert by hand" "$ERR"
if grep -q -- '-1 arguments' "$ERR"; then
	fail "unbalanced call: never 'called with -1 arguments'" "$(cat "$ERR")"
else
	pass "unbalanced call: never 'called with -1 arguments'"
fi

expect_status "#if branches in the arguments: exit 0" 0 "$COCCIDRIVE" convert --fallback=text testdata/ifdef_in_args.c
# Three calls open with "return sock_create_kern(" alone on their line:
# only the first, whose branches agree, may change.
if [ "$(grep -c '^-	return sock_create_kern($' "$OUT")" -eq 1 ] &&
	grep -q 'ifdef_in_args.c:41:9: argument count differs between #ifdef branches (4 or 5)' "$ERR" &&
	grep -q 'ifdef_in_args.c:51:9: argument count differs between #ifdef branches (4 or 5)' "$ERR"; then
	pass "--fallback=text leaves calls whose branches disagree alone"
else
	fail "--fallback=text leaves calls whose branches disagree alone" "$(cat "$OUT" "$ERR")"
fi
expect_status "spliced name: exit 0" 0 "$COCCIDRIVE" convert --fallback=text testdata/spliced_name.c
if [ "$(removed_lines "$OUT")" -eq 1 ] && ! grep -q 'converted by fallback' "$ERR"; then
	pass "--fallback=text leaves a spliced name alone"
else
	fail "--fallback=text leaves a spliced name alone" "$(cat "$OUT" "$ERR")"
fi

# Cut short inside a string: spatch closes it; the patch must not.
for f in unterminated_string unterminated_line; do
	expect_status "$f: exit 0" 0 "$COCCIDRIVE" convert --fallback=text testdata/$f.c
	cp testdata/$f.c "$TMP/$f.c"
	sed 's#testdata/##g' "$OUT" >"$TMP/$f.patch"
	if (cd "$TMP" && patch -s -p1 <"$f.patch") >"$TMP/e" 2>&1 &&
		[ "$(wc -l <"$TMP/$f.c")" -eq "$(wc -l <testdata/$f.c)" ] &&
		cmp -s "$TMP/$f.c" expected/$f.c; then
		pass "$f: the patch changes the call, not the end of the file"
	else
		fail "$f: the patch changes the call, not the end of the file" "$(cat "$TMP/e" "$OUT")"
	fi
done
finish
