#!/bin/sh
# bench_docx.sh [BUILD] - DOCX throughput and memory: nianbao extract vs pandoc -t plain vs docx2txt over corpus/docx.
# One process per document for every tool (as a user would run them), REPEAT passes (default 5). Prints, per tool:
# documents per second by wall clock and by CPU time (user+sys: fairer on a loaded machine), and the peak RSS of the
# largest single run. Then nianbao once more with all files in one process. Needs /usr/bin/time (Debian: time).
set -u
B=${1:-build}
REPEAT=${REPEAT:-5}
DIR=${DOCX_DIR:-corpus/docx}
cd "$(dirname "$0")/.." || exit 2
NB="$B/nianbao"
[ -x "$NB" ] || { echo "bench_docx: $NB missing (make BUILD=$B)"; exit 2; }
[ -x /usr/bin/time ] || { echo "bench_docx: /usr/bin/time missing"; exit 2; }
FILES=$(ls "$DIR"/*.docx 2>/dev/null)
[ -n "$FILES" ] || { echo "bench_docx: no .docx in $DIR"; exit 2; }
NFILES=$(echo "$FILES" | wc -l)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM

now() { date +%s%N; }

# run_tool NAME CMD...: the file name is appended to CMD; prints one result line.
run_tool() {
    name=$1
    shift
    command -v "$1" >/dev/null 2>&1 || { printf '%-22s not installed\n' "$name"; return; }
    : >"$TMP/times"
    fails=0
    start=$(now)
    i=0
    while [ "$i" -lt "$REPEAT" ]; do
        for f in $FILES; do
            /usr/bin/time -f '%U %S %M' -a -o "$TMP/times" "$@" "$f" >/dev/null 2>"$TMP/err" || fails=$((fails + 1))
        done
        i=$((i + 1))
    done
    end=$(now)
    awk -v n="$((NFILES * REPEAT))" -v ns="$((end - start))" -v name="$name" -v fails="$fails" '
        NF == 3 { cpu += $1 + $2; if ($3 > rss) rss = $3 }
        END {
            wall = ns / 1e9
            printf "%-22s %6d docs %8.1f docs/s wall %8.1f docs/s cpu %8.1f MB peak RSS%s\n", name, n,
                n / wall, (cpu > 0 ? n / cpu : 0), rss / 1024, (fails ? "  (" fails " failed)" : "")
        }' "$TMP/times"
}

echo "bench_docx: $NFILES files in $DIR, $REPEAT passes, load $(cut -d' ' -f1-3 /proc/loadavg)"
run_tool "nianbao extract" "$NB" extract
run_tool "pandoc -t plain" pandoc -t plain
run_tool "docx2txt" docx2txt
# All files in one nianbao process: startup (OpenCC dictionaries, libraries) paid once.
start=$(now)
/usr/bin/time -f '%U %S %M' -o "$TMP/one" "$NB" extract $FILES >/dev/null 2>&1
end=$(now)
awk -v n="$NFILES" -v ns="$((end - start))" '{ printf "%-22s %6d docs %8.1f docs/s wall %8.1f docs/s cpu %8.1f MB peak RSS\n",
    "nianbao (one process)", n, n / (ns / 1e9), n / ($1 + $2 > 0 ? $1 + $2 : 1e-9), $3 / 1024 }' "$TMP/one"
