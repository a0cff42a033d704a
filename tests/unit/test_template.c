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

int main(void)
{
    header_order();
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
