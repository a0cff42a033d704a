#!/bin/sh
# pg_test.sh BUILD - nianbao extract --pg against a real, throw-away PostgreSQL cluster (initdb in a temp dir,
# unix socket only, run as an unprivileged user when we are root): the same rows as the SQLite run, re-runs
# idempotent. Skips (with a message) only when the PostgreSQL server binaries are absent.
# Prints one line per failure and "pg: N passed, M failed" last.
set -u
B=$(cd "${1:-build}" && pwd) || exit 2
cd "$(dirname "$0")/../.." || exit 2
NB="$B/nianbao"
SEEDS=corpus/text  # seed_*.txt: the five seed reports (tools/corpus/SEEDS.md)
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ] || ! command -v psql >/dev/null; then
    echo "pg: skipped: PostgreSQL server binaries not found (Debian package postgresql)"
    echo "pg: 0 passed, 0 failed"
    exit 0
fi
TMP=$(mktemp -d)
chmod 755 "$TMP"
AS=""
if [ "$(id -u)" = 0 ]; then # the server refuses to run as root
    if id postgres >/dev/null 2>&1; then RUNAS=postgres; else RUNAS=nobody; fi
    AS="runuser -u $RUNAS --"
fi
PGDATA="$TMP/data" SOCK="$TMP/sock"
mkdir -p "$PGDATA" "$SOCK"
[ -n "$AS" ] && chown "$RUNAS" "$PGDATA" "$SOCK"
stop() {
    $AS "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate stop >/dev/null 2>&1
    rm -rf "$TMP"
}
trap stop EXIT INT TERM
pass=0 fail=0
ok() { if [ "$2" = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "pg: FAIL $1${3:+: $3}"; fi; }
eq() { [ "$2" = "$3" ]; ok "$1" $? "got '$2', expected '$3'"; }

PORT=54329
if ! $AS "$PGBIN/initdb" -D "$PGDATA" -U nb -A trust -E UTF8 --no-locale --no-sync >"$TMP/initdb.log" 2>&1 ||
   ! $AS "$PGBIN/pg_ctl" -D "$PGDATA" -w -l "$SOCK/server.log" \
       -o "-k $SOCK -h '' -p $PORT -F -c fsync=off" start >/dev/null 2>&1; then
    ok "start a throw-away cluster" 1 "$(tail -3 "$TMP/initdb.log" "$SOCK/server.log" 2>/dev/null | tr '\n' ' ')"
    echo "pg: $pass passed, $fail failed"
    exit 1
fi
CONN="host=$SOCK port=$PORT user=nb dbname=postgres"
pq() { psql -X -At -d "$CONN" -c "$1"; }
sq() { sqlite3 "$TMP/out.sqlite" "$1"; }

D="$TMP/in"
mkdir -p "$D"
cp "$SEEDS"/seed_*.txt "$D/" && chmod u+w "$D"/*
for f in $(ls corpus/html/*.html corpus/text/*.txt 2>/dev/null | head -4); do cp "$f" "$D/"; done
printf 'PK\003\004 not a zip' > "$D/broken.docx"
head -c 2048 /dev/urandom > "$D/noise.bin"
ln -s "$TMP/nowhere" "$D/dangling.txt"

"$NB" extract -j 2 --pg "$CONN" "$D" >/dev/null 2>"$TMP/pg.err"
"$NB" extract -j 2 --db "$TMP/out.sqlite" "$D" >/dev/null 2>&1
[ -s "$TMP/pg.err" ] && grep -q "inputs:" "$TMP/pg.err"; ok "pg run finished" $? "$(tail -1 "$TMP/pg.err")"
for t in documents sections field_values checks warnings errors; do
    eq "$t rows: postgres = sqlite" "$(pq "select count(*) from $t")" "$(sq "select count(*) from $t")"
done
eq "documents: same paths and hashes" "$(pq "select md5(string_agg(path || ' ' || sha256, ',' order by path)) from documents")" \
   "$(sq "select group_concat(x, ',') from (select path || ' ' || sha256 as x from documents order by path)" | tr -d '\n' | md5sum | cut -d' ' -f1)"
eq "field_values: same sum" "$(pq "select round(coalesce(sum(value), 0) * 100)::bigint from field_values")" \
   "$(sq "select cast(round(coalesce(sum(value), 0) * 100) as integer) from field_values")"
eq "failed checks: same count" "$(pq "select count(*) from checks where ok = 0")" \
   "$(sq "select count(*) from checks where ok = 0")"
n=$(pq "select count(*) from documents") e=$(pq "select count(*) from errors")
eq "documents + errors = inputs" "$((n + e))" "$(ls "$D" | wc -l)"

"$NB" extract -j 2 --pg "$CONN" "$D" >/dev/null 2>"$TMP/pg2.err"
grep -q "0 documents, $n unchanged (skipped)" "$TMP/pg2.err"; ok "pg re-run skips unchanged files" $? "$(grep inputs "$TMP/pg2.err")"
f=$(ls "$D" | grep "^seed_.*txt$" | head -1)
echo " " >> "$D/$f"
"$NB" extract -j 2 --pg "$CONN" "$D" >/dev/null 2>"$TMP/pg3.err"
grep -q "1 documents, $((n - 1)) unchanged" "$TMP/pg3.err"; ok "pg re-run replaces a changed file" $? "$(grep inputs "$TMP/pg3.err")"
eq "still one row per input" "$(pq "select (select count(*) from documents) + (select count(*) from errors)")" "$((n + e))"
eq "no orphan values" "$(pq "select count(*) from field_values where document_id not in (select id from documents)")" 0
"$NB" extract --pg "host=$SOCK port=1 user=nb" "$D" >/dev/null 2>"$TMP/bad.err"
[ $? -ne 0 ] && grep -q "postgres: connect" "$TMP/bad.err"; ok "unreachable server: clear error" $? "$(cat "$TMP/bad.err")"

# ---- odd file names (not UTF-8, newlines, quotes, controls, bidi): 16 documents -> 16 stored ----
PY=/usr/bin/python3
ON="$TMP/names"
$PY tests/batch/odd_names.py "$ON/d" "$SEEDS/seed_000.txt" > "$ON.list"
chmod -R a+rX "$ON"
pq "drop table if exists documents, sections, field_values, checks, warnings, errors, skipped cascade" >/dev/null
( cd "$ON" && "$NB" extract -j 2 --pg "$CONN" d >/dev/null 2>"$TMP/on.err" )
eq "odd names: exit 0" $? 0
eq "odd names: 16 documents stored" "$(pq "select count(*) from documents")" 16
pq "select path from documents" | $PY -c "
import re, sys, ast
want = {b'd/' + ast.literal_eval(l) for l in open(sys.argv[1]) if l.strip()}
got = set()
for line in sys.stdin.buffer.read().decode('utf-8').split('\n'):
    if line:
        got.add(re.sub(rb'\\\\\\\\|\\\\x([0-9a-f]{2})', lambda m: b'\\\\' if m.group(0) == b'\\\\\\\\' else bytes([int(m.group(1), 16)]), line.encode()))
sys.exit(0 if got == want else 1)" "$ON.list"
ok "odd names: every stored path unescapes to its file's exact bytes" $?

# ---- one input the server refuses costs only that input: it becomes an errors row (kind store) ----
pq "create or replace function nb_refuse() returns trigger as \$\$ begin
      if new.path like '%a,b;c%' then raise exception 'refused by test trigger'; end if; return new; end \$\$ language plpgsql;
    create trigger nb_refuse before insert on documents for each row execute function nb_refuse()" >/dev/null
( cd "$ON" && "$NB" extract -j 2 --force --pg "$CONN" d >/dev/null 2>"$TMP/on2.err" )
eq "refused row: the other 15 documents stored" "$(pq "select count(*) from documents")" 15
eq "refused row: the refused input is an errors row of kind store" \
   "$(pq "select count(*) from errors where kind = 'store' and reason like '%refused by test trigger%' and path like '%a,b;c%'")" 1
grep -q "postgres refused the rows of 1 input" "$TMP/on2.err"; ok "refused row: said on stderr" $? "$(cat "$TMP/on2.err")"
pq "drop trigger nb_refuse on documents" >/dev/null
( cd "$ON" && "$NB" extract -j 2 --pg "$CONN" d >/dev/null 2>&1 )
eq "refused row: a re-run stores it" "$(pq "select count(*) from documents")" 16
eq "refused row: and drops its errors row" "$(pq "select count(*) from errors")" 0

echo "pg: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
