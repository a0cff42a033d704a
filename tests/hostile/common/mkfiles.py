#!/usr/bin/python3
# mkfiles.py - writes the small committed hostile files of tests/hostile/common/ (run once, output committed).
# Deterministic: rerunning gives the same bytes. Large or special files are made at test time by gen.sh.
import io, os, random, zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPORT_LINE = "二、主动公开政府信息情况\n第二十条第（一）项\t信息内容\t本年制发件数\n"


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def docx(document_xml, extra=None):
    """A minimal Word package whose word/document.xml is the given text."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="rels" ContentType="application/'
                   'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
                   '"application/xml"/><Override PartName="/word/document.xml" ContentType="application/'
                   'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
                   '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxml'
                   'formats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"'
                   '/></Relationships>')
        z.writestr("word/document.xml", document_xml)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return out.getvalue()


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def para(text):
    return "<w:p><w:r><w:t>%s</w:t></w:r></w:p>" % text


def billion_laughs():
    ents = ['<!ENTITY lol "lol">'] + ['<!ENTITY lol%d "%s">' % (i, ("&lol%s;" % ("" if i == 1 else i - 1)) * 10)
                                      for i in range(1, 10)]
    return docx('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE w:document [\n%s\n]>\n'
                '<w:document %s><w:body>%s%s</w:body></w:document>'
                % ("\n".join(ents), W, para("一、总体情况"), para("&lol9;")))


def xxe():
    # Both a general external entity and an external parameter entity, plus an XInclude: none may be read.
    return docx('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE w:document [\n'
                '<!ENTITY xxe SYSTEM "file:///etc/passwd">\n<!ENTITY %% pe SYSTEM "file:///etc/passwd">\n%%pe;\n'
                ']>\n<w:document %s xmlns:xi="http://www.w3.org/2001/XInclude"><w:body>%s%s'
                '<xi:include href="file:///etc/passwd" parse="text"/></w:body></w:document>'
                % (W, para("一、总体情况"), para("&xxe;")))


def deep_docx(depth=20000):
    open_ = "<w:tbl><w:tr><w:tc>" * depth
    close = "</w:tc></w:tr></w:tbl>" * depth
    return docx('<?xml version="1.0" encoding="UTF-8"?><w:document %s><w:body>%s%s%s</w:body></w:document>'
                % (W, open_, para("0"), close))


def png():
    import struct, zlib
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\0" + b"\xff\x00\x00" * 8 for _ in range(8))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def ole_doc():
    hdr = bytearray(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + bytes(504))
    hdr[0x18:0x1C] = b"\x3E\x00\x03\x00"
    hdr[0x1C:0x1E] = b"\xFE\xFF"
    sector = bytearray(512)
    name = "WordDocument".encode("utf-16le")
    sector[0:len(name)] = name
    return bytes(hdr) + bytes(sector) + bytes(1024)


def plain_zip():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("readme.txt", "这是一个普通的压缩包，不是 Word 文档。\n")
        z.writestr("data/values.csv", "a,b\n1,2\n")
    return out.getvalue()


def main():
    rnd = random.Random(7)
    write("empty.txt", b"")
    write("garbage.bin", bytes(rnd.randrange(256) for _ in range(8192)))
    write("invalid_utf8.txt", "某某局2024年政府信息公开工作年度报告\n".encode()
          + b"\xff\xfe\xc3\x28\xa0\xa1\xe2\x28\xa1\xf0\x28\x8c\xbc\xed\xa0\x80\xc0\xaf\n"
          + "一、总体情况\n".encode() + b"\x80\x81\x82 \xf8\x88\x80\x80\x80\n")
    write("no_tables.txt", ("某某县司法局2024年政府信息公开工作年度报告\n一、总体情况\n本年度主动公开信息12条。\n"
                            "二、主动公开政府信息情况\n本局无规章。\n五、存在的主要问题及改进情况\n无。\n").encode())
    write("nul_middle.txt", ("某某县司法局2024年政府信息公开工作年度报告\n一、总体情况\n主动公开").encode()
          + b"\0" + "信息12条。\n".encode() + REPORT_LINE.encode())
    write("png_renamed.txt", png())
    write("zip_not_docx.docx", plain_zip())
    write("ole_doc.docx", ole_doc())
    write("billion_laughs.docx", billion_laughs())
    write("xxe_passwd.docx", xxe())
    write("deep_nesting.docx", deep_docx())
    write("only_whitespace.txt", b" \t\r\n\n   \f\n")
    write("utf16_no_bom.txt", "一、总体情况\n".encode("utf-16le") * 50)
    write("truncated.docx", docx(para("x") * 10)[:300])


main()
