"""Other producers (corpus/<fmt>/3N_*): the corpus web pages printed by chromium, the template through
LibreOffice with the AR PL fonts (UMing, UKai) and narrow columns, table 3 split at every group boundary,
reportlab tables ruled on only some sides, and an unruled table whose single-line labels sit tight
(规章 right above 行政规范性文件). Truth comes from the generator's model (copied from the source document
for the chromium prints). Run: /usr/bin/python3 tools/corpus/generate.py producers"""
import copy
import os
import shutil
import subprocess
import tempfile

from docx.oxml import parse_xml
from docx.oxml.ns import qn, nsdecls

import make_docx
import make_pdf
import model

CHROMIUM = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_pdf(html, out):
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(CHROMIUM + [f"--user-data-dir={profile}", f"--print-to-pdf={out}",
                                   "file://" + os.path.abspath(html)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)


def set_fonts(doc, family):
    """Every run and every style in the given font (ascii, hAnsi and eastAsia)."""
    def apply(rpr):
        for f in rpr.findall(qn("w:rFonts")):
            rpr.remove(f)
        rpr.insert(0, parse_xml(f'<w:rFonts {nsdecls("w")} w:ascii="{family}" w:hAnsi="{family}" '
                                f'w:eastAsia="{family}" w:cs="{family}"/>'))
    for r in doc.element.body.iter(qn("w:r")):
        rpr = r.find(qn("w:rPr"))
        if rpr is None:
            rpr = parse_xml(f'<w:rPr {nsdecls("w")}/>')
            r.insert(0, rpr)
        apply(rpr)
    for st in doc.styles.element.iter(qn("w:rPr")):
        apply(st)


def narrow_tables(doc, factor):
    """Every table's column widths times factor (cells wrap: labels, header words, 4-digit numbers)."""
    for tbl in doc.tables:
        for tag in ("w:gridCol", "w:tcW", "w:tblW"):
            for e in tbl._tbl.iter(qn(tag)):
                w = e.get(qn("w:w"))
                if w and w.isdigit():
                    e.set(qn("w:w"), str(int(int(w) * factor)))
        for trh in tbl._tbl.iter(qn("w:trHeight")):
            trh.set(qn("w:hRule"), "atLeast")


def split_table3_at(doc, rows):
    """Table 3 cut into separate tables before each template row in rows (empty paragraph between);
    a part opening inside a merged group gets an empty vMerge-restart cell, as Word leaves it."""
    tbl = doc.tables[1]._tbl
    trs = tbl.findall(qn("w:tr"))
    bounds = [0] + sorted(rows) + [len(trs)]
    prev = tbl
    for a, b in zip(bounds[1:-1], bounds[2:]):
        part = copy.deepcopy(tbl)
        for i, tr in enumerate(part.findall(qn("w:tr"))):
            if i < a or i >= b:
                part.remove(tr)
        for tc in part.find(qn("w:tr")).findall(qn("w:tc")):
            vm = tc.find(qn("w:tcPr")).find(qn("w:vMerge"))
            if vm is not None and vm.get(qn("w:val")) in (None, "continue"):
                vm.set(qn("w:val"), "restart")
        sep = parse_xml(f'<w:p {nsdecls("w")}/>')
        prev.addnext(sep)
        sep.addnext(part)
        prev = part
    for tr in trs[bounds[1]:]:
        tbl.remove(tr)


def render_partly_ruled(rep, path, tsize=9):
    """reportlab: rules only between rows and around the table (no vertical lines inside), the
    'three-line' style of some producers; spans centred."""
    pg = make_pdf.Pager(path, rep.title)
    pg.para(rep.title, size=16, indent=0, center=True)
    pg.para(rep.intro)
    widths = {0: [3, 2, 2, 2], 1: [1.2, 1.4, 3.2, 1, 1, 1, 1, 1, 1, 1], 2: [1] * 15}
    tables = model.grids(rep.printed)
    saved = make_pdf._draw
    make_pdf._draw = _draw_horizontal
    try:
        for n in range(1, 7):
            pg.para(rep.heading(n), size=12, bold=True)
            if n in (1, 5, 6):
                for p in rep.body[n]:
                    pg.para(p.plain(), bold=(p.kind == "sub" and not p.inline_body))
            else:
                pg.table(tables[n - 2], widths[n - 2], tsize if n != 4 else 7, True)
    finally:
        make_pdf._draw = saved
    pg.new_page()
    pg.c.save()


def _draw_horizontal(c, items, xs, size, ruled, pad):
    left, right = xs[0], xs[-1]
    for (col, cs, top, bot, lines) in items:
        x0, x1 = xs[col], xs[col + cs]
        c.setLineWidth(0.6)
        c.line(x0, bot, x1, bot)           # under every cell
        c.line(x0, top, x1, top)           # over every cell
        if col == 0:
            c.line(left, top, left, bot)   # the table's outer left side only
        if col + cs == len(xs) - 1:
            c.line(right, top, right, bot)  # and its right side
        if lines:
            c.setFont(make_pdf.FONT, size)
            total = len(lines) * size * 1.3
            y = (top + bot) / 2 + total / 2 - size
            for ln in lines:
                c.drawCentredString((x0 + x1) / 2, y, ln)
                y -= size * 1.3


def render_tight_noruling(rep, path):
    """reportlab, no rules, rows only as tall as one line of text: single-line labels of adjacent rows
    (规章, 行政规范性文件) sit one line apart, as in tables drawn without rules by some producers."""
    pg = make_pdf.Pager(path, rep.title)
    pg.para(rep.title, size=16, indent=0, center=True)
    pg.para(rep.intro)
    widths = {0: [3, 2, 2, 2], 1: [1.2, 1.4, 3.2, 1, 1, 1, 1, 1, 1, 1], 2: [1] * 15}
    tables = model.grids(rep.printed)
    saved = make_pdf.Pager.table
    make_pdf.Pager.table = _tight_table
    try:
        for n in range(1, 7):
            pg.para(rep.heading(n), size=12, bold=True)
            if n in (1, 5, 6):
                for p in rep.body[n]:
                    pg.para(p.plain(), bold=(p.kind == "sub" and not p.inline_body))
            else:
                pg.table(tables[n - 2], widths[n - 2], 9 if n != 4 else 7, False)
    finally:
        make_pdf.Pager.table = saved
    pg.new_page()
    pg.c.save()


def _tight_table(self, grid, colw, size, ruled):
    """Pager.table with one-line row pitch (size * 1.25, no padding)."""
    nrows, ncols, cells = grid
    scale = (self.right - self.left) / sum(colw)
    xs = [self.left]
    for w in colw:
        xs.append(xs[-1] + w * scale)
    lead = size * 1.25
    wrapped = {(r, c): make_pdf.wrap(t, xs[c + cs] - xs[c] - 2, size) for (r, c, rs, cs, t) in cells}
    heights = [lead] * nrows
    for (r, c, rs, cs, t) in cells:
        if rs == 1:
            heights[r] = max(heights[r], len(wrapped[(r, c)]) * lead)
    self.need(sum(heights) if sum(heights) < self.top - self.bottom else lead * 4)
    tops, y = [], self.y
    for h in heights:
        if y - h < self.bottom:
            self.new_page()
            y = self.y
        tops.append((self.page, y))
        y -= h
    order = sorted(cells, key=lambda x: (tops[x[0]][0], x[0]))
    page = tops[0][0]
    for (r, c, rs, cs, t) in order:
        pg, top = tops[r]
        bot = top - sum(heights[r:r + rs])
        lines = wrapped[(r, c)]
        self.c.setFont(make_pdf.FONT, size)
        yy = (top + bot) / 2 + len(lines) * lead / 2 - size
        for ln in lines:
            self.c.drawCentredString((xs[c] + xs[c + cs]) / 2, yy, ln)
            yy -= lead
    del page
    self.y = y - 12


def build(corpus, tmp):
    docx_dir, pdf_dir, html_dir = (os.path.join(corpus, f) for f in ("docx", "pdf", "html"))
    conv = os.path.join(tmp, "producers")
    os.makedirs(conv, exist_ok=True)

    def save_docx(doc, rep, name):
        path = os.path.join(docx_dir, name)
        doc.save(path + ".docx")
        make_docx._fix_zip_dates(path + ".docx")
        model.write_truth(rep, path)
        return path + ".docx"

    made = []
    rep = model.Report(3101, agency_index=9, year=2024, richness=1.4)
    rep.notes = "template filled in place, every run and style in AR PL UMing CN (fonts-arphic-uming)"
    doc, _, _ = make_docx.template_doc(rep)
    set_fonts(doc, "AR PL UMing CN")
    made.append((save_docx(doc, rep, "31_arphic_uming"), "31_arphic_uming",
                 "LibreOffice PDF of docx/31_arphic_uming.docx: AR PL UMing CN embedded"))

    rep = model.Report(3202, agency_index=10, year=2023, richness=2.0)
    rep.notes = ("template in AR PL UKai CN (fonts-arphic-ukai), every table column at 60% of its width: labels, "
                 "header words (自然人, 法人或其他组织) and numbers wrap inside cells")
    doc, _, _ = make_docx.template_doc(rep)
    set_fonts(doc, "AR PL UKai CN")
    narrow_tables(doc, 0.6)
    made.append((save_docx(doc, rep, "32_arphic_ukai_narrow"), "32_arphic_ukai_narrow",
                 "LibreOffice PDF of docx/32_arphic_ukai_narrow.docx: AR PL UKai, narrow columns, two-line headers"))

    rep = model.Report(3303, agency_index=11, year=2024, richness=1.6)
    rep.notes = ("template; table 3 cut into seven tables at every group boundary (before 三、本年度办理结果, "
                 "（三）不予公开, （四）无法提供, （五）不予处理, （六）其他处理, （七）总计, 四、结转), an empty "
                 "paragraph between; parts after the first have no header rows; a part opening inside 三、本年度办理结果 "
                 "has an empty vMerge-restart group cell")
    doc, _, _ = make_docx.template_doc(rep)
    split_table3_at(doc, [5, 7, 15, 18, 23, 26, 27])
    made.append((save_docx(doc, rep, "33_split_every_group"), "33_split_every_group",
                 "LibreOffice PDF of docx/33_split_every_group.docx: table 3 in seven tables"))

    make_pdf.soffice([m[0] for m in made], conv)
    for _, name, notes in made:
        shutil.copy(os.path.join(conv, name + ".pdf"), os.path.join(pdf_dir, name + ".pdf"))
        make_pdf.copy_truth(os.path.join(docx_dir, name), os.path.join(pdf_dir, name), notes)

    for src, dst in (("01_utf8_portal", "34_chromium_portal"), ("04_span_soup", "35_chromium_span_soup")):
        chromium_pdf(os.path.join(html_dir, src + ".html"), os.path.join(pdf_dir, dst + ".pdf"))
        make_pdf.copy_truth(os.path.join(html_dir, src), os.path.join(pdf_dir, dst),
                            f"html/{src}.html printed to PDF by headless chromium (--print-to-pdf, A4 default "
                            "margins, header/footer with date, title, URL and page numbers)")

    rep = model.Report(3606, agency_index=12, year=2022, richness=1.3)
    rep.notes = ("reportlab, tables ruled on only some sides: a line over and under every cell and the table's outer "
                 "left/right sides, no vertical rules inside (the three-line style)")
    render_partly_ruled(rep, os.path.join(pdf_dir, "36_reportlab_some_rules.pdf"))
    model.write_truth(rep, os.path.join(pdf_dir, "36_reportlab_some_rules"))

    rep = model.Report(3707, agency_index=13, year=2024, richness=1.2)
    rep.notes = ("reportlab, no rules, rows one text line tall (pitch 1.25 em, no padding): 规章 and 行政规范性文件 "
                 "are adjacent single-line labels; spanning labels centred over their span")
    render_tight_noruling(rep, os.path.join(pdf_dir, "37_reportlab_tight_noruling.pdf"))
    model.write_truth(rep, os.path.join(pdf_dir, "37_reportlab_tight_noruling"))


def build_large_font(corpus, tmp):
    """38-41: LibreOffice prints of the template with large table text in narrow columns (the kind of file
    tools/corpus/heldout.py found wrong values and lost tables in; 40-41 are its seeds 9412 and 9419): totals
    wrap in their cells with 1.5-line spacing ("14" over "3"), a row breaks across a page ("11" at the foot of
    page 3, "1" at the head of page 4), the rest of a broken header row is set low over its rule, a header
    word crosses a column rule."""
    docx_dir, pdf_dir = (os.path.join(corpus, f) for f in ("docx", "pdf"))
    conv = os.path.join(tmp, "largefont")
    os.makedirs(conv, exist_ok=True)
    made = []
    for seed, name, font, half_points, width, richness, notes in (
            (5004, "38_lo16_row_split_by_page", "Noto Sans CJK SC", 32, 0.8, 1.5,
             "template at 16pt (Noto Sans CJK SC), table columns at 80%: the row 一、本年新收 breaks across "
             "pages 3-4 (its total 111 as 11 | 1, its label as 一、本年新收政府信息公开 | 申请数量); totals "
             "wrap in their cells at 1.5-line spacing"),
            (6015, "39_lo16_spaced_wraps", "Noto Sans CJK SC", 32, 0.7, 2.5,
             "template at 16pt (Noto Sans CJK SC), table columns at 70%, large values: 3-digit totals wrap in "
             "their cells with the lines set wide apart (14 over 3), rows with one wrapped number beside "
             "one-line numbers"),
            (9412, "40_lo_uming_t4_header_split", "AR PL UMing CN", 20, 0.7, 1.5,
             "template at 10pt (AR PL UMing), columns at 70%: table 4's header row breaks across pages 3-4 and "
             "LibreOffice sets its rest (持, 正, 果, 结 of 结果维持 ...) low, across the rule above the row of "
             "numbers"),
            (9419, "41_lo_uming14_rule_through_header", "AR PL UMing CN", 28, 0.9, 2.5,
             "template at 14pt (AR PL UMing), columns at 90%: in table 3's header the column rules below "
             "法人或其他组织 run on up through its glyph strokes on the page image; the row （二）部分公开 "
             "breaks across pages 2-3")):
        rep = model.Report(seed, richness=richness)
        rep.printed = dict(rep.values)
        rep.notes = notes
        doc, _, _ = make_docx.template_doc(rep)
        set_fonts(doc, font)
        make_docx.table_font(doc, half_points)
        if width < 1.0:
            narrow_tables(doc, width)
        path = os.path.join(docx_dir, name)
        doc.save(path + ".docx")
        make_docx._fix_zip_dates(path + ".docx")
        model.write_truth(rep, path)
        made.append((path + ".docx", name, "LibreOffice PDF of docx/" + name + ".docx"))
    make_pdf.soffice([m[0] for m in made], conv)
    for _, name, notes in made:
        shutil.copy(os.path.join(conv, name + ".pdf"), os.path.join(pdf_dir, name + ".pdf"))
        make_pdf.copy_truth(os.path.join(docx_dir, name), os.path.join(pdf_dir, name), notes)


def build_gaps(corpus, tmp):
    """42-44 (docx, LibreOffice PDF) and crawler_18 (text): reports that print cells without a number, as
    real ones leave cells of zeros or of what does not apply (heldout.py NB_HELDOUT_GAPS=1, seeds 9951,
    9955, 9962: the kind of file it found wrong values in). Their truth is null: a "—" total must not
    become the row's sum, a blank must not take its neighbour's number."""
    import heldout
    import make_html
    docx_dir, pdf_dir, text_dir = (os.path.join(corpus, f) for f in ("docx", "pdf", "text"))
    conv = os.path.join(tmp, "gaps")
    os.makedirs(conv, exist_ok=True)
    made = []
    for seed, name, notes in (
            (9951, "42_gaps_dashes", "cells printed as —— (a table-3 row, the totals of two rows)"),
            (9955, "43_gaps_wu", "cells printed as 无 (a table-3 row, single cells)"),
            (9962, "44_gaps_hyphen_blank_page", "cells printed as - (a table-3 row, a table-4 group); "
             "LibreOffice ends the PDF with a blank page (no text, no image: not a scan)")):
        rep, s, doc = heldout.template_docx(seed, with_gaps=True)
        path = os.path.join(docx_dir, name)
        doc.save(path + ".docx")
        make_docx._fix_zip_dates(path + ".docx")
        if seed == 9951:  # the same report as a crawler saves the portal page (w3m)
            page = make_html.chrome(rep, make_html.content_html(rep), '<meta charset="utf-8">', "某某区人民政府")
            html = os.path.join(conv, name + ".html")
            make_html.write(html, page, "utf-8")
            heldout.dump("w3m", html, os.path.join(text_dir, "crawler_18_w3m_dashes.txt"))
        rep.printed = {k: (None if isinstance(v, str) else v) for k, v in rep.printed.items()}
        rep.notes = (f"heldout.py seed {seed} with NB_HELDOUT_GAPS (font {s['font']}, table text "
                     f"{s['half_points'] / 2:g} pt, columns {s['width']:.0%}): {notes}; those cells are null (identities through them break when a null counts as 0)")
        model.write_truth(rep, path)
        if seed == 9951:
            rep.notes = "the portal page of docx/42_gaps_dashes dumped by w3m -dump: boxes, cells printed as —— (null; identities through them break when a null counts as 0)"
            model.write_truth(rep, os.path.join(text_dir, "crawler_18_w3m_dashes"))
        made.append((path + ".docx", name, "LibreOffice PDF of docx/" + name + ".docx"))
    make_pdf.soffice([m[0] for m in made], conv)
    for _, name, notes in made:
        shutil.copy(os.path.join(conv, name + ".pdf"), os.path.join(pdf_dir, name + ".pdf"))
        make_pdf.copy_truth(os.path.join(docx_dir, name), os.path.join(pdf_dir, name), notes)
