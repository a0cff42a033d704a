/* clean.c - one string in, clean simplified text out: converter markup, pinyin glosses,
 * full-width forms, stray spaces between Han characters, traditional script (OpenCC). */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "layout.h"

#include <opencc.h>
#include <pcre2.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* What converters leave behind, as (pattern, replacement, quick-check byte). */
static const struct {
    const char *pattern;
    const char *replacement;
    char trigger; /* the rule cannot match unless this byte occurs */
} rules[] = {
    {"\\[(?:bookmark|image|img|picture|图片|圖片):[^\\]\\n]*\\]", "", '['},
    {"\\*\\*([^*\\n]*)\\*\\*", "$1", '*'},
    {"\\*\\*", "", '*'},
    {"<((?:https?|ftp|mailto):[^>\\s]*)>", "$1", '<'},
    /* 區(qū) -> 區: a parenthesised pinyin syllable with a tone mark right after a Han character */
    {"(?<=\\p{Han})[(\\x{FF08}][a-z\\x{00E0}-\\x{01DC}]*[\\x{00E0}-\\x{01DC}][a-z\\x{00E0}-\\x{01DC}]*"
     "[)\\x{FF09}]", "", '('},
};
#define NRULES (sizeof rules / sizeof rules[0])

/* Compiled once per process (pthread_once: library callers may clean text on several threads);
 * read-only afterwards. */
static pcre2_code *compiled[NRULES];
static int compiled_ok = -1;
static pthread_once_t compile_once = PTHREAD_ONCE_INIT;

static void compile_rules(void)
{
    compiled_ok = 1;
    for (size_t i = 0; i < NRULES; i++) {
        int code;
        PCRE2_SIZE off;
        compiled[i] = pcre2_compile((PCRE2_SPTR)rules[i].pattern, PCRE2_ZERO_TERMINATED,
                                    PCRE2_UTF | PCRE2_UCP, &code, &off, NULL);
        if (!compiled[i])
            compiled_ok = 0;
    }
}

/* Applies one rule; returns a malloc'ed result or NULL when nothing changed / on error. */
static char *apply_rule(size_t i, const char *s, size_t len, size_t *outlen)
{
    char probe = rules[i].trigger;
    if (probe == '(') {
        if (!memchr(s, '(', len) && !strstr(s, "\xEF\xBC\x88"))
            return NULL;
    } else if (!memchr(s, probe, len)) {
        return NULL;
    }
    PCRE2_SIZE cap = len + 64;
    char *out = malloc(cap);
    if (!out)
        return NULL;
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(compiled[i], NULL);
    int rc = pcre2_substitute(compiled[i], (PCRE2_SPTR)s, len, 0,
                              PCRE2_SUBSTITUTE_GLOBAL | PCRE2_NO_UTF_CHECK, md, NULL,
                              (PCRE2_SPTR)rules[i].replacement, PCRE2_ZERO_TERMINATED,
                              (PCRE2_UCHAR *)out, &cap);
    pcre2_match_data_free(md);
    if (rc <= 0) { /* 0: no match; <0: error (never larger: replacements only shrink) */
        free(out);
        return NULL;
    }
    *outlen = cap;
    return out;
}

static int is_space_cp(unsigned cp) { return cp == ' ' || cp == 0x3000 || cp == 0xA0 || cp == '\t'; }
static int is_cjk(unsigned cp) { return nb_is_han(cp) || nb_is_cjk_punct(cp); }

/* Full-width digits and Latin letters to ASCII; spaces between CJK characters dropped;
 * U+3000 and NBSP become plain spaces; zero-width characters vanish. Writes into out. */
static size_t fold_forms(const char *s, size_t len, char *out, int keep_spaces)
{
    size_t o = 0;
    unsigned prev = 0; /* last non-space code point written */
    for (size_t i = 0; i < len;) {
        int adv;
        unsigned cp = nb_utf8_decode(s + i, len - i, &adv);
        i += (size_t)adv;
        if ((cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
            (cp >= 0xFF41 && cp <= 0xFF5A))
            cp -= 0xFEE0;
        else if (cp == 0xFF0E) /* full-width full stop: 1．5, １．属于 (prose ends with 。) */
            cp = '.';
        else if (cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0xFEFF || cp == 0xAD)
            continue;
        if (is_space_cp(cp) && cp != '\t') {
            size_t sp_start = i - (size_t)adv, j = i; /* look past the run of spaces */
            unsigned next = 0;
            while (j < len) {
                next = nb_utf8_decode(s + j, len - j, &adv);
                if (!is_space_cp(next) || next == '\t')
                    break;
                j += (size_t)adv;
            }
            if (!keep_spaces && j < len && is_cjk(prev) && is_cjk(next)) {
                i = j;
                continue;
            }
            if (keep_spaces) { /* raw text lines: runs of spaces may align columns */
                for (size_t k = sp_start; k < j;) {
                    unsigned c2 = nb_utf8_decode(s + k, len - k, &adv);
                    out[o++] = ' ';
                    if (c2 == 0x3000)
                        out[o++] = ' ';
                    k += (size_t)adv;
                }
            } else {
                out[o++] = ' ';
            }
            i = j;
            continue;
        }
        o += (size_t)nb_utf8_encode(cp, out + o);
        prev = cp;
    }
    out[o] = 0;
    return o;
}

static opencc_t converter = (opencc_t)-1;
static pthread_once_t converter_once = PTHREAD_ONCE_INIT;
static void open_converter(void) { converter = opencc_open("t2s.json"); }

char *nb_t2s(const char *s, size_t len, size_t *outlen)
{
    pthread_once(&converter_once, open_converter);
    int ascii = 1;
    for (size_t i = 0; i < len && ascii; i++)
        ascii = (unsigned char)s[i] < 0x80;
    if (converter != (opencc_t)-1 && !ascii) {
        char *conv = opencc_convert_utf8(converter, s, len);
        if (conv) {
            size_t n = strlen(conv);
            char *out = malloc(n + 1);
            if (out)
                memcpy(out, conv, n + 1);
            opencc_convert_utf8_free(conv);
            if (outlen && out)
                *outlen = n;
            return out;
        }
    }
    char *out = malloc(len + 1);
    if (!out)
        return NULL;
    memcpy(out, s, len);
    out[len] = 0;
    if (outlen)
        *outlen = len;
    return out;
}

char *nb_clean_ex(const char *s, size_t len, size_t *outlen, int keep_spaces)
{
    pthread_once(&compile_once, compile_rules);
    char *cur = NULL;
    size_t curlen = len;
    for (size_t i = 0; compiled_ok && i < NRULES; i++) {
        size_t n;
        char *next = apply_rule(i, cur ? cur : s, curlen, &n);
        if (next) {
            free(cur);
            cur = next;
            curlen = n;
        }
    }
    char *folded = malloc(curlen + 1);
    if (!folded) {
        free(cur);
        return NULL;
    }
    size_t flen = fold_forms(cur ? cur : s, curlen, folded, keep_spaces);
    free(cur);
    char *out = nb_t2s(folded, flen, outlen);
    free(folded);
    return out;
}

char *nb_clean(const char *s, size_t len, size_t *outlen)
{
    return nb_clean_ex(s, len, outlen, 0);
}

size_t nb_tighten(char *s, size_t len, int prose)
{
    size_t o = 0;
    unsigned prev = 0;
    for (size_t i = 0; i < len;) {
        int adv;
        unsigned cp = nb_utf8_decode(s + i, len - i, &adv);
        if (cp == ' ') {
            size_t j = i;
            while (j < len && s[j] == ' ')
                j++;
            unsigned next = j < len ? nb_utf8_decode(s + j, len - j, &adv) : 0;
            int pd = prev >= '0' && prev <= '9', nd = next >= '0' && next <= '9';
            if ((is_cjk(prev) && is_cjk(next)) || (prose && ((is_cjk(prev) && nd) || (pd && is_cjk(next))))) {
                i = j;
                continue;
            }
            memmove(s + o, s + i, j - i);
            o += j - i;
            i = j;
            continue;
        }
        memmove(s + o, s + i, (size_t)adv);
        o += (size_t)adv;
        i += (size_t)adv;
        prev = cp;
    }
    s[o] = 0;
    return o;
}

int nb_parse_number(const char *s, size_t len, double *val)
{
    while (len && (*s == ' ' || *s == '\t'))
        s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    if (!len || len > 24)
        return 0;
    double v = 0, scale = 0;
    int digits = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            digits++;
            if (scale > 0) {
                v += (c - '0') * scale;
                scale /= 10;
            } else {
                v = v * 10 + (c - '0');
            }
        } else if (c == '.' && scale == 0 && digits) {
            scale = 0.1;
        } else if (c == ',' && scale == 0 && digits && i + 3 < len + 0 && len - i > 3) {
            continue; /* thousands separator */
        } else {
            return 0;
        }
    }
    if (!digits || s[len - 1] == '.' || s[len - 1] == ',')
        return 0;
    if (val)
        *val = v;
    return 1;
}
