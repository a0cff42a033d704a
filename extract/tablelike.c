/* tablelike.c - does a PDF page's text look like a table? Rendering a page to find its ruling lines
 * costs several times reading its text, so only pages whose spans look like table cells are rendered.
 *
 * The test, on a small example: three lines of one page, spans boxed.
 *
 *     [（一）本年新收申请数量]      [35]     [7]     [0]     [1]      a table row: four short spans,
 *                                                                    each far from its left neighbour
 *     [全年主动公开信息][418][条，其中机构职能类][9][条。]          prose: short spans ("418", "9",
 *                                                                    "条。") one space from the text
 *     [时答复。]                                                     the last line of a paragraph
 *
 *   Step 1. Spans are grouped into lines: sorted by baseline, a span within NB_CELL_BASE_EM font
 *           sizes of the first span of the line joins it.
 *   Step 2. In each line, sorted left to right, a span is a cell when it is short (at most
 *           NB_RULE_CELL_CHARS characters) and its left neighbour ends at least NB_CELL_GAP_EM font
 *           sizes before it. The table row gives 4 cells; the prose line none (a number in prose is
 *           one space from its words); the lone last line none (no left neighbour).
 *   Step 3. The page looks like a table when it holds at least NB_RULE_PAGE_MIN_SET_APART cells. A
 *           template table page holds a hundred or more, a table begun at the page's foot 5-12 (table
 *           2's first rows at a large size in narrow columns: 5), a prose page with numbers in its
 *           sentences none (0 on each of 17 prose pages of a LibreOffice report).
 */
#include "extract.h"

#include <stdlib.h>

#define NB_CELL_BASE_EM 0.3f /* baselines this close (in font sizes) are one line, as pdf.c joins glyphs */
#define NB_CELL_GAP_EM 0.5f  /* a gap this wide (in font sizes) before a short span sets it apart as a cell:
                                words in prose are one space (0.1-0.4 em) apart; table columns are 1-3 em, a
                                browser's squeezed table 4 (15 columns) 0.5-0.9 em */

typedef struct {
    float x0, x1, base, em;
    int is_short;
} span_pos;

static int chars_at_most(const char *s, int max)
{
    int chars = 0;
    for (; *s && chars <= max; s++)
        chars += ((unsigned char)*s & 0xC0) != 0x80;
    return chars <= max;
}

static int by_base(const void *a, const void *b)
{
    const span_pos *x = a, *y = b;
    return (x->base > y->base) - (x->base < y->base);
}

static int by_left(const void *a, const void *b)
{
    const span_pos *x = a, *y = b;
    return (x->x0 > y->x0) - (x->x0 < y->x0);
}

/* Step 2: the cells of one line (v sorted left to right). */
static size_t line_cells(const span_pos *v, size_t n)
{
    size_t cells = 0;
    for (size_t i = 1; i < n; i++)
        cells += v[i].is_short && v[i].x0 - v[i - 1].x1 >= NB_CELL_GAP_EM * v[i].em;
    return cells;
}

/* Step 1-2 over spans sorted by baseline. */
static size_t count_cells(span_pos *v, size_t n)
{
    size_t cells = 0;
    qsort(v, n, sizeof *v, by_base);
    for (size_t a = 0, b; a < n; a = b) {
        for (b = a + 1; b < n && v[b].base - v[a].base < NB_CELL_BASE_EM * v[a].em; b++)
            ;
        qsort(v + a, b - a, sizeof *v, by_left);
        cells += line_cells(v + a, b - a);
    }
    return cells;
}

int nb_page_table_like(const nb_doc *doc, size_t first)
{
    size_t n = 0;
    span_pos *v = first < doc->nblocks ? malloc((doc->nblocks - first) * sizeof *v) : NULL;
    if (!v)
        return first < doc->nblocks; /* out of memory: look for rules as if it were a table */
    for (size_t i = first; i < doc->nblocks; i++) {
        const nb_block *b = &doc->blocks[i];
        if (b->kind != NB_BLOCK_SPAN || !b->text)
            continue;
        float em = b->font_size > 0 ? b->font_size : b->box.y1 - b->box.y0;
        v[n++] = (span_pos){b->box.x0, b->box.x1, b->box.y1, em > 0 ? em : 1,
                            chars_at_most(b->text, NB_RULE_CELL_CHARS)};
    }
    size_t cells = count_cells(v, n);
    free(v);
    return cells >= NB_RULE_PAGE_MIN_SET_APART;
}
