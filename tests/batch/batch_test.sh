#!/bin/sh
# batch_test.sh BUILD - batch runs into a database lose nothing: a folder of good, corrupt, unreadable,
# looping and vanishing inputs ends as exactly one documents or errors row each; re-runs are idempotent;
# an interrupted run leaves a consistent database that a re-run completes; SQLite and CSV hold the same rows.
# Prints one line per failure and "batch: N passed, M failed" last.
set -u
B=$(cd "${1:-build}" && pwd) || exit 2
cd "$(dirname "$0")/../.." || exit 2
NB="$B/nianbao"
PY=/usr/bin/python3
SEEDS=corpus/text  # seed_*.txt: the five seed reports (tools/corpus/SEEDS.md)
TMP=$(mktemp -d)
trap 'chmod -R u+rwx "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT INT TERM
pass=0 fail=0
ok() { # ok NAME CONDITION-RESULT(0/1) [detail]
    if [ "$2" = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "batch: FAIL $1${3:+: $3}"; fi
}
eq() { [ "$2" = "$3" ]; ok "$1" $? "got '$2', expected '$3'"; }
q() { sqlite3 "$1" "$2"; }

# ---- the folder: good files, damaged files, unreadable entries, loops ----
D="$TMP/in"
mkdir -p "$D/good" "$D/bad"
cp "$SEEDS"/seed_*.txt "$D/good/"
chmod u+w "$D"/good/*
n_corpus=0
for f in $(ls corpus/html/*.html corpus/text/*.txt 2>/dev/null | head -4); do
    cp "$f" "$D/good/" && n_corpus=$((n_corpus + 1))
done
n_good=$(( $(ls "$SEEDS"/seed_*.txt | wc -l) + n_corpus ))
printf '%%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntruncated' > "$D/bad/corrupt.pdf"
printf 'PK\003\004 this is no zip archive at all' > "$D/bad/notzip.docx"
head -c 4096 /dev/urandom > "$D/bad/garbage.bin"
: > "$D/bad/empty.txt"
cp "$SEEDS/$(ls "$SEEDS" | grep "^seed_.*txt$" | head -1)" "$D/bad/noperm.txt" && chmod 000 "$D/bad/noperm.txt"
ln -s "$TMP/nowhere.pdf" "$D/bad/dangling.pdf"
mkfifo "$D/bad/fifo.txt"
ln -s loopB "$D/bad/loopA" && ln -s loopA "$D/bad/loopB"
ln -s . "$D/bad/dirloop"
mkdir "$D/bad/folder.pdf" && cp "$SEEDS/$(ls "$SEEDS" | grep "^seed_.*txt$" | head -1)" "$D/bad/folder.pdf/inner.txt"
cp "$D/good/$(ls "$D/good" | head -1)" "$TMP/gone.txt"
# good + 4 corrupt + noperm + dangling + fifo + 2 loops + dirloop + folder.pdf/inner.txt + gone.txt
expected=$((n_good + 4 + 1 + 1 + 1 + 2 + 1 + 1 + 1))

# gone.txt is listed (stat succeeds) and deleted before any worker reads it.
DB="$TMP/out.sqlite"
{ echo "$D"; echo "$TMP/gone.txt"; sleep 1; rm -f "$TMP/gone.txt"; } |
    "$NB" extract --db "$DB" -j 2 - >"$TMP/out1" 2>"$TMP/err1"
rc=$?
eq "exit status 1 when some inputs fail" "$rc" 1
docs=$(q "$DB" "select count(*) from documents")
errs=$(q "$DB" "select count(*) from errors")
eq "documents + errors = inputs" "$((docs + errs))" "$expected"
eq "no path both a document and an error" \
   "$(q "$DB" "select count(*) from documents d join errors e on e.path = d.path")" 0
[ "$docs" -ge "$n_good" ]; ok "every good file is a document ($docs >= $n_good)" $?
eq "stdout empty with --db" "$(wc -c < "$TMP/out1")" 0
for pat in "dangling.pdf|cannot open" "loopA|symbolic links" "fifo.txt|not a regular file" \
           "dirloop|symlink loop" "gone.txt|cannot open" "empty.txt|empty" "garbage.bin|" \
           "corrupt.pdf|" "notzip.docx|"; do
    name=${pat%%|*} why=${pat#*|}
    n=$(q "$DB" "select count(*) from errors where path like '%$name' and reason like '%$why%'")
    eq "errors row for $name ($why)" "$n" 1
done
eq "one stderr line per failed input" "$(grep -c '^nianbao: /' "$TMP/err1")" \
   "$((errs + $(q "$DB" "select count(*) from documents where tables_found = 0")))"
grep -q "inputs: $docs documents, 0 unchanged (skipped), $errs errors" "$TMP/err1"
ok "summary line at the end" $? "$(tail -2 "$TMP/err1" | head -1)"
eq "sha256 of a good file" "$(q "$DB" "select sha256 from documents where path like '%good/$(ls "$D/good" | head -1)'")" \
   "$(sha256sum "$D/good/$(ls "$D/good" | head -1)" | cut -d' ' -f1)"
eq "field_values rows = n_values" "$(q "$DB" "select count(*) from documents d where n_values <> \
   (select count(*) from field_values v where v.document_id = d.id)")" 0
eq "checks rows = n_checks" "$(q "$DB" "select count(*) from documents d where n_checks <> \
   (select count(*) from checks c where c.document_id = d.id)")" 0

# ---- re-run: unchanged files skipped, a changed file replaced, nothing duplicated ----
"$NB" extract --db "$DB" -j 2 "$D" >/dev/null 2>"$TMP/err2"
grep -q "0 documents, $docs unchanged (skipped)" "$TMP/err2"
ok "re-run skips every unchanged document" $? "$(grep inputs "$TMP/err2")"
first=$(ls "$D/good" | head -1)
echo " " >> "$D/good/$first"
"$NB" extract --db "$DB" -j 2 "$D" >/dev/null 2>"$TMP/err3"
grep -q "1 documents, $((docs - 1)) unchanged (skipped)" "$TMP/err3"
ok "a changed file is re-processed" $? "$(grep inputs "$TMP/err3")"
eq "still one row per input (gone.txt's row stays)" \
   "$(($(q "$DB" "select count(*) from documents") + $(q "$DB" "select count(*) from errors")))" "$expected"
eq "changed file has its new hash" "$(q "$DB" "select sha256 from documents where path like '%good/$first'")" \
   "$(sha256sum "$D/good/$first" | cut -d' ' -f1)"
eq "no orphan field_values" "$(q "$DB" "select count(*) from field_values where document_id not in (select id from documents)")" 0

# ---- CSV holds the same rows as SQLite ----
rm -f "$D/bad/fifo.txt" # (a second reader of the FIFO is pointless)
mkfifo "$D/bad/fifo.txt"
"$NB" extract --csv "$TMP/csv" --db "$TMP/both.sqlite" "$D" >/dev/null 2>&1
for t in documents sections field_values checks warnings errors; do
    c=$($PY -c "import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline='', encoding='utf-8'))) - 1)" "$TMP/csv/$t.csv")
    eq "csv $t rows = sqlite rows" "$c" "$(q "$TMP/both.sqlite" "select count(*) from $t")"
done

# ---- shards: 1/3 + 2/3 + 3/3 = the whole list, no overlap ----
for k in 1 2 3; do "$NB" extract --db "$TMP/shard$k.sqlite" --shard $k/3 "$D" >/dev/null 2>&1; done
tot=0
for k in 1 2 3; do
    tot=$((tot + $(q "$TMP/shard$k.sqlite" "select count(*) from documents") + $(q "$TMP/shard$k.sqlite" "select count(*) from errors")))
done
eq "shards cover every input once" "$tot" "$((expected - 1))"

# ---- interrupted runs (SIGINT, SIGTERM) leave a consistent database; a re-run finishes ----
M="$TMP/many"
mkdir -p "$M"
i=0
while [ $i -lt 2000 ]; do  # enough work that the run is still going when the signal comes
    for s in "$SEEDS"/seed_*.txt; do
        { cat "$s"; echo; echo "<!-- copy $i -->"; } > "$M/r$i-$(basename "$s")"
    done
    i=$((i + 5))
done
total=$(ls "$M" | wc -l)
for sig in INT TERM; do
    IDB="$TMP/int-$sig.sqlite"
    "$NB" extract --db "$IDB" -j 2 "$M" >/dev/null 2>"$TMP/int.err" &
    pid=$!
    sleep 1.5
    kill -$sig $pid
    wait $pid
    rc=$?
    [ $rc -ne 0 ]; ok "SIGINT/SIGTERM run exits non-zero ($sig: $rc)" $?
    got=$(q "$IDB" "select count(*) from documents")
    eq "integrity after SIG$sig" "$(q "$IDB" "pragma integrity_check")" ok
    eq "consistent rows after SIG$sig" "$(q "$IDB" "select count(*) from documents d where n_values <> \
       (select count(*) from field_values v where v.document_id = d.id)")" 0
    [ "$got" -lt "$total" ]; ok "SIG$sig stopped the run early ($got of $total)" $?
    "$NB" extract --db "$IDB" -j 2 "$M" >/dev/null 2>"$TMP/int2.err"
    eq "re-run after SIG$sig completes" "$(q "$IDB" "select count(*) from documents")" "$total"
    grep -q "$((total - got)) documents, $got unchanged" "$TMP/int2.err"
    ok "re-run after SIG$sig only does the rest" $? "$(grep inputs "$TMP/int2.err")"
done

# ---- nianbao check ----
"$NB" check "$D/good" > "$TMP/check.out" 2>/dev/null
rc=$?
grep -q "files: " "$TMP/check.out"; ok "check prints a summary" $?
[ $rc -le 1 ]; ok "check exit status 0 or 1" $?
"$NB" check "$D/bad/garbage.bin" > "$TMP/check2.out" 2>/dev/null
eq "check exits 1 on an unreadable report" $? 1
# check --db reads the records back instead of extracting again: the same report, the same status
cp "$D/bad/garbage.bin" "$D/good/zz_garbage.bin"
"$NB" extract --db "$TMP/check.sqlite" "$D/good" >/dev/null 2>&1
"$NB" check "$D/good" > "$TMP/check3.out" 2>/dev/null
rc1=$?
"$NB" check --db "$TMP/check.sqlite" > "$TMP/check4.out" 2>/dev/null
eq "check --db exit status = check PATH exit status" $? $rc1
cmp -s "$TMP/check3.out" "$TMP/check4.out"
ok "check --db prints the same report as check PATH" $? "$(diff "$TMP/check3.out" "$TMP/check4.out" | head -3)"
grep -q "zz_garbage.bin: error" "$TMP/check4.out"; ok "check --db lists an errors row" $?
"$NB" check --db "$TMP/nothing.sqlite" >/dev/null 2>"$TMP/check5.err"
eq "check --db on a missing database exits 1" $? 1
grep -q "no such database" "$TMP/check5.err"; ok "check --db names the missing database" $?

echo "batch: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
