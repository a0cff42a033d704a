/* crawler.c - text saved by web crawlers: a metadata header, portal navigation, and the report
 * as one line with every line break and cell boundary gone.
 *
 * On a small example (after nb_clean):
 *   标题: X局2024年政府信息公开工作年度报告 | 发布时间: 2025-01-20 | 发布机构: X局 | 原文链接: https://…
 *   ==== 正文 ====
 *   当前位置：首页>政务公开  |  微信 微博 QQ空间  |  X局2024年…年度报告根据…。一、总体情况2024年，我局…
 *   （一）主动公开情况…二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数…规章000行政规范性
 *   文件005…三、收到和处理政府信息公开申请情况…一、本年新收政府信息公开申请数量291000030二、上年结转…
 * 1. Header: "key: value" lines from the top, ended by a "==== 正文 ====" line. The title is the
 *    metadata (agency, year): it becomes the first line, with 发布机构 in front when the title
 *    names no agency ("2024年政府信息公开工作年度报告"); time and link are dropped.
 * 2. Chrome: lines before the report that are a breadcrumb (当前位置…, a > b > c) or short portal
 *    tool/share text (微信 微博, 文件下载, 打印) are dropped; on a run-on line, text before the
 *    header's title with no sentence in it is dropped too.
 * 3. A run-on line is one holding two or more section headings of the template in order. It is cut
 *    where a heading begins (一、 + a known wording) and the heading ends where its wording ends:
 *    一、总体情况 | 2024年，我局…. 一、 in prose or in table 3 (一、本年新收…) is no heading: the
 *    wording decides. Bodies of sections 1, 5, 6 are cut at template sub-headings （一）主动公开….
 * 4. Bodies of sections 2-4 are tables: from the first table word on, label text and digit runs
 *    alternate; each run ends a row: a label cell and one cell holding the run, flagged NB_CF_RUN
 *    (split later by the identities: digitruns.c, tables/runs.c). A digit just before "." or "、"
 *    and a label is the next row's numbering (…0 0 01.属于国家秘密 -> "0 0 0" | "1.属于…").
 * Other lines of a crawler file become one paragraph each.
 */
#include "layout.h"

#include <stdlib.h>
#include <string.h>

#define HEADER_MAX_LINES 12   /* metadata lines before the body marker */
#define HEADER_KEY_BYTES 24   /* a metadata key: a few Han characters (标题, 发布机构) */
#define CHROME_MAX_CHARS 40   /* a navigation or tool line is short */
#define TITLE_SEARCH_BYTES 4096 /* where a run-on line may repeat the title after its chrome */
#define RUNON_MIN_BYTES 600   /* a line holding the report: two headings and their bodies (a table of
                                 contents listing the headings on one line is far shorter) */

static const char *const numerals[6] = {"一", "二", "三", "四", "五", "六"};
static const char *const number_seps[] = {"、", "．", "."};

/* The wordings of the six section headings (whole: "二、主动公开政府信息更加及时" in a list is no
 * heading); section 5 = a problem phrase and an optional tail. */
static const char *const wordings[6][8] = {
    {"总体情况", "基本情况", "概述", NULL},
    {"主动公开政府信息情况", "主动公开政府信息的情况", "主动公开情况", NULL},
    {"收到和处理政府信息公开申请情况", "收到和处理政府信息公开申请的情况", "依申请公开政府信息情况",
     "依申请公开情况", NULL},
    {"政府信息公开行政复议、行政诉讼情况", "政府信息公开行政复议和行政诉讼情况", "行政复议、行政诉讼情况",
     "行政复议和行政诉讼情况", NULL},
    {"存在的主要问题", "存在主要问题", "主要问题", NULL},
    {"其他需要报告的事项", "其他需要报告事项", "其他事项", NULL},
};
static const char *const problem_tails[] = {
    "及改进情况", "及改进措施", "和改进情况", "和改进措施", "及整改情况", "及整改措施", "及改进",
    "及明年工作计划", "及下一步工作计划", "及下一步工作打算", "和下一步工作计划", "及下一步打算", NULL,
};
/* Template sub-headings （一）… of the narrative sections. */
static const char *const sub_words[] = {
    "主动公开", "依申请公开", "政府信息管理", "政府信息公开平台建设", "政务公开平台建设", "平台建设",
    "监督保障", "人大代表建议和政协委员提案办理", NULL,
};
/* Words a template table starts with (section bodies 2-4). */
static const char *const table_words[] = {"第二十条", "信息内容", "本列数据", "申请人情况", "行政复议",
                                          "行政诉讼", NULL};
/* Portal tools and share buttons: what a navigation line is made of. */
static const char *const tool_words[] = {"微信", "微博", "QQ", "分享", "下载", "打印", "关闭", "收藏",
                                         "字号", "扫一扫", "返回", "浏览次数", "阅读次数", "上一篇",
                                         "下一篇", "版权所有", "ICP备", NULL};
static const char *const crumb_words[] = {"当前位置", "您的位置", "您现在的位置", "所在位置", NULL};

typedef struct {
    size_t start, end; /* heading bytes [start, end) in the line */
    int number;        /* 1..6 */
} heading;

typedef struct {
    nb_doc *doc;
    nb_block *out;
    size_t n, cap;
    int next;          /* the next section number a heading may have */
    const char *title; /* the header's title, NULL when none */
    int ok;
} builder;

/* ---- small text helpers ------------------------------------------------------------------- */

static int at(const char *s, size_t len, size_t i, const char *w)
{
    size_t n = strlen(w);
    return i + n <= len && !memcmp(s + i, w, n);
}

static const char *find(const char *s, size_t len, const char *w)
{
    return memmem(s, len, w, strlen(w));
}

/* Bytes of the longest word of list at s[i..), 0 when none. */
static size_t longest(const char *s, size_t len, size_t i, const char *const *list)
{
    size_t best = 0;
    for (int k = 0; list[k]; k++)
        if (at(s, len, i, list[k]) && strlen(list[k]) > best)
            best = strlen(list[k]);
    return best;
}

static size_t count_chars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Bytes of blank space at s[j]: spaces, tabs, no-break and ideographic spaces; 0 when none. */
static size_t blank_at(const char *s, size_t len, size_t j)
{
    size_t k = j;
    for (;;) {
        if (k < len && (s[k] == ' ' || s[k] == '\t'))
            k++;
        else if (at(s, len, k, "\xC2\xA0"))
            k += 2;
        else if (at(s, len, k, "\xE3\x80\x80"))
            k += 3;
        else
            return k - j;
    }
}

/* ---- output ------------------------------------------------------------------------------- */

static nb_block *push(builder *b)
{
    nb_block *grown = nb_grow(b->out, b->n, &b->cap, sizeof *grown, 64);
    if (!grown)
        return b->ok = 0, NULL;
    b->out = grown;
    memset(&b->out[b->n], 0, sizeof b->out[b->n]);
    return &b->out[b->n++];
}

/* A paragraph of s[0..len) with spaces trimmed and prose spacing tightened; empty text is skipped. */
static void para(builder *b, const char *s, size_t len)
{
    while (len && (*s == ' ' || *s == '\t'))
        s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    if (!len)
        return;
    char *tmp = malloc(len + 1);
    if (!tmp) {
        b->ok = 0;
        return;
    }
    memcpy(tmp, s, len);
    size_t n = nb_tighten(tmp, len, 1);
    const char *text = nb_doc_strdup(b->doc, tmp, n);
    free(tmp);
    nb_block *blk = text ? push(b) : NULL;
    if (!blk) {
        b->ok = 0;
        return;
    }
    blk->kind = NB_BLOCK_PARA;
    blk->text = text;
}

/* ---- 1. the header ------------------------------------------------------------------------ */

/* "key: value" with a short Han key: the value's offset, else 0. */
static size_t meta_value(const char *s, size_t len, const char *key)
{
    size_t k = strlen(key);
    if (len <= k || memcmp(s, key, k))
        return 0;
    size_t i = k;
    while (i < len && s[i] == ' ')
        i++;
    if (at(s, len, i, ":"))
        i += 1;
    else if (at(s, len, i, "："))
        i += strlen("：");
    else
        return 0;
    while (i < len && s[i] == ' ')
        i++;
    return i;
}

static int is_meta_line(const char *s, size_t len)
{
    const char *colon = memchr(s, ':', len < HEADER_KEY_BYTES ? len : HEADER_KEY_BYTES);
    const char *wide = find(s, len < HEADER_KEY_BYTES ? len : HEADER_KEY_BYTES, "：");
    return (colon || wide) && (unsigned char)s[0] >= 0x80;
}

static int is_body_marker(const char *s, size_t len)
{
    return len >= 4 && !memcmp(s, "====", 4) && find(s, len, "正文");
}

/* Does the title name its agency (text before the year, or between 年 and 政府信息公开)? */
static int title_names_agency(const char *t)
{
    size_t len = strlen(t), i = 0;
    while (i < len && !is_digit(t[i]))
        i++;
    if (i > 0)
        return 1;
    const char *nian = find(t, len, "年");
    if (!nian)
        return 1;
    const char *after = nian + strlen("年");
    if (!strncmp(after, "度", strlen("度")))
        after += strlen("度");
    return strncmp(after, "政府信息公开", strlen("政府信息公开")) &&
           strncmp(after, "政务公开", strlen("政务公开")) && strncmp(after, "信息公开", strlen("信息公开"));
}

static const char *line_at(const nb_doc *doc, size_t i)
{
    return doc->blocks[i].text ? doc->blocks[i].text : "";
}

/* A metadata value without the blanks around it, copied to the arena ("" when empty). */
static const char *meta_copy(nb_doc *doc, const char *v)
{
    size_t len = strlen(v);
    while (len && (v[len - 1] == ' ' || v[len - 1] == '\t'))
        len--;
    const char *c = nb_doc_strdup(doc, v, len);
    return c ? c : "";
}

/* Reads the header into the first line; the other header lines become blank. 1 when found. */
static int read_header(nb_doc *doc, const char **title_out, size_t *title_line)
{
    size_t first = 0;
    while (first < doc->nblocks && !*line_at(doc, first))
        first++;
    const char *title = NULL, *agency = NULL;
    size_t end = first;
    int marker = 0;
    for (; end < doc->nblocks && end < first + HEADER_MAX_LINES; end++) {
        const char *s = line_at(doc, end);
        size_t len = strlen(s), v;
        if (is_body_marker(s, len)) {
            marker = 1;
            end++;
            break;
        }
        if (!len)
            continue;
        if (!is_meta_line(s, len))
            break;
        if ((v = meta_value(s, len, "标题")) != 0)
            title = meta_copy(doc, s + v);
        else if ((v = meta_value(s, len, "发布机构")) != 0 || (v = meta_value(s, len, "来源")) != 0)
            agency = meta_copy(doc, s + v);
    }
    if (!title || !*title || (!marker && end - first < 2))
        return 0;
    nb_buf line = NB_BUF_INIT;
    if (agency && *agency && !title_names_agency(title))
        nb_buf_puts(&line, agency);
    nb_buf_puts(&line, title);
    const char *text = nb_doc_strdup(doc, nb_buf_cstr(&line), line.len);
    nb_buf_free(&line);
    for (size_t i = first; i < end; i++)
        doc->blocks[i].text = "";
    if (text)
        doc->blocks[first].text = text;
    *title_out = title;
    *title_line = first;
    return 1;
}

/* ---- 2. chrome ---------------------------------------------------------------------------- */

static int is_chrome_line(const char *s, size_t len)
{
    if (find(s, len, "。"))
        return 0;
    for (int k = 0; crumb_words[k]; k++)
        if (find(s, len, crumb_words[k]))
            return 1;
    int arrows = 0;
    for (const char *p = s; (p = memchr(p, '>', len - (size_t)(p - s))) != NULL; p++)
        arrows++;
    if (arrows >= 2)
        return 1;
    if (count_chars(s, len) > CHROME_MAX_CHARS)
        return 0;
    for (int k = 0; tool_words[k]; k++)
        if (find(s, len, tool_words[k]))
            return 1;
    return 0;
}

/* ---- 3. headings in run-on text ----------------------------------------------------------- */

/* Bytes of section n's heading at s[i..) (numbering + wording), 0 when none starts there. */
static size_t heading_at(const char *s, size_t len, size_t i, int n)
{
    if (!at(s, len, i, numerals[n - 1]))
        return 0;
    size_t p = i + strlen(numerals[n - 1]), sep = 0;
    for (size_t k = 0; k < sizeof number_seps / sizeof *number_seps && !sep; k++)
        if (at(s, len, p, number_seps[k]))
            sep = strlen(number_seps[k]);
    if (!sep)
        return 0;
    p += sep;
    p += blank_at(s, len, p); /* "一、 总体情况" */
    size_t w = longest(s, len, p, wordings[n - 1]);
    if (!w)
        return 0;
    if (n == 5)
        w += longest(s, len, p + w, problem_tails);
    return p + w - i;
}

/* The template's section headings of a line, in order; returns how many (at most 6). */
static int find_headings(const char *s, size_t len, int from, heading *h)
{
    int m = 0;
    size_t cur = 0;
    for (int n = from; n <= 6; n++) {
        const char *num = numerals[n - 1];
        for (const char *p = s + cur; (p = memmem(p, len - (size_t)(p - s), num, strlen(num))); p++) {
            size_t hl = heading_at(s, len, (size_t)(p - s), n);
            if (hl) {
                h[m].start = (size_t)(p - s);
                h[m].end = h[m].start + hl;
                h[m++].number = n;
                cur = h[m - 1].end;
                break;
            }
        }
    }
    return m;
}

/* Bytes of a template sub-heading at s[i..) ("（一）主动公开情况。"), 0 when none starts there. */
static size_t sub_heading_at(const char *s, size_t len, size_t i)
{
    static const char *const digits[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", NULL};
    static const char *const opens[] = {"（", "(", NULL}, *const closes[] = {"）", ")", NULL};
    size_t p = i + longest(s, len, i, opens), d, c;
    if (p == i)
        return 0;
    size_t numeral = p;
    while ((d = longest(s, len, p, digits)) != 0)
        p += d;
    if (p == numeral || !(c = longest(s, len, p, closes)))
        return 0;
    p += c;
    p += blank_at(s, len, p);
    size_t w = longest(s, len, p, sub_words);
    if (!w)
        return 0;
    p += w;
    if (at(s, len, p, "情况"))
        p += strlen("情况");
    if (at(s, len, p, "工作"))
        p += strlen("工作");
    if (at(s, len, p, "。"))
        p += strlen("。");
    return p - i;
}

/* Narrative body: the sub-headings as their own paragraphs, the text between them as others. */
static void prose_body(builder *b, const char *s, size_t len)
{
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        size_t h = sub_heading_at(s, len, i);
        if (!h)
            continue;
        para(b, s + start, i - start);
        para(b, s + i, h);
        start = i + h;
        i = start - 1;
    }
    para(b, s + start, len - start);
}

/* ---- 4. tables in run-on text ------------------------------------------------------------- */

/* A digit at s[i] that numbers the next label: "1." or "1、" followed by no digit. */
static int is_numbering(const char *s, size_t len, size_t i)
{
    size_t p = i + 1;
    if (at(s, len, p, "、"))
        return 1;
    return p < len && (s[p] == '.' || at(s, len, p, "．")) &&
           !(p + 1 < len && is_digit(s[p + 1]));
}

/* End of the digit run starting at s[i] (a digit): digits, inner '.', blanks between digits; a
 * trailing digit that numbers the next label is left out. Returns i when no run. */
static size_t run_end(const char *s, size_t len, size_t i)
{
    size_t j = i, last = i, w; /* last: one past the last digit of the run */
    while (j < len) {
        if (is_digit(s[j])) {
            if (is_numbering(s, len, j))
                break;
            last = ++j;
        } else if (s[j] == '.' && j > i && j + 1 < len && is_digit(s[j + 1])) {
            j++;
        } else if (j > i && (w = blank_at(s, len, j)) != 0 && j + w < len && is_digit(s[j + w])) {
            j += w;
        } else {
            break;
        }
    }
    return last;
}

/* Where a row's own label starts inside label text that also carries the table's column headers:
 * at its top-level numbering ("…法律服务机构其他一、本年新收…"), 0 when the label starts with it or
 * holds none. */
static size_t own_label_start(const char *s, size_t len)
{
    for (size_t i = 1; i < len; i++) {
        size_t n = 0;
        for (int k = 0; k < 6 && !n; k++)
            n = at(s, len, i, numerals[k]) ? strlen(numerals[k]) : 0;
        if (n && at(s, len, i + n, "、"))
            return i;
    }
    return 0;
}

/* A row: its label cell and one cell with the run, blanks in it written as single spaces. Header
 * text run into the first row's label becomes a row of its own (no numbers: the template skips it). */
static void table_row(builder *b, nb_table *t, const char *label, size_t llen, const char *run,
                      size_t rlen)
{
    size_t skip = blank_at(label, llen, 0), own = own_label_start(label, llen);
    if (own > skip) {
        nb_table_add_cell(b->doc, t, t->nrows, 0, 1, 1, label + skip, own - skip);
        skip = own;
    }
    nb_buf r = NB_BUF_INIT;
    for (size_t k = 0, w; k < rlen;) {
        if ((w = blank_at(run, rlen, k)) != 0) {
            nb_buf_putc(&r, ' ');
            k += w;
        } else {
            nb_buf_putc(&r, run[k++]);
        }
    }
    nb_table_add_cell(b->doc, t, t->nrows, 0, 1, 1, label + skip, llen - skip);
    nb_cell *c = nb_table_add_cell(b->doc, t, t->nrows - 1, 1, 1, 1, nb_buf_cstr(&r), r.len);
    if (c)
        c->flags |= NB_CF_RUN;
    nb_buf_free(&r);
}

/* A table body: prose before the first table word, then label/run rows up to a sentence end. */
static void table_body(builder *b, const char *s, size_t len)
{
    size_t tstart = len;
    for (int k = 0; table_words[k]; k++) {
        const char *hit = find(s, len, table_words[k]);
        if (hit && (size_t)(hit - s) < tstart)
            tstart = (size_t)(hit - s);
    }
    if (tstart >= strlen("（") && at(s, len, tstart - strlen("（"), "（"))
        tstart -= strlen("（");
    para(b, s, tstart);
    if (tstart == len)
        return; /* no table words: prose only */
    nb_table *t = nb_arena_alloc(&b->doc->arena, sizeof *t);
    nb_block *blk = t ? push(b) : NULL;
    if (!blk) {
        b->ok = 0;
        return;
    }
    memset(t, 0, sizeof *t);
    blk->kind = NB_BLOCK_TABLE;
    blk->table = t;
    size_t label = tstart, i = tstart;
    while (i < len) {
        if (at(s, len, i, "。"))
            break; /* prose after the table */
        size_t e = is_digit(s[i]) && !is_numbering(s, len, i) ? run_end(s, len, i) : i;
        if (e == i) {
            i++;
            continue;
        }
        table_row(b, t, s + label, i - label, s + i, e - i);
        label = i = e;
    }
    nb_table_finish(t);
    para(b, s + label, len - label);
}

/* ---- the driver --------------------------------------------------------------------------- */

/* Bytes just past the last chrome word or breadcrumb arrow in s[0..len), 0 when none. */
static size_t after_chrome(const char *s, size_t len)
{
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        size_t w = s[i] == '>' ? 1 : longest(s, len, i, tool_words);
        if (!w)
            w = longest(s, len, i, crumb_words);
        if (w)
            start = i + w, i = start - 1;
    }
    static const char *const punct[] = {"：", ":", " ", NULL};
    for (size_t w; (w = longest(s, len, start, punct)) != 0;)
        start += w;
    return start;
}

/* Has s[0..len) a year "20xx年"? */
static int has_year(const char *s, size_t len)
{
    for (const char *p = s; (p = find(p, len - (size_t)(p - s), "年")) != NULL; p++)
        if (p - s >= 4 && p[-4] == '2' && p[-3] == '0' && is_digit(p[-2]) && is_digit(p[-1]))
            return 1;
    return 0;
}

/* Text before the first heading of a run-on line: the report's title (the header's, else the
 * first "…20xx年…年度报告" after the chrome words), chrome before it dropped, then the
 * introduction. */
static void lead_text(builder *b, const char *s, size_t len)
{
    static const char *const title_ends[] = {"年度报告", "工作报告", NULL};
    size_t near = len < TITLE_SEARCH_BYTES ? len : TITLE_SEARCH_BYTES, start = 0, end = 0;
    const char *title = b->title && *b->title ? find(s, near, b->title) : NULL;
    if (title) {
        start = (size_t)(title - s);
        end = start + strlen(b->title);
    }
    for (size_t i = 0; !title && !end && i < near; i++) {
        size_t w = longest(s, near, i, title_ends);
        size_t from = w ? after_chrome(s, i) : 0;
        if (w && has_year(s + from, i + w - from))
            start = from, end = i + w;
    }
    if (!end || find(s, start, "。")) {
        para(b, s, len);
        return;
    }
    para(b, s + start, end - start);
    para(b, s + end, len - end);
}

/* The end of the last section's body: portal text after its last sentence (share buttons,
 * 上一篇, 打印, 版权所有 …) is chrome. */
static size_t trim_trailing_chrome(const char *s, size_t from, size_t to)
{
    const char *last = NULL;
    for (const char *p = s + from; (p = find(p, to - (size_t)(p - s), "。")) != NULL; p += 3)
        last = p;
    if (!last)
        return to;
    size_t tail = (size_t)(last - s) + strlen("。");
    for (size_t i = tail; i < to; i++)
        if (longest(s, to, i, tool_words) || longest(s, to, i, crumb_words))
            return tail;
    return to;
}

static void runon_line(builder *b, const char *s, size_t len, const heading *h, int m)
{
    lead_text(b, s, h[0].start);
    for (int k = 0; k < m; k++) {
        para(b, s + h[k].start, h[k].end - h[k].start);
        size_t from = h[k].end, to = k + 1 < m ? h[k + 1].start : len;
        if (k + 1 == m && h[k].number == 6)
            to = trim_trailing_chrome(s, from, to);
        static const char *const lead[] = {"。", "：", ":", "，", " ", NULL};
        for (size_t w; from < to && (w = longest(s, to, from, lead)) != 0;)
            from += w;
        if (h[k].number >= 2 && h[k].number <= 4)
            table_body(b, s + from, to - from);
        else
            prose_body(b, s + from, to - from);
    }
    b->next = h[m - 1].number + 1;
}

static int has_runon_line(const nb_doc *doc)
{
    heading h[6];
    for (size_t i = 0; i < doc->nblocks; i++) {
        const char *s = line_at(doc, i);
        size_t len = strlen(s);
        if (len >= RUNON_MIN_BYTES && find_headings(s, len, 1, h) >= 2)
            return 1;
    }
    return 0;
}

int nb_layout_crawler(nb_doc *doc, nb_err *err, nb_code *rc)
{
    *rc = NB_OK;
    const char *title = NULL;
    size_t title_line = doc->nblocks;
    int header = read_header(doc, &title, &title_line);
    int runon = has_runon_line(doc);
    if (!header && !runon)
        return 0;
    builder b = {doc, NULL, 0, 0, 1, title, 1};
    int report = 0; /* a line of the report was met: chrome only comes before */
    for (size_t i = 0; i < doc->nblocks && b.ok; i++) {
        const char *s = line_at(doc, i);
        size_t len = strlen(s);
        heading h[6];
        int m = find_headings(s, len, b.next, h);
        if (!len || (!report && i != title_line && is_chrome_line(s, len))) {
            if (!runon)
                doc->blocks[i].text = "";
            continue;
        }
        report |= i != title_line && (m || find(s, len, "。"));
        if (!runon)
            continue;
        if (m >= 2 || (m == 1 && len >= RUNON_MIN_BYTES))
            runon_line(&b, s, len, h, m);
        else
            para(&b, s, len);
    }
    if (!runon)
        return free(b.out), 0; /* header and chrome rewritten: the text layout reads the rest */
    if (!b.ok) {
        free(b.out);
        *rc = nb_err_set(err, NB_ENOMEM, "out of memory");
        return 1;
    }
    nb_doc_set_blocks(doc, b.out, b.n, b.cap);
    return 1;
}
