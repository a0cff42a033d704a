/* pdf_layout.c - the PDF layout driver: SPAN blocks -> lines -> running headers dropped -> tables
 * found from geometry -> PARA and TABLE blocks in reading order (cleaning happens after, in layout.c). */
#include "pdf_layout.h"

#include <stdlib.h>
#include <string.h>

static void release(pl_ctx *c, int ok)
{
    for (size_t i = 0; !ok && i < c->nout; i++)
        if (c->out[i].kind == NB_BLOCK_TABLE)
            free(c->out[i].table->cells);
    if (!ok)
        free(c->out);
    free(c->segs);
    free(c->lines);
    pl_lattice_free(c);
}

/* Emits lines [from, to) of one kind run: prose as paragraphs, table lines as grids. */
static int emit_run(pl_ctx *c, size_t from, size_t to, int table)
{
    return table ? pl_emit_table(c, from, to) : pl_emit_paragraphs(c, from, to);
}

/* Line i's position; a lattice table starting above it is emitted first (the run so far closed). */
static int lattice_first(pl_ctx *c, size_t i, size_t *start, int table)
{
    const pl_line *l = &c->lines[i];
    float y = l->y0 - (float)l->page * PL_PAGE_Y;
    if (!pl_lattice_before(c, l->page, y))
        return 1;
    if (i > *start && !emit_run(c, *start, i, table))
        return 0;
    *start = i;
    return pl_lattice_emit_before(c, l->page, y);
}

static int emit_all(pl_ctx *c)
{
    size_t start = 0;
    int table = 0;
    for (size_t i = 0; i <= c->nlines; i++) {
        if (i < c->nlines && c->lines[i].kind == PL_DROP)
            continue;
        if (i < c->nlines && !lattice_first(c, i, &start, table))
            return 0;
        int t = i < c->nlines && c->lines[i].kind == PL_TABLE;
        if (i < c->nlines && t == table)
            continue;
        if (i > start && !emit_run(c, start, i, table))
            return 0;
        start = i;
        table = t;
    }
    return pl_lattice_emit_before(c, -1, 0);
}

nb_code nb_layout_pdf(nb_doc *doc, nb_err *err)
{
    pl_ctx c;
    memset(&c, 0, sizeof c);
    c.doc = doc;
    int ok = pl_lattice(&c) && pl_build_lines(&c);
    if (ok) {
        pl_drop_furniture(&c);
        pl_margins(&c);
        pl_mark_tables(&c);
        pl_margins(&c); /* again, from prose only */
        ok = emit_all(&c);
    }
    /* keep non-span blocks a reader may have added (none today) after the rebuilt text */
    for (size_t i = 0; ok && i < doc->nblocks; i++) {
        if (doc->blocks[i].kind == NB_BLOCK_SPAN || doc->blocks[i].kind == NB_BLOCK_RULE)
            continue;
        nb_block *b = pl_push(&c);
        if (!(ok = b != NULL))
            break;
        *b = doc->blocks[i];
    }
    release(&c, ok);
    if (!ok)
        return nb_err_set(err, NB_ENOMEM, "out of memory while laying out the PDF");
    nb_doc_set_blocks(doc, c.out, c.nout, c.outcap);
    return NB_OK;
}
