/* docx_body.c - word/document.xml as events: runs into paragraph text the way Word shows it
 * (fields, deletions, hidden text, text boxes), headings and list numbers, tables into span grids. */
#include "docx_internal.h"

#include <stdlib.h>
#include <string.h>

#define PARA_NEST 8   /* paragraphs open at once (text boxes in paragraphs); deeper ones merge */
#define FIELD_NEST 64 /* nested fields whose phase is tracked; deeper ones only counted */

typedef enum {
    E_OTHER, E_SKIP, E_P, E_PPR, E_PSTYLE, E_NUMPR, E_ILVL, E_NUMID, E_OUTLINE, E_PBB, E_SECTPR,
    E_R, E_RPR, E_B, E_VANISH, E_T, E_TAB, E_BR, E_CR, E_SYM, E_NBH, E_FLDCHAR, E_TBL, E_TR,
    E_TC, E_TRPR, E_TCPR, E_GRIDBEFORE, E_GRIDSPAN, E_VMERGE, E_HMERGE, E_NELEM
} elem;

/* w: elements the reader acts on, sorted by strcmp for bsearch. E_SKIP marks subtrees Word does not
 * show as body text (deletions, field codes, ruby guides, property-change history, ...). */
static const struct {
    const char *name;
    elem e;
} w_elems[] = {
    {"b", E_B}, {"br", E_BR}, {"cr", E_CR}, {"del", E_SKIP}, {"delText", E_SKIP},
    {"fldChar", E_FLDCHAR}, {"fldData", E_SKIP}, {"gridBefore", E_GRIDBEFORE},
    {"gridSpan", E_GRIDSPAN}, {"hMerge", E_HMERGE}, {"ilvl", E_ILVL}, {"instrText", E_SKIP},
    {"moveFrom", E_SKIP}, {"noBreakHyphen", E_NBH}, {"numId", E_NUMID}, {"numPr", E_NUMPR},
    {"numberingChange", E_SKIP}, {"object", E_SKIP}, {"outlineLvl", E_OUTLINE}, {"p", E_P},
    {"pPr", E_PPR}, {"pPrChange", E_SKIP}, {"pStyle", E_PSTYLE}, {"pageBreakBefore", E_PBB},
    {"ptab", E_TAB}, {"r", E_R}, {"rPr", E_RPR}, {"rPrChange", E_SKIP}, {"rt", E_SKIP},
    {"sdtEndPr", E_SKIP}, {"sdtPr", E_SKIP}, {"sectPr", E_SECTPR}, {"sectPrChange", E_SKIP},
    {"sym", E_SYM}, {"t", E_T}, {"tab", E_TAB}, {"tbl", E_TBL}, {"tblGrid", E_SKIP},
    {"tblPr", E_SKIP}, {"tblPrChange", E_SKIP}, {"tc", E_TC}, {"tcPr", E_TCPR},
    {"tcPrChange", E_SKIP}, {"tr", E_TR}, {"trPr", E_TRPR}, {"trPrChange", E_SKIP},
    {"vMerge", E_VMERGE}, {"vanish", E_VANISH},
};

static elem classify(dx_ns ns, const char *name)
{
    if (ns == DX_NS_W) {
        size_t lo = 0, hi = sizeof w_elems / sizeof w_elems[0];
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            int c = strcmp(name, w_elems[mid].name);
            if (!c)
                return w_elems[mid].e;
            if (c < 0)
                hi = mid;
            else
                lo = mid + 1;
        }
    } else if (ns == DX_NS_MC) {
        return strcmp(name, "Fallback") ? E_OTHER : E_SKIP; /* the Choice holds the same text */
    } else if (ns == DX_NS_M) {
        return strcmp(name, "t") ? E_OTHER : E_T; /* equation text */
    }
    return E_OTHER;
}

typedef struct {
    nb_buf text, deferred; /* deferred: text-box paragraphs, records "<level><flags><text>\0" */
    char style[64];
    int numid, ilvl, outline, sect;
    unsigned flags, nbold, nplain;
} para;

struct dx_body {
    nb_doc *doc;
    const dx_styles *styles;
    dx_numbering *num;
    elem stack[NB_MAX_XML_DEPTH + 2];
    int depth, skip; /* skip: depth of the subtree being ignored, 0 when none */
    para p[PARA_NEST];
    int np, overflow;
    int run_bold, run_hidden;
    int fld_n, fld_hidden;
    unsigned char fld_instr[FIELD_NEST];
    int tbl_depth, in_cell, span;
    dx_grid *grid;
    dx_merge vm, hm;
    nb_buf cell, line;
    unsigned pending; /* flags for the next block (a page or section break met) */
};

dx_body *dx_body_new(nb_doc *doc, const dx_styles *styles, dx_numbering *num)
{
    dx_body *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->doc = doc;
    b->styles = styles;
    b->num = num;
    return b;
}

void dx_body_free(dx_body *b)
{
    if (!b)
        return;
    for (int i = 0; i < PARA_NEST; i++) {
        nb_buf_free(&b->p[i].text);
        nb_buf_free(&b->p[i].deferred);
    }
    nb_buf_free(&b->cell);
    nb_buf_free(&b->line);
    dx_grid_end(b->grid);
    free(b);
}

static int off(const dx_attrs *a)
{
    char v[16];
    return dx_attr(a, "val", v, sizeof v) &&
           (!strcmp(v, "0") || !strcmp(v, "false") || !strcmp(v, "off"));
}

static para *cur(dx_body *b) { return b->np ? &b->p[b->np - 1] : NULL; }

static int hidden(dx_body *b) { return b->fld_hidden > 0 || b->run_hidden || !b->np; }

static void put_text(dx_body *b, const char *s, size_t n)
{
    if (hidden(b))
        return;
    para *p = cur(b);
    nb_buf_put(&p->text, s, n);
    if (b->run_bold)
        p->nbold++;
    else
        p->nplain++;
}

/* ---- where a finished paragraph goes: the anchoring paragraph, a table cell, the body ---- */
static void emit(dx_body *b, int k, int level, unsigned flags, const char *s, size_t n)
{
    if (k > 0) {
        nb_buf *d = &b->p[k - 1].deferred;
        if (n) {
            nb_buf_putc(d, (char)(level + 1));
            nb_buf_putc(d, (char)(flags + 1));
            nb_buf_put(d, s, n);
            nb_buf_put(d, "", 1);
        }
    } else if (b->in_cell) {
        if (n && b->cell.len)
            nb_buf_putc(&b->cell, '\n');
        nb_buf_put(&b->cell, s, n);
    } else if (!n) {
        b->pending |= flags & NB_BF_PAGEBREAK; /* an empty page-break paragraph marks the next */
    } else {
        nb_block *bl = nb_doc_add_text(b->doc, NB_BLOCK_PARA, s, n);
        if (bl) {
            bl->level = level;
            bl->flags = flags | b->pending;
            b->pending = 0;
        }
    }
}

static void flush_deferred(dx_body *b, int k)
{
    nb_buf *d = &b->p[k].deferred;
    for (size_t i = 0; i + 2 < d->len;) {
        const char *s = d->ptr + i + 2;
        size_t n = strlen(s);
        emit(b, k, (unsigned char)d->ptr[i] - 1, (unsigned char)d->ptr[i + 1] - 1u, s, n);
        i += n + 3;
    }
    nb_buf_clear(d);
}

static void para_begin(dx_body *b)
{
    if (b->np == PARA_NEST) {
        b->overflow++;
        return;
    }
    para *p = &b->p[b->np++];
    nb_buf_clear(&p->text);
    nb_buf_clear(&p->deferred);
    p->style[0] = 0;
    p->numid = p->ilvl = p->outline = -1;
    p->sect = 0;
    p->flags = p->nbold = p->nplain = 0;
}

static void para_finish(dx_body *b)
{
    if (b->overflow) {
        b->overflow--;
        nb_buf_putc(&cur(b)->text, '\n');
        return;
    }
    int k = b->np - 1;
    para *p = &b->p[k];
    dx_pstyle st;
    dx_styles_get(b->styles, p->style, &st);
    int outline = p->outline >= 0 ? p->outline : st.outline;
    int numid = p->numid >= 0 ? p->numid : st.numid;
    int ilvl = p->ilvl >= 0 ? p->ilvl : p->numid >= 0 ? 0 : st.ilvl;
    nb_buf_clear(&b->line);
    if (numid > 0)
        dx_numbering_next(b->num, numid, ilvl, p->style, &b->line);
    nb_buf_put(&b->line, p->text.ptr, p->text.len);
    unsigned flags = p->flags | (p->nbold && !p->nplain ? NB_BF_BOLD : 0);
    emit(b, k, outline >= 0 && outline <= 8 ? outline + 1 : 0, flags, nb_buf_cstr(&b->line),
         b->line.len);
    flush_deferred(b, k);
    if (p->sect)
        b->pending |= NB_BF_PAGEBREAK;
    b->np--;
}

/* ---- element handlers, indexed by elem ------------------------------------------------- */
typedef struct {
    dx_body *b;
    elem parent, grand;
    const dx_attrs *a;
} ev;

static void on_p(ev *e) { para_begin(e->b); }

static void on_ppr_child(ev *e, elem self)
{
    para *p = cur(e->b);
    if (!p || e->parent != (self == E_ILVL || self == E_NUMID ? E_NUMPR : E_PPR))
        return;
    if (self == E_PSTYLE)
        dx_attr(e->a, "val", p->style, sizeof p->style);
    else if (self == E_ILVL)
        p->ilvl = (int)dx_attr_int(e->a, "val", 0, 8, 0); /* OOXML has levels 0..8 */
    else if (self == E_NUMID)
        p->numid = (int)dx_attr_int(e->a, "val", -1, DX_ID_MAX, 0);
    else if (self == E_OUTLINE)
        p->outline = (int)dx_attr_int(e->a, "val", 0, 9, 9); /* 9 = body text */
    else if (self == E_PBB && !off(e->a))
        p->flags |= NB_BF_PAGEBREAK;
}
static void on_pstyle(ev *e) { on_ppr_child(e, E_PSTYLE); }
static void on_ilvl(ev *e) { on_ppr_child(e, E_ILVL); }
static void on_numid(ev *e) { on_ppr_child(e, E_NUMID); }
static void on_outline(ev *e) { on_ppr_child(e, E_OUTLINE); }
static void on_pbb(ev *e) { on_ppr_child(e, E_PBB); }

static void on_sectpr(ev *e)
{
    if (e->parent == E_PPR && cur(e->b))
        cur(e->b)->sect = 1; /* this paragraph ends a section: the next block starts a new one */
    e->b->skip = e->b->depth;
}

static void on_r(ev *e) { e->b->run_bold = e->b->run_hidden = 0; }

static void on_b(ev *e)
{
    if (e->parent == E_RPR && e->grand == E_R)
        e->b->run_bold = !off(e->a);
}

static void on_vanish(ev *e)
{
    if (e->parent == E_RPR && e->grand == E_R)
        e->b->run_hidden = !off(e->a);
}

static void on_tab(ev *e)
{
    if (e->parent == E_R)
        put_text(e->b, "\t", 1);
}

static void on_br(ev *e)
{
    char type[16] = "";
    if (e->parent != E_R)
        return;
    dx_attr(e->a, "type", type, sizeof type);
    para *p = cur(e->b);
    if (strcmp(type, "page") != 0)
        put_text(e->b, "\n", 1);
    else if (p && !p->text.len)
        p->flags |= NB_BF_PAGEBREAK;
    else
        e->b->pending |= NB_BF_PAGEBREAK;
}

static void on_cr(ev *e)
{
    if (e->parent == E_R)
        put_text(e->b, "\n", 1);
}

static void on_sym(ev *e)
{
    char hex[16], u[4];
    if (e->parent != E_R || !dx_attr(e->a, "char", hex, sizeof hex))
        return;
    char *end;
    unsigned long cp = strtoul(hex, &end, 16); /* ULONG_MAX when too long: rejected below */
    if (end == hex || *end)
        return;
    if (cp >= 0xF000 && cp <= 0xF0FF)
        cp -= 0xF000; /* symbol-font private-use range */
    if (cp >= 0x20 && nb_cp_valid(cp)) /* never a surrogate (D800) or past U+10FFFF */
        put_text(e->b, u, (size_t)nb_utf8_encode((unsigned)cp, u));
}

static void on_nbh(ev *e)
{
    if (e->parent == E_R)
        put_text(e->b, "-", 1);
}

/* Field codes: text between begin and separate is the instruction, after it the result. */
static void on_fldchar(ev *e)
{
    dx_body *b = e->b;
    char type[16] = "";
    dx_attr(e->a, "fldCharType", type, sizeof type);
    int top = b->fld_n - 1;
    int tracked = top >= 0 && top < FIELD_NEST;
    if (!strcmp(type, "begin")) {
        if (b->fld_n < FIELD_NEST)
            b->fld_instr[b->fld_n] = 1;
        b->fld_n++;
        b->fld_hidden++;
    } else if (!strcmp(type, "separate") && tracked && b->fld_instr[top]) {
        b->fld_instr[top] = 0;
        b->fld_hidden--;
    } else if (!strcmp(type, "end") && b->fld_n > 0) {
        if (!tracked || b->fld_instr[top])
            b->fld_hidden--;
        b->fld_n--;
    }
}

static int grid_level(dx_body *b) { return b->grid && b->tbl_depth == 1; }

static void on_tbl(ev *e)
{
    dx_body *b = e->b;
    if (b->tbl_depth++ == 0 && b->np == 0) {
        b->grid = dx_grid_new(b->doc);
        if (b->grid && b->doc->nblocks) {
            b->doc->blocks[b->doc->nblocks - 1].flags |= b->pending;
            b->pending = 0;
        }
    }
}

static void on_tr(ev *e)
{
    if (grid_level(e->b))
        dx_grid_row(e->b->grid);
}

static void on_tc(ev *e)
{
    dx_body *b = e->b;
    if (!grid_level(b))
        return;
    b->in_cell = 1;
    b->span = 1;
    b->vm = b->hm = DX_MERGE_NONE;
    nb_buf_clear(&b->cell);
}

static dx_merge merge_val(const dx_attrs *a)
{
    char v[16] = "continue"; /* an absent w:val means continue */
    dx_attr(a, "val", v, sizeof v);
    return !strcmp(v, "restart") ? DX_MERGE_RESTART : DX_MERGE_CONTINUE;
}

static void on_tcpr_child(ev *e)
{
    dx_body *b = e->b;
    if (!grid_level(b) || e->parent == E_OTHER)
        return;
    elem self = b->stack[b->depth];
    if (self == E_GRIDBEFORE && e->parent == E_TRPR)
        dx_grid_skip(b->grid, (int)dx_attr_int(e->a, "val", 0, NB_MAX_TABLE_DIM, 0));
    else if (self == E_GRIDSPAN && e->parent == E_TCPR)
        b->span = (int)dx_attr_int(e->a, "val", 1, NB_MAX_TABLE_DIM, 1);
    else if (self == E_VMERGE && e->parent == E_TCPR)
        b->vm = merge_val(e->a);
    else if (self == E_HMERGE && e->parent == E_TCPR)
        b->hm = merge_val(e->a);
}

static void on_skip(ev *e) { e->b->skip = e->b->depth; }

static void (*const start_fn[E_NELEM])(ev *) = {
    [E_SKIP] = on_skip, [E_P] = on_p, [E_PSTYLE] = on_pstyle, [E_ILVL] = on_ilvl,
    [E_NUMID] = on_numid, [E_OUTLINE] = on_outline, [E_PBB] = on_pbb, [E_SECTPR] = on_sectpr,
    [E_R] = on_r, [E_B] = on_b, [E_VANISH] = on_vanish, [E_TAB] = on_tab, [E_BR] = on_br,
    [E_CR] = on_cr, [E_SYM] = on_sym, [E_NBH] = on_nbh, [E_FLDCHAR] = on_fldchar,
    [E_TBL] = on_tbl, [E_TR] = on_tr, [E_TC] = on_tc, [E_GRIDBEFORE] = on_tcpr_child,
    [E_GRIDSPAN] = on_tcpr_child, [E_VMERGE] = on_tcpr_child, [E_HMERGE] = on_tcpr_child,
};

static void body_start(void *ctx, int depth, dx_ns ns, const char *name, const dx_attrs *a)
{
    dx_body *b = ctx;
    b->depth = depth;
    if (b->skip)
        return;
    elem self = classify(ns, name);
    b->stack[depth] = self;
    ev e = {b, depth > 1 ? b->stack[depth - 1] : E_OTHER, depth > 2 ? b->stack[depth - 2] : E_OTHER,
            a};
    if (start_fn[self])
        start_fn[self](&e);
}

static void end_cell(dx_body *b)
{
    if (!grid_level(b) || !b->in_cell)
        return;
    dx_grid_cell(b->grid, b->span, b->vm, b->hm, nb_buf_cstr(&b->cell), b->cell.len);
    b->in_cell = 0;
}

static void end_tbl(dx_body *b)
{
    if (b->tbl_depth == 1 && b->grid) {
        dx_grid_end(b->grid);
        b->grid = NULL;
    }
    if (b->tbl_depth > 0)
        b->tbl_depth--;
}

static void body_end(void *ctx, int depth, dx_ns ns, const char *name)
{
    dx_body *b = ctx;
    (void)ns, (void)name;
    b->depth = depth - 1;
    if (b->skip) {
        if (depth == b->skip)
            b->skip = 0;
        return;
    }
    switch (b->stack[depth]) {
    case E_P: if (b->np) para_finish(b); break;
    case E_R: b->run_bold = b->run_hidden = 0; break;
    case E_TC: end_cell(b); break;
    case E_TBL: end_tbl(b); break;
    default: break;
    }
}

static void body_text(void *ctx, const char *s, size_t len)
{
    dx_body *b = ctx;
    if (!b->skip && b->stack[b->depth] == E_T)
        put_text(b, s, len);
}

void dx_body_sink(dx_body *b, dx_sink *out)
{
    dx_sink k = {body_start, body_end, body_text, b};
    *out = k;
}

nb_code dx_body_finish(dx_body *b, nb_err *err)
{
    while (b->np)
        para_finish(b); /* only a truncated part leaves paragraphs open; the parser said so */
    dx_grid_end(b->grid);
    b->grid = NULL;
    int oom = b->cell.oom || b->line.oom;
    for (int i = 0; i < PARA_NEST; i++)
        oom |= b->p[i].text.oom | b->p[i].deferred.oom;
    return oom ? nb_err_set(err, NB_ENOMEM, "out of memory reading the document") : NB_OK;
}
