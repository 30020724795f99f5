# Helpers for the end-to-end tests (sourced).  Each check prints
# "PASS name" or "FAIL name" with what went wrong.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
COCCIDRIVE=${COCCIDRIVE:-$ROOT/build/asan/coccidrive}
TMP=$(mktemp -d)
trap 'chmod -R u+w "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
failures=0

pass() { echo "PASS $1"; }
# Details are indented, every line of them, so that nothing quoted can
# pass for a PASS or FAIL line of its own in tests/run.sh's count.
fail() {
	echo "FAIL $1"
	shift
	for l in "$@"; do printf '%s\n' "$l" | sed 's/^/  /'; done
	failures=$((failures + 1))
}
# expect NAME WANT_STATUS COMMAND...: run, record stdout/stderr in $OUT/$ERR
expect_status() {
	name=$1 want=$2
	shift 2
	"$@" >"$TMP/out" 2>"$TMP/err" </dev/null
	got=$?
	OUT=$TMP/out ERR=$TMP/err
	if [ "$got" -eq "$want" ]; then pass "$name"; else
		fail "$name" "exit status $got, want $want" "stderr: $(head -c 600 "$ERR")"
	fi
}
expect_grep() { # name pattern file
	if grep -q -- "$2" "$3"; then pass "$1"; else
		fail "$1" "no line matching '$2' in:" "$(head -c 800 "$3")"
	fi
}
finish() { [ "$failures" -eq 0 ]; }
