"""Word 97-2003 / RTF / ODT corpus: LibreOffice writes corpus DOCX files in the older formats.

nianbao reads them back through LibreOffice (extract/convert.c), so the truth is the source DOCX's
truth. One file per format keeps `make check` short (each conversion costs LibreOffice's start-up)."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

# (source in corpus/docx, output name, LibreOffice filter)
DOCS = [
    ("01_template_merged", "01_template_merged.doc", "doc:MS Word 97"),
    ("02_nomerge_fresh", "02_nomerge_fresh.rtf", "rtf:Rich Text Format"),
    ("08_rich_values", "03_rich_values.odt", "odt:writer8"),
]


def build(docx_dir, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="nb-doc-")
    try:
        for src, out, filt in DOCS:
            subprocess.run(["soffice", "--headless", "--norestore", "-env:UserInstallation=file://" + tmp + "/p",
                            "--convert-to", filt, "--outdir", tmp, os.path.join(docx_dir, src + ".docx")],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
            shutil.move(os.path.join(tmp, src + os.path.splitext(out)[1]), os.path.join(out_dir, out))
            truth = json.load(open(os.path.join(docx_dir, src + ".truth.json"), encoding="utf-8"))
            truth["notes"] = "LibreOffice %s of docx/%s.docx; truth = the source's truth" % (filt.split(":")[1], src)
            base = os.path.splitext(out)[0]
            with open(os.path.join(out_dir, base + ".truth.json"), "w", encoding="utf-8") as f:
                json.dump(truth, f, ensure_ascii=False, indent=2)
                f.write("\n")
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    root = sys.argv[1] if len(sys.argv) > 1 else "corpus"
    build(os.path.join(root, "docx"), os.path.join(root, "doc"))
