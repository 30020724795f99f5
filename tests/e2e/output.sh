#!/bin/sh
# What people act on: each occurrence to act on is printed once across
# stdout and stderr, as "file:line:col: message", its note and hint on
# lines of their own right after it, also with -q; the summary only
# counts and says where the lines are, and what convert wrote.  The JSON
# report: versioned, its mode, "rewritten" only once files were written,
# a message per occurrence in the words of its line, "--report -".
. "$(dirname "$0")/../test-lib.sh"

# A tree with all there is to say: calls and a declaration to convert,
# manual work, a call converted only with the macro file (a note), calls
# with a hint, ## chains not counted.
cd "$TMP" || exit 2
mkt() {
	rm -rf t && cp -R "$ROOT/testdata/vendor-tree" t &&
	cp "$ROOT/testdata/namespace_hint.c" "$ROOT/testdata/pasted_name.c" t/
}
mkt

# items FILE: the lines of FILE that are "file:line:col: ...".
items() { grep -E '^[^ ].*:[0-9]+:[0-9]+: ' "$1"; }
# want_from_json JSON FILTER: "file:line:col: message" of the occurrences
# FILTER selects, in order, and each one's note and hint after it.
want_from_json() {
	jq -r ".occurrences[] | select($2) |
		\"\(.file):\(.line):\(.column): \(.message)\",
		(select(.bucket == \"converted\" and .detail != null) |
			\"\(.file):\(.line):\(.column): note: \(.detail)\"),
		(select(.hint != null) | \"\(.file):\(.line):\(.column): hint: \(.hint)\")" "$1"
}

## check

test_expect_success 'check: exit 1, with a report' '
	test_expect_code 1 "$COCCIDRIVE" check --report "$TMP/c.json" t &&
	cp "$OUT" c.out && cp "$ERR" c.err
'
test_expect_success 'check: stdout is the JSON messages, each with its note and hint, in order' '
	want_from_json c.json ".bucket == \"manual\" or .changes" >want &&
	test_cmp want c.out
'
test_expect_success 'check: stdout has hints and notes (the test above can see them)' '
	test_grep -F "t/namespace_hint.c:13:9: hint: gtp_encap_sock() has ${SQ}struct net *src_net${SQ}: pass src_net instead of &init_net?" c.out &&
	test_grep -F "t/drivers/misc/vendor_ipc.c:21:9: note: spatch parsed it only with the macro file" c.out &&
	test_grep -F "t/arch/arm/mach-vendor/board-net.c:15:6: needs manual work: function board_net_init() did not parse" c.out
'
test_expect_success 'check: no location twice across stdout and stderr' '
	cat c.out c.err | grep -E -o "^ *(not counted: )?[^ ]*:[0-9]+:[0-9]+: (note: |hint: )?" |
		sed "s/^ *//" | sort | uniq -d >dups &&
	test_must_be_empty dups
'
test_expect_success 'check: the summary lists no occurrence (only the chains not counted)' '
	grep -v "^  not counted: " c.err >c.err.rest &&
	test_grep -v ":[0-9][0-9]*:[0-9][0-9]*: " c.err.rest
'
test_expect_success 'check: the summary counts what is on stdout' '
	test_grep -x "  listed on stdout:    10 calls to convert, 1 declaration to convert, 6 needing manual work, 1 note, 2 hints" c.err
'
test_expect_success 'check -q: the same stdout, no summary' '
	test_expect_code 1 "$COCCIDRIVE" check -q t &&
	test_cmp c.out "$OUT" &&
	test_must_be_empty "$ERR"
'

## convert

test_expect_success 'convert: exit 0, with a report' '
	test_expect_code 0 "$COCCIDRIVE" convert --report "$TMP/v.json" t &&
	cp "$OUT" v.out && cp "$ERR" v.err
'
test_expect_success 'convert: stdout is the patch only' '
	test_grep -v "^[^-+@ d].*:[0-9][0-9]*:[0-9][0-9]*: " v.out &&
	test_grep "^diff --git a/t/namespace_hint.c" v.out
'
test_expect_success 'convert: stderr lists manual work, notes and hints, each once, first' '
	want_from_json v.json ".bucket == \"manual\" or .detail != null or .hint != null" |
		grep -v -E ": (sock_create_kern\(\) called|prototype|definition) " >want &&
	items v.err >got &&
	test_cmp want got &&
	head -n "$(wc -l <want)" v.err >first &&
	test_cmp want first
'
test_expect_success 'convert: a converted call with a hint has its hint line only' '
	test_grep -x -F "t/namespace_hint.c:21:8: hint: tun_ctl_sock() has ${SQ}struct net *net${SQ}: pass net instead of &init_net?" v.err &&
	test_grep -v -F "t/namespace_hint.c:21:8: sock_create_kern" v.err
'
test_expect_success 'convert: the summary counts the lines above' '
	test_grep -x "  listed above:        6 needing manual work, 1 note, 2 hints" v.err
'
test_expect_success 'convert -q: the same lines, without the summary' '
	test_expect_code 0 "$COCCIDRIVE" convert -q t &&
	items v.err >want &&
	test_cmp want "$ERR" &&
	test_cmp v.out "$OUT"
'
test_expect_success 'convert: the patch on stdout: nothing said written' '
	test_grep -v "wrote" v.err
'

## JSON

# test_jq FILTER FILE: true on FILE, else FILE's top level is shown.
test_jq() {
	jq -e "$1" "$2" >/dev/null && return 0
	printf '%s\n' "false: jq '$1' on $2:"
	jq -c 'del(.occurrences, .not_counted)' "$2"
	return 1
}
types='(.schema | type) == "number" and (.mode | type) == "string" and
	(.rewritten | type) == "boolean" and
	all(.occurrences[], .not_counted[];
		(.message | type) == "string" and (.message | length) > 0 and
		(.changes | type) == "boolean" and
		(.hint == null or (.hint | type) == "string") and
		(.detail == null or (.detail | type) == "string")) and
	(.not_counted | length) == 2'
for f in c v; do
	test_expect_success "JSON ($f): the field types" '
		test_jq "$types" $f.json
	'
done
test_expect_success 'JSON: schema 2' '
	test_jq ".schema == 2" c.json
'
test_expect_success 'JSON: mode check, not rewritten' '
	test_jq ".mode == \"check\" and .rewritten == false" c.json
'
test_expect_success 'JSON: mode convert; the patch on stdout: not rewritten' '
	test_jq ".mode == \"convert\" and .rewritten == false" v.json
'
test_expect_success 'JSON: convert says what was converted' '
	test_jq "[.occurrences[] | select(.file == \"t/namespace_hint.c\" and .line == 13) | .message] ==
		[\"sock_create_kern() called with 4 arguments, without a struct net *; converted: added &init_net\"]" v.json
'
test_expect_success 'JSON: a chain not counted says why' '
	test_jq ".not_counted[0].message | endswith(\": not counted\")" c.json
'

## --report -

test_expect_success 'check --report -: exit 1, stdout is the JSON alone' '
	test_expect_code 1 "$COCCIDRIVE" check --report - t &&
	jq -e ".mode == \"check\"" "$OUT" >/dev/null &&
	test_grep -x "  in the JSON report:  10 calls to convert, 1 declaration to convert, 6 needing manual work, 1 note, 2 hints" "$ERR"
'
test_expect_success 'convert --report - with the patch on stdout: exit 2, nothing printed' '
	test_expect_code 2 "$COCCIDRIVE" convert --report - t &&
	test_grep -x "coccidrive: convert: --report - and the patch would both go to standard output: give -o FILE or --in-place" "$ERR" &&
	test_must_be_empty "$OUT"
'
test_expect_success 'convert -o - --report -: exit 2 too' '
	test_expect_code 2 "$COCCIDRIVE" convert -o - --report - t
'
test_expect_success 'convert -o STDOUT-LINK --report -: exit 2 too' '
	ln -s /proc/self/fd/1 so &&
	test_expect_code 2 "$COCCIDRIVE" convert -o "$TMP/so" --report - t
'
test_expect_success 'convert --report STDOUT-LINK: exit 2 too' '
	test_expect_code 2 "$COCCIDRIVE" convert --report "$TMP/so" t &&
	test_must_be_empty "$OUT"
'
test_expect_success 'convert -o FILE --report -: the JSON on stdout, the patch in FILE' '
	test_expect_code 0 "$COCCIDRIVE" convert -o "$TMP/p.diff" --report - t &&
	jq -e ".mode == \"convert\" and .rewritten == false" "$OUT" >/dev/null &&
	test_cmp v.out p.diff
'

## What was written

test_expect_success '-o FILE: the summary names it, last' '
	test_expect_code 0 "$COCCIDRIVE" convert -o "$TMP/p.diff" t &&
	tail -n 1 "$ERR" >last &&
	test_grep -x "coccidrive convert: wrote the patch to $TMP/p.diff (5 files)" last
'
test_expect_success '-o FILE -v: each file of the patch' '
	test_expect_code 0 "$COCCIDRIVE" convert -v -o "$TMP/p.diff" t &&
	sed -n "/: wrote the patch to /,/: took /p" "$ERR" | sed "1d;\$d" | sort >got &&
	grep "^diff --git" p.diff | sed "s#^diff --git a/\([^ ]*\) .*#  \1#" | sort >want &&
	test_line_count = 5 want &&
	test_cmp want got
'
test_expect_success '-o FILE -q: no summary, so nothing said written' '
	test_expect_code 0 "$COCCIDRIVE" convert -q -o "$TMP/p.diff" t &&
	test_grep -v "wrote" "$ERR"
'
test_expect_success '-o FILE, nothing to change: an empty patch, said so' '
	test_expect_code 0 "$COCCIDRIVE" convert -o "$TMP/e.diff" "$ROOT/expected/if_not.c" &&
	test_grep -x "coccidrive convert: wrote an empty patch to $TMP/e.diff (no file to change)" "$ERR"
'
test_expect_success '--in-place: "rewrote N files", rewritten in the JSON' '
	test_expect_code 0 "$COCCIDRIVE" convert --in-place --report "$TMP/i.json" t &&
	test_grep -x "coccidrive convert --in-place: rewrote 5 files" "$ERR" &&
	test_jq ".mode == \"convert\" and .rewritten == true" i.json
'
test_expect_success '--in-place again: nothing to rewrite, not rewritten' '
	test_expect_code 0 "$COCCIDRIVE" convert --in-place -v --report "$TMP/i2.json" t &&
	test_grep -x "coccidrive convert --in-place: no file to rewrite" "$ERR" &&
	test_jq ".rewritten == false" i2.json
'
mkt
test_expect_success '--in-place -v: each file rewritten' '
	test_expect_code 0 "$COCCIDRIVE" convert --in-place -v t &&
	sed -n "/: rewrote 5 files\$/,/: took /p" "$ERR" | sed "1d;\$d" | sort >got &&
	grep "^diff --git" p.diff | sed "s#^diff --git a/\([^ ]*\) .*#  \1#" | sort >want &&
	test_cmp want got
'

# The report is renamed after the files, in their batch: when a rename
# fails, no report claims anything.  The 1st file is renamed, the 2nd
# fails (strace makes the 2nd rename() fail).
mkt
NOLEAK="ASAN_OPTIONS=${ASAN_OPTIONS:-}:detect_leaks=0"
test_expect_success '--in-place, the 2nd rename fails: exit 2' '
	test_expect_code 2 env "$NOLEAK" strace -f -o /dev/null -e trace=rename,renameat,renameat2 \
		-e inject=rename,renameat,renameat2:error=EXDEV:when=2 \
		"$COCCIDRIVE" convert --in-place --report "$TMP/f.json" t
'
test_expect_success '--in-place, a rename failed: no report, no "rewrote"' '
	test_path_is_missing f.json &&
	test_grep -v "rewrote" "$ERR"
'
# A report that cannot be written stops the run before any file changes.
mkt
tree_snapshot t >before
test_expect_success '--in-place --report in no directory: exit 2, no file changed' '
	test_expect_code 2 "$COCCIDRIVE" convert --in-place --report "$TMP/none/r.json" t &&
	test_tree_unchanged t before
'

# spatch failing on a file: the run writes nothing, and says no more.
real=$(command -v spatch)
cat >"$TMP/spatch" <<EOS
#!/bin/sh
case "\$1" in --version) exec "$real" "\$@";; esac
for a; do last=\$a; done
grep -rq qmi_sock_probe "\$last" 2>/dev/null && kill -SEGV \$\$
exec "$real" "\$@"
EOS
chmod +x "$TMP/spatch"
mkt
test_expect_success 'spatch crash, --in-place: exit 2' '
	test_expect_code 2 env SPATCH="$TMP/spatch" "$COCCIDRIVE" convert --in-place --report "$TMP/u.json" t
'
test_expect_success 'spatch crash: not rewritten, and nothing said written' '
	test_jq ".rewritten == false" u.json &&
	test_grep -v "rewrote" "$ERR" &&
	test_grep "qmi_sock.c:20:8: needs manual work: spatch killed by signal 11" "$ERR"
'
test_expect_success 'spatch crash, -q: the failed file is still listed' '
	test_expect_code 2 env SPATCH="$TMP/spatch" "$COCCIDRIVE" convert -q -o "$TMP/u.diff" t &&
	test_grep "qmi_sock.c:20:8: needs manual work: spatch killed by signal 11" "$ERR" &&
	test_path_is_missing u.diff
'
# README's samples are what the program prints, from the checkout.
cd "$ROOT" || exit 2
# readme_block LINE: README's first ``` block after the line LINE.
readme_block() {
	awk -v start="$1" '$0 == start { on = 1; next }
		on && /^```/ { if (inblock) exit; inblock = 1; next }
		inblock { print }' README.md
}
test_expect_success "README: convert's stderr as printed" '
	readme_block "\`--in-place\`, says what was written:" >"$TMP/want" &&
	test_line_count -gt 5 "$TMP/want" &&
	# -j 2, as on the 2 cores README was written on: each spatch run is
	# a batch, as many as run at once.
	test_expect_code 0 "$COCCIDRIVE" convert -j 2 testdata/sample-tree &&
	test_cmp "$TMP/want" "$ERR"
'
test_expect_success "README: check -q as printed" '
	readme_block "something is, 2 on error: suitable for CI." >"$TMP/want" &&
	sed "1d" "$TMP/want" >"$TMP/want.out" &&
	test_line_count -gt 3 "$TMP/want.out" &&
	test_expect_code 1 "$COCCIDRIVE" check -q testdata/sample-tree &&
	test_cmp "$TMP/want.out" "$OUT"
'
test_done
