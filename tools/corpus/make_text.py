"""Text corpus: pdftotext output (layout and raw) of two corpus PDFs, and reports rendered as plain text
(GB18030 with tab-separated cells; traditional script with pipe-separated cells)."""
import json
import os
import subprocess

import model
import textconv


def grid_lines(grid, sep, repeat=False):
    nrows, ncols, cells = grid
    at = {}
    for (r, c, rs, cs, text) in cells:
        for i in range(r, r + rs):
            for j in range(c, c + cs):
                at[(i, j)] = text if (repeat or (i, j) == (r, c)) else ""
    lines = []
    for r in range(nrows):
        row = [at[(r, c)] for c in range(ncols)]
        lines.append(sep.join(row).rstrip() if sep == "\t" else "| " + " | ".join(row) + " |")
    return lines


def render(rep, sep, repeat=False):
    out = [rep.title, "", rep.intro, ""]
    tables = model.grids(rep.printed)
    for n in range(1, 7):
        out += [rep.heading(n), ""]
        if n in (1, 5, 6):
            for p in rep.body[n]:
                out += ["　　" + p.plain(), ""]
        else:
            out += grid_lines(tables[n - 2], sep, repeat) + [""]
    return "\n".join(out) + "\n"


def from_pdf(pdf, dst_noext, layout, notes):
    args = ["pdftotext"] + (["-layout"] if layout else []) + [pdf, dst_noext + ".txt"]
    subprocess.run(args, check=True)
    t = json.load(open(pdf[:-4] + ".truth.json", encoding="utf-8"))
    t["notes"] = notes
    with open(dst_noext + ".truth.json", "w", encoding="utf-8") as f:
        json.dump(t, f, ensure_ascii=False, indent=2)
        f.write("\n")


def build(corpus, outdir):
    os.makedirs(outdir, exist_ok=True)
    from_pdf(os.path.join(corpus, "pdf", "01_template_merged.pdf"), os.path.join(outdir, "01_pdftotext_layout"), True,
             "`pdftotext -layout` of pdf/01_template_merged.pdf (LibreOffice PDF of the template): columns by spaces, "
             "merged labels on one line of their span, wrapped labels over several lines, form feeds between pages")
    from_pdf(os.path.join(corpus, "pdf", "06_reportlab_ruled.pdf"), os.path.join(outdir, "02_pdftotext_raw"), False,
             "plain `pdftotext` (no -layout) of pdf/06_reportlab_ruled.pdf: one cell per line in drawing order, wrapped "
             "labels split over lines, page numbers - N - and form feeds inside table 3")

    rep = model.Report(2121, agency_index=2, year=2025, richness=1.4, inline_subs=True)
    rep.notes = ("plain text encoded in GB18030 (no BOM, not UTF-8); cells tab-separated, merged cells printed once "
                 "with empty cells for the rest of their span; sub-headings inline; paragraphs indented with U+3000")
    with open(os.path.join(outdir, "03_gb18030_tabs.txt"), "wb") as f:
        f.write(render(rep, "\t").encode("gb18030"))
    model.write_truth(rep, os.path.join(outdir, "03_gb18030_tabs"))

    rep = model.Report(2222, agency_index=10, year=2024, richness=1.3)
    rep.notes = ("plain text in traditional script (opencc s2t), UTF-8; tables as pipe-separated rows with the merged "
                 "labels repeated in every cell of their span (Markdown-like, no separator line); truth simplified")
    with open(os.path.join(outdir, "04_traditional_pipes.txt"), "w", encoding="utf-8") as f:
        f.write(textconv.s2t(render(rep, "|", repeat=True)))
    model.write_truth(rep, os.path.join(outdir, "04_traditional_pipes"))
