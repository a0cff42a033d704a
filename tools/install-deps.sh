#!/bin/sh
# install-deps.sh - installs with apt-get whatever nianbao's build, tests and benchmarks need.
# Idempotent and quiet when everything is present; set NB_DEPS=build to install only the build set,
# NB_DEPS=corpus to add what tools/corpus/generate.py needs to regenerate the committed corpus.
set -e
BUILD_PKGS="build-essential pkg-config libpoppler-glib-dev libcairo2-dev libzip-dev libxml2-dev libpcre2-dev
 libopencc-dev opencc libsqlite3-dev sqlite3 libpq-dev python3"
BUILD_PKGS="$BUILD_PKGS poppler-data"
# issue 11: PDF rules from the page's drawing (extract/pdf_paths.cc): poppler's core C++ headers, g++
BUILD_PKGS="$BUILD_PKGS libpoppler-private-dev g++"
# --xlsx (libxlsxwriter); the man page is checked with man (groff)
BUILD_PKGS="$BUILD_PKGS libxlsxwriter-dev"
BUILD_PKGS="$BUILD_PKGS libtesseract-dev libleptonica-dev"
# issue 12: scans are read with Tesseract (opened at run time), .doc/.wps/.rtf/.odt through LibreOffice
BUILD_PKGS="$BUILD_PKGS tesseract-ocr tesseract-ocr-chi-sim libreoffice-writer-nogui"
# the second model that reads an OCR'd title again (extract/ocr.c read_witness; optional at run time)
BUILD_PKGS="$BUILD_PKGS tesseract-ocr-script-hans"
TEST_PKGS="clang libclang-rt-14-dev valgrind poppler-utils fonts-noto-cjk postgresql
 pandoc docx2txt python3-pdfminer time
 python3-pandas python3-openpyxl man-db groff-base"
# the corpus generator (not needed by build or tests: the corpus is committed)
CORPUS_PKGS="python3-docx python3-reportlab libreoffice-writer-nogui chromium
 fonts-arphic-uming fonts-arphic-ukai img2pdf python3-pil"
# crawler text of portal pages (heldout.py's dumpers, corpus/text/crawler_1N_*); pandoc is in TEST_PKGS
CORPUS_PKGS="$CORPUS_PKGS w3m lynx elinks links2 html2text python3-bs4 python3-html2text python3-lxml"
want="$BUILD_PKGS"
[ "${NB_DEPS:-all}" = build ] || want="$want $TEST_PKGS"
[ "${NB_DEPS:-all}" != corpus ] || want="$want $CORPUS_PKGS"
missing=""
for p in $want; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "install-deps: installing$missing" >&2
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
$SUDO apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
