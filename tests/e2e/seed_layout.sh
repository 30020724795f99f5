#!/bin/sh
# The upstream commit is the specification: for each of its 13 files,
# testdata/upstream_*.{c,h} holds the lines upstream removed and
# expected/ holds, line for line, the lines upstream added.  This reads
# the seed's patch itself, so a golden file that drifts from upstream
# fails here even if it was regenerated.
. "$(dirname "$0")/../test-lib.sh"

seed=${SEED:-$ROOT/../shared/seed/000_68092ac84059162d.txt}
if [ ! -r "$seed" ]; then
	# A clone without shared/ beside it: say so, count it as a failure
	# only where the seed must be (CI sets CI=true).
	if [ "${CI:-}" = true ]; then
		test_expect_success 'seed patch readable' 'test_path_is_file "$seed"'
	else
		test_skip 'seed patch readable' "not found at $seed"
	fi
	test_done
fi

# Which test file mirrors which upstream file.
map() {
	case $1 in
	drivers/block/drbd/drbd_receiver.c) echo upstream_drbd_receiver.c ;;
	fs/afs/rxrpc.c) echo upstream_afs_rxrpc.c ;;
	fs/dlm/lowcomms.c) echo upstream_dlm_lowcomms.c ;;
	include/linux/net.h) echo upstream_net.h ;;
	net/bluetooth/rfcomm/core.c) echo upstream_rfcomm_core.c ;;
	net/ceph/messenger.c) echo upstream_ceph_messenger.c ;;
	net/ipv4/af_inet.c) echo upstream_af_inet.c ;;
	net/ipv4/udp_tunnel.c) echo upstream_udp_tunnel.c ;;
	net/ipv6/ip6_udp_tunnel.c) echo upstream_ip6_udp_tunnel.c ;;
	net/l2tp/l2tp_core.c) echo upstream_l2tp_core.c ;;
	net/netfilter/ipvs/ip_vs_sync.c) echo upstream_ip_vs_sync.c ;;
	net/rxrpc/ar-local.c) echo upstream_rxrpc_local.c ;;
	net/socket.c) echo upstream_socket.c ;;
	esac
}

# Split the patch (after the "Patch" heading) into one removed-lines and
# one added-lines block per change, as files $TMP/blk.N.{old,new,file}.
awk -v dir="$TMP" '
	/^Patch$/ { on = 1; next }
	!on { next }
	/^diff --git a\// { file = substr($3, 3); next }
	/^(---|\+\+\+) / { next }
	/^-/ { if (state != "-") { n++; print file > (dir "/blk." n ".file") }
	       print substr($0, 2) > (dir "/blk." n ".old"); state = "-"; next }
	/^\+/ { print substr($0, 2) > (dir "/blk." n ".new"); state = "+"; next }
	{ state = "" }
' "$seed"

# Is block B (a file of lines) a run of consecutive lines of file F?
contains_block() {
	awk 'NR == FNR { want[++n] = $0; next }
	     { line[++m] = $0 }
	     END { for (i = 1; i + n - 1 <= m; i++) {
			for (j = 1; j <= n && line[i + j - 1] == want[j]; j++) ;
			if (j > n) exit 0 }
		   exit 1 }' "$1" "$2"
}

files=0
for f in "$TMP"/blk.*.file; do
	n=${f%.file}
	up=$(cat "$f")
	t=$(map "$up")
	if [ -z "$t" ]; then
		test_expect_success "seed file $up has a test file" 'false'
		continue
	fi
	test_expect_success "$up: testdata/$t has upstream's old lines ($(wc -l <"$n.old"))" '
		contains_block "$n.old" "$ROOT/testdata/$t" || { cat "$n.old"; false; }
	'
	test_expect_success "$up: expected/$t has upstream's new lines ($(wc -l <"$n.new"))" '
		contains_block "$n.new" "$ROOT/expected/$t" || { cat "$n.new"; false; }
	'
	files=$((files + 1))
done
test_expect_success "all 13 upstream files covered ($files changes)" '
	cat "$TMP"/blk.*.file | sort -u >"$TMP/files" &&
	test_line_count = 13 "$TMP/files"
'

# And the result of the real run on each test file is its golden file
# (the golden test checks that too; here it ties the run to upstream).
for t in $(cd "$ROOT/testdata" && ls upstream_*); do
	test_expect_success "convert $t gives expected/$t" '
		"$COCCIDRIVE" convert -q "$ROOT/testdata/$t" >"$TMP/p" 2>"$TMP/e"
		cp "$ROOT/testdata/$t" "$TMP/$t" &&
		(cd "$TMP" && sed "s#a/.*/$t#a/$t#; s#b/.*/$t#b/$t#" p | patch -s -p1 "$t") 2>/dev/null
		test_cmp "$ROOT/expected/$t" "$TMP/$t"
	'
done
test_done
