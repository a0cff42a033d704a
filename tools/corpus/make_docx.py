"""DOCX corpus: fills the national template (real merged cells) or builds fresh tables with python-docx,
then applies per-file variations (traditional script, full-width digits, auto-numbered headings,
split table 3, split runs with tracked changes and a field code, larger table fonts)."""
import copy
import os
import re

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import qn, nsdecls
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

import model
from model import T3_ROWS, T3_COLS, T4_GROUPS, T4_PARTS, fmt_value
import textconv

TEMPLATE = os.path.join(model.ROOT, "template", "template2021.docx")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# ------------------------------------------------------------------ low-level helpers

def _first_rpr(p_el):
    r = p_el.find(qn("w:r"))
    if r is not None and r.find(qn("w:rPr")) is not None:
        return copy.deepcopy(r.find(qn("w:rPr")))
    return None


def _clear_runs(p_el):
    for ch in list(p_el):
        if ch.tag != qn("w:pPr"):
            p_el.remove(ch)


def _run(text, rpr=None, bold=None, tag="w:t"):
    r = parse_xml(f'<w:r {nsdecls("w")}/>')
    if rpr is not None:
        rp = copy.deepcopy(rpr)
        if bold is not None:
            for b in rp.findall(qn("w:b")) + rp.findall(qn("w:bCs")):
                rp.remove(b)
            if bold:
                rp.append(parse_xml(f'<w:b {nsdecls("w")}/>'))
        r.append(rp)
    elif bold:
        r.append(parse_xml(f'<w:rPr {nsdecls("w")}><w:b/></w:rPr>'))
    t = parse_xml(f'<{tag} {nsdecls("w")} xml:space="preserve"/>')
    t.text = text
    r.append(t)
    return r


def set_par_text(p_el, text, bold=None, rpr=None):
    rpr = rpr if rpr is not None else _first_rpr(p_el)
    _clear_runs(p_el)
    p_el.append(_run(text, rpr, bold))


def set_cell_text(tc, text):
    ps = tc.findall(qn("w:p"))
    for extra in ps[1:]:
        tc.remove(extra)
    set_par_text(ps[0], text)


def insert_par_before(ref_el, text, bold=None):
    new = copy.deepcopy(ref_el)
    set_par_text(new, text, bold)
    ref_el.addprevious(new)
    return new


def cell_tc(table, r, c):
    return table.cell(r, c)._tc


# ------------------------------------------------------------------ template filling

def _find_par(doc, pred):
    for p in doc.paragraphs:
        if pred(p.text.strip()):
            return p
    raise KeyError("paragraph not found")


def fill_text(doc, rep, intro=True):
    """Title, intro, headings and narrative paragraphs. Returns {section: [paragraph elements]}."""
    title = doc.paragraphs[1]
    set_par_text(title._p, rep.title)
    heads = {}
    for n in range(1, 7):
        p = _find_par(doc, lambda t, n=n: t.startswith(model.NUMERALS[n - 1] + "、"))
        set_par_text(p._p, rep.heading(n))
        heads[n] = p._p
    placeholders = [p._p for p in doc.paragraphs if p.text.strip().startswith("（文字描述")]
    out = {}
    for n, ph in zip((1, 5, 6), placeholders):
        out[n] = []
        for para in rep.body[n]:
            el = insert_par_before(ph, para.plain(), bold=(para.kind == "sub" and not para.inline_body))
            out[n].append((para, el))
        ph.getparent().remove(ph)
    if intro:
        insert_par_before(heads[1], rep.intro, bold=False)
    return heads, out


def fill_tables(doc, rep, digits=lambda s: s):
    v = rep.printed
    t2, t3, t4 = doc.tables[0], doc.tables[1], doc.tables[2]
    put = lambda tb, r, c, key: set_cell_text(cell_tc(tb, r, c), digits(fmt_value(v[key])))
    for r, grp in ((2, "rules"), (3, "normative")):
        for c, part in enumerate(("issued", "repealed", "in_force"), start=1):
            put(t2, r, c, f"t2.{grp}.{part}")
    put(t2, 6, 1, "t2.license.decisions")
    put(t2, 9, 1, "t2.penalty.decisions")
    put(t2, 10, 1, "t2.coercion.decisions")
    put(t2, 13, 1, "t2.fees.amount")
    for i, row in enumerate(T3_ROWS):
        for j, col in enumerate(T3_COLS):
            put(t3, 3 + i, 3 + j, f"t3.{row}.{col}")
    c = 0
    for g in T4_GROUPS:
        for part in T4_PARTS:
            put(t4, 3, c, f"t4.{g}.{part}")
            c += 1


def template_doc(rep, digits=lambda s: s, intro=True):
    doc = docx.Document(TEMPLATE)
    heads, body = fill_text(doc, rep, intro)
    fill_tables(doc, rep, digits)
    # fill the corner label text fully (the template truncates nothing, keep as is)
    return doc, heads, body


# ------------------------------------------------------------------ variations

def all_text_nodes(doc):
    nodes = []
    for part in [doc.part] + [r.target_part for r in doc.part.rels.values()
                              if r.reltype.endswith(("/header", "/footer"))]:
        nodes += [t for t in part.element.iter(qn("w:t")) if t.text]
    return nodes


def to_traditional(doc):
    nodes = all_text_nodes(doc)
    conv = textconv.s2t_many([t.text for t in nodes])
    for t, s in zip(nodes, conv):
        t.text = s


def table_font(doc, half_points):
    for tbl in doc.tables:
        for r in tbl._tbl.iter(qn("w:r")):
            rpr = r.find(qn("w:rPr"))
            if rpr is None:
                rpr = parse_xml(f'<w:rPr {nsdecls("w")}/>')
                r.insert(0, rpr)
            for tag in ("w:sz", "w:szCs"):
                for e in rpr.findall(qn(tag)):
                    rpr.remove(e)
                rpr.append(parse_xml(f'<{tag} {nsdecls("w")} w:val="{half_points}"/>'))
        # rows of table 3/4 have exact heights in places: let them grow
        for trh in tbl._tbl.iter(qn("w:trHeight")):
            trh.set(qn("w:hRule"), "atLeast")


NUMBERING_XML = f'''
<w:abstractNum {nsdecls("w")} w:abstractNumId="71">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>
    <w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="420"/></w:pPr></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/>
    <w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="420"/></w:pPr></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedParen"/><w:lvlText w:val="%3"/>
    <w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="420"/></w:pPr></w:lvl>
</w:abstractNum>'''
NUM_XML = f'<w:num {nsdecls("w")} w:numId="7"><w:abstractNumId w:val="71"/></w:num>'


def auto_number(doc, heads, body):
    """Move the 一、 / （一） numbers out of the text into word/numbering.xml."""
    from docx.opc.constants import CONTENT_TYPE as CT, RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.parts.numbering import NumberingPart
    numbering = parse_xml(f'<w:numbering {nsdecls("w")}/>')
    numbering.append(parse_xml(NUMBERING_XML))
    numbering.append(parse_xml(NUM_XML))
    part = NumberingPart(PackURI("/word/numbering.xml"), CT.WML_NUMBERING, numbering, doc.part.package)
    doc.part.relate_to(part, RT.NUMBERING)

    def number(p_el, ilvl, text):
        set_par_text(p_el, text)
        ppr = p_el.find(qn("w:pPr"))
        numpr = parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="7"/></w:numPr>')
        anchor = ppr.find(qn("w:widowControl"))
        if anchor is None:
            anchor = ppr.find(qn("w:pStyle"))
        anchor.addnext(numpr)
        for ind in ppr.findall(qn("w:ind")):
            ppr.remove(ind)

    rep_titles = {n: re.sub(r"^[一二三四五六七八九十]+、", "", Paragraph(h, None).text) for n, h in heads.items()}
    for n, h in heads.items():
        number(h, 0, rep_titles[n])
    for n, items in body.items():
        for para, el in items:
            if para.kind == "sub":
                number(el, 1, para.text + (para.inline_body or ""))
                r = el.find(qn("w:r"))
                r.find(qn("w:rPr")).append(parse_xml(f'<w:b {nsdecls("w")}/>'))


def split_table3(doc, at_row=15, page_break=True):
    """Split table 3 before template row at_row; the second part has no header rows."""
    tbl = doc.tables[1]._tbl
    second = copy.deepcopy(tbl)
    trs = tbl.findall(qn("w:tr"))
    for tr in trs[at_row:]:
        tbl.remove(tr)
    trs2 = second.findall(qn("w:tr"))
    for tr in trs2[:at_row]:
        second.remove(tr)
    first_tr = second.find(qn("w:tr"))
    for tc in first_tr.findall(qn("w:tc")):
        vm = tc.find(qn("w:tcPr")).find(qn("w:vMerge"))
        if vm is not None and vm.get(qn("w:val")) in (None, "continue"):
            vm.set(qn("w:val"), "restart")    # Word leaves the continued group cell empty
    sep = parse_xml(f'<w:p {nsdecls("w")}><w:r><w:br w:type="page"/></w:r></w:p>' if page_break
                    else f'<w:p {nsdecls("w")}/>')
    tbl.addnext(sep)
    sep.addnext(second)


def chop_runs(p_el, rng_sizes=(1, 2, 3, 2)):
    """Spread the text of each run of a paragraph over several runs (same formatting)."""
    for r in list(p_el.findall(qn("w:r"))):
        t = r.find(qn("w:t"))
        if t is None or not t.text or len(t.text) < 2:
            continue
        text, pieces, i, k = t.text, [], 0, 0
        while i < len(text):
            n = rng_sizes[k % len(rng_sizes)]
            pieces.append(text[i:i + n])
            i += n
            k += 1
        rpr = r.find(qn("w:rPr"))
        for piece in pieces:
            r.addprevious(_run(piece, rpr))
        p_el.remove(r)


def tracked_cell(tc, deleted, inserted):
    p = tc.find(qn("w:p"))
    rpr = _first_rpr(p)
    _clear_runs(p)
    attrs = 'w:author="审核人" w:date="2024-03-01T09:00:00Z"'
    d = parse_xml(f'<w:del {nsdecls("w")} w:id="901" {attrs}/>')
    d.append(_run(deleted, rpr, tag="w:delText"))
    ins = parse_xml(f'<w:ins {nsdecls("w")} w:id="902" {attrs}/>')
    ins.append(_run(inserted, rpr))
    p.append(d)
    p.append(ins)


def tracked_par(p_el, text, deleted_tail, ins_at, ins_text, wid):
    """Rebuild a paragraph: text[:ins_at] + <ins>ins_text</ins> + text[ins_at:] + <del>deleted_tail</del>.
    The visible text is text with ins_text inserted; the deleted tail is not visible."""
    rpr = _first_rpr(p_el)
    _clear_runs(p_el)
    attrs = 'w:author="办公室" w:date="2025-01-10T10:00:00Z"'
    p_el.append(_run(text[:ins_at], rpr))
    if ins_text:
        ins = parse_xml(f'<w:ins {nsdecls("w")} w:id="{wid}" {attrs}/>')
        ins.append(_run(ins_text, rpr))
        p_el.append(ins)
    p_el.append(_run(text[ins_at:], rpr))
    if deleted_tail:
        d = parse_xml(f'<w:del {nsdecls("w")} w:id="{wid + 1}" {attrs}/>')
        d.append(_run(deleted_tail, rpr, tag="w:delText"))
        p_el.append(d)


def field_par(p_el, text, shown, instr):
    """Rebuild a paragraph so that `shown` (a substring of text) is the result of a field with code instr."""
    rpr = _first_rpr(p_el)
    _clear_runs(p_el)
    i = text.index(shown)
    fc = lambda kind: parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="{kind}"/></w:r>')
    p_el.append(_run(text[:i], rpr))
    p_el.append(fc("begin"))
    p_el.append(_run(instr, rpr, tag="w:instrText"))
    p_el.append(fc("separate"))
    p_el.append(_run(shown, rpr))
    p_el.append(fc("end"))
    p_el.append(_run(text[i + len(shown):], rpr))


# ------------------------------------------------------------------ fresh document without merges

def fresh_doc(rep):
    doc = docx.Document()
    st = doc.styles["Normal"]
    st.font.name = "宋体"
    st.font.size = Pt(12)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    doc.add_paragraph().add_run(rep.title).bold = True
    doc.add_paragraph(rep.intro)

    def narrative(n):
        for para in rep.body[n]:
            p = doc.add_paragraph()
            p.add_run(para.plain()).bold = para.kind == "sub" and not para.inline_body

    def grid(rows, widths_cm=None):
        tb = doc.add_table(rows=len(rows), cols=len(rows[0]))
        tb.style = "Table Grid"
        tb.autofit = False
        if widths_cm:
            for j, w in enumerate(widths_cm):
                tb.columns[j].width = Cm(w)
        for i, row in enumerate(rows):
            for j, text in enumerate(row):
                cell = tb.cell(i, j)
                cell.text = text
                if widths_cm:
                    cell.width = Cm(widths_cm[j])
                    cell.paragraphs[0].runs[0].font.size = Pt(9)
        return tb

    v = rep.printed
    f = lambda k: fmt_value(v[k])
    for n in range(1, 7):
        doc.add_paragraph().add_run(rep.heading(n)).bold = True
        if n in (1, 5, 6):
            narrative(n)
        elif n == 2:
            rows = []
            for item in ("（一）", "（五）", "（六）", "（八）"):
                rows.append([f"第二十条第{item}项"] * 4)
                if item == "（一）":
                    rows.append(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"])
                    rows.append(["规章", f("t2.rules.issued"), f("t2.rules.repealed"), f("t2.rules.in_force")])
                    rows.append(["行政规范性文件", f("t2.normative.issued"), f("t2.normative.repealed"),
                                 f("t2.normative.in_force")])
                elif item == "（五）":
                    rows.append(["信息内容"] + ["本年处理决定数量"] * 3)
                    rows.append(["行政许可"] + [f("t2.license.decisions")] * 3)
                elif item == "（六）":
                    rows.append(["信息内容"] + ["本年处理决定数量"] * 3)
                    rows.append(["行政处罚"] + [f("t2.penalty.decisions")] * 3)
                    rows.append(["行政强制"] + [f("t2.coercion.decisions")] * 3)
                else:
                    rows.append(["信息内容"] + ["本年收费金额（单位：万元）"] * 3)
                    rows.append(["行政事业性收费"] + [f("t2.fees.amount")] * 3)
            grid(rows)
        elif n == 3:
            corner = model.T3_CORNER
            rows = [[corner] * 3 + ["申请人情况"] * 7,
                    [corner] * 3 + ["自然人"] + ["法人或其他组织"] * 5 + ["总计"],
                    [corner] * 3 + model.T3_COL_LABELS]
            for key in T3_ROWS:
                a, b, c = model.T3_ROW_LABELS[key]
                b = b or a
                c = c or b
                rows.append([a, b, c] + [f(f"t3.{key}.{col}") for col in T3_COLS])
            grid(rows, [1.5, 1.8, 3.6] + [1.1] * 7)
        elif n == 4:
            rows = [["行政复议"] * 5 + ["行政诉讼"] * 10,
                    model.T4_PART_LABELS + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5,
                    model.T4_PART_LABELS * 3,
                    [f(f"t4.{g}.{p}") for g in T4_GROUPS for p in T4_PARTS]]
            grid(rows, [14.6 / 15] * 15)
    return doc


# ------------------------------------------------------------------ the corpus

def build(outdir, tmpdir):
    """Write corpus/docx; also write the large-font variants used for PDFs into tmpdir."""
    os.makedirs(outdir, exist_ok=True)
    os.makedirs(tmpdir, exist_ok=True)
    made = []

    def save(doc, rep, name, body_override=None, d=outdir):
        path = os.path.join(d, name)
        doc.save(path + ".docx")
        _fix_zip_dates(path + ".docx")
        if d == outdir:
            model.write_truth(rep, path, body_override)
        made.append(path + ".docx")
        return path

    # 01 national template, real merged cells
    rep = model.Report(101, agency_index=0, year=2024)
    rep.notes = "national template (国办公开办函〔2021〕30号) filled in place: real merged cells (gridSpan/vMerge) in all three tables; intro paragraph before section 1; sub-headings （一）… as bold paragraphs; non-zero values in all three tables"
    doc, _, _ = template_doc(rep)
    save(doc, rep, "01_template_merged")

    # 02 fresh tables, no merges
    rep = model.Report(202, agency_index=1, year=2023, inline_subs=True)
    rep.notes = "fresh python-docx document (not the template): tables with NO merged cells, every label repeated in each row/column it spans (e.g. 第二十条第（一）项 ×4, 三、本年度办理结果 in every result row, 行政许可 value repeated in 3 cells); styles Normal/Table Grid; sub-headings run into their paragraph (（一）主动公开情况。2023年，…)"
    save(fresh_doc(rep), rep, "02_nomerge_fresh")

    # 03 traditional script
    rep = model.Report(303, agency_index=14, year=2024)
    rep.notes = "template with ALL text converted to traditional script by opencc s2t (title, headings, narrative, table labels); truth in simplified"
    doc, _, _ = template_doc(rep)
    to_traditional(doc)
    save(doc, rep, "03_traditional")

    # 04 full-width digits in tables
    rep = model.Report(404, agency_index=2, year=2022)
    rep.values["t2.fees.amount"] = rep.printed["t2.fees.amount"] = 12.5
    rep.notes = "template; every number in the three tables printed with full-width digits (０１２…, fee １２．５ with full-width full stop); narrative digits stay ASCII"
    doc, _, _ = template_doc(rep, digits=textconv.fullwidth_digits)
    save(doc, rep, "04_fullwidth_digits")

    # 05 auto-numbered headings
    rep = model.Report(505, agency_index=3, year=2024, inline_subs=False)
    rep.notes = "template; the 一、…六、 section numbers and the （一）… sub-heading numbers are NOT in the text runs: they come from word/numbering.xml (abstractNum 71, numFmt chineseCounting, lvlText %1、 and （%2）) via w:numPr on the paragraphs"
    doc, heads, body = template_doc(rep)
    auto_number(doc, heads, body)
    save(doc, rep, "05_autonumber")

    # 06 table 3 split in two
    rep = model.Report(606, agency_index=4, year=2021, richness=1.6)
    rep.notes = "template; table 3 split into two tables before row （四）无法提供 1.本机关不掌握相关政府信息, a page-break paragraph between them; the second part has no header rows and its first 三、本年度办理结果 cell is an empty vMerge restart"
    doc, _, _ = template_doc(rep)
    split_table3(doc)
    save(doc, rep, "06_split_table3")

    # 07 empty cells
    rep = model.Report(707, agency_index=5, year=2025)
    for k in ("t2.rules.issued", "t2.rules.repealed", "t2.rules.in_force", "t2.fees.amount"):
        rep.printed[k] = None
    rep.notes = "template, year 2025, a county government; table 2 cells for 规章 (3 cells) and 行政事业性收费 left EMPTY (null in truth); everything else filled"
    doc, _, _ = template_doc(rep)
    save(doc, rep, "07_empty_cells")

    # 08 rich values
    rep = model.Report(808, agency_index=6, year=2023, richness=2.5, inline_subs=True)
    rep.notes = "template; many non-zero cells in table 3 (all applicant columns) and table 4; no intro paragraph; sub-headings inline with their paragraph text"
    doc, _, _ = template_doc(rep, intro=False)
    save(doc, rep, "08_rich_values")

    # 09 broken identity
    rep = model.Report(909, agency_index=7, year=2022, richness=1.5)
    rep.printed["t4.review.total"] = rep.values["t4.review.total"] + 1
    rep.printed["t3.disclosed.total"] = rep.values["t3.disclosed.total"] + 2
    rep.notes = ("deliberately breaks identities (the values are what the document prints): t4.review.total is "
                 "upheld+corrected+other+pending+1 (breaks t4 total for group review); t3.disclosed.total is 2 more than "
                 "the sum of its six applicant columns (breaks the row-total identity for row disclosed and the column "
                 "sum identity for column total)")
    doc, _, _ = template_doc(rep)
    save(doc, rep, "09_identity_broken")

    # 10 split runs, tracked changes, field code
    rep = model.Report(1010, agency_index=8, year=2024, richness=1.3, inline_subs=False)
    rep.notes = ("template; every run in the tables and narrative is chopped into 1-3 character runs (labels and numbers "
                 "spread over several w:r); tracked changes: t3.new.natural_person cell has <w:del>99</w:del><w:ins>value</w:ins>, "
                 "the last paragraph of section 1 ends with a deleted sentence (w:del/w:delText) and contains an inserted "
                 "phrase (w:ins); section 6 contains a HYPERLINK field (w:instrText) whose result text is visible. "
                 "Deleted text and field code are not in the truth; inserted text is")
    doc, heads, body = template_doc(rep)
    # section 1 last paragraph: insertion + deleted tail
    para, el = body[1][-1]
    ins_text = "（含线上培训）"
    base = para.text
    at = base.index("场次") + 2
    tracked_par(el, base, "此外，本年度曾发生一起信息发布延误情况。", at, ins_text, 911)
    para.text = base[:at] + ins_text + base[at:]
    # section 6 first paragraph: field code
    para6, el6 = body[6][0]
    field_par(el6, para6.text, "政务公开工作要点",
              ' HYPERLINK "http://www.gov.cn/zhengce/content/zwgkgd.htm" \\o "政务公开工作要点" ')
    tracked_cell(cell_tc(doc.tables[1], 3, 3), "99", fmt_value(rep.printed["t3.new.natural_person"]))
    for tbl in doc.tables:
        for p in tbl._tbl.iter(qn("w:p")):
            chop_runs(p)
    for n in (1, 5, 6):
        for _, e in body[n]:
            chop_runs(e)
    save(doc, rep, "10_runs_tracked_fields")

    # large-font variants for the PDF step (not part of corpus/docx)
    rep = model.Report(1111, agency_index=9, year=2024, richness=1.8)
    rep.values["t3.disclosed.natural_person"] += 1234
    rep.values = _retotal(rep.values)
    rep.printed = dict(rep.values)
    rep.notes = "LibreOffice PDF of the template with table text at 15pt: labels, header words and 4-digit numbers wrap inside their cells; table 3 runs over a page break"
    doc, _, _ = template_doc(rep)
    table_font(doc, 30)
    save(doc, rep, "04_largefont_wrap", d=tmpdir)
    large = [(rep, "04_largefont_wrap")]

    rep = model.Report(1212, agency_index=10, year=2021, richness=1.4)
    rep.values["t2.license.decisions"] = 123456
    rep.values["t3.new.commercial"] += 1000
    rep.values["t3.carried_out.commercial"] += 1000
    rep.values = _retotal(rep.values)
    rep.printed = dict(rep.values)
    rep.notes = "LibreOffice PDF of the template with table text at 16pt and traditional script; 4-digit values wrap in narrow table-3 cells; table 3 spans pages"
    doc, _, _ = template_doc(rep)
    table_font(doc, 32)
    to_traditional(doc)
    save(doc, rep, "05_largefont16_traditional", d=tmpdir)
    large.append((rep, "05_largefont16_traditional"))
    return made, large


def _fix_zip_dates(path):
    """Rewrite the package with fixed entry dates so that regeneration is byte-for-byte reproducible."""
    import zipfile
    with zipfile.ZipFile(path) as z:
        entries = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def _retotal(v):
    for col in model.APPLICANT_COLS:
        v[f"t3.total.{col}"] = sum(v[f"t3.{r}.{col}"] for r in model.RESULT_ROWS)
        if v[f"t3.new.{col}"] + v[f"t3.carried_in.{col}"] != v[f"t3.total.{col}"] + v[f"t3.carried_out.{col}"]:
            v[f"t3.new.{col}"] = v[f"t3.total.{col}"] + v[f"t3.carried_out.{col}"] - v[f"t3.carried_in.{col}"]
    for r in T3_ROWS:
        v[f"t3.{r}.total"] = sum(v[f"t3.{r}.{c}"] for c in model.APPLICANT_COLS)
    assert not model.check_identities(v)
    return v
