#!/bin/sh
# Install what coccidrive's build and tests need, only where it is
# missing.  README's "make run" and "make test" call this, and so does
# .ci/run: one list, one place.
#
#   coccinelle        spatch, the engine (Debian 12 ships 1.1.1)
#   gcc make          the build
#   git patch         applying and checking the patches in tests
#   clang clang-format clang-tidy cppcheck   lint, and libFuzzer builds
#   libjansson-dev    the JSON writer behind --report
#   libgit2-dev       check --git-range / --patch: commits, trees, blobs
#                     and applying an mbox, in memory, without git's CLI
#   jq                reading --report's JSON in the tests
#   valgrind          the release build checked for leaks in the tests
#   hyperfine         timing in "make bench"
#   attr acl          setfattr/getfattr, setfacl: the writes test checks
#                     that --in-place keeps extended attributes and ACLs
#   strace            the writes test makes a rename fail, or a signal
#                     arrive, at a chosen system call (inject=)
#   groff-base mandoc man-db   the install test renders the man pages
#                     (groff -ww, mandoc -Tlint) and asks man where they are
set -eu

need=""
have() { command -v "$1" >/dev/null 2>&1; }
want() { have "$1" || need="$need $2"; }

want spatch coccinelle
want cc gcc
want make make
want git git
want patch patch
want clang clang
want clang-format clang-format
want clang-tidy clang-tidy
want cppcheck cppcheck
want jq jq
want valgrind valgrind
want setfattr attr
want setfacl acl
want strace strace
want groff groff-base
want mandoc mandoc
want man man-db
[ -f /usr/include/jansson.h ] || need="$need libjansson-dev"
[ -f /usr/include/git2.h ] || need="$need libgit2-dev"
# libFuzzer's runtime and LeakSanitizer for clang builds (make fuzz)
[ -n "$(ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a 2>/dev/null)" ] ||
	need="$need libclang-rt-14-dev"

[ -z "$need" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	if have sudo; then SUDO=sudo; else
		echo "coccidrive: missing:$need; install them as root (apt-get install$need)" >&2
		exit 2
	fi
else
	SUDO=
fi
echo "coccidrive: installing:$need" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q >&2
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $need >&2
