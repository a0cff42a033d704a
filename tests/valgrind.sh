#!/bin/sh
# valgrind.sh BUILD - the unit test binaries and a sample of corpus and hostile files under valgrind memcheck:
# any invalid access, uninitialised use or definite/indirect leak fails. Prints "valgrind: N passed, M failed".
# VALGRIND_SAMPLE = files per corpus format (default 2). Library-internal "possible" leaks (GLib type system,
# OpenCC dictionaries) are not counted: they are allocations kept for the process lifetime.
# --cpu-scale 0: under valgrind every file takes 20-50 times its CPU time; the watchdog would end it.
set -u
B=${1:-build}
cd "$(dirname "$0")/.." || exit 2
N=${VALGRIND_SAMPLE:-2}
LOG=$(mktemp -d)
trap 'rm -rf "$LOG"' EXIT
pass=0 fail=0
VG="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect
 --show-leak-kinds=definite,indirect --track-origins=yes --num-callers=30
 --suppressions=tests/valgrind.supp"

# check NAME CMD...: passes unless valgrind reported an error (exit 99) or the command crashed.
check() {
    name=$1
    shift
    $VG --log-file="$LOG/vg.log" "$@" >/dev/null 2>"$LOG/err"
    rc=$?
    if [ "$rc" = 99 ] || [ "$rc" -ge 128 ] || [ -s "$LOG/vg.log" ]; then
        fail=$((fail + 1))
        echo "valgrind: FAIL $name (exit $rc):"
        grep -m12 -v '^==[0-9]*== *$' "$LOG/vg.log" | sed 's/^/    /'
    else
        pass=$((pass + 1))
    fi
}

export NB_TEST_CPU_SCALE=0 # the unit tests' budget off, as --cpu-scale 0 below (tests/unit/harness.h)
for t in "$B"/tests/test_*; do
    [ -x "$t" ] && check "$(basename "$t")" "$t"
done
for fmt in text docx pdf html; do
    ls corpus/$fmt/* 2>/dev/null | grep -v '\.truth\.json$\|README' | head -n "$N" >"$LOG/list"
    while read -r f; do check "$f" "$B/nianbao" extract --cpu-scale 0 "$f"; done <"$LOG/list"
done
for f in tests/hostile/common/*.txt tests/hostile/common/*.docx tests/hostile/common/*.bin; do
    [ -f "$f" ] && [ ! -L "$f" ] && check "$f" "$B/nianbao" extract --cpu-scale 0 "$f"
done
# the library's claim that records can be made on several threads at once: the API test's threads
# (DOCX, HTML, PDF, and a per-call cap) under helgrind; any data race or lock-order report fails
if [ -x "$B/tests/test_api" ]; then
    VG="valgrind -q --tool=helgrind --error-exitcode=99 --num-callers=30" check "test_api (helgrind)" "$B/tests/test_api"
fi
echo "valgrind: $pass passed, $fail failed"
[ "$fail" = 0 ]
