/* texttable.c - text input: raw lines into paragraphs and table grids. Finds table regions
 * (tab rows, cell-per-line '|' or tab-indented, flattened PDF text) and rebuilds their rows. */
#include "layout.h"

#include <stdlib.h>
#include <string.h>

#define MAX_CELL_CHARS 40  /* a "cell" longer than this (in characters) is prose, not a table cell */
#define MAX_REGION_GAP 40  /* label-only lines allowed between two numeric rows of one table */
#define MAX_LEAD_LINES 40  /* header lines looked at above a table's first numeric row */
#define MAX_ROW_CELLS 64   /* cells of one rebuilt row: more is not a template table */
#define GROUP_CHARS 2      /* characters of a group label's line when it is set down its column */
#define GLUED_ROW_DIGITS 15 /* a line of this many digits and nothing else is a whole row glued into one run
                              (table 4's 15 cells, as get_text() prints it): a table on its own */
#define LAYOUT_INDENT 4    /* a line indented this far (characters) is set out in columns, as pdftotext -layout does */

typedef enum { L_BLANK, L_TAB, L_PIPE, L_PLAIN } line_style;

typedef struct {
    const char *s;
    size_t len;
    line_style style;
    int nnum;      /* numeric cells or tokens */
    int region;    /* table region index + 1, 0 = prose */
    int indent;    /* characters trimmed off the line's start (its column 0 in the source) */
    /* flags in bits: one line_info per input line, up to NB_MAX_BLOCKS of them */
    unsigned anchor : 1;  /* certainly part of a table */
    unsigned breaker : 1; /* prose or a section heading: never inside a table */
    unsigned ruled : 1;   /* a drawn rule ran along the line (its cells closed): "├──┼──┤", "│三、│（四）├──┤" */
    unsigned glued : 1;   /* its last number is digits glued to a label (token.glued) */
    unsigned unglued : 1; /* ... read as text: the next line goes on with the number's unit (prose wrapped) */
} line_info;

typedef struct {
    const char *s;
    size_t len;
    int line_tokens; /* label tokens on its line */
    int line_nums;   /* numeric tokens on its line */
    int col;         /* column of its first character in the source line (pdftotext -layout sets one
                        character per column, CJK included), for layout-aligned text */
    int end;         /* column after its last character */
    int line;        /* index of its source line */
    int cell;        /* index of its '|' cell on the line, empty cells counted; -1 unknown */
    /* flags in bits: a region holds a token per cell of up to NB_MAX_BLOCKS lines */
    unsigned is_num : 1;
    unsigned line_start : 1; /* first token of its line */
    unsigned stacked : 1;    /* a number joined from pieces wrapped over lines of one cell */
    unsigned dead : 1;       /* a piece joined into another token */
    unsigned glued : 1;      /* digits printed right after a label with no break ("规章106"): the row's
                                numbers as one run, its cuts unknown (NB_CF_RUN) */
    unsigned wraps : 1;      /* on a drawn table's line with no rule: it may go on a cell of the line above */
    unsigned mark : 1;       /* a value cell printed without a number ("—", "/": nb_no_number_mark):
                                taken as a number token so it keeps its cell's place; never joined */
} token;

/* ---- small text predicates ---------------------------------------------------------------- */

static size_t count_chars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

static int has_str(const char *s, size_t len, const char *needle)
{
    return memmem(s, len, needle, strlen(needle)) != NULL;
}

static void trim(const char **s, size_t *len)
{
    while (*len && ((*s)[0] == ' ' || (*s)[0] == '\t' || (*s)[0] == '\f'))
        (*s)++, (*len)--;
    while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t' || (*s)[*len - 1] == '\f'))
        (*len)--;
}

static const char *const han_digits[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

/* Bytes of a leading run of Chinese numerals, 0 when none. */
static size_t han_numeral_len(const char *s, size_t len)
{
    size_t i = 0;
    for (;;) {
        size_t k = 0;
        while (k < 10 && !(len - i >= 3 && !memcmp(s + i, han_digits[k], 3)))
            k++;
        if (k == 10)
            return i;
        i += 3;
    }
}

static int starts_with(const char *s, size_t len, const char *p)
{
    size_t n = strlen(p);
    return len >= n && !memcmp(s, p, n);
}

/* Outline level of a numbering at the start: 1 "一、", 2 "（一）", 3 "1." / "1、", 0 none. */
int nb_numbering_level(const char *s, size_t len)
{
    size_t n = han_numeral_len(s, len);
    if (n && (starts_with(s + n, len - n, "、") || starts_with(s + n, len - n, "，") ||
              starts_with(s + n, len - n, ".") || starts_with(s + n, len - n, "．")))
        return 1;
    size_t open = starts_with(s, len, "（") ? 3 : starts_with(s, len, "(") ? 1 : 0;
    if (open) {
        n = han_numeral_len(s + open, len - open);
        if (n && (starts_with(s + open + n, len - open - n, "）") ||
                  starts_with(s + open + n, len - open - n, ")")))
            return 2;
    }
    size_t d = 0;
    while (d < len && d < 3 && s[d] >= '0' && s[d] <= '9')
        d++;
    if (d && d < len && (s[d] == '.' || starts_with(s + d, len - d, "、") ||
                         starts_with(s + d, len - d, "．")))
        return d + 1 < len && s[d] == '.' && s[d + 1] >= '0' && s[d + 1] <= '9' ? 0 : 3;
    return 0;
}

static int bare_numbers(const line_info *l)
{
    for (size_t i = 0; i < l->len; i++)
        if (!(l->s[i] == ' ' || l->s[i] == '.' || l->s[i] == ',' || (l->s[i] >= '0' && l->s[i] <= '9')))
            return 0;
    return 1;
}

static int is_heading_like(const char *s, size_t len)
{
    size_t n = han_numeral_len(s, len);
    if (!n || !starts_with(s + n, len - n, "、"))
        return 0;
    return count_chars(s + n + 3, len - n - 3) >= 6;
}

/* ---- tokenising a line into cells --------------------------------------------------------- */

typedef struct {
    token *v;
    size_t n, cap;
} tokens;

static int push_token(tokens *t, const char *s, size_t len, int is_num)
{
    token *grown = nb_grow(t->v, t->n, &t->cap, sizeof *grown, 64);
    if (!grown)
        return 0;
    t->v = grown;
    t->v[t->n++] = (token){.s = s, .len = len, .is_num = is_num != 0, .cell = -1};
    return 1;
}

/* Bytes of the digits closing a label with no break ("行政规范性文件9349" -> 4, "收费12.6" -> 4), 0
 * when none: a text dump that joins a row's cells (get_text(), text_content()). The label part must
 * end in a Han character or a closing bracket or quote; "浏览次数：600", "第3", "2024-01" are no cells. */
static size_t glued_tail(const char *s, size_t len)
{
    size_t k = len;
    while (k > 0 && ((s[k - 1] >= '0' && s[k - 1] <= '9') || s[k - 1] == '.'))
        k--;
    while (k < len && s[k] == '.')
        k++;
    if (k == len || k == 0 || len - k > NB_MAX_RUN_CHARS)
        return 0;
    size_t b = k - 1;
    while (b > 0 && ((unsigned char)s[b] & 0xC0) == 0x80)
        b--;
    int adv = 1;
    unsigned cp = nb_utf8_decode(s + b, k - b, &adv);
    static const unsigned closing[] = {0xFF09, 0x300B, 0x201D, 0x3011, ')'}; /* ） 》 ” 】 ) */
    int ok = nb_is_han(cp) && !(k - b == 3 && !memcmp(s + b, "第", 3));
    for (size_t i = 0; i < sizeof closing / sizeof closing[0]; i++)
        ok |= cp == closing[i];
    return ok ? len - k : 0;
}

/* The value cells of a '|' row: cell indices [*lo, *hi) from after its last label cell (or from its
 * first number, on a line without label) up to its last number. An empty cell there is a cell the
 * document left blank among its numbers ("|规章| |3|0|", "|3| |0|"). */
static void value_cells(const char *s, size_t len, char sep, int *lo, int *hi)
{
    int index = 0, last_label = -1, first_num = -1, last_num = -1, numbers = 0;
    for (size_t i = 0; i <= len; index++) {
        size_t j = i;
        while (j < len && s[j] != sep)
            j++;
        const char *c = s + i;
        size_t clen = j - i;
        trim(&c, &clen);
        int num = nb_parse_number(c, clen, NULL) != 0, mark = nb_no_number_mark(c, clen);
        numbers += num;
        if (num || mark) {
            first_num = first_num < 0 ? index : first_num;
            last_num = index;
        } else if (clen) {
            last_label = index;
        }
        i = j + 1;
    }
    /* no label on the line: the cells before its first number are the row's frame ("   |3   |0") */
    *lo = last_label >= 0 ? last_label + 1 : first_num;
    *hi = numbers ? last_num : -1;
}

/* Splits on sep (a byte), or on runs of spaces when sep is 0. Empty cells kept when keep_empty; on a
 * '|' row an empty cell among its numbers is kept as a mark token (it holds its column's place). */
static int split_cells(tokens *out, const char *s, size_t len, char sep, int keep_empty, int glue)
{
    size_t first = out->n, i = 0;
    int index = 0, lo = 0, hi = 0;
    if (sep == '|')
        value_cells(s, len, sep, &lo, &hi);
    while (i <= len) {
        size_t j = i;
        if (sep)
            while (j < len && s[j] != sep)
                j++;
        else
            while (j < len && s[j] != ' ' && s[j] != '\t')
                j++;
        const char *c = s + i;
        size_t clen = j - i;
        trim(&c, &clen);
        int blank = !clen && index >= lo && index < hi, kind = nb_no_number_mark(c, clen);
        int num = nb_parse_number(c, clen, NULL), mark = blank || (!num && clen && (kind == NB_MARK_DASH ||
                                                                        (kind && index >= lo && index <= hi)));
        size_t tail = glue && !sep && !num && !mark ? glued_tail(c, clen) : 0;
        if ((clen || keep_empty || blank) && !push_token(out, c, clen - tail, num || mark))
            return 0;
        if (clen || blank)
            out->v[out->n - 1].mark = mark;
        if (clen || keep_empty || blank) {
            out->v[out->n - 1].cell = sep ? index : -1;
            out->v[out->n - 1].col = (int)count_chars(s, (size_t)(c - s));
            out->v[out->n - 1].end = out->v[out->n - 1].col + (int)count_chars(c, clen - tail);
        }
        if (tail) {
            int col = out->v[out->n - 1].end;
            if (!push_token(out, c + clen - tail, tail, 1))
                return 0;
            out->v[out->n - 1].glued = 1;
            out->v[out->n - 1].col = col;
            out->v[out->n - 1].end = col + (int)tail;
        }
        i = j + 1;
        index++;
        if (!sep)
            while (i < len && (s[i] == ' ' || s[i] == '\t'))
                i++;
    }
    int labels = 0, nums = 0;
    for (size_t k = first; k < out->n; k++) {
        labels += !out->v[k].is_num && out->v[k].len;
        nums += out->v[k].is_num;
    }
    if (out->n > first)
        out->v[first].line_start = 1;
    for (size_t k = first; k < out->n; k++) {
        out->v[k].line_tokens = labels;
        out->v[k].line_nums = nums;
    }
    return 1;
}

static int line_tokens(tokens *out, const line_info *l, int keep_empty)
{
    const char *s = l->s;
    size_t len = l->len, first = out->n;
    int ok = 1;
    switch (l->style) {
    case L_TAB: ok = split_cells(out, s, len, '\t', keep_empty, 0); break;
    case L_PIPE: ok = split_cells(out, s, len, '|', 0, 0); break;
    case L_PLAIN: ok = split_cells(out, s, len, 0, 0, !l->unglued); break;
    default: break;
    }
    for (size_t k = first; ok && k < out->n; k++)
        out->v[k].col += l->indent, out->v[k].end += l->indent;
    return ok;
}

/* ---- table rules drawn in characters ------------------------------------------------------ */

/* Text browsers and converters draw a table's rules: w3m with box-drawing characters, others with
 * '|' and '_' or '-' fill, Markdown with '#' heading marks. Each line is rewritten before it is
 * classified, so that one kind of pipe row reads them all:
 *   1. a box character with a vertical stroke (│ ├ ┼ ┐ …) becomes '|', a horizontal one (─ ═) a space;
 *   2. a line of nothing but rules ('|', '-', '_', '+', ':', '=', spaces) is a row boundary: blank;
 *   3. in a line with '|', '_' fill at a cell's end is dropped;
 *   4. a Markdown heading mark ("### ") before the text is dropped.
 * Example: "│规章  │1   │" -> "|规章  |1   |"; "├────┼───┤" and "---|---" -> ""; "|规章_|1____|" ->
 * "|规章|1|"; "### 二、主动公开政府信息情况" -> "二、主动公开政府信息情况". */
static int box_horizontal(unsigned cp)
{
    static const unsigned h[] = {0x2500, 0x2501, 0x2504, 0x2505, 0x2508, 0x2509, 0x254C, 0x254D,
                                 0x2550, 0x2574, 0x2576, 0x2578, 0x257A, 0x257C, 0x257E};
    for (size_t k = 0; k < sizeof h / sizeof h[0]; k++)
        if (cp == h[k])
            return 1;
    return 0;
}

static int only_rules(const char *s, size_t len)
{
    int rule = 0;
    for (size_t i = 0; i < len; i++) {
        if (!strchr("|-_+:= \t", s[i]))
            return 0;
        rule |= s[i] != ' ' && s[i] != '\t';
    }
    return rule;
}

/* Steps 1 and 3 into b; 1 when a horizontal rule was met. */
static int unbox(nb_buf *b, const char *s, size_t len)
{
    int ruled = 0;
    int pipes = memchr(s, '|', len) != NULL;
    for (size_t i = 0; i < len;) {
        int adv = 1;
        unsigned cp = nb_utf8_decode(s + i, len - i, &adv);
        if (cp >= 0x2500 && cp <= 0x257F) {
            nb_buf_putc(b, box_horizontal(cp) ? ' ' : '|');
            pipes = 1;
            ruled |= box_horizontal(cp);
        } else if (s[i] == '_' && pipes) {
            size_t j = i;
            while (j < len && s[j] == '_')
                j++;
            if (j < len && s[j] != '|' && s[j] != ' ')
                nb_buf_put(b, s + i, j - i); /* '_' inside a cell's text is kept */
            adv = (int)(j - i);
        } else {
            nb_buf_put(b, s + i, (size_t)adv);
        }
        i += (size_t)(adv > 0 ? adv : 1);
    }
    return ruled;
}

static const char *unrule_line(nb_doc *doc, const char *s, int *ruled)
{
    *ruled = 0;
    size_t len = strlen(s), h = 0;
    while (h < len && h < 6 && s[h] == '#')
        h++;
    if (h && h < len && s[h] == ' ')
        s += h + 1, len -= h + 1; /* step 4 */
    if (!memchr(s, '|', len) && !memchr(s, '_', len) && !memchr(s, '-', len) && !memmem(s, len, "\xE2\x94", 2) &&
        !memmem(s, len, "\xE2\x95", 2))
        return s;
    nb_buf b = NB_BUF_INIT;
    *ruled = unbox(&b, s, len);
    int rule = only_rules(nb_buf_cstr(&b), b.len);
    *ruled |= rule;
    const char *out = rule ? "" : nb_doc_strdup(doc, nb_buf_cstr(&b), b.len);
    nb_buf_free(&b);
    return out ? out : s;
}

/* ---- classifying lines -------------------------------------------------------------------- */

/* Running page numbers a converter leaves between lines: -3-, — 3 —, 第3页, 第3页共5页, 3/12. */
static int is_page_number(const char *s, size_t len)
{
    static const char *const dashes[] = {"-", "—", "–"};
    size_t i = 0, digits = 0;
    int dash = 0;
    for (size_t k = 0; k < 3 && !dash; k++)
        if (starts_with(s, len, dashes[k]))
            dash = 1, i = strlen(dashes[k]);
    if (!dash && starts_with(s, len, "第"))
        i = strlen("第");
    while (i < len && s[i] == ' ')
        i++;
    while (i < len && s[i] >= '0' && s[i] <= '9')
        i++, digits++;
    while (i < len && s[i] == ' ')
        i++;
    if (!digits || digits > 4)
        return 0;
    const char *rest = s + i;
    size_t rl = len - i;
    if (dash)
        return rl && rl <= 3 && (rest[0] == '-' || (unsigned char)rest[0] == 0xE2);
    if (starts_with(s, len, "第"))
        return starts_with(rest, rl, "页");
    if (rl > 1 && rest[0] == '/') {
        for (size_t k = 1; k < rl; k++)
            if ((rest[k] < '0' || rest[k] > '9') && rest[k] != ' ')
                return 0;
        return 1;
    }
    return 0;
}

/* Non-empty cells of a line cut at '|', 0 when it holds none. */
static int pipe_cells(const char *s, size_t len)
{
    if (!memchr(s, '|', len))
        return 0;
    tokens t = {0};
    int n = split_cells(&t, s, len, '|', 0, 0) ? (int)t.n : 0;
    free(t.v);
    return n;
}

static void classify(line_info *l)
{
    const char *s = l->s;
    size_t len = l->len;
    trim(&s, &len);
    if (len && is_page_number(s, len))
        len = 0; /* a page number is no content: read it as a blank line */
    if (!len) {
        l->style = L_BLANK;
        return;
    }
    tokens t = {0};
    if (memchr(l->s, '\t', l->len))
        l->style = L_TAB;
    else if (s[len - 1] == '|' || pipe_cells(s, len) >= 2)
        l->style = L_PIPE; /* "| a | b |", or Markdown's "a| b| c" with no closing bar */
    else
        l->style = L_PLAIN;
    if (l->style != L_TAB) { /* tab lines keep their leading empty cells */
        l->indent = (int)count_chars(l->s, (size_t)(s - l->s));
        l->s = s;
        l->len = len;
    }
    line_tokens(&t, l, 0);
    int labels = 0, trailing_nums = 1, full_stop = 0;
    size_t label_chars = 0, widest = 0;
    for (size_t i = 0; i < t.n; i++) {
        if (t.v[i].is_num) {
            l->nnum++;
            l->glued = t.v[i].glued;
            continue;
        }
        size_t c = count_chars(t.v[i].s, t.v[i].len);
        labels++;
        label_chars += c;
        widest = c > widest ? c : widest;
        full_stop |= has_str(t.v[i].s, t.v[i].len, "。");
        if (l->nnum)
            trailing_nums = 0;
    }
    free(t.v);
    /* A lone long cell is a paragraph (tab-indented prose); numbers make a line a row. */
    int prose = !l->nnum && labels == 1 && (widest > MAX_CELL_CHARS || full_stop);
    if (l->style == L_PLAIN)
        prose = full_stop || label_chars > (l->nnum ? 2 * MAX_CELL_CHARS : MAX_CELL_CHARS);
    if (l->style == L_PIPE || (l->style == L_TAB && !prose))
        l->anchor = 1;
    else if (l->style == L_PLAIN && l->nnum && trailing_nums && !prose)
        l->anchor = 1;
    l->breaker = !l->anchor && (prose || (!l->nnum && is_heading_like(s, len)));
}

/* Prose wrapped at a fixed width can end a line in digits glued to text, the number's unit on the
 * next line ("全年网站访问量达84" / "万人次。"); a table row's run is followed by the next row's
 * label, which never opens with a unit or a clause mark. Such a line is classified again as text. */
static int opens_with_unit(const char *s, size_t len)
{
    static const char *const units[] = {"年", "月", "日", "件", "条", "次", "个", "万", "亿", "人", "篇", "场",
                                        "项", "家", "户", "份", "元", "%", "％", "余", "多", "名", "期", "批",
                                        "类", "天", "号", "，", "。", "、", "；", "："};
    trim(&s, &len);
    for (size_t k = 0; k < sizeof units / sizeof units[0]; k++)
        if (starts_with(s, len, units[k]))
            return 1;
    return 0;
}

static void unglue_prose(line_info *L, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!L[i].glued)
            continue;
        size_t j = i + 1;
        while (j < n && L[j].style == L_BLANK)
            j++;
        if (j == n || !opens_with_unit(L[j].s, L[j].len))
            continue;
        line_info again = {.s = L[i].s, .len = L[i].len, .ruled = L[i].ruled, .unglued = 1};
        int indent = L[i].indent;
        classify(&again);
        again.indent = indent;
        L[i] = again;
    }
}

/* A numbered line right above a line of bare numbers is a row label, not a section heading. */
static void unbreak_row_labels(line_info *L, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!L[i].breaker || L[i].style != L_PLAIN || L[i].nnum)
            continue;
        size_t j = i + 1;
        while (j < n && L[j].style == L_BLANK)
            j++;
        if (j < n && L[j].anchor && L[j].style == L_PLAIN && bare_numbers(&L[j]) &&
            !has_str(L[i].s, L[i].len, "。"))
            L[i].breaker = 0;
    }
}

/* A lone line of digits long enough to be a whole row run together ("000000000000033"). */
static int glued_row(const line_info *l)
{
    size_t digits = 0;
    for (size_t i = 0; i < l->len; i++)
        digits += l->s[i] >= '0' && l->s[i] <= '9';
    return l->nnum == 1 && bare_numbers(l) && digits >= GLUED_ROW_DIGITS;
}

/* Marks table regions: runs of anchors with label lines between them, plus header lines above. */
static int mark_regions(line_info *L, size_t n)
{
    int region = 0;
    size_t prev_end = 0;
    for (size_t i = 0; i < n; i++) {
        if (!L[i].anchor)
            continue;
        size_t start = i, end = i, gap = 0;
        int numeric = L[i].nnum > 0, anchors = 1;
        for (size_t j = i + 1; j < n; j++) {
            if (L[j].style == L_BLANK)
                continue;
            if (L[j].anchor) {
                end = j, gap = 0, anchors++;
                numeric += L[j].nnum > 0;
                continue;
            }
            if (L[j].breaker || ++gap > MAX_REGION_GAP)
                break;
        }
        for (size_t k = start, seen = 0; k > prev_end && seen < MAX_LEAD_LINES;) {
            k--;
            if (L[k].breaker || L[k].region)
                break;
            if (L[k].style != L_BLANK)
                start = k, seen++;
        }
        if (numeric >= 2 || L[i].nnum >= 3 || (anchors >= 2 && L[i].style != L_PLAIN) || glued_row(&L[i])) {
            region++;
            for (size_t k = start; k <= end; k++)
                L[k].region = region;
        }
        prev_end = end + 1;
        i = end;
    }
    return region;
}

/* ---- rebuilding rows ---------------------------------------------------------------------- */

typedef struct {
    const char *s[MAX_ROW_CELLS];
    size_t len[MAX_ROW_CELLS];
    int col[MAX_ROW_CELLS]; /* source column of numeric cells (layout-aligned text), -1 labels */
    int n, nums;
    int num_line; /* source line of the row's first number */
    int last_line; /* ... and of its last */
    int lines;    /* its numbers came from several lines (or one was joined over lines): the
                     template trusts them only where the row's identity holds (NB_CF_LINES) */
    int run;      /* 1 + the cell holding a glued run (token.glued), 0 when none */
    int cell[MAX_ROW_CELLS]; /* drawn rows: the '|' cell index each came from, -1 unknown */
    int wrap_line; /* drawn rows: the source line of the last fragment wrapped onto a label */
    int cell_line[MAX_ROW_CELLS]; /* drawn rows: the source line of a label cell's last fragment */
} row;

typedef struct {
    nb_doc *doc;
    nb_table *t;
    int nrows;
    nb_buf joined;  /* text of a label cell continued over several lines */
    int aligned;    /* text laid out in columns (pdftotext -layout): numbers ordered by column */
    int drawn;      /* a rule drawn between every two lines holding numbers (w3m's boxes) */
    int width;      /* most numbers seen in one row of this table */
    const int *line_nums; /* aligned text: numbers left on each line of the region once wrapped
                             pieces are joined (line_nums[i - from]), else NULL */
    size_t from, to;
    const line_info *L; /* the region's lines (aligned text, with line_nums) */
} builder;

/* A line holding no number and at most GROUP_CHARS characters: a group label set down its column
 * one or two characters a line ("（" "四" "）"), which pdftotext puts between a row's line and
 * the pieces of its wrapped numbers. */
static int group_char_line(const builder *b, size_t i)
{
    return b->L && b->L[i].style != L_BLANK && !b->line_nums[i - b->from] &&
           count_chars(b->L[i].s, b->L[i].len) <= GROUP_CHARS;
}

/* Aligned text: numbers on the line right above or below a row's numbers that did not become
 * the row's may be pieces of its wrapped numbers that could not be joined with certainty (a
 * large font pushes columns apart): the row then needs its identity like a gathered one. */
static int neighbours_hold_numbers(const builder *b, const row *r)
{
    if (!b->line_nums || !r->nums)
        return 0;
    size_t above = (size_t)r->num_line, below = (size_t)r->last_line + 1;
    while (above > b->from + 1 && group_char_line(b, above - 1))
        above--;
    while (below + 1 < b->to && group_char_line(b, below))
        below++;
    return (above > b->from && b->line_nums[above - 1 - b->from]) ||
           (below < b->to && b->line_nums[below - b->from]);
}

/* In column-aligned text a row's numbers may sit on different lines (a total centred on a
 * wrapped label): put them back in column order. Insertion sort over the numeric cells only. */
static void order_numbers(row *r)
{
    int idx[MAX_ROW_CELLS], k = 0;
    for (int i = 0; i < r->n; i++)
        if (r->col[i] >= 0)
            idx[k++] = i;
    for (int i = 1; i < k; i++)
        for (int j = i; j > 0 && r->col[idx[j - 1]] > r->col[idx[j]]; j--) {
            int a = idx[j - 1], c = idx[j];
            const char *ts = r->s[a];
            size_t tl = r->len[a];
            int tc = r->col[a];
            r->s[a] = r->s[c], r->len[a] = r->len[c], r->col[a] = r->col[c];
            r->s[c] = ts, r->len[c] = tl, r->col[c] = tc;
        }
}

static void emit_row(builder *b, row *r)
{
    if (!r->n)
        return;
    if (b->aligned)
        order_numbers(r);
    r->lines |= neighbours_hold_numbers(b, r);
    if (r->nums > b->width)
        b->width = r->nums;
    int last = r->n;
    while (last > 0 && !r->len[last - 1]) /* trailing empty cells carry nothing */
        last--;
    for (int c = 0; c < last; c++) {
        nb_cell *cell = nb_table_add_cell(b->doc, b->t, b->nrows, c, 1, 1, r->s[c], r->len[c]);
        if (cell) /* the copy is ours: drop spaces a converter put between Han characters */
            nb_tighten((char *)cell->text, strlen(cell->text), 0);
        if (cell && r->lines && r->col[c] >= 0)
            cell->flags |= NB_CF_LINES;
        if (cell && r->run == c + 1)
            cell->flags |= NB_CF_RUN;
    }
    if (last)
        b->nrows++;
    r->n = r->nums = r->lines = r->run = r->wrap_line = 0;
}

static void row_add_at(builder *b, row *r, const char *s, size_t len, int is_num, int col, int line)
{
    if (r->n == MAX_ROW_CELLS)
        emit_row(b, r);
    if (is_num && r->nums && line != r->num_line)
        r->lines = 1;
    if (is_num && !r->nums)
        r->num_line = line;
    if (is_num)
        r->last_line = line;
    r->s[r->n] = s;
    r->cell[r->n] = -1;
    r->col[r->n] = is_num ? col : -1;
    r->len[r->n++] = len;
    r->nums += is_num;
}

static void row_add(builder *b, row *r, const char *s, size_t len, int is_num)
{
    row_add_at(b, r, s, len, is_num, 0, 0);
}

/* Appends a wrapped fragment to cell k of the row (the text is copied to the arena). */
static void cell_append(builder *b, row *r, int k, const char *s, size_t len)
{
    nb_buf_clear(&b->joined);
    nb_buf_put(&b->joined, r->s[k], r->len[k]);
    nb_buf_put(&b->joined, s, len);
    const char *copy = nb_doc_strdup(b->doc, nb_buf_cstr(&b->joined), b->joined.len);
    if (copy) {
        r->s[k] = copy;
        r->len[k] = b->joined.len;
    }
}

/* One row per line: tab-separated cells keep their positions. */
static void rows_per_line(builder *b, line_info *L, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        if (L[i].style == L_BLANK)
            continue;
        tokens t = {0};
        line_tokens(&t, &L[i], L[i].style == L_TAB);
        row r = {.n = 0};
        for (size_t k = 0; k < t.n; k++)
            row_add(b, &r, t.v[k].s, t.v[k].len, t.v[k].is_num);
        emit_row(b, &r);
        free(t.v);
    }
}

/* One cell per line, blank lines between rows (what DOCX-to-text converters print). */
static void rows_by_blank(builder *b, line_info *L, size_t from, size_t to)
{
    row r = {.n = 0};
    for (size_t i = from; i < to; i++) {
        if (L[i].style == L_BLANK) {
            emit_row(b, &r);
            continue;
        }
        const char *s = L[i].s;
        size_t len = L[i].len;
        trim(&s, &len);
        row_add(b, &r, s, len, nb_parse_number(s, len, NULL));
    }
    emit_row(b, &r);
}

/* Aligned text: the token ends left of every number the row holds (a wrapped label's next line
 * after a group label's characters, as in "本   的，只计这一情形，不计其 7 2 0"). */
static int left_of_numbers(const row *r, const token *tk)
{
    for (int i = 0; i < r->n; i++)
        if (r->col[i] >= 0 && tk->end > r->col[i])
            return 0;
    return 1;
}

/* A drawn table (w3m): a label's text wraps onto the next lines of its box, with no rule between;
 * it goes on the row's label cell of the same '|' index:
 *   - below the row's numbers, on lines with no number ("│  │，只计这一情形，不计其他情│0 │8 │…" then
 *     "│  │形）   │  │  │");
 *   - above them, on the line right under the cell's last fragment ("│  │  │2.│" "│  │  │没│" …
 *     "│  │法│息│3 │0 │…": the row label 2.没…息 and, one character a line in the column to its left,
 *     the group label （四）无法 stay two cells instead of interleaving).
 * A numbered fragment, or one in a cell the row has no label in (a group label set down a column,
 * "（" "三" "）"), streams as before, after the line's fragments that went on (rows_stream). */
static int drawn_wrap(builder *b, row *r, const token *tk)
{
    int below = r->wrap_line > r->last_line ? r->wrap_line : r->last_line;
    if (!tk->wraps || tk->is_num || nb_numbering_level(tk->s, tk->len) ||
        (r->nums && (tk->line_nums || tk->line > below + 1)))
        return 0;
    for (int k = r->n - 1; k >= 0; k--)
        if (r->col[k] < 0 && r->cell[k] >= 0 && r->cell[k] == tk->cell) {
            if (!r->nums && tk->line != r->cell_line[k] + 1)
                return 0;
            cell_append(b, r, k, tk->s, tk->len);
            r->wrap_line = r->cell_line[k] = tk->line;
            return 1;
        }
    return 0;
}

/* Drawn rows before their numbers: a numbered label set in a column left of the row's label cells
 * while their box is still open (no rule since the line above: "│ 三、本 │ 供 │ 息需要另行制 │ 3 │"
 * under "│ │ 无法提 │ 2.没有现成信 │") is a group label spanning rows, not a row of its own. */
static int drawn_beside(const row *r, const token *tk)
{
    for (int k = 0; tk->cell >= 0 && !r->nums && k < r->n; k++)
        if (r->col[k] < 0 && r->cell[k] > tk->cell && r->cell_line[k] + 1 >= tk->line)
            return 1;
    return 0;
}

/* Drawn rows before their numbers: the label cell just added moves left of label cells from
 * columns right of it that went on up to the line above (a group label met after the first
 * characters of its row's label, in the same box: no rule between). */
static void drawn_order(row *r)
{
    for (int k = r->n - 1; k > 0 && r->col[k - 1] < 0 && r->cell[k - 1] > r->cell[k] &&
                           r->cell_line[k - 1] + 1 >= r->cell_line[k]; k--) {
        const char *ts = r->s[k];
        size_t tl = r->len[k];
        int tc = r->cell[k], tn = r->cell_line[k];
        r->s[k] = r->s[k - 1], r->len[k] = r->len[k - 1];
        r->cell[k] = r->cell[k - 1], r->cell_line[k] = r->cell_line[k - 1];
        r->s[k - 1] = ts, r->len[k - 1] = tl, r->cell[k - 1] = tc, r->cell_line[k - 1] = tn;
    }
}

/* Label text arriving after numbers starts a new row; a numbered label arriving under a label of
 * a lower level (三、 then （一）) joins the row as a group label; a wrapped fragment continues. */
static void stream_token(builder *b, row *r, const token *tk, int *cont)
{
    if (tk->is_num && !tk->mark && r->run && tk->line == r->last_line && !tk->glued) {
        cell_append(b, r, r->run - 1, " ", 1); /* "规章1 0 6": the run goes on, its spaces hints */
        cell_append(b, r, r->run - 1, tk->s, tk->len);
        return;
    }
    if (tk->is_num) {
        row_add_at(b, r, tk->s, tk->len, 1, tk->col, tk->line);
        if (tk->glued)
            r->run = r->n;
        r->lines |= tk->stacked;
        *cont = 0;
        return;
    }
    int level = nb_numbering_level(tk->s, tk->len);
    /* aligned text, wide table: a wrapped label's next line while the row still lacks numbers
     * (the total sat on the label's first line, the other numbers come with the second) */
    int wrapped = b->aligned && !level && r->nums && r->nums < b->width && b->width >= 5;
    if (wrapped && r->n > r->nums && (tk->line_start || left_of_numbers(r, tk))) {
        int last = r->n - 1; /* the last label cell, left of the numbers */
        while (last > 0 && r->col[last] >= 0)
            last--;
        cell_append(b, r, last, tk->s, tk->len);
        return;
    }
    if (r->nums && !wrapped) {
        emit_row(b, r);
    } else if (*cont && tk->line_start && !level && r->n) {
        cell_append(b, r, r->n - 1, tk->s, tk->len);
        *cont = tk->line_tokens == 1;
        return;
    } else if (level && r->n && !(b->drawn && drawn_beside(r, tk))) {
        int lead = nb_numbering_level(r->s[0], r->len[0]);
        if (!lead || lead >= level)
            emit_row(b, r);
    }
    row_add(b, r, tk->s, tk->len, 0);
    r->cell[r->n - 1] = tk->cell;
    r->cell_line[r->n - 1] = tk->line;
    if (b->drawn && !r->nums && tk->cell >= 0)
        drawn_order(r);
    *cont = tk->line_tokens == 1;
}

/* ---- numbers wrapped inside a cell (pdftotext -layout) ------------------------------------ */

/* A number too wide for its cell wraps: 1296 prints as "12" over "96", and pdftotext puts the
 * row's other numbers on the line between the two pieces (they sit between them vertically):
 *
 *                        12                13      <- line i-1: pieces only where a number wrapped
 *   一、本年新收…数量          40   6   13   0   16      <- line i: the row, nothing under those columns
 *                        96                71      <- line i+1
 *
 * 1. take three consecutive lines; the middle one holds numbers;
 * 2. every number of line i-1 overlaps (in columns) exactly one number of line i+1 and that one
 *    overlaps only it; no number of line i overlaps either piece; the upper piece is not shorter
 *    than the lower (a wrap fills the first line first) and does not start with 0; the pieces
 *    and line i's numbers together are no more than the widest line of the table holds (two
 *    full rows on consecutive lines, their numbers shifted by a longer label, never pair);
 * 3. then each pair is one number (1296, 1371) on line i, in its column; otherwise nothing is
 *    joined and the pieces stay where they are (the template's guards then leave the row null).
 * 4. a number wrapped at the top of its cell: line i holds the row with the upper pieces ("20"),
 *    line i+1 only lower pieces ("11"), each under exactly one number of line i, fewer of them
 *    than line i holds, and no numbered label ("二、") on line i+1 (that would be the next row):
 *    joined the same way (2011), unless line i+1 is the middle line of step 2's pattern.
 * A joined number marks its row NB_CF_LINES, so the row's identity must hold for it to count. */

typedef struct {
    int width;      /* most numbers on one line of the region */
    tokens all;     /* every token of the region, line by line */
    size_t *at;     /* at[k]: first token of line from + k; at[n]: the end */
    tokens joined;  /* numbers joined from wrapped pieces, in line order */
} region_tokens;

static int overlaps(const token *a, const token *b)
{
    return a->col < b->end && b->col < a->end;
}

/* Live numbers among tokens [lo, hi) overlapping p; the last one in *which. */
static int overlapping(const tokens *t, size_t lo, size_t hi, const token *p, size_t *which)
{
    int n = 0;
    for (size_t k = lo; k < hi; k++)
        if (t->v[k].is_num && !t->v[k].dead && overlaps(&t->v[k], p))
            n++, *which = k;
    return n;
}

static int live_numbers(const tokens *t, size_t lo, size_t hi)
{
    int n = 0;
    for (size_t k = lo; k < hi; k++)
        n += t->v[k].is_num && !t->v[k].dead;
    return n;
}

/* Step 2 (up = k - 1, dn = k + 1) or step 4 (up = k, dn = k + 1, no middle line): 1 when every
 * number of line dn pairs with one of line up as the pieces of one wrapped number. */
static int stack_certain(const region_tokens *R, size_t up_line, size_t k)
{
    const tokens *t = &R->all;
    size_t u0 = R->at[up_line], u1 = R->at[up_line + 1], m0 = R->at[k], d0 = R->at[k + 1],
           d1 = R->at[k + 2], d, u;
    int pairs = 0, mid = live_numbers(t, m0, d0), ups = live_numbers(t, u0, u1),
        dns = live_numbers(t, d0, d1), middle = up_line != k;
    if (!mid || !ups || (middle ? mid + ups > R->width : dns >= ups))
        return 0;
    for (size_t i = d0; !middle && i < d1; i++)
        if (!t->v[i].is_num && !t->v[i].dead && nb_numbering_level(t->v[i].s, t->v[i].len))
            return 0; /* step 4: a numbered label starts the next row */
    for (size_t i = u0; i < u1; i++) {
        const token *up = &t->v[i];
        if (!up->is_num || up->dead || (!middle && overlapping(t, d0, d1, up, &d) == 0))
            continue; /* step 4: line k's numbers that did not wrap */
        if (overlapping(t, d0, d1, up, &d) != 1 || overlapping(t, u0, u1, &t->v[d], &u) != 1 ||
            (middle && (overlapping(t, m0, d0, up, &u) || overlapping(t, m0, d0, &t->v[d], &u))) ||
            up->len < t->v[d].len || up->s[0] == '0' || up->mark || t->v[d].mark)
            return 0;
        pairs++;
    }
    return pairs && pairs == dns;
}

/* Step 3: joins each pair of lines up_line and k + 1 onto line k; 0 when out of memory. */
static int stack_join(builder *b, region_tokens *R, size_t up_line, size_t k)
{
    tokens *t = &R->all;
    size_t d0 = R->at[k + 1], d1 = R->at[k + 2], d = 0;
    for (size_t i = R->at[up_line]; i < R->at[up_line + 1]; i++) {
        token *up = &t->v[i];
        if (!up->is_num || up->dead || !overlapping(t, d0, d1, up, &d))
            continue;
        token *dn = &t->v[d];
        nb_buf_clear(&b->joined);
        nb_buf_put(&b->joined, up->s, up->len);
        nb_buf_put(&b->joined, dn->s, dn->len);
        const char *s = nb_doc_strdup(b->doc, nb_buf_cstr(&b->joined), b->joined.len);
        if (!s || !push_token(&R->joined, s, b->joined.len, nb_parse_number(s, b->joined.len, NULL)))
            return 0;
        token *j = &R->joined.v[R->joined.n - 1];
        j->col = up->col < dn->col ? up->col : dn->col;
        j->end = up->end > dn->end ? up->end : dn->end;
        j->line = up->line + (up_line != k); /* onto the middle line, or the row's own */
        j->stacked = 1;
        up->dead = dn->dead = 1;
    }
    return 1;
}

static int region_tokenize(builder *b, region_tokens *R, line_info *L, size_t from, size_t to)
{
    R->at = malloc((to - from + 1) * sizeof *R->at);
    if (!R->at)
        return 0;
    for (size_t i = from; i < to; i++) {
        R->at[i - from] = R->all.n;
        if (L[i].style != L_BLANK && !line_tokens(&R->all, &L[i], 0))
            return 0;
        for (size_t k = R->at[i - from]; k < R->all.n; k++)
            R->all.v[k].line = (int)i;
        int nums = live_numbers(&R->all, R->at[i - from], R->all.n);
        R->width = nums > R->width ? nums : R->width;
    }
    R->at[to - from] = R->all.n;
    for (size_t k = 0; b->aligned && k + 1 < to - from; k++) {
        size_t up = k; /* step 2 around line k, else step 4 from k unless step 2 holds around k + 1 */
        if (k > 0 && stack_certain(R, k - 1, k))
            up = k - 1;
        else if (!stack_certain(R, k, k) || (k + 2 < to - from && stack_certain(R, k, k + 1)))
            continue;
        if (!stack_join(b, R, up, k))
            return 0;
    }
    return 1;
}

/* Streams the region's live tokens line by line, joined numbers in their column. */
static void rows_stream(builder *b, line_info *L, size_t from, size_t to)
{
    region_tokens R = {0, {0}, NULL, {0}};
    row r = {.n = 0};
    int cont = 0;
    size_t j = 0;
    if (!region_tokenize(b, &R, L, from, to)) {
        nb_doc_warn(b->doc, "out of memory reading a text table; table left out");
        free(R.all.v), free(R.at), free(R.joined.v);
        return;
    }
    int *nums = b->aligned ? calloc(to - from, sizeof *nums) : NULL;
    if (b->aligned && !nums) {
        nb_doc_warn(b->doc, "out of memory reading a text table; table left out");
        free(R.all.v), free(R.at), free(R.joined.v);
        return;
    }
    for (size_t i = from; nums && i < to; i++)
        nums[i - from] = live_numbers(&R.all, R.at[i - from], R.at[i - from + 1]);
    for (size_t j2 = 0; nums && j2 < R.joined.n; j2++)
        nums[R.joined.v[j2].line - (int)from]++;
    b->line_nums = nums, b->from = from, b->to = to, b->L = L;
    for (size_t i = from; i < to; i++) {
        int first = 1;
        for (size_t k = R.at[i - from]; b->drawn && k < R.at[i - from + 1]; k++) {
            token tk = R.all.v[k];
            tk.wraps = L[i].style == L_PIPE && !L[i].ruled;
            if (!tk.dead && drawn_wrap(b, &r, &tk))
                R.all.v[k].dead = 1;
        }
        for (size_t k = R.at[i - from]; k <= R.at[i - from + 1]; k++) {
            const token *cur = k < R.at[i - from + 1] ? &R.all.v[k] : NULL;
            while (j < R.joined.n && R.joined.v[j].line == (int)i && (!cur || R.joined.v[j].col < cur->col)) {
                stream_token(b, &r, &R.joined.v[j++], &cont);
                first = 0;
            }
            if (!cur || cur->dead)
                continue;
            token tk = *cur;
            tk.line_start = first;
            first = 0;
            stream_token(b, &r, &tk, &cont);
        }
        if (L[i].style == L_PIPE)
            cont = 0; /* '|' closes its cell */
    }
    emit_row(b, &r);
    b->line_nums = NULL;
    free(nums);
    free(R.all.v), free(R.at), free(R.joined.v);
}

/* Every two lines holding numbers have a rule line between them (w3m); Markdown's one "---|---"
 * under the header or '|' rows with no rules are not drawn. */
static int drawn(const line_info *L, size_t from, size_t to)
{
    int rule = 0, pairs = 0;
    for (size_t i = from, last = to; i < to; i++) {
        if (!L[i].nnum)
            continue;
        if (last < to) {
            int between = 0;
            for (size_t k = last + 1; k < i && !between; k++)
                between = L[k].ruled;
            if (!between)
                return 0;
            pairs++;
        }
        last = i;
        rule = 1;
    }
    return rule && pairs > 0;
}

static void build_table(nb_doc *doc, nb_table *t, line_info *L, size_t from, size_t to)
{
    size_t multi = 0, single_tab = 0, lines = 0, blanks = 0;
    for (size_t i = from; i < to; i++) {
        if (L[i].style == L_BLANK) {
            blanks++;
            continue;
        }
        lines++;
        if (L[i].style != L_TAB)
            continue;
        tokens tk = {0};
        line_tokens(&tk, &L[i], 0);
        if (tk.n >= 2)
            multi++;
        else
            single_tab++;
        free(tk.v);
    }
    size_t gaps = 0; /* lines set out in columns: a wide gap inside, or indented like a cell */
    for (size_t i = from; i < to; i++)
        if (L[i].style == L_PLAIN && (memmem(L[i].s, L[i].len, "   ", 3) || L[i].indent >= LAYOUT_INDENT))
            gaps++;
    builder b = {doc, t, 0, NB_BUF_INIT, gaps * 3 > lines, drawn(L, from, to), 0, NULL, 0, 0, NULL};
    if (multi * 2 > lines)
        rows_per_line(&b, L, from, to);
    else if (single_tab * 2 > lines && blanks)
        rows_by_blank(&b, L, from, to);
    else
        rows_stream(&b, L, from, to);
    nb_buf_free(&b.joined);
    nb_table_finish(t);
}

/* ---- paragraphs --------------------------------------------------------------------------- */

static int ends_sentence(const char *s, size_t len)
{
    static const char *const finals[] = {"。", "！", "？", "；", "：", "”", "…", ".", ":", ";", "!", "?"};
    for (size_t i = 0; i < sizeof finals / sizeof finals[0]; i++) {
        size_t n = strlen(finals[i]);
        if (len >= n && !memcmp(s + len - n, finals[i], n))
            return 1;
    }
    return 0;
}

static int is_short_heading(const char *s, size_t len)
{
    return nb_numbering_level(s, len) && count_chars(s, len) <= 30 && !ends_sentence(s, len);
}

static void join_line(nb_buf *p, const char *s, size_t len)
{
    if (p->len) {
        int adv;
        unsigned a = 0, c = nb_utf8_decode(s, len, &adv);
        for (size_t k = p->len; k > 0; k--) /* last code point of the paragraph so far */
            if (((unsigned char)p->ptr[k - 1] & 0xC0) != 0x80) {
                a = nb_utf8_decode(p->ptr + k - 1, p->len - (k - 1), &adv);
                break;
            }
        if (a < 0x2E80 && c < 0x2E80)
            nb_buf_putc(p, ' ');
    }
    nb_buf_put(p, s, len);
}

static int flush_para(nb_doc *doc, nb_block **out, size_t *n, nb_buf *p)
{
    if (!p->len)
        return 1;
    p->len = nb_tighten(p->ptr, p->len, 1);
    const char *text = nb_doc_strdup(doc, p->ptr, p->len);
    nb_buf_clear(p);
    if (!text)
        return 0;
    (*out)[*n] = (nb_block){.kind = NB_BLOCK_PARA, .text = text};
    (*n)++;
    return 1;
}

/* Lines outside tables: a line that does not end a sentence continues into the next one,
 * unless it is a short numbered heading or the next line starts a numbered item. */
static int emit_prose(nb_doc *doc, line_info *L, size_t from, size_t to, nb_block **out, size_t *n)
{
    nb_buf p = NB_BUF_INIT;
    int ok = 1;
    for (size_t i = from; i < to && ok; i++) {
        const char *s = L[i].s;
        size_t len = L[i].len;
        trim(&s, &len);
        if (!len || L[i].style == L_BLANK)
            continue;
        if (p.len && nb_numbering_level(s, len))
            ok = flush_para(doc, out, n, &p);
        join_line(&p, s, len);
        if (ends_sentence(s, len) || is_short_heading(p.ptr, p.len))
            ok = ok && flush_para(doc, out, n, &p);
    }
    ok = ok && flush_para(doc, out, n, &p);
    nb_buf_free(&p);
    return ok;
}

nb_code nb_layout_text(nb_doc *doc, nb_err *err)
{
    size_t n = doc->nblocks;
    line_info *L = calloc(n ? n : 1, sizeof *L);
    nb_block *out = calloc(n + 1, sizeof *out); /* never more blocks than lines */
    if (!L || !out) {
        free(L);
        free(out);
        return nb_err_set(err, NB_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        int ruled = 0;
        L[i].s = unrule_line(doc, doc->blocks[i].text ? doc->blocks[i].text : "", &ruled);
        L[i].ruled = ruled != 0;
        L[i].len = strlen(L[i].s);
        classify(&L[i]);
    }
    unglue_prose(L, n);
    unbreak_row_labels(L, n);
    mark_regions(L, n);
    size_t nout = 0;
    int ok = 1;
    for (size_t i = 0; i < n && ok;) {
        size_t j = i;
        while (j < n && L[j].region == L[i].region)
            j++;
        if (!L[i].region) {
            ok = emit_prose(doc, L, i, j, &out, &nout);
        } else {
            nb_table *t = nb_arena_alloc(&doc->arena, sizeof *t);
            ok = t != NULL;
            if (ok) {
                memset(t, 0, sizeof *t);
                build_table(doc, t, L, i, j);
                out[nout++] = (nb_block){.kind = NB_BLOCK_TABLE, .table = t};
            }
        }
        i = j;
    }
    free(L);
    nb_doc_set_blocks(doc, out, nout, n + 1);
    return ok ? NB_OK : nb_err_set(err, NB_ENOMEM, "out of memory");
}
