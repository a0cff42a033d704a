/* sections.c - the common section parser: the six top-level sections (一 … 六) with their
 * bodies, tolerant of wording, numbering style, split or glued headings; agency and year. */
#include "tables.h"
#include "layout.h"

#include <stdlib.h>
#include <string.h>

#define MAX_TITLE_CHARS 40 /* a heading's title: longer means text glued to it */
#define TITLE_LINE_BYTES (3 * 40) /* a line of a wrapped report title: 40 Han characters in UTF-8 */

static const char *const numerals[6] = {"一", "二", "三", "四", "五", "六"};
static const char *const title_ends[] = {"情况", "事项"};
static const char *const seps[] = {"、", "，", "．", ".", " ", "．"};

static const char *skip_space(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n')
        s++;
    return s;
}

static int starts(const char *s, const char *p) { return !strncmp(s, p, strlen(p)); }

/* Byte offset just past the first n characters of s (or its end). */
static size_t chars_prefix(const char *s, size_t n)
{
    size_t i = 0;
    while (s[i] && n) {
        i++;
        while (((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        n--;
    }
    return i;
}

/* 1..6 when s starts with that section's numbering, *rest pointing past it; else 0. */
static int heading_number(const char *s, const char **rest)
{
    s = skip_space(s);
    for (int n = 0; n < 6; n++) {
        if (!starts(s, numerals[n]))
            continue;
        const char *p = s + strlen(numerals[n]);
        for (size_t k = 0; k < sizeof seps / sizeof seps[0]; k++)
            if (starts(p, seps[k])) {
                *rest = skip_space(p + strlen(seps[k]));
                return n + 1;
            }
    }
    return 0;
}

static int says_section(const char *rest, int number)
{
    size_t lim = chars_prefix(rest, 16);
    for (const char *const *w = nb_section_words(number); *w; w++) { /* template_desc.h */
        const char *hit = strstr(rest, *w);
        if (hit && (size_t)(hit - rest) < lim)
            return 1;
    }
    return 0;
}

/* Length in bytes of the title at the start of rest: through 情况/事项 when near, else up to
 * the first sentence punctuation. */
static size_t title_len(const char *rest)
{
    size_t lim = chars_prefix(rest, MAX_TITLE_CHARS), best = 0;
    for (size_t k = 0; k < 2; k++) {
        const char *hit = strstr(rest, title_ends[k]);
        if (hit && (size_t)(hit - rest) < lim) {
            size_t end = (size_t)(hit - rest) + strlen(title_ends[k]);
            if (!best || end < best)
                best = end;
        }
    }
    if (best)
        return best;
    static const char *const stops[] = {"。", "：", ":", "；", "，", ","};
    size_t end = strlen(rest) < lim ? strlen(rest) : lim;
    for (size_t k = 0; k < sizeof stops / sizeof stops[0]; k++) {
        const char *hit = strstr(rest, stops[k]);
        if (hit && (size_t)(hit - rest) < end)
            end = (size_t)(hit - rest);
    }
    return end;
}

static const char *strip_lead_punct(const char *s)
{
    static const char *const lead[] = {"。", "：", ":", "；", "，", ",", " "};
    for (int again = 1; again;) {
        again = 0;
        for (size_t k = 0; k < sizeof lead / sizeof lead[0]; k++)
            if (starts(s, lead[k])) {
                s += strlen(lead[k]);
                again = 1;
            }
    }
    return s;
}

int nb_section_heading(const nb_doc *d, const char *text)
{
    const char *rest = NULL;
    int n = text ? heading_number(d->ocr_pages ? strip_lead_punct(text) : text, &rest) : 0;
    return n && says_section(rest, n) ? n : 0;
}

typedef struct {
    nb_report *r;
    nb_buf body[6];
    int current; /* section being filled, 0 = before section 1 */
    int chrome;  /* the page's own text began after the last section (a printed web page) */
    size_t first_heading; /* block index of the first heading found */
} parser;

/* Words of a portal page's own text after the article (share buttons, links to other reports, the
 * site's footer): a paragraph of section 6 holding one and no sentence ends the report. */
static int page_chrome(const char *text)
{
    static const char *const words[] = {"分享到", "上一篇", "下一篇", "打印本页", "关闭窗口", "版权所有",
                                        "ICP备", "网站标识码", "公网安备", "主办单位"};
    if (strstr(text, "。"))
        return 0;
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (strstr(text, words[k]))
            return 1;
    return 0;
}

static void body_add(parser *p, const char *text)
{
    if (p->current == 6 && !p->chrome)
        p->chrome = page_chrome(text);
    if (!p->current || !*text || p->chrome)
        return;
    nb_buf *b = &p->body[p->current - 1];
    if (b->len)
        nb_buf_putc(b, '\n');
    nb_buf_puts(b, text);
}

/* A heading whose title was cut by a line end continues in the next short paragraph. */
static int title_continues(const char *title, size_t tlen, const nb_block *next)
{
    for (size_t k = 0; k < 2; k++)
        if (tlen >= strlen(title_ends[k]) &&
            !memcmp(title + tlen - strlen(title_ends[k]), title_ends[k], strlen(title_ends[k])))
            return 0;
    if (!next || next->kind != NB_BLOCK_PARA || strlen(next->text) > 3 * 20)
        return 0;
    return strstr(next->text, "情况") || strstr(next->text, "事项");
}

/* Tries to read block i as the heading of the next section; returns blocks consumed (0: not). */
static size_t try_heading(parser *p, const nb_doc *d, size_t i)
{
    const char *rest = NULL, *text = d->blocks[i].text;
    /* OCR: a speck before the heading read as a mark ("，一、总体情况") */
    int n = heading_number(d->ocr_pages ? strip_lead_punct(text) : text, &rest);
    if (!n || n <= p->current || !says_section(rest, n))
        return 0;
    size_t tlen = title_len(rest);
    nb_buf title = NB_BUF_INIT;
    nb_buf_put(&title, rest, tlen);
    const char *after = strip_lead_punct(rest + tlen);
    size_t used = 1;
    const nb_block *next = i + 1 < d->nblocks ? &d->blocks[i + 1] : NULL;
    if (!*after && title_continues(title.ptr ? title.ptr : "", tlen, next)) {
        size_t nt = title_len(next->text);
        nb_buf_put(&title, next->text, nt);
        after = strip_lead_punct(next->text + nt);
        used = 2;
    }
    nb_section *s = &p->r->sections[n - 1];
    s->title = nb_doc_strdup(p->r->doc, nb_buf_cstr(&title), title.len);
    nb_buf_free(&title);
    if (!p->current)
        p->first_heading = i;
    p->current = n;
    body_add(p, after);
    return used;
}

/* ---- agency and year ------------------------------------------------------------------------ */

/* Offset of the first "19xx年"/"20xx年" in s, its value in *year; -1 when none. */
static long find_year(const char *s, int *year)
{
    for (const char *p = s; *p; p++) {
        if (!((p[0] == '1' && p[1] == '9') || (p[0] == '2' && p[1] == '0')))
            continue;
        if (p > s && p[-1] >= '0' && p[-1] <= '9')
            continue;
        if (p[2] < '0' || p[2] > '9' || p[3] < '0' || p[3] > '9')
            continue;
        const char *q = skip_space(p + 4);
        if (starts(q, "年")) {
            *year = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
            return p - s;
        }
    }
    return -1;
}

static const char *const agency_suffixes[] = {
    "委员会", "办公室", "办事处", "人民政府", "政府", "局", "委", "厅", "署", "院", "中心",
    "公司", "所", "处", "站", "队", "馆", "部", "会", "办",
};

int nb_agency_suffixed(const char *name)
{
    size_t n = strlen(name);
    for (size_t k = 0; k < sizeof agency_suffixes / sizeof agency_suffixes[0]; k++) {
        size_t m = strlen(agency_suffixes[k]);
        if (n > m && !strcmp(name + n - m, agency_suffixes[k]))
            return 1;
    }
    return 0;
}

/* Text with spaces, control and bidi characters removed (every writer gets a name that cannot
 * reorder or hide what a terminal shows) and wrapping punctuation trimmed, in the arena; NULL if
 * implausible. */
static const char *agency_from(nb_report *r, const char *s, size_t len)
{
    nb_buf b = NB_BUF_INIT;
    for (size_t i = 0; i < len;) {
        int adv = 1;
        unsigned cp = nb_utf8_decode(s + i, len - i, &adv);
        if (cp != ' ' && !nb_cp_unsafe(cp) && !(cp == 0xFFFD && adv == 1))
            nb_buf_put(&b, s + i, (size_t)adv);
        i += (size_t)adv;
    }
    const char *t = nb_buf_cstr(&b);
    static const char *const trims[] = {"关于", "《", "“"};
    for (size_t k = 0; k < sizeof trims / sizeof trims[0]; k++)
        if (starts(t, trims[k]))
            t += strlen(trims[k]);
    size_t n = strlen(t);
    static const char *const tails[] = {"关于", "》", "”"};
    for (size_t k = 0; k < sizeof tails / sizeof tails[0]; k++)
        if (n >= strlen(tails[k]) && !strcmp(t + n - strlen(tails[k]), tails[k]))
            n -= strlen(tails[k]);
    size_t chars = 0;
    for (size_t i = 0; i < n; i++)
        chars += ((unsigned char)t[i] & 0xC0) != 0x80;
    /* words of a report title, never of an agency's name */
    static const char *const not_names[] = {"信息公开", "报告", "年度", "工作", /* ... nor of a sentence */
                                            "，", "。", "；", "："};
    int named = chars >= 2 && chars <= 30 && (unsigned char)t[0] >= 0x80;
    for (size_t k = 0; named && k < sizeof not_names / sizeof not_names[0]; k++) {
        const char *hit = strstr(t, not_names[k]);
        named = !hit || (size_t)(hit - t) >= n;
    }
    const char *out = named ? nb_doc_strdup(r->doc, t, n) : NULL;
    nb_buf_free(&b);
    return out;
}

/* Offset in s[0, at) where its closing run of Han characters starts: the title of a page whose
 * chrome ran into it ("…字号：[大中小]X市Y局2024年…报告" -> "X市Y局"). */
static size_t han_tail(const char *s, size_t at)
{
    size_t start = at;
    while (start > 0) {
        size_t k = start - 1;
        while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
            k--;
        int adv = 1;
        if (!nb_is_han(nb_utf8_decode(s + k, start - k, &adv)))
            break;
        start = k;
    }
    return start;
}

/* The text before s[at] ends a clause of a sentence ("…要求，现发布X局2023年…"): what follows is
 * prose naming the report, not a title after the page's chrome ("字号：[大中小]X局2023年…"). */
static int after_clause(const char *s, size_t at)
{
    static const char *const marks[] = {"，", "、", "；", "。", "！", "？", ",", ";"};
    for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++) {
        size_t m = strlen(marks[k]);
        if (at >= m && !memcmp(s + at - m, marks[k], m))
            return 1;
    }
    return 0;
}

/* Title forms: "<agency> 2024 年…报告", "2024 年<agency>政府信息公开…报告". */
static void from_title(nb_report *r, const char *title, const char *prev, const char *next)
{
    int year = 0;
    long at = find_year(title, &year);
    if (at < 0)
        return;
    r->year = year;
    r->agency = agency_from(r, title, (size_t)at);
    if (!r->agency) { /* chrome before the title: the name is the Han run ending at the year */
        size_t tail = han_tail(title, (size_t)at);
        const char *name = tail && !after_clause(title, tail) ? agency_from(r, title + tail, (size_t)at - tail)
                                                              : NULL;
        r->agency = name && nb_agency_suffixed(name) ? name : NULL;
    }
    if (r->agency)
        return;
    const char *after = skip_space(strstr(title + at, "年") + strlen("年"));
    if (starts(after, "度"))
        after += strlen("度");
    static const char *const stops[] = {"政府信息公开", "政务公开", "信息公开", "年度报告"};
    const char *end = NULL;
    for (size_t k = 0; k < sizeof stops / sizeof stops[0] && !end; k++)
        end = strstr(after, stops[k]);
    if (!end) /* "…年度报告（2021年度）<agency>": the name follows the year */
        end = after + strlen(after);
    while (starts(after, "）") || starts(after, ")") || starts(after, " "))
        after += starts(after, "）") ? strlen("）") : 1;
    if (end > after)
        r->agency = agency_from(r, after, (size_t)(end - after));
    if (!r->agency && prev && strlen(prev) <= 3 * 25)
        r->agency = agency_from(r, prev, strlen(prev));
    if (!r->agency && next && strlen(next) <= 3 * 25 && find_year(next, &year) < 0)
        r->agency = agency_from(r, next, strlen(next));
}

/* No title: "2024年，<name ending in 局/委/办公室…>" early in the body names the agency. */
static void from_body(nb_report *r, const char *text)
{
    int year = 0;
    for (const char *p = text; *p;) {
        long at = find_year(p, &year);
        if (at < 0)
            return;
        if (!r->year)
            r->year = year;
        const char *q = skip_space(strstr(p + at, "年") + strlen("年"));
        q = strip_lead_punct(q);
        size_t lim = chars_prefix(q, 20), best = 0;
        for (size_t k = 0; k < sizeof agency_suffixes / sizeof agency_suffixes[0]; k++) {
            const char *hit = strstr(q, agency_suffixes[k]);
            size_t end = hit ? (size_t)(hit - q) + strlen(agency_suffixes[k]) : 0;
            if (hit && end <= lim && (!best || end < best))
                best = end;
        }
        /* "2023年，在上级党委、政府的领导下": a preposition starts no agency's name */
        if (best && !starts(q, "我") && !starts(q, "本") && !starts(q, "在") && (r->agency = agency_from(r, q, best)))
            return;
        p += at + 4;
    }
}

/* A title the layout split into two paragraphs (an OCR'd page breaks at the title's wrap): a
 * short paragraph with the year, then a short one with "报告" and no year. */
static int wrapped_title(const char *text, const char *next)
{
    return next && strlen(text) <= TITLE_LINE_BYTES && strlen(next) <= TITLE_LINE_BYTES && !strstr(text, "报告") &&
           strstr(next, "报告") && find_year(text, &(int){0}) >= 0 && find_year(next, &(int){0}) < 0;
}

static void find_agency_year(parser *p, const nb_doc *d)
{
    size_t end = p->current ? p->first_heading : (d->nblocks < 8 ? d->nblocks : 8);
    const char *prev = NULL;
    for (size_t i = 0; i < end && !p->r->year; i++) {
        const nb_block *b = &d->blocks[i];
        if (b->kind != NB_BLOCK_PARA)
            continue;
        const char *next = i + 1 < d->nblocks && d->blocks[i + 1].kind == NB_BLOCK_PARA
                               ? d->blocks[i + 1].text : NULL;
        if (next && i + 1 == p->first_heading && p->current)
            next = NULL; /* the first heading is no agency */
        if (strstr(b->text, "报告") && find_year(b->text, &(int){0}) >= 0)
            from_title(p->r, b->text, prev, next);
        else if (wrapped_title(b->text, next)) { /* "X局2023年政府信息公" | "开工作年度报告" */
            nb_buf title = NB_BUF_INIT;
            nb_buf_puts(&title, b->text);
            nb_buf_puts(&title, next);
            from_title(p->r, nb_buf_cstr(&title), prev, NULL);
            nb_buf_free(&title);
        }
        prev = b->text;
    }
    if (!p->r->agency || !p->r->year)
        from_body(p->r, p->body[0].len ? p->body[0].ptr : "");
}

void nb_sections_parse(nb_report *r)
{
    parser p = {.r = r};
    const nb_doc *d = r->doc;
    for (size_t i = 0; i < d->nblocks;) {
        const nb_block *b = &d->blocks[i];
        if (b->kind != NB_BLOCK_PARA || !b->text) {
            i++;
            continue;
        }
        size_t used = try_heading(&p, d, i);
        if (!used) {
            body_add(&p, b->text);
            used = 1;
        }
        i += used;
    }
    for (int n = 0; n < 6; n++) {
        r->sections[n].number = n + 1;
        if (r->sections[n].title)
            r->sections[n].text = nb_doc_strdup(r->doc, nb_buf_cstr(&p.body[n]), p.body[n].len);
    }
    find_agency_year(&p, d);
    for (int n = 0; n < 6; n++)
        nb_buf_free(&p.body[n]);
}
