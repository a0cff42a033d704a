#!/bin/sh
# bench_batch.sh [BUILD] [N] - batch throughput: the corpus (seeds included: corpus/text/seed_*) replicated to >= N files (default
# 1000), each copy made distinct by appended bytes so the content-hash skip does not apply, extracted into a
# fresh SQLite database with -j 1 and -j 2, and the same runs without a database. Prints documents per second
# and the share of the run the batch spent waiting on the database (target < 5%).
set -u
B=$(cd "${1:-build}" && pwd) || exit 2
N=${2:-1000}
cd "$(dirname "$0")/.." || exit 2
NB="$B/nianbao"

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
SRC=$(ls corpus/*/* 2>/dev/null | grep -v -e '\.truth\.json$' -e '/README')
nsrc=$(echo "$SRC" | wc -l)
mkdir -p "$TMP/in"
i=0
while [ $i -lt "$N" ]; do
    for f in $SRC; do
        base=$(basename "$f")
        case $base in # an appended comment keeps text/HTML valid; PDF and ZIP readers ignore trailing bytes
        *.html | *.htm) { cat "$f"; printf '\n<!-- copy %d -->\n' $i; } > "$TMP/in/c$i-$base" ;;
        *) { cat "$f"; printf '\n%% copy %d\n' $i; } > "$TMP/in/c$i-$base" ;;
        esac
        i=$((i + 1))
        [ $i -ge "$N" ] && break
    done
done
echo "bench_batch: $i files replicated from $nsrc sources ($(du -sh "$TMP/in" | cut -f1)), $(nproc) cores"
# db_wait: seconds the batch loop was blocked on the database writer thread (a full queue, the final drain
# and commit) and its share of the run: the database's cost in wall-clock time (target < 5%).
# writer_busy: seconds the writer thread spent in SQLite, in parallel with the workers (CPU it takes).
# "none": the same run without a database (--summary to /dev/null), for comparison.
printf '%-6s %-5s %9s %7s %8s %8s %11s %8s %8s\n' jobs db documents errors wall_s docs/s writer_busy db_wait db_share
for j in 1 2; do
    for db in sqlite none; do
        rm -f "$TMP/b.sqlite"*
        if [ $db = sqlite ]; then
            "$NB" extract -j $j --db "$TMP/b.sqlite" "$TMP/in" >/dev/null 2>"$TMP/err"
        else
            "$NB" extract -j $j --summary "$TMP/in" >/dev/null 2>"$TMP/err"
        fi
        line=$(grep ' inputs: ' "$TMP/err")
        docs=$(echo "$line" | sed -n 's/.*inputs: \([0-9]*\) documents.*/\1/p')
        errs=$(echo "$line" | sed -n 's/.* \([0-9]*\) errors;.*/\1/p')
        wall=$(echo "$line" | sed -n 's/.*; \([0-9.]*\) s, .*/\1/p')
        rate=$(echo "$line" | sed -n 's/.* s, \([0-9.]*\) documents\/s.*/\1/p')
        busy=$(sed -n 's/.*writer thread busy \([0-9.]*\) s.*/\1/p' "$TMP/err")
        wait=$(sed -n 's/.*the batch waited \([0-9.]*\) s for it (\([0-9.]*\)%.*/\1 \2%/p' "$TMP/err")
        printf '%-6s %-5s %9s %7s %8s %8s %11s %8s %8s\n' "-j $j" $db "$docs" "$errs" "$wall" "$rate" \
            "${busy:--}" ${wait:-- -}
    done
done
