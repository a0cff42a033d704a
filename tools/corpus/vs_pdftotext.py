#!/usr/bin/env python3
"""vs_pdftotext.py NIANBAO [PDF...] - the geometry path against `pdftotext -layout` piped into nianbao's own
text path, on every corpus PDF (default corpus/pdf/*.pdf), both scored against the PDF's truth: values right,
null and WRONG (given and different from the truth) for each. The geometry path must never be worse.
Not part of `make check` (a measurement; the text path's no-wrong-values guarantee is tested on
corpus/text/10-15, pdftotext -layout output with wrapped numbers).
Needs poppler-utils (pdftotext)."""
import glob
import json
import os
import subprocess
import sys
import tempfile


def score(truth, rec):
    tv, gv = truth['values'], rec.get('values', {}) if rec else {}
    right = sum(1 for k in tv if gv.get(k) is not None and tv[k] is not None and abs(gv[k] - tv[k]) < 1e-6
                or gv.get(k) is None and tv[k] is None)
    wrong = sum(1 for k in tv if gv.get(k) is not None and (tv[k] is None or abs(gv[k] - tv[k]) >= 1e-6))
    return right, len(tv) - right - wrong, wrong


def extract(exe, path):
    p = subprocess.run([exe, 'extract', '--format', 'jsonl', path], capture_output=True, timeout=120)
    try:
        return json.loads(p.stdout.decode('utf-8'))
    except ValueError:
        return None


def main():
    exe = sys.argv[1]
    pdfs = sys.argv[2:] or sorted(glob.glob('corpus/pdf/*.pdf'))
    print(f"{'file':40} {'geometry right/null/WRONG':>26} {'pdftotext -layout right/null/WRONG':>36}")
    worse = 0
    with tempfile.TemporaryDirectory() as tmp:
        for pdf in pdfs:
            truth = json.load(open(pdf[:-4] + '.truth.json', encoding='utf-8'))
            txt = os.path.join(tmp, os.path.basename(pdf)[:-4] + '.txt')
            subprocess.run(['pdftotext', '-layout', pdf, txt], check=True)
            g, t = score(truth, extract(exe, pdf)), score(truth, extract(exe, txt))
            flag = ' <- geometry worse' if g[2] > t[2] or g[0] < t[0] else ''
            worse += bool(flag)
            print(f"{os.path.basename(pdf):40} {'%d/%d/%d' % g:>26} {'%d/%d/%d' % t:>36}{flag}")
    print(f"geometry worse than pdftotext -layout on {worse} of {len(pdfs)} PDFs")


if __name__ == '__main__':
    main()
