/* test_texttable.c - rows rebuilt from each text layout the seeds show: tab rows, one cell per
 * line ending in '|', tab-indented cells with blank lines between rows, flattened PDF text. */
#include "extract.h"
#include "harness.h"
#include "layout.h"
#include "tables.h"

static nb_doc *laid_out(const char *text)
{
    nb_err err = {0};
    nb_doc *d = nb_text_read(text, strlen(text), "mem.txt", &err);
    if (d && nb_layout(d, &err) != NB_OK) {
        nb_doc_free(d);
        return NULL;
    }
    return d;
}

static const nb_table *first_table(const nb_doc *d)
{
    for (size_t i = 0; d && i < d->nblocks; i++)
        if (d->blocks[i].kind == NB_BLOCK_TABLE)
            return d->blocks[i].table;
    return NULL;
}

static const char *cell(const nb_table *t, int r, int c)
{
    const nb_cell *x = t ? nb_table_at(t, r, c) : NULL;
    return x ? x->text : "(none)";
}

/* Number of numeric cells in row r. */
static int numbers(const nb_table *t, int r)
{
    int n = 0;
    for (size_t i = 0; t && i < t->ncells; i++)
        if (t->cells[i].row == r && nb_parse_number(t->cells[i].text, strlen(t->cells[i].text), NULL))
            n++;
    return n;
}

static int warned(const nb_doc *d, const char *what)
{
    for (size_t i = 0; d && i < d->nwarnings; i++)
        if (strstr(d->warnings[i], what))
            return 1;
    return 0;
}

/* The value of field id in the record of text, -1 when null or no record. */
static double value_of(const char *text, const char *id, char *warn_hit, const char *warning)
{
    nb_err err = {0};
    nb_doc *d = laid_out(text);
    nb_report *r = d ? nb_report_build(d, &err) : NULL;
    int i = nb_field_index(id);
    double v = r && r->have[i] ? r->values[i] : -1;
    if (warn_hit)
        *warn_hit = r && warned(r->doc, warning);
    nb_report_free(r);
    return v;
}

#define T3_HEAD "三、收到和处理政府信息公开申请情况\n\n" \
                "                            自然人  商业企业  科研机构  社会公益  法律服务  其他  总计\n"

/* pdftotext -layout: 1296 and 1371 wrapped in their cells, printed as pieces around the row's
 * line; two full rows on consecutive lines, one shifted by its longer label, never pair. */
static void layout_wrapped(void)
{
    const char *wrapped = T3_HEAD
        "                    12                                      13\n"
        "一、本年新收政府信息公开申请数量         40    6     13    0     16\n"
        "                    96                                      71\n"
        "\n"
        "二、上年结转政府信息公开申请数量    3   1   2   1   0   1   8\n"
        "四、政府信息公开行政复议、行政诉讼情况\n";
    nb_doc *d = laid_out(wrapped);
    const nb_table *t = first_table(d);
    int row = -1;
    for (size_t i = 0; t && i < t->ncells; i++)
        if (strstr(t->cells[i].text, "本年新收"))
            row = t->cells[i].row;
    EQ_INT(numbers(t, row), 7);
    EQ_STR(cell(t, row, 1), "1296");
    EQ_STR(cell(t, row, 2), "40");
    EQ_STR(cell(t, row, 7), "1371");
    const nb_cell *c = t ? nb_table_at(t, row, 1) : NULL;
    OK(c && (c->flags & NB_CF_LINES));
    EQ_STR(cell(t, row + 1, 1), "3"); /* the next row keeps its own numbers */
    nb_doc_free(d);
    char hit = 0;
    EQ_INT(value_of(wrapped, "t3.new.natural_person", NULL, NULL), 1296);
    EQ_INT(value_of(wrapped, "t3.new.total", NULL, NULL), 1371);
    EQ_INT(value_of(wrapped, "t3.carried_in.total", NULL, NULL), 8);
    /* the lower pieces pushed out of their columns: not joined, the row is null and named */
    const char *pushed = T3_HEAD
        "一、本年新收政府信息公开申请 34 23 20 8      0    7   20\n"
        "数量                      11               83\n"
        "二、上年结转政府信息公开申请数量    3   1   2   1   0   1   8\n";
    EQ_INT(value_of(pushed, "t3.new.research", &hit, "t3 row new: numbers gathered"), -1);
    OK(hit);
    EQ_INT(value_of(pushed, "t3.carried_in.total", NULL, NULL), 8);
    /* consecutive full rows, the second shifted left by a shorter label: read as printed */
    const char *rows = T3_HEAD
        "一、本年新收政府信息公开申请数量    3   1   2   1   0   1   8\n"
        "二、上年结转申请数量    2   0   0   0   0   0   2\n";
    EQ_INT(value_of(rows, "t3.new.natural_person", NULL, NULL), 3);
    EQ_INT(value_of(rows, "t3.carried_in.natural_person", NULL, NULL), 2);
}

/* pdftotext -layout of a large font in narrow cells: numbers one space apart (no wide gaps), the
 * lines indented like cells; 25 and 29 wrapped around the 总计 line. The pieces must pair around it,
 * not stick to the rows above and below (5 and 9 as parts of 总计 keep its sum: 0+1+3+0+0+5 = 9). */
static void layout_single_spaced(void)
{
    const char *text = T3_HEAD
        "      3.其他       3 0 0 0 0 0 3\n"
        "                 2                2\n"
        "     （七）总计            0 1 3 0 0\n"
        "                 5                9\n"
        " 四、结转下年度继续                        4\n"
        "                 2 0 2 0 0 0\n"
        " 办理\n";
    EQ_INT(value_of(text, "t3.total.natural_person", NULL, NULL), 25);
    EQ_INT(value_of(text, "t3.total.total", NULL, NULL), 29);
    EQ_INT(value_of(text, "t3.total.commercial", NULL, NULL), 0);
    EQ_INT(value_of(text, "t3.other_other.total", NULL, NULL), 3);
}

#define T2_HEAD "二、主动公开政府信息情况\n"

/* Text browsers' tables: w3m draws rules with box characters (a cell's text wrapped over two lines,
 * a rule line mixed with a rowspan's text), Python html2text prints Markdown rows with no closing
 * bar and "---|---", Debian's html2text fills cells with '_'. Each reads as pipe rows. */
static void drawn_rules(void)
{
    const char *w3m = T2_HEAD
        "┌──────────────┬────────────┬────────────┬────────────┐\n"
        "│信息内容      │本年制发件数│本年废止件数│现行有效件数│\n"
        "├──────────────┼────────────┼────────────┼────────────┤\n"
        "│规章          │1           │0           │6           │\n"
        "├──────────────┼────────────┼────────────┼────────────┤\n"
        "│行政规范性文件│9           │3           │49          │\n"
        "└──────────────┴────────────┴────────────┴────────────┘\n"
        "三、收到和处理政府信息公开申请情况\n";
    EQ_INT(value_of(w3m, "t2.rules.in_force", NULL, NULL), 6);
    EQ_INT(value_of(w3m, "t2.normative.issued", NULL, NULL), 9);
    EQ_INT(value_of(w3m, "t2.normative.in_force", NULL, NULL), 49);
    const char *md = "### 二、主动公开政府信息情况\n\n第二十条第（一）项  \n---  \n"
                     "信息内容| 本年制发件数| 本年废止件数| 现行有效件数  \n规章| 1| 0| 6  \n"
                     "行政规范性文件| 9| 3| 49  \n\n### 三、收到和处理政府信息公开申请情况\n";
    EQ_INT(value_of(md, "t2.rules.issued", NULL, NULL), 1);
    EQ_INT(value_of(md, "t2.normative.repealed", NULL, NULL), 3);
    const char *filled = T2_HEAD " ____________________\n|信息内容_|本年制发件数|本年废止件数|现行有效件数|\n"
                         "|规章_|1_____|0_____|6_____|\n|行政规范性文件|9___|3___|49____|\n"
                         "三、收到和处理政府信息公开申请情况\n";
    EQ_INT(value_of(filled, "t2.rules.in_force", NULL, NULL), 6);
    EQ_INT(value_of(filled, "t2.normative.in_force", NULL, NULL), 49);
    /* Debian html2text cuts UTF-8 in the middle: a label's bytes spill into the number cells;
     * "9" beside spilled bytes is no number, the row is null and named */
    char hit = 0;
    const char *spilled = T2_HEAD "|信息内容_|本年制发件数|本年废止件数|现行有效件数|\n|规章_|1_____|0_____|6_____|\n"
                          "|行政\xe8|9\xa7\x84范|3\xe6\x80件|49____|\n三、收到和处理政府信息公开申请情况\n";
    EQ_INT(value_of(spilled, "t2.normative.issued", &hit, "table row"), -1);
    OK(hit);
    EQ_INT(value_of(spilled, "t2.rules.in_force", NULL, NULL), 6);
}

/* w3m at 40-60 columns: a label wraps inside its box below the row's numbers ("形）"), a group label
 * is set down its column one character a line ("（" "三" "）" "不"): the fragments go on the row's
 * label cell of the same '|' index, the column's characters do not break the row. */
static void drawn_wraps(void)
{
    const char *text = T3_HEAD
        "├──┬──────────┼──┼──┼──┼──┼──┼──┼──┤\n"
        "│  │（二）部分公│  │  │  │  │  │  │  │\n"
        "│  │开（区分处理│2 │8 │0 │0 │0 │8 │18│\n"
        "│  │的，只计这一│  │  │  │  │  │  │  │\n"
        "│  │情形，不计其│  │  │  │  │  │  │  │\n"
        "│  │他情形）    │  │  │  │  │  │  │  │\n"
        "│  ├──┬───────┼──┼──┼──┼──┼──┼──┼──┤\n"
        "│  │  │3.危及“三 │  │  │  │  │  │  │  │\n"
        "│  │  │安全一稳定│0 │0 │0 │0 │0 │0 │0 │\n"
        "│  │（│”         │  │  │  │  │  │  │  │\n"
        "│  │三├──────────┼──┼──┼──┼──┼──┼──┼──┤\n"
        "│  │）│4.保护第三│1 │0 │0 │0 │0 │2 │3 │\n"
        "│  │不│方合法权益│  │  │  │  │  │  │  │\n"
        "│  │予├──────────┼──┼──┼──┼──┼──┼──┼──┤\n"
        "└──┴──┴──────────┴──┴──┴──┴──┴──┴──┴──┘\n"
        "四、政府信息公开行政复议、行政诉讼情况\n";
    EQ_INT(value_of(text, "t3.partly_disclosed.total", NULL, NULL), 18);
    EQ_INT(value_of(text, "t3.withheld_third_party.total", NULL, NULL), 3);
    EQ_INT(value_of(text, "t3.withheld_third_party.natural_person", NULL, NULL), 1);
    /* w3m at 30 columns: the row label 2.没有… and the group label （四）无法 one character a line,
     * side by side, above and below the numbers: two cells, not interleaved characters */
    const char *narrow = T3_HEAD
        "│  │  │1.本机关不掌握相关政府信息│6 │0 │0 │0 │0 │3 │9  │\n"
        "│  │  ├──┼──┼──┼──┼──┼──┼──┼───┤\n"
        "│  │  │2.│  │  │  │  │  │  │   │\n"
        "│  │  │没│  │  │  │  │  │  │   │\n"
        "│  │（│有│  │  │  │  │  │  │   │\n"
        "│  │四│现│  │  │  │  │  │  │   │\n"
        "│  │）│成│  │  │  │  │  │  │   │\n"
        "│  │无│信│  │  │  │  │  │  │   │\n"
        "│  │法│息│3 │0 │0 │0 │0 │1 │4  │\n"
        "│  │提│需│  │  │  │  │  │  │   │\n"
        "│  │供│要│  │  │  │  │  │  │   │\n"
        "│  │  │另│  │  │  │  │  │  │   │\n"
        "│  │  │行│  │  │  │  │  │  │   │\n"
        "│  │  │制│  │  │  │  │  │  │   │\n"
        "│  │  │作│  │  │  │  │  │  │   │\n"
        "│  │  ├──┼──┼──┼──┼──┼──┼──┼───┤\n"
        "四、政府信息公开行政复议、行政诉讼情况\n";
    EQ_INT(value_of(narrow, "t3.unavailable_needs_making.total", NULL, NULL), 4);
    EQ_INT(value_of(narrow, "t3.unavailable_needs_making.other_org", NULL, NULL), 1);
    EQ_INT(value_of(narrow, "t3.unavailable_not_held.total", NULL, NULL), 9);
    /* elinks: the group label 三、本年度办理结果 starts beside a row whose label opened a line above */
    const char *beside = T3_HEAD
        "   │         │         │ 1.本机关不掌  │        │        │        │        │      │      │      │\n"
        "   │         │         │ 握相关政府信  │ 6      │ 0      │ 0      │ 0      │ 0    │ 3    │ 9    │\n"
        "   │         │ （四）  ├───────────────┼────────┼────────┼────────┼────────┼──────┼──────┼──────┤\n"
        "   │         │ 无法提  │ 2.没有现成信  │        │        │        │        │      │      │      │\n"
        "   │ 三、本  │ 供      │ 息需要另行制  │ 3      │ 0      │ 0      │ 0      │ 0    │ 1    │ 4    │\n"
        "   │ 年度办  │         │ 作            │        │        │        │        │      │      │      │\n"
        "   │ 理结果  │         ├───────────────┼────────┼────────┼────────┼────────┼──────┼──────┼──────┤\n"
        "   │         │         │ 3.补正后申请  │ 3      │ 2      │ 0      │ 0      │ 0    │ 0    │ 5    │\n"
        "   │         │         │ 内容仍不明确  │        │        │        │        │      │      │      │\n"
        "   │         ├─────────┼───────────────┼────────┼────────┼────────┼────────┼──────┼──────┼──────┤\n"
        "四、政府信息公开行政复议、行政诉讼情况\n";
    EQ_INT(value_of(beside, "t3.unavailable_needs_making.total", NULL, NULL), 4);
    EQ_INT(value_of(beside, "t3.unavailable_unclear.total", NULL, NULL), 5);
    /* Markdown rows have no rule between them: a label line under a row is no wrapped label */
    nb_doc *d = laid_out(T2_HEAD "信息内容| 本年制发件数| 本年废止件数| 现行有效件数\n规章| 1| 0| 6\n"
                         "信息内容| 本年处理决定数量\n行政许可| 5\n三、收到和处理政府信息公开申请情况\n");
    const nb_table *t = first_table(d);
    EQ_STR(cell(t, 0, 4), "规章"); /* the header's labels run into the first row, as before */
    EQ_STR(cell(t, 1, 0), "信息内容");
    nb_doc_free(d);
}

/* get_text() / text_content(): each row's cells glued to its label ("规章106"): the digits are one
 * run cut by the identities; table 4 is a lone line of 15 digits. A run with several cuts and no
 * identity (table 2: "9349" is 9 3 49, 9 34 9 or 93 4 9) is null, the row named. */
static void glued_cells(void)
{
    const char *t2 = T2_HEAD "第二十条第（一）项\n信息内容本年制发件数本年废止件数现行有效件数\n规章106\n"
                     "行政规范性文件9349\n第二十条第（八）项\n信息内容本年收费金额（单位：万元）\n行政事业性收费12.6\n"
                     "三、收到和处理政府信息公开申请情况\n";
    char hit = 0;
    EQ_INT(value_of(t2, "t2.rules.issued", NULL, NULL), 1);
    EQ_INT(value_of(t2, "t2.rules.in_force", NULL, NULL), 6);
    EQ_INT(value_of(t2, "t2.normative.issued", &hit, "t2.normative.issued: glued digits"), -1);
    OK(hit);
    OK(value_of(t2, "t2.fees.amount", NULL, NULL) == 12.6);
    const char *t3 = T3_HEAD "一、本年新收政府信息公开申请数量169030533\n二、上年结转政府信息公开申请数量2101015\n"
                     "四、政府信息公开行政复议、行政诉讼情况\n行政复议行政诉讼\n结果维持结果纠正其他结果尚未审结总计\n"
                     "000000000000033\n五、存在的主要问题及改进情况\n";
    EQ_INT(value_of(t3, "t3.carried_in.total", NULL, NULL), 5);
    EQ_INT(value_of(t3, "t4.suit_after_review.pending", NULL, NULL), 3);
    EQ_INT(value_of(t3, "t4.review.total", NULL, NULL), 0);
    /* prose wrapped at a fixed width (w3m -cols 30): digits at a line's end, their unit opening the
     * next line, are no glued cells: no table is made of them */
    nb_doc *p = laid_out("（四）平台建设情况\n持续优化专栏，全年网站访问量达84\n万人次，全年发布信息达312\n"
                         "条，解读政策12\n篇，均按规定公开\n");
    OK(p && first_table(p) == NULL);
    nb_doc_free(p);
    /* a colon or 第 before digits is no glued cell: no table is made of chrome */
    nb_doc *d = laid_out("浏览次数：600\n第3\n发布时间：2024-01-23\n");
    OK(d && first_table(d) == NULL);
    nb_doc_free(d);
}

/* pdftotext -layout, 18 pt in narrow cells: 12 and 20 wrapped at the top of their cells, the lower
 * pieces two lines down, a group label's character ("（") between: the row may not be read as
 * printed (1 ... 8 2), its identity decides, and 1+8 != 2: null, the row named. */
static void layout_group_char_between(void)
{
    const char *text = T3_HEAD
        "    8.属于行政查 2 0 0 0 0 0 2\n"
        "    询事项\n"
        "    1.本机关不掌 1 0 0 0 0 8 2\n"
        "（\n"
        "    握相关政府信 2             0\n"
        "四\n"
        "    息\n"
        "）\n"
        "    2.没有现成信 2 2 0 0 0 2 6\n"
        "四、政府信息公开行政复议、行政诉讼情况\n";
    char hit = 0;
    EQ_INT(value_of(text, "t3.unavailable_not_held.natural_person", &hit, "t3 row unavailable_not_held"), -1);
    OK(hit);
    EQ_INT(value_of(text, "t3.unavailable_not_held.total", NULL, NULL), -1);
    EQ_INT(value_of(text, "t3.unavailable_needs_making.total", NULL, NULL), 6);
}

/* A drawn or Markdown row with a cell left blank among its numbers, or printed "—": the cell holds its
 * column's place and is null; the identities never fill it (the row's sum in a blank total). */
static void drawn_blank_cells(void)
{
    const char *w3m = T2_HEAD
        "┌──────────────┬────────────┬────────────┬────────────┐\n"
        "│信息内容      │本年制发件数│本年废止件数│现行有效件数│\n"
        "├──────────────┼────────────┼────────────┼────────────┤\n"
        "│规章          │            │2           │6           │\n"
        "├──────────────┼────────────┼────────────┼────────────┤\n"
        "│行政规范性文件│9           │——          │49          │\n"
        "└──────────────┴────────────┴────────────┴────────────┘\n"
        "三、收到和处理政府信息公开申请情况\n";
    EQ_INT(value_of(w3m, "t2.rules.issued", NULL, NULL), -1);
    EQ_INT(value_of(w3m, "t2.rules.repealed", NULL, NULL), 2);
    EQ_INT(value_of(w3m, "t2.normative.repealed", NULL, NULL), -1);
    EQ_INT(value_of(w3m, "t2.normative.in_force", NULL, NULL), 49);
    const char *md = T3_HEAD "（三）不予公开| 1.属于国家秘密| 3| | 0| 0| 0| 0| 3  \n"
                     "2.其他法律行政法规禁止公开| 2| 0| 0| 0| 0| 0| \n"
                     "3.危及“三安全一稳定”| 1| 0| 0| 0| 0| 0| 1  \n"
                     "四、政府信息公开行政复议、行政诉讼情况\n";
    EQ_INT(value_of(md, "t3.withheld_state_secret.commercial", NULL, NULL), -1);
    EQ_INT(value_of(md, "t3.withheld_state_secret.research", NULL, NULL), 0);
    EQ_INT(value_of(md, "t3.withheld_state_secret.total", NULL, NULL), 3);
    EQ_INT(value_of(md, "t3.withheld_safety.total", NULL, NULL), 1);
}

int main(void)
{
    drawn_blank_cells();
    layout_group_char_between();
    layout_wrapped();
    layout_single_spaced();
    drawn_rules();
    drawn_wraps();
    glued_cells();
    /* flattened: a label wrapped over two lines, its numbers over two more; a group label split */
    nb_doc *d = laid_out("三、收到和处理政府信息公开申请情况\n\n"
                         "（二）部分公开（区分处理的，只计这一情形，\n\n不计其他情形）\n0 1 2 3 4 5\n\n15\n\n"
                         "（三）不\n\n予公开\n\n1.属于国家秘密 0 0 0 0 0 0 0\n\n"
                         "四、政府信息公开行政复议、行政诉讼情况\n");
    const nb_table *t = first_table(d);
    OK(t != NULL);
    EQ_INT(t ? t->nrows : 0, 2);
    EQ_STR(cell(t, 0, 0), "（二）部分公开（区分处理的，只计这一情形，不计其他情形）");
    EQ_INT(numbers(t, 0), 7);
    EQ_STR(cell(t, 0, 7), "15");
    EQ_STR(cell(t, 1, 0), "（三）不予公开");
    EQ_STR(cell(t, 1, 1), "1.属于国家秘密");
    EQ_INT(numbers(t, 1), 7);
    OK(d && d->nblocks == 3); /* heading, table, heading */
    nb_doc_free(d);

    /* one cell per line ending in '|' (traditional script on the way in) */
    d = laid_out("三、收到和處理政府信息公開申請情況\n(三)不予公開 |\n1.屬於國家秘密 |\n1 |\n0 |\n0 |\n0 |\n0 |\n0 |\n1 |\n"
                 "2.其他法律行政法規禁止公開 |\n0 |\n0 |\n0 |\n0 |\n0 |\n0 |\n0 | ||\n");
    t = first_table(d);
    EQ_INT(t ? t->nrows : 0, 2);
    EQ_STR(cell(t, 0, 0), "(三)不予公开");
    EQ_STR(cell(t, 0, 1), "1.属于国家秘密");
    EQ_INT(numbers(t, 0), 7);
    EQ_STR(cell(t, 1, 0), "2.其他法律行政法规禁止公开");
    EQ_INT(numbers(t, 1), 7);
    nb_doc_free(d);

    /* one cell per tab-indented line, a blank line between rows */
    d = laid_out("二、主动公开政府信息情况\n\t信息内容\n\t本年制发件数\n\t本年废止件数\n\t现行有效件数\n\n"
                 "\t规章\n\t1\n\t0\n\t4\n\n\t行政规范性文件\n\t2\n\t3\n\t9\n\n");
    t = first_table(d);
    EQ_INT(t ? t->nrows : 0, 3);
    EQ_STR(cell(t, 1, 0), "规章");
    EQ_STR(cell(t, 1, 3), "4");
    EQ_STR(cell(t, 2, 0), "行政规范性文件");
    EQ_STR(cell(t, 2, 2), "3");
    nb_doc_free(d);

    /* tab rows with an empty leading cell keep their positions */
    d = laid_out("前言。\n规章\t0\t0\t0\n\t(三) 不予公开\t1. 属于国家秘密\t0\t0\n\n后记。\n");
    t = first_table(d);
    EQ_INT(t ? t->nrows : 0, 2);
    EQ_STR(cell(t, 1, 1), "(三) 不予公开");
    EQ_STR(cell(t, 1, 2), "1. 属于国家秘密");
    nb_doc_free(d);

    /* running page numbers between lines vanish, also inside a wrapped paragraph */
    d = laid_out("一、总体情况\n我局坚持以习近平新时代\n-3-\n中国特色社会主义思想为指导。\n第 4 页\n2/12\n");
    OK(d && d->nblocks == 2);
    if (d && d->nblocks == 2)
        EQ_STR(d->blocks[1].text, "我局坚持以习近平新时代中国特色社会主义思想为指导。");
    nb_doc_free(d);

    /* prose wrapped over lines joins into one paragraph; headings stay apart */
    d = laid_out("一、总体情况\n\n我局坚持以习近平新时代中国特色社会主义思想\n\n为指导，深入学习。\n（一）主动公开情况\n");
    OK(d && d->nblocks == 3);
    if (d && d->nblocks == 3)
        EQ_STR(d->blocks[1].text, "我局坚持以习近平新时代中国特色社会主义思想为指导，深入学习。");
    nb_doc_free(d);
    DONE();
}
