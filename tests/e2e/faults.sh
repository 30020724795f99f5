#!/bin/sh
# spatch crashing, hanging, or writing garbage; Ctrl-C and SIGTERM in the
# middle of a run.  The faults are injected by a wrapper around the real
# spatch (it answers --version and converts for real unless told to
# fail), since Debian's spatch cannot be made to crash on demand.
. "$(dirname "$0")/../test-lib.sh"
# The spatch wrappers here act on $FAULT, which no cache key sees: a
# result cached from a run without the fault would hide it.
COCCIDRIVE_NO_CACHE=1
export COCCIDRIVE_NO_CACHE

real=$(command -v spatch)
cat >"$TMP/spatch" <<EOS
#!/bin/sh
case "\$1" in --version) exec "$real" "\$@";; esac
# spatch sees staged copies under plain names: find the file by content.
# Its input is the last word: a file (-o names the result) or, for a
# batch, a directory converted in place (--dir).
for a; do last=\$a; done
out=; prev=; for a; do [ "\$prev" = -o ] && out=\$a; prev=\$a; done
[ -n "\$out" ] || out=\$(grep -rl lowcomms_sctp "\$last" 2>/dev/null | head -n 1)
grep -rq lowcomms_sctp "\$last" 2>/dev/null && target=1
if [ -n "\${target:-}" ]; then
	case "\$FAULT" in
	crash) kill -SEGV \$\$ ;;
	hang) sleep 30 ;;
	garbage) [ -d "\$last" ] && "$real" "\$@" >/dev/null 2>&1
		echo 'int garbage;' >"\$out"; exit 0 ;;
	slow) sleep 2 ;;
	subtle) "$real" "\$@" || exit
		sed -i 's/IPPROTO_TCP/IPPROTO_UDP/' "\$out"; exit 0 ;;
	esac
fi
exec "$real" "\$@"
EOS
chmod +x "$TMP/spatch"

# Outside git, patch paths are relative to the current directory.
cd "$TMP" || exit 2
tree=$TMP/tree
cp -R "$ROOT/testdata/sample-tree" "$tree"
tree_snapshot "$tree" >"$TMP/before"

# FAULT | the reason given for each of the file's two sites (a pattern)
while IFS='|' read -r fault reason; do
	[ -n "$fault" ] || continue
	test_expect_success "spatch $fault: exit 2" '
		test_expect_code 2 env SPATCH="$TMP/spatch" FAULT=$fault \
			"$COCCIDRIVE" convert --in-place --timeout 3 "$tree"
	'
	test_expect_success "spatch $fault: no file changed, no temporary file" '
		test_tree_unchanged "$tree" "$TMP/before" &&
		test_no_temporary "$tree"
	'
	test_expect_success "spatch $fault: the last line says nothing was written" '
		tail -n 1 "$ERR" >"$TMP/last" &&
		test_grep "spatch failed on 1 file (listed above); nothing was written" "$TMP/last"
	'
	test_expect_success "spatch $fault: both sites are manual work, with the reason" '
		test_grep "lowcomms.c:14:11: needs manual work: $reason" "$ERR" &&
		test_grep "lowcomms.c:26:6: needs manual work: $reason" "$ERR"
	'
done <<'EOF'
crash|spatch killed by signal 11 (Segmentation fault)$
hang|spatch timed out after 3 s (see --timeout)$
garbage|result refused: it has 0 occurrences of sock_create_kern() where the original has 2$
subtle|result refused: at line 15 it has .IPPROTO_UDP. where the original has .IPPROTO_TCP.
EOF
# Nothing is left in TMPDIR either: the scratch directory, and spatch's
# own temporary files in it, go even when spatch is killed.
mkdir "$TMP/tmpd"
test_expect_success 'TMPDIR is left empty, after a kill too' '
	env TMPDIR="$TMP/tmpd" SPATCH="$TMP/spatch" FAULT=hang "$COCCIDRIVE" check --timeout 1 "$tree" \
		>/dev/null 2>&1
	env TMPDIR="$TMP/tmpd" "$COCCIDRIVE" check "$tree" >/dev/null 2>&1
	test_dir_is_empty "$TMP/tmpd"
'
test_expect_success 'check, spatch crash: the reason names the signal' '
	env SPATCH="$TMP/spatch" FAULT=crash "$COCCIDRIVE" check "$tree" >"$TMP/out" 2>"$TMP/err"
	test_grep "lowcomms.c:14:11: needs manual work: spatch killed by signal 11" "$TMP/out"
'
test_expect_success 'check, spatch hang: the reason names the timeout' '
	env SPATCH="$TMP/spatch" FAULT=hang "$COCCIDRIVE" check --timeout 1 "$tree" >"$TMP/out" 2>"$TMP/err"
	test_grep "lowcomms.c:14:11: needs manual work: spatch timed out after 1 s" "$TMP/out"
'

# --keep-going: the other files are converted, the failed one is listed.
test_expect_success 'spatch crash with --keep-going: exit 1' '
	test_expect_code 1 env SPATCH="$TMP/spatch" FAULT=crash \
		"$COCCIDRIVE" convert --keep-going "$tree"
'
test_expect_success '--keep-going: the other files are in the patch' '
	test_grep "^diff --git a/tree/net/socket.c" "$OUT"
'
test_expect_success '--keep-going: the failed file is not in the patch' '
	test_grep -v lowcomms "$OUT"
'

# Ctrl-C and SIGTERM while spatch runs: exit 2, nothing written, and a
# second run finishes the work.  A shell starts background jobs with
# SIGINT ignored, and coccidrive, like git, leaves an ignored signal
# ignored; env --default-signal gives it back, as a terminal would have.
for sig in INT TERM; do
	rm -rf "$tree"
	cp -R "$ROOT/testdata/sample-tree" "$tree"
	env --default-signal=INT SPATCH="$TMP/spatch" FAULT=slow \
		"$COCCIDRIVE" convert --in-place -j 1 "$tree" \
		>"$TMP/out" 2>"$TMP/err" &
	pid=$!
	sleep 1
	kill -$sig $pid
	wait $pid
	echo $? >"$TMP/rc"
	test_expect_success "SIG$sig mid-run: exit 2" '
		test_grep -x 2 "$TMP/rc" || { cat "$TMP/err"; false; }
	'
	test_expect_success "SIG$sig mid-run: says so" '
		test_grep "interrupted by signal .*no file was changed" "$TMP/err"
	'
	test_expect_success "SIG$sig mid-run: no file changed, no temporary file" '
		test_tree_unchanged "$tree" "$TMP/before" &&
		test_no_temporary "$tree"
	'
	sleep 0.5
	test_expect_success "SIG$sig mid-run: no spatch left running" '
		! pgrep -a -f "$TMP/spatch"
	'
done
test_expect_success 'a second run finishes the work' '
	test_expect_code 0 "$COCCIDRIVE" convert --in-place "$tree"
'
test_expect_success 'and then the tree checks clean' '
	test_expect_code 0 "$COCCIDRIVE" check "$tree"
'
test_done
