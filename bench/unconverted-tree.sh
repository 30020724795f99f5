#!/bin/sh
# Print the path of Linux 6.1 with its sock_create_kern() calls turned
# back into the 4.1 form (bench/unconvert.cocci), making it first if the
# cache folder does not have it: the real work of upstream's conversion,
# for make bench and make eval-infer.  The copy sits beside the unpacked
# 6.1 (bench/fetch-kernel.sh), outside the repository.
set -eu
cd "$(dirname "$0")/.."
tree=$(sh bench/fetch-kernel.sh)
old=$(dirname "$tree")/linux-6.1-unconverted
if [ ! -f "$old/.unconverted" ]; then
	echo "coccidrive: making $old (6.1 with the 4.1 API)" >&2
	# The git copies made from an older unconverted tree are stale.
	rm -rf "$old" "$old.git" "$old-git"
	cp -a "$tree" "$old"
	opts=$(sed -n 's#^// Options:##p' semantic-patches/sock_create_kern.cocci)
	files=$(grep -rlw --include='*.[ch]' sock_create_kern "$old")
	# shellcheck disable=SC2086
	spatch --very-quiet --sp-file bench/unconvert.cocci -D patch $opts \
		--in-place $files >/dev/null
	touch "$old/.unconverted"
fi
echo "$old"
