"""PDF corpus: LibreOffice conversions of DOCX files (plain and with large table fonts) and reportlab-drawn
reports (one with ruling lines, one with cells placed only by coordinates)."""
import json
import os
import shutil
import subprocess

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

import model

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def soffice(files, outdir):
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", outdir] + files,
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)


def copy_truth(src_noext, dst_noext, notes):
    t = json.load(open(src_noext + ".truth.json", encoding="utf-8"))
    t["notes"] = notes
    with open(dst_noext + ".truth.json", "w", encoding="utf-8") as f:
        json.dump(t, f, ensure_ascii=False, indent=2)
        f.write("\n")


# ------------------------------------------------------------------ reportlab renderer

def wrap(text, width, size, font=FONT):
    lines, cur = [], ""
    for ch in text:
        if pdfmetrics.stringWidth(cur + ch, font, size) > width and cur:
            lines.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        lines.append(cur)
    return lines or [""]


class Pager:
    def __init__(self, path, title):
        self.c = canvas.Canvas(path, pagesize=A4, invariant=1)
        self.c.setTitle(title)
        self.w, self.h = A4
        self.left, self.right, self.top, self.bottom = 72, A4[0] - 72, A4[1] - 72, 72
        self.y = self.top
        self.page = 1

    def new_page(self):
        self.c.setFont(FONT, 9)
        self.c.drawCentredString(self.w / 2, 40, f"- {self.page} -")
        self.c.showPage()
        self.page += 1
        self.y = self.top

    def need(self, h):
        if self.y - h < self.bottom:
            self.new_page()

    def para(self, text, size=11, indent=2, bold=False, center=False, lead=1.6):
        width = self.right - self.left
        lines = wrap("\u3000" * indent + text, width, size)
        for ln in lines:
            self.need(size * lead)
            self.c.setFont(FONT, size)
            if center:
                self.c.drawCentredString(self.w / 2, self.y - size, ln)
            else:
                self.c.drawString(self.left, self.y - size, ln)
                if bold:   # fake bold: overprint shifted (a real-world habit of some producers)
                    self.c.drawString(self.left + 0.3, self.y - size, ln)
            self.y -= size * lead
        self.y -= size * 0.3

    def table(self, grid, colw, size, ruled, style=None):
        """style (all optional): rules "stroke" (each cell a stroked rectangle) or "wps" (each cell edge a thin
        filled rectangle, as WPS draws them); break_in: a page break inside the group cell whose text starts
        with this; repeat_header: header rows drawn again at the top of the next page; group_split: "first"
        (label only on the first part), "both" (whole label on both parts) or "split" (its lines divided)."""
        style = style or {}
        nrows, ncols, cells = grid
        scale = (self.right - self.left) / sum(colw)
        colw = [w * scale for w in colw]
        xs = [self.left]
        for w in colw:
            xs.append(xs[-1] + w)
        pad = 3
        heights = [size * 1.6 + 2 * pad] * nrows
        wrapped = {}
        for (r, c, rs, cs, text) in cells:
            lines = wrap(text, xs[c + cs] - xs[c] - 2 * pad, size)
            wrapped[(r, c)] = lines
            need = len(lines) * size * 1.3 + 2 * pad
            if rs == 1:
                heights[r] = max(heights[r], need)
        # spanning cells: grow their last row if needed
        for (r, c, rs, cs, text) in cells:
            need = len(wrapped[(r, c)]) * size * 1.3 + 2 * pad
            have = sum(heights[r:r + rs])
            if rs > 1 and have < need:
                heights[r + rs - 1] += need - have
        force = set()
        for (r, c, rs, cs, text) in cells:
            if style.get("break_in") and text.startswith(style["break_in"]) and rs > 1:
                force.add(r + 1)
        if style.get("break_before_row") is not None:
            force.add(style["break_before_row"])
        nhead = max(r + rs for (r, c, rs, cs, text) in cells if r == 0)
        pos, page, y, repeats = [], self.page, self.y, []
        for i, h in enumerate(heights):
            if y - h < self.bottom or i in force:
                page, y = page + 1, self.top
                if style.get("repeat_header"):
                    repeats.append((page, y))
                    y -= sum(heights[:nhead])
            pos.append((page, y))
            y -= h
        by_page = {}
        for (r, c, rs, cs, text) in cells:
            segs = {}
            for i in range(r, r + rs):
                pg, yt = pos[i]
                top, _ = segs.get(pg, (yt, yt))
                segs[pg] = (top, yt - heights[i])
            parts = sorted(segs.items())
            lines = wrapped[(r, c)]
            for k, (pg, (top, bot)) in enumerate(parts):
                mode = style.get("group_split", "first")
                if len(parts) == 1 or mode == "both":
                    show = lines
                elif mode == "split" and len(lines) > 1:
                    half = (len(lines) + 1) // 2
                    show = lines[:half] if k == 0 else lines[half:]
                else:
                    show = lines if k == 0 else None
                by_page.setdefault(pg, []).append((c, cs, top, bot, show))
        for (pg, ytop) in repeats:
            for (r, c, rs, cs, text) in cells:
                if r < nhead:
                    top = ytop - sum(heights[:r])
                    by_page.setdefault(pg, []).append((c, cs, top, top - sum(heights[r:r + rs]), wrapped[(r, c)]))
        for p in range(self.page, page + 1):
            if p > self.page:
                self.new_page()
            _draw(self.c, by_page.get(p, []), xs, size, ruled and style.get("rules", "stroke"), pad)
        self.y = y - 12


def render_reportlab(rep, path, ruled, tsize=8, widths=None, style3=None, style=None, style4=None):
    """Draw the whole report with reportlab canvas; tables at fixed coordinates. style3 applies to table 3,
    style4 to table 4, style to every table (see Pager.table; break_before_row: a page break before that row)."""
    pg = Pager(path, rep.title)
    pg.para(rep.title, size=16, indent=0, center=True)
    pg.para(rep.intro)
    widths = widths or {0: [3, 2, 2, 2], 1: [1.2, 1.4, 3.2, 1, 1, 1, 1, 1, 1, 1], 2: [1] * 15}
    tables = model.grids(rep.printed)
    for n in range(1, 7):
        pg.para(rep.heading(n), size=12, bold=True)
        if n in (1, 5, 6):
            for p in rep.body[n]:
                pg.para(p.plain(), bold=(p.kind == "sub" and not p.inline_body))
        else:
            size = tsize if n != 4 else 7
            st = dict(style or {})
            st.update(style3 or {} if n == 3 else {})
            st.update(style4 or {} if n == 4 else {})
            pg.table(tables[n - 2], widths[n - 2], size, ruled, st)
    pg.new_page()
    pg.c.save()


def _draw(c, items, xs, size, rules, pad):
    for (col, cs, top, bot, lines) in items:
        x0, x1 = xs[col], xs[col + cs]
        if rules == "wps":    # each edge a thin filled rectangle, no stroke
            t = 0.5
            c.rect(x0 - t / 2, top - t / 2, x1 - x0 + t, t, stroke=0, fill=1)
            c.rect(x0 - t / 2, bot - t / 2, x1 - x0 + t, t, stroke=0, fill=1)
            c.rect(x0 - t / 2, bot, t, top - bot, stroke=0, fill=1)
            c.rect(x1 - t / 2, bot, t, top - bot, stroke=0, fill=1)
        elif rules:
            c.setLineWidth(0.6)
            c.rect(x0, bot, x1 - x0, top - bot)
        if lines:
            c.setFont(FONT, size)
            total = len(lines) * size * 1.3
            y = (top + bot) / 2 + total / 2 - size
            for ln in lines:
                c.drawCentredString((x0 + x1) / 2, y, ln)
                y -= size * 1.3


# ------------------------------------------------------------------ the corpus

def build(docx_dir, pdf_dir, tmp, large):
    os.makedirs(pdf_dir, exist_ok=True)
    conv = os.path.join(tmp, "pdf")
    os.makedirs(conv, exist_ok=True)
    plain = [("01_template_merged", "01_template_merged",
              "LibreOffice PDF of docx/01_template_merged.docx: the national template with merged cells, 10.5pt tables"),
             ("02_nomerge_fresh", "02_nomerge_fresh",
              "LibreOffice PDF of docx/02_nomerge_fresh.docx: tables without merges, labels repeated in every cell they span"),
             ("05_autonumber", "03_autonumber",
              "LibreOffice PDF of docx/05_autonumber.docx: heading numbers 一、/（一） rendered from numbering.xml (followed by a tab)")]
    soffice([os.path.join(docx_dir, s + ".docx") for s, _, _ in plain] +
            [os.path.join(tmp, name + ".docx") for _, name in large], conv)
    for src, dst, notes in plain:
        shutil.copy(os.path.join(conv, src + ".pdf"), os.path.join(pdf_dir, dst + ".pdf"))
        copy_truth(os.path.join(docx_dir, src), os.path.join(pdf_dir, dst), notes)
    for rep, name in large:
        shutil.copy(os.path.join(conv, name + ".pdf"), os.path.join(pdf_dir, name + ".pdf"))
        model.write_truth(rep, os.path.join(pdf_dir, name))

    rep = model.Report(1313, agency_index=11, year=2023, richness=1.5)
    rep.notes = ("reportlab canvas (not LibreOffice), CID font STSong-Light (not embedded); tables drawn cell by cell "
                 "WITH ruling lines (every cell a rectangle, spans as one rectangle); labels wrapped inside cells; "
                 "table 3 crosses a page break, spanning labels printed only on the first page part; page numbers - N -")
    render_reportlab(rep, os.path.join(pdf_dir, "06_reportlab_ruled.pdf"), ruled=True, tsize=10.5)
    model.write_truth(rep, os.path.join(pdf_dir, "06_reportlab_ruled"))

    rep = model.Report(1414, agency_index=12, year=2022, richness=1.2, inline_subs=True)
    rep.values["t2.fees.amount"] = rep.printed["t2.fees.amount"] = 1.25
    rep.notes = ("reportlab canvas, NO ruling lines at all: table cells positioned only by coordinates (centred text, "
                 "spanning labels centred over their span); wrapped labels; sub-headings inline; fee 1.25")
    render_reportlab(rep, os.path.join(pdf_dir, "07_reportlab_noruling.pdf"), ruled=False)
    model.write_truth(rep, os.path.join(pdf_dir, "07_reportlab_noruling"))

    build_ruled(pdf_dir)


def build_ruled(pdf_dir):
    """Ruled tables as real producers draw them (files 2N_*; see tools/corpus/README.md)."""
    rep = model.Report(2020, agency_index=3, year=2024, richness=1.6)
    rep.notes = ("reportlab, WPS-style rules: every cell edge a 0.5 pt filled rectangle (no strokes); table 3 broken "
                 "inside the group （四）无法提供 with the header rows repeated on the next page and the group label's "
                 "lines divided between the two pages")
    render_reportlab(rep, os.path.join(pdf_dir, "20_wps_filled_rules.pdf"), ruled=True, tsize=9,
                     style={"rules": "wps"},
                     style3={"break_in": "（四）", "repeat_header": True, "group_split": "split"})
    model.write_truth(rep, os.path.join(pdf_dir, "20_wps_filled_rules"))

    rep = model.Report(2121, agency_index=4, year=2023, richness=2.5)
    rep.notes = ("reportlab, stroked rules, table 3 with narrow numeric columns at 11 pt: numbers of two or more digits "
                 "wrap inside their cells (35 printed as 3 over 5), header words broken over lines (商业/企业)")
    narrow = {0: [3, 2, 2, 2], 1: [1.3, 1.5, 3.6, 0.42, 0.42, 0.42, 0.42, 0.42, 0.42, 0.42], 2: [1] * 15}
    render_reportlab(rep, os.path.join(pdf_dir, "21_stroked_narrow_cells.pdf"), ruled=True, tsize=11, widths=narrow)
    model.write_truth(rep, os.path.join(pdf_dir, "21_stroked_narrow_cells"))

    rep = model.Report(2222, agency_index=5, year=2024, richness=1.3)
    rep.notes = ("reportlab, stroked rules; table 3 broken inside the group （四）无法提供 with NO repeated header; the "
                 "group label printed whole on both pages")
    render_reportlab(rep, os.path.join(pdf_dir, "22_break_no_header.pdf"), ruled=True, tsize=10,
                     style3={"break_in": "（四）", "group_split": "both"})
    model.write_truth(rep, os.path.join(pdf_dir, "22_break_no_header"))

    # the same layouts WITHOUT rules: the alignment method must read them too
    rep = model.Report(2121, agency_index=4, year=2023, richness=2.5)
    rep.notes = ("as 21 (narrow cells, numbers wrapped, header words broken) but NO ruling lines: read by alignment")
    render_reportlab(rep, os.path.join(pdf_dir, "23_unruled_narrow_cells.pdf"), ruled=False, tsize=11, widths=narrow)
    model.write_truth(rep, os.path.join(pdf_dir, "23_unruled_narrow_cells"))

    rep = model.Report(2020, agency_index=3, year=2024, richness=1.6)
    rep.notes = ("as 20 (table 3 broken inside （四）, header repeated, group label divided) but NO ruling lines; table 2's "
                 "（六） sub-table also crosses the page break between its two rows")
    render_reportlab(rep, os.path.join(pdf_dir, "24_unruled_break_repeat_header.pdf"), ruled=False, tsize=9,
                     style3={"break_in": "（四）", "repeat_header": True, "group_split": "split"})
    model.write_truth(rep, os.path.join(pdf_dir, "24_unruled_break_repeat_header"))

    # table 4's header at the bottom of a page, its row of numbers on the next (ruled and not)
    for ruled, seed, name in ((True, 2525, "25_t4_numbers_next_page"), (False, 2626, "26_t4_unruled_numbers_next_page")):
        rep = model.Report(seed, agency_index=6, year=2024, richness=2.0)
        rep.notes = ("table 4's three header rows end a page and its row of numbers opens the next one "
                     f"({'stroked rules' if ruled else 'no rules'}); a page number between")
        render_reportlab(rep, os.path.join(pdf_dir, name + ".pdf"), ruled=ruled, tsize=10,
                         style4={"break_before_row": 3})
        model.write_truth(rep, os.path.join(pdf_dir, name))
