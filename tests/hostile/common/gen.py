#!/usr/bin/python3
# gen.py GENDIR - makes the hostile inputs too big or too special to commit (a 100 MB text, a FIFO,
# a zip bomb, deep HTML) into GENDIR; cases.tsv names them gen/<name>. Deterministic and quick (< 2 s).
import os, sys, zipfile, zlib

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1]
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def big_text(path, size=100 << 20):
    """A report-like text of `size` bytes: a real-looking paragraph repeated, one line each."""
    line = ("2024年，本局坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，"
            "主动公开政府信息571条，其中机构职能1条，政策法规类8条，财政信息4条。\n").encode()
    head = "某某县司法局2024年政府信息公开工作年度报告\n一、总体情况\n".encode()
    block = line * ((1 << 20) // len(line) + 1)
    with open(path, "wb") as f:
        f.write(head)
        left = size - len(head)
        while left > 0:
            f.write(block[:left])
            left -= min(left, len(block))


def deep_html(path, depth=100000):
    with open(path, "wb") as f:
        f.write(b'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>')
        f.write(b"<div><table><tr><td>" * (depth // 4))
        f.write("一、总体情况".encode())
        f.write(b"</td></tr></table></div>" * (depth // 4))
        f.write(b"</body></html>")


def zip_bomb(path, inflated=1 << 30):
    """A DOCX whose document.xml inflates to 1 GiB (about 1 MB on disk): the pandoc case of the issue."""
    head = ('<?xml version="1.0" encoding="UTF-8"?><w:document %s><w:body><w:p><w:r><w:t>' % W).encode()
    chunk = b" " * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(head)
            for _ in range(inflated // len(chunk)):
                f.write(chunk)
            f.write(b"</w:t></w:r></w:p></w:body></w:document>")


def main():
    os.makedirs(OUT, exist_ok=True)
    big_text(os.path.join(OUT, "big100m.txt"))
    deep_html(os.path.join(OUT, "deep_nesting.html"))
    zip_bomb(os.path.join(OUT, "zip_bomb_1g.docx"))
    fifo = os.path.join(OUT, "fifo.txt")
    if not os.path.exists(fifo):
        os.mkfifo(fifo)


main()
