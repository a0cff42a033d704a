#!/bin/sh
# bench_batch.sh [BUILD] [N] - batch throughput: the corpus (and the seeds) replicated to >= N files (default
# 1000), each copy made distinct by appended bytes so the content-hash skip does not apply, extracted into a
# fresh SQLite database with -j 1 and -j 2. Prints documents per second and the share of the run spent
# writing the database (timed in the parent around every sink call; target < 5%).
set -u
B=$(cd "${1:-build}" && pwd) || exit 2
N=${2:-1000}
cd "$(dirname "$0")/.." || exit 2
NB="$B/nianbao"
SEEDS=../shared/seeds
[ -d "$SEEDS" ] || SEEDS=/work/shared/seeds
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
SRC=$(ls corpus/*/* "$SEEDS"/*.txt 2>/dev/null | grep -v -e '\.truth\.json$' -e '/README')
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
printf '%-6s %10s %10s %8s %8s %10s %8s\n' jobs documents errors wall_s docs/s db_write_s db_share
for j in 1 2; do
    rm -f "$TMP/b.sqlite"*
    "$NB" extract -j $j --db "$TMP/b.sqlite" --stats "$TMP/in" >/dev/null 2>"$TMP/err"
    line=$(grep ' inputs: ' "$TMP/err")
    docs=$(echo "$line" | sed -n 's/.*inputs: \([0-9]*\) documents.*/\1/p')
    errs=$(echo "$line" | sed -n 's/.* \([0-9]*\) errors;.*/\1/p')
    wall=$(echo "$line" | sed -n 's/.*; \([0-9.]*\) s, .*/\1/p')
    rate=$(echo "$line" | sed -n 's/.* s, \([0-9.]*\) documents\/s.*/\1/p')
    db=$(sed -n 's/.*database writes \([0-9.]*\) s (\([0-9.]*\)%.*/\1 \2%/p' "$TMP/err")
    printf '%-6s %10s %10s %8s %8s %10s %8s\n' "-j $j" "$docs" "$errs" "$wall" "$rate" ${db:-? ?}
done
