#!/bin/sh
# make kernel-check: on Debian's linux-source-6.1 (converted upstream in
# 4.2), "coccidrive convert" must print an empty patch, "coccidrive check"
# must exit 0, and plain spatch must change nothing in the files that
# mention the function.
set -u
cd "$(dirname "$0")/.." || exit 2
tree=$(sh bench/fetch-kernel.sh) || exit 2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
status=0

./build/coccidrive convert "$tree" >"$out/patch" 2>"$out/summary"
rc=$?
cat "$out/summary"
if [ $rc -eq 0 ] && [ ! -s "$out/patch" ]; then echo "PASS convert linux-6.1: empty patch"; else
	echo "FAIL convert linux-6.1: exit $rc, $(wc -l <"$out/patch") patch lines"; status=1; fi

./build/coccidrive check -q "$tree" >"$out/check"
rc=$?
if [ $rc -eq 0 ] && [ ! -s "$out/check" ]; then echo "PASS check linux-6.1: exit 0"; else
	echo "FAIL check linux-6.1: exit $rc"; head "$out/check"; status=1; fi

cocci=semantic-patches/sock_create_kern.cocci
opts=$(sed -n 's#^// Options:##p' "$cocci")
grep -rlw --include='*.[ch]' sock_create_kern "$tree" >"$out/files"
# shellcheck disable=SC2086
spatch --very-quiet --sp-file "$cocci" -D patch $opts -j 2 $(cat "$out/files") \
	>"$out/spatch" 2>"$out/spatch.err"
rc=$?
if [ $rc -eq 0 ] && [ ! -s "$out/spatch" ]; then
	echo "PASS plain spatch on the $(wc -l <"$out/files") files: no change"
else
	echo "FAIL plain spatch on linux-6.1: exit $rc"; head -20 "$out/spatch" "$out/spatch.err"; status=1
fi
exit $status
