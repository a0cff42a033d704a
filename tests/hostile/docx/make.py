#!/usr/bin/env python3
"""make.py - regenerates the hostile DOCX files beside this script (committed; each under 2 MB).
Run: python3 tests/hostile/docx/make.py. Only the standard library; deterministic output."""
import io
import os
import struct
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
      'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
DOC = '<w:document %s><w:body><w:p><w:r><w:t>%%s</w:t></w:r></w:p></w:body></w:document>' % W
FIXED = (2021, 1, 1, 0, 0, 0)


def entry(zf, name, data, method=zipfile.ZIP_DEFLATED):
    info = zipfile.ZipInfo(name, FIXED)
    info.compress_type = method
    zf.writestr(info, data)


def package(parts, method=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w') as zf:
        for name, data in parts:
            entry(zf, name, data, method)
    return buf.getvalue()


def bomb(size):
    """A document.xml that inflates to `size` bytes of one repeated character."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', compresslevel=9) as zf:
        entry(zf, '[Content_Types].xml', CT)
        info = zipfile.ZipInfo('word/document.xml', FIXED)
        info.compress_type = zipfile.ZIP_DEFLATED
        head = ('<w:document %s><w:body><w:p><w:r><w:t>' % W).encode()
        with zf.open(info, 'w', force_zip64=False) as f:
            f.write(head)
            chunk = b'a' * (1 << 20)
            left = size - len(head)
            while left > 0:
                f.write(chunk[:min(left, len(chunk))])
                left -= len(chunk)
    return buf.getvalue()


def patch_sizes(data, name, fake_size):
    """Makes the headers of entry `name` declare fake_size inflated bytes (a lying zip bomb)."""
    out = bytearray(data)
    key = name.encode()
    for sig, size_off, name_off in ((b'PK\x03\x04', 22, 30), (b'PK\x01\x02', 24, 46)):
        pos = 0
        while (pos := out.find(sig, pos)) >= 0:
            if out[pos + name_off:pos + name_off + len(key)] == key:
                struct.pack_into('<I', out, pos + size_off, fake_size)
            pos += 4
    return bytes(out)


def set_encrypted(data, name):
    """Sets the 'encrypted' bit of entry `name` in both headers (PKWARE traditional encryption)."""
    out = bytearray(data)
    key = name.encode()
    for sig, flag_off, name_off in ((b'PK\x03\x04', 6, 30), (b'PK\x01\x02', 8, 46)):
        pos = 0
        while (pos := out.find(sig, pos)) >= 0:
            if out[pos + name_off:pos + name_off + len(key)] == key:
                out[pos + flag_off] |= 1
            pos += 4
    return bytes(out)


def ole(stream_name):
    """An OLE compound-file header followed by a directory entry name in UTF-16LE."""
    head = b'\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1' + bytes(504)
    return head + stream_name.encode('utf-16-le') + bytes(1024)


def files():
    good = package([('[Content_Types].xml', CT), ('word/document.xml', DOC % ('x' * 4000))])
    laughs = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' + ''.join(
        '<!ENTITY lol%d "%s">' % (i, ('&lol%d;' % (i - 1) if i > 1 else '&lol;') * 10)
        for i in range(1, 10)) + ']>' + DOC % '&lol9;'
    xxe = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           + DOC % '&x;')
    deep = '<w:document %s><w:body>' % W + '<w:r>' * 100000  # 500 KB: under the ratio floor
    many = io.BytesIO()
    with zipfile.ZipFile(many, 'w') as zf:
        entry(zf, '[Content_Types].xml', CT)
        entry(zf, 'word/document.xml', DOC % 'x')
        for i in range(10050):
            entry(zf, 'm/%x' % i, '', zipfile.ZIP_STORED)
    return {
        'zip_bomb_1g.docx': bomb(1 << 30),
        'zip_bomb_lying.docx': patch_sizes(bomb(64 << 20), 'word/document.xml', 4000),
        'many_entries.docx': many.getvalue(),
        'billion_laughs.docx': package([('[Content_Types].xml', CT), ('word/document.xml', laughs)]),
        'xxe_passwd.docx': package([('[Content_Types].xml', CT), ('word/document.xml', xxe)]),
        'deep_nesting_100k.docx': package([('[Content_Types].xml', CT), ('word/document.xml', deep)]),
        'truncated.docx': good[:len(good) // 2],
        'missing_document.docx': package([('[Content_Types].xml', CT),
                                          ('word/styles.xml', '<w:styles %s/>' % W)]),
        'empty_document.docx': package([('[Content_Types].xml', CT), ('word/document.xml', '')]),
        'encrypted_entry.docx': set_encrypted(good, 'word/document.xml'),
        'doc_renamed.docx': ole('WordDocument'),
        'encrypted_package.docx': ole('EncryptedPackage'),
    }


if __name__ == '__main__':
    for name, data in files().items():
        with open(os.path.join(HERE, name), 'wb') as f:
            f.write(data)
        print('%-26s %9d bytes' % (name, len(data)))
