#!/bin/sh
# api_test.sh BUILD - the library as users get it: make install into a temporary PREFIX, a C program
# built with `pkg-config --cflags --libs nianbao` only and the installed Python package each read
# corpus documents and agree with `nianbao extract`; the soname and exported symbols; make
# uninstall leaves nothing; a DESTDIR round trip; the man page renders without warnings and names
# every option --help shows. Prints "api: N passed, M failed".
B=${1:-build}
NB="$B/nianbao"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { # ok NAME STATUS [DETAIL]
    if [ "$2" -eq 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "api: FAIL: $1 ${3:-}" >&2; fi
}
DOCS="corpus/docx/01_template_merged.docx corpus/pdf/06_reportlab_ruled.pdf corpus/html/02_gbk_gb2312.html corpus/text/01_pdftotext_layout.txt"

# the shared library: soname, versioned file, only the public names exported
readelf -d "$B/libnianbao.so.0.1.0" | grep -q 'SONAME.*\[libnianbao.so.0\]'
ok "soname libnianbao.so.0" $?
n=$(nm -D --defined-only "$B/libnianbao.so.0.1.0" | awk '$2 == "T" && $3 !~ /^nianbao_/' | wc -l)
[ "$n" -eq 0 ]; ok "only nianbao_* exported" $? "($n others)"

# install into a temporary prefix
P="$T/prefix"
make -s --no-print-directory install BUILD="$B" PREFIX="$P" >/dev/null 2>"$T/install.err"
ok "make install PREFIX" $? "$(head -3 "$T/install.err")"
for f in bin/nianbao lib/nianbao/nianbao-pdf.so lib/libnianbao.so lib/libnianbao.so.0 lib/libnianbao.so.0.1.0 include/nianbao.h \
         lib/pkgconfig/nianbao.pc share/man/man1/nianbao.1 lib/python3/dist-packages/nianbao/__init__.py; do
    [ -e "$P/$f" ]; ok "installed $f" $?
done

# A sanitized library cannot be loaded by an ordinary program (the ASan runtime must come first):
# under `make asan` the client and Python parts are skipped (test_api.c covers the API there).
if [ -n "${NB_SANITIZED:-}" ]; then
    echo "api: sanitized build: the pkg-config client and installed-Python checks are skipped" >&2
    DOCS=""
fi
# a C program built with pkg-config alone
if [ -n "$DOCS" ]; then
    PKG_CONFIG_PATH="$P/lib/pkgconfig" cc -std=c11 -Wall -Werror tests/api/client.c -o "$T/client" \
        $(PKG_CONFIG_PATH="$P/lib/pkgconfig" pkg-config --cflags --libs nianbao) 2>"$T/cc.err"
    ok "client builds with pkg-config --cflags --libs nianbao" $? "$(head -3 "$T/cc.err")"
fi
for d in $DOCS; do
    LD_LIBRARY_PATH="$P/lib" "$T/client" "$d" > "$T/c.json" 2>"$T/c.err"
    ok "client reads $d" $? "$(cat "$T/c.err")"
    "$NB" extract --format jsonl "$d" > "$T/n.json" 2>/dev/null
    cmp -s "$T/c.json" "$T/n.json"; ok "client JSON = nianbao extract for $d" $?
done
if [ -n "$DOCS" ]; then
    LD_LIBRARY_PATH="$P/lib" "$T/client" corpus/no/such.pdf 2>"$T/c.err" >/dev/null
    [ $? -eq 1 ] && grep -q "code 2" "$T/c.err"; ok "client gets the error code" $?
fi

# the installed Python package finds the installed library by itself
for d in $DOCS; do
    "$NB" extract --format jsonl "$d" > "$T/n.json" 2>/dev/null
    env -u NIANBAO_LIB PYTHONPATH="$P/lib/python3/dist-packages" /usr/bin/python3 -c '
import json, sys, nianbao
sys.exit(0 if nianbao.extract(sys.argv[1]) == json.load(open(sys.argv[2])) else 1)' "$d" "$T/n.json" 2>"$T/py.err"
    ok "installed python extract = nianbao extract for $d" $? "$(tail -1 "$T/py.err")"
done
"$P/bin/nianbao" --version | grep -q "^nianbao 0.1.0"; ok "installed command runs" $?
"$P/bin/nianbao" extract --format jsonl corpus/pdf/06_reportlab_ruled.pdf > "$T/i.json" 2>"$T/i.err"
"$NB" extract --format jsonl corpus/pdf/06_reportlab_ruled.pdf | cmp -s - "$T/i.json"
ok "installed command reads a PDF through its installed module" $? "$(head -2 "$T/i.err")"

make -s --no-print-directory uninstall BUILD="$B" PREFIX="$P" >/dev/null 2>&1
left=$(find "$P" ! -type d | wc -l)
[ "$left" -eq 0 ]; ok "make uninstall removes every file" $? "($left left)"

# DESTDIR round trip (a package build)
make -s --no-print-directory install BUILD="$B" PREFIX=/usr DESTDIR="$T/dest" >/dev/null 2>&1
n=$(find "$T/dest/usr" ! -type d | wc -l)
[ "$n" -eq 9 ]; ok "DESTDIR install puts 9 files" $? "($n)"
grep -q '^prefix=/usr$' "$T/dest/usr/lib/pkgconfig/nianbao.pc"; ok "nianbao.pc names the PREFIX, not DESTDIR" $?
make -s --no-print-directory uninstall BUILD="$B" PREFIX=/usr DESTDIR="$T/dest" >/dev/null 2>&1
n=$(find "$T/dest" ! -type d | wc -l)
[ "$n" -eq 0 ]; ok "DESTDIR uninstall" $? "($n left)"

# start-up: the command does not link poppler; without its module a PDF is a one-line error and
# the other formats still work
! ldd "$NB" | grep -q poppler; ok "the command does not link poppler" $?
mkdir "$T/bare" && cp "$NB" "$T/bare/nianbao"
"$T/bare/nianbao" extract corpus/pdf/06_reportlab_ruled.pdf > /dev/null 2>"$T/bare.err"
st=$?
[ $st -eq 1 ] && [ "$(wc -l < "$T/bare.err")" -eq 1 ] && grep -q "06_reportlab_ruled.pdf: cannot read PDF: the poppler module is missing" "$T/bare.err"
ok "a missing PDF module is one error line" $? "(status $st: $(head -2 "$T/bare.err"))"
"$NB" extract --format jsonl corpus/docx/01_template_merged.docx > "$T/d1.json"
"$T/bare/nianbao" extract --format jsonl corpus/docx/01_template_merged.docx | cmp -s - "$T/d1.json"
ok "without the PDF module DOCX still works" $?

# the man page: renders without warnings, and names every option --help shows
MANWIDTH=80 man --warnings -l "$B/nianbao.1" > "$T/man.txt" 2>"$T/man.err"
ok "man renders" $?
[ ! -s "$T/man.err" ]; ok "man --warnings is silent" $? "$(head -3 "$T/man.err")"
sed 's/\\-/-/g' "$B/nianbao.1" > "$T/man.roff"
missing=""
for cmd in extract check convert debug; do
    for opt in $("$NB" $cmd --help | sed -n 's/^  \(-[-a-z]*\)\(, \(-[-a-z]*\)\)\{0,1\}.*/\1 \3/p'); do
        grep -q -- "^\.B $opt\b\|, $opt\b" "$T/man.roff" || missing="$missing $cmd:$opt"
    done
done
[ -z "$missing" ]; ok "every --help option is in the man page" $? "$missing"
n=$("$NB" extract --help | grep -c '^  -')
[ "$n" -ge 15 ]; ok "extract --help lists its options" $? "($n)"

echo "api: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
