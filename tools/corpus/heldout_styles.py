#!/usr/bin/python3
"""heldout_styles.py NIANBAO [N] [FIRST_SEED] - a held-out probe of table styles, not part of make check: N
unseen reports (heldout.py's settings: random CJK font, table text 10-18 pt, columns 70-100%), each filled
into the template as DOCX in every table style below, printed to PDF by LibreOffice and read by nianbao;
prints the values right, null and WRONG per style, and each document with a null or wrong value.
Styles: header rows shaded light grey (shade), dark grey (shade_dark), the label column shaded
(shadecol); cell borders none, thick (2.25 pt), double, dotted, grey, hairline (0.25 pt).
Found so far (each fixed with a test): table 4's row of values broken by a page read 1 for 10, table 2's
last row alone at the top of a page taken for a box, table 2 begun at a page's foot never searched for
rules. Scratch files in a temp dir (NB_HELDOUT_KEEP=DIR keeps them). Run from the repository root."""
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import heldout         # noqa: E402
import make_pdf        # noqa: E402
from docx.oxml import OxmlElement  # noqa: E402
from docx.oxml.ns import qn        # noqa: E402


# border style -> (w:val, w:sz in eighths of a point, colour) of every cell side
BORDERS = {
    "none": ("nil", None, None),
    "thick": ("single", "18", "000000"),
    "double": ("double", "6", "000000"),
    "dotted": ("dotted", "4", "000000"),
    "grey": ("single", "4", "A0A0A0"),
    "hairline": ("single", "2", "000000"),
}
# shading style -> (fill colour, which cells): the first two rows of each table, or its first column
SHADES = {"shade": ("D9D9D9", "rows"), "shade_dark": ("808080", "rows"), "shadecol": ("EEEEEE", "column")}
VARIANTS = ["shade", "none", "thick", "double", "dotted", "grey", "hairline", "shadecol", "shade_dark"]
# elements a w:tcPr holds after w:tcBorders (schema order)
AFTER_BORDERS = ("w:shd", "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark")


def set_borders(doc, style):
    val, size, colour = BORDERS[style]
    for table in doc.tables:
        for tc in table._tbl.iter(qn("w:tc")):
            tc_pr = tc.get_or_add_tcPr()
            for old in tc_pr.findall(qn("w:tcBorders")):
                tc_pr.remove(old)
            borders = OxmlElement("w:tcBorders")
            for side in ("top", "left", "bottom", "right"):
                e = OxmlElement("w:" + side)
                e.set(qn("w:val"), val)
                if size:
                    e.set(qn("w:sz"), size)
                    e.set(qn("w:color"), colour)
                borders.append(e)
            after = [e for e in tc_pr if e.tag in {qn(t) for t in AFTER_BORDERS}]
            if after:
                after[0].addprevious(borders)
            else:
                tc_pr.append(borders)


def shade(doc, style):
    fill, where = SHADES[style]
    for table in doc.tables:
        for r, tr in enumerate(table._tbl.iter(qn("w:tr"))):
            cells = list(tr.iter(qn("w:tc")))
            for tc in (cells[:1] if where == "column" else cells if r < 2 else []):
                e = OxmlElement("w:shd")
                e.set(qn("w:val"), "clear")
                e.set(qn("w:color"), "auto")
                e.set(qn("w:fill"), fill)
                tc.get_or_add_tcPr().append(e)


def make(seed, style, tmp):
    """The report of seed in one table style, saved as DOCX in tmp: (report, path)."""
    rep, _, doc = heldout.template_docx(seed)
    (shade if style in SHADES else set_borders)(doc, style)
    path = os.path.join(tmp, f"s{seed}_{style}.docx")
    doc.save(path)
    return rep, path

def main():
    exe = os.path.abspath(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    first = int(sys.argv[3]) if len(sys.argv) > 3 else 9600
    with tempfile.TemporaryDirectory() as scratch:
        tmp = os.environ.get("NB_HELDOUT_KEEP") or scratch
        os.makedirs(tmp, exist_ok=True)
        made = [(v,) + make(seed, v, tmp) for seed in range(first, first + n) for v in VARIANTS]
        make_pdf.soffice([m[2] for m in made], tmp)
        totals = {}
        for v, rep, path in made:
            pdf = path[:-5] + ".pdf"
            right, null, wrong = heldout.score(rep, heldout.extract(exe, pdf))
            t = totals.setdefault(v, [0, 0, 0])
            t[0] += right
            t[1] += null
            t[2] += len(wrong)
            if null or wrong:
                print(f"{os.path.basename(pdf)}: {null} null" + "".join(f"; WRONG {w}" for w in wrong))
    for v, (right, null, wrong) in totals.items():
        print(f"{v:12} {n} documents: {right} right, {null} null, {wrong} WRONG of {200 * n} values")
    return 1 if any(t[2] for t in totals.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
