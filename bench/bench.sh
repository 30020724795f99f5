#!/bin/sh
# make bench: coccidrive against plain spatch, on a real kernel, in the
# same run, timed by hyperfine (JSON export in build/bench/).
#
# The tree is Debian's linux-source-6.1 with its sock_create_kern() calls
# turned back into the 4.1 form (bench/unconvert.cocci), so both tools
# have the real work of upstream's conversion to do.  Both run with the
# same rule, the same options and 2 processes.
set -eu
cd "$(dirname "$0")/.."
if ! command -v hyperfine >/dev/null 2>&1; then
	echo "bench: installing hyperfine" >&2
	SUDO=
	[ "$(id -u)" -eq 0 ] || SUDO=sudo
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q hyperfine >&2
fi
tree=$(sh bench/fetch-kernel.sh)
cache=$(dirname "$tree")
old=$cache/linux-6.1-unconverted
rule=semantic-patches/sock_create_kern.cocci
opts=$(sed -n 's#^// Options:##p' "$rule")
out=build/bench
mkdir -p "$out"

if [ ! -f "$old/.unconverted" ]; then
	echo "bench: making $old (6.1 with the 4.1 API)" >&2
	rm -rf "$old"
	cp -a "$tree" "$old"
	grep -rlw --include='*.[ch]' sock_create_kern "$old" >"$out/files"
	# shellcheck disable=SC2086
	spatch --very-quiet --sp-file bench/unconvert.cocci -D patch $opts \
		--in-place $(cat "$out/files") >/dev/null
	touch "$old/.unconverted"
fi

# The kernel is not a git work tree: --root makes the patch's paths its own.
./build/coccidrive check -q --root "$old" --report "$out/account.json" "$old" >/dev/null || true
echo "bench: $(jq -c .totals "$out/account.json") in the unconverted tree" >&2

hyperfine --warmup 1 --runs "${BENCH_RUNS:-3}" --export-json "$out/hyperfine.json" \
	-n coccidrive "./build/coccidrive convert -q -j 2 --root $old $old >/dev/null" \
	-n "plain spatch --dir" "spatch --very-quiet --sp-file $rule -D patch $opts -j 2 --dir $old >/dev/null"

jq -r '.results as $r | ($r[] | select(.command == "coccidrive") | .mean) as $c |
	($r[] | select(.command == "plain spatch --dir") | .mean) as $s |
	"coccidrive \($c * 1000 | floor) ms, plain spatch \($s * 1000 | floor) ms: ratio \(($s / $c) * 100 | floor / 100)x (spatch / coccidrive)"' \
	"$out/hyperfine.json"

# The rule's other coccicheck modes must be as fast as patch mode: each
# needs a token spatch can grep for (tests/e2e/cocci_modes.sh checks that
# none says "No grep query").  Without one, report mode parsed every file
# of the tree: 25 s on net/ alone against 2 s now.
hyperfine --warmup 1 --runs "${BENCH_RUNS:-3}" --export-json "$out/modes.json" \
	-n "spatch -D patch" "spatch --very-quiet --sp-file $rule -D patch $opts -j 2 --dir $old >/dev/null" \
	-n "spatch -D report" "spatch --very-quiet --sp-file $rule -D report $opts -j 2 --dir $old >/dev/null"

jq -r '.results as $r | ($r[] | select(.command == "spatch -D patch") | .mean) as $p |
	($r[] | select(.command == "spatch -D report") | .mean) as $q |
	"rule modes on the whole tree: report \($q * 1000 | floor) ms, patch \($p * 1000 | floor) ms: ratio \(($q / $p) * 100 | floor / 100)x (report / patch)"' \
	"$out/modes.json"
