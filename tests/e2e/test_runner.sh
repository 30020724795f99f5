#!/bin/sh
# The golden test runner must fail loudly: a broken golden file, a missing
# one, or a lost occurrence makes "coccidrive test" exit 1 with a diff,
# never prompt, never pass.  --update rewrites and says what changed.
. "$(dirname "$0")/../e2e-lib.sh"

cp -R "$ROOT/testdata" "$TMP/testdata"
cp -R "$ROOT/expected" "$TMP/expected"
run() { "$COCCIDRIVE" test --testdata "$TMP/testdata" --expected "$TMP/expected" "$@"; }

expect_status "copied cases pass" 0 run if_not.c assign
expect_grep "final count line" "^2 passed, 0 failed$" "$OUT"

# Break one golden file: drop the conversion of the call.
sed -i 's/sock_create_kern(&init_net, PF_BLUETOOTH/sock_create_kern(PF_BLUETOOTH/' \
	"$TMP/expected/if_not.c"
expect_status "broken golden file fails the run" 1 run
expect_grep "the broken case is named" "^FAIL if_not.c$" "$OUT"
expect_grep "the mismatch is shown as a diff" "^+	if (!sock_create_kern(&init_net, PF_BLUETOOTH" "$OUT"
expect_grep "final count line counts the failure" "^[0-9]* passed, 1 failed$" "$OUT"

# A broken account (a site moved to another bucket) fails too.
cp "$ROOT/expected/if_not.c" "$TMP/expected/if_not.c"
sed -i 's/converted call/already converted call/' "$TMP/expected/assign.account"
expect_status "broken account fails the run" 1 run assign
expect_grep "account mismatch named" "^FAIL assign.c$" "$OUT"

# A missing golden file is a failure, not a silent pass.
rm "$TMP/expected/return_call.c"
expect_status "missing golden file fails" 1 run return_call
expect_grep "missing golden file is named" "expected/return_call.c is missing" "$OUT"

# --update writes the files back and says which; then everything passes.
expect_status "--update succeeds" 0 run --update assign return_call
expect_grep "--update names the rewritten account" "updated expected/assign.account" "$OUT"
expect_grep "--update names the created file" "created expected/return_call.c" "$OUT"
if cmp -s "$TMP/expected/return_call.c" "$ROOT/expected/return_call.c"; then
	pass "--update writes what the golden file held"
else
	fail "--update writes what the golden file held"
fi
expect_status "all pass after --update" 0 run

# An unknown case name is an error, not "0 passed".
expect_status "unknown case name is an error" 2 run no_such_case

# A semantic patch that converts nothing fails the goldens (the runner
# really runs spatch): an empty rule.
printf '%s\n' '// Coccidrive: function=sock_create_kern old-arity=4 new-arity=5' \
	'virtual patch' '@@' 'expression e;' '@@' '- no_such_function(e)' '+ other(e)' >"$TMP/empty.cocci"
expect_status "a rule that converts nothing fails" 1 run --cocci "$TMP/empty.cocci" if_not
finish
