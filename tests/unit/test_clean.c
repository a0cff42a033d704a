/* test_clean.c - the cleaning rules (markup, pinyin glosses, full-width forms, Han spacing,
 * traditional script) and number parsing, each against a hand-written expectation. */
#include "harness.h"
#include "layout.h"

#include <stdlib.h>

static void expect_clean(const char *in, const char *want)
{
    char *out = nb_clean(in, strlen(in), NULL);
    EQ_STR(out, want);
    free(out);
}

int main(void)
{
    expect_clean("[bookmark: _GoBack]本报告按照", "本报告按照");
    expect_clean("相比去年减少2件。[image: IMG_256]", "相比去年减少2件。");
    expect_clean("**一是**培训交流", "一是培训交流");
    expect_clean("下载(<https://www.nxzw.gov.cn/>)。", "下载(https://www.nxzw.gov.cn/)。");
    expect_clean("渝中區(qū)司法局嚴(yán)格落實(shí)", "渝中区司法局严格落实");
    expect_clean("項(xiàng)目", "项目");
    expect_clean("本年(a)数", "本年(a)数"); /* no tone mark: not a gloss */
    expect_clean("共１２３条", "共123条");
    expect_clean("１２．５", "12.5");
    expect_clean("政府信息公开工作 年度报告", "政府信息公开工作年度报告");
    expect_clean("结果 维持", "结果维持");
    expect_clean("规章 0 0 0", "规章 0 0 0"); /* spaces between numbers separate cells */
    expect_clean("總計", "总计");
    expect_clean("行政規範性文件", "行政规范性文件");

    char prose[] = "惠农区司法局 2024 年政府信息公开";
    size_t n = nb_tighten(prose, strlen(prose), 1);
    EQ_STR(prose, "惠农区司法局2024年政府信息公开");
    EQ_INT(n, strlen("惠农区司法局2024年政府信息公开"));
    char cells[] = "规章 0 0 0";
    nb_tighten(cells, strlen(cells), 0);
    EQ_STR(cells, "规章 0 0 0");

    double v = -1;
    OK(nb_parse_number("0", 1, &v) && v == 0);
    OK(nb_parse_number(" 12 ", 4, &v) && v == 12);
    OK(nb_parse_number("1.25", 4, &v) && v == 1.25);
    OK(nb_parse_number("1,200", 5, &v) && v == 1200);
    OK(!nb_parse_number("1.", 2, &v));
    OK(!nb_parse_number("3.其他", strlen("3.其他"), &v));
    OK(!nb_parse_number("", 0, &v));
    OK(!nb_parse_number("2024年", strlen("2024年"), &v));

    EQ_INT(nb_numbering_level("一、总体情况", strlen("一、总体情况")), 1);
    EQ_INT(nb_numbering_level("（一）予以公开", strlen("（一）予以公开")), 2);
    EQ_INT(nb_numbering_level("(三) 不予公开", strlen("(三) 不予公开")), 2);
    EQ_INT(nb_numbering_level("1.属于国家秘密", strlen("1.属于国家秘密")), 3);
    EQ_INT(nb_numbering_level("1.5万元", strlen("1.5万元")), 0);
    EQ_INT(nb_numbering_level("一是加强", strlen("一是加强")), 0);
    DONE();
}
