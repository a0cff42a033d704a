#!/bin/sh
# gen.sh GENDIR - called by tests/hostile/run.sh before the cases: makes the damage/ inputs (issue 10).
exec /usr/bin/python3 "$(dirname "$0")/gen.py" "$1"
