#!/bin/sh
# make bench-series: check --git-range and check --patch on a 10-commit
# series over a git repository of the whole Linux 6.1 tree (4.1 API), timed
# by hyperfine: the cost must be the series', not the tree's.
#
# The repository is made once (about 30 s) in its own cache directory,
# from the unconverted tree (bench/unconverted-tree.sh), which is only
# read (GIT_WORK_TREE; Debian's .gitignore ignores everything at the top,
# hence add -f).  Each run makes the series afresh in build/bench, in a
# clone that shares the cached objects.
set -eu
cd "$(dirname "$0")/.."
tree=$(sh bench/fetch-kernel.sh)
cache=$(dirname "$tree")
old=$(sh bench/unconverted-tree.sh)
git_cache=$cache/linux-6.1-unconverted.git
out=build/bench
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.org
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.org

if [ ! -f "$git_cache/.done" ]; then
	echo "bench: making $git_cache (a git repository of $old)" >&2
	rm -rf "$git_cache"
	git init -q --bare "$git_cache"
	GIT_DIR=$git_cache GIT_WORK_TREE=$old git add -f -A
	GIT_DIR=$git_cache GIT_WORK_TREE=$old git commit -q \
		-m "Linux 6.1 with the 4.1 sock_create_kern"
	touch "$git_cache/.done"
fi

mkdir -p "$out"
repo=$out/series-repo
rm -rf "$repo"
git clone -q --shared "$git_cache" "$repo"
i=0
for f in net/ipv4/tcp.c net/ipv4/af_inet.c net/core/sock.c net/ipv6/route.c \
	net/tipc/topsrv.c net/rds/tcp_listen.c net/sctp/socket.c \
	net/unix/af_unix.c net/packet/af_packet.c; do
	i=$((i + 1))
	echo "/* series $i */" >>"$repo/$f"
	git -C "$repo" commit -q -am "net: series patch $i of 10"
done
# The tenth edits the arguments of an old call: one finding.
sed -i '0,/IPPROTO_L2TP, &sock);/s//IPPROTO_L2TP, \&sock); \/* encap *\//' \
	"$repo/net/l2tp/l2tp_core.c"
git -C "$repo" commit -q -am "l2tp: note the encapsulation of the tunnel socket"
git -C "$repo" format-patch -q --stdout HEAD~10.. >"$out/series.mbox"

hyperfine --warmup 1 --runs "${BENCH_RUNS:-5}" -i \
	--export-json "$out/series.json" \
	-n "check --git-range HEAD~10..HEAD" \
	"./build/coccidrive check -q --git-range HEAD~10..HEAD -C $repo" \
	-n "check --patch (10 patches)" \
	"./build/coccidrive check -q --patch $out/series.mbox --base HEAD~10 -C $repo"
