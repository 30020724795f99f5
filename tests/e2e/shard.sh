#!/bin/sh
# --shard K/N and "coccidrive merge": N shards merged give exactly what
# one run gives (the patch and the JSON report byte for byte, the lines,
# the summary but for the command's name, the exit status), each file
# with an occurrence is in exactly one shard, and merge refuses a mix:
# a shard missing or twice, another rule, tree, options, N or mode.
. "$(dirname "$0")/../test-lib.sh"

# Two trees: the sample tree, and one of several cases (calls, manual
# work, a ## chain, a file spatch cannot parse, a file whose diff is not
# UTF-8).  With --max-size 600 the larger ones are listed by select as
# too large: the ledger's entries that come before every other file's.
sample=$TMP/sample
cp -R "$ROOT/testdata/sample-tree" "$sample"
several=$TMP/several
mkdir "$several"
for f in already_converted.c function_pointer.c macro_named.c \
	namespace_hint.c pasted_name.c unparsable.c upstream_af_inet.c \
	upstream_dlm_lowcomms.c upstream_drbd_receiver.c upstream_net.h \
	wrong_arity.c if0_dead_code.c; do
	cp "$ROOT/testdata/$f" "$several/$f" || exit 2
done
printf '/* caf\351 */\nint latin1(void)\n{\n\treturn sock_create_kern(1, 2, 3, 0);\n}\n' \
	>"$several/latin1.c"
mkdir "$TMP/one" "$TMP/m"

# one MODE TREE [OPTION...]: one run, in $TMP/one: p.diff (convert),
# r.json, out, err, rc.
one() {
	_m=$1 _t=$2
	shift 2
	(
		cd "$TMP/one" && rm -f p.diff r.json &&
			if [ "$_m" = convert ]; then
				"$COCCIDRIVE" convert "$@" --root "$_t" -o p.diff \
					--report r.json "$_t" >out 2>err
			else
				"$COCCIDRIVE" check "$@" --root "$_t" --report r.json \
					"$_t" >out 2>err
			fi
		echo $? >rc
	)
}
# shards MODE TREE N [OPTION...]: the N shards' reports, $TMP/sK.json.
shards() {
	_m=$1 _t=$2 _n=$3 _k=1
	shift 3
	rm -f "$TMP"/s*.json
	while [ $_k -le "$_n" ]; do
		if [ "$_m" = convert ]; then
			"$COCCIDRIVE" convert -q "$@" --shard $_k/"$_n" --root "$_t" \
				-o /dev/null --report "$TMP/s$_k.json" "$_t" 2>"$TMP/s.err" ||
				return 1
		else
			"$COCCIDRIVE" check -q "$@" --shard $_k/"$_n" --root "$_t" \
				--report "$TMP/s$_k.json" "$_t" >/dev/null 2>"$TMP/s.err"
			[ $? -le 1 ] || return 1
		fi
		_k=$((_k + 1))
	done
}
# merged MODE N: merge the N reports, last first, in $TMP/m like one().
merged() {
	_k=$2 _list=
	while [ $_k -ge 1 ]; do
		_list="$_list $TMP/s$_k.json"
		_k=$((_k - 1))
	done
	(
		cd "$TMP/m" && rm -f p.diff r.json &&
			if [ "$1" = convert ]; then
				# shellcheck disable=SC2086
				"$COCCIDRIVE" merge -o p.diff --report r.json $_list \
					>out 2>err
			else
				# shellcheck disable=SC2086
				"$COCCIDRIVE" merge --report r.json $_list >out 2>err
			fi
		echo $? >rc
	)
}
# same_as_one MODE: what merge wrote and printed is what one run did.
# The figures that differ: spatch_runs counts processes, and spatch takes
# a batch of files per process, so N shards start more of them than one
# run; the cache's figures say what each shard found in the cache (the
# one run before them filled it).  merge reports their sums.  Everything
# else is byte for byte.
runs_out() {
	sed -e 's/, [0-9]* spatch runs\{0,1\}/, N spatch runs/' \
		-e 's/ ([0-9]* slices\{0,1\} fell back to the whole file)//' "$1"
}
json_runs_out() {
	jq '.spatch_runs = "N" | .cache = "C" | .slice_fallbacks = "F"' "$1"
}
same_as_one() {
	test_cmp "$TMP/one/rc" "$TMP/m/rc" &&
		json_runs_out "$TMP/one/r.json" >"$TMP/want-json" &&
		json_runs_out "$TMP/m/r.json" >"$TMP/got-json" &&
		test_cmp "$TMP/want-json" "$TMP/got-json" &&
		test_cmp "$TMP/one/out" "$TMP/m/out" &&
		sed "s/^coccidrive $1:/coccidrive merge:/" "$TMP/one/err" >"$TMP/want-err0" &&
		runs_out "$TMP/want-err0" >"$TMP/want-err" &&
		runs_out "$TMP/m/err" >"$TMP/got-err" &&
		test_cmp "$TMP/want-err" "$TMP/got-err" &&
		if [ "$1" = convert ]; then
			test_cmp "$TMP/one/p.diff" "$TMP/m/p.diff"
		fi
}
# once_each: every file with an occurrence (or a ## chain not counted)
# of one run is in exactly one shard's "files".
once_each() {
	jq -r ".shard.files[].file" "$TMP"/s*.json | LC_ALL=C sort >"$TMP/got" &&
		jq -r ".occurrences[].file, .not_counted[].file" "$TMP/one/r.json" |
		LC_ALL=C sort -u >"$TMP/want" &&
		test_line_count -gt 3 "$TMP/want" &&
		test_cmp "$TMP/want" "$TMP/got"
}

for t in sample several; do
	tree=$TMP/$t
	opt=
	[ $t = several ] && opt="--max-size 600"
	one convert "$tree" $opt
	test_expect_success "$t: setup: one convert run, exit 0" '
		test "$(cat "$TMP/one/rc")" = 0 &&
		test -s "$TMP/one/p.diff"
	'
	# 1, 2, 3, and more shards than files.
	for n in 1 2 3 16; do
		test_expect_success "$t: convert in $n shards, merged: the patch, report, lines, summary and status of one run" '
			shards convert "$tree" $n $opt &&
			merged convert $n &&
			same_as_one convert
		'
		test_expect_success "$t: convert in $n shards: each file in exactly one shard" '
			once_each
		'
	done
	one check "$tree" $opt
	for n in 2 3; do
		test_expect_success "$t: check in $n shards, merged: the report, lines, summary and exit status 1 of one run" '
			test "$(cat "$TMP/one/rc")" = 1 &&
			shards check "$tree" $n $opt &&
			merged check $n &&
			same_as_one check
		'
	done
done

test_expect_success 'several: the unreadable files (too large) are in the shards and come first' '
	jq -r "[.shard.files[] | select(.unreadable)] | length" "$TMP"/s*.json >"$TMP/u" &&
	test "$(paste -sd+ "$TMP/u" | bc)" -ge 2 &&
	jq -r ".occurrences[0].detail" "$TMP/m/r.json" >"$TMP/d" &&
	test_grep "larger than the size limit" "$TMP/d"
'
test_expect_success 'several: a diff that is not UTF-8 is carried exactly (diff_hex)' '
	shards convert "$several" 2 --max-size 600 &&
	jq -r ".shard.files[] | select(.file == \"latin1.c\") | .diff_hex" "$TMP"/s*.json | grep -v null >"$TMP/hex" &&
	test_line_count = 1 "$TMP/hex" &&
	one convert "$several" --max-size 600 && merged convert 2 &&
	grep -c "caf" "$TMP/m/p.diff" >/dev/null &&
	test_cmp "$TMP/one/p.diff" "$TMP/m/p.diff"
'

# The assignment: the files spatch has work in by size, the largest
# first onto the shard with the fewest bytes (sample: 718 lowcomms.c,
# 567 net.h, 543 socket.c, 531 udp_tunnel.c), not by directory; the
# others (vxlan.c, already converted) round the shards.
test_expect_success 'sample, 3 shards: balanced by size, longest first onto the least-loaded shard' '
	shards convert "$sample" 3 &&
	for k in 1 2 3; do
		jq -r "[.shard.files[].file] | join(\" \")" "$TMP/s$k.json" || return 1
	done >"$TMP/got" &&
	cat >"$TMP/want" <<-\EOF &&
	drivers/net/vxlan.c fs/dlm/lowcomms.c
	include/linux/net.h
	net/ipv4/udp_tunnel.c net/socket.c
	EOF
	test_cmp "$TMP/want" "$TMP/got"
'
test_expect_success 'a shard report says which shard, the rule, spatch, the tree, the options' '
	jq -r ".shard | \"\(.k)/\(.n) \(.rule_digest | length) \(.tree_digest | length) \(.spatch_version) \(.options) \(.keep_going)\"" "$TMP/s2.json" >"$TMP/got" &&
	spv=$(spatch --version | sed -n "s/^spatch version \([0-9.]*\).*/\1/p") &&
	echo "2/3 40 40 $spv --max-size=8388608 --fallback=none --layout=upstream false" >"$TMP/want" &&
	test_cmp "$TMP/want" "$TMP/got"
'
test_expect_success 'a report without --shard has no "shard"' '
	test "$(jq "has(\"shard\")" "$TMP/one/r.json")" = false
'
test_expect_success 'the summary of a shard names it' '
	test_expect_code 0 "$COCCIDRIVE" convert --no-cache --shard 2/3 --root "$sample" "$sample" &&
	test_grep "^coccidrive convert --shard 2/3: 6 files scanned, 1 with sock_create_kern, 1 spatch run, 1 changed" "$ERR"
'

# ---- Refusals: one line naming the report and the cause, exit 2,
# nothing written.
shards convert "$sample" 3
refused() { # PATTERN REPORT...: merge refuses, writes nothing
	_p=$1
	shift
	rm -f "$TMP/m/p.diff" "$TMP/m/r.json"
	test_expect_code 2 "$COCCIDRIVE" merge -o "$TMP/m/p.diff" \
		--report "$TMP/m/r.json" "$@" &&
		test_must_be_empty "$OUT" &&
		test_line_count = 1 "$ERR" &&
		test_grep -F "$_p" "$ERR" &&
		test_path_is_missing "$TMP/m/p.diff" &&
		test_path_is_missing "$TMP/m/r.json"
}
test_expect_success 'merge refuses a missing shard' '
	refused "coccidrive: merge: shard 2/3 missing (2 of the 3 reports given)" \
		"$TMP/s1.json" "$TMP/s3.json"
'
test_expect_success 'merge refuses a shard given twice' '
	refused "coccidrive: $TMP/s2.json: shard 2/3 again ($TMP/s2.json is shard 2/3 too)" \
		"$TMP/s1.json" "$TMP/s2.json" "$TMP/s2.json" "$TMP/s3.json"
'
test_expect_success 'merge refuses a shard made with another rule (--cocci, a changed copy)' '
	cp "$ROOT/semantic-patches/sock_create_kern.cocci" "$TMP/rule.cocci" &&
	cp "$ROOT/semantic-patches/kernel-macros.h" "$TMP/" &&
	echo "// a comment: another rule all the same" >>"$TMP/rule.cocci" &&
	"$COCCIDRIVE" convert -q --cocci "$TMP/rule.cocci" --shard 2/3 --root "$sample" \
		-o /dev/null --report "$TMP/other-rule.json" "$sample" &&
	refused "$TMP/other-rule.json: made with another rule (or macro file), digest" \
		"$TMP/s1.json" "$TMP/other-rule.json" "$TMP/s3.json"
'
test_expect_success 'merge refuses a shard made on a tree changed between the shards' '
	cp -R "$sample" "$TMP/changed" &&
	echo "/* changed */" >>"$TMP/changed/net/ipv4/udp_tunnel.c" &&
	"$COCCIDRIVE" convert -q --shard 3/3 --root "$TMP/changed" -o /dev/null \
		--report "$TMP/changed.json" "$TMP/changed" &&
	refused "$TMP/changed.json: made with another tree (a file changed, added or removed between the shards), digest" \
		"$TMP/s1.json" "$TMP/s2.json" "$TMP/changed.json"
'
test_expect_success 'merge refuses a shard made on a tree with a file more (which no shard has)' '
	cp "$sample/net/ipv4/udp_tunnel.c" "$TMP/changed/net/ipv4/" &&
	echo "int x;" >"$TMP/changed/net/new.c" &&
	"$COCCIDRIVE" convert -q --shard 1/3 --root "$TMP/changed" -o /dev/null \
		--report "$TMP/added.json" "$TMP/changed" &&
	refused "$TMP/s2.json: made with another tree" \
		"$TMP/added.json" "$TMP/s2.json" "$TMP/s3.json"
'
test_expect_success 'merge refuses shards made with other options' '
	"$COCCIDRIVE" convert -q --layout=80 --shard 2/3 --root "$sample" -o /dev/null \
		--report "$TMP/layout.json" "$sample" &&
	refused "$TMP/layout.json: made with options \"--max-size=8388608 --fallback=none --layout=80\"" \
		"$TMP/s1.json" "$TMP/layout.json" "$TMP/s3.json"
'
test_expect_success 'merge refuses shards of another N' '
	"$COCCIDRIVE" convert -q --shard 2/2 --root "$sample" -o /dev/null \
		--report "$TMP/n2.json" "$sample" &&
	refused "$TMP/n2.json: made with a number of shards 2, but $TMP/s1.json with 3" \
		"$TMP/s1.json" "$TMP/n2.json" "$TMP/s3.json"
'
test_expect_success 'merge refuses a check shard among convert shards' '
	"$COCCIDRIVE" check -q --shard 2/3 --root "$sample" \
		--report "$TMP/check2.json" "$sample" >/dev/null;
	refused "$TMP/check2.json: made with mode \"check\", but $TMP/s1.json with \"convert\"" \
		"$TMP/s1.json" "$TMP/check2.json" "$TMP/s3.json"
'
test_expect_success 'merge refuses the report of a whole run, and a file that is not JSON' '
	refused "$TMP/one/r.json: no \"shard\": the report of a whole run" \
		"$TMP/s1.json" "$TMP/one/r.json" &&
	echo "not json" >"$TMP/bad.json" &&
	refused "$TMP/bad.json: " "$TMP/s1.json" "$TMP/bad.json"
'
test_expect_success 'merge: -o with check shards is refused; no report is an error' '
	shards check "$sample" 2 &&
	test_expect_code 2 "$COCCIDRIVE" merge -o "$TMP/x.diff" "$TMP/s1.json" "$TMP/s2.json" &&
	test_grep -F "merge: -o $TMP/x.diff: the shards are check${SQ}s, which make no patch" "$ERR" &&
	test_path_is_missing "$TMP/x.diff" &&
	test_expect_code 2 "$COCCIDRIVE" merge &&
	test_grep -F "merge: no report given" "$ERR"
'
for a in 0/3 4/3 1/0 3 1/ /3 -1/3 1/3x " 1/3" 1/2/3 x/y; do
	test_expect_success "--shard '$a' is refused: exit 2, one line, nothing written" '
		test_expect_code 2 "$COCCIDRIVE" convert --shard "$a" --root "$sample" \
			-o "$TMP/x.diff" "$sample" &&
		test_line_count = 1 "$ERR" &&
		test_grep -F "coccidrive: --shard: ${SQ}$a${SQ}" "$ERR" &&
		test_path_is_missing "$TMP/x.diff"
	'
done
test_expect_success '--shard with --in-place, or with check --git-range, is refused' '
	tree_snapshot "$sample" >"$TMP/snap" &&
	test_expect_code 2 "$COCCIDRIVE" convert --shard 1/2 --in-place "$sample" &&
	test_grep -F "convert: --shard and --in-place exclude each other" "$ERR" &&
	test_tree_unchanged "$sample" "$TMP/snap" &&
	test_expect_code 2 "$COCCIDRIVE" check --shard 1/2 --git-range HEAD~1..HEAD &&
	test_grep -F "check: --git-range does not go with --shard" "$ERR"
'

# ---- After the merged patch: check's shards merged exit 0.
test_expect_success 'check in 3 shards of the converted tree, merged: exit 0, nothing listed' '
	cp -R "$sample" "$TMP/conv" &&
	one convert "$sample" &&
	(cd "$TMP/conv" && patch -s -p1 <"$TMP/one/p.diff") &&
	shards check "$TMP/conv" 3 &&
	merged check 3 &&
	test "$(cat "$TMP/m/rc")" = 0 &&
	test_must_be_empty "$TMP/m/out"
'

# ---- README's GNU parallel recipe, on this host (--sshlogin :).
if command -v parallel >/dev/null 2>&1; then test_set_prereq PARALLEL; fi
test_expect_success PARALLEL 'GNU parallel: the README recipe on this host, 3 shards as 3 jobs, merged: the patch and report of one run' '
	mkdir "$TMP/par" && cp -R "$sample" "$TMP/par/linux" && cd "$TMP/par" &&
	parallel --will-cite --sshlogin : --workdir "$TMP/par" --return shard{}.json --cleanup \
		"$COCCIDRIVE" convert -q --shard {}/3 --root linux --report shard{}.json \
		-o /dev/null linux ::: 1 2 3 2>/dev/null &&
	"$COCCIDRIVE" merge -o linux.patch --report linux.json shard1.json shard2.json shard3.json 2>err &&
	cd "$ROOT" &&
	one convert "$TMP/par/linux" &&
	test_cmp "$TMP/one/p.diff" "$TMP/par/linux.patch" &&
	json_runs_out "$TMP/one/r.json" >"$TMP/par/want.json" &&
	json_runs_out "$TMP/par/linux.json" >"$TMP/par/got.json" &&
	test_cmp "$TMP/par/want.json" "$TMP/par/got.json"
'

# ---- Part of Linux 6.1 turned back to the old API (make bench builds
# it): net/, from its root, in 3 shards.
linux=${HOME:-/root}/.cache/coccidrive/linux-6.1-unconverted
if [ -d "$linux/net" ]; then test_set_prereq LINUX; fi
test_expect_success LINUX 'Linux 6.1 net/ (unconverted), --root at its top, in 3 shards, merged: the patch and report of one run' '
	(cd "$TMP/one" && "$COCCIDRIVE" convert -q -j 2 --root "$linux" -o p.diff \
		--report r.json "$linux/net") &&
	test -s "$TMP/one/p.diff" &&
	for k in 1 2 3; do
		"$COCCIDRIVE" convert -q -j 2 --shard $k/3 --root "$linux" -o /dev/null \
			--report "$TMP/s$k.json" "$linux/net" || return 1
	done &&
	merged convert 3 &&
	test "$(cat "$TMP/m/rc")" = 0 &&
	test_cmp "$TMP/one/p.diff" "$TMP/m/p.diff" &&
	json_runs_out "$TMP/one/r.json" >"$TMP/want-json" &&
	json_runs_out "$TMP/m/r.json" >"$TMP/got-json" &&
	test_cmp "$TMP/want-json" "$TMP/got-json" &&
	once_each
'

test_done
