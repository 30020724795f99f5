#!/bin/sh
# Each command's --help and what it accepts are one table (driver/options.h):
# every option its help lists is accepted, in its long and its short
# form, with a value when the help shows one; every option another
# command lists and it does not is refused as unknown.  Usage errors are
# one line naming the program and the command, then where to look, exit
# status 2.  'help CMD' is 'CMD --help'.  -v prints each spatch command
# line and the time the run took.
. "$(dirname "$0")/../test-lib.sh"

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
	test_expect_success "$c --help lists its options, -h too" '
		test "$(wc -l <"$TMP/$c.opts")" -ge 4 &&
		test_grep -x "help h 0" "$TMP/$c.opts"
	'

done
sort -u "$all" -o "$all"

# One option, as the user would write it: no "unknown option", no "needs
# a value", no "takes no value"; the missing TREE (or expected/) stops it.
accepted() { # name cmd args...
	label=$1
	shift
	"$@" >"$TMP/out" 2>"$TMP/err" </dev/null
	rc=$?
	test_expect_success "$label" '
		test $rc -eq 2 &&
		test_grep -v -e "unknown option\|needs a value\|takes no value\|ambiguous option" "$TMP/err"
	'
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
	test_expect_success "$label" '
		test $rc -eq 2 &&
		test_cmp "$TMP/want" "$TMP/err" &&
		test_must_be_empty "$TMP/out"
	'
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
	printf '%s\n' "$want" >"$TMP/want"
	"$COCCIDRIVE" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
	rc=$?
	test_expect_success "$label" '
		test $rc -eq 2 &&
		test_cmp "$TMP/want" "$TMP/err"
	'
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
	test_expect_success "help $c is $c --help, exit 0" '
		"$COCCIDRIVE" $c --help >"$TMP/want" 2>&1 &&
		test_expect_code 0 "$COCCIDRIVE" help $c &&
		test_cmp "$TMP/want" "$OUT" &&
		test_must_be_empty "$ERR"
	'
	test_expect_success "$c --help: every line within 80 columns" '
		awk "length > 80 { print; bad = 1 } END { exit bad }" "$TMP/want"
	'
done
for h in help --help; do
	test_expect_success "$h: exit 0" '
		test_expect_code 0 "$COCCIDRIVE" $h
	'
	for c in convert check test; do
		test_expect_success "$h lists $c" '
			test_grep "^  $c " "$OUT"
		'
	done
done
test_expect_success 'help of no such command: exit 2, named' '
	test_expect_code 2 "$COCCIDRIVE" help frob &&
	test_grep -x "coccidrive: $SQ""frob$SQ is not a command" "$ERR"
'

# -v: each spatch command line as it starts, then the time; the patch
# is the same as without it.
cd "$ROOT" || exit 2
test_expect_success 'convert -v: the spatch command line of the one file' '
	test_expect_code 0 "$COCCIDRIVE" convert -q -v testdata/if_not.c &&
	cp "$OUT" "$TMP/patch-v" && cp "$ERR" "$TMP/err-v" &&
	test "$(grep -c "^coccidrive convert: run: [^ ]*spatch --sp-file [^ ]*sock_create_kern.cocci .* -o [^ ]*/o0.c [^ ]*/f0.c  # testdata/if_not.c\$" "$TMP/err-v")" -eq 1
'
test_expect_success '-v: spatch --version too' '
	test_grep "^coccidrive convert: run: [^ ]*spatch --version\$" "$TMP/err-v"
'
test_expect_success '-v: the time the run took, last' '
	tail -n 1 "$TMP/err-v" >"$TMP/last" &&
	test_grep "^coccidrive convert: took [0-9]*\.[0-9][0-9] s\$" "$TMP/last"
'
test_expect_success '-v changes nothing else' '
	test_expect_code 0 "$COCCIDRIVE" convert -q testdata/if_not.c &&
	test_cmp "$TMP/patch-v" "$OUT" &&
	test_must_be_empty "$ERR"
'
test_expect_success 'check --verbose: exit 1, the command line and the time' '
	test_expect_code 1 "$COCCIDRIVE" check -q --verbose testdata/upstream_rfcomm_core.c &&
	test_grep "^coccidrive check: run: .*spatch --sp-file" "$ERR" &&
	test_grep "^coccidrive check: took " "$ERR"
'
test_done
