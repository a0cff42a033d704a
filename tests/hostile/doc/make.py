"""Hostile office files for the LibreOffice path (run from the repository root; writes beside itself).

macro_onload.odt: a text document with an embedded Python macro (Scripts/python/mark.py) bound to
the document's load event; the macro appends to /tmp/nianbao-macro-ran. run_office.sh converts it
with nianbao: the file must never appear.
How far that test reaches: LibreOffice's --convert-to never runs document macros (it loads hidden,
without a macro execution mode: checked by hand with a low-security profile and the macro bound to
every document event, nothing ran); nianbao's profile (security "very high", macros disabled) is the
second lock. The macro itself is live: opened (not converted) by a LibreOffice with the Python
script provider (libreoffice-script-provider-python) on a profile that allows macros, it writes the
file; opened with nianbao's profile, it does not. That control is not automated: a fresh profile's
first start swallows the document in headless open mode, so it could not run reliably in the suite.
Python, not Basic: Debian's libreoffice-writer-nogui has no Basic interpreter. The event names are
QNames: "dom:load" and "ooo:script" need their namespaces declared, or LibreOffice binds nothing
(the earlier Basic version of this file bound nothing)."""
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
MARK = "/tmp/nianbao-macro-ran"

CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:script="urn:oasis:names:tc:opendocument:xmlns:script:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:dom="http://www.w3.org/2001/xml-events"
 xmlns:ooo="http://openoffice.org/2004/office" office:version="1.3">
<office:scripts><office:event-listeners>
<script:event-listener script:language="ooo:script" script:event-name="dom:load"
 xlink:href="vnd.sun.star.script:mark.py$run?language=Python&amp;location=document" xlink:type="simple"/>
</office:event-listeners></office:scripts>
<office:body><office:text><text:p>2024年某某局政府信息公开工作年度报告</text:p></office:text></office:body>
</office:document-content>
"""
SCRIPT = """def run(*args):
    with open(%r, "a") as f:
        f.write("ran\\n")


g_exportedScripts = (run,)
""" % MARK
MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="Scripts/python/mark.py" manifest:media-type=""/>
 <manifest:file-entry manifest:full-path="Scripts/python/" manifest:media-type="application/binary"/>
 <manifest:file-entry manifest:full-path="Scripts/" manifest:media-type="application/binary"/>
</manifest:manifest>
"""

with zipfile.ZipFile(os.path.join(HERE, "macro_onload.odt"), "w") as z:
    z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
    z.writestr(zipfile.ZipInfo("META-INF/manifest.xml"), MANIFEST, zipfile.ZIP_DEFLATED)
    z.writestr(zipfile.ZipInfo("content.xml"), CONTENT, zipfile.ZIP_DEFLATED)
    z.writestr(zipfile.ZipInfo("Scripts/python/mark.py"), SCRIPT, zipfile.ZIP_DEFLATED)
