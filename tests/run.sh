#!/bin/sh
# run.sh BUILD [unit|golden|accuracy|hostile|batch|api] - the test suite; prints "N passed, N failed" last.
# Each part prints its own lines "<name>: N passed, M failed"; this sums them.
B=${1:-build}
ONLY=${2:-all}
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT
run_part() {
    [ "$ONLY" = all ] || [ "$ONLY" = "$1" ] || return 0
    part=$1
    shift
    # a part killed by a signal (a crash) may print no count at all: it counts as a failure
    { "$@" 2>&1; rc=$?; [ "$rc" -lt 128 ] || echo "$part: 0 passed, 1 failed (killed by signal $((rc - 128)): $*)"; } |
        tee -a "$LOG"
}
unit() {
    for t in "$B"/tests/test_*; do
        [ -x "$t" ] || continue
        "$t" || echo "$(basename "$t"): 0 passed, 1 failed (exit status)"
    done
}
run_part unit unit
[ -f tests/golden/run.sh ] && run_part golden sh tests/golden/run.sh "$B"
[ -f tests/accuracy.py ] && run_part accuracy python3 tests/accuracy.py "$B/nianbao" corpus
[ -f tests/hostile/run.sh ] && run_part hostile sh tests/hostile/run.sh "$B"
[ -f tests/hostile/doc/run_office.sh ] && run_part hostile sh tests/hostile/doc/run_office.sh "$B"
[ -f tests/batch/batch_test.sh ] && run_part batch sh tests/batch/batch_test.sh "$B"
[ -f tests/batch/pg_test.sh ] && run_part batch sh tests/batch/pg_test.sh "$B"
# the library as users get it: C (pkg-config, install), Python, Excel; Debian's python3 modules
[ -f tests/api/api_test.sh ] && run_part api sh tests/api/api_test.sh "$B"
# (python loads libnianbao.so: not possible for a sanitized build, whose runtime must load first)
[ -f tests/python/test_nianbao.py ] && [ -z "${NB_SANITIZED:-}" ] && run_part api /usr/bin/python3 tests/python/test_nianbao.py "$B"
[ -f tests/api/xlsx_test.py ] && run_part api /usr/bin/python3 tests/api/xlsx_test.py "$B"
pass=$(sed -n 's/.*: \([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed.*/\1/p' "$LOG" | awk '{s+=$1} END {print s+0}')
fail=$(sed -n 's/.*: \([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed.*/\2/p' "$LOG" | awk '{s+=$1} END {print s+0}')
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
