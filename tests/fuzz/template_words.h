/* template_words.h - the cell-text vocabulary of fuzz_template and its seed writer (shared, so a
 * seed's word numbers mean the same words in both): fixed extras, then the 200 labels split at spaces. */
#ifndef NB_FUZZ_TEMPLATE_WORDS_H
#define NB_FUZZ_TEMPLATE_WORDS_H

#include "tables.h"

#include <string.h>

#define MAX_WORDS 1024
/* Grid encoding (see fuzz_template.c): a span byte that means "no cell here" (a merged-over or empty
 * position), and the caps on rows and columns of one fuzzed table. */
#define TW_HOLE 0x3F
#define TW_MAX_ROWS 40
#define TW_MAX_COLS 16

static const char *words[MAX_WORDS];
static size_t nwords;
static const char *const extra[] = {
    "", "0", "1", "12", "-", "/", "无", "0.5", "1,234", "１２", "（一）", "三、本年度办理结果", "总计",
    "申请人情况", "法人或其他组织", "信息内容", "行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果",
    "尚未审结", "复议后起诉", "未经复议直接起诉", "一、总体情况", "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况", "2024年", "某某县司法局",
};

static void add_words(void)
{
    for (size_t i = 0; i < sizeof extra / sizeof extra[0] && nwords < MAX_WORDS; i++)
        words[nwords++] = extra[i];
    for (int f = 0; f < NB_NVALUES; f++) {
        const char *s = nb_fields[f].label;
        while (*s && nwords < MAX_WORDS) {
            size_t n = strcspn(s, " ");
            char *w = strndup(s, n);
            if (w)
                words[nwords++] = w; /* kept for the process lifetime */
            s += n + (s[n] == ' ');
        }
    }
}

#endif
