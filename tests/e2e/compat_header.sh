#!/bin/sh
# coccidrive compat-header: the shim that builds a driver written for
# Linux 4.2 on (5-argument sock_create_kern()) on older kernels too.
# The header is compiled (gcc -std=gnu89 -Wall -Wextra -Werror -Wundef,
# the old kernels' own dialect) with a driver against stub headers of
# each era (tests/e2e/compat_header/), linked with stub functions that
# print what was called, and run: below 4.2 each call must reach
# __sock_create() with the driver's namespace and kern = 1, from 4.2 on
# sock_create_kern() itself.  Then -o and its errors.
. "$(dirname "$0")/../test-lib.sh"

D=$ROOT/tests/e2e/compat_header
cd "$TMP" || exit 2
CFLAGS='-std=gnu89 -Wall -Wextra -Werror -Wundef'

test_expect_success 'compat-header: exit 0, the header on stdout, nothing on stderr' '
	test_expect_code 0 "$COCCIDRIVE" compat-header &&
	cp "$OUT" compat.h &&
	test_must_be_empty "$ERR"
'
test_expect_success 'the header is the golden one (expected/compat-header.h)' '
	test_cmp "$D/expected/compat-header.h" compat.h
'
test_expect_success 'the macro: 5 parameters onto __sock_create(..., 1), below 4.2 only' '
	test_grep -x -F "#define sock_create_kern(net, family, type, proto, res) \\" compat.h &&
	test_grep -x -F "	__sock_create(net, family, type, proto, res, 1)" compat.h &&
	test_grep -x -F "#if LINUX_VERSION_CODE < KERNEL_VERSION(4, 2, 0) && \\" compat.h
'
test_expect_success '<linux/version.h> and <linux/net.h> come before the macro' '
	grep -n "^#include <linux/version.h>\$\|^#include <linux/net.h>\$\|^#define sock_create_kern" compat.h |
		cut -d: -f2- >order &&
	printf "%s\n" "#include <linux/version.h>" "#include <linux/net.h>" \
		"#define sock_create_kern(net, family, type, proto, res) \\" >want &&
	test_cmp want order
'

# build ERA DRIVER [CFLAG...]: the driver, main.c and the era's stubs
# linked into ./run-ERA-DRIVER, with compat.h from the current directory.
build() {
	_era=$1 _drv=$2
	shift 2
	# shellcheck disable=SC2086
	gcc $CFLAGS "$@" -I. -I"$D/$_era" -o "run-$_era-$_drv" \
		"$D/$_drv.c" "$D/main.c" "$D/$_era/stub.c"
}

# What the stubs print when each call went where it should.
cat >want-old <<'EOF'
__sock_create(other_net, 2, 1, 17, res, 1)
__sock_create(init_net, 10, 2, 0, res, 1)
returned 0, socket 42; returned 0, socket 42
EOF
cat >want-new <<'EOF'
sock_create_kern(other_net, 2, 1, 17, res)
sock_create_kern(init_net, 10, 2, 0, res)
returned 0, socket 42; returned 0, socket 42
EOF

# The stubs are of their era: without the header, the driver written for
# 4.2 does not build against 4.1.
test_expect_success 'pre-4.2 stubs: the driver does not build without the header' '
	mkdir -p nocompat && echo >nocompat/compat.h &&
	test_must_fail gcc $CFLAGS -Inocompat -I"$D/pre-4.2" -c -o none.o "$D/driver.c" 2>gcc.err &&
	test_grep "too many arguments to function .sock_create_kern" gcc.err
'

for drv in driver driver_first; do
	case $drv in
	driver) how='after <linux/net.h>' ;;
	*) how='before <linux/net.h>' ;;
	esac
	test_expect_success "pre-4.2 (4.1.0), header $how: builds with -Werror" '
		build pre-4.2 $drv
	'
	test_expect_success "pre-4.2, header $how: each call reaches __sock_create(net, ..., kern = 1) with the driver's namespace" '
		./run-pre-4.2-$drv >got &&
		test_cmp want-old got
	'
	test_expect_success "4.2.0, header $how: builds with -Werror" '
		build 4.2 $drv
	'
	test_expect_success "4.2.0, header $how: each call is sock_create_kern() itself" '
		./run-4.2-$drv >got &&
		test_cmp want-new got
	'
done

# A vendor kernel that says 3.10 but has 4.2's function: the macro still
# builds and does the same; with the override, the kernel's own function.
test_expect_success 'vendor kernel (3.10, 5-parameter function): builds, reaches __sock_create()' '
	build vendor driver &&
	./run-vendor-driver >got &&
	test_cmp want-old got
'
test_expect_success 'vendor kernel, -DCOMPAT_SOCK_CREATE_KERN_HAS_NET: sock_create_kern() itself' '
	build vendor driver -DCOMPAT_SOCK_CREATE_KERN_HAS_NET &&
	./run-vendor-driver >got &&
	test_cmp want-new got
'
test_expect_success 'pre-4.2 with the override: the driver no longer builds (the override is only for such trees)' '
	test_must_fail build pre-4.2 driver -DCOMPAT_SOCK_CREATE_KERN_HAS_NET 2>gcc.err
'
# The header's own advice, as it prints it: the Kbuild line's grep tells
# the eras apart, and the RHEL test defines the override.
sed -n "s/.*grep -qsF '\\([^']*\\)'.*/\\1/p" compat.h >pattern
test_expect_success 'the Kbuild grep of the header: yes on 4.2 and the vendor tree, no on 4.1' '
	test_line_count = 1 pattern &&
	grep -qsF "$(cat pattern)" "$D/4.2/linux/net.h" &&
	grep -qsF "$(cat pattern)" "$D/vendor/linux/net.h" &&
	! grep -qsF "$(cat pattern)" "$D/pre-4.2/linux/net.h"
'
test_expect_success 'the RHEL test of the header, before it: sock_create_kern() itself' '
	{
		echo "#include <linux/version.h>" &&
		sed -n "/^ \*	#if defined(RHEL_RELEASE_CODE)/,/^ \*	#endif/s/^ \*	//p" compat.h |
			sed "s/(M, N)/(7, 5)/" &&
		cat "$D/driver.c"
	} >driver_rhel.c &&
	test_grep -F "#define COMPAT_SOCK_CREATE_KERN_HAS_NET" driver_rhel.c &&
	gcc $CFLAGS -I. -I"$D/vendor" -o run-rhel driver_rhel.c "$D/main.c" "$D/vendor/stub.c" &&
	./run-rhel >got &&
	test_cmp want-new got
'

# What the header says it does not do, or leaves alone.
test_expect_success 'a 4-argument call left in the driver does not build below 4.2' '
	printf "%s\n" "#include \"compat.h\"" \
		"int f(struct socket **s);" \
		"int f(struct socket **s) { return sock_create_kern(2, 1, 0, s); }" >four.c &&
	test_must_fail gcc $CFLAGS -I. -I"$D/pre-4.2" -c -o four.o four.c 2>gcc.err &&
	test_grep "sock_create_kern" gcc.err
'
test_expect_success 'a sock_create_kern macro defined before the header is left alone' '
	printf "%s\n" "#include <linux/net.h>" \
		"#define sock_create_kern(n, f, t, p, r) my_create(n, f, t, p, r)" \
		"#include \"compat.h\"" \
		"int my_create(struct net *n, int f, int t, int p, struct socket **r);" \
		"int f(struct socket **s);" \
		"int f(struct socket **s) { return sock_create_kern(&init_net, 2, 1, 0, s); }" >mine.c &&
	gcc $CFLAGS -I. -I"$D/pre-4.2" -E -o mine.i mine.c &&
	test_grep "my_create(&init_net, 2, 1, 0, s)" mine.i
'
test_expect_success 'included twice: builds' '
	printf "%s\n" "#include \"compat.h\"" "#include \"compat.h\"" >twice.c &&
	cat "$D/driver.c" >>twice.c &&
	gcc $CFLAGS -I. -I"$D/pre-4.2" -c -o twice.o twice.c
'

# ---- -o
test_expect_success '-o FILE: the same bytes, nothing on stdout or stderr' '
	test_expect_code 0 "$COCCIDRIVE" compat-header -o out.h &&
	test_must_be_empty "$OUT" && test_must_be_empty "$ERR" &&
	test_cmp compat.h out.h
'
test_expect_success '-o -: stdout' '
	test_expect_code 0 "$COCCIDRIVE" compat-header -o - &&
	test_cmp compat.h "$OUT"
'
test_expect_success '-o over an existing file: replaced, its mode kept' '
	echo old >mode.h && chmod 640 mode.h &&
	test_expect_code 0 "$COCCIDRIVE" compat-header -o mode.h &&
	test_cmp compat.h mode.h &&
	test "$(stat -c %a mode.h)" = 640
'
test_expect_success '-o into a missing directory: exit 2, one line, nothing written' '
	test_expect_code 2 "$COCCIDRIVE" compat-header -o "$TMP/no/such/dir/c.h" &&
	test_line_count = 1 "$ERR" &&
	test_grep -F "$TMP/no/such/dir/c.h: cannot create a temporary file beside it: No such file or directory; nothing was written" "$ERR" &&
	test_must_be_empty "$OUT" &&
	test_path_is_missing "$TMP/no"
'
test_expect_success '-o a directory: exit 2, one line' '
	mkdir adir &&
	test_expect_code 2 "$COCCIDRIVE" compat-header -o adir &&
	test_line_count = 1 "$ERR" &&
	test_grep -F "adir" "$ERR" &&
	test_dir_is_empty adir
'
# A directory that cannot be written: as root every directory can, so
# as "nobody" (setpriv), with a copy of the program and its rule.
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
	nb=$(mktemp -d /tmp/coccidrive-nobody.XXXXXX)
	test_atexit 'chmod -R u+rwX "$nb" 2>/dev/null; rm -rf "$nb"'
	chmod 755 "$nb"
	mkdir "$nb/bin" "$nb/ro"
	cp "$COCCIDRIVE" "$nb/bin/coccidrive"
	cp -R "$ROOT/semantic-patches" "$nb/semantic-patches"
	chmod -R a+rX "$nb"
	echo "the driver's own" >"$nb/ro/compat.h"
	chmod 555 "$nb/ro"
	test_set_prereq NOBODY
fi
test_expect_success NOBODY '-o into a read-only directory: exit 2, one line, the old file kept' '
	test_expect_code 2 setpriv --reuid=65534 --regid=65534 --clear-groups \
		env HOME="$nb" "$nb/bin/coccidrive" compat-header -o "$nb/ro/compat.h" &&
	test_line_count = 1 "$ERR" &&
	test_grep -F "$nb/ro/compat.h: cannot create a temporary file beside it: Permission denied; nothing was written" "$ERR" &&
	test "$(cat "$nb/ro/compat.h")" = "the driver${SQ}s own" &&
	test_no_temporary "$nb/ro"
'

# ---- Usage and the rule.
test_expect_success 'an operand: exit 2, one line' '
	test_expect_code 2 "$COCCIDRIVE" compat-header linux &&
	test_line_count = 1 "$ERR" &&
	test_grep -F "compat-header: ${SQ}linux${SQ}: no operand is taken" "$ERR"
'
test_expect_success 'an unknown option: exit 2' '
	test_expect_code 2 "$COCCIDRIVE" compat-header --frob &&
	test_grep -F "unknown option ${SQ}--frob${SQ}" "$ERR"
'
test_expect_success 'help compat-header is compat-header --help, listed by --help' '
	test_expect_code 0 "$COCCIDRIVE" help compat-header &&
	cp "$OUT" help1 &&
	test_expect_code 0 "$COCCIDRIVE" compat-header --help &&
	test_cmp help1 "$OUT" &&
	test_grep "^usage: coccidrive compat-header \[-o FILE\]" "$OUT" &&
	test_expect_code 0 "$COCCIDRIVE" --help &&
	test_grep "^  compat-header  print the header" "$OUT"
'
# Made from the rule's header: a rule whose function, arities or added
# parameter differ from what the shim knows gets no header.
rule=$ROOT/semantic-patches/sock_create_kern.cocci
mkdir rules
sed "s/function=sock_create_kern/function=sock_create_lite/" "$rule" >rules/other.cocci
sed "s/new-arity=5/new-arity=6/" "$rule" >rules/arity.cocci
sed "s/^\(\/\/ Coccidrive: new-param=\)\"struct net \*net\"/\1\"struct net *\"/" "$rule" >rules/noname.cocci
sed "s/new-param=\"struct net \*net\"/new-param=\"struct net *ns\"/" "$rule" >rules/ns.cocci
cp "$ROOT/semantic-patches/kernel-macros.h" rules/
test_expect_success 'a rule for another function: exit 2, one line naming the rule' '
	COCCIDRIVE_COCCI=$TMP/rules/other.cocci test_expect_code 2 "$COCCIDRIVE" compat-header &&
	test_line_count = 1 "$ERR" &&
	test_grep -x -F "coccidrive: compat-header: $TMP/rules/other.cocci: the rule converts sock_create_lite(); compat-header knows the shim for sock_create_kern() only" "$ERR" &&
	test_must_be_empty "$OUT"
'
test_expect_success 'a rule with other arities: exit 2, one line' '
	COCCIDRIVE_COCCI=$TMP/rules/arity.cocci test_expect_code 2 "$COCCIDRIVE" compat-header &&
	test_line_count = 1 "$ERR" &&
	test_grep -F "the rule changes sock_create_kern() from 4 to 6 arguments" "$ERR"
'
test_expect_success 'a rule whose added parameter has no name: exit 2' '
	test_grep -F "new-param=\"struct net *\"" rules/noname.cocci &&
	COCCIDRIVE_COCCI=$TMP/rules/noname.cocci test_expect_code 2 "$COCCIDRIVE" compat-header &&
	test_grep -F "adding struct net *;" "$ERR"
'
test_expect_success 'the parameter name is the rule'"'"'s: "struct net *ns" makes the macro take ns' '
	COCCIDRIVE_COCCI=$TMP/rules/ns.cocci test_expect_code 0 "$COCCIDRIVE" compat-header &&
	test_grep -x -F "#define sock_create_kern(ns, family, type, proto, res) \\" "$OUT" &&
	test_grep -x -F "	__sock_create(ns, family, type, proto, res, 1)" "$OUT" &&
	test_grep -F "COMPAT_SOCK_CREATE_KERN_HAS_NS" "$OUT"
'
test_done
