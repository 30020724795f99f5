#!/bin/sh
# make lint: clang-format's check (kernel style, .clang-format), cppcheck
# and clang-tidy over driver/ and the unit tests.  Prints one PASS/FAIL
# line per tool so that tests/run.sh counts them.
set -u
cd "$(dirname "$0")/.." || exit 2

srcs=$(ls driver/*/*.c driver/*/*.h tests/unit/*.c tests/unit/*.h tests/fuzz/*.c 2>/dev/null)
csrcs=$(ls driver/*/*.c)
incs=$(for d in driver/*/; do printf ' -I%s' "${d%/}"; done)
flags="-std=c11 -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE$incs"
status=0

report() { # name, exit code, log
	if [ "$2" -eq 0 ]; then echo "PASS lint:$1"; else
		echo "FAIL lint:$1"; sed 's/^/  /' "$3" | head -60; status=1; fi
}

log=$(mktemp); trap 'rm -f "$log"' EXIT

# shellcheck disable=SC2086
clang-format --dry-run --Werror $srcs >"$log" 2>&1
report clang-format $? "$log"

# shellcheck disable=SC2086
cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
	--std=c11 --inline-suppr $incs \
	--suppress=missingIncludeSystem $csrcs >"$log" 2>&1
report cppcheck $? "$log"

# bugprone and cert checks find real mistakes in C; left out are the
# style-only and C++-minded ones, and suspicious-string-compare, which
# forbids the kernel's own "if (strcmp(a, b))" idiom, and
# valist.Uninitialized, which in clang 14 flags every va_list passed on
# as a parameter (a false positive on x86-64).
checks='-*,bugprone-*,cert-*,clang-analyzer-*,misc-*,performance-*,-bugprone-suspicious-string-compare,-bugprone-branch-clone,-clang-analyzer-valist.Uninitialized,-bugprone-easily-swappable-parameters,-bugprone-reserved-identifier,-cert-dcl37-c,-cert-dcl51-cpp,-misc-unused-parameters,-cert-err33-c,-bugprone-narrowing-conversions,-clang-analyzer-security.insecureAPI.DeprecatedOrUnsafeBufferHandling,-bugprone-assignment-in-if-condition,-misc-no-recursion'
# shellcheck disable=SC2086
clang-tidy --quiet --warnings-as-errors='*' --checks="$checks" $csrcs -- $flags >"$log" 2>&1
rc=$?
grep -v 'warnings generated' "$log" >"$log.f"; mv "$log.f" "$log"
report clang-tidy $rc "$log"
# The driver's layers (driver/README.md): a file includes headers of its
# own folder and of the folders below it, never above, so nothing calls
# back up the pipeline.
layers="lib c rule pipeline cmd"
: >"$log"
for f in driver/*/*.[ch]; do
	mine=$(echo "$f" | cut -d/ -f2)
	rank=0; for l in $layers; do rank=$((rank + 1)); [ "$l" = "$mine" ] && my=$rank; done
	for h in $(sed -n 's/^#include "\([a-z_]*\.h\)"$/\1/p' "$f"); do
		hp=$(ls driver/*/"$h" 2>/dev/null) || { echo "$f: includes $h, which is in no layer" >>"$log"; continue; }
		theirs=$(echo "$hp" | cut -d/ -f2)
		rank=0; for l in $layers; do rank=$((rank + 1)); [ "$l" = "$theirs" ] && their=$rank; done
		[ "$their" -le "$my" ] || echo "$f ($mine) includes $hp ($theirs), a layer above" >>"$log"
	done
done
[ ! -s "$log" ]
report layers $? "$log"

exit $status
