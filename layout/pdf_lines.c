/* pdf_lines.c - PDF spans into segments and lines (no spaces invented between Han glyphs), removal of
 * running headers, footers and page numbers, and prose lines joined into paragraphs. */
#include "pdf_layout.h"

#include <stdlib.h>
#include <string.h>

#define FURNITURE_GAP_EM 1.0f  /* a page number stands at least this far (font sizes) from the body */
#define PARA_GAP_EM 1.2f       /* wrapped lines of one paragraph are closer than this */
#define PARA_FULL_EM 2.0f      /* a line ending this close to the right margin was wrapped */
#define PARA_INDENT_EM 1.0f    /* a line starting further right than this is indented (new paragraph) */
#define TITLE_EM 1.2f          /* lines this much larger than body text are a title: wrapped lines join */

nb_block *pl_push(pl_ctx *c)
{
    nb_block *grown = nb_grow(c->out, c->nout, &c->outcap, sizeof *grown, 64);
    if (!grown)
        return NULL;
    c->out = grown;
    nb_block *b = &c->out[c->nout++];
    memset(b, 0, sizeof *b);
    return b;
}

static unsigned last_cp(const char *s)
{
    size_t n = strlen(s);
    if (!n)
        return 0;
    size_t i = n - 1;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    int adv;
    return nb_utf8_decode(s + i, n - i, &adv);
}

int pl_is_cjk_edge(const char *s, int at_end)
{
    int adv;
    unsigned cp = at_end ? last_cp(s) : nb_utf8_decode(s, strlen(s), &adv);
    return nb_is_han(cp) || nb_is_cjk_punct(cp);
}

/* Length of a run of Chinese numerals (一..十) at s, 0 if none. */
static size_t han_numeral(const char *s)
{
    static const char *const digits[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    size_t n = 0;
    for (int again = 1; again;) {
        again = 0;
        for (size_t k = 0; k < sizeof digits / sizeof *digits; k++)
            if (!strncmp(s + n, digits[k], 3)) {
                n += 3;
                again = 1;
            }
    }
    return n;
}

static size_t ascii_digits(const char *s)
{
    size_t n = 0;
    while (s[n] >= '0' && s[n] <= '9')
        n++;
    return n;
}

/* "（" or "(" at s: returns its length, else 0. */
static size_t open_paren(const char *s)
{
    return !strncmp(s, "（", 3) ? 3 : *s == '(' ? 1 : 0;
}

static size_t close_paren(const char *s)
{
    return !strncmp(s, "）", 3) ? 3 : *s == ')' ? 1 : 0;
}

int pl_heading_start(const char *s)
{
    size_t n = han_numeral(s);
    if (n)
        return !strncmp(s + n, "、", 3);
    size_t p = open_paren(s);
    return p && (n = han_numeral(s + p)) && close_paren(s + p + n);
}

int pl_section_heading(const char *s)
{
    static const char *const endings[] = {"情况", "事项", "措施", "情況", "事項"};
    size_t n = han_numeral(s), len = strlen(s);
    if (!n || strncmp(s + n, "、", 3))
        return 0;
    while (len && s[len - 1] == ' ')
        len--;
    for (size_t k = 0; k < sizeof endings / sizeof *endings; k++)
        if (len >= 6 && !strncmp(s + len - 6, endings[k], 6))
            return 1;
    return 0;
}

int pl_enum_start(const char *s)
{
    if (pl_heading_start(s))
        return 1;
    size_t n = ascii_digits(s);
    if (n && (s[n] == '.' || !strncmp(s + n, "．", 3) || !strncmp(s + n, "、", 3)))
        return 1;
    size_t p = open_paren(s);
    return p && (n = ascii_digits(s + p)) && close_paren(s + p + n);
}

/* ---- spans -> segments -> lines ------------------------------------------------------------- */

static float block_fs(const nb_block *b)
{
    float h = b->box.y1 - b->box.y0;
    return b->font_size > 0 ? b->font_size : h > 0 ? h : 10;
}

static int by_baseline(const void *a, const void *b)
{
    const nb_block *x = *(nb_block *const *)a, *y = *(nb_block *const *)b;
    if (x->box.y1 != y->box.y1)
        return x->box.y1 < y->box.y1 ? -1 : 1;
    return (x->box.x0 > y->box.x0) - (x->box.x0 < y->box.x0);
}

static int by_x(const void *a, const void *b)
{
    const nb_block *x = *(nb_block *const *)a, *y = *(nb_block *const *)b;
    return (x->box.x0 > y->box.x0) - (x->box.x0 < y->box.x0);
}

static pl_seg *seg_push(pl_ctx *c)
{
    pl_seg *grown = nb_grow(c->segs, c->nsegs, &c->segcap, sizeof *grown, 256);
    if (!grown)
        return NULL;
    c->segs = grown;
    pl_seg *s = &c->segs[c->nsegs++];
    memset(s, 0, sizeof *s);
    return s;
}

static pl_line *line_push(pl_ctx *c)
{
    pl_line *grown = nb_grow(c->lines, c->nlines, &c->linecap, sizeof *grown, 128);
    if (!grown)
        return NULL;
    c->lines = grown;
    pl_line *l = &c->lines[c->nlines++];
    memset(l, 0, sizeof *l);
    return l;
}

/* Closes the segment text in buf into s (arena copy, number flag). */
static int seg_close(pl_ctx *c, pl_seg *s, nb_buf *buf)
{
    s->text = nb_doc_strdup(c->doc, nb_buf_cstr(buf), buf->len);
    s->num = nb_parse_number(buf->ptr, buf->len, NULL);
    nb_buf_clear(buf);
    return s->text != NULL && !buf->oom;
}

/* A number span set close after Han text but standing alone on its right (a table cell next to
 * a label that fills its own cell) starts a segment of its own: 或 3 -> "或" | "3". */
static int lone_number(nb_block **sp, size_t i, size_t n, const nb_buf *buf, float gap)
{
    const nb_block *b = sp[i];
    float fs = block_fs(b);
    if (gap <= PL_WORD_GAP_EM * fs || !pl_is_cjk_edge(nb_buf_cstr(buf), 1) ||
        !nb_parse_number(b->text, strlen(b->text), NULL))
        return 0;
    return i + 1 == n || sp[i + 1]->box.x0 - b->box.x1 >= PL_SEG_GAP_EM * fs;
}

/* One line: spans sorted by x, joined into segments where the gaps are small. */
static int make_line(pl_ctx *c, nb_block **sp, size_t n, nb_buf *buf)
{
    qsort(sp, n, sizeof *sp, by_x);
    pl_line *l = line_push(c);
    if (!l)
        return 0;
    float yoff = (float)sp[0]->box.page * PL_PAGE_Y;
    *l = (pl_line){sp[0]->box.x0, 1e30f, 0, -1e30f, block_fs(sp[0]), sp[0]->box.page, c->nsegs, 0, 0, NULL, PL_PROSE};
    pl_seg *s = NULL;
    for (size_t i = 0; i < n; i++) {
        const nb_block *b = sp[i];
        float fs = block_fs(b), gap = s ? b->box.x0 - s->x1 : 0;
        int cut = s && (gap >= PL_SEG_GAP_EM * fs || lone_number(sp, i, n, buf, gap));
        if (cut && !seg_close(c, s, buf))
            return 0;
        if (!s || cut) {
            if (!(s = seg_push(c)))
                return 0;
            *s = (pl_seg){NULL, b->box.x0, b->box.y0 + yoff, b->box.x1, b->box.y1 + yoff, fs, b->box.page, 0,
                          (b->flags & NB_BF_WITNESSED) != 0};
            l->nseg++;
        } else {
            s->witnessed = 0; /* two spans: not one reading */
            if (gap > PL_WORD_GAP_EM * fs && !pl_is_cjk_edge(nb_buf_cstr(buf), 1) &&
                !pl_is_cjk_edge(b->text, 0))
                nb_buf_putc(buf, ' ');
            s->x1 = b->box.x1 > s->x1 ? b->box.x1 : s->x1;
            s->y0 = b->box.y0 + yoff < s->y0 ? b->box.y0 + yoff : s->y0;
            s->y1 = b->box.y1 + yoff > s->y1 ? b->box.y1 + yoff : s->y1;
        }
        nb_buf_puts(buf, b->text);
        l->x1 = b->box.x1 > l->x1 ? b->box.x1 : l->x1;
        l->y0 = b->box.y0 + yoff < l->y0 ? b->box.y0 + yoff : l->y0;
        l->y1 = b->box.y1 + yoff > l->y1 ? b->box.y1 + yoff : l->y1;
    }
    if (!seg_close(c, s, buf))
        return 0;
    for (size_t k = 0; k < l->nseg; k++)
        l->nnum += c->segs[l->seg0 + k].num;
    return 1;
}

/* The spans of one page [0,n): sorted by baseline and cut into lines. */
static int page_lines(pl_ctx *c, nb_block **sp, size_t n, nb_buf *buf)
{
    pl_drop_sidebar(sp, n);
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (*sp[i]->text)
            sp[kept++] = sp[i];
    n = kept;
    if (!n)
        return 1;
    qsort(sp, n, sizeof *sp, by_baseline);
    size_t start = 0;
    for (size_t i = 1; i <= n; i++) {
        float tol = PL_BASE_EM * block_fs(sp[start]);
        if (i < n && sp[i]->box.y1 - sp[start]->box.y1 < tol)
            continue;
        if (!make_line(c, sp + start, i - start, buf))
            return 0;
        start = i;
    }
    return 1;
}

int pl_build_lines(pl_ctx *c)
{
    nb_doc *d = c->doc;
    nb_block **sp = malloc((d->nblocks ? d->nblocks : 1) * sizeof *sp);
    nb_buf buf = NB_BUF_INIT;
    int ok = sp != NULL;
    size_t n = 0;
    for (size_t i = 0; ok && i <= d->nblocks; i++) {
        nb_block *b = i < d->nblocks ? &d->blocks[i] : NULL;
        if (b && (b->kind != NB_BLOCK_SPAN || !b->text || !*b->text))
            continue;
        if (n && (!b || b->box.page != sp[0]->box.page)) {
            ok = page_lines(c, sp, n, &buf);
            n = 0;
        }
        if (b)
            sp[n++] = b;
    }
    nb_buf_free(&buf);
    free(sp);
    return ok;
}

const char *pl_line_text(pl_ctx *c, pl_line *l)
{
    if (l->text)
        return l->text;
    nb_buf b = NB_BUF_INIT;
    for (size_t k = 0; k < l->nseg; k++) {
        const char *t = c->segs[l->seg0 + k].text;
        if (k && !pl_is_cjk_edge(nb_buf_cstr(&b), 1) && !pl_is_cjk_edge(t, 0))
            nb_buf_putc(&b, ' ');
        nb_buf_puts(&b, t);
    }
    const char *s = b.oom ? NULL : nb_doc_strdup(c->doc, nb_buf_cstr(&b), b.len);
    nb_buf_free(&b);
    l->text = s;
    return s ? s : "";
}

/* ---- running headers, footers, page numbers ---------------------------------------------------- */

/* The text with spaces removed and each run of digits replaced by '#'. */
static void shape_of(const char *s, char *out, size_t cap)
{
    size_t o = 0;
    for (; *s && o + 4 < cap; s++) {
        if (*s == ' ')
            continue;
        if (*s >= '0' && *s <= '9') {
            if (!o || out[o - 1] != '#')
                out[o++] = '#';
            continue;
        }
        out[o++] = *s;
    }
    out[o] = 0;
}

static int is_page_number(const char *text)
{
    static const char *const shapes[] = {
        "#", "-#-", "—#—", "－#－", "–#–", "第#页", "第#页共#页", "第#页，共#页", "第#页,共#页",
        "共#页第#页", "#/#", "第#页/共#页", "Page#", "Page#of#", "page#", "-#", "#-", "·#·",
    };
    char shape[96];
    shape_of(text, shape, sizeof shape);
    for (size_t k = 0; k < sizeof shapes / sizeof *shapes; k++)
        if (!strcmp(shape, shapes[k]))
            return 1;
    return 0;
}

/* Vertical distance from line i to its neighbour on the same page in direction dir (+1/-1). */
static float gap_to(pl_ctx *c, size_t i, int dir)
{
    pl_line *l = &c->lines[i];
    if ((dir < 0 && i == 0) || (dir > 0 && i + 1 >= c->nlines))
        return 1e9f;
    pl_line *m = &c->lines[dir > 0 ? i + 1 : i - 1];
    if (m->page != l->page)
        return 1e9f;
    return dir > 0 ? m->y0 - l->y1 : l->y0 - m->y1;
}

/* Drops up to two page-number lines at the edge of the page [a, b) given by dir. */
static void drop_numbers(pl_ctx *c, size_t a, size_t b, int dir)
{
    for (int k = 0; k < 2 && a < b; k++) {
        size_t i = dir > 0 ? a : b - 1;
        pl_line *l = &c->lines[i];
        int row_of_numbers = l->nnum > 1 && (size_t)l->nnum == l->nseg; /* a table row cut off by the break */
        if (gap_to(c, i, dir) < FURNITURE_GAP_EM * l->fs || row_of_numbers || !is_page_number(pl_line_text(c, l)))
            return;
        l->kind = PL_DROP;
        if (dir > 0)
            a++;
        else
            b--;
    }
}

/* Lines whose shape recurs at the same page edge on at least half the pages are running text. */
static void drop_running(pl_ctx *c, size_t *edge, int npages)
{
    char (*shape)[96] = malloc((size_t)npages * sizeof *shape);
    if (!shape)
        return;
    for (int p = 0; p < npages; p++)
        if (edge[p] != (size_t)-1)
            shape_of(pl_line_text(c, &c->lines[edge[p]]), shape[p], sizeof shape[p]);
    for (int p = 0; p < npages; p++) {
        if (edge[p] == (size_t)-1)
            continue;
        int same = 0;
        for (int q = 0; q < npages; q++)
            same += edge[q] != (size_t)-1 && !strcmp(shape[p], shape[q]);
        if (same >= 2 && same * 2 >= npages)
            c->lines[edge[p]].kind = PL_DROP;
    }
    free(shape);
}

void pl_drop_furniture(pl_ctx *c)
{
    if (!c->nlines)
        return;
    int npages = c->nlines ? c->lines[c->nlines - 1].page : 0;
    size_t *first = malloc(((size_t)npages + 1) * sizeof *first);
    size_t *last = malloc(((size_t)npages + 1) * sizeof *last);
    for (int p = 0; first && last && p <= npages; p++)
        first[p] = last[p] = (size_t)-1;
    for (size_t i = 0, a = 0; i <= c->nlines; i++) {
        if (i < c->nlines && c->lines[i].page == c->lines[a].page)
            continue;
        drop_numbers(c, a, i, +1);
        drop_numbers(c, a, i, -1);
        if (first && last && c->lines[a].page <= npages) {
            first[c->lines[a].page] = a;
            last[c->lines[a].page] = i - 1;
        }
        a = i;
    }
    if (first && last && npages >= 3 && npages <= 1000) {
        drop_running(c, first + 1, npages);
        drop_running(c, last + 1, npages);
    }
    free(first);
    free(last);
}

/* ---- margins and paragraphs ------------------------------------------------------------------- */

static int cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

static float median(float *v, size_t n, float dflt)
{
    if (!n)
        return dflt;
    qsort(v, n, sizeof *v, cmp_float);
    return v[n / 2];
}

void pl_margins(pl_ctx *c)
{
    size_t cap = c->nlines + 1, n = 0, ng = 0;
    float *x0 = malloc(cap * sizeof *x0), *x1 = malloc(cap * sizeof *x1);
    float *fs = malloc(cap * sizeof *fs), *gap = malloc(cap * sizeof *gap);
    c->left = 0;
    c->right = 1e9f;
    c->body_fs = 12;
    c->line_gap = 0;
    for (size_t i = 0; x0 && x1 && fs && gap && i < c->nlines; i++) {
        const pl_line *l = &c->lines[i];
        if (l->kind != PL_PROSE)
            continue;
        x0[n] = l->x0;
        x1[n] = l->x1;
        fs[n++] = l->fs;
        if (i && c->lines[i - 1].kind == PL_PROSE && c->lines[i - 1].page == l->page &&
            l->y0 > c->lines[i - 1].y1)
            gap[ng++] = l->y0 - c->lines[i - 1].y1;
    }
    if (n) {
        qsort(x0, n, sizeof *x0, cmp_float);
        qsort(x1, n, sizeof *x1, cmp_float);
        c->left = x0[n / 10];
        c->right = x1[n - 1 - n / 10];
        c->body_fs = median(fs, n, 12);
        c->line_gap = median(gap, ng, 0);
    }
    free(x0);
    free(x1);
    free(fs);
    free(gap);
}

/* True when line b continues the paragraph that line a wrapped: a full line above, no indent below,
 * the usual line gap; or two lines of one large centred title. */
static int continues_para(pl_ctx *c, const pl_line *a, pl_line *b, const char *btext)
{
    float fs = a->fs, gap = b->y0 - a->y1;
    float limit = PARA_GAP_EM * fs > c->line_gap * 1.3f ? PARA_GAP_EM * fs : c->line_gap * 1.3f;
    if (b->fs > fs * 1.15f || b->fs < fs * 0.87f || pl_heading_start(btext))
        return 0;
    if (b->page != a->page)
        return b->page == a->page + 1 && a->x1 >= c->right - PARA_FULL_EM * fs &&
               b->x0 <= c->left + PARA_INDENT_EM * fs;
    if (gap > limit)
        return 0;
    if (fs > c->body_fs * TITLE_EM && b->fs > fs - 0.5f && b->fs < fs + 0.5f && gap < fs)
        return 1;
    return a->x1 >= c->right - PARA_FULL_EM * fs && b->x0 <= c->left + PARA_INDENT_EM * fs;
}

static int flush_para(pl_ctx *c, nb_buf *p, const pl_line *first)
{
    if (!p->len)
        return 1;
    nb_block *b = pl_push(c);
    if (!b || p->oom)
        return 0;
    b->kind = NB_BLOCK_PARA;
    b->text = nb_doc_strdup(c->doc, p->ptr, p->len);
    b->box = (nb_box){first->page, first->x0, first->y0 - (float)first->page * PL_PAGE_Y, first->x1,
                      first->y1 - (float)first->page * PL_PAGE_Y};
    b->font_size = first->fs;
    nb_buf_clear(p);
    return b->text != NULL;
}

int pl_emit_paragraphs(pl_ctx *c, size_t from, size_t to)
{
    nb_buf p = NB_BUF_INIT;
    const pl_line *prev = NULL, *first = NULL;
    int ok = 1;
    for (size_t i = from; ok && i < to; i++) {
        pl_line *l = &c->lines[i];
        if (l->kind != PL_PROSE)
            continue;
        const char *t = pl_line_text(c, l);
        if (prev && !continues_para(c, prev, l, t)) {
            ok = flush_para(c, &p, first);
            prev = NULL;
        }
        if (!prev)
            first = l;
        else if (!pl_is_cjk_edge(nb_buf_cstr(&p), 1) && !pl_is_cjk_edge(t, 0))
            nb_buf_putc(&p, ' ');
        nb_buf_puts(&p, t);
        prev = l;
    }
    if (ok && first)
        ok = flush_para(c, &p, first);
    nb_buf_free(&p);
    return ok;
}
