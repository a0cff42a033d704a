#!/usr/bin/python3
"""heldout.py NIANBAO [N] [FIRST_SEED] - a held-out probe, not part of the corpus: N reports the corpus has
never seen (seeds from FIRST_SEED, default 5000), each filled into the national template as DOCX with a
random CJK font (Noto Sans CJK SC, AR PL UMing, AR PL UKai), table text size (10-18 pt) and column width
(70-100%), printed to PDF by LibreOffice, and as a portal web page (site chrome around the report)
printed to PDF by chromium; then read by nianbao five ways: the DOCX, the LibreOffice PDF, `pdftotext
-layout` of that PDF through nianbao's text path, the web page, and chromium's print of it; then the text
a crawler saves from the web page, through nianbao's text path, by ten dumpers (DUMPERS: w3m -dump,
lynx -dump -nolist, elinks -dump, links2 -dump, Debian's C html2text, Python html2text, BeautifulSoup get_text("\n") and get_text()
(cells glued), pandoc -t plain, lxml text_content()); NB_HELDOUT_FORMS=docx,w3m,... picks paths; with
NB_HELDOUT_SCAN=1 also a scan of the LibreOffice PDF (make_scan.py: grey at 150, 200 or 300 dpi, turned
by up to 1 degree, speckled, JPEG), read by OCR (slow: ~10-20 s a document). Prints per path the values right, null and
WRONG (non-null and different from the generator's truth), and every wrong value with its document's
settings. A wrong value is a bug: the corpus is for regression, this is for finding what it misses.
Scratch files live in a temp dir (NB_HELDOUT_KEEP=DIR keeps them in DIR). Run from the repository root (needs python3-docx, LibreOffice,
poppler-utils, the fonts and the dumpers: tools/install-deps.sh with NB_DEPS=corpus). NB_HELDOUT_GAPS=1 prints
some cells without a number (empty, —, /, -, 无): their truth is null, a number there is WRONG; "right" then
counts of the cells that hold numbers."""
import json
import os
import random
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_docx       # noqa: E402
import make_html       # noqa: E402
import make_pdf        # noqa: E402
import make_producers  # noqa: E402
import make_scan       # noqa: E402
import model           # noqa: E402

FONTS = ["Noto Sans CJK SC", "AR PL UMing CN", "AR PL UKai CN"]


def settings(seed):
    rng = random.Random(seed * 7919)
    return dict(font=rng.choice(FONTS), half_points=rng.choice([20, 24, 28, 32, 36]),
                width=rng.choice([0.7, 0.8, 0.9, 1.0]), richness=rng.choice([0.5, 1.0, 1.5, 2.5]))


# What a report prints in a cell it leaves without a number (NB_HELDOUT_GAPS=1): nothing, a dash, a slash, 无.
GAP_MARKS = ["", "—", "/", "-", "无", "——"]


def gaps(rep, seed):
    """NB_HELDOUT_GAPS=1: some cells printed without a number, as real reports leave cells of zeros or of
    what does not apply: a whole table-3 row or table-4 group (often), a few single cells, a table-2 cell.
    Their truth is null: a number read there, or a neighbour's number shifted into it, is WRONG."""
    rng = random.Random(seed * 104729)
    ids = model.all_ids()
    chosen = set(rng.sample(ids, rng.choice([1, 2, 4])))
    if rng.random() < 0.6:
        row = rng.choice(model.T3_ROWS)
        chosen |= {f"t3.{row}.{c}" for c in model.T3_COLS}
    if rng.random() < 0.4:
        grp = rng.choice(model.T4_GROUPS)
        chosen |= {f"t4.{grp}.{p}" for p in model.T4_PARTS}
    mark = rng.choice(GAP_MARKS)
    for k in chosen:
        rep.printed[k] = None if mark == "" else mark
        rep.values[k] = None
    rep.notes = f"gaps {mark!r}: {len(chosen)} cells"


def template_docx(seed, with_gaps=None):
    """The unseen report of seed filled into the template in its settings' font, size and widths:
    (report, settings, python-docx document). with_gaps: cells printed without a number (default: as
    NB_HELDOUT_GAPS says)."""
    s = settings(seed)
    rep = model.Report(seed, richness=s["richness"])
    rep.printed = dict(rep.values)
    if with_gaps if with_gaps is not None else os.environ.get("NB_HELDOUT_GAPS") == "1":
        gaps(rep, seed)
        s["gaps"] = rep.notes
    doc, _, _ = make_docx.template_doc(rep)
    make_producers.set_fonts(doc, s["font"])
    make_docx.table_font(doc, s["half_points"])
    if s["width"] < 1.0:
        make_producers.narrow_tables(doc, s["width"])
    return rep, s, doc


def make(seed, tmp, chromium=True):
    rep, s, doc = template_docx(seed)
    path = os.path.join(tmp, f"h{seed}.docx")
    doc.save(path)
    page = make_html.chrome(rep, make_html.content_html(rep), '<meta charset="utf-8">', "某某区人民政府")
    make_html.write(path[:-5] + ".html", page, "utf-8")
    if chromium:
        make_producers.chromium_pdf(path[:-5] + ".html", path[:-5] + "_chromium.pdf")
    return rep, s, path


def _py(code):
    """A dumper written in Python: run by Debian's python3 (its modules), HTML on stdin, text on stdout."""
    return ["/usr/bin/python3", "-c", "import sys\n" + code]


# name -> command reading the HTML page on stdin ("{}": from that path) and writing UTF-8 text on stdout
DUMPERS = {
    "w3m": ["w3m", "-dump", "-T", "text/html", "-I", "utf-8", "-O", "utf-8", "-cols", "100"],
    "lynx": ["lynx", "-dump", "-nolist", "-stdin", "-assume_charset=utf-8", "-display_charset=utf-8",
             "-width=100"],
    "elinks": ["elinks", "-dump", "-dump-charset", "utf-8", "-dump-width", "100", "-no-references", "-no-numbering"],
    "links2": ["links2", "-dump", "-codepage", "utf-8", "-width", "100", "{}"],
    "html2text": ["html2text", "-utf8", "-width", "100"],
    "py-html2text": _py("import html2text\nsys.stdout.write(html2text.html2text(sys.stdin.read()))"),
    "bs4 get_text(\\n)": _py("from bs4 import BeautifulSoup\n"
                             "sys.stdout.write(BeautifulSoup(sys.stdin.read(), 'html.parser').get_text('\\n'))"),
    "bs4 get_text()": _py("from bs4 import BeautifulSoup\n"
                          "sys.stdout.write(BeautifulSoup(sys.stdin.read(), 'html.parser').get_text())"),
    "pandoc plain": ["pandoc", "-f", "html", "-t", "plain", "--wrap=none"],
    "lxml text": _py("import lxml.html\n"
                     "sys.stdout.write(lxml.html.fromstring(sys.stdin.buffer.read()).text_content())"),
}


def dump(name, html_path, out):
    """The page as dumper name saves it, written to out (UTF-8)."""
    cmd = [html_path if a == "{}" else a for a in DUMPERS[name]]
    with open(html_path, "rb") as f:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL if "{}" in DUMPERS[name] else f, capture_output=True,
                           check=True)
    with open(out, "wb") as f:
        f.write(p.stdout)


def slug(name):
    return "".join(c if c.isalnum() else "_" for c in name).strip("_")


def extract(exe, path):
    p = subprocess.run([exe, "extract", path], capture_output=True)
    try:
        return json.loads(p.stdout.decode("utf-8"))
    except ValueError:
        return {}


def score(rep, got):
    right = null = 0
    wrong = []
    gv = got.get("values", {})
    for k, v in rep.values.items():
        g = gv.get(k)
        if g is None:
            null += 1
        elif v is not None and abs(g - v) < 1e-6:
            right += 1
        else:
            wrong.append(f"{k}: got {g}, truth {v}")
    for key, want in (("agency", rep.agency), ("year", rep.year)):
        if got.get(key) is not None and got.get(key) != want:
            wrong.append(f"{key}: got {got.get(key)!r}, truth {want!r}")
    return right, null, wrong


def main():
    exe = os.path.abspath(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 12
    first = int(sys.argv[3]) if len(sys.argv) > 3 else 5000
    scans = os.environ.get("NB_HELDOUT_SCAN") == "1"
    paths = ("docx", "pdf", "pdftotext -layout", "html", "chromium pdf") + tuple(DUMPERS) + (
        ("scan",) if scans else ())
    only = os.environ.get("NB_HELDOUT_FORMS")
    if only:
        paths = tuple(p for p in paths if p in only.split(","))
    totals = {p: [0, 0, 0] for p in paths}
    keep = os.environ.get("NB_HELDOUT_KEEP")  # a directory: keep the documents there to look at
    with tempfile.TemporaryDirectory() as scratch:
        tmp = keep or scratch
        os.makedirs(tmp, exist_ok=True)
        made = [make(seed, tmp, "chromium pdf" in paths) for seed in range(first, first + n)]
        if {"pdf", "pdftotext -layout", "scan"} & set(paths):
            make_pdf.soffice([path for _, _, path in made], tmp)
        for rep, s, path in made:
            pdf = path[:-5] + ".pdf"
            txt = path[:-5] + ".txt"
            if "pdftotext -layout" in paths:
                subprocess.run(["pdftotext", "-layout", pdf, txt], check=True)
            srcs = [("docx", path), ("pdf", pdf), ("pdftotext -layout", txt),
                    ("html", path[:-5] + ".html"), ("chromium pdf", path[:-5] + "_chromium.pdf")]
            for name in DUMPERS:
                if name in paths:
                    out = f"{path[:-5]}_{slug(name)}.txt"
                    dump(name, path[:-5] + ".html", out)
                    srcs.append((name, out))
            if scans:
                rng = random.Random(rep.seed)
                scan = path[:-5] + "_scan.pdf"
                make_scan.scan(pdf, scan, rng.choice([150, 200, 300]), rng.uniform(-1, 1), rng.choice([70, 80, 85]),
                               rep.seed)
                srcs.append(("scan", scan))
            for name, src in srcs:
                if name not in paths:
                    continue
                right, null, wrong = score(rep, extract(exe, src))
                t = totals[name]
                t[0] += right
                t[1] += null
                t[2] += len(wrong)
                for w in wrong:
                    print(f"WRONG {os.path.basename(src)} ({name}; {s}): {w}")
    for name, (right, null, wrong) in totals.items():
        print(f"{name:18} {n} documents: {right} right, {null} null, {wrong} WRONG of {200 * n} values")
    return 1 if any(t[2] for t in totals.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
