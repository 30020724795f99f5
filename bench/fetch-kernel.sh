#!/bin/sh
# Unpack Debian's linux-source-6.1 into a cache folder outside the repo
# (installing the package if needed) and print the tree's path.  Never
# inside the repository: kernel sources are not committed.
set -eu
cache=${COCCIDRIVE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/coccidrive}
tree=$cache/linux-source-6.1
tarball=/usr/src/linux-source-6.1.tar.xz

if [ -f "$tree/Makefile" ] && [ -f "$tree/.unpacked" ]; then
	echo "$tree"
	exit 0
fi
if [ ! -f "$tarball" ]; then
	echo "coccidrive: installing linux-source-6.1 (about 140 MB)" >&2
	SUDO=
	[ "$(id -u)" -eq 0 ] || SUDO=sudo
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends linux-source-6.1 >&2
fi
mkdir -p "$cache"
rm -rf "$tree.tmp"
mkdir "$tree.tmp"
echo "coccidrive: unpacking $tarball into $cache" >&2
tar -xJf "$tarball" -C "$tree.tmp" --strip-components=1
touch "$tree.tmp/.unpacked"
rm -rf "$tree"
mv "$tree.tmp" "$tree"
echo "$tree"
