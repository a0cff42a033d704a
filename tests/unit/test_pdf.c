/* test_pdf.c - the PDF layout pass on synthetic spans (lines, spacing, paragraphs, page numbers,
 * table rows rebuilt from geometry) and the poppler reader on a real corpus PDF. */
#include "extract.h"
#include "harness.h"
#include "layout.h"

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
    OK(d->blocks[0].kind == NB_BLOCK_SPAN && d->blocks[0].box.page == 1 && d->blocks[0].font_size > 0);
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

int main(void)
{
    test_lines_and_paragraphs();
    test_table_rows();
    test_centred_numbers();
    test_one_row_subtable();
    test_prose_after_table();
    test_real_pdf();
    DONE();
}
