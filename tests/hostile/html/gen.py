"""gen.py GENDIR - hostile web pages too big to commit: 50 MB pages, 100k-deep nesting, runaway grids."""
import os
import sys

OUT = sys.argv[1]
HEAD = b'<!DOCTYPE html><html><head><meta charset="utf-8"><title>x</title></head><body>'
TAIL = b"</body></html>"
MB50 = 50 << 20


def write(name, *parts):
    """parts: bytes, or (unit, total_bytes) repeated up to that size."""
    with open(os.path.join(OUT, name), "wb") as f:
        for p in parts:
            if isinstance(p, bytes):
                f.write(p)
                continue
            unit, size = p
            block = unit * max(1, (1 << 20) // len(unit))
            left = size
            while left > 0:
                f.write(block[: min(left, len(block))])
                left -= min(left, len(block))


def main():
    para = "<p>本机关依法公开政府信息，<span>本年新收</span>申请<b>0</b>件。</p>\n".encode()
    # 50 MB of report-like paragraphs: refused at the text cap, quickly.
    write("html_50mb_paras.html", HEAD, (para, MB50), TAIL)
    # 50 MB without a single tag: one text run.
    write("html_50mb_text.html", HEAD, ("政府信息公开 ".encode(), MB50), TAIL)
    # 50 MB inlined image in one attribute around a short page: read, no tables.
    write("html_50mb_attr.html", HEAD, "<p>一、总体情况</p><img src=\"data:image/png;base64,".encode(),
          (b"QUJD", MB50), b'">', "<p>六、其他需要报告的事项</p>".encode(), TAIL)
    # 100k nested inline and block elements, closed by end tags that match nothing.
    write("html_deep_unmatched.html", HEAD, (b"<div><span><font>", 1500000), "正文".encode(),
          (b"</p></b>", 800000), TAIL)
    # 100k nested tables, never closed.
    write("html_deep_tables.html", HEAD, (b"<table><tr><td>", 1500000), "本年新收".encode())
    # A grid that asks for the whole cap: every cell spans 4096 columns and 65534 rows.
    write("html_huge_spans.html", HEAD, b"<table>",
          (b"<tr><td colspan=100000 rowspan=65534>1</td><td colspan=4096>2</td></tr>", 4 << 20),
          b"</table>", TAIL)
    # 300k cells in one table: past the cell cap.
    write("html_many_cells.html", HEAD, b"<table><tr>", (b"<td>0</td>", 3 << 20), b"</table>", TAIL)


main()
