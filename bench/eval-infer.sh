#!/bin/sh
# make eval-infer: how well "convert --net=infer" chooses the namespace,
# measured on Linux 6.1.  6.1 passes a real namespace at most of its
# sock_create_kern() calls, chosen by their authors over the years after
# 4.2's mechanical &init_net.  The calls are turned back into the 4.1 form
# (bench/unconverted-tree.sh), converted again with --net=infer, and each
# call's namespace compared with what 6.1 passes, token for token
# (bench/firstarg.cocci prints both, from the patched files).
#
# One table (file:line, 6.1, inferred, rank, match) and the totals:
#   exact      sites where 6.1 passes a real namespace and inference chose
#              the same tokens (target: EVAL_TARGET, 14 by default)
#   wrong      of those, where it chose another namespace (a miss with a
#              different answer; a miss left at &init_net is "left")
#   init-else  sites where 6.1 passes &init_net and inference chose
#              something else; each must have a "namespace:" report line
#   left       sites left at &init_net with a report line saying why
# Exit 1 when the target is not met or an init-else site has no report
# line; 2 when something could not be run.
#
# Then what --net=infer chooses on the testdata cases (written for
# &init_net, so with no truth to compare: tests/e2e/infer.sh holds the
# golden cases of each rank), one row per call that gets a namespace of
# its own, and the count of each rank.
set -eu
cd "$(dirname "$0")/.."
target=${EVAL_TARGET:-14}
bin=$PWD/build/coccidrive
rule=bench/firstarg.cocci
out=$PWD/build/eval-infer
tree=$(sh bench/fetch-kernel.sh)
old=$(sh bench/unconverted-tree.sh)
rm -rf "$out"
mkdir -p "$out/after"

# firstargs DIR FILE...: "FILE:LINE<tab>TOKENS", FILE relative to DIR.
firstargs() {
	dir=$1
	shift
	(cd "$dir" && spatch --very-quiet --sp-file "$OLDPWD/$rule" -D report \
		--no-includes --include-headers "$@" 2>/dev/null) |
		sed 's#^\./##' | sort -t "$(printf '\t')" -k1,1 -V
}

echo "eval-infer: what Linux 6.1 passes" >&2
files=$(cd "$tree" && grep -rlw --include='*.[ch]' sock_create_kern . | sort)
# shellcheck disable=SC2086
firstargs "$tree" $files >"$out/truth.tsv"

echo "eval-infer: convert --net=infer on $old" >&2
rc=0
"$bin" convert --no-cache --net=infer --root "$old" -o "$out/infer.diff" \
	--report "$out/report.json" "$old" 2>"$out/stderr" || rc=$?
if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
	cat "$out/stderr" >&2
	echo "eval-infer: convert exited $rc" >&2
	exit 2
fi
# The patched files: the unconverted ones the patch names, patched in a
# scratch copy.
changed=$(sed -n 's#^+++ b/##p' "$out/infer.diff" | sort)
for f in $changed; do
	mkdir -p "$out/after/$(dirname "$f")"
	cp "$old/$f" "$out/after/$f"
done
(cd "$out/after" && GIT_CEILING_DIRECTORIES=$out git apply -p1 "$out/infer.diff")
# shellcheck disable=SC2086
firstargs "$out/after" $changed >"$out/inferred.tsv"
# rank and evidence of each converted call, from the JSON report
jq -r '.occurrences[] | select(.kind == "call" and .bucket == "converted")
	| [.file + ":" + (.line | tostring),
	   (.namespace.rank // "-" | tostring),
	   (.namespace.evidence // .namespace.reason // "")] | @tsv' \
	"$out/report.json" | sort -t "$(printf '\t')" -k1,1 -V >"$out/ranks.tsv"

# One row per 6.1 call: joined by file:line (the 4.1 form keeps each
# call's first line where it was).
status=0
awk -F '\t' -v target="$target" -v stderr="$out/stderr" \
    -v inferred="$out/inferred.tsv" -v ranks="$out/ranks.tsv" '
function squash(s) { gsub(/[ \t]/, "", s); return s }
BEGIN {
	while ((getline l < inferred) > 0) { split(l, a, "\t"); inf[a[1]] = a[2] }
	while ((getline l < ranks) > 0) { split(l, a, "\t"); rank[a[1]] = a[2]; ev[a[1]] = a[3] }
	while ((getline l < stderr) > 0)
		if (match(l, /^[^ ]*:[0-9]+:[0-9]+: namespace: /)) {
			split(l, a, ":"); said[a[1] ":" a[2]] = 1
		}
	printf "%-40s %-28s %-28s %-4s %s\n", "site", "6.1", "inferred", "rank", "match"
}
{
	site = $1; truth = squash($2)
	got = (site in inf) ? squash(inf[site]) : "(not converted)"
	r = (site in rank) ? rank[site] : "-"
	real = truth != "&init_net"
	if (real) {
		nreal++
		if (got == truth) { m = "exact"; exact++ }
		else if (got == "&init_net") { m = "left"; left++; missed[++nm] = site ": " truth " left at &init_net: " ev[site] }
		else { m = "WRONG"; wrong++; missed[++nm] = site ": " truth " but inferred " got " (" ev[site] ")" }
	} else {
		ninit++
		if (got == truth) { m = "exact"; initok++ }
		else if (site in said) { m = "else, said"; initelse++ }
		else { m = "ELSE, SILENT"; initelse++; silent++ }
	}
	printf "%-40s %-28s %-28s %-4s %s\n", site, truth, got, r, m
}
END {
	printf "\nreal namespace in 6.1: %d sites: %d exact, %d wrong, %d left at &init_net\n", nreal, exact, wrong, left
	printf "&init_net in 6.1: %d sites: %d kept, %d given something else (%d without a report line)\n", ninit, initok, initelse, silent
	for (i = 1; i <= nm; i++) print "  miss " missed[i]
	ok = exact >= target && silent == 0
	printf "target: at least %d of %d exact, no silent change of an &init_net site: %s\n", target, nreal, ok ? "met" : "NOT MET"
	exit ok ? 0 : 1
}' "$out/truth.tsv" || status=$?

echo
echo "testdata: the calls given a namespace of their own"
rc=0
"$bin" convert --no-cache --net=infer -o /dev/null \
	--report "$out/testdata.json" testdata 2>"$out/testdata.stderr" || rc=$?
if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
	cat "$out/testdata.stderr" >&2
	echo "eval-infer: convert on testdata exited $rc" >&2
	exit 2
fi
jq -r '.occurrences[] | select(.namespace)
	| [.file + ":" + (.line | tostring), .namespace.expression,
	   (.namespace.rank | tostring)] | @tsv' "$out/testdata.json" |
	awk -F '\t' '
{ n[$3]++; total++ }
$3 != 5 { printf "%-52s %-20s rank %s\n", $1, $2, $3 }
END {
	printf "%d converted calls: rank 1: %d, 2: %d, 3: %d, 4: %d, 5 (&init_net): %d\n",
		total, n[1], n[2], n[3], n[4], n[5]
}'
exit "$status"
