/* ocr.h - OCR of one PDF page into SPAN blocks (ocr.c), for pdf.c only: GLib types stay in extract/. */
#ifndef NB_OCR_H
#define NB_OCR_H

#include "extract.h"

#include <poppler.h>

/* Reads the rendered page with Tesseract and appends its words as SPAN blocks (PDF points).
 * Returns the number of words, or -1 with err when Tesseract or its chi_sim data are missing. */
int nb_ocr_page(nb_doc *doc, PopplerPage *page, int pageno, nb_err *err);

#endif
