#!/bin/sh
# golden/update.sh BUILD - rewrites tests/golden/<corpus path>.json from the current build.
# Review the result with `git diff tests/golden` before committing it.
B=${1:-build}
find corpus -type f ! -name '*.truth.json' ! -name '*.md' | sort | while read -r doc; do
    out="tests/golden/$doc.json"
    mkdir -p "$(dirname "$out")"
    "$B/nianbao" extract --format json "$doc" >"$out" 2>/dev/null || true
    [ -s "$out" ] || rm -f "$out"
done
echo "golden files: $(find tests/golden/corpus -name '*.json' | wc -l)"
