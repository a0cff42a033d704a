#!/bin/sh
# bench_ocr.sh [BUILD] - scanned PDFs (corpus/scan): nianbao's whole pipeline (render at 300 dpi, deskew,
# rule erasing, Tesseract chi_sim + digit re-reads, layout, template, checks) on one core, beside the
# `tesseract` command run on the same pages rendered by `pdftoppm -r 300 -gray` (OCR only: no layout, no
# record). Both single-threaded (OMP_THREAD_LIMIT=1). Prints per file: pages, wall and CPU seconds.
set -u
B=${1:-build}
BIN="$(cd "$(dirname "$B")" && pwd)/$(basename "$B")/nianbao"
cd "$(dirname "$0")/.." || exit 2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
export OMP_THREAD_LIMIT=1
# run NAME SCRIPT: wall and CPU (user+sys) of one run of the shell SCRIPT
run() {
    /usr/bin/time -f "%e %U %S" -o "$TMP/t" sh -c "$2" >/dev/null 2>&1
    read -r e u s <"$TMP/t"
    awk -v n="$1" -v e="$e" -v u="$u" -v s="$s" 'BEGIN { printf "  %-34s %6.2f s wall %6.2f s CPU\n", n, e, u + s }'
}
for f in corpus/scan/*.pdf; do
    pages=$(pdfinfo "$f" | awk '/^Pages:/{print $2}')
    echo "$(basename "$f"): $pages pages"
    run "nianbao extract -j 1" "'$BIN' extract -j 1 '$f'"
    rm -f "$TMP"/p-*.pgm
    pdftoppm -r 300 -gray "$f" "$TMP/p"
    run "pdftoppm + tesseract -l chi_sim" "pdftoppm -r 300 -gray '$f' '$TMP/q'; for p in '$TMP'/p-*.pgm; do tesseract \"\$p\" - -l chi_sim; done"
done
