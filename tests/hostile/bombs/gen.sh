#!/bin/sh
# gen.sh GENDIR - called by tests/hostile/run.sh before the cases: makes the CPU bombs of bombs/gen.py.
exec /usr/bin/python3 "$(dirname "$0")/gen.py" "$1"
