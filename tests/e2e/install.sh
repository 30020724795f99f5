#!/bin/sh
# make install and uninstall, and the installed program run from
# anywhere: by its full path and through PATH, with the checkout out of
# reach, finding the rule and its macro file where install put them.
# Then the man pages (every option of "coccidrive CMD --help" in
# coccidrive-CMD(1), rendered without a warning), and make's convert and
# check targets run from another directory.
#
# All of it on a copy of the checkout (its build too, times kept, so that
# only what PREFIX changes is rebuilt): the checkout's own build/ is never
# rebuilt with a temporary PREFIX, nor anything written outside $TMP.
. "$(dirname "$0")/../test-lib.sh"

src=$TMP/src
mkdir "$src"
(cd "$ROOT" && cp -Rp Makefile VERSION driver semantic-patches man "$src/") || exit 2
mkdir -p "$src/build"
for f in obj libcoccidrive.a coccidrive DATADIR; do
	[ -e "$ROOT/build/$f" ] && cp -Rp "$ROOT/build/$f" "$src/build/"
done
# A blank in PREFIX: every path in the recipes must be quoted.
prefix="$TMP/usr local"
stage=$TMP/stage
data="$prefix/share/coccidrive"
work=$TMP/work
cp -R "$ROOT/testdata/sample-tree" "$work"
# As from a shell: under "make test", the make of this script would pass
# its flags on and make every make here a sub-make, which prints its
# "Entering directory" on stdout.
unset MAKEFLAGS MFLAGS MAKELEVEL
imake() { make -s -C "$src" --no-print-directory "$@"; }

# ---- make install DESTDIR=... PREFIX=...: a staged install (a package).
test_expect_success 'make install with DESTDIR and PREFIX' '
	imake install DESTDIR="$stage" PREFIX="$prefix" >"$TMP/log" 2>&1
'
cat >"$TMP/want-files" <<EOF
$stage$prefix/bin/coccidrive 755
$stage$prefix/share/coccidrive/kernel-macros.h 644
$stage$prefix/share/coccidrive/sk_change_net.cocci 644
$stage$prefix/share/coccidrive/sock_create_kern.cocci 644
$stage$prefix/share/coccidrive/sock_create_kern_backport.cocci 644
$stage$prefix/share/man/man1/coccidrive-check.1 644
$stage$prefix/share/man/man1/coccidrive-compat-header.1 644
$stage$prefix/share/man/man1/coccidrive-convert.1 644
$stage$prefix/share/man/man1/coccidrive-merge.1 644
$stage$prefix/share/man/man1/coccidrive-test.1 644
$stage$prefix/share/man/man1/coccidrive.1 644
EOF
test_expect_success 'install puts these files there, with these modes' '
	find "$stage" \( -type f -o -type l \) -printf "%p %m\n" | LC_ALL=C sort >"$TMP/files" &&
	test_cmp "$TMP/want-files" "$TMP/files"
'
test_expect_success 'the rule and macro file are the checkout'"'"'s' '
	cmp "$ROOT/semantic-patches/sock_create_kern.cocci" "$stage$data/sock_create_kern.cocci" &&
	cmp "$ROOT/semantic-patches/sock_create_kern_backport.cocci" "$stage$data/sock_create_kern_backport.cocci" &&
	cmp "$ROOT/semantic-patches/kernel-macros.h" "$stage$data/kernel-macros.h" &&
	cmp "$ROOT/semantic-patches/sk_change_net.cocci" "$stage$data/sk_change_net.cocci"
'
# DESTDIR is where the files are staged, not where they will be: the
# program looks in PREFIX, so run from the staging area it finds nothing,
# and says where it looked.
test_expect_success 'staged program: no rule yet, exit 2' '
	(cd "$work" && test_expect_code 2 "$stage$prefix/bin/coccidrive" check .)
'
test_expect_success 'staged program: names the PREFIX data directory, not DESTDIR' '
	test_grep -F "$prefix/share/coccidrive; give --cocci FILE or set COCCIDRIVE_COCCI" "$ERR" &&
	test_grep -v -F "$stage$prefix/share" "$ERR"
'
test_expect_success 'staged program: names every place it looked' '
	test_grep -x -F "coccidrive: no semantic patch: looked for sock_create_kern.cocci in $stage$prefix/semantic-patches, $stage$TMP/semantic-patches, $prefix/share/coccidrive; give --cocci FILE or set COCCIDRIVE_COCCI" "$ERR"
'
test_expect_success 'DESTDIR is not baked into the program' '
	! grep -q -F "$stage" "$stage$prefix/bin/coccidrive"
'

# The runs that look at spatch's command line take --no-cache: the cache
# keys a rule by its content, so a copy elsewhere would start no spatch.
# ---- The staged tree moved to PREFIX (what a package manager does),
# the checkout out of reach: the program runs from anywhere.
cp -R "$stage$prefix" "$prefix"
mv "$src" "$src.away"
test_expect_success 'installed program, full path, from another directory' '
	cd "$work" &&
	test_expect_code 0 "$prefix/bin/coccidrive" convert --no-cache -v . &&
	cp "$OUT" "$TMP/installed.patch" && cd "$TMP"
'
test_expect_success 'it runs the installed rule' '
	test_grep -F -e "--sp-file $SQ$data/sock_create_kern.cocci$SQ " "$ERR"
'
test_expect_success 'its patch applies to the tree' '
	(cd "$work" && git apply --check "$TMP/installed.patch")
'
test_expect_success 'its patch is the checkout'"'"'s program'"'"'s' '
	(cd "$work" && "$COCCIDRIVE" convert -q .) >"$TMP/checkout.patch" &&
	test_cmp "$TMP/checkout.patch" "$TMP/installed.patch"
'
test_expect_success 'convert --backport runs the installed backport rule' '
	cp -R "$work" "$TMP/bwork" &&
	(cd "$TMP/bwork" && git apply "$TMP/installed.patch" &&
		test_expect_code 0 "$prefix/bin/coccidrive" convert --no-cache \
			-v --backport .) &&
	test_grep -F -e "--sp-file $SQ$data/sock_create_kern_backport.cocci$SQ " "$ERR" &&
	test_grep "^diff --git a/net/ipv4/udp_tunnel.c" "$OUT" &&
	rm -rf "$TMP/bwork"
'
# Found on PATH: argv[0] is "coccidrive", no folder in it.
test_expect_success 'installed program through PATH' '
	(cd "$work" && PATH="$prefix/bin:$PATH" && export PATH &&
		test_expect_code 1 coccidrive check --no-cache -v .)
'
test_expect_success 'through PATH: the installed rule' '
	test_grep -F -e "--sp-file $SQ$data/sock_create_kern.cocci$SQ " "$ERR"
'
test_expect_success 'through PATH: check finds the three calls and declarations' '
	test_grep "to convert: *3" "$ERR"
'
test_expect_success 'installed program: --sk-change-net runs the installed clean-up rule' '
	(cd "$work" && test_expect_code 0 "$prefix/bin/coccidrive" convert \
		--sk-change-net --force-sk-change-net --no-cache -v . &&
		test_grep -F -e "--sp-file $SQ$data/sk_change_net.cocci$SQ " "$ERR")
'
# The macro file is read beside the rule: without it the rule is refused.
mv "$data/kernel-macros.h" "$TMP/km.h"
test_expect_success 'the macro file is the installed one' '
	(cd "$work" && test_expect_code 2 "$prefix/bin/coccidrive" check .) &&
	test_grep -F "$data/kernel-macros.h: macro file named in $data/sock_create_kern.cocci" "$ERR"
'
mv "$TMP/km.h" "$data/kernel-macros.h"
test_expect_success '$COCCIDRIVE_COCCI still wins' '
	cp "$data/sock_create_kern.cocci" "$data/kernel-macros.h" "$TMP/" &&
	(cd "$work" && COCCIDRIVE_COCCI=$TMP/sock_create_kern.cocci &&
		export COCCIDRIVE_COCCI &&
		test_expect_code 1 "$prefix/bin/coccidrive" check --no-cache -v .) &&
	test_grep -F -e "--sp-file $TMP/sock_create_kern.cocci " "$ERR"
'
test_expect_success '--cocci still wins' '
	(cd "$work" && test_expect_code 1 "$prefix/bin/coccidrive" check --no-cache -v \
		--cocci "$TMP/sock_create_kern.cocci" .) &&
	test_grep -F -e "--sp-file $TMP/sock_create_kern.cocci " "$ERR"
'
test_expect_success 'installed compat-header: from the installed rule, the golden header' '
	(cd "$work" && test_expect_code 0 "$prefix/bin/coccidrive" compat-header) &&
	test_cmp "$ROOT/tests/e2e/compat_header/expected/compat-header.h" "$OUT"
'
# "coccidrive test" outside a checkout says what it looked for.
test_expect_success 'test outside a checkout: exit 2' '
	(cd "$work" && test_expect_code 2 "$prefix/bin/coccidrive" test)
'
test_expect_success 'test outside a checkout: says where it looked' '
	test_grep -x -F "coccidrive: test: no testdata/ in $work (looked for the cases in testdata/ and the golden files in expected/ of the current directory; run it from a coccidrive checkout or give --testdata DIR --expected DIR)" "$ERR"
'
mv "$src.away" "$src"

# ---- The man pages, as installed.
man1=$prefix/share/man/man1
test_expect_success 'man finds the installed pages' '
	for p in coccidrive coccidrive-convert coccidrive-check coccidrive-test coccidrive-merge coccidrive-compat-header; do
		test "$(MANPATH="$prefix/share/man" man -w $p)" = "$man1/$p.1" || return 1
	done
'
for c in convert check test merge compat-header; do
	# The option column of --help ("-o, --output FILE") against the tags
	# of the page's OPTIONS, in the same order: none missing, none stale.
	test_expect_success "coccidrive-$c(1) has exactly the options of $c --help" '
		"$prefix/bin/coccidrive" $c --help | sed -n "s/^ \{2,6\}\(-.*\)/\1/p" |
			sed "s/  .*//" >"$TMP/help-$c" &&
		test_line_count -ge 2 "$TMP/help-$c" &&
		groff -man -Tascii -P-cbou "$man1/coccidrive-$c.1" 2>/dev/null |
			sed -n "/^OPTIONS/,/^[A-Z]/s/^       \(-.*\)/\1/p" >"$TMP/man-$c" &&
		test_cmp "$TMP/help-$c" "$TMP/man-$c"
	'
	test_expect_success "coccidrive(1) points to coccidrive-$c(1)" '
		test_grep -F ".BR coccidrive\\-$(printf %s "$c" | sed "s/-/\\\\-/g") (1)" "$man1/coccidrive.1"
	'
done
test_expect_success 'every command of --help has its page' '
	"$prefix/bin/coccidrive" --help | sed -n "s/^  \([a-z][a-z-]*\)  .*/\1/p" >"$TMP/cmds" &&
	test_line_count = 5 "$TMP/cmds" &&
	while read -r c; do test_path_is_file "$man1/coccidrive-$c.1" || return 1; done <"$TMP/cmds"
'
for p in coccidrive coccidrive-convert coccidrive-check coccidrive-test coccidrive-merge coccidrive-compat-header; do
	test_expect_success "$p.1: groff renders it without a warning" '
		LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z "$man1/$p.1" 2>"$TMP/groff" &&
		test_must_be_empty "$TMP/groff"
	'
	test_expect_success "$p.1: mandoc -Tlint finds nothing" '
		{ mandoc -Tlint "$man1/$p.1" >"$TMP/lint" 2>&1; rc=$?; } &&
		test_must_be_empty "$TMP/lint" && test "$rc" -eq 0
	'
done

# ---- PREFIX changed after an install: the program is rebuilt to look
# in the new PREFIX (the old one still holds a rule, which it must not
# take).  DESTDIR empty: a real install.
prefix2=$TMP/p2
test_expect_success 'make install PREFIX=another, no DESTDIR' '
	imake install PREFIX="$prefix2" >"$TMP/log" 2>&1
'
test_expect_success 'the program installed there runs its own PREFIX'"'"'s rule' '
	(cd "$work" && test_expect_code 1 "$prefix2/bin/coccidrive" check --no-cache -v .) &&
	test_grep -F -e "--sp-file $prefix2/share/coccidrive/sock_create_kern.cocci " "$ERR"
'

# ---- make uninstall: exactly what install put there.
test_expect_success 'make uninstall' '
	imake uninstall PREFIX="$prefix2" >"$TMP/log" 2>&1
'
test_expect_success 'uninstall leaves no file behind' '
	find "$prefix2" \( -type f -o -type l \) >"$TMP/left" &&
	test_must_be_empty "$TMP/left"
'
test_expect_success 'uninstall removes the data directory' '
	test_path_is_missing "$prefix2/share/coccidrive"
'
test_expect_success 'make uninstall with DESTDIR' '
	imake uninstall DESTDIR="$stage" PREFIX="$prefix" >"$TMP/log" 2>&1 &&
	find "$stage" \( -type f -o -type l \) >"$TMP/left" &&
	test_must_be_empty "$TMP/left" &&
	test_path_is_missing "$stage$data"
'
# What install did not put there stays, and the folder with it.
echo mine >"$data/local.cocci"
test_expect_success 'uninstall keeps a file it did not install' '
	imake uninstall PREFIX="$prefix" >"$TMP/log" 2>&1 &&
	test_path_is_file "$data/local.cocci" &&
	test_path_is_missing "$data/sock_create_kern.cocci" &&
	test_path_is_missing "$prefix/bin/coccidrive" &&
	test_grep -F "$data is not empty, left in place" "$TMP/log"
'

# ---- make convert / make check from another directory (make -C): TREE
# is relative to where make was started; the patch is the patch alone.
test_expect_success 'make -C CHECKOUT convert TREE=.: exit 0' '
	(cd "$work" && make -s -C "$src" convert TREE=. >"$TMP/make.patch" 2>"$TMP/make.err")
'
test_expect_success 'make convert: stdout is exactly what coccidrive prints' '
	(cd "$work" && "$src/build/coccidrive" convert . 2>/dev/null) >"$TMP/direct.patch" &&
	test_cmp "$TMP/direct.patch" "$TMP/make.patch"
'
test_expect_success 'make convert: a patch git apply takes' '
	head -n 1 "$TMP/make.patch" >"$TMP/first" &&
	test_grep "^diff --git a/" "$TMP/first" &&
	(cd "$work" && git apply --check "$TMP/make.patch")
'
test_expect_success 'make convert: the summary goes to stderr' '
	test_grep "^coccidrive convert: 6 files scanned" "$TMP/make.err"
'
test_expect_success 'make convert from the checkout, ROOT=: no command echoed' '
	(cd "$src" && make convert TREE="$work" ROOT="$work" >"$TMP/make2.patch" 2>/dev/null) &&
	test_grep -v -e "coccidrive convert" "$TMP/make2.patch" &&
	head -n 1 "$TMP/make2.patch" >"$TMP/first" &&
	test_grep "^diff --git a/" "$TMP/first" &&
	(cd "$work" && git apply --check "$TMP/make2.patch")
'
test_expect_success 'make convert, a TREE outside the caller'"'"'s directory, no ROOT: exit 2, says --root' '
	(cd "$src" && test_expect_code 2 make -s convert TREE="$work") &&
	test_grep "give --root DIR" "$ERR"
'
test_expect_success 'make -C CHECKOUT check TREE=.: exit 2 (coccidrive: 1)' '
	(cd "$work" && test_expect_code 2 make -s -C "$src" check TREE=.)
'
test_expect_success 'make check: the tree where make was started' '
	test_line_count = 6 "$OUT" &&
	test_grep "^net/ipv4/udp_tunnel.c:13:8: hint: " "$OUT" &&
	test_grep "fs/dlm/lowcomms.c:14:11: " "$OUT" &&
	test_grep -v "testdata\|expected/" "$OUT"
'
test_expect_success 'make check: coccidrive'"'"'s status on stderr' '
	test_grep -x "make check: coccidrive check exited with status 1" "$ERR"
'
(cd "$work" && git apply "$TMP/make.patch")
test_expect_success 'make check on the converted tree: exit 0, nothing printed' '
	(cd "$work" && test_expect_code 0 make -s -C "$src" check TREE=.) &&
	test_must_be_empty "$OUT"
'
test_expect_success 'make check on a missing TREE: coccidrive'"'"'s error, status 2' '
	(cd "$work" && test_expect_code 2 make -s -C "$src" check TREE=no-such-dir) &&
	test_grep "no-such-dir" "$ERR" &&
	test_grep -x "make check: coccidrive check exited with status 2" "$ERR"
'
test_expect_success 'make check without TREE: usage, status 2' '
	test_expect_code 2 make -s -C "$src" check &&
	test_grep -x "usage: make check TREE=path/to/linux" "$ERR"
'
test_done
