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
. "$(dirname "$0")/../test-lib.sh"
# The spatch wrappers here act on $FAULT, which no cache key sees: a
# result cached from a run without the fault would hide it.
COCCIDRIVE_NO_CACHE=1
export COCCIDRIVE_NO_CACHE

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
# The input: a file, or a batch's directory (--dir).
grep -rq lowcomms_sctp "\$in" 2>/dev/null || exec "$real" "\$@"
case "\${FAULT:-}" in
slow) sleep 3 ;;
edit) "$real" "\$@"; rc=\$?; echo '/* edited meanwhile */' >>"\$TARGET"; exit \$rc ;;
delete) "$real" "\$@"; rc=\$?; rm -f "\$TARGET"; exit \$rc ;;
esac
exec "$real" "\$@"
EOS
chmod +x "$TMP/spatch"

# Outside git, the trees must be below the current directory (the root).
cd "$TMP" || exit 2
t=$TMP/t
fresh() { rm -rf "$t"; cp -R "$ROOT/testdata/sample-tree" "$t"; }
converted=$TMP/converted
cp -R "$ROOT/testdata/sample-tree" "$converted"
"$COCCIDRIVE" convert -q --in-place "$converted" 2>/dev/null
tree_snapshot "$converted" >"$TMP/converted.snap"
tree_snapshot "$ROOT/testdata/sample-tree" >"$TMP/orig.snap"

# tree_is NAME orig|converted: every file of the tree as given, no
# temporary file.
tree_is() {
	want_tree=$2
	test_expect_success "$1: tree $2, no temporary file" '
		test_tree_unchanged "$t" "$TMP/$want_tree.snap" &&
		test_no_temporary "$t"
	'
}
# write_case NAME STATUS WANT-TREE PATTERN COMMAND...: a write that must
# fail (or not) in a given way.  COMMAND exits with STATUS; its standard
# error matches PATTERN (unless -), and the tree is then WANT-TREE (orig
# or converted, or - when the case checks it itself).
write_case() {
	name=$1 status=$2 want=$3 pattern=$4
	shift 4
	test_expect_success "$name: exit $status" "test_expect_code $status $(test_quote "$@")"
	if [ "$pattern" != - ]; then
		test_expect_success "$name: says why" 'test_grep -e "$pattern" "$ERR"'
	fi
	[ "$want" = - ] || tree_is "$name" "$want"
}
# Until the run has made its scratch directory in $1 (then spatch runs).
wait_scratch() {
	i=0
	while [ -z "$(ls -A "$1")" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	sleep 0.3
}

## -o and --report: '-' is stdout, a link, device or FIFO is written
## through, a file inside a TREE is refused.

fresh
"$COCCIDRIVE" convert -q "$t" >"$TMP/patch" 2>/dev/null
echo old >"$TMP/target"
ln -s target "$TMP/link"
test_expect_success '-o LINK: exit 0' '
	test_expect_code 0 "$COCCIDRIVE" convert -q -o "$TMP/link" "$t"
'
test_expect_success '-o LINK: the link stays a link' '
	test_path_is_symlink "$TMP/link"
'
test_expect_success '-o LINK: the patch is in the file it names' '
	test_cmp "$TMP/patch" "$TMP/target"
'

echo '{}' >"$TMP/r.json"
ln -s r.json "$TMP/rlink"
test_expect_success '--report LINK: exit 1 (check: work left)' '
	test_expect_code 1 "$COCCIDRIVE" check -q --report "$TMP/rlink" "$t"
'
test_expect_success '--report LINK: the link stays a link, the JSON is in its file' '
	test_path_is_symlink "$TMP/rlink" &&
	jq -e .totals "$TMP/r.json" >/dev/null
'

# /dev/stdout is a link to /proc/self/fd/1: the same, made in $TMP.
ln -s /proc/self/fd/1 "$TMP/so"
test_expect_success 'check --report STDOUT-LINK: exit 1' '
	test_expect_code 1 "$COCCIDRIVE" check -q --report "$TMP/so" "$t"
'
test_expect_success 'check --report STDOUT-LINK: JSON then the check lines on stdout' '
	test_path_is_symlink "$TMP/so" &&
	test_grep "\"occurrences\"" "$OUT" &&
	tail -n 1 "$OUT" >"$TMP/last" &&
	test_grep "^t/.*: " "$TMP/last"
'
test_expect_success 'convert -o STDOUT-LINK: exit 0' '
	test_expect_code 0 "$COCCIDRIVE" convert -q -o "$TMP/so" "$t"
'
test_expect_success 'convert -o STDOUT-LINK: the patch on stdout, the link kept' '
	test_path_is_symlink "$TMP/so" &&
	test_cmp "$TMP/patch" "$OUT"
'

# /dev/stderr, to a file: the report, then the summary, both kept.
ln -s /proc/self/fd/2 "$TMP/se"
test_expect_success 'check --report STDERR-LINK: the JSON, then the summary, on stderr' '
	"$COCCIDRIVE" check --report "$TMP/se" "$t" >/dev/null 2>"$TMP/se.out"
	test_path_is_symlink "$TMP/se" &&
	test_grep "\"occurrences\"" "$TMP/se.out" &&
	test_grep "^coccidrive check: " "$TMP/se.out"
'

test_expect_success "-o -: the patch on stdout, no file named '-'" '
	(cd "$TMP" && "$COCCIDRIVE" convert -q -o - "$t" >"$TMP/dash.out" 2>"$TMP/err")
	test_cmp "$TMP/patch" "$TMP/dash.out" &&
	test_path_is_missing "$TMP/-"
'

[ "$(id -u)" -eq 0 ] && mknod "$TMP/null" c 1 3 2>/dev/null && test_set_prereq DEVICE
test_expect_success DEVICE '-o DEVICE (a /dev/null of our own): exit 0' '
	test_expect_code 0 "$COCCIDRIVE" convert -q -o "$TMP/null" "$t"
'
test_expect_success DEVICE '-o DEVICE: still the device' '
	test -c "$TMP/null" || { ls -l "$TMP/null"; false; }
'
mkfifo "$TMP/fifo"
cat "$TMP/fifo" >"$TMP/fifo.out" &
reader=$!
test_expect_success '-o FIFO: exit 0' '
	test_expect_code 0 "$COCCIDRIVE" convert -q -o "$TMP/fifo" "$t"
'
sleep 0.2
kill "$reader" 2>/dev/null
wait "$reader" 2>/dev/null
test_expect_success '-o FIFO: the reader got the patch, the FIFO stays' '
	{ test -p "$TMP/fifo" || { ls -l "$TMP/fifo"; false; }; } &&
	test_cmp "$TMP/patch" "$TMP/fifo.out"
'

# The literal /dev/stdout and /dev/null, in a mount namespace of our own
# whose /dev is a fresh tmpfs: the machine's are never at risk.
[ "$(id -u)" -eq 0 ] && unshare -m true 2>/dev/null && test_set_prereq UNSHARE
test_expect_success UNSHARE '/dev/stdout and /dev/null (private namespace): written through, kept' '
	unshare -m --propagation private sh -c "
		mount -t tmpfs tmpfs /dev || exit 3
		ln -s /proc/self/fd/1 /dev/stdout && mknod -m 666 /dev/null c 1 3 || exit 3
		\"\$1\" check -q --report /dev/stdout \"\$2\" >\"\$3/ns.out\" 2>\"\$3/ns.err\"
		echo \"report \$?\" >\"\$3/ns.rc\"
		[ -L /dev/stdout ] && echo \"link kept\" >>\"\$3/ns.rc\"
		\"\$1\" convert -q -o /dev/null \"\$2\" 2>>\"\$3/ns.err\"
		echo \"null \$?\" >>\"\$3/ns.rc\"
		[ -c /dev/null ] && echo \"device kept\" >>\"\$3/ns.rc\"
		\"\$1\" convert -q -o /dev/stdout \"\$2\" >\"\$3/ns.patch\" 2>>\"\$3/ns.err\"
		echo \"stdout \$?\" >>\"\$3/ns.rc\"
	" sh "$COCCIDRIVE" "$t" "$TMP"
	printf "report 1\nlink kept\nnull 0\ndevice kept\nstdout 0\n" >"$TMP/ns.want" &&
	{ test_cmp "$TMP/ns.want" "$TMP/ns.rc" || { cat "$TMP/ns.err"; false; }; } &&
	test_cmp "$TMP/patch" "$TMP/ns.patch" &&
	test_grep "\"occurrences\"" "$TMP/ns.out"
'

## Inside a TREE: the next run would scan it.  Each case: the status
## wanted, what it says, and the tree wanted afterwards.

ln -s t "$TMP/tlink"
mkdir "$TMP/t2"
#          name                               exit tree  stderr says
write_case '-o inside TREE'                   2 orig "^coccidrive: $t/p.diff: inside $t, a TREE being converted" \
	"$COCCIDRIVE" convert -q -o "$t/p.diff" "$t"
test_expect_success '-o inside TREE: not written' '
	test_path_is_missing "$t/p.diff"
'
write_case '-o inside TREE, through a link'   2 orig "^coccidrive: $TMP/tlink/net/p.diff: inside $t, a TREE being converted" \
	"$COCCIDRIVE" convert -q -o "$TMP/tlink/net/p.diff" "$t"
write_case 'check --report inside TREE'       2 orig "^coccidrive: $t/net/r.json: inside $t, a TREE being converted" \
	"$COCCIDRIVE" check -q --report "$t/net/r.json" "$t"
write_case '--in-place --report inside TREE'  2 orig "^coccidrive: $t/r.json: inside $t, a TREE being converted" \
	"$COCCIDRIVE" convert -q --in-place --report "$t/r.json" "$t"
write_case '-o the very file converted'       2 orig "^coccidrive: $t/net/socket.c: is $t/net/socket.c, a TREE being converted" \
	"$COCCIDRIVE" convert -q -o "$t/net/socket.c" "$t/net/socket.c"
write_case '-o beside TREE, in a folder whose name starts the same' 0 orig - \
	"$COCCIDRIVE" convert -q -o "$TMP/t2/p.diff" "$t"

## --in-place: a file changed or deleted since it was read is refused.

for fault in edit delete; do
	what=${fault}ed
	[ $fault = delete ] && what=deleted
	fresh
	cp "$t/fs/dlm/lowcomms.c" "$TMP/lowcomms.orig"
	write_case "--in-place, file $what during the run" 2 - \
		"$t/fs/dlm/lowcomms.c: .*since it was read.*nothing was written" \
		env SPATCH="$TMP/spatch" FAULT=$fault TARGET="$t/fs/dlm/lowcomms.c" \
		"$COCCIDRIVE" convert -q --in-place -j 1 "$t"
	# What the other program did stays; nothing else changed.
	if [ $fault = edit ]; then
		test_expect_success '--in-place, file edited: the edit is kept' '
			tail -n 1 "$t/fs/dlm/lowcomms.c" >"$TMP/last" &&
			test_grep "edited meanwhile" "$TMP/last" &&
			head -c "$(wc -c <"$TMP/lowcomms.orig")" "$t/fs/dlm/lowcomms.c" >"$TMP/lowcomms.head" &&
			test_cmp "$TMP/lowcomms.orig" "$TMP/lowcomms.head"
		'
	else
		test_expect_success '--in-place, file deleted: not recreated' '
			test_path_is_missing "$t/fs/dlm/lowcomms.c"
		'
	fi
	cp "$TMP/lowcomms.orig" "$t/fs/dlm/lowcomms.c"
	tree_is "--in-place, file $what: no other file written" orig
done

## Hard links: refused, both names keep the same file.

fresh
ln "$t/net/socket.c" "$TMP/socket-other-name.c"
write_case '--in-place, a hard-linked file' 2 orig "$t/net/socket.c: has 2 hard links" \
	"$COCCIDRIVE" convert -q --in-place "$t"
test_expect_success '--in-place, a hard-linked file: still one file' '
	test "$t/net/socket.c" -ef "$TMP/socket-other-name.c"
'
rm "$TMP/socket-other-name.c"

## Owner, group, mode, extended attributes and ACLs are kept.

if [ "$(id -u)" -eq 0 ] && command -v setfattr >/dev/null && command -v setfacl >/dev/null; then
	test_set_prereq XATTR
	fresh
	f=$t/net/socket.c
	chown 65534:65534 "$f"
	chmod 640 "$f"
	setfattr -n user.coccidrive -v kept "$f"
	setfacl -m u:daemon:r "$f"
	stat -c '%u:%g %a' "$f" >"$TMP/owner.before"
	getfattr -d -m - "$f" >"$TMP/xattr.before" 2>&1
fi
test_expect_success XATTR '--in-place as root on another user'"'"'s file: exit 0' '
	test_expect_code 0 "$COCCIDRIVE" convert -q --in-place "$t"
'
if test_have_prereq XATTR; then
	stat -c '%u:%g %a' "$f" >"$TMP/owner.after"
	getfattr -d -m - "$f" >"$TMP/xattr.after" 2>&1
fi
test_expect_success XATTR '--in-place: owner, group and mode kept' '
	test_cmp "$TMP/owner.before" "$TMP/owner.after"
'
test_expect_success XATTR '--in-place: extended attributes and ACL kept' '
	test_grep user.coccidrive "$TMP/xattr.before" &&
	test_grep posix_acl_access "$TMP/xattr.before" &&
	test_cmp "$TMP/xattr.before" "$TMP/xattr.after"
'
test_expect_success XATTR '--in-place: the file is converted' '
	test_path_is_file "$f" &&
	! cmp "$f" "$ROOT/testdata/sample-tree/net/socket.c" >/dev/null
'
test_expect_success XATTR '--in-place: its owner can still read it' '
	chmod o+x "$TMP" "$t" "$t/net" &&
	setpriv --reuid=65534 --regid=65534 --clear-groups cat "$f" >/dev/null
'

## A TREE that is a link to a file: the file it names is converted, the
## link stays.

fresh
ln -s t/net/socket.c "$TMP/socket-link.c"
test_expect_success '--in-place TREE-LINK: exit 0' '
	test_expect_code 0 "$COCCIDRIVE" convert -q --in-place "$TMP/socket-link.c"
'
test_expect_success '--in-place TREE-LINK: the link stays a link' '
	test_path_is_symlink "$TMP/socket-link.c"
'
test_expect_success '--in-place TREE-LINK: the file it names is converted' '
	test_cmp "$converted/net/socket.c" "$t/net/socket.c"
'
rm "$TMP/socket-link.c"

## A rename that fails half-way: what was written is said, no temporary
## file is left, and a second run finishes the work.  The 4 files are
## renamed in order: fs/dlm/lowcomms.c, include/linux/net.h,
## net/ipv4/udp_tunnel.c, net/socket.c.

fresh
test_atexit 'chattr -i "$t/include/linux/net.h" 2>/dev/null'
chattr +i "$t/include/linux/net.h" 2>/dev/null && test_set_prereq CHATTR
test_expect_success CHATTR 'rename fails on the 2nd file (immutable): exit 2' '
	test_expect_code 2 "$COCCIDRIVE" convert -q --in-place "$t"
'
chattr -i "$t/include/linux/net.h" 2>/dev/null
test_expect_success CHATTR 'immutable 2nd file: says what was written' '
	test_grep "$t/include/linux/net.h: cannot rename into place: Operation not permitted; written: the 1 file before it; not written: it and the 2 after it" "$ERR"
'
test_expect_success CHATTR 'immutable 2nd file: the 1st written, the others not' '
	test_cmp "$converted/fs/dlm/lowcomms.c" "$t/fs/dlm/lowcomms.c" &&
	test_cmp "$ROOT/testdata/sample-tree/net/socket.c" "$t/net/socket.c" &&
	test_no_temporary "$t"
'
test_expect_success CHATTR 'immutable 2nd file: a second run finishes the work' '
	test_expect_code 0 "$COCCIDRIVE" convert -q --in-place "$t"
'
test_have_prereq CHATTR && tree_is "immutable 2nd file, second run" converted

fresh
write_case 'rename fails with EXDEV on the 3rd file' 2 - \
	"$t/net/ipv4/udp_tunnel.c: cannot rename into place: Invalid cross-device link; written: the 2 files before it; not written: it and the 1 after it" \
	env "$NOLEAK" strace -o /dev/null -e trace=rename -e inject=rename:error=EXDEV:when=3 \
	"$COCCIDRIVE" convert -q --in-place "$t"
test_expect_success 'EXDEV on the 3rd file: one line' '
	test_line_count = 1 "$ERR"
'
test_expect_success 'EXDEV on the 3rd file: no temporary file' '
	test_no_temporary "$t"
'
test_expect_success 'EXDEV on the 3rd file: a second run finishes the work' '
	test_expect_code 0 "$COCCIDRIVE" convert -q --in-place "$t"
'
tree_is "EXDEV on the 3rd file, second run" converted

## Signals.  A shell starts background jobs with SIGINT and SIGQUIT
## ignored; env --default-signal gives them back, as a terminal would.

# SIGINT during the renames: they finish, the run says so, exit 2.
fresh
write_case 'SIGINT during the renames' 2 converted \
	"interrupted by signal 2 (Interrupt) after writing all 4 files" \
	env "$NOLEAK" env --default-signal=INT \
	strace -o /dev/null -e trace=rename -e inject=rename:signal=INT:when=2 \
	"$COCCIDRIVE" convert -q --in-place "$t"

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
	echo $? >"$TMP/rc"
	test_expect_success "SIG$sig while spatch runs: exit 2" '
		test_grep -x 2 "$TMP/rc" || { cat "$TMP/err"; false; }
	'
	test_expect_success "SIG$sig while spatch runs: says so" '
		test_grep "interrupted by signal .*no file was changed" "$TMP/err"
	'
	tree_is "SIG$sig while spatch runs" orig
	sleep 0.5
	test_expect_success "SIG$sig while spatch runs: no spatch left running" '
		! pgrep -a -f "$TMP/spatch"
	'
	test_expect_success "SIG$sig while spatch runs: no scratch directory left" '
		test_dir_is_empty "$TMP/tmpd"
	'
done

# A signal while the tree is read (a kernel tree takes seconds): the
# same, exit 2 and one line, not death by the signal.  It comes as the
# walk reads the directory net/ (files are opened relative to their
# directory, by threads: strace could not send it to the run's own).
fresh
write_case 'SIGHUP while the files are read' 2 orig \
	"^coccidrive: interrupted by signal 1 (Hangup): no file was changed$" \
	env "$NOLEAK" strace -o /dev/null -P "$t/net" -e trace=getdents64 \
	-e inject=getdents64:signal=HUP:when=1 "$COCCIDRIVE" convert -q --in-place "$t"
test_expect_success 'SIGHUP while the files are read: one line' '
	test_line_count = 1 "$ERR"
'

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
test_expect_success 'SIGKILL: the scratch directory stays behind' '
	test -n "$(ls -A "$TMP/tmpk")"
'
mkdir "$TMP/tmpk/coccidrive.$dead.AbCdEf" "$TMP/tmpk/coccidrive.$$.AbCdEf" \
	"$TMP/tmpk/coccidrive.XyZ123" "$TMP/tmpk/other.$dead.AbCdEf"
touch "$t/net/.socket.c.coccidrive-$dead-AbCdEf" "$t/net/.socket.c.coccidrive-$$-AbCdEf" \
	"$t/net/.socket.c.coccidrive-AbCdEf"
env TMPDIR="$TMP/tmpk" "$COCCIDRIVE" convert -q --in-place "$t" >/dev/null 2>"$TMP/err"
test_expect_success "after SIGKILL: the next run removes the dead runs' scratch directories, only those" '
	ls -A "$TMP/tmpk" | sort >"$TMP/tmpk.ls" &&
	printf "%s\n" "coccidrive.$$.AbCdEf" coccidrive.XyZ123 "other.$dead.AbCdEf" | sort >"$TMP/tmpk.want" &&
	test_cmp "$TMP/tmpk.want" "$TMP/tmpk.ls"
'
test_expect_success "after SIGKILL: a dead run's temporary file beside a file written is removed, only that" '
	ls -A "$t/net" | grep coccidrive | sort >"$TMP/temps.ls"
	printf "%s\n" ".socket.c.coccidrive-$$-AbCdEf" .socket.c.coccidrive-AbCdEf | sort >"$TMP/temps.want" &&
	test_cmp "$TMP/temps.want" "$TMP/temps.ls"
'

## A scanned file replaced by a FIFO before it is read: refused, no hang.
## strace holds the scan right after it read the directory net/ (where it
## saw socket.c as a regular file, by the entry's type); the file is
## swapped for a FIFO meanwhile.

fresh
env "$NOLEAK" strace -o "$TMP/st.log" -P "$t/net" -e trace=getdents64 \
	-e inject=getdents64:delay_exit=3000000:when=1 \
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
	hung="still running after 10 s"
else
	hung=
fi
wait $pid
echo $? >"$TMP/rc"
test_expect_success 'a file swapped for a FIFO after the scan: exit 2, no hang' '
	test -z "$hung" || { echo "$hung"; false; }
	test_grep -x 2 "$TMP/rc" || { cat "$TMP/err"; false; }
'
test_expect_success 'a file swapped for a FIFO after the scan: named' '
	test_grep "$t/net/socket.c: not a regular file (changed since the scan?)" "$TMP/err"
'

## Part 5: --timeout that would overflow; HOME unset.

fresh
test_expect_success '--timeout 4294968: exit 2' '
	test_expect_code 2 env SPATCH="$TMP/spatch" FAULT=slow "$COCCIDRIVE" check -q --timeout 4294968 "$t"
'
test_expect_success '--timeout 4294968: refused, with the limit' '
	test_grep -F -e "--timeout: ${SQ}4294968${SQ} is more than 4294967 seconds" "$ERR"
'
test_expect_success '--timeout 4294967: taken' '
	test_expect_code 1 "$COCCIDRIVE" check -q --timeout 4294967 "$t"
'
test_expect_success 'HOME unset: spatch still runs (exit 1: work left)' '
	test_expect_code 1 env -u HOME "$COCCIDRIVE" check -q "$t"
'
printf '#!/bin/sh\necho "spatch: cannot open the standard library" >&2\nexit 3\n' >"$TMP/bad-spatch"
chmod +x "$TMP/bad-spatch"
test_expect_success 'spatch --version failing: exit 2' '
	test_expect_code 2 env SPATCH="$TMP/bad-spatch" "$COCCIDRIVE" check "$t"
'
test_expect_success 'spatch --version failing: its reason is given' '
	test_grep "bad-spatch --version: exited with status 3: spatch: cannot open the standard library" "$ERR"
'
test_done
