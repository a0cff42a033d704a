/* test_crawler.c - crawler text (issue 14): the digit-run splitter on the issue's runs, and the
 * whole pipeline on corpus/text/crawler_issue_a.txt with single runs changed: ambiguous rows null
 * with a warning naming the row, a unique run read as printed even when the checks then fail. */
#include "cli.h"
#include "harness.h"
#include "layout.h"

#include <stdlib.h>

/* ---- the splitter ------------------------------------------------------------------------ */

static int split_is(const char *text, int n, int g, const char *want)
{
    nb_run run;
    double v[16 * 15];
    char got[256] = "";
    if (!nb_run_parse(text, strlen(text), &run) || nb_run_splits(&run, n, g, v, 16) != 1)
        return 0;
    for (int i = 0; i < n; i++)
        snprintf(got + strlen(got), sizeof got - strlen(got), "%s%g", i ? " " : "", v[i]);
    if (strcmp(got, want))
        fprintf(stderr, "split of '%s': got '%s', want '%s'\n", text, got, want);
    return !strcmp(got, want);
}

static long ways(const char *text, int n)
{
    nb_run run;
    return nb_run_parse(text, strlen(text), &run) ? nb_run_count(&run, n) : -1;
}

static void test_splitter(void)
{
    EQ_INT(ways("3000003", 7), 1); /* seven digits, seven cells: one cut */
    OK(split_is("3000003", 7, 0, "3 0 0 0 0 0 3"));
    EQ_INT(ways("10 0 0 0 01", 7), 1); /* the spaces are only hints: 01 is no number */
    OK(split_is("10 0 0 0 01", 7, 0, "1 0 0 0 0 0 1"));
    OK(ways("291000030", 7) > 1);
    OK(split_is("291000030", 7, 7, "29 1 0 0 0 0 30")); /* the row total decides */
    OK(split_is("8 0 0 0 0 0 8", 7, 7, "8 0 0 0 0 0 8"));
    EQ_INT(ways("6856", 3), 3); /* 6 8 56, 6 85 6, 68 5 6 */
    nb_run run;
    double v[16 * 3], sp[3];
    OK(nb_run_parse("6856", 4, &run));
    EQ_INT(nb_run_splits(&run, 3, 0, v, 16), 3);
    OK(!nb_run_spaced(&run, 3, sp));
    OK(nb_run_parse("6 8 56", 6, &run) && nb_run_spaced(&run, 3, sp) && sp[2] == 56);
    EQ_INT(ways("0325", 3), 2); /* 0 3 25, 0 32 5: no leading zeros */
    EQ_INT(ways("1.25", 1), 1);
    EQ_INT(ways("1.25", 2), 1); /* only 1.2 5: "1." and ".25" are no numbers */
    OK(split_is("000000000000000", 15, 5, "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0"));
    OK(split_is("1203511000", 15, 5, "") == 0); /* too few digits for 15 cells */
    /* table 4: each group of five ends in its total */
    OK(ways("10200120000010001", 15) > 1);
    OK(split_is("10200120000010001", 15, 5, "10 2 0 0 12 0 0 0 0 0 1 0 0 0 1"));
    OK(!nb_run_parse("12a3", 4, &run));
    OK(!nb_run_parse("", 0, &run));
    /* a hostile run: 200 digits into 15 cells is bounded, not hung */
    char big[201];
    memset(big, '1', 200);
    big[200] = 0;
    OK(nb_run_parse(big, 200, &run));
    OK(nb_run_splits(&run, 15, 5, v, 1) <= 2);
}

/* ---- the pipeline ------------------------------------------------------------------------ */

static nb_report *run_text(const char *text)
{
    nb_err err;
    return text ? nb_process_mem(text, strlen(text), "crawler.txt", &err) : NULL;
}

static double val(const nb_report *r, const char *id, int *have)
{
    int i = nb_field_index(id);
    *have = r->have[i];
    return r->values[i];
}

static int row_is(const nb_report *r, const char *row, const double *want)
{
    static const char *const cols[] = {"natural_person", "commercial", "research", "public_interest",
                                       "legal_service", "other_org", "total"};
    for (int c = 0; c < 7; c++) {
        char id[80];
        int have;
        snprintf(id, sizeof id, "t3.%s.%s", row, cols[c]);
        double v = val(r, id, &have);
        if (want ? !have || v != want[c] : have)
            return 0;
    }
    return 1;
}

static int warned(const nb_report *r, const char *a, const char *b)
{
    for (size_t i = 0; i < r->doc->nwarnings; i++)
        if (strstr(r->doc->warnings[i], a) && strstr(r->doc->warnings[i], b))
            return 1;
    return 0;
}

static nb_check_state check(const nb_report *r, const char *rule)
{
    for (size_t i = 0; i < r->nchecks; i++)
        if (!strcmp(r->checks[i].rule, rule))
            return r->checks[i].ok;
    return NB_CHECK_MISSING;
}

static void test_issue_file(const char *doc)
{
    nb_report *r = run_text(doc);
    OK(r != NULL);
    if (!r)
        return;
    EQ_STR(r->agency, "凯里市司法局");
    EQ_INT(r->year, 2024);
    static const char *const titles[6] = {"总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
                                          "政府信息公开行政复议、行政诉讼情况", NULL, NULL};
    for (int n = 0; n < 6; n++)
        OK(r->sections[n].title && (!titles[n] || !strcmp(r->sections[n].title, titles[n])));
    OK(r->sections[0].text && !strncmp(r->sections[0].text, "2024年，", strlen("2024年，")));
    OK(r->sections[1].text && !strstr(r->sections[1].text, "规章")); /* tables are not prose */
    OK(!strstr(r->sections[5].text, "微信"));
    double new_row[7] = {29, 1, 0, 0, 0, 0, 30}, cin[7] = {1, 0, 0, 0, 0, 0, 1};
    double disclosed[7] = {8, 0, 0, 0, 0, 0, 8}, partly[7] = {3, 0, 0, 0, 0, 0, 3};
    double not_held[7] = {19, 1, 0, 0, 0, 0, 20};
    OK(row_is(r, "new", new_row));
    OK(row_is(r, "carried_in", cin));
    OK(row_is(r, "disclosed", disclosed));
    OK(row_is(r, "partly_disclosed", partly));
    OK(row_is(r, "unavailable_not_held", not_held)); /* 19 1 … 20 or 1 9 10 … 20: the column sums */
    OK(warned(r, "unavailable_not_held", "across rows"));
    int have;
    EQ_INT(val(r, "t2.normative.in_force", &have), 5);
    OK(have);
    EQ_INT(nb_report_failed(r), 0);
    nb_report_free(r);
}

static void test_changed_runs(const char *doc)
{
    /* table 2 has no identity: 6856 stays null, with a warning naming the row */
    char *text = nb_t_replace(doc, "行政规范性文件005", "行政规范性文件6856");
    nb_report *r = run_text(text);
    int have = 1;
    OK(r && (val(r, "t2.normative.issued", &have), !have) && warned(r, "t2.normative.issued", "6856"));
    nb_report_free(r), free(text);
    /* one possible cut: read as printed, and the checks fail (the finding) */
    text = nb_t_replace(doc, "3000003", "3000000");
    r = run_text(text);
    double printed[7] = {3, 0, 0, 0, 0, 0, 0};
    OK(r && row_is(r, "partly_disclosed", printed));
    OK(r && check(r, "t3.applicants_sum.partly_disclosed") == NB_CHECK_FAIL);
    /* the result rows no longer add up: 191000020 (19 1 … 20 or 1 9 10 … 20) is not decided by them */
    OK(r && row_is(r, "unavailable_not_held", NULL) && warned(r, "unavailable_not_held", "cuts"));
    nb_report_free(r), free(text);
    /* several cuts, none adding up: null, never repaired into another reading */
    text = nb_t_replace(doc, "291000030", "291000031");
    r = run_text(text);
    OK(r && row_is(r, "new", NULL) && warned(r, "t3 row new", "291000031"));
    nb_report_free(r), free(text);
    /* spaces printing every cut but breaking the row's identity while other cuts exist: null */
    text = nb_t_replace(doc, "291000030", "29 1 0 0 0 0 31");
    r = run_text(text);
    OK(r && row_is(r, "new", NULL) && warned(r, "t3 row new", "spacing"));
    nb_report_free(r), free(text);
    /* no-break and doubled spaces between cells are blanks like any other */
    text = nb_t_replace(doc, "8 0 0 0 0 0 8", "8\xC2\xA0" "0  0 0\xE3\x80\x80" "0 0 8");
    r = run_text(text);
    double eight[7] = {8, 0, 0, 0, 0, 0, 8};
    OK(r && row_is(r, "disclosed", eight));
    nb_report_free(r), free(text);
    /* a blank after the numbering, ASCII brackets around a sub-heading's number */
    text = nb_t_replace(doc, "一、总体情况", "一、 总体情况");
    char *text2 = text ? nb_t_replace(text, "（二）依申请公开情况", "(二) 依申请公开情况") : NULL;
    r = run_text(text2);
    OK(r && r->sections[0].title && !strcmp(r->sections[0].title, "总体情况"));
    int subs = 0;
    for (size_t i = 0; r && i < r->doc->nblocks; i++)
        subs += r->doc->blocks[i].text && !strcmp(r->doc->blocks[i].text, "(二) 依申请公开情况");
    EQ_INT(subs, 1); /* its own paragraph */
    nb_report_free(r), free(text), free(text2);
    /* "二、主动公开政府信息…" inside a list of section 1 is no heading */
    text = nb_t_replace(doc, "（一）主动公开情况", "二、主动公开政府信息更加及时。（一）主动公开情况");
    r = run_text(text);
    OK(r && r->sections[0].text && strstr(r->sections[0].text, "更加及时"));
    OK(r && r->sections[1].title && !strcmp(r->sections[1].title, "主动公开政府信息情况"));
    nb_report_free(r), free(text);
}

/* Any text: a row whose cells touch ("3000003" in a tab-separated table) is split the same way. */
static void test_other_text(void)
{
    char *seed = nb_t_slurp("corpus/text/seed_000.txt", NULL);
    char *text = seed ? nb_t_replace(seed, "予以公开\t0\t0\t0\t0\t0\t0\t0", "予以公开\t3000003") : NULL;
    char *text2 = seed ? nb_t_replace(seed, "予以公开\t0\t0\t0\t0\t0\t0\t0", "予以公开\t291000030") : NULL;
    nb_report *r = run_text(text), *r2 = run_text(text2);
    double three[7] = {3, 0, 0, 0, 0, 0, 3}, nine[7] = {29, 1, 0, 0, 0, 0, 30};
    OK(r && row_is(r, "disclosed", three));
    OK(r2 && row_is(r2, "disclosed", nine));
    nb_report_free(r), nb_report_free(r2);
    free(seed), free(text), free(text2);
}

int main(void)
{
    test_other_text();
    test_splitter();
    char *doc = nb_t_slurp("corpus/text/crawler_issue_a.txt", NULL);
    OK(doc != NULL);
    if (doc) {
        test_issue_file(doc);
        test_changed_runs(doc);
    }
    free(doc);
    DONE();
}
