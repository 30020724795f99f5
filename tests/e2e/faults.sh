#!/bin/sh
# spatch crashing, hanging, or writing garbage; Ctrl-C and SIGTERM in the
# middle of a run.  The faults are injected by a wrapper around the real
# spatch (it answers --version and converts for real unless told to
# fail), since Debian's spatch cannot be made to crash on demand.
. "$(dirname "$0")/../e2e-lib.sh"

real=$(command -v spatch)
cat >"$TMP/spatch" <<EOS
#!/bin/sh
case "\$1" in --version) exec "$real" "\$@";; esac
# spatch sees staged copies under plain names: find the file by content.
for a; do last=\$a; done
grep -q lowcomms_sctp "\$last" 2>/dev/null && target=1
if [ -n "\${target:-}" ]; then
	case "\$FAULT" in
	crash) kill -SEGV \$\$ ;;
	hang) sleep 30 ;;
	garbage) out=; prev=; for a; do [ "\$prev" = -o ] && out=\$a; prev=\$a; done
		echo 'int garbage;' >"\$out"; exit 0 ;;
	slow) sleep 2 ;;
	subtle) out=; prev=; for a; do [ "\$prev" = -o ] && out=\$a; prev=\$a; done
		"$real" "\$@" || exit
		sed -i 's/IPPROTO_TCP/IPPROTO_UDP/' "\$out"; exit 0 ;;
	esac
fi
exec "$real" "\$@"
EOS
chmod +x "$TMP/spatch"

tree=$TMP/tree
cp -R "$ROOT/testdata/sample-tree" "$tree"
(cd "$tree" && find . -type f -exec md5sum {} + | sort) >"$TMP/before.md5"
unchanged() { # name
	(cd "$tree" && find . -type f -exec md5sum {} + | sort) >"$TMP/after.md5"
	if cmp -s "$TMP/before.md5" "$TMP/after.md5" &&
		! find "$tree" -name '*coccidrive-*' | grep -q .; then
		pass "$1: no file changed, no temporary file"
	else
		fail "$1: no file changed, no temporary file" "$(diff "$TMP/before.md5" "$TMP/after.md5")"
	fi
}

for fault in crash hang garbage subtle; do
	expect_status "spatch $fault: exit 2" 2 env SPATCH="$TMP/spatch" FAULT=$fault \
		"$COCCIDRIVE" convert --in-place --timeout 3 "$tree"
	unchanged "spatch $fault"
	expect_grep "spatch $fault: the last line says nothing was written" \
		"spatch failed on 1 file (listed above); nothing was written" "$ERR"
done
# Nothing is left in TMPDIR either: the scratch directory, and spatch's
# own temporary files in it, go even when spatch is killed.
mkdir "$TMP/tmpd"
env TMPDIR="$TMP/tmpd" SPATCH="$TMP/spatch" FAULT=hang "$COCCIDRIVE" check --timeout 1 "$tree" \
	>/dev/null 2>&1
env TMPDIR="$TMP/tmpd" "$COCCIDRIVE" check "$tree" >/dev/null 2>&1
if [ -z "$(ls -A "$TMP/tmpd")" ]; then pass "TMPDIR is left empty, after a kill too"; else
	fail "TMPDIR is left empty, after a kill too" "$(ls -AR "$TMP/tmpd")"; fi
expect_grep "spatch changing other code: refused, sites are manual work" \
	"lowcomms.c:14:11: result refused: at line 15 it has .IPPROTO_UDP. where the original has .IPPROTO_TCP." "$ERR"
env SPATCH="$TMP/spatch" FAULT=crash "$COCCIDRIVE" check "$tree" >"$TMP/out" 2>"$TMP/err"
expect_grep "spatch crash: the reason names the signal" "killed by signal 11" "$TMP/err"
env SPATCH="$TMP/spatch" FAULT=hang "$COCCIDRIVE" check --timeout 1 "$tree" >"$TMP/out" 2>"$TMP/err"
expect_grep "spatch hang: the reason names the timeout" "lowcomms.c:14:11: spatch timed out after 1 s" "$TMP/err"

# --keep-going: the other files are converted, the failed one is listed.
expect_status "spatch crash with --keep-going: exit 1" 1 env SPATCH="$TMP/spatch" FAULT=crash \
	"$COCCIDRIVE" convert --keep-going "$tree"
expect_grep "--keep-going: the other files are in the patch" "^diff --git a/net/socket.c" "$OUT"
if grep -q lowcomms "$OUT"; then fail "--keep-going: the failed file is not in the patch"; else
	pass "--keep-going: the failed file is not in the patch"; fi

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
	rc=$?
	if [ "$rc" -eq 2 ]; then pass "SIG$sig mid-run: exit 2"; else
		fail "SIG$sig mid-run: exit 2" "got $rc" "$(cat "$TMP/err")"; fi
	expect_grep "SIG$sig mid-run: says so" "interrupted by signal .*no file was changed" "$TMP/err"
	unchanged "SIG$sig mid-run"
	sleep 0.5
	if pgrep -f "$TMP/spatch" >/dev/null; then fail "SIG$sig mid-run: no spatch left running"; else
		pass "SIG$sig mid-run: no spatch left running"; fi
done
expect_status "a second run finishes the work" 0 "$COCCIDRIVE" convert --in-place "$tree"
expect_status "and then the tree checks clean" 0 "$COCCIDRIVE" check "$tree"
finish
