#!/bin/sh
# make test: every suite, one count.
#
# Each suite prints "PASS name" or "FAIL name" per test; this script runs
# them all (lint, unit tests under ASan/UBSan, the golden tests and the
# end-to-end tests, both with the sanitized build), counts those lines and
# ends with "N passed, N failed".  A suite that dies without saying FAIL
# counts as one failure, so a crash can never pass silently.  ("SKIP name"
# lines, tests whose prerequisites this machine lacks, count neither way.)
set -u
cd "$(dirname "$0")/.." || exit 2

COCCIDRIVE=${COCCIDRIVE:-$PWD/build/asan/coccidrive}
export COCCIDRIVE
# Sanitizers: any report is fatal; leaks are errors too.
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
pass=0
fail=0

run_suite() { # name, command...
	name=$1
	shift
	echo "== $name"
	"$@" >"$log/out" 2>&1
	rc=$?
	cat "$log/out"
	p=$(grep -c '^PASS ' "$log/out")
	f=$(grep -c '^FAIL ' "$log/out")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "FAIL $name: exited with status $rc without naming a failure"
		f=1
	fi
	pass=$((pass + p))
	fail=$((fail + f))
}

run_suite lint sh tests/lint.sh
for t in build/asan/test_*; do
	[ -x "$t" ] && run_suite "unit $(basename "$t")" "$t"
done
run_suite golden "$COCCIDRIVE" test
run_suite fuzz env FUZZ_SECONDS="${FUZZ_SECONDS:-20}" sh tests/fuzz/run.sh
for t in tests/e2e/*.sh; do
	run_suite "e2e $(basename "$t" .sh)" sh "$t"
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
