#!/bin/sh
# run.sh [TARGET...] - replays tests/hostile/regress/<target>/ then fuzzes each build-fuzz/fuzz_* for FUZZ_SECONDS
# (default 60) from seeds of corpus/ in the target's format (template: grids written from the corpus documents
# by gen_template_seeds), with tests/fuzz/dict/<target>.dict when present.
# Every crash, leak, timeout or OOM input is copied to tests/hostile/regress/<target>/ and the run fails.
# Each run starts from the seeds (FUZZ_KEEP_CORPUS=1 keeps build-fuzz/work/NAME/corpus for long local runs).
# Prints "fuzz: N passed, M failed" (one per target). Build first: sh tests/fuzz/build.sh (make fuzz).
set -u
cd "$(dirname "$0")/../.."
B=${FUZZ_BUILD:-build-fuzz}
SECS=${FUZZ_SECONDS:-60}
REGRESS=tests/hostile/regress
pass=0 fail=0
# fontconfig's lifetime allocations (page rendering) are not leaks of ours
LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS

# seeds NAME DIR: copies the inputs of NAME's format into DIR (ground truth and notes left out).
seeds() {
    case $1 in
    text) set -- "$2" corpus/text/*.txt tests/hostile/common/*.txt ;;
    clean) set -- "$2" corpus/text/*.txt tests/hostile/common/*.txt ;; # lines of text, valid or not
    docx) set -- "$2" corpus/docx/*.docx template/*.docx tests/hostile/*/*.docx ;;
    pdf) set -- "$2" corpus/pdf/*.pdf tests/hostile/*/*.pdf ;;
    html) set -- "$2" corpus/html/*.htm* tests/hostile/*/*.htm* ;;
    template) # grids written from the corpus documents by gen_template_seeds (built by build.sh)
        ls corpus/*/* 2>/dev/null | grep -v '\.truth\.json$\|README' >"$2.list"
        xargs "$B/gen_template_seeds" "$2" <"$2.list" >/dev/null || echo "fuzz: note: gen_template_seeds failed"
        set -- "$2" ;;
    *) set -- "$2" ;;
    esac
    dir=$1
    shift
    for f in "$@"; do
        [ -f "$f" ] && [ ! -L "$f" ] && [ "$(wc -c <"$f")" -le 4194304 ] && cp "$f" "$dir/" 2>/dev/null
    done
    [ -d tests/fuzz/seeds/"$name" ] && cp tests/fuzz/seeds/"$name"/* "$dir/" 2>/dev/null
    return 0
}

for bin in "$B"/fuzz_*; do
    [ -x "$bin" ] || continue
    name=${bin##*/fuzz_}
    [ $# -eq 0 ] || echo " $* " | grep -q " $name " || continue
    work="$B/work/$name"
    mkdir -p "$work/corpus" "$work/seeds" "$work/art"
    rm -f "$work/art"/* "$work/seeds"/*
    # A corpus kept from earlier runs is replayed whole before fuzzing starts (PDF: ~9 inputs/s), so it
    # would eat the time budget as it grows: start from the seeds unless FUZZ_KEEP_CORPUS=1.
    [ "${FUZZ_KEEP_CORPUS:-0}" = 1 ] || rm -f "$work/corpus"/*
    bad=0
    # 1. Known findings must stay fixed.
    if ls "$REGRESS/$name"/* >/dev/null 2>&1; then
        "$bin" -runs=1 "$REGRESS/$name"/* >"$work/replay.log" 2>&1 || {
            bad=1
            echo "fuzz: FAIL $name: a regression input crashes again:"
            grep -m3 'ERROR\|SUMMARY\|Running:' "$work/replay.log" | tail -3
        }
    fi
    # 2. Fuzz from the seeds (and, with FUZZ_KEEP_CORPUS=1, what earlier runs found).
    seeds "$name" "$work/seeds"
    dict=""
    [ -f "tests/fuzz/dict/$name.dict" ] && dict="-dict=tests/fuzz/dict/$name.dict"
    echo "fuzz: $name for ${SECS}s ($(ls "$work/seeds" | wc -l) seeds${dict:+, dictionary})"
    "$bin" -max_total_time="$SECS" -timeout=25 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$work/art/" $dict "$work/corpus" "$work/seeds" >"$work/fuzz.log" 2>&1
    for a in "$work/art"/*; do
        [ -f "$a" ] || continue
        mkdir -p "$REGRESS/$name"
        cp "$a" "$REGRESS/$name/"
        bad=1
        echo "fuzz: FAIL $name: $(basename "$a") -> $REGRESS/$name/$(basename "$a")"
        grep -m1 -A12 'ERROR: \|==ERROR\|runtime error' "$work/fuzz.log" | sed 's/^/    /'
    done
    grep -q 'Done [0-9]* runs\|stat::number_of_executed_units' "$work/fuzz.log" || {
        [ "$bad" = 1 ] || { bad=1; echo "fuzz: FAIL $name: fuzzer did not finish: $(tail -1 "$work/fuzz.log")"; }
    }
    echo "fuzz: $name $(grep -m1 'stat::number_of_executed_units' "$work/fuzz.log" | awk '{print $2}') runs," \
         "$(ls "$work/corpus" | wc -l) corpus units"
    if [ "$bad" = 1 ]; then fail=$((fail + 1)); else pass=$((pass + 1)); fi
done
echo "fuzz: $pass passed, $fail failed"
[ "$fail" = 0 ] && [ "$pass" -gt 0 ]
