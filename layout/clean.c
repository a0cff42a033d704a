/* clean.c - one string in, clean simplified text out: converter markup, pinyin glosses,
 * full-width forms, stray spaces between Han characters, traditional script (OpenCC). */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "layout.h"

#include <math.h>
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

/* Applies one rule; returns a malloc'ed result or NULL when nothing changed / on error.
 * The output buffer starts at the input's size and is regrown to the length PCRE2 reports. */
static char *apply_rule(size_t i, const char *s, size_t len, size_t *outlen)
{
    char probe = rules[i].trigger;
    if (probe == '(') {
        if (!memchr(s, '(', len) && !memmem(s, len, "\xEF\xBC\x88", 3)) /* s need not end in NUL */
            return NULL;
    } else if (!memchr(s, probe, len)) {
        return NULL;
    }
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(compiled[i], NULL);
    PCRE2_SIZE want = len + 64;
    char *out = NULL;
    int rc = PCRE2_ERROR_NOMEMORY;
    for (int attempt = 0; md && attempt < 2 && rc == PCRE2_ERROR_NOMEMORY; attempt++) {
        PCRE2_SIZE cap = want;
        char *grown = realloc(out, cap);
        if (!grown)
            break;
        out = grown;
        rc = pcre2_substitute(compiled[i], (PCRE2_SPTR)s, len, 0,
                              PCRE2_SUBSTITUTE_GLOBAL | PCRE2_SUBSTITUTE_OVERFLOW_LENGTH |
                                  PCRE2_NO_UTF_CHECK, /* nb_clean_ex checked the input */
                              md, NULL, (PCRE2_SPTR)rules[i].replacement, PCRE2_ZERO_TERMINATED,
                              (PCRE2_UCHAR *)out, &cap);
        want = cap; /* on PCRE2_ERROR_NOMEMORY: the length needed */
    }
    pcre2_match_data_free(md);
    if (rc <= 0) { /* 0: no match; <0: error */
        free(out);
        return NULL;
    }
    *outlen = want;
    return out;
}

static int is_space_cp(unsigned cp) { return cp == ' ' || cp == 0x3000 || cp == 0xA0 || cp == '\t'; }
static int is_cjk(unsigned cp) { return nb_is_han(cp) || nb_is_cjk_punct(cp); }

/* Full-width digits and Latin letters to ASCII; spaces between CJK characters dropped;
 * U+3000 and NBSP become plain spaces; zero-width characters vanish. Appends to out, which grows
 * for what is written (the output is not assumed to be shorter than the input). */
static void fold_forms(const char *s, size_t len, nb_buf *out, int keep_spaces)
{
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
                    nb_buf_put(out, "  ", c2 == 0x3000 ? 2 : 1);
                    k += (size_t)adv;
                }
            } else {
                nb_buf_putc(out, ' ');
            }
            i = j;
            continue;
        }
        char u[4];
        nb_buf_put(out, u, (size_t)nb_utf8_encode(cp, u));
        prev = cp;
    }
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
    nb_buf fixed = NB_BUF_INIT; /* the rules run with PCRE2_NO_UTF_CHECK: only valid UTF-8 enters */
    if (!nb_utf8_valid(s, len)) {
        nb_buf_put_utf8(&fixed, s, len);
        if (fixed.oom)
            return NULL;
        s = fixed.ptr;
        len = fixed.len;
    }
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
    nb_buf folded = NB_BUF_INIT;
    fold_forms(cur ? cur : s, curlen, &folded, keep_spaces);
    free(cur);
    nb_buf_free(&fixed);
    if (folded.oom) {
        nb_buf_free(&folded);
        return NULL;
    }
    char *out = nb_t2s(nb_buf_cstr(&folded), folded.len, outlen);
    nb_buf_free(&folded);
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

/* Reading a cell or token as a number, on "1,234.50":
 *   1. trim spaces and tabs; only digits, ',' and '.' may remain, starting and ending with a digit
 *      ("1." and ".5" are no numbers: list markers, stray dots), at most one '.', no ',' after it;
 *   2. thousands separators: the first group has 1-3 digits, every ',' is followed by exactly 3
 *      ("1,234"); "1,2345" or "12,34" breaks this: NB_NUM_BAD, never read as 12345;
 *   3. the digits as one integer m (here 123450) and k fraction digits (2): a whole number is
 *      exact while m <= 2^53 (over it: NB_NUM_BAD); a fraction is m / 10^k, one correctly rounded
 *      division of two exact doubles while m < 2^53 and k <= 22, and must have at most
 *      NB_NUM_MAX_FRAC_DIGITS significant digits (then it prints back exactly as written).
 * NB_NUM_BAD tokens still take a value cell's place (they are not labels); their value is NaN. */
#define NB_NUM_EXACT 9007199254740992ull /* 2^53: whole numbers up to it are exact doubles */
#define NB_NUM_MAX_FRAC_DIGITS 15         /* DBL_DIG: decimals of 15 digits print back unchanged */

static const double pow10_exact[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* Step 1 and 2: the shape. Returns NB_NUM_NONE, NB_NUM_BAD (separators) or NB_NUM_INT (shape ok). */
static int number_shape(const char *s, size_t len, size_t *dot)
{
    size_t ndots = 0, group = 0, first_group = 0, commas = 0;
    *dot = len;
    if (s[0] < '0' || s[0] > '9' || s[len - 1] < '0' || s[len - 1] > '9')
        return NB_NUM_NONE;
    int misplaced = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            group++;
        } else if (c == '.' && !ndots++) {
            *dot = i;
            misplaced |= commas && group != 3;
            group = 0;
        } else if (c == ',' && !ndots) {
            if (!commas++)
                first_group = group;
            else
                misplaced |= group != 3;
            group = 0;
        } else {
            return NB_NUM_NONE; /* a second '.', a ',' in the fraction, any other character */
        }
    }
    if (commas && *dot == len)
        misplaced |= group != 3;
    misplaced |= commas && (first_group < 1 || first_group > 3);
    return misplaced ? NB_NUM_BAD : NB_NUM_INT;
}

int nb_parse_number(const char *s, size_t len, double *val)
{
    while (len && (*s == ' ' || *s == '\t'))
        s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    size_t dot;
    int kind = len ? number_shape(s, len, &dot) : NB_NUM_NONE;
    if (kind != NB_NUM_INT) {
        if (val && kind == NB_NUM_BAD)
            *val = NAN;
        return kind;
    }
    unsigned long long m = 0;
    int k = 0, sig = 0, big = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            continue;
        if (m > NB_NUM_EXACT) /* already past 2^53: stop before unsigned long long overflows */
            big = 1;
        else
            m = m * 10 + (unsigned)(s[i] - '0');
        sig += sig || s[i] != '0';
        k += i > dot;
    }
    if (k > 0)
        kind = NB_NUM_FRAC;
    if (big || (kind == NB_NUM_INT && m > NB_NUM_EXACT) ||
        (kind == NB_NUM_FRAC && (sig > NB_NUM_MAX_FRAC_DIGITS || k > 22)))
        kind = NB_NUM_BAD;
    if (val)
        *val = kind == NB_NUM_BAD ? NAN : kind == NB_NUM_INT ? (double)m : (double)m / pow10_exact[k];
    return kind;
}

/* Dashes and slashes a report prints in a cell it leaves without a number. */
static const unsigned no_number_marks[] = {'-', '/', '\\', 0x2010, 0x2013, 0x2014, 0x2015, 0x2212,
                                           0xFF0D, 0xFF0F, 0xFF3C};

static int is_dash_mark(unsigned cp)
{
    for (size_t i = 0; i < sizeof no_number_marks / sizeof no_number_marks[0]; i++)
        if (cp == no_number_marks[i])
            return 1;
    return 0;
}

int nb_no_number_mark(const char *s, size_t len)
{
    int dashes = 0, broken = 0;
    for (size_t i = 0; i < len;) {
        int adv = 1;
        unsigned cp = nb_utf8_decode(s + i, len - i, &adv);
        if (is_dash_mark(cp))
            dashes++;
        else if (cp == 0xFFFD)
            broken++;
        else if (cp != ' ' && cp != '\t' && cp != 0x3000)
            return 0;
        i += adv > 0 ? (size_t)adv : 1;
    }
    return dashes ? NB_MARK_DASH : broken ? NB_MARK_BROKEN : 0;
}

int nb_has_dash_mark(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        int adv = 1;
        unsigned cp = nb_utf8_decode(s + i, len - i, &adv);
        if (is_dash_mark(cp))
            return 1;
        i += adv > 0 ? (size_t)adv : 1;
    }
    return 0;
}
