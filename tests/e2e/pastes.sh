#!/bin/sh
# A ## chain that could paste the name counts only when some use of its
# macro in the scanned files brings the missing piece, and the reason
# names the first such use in scan order, wherever it is: in a file read
# before the chain's file (read again), or after it (searched for the
# macro while the files are read), with one reading thread or several,
# *.c files and headers (which are read after all *.c files).
# 300 files between the two sides put them further apart than the
# files read ahead of the one being looked at (readq.h, READQ_WINDOW).
. "$(dirname "$0")/../test-lib.sh"
# What is read and found, not what the cache spares: none from it.
COCCIDRIVE_NO_CACHE=1
export COCCIDRIVE_NO_CACHE

cd "$TMP" || exit 2
# mk: the chain in t/b/chain.c, 300 files in t/c, nothing else.
mk() {
	rm -rf t && mkdir -p t/a t/b t/c t/d &&
	printf '#define MY_TYPE(_id, _name) \\\n\tint _id##_kern(int a);\n' >t/b/chain.c &&
	i=0 && while [ $i -lt 300 ]; do
		printf 'int x%d;\n' $i >t/c/f$i.c; i=$((i + 1))
	done
}
use_before() { printf '/* the list */\nMY_TYPE(sock_create, one)\n' >t/a/before.h; }
use_after() { printf 'int y;\n\nMY_TYPE(sock_create, two)\n' >t/d/after.c; }
# A use that brings something else: never the use that counts.
use_other() { printf 'MY_TYPE(sock_release, three)\n' >"$1"; }
chain_msg='t/b/chain.c:2:6: needs manual work: identifier built with ## in a macro (_id ## _kern): check its expansions by hand'

for j in 1 4; do
	test_expect_success "-j $j: a use before the chain's file and one after: the one before counts" '
		mk && use_before && use_after && use_other t/a/0.h &&
		test_expect_code 1 "$COCCIDRIVE" check -q -j $j t &&
		echo "$chain_msg (the macro is used at t/a/before.h:2)" >want &&
		test_cmp want "$OUT"
	'
	# *.c files are read before headers (select.c): a use in a *.c file
	# before the chain's is read again, one in a header is not.
	test_expect_success "-j $j: a use in a *.c file before the chain's file, one in a header after" '
		mk && printf "int z;\nMY_TYPE(sock_create, c)\n" >t/a/before.c &&
		printf "MY_TYPE(sock_create, h)\n" >t/d/after.h && use_after &&
		test_expect_code 1 "$COCCIDRIVE" check -q -j $j t &&
		echo "$chain_msg (the macro is used at t/a/before.c:2)" >want &&
		test_cmp want "$OUT"
	'
	test_expect_success "-j $j: a use in a header after the chain's file, one in a *.c file further" '
		mk && printf "MY_TYPE(sock_create, h)\n" >t/d/after.h &&
		printf "MY_TYPE(sock_create, c)\n" >t/e.c &&
		test_expect_code 1 "$COCCIDRIVE" check -q -j $j t &&
		echo "$chain_msg (the macro is used at t/d/after.h:1)" >want &&
		test_cmp want "$OUT"
	'
	test_expect_success "-j $j: only a use after the chain's file, past the files read ahead" '
		mk && use_after && use_other t/a/0.h && use_other t/c/g.c &&
		test_expect_code 1 "$COCCIDRIVE" check -q -j $j t &&
		echo "$chain_msg (the macro is used at t/d/after.c:3)" >want &&
		test_cmp want "$OUT"
	'
	test_expect_success "-j $j: only a use before the chain's file" '
		mk && use_before && use_other t/d/other.c &&
		test_expect_code 1 "$COCCIDRIVE" check -q -j $j t &&
		echo "$chain_msg (the macro is used at t/a/before.h:2)" >want &&
		test_cmp want "$OUT"
	'
	test_expect_success "-j $j: the use in the chain's own file" '
		mk && use_after && printf "MY_TYPE(sock_create, own)\n" >>t/b/chain.c &&
		test_expect_code 1 "$COCCIDRIVE" check -q -j $j t &&
		echo "$chain_msg (the macro is used at t/b/chain.c:3)" >want &&
		test_cmp want "$OUT"
	'
	test_expect_success "-j $j: no use brings the piece: not counted" '
		mk && use_other t/a/0.h && use_other t/d/other.c &&
		test_expect_code 0 "$COCCIDRIVE" check -j $j t &&
		test_must_be_empty "$OUT" &&
		test_grep -F "  not counted: t/b/chain.c:2:6: could paste sock_create_kern, but no use of MY_TYPE() in the scanned files passes ${SQ}sock_create${SQ} there: not counted" "$ERR"
	'
	# A second chain of the same macro, found 300 files later: a use
	# between the two was searched for the first chain only, and must be
	# read again for the second.
	test_expect_success "-j $j: two chains of one macro, the use between them" '
		mk && mkdir t/e &&
		printf "#define MY_TYPE(_id, _name) _id##_kern\n" >t/e/chain2.c &&
		printf "MY_TYPE(sock_create, mid)\n" >t/d/mid.c &&
		test_expect_code 1 "$COCCIDRIVE" check -q -j $j t &&
		{
			echo "$chain_msg (the macro is used at t/d/mid.c:1)" &&
			echo "t/e/chain2.c:1:29: needs manual work: identifier built with ## in a macro (_id ## _kern): check its expansions by hand (the macro is used at t/d/mid.c:1)"
		} >want &&
		test_cmp want "$OUT"
	'
	# More chains than the reading threads are told about (64): the
	# others are looked for in every file afterwards.
	test_expect_success "-j $j: 70 chains, a use of the last one after them" '
		mk && rm t/b/chain.c && i=0 &&
		while [ $i -lt 70 ]; do
			printf "#define M%d(_id) _id##_kern\n" $i; i=$((i + 1))
		done >t/b/many.c &&
		printf "M0(sock_create)\nM69(sock_create)\n" >t/d/after.c &&
		test_expect_code 1 "$COCCIDRIVE" check -j $j t &&
		grep -c "  not counted: t/b/many.c:" "$ERR" >n && echo 68 >want && test_cmp want n &&
		test_grep -F "t/b/many.c:1:17: needs manual work: identifier built with ## in a macro (_id ## _kern): check its expansions by hand (the macro is used at t/d/after.c:1)" "$OUT" &&
		test_grep -F "t/b/many.c:70:18: needs manual work: identifier built with ## in a macro (_id ## _kern): check its expansions by hand (the macro is used at t/d/after.c:2)" "$OUT"
	'
done

test_expect_success 'the report is the same with 1, 2 and 7 reading threads' '
	mk && use_before && use_after &&
	cp -R "$ROOT/testdata/vendor-tree" t/v &&
	for j in 1 2 7; do
		test_expect_code 1 "$COCCIDRIVE" check -j $j --report r$j.json t &&
		cp "$OUT" out$j && cp "$ERR" err$j || return 1
	done &&
	# -j also sets how many spatch processes share the files.
	for j in 1 2 7; do
		jq ".spatch_runs = 0" r$j.json >n$j.json &&
		sed "s/, [0-9]* spatch runs\{0,1\}/, N spatch runs/" err$j >e$j || return 1
	done &&
	test_cmp n1.json n2.json && test_cmp n1.json n7.json &&
	test_cmp out1 out2 && test_cmp out1 out7 &&
	test_cmp e1 e2 && test_cmp e1 e7
'

test_done
