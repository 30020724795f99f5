#!/bin/sh
# Slices and batches (driver/pipeline/slice.h, transform.h): spatch is
# given only the top-level definitions that hold an occurrence, several
# files per process; the result is that of the whole files, one spatch
# per file (COCCIDRIVE_NO_SLICE=1 gives spatch whole files, as before).
. "$(dirname "$0")/../test-lib.sh"
# Every run here is about what spatch does: none from the cache.
COCCIDRIVE_NO_CACHE=1
export COCCIDRIVE_NO_CACHE

test_jq() {
	jq -e "$1" "$2" >/dev/null && return 0
	printf '%s\n' "false: jq '$1' on $2:"
	jq -c 'del(.occurrences, .not_counted)' "$2"
	return 1
}

# The report without the figures that slicing and batching change.
same_report() {
	jq -S 'del(.spatch_runs, .slice_fallbacks)' "$1" >"$1.cmp" &&
	jq -S 'del(.spatch_runs, .slice_fallbacks)' "$2" >"$2.cmp" &&
	test_cmp "$1.cmp" "$2.cmp"
}

cd "$ROOT" || exit 2
# Every case of the golden tests, sliced and whole: the same patch, the
# same account of every occurrence, the same lines on stderr but the
# summary's count of spatch runs.
for f in testdata/*.c testdata/*.h testdata/sample-tree testdata/vendor-tree; do
	n=$(basename "$f")
	test_expect_success "$n: the slices give what the whole files give" '
		"$COCCIDRIVE" convert -o "$TMP/$n.s.diff" --report "$TMP/$n.s.json" \
			"$f" >/dev/null 2>"$TMP/$n.s.err";
		env COCCIDRIVE_NO_SLICE=1 "$COCCIDRIVE" convert -o "$TMP/$n.w.diff" \
			--report "$TMP/$n.w.json" "$f" >/dev/null 2>"$TMP/$n.w.err";
		test_cmp "$TMP/$n.w.diff" "$TMP/$n.s.diff" &&
		same_report "$TMP/$n.w.json" "$TMP/$n.s.json" &&
		grep -v "spatch runs\?\|wrote" "$TMP/$n.s.err" >"$TMP/s.err" &&
		grep -v "spatch runs\?\|wrote" "$TMP/$n.w.err" >"$TMP/w.err" &&
		test_cmp "$TMP/w.err" "$TMP/s.err" &&
		test_jq ".slice_fallbacks == 0" "$TMP/$n.w.json"
	'
done

# A wrapper around the real spatch that keeps a copy of what it is given
# (a file, or a batch's directory), counts its runs, and on FAULT crashes
# or says it caught an exception when the file holding MARK is among its
# input.
real=$(command -v spatch)
cat >"$TMP/spatch" <<EOS
#!/bin/sh
case "\$1" in --version) exec "$real" "\$@";; esac
for a; do last=\$a; done
echo run >>"$TMP/runs"
if [ -d "\$last" ]; then cp "\$last"/* "$TMP/seen/"; else cp "\$last" "$TMP/seen/"; fi
if [ -n "\${MARK:-}" ] && grep -rq "\$MARK" "\$last"; then
	case "\${FAULT:-}" in
	crash) kill -SEGV \$\$ ;;
	exn) [ -d "\$last" ] && { echo "EXN: Failure(\"boom\") in \$last/x.c" >&2; exit 0; } ;;
	esac
fi
exec "$real" "\$@"
EOS
chmod +x "$TMP/spatch"
fresh() {
	rm -rf "$TMP/tree" "$TMP/seen" "$TMP/runs"
	mkdir "$TMP/seen"
	cp -R "$ROOT/testdata/sample-tree" "$TMP/tree"
}

# What spatch sees of net/socket.c: the definition of sock_create_kern()
# and what the file includes, nothing of sock_create(); the same lines.
fresh
test_expect_success 'spatch is given the slice: only what holds a site' '
	test_expect_code 0 env SPATCH="$TMP/spatch" "$COCCIDRIVE" convert \
		--root "$TMP/tree" -o "$TMP/p.diff" "$TMP/tree" &&
	seen=$(grep -l "^EXPORT_SYMBOL(sock_create_kern);" "$TMP"/seen/*) &&
	test_grep -F "int sock_create_kern(int family" "$seen" &&
	test_grep "^#include <linux/net.h>" "$seen" &&
	test_grep -v "sock_create(int family" "$seen" &&
	test_grep -v "miniature" "$seen" &&
	test "$(wc -l <"$seen")" = "$(wc -l <"$TMP/tree/net/socket.c")" &&
	test "$(wc -c <"$seen")" = "$(wc -c <"$TMP/tree/net/socket.c")"
'
test_expect_success 'and the patch is that of the whole files' '
	env COCCIDRIVE_NO_SLICE=1 "$COCCIDRIVE" convert --root "$TMP/tree" \
		-o "$TMP/w.diff" "$TMP/tree" 2>/dev/null &&
	test_cmp "$TMP/w.diff" "$TMP/p.diff"
'

# One spatch process for the four files that need it (-j 1: one batch).
fresh
test_expect_success '-j 1: one spatch run for four files' '
	test_expect_code 0 env SPATCH="$TMP/spatch" "$COCCIDRIVE" convert -j 1 \
		--root "$TMP/tree" --report "$TMP/r.json" -o "$TMP/p.diff" "$TMP/tree" &&
	test_line_count = 1 "$TMP/runs" &&
	test_jq ".spatch_runs == 1 and .slice_fallbacks == 0 and .files_changed == 4" "$TMP/r.json" &&
	test_grep "5 with sock_create_kern, 1 spatch run, 4 changed" "$ERR" &&
	test_cmp "$TMP/w.diff" "$TMP/p.diff"
'
# -j 2: two batches, balanced by size.
fresh
test_expect_success '-j 2: two spatch runs for four files' '
	test_expect_code 0 env SPATCH="$TMP/spatch" "$COCCIDRIVE" convert -j 2 \
		--root "$TMP/tree" --report "$TMP/r.json" -o "$TMP/p.diff" "$TMP/tree" &&
	test_line_count = 2 "$TMP/runs" &&
	test_jq ".spatch_runs == 2" "$TMP/r.json" &&
	test_cmp "$TMP/w.diff" "$TMP/p.diff"
'

# A batch in which spatch crashes on one file: each of its files is run
# alone, the others are converted, the bad one alone carries the failure
# (its slice, then the whole file, crash too: 1 + 4 + 1 runs).
fresh
test_expect_success 'a crash in a batch: exit 2 as for any spatch failure' '
	test_expect_code 2 env SPATCH="$TMP/spatch" MARK=lowcomms_sctp FAULT=crash \
		"$COCCIDRIVE" convert -j 1 --root "$TMP/tree" --report "$TMP/r.json" \
		-o "$TMP/p.diff" "$TMP/tree" &&
	test_grep "spatch failed on 1 file (listed above); nothing was written" "$ERR"
'
test_expect_success 'a crash in a batch: only that file fails, with the reason' '
	test_grep "fs/dlm/lowcomms.c:14:11: needs manual work: spatch killed by signal 11" "$ERR" &&
	test "$(grep -c "needs manual work: spatch" "$ERR")" = 2 &&
	test_jq ".spatch_failures == 1 and .spatch_runs == 6 and .slice_fallbacks == 1" "$TMP/r.json"
'
fresh
test_expect_success 'a crash in a batch, --keep-going: the other files converted' '
	test_expect_code 1 env SPATCH="$TMP/spatch" MARK=lowcomms_sctp FAULT=crash \
		"$COCCIDRIVE" convert -j 1 --keep-going --root "$TMP/tree" "$TMP/tree" &&
	test_grep "^diff --git a/net/socket.c" "$OUT" &&
	test_grep "^diff --git a/net/ipv4/udp_tunnel.c" "$OUT" &&
	test_grep "^diff --git a/include/linux/net.h" "$OUT" &&
	test_grep -v lowcomms "$OUT"
'

# spatch --dir catches an exception in one file, says "EXN: ... in FILE"
# and exits 0, and may then write no file at all: the batch's files are
# run alone, and all of them converted.
fresh
test_expect_success 'an exception caught in a batch: its files run alone' '
	test_expect_code 0 env SPATCH="$TMP/spatch" MARK=lowcomms_sctp FAULT=exn \
		"$COCCIDRIVE" convert -j 1 --root "$TMP/tree" --report "$TMP/r.json" \
		-o "$TMP/p.diff" "$TMP/tree" &&
	test_jq ".spatch_runs == 5 and .spatch_failures == 0" "$TMP/r.json" &&
	test_cmp "$TMP/w.diff" "$TMP/p.diff"
'

# A slice that spatch cannot parse where the whole file parses: a K&R
# definition whose parameter declaration has braces is cut from its
# body, which alone is no C.  The whole file is run, converted, counted.
mkdir "$TMP/kr"
cat >"$TMP/kr/kr.c" <<'EOF'
#include <linux/net.h>

static int other(void)
{
	return 0;
}

int kr_open(p, s)
	struct { int family; } *p;
	struct socket **s;
{
	return sock_create_kern(p->family, SOCK_DGRAM, 0, s);
}
EOF
test_expect_success 'a slice that does not parse: the whole file, converted' '
	test_expect_code 0 "$COCCIDRIVE" convert --root "$TMP/kr" \
		--report "$TMP/kr.json" -o "$TMP/kr.diff" "$TMP/kr" &&
	test_grep -F "+	return sock_create_kern(&init_net, p->family, SOCK_DGRAM, 0, s);" "$TMP/kr.diff" &&
	test_jq ".slice_fallbacks == 1 and .spatch_runs == 2 and .files_changed == 1" "$TMP/kr.json" &&
	test_grep "1 with sock_create_kern, 2 spatch runs (1 slice fell back to the whole file), 1 changed" "$ERR"
'
test_expect_success 'the same as without slices' '
	env COCCIDRIVE_NO_SLICE=1 "$COCCIDRIVE" convert --root "$TMP/kr" \
		-o "$TMP/kr.w.diff" "$TMP/kr" 2>/dev/null &&
	test_cmp "$TMP/kr.w.diff" "$TMP/kr.diff"
'
test_done
