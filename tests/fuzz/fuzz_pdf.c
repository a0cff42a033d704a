/* fuzz_pdf.c - libFuzzer target for the PDF path: nb_pdf_read (poppler from memory) and the
 * geometry layout pass nb_layout_pdf on arbitrary bytes. */
#include "extract.h"
#include "layout.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nb_err err = {0};
    nb_ocr_set_mode("never"); /* Tesseract is not the code under test, and would make runs slow */
    nb_doc *d = nb_pdf_read((const char *)data, size, "fuzz.pdf", &err);
    if (d) {
        nb_layout_pdf(d, &err);
        nb_doc_free(d);
    }
    return 0;
}
