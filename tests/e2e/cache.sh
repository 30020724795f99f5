#!/bin/sh
# The cache (driver/pipeline/cache.h): a warm run gives byte for byte what
# a run without it gives, spawns no spatch, and reads no file it knows;
# every part of the key invalidates; two runs may share it; a spoiled,
# poisoned, unwritable or full cache never makes a result wrong.
. "$(dirname "$0")/../test-lib.sh"

cd "$TMP" || exit 2
cp -R "$ROOT/testdata/sample-tree" "$TMP/t"
cache=$COCCIDRIVE_CACHE_DIR/store-1

# json FILE EXPR: a value of the report, e.g. json r.json "cache.hits".
json() {
	python3 -c 'import json, sys
v = json.load(open(sys.argv[1]))
for k in sys.argv[2].split("."):
    v = v[k]
print(str(v).lower() if isinstance(v, bool) else v)' "$1" "$2"
}
# expect FILE EXPR VALUE
expect() {
	got=$(json "$1" "$2") || return 1
	[ "$got" = "$3" ] && return 0
	printf '%s\n' "expect: $2 is $got in $1, want $3" >&2
	return 1
}
# run NAME [OPTIONS...]: convert t into NAME.patch and NAME.json.
# -j 2: the four files spatch converts go to it in two batches (two
# spatch processes) on any machine.
run() {
	name=$1
	shift
	"$COCCIDRIVE" convert -q -j 2 --root "$TMP/t" -o "$TMP/$name.patch" \
		--report "$TMP/$name.json" "$@" "$TMP/t" 2>"$TMP/$name.err"
}
# The entries of the store (not the temporary files of a run).
entries() { find "$1" -type f ! -name '.tmp-*' | sort; }

test_expect_success 'cold: every file spatch converts is computed and stored' '
	run nocache --no-cache &&
	expect nocache.json cache.used false &&
	expect nocache.json cache.hits 0 &&
	test_path_is_missing "$cache" &&
	run cold &&
	test_cmp nocache.patch cold.patch &&
	expect cold.json cache.used true &&
	expect cold.json cache.hits 0 &&
	expect cold.json cache.misses 4 &&
	expect cold.json cache.stored 4 &&
	expect cold.json spatch_runs 2
'

test_expect_success 'warm: no spatch, the same patch and report' '
	run warm &&
	test_cmp cold.patch warm.patch &&
	expect warm.json spatch_runs 0 &&
	expect warm.json cache.hits 4 &&
	expect warm.json cache.misses 0 &&
	expect warm.json cache.stored 0 &&
	python3 -c "import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:])
for k in \"cache\", \"spatch_runs\":
    del a[k], b[k]
sys.exit(a != b)" cold.json warm.json
'

test_expect_success 'warm check: the same lines as without the cache' '
	"$COCCIDRIVE" check --no-cache "$TMP/t" >check-nocache.out 2>/dev/null;
	test $? = 1 &&
	"$COCCIDRIVE" check -v "$TMP/t" >check-warm.out 2>check-warm.err;
	test $? = 1 &&
	test_grep -F "cache: 4 results from the cache, 0 computed" check-warm.err &&
	grep "run: " check-warm.err | grep -v -e "spatch --version" >runs;
	test_must_be_empty runs &&
	test_cmp check-nocache.out check-warm.out
'

test_expect_success 'a changed file is computed again, the others are not' '
	cp t/net/socket.c socket.c.orig &&
	printf "/* one more line */\n" >>t/net/socket.c &&
	run changed &&
	expect changed.json cache.hits 3 &&
	expect changed.json cache.misses 1 &&
	expect changed.json spatch_runs 1 &&
	run changed-nocache --no-cache &&
	test_cmp changed-nocache.patch changed.patch &&
	cp socket.c.orig t/net/socket.c
'

test_expect_success 'another rule (one byte more): all computed again' '
	mkdir rules &&
	cp "$ROOT/semantic-patches/"* rules/ &&
	printf "\n" >>rules/sock_create_kern.cocci &&
	run rule --cocci rules/sock_create_kern.cocci &&
	expect rule.json cache.hits 0 &&
	expect rule.json spatch_runs 2 &&
	test_cmp cold.patch rule.patch &&
	run rule2 --cocci rules/sock_create_kern.cocci &&
	expect rule2.json cache.hits 4
'

# The same wrapper file throughout: only what --version prints changes.
real=$(command -v spatch)
cat >"$TMP/spatch" <<EOS
#!/bin/sh
case "\$1" in
--version) "$real" --version | sed "s/^spatch version \([^ ]*\)/spatch version \1-\$(cat "$TMP/build")/" ;;
*) exec "$real" "\$@" ;;
esac
EOS
chmod +x "$TMP/spatch"
echo a >"$TMP/build"

test_expect_success 'another spatch version: all computed again' '
	SPATCH="$TMP/spatch" run ver-a &&
	expect ver-a.json spatch_runs 2 &&
	SPATCH="$TMP/spatch" run ver-a2 &&
	expect ver-a2.json cache.hits 4 &&
	echo b >"$TMP/build" &&
	SPATCH="$TMP/spatch" run ver-b &&
	expect ver-b.json cache.hits 0 &&
	expect ver-b.json spatch_runs 2 &&
	test_cmp cold.patch ver-b.patch
'

test_expect_success 'another --macro-file content: all computed again' '
	printf "#define __my_attr\n" >macros.h &&
	run m1 --macro-file macros.h &&
	expect m1.json cache.hits 0 &&
	run m2 --macro-file macros.h &&
	expect m2.json cache.hits 4 &&
	printf "#define __my_attr __attribute__((unused))\n" >macros.h &&
	run m3 --macro-file macros.h &&
	expect m3.json cache.hits 0 &&
	test_cmp cold.patch m3.patch
'

test_expect_success '--layout=80 and --fallback=text are other keys' '
	run l80 --layout=80 &&
	expect l80.json cache.hits 0 &&
	run fb --fallback=text &&
	expect fb.json cache.hits 0 &&
	run fb2 --fallback=text &&
	expect fb2.json cache.hits 4 &&
	run fb-nocache --fallback=text --no-cache &&
	test_cmp fb-nocache.patch fb2.patch
'

test_expect_success 'two runs at once on an empty cache: both right, no entry spoiled' '
	export COCCIDRIVE_CACHE_DIR="$TMP/shared" &&
	{ run c1 & run c2 & wait; } &&
	test_cmp cold.patch c1.patch &&
	test_cmp cold.patch c2.patch &&
	find "$TMP/shared" -name ".tmp-*" >tmps &&
	test_must_be_empty tmps &&
	run c3 &&
	expect c3.json cache.hits 4 &&
	test_cmp cold.patch c3.patch
'
export COCCIDRIVE_CACHE_DIR="$TMP/shared"

test_expect_success 'spoiled entries (bytes flipped, truncated) are misses' '
	n=0 &&
	for f in $(entries "$TMP/shared"); do
		n=$((n + 1)) &&
		if [ $((n % 2)) = 0 ]; then
			python3 -c "import sys
p = sys.argv[1]
b = bytearray(open(p, \"rb\").read())
b[-2] ^= 0x20
open(p, \"wb\").write(b)" "$f"
		else
			truncate -s -1 "$f"
		fi || return 1
	done &&
	test $n -ge 4 &&
	run spoiled &&
	expect spoiled.json cache.hits 0 &&
	expect spoiled.json cache.stored 4 &&
	test_cmp cold.patch spoiled.patch &&
	run mended &&
	expect mended.json cache.hits 4
'

# An entry made to carry another edit, with a valid checksum: what a
# corrupt disk cannot do but a hand can.  Its key is the SHA-1 of the
# file's bytes, the rule, spatch and the rest: nothing but a forged value
# lands under it.  verify judges it as it judges spatch's own result.
test_expect_success 'a poisoned entry: verify refuses it, nothing is written' '
	for f in $(entries "$TMP/shared"); do
		python3 -c "import hashlib, os, sys
def blob(b):
    return hashlib.sha1(b\"blob %d\\0\" % len(b) + b).digest()
p = sys.argv[1]
key = bytes.fromhex(os.path.basename(os.path.dirname(p)) + os.path.basename(p))
raw = open(p, \"rb\").read()
body = raw[36:].replace(b\"IPPROTO_TCP\", b\"IPPROTO_UDP\")
open(p, \"wb\").write(raw[:16] + blob(key + blob(body)) + body)" "$f" || return 1
	done &&
	tree_snapshot t >before.snap &&
	test_expect_code 2 "$COCCIDRIVE" convert --in-place "$TMP/t" &&
	test_grep "lowcomms.c:14:11: needs manual work: result refused: at line 15 it has .IPPROTO_UDP. where the original has .IPPROTO_TCP." "$ERR" &&
	test_tree_unchanged t before.snap &&
	test_expect_code 1 "$COCCIDRIVE" convert -k --root "$TMP/t" "$TMP/t" &&
	test_grep -v IPPROTO_UDP "$OUT"
'

test_expect_success 'a cache directory that cannot be made: the run goes on' '
	: >"$TMP/afile" &&
	COCCIDRIVE_CACHE_DIR="$TMP/afile/cache" run nodir -v &&
	test_cmp cold.patch nodir.patch &&
	test_grep "coccidrive: cache: .*afile/cache/store-1: Not a directory: no cache" nodir.err &&
	expect nodir.json cache.used false &&
	expect nodir.json spatch_runs 2
'

# As root every directory is writable: this one runs as "nobody", on a
# copy that user may enter (as errors.sh does).
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
	test_set_prereq NOBODY
	nb=$(mktemp -d /tmp/coccidrive-nobody.XXXXXX)
	test_atexit 'rm -rf "$nb"'
	chmod 755 "$nb"
	mkdir "$nb/bin" "$nb/cache"
	cp "$COCCIDRIVE" "$nb/bin/coccidrive"
	cp -R "$ROOT/semantic-patches" "$nb/semantic-patches"
	cp -R t "$nb/t"
	chmod -R a+rX "$nb"
fi
test_expect_success NOBODY 'as a user who cannot write the cache: the run goes on' '
	(cd "$nb" && setpriv --reuid=65534 --regid=65534 --clear-groups \
		env HOME="$nb" COCCIDRIVE_CACHE_DIR="$nb/cache" \
		"$nb/bin/coccidrive" convert -v --root t t) >ro.patch 2>ro.err &&
	test_cmp cold.patch ro.patch &&
	test_grep "coccidrive: cache: .*cache/store-1: Permission denied: no cache" ro.err
'

test_expect_success 'a size limit: the store stays under it' '
	COCCIDRIVE_CACHE_DIR="$TMP/small" COCCIDRIVE_CACHE_MAX=2500 run small -v &&
	test_cmp cold.patch small.patch &&
	total=$(find "$TMP/small" -type f -printf "%s\n" | awk "{ s += \$1 } END { print s + 0 }") &&
	test "$total" -le 2500 &&
	test "$total" -gt 0 &&
	test_grep "cache: trimmed to its size limit" small.err
'

# ---- The scan cache.  A file the walk finds unchanged is not read (for
# a ## chain's uses too: kind.c names a chain's macro but brings no
# piece); a
# file changed in any way (even the same size, its mtime put back) is;
# one younger than the run's start by less than 2 s is not recorded.
mkdir s s/lib
cp "$ROOT/testdata/sample-tree/net/socket.c" s/socket.c
cp "$ROOT/testdata/pasted_name.c" s/pasted.c
for i in 1 2 3 4 5; do printf 'int plain%s;\n' $i >s/lib/plain$i.c; done
# Mentions neither the function nor the chain's piece... until edited.
printf 'int later(void)\n{\n\treturn sock_create_XXXX(1, 2, 3, 4);\n}\n' >s/later.c
printf 'int kind = VSOCK_KIND(vtcp);\n' >s/kind.c
scan() {
	"$COCCIDRIVE" check -v --root "$TMP/s" --report "$TMP/$1.json" "$TMP/s" \
		>"$TMP/$1.out" 2>"$TMP/$1.err"
	test $? = 1 || return 1
	"$COCCIDRIVE" check --no-cache --root "$TMP/s" "$TMP/s" >"$TMP/$1.ref" 2>/dev/null
	test $? = 1 || return 1
	test_cmp "$TMP/$1.ref" "$TMP/$1.out"
}

test_expect_success 'scan: files just written are not recorded (racy)' '
	scan s1 && scan s2 &&
	expect s1.json cache.files_not_read 0 &&
	expect s2.json cache.files_not_read 0
'

sleep 3
test_expect_success 'scan: unchanged files are not read again' '
	scan s3 &&
	expect s3.json cache.files_not_read 0 &&
	scan s4 &&
	expect s4.json cache.files_not_read 7 &&
	expect s4.json files_scanned 9 &&
	test_grep "cache: .* 7 files not read again (7 for ## chains)" s4.err
'

# Same size, same inode, mtime put back: only the ctime tells.
rewrite() {
	python3 -c "import os, sys
p, a, b = sys.argv[1:]
st = os.stat(p)
with open(p, \"r+b\") as f:
    d = f.read().replace(a.encode(), b.encode())
    f.seek(0)
    f.write(d)
os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))
st2 = os.stat(p)
sys.exit(not (st2.st_size == st.st_size and st2.st_ino == st.st_ino and st2.st_mtime_ns == st.st_mtime_ns))" "$@"
}

test_expect_success 'scan: an edit that keeps size, inode and mtime is seen' '
	rewrite s/later.c sock_create_XXXX sock_create_kern &&
	scan s5 &&
	test_grep "later.c:3:9: sock_create_kern() called with 4 arguments" s5.out &&
	expect s5.json cache.files_not_read 6
'

test_expect_success 'scan: a file that now brings a ## chain its piece is seen' '
	test_grep -v "pasted.c:.*VSOCK_KIND" s5.out &&
	rewrite s/kind.c "VSOCK_KIND(vtcp)" "VSOCK_KIND(sock)" &&
	scan s6 &&
	test_grep "pasted.c:18:24: needs manual work: .*used at kind.c:1)" s6.out
'

test_expect_success 'scan: a file replaced (mv, mtime put back) is seen' '
	cp -p s/lib/plain1.c plain1.new &&
	printf "int y = sock_create_kern(1, 2, 3, 4);\n" >plain1.new &&
	touch -r s/lib/plain1.c plain1.new &&
	mv plain1.new s/lib/plain1.c &&
	scan s7 &&
	test_grep "plain1.c:1:9: sock_create_kern() called with 4 arguments" s7.out
'

test_done
