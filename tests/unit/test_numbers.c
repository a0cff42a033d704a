/* test_numbers.c - numbers read and printed (issue 10, item 5): counts are whole numbers printed with
 * every digit, what a count cannot be (a fraction, a misplaced thousands separator, over 2^53) is
 * null with a warning naming the row, and a fee keeps every printed decimal in JSON and CSV. */
#include "cli.h"
#include "harness.h"
#include "layout.h"

#include <math.h>
#include <stdlib.h>

static void parsing(void)
{
    double v = -1;
    EQ_INT(nb_parse_number("1,234", 5, &v), NB_NUM_INT);
    OK(v == 1234);
    EQ_INT(nb_parse_number("1,234,567.5", 11, &v), NB_NUM_FRAC);
    OK(v == 1234567.5);
    EQ_INT(nb_parse_number("1,2345", 6, &v), NB_NUM_BAD); /* never 12345 */
    OK(isnan(v));
    EQ_INT(nb_parse_number("12,34", 5, &v), NB_NUM_BAD);
    EQ_INT(nb_parse_number("1234,567", 8, &v), NB_NUM_BAD);
    EQ_INT(nb_parse_number("1,23,456", 8, &v), NB_NUM_BAD);
    EQ_INT(nb_parse_number("9007199254740992", 16, &v), NB_NUM_INT); /* 2^53 is still exact */
    OK(v == 9007199254740992.0);
    EQ_INT(nb_parse_number("9007199254740993", 16, &v), NB_NUM_BAD); /* would read as 2^53 */
    EQ_INT(nb_parse_number("123456789012345678901234567890", 30, &v), NB_NUM_BAD);
    EQ_INT(nb_parse_number("24252.311082", 12, &v), NB_NUM_FRAC);
    OK(v == strtod("24252.311082", NULL)); /* correctly rounded, not accumulated digit by digit */
    EQ_INT(nb_parse_number("0.1", 3, &v), NB_NUM_FRAC);
    OK(v == 0.1);
    EQ_INT(nb_parse_number("1.5", 3, &v), NB_NUM_FRAC);
    EQ_INT(nb_parse_number("1.", 2, &v), NB_NUM_NONE); /* a list marker, not a number */
    EQ_INT(nb_parse_number("1.2.3", 5, &v), NB_NUM_NONE);
    EQ_INT(nb_parse_number(",123", 4, &v), NB_NUM_NONE);
    EQ_INT(nb_parse_number("12a", 3, &v), NB_NUM_NONE);
}

static const char *fmt(double v)
{
    static char s[32];
    return nb_fmt_number(v, s);
}

static void printing(void)
{
    EQ_STR(fmt(1e15), "1000000000000000");
    EQ_STR(fmt(9007199254740992.0), "9007199254740992");
    EQ_STR(fmt(24252.311082), "24252.311082");
    EQ_STR(fmt(0.1), "0.1");
    EQ_STR(fmt(1.5), "1.5");
    EQ_STR(fmt(0), "0");
    EQ_STR(fmt(-0.0), "0");
    EQ_STR(fmt(123456789.25), "123456789.25");
    EQ_STR(fmt(NAN), "null");
    for (double x = 0.001; x < 1e6; x = x * 7.3 + 0.013) /* shortest form reads back exactly */
        OK(strtod(fmt(x), NULL) == x);
}

static int has_warning(const nb_report *r, const char *a, const char *b)
{
    for (size_t i = 0; i < r->doc->nwarnings; i++)
        if (strstr(r->doc->warnings[i], a) && strstr(r->doc->warnings[i], b))
            return 1;
    return 0;
}

/* Runs seed 000 with one cell changed; returns the report (caller frees). */
static nb_report *run_changed(const char *seed, const char *from, const char *to)
{
    char *text = nb_t_replace(seed, from, to);
    OK(text != NULL);
    if (!text)
        return NULL;
    nb_err err = {0};
    nb_report *r = nb_process_mem(text, strlen(text), "mem.txt", &err);
    free(text);
    OK(r != NULL);
    return r;
}

static int have(const nb_report *r, const char *id) { return r->have[nb_field_index(id)]; }
static double val(const nb_report *r, const char *id) { return r->values[nb_field_index(id)]; }

static void in_records(const char *seed)
{
    nb_report *r = run_changed(seed, "行政事业性收费\t0", "行政事业性收费\t24252.311082");
    if (r) {
        nb_buf out = NB_BUF_INIT;
        nb_write_json(r, &out, 1);
        OK(strstr(nb_buf_cstr(&out), "\"t2.fees.amount\": 24252.311082,") != NULL);
        nb_buf_clear(&out);
        nb_write_csv(r, &out, 0);
        OK(strstr(nb_buf_cstr(&out), ",t2.fees.amount,24252.311082\n") != NULL);
        nb_buf_free(&out);
        nb_report_free(r);
    }
    r = run_changed(seed, "行政许可\t0", "行政许可\t1000000000000000");
    if (r) {
        nb_buf out = NB_BUF_INIT;
        nb_write_json(r, &out, 0);
        OK(strstr(nb_buf_cstr(&out), "\"t2.license.decisions\":1000000000000000,") != NULL);
        nb_buf_free(&out);
        nb_report_free(r);
    }
    static const struct {
        const char *printed, *field, *why;
    } bad[] = {
        {"9007199254740993", "t2.license.decisions", "over 2^53"},
        {"1,2345", "t2.license.decisions", "misplaced thousands separator"},
        {"1.5", "t2.license.decisions", "not a whole count"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char to[64];
        snprintf(to, sizeof to, "行政许可\t%s", bad[i].printed);
        r = run_changed(seed, "行政许可\t0", to);
        if (!r)
            continue;
        OK(!have(r, bad[i].field));
        OK(has_warning(r, bad[i].field, bad[i].why));
        OK(have(r, "t2.penalty.decisions")); /* the rest of the table is still read */
        nb_report_free(r);
    }
    r = run_changed(seed, "行政许可\t0", "行政许可\t1,234");
    if (r) {
        OK(have(r, "t2.license.decisions") && val(r, "t2.license.decisions") == 1234);
        nb_report_free(r);
    }
    /* a fraction in a table-3 row: that cell null with a warning naming the row */
    r = run_changed(seed, "一、本年新收政府信息公开申请数量\t\t0\t0", "一、本年新收政府信息公开申请数量\t\t2.5\t0");
    if (r) {
        OK(!have(r, "t3.new.natural_person"));
        OK(has_warning(r, "t3 row new", "not a whole count"));
        OK(have(r, "t3.new.commercial"));
        nb_report_free(r);
    }
}

int main(void)
{
    parsing();
    printing();
    char *seed = nb_t_slurp("corpus/text/seed_000.txt", NULL);
    OK(seed != NULL);
    if (seed)
        in_records(seed);
    free(seed);
    DONE();
}
