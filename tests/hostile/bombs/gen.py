#!/usr/bin/python3
"""gen.py GENDIR - CPU bombs: small files that ask a library for work out of all proportion to their
size (issue 10, item 6). Hand-written PDF bytes (every object and the xref exact) and a DOCX; the
cases in tests/hostile/cases.tsv name them gen/<name>. Deterministic and quick.

  pdf_xobject_fanout.pdf   ~1 KB: form XObject i draws form i-1 ten times, 8 levels: 10^8 text draws
  pdf_long_path.pdf        ~4 KB: a page of table-like numbers (30 cells) and one stroked path of 400,000
                           points zigzagging across the page: the path pass (extract/pdf_paths.cc)
                           stops at NB_MAX_PAGE_PATH_SEGMENTS and the page's rules are given up
  pdf_shared_stream.pdf    5000 pages whose /Contents are one stream of 2000 glyphs (10^7 glyphs)
  pdf_huge_image.pdf       < 1 KB: a page drawing an image that declares 1,000,000 x 1,000,000 pixels
  pdf_huge_inline.pdf      the same as an inline image (BI ... ID ... EI) in the content stream
  docx_200k_attrs.docx     one element carrying 200,000 attributes
  html_200k_attrs.html     the same in a web page (unquoted and bare attributes)
"""
import os
import sys
import zipfile
import zlib

OUT = sys.argv[1]


def pdf(objects):
    """A PDF from object bodies (bytes), numbered from 1; object 1 is the catalog."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def stream(data, extra=b"", compress=False):
    if compress:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def xobject_fanout(path, levels=8, fan=10):
    # 1 catalog, 2 pages, 3 page, 4 font, 5 content, 6.. forms (6 = level 0 draws text)
    forms = []
    for lv in range(levels + 1):
        if lv == 0:
            body = b"BT /F1 12 Tf 72 700 Td (report 2024) Tj ET"
            res = b"/Resources << /Font << /F1 4 0 R >> >>"
        else:
            body = b"/X Do " * fan
            res = b"/Resources << /XObject << /X %d 0 R >> >>" % (6 + lv - 1)
        forms.append(stream(body, b" /Type /XObject /Subtype /Form /BBox [0 0 612 792] " + res))
    top = 6 + levels
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R "
            b"/Resources << /XObject << /X %d 0 R >> /Font << /F1 4 0 R >> >> >>" % top,
            FONT, stream(b"/X Do")] + forms
    open(path, "wb").write(pdf(objs))


def long_path(path, points=400000):
    cells = b"".join(b"BT /F1 10 Tf %d %d Td (%d) Tj ET\n" % (72 + 90 * c, 700 - 20 * r, 10 * r + c)
                     for r in range(6) for c in range(5))
    zigzag = b"0.5 w 72 300 m " + b"540 300 l 72 301 l " * (points // 2) + b"S"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R "
            b"/Resources << /Font << /F1 4 0 R >> >> >>",
            FONT, stream(cells + zigzag, compress=True)]
    open(path, "wb").write(pdf(objs))


def shared_stream(path, pages=5000):
    line = b"(" + b"2024 report text " * 10 + b") Tj 0 -14 Td\n"
    content = b"BT /F1 10 Tf 36 760 Td\n" + line * 12 + b"ET"
    kids = b" ".join(b"%d 0 R" % (6 + i) for i in range(pages))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
            stream(content, compress=True), FONT, b"<< /Font << /F1 4 0 R >> >>"]
    for _ in range(pages):
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R /Resources 5 0 R >>")
    open(path, "wb").write(pdf(objs))


def huge_image(path, inline=False):
    size = 1000000
    if inline:
        content = (b"q 612 0 0 792 0 0 cm BI /W %d /H %d /CS /RGB /BPC 8 /F /Fl ID\n" % (size, size)
                   + zlib.compress(b"\0" * 64) + b"\nEI Q BT /F1 12 Tf 72 700 Td (report 2024) Tj ET")
        res = b"/Resources << /Font << /F1 4 0 R >> >>"
        extra = []
    else:
        content = b"q 612 0 0 792 0 0 cm /Im Do Q BT /F1 12 Tf 72 700 Td (report 2024) Tj ET"
        res = b"/Resources << /XObject << /Im 6 0 R >> /Font << /F1 4 0 R >> >>"
        extra = [stream(zlib.compress(b"\0" * 64), b" /Type /XObject /Subtype /Image /Width %d /Height %d "
                        b"/ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode" % (size, size))]
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R %s >>" % res,
            FONT, stream(content)] + extra
    open(path, "wb").write(pdf(objs))


def docx_attrs(path, n=200000):
    W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    attrs = " ".join('a%d="1"' % i for i in range(n))
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document %s><w:body>'
           '<w:p %s><w:r><w:t>某某局2024年政府信息公开工作年度报告</w:t></w:r></w:p></w:body></w:document>' % (W, attrs))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
        z.writestr("word/document.xml", doc)


def html_attrs(path, n=200000):
    attrs = " ".join(("a%d=1" if i % 2 else "b%d") % i for i in range(n))
    page = ('<html><head><meta charset="utf-8"></head><body><p %s>某某局2024年政府信息公开工作年度报告</p>'
            '</body></html>' % attrs)
    open(path, "w", encoding="utf-8").write(page)


os.makedirs(OUT, exist_ok=True)
xobject_fanout(os.path.join(OUT, "pdf_xobject_fanout.pdf"))
long_path(os.path.join(OUT, "pdf_long_path.pdf"))
shared_stream(os.path.join(OUT, "pdf_shared_stream.pdf"))
huge_image(os.path.join(OUT, "pdf_huge_image.pdf"))
huge_image(os.path.join(OUT, "pdf_huge_inline.pdf"), inline=True)
docx_attrs(os.path.join(OUT, "docx_200k_attrs.docx"))
html_attrs(os.path.join(OUT, "html_200k_attrs.html"))
