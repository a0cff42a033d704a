#!/bin/sh
# bench_pdf.sh [BUILD] - PDF speed and memory: nianbao extract vs pdftotext -layout vs pdfminer's pdf2txt over
# corpus/pdf (pages per second, peak RSS), then peak RSS of nianbao on a 300-page PDF made with pdfunite.
set -u
B=${1:-build}
BIN="$B/nianbao"
cd "$(dirname "$0")/.." || exit 2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
FILES=$(ls corpus/pdf/*.pdf)
PAGES=0
for f in $FILES; do PAGES=$((PAGES + $(pdfinfo "$f" | awk '/^Pages:/{print $2}'))); done
PDF2TXT=$(command -v pdf2txt || command -v pdf2txt.py || echo "/usr/bin/python3 -m pdfminer.tools.pdf2txt")
# run NAME CMD... : runs CMD on every corpus file REPS times, prints wall time, pages/s and peak RSS
REPS=${REPS:-5}
run() {
    name=$1; shift
    start=$(date +%s.%N); peak=0
    for r in $(seq "$REPS"); do
        for f in $FILES; do
            /usr/bin/time -f %M -o "$TMP/rss" "$@" "$f" >/dev/null 2>&1
            kb=$(tail -1 "$TMP/rss"); [ "$kb" -gt "$peak" ] 2>/dev/null && peak=$kb
        done
    done
    end=$(date +%s.%N)
    awk -v n="$name" -v s="$start" -v e="$end" -v p="$PAGES" -v r="$REPS" -v k="$peak" \
        'BEGIN { t = (e - s) / r; printf "%-22s %8.3f s  %8.1f pages/s  peak RSS %6.1f MB\n", n, t, p / t, k / 1024 }'
}
echo "corpus/pdf: $(echo "$FILES" | wc -l) files, $PAGES pages, best of $REPS runs averaged"
run "nianbao extract" "$BIN" extract
run "pdftotext -layout" sh -c 'pdftotext -layout "$0" -'
REPS=1 run "pdf2txt (pdfminer)" $PDF2TXT
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
