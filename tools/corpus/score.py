#!/usr/bin/python3
"""Score nianbao against the corpus truth: per file, agency/year, section titles, starts/ends of sections 1/5/6,
and values equal to the truth (out of 200). Usage: /usr/bin/python3 tools/corpus/score.py [NIANBAO] [-v]
(NIANBAO defaults to build/nianbao; -v lists every differing value)."""
import glob
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import strip_ws  # noqa: E402


def main():
    args = [a for a in sys.argv[1:] if a != "-v"]
    verbose = "-v" in sys.argv
    exe = args[0] if args else "build/nianbao"
    total_ok = total = 0
    for f in sorted(glob.glob("corpus/*/*.*")):
        if f.endswith(".json"):
            continue
        stem = f.rsplit(".", 1)[0]
        if not os.path.exists(stem + ".truth.json"):
            continue
        t = json.load(open(stem + ".truth.json", encoding="utf-8"))
        p = subprocess.run([exe, "extract", f], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
        try:
            o = json.loads(p.stdout.decode())
        except ValueError:
            print(f"{f:45s} exit {p.returncode}: {p.stderr.decode().strip()[:100]}")
            continue
        secs = {s["number"]: s for s in o.get("sections") or []}
        titles = sum(1 for s in t["sections"] if secs.get(s["number"], {}).get("title") == s["title"])
        se = 0
        for s in t["sections"]:
            if "starts" in s:
                body = strip_ws(secs.get(s["number"], {}).get("text") or "")
                se += body.startswith(s["starts"]) and body.endswith(s["ends"])
        vals = o.get("values") or {}
        null_ok = set(t.get("null_ok", ()))  # crawler truths: null or right
        diff = [k for k, v in t["values"].items() if vals.get(k) != v and not (k in null_ok and vals.get(k) is None)]
        total_ok += 200 - len(diff)
        total += 200
        print(f"{f:45s} agency={'ok' if o.get('agency') == t['agency'] else o.get('agency')} "
              f"year={'ok' if o.get('year') == t['year'] else o.get('year')} titles={titles}/6 "
              f"starts/ends={se}/3 values={200 - len(diff)}/200")
        if verbose:
            for k in diff:
                print(f"    {k}: truth {t['values'][k]} got {vals.get(k)}")
    print(f"values: {total_ok}/{total}")


if __name__ == "__main__":
    main()
