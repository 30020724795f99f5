#!/bin/sh
# Bad input: one line naming the path and the cause, exit status 2, and no
# file changed or half-written.
. "$(dirname "$0")/../e2e-lib.sh"

one_line() { # name: stderr is exactly one line
	n=$(wc -l <"$ERR")
	if [ "$n" -eq 1 ]; then pass "$1"; else fail "$1" "$n lines:" "$(cat "$ERR")"; fi
}

expect_status "missing tree: exit 2" 2 "$COCCIDRIVE" convert "$TMP/no/such/tree"
expect_grep "missing tree: path and cause named" "$TMP/no/such/tree: No such file or directory" "$ERR"
one_line "missing tree: one line"

mkfifo "$TMP/fifo"
expect_status "a FIFO as TREE: exit 2" 2 "$COCCIDRIVE" check "$TMP/fifo"
expect_grep "a FIFO as TREE: named" "fifo: not a directory or a regular file" "$ERR"

cp -R "$ROOT/testdata/sample-tree" "$TMP/t"

# Permissions: as root every file is readable, so these run as "nobody"
# (setpriv, from util-linux), on a copy that user may enter.
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
	nb=$(mktemp -d /tmp/coccidrive-nobody.XXXXXX)
	chmod 755 "$nb"
	as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$nb" "$@"; }
else
	nb=$(mktemp -d)
	as_nobody() { "$@"; }
fi
cp -R "$ROOT/testdata/sample-tree" "$nb/t"
# The checkout itself may be closed to other users (a clone in a mktemp
# folder is mode 0700): "nobody" runs a copy of the program and its rule.
mkdir "$nb/bin"
cp "$COCCIDRIVE" "$nb/bin/coccidrive"
cp -R "$ROOT/semantic-patches" "$nb/semantic-patches"
chmod -R a+rX "$nb/t" "$nb/bin" "$nb/semantic-patches"
NB_COCCIDRIVE=$nb/bin/coccidrive
chmod 000 "$nb/t/net/ipv4"
expect_status "unreadable directory: exit 2" 2 as_nobody "$NB_COCCIDRIVE" convert "$nb/t"
expect_grep "unreadable directory: path and cause" "$nb/t/net/ipv4: cannot read directory: Permission denied" "$ERR"
chmod 755 "$nb/t/net/ipv4"
chmod 000 "$nb/t/net/socket.c"
expect_status "unreadable file: exit 2" 2 as_nobody "$NB_COCCIDRIVE" check "$nb/t"
expect_grep "unreadable file: path and cause" "$nb/t/net/socket.c: cannot read: Permission denied" "$ERR"
chmod 644 "$nb/t/net/socket.c"
mkdir "$nb/ro"
chmod 555 "$nb/ro"
expect_status "-o into a read-only directory: exit 2" 2 as_nobody "$NB_COCCIDRIVE" convert -o "$nb/ro/p" "$nb/t"
expect_grep "-o into a read-only directory: path and cause" \
	"$nb/ro/p: cannot create a temporary file beside it: Permission denied; nothing was written" "$ERR"
# --in-place where one directory cannot be written: nothing changes anywhere.
(cd "$nb/t" && find . -type f -exec md5sum {} + | sort) >"$TMP/ro-before"
chmod 555 "$nb/t/net/ipv4"
expect_status "--in-place with a read-only directory: exit 2" 2 as_nobody "$NB_COCCIDRIVE" convert --in-place "$nb/t"
(cd "$nb/t" && find . -type f -exec md5sum {} + | sort) >"$TMP/ro-after"
if cmp -s "$TMP/ro-before" "$TMP/ro-after" && ! find "$nb/t" -name '*coccidrive-*' | grep -q .; then
	pass "--in-place with a read-only directory: no file changed"
else
	fail "--in-place with a read-only directory: no file changed" "$(diff "$TMP/ro-before" "$TMP/ro-after")"
fi
chmod -R u+w "$nb"
rm -rf "$nb"

expect_status "no TREE: exit 2" 2 "$COCCIDRIVE" convert
expect_status "unknown command: exit 2" 2 "$COCCIDRIVE" frobnicate
expect_status "bad -j: exit 2" 2 "$COCCIDRIVE" convert -j x "$TMP/t"
expect_grep "bad -j: named" "'x' is not a number" "$ERR"
expect_status "-o and --in-place together: exit 2" 2 "$COCCIDRIVE" convert -o "$TMP/p" --in-place "$TMP/t"

# spatch missing, not executable, not spatch, too old.
expect_status "spatch missing: exit 2" 2 env SPATCH=/nonexistent/spatch "$COCCIDRIVE" check "$TMP/t"
expect_grep "spatch missing: named with a hint" "/nonexistent/spatch: not found (install Coccinelle" "$ERR"
one_line "spatch missing: one line"
expect_status "spatch not on PATH: exit 2" 2 env PATH=/nonexistent "$COCCIDRIVE" check "$TMP/t"
expect_grep "spatch not on PATH: named" "spatch: not found" "$ERR"

# Stand-ins for a broken installation (not for spatch's behaviour, which
# every other test takes from the real spatch).
printf '#!/bin/sh\necho "spatch version 1.0.4 compiled with OCaml"\n' >"$TMP/old-spatch"
chmod +x "$TMP/old-spatch"
expect_status "spatch too old: exit 2" 2 env SPATCH="$TMP/old-spatch" "$COCCIDRIVE" check "$TMP/t"
expect_grep "spatch too old: versions named" "version 1.0.4 is too old, .* needs 1.0.8" "$ERR"
printf '#!/bin/sh\necho hello\n' >"$TMP/not-spatch"
chmod +x "$TMP/not-spatch"
expect_status "not spatch: exit 2" 2 env SPATCH="$TMP/not-spatch" "$COCCIDRIVE" check "$TMP/t"
expect_grep "not spatch: named" "not Coccinelle's spatch" "$ERR"

# A rule file that is missing or lacks the header the driver needs.
expect_status "missing rule: exit 2" 2 "$COCCIDRIVE" check --cocci "$TMP/none.cocci" "$TMP/t"
expect_grep "missing rule: named" "none.cocci: cannot read semantic patch" "$ERR"
echo 'virtual patch' >"$TMP/bare.cocci"
expect_status "rule without header: exit 2" 2 "$COCCIDRIVE" check --cocci "$TMP/bare.cocci" "$TMP/t"

# -o under a path whose parent is a regular file.
touch "$TMP/afile"
expect_status "-o under a regular file: exit 2" 2 "$COCCIDRIVE" convert -o "$TMP/afile/p" "$TMP/t"
expect_grep "-o: path and cause named" "afile/p: cannot create a temporary file beside it: Not a directory; nothing was written" "$ERR"
if ls -a "$TMP" | grep -q coccidrive-; then fail "-o failure leaves no temporary file"; else
	pass "-o failure leaves no temporary file"; fi

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
else
	how=ulimit
	cp -R "$ROOT/testdata/sample-tree/." "$full/"
fi
(cd "$full" && find . -type f ! -name filler -exec md5sum {} + | sort) >"$TMP/before.md5"
if [ $how = tmpfs ]; then
	"$COCCIDRIVE" convert --in-place "$full" >"$TMP/out" 2>"$TMP/err"
	echo $? >"$TMP/rc"
else
	# Pipes are not subject to the limit: keep stderr out of a file.
	( ulimit -f 1; "$COCCIDRIVE" convert --in-place "$full" 2>&1; echo $? >"$TMP/rc" ) | cat >"$TMP/err"
fi
rc=$(cat "$TMP/rc")
if [ "$rc" -eq 2 ]; then pass "full disk ($how): exit 2"; else
	fail "full disk ($how): exit 2" "got $rc" "$(cat "$TMP/err")"; fi
if [ $how = tmpfs ]; then
	expect_grep "full disk: file and cause named" "$full/.*: cannot write: No space left on device; nothing was written" "$TMP/err"
else
	expect_grep "full disk: cause named" "nothing was written" "$TMP/err"
fi
(cd "$full" && find . -type f ! -name filler -exec md5sum {} + | sort) >"$TMP/after.md5"
if cmp -s "$TMP/before.md5" "$TMP/after.md5"; then pass "full disk: no file changed"; else
	fail "full disk: no file changed" "$(diff "$TMP/before.md5" "$TMP/after.md5")"; fi
if find "$full" -name '*coccidrive-*' | grep -q .; then
	fail "full disk: no temporary file left" "$(find "$full" -name '*coccidrive-*')"
else
	pass "full disk: no temporary file left"
fi
[ $how = tmpfs ] && umount "$full"

finish
