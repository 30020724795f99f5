#!/bin/sh
# Writes that lose nothing: where -o and --report go, what --in-place
# does to files that changed meanwhile, hard links, owners, extended
# attributes and symbolic links, renames that fail half-way, signals, and
# what a killed run leaves for the next one.  Each case names its input,
# what is done to it, the exit status wanted and the tree wanted after.
#
# Never against the machine's own /dev/stdout or /dev/null: those cases
# use links and devices made in $TMP, and the literal paths only in a
# private mount namespace with a /dev of its own.
. "$(dirname "$0")/../e2e-lib.sh"

# Under strace, LeakSanitizer cannot stop the traced process to look for
# leaks: the strace cases do without (every other suite checks leaks).
NOLEAK="ASAN_OPTIONS=${ASAN_OPTIONS:-}:detect_leaks=0"

real=$(command -v spatch)
# The real spatch, with a fault on fs/dlm/lowcomms.c when $FAULT says so:
# slow (to be interrupted), edit or delete the file in the tree once
# spatch has read its staged copy (another program at work between the
# scan and the rename).  spatch is given a copy under a plain name, so the
# file is told by its content and the tree's file named by $TARGET.
cat >"$TMP/spatch" <<EOS
#!/bin/sh
case "\$1" in --version) exec "$real" "\$@";; esac
for a; do in=\$a; done
grep -q lowcomms_sctp "\$in" 2>/dev/null || exec "$real" "\$@"
case "\${FAULT:-}" in
slow) sleep 3 ;;
edit) "$real" "\$@"; rc=\$?; echo '/* edited meanwhile */' >>"\$TARGET"; exit \$rc ;;
delete) "$real" "\$@"; rc=\$?; rm -f "\$TARGET"; exit \$rc ;;
esac
exec "$real" "\$@"
EOS
chmod +x "$TMP/spatch"

t=$TMP/t
fresh() { rm -rf "$t"; cp -R "$ROOT/testdata/sample-tree" "$t"; }
sums() { (cd "$1" && find . -type f -exec md5sum {} + | sort); }
converted=$TMP/converted
cp -R "$ROOT/testdata/sample-tree" "$converted"
"$COCCIDRIVE" convert -q --in-place "$converted" 2>/dev/null
sums "$converted" >"$TMP/converted.md5"
sums "$ROOT/testdata/sample-tree" >"$TMP/orig.md5"

# tree_is NAME orig|converted: every file as given, no temporary file.
tree_is() {
	sums "$t" >"$TMP/now.md5"
	if cmp -s "$TMP/$2.md5" "$TMP/now.md5" &&
		! find "$t" -name '*coccidrive-*' | grep -q .; then
		pass "$1: tree $2, no temporary file"
	else
		fail "$1: tree $2, no temporary file" "$(diff "$TMP/$2.md5" "$TMP/now.md5")" \
			"$(find "$t" -name '*coccidrive-*')"
	fi
}
# Until the run has made its scratch directory in $1 (then spatch runs).
wait_scratch() {
	i=0
	while [ -z "$(ls -A "$1")" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	sleep 0.3
}
check() { # name, shell condition
	if eval "$2"; then pass "$1"; else fail "$1" "false: $2" "stderr: $(head -c 600 "$ERR")"; fi
}

## -o and --report: '-' is stdout, a link, device or FIFO is written
## through, a file inside a TREE is refused.

fresh
"$COCCIDRIVE" convert -q "$t" >"$TMP/patch" 2>/dev/null
echo old >"$TMP/target"
ln -s target "$TMP/link"
expect_status "-o LINK: exit 0" 0 "$COCCIDRIVE" convert -q -o "$TMP/link" "$t"
check "-o LINK: the link stays a link" '[ -L "$TMP/link" ]'
check "-o LINK: the patch is in the file it names" 'cmp -s "$TMP/patch" "$TMP/target"'

echo '{}' >"$TMP/r.json"
ln -s r.json "$TMP/rlink"
expect_status "--report LINK: exit 1 (check: work left)" 1 "$COCCIDRIVE" check -q --report "$TMP/rlink" "$t"
check "--report LINK: the link stays a link, the JSON is in its file" \
	'[ -L "$TMP/rlink" ] && jq -e .totals "$TMP/r.json" >/dev/null'

# /dev/stdout is a link to /proc/self/fd/1: the same, made in $TMP.
ln -s /proc/self/fd/1 "$TMP/so"
expect_status "check --report STDOUT-LINK: exit 1" 1 "$COCCIDRIVE" check -q --report "$TMP/so" "$t"
check "check --report STDOUT-LINK: JSON then the check lines on stdout" \
	'[ -L "$TMP/so" ] && grep -q "\"occurrences\"" "$OUT" && tail -1 "$OUT" | grep -q "^$t/.*: "'
expect_status "convert -o STDOUT-LINK: exit 0" 0 "$COCCIDRIVE" convert -q -o "$TMP/so" "$t"
check "convert -o STDOUT-LINK: the patch on stdout, the link kept" \
	'[ -L "$TMP/so" ] && cmp -s "$TMP/patch" "$OUT"'

# /dev/stderr, to a file: the report, then the summary, both kept.
ln -s /proc/self/fd/2 "$TMP/se"
"$COCCIDRIVE" check --report "$TMP/se" "$t" >/dev/null 2>"$TMP/se.out"
check "check --report STDERR-LINK: the JSON, then the summary, on stderr" \
	'[ -L "$TMP/se" ] && grep -q "\"occurrences\"" "$TMP/se.out" &&
	 grep -q "^coccidrive check: " "$TMP/se.out"'

(cd "$TMP" && "$COCCIDRIVE" convert -q -o - "$t" >"$TMP/dash.out" 2>"$TMP/err")
check "-o -: the patch on stdout, no file named '-'" \
	'cmp -s "$TMP/patch" "$TMP/dash.out" && [ ! -e "$TMP/-" ]'

if [ "$(id -u)" -eq 0 ] && mknod "$TMP/null" c 1 3 2>/dev/null; then
	expect_status "-o DEVICE (a /dev/null of our own): exit 0" 0 "$COCCIDRIVE" convert -q -o "$TMP/null" "$t"
	check "-o DEVICE: still the device" '[ -c "$TMP/null" ]'
fi
mkfifo "$TMP/fifo"
cat "$TMP/fifo" >"$TMP/fifo.out" &
reader=$!
expect_status "-o FIFO: exit 0" 0 "$COCCIDRIVE" convert -q -o "$TMP/fifo" "$t"
sleep 0.2
kill "$reader" 2>/dev/null
wait "$reader" 2>/dev/null
check "-o FIFO: the reader got the patch, the FIFO stays" \
	'[ -p "$TMP/fifo" ] && cmp -s "$TMP/patch" "$TMP/fifo.out"'

# The literal /dev/stdout and /dev/null, in a mount namespace of our own
# whose /dev is a fresh tmpfs: the machine's are never at risk.
if [ "$(id -u)" -eq 0 ] && unshare -m true 2>/dev/null; then
	unshare -m --propagation private sh -c '
		mount -t tmpfs tmpfs /dev || exit 3
		ln -s /proc/self/fd/1 /dev/stdout && mknod -m 666 /dev/null c 1 3 || exit 3
		"$1" check -q --report /dev/stdout "$2" >"$3/ns.out" 2>"$3/ns.err"
		echo "report $?" >"$3/ns.rc"
		[ -L /dev/stdout ] && echo "link kept" >>"$3/ns.rc"
		"$1" convert -q -o /dev/null "$2" 2>>"$3/ns.err"
		echo "null $?" >>"$3/ns.rc"
		[ -c /dev/null ] && echo "device kept" >>"$3/ns.rc"
		"$1" convert -q -o /dev/stdout "$2" >"$3/ns.patch" 2>>"$3/ns.err"
		echo "stdout $?" >>"$3/ns.rc"
	' sh "$COCCIDRIVE" "$t" "$TMP"
	printf 'report 1\nlink kept\nnull 0\ndevice kept\nstdout 0\n' >"$TMP/ns.want"
	if cmp -s "$TMP/ns.want" "$TMP/ns.rc" && cmp -s "$TMP/patch" "$TMP/ns.patch" &&
		grep -q '"occurrences"' "$TMP/ns.out"; then
		pass "/dev/stdout and /dev/null (private namespace): written through, kept"
	else
		fail "/dev/stdout and /dev/null (private namespace): written through, kept" \
			"$(cat "$TMP/ns.rc" 2>/dev/null)" "$(cat "$TMP/ns.err" 2>/dev/null)"
	fi
fi

# Inside a TREE: the next run would scan it.
expect_status "-o inside TREE: exit 2" 2 "$COCCIDRIVE" convert -q -o "$t/p.diff" "$t"
expect_grep "-o inside TREE: says so" "$t/p.diff: inside $t, a TREE being converted" "$ERR"
check "-o inside TREE: not written" '[ ! -e "$t/p.diff" ]'
ln -s t "$TMP/tlink"
expect_status "-o inside TREE, through a link: exit 2" 2 "$COCCIDRIVE" convert -q -o "$TMP/tlink/net/p.diff" "$t"
expect_status "check --report inside TREE: exit 2" 2 "$COCCIDRIVE" check -q --report "$t/net/r.json" "$t"
expect_status "--in-place --report inside TREE: exit 2" 2 "$COCCIDRIVE" convert -q --in-place --report "$t/r.json" "$t"
tree_is "--in-place --report inside TREE" orig
expect_status "-o the very file converted: exit 2" 2 "$COCCIDRIVE" convert -q -o "$t/net/socket.c" "$t/net/socket.c"
tree_is "-o the very file converted" orig
mkdir "$TMP/t2"
expect_status "-o beside TREE, in a folder whose name starts the same: exit 0" 0 \
	"$COCCIDRIVE" convert -q -o "$TMP/t2/p.diff" "$t"

## --in-place: a file changed or deleted since it was read is refused.

for fault in edit delete; do
	what=${fault}ed
	[ $fault = delete ] && what=deleted
	fresh
	cp "$t/fs/dlm/lowcomms.c" "$TMP/lowcomms.orig"
	expect_status "--in-place, file $what during the run: exit 2" 2 \
		env SPATCH="$TMP/spatch" FAULT=$fault TARGET="$t/fs/dlm/lowcomms.c" \
		"$COCCIDRIVE" convert -q --in-place -j 1 "$t"
	expect_grep "--in-place, file $what: named" \
		"$t/fs/dlm/lowcomms.c: .*since it was read.*nothing was written" "$ERR"
	# What the other program did stays; nothing else changed.
	if [ $fault = edit ]; then
		check "--in-place, file edited: the edit is kept" \
			'tail -1 "$t/fs/dlm/lowcomms.c" | grep -q "edited meanwhile" &&
			 head -c "$(wc -c <"$TMP/lowcomms.orig")" "$t/fs/dlm/lowcomms.c" | cmp -s - "$TMP/lowcomms.orig"'
		cp "$TMP/lowcomms.orig" "$t/fs/dlm/lowcomms.c"
	else
		check "--in-place, file deleted: not recreated" '[ ! -e "$t/fs/dlm/lowcomms.c" ]'
		cp "$TMP/lowcomms.orig" "$t/fs/dlm/lowcomms.c"
	fi
	tree_is "--in-place, file $what: no other file written" orig
done

## Hard links: refused, both names keep the same file.

fresh
ln "$t/net/socket.c" "$TMP/socket-other-name.c"
expect_status "--in-place, a hard-linked file: exit 2" 2 "$COCCIDRIVE" convert -q --in-place "$t"
expect_grep "--in-place, a hard-linked file: named" "$t/net/socket.c: has 2 hard links" "$ERR"
tree_is "--in-place, a hard-linked file" orig
check "--in-place, a hard-linked file: still one file" '[ "$t/net/socket.c" -ef "$TMP/socket-other-name.c" ]'
rm "$TMP/socket-other-name.c"

## Owner, group, mode, extended attributes and ACLs are kept.

if [ "$(id -u)" -eq 0 ] && command -v setfattr >/dev/null && command -v setfacl >/dev/null; then
	fresh
	f=$t/net/socket.c
	chown 65534:65534 "$f"
	chmod 640 "$f"
	setfattr -n user.coccidrive -v kept "$f"
	setfacl -m u:daemon:r "$f"
	stat -c '%u:%g %a' "$f" >"$TMP/owner.before"
	getfattr -d -m - "$f" >"$TMP/xattr.before" 2>&1
	expect_status "--in-place as root on another user's file: exit 0" 0 "$COCCIDRIVE" convert -q --in-place "$t"
	stat -c '%u:%g %a' "$f" >"$TMP/owner.after"
	getfattr -d -m - "$f" >"$TMP/xattr.after" 2>&1
	check "--in-place: owner, group and mode kept" 'cmp -s "$TMP/owner.before" "$TMP/owner.after"'
	check "--in-place: extended attributes and ACL kept" \
		'grep -q user.coccidrive "$TMP/xattr.before" && grep -q posix_acl_access "$TMP/xattr.before" &&
		 cmp -s "$TMP/xattr.before" "$TMP/xattr.after"'
	check "--in-place: the file is converted" '! cmp -s "$f" "$ROOT/testdata/sample-tree/net/socket.c"'
	chmod o+x "$TMP" "$t" "$t/net"
	check "--in-place: its owner can still read it" \
		'setpriv --reuid=65534 --regid=65534 --clear-groups cat "$f" >/dev/null'
fi

## A TREE that is a link to a file: the file it names is converted, the
## link stays.

fresh
ln -s t/net/socket.c "$TMP/socket-link.c"
expect_status "--in-place TREE-LINK: exit 0" 0 "$COCCIDRIVE" convert -q --in-place "$TMP/socket-link.c"
check "--in-place TREE-LINK: the link stays a link" '[ -L "$TMP/socket-link.c" ]'
check "--in-place TREE-LINK: the file it names is converted" \
	'cmp -s "$t/net/socket.c" "$converted/net/socket.c"'
rm "$TMP/socket-link.c"

## A rename that fails half-way: what was written is said, no temporary
## file is left, and a second run finishes the work.  The 4 files are
## renamed in order: fs/dlm/lowcomms.c, include/linux/net.h,
## net/ipv4/udp_tunnel.c, net/socket.c.

fresh
if chattr +i "$t/include/linux/net.h" 2>/dev/null; then
	expect_status "rename fails on the 2nd file (immutable): exit 2" 2 \
		"$COCCIDRIVE" convert -q --in-place "$t"
	chattr -i "$t/include/linux/net.h"
	expect_grep "immutable 2nd file: says what was written" \
		"$t/include/linux/net.h: cannot rename into place: Operation not permitted; written: the 1 file before it; not written: it and the 2 after it" "$ERR"
	check "immutable 2nd file: the 1st written, the others not" \
		'cmp -s "$t/fs/dlm/lowcomms.c" "$converted/fs/dlm/lowcomms.c" &&
		 cmp -s "$t/net/socket.c" "$ROOT/testdata/sample-tree/net/socket.c" &&
		 ! find "$t" -name "*coccidrive-*" | grep -q .'
	expect_status "immutable 2nd file: a second run finishes the work" 0 "$COCCIDRIVE" convert -q --in-place "$t"
	tree_is "immutable 2nd file, second run" converted
fi
fresh
expect_status "rename fails with EXDEV on the 3rd file: exit 2" 2 env "$NOLEAK" \
	strace -o /dev/null -e trace=rename -e inject=rename:error=EXDEV:when=3 \
	"$COCCIDRIVE" convert -q --in-place "$t"
expect_grep "EXDEV on the 3rd file: says what was written" \
	"$t/net/ipv4/udp_tunnel.c: cannot rename into place: Invalid cross-device link; written: the 2 files before it; not written: it and the 1 after it" "$ERR"
check "EXDEV on the 3rd file: one line" '[ "$(wc -l <"$ERR")" -eq 1 ]'
expect_status "EXDEV on the 3rd file: a second run finishes the work" 0 "$COCCIDRIVE" convert -q --in-place "$t"
tree_is "EXDEV on the 3rd file, second run" converted

## Signals.  A shell starts background jobs with SIGINT and SIGQUIT
## ignored; env --default-signal gives them back, as a terminal would.

# SIGINT during the renames: they finish, the run says so, exit 2.
fresh
expect_status "SIGINT during the renames: exit 2" 2 env "$NOLEAK" env --default-signal=INT \
	strace -o /dev/null -e trace=rename -e inject=rename:signal=INT:when=2 \
	"$COCCIDRIVE" convert -q --in-place "$t"
expect_grep "SIGINT during the renames: says all were written" \
	"interrupted by signal 2 (Interrupt) after writing all 4 files" "$ERR"
tree_is "SIGINT during the renames" converted

# Any signal while spatch runs: exit 2, nothing written, no spatch left
# running, no scratch directory left in TMPDIR.
for sig in HUP QUIT USR1 USR2 ALRM; do
	fresh
	rm -rf "$TMP/tmpd"
	mkdir "$TMP/tmpd"
	env --default-signal=INT,QUIT TMPDIR="$TMP/tmpd" SPATCH="$TMP/spatch" FAULT=slow \
		"$COCCIDRIVE" convert -q --in-place -j 1 "$t" >"$TMP/out" 2>"$TMP/err" &
	pid=$!
	wait_scratch "$TMP/tmpd"
	kill -$sig $pid
	wait $pid
	rc=$?
	ERR=$TMP/err
	check "SIG$sig while spatch runs: exit 2" '[ "$rc" -eq 2 ]'
	expect_grep "SIG$sig while spatch runs: says so" "interrupted by signal .*no file was changed" "$TMP/err"
	tree_is "SIG$sig while spatch runs" orig
	sleep 0.5
	check "SIG$sig while spatch runs: no spatch left running" '! pgrep -f "$TMP/spatch" >/dev/null'
	check "SIG$sig while spatch runs: no scratch directory left" '[ -z "$(ls -A "$TMP/tmpd")" ]'
done

# A signal while the files are read (a kernel tree takes seconds): the
# same, exit 2 and one line, not death by the signal.
fresh
expect_status "SIGHUP while the files are read: exit 2" 2 env "$NOLEAK" \
	strace -o /dev/null -P "$t/net/socket.c" -e trace=openat -e inject=openat:signal=HUP:when=1 \
	"$COCCIDRIVE" convert -q --in-place "$t"
expect_grep "SIGHUP while the files are read: says so" \
	"^coccidrive: interrupted by signal 1 (Hangup): no file was changed$" "$ERR"
tree_is "SIGHUP while the files are read" orig

# SIGKILL cannot be caught: the next run removes what the killed one
# left in TMPDIR, and only what it can prove was left by a dead run.
sh -c 'exit 0' &
dead=$!
wait $dead
rm -rf "$TMP/tmpk"
mkdir "$TMP/tmpk"
fresh
env TMPDIR="$TMP/tmpk" SPATCH="$TMP/spatch" FAULT=slow \
	"$COCCIDRIVE" convert -q --in-place -j 1 "$t" >/dev/null 2>&1 &
pid=$!
wait_scratch "$TMP/tmpk"
kill -KILL $pid
wait $pid 2>/dev/null
# Its spatch, in a process group of its own, outlives it: let it end.
for p in $(pgrep -f "$TMP/spatch"); do kill "$p"; done
sleep 0.5
check "SIGKILL: the scratch directory stays behind" '[ -n "$(ls -A "$TMP/tmpk")" ]'
mkdir "$TMP/tmpk/coccidrive.$dead.AbCdEf" "$TMP/tmpk/coccidrive.$$.AbCdEf" \
	"$TMP/tmpk/coccidrive.XyZ123" "$TMP/tmpk/other.$dead.AbCdEf"
touch "$t/net/.socket.c.coccidrive-$dead-AbCdEf" "$t/net/.socket.c.coccidrive-$$-AbCdEf" \
	"$t/net/.socket.c.coccidrive-AbCdEf"
env TMPDIR="$TMP/tmpk" "$COCCIDRIVE" convert -q --in-place "$t" >/dev/null 2>"$TMP/err"
ls -A "$TMP/tmpk" | sort >"$TMP/tmpk.ls"
printf '%s\n' "coccidrive.$$.AbCdEf" coccidrive.XyZ123 "other.$dead.AbCdEf" | sort >"$TMP/tmpk.want"
check "after SIGKILL: the next run removes the dead runs' scratch directories, only those" \
	'cmp -s "$TMP/tmpk.want" "$TMP/tmpk.ls" || { cat "$TMP/tmpk.ls"; false; }'
ls -A "$t/net" | grep coccidrive | sort >"$TMP/temps.ls"
printf '%s\n' ".socket.c.coccidrive-$$-AbCdEf" .socket.c.coccidrive-AbCdEf | sort >"$TMP/temps.want"
check "after SIGKILL: a dead run's temporary file beside a file written is removed, only that" \
	'cmp -s "$TMP/temps.want" "$TMP/temps.ls" || { cat "$TMP/temps.ls"; false; }'

## A scanned file replaced by a FIFO before it is read: refused, no hang.
## strace holds the scan right after it saw net/socket.c as a regular
## file; the file is swapped for a FIFO meanwhile.

fresh
env "$NOLEAK" strace -o "$TMP/st.log" -P "$t/net/socket.c" -e trace=newfstatat,lstat,stat \
	-e inject=newfstatat,lstat,stat:delay_exit=3000000:when=1 \
	"$COCCIDRIVE" check -q "$t" >"$TMP/out" 2>"$TMP/err" &
pid=$!
i=0
while ! grep -q DELAYED "$TMP/st.log" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
rm "$t/net/socket.c"
mkfifo "$t/net/socket.c"
i=0
while kill -0 $pid 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 $pid 2>/dev/null; then
	# Hung in open(): give it a writer so that it ends.
	exec 3<>"$t/net/socket.c"
	exec 3>&-
	wait $pid
	fail "a file swapped for a FIFO after the scan: no hang" "still running after 10 s"
else
	wait $pid
	rc=$?
	ERR=$TMP/err
	check "a file swapped for a FIFO after the scan: exit 2, no hang" '[ "$rc" -eq 2 ]'
	expect_grep "a file swapped for a FIFO after the scan: named" \
		"$t/net/socket.c: not a regular file (changed since the scan?)" "$TMP/err"
fi

## Part 5: --timeout that would overflow; HOME unset.

fresh
expect_status "--timeout 4294968: exit 2" 2 env SPATCH="$TMP/spatch" FAULT=slow "$COCCIDRIVE" check -q --timeout 4294968 "$t"
expect_grep "--timeout 4294968: refused, with the limit" "--timeout: '4294968' is more than 4294967 seconds" "$ERR"
expect_status "--timeout 4294967: taken" 1 "$COCCIDRIVE" check -q --timeout 4294967 "$t"
expect_status "HOME unset: spatch still runs (exit 1: work left)" 1 env -u HOME "$COCCIDRIVE" check -q "$t"
printf '#!/bin/sh\necho "spatch: cannot open the standard library" >&2\nexit 3\n' >"$TMP/bad-spatch"
chmod +x "$TMP/bad-spatch"
expect_status "spatch --version failing: exit 2" 2 env SPATCH="$TMP/bad-spatch" "$COCCIDRIVE" check "$t"
expect_grep "spatch --version failing: its reason is given" \
	"bad-spatch --version: exited with status 3: spatch: cannot open the standard library" "$ERR"
finish
