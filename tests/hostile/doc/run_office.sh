#!/bin/sh
# run_office.sh BUILD - the LibreOffice path under trouble (issue 12). Prints "office: N passed, M failed".
#  1. a converter that hangs: a stand-in soffice first on PATH sleeps forever on a file that says HANG;
#     with --timeout 4 the conversion is killed after 3 s (0.75 of it), that file fails with one line,
#     the other file of the batch is still read, nothing of the conversion is left in TMPDIR or running;
#  2. no LibreOffice at all: the error names the package to install;
#  3. the macro document: converting it creates no file (its load-event macro would write one;
#     doc/make.py says how far this reaches).
B=$(cd "${1:-build}" && pwd) || exit 2
cd "$(dirname "$0")/../../.." || exit 2
BIN="$B/nianbao"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
pass=0 fail=0
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "office: FAIL $*"; }

REAL=$(command -v soffice)
mkdir -p "$TMP/bin" "$TMP/tmp"
cat >"$TMP/bin/soffice" <<EOS
#!/bin/sh
# stand-in: hangs on a document holding HANG, else the real LibreOffice
for a; do f=\$a; done
if grep -q HANG "\$f" 2>/dev/null; then echo \$\$ >"$TMP/hang.pid"; exec sleep 600; fi
exec "${REAL:-/usr/bin/soffice}" "\$@"
EOS
chmod +x "$TMP/bin/soffice"
printf '{\\rtf1 HANG}' >"$TMP/hang.rtf"
start=$(date +%s)
PATH="$TMP/bin:$PATH" TMPDIR="$TMP/tmp" "$BIN" extract --timeout 4 --format jsonl "$TMP/hang.rtf" \
    corpus/text/03_gb18030_tabs.txt >"$TMP/out" 2>"$TMP/err"
secs=$(($(date +%s) - start))
grep -q "hang.rtf: LibreOffice conversion timed out after 3 s" "$TMP/err" && ok || ko "hang: $(head -c 300 "$TMP/err")"
[ "$(wc -l <"$TMP/err")" -le 2 ] && ok || ko "hang: stderr: $(head -c 300 "$TMP/err")"
grep -q '"format":"text"' "$TMP/out" && ok || ko "hang: the batch did not go on to the next file"
[ "$secs" -lt 15 ] && ok || ko "hang: took $secs s"
[ -z "$(ls "$TMP/tmp")" ] && ok || ko "hang: left in TMPDIR: $(ls "$TMP/tmp")"
if [ -s "$TMP/hang.pid" ] && kill -0 "$(cat "$TMP/hang.pid")" 2>/dev/null; then
    ko "hang: the hanging converter (pid $(cat "$TMP/hang.pid")) still runs"
    kill "$(cat "$TMP/hang.pid")"
else
    ok
fi

mkdir -p "$TMP/nobin"
for t in sh cat grep; do ln -s "$(command -v $t)" "$TMP/nobin/$t"; done
PATH="$TMP/nobin" "$BIN" extract corpus/doc/01_template_merged.doc >/dev/null 2>"$TMP/err"
rc=$?
[ $rc = 1 ] && grep -q "apt-get install libreoffice-writer-nogui" "$TMP/err" && ok ||
    ko "no LibreOffice: status $rc, $(head -c 300 "$TMP/err")"

rm -f /tmp/nianbao-macro-ran
"$BIN" extract tests/hostile/doc/macro_onload.odt >/dev/null 2>&1
[ ! -e /tmp/nianbao-macro-ran ] && ok || ko "macro: the document's macro ran (/tmp/nianbao-macro-ran exists)"

echo "office: $pass passed, $fail failed"
[ "$fail" = 0 ]
