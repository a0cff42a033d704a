#!/usr/bin/env python3
"""compare_pdftotext.py NIANBAO [PDF_DIR] - the geometry path against `pdftotext -layout` piped into nianbao's
own text path, on every PDF with a truth file: values right, values wrong (non-null and different from the
truth) and values null, per document and per path; also the geometry path with rule detection off
(NB_NO_RULES=1: alignment only). Exit 1 when the geometry path is worse than the pdftotext path anywhere
(fewer right, or more wrong)."""
import json, os, subprocess, sys, tempfile

def score(truth, got):
    tv, gv = truth['values'], got.get('values', {})
    right = sum(1 for k in tv if gv.get(k) is not None and tv[k] is not None and abs(gv[k] - tv[k]) < 1e-6
                or gv.get(k) is None and tv[k] is None)
    wrong = sum(1 for k in tv if gv.get(k) is not None and (tv[k] is None or abs(gv[k] - tv[k]) >= 1e-6))
    return right, wrong

def run(exe, path, env=None):
    p = subprocess.run([exe, 'extract', path], capture_output=True, env=env)
    try:
        return json.loads(p.stdout.decode('utf-8'))
    except ValueError:
        return {}

def main():
    exe = sys.argv[1]
    d = sys.argv[2] if len(sys.argv) > 2 else 'corpus/pdf'
    worse = 0
    print(f"{'document':34} {'geometry':>14} {'alignment only':>15} {'pdftotext -layout':>18}   (right/wrong of 200)")
    tot = [[0, 0], [0, 0], [0, 0]]
    with tempfile.TemporaryDirectory() as tmp:
        for name in sorted(os.listdir(d)):
            if not name.endswith('.pdf') or not os.path.exists(os.path.join(d, name[:-4] + '.truth.json')):
                continue
            path = os.path.join(d, name)
            truth = json.load(open(path[:-4] + '.truth.json', encoding='utf-8'))
            txt = os.path.join(tmp, name[:-4] + '.txt')
            with open(txt, 'wb') as f:
                f.write(subprocess.run(['pdftotext', '-layout', path, '-'], capture_output=True).stdout)
            env = dict(os.environ, NB_NO_RULES='1')
            res = [score(truth, run(exe, path)), score(truth, run(exe, path, env)), score(truth, run(exe, txt))]
            for t, r in zip(tot, res):
                t[0] += r[0]
                t[1] += r[1]
            bad = res[0][0] < res[2][0] or res[0][1] > res[2][1]
            worse += bad
            cols = ' '.join(f"{f'{r[0]}/{r[1]}':>{w}}" for r, w in zip(res, (14, 15, 18)))
            print(f"{name[:34]:34} {cols}{'   WORSE' if bad else ''}")
    cols = ' '.join(f"{f'{t[0]}/{t[1]}':>{w}}" for t, w in zip(tot, (14, 15, 18)))
    print(f"{'total':34} {cols}")
    print(f"geometry worse than pdftotext -layout on {worse} document(s)")
    return 1 if worse else 0

if __name__ == '__main__':
    sys.exit(main())
