#!/bin/sh
# run.sh BUILD - replays tests/hostile/cases.tsv through BUILD/nianbao extract, each input bounded in time and memory.
# Each case must exit with its status, print exactly one stderr line naming the file and containing the expected
# text, take < 2 s of CPU (user + system, workers included: wall time on a shared 2-core machine swings 2-3x
# with load; wall time must stay under WALL_FACTOR x the limit, which still catches a sleeping hang) and
# < 128 MB peak RSS (bounds skipped when NB_SANITIZED=1), and never print /etc/passwd.
#
# cases.tsv: path<TAB>status<TAB>substring[<TAB>flags], '#' starts a comment. path is relative to tests/hostile/,
# except gen/NAME: a file that tests/hostile/*/gen.sh GENDIR makes at test time (too big or too odd to commit).
# status "any": exit 0 or 1 and at most one stderr line (files in regress/ are replayed so without a line).
# flags: xfail = a known, reported failure: printed as XFAIL, not counted (XPASS when it starts passing);
#        slow = the file goes through LibreOffice or OCR (seconds of start-up, LibreOffice's own memory):
#        wall-time limit SLOW_SECS, RSS not checked;
#        stdout=TEXT = the record on stdout must contain TEXT (a cut's warning);
#        convert = run `nianbao convert` instead of `extract` (the Markdown writer's bounds);
#        values200 = the record on stdout must hold all 200 values (a report read whole, not lost).
# Env: HOSTILE_CASES (another cases file), HOSTILE_TIMEOUT (kill after, s), HOSTILE_MAX_SECS, HOSTILE_MAX_KB.
# Prints one line per failure and "hostile: N passed, M failed" last.
set -u
B=$(cd "${1:-build}" && pwd) || exit 2
cd "$(dirname "$0")/../.." || exit 2
BIN="$B/nianbao"
MAX_SECS=${HOSTILE_MAX_SECS:-2}
SLOW_SECS=${HOSTILE_SLOW_SECS:-20}
WALL_FACTOR=${HOSTILE_WALL_FACTOR:-4}
MAX_KB=${HOSTILE_MAX_KB:-131072}
if [ "${NB_SANITIZED:-0}" = 1 ]; then TMO=${HOSTILE_TIMEOUT:-30}; else TMO=${HOSTILE_TIMEOUT:-10}; fi
TIME=/usr/bin/time
[ -x "$TIME" ] || { TIME=; echo "hostile: note: /usr/bin/time missing (Debian package time): RSS not checked"; }

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
GEN="$TMP/gen"
mkdir -p "$GEN"
for g in tests/hostile/*/gen.sh; do
    [ -f "$g" ] || continue
    sh "$g" "$GEN" >"$TMP/gen.log" 2>&1 || { echo "hostile: FAIL $g: generator failed: $(tail -1 "$TMP/gen.log")"; }
done
# A line of the real /etc/passwd: no output may ever contain it (XXE, XInclude, file:// references).
PASSWD_LINE=$(head -1 /etc/passwd 2>/dev/null)
[ -n "$PASSWD_LINE" ] || PASSWD_LINE="root:x:0:0:"

pass=0 fail=0
# bad REASON: records a failure reason for the current case.
why=""
bad() { why="${why:+$why; }$*"; }

run_case() { # path status substring flags
    lim=$MAX_SECS
    case ${4:-} in *slow*) lim=$SLOW_SECS ;; esac
    cmd=extract
    case ${4:-} in *convert*) cmd=convert ;; esac
    case $1 in
    gen/*) file="$GEN/${1#gen/}" ;;
    *) file="tests/hostile/$1" ;;
    esac
    why=""
    if [ ! -e "$file" ] && [ ! -L "$file" ]; then
        bad "input missing"
        return
    fi
    start=$(date +%s%N)
    if [ -n "$TIME" ]; then
        timeout -k 2 "$TMO" "$TIME" -f '%e %M %U %S' -o "$TMP/time" "$BIN" "$cmd" "$file" >"$TMP/out" 2>"$TMP/err"
    else
        timeout -k 2 "$TMO" "$BIN" "$cmd" "$file" >"$TMP/out" 2>"$TMP/err"
    fi
    rc=$?
    end=$(date +%s%N)
    secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
    kb=0 cpu=$secs
    [ -n "$TIME" ] && [ -s "$TMP/time" ] && kb=$(tail -1 "$TMP/time" | awk '{ print $2 + 0 }') &&
        cpu=$(tail -1 "$TMP/time" | awk '{ printf "%.2f", $3 + $4 }')
    if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
        bad "killed after ${TMO} s (hang or runaway)"
        return
    fi
    lines=$(wc -l <"$TMP/err")
    if [ "$2" = any ]; then # a fuzz finding: any clean outcome (record or one-line error), no crash
        case $rc in 0 | 1) ;; *) bad "exit status $rc (crash?): $(head -c 300 "$TMP/err" | tr '\n' ' ')" ;; esac
        [ "$lines" -le 1 ] || bad "stderr has $lines lines, expected at most 1"
    elif [ "$2" = 0 ] && [ -z "$3" ]; then
        [ "$rc" = 0 ] || bad "exit status $rc, expected 0"
        [ "$lines" = 0 ] || bad "stderr has $lines lines, expected none"
    else
        [ "$rc" = "$2" ] || bad "exit status $rc, expected $2"
        [ "$lines" = 1 ] || bad "stderr has $lines lines, expected 1: $(head -3 "$TMP/err" | cut -c1-160 | tr '\n' '|')"
        grep -qF -- "$file" "$TMP/err" || bad "stderr does not name the file"
        grep -qF -- "$3" "$TMP/err" || bad "stderr lacks '$3': $(head -c 200 "$TMP/err" | head -1)"
    fi
    case ${4:-} in
    *stdout=*) want=${4#*stdout=}; grep -qF -- "$want" "$TMP/out" || bad "stdout lacks '$want'" ;;
    *values200*)
        nv=$(grep -c '^ *"t[234]\.[a-z_.]*": [0-9]' "$TMP/out")
        [ "$nv" = 200 ] || bad "$nv of 200 values in the record"
        ;;
    esac
    # extract runs files in forked workers: a crash or hang there comes back as one clean-looking line.
    if grep -q 'worker crashed\|worker exited with status\|timeout: no result after' "$TMP/err"; then
        bad "the worker died: $(head -1 "$TMP/err")"
    fi
    if grep -qF -- "$PASSWD_LINE" "$TMP/out" "$TMP/err" || grep -q 'root:x\?:0:0' "$TMP/out" "$TMP/err"; then
        bad "output contains /etc/passwd"
    fi
    if [ "${NB_SANITIZED:-0}" != 1 ]; then
        awk -v s="$cpu" -v m="$lim" 'BEGIN { exit !(s < m) }' || bad "took ${cpu} s of CPU (limit ${lim} s)"
        awk -v s="$secs" -v m="$lim" -v f="$WALL_FACTOR" 'BEGIN { exit !(s < m * f) }' ||
            bad "took ${secs} s wall (limit ${WALL_FACTOR} x ${lim} s)"
        [ "$lim" != "$MAX_SECS" ] || [ "$kb" -lt "$MAX_KB" ] || bad "peak RSS ${kb} KB (limit ${MAX_KB} KB)"
    fi
}

# Tabs become \037 first: IFS would fold a run of tabs (an empty substring column) into one separator.
US=$(printf '\037')
tr -d '\r' <"${HOSTILE_CASES:-tests/hostile/cases.tsv}" | tr '\t' '\037' >"$TMP/cases"
# Fuzz findings in regress/ (not regress/template/: those are grids, replayed by tests/fuzz/run.sh) need no line.
for f in tests/hostile/regress/*/* tests/hostile/regress/*; do
    [ -f "$f" ] || continue
    case $f in */README* | */template/*) continue ;; esac
    rel=${f#tests/hostile/}
    grep -q "^$rel$US" "$TMP/cases" || printf '%s\037any\037\n' "$rel" >>"$TMP/cases"
done
while IFS="$US" read -r path status substr flags; do
    case $path in '' | '#'*) continue ;; esac
    run_case "$path" "$status" "${substr:-}" "${flags:-}" </dev/null
    case ${flags:-} in
    *xfail*)
        if [ -n "$why" ]; then echo "hostile: XFAIL $path: $why"; else echo "hostile: XPASS $path (drop its xfail flag)"; fi
        ;;
    *)
        if [ -n "$why" ]; then
            fail=$((fail + 1))
            echo "hostile: FAIL $path: $why"
        else
            pass=$((pass + 1))
        fi
        ;;
    esac
done <"$TMP/cases"
echo "hostile: $pass passed, $fail failed"
[ "$fail" = 0 ]
