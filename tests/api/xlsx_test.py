"""xlsx_test.py BUILD - `nianbao extract --xlsx` read back with openpyxl: the four sheets, the values
sheet's 3-row header (row label, column label, field id) over 200 columns, frozen panes, every value
equal to the command's JSON and stored as a number, the failed checks and the errors.
Run with /usr/bin/python3 (Debian's openpyxl). Prints "xlsx: N passed, M failed"."""
import json
import os
import subprocess
import sys
import tempfile

import openpyxl

sys.path.insert(0, "tests/python")
from tally import Tally  # noqa: E402

BUILD = sys.argv[1] if len(sys.argv) > 1 else "build"
NB = os.path.join(BUILD, "nianbao")
tally = Tally("xlsx", "xlsx")
ok = tally.ok


with tempfile.TemporaryDirectory() as tmp:
    book = os.path.join(tmp, "reports.xlsx")
    missing = os.path.join(tmp, "missing.pdf")
    run = subprocess.run([NB, "extract", "-q", "-j", "2", "--xlsx", book, "--format", "jsonl",
                          "corpus", missing], capture_output=True)
    ok(run.returncode == 1, f"exit status 1 with an unreadable input (got {run.returncode})")
    want = {r["file"]: r for r in map(json.loads, run.stdout.decode().splitlines())}
    ok(len(want) >= 20, f"{len(want)} records")
    wb = openpyxl.load_workbook(book)
    ok(wb.sheetnames == ["documents", "values", "failed checks", "errors"], f"sheets {wb.sheetnames}")

    vs = wb["values"]
    ids = [vs.cell(3, c).value for c in range(2, vs.max_column + 1)]
    ok(len(ids) == 200 and ids[16] == "t3.new.total", f"{len(ids)} value columns")
    ok(vs.freeze_panes == "B4", f"values frozen at {vs.freeze_panes}")
    ok(vs.cell(1, 19).value == "二、上年结转政府信息公开申请数量" and vs.cell(2, 19).value == "自然人",
       f"t3.carried_in.natural_person headed by {vs.cell(1, 19).value} / {vs.cell(2, 19).value}")
    ok(vs.cell(2, 13).value == "法人或其他组织 商业企业", f"column label {vs.cell(2, 13).value}")
    files = [vs.cell(r, 1).value for r in range(4, vs.max_row + 1)]
    ok(sorted(files) == sorted(want) and files == sorted(files), "one row per document, by path")
    equal = numeric = 0
    for r, f in enumerate(files, start=4):
        vals = want.get(f, {}).get("values", {})
        cells = [vs.cell(r, c).value for c in range(2, 202)]
        equal += all(cells[i] == vals.get(k) for i, k in enumerate(ids))
        numeric += all(c is None or isinstance(c, (int, float)) for c in cells)
    ok(equal == len(files), f"values equal the JSON in {equal} of {len(files)} rows")
    ok(numeric == len(files), "values stored as numbers")

    ds = wb["documents"]
    ok([c.value for c in ds[1]][:4] == ["file", "format", "agency", "year"], "documents header")
    ok(ds.freeze_panes == "A2", f"documents frozen at {ds.freeze_panes}")
    rows = {row[0]: row for row in ds.iter_rows(min_row=2, values_only=True)}
    ok(all(rows[f][2] == w["agency"] and rows[f][3] == w["year"] and rows[f][1] == w["format"]
           for f, w in want.items() if f in rows) and len(rows) == len(want), "documents rows")
    nfail = sum(1 for w in want.values() for c in w["checks"] if c["ok"] is False)
    ok(all(rows[f][6] == sum(c["ok"] is False for c in w["checks"]) for f, w in want.items()),
       "failed check counts")
    cs = wb["failed checks"]
    ok(cs.max_row - 1 == nfail and nfail > 0, f"failed checks sheet {cs.max_row - 1} rows, JSON {nfail}")
    es = wb["errors"]
    errs = list(es.iter_rows(min_row=2, values_only=True))
    ok(len(errs) == 1 and errs[0][0] == missing and errs[0][1] == "read", f"errors sheet {errs}")
    ok(15 <= ds.column_dimensions["A"].width <= 80 and vs.column_dimensions["B"].width >= 10,
       "readable widths")

    bad = subprocess.run([NB, "extract", "-q", "--xlsx", os.path.join(tmp, "no", "dir", "x.xlsx"),
                          "corpus/docx/01_template_merged.docx"], capture_output=True)
    ok(bad.returncode != 0 and b"x.xlsx" in bad.stderr, f"an unwritable workbook fails: {bad.stderr!r}")

tally.done()
