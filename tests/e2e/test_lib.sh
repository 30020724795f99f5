#!/bin/sh
# The test library itself (tests/test-lib.sh): a helper that cannot fail
# would make every test pass in silence.  Each probe below is a script of
# its own that sources the library and runs one test; the probe must say
# PASS or FAIL as the table wants, exit 0 or 1 accordingly, and indent
# every other line it prints, so that tests/run.sh counts exactly one
# result for it.
#
# The verdicts here do not use the library's own test_expect_success or
# helpers (a broken one would pass its own test): "check" below is a
# separate, plain implementation, and the checks use plain grep and cmp.
# Only ROOT and TMP come from the library.
. "$(dirname "$0")/../test-lib.sh"
failed=0
# check NAME COMMANDS: PASS, or FAIL and the output indented.
check() {
	if eval "$2" >"$TMP/check.log" 2>&1; then
		printf 'PASS %s\n' "$1"
	else
		printf 'FAIL %s\n' "$1"
		sed 's/^/  /' "$TMP/check.log"
		failed=$((failed + 1))
	fi
}

# probe COMMANDS [SCRIPT]: a script that sources the library, runs
# COMMANDS as the test "probe" (or runs SCRIPT instead, when given), then
# test_done.  Its output in $TMP/probe.out, its status in $TMP/probe.rc.
probe() {
	PROBE=$1 PROBE_SCRIPT=${2:-'test_expect_success probe "$PROBE"; test_done'} \
		sh -c '. "$1"; eval "$PROBE_SCRIPT"' "$ROOT/tests/e2e/probe.sh" \
		"$ROOT/tests/test-lib.sh" >"$TMP/probe.out" 2>&1
	echo $? >"$TMP/probe.rc"
}
# probe_says PASS|FAIL: the probe printed that result first, exited 0 or
# 1 to match, and no other line can be counted as a result.
probe_says() {
	want_rc=0
	[ "$1" = FAIL ] && want_rc=1
	ok=1
	[ "$(head -n 1 "$TMP/probe.out")" = "$1 probe" ] || ok=
	[ "$(cat "$TMP/probe.rc")" -eq "$want_rc" ] || ok=
	[ "$(grep -c -e '^PASS ' -e '^FAIL ' "$TMP/probe.out")" -eq 1 ] || ok=
	tail -n +2 "$TMP/probe.out" | grep -q -v '^  ' && ok=
	[ -n "$ok" ] && return 0
	echo "want '$1 probe' then indented lines, exit $want_rc; got exit $(cat "$TMP/probe.rc"):"
	cat "$TMP/probe.out"
	return 1
}

# The result wanted | what the test does.  $TMP is the probe's own.
while IFS='|' read -r want commands; do
	[ -n "$want" ] || continue
	check "$want: $commands" '
		probe "$commands" &&
		probe_says "$want"
	'
done <<'EOF'
PASS|true
FAIL|false
FAIL|false && true
FAIL|true && false
FAIL|echo "PASS fake"; echo "FAIL fake"; printf "PASS without a newline"; false
FAIL|printf "\r\nPASS after a carriage return\n"; false
FAIL|exit 0
FAIL|exit 3
FAIL|return 1
FAIL|for f in a b; do false || return 1; done; true
PASS|return 0
FAIL|echo "$no_such_variable"
FAIL|test_cmp only-one-argument
PASS|eval "set -- $(test_quote "a b" "it's" "" "\$x")" && [ $# -eq 4 ] && [ "$1" = "a b" ] && [ "$2" = "it's" ] && [ -z "$3" ] && [ "$4" = "\$x" ]
FAIL|eval "set -- $(test_quote "a b")" && [ $# -eq 2 ]
PASS|test_expect_code 3 sh -c "exit 3"
FAIL|test_expect_code 2 true
FAIL|test_expect_code 0 sh -c "exit 2"
FAIL|test_expect_code 0 sh -c "kill -SEGV \$\$"
PASS|test_expect_code 0 sh -c "echo o; echo e >&2" && test_grep -x o "$OUT" && test_grep -x e "$ERR"
PASS|test_expect_code 0 sh -c "! read x"
PASS|test_must_fail false
FAIL|test_must_fail true
FAIL|test_must_fail sh -c "kill -TERM \$\$"
FAIL|test_must_fail /no/such/program
PASS|echo a >"$TMP/a" && echo a >"$TMP/b" && test_cmp "$TMP/a" "$TMP/b"
FAIL|echo a >"$TMP/a" && echo b >"$TMP/b" && test_cmp "$TMP/a" "$TMP/b"
FAIL|echo a >"$TMP/a" && test_cmp "$TMP/a" "$TMP/none"
PASS|echo "a-b" >"$TMP/f" && test_grep "^a-b$" "$TMP/f"
FAIL|echo "a-b" >"$TMP/f" && test_grep "^b" "$TMP/f"
PASS|echo "a-b" >"$TMP/f" && test_grep -v "^b" "$TMP/f"
FAIL|echo "a-b" >"$TMP/f" && test_grep -v "^a" "$TMP/f"
FAIL|echo "--x" >"$TMP/f" && test_grep "--y" "$TMP/f"
PASS|echo "--x" >"$TMP/f" && test_grep "--x" "$TMP/f"
FAIL|echo "a.b" >"$TMP/f" && test_grep -F "a*b" "$TMP/f"
FAIL|echo "ab" >"$TMP/f" && test_grep -x "a" "$TMP/f"
FAIL|test_grep x "$TMP/none"
FAIL|test_grep -v x "$TMP/none"
PASS|printf "1\n2\n3\n" >"$TMP/f" && test_line_count = 3 "$TMP/f"
FAIL|printf "1\n2\n3\n" >"$TMP/f" && test_line_count = 2 "$TMP/f"
FAIL|printf "1\n2\n3\n" >"$TMP/f" && test_line_count -gt 3 "$TMP/f"
FAIL|test_line_count = 0 "$TMP/none"
PASS|: >"$TMP/f" && test_must_be_empty "$TMP/f"
FAIL|echo >"$TMP/f" && test_must_be_empty "$TMP/f"
FAIL|test_must_be_empty "$TMP/none"
PASS|: >"$TMP/f" && test_path_is_file "$TMP/f"
FAIL|test_path_is_file "$TMP/none"
FAIL|test_path_is_file "$TMP"
PASS|test_path_is_missing "$TMP/none"
FAIL|: >"$TMP/f" && test_path_is_missing "$TMP/f"
FAIL|ln -s none "$TMP/dangling" && test_path_is_missing "$TMP/dangling"
PASS|ln -s none "$TMP/l" && test_path_is_symlink "$TMP/l"
FAIL|: >"$TMP/f" && test_path_is_symlink "$TMP/f"
PASS|mkdir "$TMP/d" && test_dir_is_empty "$TMP/d"
FAIL|mkdir "$TMP/d" && : >"$TMP/d/.hidden" && test_dir_is_empty "$TMP/d"
FAIL|test_dir_is_empty "$TMP/none"
PASS|mkdir -p "$TMP/d/e" && echo a >"$TMP/d/e/f" && ln -s e "$TMP/d/l" && tree_snapshot "$TMP/d" >"$TMP/s" && test_tree_unchanged "$TMP/d" "$TMP/s"
FAIL|mkdir -p "$TMP/d/e" && echo a >"$TMP/d/e/f" && tree_snapshot "$TMP/d" >"$TMP/s" && echo b >"$TMP/d/e/f" && test_tree_unchanged "$TMP/d" "$TMP/s"
FAIL|mkdir -p "$TMP/d/e" && echo a >"$TMP/d/e/f" && tree_snapshot "$TMP/d" >"$TMP/s" && rm "$TMP/d/e/f" && test_tree_unchanged "$TMP/d" "$TMP/s"
FAIL|mkdir -p "$TMP/d/e" && tree_snapshot "$TMP/d" >"$TMP/s" && : >"$TMP/d/e/.f.coccidrive-1-x" && test_tree_unchanged "$TMP/d" "$TMP/s"
FAIL|mkdir -p "$TMP/d/e" && ln -s e "$TMP/d/l" && tree_snapshot "$TMP/d" >"$TMP/s" && ln -sfn f "$TMP/d/l" && test_tree_unchanged "$TMP/d" "$TMP/s"
FAIL|mkdir -p "$TMP/d/e" && tree_snapshot "$TMP/d" >"$TMP/s" && mkdir "$TMP/d/e/g" && test_tree_unchanged "$TMP/d" "$TMP/s"
FAIL|mkdir -p "$TMP/d/e" && tree_snapshot "$TMP/d" >"$TMP/s" && printf "a\nb" >"$TMP/d/e/new\nline" && test_tree_unchanged "$TMP/d" "$TMP/s"
PASS|mkdir -p "$TMP/d/e" && : >"$TMP/d/coccidrive.c" && test_no_temporary "$TMP/d"
FAIL|mkdir -p "$TMP/d/e" && : >"$TMP/d/e/.f.c.coccidrive-123-AbCdEf" && test_no_temporary "$TMP/d"
FAIL|mkdir -p "$TMP/d/e/coccidrive.123.AbCdEf" && test_no_temporary "$TMP/d"
FAIL|test_no_temporary "$TMP/none"
EOF

check 'variables and the directory persist from one test to the next' '
	probe "" "
		test_expect_success one \"x=1 && cd /\"
		test_expect_success probe \"[ \\\"\\\$x\\\" = 1 ] && [ \\\"\\\$PWD\\\" = / ]\"
		test_done" &&
	[ "$(wc -l <"$TMP/probe.out")" -eq 2 ] &&
	grep -qx "PASS one" "$TMP/probe.out" &&
	grep -qx "PASS probe" "$TMP/probe.out"
'

check 'one failure among passes: test_done exits 1, the rest still run' '
	probe "" "
		test_expect_success a true
		test_expect_success b false
		test_expect_success c true
		test_done" &&
	printf "PASS a\nFAIL b\n  -- exit status 1 of:\n  false\nPASS c\n" >"$TMP/want" &&
	diff -u "$TMP/want" "$TMP/probe.out" &&
	grep -qx 1 "$TMP/probe.rc"
'

check 'a missing prerequisite: SKIP, the commands not run, no failure' '
	probe "" "
		test_set_prereq HAVE
		test_expect_success HAVE,MISSING probe \"echo ran >\\\"\\\$TMP/ran\\\"; false\"
		test_expect_success HAVE had \"true\"
		test_done" &&
	printf "SKIP probe (missing HAVE,MISSING)\nPASS had\n" >"$TMP/want" &&
	diff -u "$TMP/want" "$TMP/probe.out" &&
	grep -qx 0 "$TMP/probe.rc"
'

check 'a script that ends without test_done fails' '
	probe "" "test_expect_success probe true" &&
	grep -qx "PASS probe" "$TMP/probe.out" &&
	grep -q "^FAIL test-lib: .* ended without test_done" "$TMP/probe.out" &&
	grep -qx 1 "$TMP/probe.rc"
'

check 'test_atexit: its commands run when the script ends, also after a failure' '
	probe "" "
		test_atexit \"echo first >>\\\"$TMP/atexit\\\"\"
		test_atexit \"echo second >>\\\"$TMP/atexit\\\"\"
		test_expect_success probe false
		test_done" &&
	printf "second\nfirst\n" >"$TMP/want" &&
	diff -u "$TMP/want" "$TMP/atexit" &&
	grep -qx 1 "$TMP/probe.rc"
'

check 'TMP is removed on exit, also with a chmod 000 directory in it' '
	probe "" "
		echo \"\$TMP\" >\"$TMP/their-tmp\"
		mkdir -p \"\$TMP/x/y\" && : >\"\$TMP/x/y/f\" && chmod 000 \"\$TMP/x/y\" \"\$TMP/x\"
		test_done" &&
	grep -qx 0 "$TMP/probe.rc" &&
	grep -q "^/" "$TMP/their-tmp" &&
	! ls -d "$(cat "$TMP/their-tmp")"
'

# (The pause lets the probe reach "wait": dash runs a trap only once
# the command it is in ends, and a signal just before "wait" waits too.)
check 'TMP is removed when the script is killed by SIGTERM' '
	rm -f "$TMP/their-tmp" "$TMP/sleep.pid" &&
	PROBE_SCRIPT="sleep 30 </dev/null >/dev/null 2>&1 & echo \$! >\"$TMP/sleep.pid\"
		echo \"\$TMP\" >\"$TMP/their-tmp\"; wait" \
		sh -c ". \"\$1\"; eval \"\$PROBE_SCRIPT\"" "$ROOT/tests/e2e/probe.sh" \
		"$ROOT/tests/test-lib.sh" >"$TMP/probe.out" 2>&1 &
	pid=$! &&
	i=0 &&
	while [ ! -s "$TMP/their-tmp" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done &&
	sleep 0.5 &&
	kill -TERM $pid &&
	{ wait $pid; test $? -eq 143; } &&
	kill "$(cat "$TMP/sleep.pid")" &&
	grep -q "^/" "$TMP/their-tmp" &&
	! ls -d "$(cat "$TMP/their-tmp")"
'

check 'TEST_VERBOSE=1 shows a passing test'"'"'s output, indented' '
	TEST_VERBOSE=1 probe "echo PASS inner" &&
	printf "PASS probe\n  PASS inner\n" >"$TMP/want" &&
	diff -u "$TMP/want" "$TMP/probe.out"
'

check 'tests/run.sh counts a failing probe as one failure and no pass' '
	probe "echo PASS fake; echo FAIL fake; false" &&
	[ "$(wc -l <"$TMP/probe.out")" -ge 3 ] &&
	test "$(grep -c "^PASS " "$TMP/probe.out")" -eq 0 &&
	test "$(grep -c "^FAIL " "$TMP/probe.out")" -eq 1
'
[ "$failed" -eq 0 ] || exit 1
test_done
