#!/bin/sh
# golden/run.sh BUILD - every corpus document's JSON record against tests/golden/<path>.json.
# The expected files change only through `make golden-update`, reviewed as a diff.
B=${1:-build}
pass=0 fail=0
for exp in $(find tests/golden/corpus -name '*.json' 2>/dev/null | sort); do
    doc=${exp#tests/golden/}
    doc=${doc%.json}
    if [ ! -f "$doc" ]; then
        echo "golden: $doc: expected output exists but the document is gone"
        fail=$((fail + 1))
        continue
    fi
    # one JSON item per line, so a difference names the fields that changed
    "$B/nianbao" extract --format json "$doc" 2>/dev/null | sed 's/,"/,\n"/g' >/tmp/golden.got.$$
    if sed 's/,"/,\n"/g' "$exp" | diff -u - /tmp/golden.got.$$ >/tmp/golden.$$ 2>&1; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "golden: $doc differs:"
        grep "^[-+][^-+]" /tmp/golden.$$ | cut -c1-160 | head -20
    fi
done
rm -f /tmp/golden.$$ /tmp/golden.got.$$
echo "golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
