#!/bin/sh
# The golden test runner must fail loudly: a broken golden file, a missing
# one, or a lost occurrence makes "coccidrive test" exit 1 with a diff,
# never prompt, never pass.  --update rewrites and says what changed.
. "$(dirname "$0")/../test-lib.sh"

cp -R "$ROOT/testdata" "$TMP/testdata"
cp -R "$ROOT/expected" "$TMP/expected"
run() { "$COCCIDRIVE" test --testdata "$TMP/testdata" --expected "$TMP/expected" "$@"; }

test_expect_success 'copied cases pass' '
	test_expect_code 0 run if_not.c assign
'
test_expect_success 'final count line' '
	test_grep -x "2 passed, 0 failed" "$OUT"
'

# Break one golden file: drop the conversion of the call.
sed -i 's/sock_create_kern(&init_net, PF_BLUETOOTH/sock_create_kern(PF_BLUETOOTH/' \
	"$TMP/expected/if_not.c"
test_expect_success 'broken golden file fails the run' '
	test_expect_code 1 run
'
test_expect_success 'the broken case is named' '
	test_grep -x "FAIL if_not.c" "$OUT"
'
test_expect_success 'the mismatch is shown as a diff' '
	test_grep "^+	if (!sock_create_kern(&init_net, PF_BLUETOOTH" "$OUT"
'
test_expect_success 'final count line counts the failure' '
	test_grep -x "[0-9]* passed, 1 failed" "$OUT"
'

# A broken account (a site moved to another bucket) fails too.
cp "$ROOT/expected/if_not.c" "$TMP/expected/if_not.c"
sed -i 's/converted call/already converted call/' "$TMP/expected/assign.account"
test_expect_success 'broken account fails the run' '
	test_expect_code 1 run assign
'
test_expect_success 'account mismatch named' '
	test_grep -x "FAIL assign.c" "$OUT"
'

# A missing golden file is a failure, not a silent pass.
rm "$TMP/expected/return_call.c"
test_expect_success 'missing golden file fails' '
	test_expect_code 1 run return_call
'
test_expect_success 'missing golden file is named' '
	test_grep "expected/return_call.c is missing" "$OUT"
'

# --update writes the files back and says which; then everything passes.
test_expect_success '--update succeeds' '
	test_expect_code 0 run --update assign return_call
'
test_expect_success '--update names the rewritten account' '
	test_grep "updated expected/assign.account" "$OUT"
'
test_expect_success '--update names the created file' '
	test_grep "created expected/return_call.c" "$OUT"
'
test_expect_success '--update writes what the golden file held' '
	test_cmp "$ROOT/expected/return_call.c" "$TMP/expected/return_call.c"
'
test_expect_success 'all pass after --update' '
	test_expect_code 0 run
'

# An unknown case name is an error, not "0 passed".
test_expect_success 'unknown case name is an error' '
	test_expect_code 2 run no_such_case
'
test_expect_success 'unknown case names are named, before any case runs' '
	test_expect_code 2 run no_such_case if_not.c other.c &&
	test_grep -x "coccidrive: test: no case ${SQ}no_such_case$SQ, ${SQ}other.c$SQ in $TMP/testdata/ (cases are NAME.c, NAME.h or a directory NAME)" "$ERR" &&
	test_must_be_empty "$OUT"
'
test_expect_success 'a missing --testdata is named' '
	test_expect_code 2 "$COCCIDRIVE" test --testdata "$TMP/nothing" if_not &&
	test_grep -x "coccidrive: test: --testdata $TMP/nothing: No such file or directory" "$ERR"
'

# A semantic patch that converts nothing fails the goldens (the runner
# really runs spatch): an empty rule.
printf '%s\n' '// Coccidrive: function=sock_create_kern old-arity=4 new-arity=5' \
	'virtual patch' '@@' 'expression e;' '@@' '- no_such_function(e)' '+ other(e)' >"$TMP/empty.cocci"
test_expect_success 'a rule that converts nothing fails' '
	test_expect_code 1 run --cocci "$TMP/empty.cocci" if_not
'
test_done
