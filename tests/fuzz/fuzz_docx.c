/* fuzz_docx.c - libFuzzer target for the DOCX reader alone (nb_docx_read): the ZIP layer, the
 * XML streaming, styles, numbering and the span grid, on arbitrary bytes. */
#include "extract.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nb_err err = {0};
    nb_doc *doc = nb_docx_read((const char *)data, size, "fuzz.docx", &err);
    nb_doc_free(doc);
    return 0;
}
