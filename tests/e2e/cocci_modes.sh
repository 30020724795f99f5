#!/bin/sh
# The semantic patch on its own, as coccicheck runs it: report mode
# prints "file:line:col-col: message" (columns from 0, as coccilib does), context and org modes mark the
# same places, patch mode on a converted file changes nothing.
. "$(dirname "$0")/../test-lib.sh"

cocci=$ROOT/semantic-patches/sock_create_kern.cocci
opts=$(sed -n 's#^// Options:##p' "$cocci")
sp() { # mode file...
	m=$1
	shift
	# shellcheck disable=SC2086
	spatch --very-quiet --sp-file "$cocci" -D "$m" $opts "$@"
}

# Every mode must give spatch a token to grep for, or spatch parses every
# file of the tree (report mode took 25 s on Linux's net/ against 2 s for
# patch mode, and printed nothing in 15 minutes on the whole tree).
for m in patch report org context; do
	spatch --parse-cocci -D "$m" "$cocci" >"$TMP/parse.$m" 2>&1
	test_expect_success "-D $m: spatch can select files by the identifier" '
		test_grep -v "No grep query" "$TMP/parse.$m" &&
		sed -n "/^Grep query\$/{n;p;}" "$TMP/parse.$m" >"$TMP/query.$m" &&
		test_grep -x sock_create_kern "$TMP/query.$m"
	'
done

cd "$ROOT/testdata" || exit 2
sp report if_not.c function_pointer.c upstream_net.h upstream_socket.c >"$TMP/r" 2>"$TMP/e"
test_expect_success 'report: a call, coccicheck format' '
	test_grep "^if_not.c:8:6-22: sock_create_kern() called without a struct net \*" "$TMP/r"
'
test_expect_success 'report: the prototype' '
	test_grep "^upstream_net.h:18:4-20: sock_create_kern() declared without" "$TMP/r"
'
test_expect_success 'report: the definition' '
	test_grep "^upstream_socket.c:17:4-20: sock_create_kern() defined without" "$TMP/r"
'
test_expect_success 'report: a use as a value' '
	test_grep "^function_pointer.c:16:24-40: sock_create_kern used as a value" "$TMP/r"
'
test_expect_success 'report: EXPORT_SYMBOL is not a use' '
	test_grep -v "upstream_socket.c:21:" "$TMP/r"
'
test_expect_success 'report: the rule parses without warnings' '
	test_grep -v "warning" "$TMP/e"
'
test_expect_success 'report: no diff in report mode' '
	test_grep -v "^[-+]" "$TMP/r"
'

test_expect_success 'report: only the unconverted call of a converted file' '
	sp report already_converted.c >"$TMP/r" 2>&1
	grep "called without" "$TMP/r" >"$TMP/calls"
	test_line_count = 1 "$TMP/calls"
'

test_expect_success 'context: the call is starred' '
	sp context if_not.c >"$TMP/c" 2>&1
	test_grep "^-	if (!sock_create_kern(PF_BLUETOOTH" "$TMP/c"
'
test_expect_success 'org: a TODO item' '
	sp org if_not.c >"$TMP/o" 2>&1
	test_grep "^\* TODO \[\[view:if_not.c::face=ovl-face1::linb=8" "$TMP/o"
'

# Idempotence of the rule alone: the converted golden files, and a file
# converted by hand, give spatch nothing to do.
cd "$ROOT/expected" || exit 2
for f in upstream_dlm_lowcomms.c upstream_socket.c upstream_net.h multiline_args.c \
	"$ROOT/testdata/sample-tree/drivers/net/vxlan.c"; do
	test_expect_success "patch mode on converted $(basename "$f") changes nothing" '
		sp patch "$f" >"$TMP/p" 2>&1
		test_must_be_empty "$TMP/p"
	'
done
test_done
