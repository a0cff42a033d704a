/* utf8.c - the few UTF-8 operations the pipeline needs: decode, encode, validate,
 * and character classes for Han text and CJK punctuation. */
#include "core.h"

#include <string.h>

unsigned nb_utf8_decode(const char *str, size_t len, int *adv)
{
    const unsigned char *s = (const unsigned char *)str;
    *adv = 1;
    if (!len)
        return 0;
    unsigned c = s[0];
    if (c < 0x80)
        return c;
    int n = c >= 0xF0 && c < 0xF5 ? 4 : c >= 0xE0 && c < 0xF0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0; /* F5..FF lead nothing */
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
        if ((unsigned char)s[i] < 0x80) { /* ASCII: most bytes of most inputs */
            i++;
            continue;
        }
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

/* East Asian wide and fullwidth code points: two terminal columns each (Unicode EAW W and F). */
static const unsigned wide_ranges[][2] = {
    {0x1100, 0x115F}, {0x2E80, 0x303E}, {0x3041, 0x33FF}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF},
    {0xA000, 0xA4CF}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF}, {0xFE10, 0xFE19}, {0xFE30, 0xFE6F},
    {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F}, {0x20000, 0x3FFFD},
};

size_t nb_utf8_width(const char *s, size_t len)
{
    size_t w = 0;
    for (size_t i = 0; i < len;) {
        int adv = 1;
        unsigned cp = nb_utf8_decode(s + i, len - i, &adv);
        int wide = 0;
        for (size_t k = 0; k < sizeof wide_ranges / sizeof wide_ranges[0] && !wide; k++)
            wide = cp >= wide_ranges[k][0] && cp <= wide_ranges[k][1];
        w += wide ? 2 : 1;
        i += adv > 0 ? (size_t)adv : 1;
    }
    return w;
}

/* Characters never written raw where a person or a parser reads them: C0/C1 controls, DEL, and the
 * invisible format characters that reorder or hide text (bidi embeddings, overrides and isolates,
 * zero-width marks, line/paragraph separators, BOM). */
int nb_cp_unsafe(unsigned cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F) || cp == 0xFEFF;
}

/* The path escape, on "a<FF>b\c<LF>" (bytes 61 FF 62 5C 63 0A):
 *   1. a valid, safe UTF-8 character is copied:             a
 *   2. a byte outside valid UTF-8 becomes \xHH:             \xff
 *   3. a backslash is doubled, so \x in a name stays apart: \\
 *   4. an unsafe character (control, bidi) becomes \xHH per byte of its UTF-8: \x0a
 * giving "a\xffb\\c\x0a"; nb_path_unescape turns it back into the same six bytes. */
void nb_path_escape(nb_buf *b, const char *path)
{
    static const char hex[] = "0123456789abcdef";
    size_t len = strlen(path);
    for (size_t i = 0; i < len;) {
        int adv = 1;
        unsigned cp = nb_utf8_decode(path + i, len - i, &adv);
        int bad = cp == 0xFFFD && adv == 1;
        if (!bad && !nb_cp_unsafe(cp) && cp != '\\')
            nb_buf_put(b, path + i, (size_t)adv);
        else if (cp == '\\')
            nb_buf_puts(b, "\\\\");
        else
            for (int k = 0; k < adv; k++) {
                unsigned char c = (unsigned char)path[i + (size_t)k];
                char e[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
                nb_buf_put(b, e, 4);
            }
        i += (size_t)adv;
    }
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

size_t nb_path_unescape(const char *s, char *out)
{
    size_t n = 0;
    while (*s) {
        if (s[0] == '\\' && s[1] == '\\') {
            out[n++] = '\\';
            s += 2;
        } else if (s[0] == '\\' && s[1] == 'x' && hexval(s[2]) >= 0 && hexval(s[3]) >= 0) {
            out[n++] = (char)(hexval(s[2]) * 16 + hexval(s[3]));
            s += 4;
        } else
            out[n++] = *s++;
    }
    out[n] = 0;
    return n;
}

void nb_text_safe(nb_buf *b, const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        int adv = 1;
        unsigned cp = nb_utf8_decode(s + i, len - i, &adv);
        if (cp == 0xFFFD && adv == 1)
            nb_buf_puts(b, "\xEF\xBF\xBD");
        else if (!nb_cp_unsafe(cp))
            nb_buf_put(b, s + i, (size_t)adv);
        i += (size_t)adv;
    }
}

int nb_cp_valid(unsigned long cp) { return cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF); }

size_t nb_utf8_cut(const char *s, size_t len, size_t max)
{
    size_t n = len < max ? len : max, p = n;
    while (p > 0 && n - p < 3 && ((unsigned char)s[p - 1] & 0xC0) == 0x80)
        p--; /* back over continuation bytes to the lead byte of the last character */
    if (p == 0)
        return n;
    unsigned char c = (unsigned char)s[p - 1];
    size_t need = c >= 0xF0 && c < 0xF5 ? 4 : c >= 0xE0 && c < 0xF0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 1;
    return p - 1 + need > n ? p - 1 : n; /* a character the cut splits is dropped whole */
}

size_t nb_buf_put_utf8(nb_buf *b, const char *s, size_t len)
{
    size_t bad = 0, start = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        int adv;
        unsigned cp = nb_utf8_decode(s + i, len - i, &adv);
        if (cp == 0xFFFD && adv == 1) { /* a real U+FFFD decodes with adv 3 */
            nb_buf_put(b, s + start, i - start);
            nb_buf_put(b, "\xEF\xBF\xBD", 3);
            bad++;
            start = i + 1;
        }
        i += (size_t)adv;
    }
    nb_buf_put(b, s + start, len - start);
    return bad;
}
