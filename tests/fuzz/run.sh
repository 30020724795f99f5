#!/bin/sh
# make fuzz: build each libFuzzer target (clang, -fsanitize=fuzzer,
# address,undefined), replay the regression inputs, then fuzz each for
# FUZZ_SECONDS (default 20; "make fuzz FUZZ_SECONDS=3600" by hand) from a
# seed corpus made of testdata/.  A crash leaves its input in
# build/fuzz/crash-*: copy it to tests/fuzz/regressions/TARGET/ so that
# every later run replays it.
set -u
cd "$(dirname "$0")/../.." || exit 2
secs=${FUZZ_SECONDS:-20}
out=build/fuzz
mkdir -p "$out"
flags="-std=c11 -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -Wall -Wextra -Werror
	-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all $(for d in driver/*/; do printf ' -I%s' "${d%/}"; done)"
lib=$(ls driver/*/*.c | grep -v -e driver/cmd/main.c)
status=0

for src in tests/fuzz/fuzz_*.c; do
	t=$(basename "$src" .c)
	# shellcheck disable=SC2086
	if ! clang $flags -DCOCCIDRIVE_VERSION='"fuzz"' -o "$out/$t" "$src" $lib -ljansson -lgit2 -pthread \
		>"$out/$t.build.log" 2>&1; then
		echo "FAIL fuzz:$t (build)"; sed 's/^/  /' "$out/$t.build.log" | head -30
		status=1; continue
	fi
	corpus=$out/corpus-$t
	mkdir -p "$corpus"
	case $t in
	fuzz_ctoken) cp testdata/*.[ch] testdata/*/*/*.[ch] "$corpus/" 2>/dev/null ;;
	fuzz_spatch_output) printf 'parse error \n = File "drivers/x.c", line 12, column 16, charpos = 211\n  around = %s,\n' "'y'" >"$corpus/seed1" ;;
	fuzz_mbox) printf 'From %s Mon Sep 17 00:00:00 2001\nSubject: [PATCH v2 3/10] =?UTF-8?q?caf=C3=A9?=\n a\n\n>From x\ndiff --git a/x.c b/x.c\n' 0325684074e6469d4111b2ff9e5c1567fd8e7390 >"$corpus/seed1" ;;
	fuzz_scan) printf 'd a\nf a/x.c\nl a/l ../a\nf b.h\nd .git\nf .git/y.c\nd .v\nf .v/.z.c\n' >"$corpus/seed1" ;;
	esac
	reg=tests/fuzz/regressions/$t
	if [ -d "$reg" ] && [ -n "$(ls "$reg")" ]; then
		if "$out/$t" "$reg"/* >"$out/$t.reg.log" 2>&1; then
			echo "PASS fuzz:$t regressions ($(ls "$reg" | wc -l) inputs)"
		else
			echo "FAIL fuzz:$t regressions"; tail -30 "$out/$t.reg.log" | sed 's/^/  /'; status=1
		fi
	fi
	if (cd "$out" && "./$t" -max_total_time="$secs" -max_len=65536 -timeout=10 \
		-rss_limit_mb=2048 -print_final_stats=1 "corpus-$t") >"$out/$t.log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$t.log")
		echo "PASS fuzz:$t ($secs s, ${runs:-?} inputs)"
	else
		echo "FAIL fuzz:$t"; grep -A20 -m1 'ERROR\|==ERROR\|deadly\|abort' "$out/$t.log" | sed 's/^/  /'
		ls "$out"/crash-* "$out"/leak-* "$out"/timeout-* 2>/dev/null | sed 's/^/  input: /'
		status=1
	fi
done
exit $status
