#!/usr/bin/python3
"""scan_probe.py NIANBAO [SALT] [NAME_PART...] - a held-out probe of the OCR path, not part of the corpus:
every corpus/pdf file (or those whose name holds a NAME_PART) is scanned the way make_scan.py does (grey at
150, 200 or 300 dpi, turned by up to 1 degree, speckled, JPEG q70-80), with settings drawn per file from
SALT, and read by nianbao; prints per file the values right, null and WRONG (non-null and different from
the truth), agency and year (right, null or WRONG), and the total. The three corpus/scan files are fixed
regression cases; this asks whether what holds on them holds on every other corpus PDF scanned. Scans are
cached in NB_SCAN_PROBE_DIR (default /tmp/nb-scan-probe). Run from the repository root with /usr/bin/python3."""
import json
import os
import random
import subprocess
import sys
import types
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import heldout    # noqa: E402
import make_scan  # noqa: E402


def settings(name, salt):
    rng = random.Random(f"{name}/{salt}")
    return rng.choice([150, 200, 300]), rng.uniform(-1, 1), rng.choice([70, 75, 80])


def probe(exe, name, salt, out):
    dpi, angle, quality = settings(name, salt)
    dst = os.path.join(out, f"{name}_s{salt}.pdf")
    if not os.path.exists(dst):
        make_scan.scan(f"corpus/pdf/{name}.pdf", dst, dpi, angle, quality, 7 + salt)
    # a generous timeout: on a machine shared with other jobs a 300-dpi scan can pass the default 60 s of
    # wall time, and the probe measures the OCR, not the load
    p = subprocess.run([exe, "extract", "--timeout", "600", dst], capture_output=True)
    try:
        got = json.loads(p.stdout.decode("utf-8"))
    except ValueError:
        got = {}
    truth = json.load(open(f"corpus/pdf/{name}.truth.json", encoding="utf-8"))
    right, null, wrong = heldout.score(types.SimpleNamespace(values=truth["values"], agency=truth["agency"],
                                                             year=truth["year"]), got)
    meta = []
    for key in ("agency", "year"):
        g = got.get(key)
        meta.append(f"{key} " + ("null" if g is None else "ok" if g == truth.get(key) else "WRONG"))
    return f"{name:38s} {dpi} {angle:+.2f}  right {right:3d} null {null:3d} wrong {len(wrong)}  " + ", ".join(meta), \
        right, null, wrong, dst


def main():
    exe, salt = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 0
    names = sorted(f[:-4] for f in os.listdir("corpus/pdf") if f.endswith(".pdf"))
    names = [n for n in names if not sys.argv[3:] or any(p in n for p in sys.argv[3:])]
    out = os.environ.get("NB_SCAN_PROBE_DIR", "/tmp/nb-scan-probe")
    os.makedirs(out, exist_ok=True)
    total = [0, 0, 0]
    with ThreadPoolExecutor(2) as ex:
        for line, right, null, wrong, dst in ex.map(lambda n: probe(exe, n, salt, out), names):
            total[0] += right
            total[1] += null
            total[2] += len(wrong)
            print(line, flush=True)
            for w in wrong:
                print(f"   WRONG {dst}: {w}", flush=True)
    print("TOTAL right %d null %d WRONG %d" % tuple(total))


if __name__ == "__main__":
    main()
