# tests/test-lib.sh: the shell test library of the end-to-end tests
# (sourced; POSIX sh, dash runs it), after git's t/test-lib.sh.
#
#	. "$(dirname "$0")/../test-lib.sh"
#	test_expect_success 'convert exits 0' '
#		test_expect_code 0 "$COCCIDRIVE" convert "$tree" &&
#		test_grep "converted: *3" "$ERR"
#	'
#	test_done
#
# test_expect_success evaluates its commands in the current shell (so
# variables and "cd" persist, as in git), chain them with "&&": only the
# status of the whole list counts.  It prints "PASS name", or "FAIL name"
# and, indented by two spaces, what the commands printed and the commands
# themselves.  tests/run.sh counts the lines that start with "PASS " and
# "FAIL ", so nothing quoted may ever start one: every quoted line is
# indented.  The helpers print why they fail (to stderr, which the test
# captures) and return non-zero; they never print PASS or FAIL.
#
# Set for the script: ROOT (the checkout), COCCIDRIVE (the program under
# test: $COCCIDRIVE or the ASan build), TMP (a fresh directory, removed on
# exit, also when the tests left unreadable directories in it), OUT and
# ERR (the standard output and error of the last test_expect_code), SQ (a
# single quote, for patterns in a test's single-quoted commands),
# COCCIDRIVE_CACHE_DIR (the program's cache, in TMP).
# TEST_VERBOSE=1 shows the output of passing tests too.
#
# Tests:      test_expect_success [PREREQ] NAME COMMANDS, test_skip,
#             test_set_prereq, test_have_prereq, test_atexit, test_done
# Helpers:    test_expect_code, test_must_fail, test_cmp, test_grep,
#             test_line_count, test_must_be_empty, test_path_is_file,
#             test_path_is_symlink, test_path_is_missing, test_dir_is_empty,
#             test_quote
# Trees:      tree_snapshot, test_tree_unchanged, test_no_temporary
set -u

# The checkout: the first directory up from the script that holds this
# library (tests/e2e/NAME.sh, tests/NAME.sh and bench/NAME.sh alike).
ROOT=$(cd "$(dirname "$0")" && while [ ! -f tests/test-lib.sh ] && [ "$PWD" != / ]; do
	cd .. || exit 2
done && pwd)
if [ ! -f "$ROOT/tests/test-lib.sh" ]; then
	printf '%s\n' "FAIL test-lib: no checkout found above $0" >&2
	exit 2
fi
COCCIDRIVE=${COCCIDRIVE:-$ROOT/build/asan/coccidrive}
TMP=$(mktemp -d) || exit 2
_tl_dir=$TMP/.test-lib
mkdir "$_tl_dir" || exit 2
# The program's cache (driver/pipeline/cache.h): the script's own, so
# that no test reads or writes the user's; COCCIDRIVE_CACHE_DIR names
# it for the tests that look inside.
COCCIDRIVE_CACHE_DIR=$_tl_dir/cache
export COCCIDRIVE_CACHE_DIR
OUT=$TMP/out
ERR=$TMP/err
# A single quote, for the single-quoted commands of a test.
SQ="'"
_tl_failures=0
_tl_prereqs=' '
_tl_running=
_tl_done=
_tl_atexit=:
# The script's own standard output, for the exit trap: a test that exits
# the script (a failed ${x:?}, an "exit" in its commands) is reported
# from inside its redirection.
exec 9>&1
# Tests chmod directories to 000: give them back before removing.  A
# signal ends the script through exit, so that the trap runs then too.
_tl_exit() {
	_tl_rc=$?
	if [ -n "$_tl_running" ]; then
		{
			printf 'FAIL %s\n' "$_tl_running"
			_tl_indent "$_tl_dir/log"
			printf '%s\n' "  -- its commands ended the script (status $_tl_rc)"
		} >&9
		_tl_rc=1
	elif [ -z "$_tl_done" ] && [ "$_tl_rc" -eq 0 ]; then
		printf '%s\n' "FAIL test-lib: $0 ended without test_done" >&9
		_tl_rc=1
	fi
	eval "$_tl_atexit"
	chmod -R u+rwX "$TMP" 2>/dev/null
	rm -rf "$TMP"
	exit "$_tl_rc"
}
trap _tl_exit EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# test_atexit COMMANDS: run COMMANDS when the script ends, however it
# ends, before TMP is removed (a mount to undo, a directory elsewhere).
test_atexit() { _tl_atexit="$1
$_tl_atexit"; }

# BUG message: a mistake in the test script itself.
BUG() {
	printf '%s\n' "FAIL test-lib: BUG in the test script: $*"
	exit 2
}

# _tl_indent FILE: FILE's lines, each indented by two spaces, the last one
# ended by a newline even if the file's is not.
_tl_indent() { awk '{ print "  " $0 }' "$1"; }

# test_set_prereq NAME / test_have_prereq NAME[,NAME...]
test_set_prereq() { _tl_prereqs="$_tl_prereqs$1 "; }
test_have_prereq() {
	_tl_p=$1
	while [ -n "$_tl_p" ]; do
		case $_tl_prereqs in *" ${_tl_p%%,*} "*) ;; *) return 1 ;; esac
		case $_tl_p in *,*) _tl_p=${_tl_p#*,} ;; *) _tl_p= ;; esac
	done
	return 0
}

# test_expect_success [PREREQ[,PREREQ...]] NAME COMMANDS
# Without the prerequisites, prints "SKIP name (missing PREREQ)", which
# counts neither way.
# A function of its own, so that "return N" in a test's commands ends the
# test with status N, as in git's test-lib, instead of returning from
# test_expect_success before it says PASS or FAIL.
_tl_eval() {
	eval "$1"
}

test_expect_success() {
	case $# in
	2) _tl_req= ;;
	3) _tl_req=$1; shift ;;
	*) BUG "test_expect_success takes [PREREQ] NAME COMMANDS, not $# arguments" ;;
	esac
	_tl_name=$1
	case $_tl_name in
	'' | *'
'*) BUG "a test name is one non-empty line: '$_tl_name'" ;;
	esac
	if [ -n "$_tl_req" ] && ! test_have_prereq "$_tl_req"; then
		printf '%s\n' "SKIP $_tl_name (missing $_tl_req)"
		return 0
	fi
	# The commands' output goes to a log, shown (indented) if they fail.
	_tl_cmds=$2
	_tl_running=$_tl_name
	{ _tl_eval "$_tl_cmds"; } >"$_tl_dir/log" 2>&1 </dev/null
	_tl_rc=$?
	_tl_running=
	if [ "$_tl_rc" -eq 0 ]; then
		printf 'PASS %s\n' "$_tl_name"
		[ "${TEST_VERBOSE:-}" = 1 ] && _tl_indent "$_tl_dir/log"
	else
		printf 'FAIL %s\n' "$_tl_name"
		_tl_indent "$_tl_dir/log"
		printf '%s\n' "-- exit status $_tl_rc of:" "$_tl_cmds" >"$_tl_dir/cmd"
		_tl_indent "$_tl_dir/cmd"
		_tl_failures=$((_tl_failures + 1))
	fi
	return 0
}

# test_skip NAME REASON: a test that cannot run here, said so.
test_skip() { printf 'SKIP %s (%s)\n' "$1" "$2"; }

# test_done: the script's end; its exit status says whether all passed.
test_done() {
	_tl_done=1
	[ "$_tl_failures" -eq 0 ] && exit 0
	exit 1
}

# test_quote WORD...: the words quoted for the shell, to build a test's
# commands from a table row ("test_expect_code 2 $(test_quote "$@")").
test_quote() {
	for _tl_a; do
		printf "'"
		printf '%s' "$_tl_a" | sed "s/'/'\\\\''/g"
		printf "' "
	done
}

# test_expect_code N COMMAND [ARG...]: run COMMAND with no input, its
# standard output in $OUT and its standard error in $ERR; true iff it
# exited with status N.
test_expect_code() {
	[ $# -ge 2 ] || BUG "test_expect_code takes N COMMAND..."
	_tl_want=$1
	shift
	OUT=$TMP/out ERR=$TMP/err
	"$@" >"$OUT" 2>"$ERR" </dev/null
	_tl_got=$?
	[ "$_tl_got" -eq "$_tl_want" ] && return 0
	{
		printf '%s\n' "test_expect_code: exit status $_tl_got, want $_tl_want: $*"
		printf '%s\n' "stdout (first 30 lines):"
		head -n 30 "$OUT"
		printf '%s\n' "stderr (first 30 lines):"
		head -n 30 "$ERR"
	} >&2
	return 1
}

# test_must_fail COMMAND [ARG...]: true iff COMMAND fails in a controlled
# way: not status 0, and not killed by a signal (status 126 and over).
test_must_fail() {
	"$@"
	_tl_got=$?
	if [ "$_tl_got" -eq 0 ]; then
		printf '%s\n' "test_must_fail: command succeeded: $*" >&2
		return 1
	elif [ "$_tl_got" -gt 125 ]; then
		printf '%s\n' "test_must_fail: status $_tl_got (killed or not run): $*" >&2
		return 1
	fi
	return 0
}

# test_cmp EXPECTED ACTUAL: the same bytes, or the difference shown.
test_cmp() {
	[ $# -eq 2 ] || BUG "test_cmp takes EXPECTED ACTUAL"
	cmp -s -- "$1" "$2" && return 0
	printf '%s\n' "test_cmp: $1 and $2 differ:" >&2
	diff -u -- "$1" "$2" | head -n 100 >&2
	return 1
}

# test_grep [-v] [-F] [-x] [-e] PATTERN FILE: a line of FILE matches
# PATTERN (a basic regular expression, or with -F a string; with -x the
# whole line), or with -v none does; else FILE is shown.
test_grep() {
	_tl_neg='' _tl_opt=''
	while [ $# -gt 2 ]; do
		case $1 in
		-v) _tl_neg=1 ;;
		-F | -x) _tl_opt="$_tl_opt $1" ;;
		-e) shift; break ;;
		*) BUG "test_grep: unknown option '$1'" ;;
		esac
		shift
	done
	[ $# -eq 2 ] || BUG "test_grep takes [-v] [-F] [-x] [-e] PATTERN FILE"
	if [ ! -f "$2" ]; then
		printf '%s\n' "test_grep: no file $2" >&2
		return 1
	fi
	# shellcheck disable=SC2086
	if grep -q $_tl_opt -e "$1" -- "$2"; then
		[ -z "$_tl_neg" ] && return 0
		printf '%s\n' "test_grep: a line of $2 matches '$1', none should:" >&2
		grep -n $_tl_opt -e "$1" -- "$2" | head -n 30 >&2
	else
		[ -n "$_tl_neg" ] && return 0
		printf '%s\n' "test_grep: no line of $2 matches '$1'; it holds:" >&2
	fi
	head -n 60 -- "$2" >&2
	[ "$(wc -l <"$2")" -gt 60 ] && printf '%s\n' "... ($(wc -l <"$2") lines)" >&2
	return 1
}

# test_line_count OP N FILE: FILE's line count compared with test's OP.
test_line_count() {
	[ $# -eq 3 ] || BUG "test_line_count takes OP N FILE"
	_tl_n=$(wc -l <"$3") || return 1
	test "$_tl_n" "$1" "$2" && return 0
	printf '%s\n' "test_line_count: $3 has $_tl_n lines, want $1 $2:" >&2
	head -n 60 -- "$3" >&2
	return 1
}

# test_must_be_empty FILE: FILE exists and is empty.
test_must_be_empty() {
	[ $# -eq 1 ] || BUG "test_must_be_empty takes FILE"
	if [ ! -f "$1" ]; then
		printf '%s\n' "test_must_be_empty: no file $1" >&2
		return 1
	elif [ -s "$1" ]; then
		printf '%s\n' "test_must_be_empty: $1 is not empty:" >&2
		head -n 60 -- "$1" >&2
		return 1
	fi
}

test_path_is_file() {
	[ $# -eq 1 ] || BUG "test_path_is_file takes PATH"
	[ -f "$1" ] && return 0
	printf '%s\n' "test_path_is_file: $1 is not a regular file: $(ls -ld -- "$1" 2>&1)" >&2
	return 1
}
test_path_is_symlink() {
	[ $# -eq 1 ] || BUG "test_path_is_symlink takes PATH"
	[ -L "$1" ] && return 0
	printf '%s\n' "test_path_is_symlink: $1 is not a symbolic link: $(ls -ld -- "$1" 2>&1)" >&2
	return 1
}
test_path_is_missing() {
	[ $# -eq 1 ] || BUG "test_path_is_missing takes PATH"
	[ ! -e "$1" ] && [ ! -L "$1" ] && return 0
	printf '%s\n' "test_path_is_missing: $1 exists: $(ls -ld -- "$1" 2>&1)" >&2
	return 1
}
# test_dir_is_empty DIR: DIR holds nothing, not even a dot file.
test_dir_is_empty() {
	[ $# -eq 1 ] || BUG "test_dir_is_empty takes DIR"
	if [ ! -d "$1" ]; then
		printf '%s\n' "test_dir_is_empty: $1 is not a directory" >&2
		return 1
	elif [ -n "$(ls -A -- "$1")" ]; then
		printf '%s\n' "test_dir_is_empty: $1 holds:" >&2
		ls -AR -- "$1" | head -n 60 >&2
		return 1
	fi
}

# tree_snapshot DIR >FILE: every file (its MD5), symbolic link (its
# target) and directory under DIR, sorted: two snapshots are equal iff
# nothing was added, removed or changed.
tree_snapshot() {
	[ $# -eq 1 ] || BUG "tree_snapshot takes DIR"
	(cd "$1" && {
		find . -type f -exec md5sum -- {} +
		find . -type l -printf 'link %l  %p\n'
		find . -type d -printf 'dir  %p\n'
	} | LC_ALL=C sort)
}
# test_tree_unchanged DIR SNAPSHOT: DIR is as tree_snapshot saw it then.
test_tree_unchanged() {
	[ $# -eq 2 ] || BUG "test_tree_unchanged takes DIR SNAPSHOT"
	tree_snapshot "$1" >"$_tl_dir/now" || return 1
	cmp -s -- "$2" "$_tl_dir/now" && return 0
	printf '%s\n' "test_tree_unchanged: $1 changed (- then, + now):" >&2
	diff -u -- "$2" "$_tl_dir/now" | tail -n +3 | head -n 60 >&2
	return 1
}
# test_no_temporary DIR: no temporary file (*coccidrive-*) and no scratch
# directory (coccidrive.*) of a run anywhere under DIR.
test_no_temporary() {
	[ $# -eq 1 ] || BUG "test_no_temporary takes DIR"
	find "$1" -mindepth 1 \( -name '*coccidrive-*' -o -type d -name 'coccidrive.*' \) \
		>"$_tl_dir/temps" || return 1
	[ -s "$_tl_dir/temps" ] || return 0
	printf '%s\n' "test_no_temporary: left under $1:" >&2
	cat "$_tl_dir/temps" >&2
	return 1
}
