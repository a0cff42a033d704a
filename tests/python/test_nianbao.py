"""test_nianbao.py BUILD - the Python package (python/nianbao) over BUILD/libnianbao.so.0 against
the command's own JSON: every corpus document from a path and from bytes, errors as NianbaoError,
per-call caps, extract_many on threads, to_dataframe. Run with /usr/bin/python3 (Debian's pandas).
Prints "python: N passed, M failed"."""
import json
import math
import os
import subprocess
import sys

BUILD = sys.argv[1] if len(sys.argv) > 1 else "build"
os.environ.setdefault("NIANBAO_LIB", os.path.join(BUILD, "libnianbao.so.0"))
sys.path[:0] = ["python", "tests/python"]
import nianbao  # noqa: E402
from tally import Tally  # noqa: E402

tally = Tally("python", "tests/python/test_nianbao.py")
ok = tally.ok


def corpus():
    out = []
    for root, _, files in os.walk("corpus"):
        out += [os.path.join(root, f) for f in files if not f.endswith(".truth.json")]
    return sorted(out)


def command_json(paths):
    run = subprocess.run([os.path.join(BUILD, "nianbao"), "extract", "--format", "jsonl", "-q",
                          *paths], capture_output=True)
    return {r["file"]: r for r in map(json.loads, run.stdout.decode().splitlines())}


paths = corpus()
want = command_json(paths)
ok(len(want) == len(paths) and len(paths) >= 20, f"the command gave {len(want)} of {len(paths)}")
for p in paths:
    rec = nianbao.extract(p)
    ok(rec == want.get(p), f"extract({p}) equals the command's JSON")
    with open(p, "rb") as f:
        ok(nianbao.extract(f.read(), name=p) == want.get(p), f"extract(bytes of {p})")

ok(nianbao.version() == "0.1.0", "version")
ok(len(nianbao.field_ids()) == 200 and nianbao.field_ids()[16] == "t3.new.total", "field_ids")

try:
    nianbao.extract("corpus/no/such.docx")
    ok(False, "a missing file raises")
except nianbao.NianbaoError as e:
    ok(e.code == 2 and e.path == "corpus/no/such.docx" and e.message, f"missing file error {e}")
try:
    nianbao.extract(b"\x89PNG\r\n\x1a\n" + b"0" * 32, name="x.png")
    ok(False, "an image raises")
except nianbao.NianbaoError as e:
    ok(e.code == 4, f"image error code {e.code}")
try:
    nianbao.extract(paths[0], limits={"input_bytes": 100})
    ok(False, "a cap raises")
except nianbao.NianbaoError as e:
    ok(e.code == 5, f"cap error code {e.code}")
ok(nianbao.extract(paths[0]) == want[paths[0]], "the cap was that call's only")
try:
    nianbao.extract(paths[0], limits={"no_such": 1})
    ok(False, "an unknown limit raises")
except ValueError:
    ok(True, "")

scans = [p for p in paths if "/scan/" in p]
unread = nianbao.extract(scans[0], ocr="never") if scans else {}
ok(scans and not any(v is not None for v in unread["values"].values()) and
   any("no text layer" in w for w in unread["warnings"]), "ocr='never' leaves a scan unread")
try:
    nianbao.extract(paths[0], ocr="sometimes")
    ok(False, "an unknown ocr mode raises")
except ValueError:
    ok(True, "")

many = list(nianbao.extract_many(paths, jobs=2))
ok(sorted(r["file"] for r in many) == paths, "extract_many yields every document once")
differ = [r["file"] for r in many if r != want[r["file"]]]
ok(not differ, "extract_many records equal the command's" +
   "".join(f"; {f} differs in {sorted(k for k in want[f] if next(r for r in many if r['file'] == f).get(k) != want[f][k])}"
           for f in differ))
mixed = list(nianbao.extract_many([paths[0], "corpus/no/such.pdf"], jobs=2, errors="yield"))
ok(sum(isinstance(r, nianbao.NianbaoError) for r in mixed) == 1 and len(mixed) == 2,
   "errors='yield' yields the error and goes on")

try:
    import pandas  # noqa: F401
    df = nianbao.to_dataframe(many)
    ok(df.shape == (len(paths), 205), f"dataframe shape {df.shape}")
    same = 0
    for _, row in df.iterrows():
        vals = want[row["file"]]["values"]
        same += all((vals[i] is None and math.isnan(row[i])) or row[i] == vals[i]
                    for i in nianbao.field_ids())
    ok(same == len(paths), f"dataframe values equal the JSON for {same} of {len(paths)}")
except ImportError:
    tally.fail("pandas missing, to_dataframe not tested")

tally.done()
