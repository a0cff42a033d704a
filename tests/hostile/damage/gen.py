#!/usr/bin/python3
"""gen.py GENDIR - issue 10's damaged and oversized inputs, built from corpus documents at test time:
invalid UTF-8 producers (w:sym surrogate, lvlText cut mid-character, a line over NB_MAX_LINE_BYTES),
w:start = INT_MAX, 8M short lines (the block cap), a void <embed> before the report, CR-only line
endings, damaged UTF-16, a UTF-16 page whose BOM contradicts its <meta charset=utf-8>, and a page whose
Markdown would be 4096 x 4096 repeated cells. Each must give its record (or a cut with a warning)."""
import io
import os
import sys
import zipfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..")
OUT = sys.argv[1]


def corpus(rel):
    with open(os.path.join(ROOT, "corpus", rel), "rb") as f:
        return f.read()


def put(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def docx_hostile():
    """Corpus DOCX 05 (auto-numbered) with a surrogate w:sym, a 21-character lvlText (63 bytes cut
    inside a character) and w:start = 2147483647 on every numbering level."""
    src = zipfile.ZipFile(io.BytesIO(corpus("docx/05_autonumber.docx")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:t>", b'<w:sym w:font="Symbol" w:char="D800"/><w:t>', 3)
            if item.filename == "word/numbering.xml":
                data = data.replace(b'w:val="1"/>', b'w:val="2147483647"/>')
                data = data.replace(b"<w:lvlText w:val=\"", ("<w:lvlText w:val=\"" + "一" * 21).encode(), 1)
            z.writestr(item, data)
    put("docx_sym_start.docx", out.getvalue())


def texts():
    seed = corpus("text/seed_000.txt").replace(b"\r\n", b"\n")
    put("line_cut_midchar.txt", "政".encode() * 360000 + b"\n" + seed)  # 1.08 MB line: cut at 1 MiB, inside a character
    put("lines_8m.txt", seed + b"1\n" * 8000000)  # 16 MB: past the block cap
    put("cr_only.txt", seed.replace(b"\n", b"\r"))
    u16 = seed.decode("utf-8").encode("utf-16-le")
    put("utf16_odd_byte.txt", b"\xff\xfe" + u16 + b"\x41")
    cut = u16.index("\n".encode("utf-16-le"))
    put("utf16_lone_surrogate.txt", b"\xfe\xff" + seed.decode("utf-8")[:10].encode("utf-16-be") + b"\xd8\x00"
        + seed.decode("utf-8")[10:].encode("utf-16-be"))
    put("utf16le_lone_low.txt", b"\xff\xfe" + u16[:cut] + b"\x00\xdc" + u16[cut:])


def pages():
    page = corpus("html/01_utf8_portal.html")
    body = page.lower().index(b"<body")
    body = page.index(b">", body) + 1
    put("embed_before_report.html", page[:body] + b"<embed src=x.swf><p>" + page[body:])
    put("utf16_bom_meta_utf8.html", b"\xff\xfe" + page.decode("utf-8").encode("utf-16-le"))
    rows = b"<tr><td colspan=4096>\xe5\xad\x97</td></tr>" * 4096
    put("convert_4096x4096.html", b'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><table>'
        + rows + b"</table></body></html>")


os.makedirs(OUT, exist_ok=True)
docx_hostile()
texts()
pages()
