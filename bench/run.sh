#!/bin/sh
# run.sh [BUILD] - every benchmark in one go (make bench): DOCX, PDF, batch. Figures go to stdout;
# the README's "Benchmarks" table is copied from a run of this on the project's 2-core machine.
B=${1:-build}
cd "$(dirname "$0")/.." || exit 1
for b in docx pdf batch; do
    echo "== bench_$b"
    sh "bench/bench_$b.sh" "$B" || echo "bench_$b failed (exit $?)"
done
