"""Dumped corpus: the text a crawler saves from a portal page by one of the text dumpers heldout.py
probes (corpus/text/crawler_1N_<dumper>), one file per dumper whose form needed a fix in the text
path or shows a loss still open (issue 14; the dumpers must be installed: NB_DEPS=corpus).

Each page is make_html's portal page of a fresh report (site chrome around it), dumped as is:
  w3m -dump: tables drawn with box characters, cell text wrapped inside its box (at 40 columns a
  row label and its group label one character a line, side by side);
  elinks -dump: boxes too, a group label starting beside a row whose label opened a line above;
  lynx -dump: the page's chrome runs into the title paragraph (the agency is the Han run before the year);
  Python html2text: Markdown rows with no closing bar, "---|---", "### " headings;
  BeautifulSoup get_text() / lxml text_content(): each row's cells glued to its label ("规章106");
  Debian html2text: '_' fill, and CJK cut mid-character so a label's bytes spill into its number
  cells (those rows stay null: xfail).
Truth: the generator's. Rows whose cells print glued (get_text(), text_content()) and whose digits can
be cut into the row's cells in more than one way are listed under "null_ok" (null or right)."""
import json
import os
import heldout
import make_crawler
import make_html
import model

FORMS = [  # (file name, dumper, seed, richness)
    ("crawler_10_w3m", "w3m", 3710, 1.5),
    ("crawler_11_lynx_chrome_title", "lynx", 9301, None),  # heldout seed 9301: wrong agency before the fix
    ("crawler_12_py_html2text", "py-html2text", 3712, 2.5),
    ("crawler_13_get_text_glued", "bs4 get_text()", 3713, 1.5),
    ("crawler_14_lxml_glued", "lxml text", 3714, 2.5),
    ("crawler_15_html2text_spilled", "html2text", 3715, 1.0),
    ("crawler_16_elinks", "elinks", 3716, 1.5),
    ("crawler_17_w3m_narrow", "w3m -cols 40", 3717, 1.5),
]
# dumpers the corpus adds to heldout.py's: a narrow terminal wraps every label inside its box
EXTRA = {"w3m -cols 40": ["w3m", "-dump", "-T", "text/html", "-I", "utf-8", "-O", "utf-8", "-cols", "40"]}
GLUED = {"bs4 get_text()", "lxml text"}


def ambiguous_ids(rep):
    """Ids of rows whose glued digits leave more than one cut (make_crawler's geometry)."""
    out = []
    for n, (nrows, ncols, cells) in zip((2, 3, 4), model.grids(rep.printed)):
        by_row = {}
        for (r, c, rs, cs, text) in cells:
            by_row.setdefault(r, []).append((c, text))
        ids = make_crawler.table_ids(n)
        for r in range(nrows):
            nums = [t for _, t in sorted(by_row.get(r, [])) if make_crawler.is_number(t)]
            if nums and not make_crawler.row_is_determined(nums, "".join(nums)):
                out += ids.get(r, [])
    return sorted(set(out))


def build(outdir):
    os.makedirs(outdir, exist_ok=True)
    for name, dumper, seed, richness in FORMS:
        rep = model.Report(seed, richness=richness or heldout.settings(seed)["richness"])
        rep.printed = dict(rep.values)
        page = make_html.chrome(rep, make_html.content_html(rep), '<meta charset="utf-8">', "某某区人民政府")
        html = os.path.join(outdir, name + ".html.tmp")
        make_html.write(html, page, "utf-8")
        heldout.DUMPERS.update(EXTRA)
        heldout.dump(dumper, html, os.path.join(outdir, name + ".txt"))
        os.remove(html)
        rep.notes = f"portal page dumped by {dumper} ({' '.join(heldout.DUMPERS[dumper][:2])}...): " + {
            "w3m": "tables drawn with box characters, cell text wrapped inside its box",
            "w3m -cols 40": "narrow boxes: labels wrapped over several lines above and below their numbers, group labels down their column",
            "elinks": "boxes; a group label starts beside a row whose label opened a line above",
            "lynx": "the page chrome runs into the title paragraph",
            "py-html2text": "Markdown rows without closing bar, ---|---, ### headings",
            "html2text": "'_' cell fill; CJK cut mid-character spills label bytes into number cells",
        }.get(dumper, "each row's cells glued to its label: ambiguous runs null_ok")
        model.write_truth(rep, os.path.join(outdir, name))
        path = os.path.join(outdir, name + ".truth.json")
        t = json.load(open(path, encoding="utf-8"))
        t["null_ok"] = ambiguous_ids(rep) if dumper in GLUED else []
        with open(path, "w", encoding="utf-8") as f:
            json.dump(t, f, ensure_ascii=False, indent=2)
            f.write("\n")
