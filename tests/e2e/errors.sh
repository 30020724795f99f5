#!/bin/sh
# Bad input: one line naming the path and the cause, exit status 2, and no
# file changed or half-written.
. "$(dirname "$0")/../test-lib.sh"

# bad_input NAME LINES PATTERN COMMAND...: COMMAND exits 2; its standard
# error matches PATTERN (unless -) and is one line (when LINES is 1).
bad_input() {
	name=$1 lines=$2 pattern=$3
	shift 3
	test_expect_success "$name: exit 2" "test_expect_code 2 $(test_quote "$@")"
	if [ "$pattern" != - ]; then
		test_expect_success "$name: says why" 'test_grep -e "$pattern" "$ERR"'
	fi
	if [ "$lines" = 1 ]; then
		test_expect_success "$name: one line" 'test_line_count = 1 "$ERR"'
	fi
}

# Patch paths are relative to the current directory outside git: the
# trees are below it.
cd "$TMP" || exit 2
mkfifo "$TMP/fifo"
cp -R "$ROOT/testdata/sample-tree" "$TMP/t"
touch "$TMP/afile"
# Stand-ins for a broken installation (not for spatch's behaviour, which
# every other test takes from the real spatch).
printf '#!/bin/sh\necho "spatch version 1.0.4 compiled with OCaml"\n' >"$TMP/old-spatch"
printf '#!/bin/sh\necho hello\n' >"$TMP/not-spatch"
chmod +x "$TMP/old-spatch" "$TMP/not-spatch"
# A rule file that lacks the header the driver needs.
echo 'virtual patch' >"$TMP/bare.cocci"

#         name                          lines  stderr matches  command
bad_input 'missing tree'                1 "$TMP/no/such/tree: No such file or directory" \
	"$COCCIDRIVE" convert "$TMP/no/such/tree"
bad_input 'a FIFO as TREE'              1 "fifo: not a directory or a regular file" \
	"$COCCIDRIVE" check "$TMP/fifo"
bad_input 'no TREE'                     1 "convert: no TREE given" \
	"$COCCIDRIVE" convert
bad_input 'unknown command'             - "^coccidrive: 'frobnicate' is not a command" \
	"$COCCIDRIVE" frobnicate
bad_input 'bad -j'                      1 "'x' is not a number" \
	"$COCCIDRIVE" convert -j x "$TMP/t"
bad_input '-o and --in-place together'  1 "-o and --in-place exclude each other" \
	"$COCCIDRIVE" convert -o "$TMP/p" --in-place "$TMP/t"
# spatch missing, not executable, not spatch, too old.
bad_input 'spatch missing'              1 "/nonexistent/spatch: not found (install Coccinelle" \
	env SPATCH=/nonexistent/spatch "$COCCIDRIVE" check "$TMP/t"
bad_input 'spatch not on PATH'          1 "spatch: not found" \
	env PATH=/nonexistent "$COCCIDRIVE" check "$TMP/t"
bad_input 'spatch too old'              1 "version 1.0.4 is too old, .* needs 1.0.8" \
	env SPATCH="$TMP/old-spatch" "$COCCIDRIVE" check "$TMP/t"
bad_input 'not spatch'                  1 "not Coccinelle's spatch" \
	env SPATCH="$TMP/not-spatch" "$COCCIDRIVE" check "$TMP/t"
# A rule file that is missing or lacks the header the driver needs.
bad_input 'missing rule'                1 "none.cocci: cannot read semantic patch" \
	"$COCCIDRIVE" check --cocci "$TMP/none.cocci" "$TMP/t"
bad_input 'rule without header'         1 "bare.cocci: no '// Coccidrive: function=NAME" \
	"$COCCIDRIVE" check --cocci "$TMP/bare.cocci" "$TMP/t"
# -o under a path whose parent is a regular file.
bad_input '-o under a regular file'     1 \
	"afile/p: cannot create a temporary file beside it: Not a directory; nothing was written" \
	"$COCCIDRIVE" convert -o "$TMP/afile/p" "$TMP/t"
test_expect_success '-o failure leaves no temporary file' '
	test_no_temporary "$TMP"
'

# Permissions: as root every file is readable, so these run as "nobody"
# (setpriv, from util-linux), on a copy that user may enter.
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
	nb=$(mktemp -d /tmp/coccidrive-nobody.XXXXXX)
	chmod 755 "$nb"
	as_nobody() { (cd "$nb" && setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$nb" "$@"); }
	give_nobody() { chown -R 65534:65534 "$@"; }
else
	nb=$(mktemp -d)
	as_nobody() { (cd "$nb" && "$@"); }
	give_nobody() { :; }
fi
test_atexit 'chmod -R u+rwX "$nb" 2>/dev/null; rm -rf "$nb"'
# The checkout itself may be closed to other users (a clone in a mktemp
# folder is mode 0700): "nobody" runs a copy of the program and its rule.
mkdir "$nb/bin"
cp "$COCCIDRIVE" "$nb/bin/coccidrive"
cp -R "$ROOT/semantic-patches" "$nb/semantic-patches"
chmod -R a+rX "$nb/bin" "$nb/semantic-patches"
NB_COCCIDRIVE=$nb/bin/coccidrive
# A fresh copy for each case, so that one cannot hide the next; its own,
# so that only what a case takes away is missing.
nb_tree() {
	rm -rf "$nb/t"
	cp -R "$ROOT/testdata/sample-tree" "$nb/t"
	give_nobody "$nb/t"
}

nb_tree
chmod 000 "$nb/t/net/ipv4"
bad_input 'unreadable directory'        1 "$nb/t/net/ipv4: cannot read directory: Permission denied" \
	as_nobody "$NB_COCCIDRIVE" convert "$nb/t"
nb_tree
chmod 000 "$nb/t/net/socket.c"
bad_input 'unreadable file'             1 "$nb/t/net/socket.c: cannot read: Permission denied" \
	as_nobody "$NB_COCCIDRIVE" check "$nb/t"
nb_tree
mkdir -p "$nb/ro"
chmod 555 "$nb/ro"
bad_input '-o into a read-only directory' 1 \
	"$nb/ro/p: cannot create a temporary file beside it: Permission denied; nothing was written" \
	as_nobody "$NB_COCCIDRIVE" convert -o "$nb/ro/p" "$nb/t"
# --in-place where one directory cannot be written: nothing changes anywhere.
nb_tree
tree_snapshot "$nb/t" >"$TMP/ro-before"
chmod 555 "$nb/t/net/ipv4"
bad_input '--in-place with a read-only directory' 1 \
	"$nb/t/net/ipv4/udp_tunnel.c: cannot create a temporary file beside it: Permission denied; nothing was written" \
	as_nobody "$NB_COCCIDRIVE" convert --in-place "$nb/t"
test_expect_success '--in-place with a read-only directory: no file changed' '
	test_tree_unchanged "$nb/t" "$TMP/ro-before" &&
	test_no_temporary "$nb/t"
'

# A full disk.  As root (CI, the dev machines): a 64 KiB tmpfs, filled up
# but for a little room, so that spatch (whose scratch files live in
# TMPDIR elsewhere) succeeds and coccidrive's own writes fail.  Without
# mount rights: a file size limit, under which spatch fails and the run
# stops just the same.
full=$TMP/full
mkdir "$full"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=64k tmpfs "$full" 2>/dev/null; then
	how=tmpfs
	cp -R "$ROOT/testdata/sample-tree/." "$full/"
	dd if=/dev/zero of="$full/filler" bs=1k count=200 2>/dev/null
	rm -f "$full/filler"
	dd if=/dev/zero of="$full/filler" bs=512 count=$(( $(df -k --output=avail "$full" | tail -1) * 2 - 1 )) 2>/dev/null
	test_atexit 'umount "$full"'
	want="$full/.*: cannot write: No space left on device; nothing was written"
else
	how=ulimit
	cp -R "$ROOT/testdata/sample-tree/." "$full/"
	want="nothing was written"
fi
tree_snapshot "$full" >"$TMP/full-before"
if [ $how = tmpfs ]; then
	"$COCCIDRIVE" convert --in-place "$full" >"$TMP/out" 2>"$TMP/err"
	echo $? >"$TMP/rc"
else
	# Pipes are not subject to the limit: keep stderr out of a file.
	( ulimit -f 1; "$COCCIDRIVE" convert --in-place "$full" 2>&1; echo $? >"$TMP/rc" ) | cat >"$TMP/err"
fi
test_expect_success "full disk ($how): exit 2" '
	test_grep -x 2 "$TMP/rc" || { cat "$TMP/err"; false; }
'
test_expect_success "full disk ($how): says why" '
	test_grep -e "$want" "$TMP/err"
'
test_expect_success 'full disk: no file changed' '
	test_tree_unchanged "$full" "$TMP/full-before"
'
test_expect_success 'full disk: no temporary file left' '
	test_no_temporary "$full"
'
test_done
