#!/bin/sh
# Every spatch result is suspect: a result is taken only when it is the
# original plus exactly the rule's edit.  A wrapper around the real spatch
# (for the fault only: the conversion itself is real) edits spatch's
# result in one way per row of the table below; each edit must be
# refused: exit 2 and no file changed, or with --keep-going the file's
# calls reported as manual work and the file left out of the patch.
. "$(dirname "$0")/../test-lib.sh"
# The spatch wrapper here acts on $EDIT and $TARGET_MARK, which no cache
# key sees: a result cached from a run without the edit would hide it.
COCCIDRIVE_NO_CACHE=1
export COCCIDRIVE_NO_CACHE

real=$(command -v spatch)
cat >"$TMP/spatch" <<EOS
#!/bin/sh
case "\$1" in --version) exec "$real" "\$@";; esac
out=; prev=; target=
for a; do
	[ "\$prev" = -o ] && out=\$a
	prev=\$a
done
"$real" "\$@" || exit
# Staged inputs have plain names: pick the file by its content.  A batch
# (--dir, the last word) is converted in place.
[ -n "\$out" ] || out=\$(grep -rl "\$TARGET_MARK" "\$prev" | head -n 1)
# EDIT is a sed script, or "sh:" and a command run on the result file.
if [ -n "\$out" ] && grep -q "\$TARGET_MARK" "\$out"; then
	case "\$EDIT" in
	sh:*) sh -c "\${EDIT#sh:}" edit "\$out" ;;
	*) sed -i -e "\$EDIT" "\$out" ;;
	esac
fi
exit 0
EOS
chmod +x "$TMP/spatch"

# Not a git work tree: --root makes the paths those of the sample tree.
tree=$TMP/tree

# name | a text only the target file has | sed script applied to spatch's result
while IFS="|" read -r row mark edit; do
	[ -n "$row" ] || continue
	# A fresh tree for each row, so that one miss cannot hide the next.
	rm -rf "$tree"
	cp -R "$ROOT/testdata/sample-tree" "$tree"
	tree_snapshot "$tree" >"$TMP/before"
	test_expect_success "$row: refused, exit 2" '
		test_expect_code 2 env SPATCH="$TMP/spatch" TARGET_MARK="$mark" EDIT="$edit" \
			"$COCCIDRIVE" convert --root "$tree" --in-place "$tree"
	'
	test_expect_success "$row: the reason names the refusal" '
		test_grep "result refused" "$ERR"
	'
	test_expect_success "$row: no file changed" '
		test_tree_unchanged "$tree" "$TMP/before" &&
		test_no_temporary "$tree"
	'
	test_expect_success "$row: --keep-going reports manual work and keeps the other files" '
		test_expect_code 1 env SPATCH="$TMP/spatch" TARGET_MARK="$mark" EDIT="$edit" \
			"$COCCIDRIVE" convert --root "$tree" --keep-going "$tree" &&
		test_grep "needs manual work: *[1-9]" "$ERR" &&
		test_grep "^diff --git a/net/ipv4/udp_tunnel.c" "$OUT"
	'
done <<'EOF'
'!' before a call|lowcomms_sctp|s/if (sock_create_kern(/if (!sock_create_kern(/
a statement inserted|lowcomms_sctp|/int result;/a\	result = 0;
code wrapped in #if 0|lowcomms_sctp|/^static int lowcomms_sctp/i #if 0
&init_net added to another call|lowcomms_sctp|s/pr_err(/pr_err(\&init_net, /
a NUL byte|lowcomms_sctp|s/comms socket/comms\x00socket/
an #include added|lowcomms_sctp|3i #include <linux/evil.h>
an argument changed|lowcomms_sctp|s/IPPROTO_TCP/IPPROTO_UDP/
another namespace than the rule's|lowcomms_sctp|s/&init_net/\&my_net/
the new argument added twice|lowcomms_sctp|s/&init_net, /\&init_net, \&init_net, /
arguments swapped|lowcomms_sctp|s/SOCK_SEQPACKET,/IPPROTO_SCTP,/;s/IPPROTO_SCTP, out/SOCK_SEQPACKET, out/
blanks changed on another line|lowcomms_sctp|s/^\t\treturn result;/\t\treturn  result;/
indentation changed on another line|lowcomms_sctp|s/^\tstruct socket \*sock;/        struct socket *sock;/
a comment changed|lowcomms_sctp|s/Create a socket/Create a backdoor/
a comment added|lowcomms_sctp|s/^\tint result;/\tint result; \/* ok *\//
a line ending changed|lowcomms_sctp|s/^\tint result;/&\r/
a blank line added at the end|lowcomms_sctp|$a\\
the last newline removed|lowcomms_sctp|sh:truncate -s -1 "$1"
bytes appended after the last line|lowcomms_sctp|sh:printf '/* x */' >>"$1"
a line removed|lowcomms_sctp|/^#include <linux\/in.h>/d
the prototype's new parameter renamed|_LINUX_NET_H|s/struct net \*net, int family/struct net *ns, int family/
the definition's body changed beyond the rule|EXPORT_SYMBOL(sock_create_kern)|s/protocol, res, 1);/protocol, res, 0);/
the definition passes another namespace|EXPORT_SYMBOL(sock_create_kern)|s/__sock_create(net,/__sock_create(\&init_net,/
the definition's old namespace kept and a new one added|EXPORT_SYMBOL(sock_create_kern)|s/__sock_create(net,/__sock_create(net, \&init_net,/
EOF

# spatch dropping a comment is known behaviour: the driver redoes the
# same edit on the original text, so the comment survives.  (A comment
# in a function spatch sees: the file's others are blanked in its slice.)
rm -rf "$tree"
cp -R "$ROOT/testdata/sample-tree" "$tree"
test_expect_success 'a comment dropped by spatch: converted anyway' '
	test_expect_code 0 env SPATCH="$TMP/spatch" \
		TARGET_MARK=lowcomms_sctp EDIT="s/^\t\/\* Create a socket.*//" \
		"$COCCIDRIVE" convert --root "$tree" --in-place "$tree"
'
test_expect_success 'a comment dropped by spatch: kept in the file' '
	test_grep "^	/\* Create a socket to communicate with \*/" "$tree/fs/dlm/lowcomms.c"
'
test_expect_success 'a comment dropped by spatch: the call converted' '
	test_grep -F "sock_create_kern(&init_net," "$tree/fs/dlm/lowcomms.c"
'

# Each row above changes something: without the wrapper's edit the same
# run is accepted (so a refusal above is the check's doing, not the
# wrapper's).
rm -rf "$tree"
cp -R "$ROOT/testdata/sample-tree" "$tree"
test_expect_success 'the wrapper without an edit: accepted' '
	test_expect_code 0 env SPATCH="$TMP/spatch" \
		TARGET_MARK=lowcomms_sctp EDIT= "$COCCIDRIVE" convert --root "$tree" "$tree"
'
test_expect_success 'the wrapper without an edit: the usual patch' '
	test_cmp "$ROOT/expected/sample-tree.diff" "$OUT"
'
test_done
