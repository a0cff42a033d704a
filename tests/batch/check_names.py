#!/usr/bin/python3
"""check_names.py KIND FILE NAMES DIR - reads FILE (KIND: jsonl, csv, sqlite, dbcsv) strictly as UTF-8,
unescapes every path (README "File names in output": \\\\ is a backslash, \\xHH a byte) and prints how
many distinct original names of NAMES (odd_names.py's output, under DIR) it recovered exactly, and the
number of lines/rows that were not valid."""
import ast
import csv
import json
import re
import sqlite3
import sys


def unescape(s):
    return re.sub(rb"\\\\|\\x([0-9a-fA-F]{2})",
                  lambda m: b"\\" if m.group(0) == b"\\\\" else bytes([int(m.group(1), 16)]),
                  s.encode("utf-8"))


def paths(kind, file):
    if kind == "jsonl":
        with open(file, "rb") as f:
            return [json.loads(line.decode("utf-8"))["file"] for line in f]
    if kind == "csv":  # nianbao extract --format csv: file,format,agency,year,field,value
        with open(file, newline="", encoding="utf-8", errors="strict") as f:
            return [row[0] for row in csv.reader(f)]
    if kind == "dbcsv":  # --csv DIR: documents.csv, path is the 2nd column
        with open(file, newline="", encoding="utf-8", errors="strict") as f:
            return [row[1] for row in list(csv.reader(f))[1:]]
    db = sqlite3.connect(file)
    return [r[0] for r in db.execute("select path from documents union all select path from errors")]


def main():
    kind, file, names, d = sys.argv[1:5]
    want = {d.encode() + b"/" + ast.literal_eval(line) for line in open(names) if line.strip()}
    got = {unescape(p) for p in paths(kind, file)}
    print(len(want & got), len(got - want))


main()
