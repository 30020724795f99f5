#!/bin/sh
# convert --backport: the reverse conversion, for a kernel before 4.2.
# Its golden cases (tests/backport/testdata, tests/backport/expected, run
# by "coccidrive test" with the backport rule: each result, its account,
# and a second run that changes nothing); --backport and --cocci with the
# rule give the same; what the user reads about a call that passed a
# namespace of its own; the round trip (forward, then backward, gives
# back the original byte for byte) over every testdata case the forward
# conversion changes, the upstream seed's 13 files among them, and the
# sample tree; a doctored result refused.
. "$(dirname "$0")/../test-lib.sh"
# A spatch wrapper below acts on $EDIT, which no cache key sees.
COCCIDRIVE_NO_CACHE=1
export COCCIDRIVE_NO_CACHE

rule=$ROOT/semantic-patches/sock_create_kern_backport.cocci

test_expect_success 'golden cases of the backport rule' '
	(cd "$ROOT" && test_expect_code 0 "$COCCIDRIVE" test --cocci "$rule" \
		--testdata tests/backport/testdata \
		--expected tests/backport/expected) &&
	test_grep -x "6 passed, 0 failed" "$OUT"
'

# The golden cases as a tree of their own, for the command line.
cases=$TMP/cases
cp -R "$ROOT/tests/backport/testdata" "$cases"

test_expect_success '--backport is --cocci with the bundled backport rule' '
	test_expect_code 0 "$COCCIDRIVE" convert --backport --root "$cases" \
		"$cases" &&
	mv "$OUT" "$TMP/backport.diff" && mv "$ERR" "$TMP/backport.err" &&
	test_expect_code 0 "$COCCIDRIVE" convert --cocci "$rule" \
		--root "$cases" "$cases" &&
	test_cmp "$TMP/backport.diff" "$OUT" &&
	test_cmp "$TMP/backport.err" "$ERR" &&
	test_grep "^diff --git a/real_namespace.c" "$OUT"
'

test_expect_success '--backport and --cocci exclude each other' '
	test_expect_code 2 "$COCCIDRIVE" convert --backport --cocci "$rule" \
		"$cases" &&
	test_grep -x "coccidrive: convert: --backport and --cocci exclude each other (--backport is --cocci with the bundled sock_create_kern_backport.cocci)" "$ERR" &&
	test_must_be_empty "$OUT"
'

test_expect_success 'a call that passed its own namespace: converted, and listed with the sk_change_net() to add' '
	test_expect_code 0 "$COCCIDRIVE" convert --backport --root "$cases" \
		--report "$TMP/r.json" "$cases/real_namespace.c" &&
	test_grep -x -F "real_namespace.c:24:9: needs manual work: it passed tn->net, and before Linux 4.2 a kernel socket is created in init_net: add ${SQ}sk_change_net(tn->sock->sk, tn->net);${SQ} after the call, and release it with ${SQ}sk_release_kernel(tn->sock->sk)${SQ} instead of sock_release()" "$ERR" &&
	test_grep -F "real_namespace.c:19:9: needs manual work: it passed net, " "$ERR" &&
	test_grep -F "sk_change_net(sock->sk, sock_net(sk));" "$ERR" &&
	test_grep -v "real_namespace.c:44:" "$ERR" &&
	test_grep -v "hint:" "$ERR" &&
	test_grep -x "  converted: *4" "$ERR" &&
	test_grep -x "  needs manual work: *0" "$ERR" &&
	test_grep -x "  listed above: *3 converted calls needing manual work" "$ERR" &&
	test_grep "^note: before Linux 4.2 every kernel socket is created in init_net" "$ERR" &&
	jq -e "[.occurrences[] | select(.follow_up != null) | .line] == [19, 24, 33]" "$TMP/r.json" >/dev/null &&
	jq -e "[.occurrences[] | .bucket] == [\"converted\", \"converted\", \"converted\", \"converted\"]" "$TMP/r.json" >/dev/null &&
	jq -e ".occurrences[1].follow_up | startswith(\"it passed tn->net, \")" "$TMP/r.json" >/dev/null &&
	jq -e ".occurrences[0].message == \"sock_create_kern() called with 5 arguments; converted: took the first one out\"" "$TMP/r.json" >/dev/null
'

test_expect_success 'check with the backport rule: what convert would take out' '
	test_expect_code 1 "$COCCIDRIVE" check --cocci "$rule" --root "$cases" \
		"$cases/net_prototype.h" "$cases/plain_calls.c" &&
	test_grep -x -F "net_prototype.h:15:5: prototype with ${SQ}struct net *net${SQ}; convert would take it out" "$OUT" &&
	test_grep -x -F "plain_calls.c:16:8: sock_create_kern() called with 5 arguments; convert would take the first one out" "$OUT"
'

# The rule is part of the cache's key and of a shard's identity: a
# backport never gets the forward results of the same bytes.
test_expect_success 'cache: a forward run'"'"'s results are not a backport'"'"'s' '
	test_expect_code 0 env COCCIDRIVE_NO_CACHE=0 "$COCCIDRIVE" convert \
		--root "$cases" "$cases" &&
	test_grep "^+.*sock_create_kern(&init_net, AF_INET, SOCK_DGRAM, 0, a);" "$OUT" &&
	test_expect_code 0 env COCCIDRIVE_NO_CACHE=0 "$COCCIDRIVE" convert \
		--backport --root "$cases" "$cases" &&
	test_cmp "$TMP/backport.diff" "$OUT" &&
	test_expect_code 0 env COCCIDRIVE_NO_CACHE=0 "$COCCIDRIVE" convert \
		--backport --root "$cases" "$cases" &&
	test_cmp "$TMP/backport.diff" "$OUT"
'
test_expect_success 'merge: a forward shard and a backport shard are refused' '
	test_expect_code 0 "$COCCIDRIVE" convert --shard 1/2 --root "$cases" \
		--report "$TMP/s1.json" "$cases" &&
	test_expect_code 0 "$COCCIDRIVE" convert --backport --shard 2/2 \
		--root "$cases" --report "$TMP/s2.json" "$cases" &&
	test_expect_code 2 "$COCCIDRIVE" merge "$TMP/s1.json" "$TMP/s2.json" &&
	test_grep "another rule" "$ERR"
'
test_expect_success 'merge: the backport shards give the one-run backport' '
	test_expect_code 0 "$COCCIDRIVE" convert --backport --shard 1/2 \
		--root "$cases" --report "$TMP/s1.json" "$cases" &&
	test_expect_code 0 "$COCCIDRIVE" merge -o "$TMP/merged.diff" \
		--report "$TMP/merged.json" "$TMP/s1.json" "$TMP/s2.json" &&
	test_cmp "$TMP/backport.diff" "$TMP/merged.diff" &&
	jq -e "[.occurrences[] | select(.follow_up != null)] | length == 5" "$TMP/merged.json" >/dev/null &&
	test_grep -F "real_namespace.c:24:9: needs manual work: it passed tn->net," "$ERR" &&
	test_grep "^note: before Linux 4.2 every kernel socket is created in init_net" "$ERR" &&
	jq -e ".backport == true" "$TMP/s1.json" >/dev/null
'

# A call spatch cannot parse: left for a human, or with --fallback=text
# its first argument taken out by hand, marked for review.
mkdir "$TMP/fb"
sed "s/sock_create_kern(AF_INET, SOCK_DGRAM, IPPROTO_UDP, s)/sock_create_kern(net, AF_INET, SOCK_DGRAM, IPPROTO_UDP, s)/" \
	"$ROOT/expected/unparsable.c" >"$TMP/fb/u.c"
test_expect_success 'a function spatch cannot parse: manual work' '
	test_grep "sock_create_kern(net, AF_INET" "$TMP/fb/u.c" &&
	test_expect_code 0 "$COCCIDRIVE" convert --backport --root "$TMP/fb" "$TMP/fb" &&
	test_grep -x "u.c:19:8: needs manual work: function legacy_bind() did not parse (spatch: parse error at line 18 near ${SQ}int${SQ}, also with the macro file)" "$ERR" &&
	test_grep -v "^+.*sock_create_kern(AF_INET, SOCK_DGRAM" "$OUT"
'
test_expect_success '--fallback=text takes its first argument out by hand' '
	test_expect_code 0 "$COCCIDRIVE" convert --backport --fallback=text \
		--root "$TMP/fb" "$TMP/fb" &&
	test_grep -x "+	err = sock_create_kern(AF_INET, SOCK_DGRAM, IPPROTO_UDP, s);" "$OUT" &&
	test_grep -x "u.c:19:8: note: converted by fallback, review: spatch could not match it, the text was changed by hand" "$ERR" &&
	test_grep -F "u.c:19:8: needs manual work: it passed net, " "$ERR"
'

# Round trip: every testdata case the forward conversion changes, forward
# (expected/NAME) then backward, is testdata/NAME again.  Only
# already_converted.c cannot be: it has calls written with a namespace of
# their own, which the backport takes out too.  And forward again gives
# expected/ back (the backward layout only picks lines the forward layout
# turns into the lines it was given), but for those same calls.
rt=$TMP/rt
mkdir "$rt"
n=0
for f in "$ROOT"/testdata/*.c "$ROOT"/testdata/*.h; do
	b=${f##*/}
	cmp -s "$f" "$ROOT/expected/$b" && continue
	cp "$ROOT/expected/$b" "$rt/$b"
	n=$((n + 1))
done
test_expect_success "backward over the $n forward results of testdata" '
	test "$n" -ge 30 &&
	test_expect_code 0 "$COCCIDRIVE" convert --backport --in-place -q \
		--root "$rt" "$rt"
'
same=0
for f in "$rt"/*; do
	b=${f##*/}
	if [ "$b" = already_converted.c ]; then
		continue
	fi
	test_expect_success "round trip: $b is testdata/$b again" '
		test_cmp "$ROOT/testdata/$b" "$f"
	'
done
test_expect_success 'whole files instead of slices: the same backport' '
	rm -rf "$TMP/rt2" && mkdir "$TMP/rt2" &&
	for f in "$rt"/*; do cp "$ROOT/expected/${f##*/}" "$TMP/rt2/" || return 1; done &&
	test_expect_code 0 env COCCIDRIVE_NO_SLICE=1 "$COCCIDRIVE" convert \
		--backport --in-place -q --root "$TMP/rt2" "$TMP/rt2" &&
	for f in "$rt"/*; do test_cmp "$f" "$TMP/rt2/${f##*/}" || return 1; done
'
test_expect_success 'round trip: the 13 upstream files among them' '
	test "$(ls "$rt"/upstream_* | wc -l)" -eq 13
'
test_expect_success 'already_converted.c: its calls with a namespace of their own are taken out too' '
	test_grep "sock_create_kern(AF_INET, SOCK_DGRAM, 0, &vx->sock4);" "$rt/already_converted.c" &&
	! cmp -s "$ROOT/testdata/already_converted.c" "$rt/already_converted.c"
'
test_expect_success 'forward again after backward: the forward results again' '
	test_expect_code 0 "$COCCIDRIVE" convert --in-place -q --root "$rt" "$rt" &&
	for f in "$rt"/*; do
		[ "${f##*/}" = already_converted.c ] ||
		test_cmp "$ROOT/expected/${f##*/}" "$f" || return 1
	done &&
	test_grep "sock_create_kern(&init_net, AF_INET, SOCK_DGRAM, 0, &vx->sock4);" "$rt/already_converted.c"
'

test_expect_success 'round trip: the sample tree' '
	cp -R "$ROOT/testdata/sample-tree" "$TMP/st" &&
	cp -R "$ROOT/testdata/sample-tree" "$TMP/st.orig" &&
	test_expect_code 0 "$COCCIDRIVE" convert --in-place -q --root "$TMP/st" "$TMP/st" &&
	test_expect_code 0 "$COCCIDRIVE" convert --backport --in-place -q \
		--root "$TMP/st" "$TMP/st" &&
	test_grep -x -F "drivers/net/vxlan.c:12:9: needs manual work: it passed net, and before Linux 4.2 a kernel socket is created in init_net: add ${SQ}sk_change_net((*sockp)->sk, net);${SQ} after the call, and release it with ${SQ}sk_release_kernel((*sockp)->sk)${SQ} instead of sock_release()" "$ERR" &&
	(cd "$TMP" && diff -r st.orig st >"$TMP/st.diff"; test $? -eq 1) &&
	test_grep -x "diff -r st.orig/drivers/net/vxlan.c st/drivers/net/vxlan.c" "$TMP/st.diff" &&
	test "$(grep -c "^diff " "$TMP/st.diff")" -eq 1
'

# A doctored result: a wrapper around the real spatch edits its result.
real=$(command -v spatch)
cat >"$TMP/spatch" <<EOS
#!/bin/sh
case "\$1" in --version) exec "$real" "\$@";; esac
out=; prev=
for a; do
	[ "\$prev" = -o ] && out=\$a
	prev=\$a
done
"$real" "\$@" || exit
[ -n "\$out" ] || out=\$(grep -rl "\$MARK" "\$prev" | head -n 1)
[ -n "\$out" ] && sed -i -e "\$EDIT" "\$out"
exit 0
EOS
chmod +x "$TMP/spatch"

while IFS="|" read -r row edit; do
	[ -n "$row" ] || continue
	rm -rf "$TMP/d"
	mkdir "$TMP/d"
	cp "$cases/real_namespace.c" "$TMP/d/"
	tree_snapshot "$TMP/d" >"$TMP/before"
	test_expect_success "doctored ($row): refused, exit 2, nothing written" '
		test_expect_code 2 env SPATCH="$TMP/spatch" EDIT="$edit" \
			MARK=from_parameter "$COCCIDRIVE" convert --backport \
			--in-place --root "$TMP/d" "$TMP/d" &&
		test_grep "result refused" "$ERR" &&
		test_tree_unchanged "$TMP/d" "$TMP/before"
	'
done <<'EOT'
the second argument dropped too|s/sock_create_kern(AF_INET, SOCK_DGRAM, 0, sockp)/sock_create_kern(SOCK_DGRAM, 0, sockp)/
another argument dropped instead|s/sock_create_kern(AF_INET6, SOCK_DGRAM, IPPROTO_UDP,/sock_create_kern(tn->net, SOCK_DGRAM, IPPROTO_UDP,/
an argument changed|s/PF_INET, SOCK_STREAM/PF_INET6, SOCK_STREAM/
&init_net dropped from another call|s/return sock_create_kern(AF_INET, SOCK_DGRAM, 0, res);/return sock_create_kern(AF_INET, SOCK_DGRAM, 0, res); foo(\&init_net);/
a line changed elsewhere|s/^\tstruct socket \*sock;/        struct socket *sock;/
EOT

# The definition: only its parameter goes, and its body passes &init_net.
cp "$cases/socket_definition.c" "$TMP/def.c"
test_expect_success 'doctored definition (the body keeps its net): refused' '
	test_expect_code 2 env SPATCH="$TMP/spatch" MARK=sock_create_kern \
		EDIT="s/__sock_create(&init_net, /__sock_create(net, /" \
		"$COCCIDRIVE" convert --backport --root "$TMP" "$TMP/def.c" &&
	test_grep "result refused: the definition still has ${SQ}net${SQ}" "$ERR"
'
# The rule on its own, as coccicheck runs it.
opts=$(sed -n 's#^// Options:##p' "$rule")
for m in patch report org context; do
	spatch --parse-cocci -D "$m" "$rule" >"$TMP/parse.$m" 2>&1
	test_expect_success "the rule alone, -D $m: files selected by the identifier" '
		test_grep -v "No grep query" "$TMP/parse.$m" &&
		test_grep -v "warning" "$TMP/parse.$m" &&
		sed -n "/^Grep query\$/{n;p;}" "$TMP/parse.$m" >"$TMP/query.$m" &&
		test_grep -x sock_create_kern "$TMP/query.$m"
	'
done
# shellcheck disable=SC2086
(cd "$cases" && spatch --very-quiet --sp-file "$rule" -D report $opts \
	real_namespace.c net_prototype.h socket_definition.c already_old.c) >"$TMP/r" 2>&1
test_expect_success 'the rule alone, report mode: each call, with its namespace' '
	test_grep -x -F "real_namespace.c:24:8-24: sock_create_kern() called with the namespace tn->net: before 4.2, sk_change_net() after the call" "$TMP/r" &&
	test_grep -x -F "real_namespace.c:44:8-24: sock_create_kern() called with &init_net: before 4.2 there is no struct net * to pass" "$TMP/r" &&
	test_grep -x -F "net_prototype.h:15:4-20: sock_create_kern() declared with a struct net * first parameter" "$TMP/r" &&
	test_grep -x -F "socket_definition.c:16:4-20: sock_create_kern() defined with a struct net * first parameter" "$TMP/r" &&
	test "$(grep -c "^already_old.c:" "$TMP/r")" -eq 1
'
# shellcheck disable=SC2086
(cd "$cases" && spatch --very-quiet --sp-file "$rule" -D org $opts \
	already_old.c) >"$TMP/o" 2>&1
test_expect_success 'the rule alone, org mode: a TODO for the one 5-argument call' '
	test_grep -F "[[view:already_old.c::face=ovl-face1::linb=26::" "$TMP/o" &&
	test "$(grep -c "^\* TODO" "$TMP/o")" -eq 1
'
test_done
