/* rules.c - ruling lines found on a grey page image (a PDF page rendered by pdf.c, or a scanned page).
 *
 * The algorithm, on a small example: a 2x2 table drawn with 0.5 pt lines, seen at 2 px/pt.
 *
 *     +-----+-----+      Step 1. Horizontal pieces: in every pixel row, runs of dark pixels
 *     | 35  | 7   |              (grey < RULE_DARK), bridging gaps up to RULE_GAP_PT, that are at
 *     +-----+-----+              least RULE_MIN_PT long. The strokes of "35" and "7" are far shorter
 *     | 1   | 0   |              than that; the three horizontal lines pass.
 *     +-----+-----+      Step 2. Pieces in consecutive pixel rows that overlap over most of their
 *                                length are one band (a glyph stroke touching a rule stays apart).
 *                                A band at most RULE_MAX_THICK_PT thick is a rule; thicker bands are
 *                                filled areas (shading, images) and are dropped.
 *                        Step 3. The same on pixel columns gives the three vertical lines.
 *                        Step 3b. A band running mostly through the boxes of text spans already read
 *                                on the page (strokes of bold or large glyphs, joined across a thin gap
 *                                to the next line's or to a border) is dropped.
 *                        Step 4. A rule is kept only when at least two rules of the other direction
 *                                touch or cross it (within RULE_TOUCH_PT): the 3 + 3 lines of the
 *                                grid stay; an underline, a long dash or a glyph stroke that got
 *                                through step 1 touches none and goes.
 *                        Step 5. Each rule becomes an NB_BLOCK_RULE block: its thin rectangle in
 *                                PDF points from the top-left of the page.
 */
#include "extract.h"

#include <stdlib.h>
#include <string.h>

#define RULE_DARK 200          /* grey level below which a pixel is ink (0 black, 255 white) */
#define RULE_MIN_PT 10.0       /* a run at least this long (points) may be a rule: a glyph stroke is shorter */
#define RULE_GAP_PT 1.5        /* collinear pieces this close are one rule (joins, dashes, antialiasing) */
#define RULE_MAX_THICK_PT 3.0  /* a band thicker than this is a filled area, not a rule */
#define RULE_TOUCH_PT 2.0      /* a rule ending this close to another touches it */
#define RULE_TEXT_PT 1.0       /* a text span's box grown by this still holds its glyph strokes */
#define RULE_TEXT_SHARE 0.5f   /* a vertical band with this share of its length inside text is glyph strokes */
#define RULE_MIN_TOUCHES 2     /* perpendicular rules a rule must touch to belong to a grid */

typedef struct {
    int a0, a1; /* along the rule (x for horizontal), pixels, inclusive */
    int b0, b1; /* across it (y for horizontal) */
    int open;   /* still being extended by the current row/column */
} band;

typedef struct {
    band *v;
    size_t n, cap;
    int oom;
} bands;

static band *band_push(bands *bs)
{
    band *grown = nb_grow(bs->v, bs->n, &bs->cap, sizeof *grown, 64);
    if (!grown) {
        bs->oom = 1;
        return NULL;
    }
    bs->v = grown;
    return &bs->v[bs->n++];
}

/* Do [a0, a1] and band x overlap over at least half the longer of the two? (A glyph stroke beside a
 * rule must not thicken it.) */
static int same_extent(const band *x, int a0, int a1)
{
    int lo = a0 > x->a0 ? a0 : x->a0, hi = a1 < x->a1 ? a1 : x->a1;
    int longer = a1 - a0 > x->a1 - x->a0 ? a1 - a0 : x->a1 - x->a0;
    return 2 * (hi - lo + 1) >= longer + 1;
}

/* A piece [a0, a1] on line b joins an open band of about the same extent that reached line b-1, else
 * starts one. from: first band index that may still be open. */
static void piece_add(bands *bs, size_t from, int a0, int a1, int b)
{
    for (size_t k = from; k < bs->n; k++) {
        band *x = &bs->v[k];
        if (x->open && x->b1 >= b - 1 && same_extent(x, a0, a1)) {
            x->a0 = a0 < x->a0 ? a0 : x->a0;
            x->a1 = a1 > x->a1 ? a1 : x->a1;
            x->b1 = b;
            return;
        }
    }
    band *x = band_push(bs);
    if (x)
        *x = (band){a0, a1, b, b, 1};
}

/* Bands not extended on line b are closed. Returns the new first possibly-open index. */
static size_t close_stale(bands *bs, size_t from, int b)
{
    for (size_t k = from; k < bs->n; k++)
        if (bs->v[k].open && bs->v[k].b1 < b)
            bs->v[k].open = 0;
    while (from < bs->n && !bs->v[from].open)
        from++;
    return from;
}

/* Step 1-2: horizontal bands. */
static void find_horizontal(bands *bs, const unsigned char *px, int w, int h, int stride, int min_px,
                            int gap_px)
{
    size_t from = 0;
    for (int y = 0; y < h && !bs->oom; y++) {
        const unsigned char *row = px + (size_t)y * (size_t)stride;
        int start = -1, last = -1;
        for (int x = 0; x <= w; x++) {
            int dark = x < w && row[x] < RULE_DARK;
            if (dark && start >= 0 && x - last > gap_px + 1) {
                if (last - start + 1 >= min_px)
                    piece_add(bs, from, start, last, y);
                start = -1;
            }
            if (dark) {
                start = start < 0 ? x : start;
                last = x;
            }
        }
        if (start >= 0 && last - start + 1 >= min_px)
            piece_add(bs, from, start, last, y);
        from = close_stale(bs, from, y);
    }
}

static int by_column(const void *a, const void *b)
{
    const band *x = a, *y = b;
    return x->b0 != y->b0 ? (x->b0 > y->b0) - (x->b0 < y->b0) : (x->a0 > y->a0) - (x->a0 < y->a0);
}

/* Step 3: vertical pieces, one pass over the rows with a run open per column; pieces are then
 * merged across adjacent columns like the horizontal ones (columns play the rows' part). */
static void find_vertical(bands *bs, const unsigned char *px, int w, int h, int stride, int min_px,
                          int gap_px)
{
    int *start = malloc((size_t)w * sizeof *start), *last = malloc((size_t)w * sizeof *last);
    bands pieces = {NULL, 0, 0, 0};
    if (!start || !last) {
        bs->oom = 1;
        free(start);
        free(last);
        return;
    }
    for (int x = 0; x < w; x++)
        start[x] = -1, last[x] = -1;
    for (int y = 0; y <= h; y++) {
        const unsigned char *row = y < h ? px + (size_t)y * (size_t)stride : NULL;
        for (int x = 0; x < w; x++) {
            int dark = row && row[x] < RULE_DARK;
            if (start[x] >= 0 && (!row || y - last[x] > gap_px + 1)) {
                band *p = last[x] - start[x] + 1 >= min_px ? band_push(&pieces) : NULL;
                if (p)
                    *p = (band){start[x], last[x], x, x, 0};
                start[x] = -1;
            }
            if (dark) {
                start[x] = start[x] < 0 ? y : start[x];
                last[x] = y;
            }
        }
    }
    free(start);
    free(last);
    /* merge column by column, as rows are merged for horizontal bands */
    if (pieces.n)
        qsort(pieces.v, pieces.n, sizeof *pieces.v, by_column);
    size_t from = 0, k = 0;
    for (int x = 0; x < w && !bs->oom; x++) {
        for (; k < pieces.n && pieces.v[k].b0 == x; k++)
            piece_add(bs, from, pieces.v[k].a0, pieces.v[k].a1, x);
        from = close_stale(bs, from, x);
    }
    bs->oom |= pieces.oom;
    free(pieces.v);
}

/* Step 2 (end): drop bands thicker than a rule. */
static void keep_thin(bands *bs, int max_thick)
{
    size_t o = 0;
    for (size_t k = 0; k < bs->n; k++)
        if (bs->v[k].b1 - bs->v[k].b0 + 1 <= max_thick)
            bs->v[o++] = bs->v[k];
    bs->n = o;
}

/* Share of [a0, a1] (along the band, points) inside the page's SPAN boxes (the blocks at the end of the
 * document) whose across-range holds c grown by grow. */
static float text_share(const nb_doc *doc, int page, float a0, float a1, float c, float grow, int vertical)
{
    size_t first = doc->nblocks;
    while (first > 0 && doc->blocks[first - 1].box.page == page)
        first--;
    float inside = 0;
    for (size_t i = first; i < doc->nblocks; i++) {
        const nb_box *t = &doc->blocks[i].box;
        float lo = vertical ? t->y0 : t->x0, hi = vertical ? t->y1 : t->x1;
        float across0 = vertical ? t->x0 : t->y0, across1 = vertical ? t->x1 : t->y1;
        if (doc->blocks[i].kind != NB_BLOCK_SPAN || c < across0 - grow || c > across1 + grow)
            continue;
        lo = lo > a0 ? lo : a0;
        hi = hi < a1 ? hi : a1;
        inside += hi > lo ? hi - lo : 0;
    }
    return a1 > a0 ? inside / (a1 - a0) : 0;
}

/* Does the horizontal band from a0 to a1 at height c lie inside one span box grown by RULE_TEXT_PT? */
static int in_one_span(const nb_doc *doc, int page, float a0, float a1, float c)
{
    for (size_t i = doc->nblocks; i > 0 && doc->blocks[i - 1].box.page == page; i--) {
        const nb_box *t = &doc->blocks[i - 1].box;
        if (doc->blocks[i - 1].kind == NB_BLOCK_SPAN && a0 >= t->x0 - RULE_TEXT_PT && a1 <= t->x1 + RULE_TEXT_PT &&
            c >= t->y0 - RULE_TEXT_PT && c <= t->y1 + RULE_TEXT_PT)
            return 1;
    }
    return 0;
}

/* Step 3b: drops glyph strokes. Horizontal: a band lying inside one span (strokes of adjacent characters
 * joined); a border touches the text of whole rows above and below it, so no share of text is judged.
 * Vertical: a band whose centre runs through text boxes over RULE_TEXT_SHARE of its length (strokes of
 * characters on consecutive lines joined across a thin gap or a border); a vertical border never runs
 * through a text box, it passes between them. */
static void drop_in_text(bands *bs, const nb_doc *doc, int page, double pp, int vertical)
{
    size_t o = 0;
    for (size_t k = 0; k < bs->n; k++) {
        const band *b = &bs->v[k];
        float a0 = (float)(b->a0 / pp), a1 = (float)((b->a1 + 1) / pp);
        float c = (float)((b->b0 + b->b1 + 1) / 2.0 / pp);
        int glyphs = vertical ? text_share(doc, page, a0, a1, c, 0, 1) >= RULE_TEXT_SHARE
                              : in_one_span(doc, page, a0, a1, c);
        if (!glyphs)
            bs->v[o++] = bs->v[k];
    }
    bs->n = o;
}

/* Does band p (of the other direction) touch or cross band r? Both in their own (a, b) frames:
 * r runs along a at b; p runs along b at a. */
static int touches(const band *r, const band *p, int tol)
{
    return p->b0 <= r->a1 + tol && p->b1 >= r->a0 - tol && r->b0 <= p->a1 + tol && r->b1 >= p->a0 - tol;
}

/* Step 4: keeps the rules of one direction touched by at least RULE_MIN_TOUCHES of the other. */
static size_t keep_grid(bands *r, const bands *p, int tol)
{
    size_t o = 0;
    for (size_t k = 0; k < r->n; k++) {
        int hits = 0;
        for (size_t j = 0; j < p->n && hits < RULE_MIN_TOUCHES; j++)
            hits += touches(&r->v[k], &p->v[j], tol);
        if (hits >= RULE_MIN_TOUCHES)
            r->v[o++] = r->v[k];
    }
    size_t dropped = r->n - o;
    r->n = o;
    return dropped;
}

static int emit(nb_doc *doc, int page, const bands *bs, int vertical, double pp)
{
    int n = 0;
    for (size_t k = 0; k < bs->n && (unsigned)n < NB_MAX_PAGE_RULES; k++) {
        const band *b = &bs->v[k];
        nb_block *blk = nb_doc_add_text(doc, NB_BLOCK_RULE, "", 0);
        if (!blk)
            return -1;
        blk->text = NULL;
        float a0 = (float)(b->a0 / pp), a1 = (float)((b->a1 + 1) / pp);
        float b0 = (float)(b->b0 / pp), b1 = (float)((b->b1 + 1) / pp);
        blk->box = vertical ? (nb_box){page, b0, a0, b1, a1} : (nb_box){page, a0, b0, a1, b1};
        n++;
    }
    return n;
}

int nb_rules_from_grey(nb_doc *doc, int page, const unsigned char *px, int w, int h, int stride,
                       double px_per_pt)
{
    if (!px || w <= 0 || h <= 0 || stride < w || px_per_pt <= 0)
        return 0;
    int min_px = (int)(RULE_MIN_PT * px_per_pt), gap_px = (int)(RULE_GAP_PT * px_per_pt);
    int thick = (int)(RULE_MAX_THICK_PT * px_per_pt + 0.5), tol = (int)(RULE_TOUCH_PT * px_per_pt + 0.5);
    bands hz = {NULL, 0, 0, 0}, vt = {NULL, 0, 0, 0};
    find_horizontal(&hz, px, w, h, stride, min_px, gap_px);
    find_vertical(&vt, px, w, h, stride, min_px, gap_px);
    int n = -1;
    if (!hz.oom && !vt.oom) {
        keep_thin(&hz, thick);
        keep_thin(&vt, thick);
        drop_in_text(&hz, doc, page, px_per_pt, 0);
        drop_in_text(&vt, doc, page, px_per_pt, 1);
        /* dropping rules can leave others with too few touches: repeat until stable */
        while (keep_grid(&hz, &vt, tol) + keep_grid(&vt, &hz, tol))
            ;
        int a = emit(doc, page, &hz, 0, px_per_pt), b = a < 0 ? -1 : emit(doc, page, &vt, 1, px_per_pt);
        n = b < 0 ? -1 : a + b;
    }
    free(hz.v);
    free(vt.v);
    return n;
}
