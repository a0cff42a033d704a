#!/usr/bin/python3
"""odd_names.py DIR SEED [GARBAGE] - writes 16 reports under file names that break naive writers (not
UTF-8, newlines, quotes, commas, control and bidi characters, backslashes) into DIR, each a copy of
SEED; the first GARBAGE of them (default 0) hold binary noise instead, so that they fail. One report's
title carries an escape sequence and a bidi override inside its agency name.
Prints the names, one per line, each as Python bytes repr (the check scripts read them back)."""
import os
import sys

NAMES = [
    b"bad\xff\xfe.txt",                           # not UTF-8
    "报告".encode("gbk") + b".txt",                # a GBK name
    b"two\nnianbao: forged line.txt",             # a newline that would forge a stderr line
    b'say "hi".txt',                               # quotes
    b"a,b;c.txt",                                  # CSV separators
    b"cr\r\n.txt",                                 # CR LF
    b"tab\t.txt",
    b"esc\x1b[31mred\x1b]0;owned\x07.txt",        # terminal escape sequences
    "bidi\u202etxt.exe".encode(),                  # right-to-left override
    b"back\\slash\\x41.txt",                       # backslashes and a literal \x41
    b"it's.txt",
    b" lead and trail .txt",
    b"del\x7f.txt",
    "c1\u0085.txt".encode(),                       # a C1 control (NEL)
    "iso\u2066x\u2069\u200b.txt".encode(),         # isolates and a zero-width space
    b"\\.txt",
]


def main():
    out, seed = sys.argv[1].encode(), open(sys.argv[2], "rb").read()
    garbage = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    os.makedirs(out, exist_ok=True)
    for i, name in enumerate(NAMES):
        body = os.urandom(4096) if i < garbage else seed
        if i == garbage:  # agency with an escape sequence and a bidi override in its title
            text = seed.decode("utf-8")
            lines = text.split("\n")
            k = next(j for j, l in enumerate(lines) if "年度报告" in l)
            lines[k] = lines[k][:1] + "\x1b[2J\u202e" + lines[k][1:]
            body = "\n".join(lines).encode("utf-8")
        with open(os.path.join(out, name), "wb") as f:
            f.write(body)
        print(repr(name))


main()
