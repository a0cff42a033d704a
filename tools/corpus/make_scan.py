"""Scan corpus: image-only PDFs made from corpus PDFs the way a portal's scanned stamped copy looks.

Each page is rasterised in grey (pdftoppm -gray) at 150 or 200 dpi, turned by up to 1 degree, speckled
(a few hundred dark and light specks), JPEG-compressed and wrapped into an image-only PDF with img2pdf.
The truth is the source document's truth. Deterministic: the random generator is seeded per document."""
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

from PIL import Image

# (source in corpus/pdf, output name, dpi, rotation in degrees, JPEG quality)
SCANS = [
    ("01_template_merged", "01_template_200dpi", 200, 0.6, 75),
    ("06_reportlab_ruled", "02_ruled_200dpi_tilt", 200, -0.9, 70),
    ("02_nomerge_fresh", "03_nomerge_150dpi", 150, 0.4, 80),
]
SPECKS_PER_MPIX = 120


def speckle(img, rng):
    px = img.load()
    w, h = img.size
    for _ in range(int(SPECKS_PER_MPIX * w * h / 1e6)):
        x, y, r = rng.randrange(w), rng.randrange(h), rng.choice((0, 0, 1))
        v = rng.choice((0, 40, 255))
        for dx in range(-r, r + 1):
            for dy in range(-r, r + 1):
                if 0 <= x + dx < w and 0 <= y + dy < h:
                    px[x + dx, y + dy] = v


def scan(src_pdf, out_pdf, dpi, angle, quality, seed):
    rng = random.Random(seed)
    tmp = tempfile.mkdtemp(prefix="nb-scan-")
    try:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", src_pdf, os.path.join(tmp, "p")], check=True)
        pages = sorted(n for n in os.listdir(tmp) if n.endswith(".pgm"))
        jpgs = []
        for i, name in enumerate(pages):
            img = Image.open(os.path.join(tmp, name)).convert("L")
            img = img.rotate(angle * (1 if i % 2 == 0 else -0.7), resample=Image.BICUBIC, expand=False,
                             fillcolor=255)
            speckle(img, rng)
            jpg = os.path.join(tmp, "p%03d.jpg" % i)
            img.save(jpg, "JPEG", quality=quality, dpi=(dpi, dpi))
            jpgs.append(jpg)
        subprocess.run(["img2pdf", "--output", out_pdf] + jpgs, check=True)
    finally:
        shutil.rmtree(tmp)


def build(pdf_dir, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    for n, (src, out, dpi, angle, quality) in enumerate(SCANS):
        scan(os.path.join(pdf_dir, src + ".pdf"), os.path.join(out_dir, out + ".pdf"), dpi, angle, quality,
             1000 + n)
        truth = json.load(open(os.path.join(pdf_dir, src + ".truth.json"), encoding="utf-8"))
        truth["notes"] = ("scan of pdf/%s.pdf: grey %d dpi, turned %.1f degrees, speckled, JPEG q%d, "
                          "image-only PDF (img2pdf); truth = the source's truth" % (src, dpi, angle, quality))
        with open(os.path.join(out_dir, out + ".truth.json"), "w", encoding="utf-8") as f:
            json.dump(truth, f, ensure_ascii=False, indent=2)
            f.write("\n")


if __name__ == "__main__":
    root = sys.argv[1] if len(sys.argv) > 1 else "corpus"
    build(os.path.join(root, "pdf"), os.path.join(root, "scan"))
