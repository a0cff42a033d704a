/* texttable.c - text input: raw lines into paragraphs and tables.
 * (being written) */
#include "layout.h"

nb_code nb_layout_text(nb_doc *doc, nb_err *err)
{
    (void)err;
    for (size_t i = 0; i < doc->nblocks; i++)
        if (doc->blocks[i].kind == NB_BLOCK_LINE)
            doc->blocks[i].kind = NB_BLOCK_PARA;
    return NB_OK;
}
