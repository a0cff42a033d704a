#!/usr/bin/python3
"""Sanity check of the corpus against its truth, independent of nianbao: extract the visible text of each
file crudely (DOCX XML minus w:del/w:instrText, HTML via lxml, PDF via pdftotext, text as is), convert to
simplified, strip whitespace and check that agency, year, titles, starts/ends appear in order.
Usage: /usr/bin/python3 tools/corpus/check.py [corpus dir]"""
import json
import os
import re
import subprocess
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import textconv  # noqa: E402
from model import strip_ws  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(path):
    from lxml import etree
    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    out = []
    for p in root.iter(W + "p"):
        s = ""
        for t in p.iter(W + "t"):
            if any(a.tag == W + "del" for a in t.iterancestors()):
                continue
            s += t.text or ""
        out.append(s)
    return "\n".join(out)


def html_text(path):
    import lxml.html
    raw = open(path, "rb").read()
    enc = "utf-8"
    m = re.search(rb"charset=([\w-]+)", raw[:2000])
    if m:
        enc = m.group(1).decode()
        enc = "gbk" if enc.lower() == "gb2312" else enc
    else:
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            enc = "gb18030"
    doc = lxml.html.fromstring(raw.decode(enc))
    return doc.get_element_by_id("zoom").text_content()


def file_text(path):
    if path.endswith(".docx"):
        return docx_text(path)
    if path.endswith(".html"):
        return html_text(path)
    if path.endswith(".pdf"):
        return subprocess.run(["pdftotext", path, "-"], stdout=subprocess.PIPE, check=True).stdout.decode()
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030")


def check(path, truth):
    text = strip_ws(textconv.t2s_many([file_text(path).replace("\n", " ")])[0])
    probs = []
    if truth["agency"] not in text:
        probs.append("agency")
    if f"{truth['year']}年" not in text:
        probs.append("year")
    pos = 0
    for s in truth["sections"]:
        for key in ("title", "starts", "ends"):
            if key not in s:
                continue
            i = text.find(s[key], pos)
            if i < 0:
                probs.append(f"s{s['number']}.{key}={s[key]}")
            else:
                pos = i
    return probs


def main(root):
    bad = 0
    for fmt in ("docx", "pdf", "html", "text"):
        d = os.path.join(root, fmt)
        for name in sorted(os.listdir(d)) if os.path.isdir(d) else []:
            if name.endswith(".truth.json") or name.startswith("seed_"):
                continue
            stem = os.path.join(d, name.rsplit(".", 1)[0])
            if not os.path.exists(stem + ".truth.json"):
                continue
            probs = check(os.path.join(d, name), json.load(open(stem + ".truth.json", encoding="utf-8")))
            print(("OK  " if not probs else "BAD ") + os.path.join(fmt, name), " ".join(probs))
            bad += bool(probs)
    return bad


if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "corpus") else 0)
