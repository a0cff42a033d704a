/* pdf_lattice.c - tables from ruling lines (lattice mode): the RULE blocks extract/rules.c found on a page
 * become a grid of cells, every text span goes into the cell holding its centre, and a table continued on
 * the next page joins the grid above it. Spans of no usable grid go on to the alignment path (pdf_tables.c).
 *
 * The algorithm, on a small table-3 example (| and - are rules; the group cell has no rule under 自然人's
 * row boundary in column 0, and "35" is wrapped as 3 / 5 in its narrow cell):
 *
 *        x0        x1          x2   x3
 *     y0 +---------------------+----+
 *        |                     |自然|
 *        |                     |人  |
 *     y1 +---------+-----------+----+
 *        |（三）不 |1.属于国家 | 3  |
 *        |予公开   |秘密       | 5  |
 *     y2 |         +-----------+----+
 *        |         |2.其他法律 | 0  |
 *     y3 +---------+-----------+----+
 *
 * Step 1. Rules of the page that touch each other form one candidate table (connected components).
 *         Before that (1a), a vertical rule whose end lies inside a word's box is cut back to the word:
 *         the page image's rule ran on through a glyph's stroke set on its line.
 * Step 2. Boundaries: the y of the horizontal rules and the x of the vertical ones, clustered within
 *         LAT_SNAP_PT: ys = {y0, y1, y2, y3}, xs = {x0, x1, x2, x3}: a 3 x 3 grid of elementary cells.
 *         Vertical rules running on past the first or last horizontal one (a table drawn open at a page
 *         break) add the missing edge where they end; so do horizontal rules running on past the first or
 *         last vertical one (a table cut by the page's side: its last column has no rule on the right).
 * Step 3. Merged cells: two neighbouring elementary cells are one cell where no rule separates them
 *         (a rule covers at least LAT_COVER of the shared edge): (y0..y1, x0..x2) is one header cell,
 *         (y1..y3, x0..x1) is the group cell. A merged cell that is not a rectangle makes the grid unusable.
 * Step 4. Each span goes to the cell holding its centre; a cell's text is its spans in reading order
 *         (lines top to bottom, spans left to right, no space between CJK or digits): "自然人",
 *         "（三）不予公开", "1.属于国家秘密", "35". Words drawn across a row rule whose centre falls in a
 *         cell of numbers go to the cell of words across the rule (the rest of a row broken by a page
 *         break, set low over its rule: 维 / 持 above "1"); digits are never moved.
 * Step 5. Usable grid? At least LAT_MIN_CELLS cells, or fewer when they open a page right after a table
 *         that ended the page before with the same columns (one row of them is the rest of a table the
 *         page break cut: step 6 joins it), no span beside the grid on its
 *         rows (text outside a table drawn with rules on only some sides), no span running over a rule
 *         into the next cell, and no cell holding two numbers on two lines that would have fitted on one
 *         (a missed row rule: "13" over "3" is not 133; step 5b for lines set wide apart): else step 5c,
 *         or the rules are ignored and the spans take the alignment path. A number wrapped over lines of
 *         its cell is marked NB_CF_LINES: it counts only where its row's identity holds. (A closing
 *         full-width mark whose glyph box crosses the rule is no run over it: its ink is in the left
 *         third of the box; LAT_PUNCT_OVERHANG_EM.)
 * Step 5c. Rows sharing a band: when a cell holds two rows' numbers because the document drew no rule
 *         between them (（一）予以公开 over （二）部分公开 in one ruled band), the band is cut, in its own
 *         cells, at the one height between the two lines of numbers that no span crosses, and steps
 *         2-5 run again; with no such height, or more than one, the alignment path reads the table.
 * Step 6. Page breaks: a grid that ends its page and a grid that opens the next one (only a footer or page
 *         number between, at most LAT_BREAK_LINES lines) with the same column boundaries (LAT_COL_PT) are one
 *         table: header rows the second repeats are dropped, and a group cell split by the break
 *         (（四）无 / 法提供, or （四）无法提供 printed on both pages) becomes one cell.
 * Step 7. The table goes into the output where its top is in reading order (pl_lattice_emit_before).
 */
#include "pdf_layout.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- step 1: rules into candidate tables -------------------------------------------------------- */

static int is_horizontal(const nb_box *b)
{
    return b->x1 - b->x0 >= b->y1 - b->y0;
}

static int rules_touch(const nb_box *a, const nb_box *b)
{
    return a->x0 <= b->x1 + LAT_SNAP_PT && b->x0 <= a->x1 + LAT_SNAP_PT && a->y0 <= b->y1 + LAT_SNAP_PT &&
           b->y0 <= a->y1 + LAT_SNAP_PT;
}

static int uf_find(int *p, int i)
{
    while (p[i] != i)
        i = p[i] = p[p[i]];
    return i;
}

static void uf_join(int *p, int a, int b)
{
    a = uf_find(p, a);
    b = uf_find(p, b);
    if (a != b)
        p[a < b ? b : a] = a < b ? a : b;
}

/* ---- step 2: boundaries ------------------------------------------------------------------------- */

static int cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

/* Sorts v[0..n) and clusters values within tol into their mean; returns the count. */
static int cluster_within(float *v, int n, float tol)
{
    qsort(v, (size_t)n, sizeof *v, cmp_float);
    int o = 0;
    for (int i = 0; i < n;) {
        int j = i;
        float sum = 0;
        while (j < n && v[j] - v[i] <= tol)
            sum += v[j++];
        v[o++] = sum / (float)(j - i);
        i = j;
    }
    return o;
}

static int cluster(float *v, int n)
{
    return cluster_within(v, n, LAT_SNAP_PT);
}

static int index_of(const float *v, int n, float x)
{
    int best = -1;
    float bd = LAT_COL_PT;
    for (int i = 0; i < n; i++) {
        float d = v[i] > x ? v[i] - x : x - v[i];
        if (d <= bd)
            bd = d, best = i;
    }
    return best;
}

/* The interval [lo, hi] of the boundary list that x falls in: lo with v[lo] <= x < v[lo+1]; -1 outside. */
static int interval_of(const float *v, int n, float x)
{
    for (int i = 0; i + 1 < n; i++)
        if (x >= v[i] && x < v[i + 1])
            return i;
    return -1;
}

typedef struct {
    int page;
    const nb_box **rules;
    int nrules;
    float xs[NB_MAX_LATTICE_LINES], ys[NB_MAX_LATTICE_LINES];
    int nx, ny;
    int *region; /* (ny-1) x (nx-1): the merged cell each elementary cell belongs to */
    nb_box virt[NB_MAX_LATTICE_SPLITS]; /* rules drawn between the rows of a ruled band (step 5c) */
    int nvirt;
} lat_grid;

/* A table cut by a page break is often drawn open: its vertical rules run on past the last (or above the
 * first) horizontal rule to the page's edge (chromium). The ends of the vertical rules are then the
 * outline's missing edge: a boundary is added there. Likewise a table wider than the page, cut by its
 * side (a web page printed by chromium): its horizontal rules run on past the last vertical rule, over
 * a column whose right rule was cut off; their ends are that column's edge. vertical: the rules whose
 * ends are looked at run up and down, and the boundaries added go to ys (else to xs). */
static void open_ends(lat_grid *g, int vertical)
{
    float lo = 1e30f, hi = -1e30f, *v = vertical ? g->ys : g->xs;
    int *n = vertical ? &g->ny : &g->nx;
    for (int i = 0; i < g->nrules; i++)
        if (is_horizontal(g->rules[i]) != vertical) {
            const nb_box *r = g->rules[i];
            lo = fminf(lo, vertical ? r->y0 : r->x0);
            hi = fmaxf(hi, vertical ? r->y1 : r->x1);
        }
    if (*n < 1 || *n + 2 > NB_MAX_LATTICE_LINES || lo > hi)
        return;
    if (lo < v[0] - LAT_OPEN_PT) {
        memmove(v + 1, v, (size_t)*n * sizeof *v);
        v[0] = lo;
        (*n)++;
    }
    if (hi > v[*n - 1] + LAT_OPEN_PT)
        v[(*n)++] = hi;
}

static void open_edges(lat_grid *g)
{
    open_ends(g, 1);
    open_ends(g, 0);
}

static int boundaries(lat_grid *g)
{
    g->nx = g->ny = 0;
    for (int i = 0; i < g->nrules; i++) {
        const nb_box *r = g->rules[i];
        if (is_horizontal(r) && g->ny < NB_MAX_LATTICE_LINES)
            g->ys[g->ny++] = (r->y0 + r->y1) / 2;
        else if (!is_horizontal(r) && g->nx < NB_MAX_LATTICE_LINES)
            g->xs[g->nx++] = (r->x0 + r->x1) / 2;
    }
    g->nx = cluster(g->xs, g->nx);
    g->ny = cluster(g->ys, g->ny);
    open_edges(g);
    return g->nx >= 3 && g->ny >= 2; /* one row is enough: the numbers of a table continued on a page */
}

/* ---- step 3: merged cells ----------------------------------------------------------------------- */

/* Is the segment from a to b along boundary `at` covered by a rule (horizontal: y = at, x from a to b)? */
static int covered(const lat_grid *g, int horizontal, float at, float a, float b)
{
    float need = (b - a) * LAT_COVER, got = 0;
    for (int i = 0; i < g->nrules; i++) {
        const nb_box *r = g->rules[i];
        if (is_horizontal(r) != horizontal)
            continue;
        float c = horizontal ? (r->y0 + r->y1) / 2 : (r->x0 + r->x1) / 2;
        if (c - at > LAT_SNAP_PT || at - c > LAT_SNAP_PT)
            continue;
        float lo = horizontal ? r->x0 : r->y0, hi = horizontal ? r->x1 : r->y1;
        lo = lo > a ? lo : a;
        hi = hi < b ? hi : b;
        got += hi > lo ? hi - lo : 0;
    }
    return got >= need;
}

static int merge_cells(lat_grid *g)
{
    int nr = g->ny - 1, nc = g->nx - 1;
    g->region = malloc((size_t)nr * (size_t)nc * sizeof *g->region);
    if (!g->region)
        return 0;
    for (int i = 0; i < nr * nc; i++)
        g->region[i] = i;
    for (int r = 0; r < nr; r++)
        for (int c = 0; c < nc; c++) {
            if (c + 1 < nc && !covered(g, 0, g->xs[c + 1], g->ys[r], g->ys[r + 1]))
                uf_join(g->region, r * nc + c, r * nc + c + 1);
            if (r + 1 < nr && !covered(g, 1, g->ys[r + 1], g->xs[c], g->xs[c + 1]))
                uf_join(g->region, r * nc + c, (r + 1) * nc + c);
        }
    for (int i = 0; i < nr * nc; i++)
        g->region[i] = uf_find(g->region, i);
    return 1;
}

typedef struct {
    int r0, c0, r1, c1; /* inclusive */
    int n;              /* elementary cells */
    nb_buf text;
    float line_x0, line_x1, line_y1; /* extent of the text line being filled */
    int ambiguous;      /* two lines of digits that are not one number wrapped: rows merged */
    int spans, witnessed; /* spans put in, and how many carry NB_BF_WITNESSED (NB_CF_WITNESSED: one, 1) */
    int wrapped;        /* digits joined over lines: one number wrapped in its cell (NB_CF_LINES) */
    int spaced;         /* ... whose second line sits further below than line spacing (step 5b) */
} lat_cell;

/* The merged cells as rectangles; 0 when one is not a rectangle. cells[root] is filled. */
static int cell_rects(const lat_grid *g, lat_cell *cells)
{
    int nr = g->ny - 1, nc = g->nx - 1;
    for (int i = 0; i < nr * nc; i++)
        cells[i].n = 0;
    for (int r = 0; r < nr; r++)
        for (int c = 0; c < nc; c++) {
            lat_cell *x = &cells[g->region[r * nc + c]];
            if (!x->n++) {
                x->r0 = x->r1 = r;
                x->c0 = x->c1 = c;
                continue;
            }
            x->r0 = r < x->r0 ? r : x->r0, x->r1 = r > x->r1 ? r : x->r1;
            x->c0 = c < x->c0 ? c : x->c0, x->c1 = c > x->c1 ? c : x->c1;
        }
    for (int i = 0; i < nr * nc; i++)
        if (cells[i].n && cells[i].n != (cells[i].r1 - cells[i].r0 + 1) * (cells[i].c1 - cells[i].c0 + 1))
            return 0;
    return 1;
}

static int has_digit(const char *s)
{
    for (; *s; s++)
        if (*s >= '0' && *s <= '9')
            return 1;
    return 0;
}

static int is_number(const char *s)
{
    double v;
    return nb_parse_number(s, strlen(s), &v);
}

/* ---- step 4: spans into cells ------------------------------------------------------------------- */

static int by_reading_order(const void *a, const void *b)
{
    const nb_block *x = *(const nb_block *const *)a, *y = *(const nb_block *const *)b;
    float h = (x->box.y1 - x->box.y0) * LAT_LINE_FRAC;
    if (x->box.y1 - y->box.y1 > h || y->box.y1 - x->box.y1 > h)
        return (x->box.y1 > y->box.y1) - (x->box.y1 < y->box.y1);
    return (x->box.x0 > y->box.x0) - (x->box.x0 < y->box.x0);
}

static int is_digit_edge(const char *s, int at_end)
{
    size_t n = strlen(s);
    return n && (at_end ? s[n - 1] : s[0]) >= '0' && (at_end ? s[n - 1] : s[0]) <= '9';
}

/* Is span s on a new line below the cell's current line? */
static int new_line(const lat_cell *x, const nb_block *s)
{
    float h = (s->box.y1 - s->box.y0) * LAT_LINE_FRAC;
    return x->text.len && s->box.y1 - x->line_y1 > h;
}

/* Appends a span to its cell: no space between CJK characters or between digits (a number wrapped in
 * a narrow cell), a space between Latin words. A line of digits continued by digits on the next line is
 * one wrapped number only when both would not have fitted on one line of the cell (wider together than
 * LAT_WRAP_FIT of it) and the second line follows at line spacing (gap under LAT_WRAP_GAP_EM); else two
 * numbers share a cell (a row rule was missed) and the cell is ambiguous. Two runs of digits on one line
 * (poppler splits runs only at gaps) are two numbers: ambiguous too. */
static void cell_append(lat_cell *x, const nb_block *s, float cell_w)
{
    const char *prev = nb_buf_cstr(&x->text);
    int digits = is_digit_edge(prev, 1) && is_digit_edge(s->text, 0), nl = new_line(x, s);
    float h = s->box.y1 - s->box.y0;
    if (digits && (!nl || (x->line_x1 - x->line_x0) + (s->box.x1 - s->box.x0) <= LAT_WRAP_FIT * cell_w))
        x->ambiguous = 1; /* two runs of digits on one line are two numbers (a column rule was missed) */
    else if (digits)
        x->wrapped = 1, x->spaced |= s->box.y0 - x->line_y1 >= LAT_WRAP_GAP_EM * h;
    int glue = !x->text.len || pl_is_cjk_edge(prev, 1) || pl_is_cjk_edge(s->text, 0) || digits;
    if (!glue)
        nb_buf_putc(&x->text, ' ');
    nb_buf_puts(&x->text, s->text);
    x->spans++;
    x->witnessed += (s->flags & NB_BF_WITNESSED) != 0;
    if (nl || x->line_x1 <= x->line_x0) {
        x->line_x0 = s->box.x0;
        x->line_x1 = s->box.x1;
    } else {
        x->line_x0 = s->box.x0 < x->line_x0 ? s->box.x0 : x->line_x0;
        x->line_x1 = s->box.x1 > x->line_x1 ? s->box.x1 : x->line_x1;
    }
    x->line_y1 = s->box.y1;
}

/* Step 5b. A number wrapped in a cell whose lines are set wider apart than the gap test allows ("14"
 * over "3" at 1.5-line spacing) looks like two rows' numbers in one cell under a missed row rule. A
 * missed row rule puts two lines of digits in every number cell of its rows, a wrap only in the widest
 * numbers: so the spaced cell x is one wrapped number when another cell of the same rows holds a
 * number on one line; else it is ambiguous. (Its row's identity then still has to hold: NB_CF_LINES.) */
static int spaced_ambiguous(const lat_grid *g, const lat_cell *cells, const lat_cell *x)
{
    int nc = g->nx - 1;
    for (int r = x->r0; r <= x->r1; r++)
        for (int c = 0; c < nc; c++) {
            const lat_cell *y = &cells[g->region[r * nc + c]];
            if (y != x && y->r0 >= x->r0 && y->r1 <= x->r1 && !y->wrapped && !y->ambiguous &&
                nb_parse_number(nb_buf_cstr(&y->text), y->text.len, NULL))
                return 0;
        }
    return 1;
}

/* Spans of the page inside the grid's outline, in reading order; NULL on OOM. *n gets the count. */
static nb_block **spans_inside(pl_ctx *c, const lat_grid *g, size_t first, size_t last, size_t *n)
{
    nb_block **v = malloc((last - first + 1) * sizeof *v);
    *n = 0;
    for (size_t i = first; v && i < last; i++) {
        nb_block *b = &c->doc->blocks[i];
        float cx = (b->box.x0 + b->box.x1) / 2, cy = (b->box.y0 + b->box.y1) / 2;
        if (b->kind == NB_BLOCK_SPAN && b->text && cx > g->xs[0] && cx < g->xs[g->nx - 1] && cy > g->ys[0] &&
            cy < g->ys[g->ny - 1])
            v[(*n)++] = b;
    }
    if (v && *n)
        qsort(v, *n, sizeof *v, by_reading_order);
    return v;
}

/* ---- step 5: usable? ---------------------------------------------------------------------------- */

/* How many letters, digits and Han characters s holds (not marks). */
static int word_chars(const char *s)
{
    int n = 0;
    for (size_t i = 0, len = strlen(s); i < len;) {
        int adv = 1;
        unsigned cp = nb_utf8_decode(s + i, len - i, &adv);
        n += nb_is_han(cp) || (cp < 128 && isalnum((int)cp));
        i += (size_t)adv > 0 ? (size_t)adv : 1;
    }
    return n;
}

/* A span on the grid's rows but left or right of it: the rules do not enclose the table. On an
 * OCR'd page a speck's reading is no such text: marks alone ("“" from a speck in the margin, 60 pt
 * right of the grid: a scan's specks are bigger than the marks extract/ocr.c drops as dust), one
 * character ("(加" from a row of specks 1 pt left of table 3, "上" from one speck; text set outside
 * a table's rules is a label, several characters), or a box under LAT_SPECK_PT both ways ("一、"
 * given a speck's box: Tesseract's box may lie far from the word's ink). */
static int ocr_speck(const nb_block *b)
{
    return word_chars(b->text) < LAT_BESIDE_CHARS ||
           (b->box.x1 - b->box.x0 < LAT_SPECK_PT && b->box.y1 - b->box.y0 < LAT_SPECK_PT);
}

static int text_beside(pl_ctx *c, const lat_grid *g, size_t first, size_t last)
{
    for (size_t i = first; i < last; i++) {
        const nb_block *b = &c->doc->blocks[i];
        float cy = (b->box.y0 + b->box.y1) / 2;
        if (b->kind == NB_BLOCK_SPAN && b->text && cy > g->ys[0] && cy < g->ys[g->ny - 1] &&
            (!c->doc->ocr_pages || !ocr_speck(b)) &&
            (b->box.x1 < g->xs[0] || b->box.x0 > g->xs[g->nx - 1]))
            return 1;
    }
    return 0;
}

/* Does s end in a full-width punctuation mark (”）」，。、；：)? Its box runs an em, its ink a third of
 * that: the box may cross the cell's right rule while the ink stays inside. */
static int ends_fullwidth_punct(const char *s)
{
    size_t n = strlen(s);
    if (n < 3)
        return 0;
    const unsigned char *u = (const unsigned char *)s + n - 3;
    int adv = 0;
    unsigned cp = nb_utf8_decode((const char *)u, 3, &adv);
    return adv == 3 && ((cp >= 0x3001 && cp <= 0x3011) || (cp >= 0xFF01 && cp <= 0xFF1F) || cp == 0x201D ||
                        cp == 0x2019);
}

/* A span whose two ends lie in different cells, each end past the rule between them by more than
 * LAT_SNAP_PT (poppler ran the text of two cells together): the grid cannot place its words. With
 * glyph boxes (a text layer; OCR gives ink boxes) a closing full-width mark may overhang by
 * LAT_PUNCT_OVERHANG_EM more (its box, not its ink). */
static int straddles_one(const lat_grid *g, const nb_block *s, int glyph_boxes)
{
    int nc = g->nx - 1;
    const nb_box *b = &s->box;
    float cy = (b->y0 + b->y1) / 2, em = s->font_size > 0 ? s->font_size : b->y1 - b->y0;
    int r = interval_of(g->ys, g->ny, cy);
    int a = interval_of(g->xs, g->nx, b->x0 + LAT_SNAP_PT), z = interval_of(g->xs, g->nx, b->x1 - LAT_SNAP_PT);
    if (r < 0 || a < 0 || z < 0 || g->region[r * nc + a] == g->region[r * nc + z])
        return 0;
    int inked = glyph_boxes && ends_fullwidth_punct(s->text) ? interval_of(g->xs, g->nx, b->x1 - LAT_SNAP_PT -
                                                            LAT_PUNCT_OVERHANG_EM * em) : -1;
    return inked < 0 || g->region[r * nc + a] != g->region[r * nc + inked];
}

static int straddles(const lat_grid *g, nb_block *const *sp, size_t n, int glyph_boxes)
{
    for (size_t k = 0; k < n; k++)
        if (straddles_one(g, sp[k], glyph_boxes))
            return 1;
    return 0;
}

/* OCR: a doubtful reading ("?1309") running over rules is the digits of several cells read as one
 * number (the page-wide pass reads the page with its rules erased: "1 | 3 | 0 | 9" of a row whose
 * cells were not closed). It is no cell's reading and never a value (a doubtful reading only
 * counts in its own cell), so it is dropped instead of costing the grid. Returns the spans left. */
static size_t drop_doubtful_straddlers(const lat_grid *g, nb_block **sp, size_t n)
{
    size_t m = 0;
    for (size_t k = 0; k < n; k++) {
        if (sp[k]->text[0] == '?' && straddles_one(g, sp[k], 0))
            sp[k]->text = NULL;
        else
            sp[m++] = sp[k];
    }
    return m;
}

/* ---- building one page's grids ---------------------------------------------------------------- */

static lat_table *table_push(pl_ctx *c)
{
    lat_table *grown = nb_grow(c->lat, c->nlat, &c->latcap, sizeof *grown, 8);
    if (!grown)
        return NULL;
    c->lat = grown;
    lat_table *t = &c->lat[c->nlat++];
    memset(t, 0, sizeof *t);
    return t;
}

/* The inner row boundary a span's box crosses by more than LAT_SNAP_PT on both sides (the row below
 * it), or -1. */
static int crossed_row_rule(const lat_grid *g, const nb_box *b)
{
    for (int i = 1; i + 1 < g->ny; i++)
        if (b->y0 < g->ys[i] - LAT_SNAP_PT && b->y1 > g->ys[i] + LAT_SNAP_PT)
            return i;
    return -1;
}

enum { HOLDS_TEXT = 1, HOLDS_NUMBER = 2 };

/* What each merged cell holds from the spans that sit inside one row (holds[region root]). */
static void cell_holdings(const lat_grid *g, nb_block *const *sp, size_t n, unsigned char *holds)
{
    int nc = g->nx - 1;
    for (size_t k = 0; k < n; k++) {
        const nb_box *b = &sp[k]->box;
        int r = interval_of(g->ys, g->ny, (b->y0 + b->y1) / 2), col = interval_of(g->xs, g->nx, (b->x0 + b->x1) / 2);
        if (r >= 0 && col >= 0 && crossed_row_rule(g, b) < 0)
            holds[g->region[r * nc + col]] |= has_digit(sp[k]->text) ? HOLDS_NUMBER : HOLDS_TEXT;
    }
}

/* The row for span s whose centre is in row r. A span of words drawn across a row rule (LibreOffice
 * sets the rest of a row broken by a page break low in its cell, over the rule: 维 above it, 持 on it)
 * belongs to the row whose cell holds words, not to a cell of numbers beside its centre: then the row
 * across the rule. Digits are never moved. */
static int row_of_span(const lat_grid *g, const unsigned char *holds, const nb_block *s, int r, int col)
{
    int nc = g->nx - 1, rule = crossed_row_rule(g, &s->box);
    if (rule < 0 || has_digit(s->text))
        return r;
    int other = r == rule ? rule - 1 : rule;
    unsigned char here = holds[g->region[r * nc + col]], there = holds[g->region[other * nc + col]];
    return here == HOLDS_NUMBER && (there & HOLDS_TEXT) ? other : r;
}

/* Step 4: each span into the cell holding its centre. Returns 1 when a cell came out ambiguous. */
static int place_spans(const lat_grid *g, lat_cell *cells, nb_block *const *sp, size_t n)
{
    int nc = g->nx - 1, ambiguous = 0;
    unsigned char *holds = calloc((size_t)(g->ny - 1) * (size_t)nc, 1);
    if (holds)
        cell_holdings(g, sp, n, holds);
    for (size_t k = 0; k < n; k++) {
        float cx = (sp[k]->box.x0 + sp[k]->box.x1) / 2, cy = (sp[k]->box.y0 + sp[k]->box.y1) / 2;
        int r = interval_of(g->ys, g->ny, cy), col = interval_of(g->xs, g->nx, cx);
        if (r < 0 || col < 0)
            continue;
        if (holds)
            r = row_of_span(g, holds, sp[k], r, col);
        lat_cell *x = &cells[g->region[r * nc + col]];
        cell_append(x, sp[k], g->xs[x->c1 + 1] - g->xs[x->c0]);
        ambiguous |= x->ambiguous;
    }
    free(holds);
    for (int i = 0; i < (g->ny - 1) * nc && !ambiguous; i++) /* step 5b */
        if (cells[i].n && cells[i].spaced && spaced_ambiguous(g, cells, &cells[i]))
            ambiguous = cells[i].ambiguous = 1;
    return ambiguous;
}

/* The usable grid as a table: its spans are taken off the alignment path. Returns 0 on OOM. */
static int record_table(pl_ctx *c, const lat_grid *g, const lat_cell *cells, nb_block *const *sp, size_t n)
{
    int nr = g->ny - 1, nc = g->nx - 1;
    nb_table *t = nb_arena_alloc(&c->doc->arena, sizeof *t);
    lat_table *lt = t ? table_push(c) : NULL;
    if (!lt)
        return 0;
    for (size_t k = 0; k < n; k++)
        sp[k]->text = NULL; /* taken by the lattice */
    memset(t, 0, sizeof *t);
    *lt = (lat_table){t, g->page, g->page, g->ys[0], g->ys[g->ny - 1], {0}, g->nx, 0};
    memcpy(lt->xs, g->xs, (size_t)g->nx * sizeof *g->xs);
    for (int i = 0; i < nr * nc; i++) {
        const lat_cell *x = &cells[i];
        if (!x->n)
            continue;
        nb_cell *cell = nb_table_add_cell(c->doc, t, x->r0, x->c0, x->r1 - x->r0 + 1, x->c1 - x->c0 + 1,
                                          nb_buf_cstr(&x->text), x->text.len);
        if (!cell)
            return 0;
        if (x->spans == 1 && x->witnessed == 1) /* one reading, not digits joined over lines */
            cell->flags |= NB_CF_WITNESSED;
        cell->box = (nb_box){g->page, g->xs[x->c0], g->ys[x->r0], g->xs[x->c1 + 1], g->ys[x->r1 + 1]};
        if (x->wrapped)
            cell->flags |= NB_CF_LINES; /* a wrapped number counts where its row's identity holds */
    }
    nb_table_finish(t);
    return 1;
}

static int lines_beyond(pl_ctx *c, int page, float y, int below);
static int union_columns(const lat_table *a, const lat_table *b, float *u, int *nu, int *ma, int *mb);

/* Step 5, small grids: fewer than LAT_MIN_CELLS cells is a frame or a box, unless it is the rest of the
 * table that ended the page before (its last row broken off by the page: 行政事业性收费 | 0): the grid
 * opens its page, that table ends the previous one, and their columns line up (step 6 joins them). */
static int continues_table(pl_ctx *c, const lat_grid *g)
{
    if (!c->nlat)
        return 0;
    const lat_table *above = &c->lat[c->nlat - 1];
    lat_table here = {0};
    float u[NB_MAX_LATTICE_LINES];
    int nu = 0, ma[NB_MAX_LATTICE_LINES], mb[NB_MAX_LATTICE_LINES];
    here.nx = g->nx;
    memcpy(here.xs, g->xs, (size_t)g->nx * sizeof *g->xs);
    return above->page == g->page - 1 && lines_beyond(c, above->page, above->y1, 1) <= LAT_BREAK_LINES &&
           lines_beyond(c, g->page, g->ys[0], 0) <= LAT_BREAK_LINES && union_columns(above, &here, u, &nu, ma, mb);
}

/* Steps 4-5 on a grid whose cells are known: fills the cells, and when usable records the table and
 * takes its spans off the alignment path. Returns 0 on OOM, 2 when a cell holds numbers of two rows
 * (never guess which row a number belongs to: step 5c, else the alignment method), else 1. */
static int fill_grid(pl_ctx *c, lat_grid *g, lat_cell *cells, size_t first, size_t last)
{
    int ncells = 0;
    for (int i = 0; i < (g->ny - 1) * (g->nx - 1); i++)
        ncells += cells[i].n > 0;
    if (ncells < 2 || (ncells < LAT_MIN_CELLS && !continues_table(c, g)) || text_beside(c, g, first, last))
        return 1;
    size_t n = 0;
    nb_block **sp = spans_inside(c, g, first, last, &n);
    if (!sp)
        return 0;
    int ok = 1; /* a run of text over a rule (straddles): which cell holds what is unknown */
    if (c->doc->ocr_pages)
        n = drop_doubtful_straddlers(g, sp, n);
    if (!straddles(g, sp, n, !c->doc->ocr_pages))
        ok = place_spans(g, cells, sp, n) ? 2 : record_table(c, g, cells, sp, n);
    free(sp);
    return ok;
}

/* ---- step 5c: rows sharing a ruled band ------------------------------------------------------- */

/* Is the elementary cell (r, col) a cell of band r alone (its merged cell spans no other band)? */
static int one_band(const lat_grid *g, const lat_cell *cells, int r, int col)
{
    const lat_cell *x = &cells[g->region[r * (g->nx - 1) + col]];
    return x->r0 == r && x->r1 == r;
}

/* The spans of band r in cells of that band alone (a group cell spanning other bands keeps its text). */
static size_t band_spans(const lat_grid *g, const lat_cell *cells, int r, nb_block *const *sp, size_t n,
                         const nb_block **out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        float cx = (sp[i]->box.x0 + sp[i]->box.x1) / 2, cy = (sp[i]->box.y0 + sp[i]->box.y1) / 2;
        int col = interval_of(g->xs, g->nx, cx);
        if (interval_of(g->ys, g->ny, cy) == r && col >= 0 && one_band(g, cells, r, col))
            out[k++] = sp[i];
    }
    return k;
}

/* Bottoms of the lines of numbers among the spans, sorted top to bottom (lines within LAT_LINE_FRAC). */
static int number_lines(const nb_block **v, size_t n, float *bottoms)
{
    int m = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_number(v[i]->text))
            continue;
        float h = (v[i]->box.y1 - v[i]->box.y0) * LAT_LINE_FRAC;
        int j = 0;
        while (j < m && fabsf(bottoms[j] - v[i]->box.y1) > h)
            j++;
        if (j == m && m < NB_MAX_LATTICE_SPLITS)
            bottoms[m++] = v[i]->box.y1;
    }
    qsort(bottoms, (size_t)m, sizeof *bottoms, cmp_float);
    return m;
}

static int by_top(const void *a, const void *b)
{
    const nb_block *x = *(const nb_block *const *)a, *y = *(const nb_block *const *)b;
    return (x->box.y0 > y->box.y0) - (x->box.y0 < y->box.y0);
}

/* The one height between lo and hi that no span crosses (v sorted by top), as the middle of that free
 * gap; NAN when there is none or more than one (then which lines go with which row is a guess). */
static float free_gap(const nb_block **v, size_t n, float lo, float hi)
{
    float at = NAN, y = lo; /* y: the lowest bottom so far */
    int gaps = 0;
    for (size_t i = 0; i <= n; i++) {
        float top = i < n ? v[i]->box.y0 : hi;
        if (i < n && (v[i]->box.y1 <= lo || top >= hi))
            continue;
        if (top > y + LAT_SPLIT_GAP_PT)
            gaps++, at = (y + top) / 2;
        if (i < n && v[i]->box.y1 > y)
            y = v[i]->box.y1;
    }
    return gaps == 1 ? at : NAN;
}

/* A rule along band r at height y over every cell of that band alone. */
static void add_virtual(lat_grid *g, const lat_cell *cells, int r, float y)
{
    for (int col = 0; col + 1 < g->nx && g->nvirt < NB_MAX_LATTICE_SPLITS; col++)
        if (one_band(g, cells, r, col))
            g->virt[g->nvirt++] = (nb_box){g->page, g->xs[col], y, g->xs[col + 1], y};
}

/* Step 5c. A band between two row rules whose cells hold numbers of several rows (the document ruled
 * only some row boundaries: （一）予以公开 and （二）部分公开 share a band) is split where the
 * alignment method would split it: between two lines of numbers, at the one height no span of the
 * band's own cells crosses. Returns the number of rules drawn; 0 when a band cannot be split cleanly. */
static int split_bands(lat_grid *g, const lat_cell *cells, nb_block *const *sp, size_t n)
{
    const nb_block **v = malloc(n * sizeof *v);
    float bottoms[NB_MAX_LATTICE_SPLITS];
    int ok = v != NULL, before = g->nvirt;
    for (int r = 0; ok && r + 1 < g->ny; r++) {
        int amb = 0;
        for (int col = 0; col + 1 < g->nx; col++)
            amb |= one_band(g, cells, r, col) && cells[g->region[r * (g->nx - 1) + col]].ambiguous;
        if (!amb)
            continue;
        size_t k = band_spans(g, cells, r, sp, n, v);
        qsort(v, k, sizeof *v, by_top);
        int m = number_lines(v, k, bottoms);
        for (int j = 0; ok && j + 1 < m; j++) {
            float top = bottoms[j + 1], y;
            for (size_t i = 0; i < k; i++) /* the top of the next line of numbers */
                if (is_number(v[i]->text) && fabsf(v[i]->box.y1 - bottoms[j + 1]) <= (v[i]->box.y1 - v[i]->box.y0) * LAT_LINE_FRAC)
                    top = v[i]->box.y0 < top ? v[i]->box.y0 : top;
            ok = m >= 2 && !isnan(y = free_gap(v, k, bottoms[j], top));
            if (ok)
                add_virtual(g, cells, r, y);
        }
        ok = ok && m >= 2;
    }
    free(v);
    return ok ? g->nvirt - before : 0;
}

/* Steps 2-5 for the rules of one component (and its virtual rules after step 5c). Returns 0 on OOM, 2
 * when a cell is ambiguous, with *split set to the rules step 5c drew. */
static int try_grid(pl_ctx *c, lat_grid *g, size_t first, size_t last, int *split)
{
    if (!boundaries(g))
        return 1;
    if (!merge_cells(g))
        return 0;
    int nr = g->ny - 1, nc = g->nx - 1, ok = 1;
    lat_cell *cells = calloc((size_t)nr * (size_t)nc, sizeof *cells);
    if (!cells)
        ok = 0;
    else if (cell_rects(g, cells))
        ok = fill_grid(c, g, cells, first, last);
    if (ok == 2 && split) {
        size_t n = 0;
        nb_block **sp = spans_inside(c, g, first, last, &n);
        *split = sp ? split_bands(g, cells, sp, n) : 0;
        free(sp);
    }
    for (int i = 0; cells && i < nr * nc; i++)
        nb_buf_free(&cells[i].text);
    free(cells);
    free(g->region);
    g->region = NULL;
    return ok;
}

/* Steps 2-5, and once more with the rules of step 5c when a band holds several rows. */
static int build_grid(pl_ctx *c, lat_grid *g, size_t first, size_t last)
{
    int split = 0, ok = try_grid(c, g, first, last, &split);
    if (ok != 2 || !split)
        return ok != 0;
    for (int i = 0; i < g->nvirt; i++)
        g->rules[g->nrules++] = &g->virt[i];
    return try_grid(c, g, first, last, NULL) != 0;
}

/* Step 1a. A rule found on the page image can run on through the stroke of a glyph drawn on its line
 * (a column rule continued up through 法 of a header word set across it): the end of a vertical rule
 * inside a word's box is the glyph's ink, so the rule is cut back to the word's edge; a "rule" wholly
 * inside a word is no rule (its height is emptied: it covers no edge and touches nothing). */
static void trim_rule(nb_box *r, const nb_box *w)
{
    float x = (r->x0 + r->x1) / 2;
    if (x <= w->x0 + LAT_SNAP_PT || x >= w->x1 - LAT_SNAP_PT || r->y1 <= w->y0 || r->y0 >= w->y1)
        return;
    int top_in = r->y0 >= w->y0 - LAT_SNAP_PT, bottom_in = r->y1 <= w->y1 + LAT_SNAP_PT;
    if (top_in && bottom_in)
        r->y1 = r->y0;
    else if (top_in)
        r->y0 = w->y1;
    else if (bottom_in)
        r->y1 = w->y0;
}

static int is_word(const nb_block *b)
{
    return b->kind == NB_BLOCK_SPAN && b->text && !has_digit(b->text);
}

/* Blocks [first, last) are one page's; each word is tested against each vertical rule, at most
 * NB_MAX_TRIM_PAIRS pairs (beyond that the rules are used as found). */
static void trim_glyph_ink(pl_ctx *c, size_t first, size_t last)
{
    size_t nv = 0, nw = 0;
    nb_box *vertical[NB_MAX_PAGE_RULES];
    for (size_t i = first; i < last; i++) {
        nb_block *b = &c->doc->blocks[i];
        if (b->kind == NB_BLOCK_RULE && !is_horizontal(&b->box) && nv < NB_MAX_PAGE_RULES)
            vertical[nv++] = &b->box;
        else
            nw += is_word(b);
    }
    if (!nv || nw > NB_MAX_TRIM_PAIRS / nv)
        return;
    for (size_t k = first; k < last; k++)
        if (is_word(&c->doc->blocks[k]))
            for (size_t i = 0; i < nv; i++)
                trim_rule(vertical[i], &c->doc->blocks[k].box);
}

static int live_rule(const nb_block *b)
{
    return b->kind == NB_BLOCK_RULE && b->box.y1 > b->box.y0;
}

/* Step 1 for one page: blocks [first, last) are the page's spans and rules. */
static int page_grids(pl_ctx *c, size_t first, size_t last)
{
    int n = 0;
    if (!c->doc->ocr_pages)
        trim_glyph_ink(c, first, last);
    for (size_t i = first; i < last; i++)
        n += live_rule(&c->doc->blocks[i]);
    if (n < 4)
        return 1;
    const nb_box **rules = malloc((size_t)n * sizeof *rules);
    int *parent = malloc((size_t)n * sizeof *parent), ok = rules && parent;
    lat_grid *g = malloc(sizeof *g);
    ok = ok && g;
    n = 0;
    for (size_t i = first; ok && i < last; i++)
        if (live_rule(&c->doc->blocks[i]))
            parent[n] = n, rules[n++] = &c->doc->blocks[i].box;
    for (int a = 0; ok && a < n; a++)
        for (int b = a + 1; b < n; b++)
            if (rules_touch(rules[a], rules[b]))
                uf_join(parent, a, b);
    for (int root = 0; ok && root < n; root++) {
        if (uf_find(parent, root) != root)
            continue;
        memset(g, 0, sizeof *g);
        g->page = rules[root]->page;
        g->rules = malloc(((size_t)n + NB_MAX_LATTICE_SPLITS) * sizeof *g->rules);
        if (!(ok = g->rules != NULL))
            break;
        for (int k = 0; k < n; k++)
            if (uf_find(parent, k) == root)
                g->rules[g->nrules++] = rules[k];
        ok = build_grid(c, g, first, last);
        free(g->rules);
    }
    free(g);
    free(rules);
    free(parent);
    return ok;
}

/* ---- step 6: tables over page breaks ------------------------------------------------------------- */

/* Distinct text lines (spans not taken by a table) on page p below y (below = 1) or above it; more than
 * LAT_BREAK_LINES when one of them is a heading. */
static int lines_beyond(pl_ctx *c, int page, float y, int below)
{
    float seen[LAT_BREAK_LINES + 1];
    int n = 0;
    for (size_t i = 0; i < c->doc->nblocks && n <= LAT_BREAK_LINES; i++) {
        const nb_block *b = &c->doc->blocks[i];
        if (b->kind != NB_BLOCK_SPAN || !b->text || b->box.page != page || (below ? b->box.y0 < y : b->box.y1 > y))
            continue;
        if (pl_heading_start(b->text) || pl_section_heading(b->text))
            return LAT_BREAK_LINES + 1; /* a heading between: the next table is another one */
        int k = 0;
        while (k < n && (seen[k] - b->box.y1 > LAT_SNAP_PT || b->box.y1 - seen[k] > LAT_SNAP_PT))
            k++;
        if (k == n)
            seen[n++] = b->box.y1;
    }
    return n;
}

/* Column boundaries of two tables as one list u (the union, clustered within LAT_COL_PT) and where each
 * table's boundaries fall in it. 0 when the tables do not line up: outer edges apart, or fewer than
 * LAT_JOIN_SHARE of the smaller table's boundaries shared. */
static int union_columns(const lat_table *a, const lat_table *b, float *u, int *nu, int *ma, int *mb)
{
    if (a->nx + b->nx > NB_MAX_LATTICE_LINES || fabsf(a->xs[0] - b->xs[0]) > LAT_COL_PT ||
        fabsf(a->xs[a->nx - 1] - b->xs[b->nx - 1]) > LAT_COL_PT)
        return 0;
    int shared = 0;
    for (int k = 0; k < b->nx; k++)
        shared += index_of(a->xs, a->nx, b->xs[k]) >= 0;
    if (shared < LAT_JOIN_SHARE * (float)(a->nx < b->nx ? a->nx : b->nx))
        return 0;
    memcpy(u, a->xs, (size_t)a->nx * sizeof *u);
    memcpy(u + a->nx, b->xs, (size_t)b->nx * sizeof *u);
    *nu = cluster_within(u, a->nx + b->nx, LAT_COL_PT);
    int ok = 1;
    for (int k = 0; k < a->nx; k++)
        ok &= (ma[k] = index_of(u, *nu, a->xs[k])) >= 0 && (k == 0 || ma[k] > ma[k - 1]);
    for (int k = 0; k < b->nx; k++)
        ok &= (mb[k] = index_of(u, *nu, b->xs[k])) >= 0 && (k == 0 || mb[k] > mb[k - 1]);
    return ok;
}

/* Re-expresses t's columns on the union boundaries (a cell over columns [c, c+n) of t spans
 * [m[c], m[c+n]) of the union). */
static void remap_columns(nb_table *t, const int *m)
{
    for (size_t i = 0; i < t->ncells; i++) {
        nb_cell *x = &t->cells[i];
        int c0 = m[x->col], c1 = m[x->col + x->colspan];
        x->col = c0;
        x->colspan = c1 > c0 ? c1 - c0 : 1;
        t->ncols = x->col + x->colspan > t->ncols ? x->col + x->colspan : t->ncols;
    }
}

/* The text of row r of t, cells joined (for the repeated-header test). */
static void row_text(const nb_table *t, int r, nb_buf *out)
{
    nb_buf_clear(out);
    for (size_t i = 0; i < t->ncells; i++)
        if (t->cells[i].row == r)
            nb_buf_puts(out, t->cells[i].text), nb_buf_putc(out, '|');
}

/* Leading rows of b that repeat a's first rows. */
static int repeated_rows(const nb_table *a, const nb_table *b)
{
    nb_buf x = NB_BUF_INIT, y = NB_BUF_INIT;
    int r = 0;
    for (; r < a->nrows && r < b->nrows; r++) {
        row_text(a, r, &x);
        row_text(b, r, &y);
        if (strcmp(nb_buf_cstr(&x), nb_buf_cstr(&y)))
            break;
    }
    nb_buf_free(&x);
    nb_buf_free(&y);
    return r < b->nrows ? r : 0;
}

static nb_cell *cell_at(nb_table *t, int row, int col)
{
    return (nb_cell *)nb_table_at(t, row, col);
}


/* Appends text b to cell x (no space: CJK words and digits broken by the page). 0 on OOM. */
static int cell_extend(pl_ctx *c, nb_cell *x, const char *b)
{
    if (!*b || !strcmp(x->text, b))
        return 1;
    nb_buf t = NB_BUF_INIT;
    nb_buf_puts(&t, x->text);
    nb_buf_puts(&t, b);
    const char *s = t.oom ? NULL : nb_doc_strdup(c->doc, t.ptr, t.len);
    nb_buf_free(&t);
    if (s)
        x->text = s;
    return s != NULL;
}

/* The cell of a's last row that b's cell y continues: same columns, y holds no number and does not open
 * with an enumerator (or repeats the text). group: the split cell is a group label (one of the two parts
 * spans several rows, and the cell right of it is no number). */
static nb_cell *continued_cell(nb_table *a, const nb_cell *y, int group)
{
    nb_cell *up = cell_at(a, a->nrows - 1, y->col);
    if (!up || up->col != y->col || up->colspan != y->colspan || has_digit(y->text) ||
        up->row + up->rowspan != a->nrows)
        return NULL;
    const nb_cell *right = cell_at(a, a->nrows - 1, y->col + y->colspan);
    if (group && ((up->rowspan < 2 && y->rowspan < 2) || !right || is_number(right->text)))
        return NULL;
    return !strcmp(up->text, y->text) || !pl_enum_start(y->text) ? up : NULL;
}

/* Is b's row r the rest of a's last row, split by the page break (a header row LibreOffice lets break):
 * no numbers, and every word in it continues a cell of a's last row? */
static int row_split(nb_table *a, const nb_table *b, int r)
{
    int words = 0;
    for (size_t i = 0; i < b->ncells; i++) {
        const nb_cell *y = &b->cells[i];
        if (y->row != r || !*y->text)
            continue;
        words++;
        nb_cell *up = continued_cell(a, y, 0);
        if (!up || !*up->text || pl_enum_start(y->text))
            return 0;
    }
    return words > 0;
}

/* Appends b's rows (after its repeated header) to a, both on the union of their columns; a row or a
 * group cell split by the break is joined to its first part. Returns 0 on OOM. */
static int join_tables(pl_ctx *c, lat_table *a, lat_table *b, const float *u, int nu, const int *ma,
                       const int *mb)
{
    nb_table *ta = a->t, *tb = b->t;
    remap_columns(ta, ma);
    remap_columns(tb, mb);
    int skip = repeated_rows(ta, tb), arows = ta->nrows;
    int split = row_split(ta, tb, skip), base = arows - skip - split;
    for (size_t i = 0; i < tb->ncells; i++) {
        const nb_cell *x = &tb->cells[i];
        if (x->row < skip)
            continue;
        nb_cell *up = x->row == skip ? continued_cell(ta, x, !split) : NULL;
        if (up && (split || *up->text)) {
            if (!cell_extend(c, up, x->text))
                return 0;
            up->rowspan += x->rowspan - split;
            continue;
        }
        if (x->row == skip && split && !*x->text)
            continue;
        nb_cell *y = nb_table_add_cell(c->doc, ta, base + x->row, x->col, x->rowspan, x->colspan, x->text,
                                       strlen(x->text));
        if (!y)
            return 0;
        y->box = x->box;
    }
    nb_table_finish(ta);
    memcpy(a->xs, u, (size_t)nu * sizeof *u);
    a->nx = nu;
    a->page = b->page; /* a now ends where b ends: it may go on to the next page */
    a->y1 = b->y1;
    b->joined = 1;
    free(tb->cells);
    tb->cells = NULL;
    tb->ncells = tb->cap = 0;
    return 1;
}

static int join_page_breaks(pl_ctx *c)
{
    for (size_t i = 0; i < c->nlat; i++) {
        lat_table *a = &c->lat[i];
        for (size_t j = i + 1; j < c->nlat && !a->joined; j++) {
            lat_table *b = &c->lat[j];
            float u[NB_MAX_LATTICE_LINES];
            int nu = 0, ma[NB_MAX_LATTICE_LINES], mb[NB_MAX_LATTICE_LINES];
            if (b->joined)
                continue;
            if (b->page != a->page + 1 || lines_beyond(c, a->page, a->y1, 1) > LAT_BREAK_LINES ||
                lines_beyond(c, b->page, b->y0, 0) > LAT_BREAK_LINES || !union_columns(a, b, u, &nu, ma, mb))
                break;
            if (!join_tables(c, a, b, u, nu, ma, mb))
                return 0;
        }
    }
    return 1;
}

/* ---- entry points ------------------------------------------------------------------------------ */

int pl_lattice(pl_ctx *c)
{
    nb_doc *d = c->doc;
    for (size_t i = 0; i < d->nblocks;) {
        size_t j = i;
        int page = d->blocks[i].box.page;
        while (j < d->nblocks && d->blocks[j].box.page == page)
            j++;
        if (page > 0 && !page_grids(c, i, j))
            return 0;
        i = j;
    }
    return join_page_breaks(c);
}

int pl_lattice_before(pl_ctx *c, int page, float y)
{
    while (c->latnext < c->nlat && c->lat[c->latnext].joined)
        c->latnext++;
    if (c->latnext == c->nlat)
        return 0;
    const lat_table *t = &c->lat[c->latnext];
    return page < 0 || t->first_page < page || (t->first_page == page && t->y0 < y);
}

int pl_lattice_emit_before(pl_ctx *c, int page, float y)
{
    while (pl_lattice_before(c, page, y)) {
        lat_table *t = &c->lat[c->latnext++];
        nb_block *b = pl_push(c);
        if (!b)
            return 0;
        b->kind = NB_BLOCK_TABLE;
        b->table = t->t;
        b->box = (nb_box){t->first_page, t->xs[0], t->y0, t->xs[t->nx - 1], t->y1};
    }
    return 1;
}

void pl_lattice_free(pl_ctx *c)
{
    for (size_t i = c->latnext; i < c->nlat; i++)
        if (!c->lat[i].joined)
            free(c->lat[i].t->cells);
    free(c->lat);
}
