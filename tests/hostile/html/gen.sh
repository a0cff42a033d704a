#!/bin/sh
# gen.sh GENDIR - called by tests/hostile/run.sh before the cases: makes the big gen/html_* pages.
exec /usr/bin/python3 "$(dirname "$0")/gen.py" "$1"
