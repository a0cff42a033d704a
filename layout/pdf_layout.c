/* pdf_layout.c - placeholder for PDF geometry layout (SPAN blocks -> paragraphs and tables).
 * The real pass replaces this file; until then spans become one paragraph per span. */
#include "layout.h"

nb_code nb_layout_pdf(nb_doc *doc, nb_err *err)
{
    (void)err;
    for (size_t i = 0; i < doc->nblocks; i++)
        if (doc->blocks[i].kind == NB_BLOCK_SPAN)
            doc->blocks[i].kind = NB_BLOCK_PARA;
    return NB_OK;
}
