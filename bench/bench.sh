#!/bin/sh
# make bench: coccidrive against plain spatch and against grep, on a real
# kernel, in one run.  Each case runs BENCH_RUNS times (default 3, after
# one warm-up run) under hyperfine; the table gives min and median, the
# speed-up against plain spatch (b), and peak RSS; build/bench.json holds
# it all.
#
#   (a) coccidrive convert --no-cache -j 2 on the unconverted tree
#   (b) spatch --dir -j 2 with the rule's options, on the same tree
#   (c) spatch --dir --use-gitgrep -j 2, on a git work tree of it
#   (d) grep -rl and git grep -l for the identifier: the floor of a scan
#   (e) coccidrive check on the converted tree (Linux 6.1 as released)
#   (f) coccidrive convert with its cache, nothing changed: a warm re-run
#   (g) (a) on about 1/4 and 1/2 of the tree's files (the whole is (a))
#
# The unconverted tree is Debian's linux-source-6.1 with its
# sock_create_kern() calls turned back into the 4.1 form
# (bench/unconvert.cocci), so both tools have the real work of upstream's
# conversion to do.  --no-cache is passed only where "coccidrive convert
# --help" lists it (a build without the cache has nothing to bypass).
#
# The (a) and (b) patches must make the same change, the layout pass
# aside: the files each one touches, patched, must hold the same text
# once blanks and line breaks are dropped.  The bench fails (exit 1) when
# they do not.  Unmet targets are reported, not failures: on a shared
# machine the timings are noisy.
#
# Peak RSS: GNU time's %M (the largest process of the case: for
# coccidrive and spatch a spatch process) and, for coccidrive, the driver
# alone, from bench/rss.c loaded with LD_PRELOAD.  Both are taken in one
# run of each case besides the timed ones, which also gives the patches
# that are compared.
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
old=$(sh bench/unconverted-tree.sh)
git_cache=$cache/linux-6.1-unconverted.git
gitwt=$cache/linux-6.1-unconverted-git
rule=semantic-patches/sock_create_kern.cocci
opts=$(sed -n 's#^// Options:##p' "$rule")
out=build/bench
runs=${BENCH_RUNS:-3}
cd_bin=./build/coccidrive
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.org
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.org
rm -rf "$out"
mkdir -p "$out"

# The git repository of the unconverted tree, as bench/series.sh makes
# it (a bare one, shared with it), and once a work tree cloned from it,
# for (c) and git grep.  Both are kept in the cache, outside the repo.
if [ ! -f "$git_cache/.done" ]; then
	echo "bench: making $git_cache (a git repository of $old)" >&2
	rm -rf "$git_cache" "$gitwt"
	git init -q --bare "$git_cache"
	GIT_DIR=$git_cache GIT_WORK_TREE=$old git add -f -A
	GIT_DIR=$git_cache GIT_WORK_TREE=$old git commit -q \
		-m "Linux 6.1 with the 4.1 sock_create_kern"
	touch "$git_cache/.done"
fi
if [ ! -f "$gitwt/.git/coccidrive-bench" ]; then
	echo "bench: checking out $gitwt (a git work tree of $old)" >&2
	rm -rf "$gitwt"
	git clone -q --shared "$git_cache" "$gitwt"
	touch "$gitwt/.git/coccidrive-bench"
fi

cc -O2 -shared -fPIC -o "$out/rss.so" bench/rss.c

# ---- (g)'s sub-trees.  The units are the entries two levels down
# (drivers/net, net/socket.c), weighed by their C files and dealt, the
# largest first (the name breaks ties), to the lightest of 4 bins: the
# 1/4 tree is bin 0, the 1/2 tree bins 0 and 1.  The same tree always
# gives the same lists, of near equal size, with the files that hold a
# site spread as they fall.
unit='{ u = NF > 2 ? $2 "/" $3 : $2 }'
(cd "$old" && find . -type f -name '*.[ch]') |
	awk -F/ "$unit"' { n[u]++ } END { for (u in n) print n[u], u }' |
	sort -k1,1nr -k2,2 |
	awk '{ b = 0; for (i = 1; i < 4; i++) if (s[i] < s[b]) b = i
	       s[b] += $1; print b, $1, $2 }' >"$out/units"
(cd "$old" && grep -rlw --include='*.[ch]' sock_create_kern .) |
	awk -F/ "$unit"' { n[u]++ } END { for (u in n) print u, n[u] }' >"$out/site-units"
awk '$1 == 0 { print $3 }' "$out/units" | sort >"$out/quarter"
awk '$1 <= 1 { print $3 }' "$out/units" | sort >"$out/half"
awk '{ print $3 }' "$out/units" | sort >"$out/whole"
# files LIST: "N C files, M with the identifier" of the units listed.
files() {
	awk 'FILENAME == ARGV[1] { want[$1] = 1; next }
	     FILENAME == ARGV[2] { if ($3 in want) f += $2; next }
	     $1 in want { s += $2 }
	     END { printf "%d C files, %d with sock_create_kern", f, s }' \
		"$1" "$out/units" "$out/site-units"
}
# The TREE arguments of a list, quoted for hyperfine's shell.
args() { sed "s|.*|'$old/&'|" "$1" | tr '\n' ' '; }

nocache=
if "$cd_bin" convert --help | grep -q -- '--no-cache'; then
	nocache=' --no-cache'
fi
spatch_cmd="spatch --very-quiet --sp-file $rule -D patch $opts -j 2"
# id | what | command (for sh -c; its stdout is kept by the RSS run).
cat >"$out/cases" <<EOF
a|(a) convert$nocache -j 2|$cd_bin convert -q$nocache -j 2 --root '$old' '$old'
b|(b) spatch --dir -j 2|$spatch_cmd --dir '$old'
c|(c) spatch --dir --use-gitgrep -j 2|$spatch_cmd --use-gitgrep --dir '$gitwt'
d1|(d) grep -rl|grep -rl --include='*.[ch]' sock_create_kern '$old'
d2|(d) git grep -l|git -C '$gitwt' grep -l sock_create_kern -- '*.[ch]'
e|(e) check$nocache (converted 6.1)|$cd_bin check -q$nocache -j 2 --root '$tree' '$tree'
f|(f) convert, warm re-run|$cd_bin convert -q -j 2 --root '$old' '$old'
g1|(g) convert$nocache, 1/4 tree|$cd_bin convert -q$nocache -j 2 --root '$old' $(args "$out/quarter")
g2|(g) convert$nocache, 1/2 tree|$cd_bin convert -q$nocache -j 2 --root '$old' $(args "$out/half")
EOF
echo "bench: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); $runs runs a case" >&2
echo "bench: 1/4 tree: $(files "$out/quarter") ($(wc -l <"$out/quarter") TREEs, $out/quarter)" >&2
echo "bench: 1/2 tree: $(files "$out/half") ($(wc -l <"$out/half") TREEs, $out/half)" >&2
echo "bench: whole tree: $(files "$out/whole")" >&2

# ---- One run of each case: its status, its output, its peak RSS.
while IFS='|' read -r id what cmd; do
	# The warm re-run is the second run.
	[ "$id" != f ] || sh -c "$cmd" >/dev/null 2>&1
	rc=0
	env LD_PRELOAD="$PWD/$out/rss.so" BENCH_RSS_FILE="$PWD/$out/rss-$id" \
		/usr/bin/time -f %M -o "$out/time-$id" sh -c "$cmd" \
		>"$out/stdout-$id" 2>"$out/stderr-$id" || rc=$?
	if [ "$rc" -ne 0 ]; then
		echo "bench: $what exited with status $rc: $cmd" >&2
		sed 's/^/  /' "$out/stderr-$id" | tail -n 5 >&2
		exit 2
	fi
done <"$out/cases"

# ---- (a) and (b): the same change.  Each patch applied to a copy of the
# files either touches; the results compared without blanks.
same_changes() {
	cmp=$out/cmp
	mkdir -p "$cmp/a" "$cmp/b"
	sed -n 's|^+++ b/||p' "$out/stdout-a" "$out/stdout-b" | sort -u >"$cmp/files"
	[ -s "$cmp/files" ] || { echo "no patch at all"; return 1; }
	while read -r f; do
		for s in a b; do
			mkdir -p "$cmp/$s/$(dirname "$f")"
			cp "$old/$f" "$cmp/$s/$f"
		done
	done <"$cmp/files"
	patch -s --batch -p1 -d "$cmp/a" <"$out/stdout-a" >/dev/null || { echo "(a)'s patch does not apply"; return 1; }
	patch -s --batch -p1 -d "$cmp/b" <"$out/stdout-b" >/dev/null || { echo "(b)'s patch does not apply"; return 1; }
	bad=0
	while read -r f; do
		if [ "$(tr -d ' \t\n' <"$cmp/a/$f")" != "$(tr -d ' \t\n' <"$cmp/b/$f")" ]; then
			echo "differs: $f"
			bad=$((bad + 1))
		fi
	done <"$cmp/files"
	n=$(wc -l <"$cmp/files")
	na=$(grep -c '^+++ b/' "$out/stdout-a" || true)
	nb=$(grep -c '^+++ b/' "$out/stdout-b" || true)
	echo "$n files ((a) changes $na, (b) $nb), $bad differ"
	[ "$bad" -eq 0 ] && [ "$na" -eq "$n" ] && [ "$nb" -eq "$n" ]
}
if same_changes >"$out/same" 2>&1; then same=true; else same=false; fi

# ---- The timed runs.
set --
while IFS='|' read -r id what cmd; do
	set -- "$@" -n "$id" "$cmd"
done <"$out/cases"
# Output into a pipe: into /dev/null, grep -l stops at the first match.
hyperfine --warmup 1 --runs "$runs" --style basic --output=pipe --export-json "$out/hyperfine.json" \
	"$@" >"$out/hyperfine.txt"

# id, what, min, median (s), peak RSS of the largest process, of the
# driver (KiB; "-": not coccidrive), command: a line each, tab-separated.
while IFS='|' read -r id what cmd; do
	drv=$(awk '$1 == "coccidrive" && $2 > m { m = $2 } END { print m ? m : "-" }' \
		"$out/rss-$id" 2>/dev/null || echo -)
	jq -r --arg id "$id" --arg what "$what" --arg rss "$(cat "$out/time-$id")" \
		--arg drv "$drv" --arg cmd "$cmd" '.results[] | select(.command == $id) |
		[$id, $what, .min, .median, $rss, $drv, $cmd] | @tsv' "$out/hyperfine.json"
done <"$out/cases" >"$out/rows"

awk -F'\t' -v same="$same" -v runs="$runs" '
	{ id[NR] = $1; what[NR] = $2; mn[NR] = $3; med[NR] = $4
	  rss[NR] = $5; drv[NR] = $6; at[$1] = NR }
	function mib(k) { return k == "-" ? "-" : sprintf("%.1f MiB", k / 1024) }
	function t(s) { return s < 10 ? sprintf("%.3f s", s) : sprintf("%.2f s", s) }
	function met(ok) { return ok ? "met" : "NOT met" }
	END {
		b = med[at["b"]]
		printf "%-38s %9s %9s %8s %11s %11s\n", "case (" runs " runs)", "min", "median",
			"(b)/case", "peak RSS", "driver RSS"
		for (i = 1; i <= NR; i++)
			printf "%-38s %9s %9s %7.2fx %11s %11s\n", what[i], t(mn[i]),
				t(med[i]), b / med[i], mib(rss[i]), mib(drv[i])
		a = med[at["a"]]; c = med[at["c"]]
		printf "\ntargets (medians):\n"
		printf "  convert >= 4x faster than (b): %.2fx, than (c): %.2fx: %s\n",
			b / a, c / a, met(a * 4 <= b && a * 4 <= c)
		printf "  check <= 2x grep -rl: %.2fx: %s\n", med[at["e"]] / med[at["d1"]],
			met(med[at["e"]] <= 2 * med[at["d1"]])
		printf "  warm re-run < 0.3 s: %s: %s\n", t(med[at["f"]]), met(med[at["f"]] < 0.3)
		m = 0
		for (i = 1; i <= NR; i++) if (drv[i] != "-" && drv[i] + 0 > m) m = drv[i] + 0
		printf "  driver peak RSS < 100 MiB: %s: %s\n", mib(m), met(m < 100 * 1024)
	}' "$out/rows" | tee "$out/table"
echo "(a) and (b) make the same change: $same: $(tail -n 1 "$out/same")"
[ "$same" = true ] || sed 's/^/  /' "$out/same"

jq -n --rawfile rows "$out/rows" --arg same "$same" --arg runs "$runs" \
	--rawfile cmp "$out/same" --arg cpus "$(nproc)" \
	--arg load "$(cut -d' ' -f1-3 /proc/loadavg)" '
	($rows | split("\n") | map(select(length > 0) | split("\t") |
		{ id: .[0], case: .[1], min_s: (.[2] | tonumber),
		  median_s: (.[3] | tonumber), peak_rss_kib: (.[4] | tonumber),
		  driver_rss_kib: (if .[5] == "-" then null else (.[5] | tonumber) end),
		  command: .[6] })) as $c |
	($c | map({ (.id): . }) | add) as $by |
	{ runs: ($runs | tonumber), cpus: ($cpus | tonumber), loadavg_at_end: $load,
	  cases: $c,
	  same_changes: { ok: ($same == "true"), detail: $cmp },
	  targets: {
		convert_vs_spatch: { speedup: ($by.b.median_s / $by.a.median_s), want: 4,
			met: ($by.a.median_s * 4 <= $by.b.median_s) },
		convert_vs_gitgrep: { speedup: ($by.c.median_s / $by.a.median_s), want: 4,
			met: ($by.a.median_s * 4 <= $by.c.median_s) },
		check_vs_grep: { ratio: ($by.e.median_s / $by.d1.median_s), want_at_most: 2,
			met: ($by.e.median_s <= 2 * $by.d1.median_s) },
		warm_rerun: { median_s: $by.f.median_s, want_below_s: 0.3,
			met: ($by.f.median_s < 0.3) },
		driver_rss: { peak_kib: ([ $c[].driver_rss_kib | select(. != null) ] | max),
			want_below_kib: 102400,
			met: (([ $c[].driver_rss_kib | select(. != null) ] | max) < 102400) } } }' \
	>build/bench.json
echo "bench: build/bench.json written (hyperfine's own in $out/hyperfine.json)" >&2
[ "$same" = true ]
