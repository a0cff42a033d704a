/* utf8.c - the few UTF-8 operations the pipeline needs: decode, encode, validate,
 * and character classes for Han text and CJK punctuation. */
#include "core.h"

unsigned nb_utf8_decode(const char *str, size_t len, int *adv)
{
    const unsigned char *s = (const unsigned char *)str;
    *adv = 1;
    if (!len)
        return 0;
    unsigned c = s[0];
    if (c < 0x80)
        return c;
    int n = c >= 0xF0 && c < 0xF5 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
    if (!n || (size_t)n > len)
        return 0xFFFD;
    unsigned cp = c & (0x7F >> n);
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0xFFFD;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0xFFFD;
    *adv = n;
    return cp;
}

int nb_utf8_encode(unsigned cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

int nb_utf8_valid(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        int adv;
        unsigned cp = nb_utf8_decode(s + i, len - i, &adv);
        if (cp == 0xFFFD && !((unsigned char)s[i] == 0xEF && adv == 3))
            return 0;
        i += (size_t)adv;
    }
    return 1;
}

int nb_is_han(unsigned cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F) || cp == 0x3007;
}

int nb_is_cjk_punct(unsigned cp)
{
    return (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF65) ||
           (cp >= 0x2018 && cp <= 0x201F) || cp == 0x2014 || cp == 0x2026 || cp == 0x00B7;
}
