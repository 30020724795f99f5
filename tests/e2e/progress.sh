#!/bin/sh
# The progress line: on a terminal once the run takes a second, never
# in a file or pipe unless --progress, never with --no-progress, erased
# before anything else is written on stderr, and the patch unchanged.
#
# The terminal is a pseudo-terminal from util-linux's script(1)
# (bsdutils, essential on Debian): "script -qec CMD /dev/null" runs CMD
# with stdin, stdout and stderr on a pty and copies what it shows to its
# own stdout (the typescript).  A run is made slow by a wrapper around
# the real spatch that sleeps on one file, as in faults.sh.
. "$(dirname "$0")/../test-lib.sh"
# Every run here is about what spatch does: none from the cache.
COCCIDRIVE_NO_CACHE=1
export COCCIDRIVE_NO_CACHE

real=$(command -v spatch)
cat >"$TMP/spatch" <<EOS
#!/bin/sh
case "\$1" in --version) exec "$real" "\$@";; esac
for a; do last=\$a; done
grep -rqs lowcomms_sctp "\$last" && sleep "\${SLOW:-0}"
exec "$real" "\$@"
EOS
chmod +x "$TMP/spatch"

cd "$TMP" || exit 2
cp -R "$ROOT/testdata/sample-tree" tree
# A quick run: no old call, so no spatch at all.
mkdir quick
printf 'int f(void)\n{\n\treturn sock_create_kern(&init_net, 1, 2, 3, 0);\n}\n' \
	>quick/a.c

# on_tty OUT CMD...: CMD on a pseudo-terminal, its stdout into the file
# OUT; what the terminal got is in $TMP/tty.  Each word is quoted for
# script's "sh -c"; its status is CMD's.
on_tty() {
	_out=$1
	shift
	_cmd=
	for _w; do _cmd="$_cmd $(test_quote "$_w")"; done
	script -qec "$_cmd >$(test_quote "$_out")" /dev/null </dev/null >"$TMP/tty"
}

# What a terminal shows after the bytes of FILE: each "\r" goes back to
# the start of the line, and what follows overwrites what was there;
# trailing blanks dropped.  A line cut into by the progress line, or a
# progress line left behind, shows here.
screen() {
	awk '{
		n = split($0, seg, "\r"); s = ""
		for (i = 1; i <= n; i++) s = seg[i] substr(s, length(seg[i]) + 1)
		sub(/ +$/, "", s); print s
	}' "$1"
}

# What every progress line starts with (a count, then the elapsed time).
progress_re='coccidrive: files [0-9]*/[0-9]*, spatch [0-9]*/[0-9]*, [0-9]*\.[0-9] s'

# Never from the cache: the run must start the slow spatch every time.
slow() { env SPATCH="$TMP/spatch" SLOW=2 COCCIDRIVE_NO_CACHE=1 "$@"; }

test_expect_success 'reference: a slow run, stderr in a file, no progress line' '
	slow "$COCCIDRIVE" convert -j 2 tree >plain.patch 2>plain.err &&
	test -s plain.patch &&
	test_grep "2 spatch runs, 4 changed" plain.err &&
	! grep -q "$(printf "\r")" plain.err
'

test_expect_success 'a slow run on a terminal shows the progress line' '
	on_tty tty.patch env SPATCH="$TMP/spatch" SLOW=2 "$COCCIDRIVE" convert \
		-j 2 tree &&
	tr "\r" "\n" <"$TMP/tty" >lines &&
	test_grep -x "$progress_re" lines &&
	test_grep -x "coccidrive: files 6/6, spatch [0-1]/2, [0-9.]* s" lines
'

test_expect_success 'the terminal shows the same stderr, uncut, the line gone' '
	screen "$TMP/tty" >tty.screen &&
	test_cmp plain.err tty.screen
'

test_expect_success 'the patch is byte for byte the same' '
	test_cmp plain.patch tty.patch
'

test_expect_success 'stderr into a pipe: no progress line' '
	{ slow "$COCCIDRIVE" convert -j 2 tree 2>&1 >pipe.patch | cat >pipe.err; } &&
	test_cmp plain.err pipe.err &&
	test_cmp plain.patch pipe.patch
'

test_expect_success '--progress writes it into a file, erased at the end' '
	slow "$COCCIDRIVE" convert --progress -j 2 tree >forced.patch 2>forced.err &&
	tr "\r" "\n" <forced.err >lines &&
	test_grep -x "$progress_re" lines &&
	screen forced.err >forced.screen &&
	test_cmp plain.err forced.screen &&
	test_cmp plain.patch forced.patch
'

test_expect_success '--no-progress: none on a terminal' '
	on_tty none.patch env SPATCH="$TMP/spatch" SLOW=2 "$COCCIDRIVE" convert \
		--no-progress -j 2 tree &&
	! grep -q "coccidrive: files" "$TMP/tty" &&
	test_cmp plain.patch none.patch
'

test_expect_success 'the last of --progress and --no-progress counts' '
	slow "$COCCIDRIVE" convert --progress --no-progress -j 2 tree \
		>/dev/null 2>last.err &&
	test_cmp plain.err last.err &&
	on_tty /dev/null env SPATCH="$TMP/spatch" SLOW=2 "$COCCIDRIVE" convert \
		--no-progress --progress -j 2 tree &&
	test_grep "coccidrive: files 6/6" "$TMP/tty"
'

test_expect_success 'a quick run on a terminal shows none' '
	on_tty quick.patch "$COCCIDRIVE" convert quick &&
	test_must_be_empty quick.patch &&
	test_grep "already converted: *1" "$TMP/tty" &&
	! grep -q "coccidrive: files" "$TMP/tty"
'

test_expect_success 'check: the same line on a terminal, the findings intact' '
	slow "$COCCIDRIVE" check -j 2 tree >check.out 2>check.err
	test $? -eq 1 &&
	on_tty tty-check.out env SPATCH="$TMP/spatch" SLOW=2 "$COCCIDRIVE" check \
		-j 2 tree
	test $? -eq 1 &&
	test_grep "coccidrive: files 6/6, spatch" "$TMP/tty" &&
	screen "$TMP/tty" >tty-check.screen &&
	test_cmp check.err tty-check.screen &&
	test_cmp check.out tty-check.out
'

test_expect_success 'check --no-progress: none on a terminal' '
	on_tty /dev/null env SPATCH="$TMP/spatch" SLOW=2 "$COCCIDRIVE" check \
		--no-progress -j 2 tree
	test $? -eq 1 &&
	! grep -q "coccidrive: files" "$TMP/tty"
'

# An error ends the run while the line is shown: die() erases it first.
test_expect_success 'a run stopped by a signal: the message is whole, the line gone' '
	on_tty /dev/null timeout --preserve-status -s TERM 3 \
		env SPATCH="$TMP/spatch" SLOW=5 "$COCCIDRIVE" convert -j 2 tree
	test $? -eq 2 &&
	test_grep "coccidrive: files 6/6" "$TMP/tty" &&
	screen "$TMP/tty" >stopped.screen &&
	printf "%s\n" "coccidrive: interrupted by signal 15 (Terminated): no file was changed" >expect &&
	test_cmp expect stopped.screen
'

# -v writes a line as each spatch starts, with the line shown meanwhile.
test_expect_success '-v: every trace line whole, the line gone at the end' '
	slow "$COCCIDRIVE" convert -v --progress -j 1 tree >/dev/null 2>trace.err &&
	tr "\r" "\n" <trace.err >lines &&
	test_grep -x "$progress_re" lines &&
	screen trace.err >trace.screen &&
	grep " run: " trace.screen >runs &&
	grep "^coccidrive convert: run: .*  # .4 files: tree/" runs >files &&
	test_line_count = 1 files &&
	! grep -v "^coccidrive convert: run: " runs &&
	! grep "coccidrive: files" trace.screen
'

test_done
