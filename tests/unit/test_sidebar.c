/* test_sidebar.c - a browser print's navigation column beside the article (layout/pdf_sidebar.c):
 * dropped where its links share heights with the article; kept when it is a table's label column,
 * a second column of prose, or when the page has no sentence to place the article. */
#include "harness.h"
#include "pdf_layout.h"

#define MAX_SPANS 16

typedef struct {
    nb_block b[MAX_SPANS];
    nb_block *p[MAX_SPANS];
    size_t n;
} page;

static void span(page *pg, const char *text, float x0, float y0, float x1, float y1)
{
    nb_block *b = &pg->b[pg->n];
    memset(b, 0, sizeof *b);
    b->kind = NB_BLOCK_SPAN;
    b->text = text;
    b->box = (nb_box){1, x0, y0, x1, y1};
    b->font_size = 10;
    pg->p[pg->n] = b;
    pg->n++;
}

/* The 34_chromium_portal layout: title and sentences from x 208, links at x 58-142 beside them. */
static void portal(page *pg, const char *link3, const char *right3)
{
    memset(pg, 0, sizeof *pg);
    span(pg, "12/2/26, 11:23 AM", 24, 15, 98, 24);               /* the browser's header */
    span(pg, "常州市某镇人民政府2024年政府信息公开", 211, 158, 580, 200);
    span(pg, "政府信息公开指南", 58, 164, 142, 191);
    span(pg, "法定主动公开内容", 58, 201, 142, 229);
    span(pg, "工作年度报告", 346, 187, 445, 230);
    span(pg, link3, 58, 231, 142, 247);
    span(pg, right3, 229, 231, 575, 258);
    span(pg, "办公厅政府信息与政务公开办公室，关于印发", 208, 250, 575, 277);
}

int main(void)
{
    page pg;
    portal(&pg, "政府信息公开年报", "根据《条例》和《国务院");
    pl_drop_sidebar(pg.p, pg.n);
    EQ_STR(pg.b[2].text, "");
    EQ_STR(pg.b[3].text, "");
    EQ_STR(pg.b[5].text, "");
    EQ_STR(pg.b[4].text, "工作年度报告");             /* the article stays */
    EQ_STR(pg.b[0].text, "12/2/26, 11:23 AM");        /* no Han: not a column item */

    /* a label column left of the text whose rows hold numbers: a table, left alone */
    portal(&pg, "行政许可", "43");
    pl_drop_sidebar(pg.p, pg.n);
    EQ_STR(pg.b[2].text, "政府信息公开指南");

    /* prose in the left column: a second column of text, left alone */
    portal(&pg, "本年度我局共新收申请，均已办结", "根据《条例》和《国务院");
    pl_drop_sidebar(pg.p, pg.n);
    EQ_STR(pg.b[3].text, "法定主动公开内容");

    /* no sentence on the page: no article edge, nothing dropped */
    portal(&pg, "政府信息公开年报", "根据《条例》和《国务院");
    pg.b[7].text = "办公厅政府信息与政务公开办公室关于印发";
    pl_drop_sidebar(pg.p, pg.n);
    EQ_STR(pg.b[2].text, "政府信息公开指南");
    DONE();
}
