/* docx_numfmt.c - Word's number formats (w:numFmt) as text: decimal, letters, roman, Chinese
 * counting, heavenly stems, enclosed and full-width digits; unknown formats fall back to decimal. */
#include "docx_internal.h"

#include <stdio.h>
#include <string.h>

static void put_cp(nb_buf *b, unsigned cp)
{
    char u[4];
    nb_buf_put(b, u, (size_t)nb_utf8_encode(cp, u));
}

static void put_nth(nb_buf *b, const char *list, int i)
{
    /* list is a UTF-8 string of 3-byte characters (all CJK here) */
    nb_buf_put(b, list + 3 * i, 3);
}

static void fmt_decimal(nb_buf *b, int v) { nb_buf_printf(b, "%d", v); }
static void fmt_zero(nb_buf *b, int v) { nb_buf_printf(b, "%02d", v); }

static void fmt_fullwidth(nb_buf *b, int v)
{
    char d[16];
    snprintf(d, sizeof d, "%d", v);
    for (char *p = d; *p; p++)
        put_cp(b, *p == '-' ? 0xFF0D : 0xFF10u + (unsigned)(*p - '0'));
}

static void letters(nb_buf *b, int v, char base)
{
    if (v < 1) {
        fmt_decimal(b, v);
        return;
    }
    int reps = (v - 1) / 26 + 1; /* Word: 27 -> aa, 28 -> bb */
    for (int i = 0; i < reps && i < 16; i++)
        nb_buf_putc(b, (char)(base + (v - 1) % 26));
}
static void fmt_lower_letter(nb_buf *b, int v) { letters(b, v, 'a'); }
static void fmt_upper_letter(nb_buf *b, int v) { letters(b, v, 'A'); }

static void roman(nb_buf *b, int v, int lower)
{
    static const struct { int v; const char *s; } r[] = {
        {1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"},
        {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}};
    if (v < 1 || v > 3999) {
        fmt_decimal(b, v);
        return;
    }
    for (size_t i = 0; i < sizeof r / sizeof r[0]; i++)
        for (; v >= r[i].v; v -= r[i].v)
            for (const char *p = r[i].s; *p; p++)
                nb_buf_putc(b, lower ? (char)(*p | 0x20) : *p);
}
static void fmt_lower_roman(nb_buf *b, int v) { roman(b, v, 1); }
static void fmt_upper_roman(nb_buf *b, int v) { roman(b, v, 0); }

/* Chinese counting below 100000: 十一, 二十, 一百零一, 一千零十. Legal forms keep the leading 壹拾. */
static void counting(nb_buf *b, int v, const char *digits, const char *units, int legal)
{
    if (v <= 0 || v >= 100000) {
        fmt_decimal(b, v);
        return;
    }
    int d[5], n = 0, zero = 0;
    for (int x = v; x; x /= 10)
        d[n++] = x % 10;
    for (int i = n - 1; i >= 0; i--) {
        if (d[i] == 0) {
            zero = 1;
            continue;
        }
        if (zero && i < n - 1)
            put_nth(b, digits, 0);
        zero = 0;
        if (!(i == 1 && d[i] == 1 && n == 2 && !legal))
            put_nth(b, digits, d[i]);
        if (i > 0)
            put_nth(b, units, i - 1);
    }
}
static void fmt_chinese(nb_buf *b, int v) { counting(b, v, "零一二三四五六七八九", "十百千万", 0); }
static void fmt_legal_simplified(nb_buf *b, int v)
{
    counting(b, v, "零壹贰叁肆伍陆柒捌玖", "拾佰仟萬", 1);
}
static void fmt_legal_traditional(nb_buf *b, int v)
{
    counting(b, v, "零壹貳參肆伍陸柒捌玖", "拾佰仟萬", 1);
}

static void fmt_ideograph_digital(nb_buf *b, int v)
{
    char d[16];
    snprintf(d, sizeof d, "%d", v);
    for (char *p = d; *p; p++)
        put_nth(b, "〇一二三四五六七八九", *p == '-' ? 0 : *p - '0');
}

static void fmt_stems(nb_buf *b, int v)
{
    if (v < 1) {
        fmt_decimal(b, v);
        return;
    }
    put_nth(b, "甲乙丙丁戊己庚辛壬癸", (v - 1) % 10);
}

static void fmt_zodiac(nb_buf *b, int v)
{
    if (v < 1) {
        fmt_decimal(b, v);
        return;
    }
    put_nth(b, "子丑寅卯辰巳午未申酉戌亥", (v - 1) % 12);
}

/* ①..⑳, ⑴..⒇, ⒈..⒛: twenty glyphs each, decimal beyond. */
static void enclosed(nb_buf *b, int v, unsigned first)
{
    if (v < 1 || v > 20) {
        fmt_decimal(b, v);
        return;
    }
    put_cp(b, first + (unsigned)(v - 1));
}
static void fmt_circle(nb_buf *b, int v) { enclosed(b, v, 0x2460); }
static void fmt_paren(nb_buf *b, int v) { enclosed(b, v, 0x2474); }
static void fmt_fullstop(nb_buf *b, int v) { enclosed(b, v, 0x2488); }

static const struct {
    const char *name;
    void (*fn)(nb_buf *, int);
} formats[] = {
    {"decimal", fmt_decimal},
    {"decimalZero", fmt_zero},
    {"decimalHalfWidth", fmt_decimal},
    {"decimalFullWidth", fmt_fullwidth},
    {"decimalFullWidth2", fmt_fullwidth},
    {"lowerLetter", fmt_lower_letter},
    {"upperLetter", fmt_upper_letter},
    {"lowerRoman", fmt_lower_roman},
    {"upperRoman", fmt_upper_roman},
    {"chineseCounting", fmt_chinese},
    {"chineseCountingThousand", fmt_chinese},
    {"japaneseCounting", fmt_chinese},
    {"taiwaneseCounting", fmt_chinese},
    {"taiwaneseCountingThousand", fmt_chinese},
    {"chineseLegalSimplified", fmt_legal_simplified},
    {"ideographLegalTraditional", fmt_legal_traditional},
    {"ideographDigital", fmt_ideograph_digital},
    {"taiwaneseDigital", fmt_ideograph_digital},
    {"ideographTraditional", fmt_stems},
    {"ideographZodiac", fmt_zodiac},
    {"decimalEnclosedCircle", fmt_circle},
    {"decimalEnclosedCircleChinese", fmt_circle},
    {"ideographEnclosedCircle", fmt_circle},
    {"decimalEnclosedParen", fmt_paren},
    {"decimalEnclosedFullstop", fmt_fullstop},
};

void dx_number_format(nb_buf *b, const char *fmt, int v)
{
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (!strcmp(fmt, formats[i].name)) {
            formats[i].fn(b, v);
            return;
        }
    if (strcmp(fmt, "none") != 0 && strcmp(fmt, "bullet") != 0)
        fmt_decimal(b, v);
}
