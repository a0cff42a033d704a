/* test_labels.c - row labels to template rows by scored match: typos, reordered and truncated
 * wordings, group context, a group printed as one row, and labels that must name no row. */
#include "cli.h"
#include "tables.h"
#include "harness.h"

/* The t3 row key a label maps to ("" when none), for a row with 7 value cells. */
static const char *t3(const char *label)
{
    nb_label_hit m;
    if (!nb_label_match(label, 1, &m) || m.table != 3)
        return "";
    return nb_t3_row_key(m.row);
}

/* The first t2 field id a label maps to ("" when none), for a row with few value cells. */
static const char *t2(const char *label)
{
    nb_label_hit m;
    if (!nb_label_match(label, 0, &m) || m.table != 2)
        return "";
    return nb_fields[nb_t2_row_first(m.row)].id;
}

static void exact_and_numbered(void)
{
    EQ_STR(t3("一、本年新收政府信息公开申请数量"), "new");
    EQ_STR(t3("二、上年结转政府信息公开申请数量"), "carried_in");
    EQ_STR(t3("三、本年度办理结果（一）予以公开"), "disclosed");
    EQ_STR(t3("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"), "partly_disclosed");
    EQ_STR(t3("（三）不予公开1.属于国家秘密"), "withheld_state_secret");
    EQ_STR(t3("3.危及“三安全一稳定”"), "withheld_safety");
    EQ_STR(t3("5.属于三类内部事务信息"), "withheld_internal");
    EQ_STR(t3("6.属于四类过程性信息"), "withheld_process");
    EQ_STR(t3("（六）其他处理 3.其他"), "other_other");
    EQ_STR(t3("3.其他"), "other_other");
    EQ_STR(t3("（七）总计"), "total");
    EQ_STR(t3("四、结转下年度继续办理"), "carried_out");
    EQ_STR(t3("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"), "other_no_correction");
    EQ_STR(t3("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"), "other_unpaid_fee");
}

/* Typos and variants of wording seen in real reports. */
static void typos_and_variants(void)
{
    EQ_STR(t3("2.其他法律行政止公开"), "withheld_law"); /* hongze2023: 法规禁 lost */
    EQ_STR(t3("（三）不予公开 2.其他法律行政止公开"), "withheld_law");
    EQ_STR(t3("2.其他法律、行政法规禁止公开"), "withheld_law");
    EQ_STR(t3("4.保护第三方合法权利"), "withheld_third_party");
    EQ_STR(t3("1.本机关不掌握相关的政府信息"), "unavailable_not_held");
    EQ_STR(t3("2.没有现成信息，需要另行制作"), "unavailable_needs_making");
    EQ_STR(t3("3.补正后申请内容仍然不明确"), "unavailable_unclear");
    EQ_STR(t3("1.信访、举报、投诉类申请"), "rejected_petition");
    EQ_STR(t3("4.无正当理由大量反复申请的"), "rejected_excessive");
    EQ_STR(t3("5.要求行政机关确认或重新出具已获取的信息"), "rejected_confirm");
    EQ_STR(t3("一、本年新收政府信息公开申请"), "new");
    EQ_STR(t3("一、本年收到政府信息公开申请数量"), ""); /* 本年收到 vs 上年结转: too close to call */
    EQ_STR(t3("（二）部分公开"), "partly_disclosed");
    EQ_STR(t3("3.其它"), "other_other");
    EQ_STR(t3("合计"), "total");
}

/* Words reordered, labels cut short by a lost wrap line, header words before the leaf cell. */
static void reordered_and_truncated(void)
{
    EQ_STR(t3("政府信息公开申请数量本年新收"), "new");
    EQ_STR(t3("结转下年度继续办理四、"), "carried_out");
    EQ_STR(t3("1.本机关不掌握"), "unavailable_not_held");
    EQ_STR(t3("1.申请人无正当理由逾期不补正"), "other_no_correction");
    EQ_STR(t3("2.申请人逾期未按收费通知要求缴纳费用"), "other_unpaid_fee");
    EQ_STR(t3("5.要求行政机关确认或重新出具"), "rejected_confirm");
    EQ_STR(t2("第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数 规章"), "t2.rules.issued");
    EQ_STR(t2("规章"), "t2.rules.issued");
    EQ_STR(t2("行政规范性文件"), "t2.normative.issued");
    EQ_STR(t2("规范性文件"), "t2.normative.issued");
    EQ_STR(t2("第二十条第（五）项 行政许可"), "t2.license.decisions");
    EQ_STR(t2("行政事业性收费"), "t2.fees.amount");
}

/* Group context: a leaf under （三）不予公开 is only compared with that group's rows. */
static void group_context(void)
{
    nb_label_hit m;
    OK(nb_label_match("（五）不予处理 2.重复申请", 1, &m));
    EQ_STR(nb_t3_row_key(m.row), "rejected_repeat");
    OK(nb_label_match("（四）无法提供 1.本机关不掌握相关政府信息", 1, &m));
    EQ_STR(nb_t3_row_key(m.row), "unavailable_not_held");
    /* a group name broken in extraction (其他处理 -> 其他): still the group, the leaf decides */
    OK(nb_label_match("（六）其他2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", 1, &m));
    EQ_STR(nb_t3_row_key(m.row), "other_unpaid_fee");
    OK(nb_label_match("（三）不予 2.其他法律行政法规禁止公开", 1, &m));
    EQ_STR(nb_t3_row_key(m.row), "withheld_law");
    OK(!nb_label_match("（七）总计3.其他", 1, &m) && m.merged);
    /* a row with too few value cells is never a table-3 row */
    OK(!nb_label_match("（七）总计", 0, &m) || m.table != 3);
}

/* A group printed as one row: no template row (its three rows are unknown), the group named. */
static void group_as_one_row(void)
{
    nb_label_hit m;
    OK(!nb_label_match("（六）其他处理", 1, &m));
    OK(m.group >= 0);
    EQ_STR(nb_t3_group_name(m.group), "（六）其他处理");
    EQ_INT(nb_t3_group_rows(m.group), 3);
    OK(!nb_label_match("（三）不予公开", 1, &m));
    EQ_STR(nb_t3_group_name(m.group), "（三）不予公开");
}

/* Prose, other tables' rows and merged labels name no row. */
static void must_not_match(void)
{
    EQ_STR(t3("本年度共收到政府信息公开申请"), "");
    EQ_STR(t3("本机关全年主动公开政府信息"), "");
    EQ_STR(t3("行政复议"), "");
    EQ_STR(t3("政务新媒体"), "");
    EQ_STR(t3("公开出版"), ""); /* 3 bigrams: too short to count as a truncation */
    EQ_STR(t3("信息内容"), "");
    EQ_STR(t3("其他法律"), ""); /* too short to tell 其他 from 其他法律行政法规禁止公开 */
    EQ_STR(t3("收费金额"), "");
    EQ_STR(t3(""), "");
    EQ_STR(t3("123"), "");
    EQ_STR(t2("主动公开政府信息数量"), "");
    EQ_STR(t2("本年发布规范性文件数量"), "t2.normative.issued"); /* the whole wording, padded */
    EQ_STR(t2("政府网站"), "");
    /* two rows' labels merged into one cell (tables drawn without rules): neither row */
    EQ_STR(t2("行政处罚行政强制"), "");
    EQ_STR(t2("规章行政规范性文件"), "");
    EQ_STR(t3("（七）总计3.其他"), "");
    EQ_STR(t3("1.属于国家秘密2.其他法律行政法规禁止公开"), "");
    nb_label_hit m;
    OK(!nb_label_match("行政许可行政处罚", 0, &m) && m.merged);
}

static int warned(const nb_doc *d, const char *what)
{
    for (size_t i = 0; i < d->nwarnings; i++)
        if (strstr(d->warnings[i], what))
            return 1;
    return 0;
}

/* A table-3 grid whose （六）其他处理 group is printed as one row, and whose 2.其他法律… row has a
 * typo: the typo'd row keeps its values, the group row gives none and names itself; nothing
 * "appears twice". */
static void grid_with_group_row(void)
{
    static const char *const labels[] = {
        "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（一）予以公开",
        "（三）不予公开 1.属于国家秘密", "2.其他法律行政止公开", "（六）其他处理", "（七）总计"};
    nb_doc *d = nb_doc_new(NB_FMT_DOCX, "grid.docx");
    nb_table *t = nb_doc_add_table(d);
    static const char *const heads[] = {"自然人", "商业企业", "科研机构", "社会公益组织",
                                        "法律服务机构", "其他", "总计"};
    for (int c = 0; c < 7; c++)
        nb_table_add_cell(d, t, 0, c + 1, 1, 1, heads[c], strlen(heads[c]));
    for (int r = 0; r < 7; r++) {
        nb_table_add_cell(d, t, r + 1, 0, 1, 1, labels[r], strlen(labels[r]));
        for (int c = 0; c < 7; c++) {
            char num[8];
            int n = snprintf(num, sizeof num, "%d", r * 10 + c);
            nb_table_add_cell(d, t, r + 1, c + 1, 1, 1, num, (size_t)n);
        }
    }
    nb_table_finish(t);
    nb_err err = {0};
    nb_report *rep = nb_report_build(d, &err);
    int i = nb_field_index("t3.withheld_law.commercial");
    OK(rep->have[i]);
    EQ_INT(rep->values[i], 41);
    i = nb_field_index("t3.other_other.total");
    OK(!rep->have[i]);
    OK(!rep->have[nb_field_index("t3.other_no_correction.natural_person")]);
    EQ_INT(rep->values[nb_field_index("t3.total.natural_person")], 60);
    OK(warned(rep->doc, "（六）其他处理 printed as one row"));
    OK(!warned(rep->doc, "appears twice"));
    nb_report_free(rep);
}

/* ---- table 4 under odd header merges ------------------------------------------------------- */
typedef struct {
    int row, col, rowspan, colspan;
    const char *text;
} cell_spec;

static const char *const results[5] = {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"};

/* The field values a table-4 grid gives: builds the grid from specs plus the five result headers
 * of each group at (head_row[g], first_col[g]..+4) and a values row at values_row, label first when
 * label is given. nums are the 15 printed numbers in grid-column order. */
static nb_report *t4_grid(const cell_spec *specs, int nspecs, const int head_row[3],
                          const int first_col[3], int values_row, const char *label, const int nums[15])
{
    nb_doc *d = nb_doc_new(NB_FMT_DOCX, "t4.docx");
    nb_table *t = nb_doc_add_table(d);
    for (int i = 0; i < nspecs; i++)
        nb_table_add_cell(d, t, specs[i].row, specs[i].col, specs[i].rowspan, specs[i].colspan,
                          specs[i].text, strlen(specs[i].text));
    for (int g = 0; g < 3; g++)
        for (int k = 0; head_row[g] >= 0 && k < 5; k++)
            nb_table_add_cell(d, t, head_row[g], first_col[g] + k, 1, 1, results[k], strlen(results[k]));
    int off = label ? 1 : 0;
    if (label)
        nb_table_add_cell(d, t, values_row, 0, 1, 1, label, strlen(label));
    for (int c = 0; c < 15; c++) {
        char num[8];
        int n = snprintf(num, sizeof num, "%d", nums[c]);
        nb_table_add_cell(d, t, values_row, c + off, 1, 1, num, (size_t)n);
    }
    nb_table_finish(t);
    nb_err err = {0};
    return nb_report_build(d, &err);
}

static void expect_t4(nb_report *r, const int want[15])
{
    for (int k = 0; k < 15; k++) {
        OK(r->have[NB_T4_FIRST + k]);
        EQ_INT(r->values[NB_T4_FIRST + k], want[k]);
    }
}

static const nb_check *rule(const nb_report *r, const char *name)
{
    for (size_t i = 0; i < r->nchecks; i++)
        if (!strcmp(r->checks[i].rule, name))
            return &r->checks[i];
    return NULL;
}

/* The template's layout, the document's own review total wrong (1+2+0+0 printed as 4): values as
 * printed, and the check names the finding. */
static void t4_template_wrong_total(void)
{
    static const cell_spec h[] = {{0, 0, 2, 5, "行政复议"}, {0, 5, 1, 10, "行政诉讼"},
                                  {1, 5, 1, 5, "未经复议直接起诉"}, {1, 10, 1, 5, "复议后起诉"}};
    static const int nums[15] = {1, 2, 0, 0, 4, 0, 1, 0, 1, 2, 3, 0, 0, 0, 3};
    nb_report *r = t4_grid(h, 4, (const int[]){2, 2, 2}, (const int[]){0, 5, 10}, 3, NULL, nums);
    expect_t4(r, nums);
    const nb_check *k = rule(r, "t4.total.review");
    OK(k && k->ok == NB_CHECK_FAIL);
    k = rule(r, "t4.total.suit_direct");
    OK(k && k->ok == NB_CHECK_OK);
    nb_report_free(r);
}

/* 复议后起诉 printed before 未经复议直接起诉, under one 行政诉讼 header: values go by header. */
static void t4_groups_reordered(void)
{
    static const cell_spec h[] = {{0, 0, 2, 5, "行政复议"}, {0, 5, 1, 10, "行政诉讼"},
                                  {1, 5, 1, 5, "复议后起诉"}, {1, 10, 1, 5, "未经复议直接起诉"}};
    static const int nums[15] = {1, 2, 0, 0, 3, 5, 0, 0, 0, 5, 0, 1, 0, 0, 1};
    static const int want[15] = {1, 2, 0, 0, 3, 0, 1, 0, 0, 1, 5, 0, 0, 0, 5};
    nb_report *r = t4_grid(h, 4, (const int[]){2, 2, 2}, (const int[]){0, 5, 10}, 3, NULL, nums);
    expect_t4(r, want);
    nb_report_free(r);
}

/* The 15 result headers split over two header rows (行政复议's under it, the lawsuits' a row lower),
 * the 行政诉讼 row missing, and the values row labelled 件数. */
static void t4_heads_split_and_labelled(void)
{
    static const cell_spec h[] = {{0, 1, 1, 5, "行政复议"}, {1, 6, 1, 5, "未经复议直接起诉"},
                                  {1, 11, 1, 5, "复议后起诉"}};
    static const int nums[15] = {2, 0, 1, 0, 3, 1, 0, 0, 0, 1, 0, 0, 0, 2, 2};
    nb_report *r = t4_grid(h, 3, (const int[]){1, 2, 2}, (const int[]){1, 6, 11}, 3, "件数", nums);
    expect_t4(r, nums);
    nb_report_free(r);
}

/* No result-header row at all: the 15 numbers in order (the template's order). */
static void t4_no_result_heads(void)
{
    static const cell_spec h[] = {{0, 0, 1, 5, "行政复议"}, {0, 5, 1, 5, "行政诉讼未经复议直接起诉"},
                                  {0, 10, 1, 5, "行政诉讼复议后起诉"}};
    static const int nums[15] = {0, 1, 0, 0, 1, 0, 0, 2, 0, 2, 1, 0, 0, 0, 1};
    nb_report *r = t4_grid(h, 3, (const int[]){-1, -1, -1}, (const int[]){0, 5, 10}, 1, NULL, nums);
    expect_t4(r, nums);
    nb_report_free(r);
}

/* A group row printed with its subtotal above its own sub-rows: the sub-rows keep their values,
 * no warning about the group. */
static void group_subtotal_row(void)
{
    static const char *const labels[] = {"（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                                         "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                                         "3.其他"};
    nb_doc *d = nb_doc_new(NB_FMT_DOCX, "grid.docx");
    nb_table *t = nb_doc_add_table(d);
    for (int r = 0; r < 4; r++) {
        nb_table_add_cell(d, t, r, 0, 1, 1, labels[r], strlen(labels[r]));
        for (int c = 0; c < 7; c++)
            nb_table_add_cell(d, t, r, c + 1, 1, 1, r ? "1" : "3", 1);
    }
    nb_table_finish(t);
    nb_err err = {0};
    nb_report *rep = nb_report_build(d, &err);
    OK(rep->have[nb_field_index("t3.other_other.total")]);
    EQ_INT(rep->values[nb_field_index("t3.other_other.total")], 1);
    OK(!warned(rep->doc, "printed as one row"));
    OK(!warned(rep->doc, "appears twice"));
    nb_report_free(rep);
}

/* End to end on pdftotext -layout text with the hongze typo (其他法律行政止公开): the row keeps its
 * values as printed, and 3.其他 is not claimed twice. */
static void text_typo(void)
{
    char *src = nb_t_slurp("corpus/text/01_pdftotext_layout.txt", NULL);
    OK(src != NULL);
    char *text = src ? nb_t_replace(src, "其他法律行政法规禁止公开", "其他法律行政止公开") : NULL;
    free(src);
    OK(text != NULL);
    if (!text)
        return;
    nb_err err = {0};
    nb_report *r = nb_process_mem(text, strlen(text), "typo.txt", &err);
    free(text);
    OK(r != NULL);
    if (!r)
        return;
    int i = nb_field_index("t3.withheld_law.total");
    OK(r->have[i]);
    EQ_INT(r->values[i], 7); /* as printed: 1 0 0 3 3 0 7 */
    EQ_INT(r->values[nb_field_index("t3.withheld_law.natural_person")], 1);
    OK(!warned(r->doc, "appears twice"));
    nb_report_free(r);
}

/* OCR misreadings (corpus/scan at 150-200 dpi): a character or two wrong keeps the label's length,
 * which the bigram score punishes and the edit share (labels.c step 4b) does not; a misreading as
 * close to two rows names neither. */
static void ocr_misreadings(void)
{
    EQ_STR(t3("三、本年度办理结果(一予以人开"), "disclosed");       /* Dice 0.33, edit 0.75 */
    EQ_STR(t3("二、本理结果年度办《三不予公开2.其他计律行政法规蓉止公开"), "withheld_law");
    EQ_STR(t3("三、本年度办理结果（三）不予公开 1.属于国家和密"), "withheld_state_secret");
    EQ_STR(t3("三、本年度办理结果 部以公开"), ""); /* one off 予以公开 and one off 部分公开 */
    EQ_STR(t3("（五）不予处理 4.无正当理由大量复申请"), "rejected_excessive"); /* not 重复申请 by its end */
    /* numerals OCR read as a doubtful digit and a dash ("?3" for 三, "-" for 一), a quote as "?66" */
    EQ_STR(t3("3.印及?66?3安全-稳定"), "withheld_safety");
    EQ_STR(t3("6.属于?4类过程性信息"), "withheld_process");
    EQ_STR(t3("公开-2"), ""); /* a dash not between two Han characters stays out */
}

int main(void)
{
    ocr_misreadings();
    text_typo();
    group_subtotal_row();
    t4_template_wrong_total();
    t4_groups_reordered();
    t4_heads_split_and_labelled();
    t4_no_result_heads();
    grid_with_group_row();
    exact_and_numbered();
    typos_and_variants();
    reordered_and_truncated();
    group_context();
    group_as_one_row();
    must_not_match();
    DONE();
}
