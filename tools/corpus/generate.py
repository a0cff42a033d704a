#!/usr/bin/python3
"""Regenerate the nianbao test corpus: /usr/bin/python3 tools/corpus/generate.py [docx|pdf|html|text|producers|largefont|gaps|layouttext|crawler|dumped ...]
(no argument = all steps, in order; producers = the 3N_* files of other producers; largefont = 38-41, LibreOffice
prints with large table text in narrow columns; gaps = 42-44 and crawler_18, cells printed without a
number; crawler = corpus/text/crawler_*,
pages flattened the way a portal crawler saves them; dumped = corpus/text/crawler_1N_*, the portal page as text
dumpers save it). Run from the repository root."""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
CORPUS = os.path.join(ROOT, "corpus")
TMP = os.path.join(ROOT, "build", "corpus-tmp")

import model      # noqa: E402
import textconv   # noqa: E402


def verify_truths(d):
    """Every truth: 200 ids, the round trip s2t->t2s keeps the simplified truth (for traditional files)."""
    for name in sorted(os.listdir(d)):
        if not name.endswith(".truth.json"):
            continue
        t = json.load(open(os.path.join(d, name), encoding="utf-8"))
        assert len(t["values"]) == 200, name
        strs = [t["agency"]] + [s["title"] for s in t["sections"]]
        strs += [s[k] for s in t["sections"] for k in ("starts", "ends") if k in s]
        back = textconv.t2s_many(textconv.s2t_many(strs))
        for a, b in zip(strs, back):
            if a != b:
                print(f"WARNING {name}: '{a}' does not survive s2t/t2s ('{b}')")


def main(steps):
    os.makedirs(TMP, exist_ok=True)
    if "docx" in steps or "pdf" in steps:
        import make_docx
        made, large = make_docx.build(os.path.join(CORPUS, "docx"), TMP)
        verify_truths(os.path.join(CORPUS, "docx"))
    if "ruled" in steps and "pdf" not in steps:   # only the reportlab ruled PDFs 2N_* (no LibreOffice)
        import make_pdf
        make_pdf.build_ruled(os.path.join(CORPUS, "pdf"))
        verify_truths(os.path.join(CORPUS, "pdf"))
    if "pdf" in steps:
        import make_pdf
        make_pdf.build(os.path.join(CORPUS, "docx"), os.path.join(CORPUS, "pdf"), TMP, large)
        verify_truths(os.path.join(CORPUS, "pdf"))
    if "html" in steps:
        import make_html
        make_html.build(os.path.join(CORPUS, "html"))
        verify_truths(os.path.join(CORPUS, "html"))
    if "text" in steps:
        import make_text
        make_text.build(CORPUS, os.path.join(CORPUS, "text"))
        verify_truths(os.path.join(CORPUS, "text"))
    if "producers" in steps:  # after html (the chromium prints read corpus/html)
        import make_producers
        make_producers.build(CORPUS, TMP)
        verify_truths(os.path.join(CORPUS, "pdf"))
    if "largefont" in steps:
        import make_producers
        make_producers.build_large_font(CORPUS, TMP)
        verify_truths(os.path.join(CORPUS, "pdf"))
    if "gaps" in steps:
        import make_producers
        make_producers.build_gaps(CORPUS, TMP)
        verify_truths(os.path.join(CORPUS, "pdf"))
    if "layouttext" in steps:  # after pdf and producers (reads their PDFs)
        import make_layout_text
        make_layout_text.build(CORPUS, TMP)
        verify_truths(os.path.join(CORPUS, "text"))
    if "crawler" in steps:
        import make_crawler
        make_crawler.build(os.path.join(CORPUS, "text"))
    if "dumped" in steps:
        import make_dumped
        make_dumped.build(os.path.join(CORPUS, "text"))


if __name__ == "__main__":
    main(sys.argv[1:] or ["docx", "pdf", "html", "text", "producers", "largefont", "gaps", "layouttext", "crawler",
                              "dumped"])
