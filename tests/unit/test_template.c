/* test_template.c - the spine end to end on text: a changed number changes the output, a broken
 * identity fails its check, a lost cell is recovered only when the identities fix it. */
#include "cli.h"
#include "harness.h"

#include <stdlib.h>

static double value(const nb_report *r, const char *id, int *have)
{
    int i = nb_field_index(id);
    *have = i >= 0 && r->have[i];
    return i >= 0 ? r->values[i] : -1;
}

static const nb_check *check(const nb_report *r, const char *rule)
{
    for (size_t i = 0; i < r->nchecks; i++)
        if (!strcmp(r->checks[i].rule, rule))
            return &r->checks[i];
    return NULL;
}

static nb_report *run(const char *text)
{
    nb_err err = {0};
    return nb_process_mem(text, strlen(text), "mem.txt", &err);
}

/* A table-3 grid whose columns are in an unusual order (总计 first): values follow the headers. */
static void header_order(void)
{
    nb_doc *d = nb_doc_new(NB_FMT_DOCX, "grid.docx");
    nb_table *t = nb_doc_add_table(d);
    static const char *const heads[] = {"总计", "自然人", "商业企业", "科研机构", "社会公益组织",
                                        "法律服务机构", "其他"};
    nb_table_add_cell(d, t, 0, 0, 1, 1, "申请人情况", strlen("申请人情况"));
    for (int c = 0; c < 7; c++)
        nb_table_add_cell(d, t, 0, c + 1, 1, 1, heads[c], strlen(heads[c]));
    const char *row[] = {"一、本年新收政府信息公开申请数量", "9", "4", "", "1", "1", "1", "2"};
    for (int c = 0; c < 8; c++)
        nb_table_add_cell(d, t, 1, c, 1, 1, row[c], strlen(row[c]));
    nb_table_finish(t);
    nb_err err = {0};
    nb_report *r = nb_report_build(d, &err);
    int have;
    EQ_INT(value(r, "t3.new.total", &have), 9);
    EQ_INT(value(r, "t3.new.natural_person", &have), 4);
    value(r, "t3.new.commercial", &have);
    OK(!have); /* the blank cell under 商业企业 stays null */
    EQ_INT(value(r, "t3.new.other_org", &have), 2);
    const nb_check *c = check(r, "t3.applicants_sum.new");
    OK(c && c->ok == NB_CHECK_MISSING);
    nb_report_free(r);
}

/* Rows of eight cells (label, seven numbers as printed, "" for blank) into t from grid row `at`. */
static void add_rows(nb_doc *d, nb_table *t, int at, const char *const rows[][8], int nrows)
{
    for (int r = 0; r < nrows; r++)
        for (int c = 0; c < 8; c++)
            nb_table_add_cell(d, t, at + r, c, 1, 1, rows[r][c], strlen(rows[r][c]));
}

/* A new table in d whose first row is table 3's column headers. */
static nb_table *t3_table(nb_doc *d)
{
    static const char *const heads[1][8] = {{"申请人情况", "自然人", "商业企业", "科研机构", "社会公益组织",
                                             "法律服务机构", "其他", "总计"}};
    nb_table *t = nb_doc_add_table(d);
    add_rows(d, t, 0, heads, 1);
    return t;
}

/* A grid: table-3 headers, then the given rows. */
static nb_report *grid_report(const char *const rows[][8], int nrows)
{
    nb_doc *d = nb_doc_new(NB_FMT_PDF, "split.pdf");
    nb_table *t = t3_table(d);
    add_rows(d, t, 1, rows, nrows);
    nb_table_finish(t);
    nb_err err = {0};
    return nb_report_build(d, &err);
}

static int warned(const nb_report *r, const char *words)
{
    for (size_t i = 0; i < r->doc->nwarnings; i++)
        if (strstr(r->doc->warnings[i], words))
            return 1;
    return 0;
}

/* A row broken over a page (Word lets rows break): "11" at the foot, "1" at the head of the next page
 * is 111 when the joined label still names the row and the row adds up; else the row is null. */
static void split_row(void)
{
    static const char *const joined[][8] = {
        {"一、本年新收政府信息公开", "34", "32", "5", "9", "4", "27", "11"},
        {"申请数量", "", "", "", "", "", "", "1"},
        {"二、上年结转政府信息公开申请数量", "0", "1", "0", "0", "0", "0", "1"}};
    nb_report *r = grid_report(joined, 3);
    int have;
    EQ_INT(value(r, "t3.new.total", &have), 111);
    EQ_INT(value(r, "t3.new.other_org", &have), 27);
    EQ_INT(value(r, "t3.carried_in.total", &have), 1); /* the next row is its own */
    OK(!warned(r, "申请数量")); /* the piece was taken in, not reported as a row of its own */
    nb_report_free(r);
    static const char *const broken[][8] = {
        {"一、本年新收政府信息公开", "34", "32", "5", "9", "4", "27", "11"},
        {"申请数量", "", "", "", "", "", "", "2"}}; /* 112 breaks the row's sum */
    r = grid_report(broken, 2);
    value(r, "t3.new.total", &have);
    OK(!have);
    value(r, "t3.new.natural_person", &have);
    OK(!have);
    OK(warned(r, "t3 row new: numbers gathered from several text lines"));
    nb_report_free(r);
    static const char *const two_rows[][8] = { /* the row below is whole (a number in every column):
                                                  * not a piece, even though "13 22 0 0 0 2 | 37" adds up */
        {"一、本年新收政府信息公开申请数量", "1", "2", "0", "0", "0", "0", "3"},
        {"（六1.申请人无正当理由", "3", "2", "0", "0", "0", "2", "7"}};
    r = grid_report(two_rows, 2);
    EQ_INT(value(r, "t3.new.natural_person", &have), 1);
    EQ_INT(value(r, "t3.new.total", &have), 3);
    nb_report_free(r);
    static const char *const whole[][8] = { /* no piece below: a row that does not add up is kept as printed */
        {"一、本年新收政府信息公开申请数量", "34", "32", "5", "9", "4", "27", "11"}};
    r = grid_report(whole, 1);
    EQ_INT(value(r, "t3.new.total", &have), 11);
    nb_report_free(r);
}

/* The same split row when the page break also ends the grid: the rest opens a grid of its own (the
 * next table, as many columns), which then goes on with rows of its own. */
static void split_row_next_table(void)
{
    static const char *const above[][8] = {{"一、本年新收政府信息公开", "34", "32", "5", "9", "4", "27", "11"}};
    static const char *const rest[][8] = {{"申请数量", "", "", "", "", "", "", "1"},
                                          {"二、上年结转政府信息公开申请数量", "0", "1", "0", "0", "0", "0", "1"}};
    nb_doc *d = nb_doc_new(NB_FMT_PDF, "split.pdf");
    nb_table *t = t3_table(d);
    add_rows(d, t, 1, above, 1);
    nb_table_finish(t);
    t = nb_doc_add_table(d);
    add_rows(d, t, 0, rest, 2);
    nb_table_finish(t);
    nb_err err = {0};
    nb_report *rep = nb_report_build(d, &err);
    int have;
    EQ_INT(value(rep, "t3.new.total", &have), 111);
    EQ_INT(value(rep, "t3.carried_in.total", &have), 1);
    OK(!warned(rep, "申请数量"));
    nb_report_free(rep);
}

/* Table 3 of a PDF (its pages OCR'd or not): the header row, then rows[0..n) on the grid rows below,
 * each one of the caller's label-and-seven-numbers rows; the report built from it. */
typedef const char *const t3_row[8]; /* a row label and its seven numbers */

static nb_report *t3_rows_report(int ocr, const t3_row *const rows[], int n)
{
    nb_doc *d = nb_doc_new(NB_FMT_PDF, "scan.pdf");
    d->ocr_pages = ocr;
    nb_table *t = t3_table(d);
    for (int i = 0; i < n; i++)
        add_rows(d, t, 1 + i, rows[i], 1);
    nb_table_finish(t);
    nb_err err = {0};
    return nb_report_build(d, &err);
}

/* OCR'd labels: "7.属于行政雪凌荣卷" is about as close to 属于行政执法案卷 (best) as to 属于行政查询事项, so
 * the margin refuses it; right after the row 6.属于四类过程性信息 its place in the template's order is
 * the second witness and it names its best row (with a warning); after 4.保护第三方合法权益 it names
 * none. Not on a text layer. */
static void ocr_label_in_order(void)
{
    static const char *const before[2] = {"6.属于四类过程性信息", "4.保护第三方合法权益"};
    for (int ocr = 0; ocr < 2; ocr++)
        for (int k = 0; k < 2; k++) {
            const char *const rows[][8] = {{before[k], "1", "0", "0", "0", "0", "0", "1"},
                                           {"7.属于行政雪凌荣卷", "2", "0", "0", "0", "0", "0", "2"}};
            const t3_row *const picked[] = {&rows[0], &rows[1]};
            nb_report *rep = t3_rows_report(ocr, picked, 2);
            EQ_INT(warned(rep, "t3 row withheld_enforcement taken from the OCR'd label"), ocr && k == 0);
            EQ_INT(warned(rep, "names no template row with confidence"), !(ocr && k == 0));
            nb_report_free(rep);
        }
}

/* OCR'd rows named by their place: a label garbled past any score between two rows that read well
 * takes the one template row between them; not when the counts disagree (two such rows for one
 * template row), not when its own label's best row lies outside the gap, not on a text layer. */
static void ocr_row_by_place(void)
{
    static const char *const garbled[] = {"2.其亿流行丰二油村?2全", "7.属于行政雪凌荣卷"};
    for (int ocr = 0; ocr < 2; ocr++)
        for (int k = 0; k < 3; k++) {
            const char *const rows[][8] = {{"1.属于国家秘密", "2", "0", "0", "0", "0", "0", "2"},
                                           {garbled[k == 2], "2", "1", "0", "0", "0", "0", "3"},
                                           {"这全", "1", "0", "0", "0", "0", "0", "1"},
                                           {"3.危及“三安全一稳定”", "2", "2", "0", "0", "0", "1", "5"}};
            /* k 1: two rows where the template has one */
            const t3_row *const two[] = {&rows[0], &rows[1], &rows[2], &rows[3]};
            const t3_row *const one[] = {&rows[0], &rows[1], &rows[3]};
            nb_report *rep = k == 1 ? t3_rows_report(ocr, two, 4) : t3_rows_report(ocr, one, 3);
            EQ_INT(warned(rep, "t3 row withheld_law taken from the OCR'd row"), ocr && k == 0);
            EQ_INT(warned(rep, "names no template row with confidence"), !(ocr && k == 0));
            nb_report_free(rep);
        }
}

/* A label garbled past any likeness between the rows before and after it in template order (OCR): the
 * order on both sides names it; with no row below, or a row below that is not the next one, or on a
 * page that was not OCR'd, it names nothing. */
static void ocr_label_between(void)
{
    static const char *const below[3] = {"3.危及“三安全一稳定”", "5.属于三类内部事务信息", ""};
    for (int ocr = 0; ocr < 2; ocr++)
        for (int k = 0; k < 3; k++) {
            const char *const rows[][8] = {{"1.属于国家秘密", "1", "0", "0", "0", "0", "0", "1"},
                                           {"2.其亿流行丰二油村?2全", "2", "0", "0", "0", "0", "0", "2"},
                                           {below[k], "3", "0", "0", "0", "0", "0", "3"}};
            const t3_row *const picked[] = {&rows[0], &rows[1], &rows[2]};
            nb_report *rep = t3_rows_report(ocr, picked, below[k][0] ? 3 : 2);
            int named = ocr && k == 0;
            EQ_INT(warned(rep, "t3 row withheld_law taken from the OCR'd row"), named);
            EQ_INT(warned(rep, "\"2.其亿流行丰二油村?2全\" names no template row"), !named);
            nb_report_free(rep);
        }
    /* two garbled labels in a row between rows 1. and 4. are rows 2. and 3.; three are not named */
    for (int run = 2; run <= 3; run++) {
        const char *const rows[][8] = {{"1.属于国家秘密", "1", "0", "0", "0", "0", "0", "1"},
                                       {"2.其亿流行丰二油村?2全", "2", "0", "0", "0", "0", "0", "2"},
                                       {"这全", "3", "0", "0", "0", "0", "0", "3"},
                                       {"要天下和", "4", "0", "0", "0", "0", "0", "4"},
                                       {"4.保护第三方合法权益", "5", "0", "0", "0", "0", "0", "5"}};
        const t3_row *const two[] = {&rows[0], &rows[1], &rows[2], &rows[4]};
        const t3_row *const three[] = {&rows[0], &rows[1], &rows[2], &rows[3], &rows[4]};
        nb_report *rep = run == 2 ? t3_rows_report(1, two, 4) : t3_rows_report(1, three, 5);
        EQ_INT(warned(rep, "t3 row withheld_law taken from the OCR'd row"), run == 2);
        EQ_INT(warned(rep, "t3 row withheld_safety taken from the OCR'd row \"这全\""), run == 2);
        nb_report_free(rep);
    }
}

/* Table 2 has no identity: a row whose number goes on in the row below is left null. */
static void split_t2_row(void)
{
    nb_doc *d = nb_doc_new(NB_FMT_DOCX, "t2.docx");
    nb_table *t = nb_doc_add_table(d);
    static const char *const cells[][2] = {{"信息内容", "本年处理决定数量"}, {"行政许可", "12"}, {"", "3"},
                                           {"行政处罚", "7"}};
    for (int r = 0; r < 4; r++)
        for (int c = 0; c < 2; c++)
            nb_table_add_cell(d, t, r, c, 1, 1, cells[r][c], strlen(cells[r][c]));
    nb_table_finish(t);
    nb_err err = {0};
    nb_report *r = nb_report_build(d, &err);
    int have;
    value(r, "t2.license.decisions", &have);
    OK(!have);
    OK(warned(r, "t2.license.decisions: the row goes on in the table row below"));
    EQ_INT(value(r, "t2.penalty.decisions", &have), 7);
    OK(have);
    nb_report_free(r);
}

/* Table 4 as a PDF grid (the headers in three rows) with its row of values, and optionally a second
 * part of that row (a wrapped number's last line) below it in the same grid or opening the next one. */
static nb_report *t4_report(const char *const vals[15], const char *const part[15], int part_in_next)
{
    static const char *const heads[] = {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"};
    nb_doc *d = nb_doc_new(NB_FMT_PDF, "t4.pdf");
    nb_table *t = nb_doc_add_table(d);
    nb_table_add_cell(d, t, 0, 0, 2, 5, "行政复议", strlen("行政复议"));
    nb_table_add_cell(d, t, 0, 5, 1, 10, "行政诉讼", strlen("行政诉讼"));
    nb_table_add_cell(d, t, 1, 5, 1, 5, "未经复议直接起诉", strlen("未经复议直接起诉"));
    nb_table_add_cell(d, t, 1, 10, 1, 5, "复议后起诉", strlen("复议后起诉"));
    for (int c = 0; c < 15; c++) {
        nb_table_add_cell(d, t, 2, c, 1, 1, heads[c % 5], strlen(heads[c % 5]));
        nb_table_add_cell(d, t, 3, c, 1, 1, vals[c], strlen(vals[c]));
    }
    nb_table *p = t;
    int row = 4;
    if (part && part_in_next) {
        nb_table_finish(t);
        p = nb_doc_add_table(d);
        row = 0;
    }
    for (int c = 0; part && c < 15; c++)
        nb_table_add_cell(d, p, row, c, 1, 1, part[c], strlen(part[c]));
    nb_table_finish(p);
    nb_err err = {0};
    return nb_report_build(d, &err);
}

/* Table 4's row broken by a page: 10 printed as "1" at the foot of a cell and "0" opening the next page
 * (in the same grid, or in a grid of its own) is 10 when every group then adds up; a part that makes a
 * group's sum fail leaves the row null with a warning; with no part below, a wrong total is as printed. */
static void t4_split_row(void)
{
    static const char *const vals[15] = {"0", "0", "0", "0", "0", "2", "3", "3", "2", "1",
                                         "3", "0", "0", "3", "6"};
    static const char *const zero[15] = {"", "", "", "", "", "", "", "", "", "0", "", "", "", "", ""};
    static const char *const five[15] = {"", "", "", "", "", "", "", "", "", "5", "", "", "", "", ""};
    int have;
    for (int next = 0; next < 2; next++) {
        nb_report *r = t4_report(vals, zero, next);
        EQ_INT(value(r, "t4.suit_direct.total", &have), 10);
        EQ_INT(value(r, "t4.suit_after_review.total", &have), 6);
        nb_report_free(r);
        r = t4_report(vals, five, next);
        value(r, "t4.suit_direct.total", &have);
        OK(!have);
        value(r, "t4.review.upheld", &have);
        OK(!have);
        OK(warned(r, "t4 values row: numbers gathered from several text lines"));
        nb_report_free(r);
    }
    nb_report *r = t4_report(vals, NULL, 0);
    EQ_INT(value(r, "t4.suit_direct.total", &have), 1);
    nb_report_free(r);
}

/* Cells printed without a number ("—", "/", 无 after the label) hold their column's place and are null;
 * a row with such a mark whose numbers are not one to one with its columns is null with a warning,
 * never "recovered" (the identities would put the row's sum where the document printed "—"). */
static void no_number_marks(void)
{
    static const char *const rows[][8] = {
        {"3.危及“三安全一稳定”", "2", "2", "0", "0", "0", "0", "——"},
        {"8.属于行政查询事项", "无", "2", "0", "0", "0", "0", "2"},
        {"（一）予以公开", "4", " / ", "0", "1", "0", "0", "5"},
        {"4.保护第三方合法权益", "1", "0", "无", "?1", "0", "0", "2"}, /* 无 before an OCR reading */
        {"二、上年结转政府信息公开申请数量", "—", "—", "—", "—", "—", "—", "—"}}; /* marks only */
    nb_report *r = grid_report(rows, 5);
    int have;
    value(r, "t3.withheld_safety.total", &have);
    OK(!have);
    EQ_INT(value(r, "t3.withheld_safety.commercial", &have), 2);
    OK(have);
    value(r, "t3.withheld_query.natural_person", &have);
    OK(!have);
    EQ_INT(value(r, "t3.withheld_query.total", &have), 2);
    value(r, "t3.disclosed.commercial", &have);
    OK(!have);
    EQ_INT(value(r, "t3.disclosed.research", &have), 0);
    OK(have);
    /* the mark's cell is marked (never filled from the identities), its row's numbers are not */
    OK(r->marked[nb_field_index("t3.withheld_safety.total")]);
    OK(r->marked[nb_field_index("t3.disclosed.commercial")]);
    OK(!r->marked[nb_field_index("t3.disclosed.research")]);
    OK(!r->marked[nb_field_index("t3.new.total")]);
    value(r, "t3.withheld_third_party.research", &have);
    OK(!have);
    OK(r->marked[nb_field_index("t3.withheld_third_party.research")]);
    OK(!r->marked[nb_field_index("t3.withheld_third_party.public_interest")]); /* its "?1" */
    EQ_INT(value(r, "t3.withheld_third_party.total", &have), 2);
    for (int c = 0; c < NB_T3_COLS; c++) /* a row of marks: no value, every cell marked */
        OK(r->marked[NB_T3_FIRST + NB_T3R_carried_in * NB_T3_COLS + c] &&
           !r->have[NB_T3_FIRST + NB_T3R_carried_in * NB_T3_COLS + c]);
    nb_report_free(r);

    /* text rows: a mark token holds its place; a mark caught in the label leaves six numbers for
     * seven columns and no place for the mark: null, not recovered */
    const char *text = "三、收到和处理政府信息公开申请情况\n"
                       "申请人情况\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n"
                       "3.危及“三安全一稳定” 2 2 0 0 0 0 —\n"
                       "8.属于行政查询事项/ 2 0 0 0 0 2\n"
                       "4.保护第三方合法权益 1 0 0 0 0 0 1\n";
    r = run(text);
    value(r, "t3.withheld_safety.total", &have);
    OK(!have);
    EQ_INT(value(r, "t3.withheld_safety.commercial", &have), 2);
    OK(have);
    value(r, "t3.withheld_query.total", &have);
    OK(!have);
    OK(warned(r, "t3 row withheld_query: a cell printed without a number"));
    OK(!warned(r, "recovered from the identities"));
    EQ_INT(value(r, "t3.withheld_third_party.total", &have), 1);
    OK(have);
    nb_report_free(r);

    /* 无 in the label columns (a narrow group label set one character a line) stays label text */
    static const char *const narrow[][8] = {
        {"无", "1.本机关不掌握相关政府信息", "3", "0", "0", "0", "0", "3"}};
    nb_doc *d = nb_doc_new(NB_FMT_PDF, "narrow.pdf");
    nb_table *t = t3_table(d);
    for (int c = 0; c < 8; c++)
        nb_table_add_cell(d, t, 1, c, 1, 1, narrow[0][c], strlen(narrow[0][c]));
    nb_table_add_cell(d, t, 1, 8, 1, 1, "3", 1);
    nb_table_finish(t);
    nb_err err = {0};
    r = nb_report_build(d, &err);
    EQ_INT(value(r, "t3.unavailable_not_held.total", &have), 3);
    OK(have);
    nb_report_free(r);
}

/* Table 4 whose headers OCR read as text lines above its grid (no table-4 word in the grid): under
 * section 4's heading, the grid's unlabelled row of 15 value cells is table 4's row of values (a stray
 * doubtful reading above it is no row); the same grid under section 5's heading gives table 4 nothing. */
static nb_report *t4_headless(const char *heading)
{
    static const char *const vals[15] = {"3", "0", "0", "0", "3", "0", "0", "3", "3", "6",
                                         "1", "3", "1", "0", "5"};
    static const char *const paras[] = {"行政复议行政诉讼", "未经复议直接起诉复议后起诉",
                                        "结果维结果纠其他结尚未审总计"};
    nb_doc *d = nb_doc_new(NB_FMT_PDF, "t4.pdf");
    nb_doc_add_text(d, NB_BLOCK_PARA, heading, strlen(heading));
    for (int i = 0; i < 3; i++)
        nb_doc_add_text(d, NB_BLOCK_PARA, paras[i], strlen(paras[i]));
    nb_table *t = nb_doc_add_table(d);
    nb_table_add_cell(d, t, 0, 7, 1, 1, "?3", strlen("?3"));
    for (int c = 0; c < 15; c++)
        nb_table_add_cell(d, t, 1, c, 1, 1, vals[c], strlen(vals[c]));
    nb_table_finish(t);
    nb_err err = {0};
    return nb_report_build(d, &err);
}

static void t4_by_place(void)
{
    int have;
    nb_report *r = t4_headless("四、政府信息公开行政复议、行政诉讼情况");
    EQ_INT(value(r, "t4.review.upheld", &have), 3);
    OK(have);
    EQ_INT(value(r, "t4.review.total", &have), 3);
    EQ_INT(value(r, "t4.suit_direct.other", &have), 3);
    EQ_INT(value(r, "t4.suit_after_review.total", &have), 5);
    OK(have);
    OK(!warned(r, "table 4 (复议诉讼) not found"));
    nb_report_free(r);
    r = t4_headless("五、存在的主要问题及改进情况");
    value(r, "t4.review.upheld", &have);
    OK(!have);
    value(r, "t4.suit_after_review.total", &have);
    OK(!have);
    nb_report_free(r);
}

int main(void)
{
    no_number_marks();
    header_order();
    split_row();
    split_row_next_table();
    split_t2_row();
    ocr_label_in_order();
    ocr_row_by_place();
    ocr_label_between();
    t4_split_row();
    t4_by_place();
    size_t len;
    char *seed = nb_t_slurp("corpus/text/seed_000.txt", &len);
    OK(seed != NULL);
    if (!seed)
        DONE();
    int have;

    nb_report *r = run(seed);
    EQ_INT(value(r, "t2.license.decisions", &have), 0);
    OK(have);
    EQ_INT(r->nchecks, 42);
    EQ_INT(nb_report_failed(r), 0);
    nb_report_free(r);

    char *changed = nb_t_replace(seed, "行政许可\t0", "行政许可\t57");
    r = run(changed);
    EQ_INT(value(r, "t2.license.decisions", &have), 57);
    EQ_INT(nb_report_failed(r), 0);
    nb_report_free(r);
    free(changed);

    /* 予以公开 for natural persons = 3: the result rows no longer add up to the total row,
     * and the row's applicant columns no longer add up to its total column. */
    changed = nb_t_replace(seed, "(一) 予以公开\t0", "(一) 予以公开\t3");
    r = run(changed);
    EQ_INT(value(r, "t3.disclosed.natural_person", &have), 3);
    const nb_check *c = check(r, "t3.results_sum.natural_person");
    OK(c && c->ok == NB_CHECK_FAIL);
    c = check(r, "t3.applicants_sum.disclosed");
    OK(c && c->ok == NB_CHECK_FAIL);
    c = check(r, "t3.balance.natural_person");
    OK(c && c->ok == NB_CHECK_OK);
    EQ_INT(nb_report_failed(r), 2);
    nb_report_free(r);
    free(changed);

    /* One cell lost from a row of non-zero numbers: 2 1 0 0 0 0 | total 3 -> the gap can only
     * be where a value keeps the row identity, so it is not recovered (several places fit). */
    changed = nb_t_replace(seed, "1. 属于国家秘密\t0\t0\t0\t0\t0\t0\t0", "1. 属于国家秘密\t2\t1\t0\t0\t0\t3");
    r = run(changed);
    value(r, "t3.withheld_state_secret.natural_person", &have);
    OK(!have);
    c = check(r, "t3.applicants_sum.withheld_state_secret");
    OK(c && c->ok == NB_CHECK_MISSING);
    nb_report_free(r);
    free(changed);

    /* Lost total with 2 1 0 0 0 0: the only consistent reading puts 3 in the total column. */
    changed = nb_t_replace(seed, "1. 属于国家秘密\t0\t0\t0\t0\t0\t0\t0", "1. 属于国家秘密\t2\t1\t4\t0\t0\t0");
    r = run(changed);
    EQ_INT(value(r, "t3.withheld_state_secret.total", &have), 7);
    OK(have);
    EQ_INT(value(r, "t3.withheld_state_secret.research", &have), 4);
    nb_report_free(r);
    free(changed);

    /* Two rows' numbers merged into one (14 for 7 columns): left null, never trimmed to 7. */
    changed = nb_t_replace(seed, "1. 属于国家秘密\t0\t0\t0\t0\t0\t0\t0",
                      "1. 属于国家秘密\t1\t0\t0\t0\t0\t0\t1\t2\t0\t0\t0\t0\t0\t2");
    r = run(changed);
    value(r, "t3.withheld_state_secret.total", &have);
    OK(!have);
    nb_report_free(r);
    free(changed);

    /* Table 4 broken into its groups on separate lines: the numbers of consecutive table-4 rows
     * are read in order (3 + 2 + 1 + 0 = 6 | 2 3 3 1 9 | 0 0 0 1 1). */
    r = run("某局2024年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n"
            "行政复议 结果维持 结果纠正 其他结果 尚未审结 总计 3 2 1 0 6\n"
            "行政诉讼 未经复议直接起诉 结果维持 2 3 3 1 9\n复议后起诉 结果维持 0 0 0 1 1\n五、存在的主要问题\n");
    EQ_INT(value(r, "t4.review.total", &have), 6);
    EQ_INT(value(r, "t4.suit_direct.upheld", &have), 2);
    EQ_INT(value(r, "t4.suit_after_review.total", &have), 1);
    OK(have);
    nb_report_free(r);

    /* A value written into every column a merged cell spans (a table with no merges). */
    changed = nb_t_replace(seed, "行政许可\t0\t\t", "行政许可\t399\t399\t399");
    r = run(changed);
    EQ_INT(value(r, "t2.license.decisions", &have), 399);
    nb_report_free(r);
    free(changed);

    /* A report with no template tables still yields a record, with warnings. */
    r = run("某某局2023年政府信息公开工作年度报告\n一、总体情况\n本年度无。\n");
    OK(r != NULL);
    EQ_INT(r->tables_found, 0);
    EQ_INT(r->year, 2023);
    EQ_STR(r->agency, "某某局");
    OK(r->doc->nwarnings > 0);
    nb_report_free(r);
    free(seed);
    DONE();
}
