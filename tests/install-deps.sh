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
#   python3-jsonschema  the findings test validates --format=json and
#                     --format=sarif against schemas/ (Debian's python3)
#   python3-yaml      the recipes test parses contrib/'s GitHub workflow
#                     and GitLab job (Debian's python3)
#   parallel          GNU parallel: the shard test runs README's recipe
#                     (convert --shard K/N on N jobs, then merge)
#   npm               installs Microsoft's SARIF Multitool (below)
#
# and, with npm, @microsoft/sarif-multitool-linux (a pinned version) into
# $COCCIDRIVE_NPM_DIR (default ~/.cache/coccidrive/npm): the SARIF
# validator of Microsoft's SARIF SDK, whose "Gh" rules are GitHub code
# scanning's own checks; the findings test runs it.
set -eu

SARIF_MULTITOOL_VERSION=5.7.0
npm_dir=${COCCIDRIVE_NPM_DIR:-${HOME:-/root}/.cache/coccidrive/npm}
multitool=$npm_dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool

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
want npm npm
want parallel parallel
[ -f /usr/include/jansson.h ] || need="$need libjansson-dev"
/usr/bin/python3 -c 'import jsonschema' 2>/dev/null || need="$need python3-jsonschema"
/usr/bin/python3 -c 'import yaml' 2>/dev/null || need="$need python3-yaml"
[ -f /usr/include/git2.h ] || need="$need libgit2-dev"
# libFuzzer's runtime and LeakSanitizer for clang builds (make fuzz)
[ -n "$(ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a 2>/dev/null)" ] ||
	need="$need libclang-rt-14-dev"

# The SARIF Multitool, where it is missing (after npm itself, below).
install_multitool() {
	[ -x "$multitool" ] && "$multitool" --version 2>&1 |
		grep -q "^SARIF Multitool $SARIF_MULTITOOL_VERSION" && return 0
	echo "coccidrive: installing: @microsoft/sarif-multitool-linux@$SARIF_MULTITOOL_VERSION into $npm_dir" >&2
	mkdir -p "$npm_dir"
	npm install --prefix "$npm_dir" --no-save --no-audit --no-fund \
		--loglevel=error "@microsoft/sarif-multitool-linux@$SARIF_MULTITOOL_VERSION" >&2
	chmod u+x "$multitool"
}

if [ -z "$need" ]; then
	install_multitool
	exit 0
fi

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
install_multitool
