/* layout.c - the layout driver: runs the passes a document's format needs so that every
 * format leaves layout/ as cleaned, simplified PARA and TABLE blocks in reading order. */
#include "layout.h"

#include <stdlib.h>
#include <string.h>

/* Replaces *text with its cleaned copy in the doc arena; prose > 0 tightens prose spacing,
 * prose < 0 keeps spaces between Han characters (raw text lines, where they may split cells). */
static int clean_in_place(nb_doc *doc, const char **text, int prose)
{
    size_t n = 0;
    char *c = nb_clean_ex(*text, strlen(*text), &n, prose < 0);
    if (!c)
        return 0;
    if (prose > 0)
        n = nb_tighten(c, n, 1);
    const char *copy = nb_doc_strdup(doc, c, n);
    free(c);
    if (!copy)
        return 0;
    *text = copy;
    return 1;
}

static nb_code clean_blocks(nb_doc *doc, nb_block_kind kind, int prose, nb_err *err)
{
    for (size_t i = 0; i < doc->nblocks; i++) {
        nb_block *b = &doc->blocks[i];
        if (b->kind == kind && b->text && !clean_in_place(doc, &b->text, prose))
            return nb_err_set(err, NB_ENOMEM, "out of memory");
        if (kind == NB_BLOCK_TABLE && b->kind == NB_BLOCK_TABLE)
            for (size_t k = 0; k < b->table->ncells; k++)
                if (!clean_in_place(doc, &b->table->cells[k].text, 0))
                    return nb_err_set(err, NB_ENOMEM, "out of memory");
    }
    return NB_OK;
}

nb_code nb_layout(nb_doc *doc, nb_err *err)
{
    nb_code rc = NB_OK;
    switch (doc->format) {
    case NB_FMT_TEXT:
        /* Lines are cleaned first: row rebuilding needs ASCII digits and no markup. */
        if ((rc = clean_blocks(doc, NB_BLOCK_LINE, -1, err)))
            return rc;
        if (nb_layout_crawler(doc, err, &rc))
            return rc;
        if ((rc = nb_layout_text(doc, err)))
            return rc;
        break;
    case NB_FMT_PDF:
        if ((rc = nb_layout_pdf(doc, err)) || (rc = clean_blocks(doc, NB_BLOCK_TABLE, 0, err)))
            return rc;
        /* PDF text was assembled above; clean it like every other format below. */
        break;
    default:
        if ((rc = clean_blocks(doc, NB_BLOCK_TABLE, 0, err)))
            return rc;
        break;
    }
    if (doc->format == NB_FMT_TEXT)
        return NB_OK; /* its paragraphs were made from cleaned lines */
    return clean_blocks(doc, NB_BLOCK_PARA, 1, err);
}
