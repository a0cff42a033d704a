/* docx_table.c - the span grid of one Word table: gridSpan widens a cell, gridBefore skips columns,
 * vMerge/hMerge continuations lengthen the cell above/left (their hidden text is dropped). */
#include "docx_internal.h"

#include <stdlib.h>
#include <string.h>

struct dx_grid {
    nb_doc *doc;
    nb_table *t;
    int row, col; /* current row (-1 before the first w:tr) and next free grid column */
    int last;     /* index of the previous cell in this row, -1 */
    int *open;    /* per grid column: index of the cell a vMerge continuation extends, -1 */
    int warned;
};

dx_grid *dx_grid_new(nb_doc *doc)
{
    dx_grid *g = calloc(1, sizeof *g);
    int *open = malloc(NB_MAX_TABLE_DIM * sizeof *open);
    nb_table *t = g && open ? nb_doc_add_table(doc) : NULL;
    if (!t) {
        free(g);
        free(open);
        return NULL;
    }
    for (int i = 0; i < NB_MAX_TABLE_DIM; i++)
        open[i] = -1;
    g->doc = doc;
    g->t = t;
    g->open = open;
    g->row = -1;
    g->last = -1;
    return g;
}

void dx_grid_row(dx_grid *g)
{
    g->row++;
    g->col = 0;
    g->last = -1;
}

void dx_grid_skip(dx_grid *g, int ncols)
{
    if (ncols > 0 && ncols < NB_MAX_TABLE_DIM - g->col)
        g->col += ncols;
}

/* The cell a vMerge continuation at the current position extends, or NULL. */
static nb_cell *merge_above(dx_grid *g)
{
    int idx = g->open[g->col];
    if (idx < 0)
        return NULL;
    nb_cell *c = &g->t->cells[idx];
    return c->col == g->col && c->row + c->rowspan == g->row ? c : NULL;
}

static void add_new(dx_grid *g, int span, dx_merge vmerge, const char *text, size_t len)
{
    int row = g->row < 0 ? 0 : g->row;
    nb_cell *c = nb_table_add_cell(g->doc, g->t, row, g->col, 1, span, text, len);
    int idx = c ? (int)(c - g->t->cells) : -1;
    if (!c && !g->warned) {
        g->warned = 1;
        nb_doc_warn(g->doc, "table cut: over %u cells or %d rows/columns", NB_MAX_TABLE_CELLS,
                    NB_MAX_TABLE_DIM);
    }
    for (int j = g->col; j < g->col + span && j < NB_MAX_TABLE_DIM; j++)
        g->open[j] = vmerge != DX_MERGE_NONE ? idx : -1;
    g->last = idx;
}

void dx_grid_cell(dx_grid *g, int span, dx_merge vmerge, dx_merge hmerge, const char *text,
                  size_t len)
{
    if (span < 1)
        span = 1;
    if (g->row >= NB_MAX_TABLE_DIM) /* past the cap: add_new refuses the cell and warns */
        vmerge = hmerge = DX_MERGE_NONE;
    if (g->col >= NB_MAX_TABLE_DIM)
        return;
    if (span > NB_MAX_TABLE_DIM - g->col)
        span = NB_MAX_TABLE_DIM - g->col;
    nb_cell *c = NULL;
    if (hmerge == DX_MERGE_CONTINUE && g->last >= 0) {
        c = &g->t->cells[g->last];
        c->colspan += span;
        if (c->col + c->colspan > g->t->ncols)
            g->t->ncols = c->col + c->colspan;
    } else if (vmerge == DX_MERGE_CONTINUE && (c = merge_above(g)) != NULL) {
        c->rowspan++;
        if (c->row + c->rowspan > g->t->nrows)
            g->t->nrows = c->row + c->rowspan;
        g->last = -1;
    }
    if (!c) /* an orphan continuation starts a merge itself */
        add_new(g, span, vmerge, text, len);
    /* else: Word shows only the first cell of a merge; whatever a continuation holds is hidden */
    g->col += span;
}

void dx_grid_end(dx_grid *g)
{
    if (!g)
        return;
    nb_table_finish(g->t);
    free(g->open);
    free(g);
}
