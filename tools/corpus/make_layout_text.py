"""Text corpus (corpus/text/1N_layout_*): `pdftotext -layout` of PDFs whose table numbers wrap inside their
cells ("1296" as "12" over "96", the row's other numbers on the line between), the text users pipe into
nianbao. Three from corpus PDFs (LibreOffice at 15pt, reportlab narrow cells, AR PL UKai narrow) and three
new LibreOffice prints of the template with table text at 17-20pt and 4-digit values in several rows.
Truth: the PDF's truth, or the generator's model for the new ones.
Run: /usr/bin/python3 tools/corpus/generate.py layouttext (needs the PDFs, LibreOffice, poppler-utils)."""
import json
import os
import subprocess

import make_docx
import make_pdf
import model

FROM_CORPUS = [
    ("04_largefont_wrap", "10_layout_wrap15",
     "`pdftotext -layout` of pdf/04_largefont_wrap.pdf (LibreOffice, 15pt table text): 4-digit values wrap in "
     "their cells (12 over 96) with the row's other numbers on the line between; wrapped row labels"),
    ("21_stroked_narrow_cells", "11_layout_narrow_cells",
     "`pdftotext -layout` of pdf/21_stroked_narrow_cells.pdf: 3-digit totals wrap (15 over 5) around the row"),
    ("32_arphic_ukai_narrow", "12_layout_ukai_narrow",
     "`pdftotext -layout` of pdf/32_arphic_ukai_narrow.pdf: AR PL UKai, narrow columns; the wrapped total's "
     "pieces sit on the lines of the wrapped label, the other numbers on a line of their own"),
]

# (seed, agency, year, table font in half-points, added to some values so they print with 4 digits)
NEW = [(1616, 13, 2023, 34, {"t3.new.natural_person": 2345, "t3.disclosed.natural_person": 1200}),
       (1717, 14, 2024, 36, {"t3.new.commercial": 1500, "t3.carried_out.commercial": 1100,
                             "t3.new.other_org": 1010, "t3.disclosed.other_org": 1010}),
       (1818, 15, 2022, 40, {"t3.new.research": 1999, "t3.partly_disclosed.research": 1999})]


def layout_text(pdf, dst_noext):
    subprocess.run(["pdftotext", "-layout", pdf, dst_noext + ".txt"], check=True)


def build(corpus, tmp):
    out = os.path.join(corpus, "text")
    for src, dst, notes in FROM_CORPUS:
        layout_text(os.path.join(corpus, "pdf", src + ".pdf"), os.path.join(out, dst))
        make_pdf.copy_truth(os.path.join(corpus, "pdf", src), os.path.join(out, dst), notes)
    conv = os.path.join(tmp, "layouttext")
    os.makedirs(conv, exist_ok=True)
    made = []
    for n, (seed, agency, year, size, extra) in enumerate(NEW):
        rep = model.Report(seed, agency_index=agency, year=year, richness=1.5)
        for k, v in extra.items():
            rep.values[k] += v
        rep.values = make_docx._retotal(rep.values)
        rep.printed = dict(rep.values)
        name = f"{13 + n}_layout_wrap{size // 2}"
        rep.notes = (f"`pdftotext -layout` of a LibreOffice PDF of the template with table text at {size // 2}pt: "
                     "4-digit values wrap in their cells, split around the row's line; labels wrap over lines")
        doc, _, _ = make_docx.template_doc(rep)
        make_docx.table_font(doc, size)
        doc.save(os.path.join(conv, name + ".docx"))
        made.append((rep, name))
    make_pdf.soffice([os.path.join(conv, name + ".docx") for _, name in made], conv)
    for rep, name in made:
        layout_text(os.path.join(conv, name + ".pdf"), os.path.join(out, name))
        model.write_truth(rep, os.path.join(out, name))
