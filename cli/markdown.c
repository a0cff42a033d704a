/* markdown.c - the laid-out document as text a person reads: paragraphs as lines,
 * headings marked, tables as Markdown grids (merged cells repeated, so every row is whole).
 *
 * Repeating merged cells multiplies text: one cell spanning 4096 x 4096 grid positions would be
 * written 16M times. So the writer is bounded like the readers: it stops once the output passes
 * NB_MAX_CONVERT_BYTES and ends with a warning line, and grid positions are looked up through a
 * per-row index (cells active on the row, by column), never by scanning every cell per position:
 *   row 0: cells starting on row 0 enter the active list; each fills line[col .. col+colspan);
 *   row 1: cells whose rowspan ended leave, cells starting on row 1 enter; line is refilled; ... */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static void put_cell(nb_buf *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            nb_buf_puts(out, "\\|");
        else if (*s == '\n' || *s == '\t')
            nb_buf_putc(out, ' ');
        else
            nb_buf_putc(out, *s);
    }
}

static int full(const nb_buf *out) { return out->len >= NB_MAX_CONVERT_BYTES || out->oom; }

/* Cells covering row r, by column: line[c] is the cell at (r, c) or NULL. */
typedef struct {
    const nb_cell **line, **active;
    size_t nactive, next; /* next: first cell (sorted by top row) not yet active */
} row_index;

static void index_row(row_index *x, const nb_table *t, int r)
{
    size_t k = 0;
    for (size_t i = 0; i < x->nactive; i++) /* drop cells whose rows ended */
        if (x->active[i]->row + x->active[i]->rowspan > r)
            x->active[k++] = x->active[i];
    x->nactive = k;
    for (; x->next < t->ncells && t->cells[x->next].row <= r; x->next++)
        if (t->cells[x->next].row + t->cells[x->next].rowspan > r)
            x->active[x->nactive++] = &t->cells[x->next];
    memset(x->line, 0, (size_t)t->ncols * sizeof *x->line);
    for (size_t i = 0; i < x->nactive; i++) /* in row-major order: the first cell wins a position */
        for (int c = x->active[i]->col; c < x->active[i]->col + x->active[i]->colspan && c < t->ncols; c++)
            if (!x->line[c])
                x->line[c] = x->active[i];
}

static void write_table(const nb_table *t, nb_buf *out)
{
    row_index x = {calloc((size_t)t->ncols + 1, sizeof *x.line), calloc(t->ncells + 1, sizeof *x.active), 0, 0};
    for (int r = 0; x.line && x.active && r < t->nrows && !full(out); r++) {
        index_row(&x, t, r);
        nb_buf_putc(out, '|');
        for (int c = 0; c < t->ncols && !full(out); c++) {
            nb_buf_putc(out, ' ');
            if (x.line[c])
                put_cell(out, x.line[c]->text);
            nb_buf_puts(out, " |");
        }
        nb_buf_putc(out, '\n');
        if (r == 0) {
            nb_buf_putc(out, '|');
            for (int c = 0; c < t->ncols && !full(out); c++)
                nb_buf_puts(out, " --- |");
            nb_buf_putc(out, '\n');
        }
    }
    if (!x.line || !x.active)
        out->oom = 1;
    free(x.line);
    free(x.active);
}

int nb_write_markdown(const nb_doc *doc, nb_buf *out)
{
    for (size_t i = 0; i < doc->nblocks && !full(out); i++) {
        const nb_block *b = &doc->blocks[i];
        if (i)
            nb_buf_putc(out, '\n');
        if (b->kind == NB_BLOCK_TABLE) {
            write_table(b->table, out);
            continue;
        }
        if (b->level > 0 && b->level <= 6) {
            for (int k = 0; k < b->level; k++)
                nb_buf_putc(out, '#');
            nb_buf_putc(out, ' ');
        }
        nb_buf_puts(out, b->text ? b->text : "");
        nb_buf_putc(out, '\n');
    }
    if (!full(out) || out->oom)
        return 0;
    nb_buf_printf(out, "\n[nianbao: output cut at %zu bytes (NB_MAX_CONVERT_BYTES): the rest of the "
                  "document is not shown]\n", NB_MAX_CONVERT_BYTES);
    return 1;
}
