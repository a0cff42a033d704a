/* test_pdf.c - the PDF layout pass on synthetic spans (lines, spacing, paragraphs, page numbers,
 * table rows rebuilt from geometry) and the poppler reader on a real corpus PDF. */
#include "extract.h"
#include "harness.h"
#include "layout.h"
#include "cli.h"

#include <cairo.h>
#include <unistd.h>

#include <stdint.h>
#include <stdlib.h>

static void span(nb_doc *d, int page, float x0, float y1, float w, const char *t)
{
    nb_block *b = nb_doc_add_text(d, NB_BLOCK_SPAN, t, strlen(t));
    b->box = (nb_box){page, x0, y1 - 10, x0 + w, y1};
    b->font_size = 10;
}

static const nb_block *nth(const nb_doc *d, nb_block_kind kind, int n)
{
    for (size_t i = 0; i < d->nblocks; i++)
        if (d->blocks[i].kind == kind && n-- == 0)
            return &d->blocks[i];
    return NULL;
}

static const char *cell(const nb_table *t, int r, int c)
{
    const nb_cell *x = nb_table_at(t, r, c);
    return x ? x->text : "(hole)";
}

static void test_lines_and_paragraphs(void)
{
    nb_doc *d = nb_doc_new(NB_FMT_PDF, NULL);
    nb_err err = {0};
    span(d, 1, 100, 100, 20, "2024");      /* "2024" then Han with a small gap: no space */
    span(d, 1, 122, 100, 380, "年我局认真落实条例规定全面推进");
    span(d, 1, 80, 114, 30, "政务");         /* wrapped line of the same paragraph */
    span(d, 1, 113, 114, 40, "annual");     /* Latin words: a real space */
    span(d, 1, 156, 114, 40, "report");
    span(d, 1, 100, 128, 200, "第二段开始。");  /* indented: a new paragraph */
    span(d, 1, 290, 800, 20, "-3-");        /* page number, far below the body */
    span(d, 2, 100, 100, 200, "第二页正文。");
    EQ_INT(nb_layout_pdf(d, &err), NB_OK);
    const nb_block *p0 = nth(d, NB_BLOCK_PARA, 0), *p1 = nth(d, NB_BLOCK_PARA, 1);
    EQ_STR(p0 ? p0->text : NULL, "2024年我局认真落实条例规定全面推进政务annual report");
    EQ_STR(p1 ? p1->text : NULL, "第二段开始。");
    int has_number = 0;
    for (size_t i = 0; i < d->nblocks; i++)
        has_number |= d->blocks[i].text && strstr(d->blocks[i].text, "-3-") != NULL;
    EQ_INT(has_number, 0);
    nb_doc_free(d);
}

/* A table: header, a label wrapped over two lines, a number wrapped in its cell (35 over 5),
 * a row whose last number drifted onto the next line. */
static void test_table_rows(void)
{
    nb_doc *d = nb_doc_new(NB_FMT_PDF, NULL);
    nb_err err = {0};
    span(d, 1, 60, 100, 400, "表格前的一段说明文字，写满一行为止，作为正文。");
    span(d, 1, 200, 130, 40, "自然人");
    span(d, 1, 260, 130, 40, "法人");
    span(d, 1, 320, 130, 40, "总计");
    span(d, 1, 60, 146, 100, "一、本年新收");
    span(d, 1, 200, 146, 12, "35");
    span(d, 1, 260, 146, 6, "0");
    span(d, 1, 320, 146, 12, "35");
    span(d, 1, 60, 158, 60, "申请数量");
    span(d, 1, 200, 158, 6, "5");
    span(d, 1, 320, 158, 6, "5");
    span(d, 1, 60, 176, 100, "二、上年结转");
    span(d, 1, 200, 176, 6, "1");
    span(d, 1, 260, 176, 6, "2");
    span(d, 1, 320, 182, 6, "3");            /* drifted below the row's line */
    span(d, 1, 60, 200, 100, "三、结转下年");
    span(d, 1, 200, 200, 6, "0");
    span(d, 1, 260, 200, 6, "0");
    span(d, 1, 320, 200, 6, "0");
    EQ_INT(nb_layout_pdf(d, &err), NB_OK);
    const nb_block *tb = nth(d, NB_BLOCK_TABLE, 0);
    OK(tb != NULL);
    if (!tb)
        goto out;
    const nb_table *t = tb->table;
    EQ_INT(t->nrows, 4);
    EQ_INT(t->ncols, 4);
    EQ_STR(cell(t, 0, 1), "自然人");
    EQ_STR(cell(t, 0, 3), "总计");
    EQ_STR(cell(t, 1, 0), "一、本年新收申请数量");
    EQ_STR(cell(t, 1, 1), "355");
    EQ_STR(cell(t, 1, 2), "0");
    EQ_STR(cell(t, 1, 3), "355");
    EQ_STR(cell(t, 2, 0), "二、上年结转");
    EQ_STR(cell(t, 2, 3), "3");
    EQ_STR(cell(t, 3, 0), "三、结转下年");
    EQ_STR(cell(t, 3, 1), "0");
out:
    nb_doc_free(d);
}

/* The table cell whose text is t, or NULL: searched in every TABLE block. */
static const nb_cell *find_cell(const nb_doc *d, const char *t, int *row)
{
    for (size_t i = 0; i < d->nblocks; i++) {
        const nb_table *tb = d->blocks[i].kind == NB_BLOCK_TABLE ? d->blocks[i].table : NULL;
        for (size_t k = 0; tb && k < tb->ncells; k++)
            if (tb->cells[k].text && !strcmp(tb->cells[k].text, t)) {
                *row = tb->cells[k].row;
                return &tb->cells[k];
            }
    }
    return NULL;
}

/* A row label wrapped over three lines with the row's numbers vertically centred on a line of
 * their own and the total top-aligned; then a label filling its cell with the first number set
 * right against it (或 3): one row each, the digit not in the label. */
static void test_centred_numbers(void)
{
    nb_doc *d = nb_doc_new(NB_FMT_PDF, NULL);
    nb_err err = {0};
    span(d, 1, 60, 100, 400, "表格前的一段说明文字，写满一行为止，作为正文。");
    span(d, 1, 200, 130, 40, "自然人");
    span(d, 1, 260, 130, 40, "法人");
    span(d, 1, 320, 130, 40, "总计");
    span(d, 1, 60, 146, 100, "一、本年新收");
    span(d, 1, 200, 146, 6, "1");
    span(d, 1, 260, 146, 6, "2");
    span(d, 1, 320, 146, 6, "3");
    span(d, 1, 60, 164, 130, "1.申请人无正当理由");
    span(d, 1, 320, 164, 6, "9");             /* total: top-aligned */
    span(d, 1, 60, 178, 130, "逾期不补正行政机关");
    span(d, 1, 200, 185, 6, "4");             /* the rest: centred, on a line of their own */
    span(d, 1, 260, 185, 6, "5");
    span(d, 1, 60, 192, 100, "不再处理其申请");
    span(d, 1, 60, 210, 136, "2.要求确认或");    /* ends 4 pt (0.4 em) before the number */
    span(d, 1, 200, 210, 6, "3");
    span(d, 1, 260, 210, 6, "0");
    span(d, 1, 320, 210, 6, "3");
    span(d, 1, 60, 224, 100, "重新出具信息");
    EQ_INT(nb_layout_pdf(d, &err), NB_OK);
    const nb_block *tb = nth(d, NB_BLOCK_TABLE, 0);
    OK(tb != NULL);
    if (!tb)
        goto out;
    const nb_table *t = tb->table;
    EQ_INT(t->nrows, 4);
    EQ_STR(cell(t, 2, 0), "1.申请人无正当理由逾期不补正行政机关不再处理其申请");
    EQ_STR(cell(t, 2, 1), "4");
    EQ_STR(cell(t, 2, 2), "5");
    EQ_STR(cell(t, 2, 3), "9");
    EQ_STR(cell(t, 3, 0), "2.要求确认或重新出具信息");
    EQ_STR(cell(t, 3, 1), "3");
    EQ_STR(cell(t, 3, 3), "3");
out:
    nb_doc_free(d);
}

/* A one-row sub-table opening the next page: its number stands closer to the label than a lone
 * number in prose would, but in the numeric column of the rows above: a table row, not prose. */
static void test_one_row_subtable(void)
{
    nb_doc *d = nb_doc_new(NB_FMT_PDF, NULL);
    nb_err err = {0};
    span(d, 1, 60, 100, 400, "表格前的一段说明文字，写满一行为止，作为正文。");
    span(d, 1, 60, 130, 40, "信息内容");
    span(d, 1, 200, 130, 80, "本年处理决定数量");
    span(d, 1, 60, 146, 40, "行政处罚");
    span(d, 1, 200, 146, 18, "696");
    span(d, 1, 60, 160, 40, "行政强制");
    span(d, 1, 200, 160, 6, "0");
    span(d, 2, 60, 100, 100, "第二十条第（八）项");
    span(d, 2, 60, 114, 40, "信息内容");
    span(d, 2, 200, 114, 60, "本年收费金额");
    span(d, 2, 60, 128, 130, "行政事业性收费");   /* 1 em before its number */
    span(d, 2, 200, 128, 6, "7");
    EQ_INT(nb_layout_pdf(d, &err), NB_OK);
    int row7 = -1, rowl = -2;
    OK(find_cell(d, "7", &row7) != NULL);
    OK(find_cell(d, "行政事业性收费", &rowl) != NULL);
    EQ_INT(row7, rowl);
    for (size_t i = 0; i < d->nblocks; i++)
        OK(d->blocks[i].kind != NB_BLOCK_PARA || !strstr(d->blocks[i].text, "行政事业性收费"));
    nb_doc_free(d);
}

/* A prose line right under a table, ending in a number set close after its last word: the number
 * is split off as a segment, but the line is still prose, not a row of the table. */
static void test_prose_after_table(void)
{
    nb_doc *d = nb_doc_new(NB_FMT_PDF, NULL);
    nb_err err = {0};
    span(d, 1, 60, 100, 400, "表格前的一段说明文字，写满一行为止，作为正文。");
    span(d, 1, 200, 130, 40, "自然人");
    span(d, 1, 260, 130, 40, "总计");
    span(d, 1, 60, 146, 100, "一、本年新收");
    span(d, 1, 200, 146, 6, "1");
    span(d, 1, 260, 146, 6, "1");
    span(d, 1, 60, 160, 390, "全年召开专题会议并组织业务培训，参加人数合计达到");
    span(d, 1, 454, 160, 12, "35");
    EQ_INT(nb_layout_pdf(d, &err), NB_OK);
    const nb_block *p = nth(d, NB_BLOCK_PARA, 1);
    EQ_STR(p ? p->text : NULL, "全年召开专题会议并组织业务培训，参加人数合计达到35");
    nb_doc_free(d);
}

static void test_real_pdf(void)
{
    nb_err err = {0};
    nb_doc *d = nb_extract_path("corpus/pdf/01_template_merged.pdf", &err);
    OK(d != NULL);
    if (!d)
        return;
    EQ_INT(d->format, NB_FMT_PDF);
    OK(d->npages >= 2);
    OK(d->nblocks > 50);
    OK(d->nblocks > 0 && d->blocks[0].kind == NB_BLOCK_SPAN && d->blocks[0].box.page == 1 &&
       d->blocks[0].font_size > 0);
    EQ_INT(nb_layout_pdf(d, &err), NB_OK);
    int tables = 0;
    for (size_t i = 0; i < d->nblocks; i++)
        tables += d->blocks[i].kind == NB_BLOCK_TABLE;
    OK(tables >= 3);
    nb_doc_free(d);
    d = nb_pdf_read("%PDF-1.4\ngarbage", 15, NULL, &err);
    OK(d == NULL && strstr(err.msg, "corrupt or truncated PDF"));
    d = nb_pdf_read("hello", 5, NULL, &err);
    OK(d == NULL && strstr(err.msg, "not a PDF"));
}

/* ---- the rule finder on a synthetic page image ---------------------------------------------------- */

static void hline(unsigned char *px, int w, int y, int x0, int x1)
{
    for (int x = x0; x <= x1; x++)
        px[y * w + x] = 0;
}

static void vline(unsigned char *px, int w, int x, int y0, int y1)
{
    for (int y = y0; y <= y1; y++)
        px[y * w + x] = 0;
}

static int count_rules(const nb_doc *d, int vertical)
{
    int n = 0;
    for (size_t i = 0; i < d->nblocks; i++) {
        const nb_box *b = &d->blocks[i].box;
        n += d->blocks[i].kind == NB_BLOCK_RULE && ((b->y1 - b->y0 > b->x1 - b->x0) == vertical);
    }
    return n;
}

static const nb_box *find_rule(const nb_doc *d, float x0, float y0, float x1, float y1)
{
    for (size_t i = 0; i < d->nblocks; i++) {
        const nb_box *b = &d->blocks[i].box;
        if (d->blocks[i].kind == NB_BLOCK_RULE && b->x0 - x0 < 1 && x0 - b->x0 < 1 && b->y0 - y0 < 1 &&
            y0 - b->y0 < 1 && b->x1 - x1 < 1 && x1 - b->x1 < 1 && b->y1 - y1 < 1 && y1 - b->y1 < 1)
            return b;
    }
    return NULL;
}

/* A 2 x 2 grid at 2 px/pt (lines 2 px thick, one with a 2 px break), a glyph-sized stroke in a cell, an
 * underline touching nothing, a filled block, and a bold glyph drawn inside a text span: 3 + 3 rules. */
static void test_rule_finder(void)
{
    enum { W = 400, H = 300 };
    static unsigned char px[W * H];
    memset(px, 255, sizeof px);
    for (int t = 0; t < 2; t++) {
        hline(px, W, 40 + t, 40, 360);
        hline(px, W, 120 + t, 40, 360);
        hline(px, W, 200 + t, 40, 360);
        vline(px, W, 40 + t, 40, 201);
        vline(px, W, 200 + t, 40, 201);
        vline(px, W, 360 + t, 40, 201);
    }
    for (int x = 120; x < 122; x++) /* a 2 px break in the top rule: joined */
        px[40 * W + x] = px[41 * W + x] = 255;
    hline(px, W, 80, 60, 70);          /* a glyph stroke: 5 pt */
    hline(px, W, 260, 40, 300);        /* an underline below the grid, touching no vertical rule */
    for (int y = 220; y < 250; y++)    /* a filled block: too thick */
        hline(px, W, y, 250, 390);
    for (int y = 10; y < 36; y++)      /* a big bold glyph inside a span: a vertical stroke 13 pt */
        vline(px, W, 100, y - 0, y);
    hline(px, W, 20, 80, 130);         /* ... and a horizontal one crossing it, 25 pt */
    nb_doc *d = nb_doc_new(NB_FMT_PDF, NULL);
    span(d, 1, 35, 19, 40, "标题");    /* box x 35..75, y 9..19 (pt): covers the glyph strokes */
    int n = nb_rules_from_grey(d, 1, px, W, H, W, 2.0);
    EQ_INT(n, 6);
    EQ_INT(count_rules(d, 0), 3);
    EQ_INT(count_rules(d, 1), 3);
    OK(find_rule(d, 20, 20, 181, 21) != NULL);   /* top rule, across the break */
    OK(find_rule(d, 100, 20, 101, 101) != NULL); /* middle vertical */
    for (size_t i = 0; i < d->nblocks; i++)
        OK(d->blocks[i].kind != NB_BLOCK_RULE || d->blocks[i].box.page == 1);
    nb_doc_free(d);
}

/* ---- lattice tables ---------------------------------------------------------------------------- */

static void rule(nb_doc *d, int page, float x0, float y0, float x1, float y1)
{
    nb_block *b = nb_doc_add_text(d, NB_BLOCK_RULE, "", 0);
    b->text = NULL;
    b->box = (nb_box){page, x0, y0, x1, y1};
}

static void hrule(nb_doc *d, int page, float y, float x0, float x1)
{
    rule(d, page, x0, y - 0.5f, x1, y + 0.5f);
}

static void vrule(nb_doc *d, int page, float x, float y0, float y1)
{
    rule(d, page, x - 0.5f, y0, x + 0.5f, y1);
}

/* A closed grid: a rule at each of ys[] across xs[0]..xs[nx-1], one at each of xs[] down ys[0]..ys[ny-1]. */
static void ruled_grid(nb_doc *d, int page, const float *ys, int ny, const float *xs, int nx)
{
    for (int i = 0; i < ny; i++)
        hrule(d, page, ys[i], xs[0], xs[nx - 1]);
    for (int i = 0; i < nx; i++)
        vrule(d, page, xs[i], ys[0], ys[ny - 1]);
}

static const nb_table *first_table(const nb_doc *d)
{
    const nb_block *b = nth(d, NB_BLOCK_TABLE, 0);
    return b ? b->table : NULL;
}

/* The example of pdf_lattice.c: a header cell over two columns, a group cell over two rows (no rule under
 * its first row), a label wrapped over two lines, "35" wrapped as 3 / 5 in a narrow cell, a header word
 * broken over lines; prose before and after stays prose, in order. */
static void test_lattice_grid(void)
{
    nb_doc *d = nb_doc_new(NB_FMT_PDF, NULL);
    nb_err err = {0};
    span(d, 1, 60, 80, 300, "表格前的一段正文。");
    span(d, 1, 62, 112, 80, "申请情况");
    span(d, 1, 221, 112, 9, "自然");  /* header word broken over two lines */
    span(d, 1, 221, 124, 5, "人");
    span(d, 1, 62, 146, 30, "（三）不");
    span(d, 1, 62, 158, 30, "予公开");
    span(d, 1, 112, 146, 60, "1.属于国家");
    span(d, 1, 112, 158, 20, "秘密");
    span(d, 1, 222, 146, 6, "3");
    span(d, 1, 222, 158, 6, "5");
    span(d, 1, 112, 190, 80, "2.其他法律");
    span(d, 1, 222, 190, 6, "0");
    span(d, 1, 60, 240, 300, "表格后的一段正文。");
    hrule(d, 1, 100, 60, 231);
    hrule(d, 1, 134, 60, 231);
    hrule(d, 1, 170, 110, 231); /* not under the group cell */
    hrule(d, 1, 200, 60, 231);
    vrule(d, 1, 60, 100, 200);
    vrule(d, 1, 110, 134, 200); /* not through the header cell */
    vrule(d, 1, 220, 100, 200);
    vrule(d, 1, 231, 100, 200);  /* a cell 11 pt wide: "35" (12 pt) does not fit on one line */
    EQ_INT(nb_layout_pdf(d, &err), NB_OK);
    const nb_table *t = first_table(d);
    OK(t != NULL);
    if (!t) {
        nb_doc_free(d);
        return;
    }
    EQ_INT(t->nrows, 3);
    EQ_INT(t->ncols, 3);
    EQ_STR(cell(t, 0, 0), "申请情况");
    const nb_cell *head = nb_table_at(t, 0, 1);
    EQ_INT(head ? head->colspan : 0, 2);
    EQ_STR(cell(t, 0, 2), "自然人");
    EQ_STR(cell(t, 1, 0), "（三）不予公开");
    EQ_STR(cell(t, 2, 0), "（三）不予公开");
    const nb_cell *group = nb_table_at(t, 1, 0);
    EQ_INT(group ? group->rowspan : 0, 2);
    EQ_STR(cell(t, 1, 1), "1.属于国家秘密");
    EQ_STR(cell(t, 1, 2), "35");
    EQ_STR(cell(t, 2, 1), "2.其他法律");
    EQ_STR(cell(t, 2, 2), "0");
    /* order: paragraph, table, paragraph */
    OK(d->nblocks == 3 && d->blocks[0].kind == NB_BLOCK_PARA && d->blocks[1].kind == NB_BLOCK_TABLE &&
       d->blocks[2].kind == NB_BLOCK_PARA);
    nb_doc_free(d);
}

/* Rules on only some sides (a label column outside the grid): the grid is not used, the alignment
 * path builds the table, and no span is lost. */
static void test_lattice_fallback(void)
{
    nb_doc *d = nb_doc_new(NB_FMT_PDF, NULL);
    nb_err err = {0};
    span(d, 1, 20, 112, 30, "自然人");
    span(d, 1, 120, 112, 20, "总计");
    span(d, 1, 20, 130, 50, "一、本年新收");
    span(d, 1, 120, 130, 10, "12");
    span(d, 1, 170, 130, 10, "12");
    span(d, 1, 20, 148, 50, "二、上年结转");
    span(d, 1, 120, 148, 10, "3");
    span(d, 1, 170, 148, 10, "3");
    ruled_grid(d, 1, (const float[]){118, 136, 154}, 3, (const float[]){110, 160, 200}, 3);
    EQ_INT(nb_layout_pdf(d, &err), NB_OK);
    const nb_table *t = first_table(d);
    OK(t != NULL);
    int found = 0;
    for (size_t i = 0; t && i < t->ncells; i++)
        found += !strcmp(t->cells[i].text, "一、本年新收") || !strcmp(t->cells[i].text, "3");
    EQ_INT(found, 3); /* the label (once) and both 3s are in the table */
    nb_doc_free(d);

    /* a span running over a rule into the next cell ("12 12" read as one run): no lattice table holds it */
    d = nb_doc_new(NB_FMT_PDF, NULL);
    span(d, 1, 62, 112, 40, "一、本年新收");
    span(d, 1, 62, 130, 40, "二、上年结转");
    span(d, 1, 150, 112, 80, "1212");
    span(d, 1, 150, 130, 10, "3");
    span(d, 1, 210, 130, 10, "3");
    ruled_grid(d, 1, (const float[]){100, 118, 136}, 3, (const float[]){60, 140, 200, 240}, 4);
    EQ_INT(nb_layout_pdf(d, &err), NB_OK);
    t = first_table(d);
    int lattice = 0;
    for (size_t i = 0; t && i < t->ncells; i++)
        lattice |= t->cells[i].box.page && t->cells[i].box.x0 == 140; /* a ruled cell starts at its rule */
    EQ_INT(lattice, 0);
    nb_doc_free(d);
}

/* A missed row rule: "13" over "3" in a cell wide enough for "133" is two numbers, not one: the ruled grid
 * is not used (no lattice cell holds "133"), the alignment method reads the rows. */
static void test_lattice_merged_rows(void)
{
    nb_doc *d = nb_doc_new(NB_FMT_PDF, NULL);
    nb_err err = {0};
    span(d, 1, 62, 112, 40, "一、本年新收");
    span(d, 1, 150, 112, 12, "13");
    span(d, 1, 210, 112, 12, "13");
    span(d, 1, 62, 126, 40, "二、上年结转");
    span(d, 1, 150, 126, 6, "3");
    span(d, 1, 210, 126, 6, "3");
    hrule(d, 1, 100, 60, 260); /* no rule between the two rows */
    hrule(d, 1, 136, 60, 260);
    vrule(d, 1, 60, 100, 136);
    vrule(d, 1, 140, 100, 136);
    vrule(d, 1, 200, 100, 136);
    vrule(d, 1, 260, 100, 136);
    EQ_INT(nb_layout_pdf(d, &err), NB_OK);
    int merged = 0;
    for (size_t i = 0; i < d->nblocks; i++)
        for (size_t k = 0; d->blocks[i].kind == NB_BLOCK_TABLE && k < d->blocks[i].table->ncells; k++)
            merged |= !strcmp(d->blocks[i].table->cells[k].text, "133");
    EQ_INT(merged, 0);
    nb_doc_free(d);

    /* a missed column rule: "12" and "3" side by side in one cell are two numbers, never 123 */
    d = nb_doc_new(NB_FMT_PDF, NULL);
    span(d, 1, 62, 112, 40, "一、本年新收");
    span(d, 1, 150, 112, 12, "12");
    span(d, 1, 210, 112, 6, "3");
    span(d, 1, 62, 130, 40, "二、上年结转");
    span(d, 1, 150, 130, 6, "4");
    span(d, 1, 210, 130, 6, "5");
    hrule(d, 1, 100, 60, 260);
    hrule(d, 1, 118, 60, 260);
    hrule(d, 1, 136, 60, 260);
    vrule(d, 1, 60, 100, 136);
    vrule(d, 1, 140, 100, 136); /* none between the two number columns */
    vrule(d, 1, 260, 100, 136);
    EQ_INT(nb_layout_pdf(d, &err), NB_OK);
    merged = 0;
    for (size_t i = 0; i < d->nblocks; i++)
        for (size_t k = 0; d->blocks[i].kind == NB_BLOCK_TABLE && k < d->blocks[i].table->ncells; k++)
            merged |= !strcmp(d->blocks[i].table->cells[k].text, "123") || !strcmp(d->blocks[i].table->cells[k].text, "45");
    EQ_INT(merged, 0);
    nb_doc_free(d);
}

/* The "looks like a table" test of extract/tablelike.c: prose with numbers one space from their words
 * and lone last lines is not a table; two rows of a table (label, then numbers a column apart) are. */
static void test_table_like(void)
{
    nb_doc *d = nb_doc_new(NB_FMT_PDF, NULL);
    for (int l = 0; l < 8; l++) { /* "全年主动公开信息 418 条，其中 9 条。": gaps of 2.5 pt (0.25 em) */
        float y = 100 + 14 * (float)l;
        span(d, 1, 60, y, 80, "全年主动公开信息");
        span(d, 1, 142.5f, y, 15, "418");
        span(d, 1, 160, y, 40, "条，其中");
        span(d, 1, 202.5f, y, 5, "9");
        span(d, 1, 210, y, 10, "条。");
        span(d, 1, 60, y + 7, 30, "时答复。"); /* a paragraph's last line: no left neighbour */
    }
    EQ_INT(nb_page_table_like(d, 0), 0);
    size_t first = d->nblocks;
    span(d, 2, 60, 100, 80, "一、本年新收");
    span(d, 2, 150, 100, 10, "30");
    span(d, 2, 180, 100, 10, "11");
    span(d, 2, 210, 100, 5, "7");
    EQ_INT(nb_page_table_like(d, first), 0); /* 3 cells: fewer than NB_RULE_PAGE_MIN_SET_APART */
    span(d, 2, 60, 120, 80, "二、上年结转");
    span(d, 2, 150, 120, 5, "1");
    EQ_INT(nb_page_table_like(d, first), 1);
    nb_doc_free(d);
}

/* Is there a ruled (lattice) cell starting at x0 holding text? (an alignment cell has no box page) */
static int lattice_cell(const nb_doc *d, float x0, const char *text)
{
    for (size_t i = 0; i < d->nblocks; i++)
        for (size_t k = 0; d->blocks[i].kind == NB_BLOCK_TABLE && k < d->blocks[i].table->ncells; k++) {
            const nb_cell *x = &d->blocks[i].table->cells[k];
            if (x->box.page && x->box.x0 == x0 && !strcmp(x->text, text))
                return 1;
        }
    return 0;
}

/* Two rows sharing one ruled band (the document drew no rule between them): the band is split at the
 * one free gap between the two lines of numbers, and the lattice reads both rows (step 5b). */
static void test_lattice_shared_band(void)
{
    nb_doc *d = nb_doc_new(NB_FMT_PDF, NULL);
    nb_err err = {0};
    span(d, 1, 62, 112, 40, "（一）予以公开");
    span(d, 1, 150, 112, 12, "13");
    span(d, 1, 210, 112, 6, "7");
    span(d, 1, 62, 126, 40, "（二）部分公开");
    span(d, 1, 62, 140, 40, "（区分处理的）");
    span(d, 1, 150, 133, 6, "3"); /* centred on the two-line label: it covers the gap between its lines */
    span(d, 1, 210, 133, 6, "1");
    span(d, 1, 62, 160, 40, "（三）不予公开");
    span(d, 1, 150, 160, 6, "2");
    span(d, 1, 210, 160, 6, "0");
    ruled_grid(d, 1, (const float[]){100, 146, 166}, 3, (const float[]){60, 140, 200, 260}, 4);
    EQ_INT(nb_layout_pdf(d, &err), NB_OK);
    const nb_table *t = first_table(d);
    EQ_INT(t ? t->nrows : 0, 3);
    EQ_INT(lattice_cell(d, 60, "（一）予以公开"), 1);
    EQ_INT(lattice_cell(d, 60, "（二）部分公开（区分处理的）"), 1);
    EQ_INT(lattice_cell(d, 140, "13") + lattice_cell(d, 140, "3") + lattice_cell(d, 200, "7") +
           lattice_cell(d, 200, "1"), 4);
    nb_doc_free(d);

    /* the second row's number on its label's second line: two free gaps between the lines of numbers
     * (which label line goes with which row is a guess), so the grid is not used */
    d = nb_doc_new(NB_FMT_PDF, NULL);
    span(d, 1, 62, 112, 40, "（一）予以公开");
    span(d, 1, 150, 112, 12, "13");
    span(d, 1, 62, 126, 40, "（二）部分公开");
    span(d, 1, 62, 140, 40, "（区分处理的）");
    span(d, 1, 150, 140, 6, "3");
    span(d, 1, 62, 160, 40, "（三）不予公开");
    span(d, 1, 150, 160, 6, "2");
    ruled_grid(d, 1, (const float[]){100, 146, 166}, 3, (const float[]){60, 140, 200}, 3);
    EQ_INT(nb_layout_pdf(d, &err), NB_OK);
    EQ_INT(lattice_cell(d, 140, "13") + lattice_cell(d, 140, "3") + lattice_cell(d, 140, "133"), 0);
    nb_doc_free(d);
}

/* A closing full-width quote whose box (an em wide, ink in its left third) ends past the cell's rule:
 * the grid is still used; a run of digits past the rule still makes it unusable (test_lattice_fallback). */
static void test_lattice_punct_overhang(void)
{
    nb_doc *d = nb_doc_new(NB_FMT_PDF, NULL);
    nb_err err = {0};
    span(d, 1, 62, 112, 80.5f, "3.危及“三安全一稳定”"); /* ends at 142.5, 2.5 pt past the rule */
    span(d, 1, 150, 112, 6, "1");
    span(d, 1, 62, 130, 40, "4.保护第三方");
    span(d, 1, 150, 130, 6, "0");
    ruled_grid(d, 1, (const float[]){100, 118, 136}, 3, (const float[]){60, 140, 200}, 3);
    EQ_INT(nb_layout_pdf(d, &err), NB_OK);
    EQ_INT(lattice_cell(d, 60, "3.危及“三安全一稳定”") + lattice_cell(d, 140, "1"), 2);
    nb_doc_free(d);

    d = nb_doc_new(NB_FMT_PDF, NULL); /* the same overhang without the mark: two cells' text run together */
    span(d, 1, 62, 112, 80.5f, "3.危及三安全一稳定");
    span(d, 1, 150, 112, 6, "1");
    span(d, 1, 62, 130, 40, "4.保护第三方");
    span(d, 1, 150, 130, 6, "0");
    ruled_grid(d, 1, (const float[]){100, 118, 136}, 3, (const float[]){60, 140, 200}, 3);
    EQ_INT(nb_layout_pdf(d, &err), NB_OK);
    EQ_INT(lattice_cell(d, 140, "1"), 0);
    nb_doc_free(d);
}

/* The rest of a header row broken by a page break, set low in its cells by LibreOffice: 持 is drawn
 * across the rule above the row of numbers, its centre below it. Words go with the cell of words above,
 * not into the number's cell; a number across a rule is never moved. */
static void test_lattice_word_over_rule(void)
{
    nb_doc *d = nb_doc_new(NB_FMT_PDF, NULL);
    nb_err err = {0};
    span(d, 1, 62, 112, 10, "维");
    span(d, 1, 62, 126, 10, "持");  /* box 116-126 over the rule at 120 (centre 121) */
    span(d, 1, 102, 112, 20, "纠正");
    span(d, 1, 142, 112, 20, "总计");
    span(d, 1, 62, 145, 6, "1");
    span(d, 1, 102, 145, 6, "3");
    span(d, 1, 142, 126, 6, "4"); /* a number across the same rule stays where its centre is */
    ruled_grid(d, 1, (const float[]){100, 120, 150}, 3, (const float[]){60, 100, 140, 180}, 4);
    EQ_INT(nb_layout_pdf(d, &err), NB_OK);
    const nb_table *t = first_table(d);
    OK(t != NULL);
    if (t) {
        EQ_STR(cell(t, 0, 0), "维持");
        EQ_STR(cell(t, 1, 0), "1");
        EQ_STR(cell(t, 1, 1), "3");
        EQ_STR(cell(t, 1, 2), "4");
    }
    nb_doc_free(d);
}

/* A header word set across two columns of the row below (法人或其他组织 over 商业 | 科研): on the page
 * image the column rule ran on up through a stroke of 法 to the top of the header row. The rule's end
 * inside the word is glyph ink: the header is one cell over both columns, not a run over a rule. */
static void test_lattice_rule_through_word(void)
{
    nb_doc *d = nb_doc_new(NB_FMT_PDF, NULL);
    nb_err err = {0};
    span(d, 1, 62, 115, 30, "情况");
    span(d, 1, 105, 117, 70, "法人或其他组织");   /* box 107-117, across x = 140 */
    span(d, 1, 62, 135, 30, "一、");
    span(d, 1, 102, 135, 20, "商业");
    span(d, 1, 142, 135, 20, "科研");
    span(d, 1, 62, 150, 30, "二、");
    span(d, 1, 102, 150, 6, "1");
    span(d, 1, 142, 150, 6, "2");
    ruled_grid(d, 1, (const float[]){100, 120, 138, 155}, 4, (const float[]){60, 100, 180}, 3);
    vrule(d, 1, 140, 106, 155); /* the column rule, run on from 120 up through the word */
    EQ_INT(nb_layout_pdf(d, &err), NB_OK);
    const nb_table *t = first_table(d);
    OK(t != NULL);
    if (t) {
        EQ_STR(cell(t, 0, 1), "法人或其他组织");
        const nb_cell *head = nb_table_at(t, 0, 1);
        EQ_INT(head ? head->colspan : 0, 2);
        EQ_STR(cell(t, 2, 2), "2");
    }
    nb_doc_free(d);
}

/* The last row of a table broken off by the page: a grid of two cells (行政事业性收费 | 1.5, its value cell
 * over three columns) opening the next page is the rest of the table, not a box; the same two cells
 * below three lines of text on that page are a box, not joined to the table. */
static void test_lattice_last_row_next_page(void)
{
    for (int boxed = 0; boxed < 2; boxed++) {
        nb_doc *d = nb_doc_new(NB_FMT_PDF, NULL);
        nb_err err = {0};
        static const char *const rows[3][4] = {{"信息内容", "本年制发", "本年废止", "现行有效"},
                                               {"规章", "1", "2", "3"},
                                               {"行政规范性文件", "4", "5", "6"}};
        for (int r = 0; r < 3; r++)
            for (int k = 0; k < 4; k++)
                span(d, 1, 62 + 50 * (float)k, 115 + 20 * (float)r, 40, rows[r][k]);
        ruled_grid(d, 1, (const float[]){100, 120, 140, 160}, 4, (const float[]){60, 110, 160, 210, 260}, 5);
        float top = boxed ? 140 : 80;
        for (int k = 0; boxed && k < 3; k++)
            span(d, 2, 60, 80 + 16 * (float)k, 200, "正文一行，正文一行。");
        span(d, 2, 62, top + 15, 45, "行政事业性收费");
        span(d, 2, 112, top + 15, 12, "1.5");
        ruled_grid(d, 2, (const float[]){top, top + 20}, 2, (const float[]){60, 110, 260}, 3);
        EQ_INT(nb_layout_pdf(d, &err), NB_OK);
        const nb_table *t = first_table(d);
        OK(t != NULL);
        EQ_INT(t ? t->nrows : 0, boxed ? 3 : 4);
        if (t && !boxed) {
            EQ_STR(cell(t, 3, 0), "行政事业性收费");
            EQ_STR(cell(t, 3, 1), "1.5");
        }
        OK(boxed || nth(d, NB_BLOCK_TABLE, 1) == NULL); /* joined: no second table */
        nb_doc_free(d);
    }
}

/* A table continued on the next page with a repeated header row, a page number between, and its group
 * label split by the break: one table, the group one cell over the rows of both pages. */
static void test_lattice_page_break(void)
{
    nb_doc *d = nb_doc_new(NB_FMT_PDF, NULL);
    nb_err err = {0};
    static const char *const group[2] = {"（四）无", "法提供"}, *const label[2][2] = {
        {"1.本机关不掌握", "2.没有现成信息"}, {"3.补正后", "4.其他"}};
    static const char *const num[2][2] = {{"7", "1"}, {"3", "2"}};
    for (int p = 1; p <= 2; p++) { /* as the reader emits them: a page's spans, then its rules */
        span(d, p, 112, 112, 40, "情形");
        span(d, p, 222, 112, 12, "总计");
        span(d, p, 62, 140, 30, group[p - 1]);
        for (int r = 0; r < 2; r++) {
            span(d, p, 112, 140 + 30 * (float)r, 80, label[p - 1][r]);
            span(d, p, 222, 140 + 30 * (float)r, 6, num[p - 1][r]);
        }
        if (p == 1)
            span(d, p, 290, 800, 20, "-1-");
        hrule(d, p, 100, 60, 260);
        hrule(d, p, 120, 60, 260);
        hrule(d, p, 150, 110, 260);
        hrule(d, p, 180, 60, 260);
        vrule(d, p, 60, 100, 180);
        vrule(d, p, 110, 100, 180);
        vrule(d, p, 220, 100, 180);
        vrule(d, p, 260, 100, 180);
    }
    EQ_INT(nb_layout_pdf(d, &err), NB_OK);
    const nb_table *t = first_table(d);
    OK(t != NULL);
    OK(nth(d, NB_BLOCK_TABLE, 1) == NULL);
    if (!t) {
        nb_doc_free(d);
        return;
    }
    EQ_INT(t->nrows, 5);
    EQ_STR(cell(t, 0, 1), "情形");
    EQ_STR(cell(t, 1, 0), "（四）无法提供");
    const nb_cell *g = nb_table_at(t, 1, 0);
    EQ_INT(g ? g->rowspan : 0, 4);
    EQ_STR(cell(t, 3, 1), "3.补正后");
    EQ_STR(cell(t, 3, 2), "3");
    EQ_STR(cell(t, 4, 2), "2");
    nb_doc_free(d);

    /* the same two pages with a section heading above the second table: two tables */
    d = nb_doc_new(NB_FMT_PDF, NULL);
    for (int p = 1; p <= 2; p++) {
        if (p == 2)
            span(d, p, 60, 80, 200, "三、收到和处理政府信息公开申请情况");
        span(d, p, 112, 112, 40, "情形");
        span(d, p, 222, 112, 12, "总计");
        span(d, p, 112, 140, 80, label[p - 1][0]);
        span(d, p, 222, 140, 6, num[p - 1][0]);
        hrule(d, p, 100, 60, 260);
        hrule(d, p, 120, 60, 260);
        hrule(d, p, 150, 60, 260);
        vrule(d, p, 60, 100, 150);
        vrule(d, p, 110, 100, 150);
        vrule(d, p, 220, 100, 150);
        vrule(d, p, 260, 100, 150);
    }
    EQ_INT(nb_layout_pdf(d, &err), NB_OK);
    OK(nth(d, NB_BLOCK_TABLE, 1) != NULL);
    nb_doc_free(d);
}

/* nianbao debug on a ruled corpus PDF: one PNG per page, of the page's size at 2 px/pt, and the pixel
 * under the middle of every rule found on page 2 drawn in the rule colour. */
static void test_debug_pictures(void)
{
    const char *pdf = "corpus/pdf/20_wps_filled_rules.pdf";
    char dir[] = "/tmp/nb_debug_XXXXXX";
    OK(mkdtemp(dir) != NULL);
    nb_err err = {0};
    EQ_INT(nb_debug_pdf(pdf, dir, &err), 4);
    char path[256];
    snprintf(path, sizeof path, "%s/page-2.png", dir);
    cairo_surface_t *sf = cairo_image_surface_create_from_png(path);
    OK(cairo_surface_status(sf) == CAIRO_STATUS_SUCCESS);
    EQ_INT(cairo_image_surface_get_width(sf), 1191);  /* A4: 595.28 x 841.89 pt */
    EQ_INT(cairo_image_surface_get_height(sf), 1684);
    nb_doc *d = nb_extract_path(pdf, &err);
    int checked = 0, red = 0;
    const unsigned char *px = cairo_image_surface_get_data(sf);
    int stride = cairo_image_surface_get_stride(sf);
    for (size_t i = 0; d && px && i < d->nblocks; i++) {
        const nb_block *b = &d->blocks[i];
        if (b->kind != NB_BLOCK_RULE || b->box.page != 2)
            continue;
        /* the rule's centre, at 2 px/pt */
        int x = (int)((b->box.x0 + b->box.x1) / 2 * 2), y = (int)((b->box.y0 + b->box.y1) / 2 * 2);
        uint32_t v = *(const uint32_t *)(const void *)(px + (size_t)y * (size_t)stride + (size_t)x * 4);
        checked++;
        red += (v & 0xFFFFFFu) == NB_DEBUG_RULE_RGB;
    }
    OK(checked > 20);
    EQ_INT(red, checked);
    cairo_surface_destroy(sf);
    nb_doc_free(d);
    for (int p = 1; p <= 4; p++) {
        snprintf(path, sizeof path, "%s/page-%d.png", dir, p);
        OK(access(path, R_OK) == 0);
        unlink(path);
    }
    rmdir(dir);
    EQ_INT(nb_debug_pdf("corpus/docx/01_template_merged.docx", "/tmp", &err), -1);
    OK(strstr(err.msg, "PDF pages only") != NULL);
}

/* A table cut by the page's side (a web page printed by chromium): its horizontal rules run on past the
 * last vertical rule over a column whose right rule was cut off; that column is the grid's last, its
 * header cell merged with the one to its left as drawn (no rule between them in the header row). */
static void test_lattice_open_side(void)
{
    nb_doc *d = nb_doc_new(NB_FMT_PDF, NULL);
    nb_err err = {0};
    span(d, 1, 62, 115, 40, "行政复议");
    span(d, 1, 130, 115, 40, "行政诉讼");
    static const char *const nums[3] = {"3", "0", "4"};
    for (int k = 0; k < 3; k++)
        span(d, 1, 82 + 50 * (float)k, 135, 6, nums[k]);
    for (int y = 100; y <= 140; y += 20)
        hrule(d, 1, (float)y, 60, 210);
    vrule(d, 1, 60, 100, 140);
    vrule(d, 1, 110, 100, 140);
    vrule(d, 1, 160, 120, 140); /* not through the header row; none at 210 */
    EQ_INT(nb_layout_pdf(d, &err), NB_OK);
    const nb_table *t = first_table(d);
    OK(t != NULL);
    EQ_INT(t ? t->ncols : 0, 3);
    if (t) {
        const nb_cell *head = nb_table_at(t, 0, 1);
        EQ_INT(head ? head->colspan : 0, 2);
        EQ_STR(cell(t, 0, 1), "行政诉讼");
        EQ_STR(cell(t, 1, 2), "4");
    }
    nb_doc_free(d);
}

int main(void)
{
    test_lines_and_paragraphs();
    test_table_rows();
    test_centred_numbers();
    test_one_row_subtable();
    test_prose_after_table();
    test_real_pdf();
    test_rule_finder();
    test_lattice_grid();
    test_lattice_fallback();
    test_lattice_word_over_rule();
    test_lattice_rule_through_word();
    test_lattice_last_row_next_page();
    test_lattice_page_break();
    test_lattice_open_side();
    test_lattice_merged_rows();
    test_lattice_shared_band();
    test_table_like();
    test_lattice_punct_overhang();
    test_debug_pictures();
    DONE();
}
