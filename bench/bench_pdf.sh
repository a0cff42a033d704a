#!/bin/sh
# bench_pdf.sh [BUILD] - PDF speed and memory over corpus/pdf in two modes: one nianbao invocation over the
# whole folder (how users run it) and one process per file, against pdftotext -layout (one process per file,
# the only way it runs) and pdfminer's pdf2txt (per file and all files in one process); then peak RSS of
# nianbao on a 300-page PDF made with pdfunite. Wall time is the mean of REPS runs; CPU (user+sys) is
# printed too because wall time on a shared machine is noisy. Scratch files live in a temp dir.
set -u
B=${1:-build}
BIN="$(cd "$(dirname "$B")" && pwd)/$(basename "$B")/nianbao"
cd "$(dirname "$0")/.." || exit 2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
mkdir "$TMP/pdf"
cp corpus/pdf/*.pdf "$TMP/pdf/"
FILES=$(ls "$TMP"/pdf/*.pdf)
NFILES=$(echo "$FILES" | wc -l)
PAGES=0
for f in $FILES; do PAGES=$((PAGES + $(pdfinfo "$f" | awk '/^Pages:/{print $2}'))); done
PDF2TXT=$(command -v pdf2txt || command -v pdf2txt.py || echo "/usr/bin/python3 -m pdfminer.tools.pdf2txt")
REPS=${REPS:-5}
export FILES

# measure NAME REPS SCRIPT: runs the shell SCRIPT REPS times; prints mean wall and CPU seconds, pages/s,
# peak RSS (largest single process) and keeps the mean wall time in $TMP/NAME.
measure() {
    name=$1; reps=$2; script=$3
    wall=0; cpu=0; peak=0
    for r in $(seq "$reps"); do
        /usr/bin/time -f "%e %U %S %M" -o "$TMP/t" sh -c "$script" >/dev/null 2>&1
        read -r e u s k < "$TMP/t"
        wall=$(awk -v a="$wall" -v b="$e" 'BEGIN { print a + b }')
        cpu=$(awk -v a="$cpu" -v b="$u" -v c="$s" 'BEGIN { print a + b + c }')
        [ "$k" -gt "$peak" ] && peak=$k
    done
    awk -v n="$name" -v w="$wall" -v c="$cpu" -v r="$reps" -v p="$PAGES" -v k="$peak" \
        'BEGIN { t = w / r; printf "%-38s %7.3f s wall %7.3f s CPU %7.1f pages/s  peak RSS %5.1f MB\n", n, t, c / r, p / t, k / 1024 }'
    awk -v w="$wall" -v r="$reps" 'BEGIN { print w / r }' > "$TMP/$name.t"
}
ratio() { awk -v a="$(cat "$TMP/$1.t")" -v b="$(cat "$TMP/$2.t")" 'BEGIN { printf "%.2f", a / b }'; }

echo "corpus/pdf: $NFILES files, $PAGES pages, mean of $REPS runs (pdf2txt: 1 run)"
measure folder "$REPS" "\"$BIN\" extract --quiet -j 1 \"$TMP/pdf\""
measure folder-norules "$REPS" "NB_NO_RULES=1 \"$BIN\" extract --quiet -j 1 \"$TMP/pdf\""
measure folder-j "$REPS" "\"$BIN\" extract --quiet \"$TMP/pdf\""
measure perfile "$REPS" "for f in \$FILES; do \"$BIN\" extract \"\$f\"; done"
measure pdftotext "$REPS" "for f in \$FILES; do pdftotext -layout \"\$f\" -; done"
measure pdf2txt 1 "for f in \$FILES; do $PDF2TXT \"\$f\"; done"
measure pdf2txt-once 1 "$PDF2TXT \$FILES"
echo "  nianbao extract, one invocation, -j 1: $(cat "$TMP/folder.t") s"
echo "  nianbao extract, one invocation, -j cores: $(cat "$TMP/folder-j.t") s"
echo "  nianbao extract, one invocation, -j 1, rule detection off (NB_NO_RULES=1): $(cat "$TMP/folder-norules.t") s"
# per-page cost of rule detection: the time nianbao itself measures around drawing a page's lines and
# fills (extract/pdf_paths.cc) + the rule finder (wall time of that part: run on an idle machine)
NB_RULE_TIMING=1 "$BIN" extract --quiet -j 1 "$TMP/pdf" 2>&1 >/dev/null | sed -n 's/.*rule detection \([0-9.]*\) ms on \([0-9]*\) of .*/\1 \2/p' |
    awk '{ ms += $1; pages += $2 } END { printf "  rule detection: %d pages drawn, %.1f ms, %.2f ms per page\n", pages, ms, ms / (pages ? pages : 1) }'
echo "  nianbao extract, one process per file: $(cat "$TMP/perfile.t") s"
echo "  pdftotext -layout, one process per file: $(cat "$TMP/pdftotext.t") s"
echo "  pdf2txt per file: $(cat "$TMP/pdf2txt.t") s; pdf2txt all files in one process: $(cat "$TMP/pdf2txt-once.t") s"
echo "folder mode (-j 1) / pdftotext: $(ratio folder pdftotext)x (target <= 1.3x); without rule detection $(ratio folder-norules pdftotext)x; pdf2txt one process / folder mode: $(ratio pdf2txt-once folder)x (target >= 10x)"
echo "per-file mode / pdftotext: $(ratio perfile pdftotext)x; pdf2txt per file / per-file mode: $(ratio pdf2txt perfile)x"

# 300 pages: corpus files repeated until the count is reached
set -- ; n=0
while [ "$n" -lt 300 ]; do
    for f in $FILES; do
        [ "$n" -ge 300 ] && break
        set -- "$@" "$f"; n=$((n + $(pdfinfo "$f" | awk '/^Pages:/{print $2}')))
    done
done
pdfunite "$@" "$TMP/big.pdf" 2>/dev/null
BIGP=$(pdfinfo "$TMP/big.pdf" | awk '/^Pages:/{print $2}')
/usr/bin/time -f "%e %M" -o "$TMP/big" "$BIN" convert "$TMP/big.pdf" >/dev/null 2>&1
read -r secs kb < "$TMP/big"
awk -v p="$BIGP" -v s="$secs" -v k="$kb" 'BEGIN { printf "%d-page PDF (pdfunite): nianbao convert %.2f s, peak RSS %.1f MB (target < 100 MB)\n", p, s, k / 1024 }'
/usr/bin/time -f "%e %M" -o "$TMP/big2" pdftotext -layout "$TMP/big.pdf" - >/dev/null 2>&1
read -r secs kb < "$TMP/big2"
awk -v p="$BIGP" -v s="$secs" -v k="$kb" 'BEGIN { printf "%d-page PDF (pdfunite): pdftotext -layout %.2f s, peak RSS %.1f MB\n", p, s, k / 1024 }'
