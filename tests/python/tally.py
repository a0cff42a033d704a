"""tally.py - the Python tests' counter (tests/python/test_nianbao.py, tests/api/xlsx_test.py), as
tests/unit/harness.h is the C tests': ok(cond, what) counts a check and prints a failure to stderr;
done() prints "PART: N passed, M failed" (read by tests/run.sh) and exits non-zero on a failure."""
import sys


class Tally:
    def __init__(self, part, where):
        self.part, self.where = part, where
        self.passed = self.failed = 0

    def ok(self, cond, what):
        if cond:
            self.passed += 1
        else:
            self.fail(what)

    def fail(self, what):
        self.failed += 1
        print(f"{self.where}: FAIL: {what}", file=sys.stderr)

    def done(self):
        print(f"{self.part}: {self.passed} passed, {self.failed} failed")
        sys.exit(1 if self.failed else 0)
