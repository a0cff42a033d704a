/* pdf_sidebar.c - a navigation column printed beside the article (a portal page printed by a
 * browser): its links share baselines with the article's title and text and would be read into
 * them ("政府信息公开制度常州市…政府信息公开法定主动公开内容工作年度报告"). Per page, on spans:
 *
 *   政府信息公开指南        常州市武进区湖塘镇人民政府2024年政府信息公开      <- title, big font
 *   法定主动公开内容                     工作年度报告
 *   政府信息公开年报        根据《中华人民共和国政府信息公开条例》（以下简称…
 *   ^ x 58..142              ^ article from x 208
 *
 * 1. the article's left edge is the leftmost start of a sentence span (one holding ，or 。and
 *    at least SIDE_PROSE_CHARS characters): 208 here; a page without one has no sidebar;
 * 2. side spans end at least SIDE_GUTTER_PT left of that edge and hold Han text (the browser's
 *    own header and footer, date, URL and page n/m, do not); those that share height with an
 *    article span (one starting right of the edge) are "beside" it;
 * 3. a beside span whose height has text reaching into the gutter (a bar across the page, such as
 *    the portal's menu) is no column item and is left alone; the others must each be link-like
 *    (at most SIDE_ITEM_CHARS characters, no digit, no ，。；) with no article number on their
 *    height (a table's label column left of the text is no sidebar), else the page is left
 *    alone; at least SIDE_MIN_ITEMS of them make a navigation column;
 * 4. then those items are dropped (their text emptied): links, not report text. Spans of the
 *    column above or below the article interleave with nothing and stay.
 * Pages of more than NB_MAX_SIDEBAR_SPANS spans are left alone (the test is quadratic). */
#include "pdf_layout.h"

#include <string.h>

#define SIDE_PROSE_CHARS 10 /* a sentence span marking the article's left edge has at least this many characters */
#define SIDE_GUTTER_PT 12.0f /* a side span ends at least this far left of the article (about an em of body
                               text; browsers' font sizes in the text layer are scaled, so points) */
#define SIDE_MIN_ITEMS 3    /* links beside the article before a column counts as navigation */
#define SIDE_ITEM_CHARS 16  /* a navigation link is at most this long */

static size_t chars_of(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static int sentence_span(const char *s)
{
    return chars_of(s) >= SIDE_PROSE_CHARS && (strstr(s, "，") || strstr(s, "。"));
}

static int link_like(const char *s)
{
    if (chars_of(s) > SIDE_ITEM_CHARS || strstr(s, "，") || strstr(s, "。") || strstr(s, "；"))
        return 0;
    for (; *s; s++)
        if (*s >= '0' && *s <= '9')
            return 0;
    return 1;
}

/* The browser's own header and footer (date, time, URL, page n/m) hold no Han character. */
static int has_han(const char *s)
{
    int adv;
    for (size_t i = 0, n = strlen(s); i < n; i += adv)
        if (nb_is_han(nb_utf8_decode(s + i, n - i, &adv)))
            return 1;
    return 0;
}

static int same_height(const nb_block *a, const nb_block *b)
{
    return a->box.y0 < b->box.y1 && b->box.y0 < a->box.y1;
}

/* Step 2: span i lies in the side column and shares height with an article span. */
static int beside(nb_block **sp, size_t n, size_t i, float edge)
{
    if (sp[i]->box.x1 > edge - SIDE_GUTTER_PT || !has_han(sp[i]->text))
        return 0;
    for (size_t k = 0; k < n; k++)
        if (sp[k]->box.x0 >= edge && same_height(sp[i], sp[k]))
            return 1;
    return 0;
}

/* Step 3 for a beside span: -1 when its height holds an article number (a table's label column),
 * 0 when a span reaches into the gutter there (a bar across the page), 1 when the gutter is clear. */
static int gutter_clear(nb_block **sp, size_t n, size_t i, float edge)
{
    for (size_t k = 0; k < n; k++) {
        const nb_block *b = sp[k];
        if (k == i || !same_height(sp[i], b))
            continue;
        if (b->box.x0 >= edge && nb_parse_number(b->text, strlen(b->text), NULL))
            return -1;
        if (b->box.x0 < edge && b->box.x1 > edge - SIDE_GUTTER_PT)
            return 0;
    }
    return 1;
}

void pl_drop_sidebar(nb_block **sp, size_t n)
{
    if (n > NB_MAX_SIDEBAR_SPANS)
        return;
    float edge = 1e30f;
    for (size_t i = 0; i < n; i++)
        if (sentence_span(sp[i]->text) && sp[i]->box.x0 < edge)
            edge = sp[i]->box.x0;
    if (edge > 1e29f)
        return;
    size_t items = 0;
    for (size_t i = 0; i < n; i++) {
        if (!beside(sp, n, i, edge))
            continue;
        int clear = gutter_clear(sp, n, i, edge);
        if (clear < 0 || (clear && !link_like(sp[i]->text)))
            return; /* a table's labels, or text in a second column: not navigation */
        items += clear;
    }
    if (items < SIDE_MIN_ITEMS)
        return;
    for (size_t i = 0; i < n; i++)
        if (beside(sp, n, i, edge) && gutter_clear(sp, n, i, edge) > 0)
            sp[i]->text = "";
}
