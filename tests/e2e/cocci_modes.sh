#!/bin/sh
# The semantic patch on its own, as coccicheck runs it: report mode
# prints "file:line:col-col: message" (columns from 0, as coccilib does), context and org modes mark the
# same places, patch mode on a converted file changes nothing.
. "$(dirname "$0")/../e2e-lib.sh"

cocci=$ROOT/semantic-patches/sock_create_kern.cocci
opts=$(sed -n 's#^// Options:##p' "$cocci")
sp() { # mode file...
	m=$1
	shift
	# shellcheck disable=SC2086
	spatch --very-quiet --sp-file "$cocci" -D "$m" $opts "$@"
}

cd "$ROOT/testdata" || exit 2
sp report if_not.c function_pointer.c upstream_net.h upstream_socket.c >"$TMP/r" 2>"$TMP/e"
expect_grep "report: a call, coccicheck format" \
	"^if_not.c:8:6-22: sock_create_kern() called without a struct net \*" "$TMP/r"
expect_grep "report: the prototype" "^upstream_net.h:18:4-20: sock_create_kern() declared without" "$TMP/r"
expect_grep "report: the definition" "^upstream_socket.c:17:4-20: sock_create_kern() defined without" "$TMP/r"
expect_grep "report: a use as a value" "^function_pointer.c:16:24-40: sock_create_kern used as a value" "$TMP/r"
if grep -q 'upstream_socket.c:21:' "$TMP/r"; then fail "report: EXPORT_SYMBOL is not a use"; else
	pass "report: EXPORT_SYMBOL is not a use"; fi
if grep -q '^[-+]' "$TMP/r"; then fail "report: no diff in report mode" "$(cat "$TMP/r")"; else
	pass "report: no diff in report mode"; fi

sp report already_converted.c >"$TMP/r" 2>&1
n=$(grep -c 'called without' "$TMP/r")
if [ "$n" -eq 1 ]; then pass "report: only the unconverted call of a converted file"; else
	fail "report: only the unconverted call of a converted file" "$(cat "$TMP/r")"; fi

sp context if_not.c >"$TMP/c" 2>&1
expect_grep "context: the call is starred" "^-	if (!sock_create_kern(PF_BLUETOOTH" "$TMP/c"
sp org if_not.c >"$TMP/o" 2>&1
expect_grep "org: a TODO item" "^\* TODO \[\[view:if_not.c::face=ovl-face1::linb=8" "$TMP/o"

# Idempotence of the rule alone: the converted golden files, and a file
# converted by hand, give spatch nothing to do.
cd "$ROOT/expected" || exit 2
for f in upstream_dlm_lowcomms.c upstream_socket.c upstream_net.h multiline_args.c \
	"$ROOT/testdata/sample-tree/drivers/net/vxlan.c"; do
	sp patch "$f" >"$TMP/p" 2>&1
	if [ -s "$TMP/p" ]; then fail "patch mode on converted $(basename "$f") changes nothing" "$(cat "$TMP/p")"; else
		pass "patch mode on converted $(basename "$f") changes nothing"; fi
done
finish
