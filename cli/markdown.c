/* markdown.c - the laid-out document as text a person reads: paragraphs as lines,
 * headings marked, tables as Markdown grids (merged cells repeated, so every row is whole). */
#include "cli.h"

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

static void write_table(const nb_table *t, nb_buf *out)
{
    for (int r = 0; r < t->nrows; r++) {
        nb_buf_putc(out, '|');
        for (int c = 0; c < t->ncols; c++) {
            const nb_cell *cell = nb_table_at(t, r, c);
            nb_buf_putc(out, ' ');
            if (cell)
                put_cell(out, cell->text);
            nb_buf_puts(out, " |");
        }
        nb_buf_putc(out, '\n');
        if (r == 0) {
            nb_buf_putc(out, '|');
            for (int c = 0; c < t->ncols; c++)
                nb_buf_puts(out, " --- |");
            nb_buf_putc(out, '\n');
        }
    }
}

void nb_write_markdown(const nb_doc *doc, nb_buf *out)
{
    for (size_t i = 0; i < doc->nblocks; i++) {
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
}
