#!/usr/bin/python3
"""make_missing_cmap.py OUT.pdf - a report title in a non-embedded CID font (reportlab's STSong-Light)
whose character collection and CMap are renamed to ones poppler has no data for (Adobe-ZZ1,
UniZZ-UCS2-H; same byte lengths, so the xref stays valid). poppler drops the Chinese text, as it does
for Adobe-GB1 on a machine without poppler-data: nianbao must say "install poppler-data"."""
import sys
from reportlab.pdfgen import canvas
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont

out = sys.argv[1]
pdfmetrics.registerFont(UnicodeCIDFont('STSong-Light'))
c = canvas.Canvas(out, pageCompression=0, invariant=1)
c.setFont('STSong-Light', 12)
c.drawString(72, 700, '某某局2024年政府信息公开工作年度报告')
c.drawString(72, 680, '一、总体情况')
c.setFont('Helvetica', 12)
c.drawString(72, 660, '2024 12 3 0')
c.save()
data = open(out, 'rb').read()
data = data.replace(b'/Ordering (GB1)', b'/Ordering (ZZ1)').replace(b'/UniGB-UCS2-H', b'/UniZZ-UCS2-H')
open(out, 'wb').write(data)
