#!/bin/sh
# Each command's --help and what it accepts are one table (driver/options.h):
# every option its help lists is accepted, in its long and its short
# form, with a value when the help shows one; every option another
# command lists and it does not is refused as unknown.  Usage errors are
# one line naming the program and the command, then where to look, exit
# status 2.  'help CMD' is 'CMD --help'.  -v prints each spatch command
# line and the time the run took.
. "$(dirname "$0")/../e2e-lib.sh"

# Runs from an empty directory on a TREE that does not exist: every
# option is read and none can reach spatch or write a file.
mkdir "$TMP/empty"
cd "$TMP/empty" || exit 2

# The options CMD's help lists: name, short letter or -, 1 if it takes a
# value.  An option line is "  -x, --name" or "      --name", then " ARG"
# or "=ARG" for a value, then two blanks or the end of the line.
options_of() {
	"$COCCIDRIVE" "$1" --help |
		sed -n 's/^  \(-\([a-zA-Z]\), \|    \)--\([a-z][a-z0-9-]*\)\([ =][^ ]\{1,\}\)\{0,1\}\(  .*\)\{0,1\}$/\3 s\2 a\4/p' |
		while read -r name short arg; do
			case $arg in a) arg=0 ;; *) arg=1 ;; esac
			short=${short#s}
			echo "$name ${short:--} $arg"
		done
}

all=$TMP/all
: >"$all"
for c in convert check test; do
	options_of $c >"$TMP/$c.opts"
	cat "$TMP/$c.opts" >>"$all"
	n=$(wc -l <"$TMP/$c.opts")
	if [ "$n" -ge 4 ] && grep -q '^help h 0$' "$TMP/$c.opts"; then
		pass "$c --help lists its options ($n)"
	else
		fail "$c --help lists its options ($n)" "$(cat "$TMP/$c.opts")"
	fi
done
sort -u "$all" -o "$all"

# One option, as the user would write it: no "unknown option", no "needs
# a value", no "takes no value"; the missing TREE (or expected/) stops it.
accepted() { # name cmd args...
	label=$1
	shift
	"$@" >"$TMP/out" 2>"$TMP/err" </dev/null
	rc=$?
	if [ $rc -eq 2 ] && ! grep -q -e 'unknown option' -e 'needs a value' \
		-e 'takes no value' -e 'ambiguous option' "$TMP/err"; then
		pass "$label"
	else
		fail "$label" "exit status $rc" "$(head -c 600 "$TMP/err")"
	fi
}

for c in convert check test; do
	while read -r name short arg; do
		[ "$name" = help ] && continue
		if [ "$arg" = 1 ]; then
			accepted "$c accepts --$name=1" "$COCCIDRIVE" $c "--$name=1" "$TMP/none"
			accepted "$c accepts --$name 1" "$COCCIDRIVE" $c "--$name" 1 "$TMP/none"
			[ "$short" = - ] ||
				accepted "$c accepts -$short 1" "$COCCIDRIVE" $c "-$short" 1 "$TMP/none"
		else
			accepted "$c accepts --$name" "$COCCIDRIVE" $c "--$name" "$TMP/none"
			[ "$short" = - ] ||
				accepted "$c accepts -$short" "$COCCIDRIVE" $c "-$short" "$TMP/none"
		fi
	done <"$TMP/$c.opts"
done

# The exact usage error: two lines, exit status 2.
usage_error() { # label want-line cmd args...
	label=$1 want=$2 c=$3
	shift 3
	"$COCCIDRIVE" $c "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
	rc=$?
	printf '%s\nsee '\''coccidrive %s --help'\''\n' "$want" "$c" >"$TMP/want"
	if [ $rc -eq 2 ] && cmp -s "$TMP/want" "$TMP/err" && [ ! -s "$TMP/out" ]; then
		pass "$label"
	else
		fail "$label" "exit status $rc, stderr:" "$(head -c 600 "$TMP/err")" \
			"want:" "$(cat "$TMP/want")"
	fi
}

# What another command lists and this one does not: unknown, both forms.
for c in convert check test; do
	while read -r name short arg; do
		grep -q "^$name " "$TMP/$c.opts" && continue
		v=
		[ "$arg" = 1 ] && v==1
		usage_error "$c refuses --$name" "coccidrive $c: unknown option '--$name'" \
			$c "--$name$v" "$TMP/none"
		[ "$short" = - ] && continue
		grep -q "^[^ ]* $short " "$TMP/$c.opts" && continue
		usage_error "$c refuses -$short" "coccidrive $c: unknown option '-$short'" \
			$c "-$short" "$TMP/none"
	done <"$all"
done

# test ran no report and never stopped on a spatch failure: it once took
# --report and -k and ignored them.
usage_error "test: --report, which it would ignore, is unknown" \
	"coccidrive test: unknown option '--report'" test --report=r.json
usage_error "test: -k, which it would ignore, is unknown" "coccidrive test: unknown option '-k'" test -k

for c in convert check test; do
	usage_error "$c: unknown option" "coccidrive $c: unknown option '--frob'" $c --frob "$TMP/none"
	usage_error "$c: unknown option with a value" "coccidrive $c: unknown option '--frob'" \
		$c "$TMP/none" --frob=3
	usage_error "$c: unknown short option" "coccidrive $c: unknown option '-Z'" $c -Z "$TMP/none"
	usage_error "$c: --jobs without its value" "coccidrive $c: option '--jobs' needs a value" $c --jobs
	usage_error "$c: -j without its value" "coccidrive $c: option '-j' needs a value" $c -j
	usage_error "$c: --verbose=1" "coccidrive $c: option '--verbose' takes no value" \
		$c --verbose=1 "$TMP/none"
	usage_error "$c: ambiguous abbreviation" \
		"coccidrive $c: ambiguous option '--ma' (--max-size, --macro-file)" $c --ma=1 "$TMP/none"
done

# Wrong values keep their one-line messages, exit status 2.
value_error() { # label want cmd args...
	label=$1 want=$2
	shift 2
	"$COCCIDRIVE" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
	rc=$?
	if [ $rc -eq 2 ] && [ "$(cat "$TMP/err")" = "$want" ]; then pass "$label"; else
		fail "$label" "exit status $rc, stderr:" "$(head -c 600 "$TMP/err")" "want: $want"
	fi
}
value_error "--jobs=0" "coccidrive: --jobs: must be at least 1" check --jobs=0 "$TMP/none"
value_error "-j x" "coccidrive: --jobs: 'x' is not a number" convert -j x "$TMP/none"
value_error "--timeout over the limit" \
	"coccidrive: --timeout: '4294968' is more than 4294967 seconds (about 49 days; 0 means no limit)" \
	convert --timeout 4294968 "$TMP/none"
value_error "--max-size -1" "coccidrive: --max-size: '-1' is not a number" test --max-size=-1
value_error "--layout=wide" "coccidrive: --layout: 'wide' is not 'upstream' or '80'" \
	test --layout=wide
value_error "--fallback=all" "coccidrive: --fallback: 'all' is not 'text' or 'none'" \
	check --fallback=all "$TMP/none"

# help CMD is CMD --help; help alone and --help list the commands.
for c in convert check test; do
	expect_status "help $c: exit 0" 0 "$COCCIDRIVE" help $c
	"$COCCIDRIVE" $c --help >"$TMP/want" 2>&1
	if cmp -s "$OUT" "$TMP/want" && [ ! -s "$ERR" ]; then pass "help $c is $c --help"; else
		fail "help $c is $c --help" "$(head -c 300 "$OUT")"; fi
	awk 'length > 80 { print; bad = 1 } END { exit bad }' "$TMP/want" >"$TMP/long" &&
		pass "$c --help: every line within 80 columns" ||
		fail "$c --help: every line within 80 columns" "$(cat "$TMP/long")"
done
for h in help --help; do
	expect_status "$h: exit 0" 0 "$COCCIDRIVE" $h
	for c in convert check test; do
		expect_grep "$h lists $c" "^  $c " "$OUT"
	done
done
expect_status "help of no such command: exit 2" 2 "$COCCIDRIVE" help frob
expect_grep "help of no such command: named" "^coccidrive: 'frob' is not a command$" "$ERR"

# -v: each spatch command line as it starts, then the time; the patch
# is the same as without it.
cd "$ROOT" || exit 2
expect_status "convert -v" 0 "$COCCIDRIVE" convert -q -v testdata/if_not.c
cp "$OUT" "$TMP/patch-v"
cp "$ERR" "$TMP/err-v"
n=$(grep -c '^coccidrive convert: run: [^ ]*spatch --sp-file [^ ]*sock_create_kern.cocci .* -o [^ ]*/o0.c [^ ]*/f0.c  # testdata/if_not.c$' "$TMP/err-v")
if [ "$n" -eq 1 ]; then pass "-v: the spatch command line of the one file"; else
	fail "-v: the spatch command line of the one file" "$(cat "$TMP/err-v")"; fi
expect_grep "-v: spatch --version too" "^coccidrive convert: run: [^ ]*spatch --version$" "$TMP/err-v"
if tail -n 1 "$TMP/err-v" | grep -q '^coccidrive convert: took [0-9]*\.[0-9][0-9] s$'; then
	pass "-v: the time the run took, last"
else
	fail "-v: the time the run took, last" "$(cat "$TMP/err-v")"
fi
expect_status "convert without -v" 0 "$COCCIDRIVE" convert -q testdata/if_not.c
if cmp -s "$OUT" "$TMP/patch-v" && [ ! -s "$ERR" ]; then pass "-v changes nothing else"; else
	fail "-v changes nothing else" "$(head -c 600 "$ERR")"; fi
expect_status "check --verbose: exit 1, something is left" 1 "$COCCIDRIVE" check -q --verbose testdata/upstream_rfcomm_core.c
expect_grep "check --verbose: the command line" "^coccidrive check: run: .*spatch --sp-file" "$ERR"
expect_grep "check --verbose: the time" "^coccidrive check: took " "$ERR"
finish
