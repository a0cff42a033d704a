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

/* Issue 10 item 1: invalid UTF-8 grows when repaired (one byte -> U+FFFD, three): cleaning sizes its
 * buffers for what it writes, and hands on valid UTF-8; cuts never split a character. */
static void invalid_utf8(void)
{
    char in[300 + 4];
    memset(in, 0xFF, 300);
    memcpy(in + 300, "\xEF\xBC\x91x", 4); /* full-width 1, then x */
    for (int keep = 0; keep <= 1; keep++) {
        size_t n = 0;
        char *out = nb_clean_ex(in, sizeof in, &n, keep);
        OK(out && n == 300 * 3 + 2 && nb_utf8_valid(out, n));
        OK(out && !memcmp(out + 897, "\xEF\xBF\xBD" "1x", 5));
        free(out);
    }
    const char *han = "\xE4\xB8\x80\xE4\xBA\x8C"; /* 一二 */
    EQ_INT(nb_utf8_cut(han, 6, 5), 3);
    EQ_INT(nb_utf8_cut(han, 6, 4), 3);
    EQ_INT(nb_utf8_cut(han, 6, 3), 3);
    EQ_INT(nb_utf8_cut(han, 6, 2), 0);
    EQ_INT(nb_utf8_cut(han, 6, 6), 6);
    EQ_INT(nb_utf8_cut("ab\xF0\x9F\x98\x80", 6, 5), 2); /* a 4-byte character */
    EQ_INT(nb_utf8_cut("abc", 3, 2), 2);
    OK(!nb_utf8_valid("\xFF\xB1\x82", 3) && !nb_utf8_valid("\xF5\x80\x80\x80", 4)); /* no lead bytes */
    OK(nb_cp_valid(0x10FFFF) && !nb_cp_valid(0x110000) && !nb_cp_valid(0xD800) && !nb_cp_valid(0xDFFF));
    nb_buf b = NB_BUF_INIT;
    EQ_INT(nb_buf_put_utf8(&b, "a\xED\xA0\x80" "b\xC3", 6), 4); /* surrogate (3 bytes) + lone lead */
    OK(nb_utf8_valid(b.ptr, b.len) && b.len == 2 + 4 * 3);
    nb_buf_free(&b);
}

int main(void)
{
    invalid_utf8();
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
    /* cells printed without a number */
    static const char *const marks[] = {"—", "——", " / ", "-", "－", "／", "\xEF\xBF\xBD"};
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
        OK(nb_no_number_mark(marks[i], strlen(marks[i])));
    static const char *const not_marks[] = {"", " ", "无", "0", "-1", "2024-01", "—3", "其他"};
    for (size_t i = 0; i < sizeof not_marks / sizeof not_marks[0]; i++)
        OK(!nb_no_number_mark(not_marks[i], strlen(not_marks[i])));
    OK(nb_has_dash_mark("8.属于行政查询事项/", strlen("8.属于行政查询事项/")));
    OK(!nb_has_dash_mark("（四）无法提供", strlen("（四）无法提供")));
    OK(!nb_has_dash_mark("结\xEF\xBF\xBD", 6));
    EQ_INT(nb_no_number_mark("\xEF\xBF\xBD", 3), NB_MARK_BROKEN);
    EQ_INT(nb_no_number_mark("——", strlen("——")), NB_MARK_DASH);

    EQ_INT(nb_numbering_level("一、总体情况", strlen("一、总体情况")), 1);
    EQ_INT(nb_numbering_level("（一）予以公开", strlen("（一）予以公开")), 2);
    EQ_INT(nb_numbering_level("(三) 不予公开", strlen("(三) 不予公开")), 2);
    EQ_INT(nb_numbering_level("1.属于国家秘密", strlen("1.属于国家秘密")), 3);
    EQ_INT(nb_numbering_level("1.5万元", strlen("1.5万元")), 0);
    EQ_INT(nb_numbering_level("一是加强", strlen("一是加强")), 0);
    DONE();
}
