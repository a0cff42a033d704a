/* pdf_tables.c - tables from glyph alignment, for tables drawn without ruling lines (and ruled tables whose
 * rules do not make a usable grid: pdf_lattice.c hands those spans on). Every tolerance is named in
 * pdf_layout.h (AL_*), in font sizes (em) of the table text.
 *
 * The algorithm, on a small table-3 example as poppler gives it (no rules; "35" wrapped in its cell,
 * a label wrapped over two lines, a group label beside two rows):
 *
 *                           自然人   总计         <- header line (no numbers)
 *     一、本年新收申请       3        35           <- anchor: two numbers
 *                                    5            <- digits under a number: wrapped in the cell
 *     （三）不  1.属于国家   2        2            <- anchor; group label left of the row label
 *     予公开    秘密                              <- wrapped labels (close below, no enumerator)
 *               2.其他法律   0        0
 *
 * Step 1 (pl_mark_tables). Regions: a line with two numbers, or a label with one number far right of it
 *         (AL_ANCHOR_GAP_EM), is an anchor; a region grows down through lines closer than AL_REGION_GAP_EM
 *         (stopping at prose wider than AL_WIDE_FRAC of the body, or a heading) and up through header lines
 *         closer than AL_HEAD_GAP_EM. Its lines become PL_TABLE.
 * Step 2 (pl_emit_table). A region is split into grids where a new header line follows rows of numbers;
 *         a header repeated at the top of a later page is dropped.
 * Step 3 (find_columns). Numeric columns: the x-extents of all numbers, overlapping extents merged
 *         (within AL_SAME_X_EM): 自然人's and 总计's columns.
 * Step 4 (find_label_columns). Label columns: starts of the label segments left of the numbers, clustered
 *         within AL_LABEL_COL_EM: 一、/（三）'s column and 1./2.'s column.
 * Step 5 (add_numbers). Rows ("bands"): each line's numbers open a band, unless they continue the band
 *         above: digits under a number of the same column (AL_ALIGN_EM, closer than AL_WRAP_GAP_EM) are
 *         appended ("3" + "5" = "35"); numbers of other columns right under a band are its drifted rest
 *         (AL_MERGE_GAP_EM). centred_wrap: cells whose wrapped numbers straddle a one-line row.
 * Step 6 (assign_labels). Each label goes to the band it overlaps most; a label close below another
 *         (AL_WRAP_GAP_EM) with no enumerator continues it ("1.属于国家" + "秘密"); labels left of the
 *         last label column are group cells spanning the bands beside them ("（三）不予公开").
 * Step 7 (build_header). Header lines: words over several columns (or a whole row above their column's
 *         words) are spanning cells, widened symmetrically inside their parent; the rest are leaf headers.
 * Step 8 (emit_rows). The TABLE block: header rows, then one row per band (label cell, number cells),
 *         group cells with their row spans.
 */
#include "pdf_layout.h"

#include <stdlib.h>
#include <string.h>

/* ---- regions ---------------------------------------------------------------------------------- */

static int is_anchor(pl_ctx *c, const pl_line *l)
{
    if (l->kind == PL_DROP || l->nnum == 0)
        return 0;
    if (l->nnum >= 2)
        return 1;
    const pl_seg *last = &c->segs[l->seg0 + l->nseg - 1];
    return l->nseg >= 2 && last->num && last->x0 - last[-1].x1 >= AL_ANCHOR_GAP_EM * l->fs;
}

/* One segment wider than most of the body: prose (also when a number set close after its last
 * word was split off as a segment of its own). */
static int is_wide(pl_ctx *c, const pl_line *l)
{
    const pl_seg *s = &c->segs[l->seg0];
    int split = l->nseg == 2 && s[1].num && s[1].x0 - s[0].x1 < PL_SEG_GAP_EM * s[1].fs;
    return (l->nseg == 1 || split) && s[0].x1 - s[0].x0 > AL_WIDE_FRAC * (c->right - c->left);
}

/* A section heading: starts like one, one segment, set larger than the table text. */
static int is_heading(pl_ctx *c, pl_line *l, float table_fs)
{
    if (l->nseg != 1 || l->nnum)
        return 0;
    const char *t = pl_line_text(c, l);
    return (l->fs > table_fs * AL_HEADING_SIZE && pl_heading_start(t)) || pl_section_heading(t);
}

/* Vertical gap from line a down to line b; page breaks count as adjacent when b opens its page. */
static float vgap(pl_ctx *c, size_t a, size_t b)
{
    const pl_line *x = &c->lines[a], *y = &c->lines[b];
    if (x->page == y->page)
        return y->y0 - x->y1;
    for (size_t k = a + 1; k < b; k++)
        if (c->lines[k].kind != PL_DROP)
            return 1e9f;
    return y->page == x->page + 1 ? 0 : 1e9f;
}

static size_t next_live(pl_ctx *c, size_t i)
{
    while (i < c->nlines && c->lines[i].kind == PL_DROP)
        i++;
    return i;
}

typedef struct {
    float x0[AL_MAX_REGION_COLS];
    int n;
} num_edges;

/* Records the left edges of line l's numbers (the region's numeric columns so far). */
static void note_edges(pl_ctx *c, const pl_line *l, num_edges *e)
{
    for (size_t k = 0; k < l->nseg; k++) {
        const pl_seg *s = &c->segs[l->seg0 + k];
        int seen = 0;
        for (int j = 0; s->num && j < e->n && !seen; j++)
            seen = s->x0 - e->x0[j] < AL_SAME_X_EM * s->fs && e->x0[j] - s->x0 < AL_SAME_X_EM * s->fs;
        if (s->num && !seen && e->n < AL_MAX_REGION_COLS)
            e->x0[e->n++] = s->x0;
    }
}

/* A label with one number in a column the region's rows already use (a one-row sub-table whose
 * number stands close to its label). */
static int aligned_row(pl_ctx *c, const pl_line *l, const num_edges *e)
{
    if (l->nseg < 2 || l->nnum != 1 || !c->segs[l->seg0 + l->nseg - 1].num)
        return 0;
    const pl_seg *s = &c->segs[l->seg0 + l->nseg - 1];
    for (int j = 0; j < e->n; j++)
        if (s->x0 - e->x0[j] < AL_SAME_X_EM * s->fs && e->x0[j] - s->x0 < AL_SAME_X_EM * s->fs)
            return 1;
    return 0;
}

/* From anchor a, the end (exclusive) of its region: later anchors joined through table-like lines. */
static size_t extend_down(pl_ctx *c, size_t a, float fs)
{
    size_t end = a + 1, prev = a;
    num_edges e = {{0}, 0};
    note_edges(c, &c->lines[a], &e);
    for (size_t i = next_live(c, a + 1); i < c->nlines; i = next_live(c, i + 1)) {
        pl_line *l = &c->lines[i];
        if (vgap(c, prev, i) >= AL_REGION_GAP_EM * fs || is_wide(c, l) || is_heading(c, l, fs))
            break;
        prev = i;
        if (is_anchor(c, l) || aligned_row(c, l, &e)) {
            end = i + 1;
            note_edges(c, l, &e);
        }
    }
    /* wrapped label or number lines right under the last row */
    prev = end - 1;
    for (size_t i = next_live(c, end); i < c->nlines; i = next_live(c, i + 1)) {
        pl_line *l = &c->lines[i];
        if (l->page != c->lines[prev].page || vgap(c, prev, i) >= AL_TAIL_GAP_EM * fs ||
            is_wide(c, l) || pl_heading_start(pl_line_text(c, l)))
            break;
        end = i + 1;
        prev = i;
    }
    return end;
}

/* Header lines above anchor a (not crossing a page, a prose line, a heading or an earlier table). */
static size_t extend_up(pl_ctx *c, size_t a, size_t floor, float fs)
{
    size_t start = a, next = a;
    for (size_t i = a; i > floor; i--) {
        pl_line *l = &c->lines[i - 1];
        if (l->kind == PL_DROP)
            continue;
        if (l->kind == PL_TABLE || vgap(c, i - 1, next) > AL_HEAD_GAP_EM * fs || is_wide(c, l) ||
            pl_heading_start(pl_line_text(c, l)) || is_heading(c, l, fs))
            break;
        start = next = i - 1;
    }
    return start;
}

void pl_mark_tables(pl_ctx *c)
{
    size_t floor = 0;
    for (size_t i = 0; i < c->nlines; i++) {
        if (!is_anchor(c, &c->lines[i]))
            continue;
        float fs = c->lines[i].fs;
        size_t start = extend_up(c, i, floor, fs), end = extend_down(c, i, fs);
        for (size_t k = start; k < end; k++)
            if (c->lines[k].kind != PL_DROP)
                c->lines[k].kind = PL_TABLE;
        floor = end;
        i = end - 1;
    }
}

/* ---- one grid --------------------------------------------------------------------------------- */

typedef struct {
    float x0, x1;
} xspan;

typedef struct {
    float y0, y1;
    int nfilled;
    const char *num[AL_MAX_NUM_COLS];
    const pl_seg *seg[AL_MAX_NUM_COLS];
    const char *label[AL_MAX_LABEL_COLS];
    int label_col; /* leftmost column of the row label, -1 none */
    int closed;    /* complete (its wrapped numbers rejoined): the next numbers open a new row */
    unsigned char wrapped[AL_MAX_NUM_COLS]; /* digits joined over lines: counts where the row's identity holds */
} band;

typedef struct {
    pl_ctx *c;
    size_t from, to;       /* lines of this grid */
    xspan cols[AL_MAX_NUM_COLS];
    int ncols;
    float labx[AL_MAX_LABEL_COLS];
    int nlab;
    float fs;
    band *bands;
    int nbands, bandcap;
    nb_table *t;
    int head_rows;
    float lab_y1[AL_MAX_LABEL_COLS]; /* bottom of the last label line seen in each label column */
    float chain_y1; /* bottom of the last label line seen in any column */
    int opened;     /* a row label opened since the last band began: its numbers are a new row */
} grid;

static int by_x0(const void *a, const void *b)
{
    const xspan *x = a, *y = b;
    return (x->x0 > y->x0) - (x->x0 < y->x0);
}

/* Numeric columns: x-extents of the numbers, overlapping extents merged. */
static void find_columns(grid *g)
{
    xspan *all = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = g->from; i < g->to; i++) {
        const pl_line *l = &g->c->lines[i];
        for (size_t k = 0; l->kind == PL_TABLE && k < l->nseg; k++) {
            const pl_seg *s = &g->c->segs[l->seg0 + k];
            if (!s->num)
                continue;
            if (n == cap) {
                xspan *m = realloc(all, (cap = cap ? cap * 2 : 64) * sizeof *m);
                if (!m)
                    break;
                all = m;
            }
            all[n++] = (xspan){s->x0, s->x1};
        }
    }
    if (all)
        qsort(all, n, sizeof *all, by_x0);
    g->ncols = 0;
    for (size_t k = 0; k < n; k++) {
        xspan *last = g->ncols ? &g->cols[g->ncols - 1] : NULL;
        if (last && all[k].x0 <= last->x1 + AL_SAME_X_EM * g->fs) {
            if (all[k].x1 > last->x1)
                last->x1 = all[k].x1;
        } else if (g->ncols < AL_MAX_NUM_COLS) {
            g->cols[g->ncols++] = all[k];
        }
    }
    free(all);
}

static int col_of(const grid *g, float x0, float x1)
{
    int best = 0;
    float bestd = 1e30f, mid = (x0 + x1) / 2;
    for (int k = 0; k < g->ncols; k++) {
        if (mid >= g->cols[k].x0 && mid <= g->cols[k].x1)
            return k;
        float d = mid < g->cols[k].x0 ? g->cols[k].x0 - mid : mid - g->cols[k].x1;
        if (d < bestd) {
            bestd = d;
            best = k;
        }
    }
    return best;
}

static int in_label_zone(const grid *g, const pl_seg *s)
{
    float left = g->ncols ? g->cols[0].x0 : 1e30f;
    return !s->num && (s->x1 <= left + AL_LABEL_OVERHANG_EM * g->fs || s->x0 < left - AL_LABEL_LEFT_EM * g->fs);
}

static int cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

/* Label columns: starts of the label segments of the body (from the first line with numbers), clustered. */
static void find_label_columns(grid *g, size_t body)
{
    float xs[AL_MAX_LABEL_SEGS];
    size_t n = 0;
    for (size_t i = body; i < g->to; i++) { /* body lines only: a title centred over the table is no column */
        const pl_line *l = &g->c->lines[i];
        for (size_t k = 0; l->kind == PL_TABLE && k < l->nseg && n < AL_MAX_LABEL_SEGS; k++)
            if (in_label_zone(g, &g->c->segs[l->seg0 + k]))
                xs[n++] = g->c->segs[l->seg0 + k].x0;
    }
    qsort(xs, n, sizeof *xs, cmp_float);
    g->nlab = 0;
    for (size_t k = 0; k < n; k++)
        if ((!g->nlab || xs[k] - g->labx[g->nlab - 1] > AL_LABEL_COL_EM * g->fs) &&
            g->nlab < AL_MAX_LABEL_COLS)
            g->labx[g->nlab++] = xs[k];
}

static int label_col(const grid *g, float x)
{
    int k = 0;
    while (k + 1 < g->nlab && x >= g->labx[k + 1] - AL_LABEL_COL_EM * g->fs)
        k++;
    return k;
}

/* Last label column a segment reaches into. */
static int label_end(const grid *g, const pl_seg *s)
{
    int k = label_col(g, s->x0);
    while (k + 1 < g->nlab && s->x1 > g->labx[k + 1] + AL_REACH_EM * g->fs)
        k++;
    return k;
}

/* Joins two pieces of one cell's text: no space between CJK, a space between Latin words. */
static const char *join(pl_ctx *c, const char *a, const char *b, int digits)
{
    if (!a || !*a)
        return b;
    nb_buf buf = NB_BUF_INIT;
    nb_buf_puts(&buf, a);
    if (!digits && !pl_is_cjk_edge(a, 1) && !pl_is_cjk_edge(b, 0))
        nb_buf_putc(&buf, ' ');
    nb_buf_puts(&buf, b);
    const char *s = buf.oom ? a : nb_doc_strdup(c->doc, buf.ptr, buf.len);
    nb_buf_free(&buf);
    return s ? s : a;
}

/* ---- rows from bands of numbers ----------------------------------------------------------------- */

static band *band_new(grid *g, float y0, float y1)
{
    if (g->nbands == g->bandcap) {
        int cap = g->bandcap ? g->bandcap * 2 : 32;
        band *b = realloc(g->bands, (size_t)cap * sizeof *b);
        if (!b)
            return NULL;
        g->bands = b;
        g->bandcap = cap;
    }
    band *b = &g->bands[g->nbands++];
    memset(b, 0, sizeof *b);
    b->y0 = y0;
    b->y1 = y1;
    b->label_col = -1;
    return b;
}

/* True when line l carries a label that opens a new row: an enumerator, or not the wrapped
 * continuation of the label line right above it. leaf: only labels reaching the last label
 * column count (a group label beside a row does not open one). */
static int line_opens_row(const grid *g, const pl_line *l, int leaf)
{
    for (size_t k = 0; k < l->nseg; k++) {
        const pl_seg *s = &g->c->segs[l->seg0 + k];
        if (!in_label_zone(g, s) || (leaf && label_end(g, s) < g->nlab - 1))
            continue;
        if (pl_enum_start(s->text) || s->y0 - g->lab_y1[label_col(g, s->x0)] > AL_WRAP_GAP_EM * g->fs)
            return 1;
    }
    return 0;
}

static void note_labels(grid *g, const pl_line *l)
{
    for (size_t k = 0; k < l->nseg; k++) {
        const pl_seg *s = &g->c->segs[l->seg0 + k];
        if (in_label_zone(g, s)) {
            g->lab_y1[label_col(g, s->x0)] = s->y1;
            g->chain_y1 = s->y1 > g->chain_y1 ? s->y1 : g->chain_y1;
        }
    }
}

/* Before note_labels on a line without numbers: does it open the next row? */
static void note_opening(grid *g, const pl_line *l)
{
    if (!l->nnum && line_opens_row(g, l, 1))
        g->opened = 1;
}

/* How the numbers of line l relate to band b: 1 = the row's numbers drifted onto the next
 * line (columns complementary: close below, or beside the row's label still wrapping down to
 * them, as in cells whose numbers are vertically centred), 2 = numbers wrapped inside their
 * cells, 0 = a new row (also when a number above is a lone "0": digits under it would make "03",
 * which no count is printed as; an OCR'd row read closer to the row above than its line spacing). */
static int continuation(const grid *g, const band *b, const pl_line *l, float ny0)
{
    if (b->closed || line_opens_row(g, l, 0))
        return 0;
    int overlap = 0, fresh = 0, aligned = 1, lone_zero = 0;
    for (size_t k = 0; k < l->nseg; k++) {
        const pl_seg *s = &g->c->segs[l->seg0 + k];
        if (!s->num)
            continue;
        int col = col_of(g, s->x0, s->x1);
        const pl_seg *up = b->seg[col];
        if (!up) {
            fresh++;
            continue;
        }
        overlap++;
        const char *n = b->num[col] ? b->num[col] : "";
        lone_zero |= !strcmp(n + (n[0] == '?'), "0"); /* no count is printed "03": the next row */
        float f = AL_ALIGN_EM * g->fs;
        if (!(s->x0 - up->x0 < f && up->x0 - s->x0 < f) && !(s->x1 - up->x1 < f && up->x1 - s->x1 < f))
            aligned = 0;
    }
    float gap = ny0 - b->y1;
    int chained = !g->opened && g->chain_y1 > b->y0 && ny0 - g->chain_y1 < AL_WRAP_GAP_EM * g->fs;
    if (!overlap && (gap < AL_MERGE_GAP_EM * g->fs || chained))
        return 1;
    if (!fresh && aligned && !lone_zero && overlap < b->nfilled && gap < AL_WRAP_GAP_EM * g->fs)
        return 2;
    return 0;
}

/* Adds line l's numbers to the last band: appended to the digits already in a column. */
static void wrap_into(grid *g, const pl_line *l)
{
    band *b = &g->bands[g->nbands - 1];
    for (size_t k = 0; k < l->nseg; k++) {
        const pl_seg *s = &g->c->segs[l->seg0 + k];
        if (!s->num)
            continue;
        int col = col_of(g, s->x0, s->x1);
        if (!b->num[col])
            b->nfilled++, b->seg[col] = s;
        else
            b->wrapped[col] = 1;
        b->num[col] = join(g->c, b->num[col], s->text, 1);
        b->y0 = s->y0 < b->y0 ? s->y0 : b->y0;
        b->y1 = s->y1 > b->y1 ? s->y1 : b->y1;
    }
}

static int add_numbers(grid *g, const pl_line *l)
{
    float ny0 = 1e30f, ny1 = -1e30f;
    for (size_t k = 0; k < l->nseg; k++) {
        const pl_seg *s = &g->c->segs[l->seg0 + k];
        if (s->num) {
            ny0 = s->y0 < ny0 ? s->y0 : ny0;
            ny1 = s->y1 > ny1 ? s->y1 : ny1;
        }
    }
    band *b = g->nbands ? &g->bands[g->nbands - 1] : NULL;
    int how = b ? continuation(g, b, l, ny0) : 0;
    if (!how && !(b = band_new(g, ny0, ny1)))
        return 0;
    if (!how)
        g->opened = 0;
    for (size_t k = 0; k < l->nseg; k++) {
        const pl_seg *s = &g->c->segs[l->seg0 + k];
        if (!s->num)
            continue;
        int col = col_of(g, s->x0, s->x1);
        if (!b->num[col])
            b->nfilled++;
        else
            b->wrapped[col] = 1;
        b->num[col] = join(g->c, b->num[col], s->text, 1);
        if (!b->seg[col])
            b->seg[col] = s;
    }
    b->y0 = ny0 < b->y0 ? ny0 : b->y0;
    b->y1 = ny1 > b->y1 ? ny1 : b->y1;
    return 1;
}

/* Numbers wrapped inside vertically centred cells: line i holds the first parts, line k the
 * rest (same columns, aligned), and line j between them the row's one-line numbers. */
static int centred_wrap(const grid *g, const pl_line *i, const pl_line *j, const pl_line *k)
{
    int ci[AL_MAX_NUM_COLS] = {0}, ni = 0, nk = 0;
    float yi = 0, yj = 0, yk = 0;
    for (size_t a = 0; a < i->nseg; a++) {
        const pl_seg *s = &g->c->segs[i->seg0 + a];
        if (s->num)
            ci[col_of(g, s->x0, s->x1)] = 1, ni++, yi = (s->y0 + s->y1) / 2;
    }
    for (size_t a = 0; a < j->nseg; a++) {
        const pl_seg *s = &g->c->segs[j->seg0 + a];
        if (s->num && ci[col_of(g, s->x0, s->x1)])
            return 0;
        if (s->num)
            yj = (s->y0 + s->y1) / 2;
    }
    for (size_t a = 0; a < k->nseg; a++) {
        const pl_seg *s = &g->c->segs[k->seg0 + a];
        if (s->num && !ci[col_of(g, s->x0, s->x1)])
            return 0;
        if (s->num)
            nk++, yk = (s->y0 + s->y1) / 2;
    }
    float mid = (yi + yk) / 2 - yj;
    return nk == ni && yi < yj && yj < yk && mid < AL_CENTRE_EM * g->fs && mid > -AL_CENTRE_EM * g->fs &&
           yk - yi < AL_CENTRED_SPAN_EM * g->fs;
}

/* The band a row label belongs to: most vertical overlap; else the next band when the label starts
 * with an enumerator; else wrapped_from (the band of the label line it continues), if any; else the next band. */
static int band_for(const grid *g, const pl_seg *s, int wrapped_from)
{
    int best = -1, below = -1;
    float most = 0;
    for (int k = 0; k < g->nbands; k++) {
        const band *b = &g->bands[k];
        float ov = (s->y1 < b->y1 ? s->y1 : b->y1) - (s->y0 > b->y0 ? s->y0 : b->y0);
        if (ov > most) {
            most = ov;
            best = k;
        }
        if (below < 0 && b->y0 >= s->y1)
            below = k;
    }
    if (best >= 0)
        return best;
    if (pl_enum_start(s->text) && below >= 0)
        return below;
    if (wrapped_from >= 0)
        return wrapped_from;
    return below >= 0 ? below : g->nbands - 1;
}

typedef struct {
    int col, first, last;
    const char *text;
    float y1;
} group_cell;

typedef struct {
    int band[AL_MAX_LABEL_COLS];  /* band of the last row label seen in each label column */
    float y1[AL_MAX_LABEL_COLS];  /* its bottom */
    int leaf[AL_MAX_LABEL_COLS];  /* the last label seen in the column was a row label */
} label_state;

/* Vertical gap from a label line ending at y1 down to segment s. Over a page break a label
 * continues when the one above stood in the last row of its page and s stands no lower than
 * the first row of its own page (a cell split by the break). */
static float label_gap(const grid *g, float y1, const pl_seg *s)
{
    float gap = s->y0 - y1;
    int pa = (int)(y1 / PL_PAGE_Y), pb = (int)(s->y0 / PL_PAGE_Y);
    if (gap < PL_PAGE_Y / 2 || pb != pa + 1)
        return gap;
    int first = 1;
    for (int k = 0; k < g->nbands; k++) {
        const band *b = &g->bands[k];
        int p = (int)(b->y0 / PL_PAGE_Y);
        if (p == pa && b->y0 > y1)
            return gap;
        if (p == pb && first && b->y1 < s->y0)
            return gap;
        first &= p != pb;
    }
    return 0;
}

/* A group label (left of the row labels) joins the group cell above it or opens a new one. */
static void add_group(grid *g, const pl_seg *s, int lc, group_cell *gc, int *ngc, int gcap)
{
    group_cell *last = NULL;
    for (int j = *ngc - 1; j >= 0 && !last; j--)
        if (gc[j].col == lc)
            last = &gc[j];
    int b = band_for(g, s, -1);
    if (last && label_gap(g, last->y1, s) < AL_WRAP_GAP_EM * g->fs && !pl_enum_start(s->text)) {
        last->text = join(g->c, last->text, s->text, 0);
        last->y1 = s->y1;
        last->last = b > last->last ? b : last->last;
    } else if (*ngc < gcap) {
        gc[(*ngc)++] = (group_cell){lc, b, b, s->text, s->y1};
    }
}

/* A row label goes to its band. */
static void add_row_label(grid *g, const pl_seg *s, int lc, label_state *st)
{
    int wrapped = st->band[lc] >= 0 && label_gap(g, st->y1[lc], s) < AL_WRAP_GAP_EM * g->fs;
    int b = band_for(g, s, wrapped ? st->band[lc] : -1);
    band *bd = &g->bands[b];
    bd->label[lc] = join(g->c, bd->label[lc], s->text, 0);
    if (bd->label_col < 0 || lc < bd->label_col)
        bd->label_col = lc;
    st->band[lc] = b;
    st->y1[lc] = s->y1;
}

/* Row labels go to their band; labels ending left of the last label column are group cells,
 * unless they are the last words of a row label wrapped right above them in the same column. */
static int assign_labels(grid *g, size_t from, group_cell *gc, int *ngc, int gcap)
{
    label_state st;
    for (int k = 0; k < AL_MAX_LABEL_COLS; k++)
        st.band[k] = -1, st.y1[k] = -1e30f, st.leaf[k] = 0;
    for (size_t i = from; i < g->to; i++) {
        const pl_line *l = &g->c->lines[i];
        for (size_t k = 0; l->kind == PL_TABLE && k < l->nseg; k++) {
            const pl_seg *s = &g->c->segs[l->seg0 + k];
            if (!in_label_zone(g, s) || !g->nbands)
                continue;
            int lc = label_col(g, s->x0);
            int leaf = label_end(g, s) == g->nlab - 1 ||
                       (st.leaf[lc] && label_gap(g, st.y1[lc], s) < AL_WRAP_GAP_EM * g->fs &&
                        !pl_enum_start(s->text));
            if (leaf)
                add_row_label(g, s, lc, &st);
            else
                add_group(g, s, lc, gc, ngc, gcap);
            st.leaf[lc] = leaf;
        }
    }
    return 1;
}

/* ---- header rows -------------------------------------------------------------------------------- */

typedef struct {
    const pl_seg *s;
    int c0, c1, spanning, tier;
    size_t line;
} head_seg;

/* Column whose cell (halfway to its neighbours) holds x. */
static int cell_of(const grid *g, float x)
{
    int k = 0;
    while (k + 1 < g->ncols && x > (g->cols[k].x1 + g->cols[k + 1].x0) / 2)
        k++;
    return k;
}

/* Spanning header cells widen symmetrically around their centre (centred text) while both
 * neighbours are free of other cells on the same tier and inside the parent cell above. */
static void widen(head_seg *h, int n, int i, int ncols)
{
    int lo = 0, hi = ncols - 1;
    for (int j = 0; j < n; j++)
        if (h[j].spanning && h[j].tier < h[i].tier && h[j].c0 <= h[i].c0 && h[j].c1 >= h[i].c1) {
            lo = h[j].c0 > lo ? h[j].c0 : lo;
            hi = h[j].c1 < hi ? h[j].c1 : hi;
        }
    for (;;) {
        int a = h[i].c0 - 1, b = h[i].c1 + 1, free_ab = a >= lo && b <= hi;
        for (int j = 0; free_ab && j < n; j++)
            if (j != i && h[j].spanning && h[j].tier == h[i].tier &&
                ((a >= h[j].c0 && a <= h[j].c1) || (b >= h[j].c0 && b <= h[j].c1)))
                free_ab = 0;
        if (!free_ab)
            return;
        h[i].c0 = a;
        h[i].c1 = b;
    }
}

static void classify_heads(grid *g, head_seg *h, int n)
{
    for (int i = 0; i < n; i++) {
        int cols[AL_MAX_NUM_COLS] = {0}, distinct = 0;
        float below = 1e30f;
        for (int j = 0; j < n; j++) {
            if (h[j].line <= h[i].line || h[j].s->x1 < h[i].s->x0 || h[j].s->x0 > h[i].s->x1)
                continue;
            below = h[j].s->y0 < below ? h[j].s->y0 : below;
            int k = cell_of(g, (h[j].s->x0 + h[j].s->x1) / 2);
            distinct += !cols[k];
            cols[k] = 1;
        }
        /* over several columns, or over one column but a whole row above its words */
        h[i].spanning = distinct >= 2 || (distinct == 1 && below - h[i].s->y1 > AL_WRAP_GAP_EM * g->fs);
    }
    int tier = -1;
    size_t line = (size_t)-1;
    for (int i = 0; i < n; i++)
        if (h[i].spanning) {
            if (h[i].line != line)
                tier++, line = h[i].line;
            h[i].tier = tier;
        }
    for (int i = 0; i < n; i++)
        if (h[i].spanning)
            widen(h, n, i, g->ncols);
}

/* Header lines [from, to) -> header rows of the grid; returns 0 on OOM. */
static int build_header(grid *g, size_t from, size_t to)
{
    head_seg h[AL_MAX_HEAD_SEGS];
    int n = 0, ntier = 0, leaves = 0;
    const char *label = NULL;
    const char *leaf[AL_MAX_NUM_COLS] = {0};
    for (size_t i = from; i < to; i++) {
        const pl_line *l = &g->c->lines[i];
        for (size_t k = 0; l->kind == PL_TABLE && k < l->nseg; k++) {
            const pl_seg *s = &g->c->segs[l->seg0 + k];
            if (g->nlab && in_label_zone(g, s))
                label = join(g->c, label, s->text, 0);
            else if (n < AL_MAX_HEAD_SEGS)
                h[n++] = (head_seg){s, cell_of(g, s->x0 + AL_REACH_EM * s->fs), cell_of(g, s->x1 - AL_REACH_EM * s->fs), 0, 0, i};
        }
    }
    classify_heads(g, h, n);
    for (int i = 0; i < n; i++) {
        if (h[i].spanning) {
            ntier = h[i].tier + 1 > ntier ? h[i].tier + 1 : ntier;
            continue;
        }
        int k = cell_of(g, (h[i].s->x0 + h[i].s->x1) / 2);
        leaf[k] = join(g->c, leaf[k], h[i].s->text, 0);
        leaves++;
    }
    g->head_rows = ntier + (leaves > 0);
    if (!g->head_rows && label)
        g->head_rows = 1;
    for (int i = 0; i < n; i++)
        if (h[i].spanning && !nb_table_add_cell(g->c->doc, g->t, h[i].tier, g->nlab + h[i].c0, 1,
                                                h[i].c1 - h[i].c0 + 1, h[i].s->text, strlen(h[i].s->text)))
            return 0;
    for (int k = 0; leaves && k < g->ncols; k++)
        if (!nb_table_add_cell(g->c->doc, g->t, g->head_rows - 1, g->nlab + k, 1, 1, leaf[k] ? leaf[k] : "",
                               leaf[k] ? strlen(leaf[k]) : 0))
            return 0;
    if (label && !nb_table_add_cell(g->c->doc, g->t, 0, 0, g->head_rows, g->nlab, label, strlen(label)))
        return 0;
    return 1;
}

/* ---- emitting a grid -------------------------------------------------------------------------- */

static int emit_rows(grid *g, group_cell *gc, int ngc)
{
    nb_doc *d = g->c->doc;
    for (int r = 0; r < g->nbands; r++) {
        band *b = &g->bands[r];
        int row = g->head_rows + r;
        if (b->label_col >= 0) {
            const char *t = NULL;
            for (int k = b->label_col; k < g->nlab; k++)
                if (b->label[k])
                    t = join(g->c, t, b->label[k], 0);
            if (!nb_table_add_cell(d, g->t, row, b->label_col, 1, g->nlab - b->label_col, t, strlen(t)))
                return 0;
        }
        for (int k = 0; k < g->ncols; k++) {
            const char *t = b->num[k] ? b->num[k] : "";
            nb_cell *x = nb_table_add_cell(d, g->t, row, g->nlab + k, 1, 1, t, strlen(t));
            if (!x)
                return 0;
            if (b->wrapped[k])
                x->flags |= NB_CF_LINES;
            else if (b->seg[k] && b->seg[k]->witnessed) /* OCR: one reading, two engines alike */
                x->flags |= NB_CF_WITNESSED;
            if (b->seg[k]) /* where the number was printed (nianbao debug, value sources) */
                x->box = (nb_box){b->seg[k]->page, g->cols[k].x0, b->y0 - (float)b->seg[k]->page * PL_PAGE_Y,
                                  g->cols[k].x1, b->y1 - (float)b->seg[k]->page * PL_PAGE_Y};
        }
    }
    for (int i = 0; i < ngc; i++)
        if (!nb_table_add_cell(d, g->t, g->head_rows + gc[i].first, gc[i].col, gc[i].last - gc[i].first + 1,
                               1, gc[i].text, strlen(gc[i].text)))
            return 0;
    return 1;
}

static size_t first_number_line(pl_ctx *c, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (c->lines[i].kind == PL_TABLE && c->lines[i].nnum)
            return i;
    return to;
}

/* One grid from the table lines [from, to). */
/* Index of the next line of [i, to) holding numbers in the table (to when none). */
static size_t next_number_line(pl_ctx *c, size_t i, size_t to)
{
    while (i < to && !(c->lines[i].kind == PL_TABLE && c->lines[i].nnum))
        i++;
    return i;
}

/* Step 5 over the body lines [body, to): each line's numbers into bands, its labels noted; a one-line row
 * whose cells' wrapped numbers straddle it (centred_wrap) takes the lines up to the second next number
 * line. Returns 0 on OOM. */
static int read_bands(grid *g, size_t body, size_t to)
{
    pl_ctx *c = g->c;
    for (int k = 0; k < AL_MAX_LABEL_COLS; k++)
        g->lab_y1[k] = -1e30f;
    g->chain_y1 = -1e30f;
    for (size_t i = body; i < to; i++) {
        if (c->lines[i].kind != PL_TABLE)
            continue;
        if (c->lines[i].nnum && !add_numbers(g, &c->lines[i]))
            return 0;
        note_opening(g, &c->lines[i]);
        note_labels(g, &c->lines[i]);
        size_t j = next_number_line(c, i + 1, to), k = next_number_line(c, j + 1, to);
        if (c->lines[i].nnum && k < to && centred_wrap(g, &c->lines[i], &c->lines[j], &c->lines[k])) {
            for (size_t m = i + 1; m <= k; m++) {
                if (c->lines[m].kind == PL_TABLE && c->lines[m].nnum)
                    wrap_into(g, &c->lines[m]);
                note_labels(g, &c->lines[m]);
            }
            g->bands[g->nbands - 1].closed = 1;
            i = k;
        }
    }
    return 1;
}

/* Steps 6-8: the TABLE block of a grid whose bands are read. Returns 0 on OOM. */
static int table_block(grid *g, size_t from, size_t body)
{
    pl_ctx *c = g->c;
    nb_table *t = nb_arena_alloc(&c->doc->arena, sizeof *t);
    nb_block *blk = t ? pl_push(c) : NULL;
    group_cell gc[AL_MAX_GROUPS];
    int ngc = 0;
    if (!blk)
        return 0;
    memset(t, 0, sizeof *t);
    g->t = t;
    blk->kind = NB_BLOCK_TABLE;
    blk->table = t;
    blk->box = (nb_box){c->lines[from].page, 0, 0, 0, 0};
    int ok = build_header(g, from, body) && assign_labels(g, body, gc, &ngc, AL_MAX_GROUPS) && emit_rows(g, gc, ngc);
    nb_table_finish(t);
    return ok;
}

/* Steps 3-8 for the lines [from, to) of one grid; lines of a grid without numeric columns are prose. */
static int emit_grid(pl_ctx *c, size_t from, size_t to)
{
    grid g;
    memset(&g, 0, sizeof g);
    g.c = c, g.from = from, g.to = to, g.fs = c->lines[from].fs;
    find_columns(&g);
    if (!g.ncols) {
        for (size_t i = from; i < to; i++)
            c->lines[i].kind = c->lines[i].kind == PL_TABLE ? PL_PROSE : c->lines[i].kind;
        return pl_emit_paragraphs(c, from, to);
    }
    size_t body = first_number_line(c, from, to);
    find_label_columns(&g, body);
    g.fs = c->lines[body].fs;
    int ok = read_bands(&g, body, to) && table_block(&g, from, body);
    free(g.bands);
    return ok;
}

/* ---- splitting a region into grids ------------------------------------------------------------ */

/* A header line inside the region: no numbers, text over the numeric columns. */
static int is_header_line(const grid *g, const pl_line *l)
{
    if (l->kind != PL_TABLE || l->nnum)
        return 0;
    for (size_t k = 0; k < l->nseg; k++)
        if (!in_label_zone(g, &g->c->segs[l->seg0 + k]))
            return 1;
    return 0;
}

/* Does line l repeat a header line of the grid whose header lines are [start, body)? */
static int is_header_text(pl_ctx *c, size_t start, size_t body, pl_line *l)
{
    const char *t = pl_line_text(c, l);
    for (size_t i = start; i < body; i++)
        if (c->lines[i].kind == PL_TABLE && !strcmp(pl_line_text(c, &c->lines[i]), t))
            return 1;
    return 0;
}

/* A repeated header at the top of a later page: its first line matches a header line of the
 * current grid. The repeated lines (up to the next numbers) are dropped. */
static int drop_repeat(pl_ctx *c, size_t start, size_t body, size_t at, size_t to)
{
    if (c->lines[at].page == c->lines[start].page || !is_header_text(c, start, body, &c->lines[at]))
        return 0;
    /* only the lines that repeat a header line: a row label wrapped above its numbers stays */
    for (size_t i = at; i < to && !c->lines[i].nnum; i++)
        if (is_header_text(c, start, body, &c->lines[i]))
            c->lines[i].kind = PL_DROP;
    return 1;
}

/* Start of the grid that header line i opens: label-only lines right above it belong to it. */
static size_t header_start(const grid *g, size_t i, size_t floor)
{
    pl_ctx *c = g->c;
    while (i > floor) {
        const pl_line *l = &c->lines[i - 1], *n = &c->lines[i];
        if (l->kind != PL_TABLE || l->nnum || n->y0 - l->y1 > AL_HEAD_GAP_EM * g->fs)
            break;
        i--;
    }
    return i;
}

int pl_emit_table(pl_ctx *c, size_t from, size_t to)
{
    grid g;
    memset(&g, 0, sizeof g);
    g.c = c, g.from = from, g.to = to, g.fs = c->lines[from].fs;
    find_columns(&g);
    size_t start = from, body = to;
    for (size_t i = from; i < to; i++) {
        pl_line *l = &c->lines[i];
        if (l->kind != PL_TABLE)
            continue;
        if (l->nnum && body == to)
            body = i;
        if (body == to || i <= body || !is_header_line(&g, l) || drop_repeat(c, start, body, i, to))
            continue;
        size_t s = header_start(&g, i, body + 1);
        if (!emit_grid(c, start, s))
            return 0;
        start = s;
        body = to;
        i = s;
        if (c->lines[i].nnum)
            body = i;
    }
    return start < to ? emit_grid(c, start, to) : 1;
}
