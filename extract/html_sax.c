/* html_sax.c - streams UTF-8 HTML through libxml2's HTML push parser (SAX, no DOM, no network)
 * into an hn_tree: block elements become nodes, visible text collapsed as a browser shows it. */
#include "extract.h"
#include "html_tree.h"

#include <libxml/HTMLparser.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_BYTES ((size_t)32u << 10) /* bytes per push: the end-tag budget is charged per chunk */
#define RUN_KEEP ((size_t)64u << 10)    /* bytes kept at each end of a run cut by NB_MAX_HTML_RUN */

enum { C_INLINE, C_SKIP, C_BLOCK, C_PRE, C_HEADING, C_TABLE, C_ROW, C_CELL, C_BR, C_LINK, C_BOLD };

/* Element classes by tag name (libxml2 gives HTML names in lower case). Sorted for bsearch. */
static const struct tag_class {
    const char *name;
    unsigned char cls;
} tag_classes[] = {
    {"a", C_LINK},          {"address", C_BLOCK},   {"article", C_BLOCK},   {"aside", C_SKIP},
    {"audio", C_SKIP},      {"b", C_BOLD},          {"blockquote", C_BLOCK}, {"body", C_BLOCK},
    {"br", C_BR},           {"button", C_SKIP},     {"canvas", C_SKIP},     {"caption", C_BLOCK},
    {"center", C_BLOCK},    {"dd", C_BLOCK},        {"details", C_BLOCK},   {"dialog", C_BLOCK},
    {"dir", C_BLOCK},       {"div", C_BLOCK},       {"dl", C_BLOCK},        {"dt", C_BLOCK},
    {"embed", C_SKIP},      {"fieldset", C_BLOCK},  {"figcaption", C_BLOCK}, {"figure", C_BLOCK},
    {"footer", C_BLOCK},    {"form", C_BLOCK},      {"h1", C_HEADING},      {"h2", C_HEADING},
    {"h3", C_HEADING},      {"h4", C_HEADING},      {"h5", C_HEADING},      {"h6", C_HEADING},
    {"header", C_BLOCK},    {"hgroup", C_BLOCK},    {"hr", C_BLOCK},        {"html", C_BLOCK},
    {"iframe", C_SKIP},     {"legend", C_BLOCK},    {"li", C_BLOCK},        {"listing", C_PRE},
    {"main", C_BLOCK},      {"map", C_SKIP},        {"math", C_SKIP},       {"menu", C_BLOCK},
    {"nav", C_SKIP},        {"noscript", C_SKIP},   {"object", C_SKIP},     {"ol", C_BLOCK},
    {"p", C_BLOCK},         {"plaintext", C_PRE},   {"pre", C_PRE},         {"script", C_SKIP},
    {"section", C_BLOCK},   {"select", C_SKIP},     {"strong", C_BOLD},     {"style", C_SKIP},
    {"summary", C_BLOCK},   {"svg", C_SKIP},        {"table", C_TABLE},     {"tbody", C_BLOCK},
    {"td", C_CELL},         {"template", C_SKIP},   {"textarea", C_SKIP},   {"tfoot", C_BLOCK},
    {"th", C_CELL},         {"thead", C_BLOCK},     {"title", C_SKIP},      {"tr", C_ROW},
    {"ul", C_BLOCK},        {"video", C_SKIP},      {"xmp", C_PRE},
};

static int tag_cmp(const void *key, const void *elem)
{
    return strcmp(key, ((const struct tag_class *)elem)->name);
}

static int classify(const char *name)
{
    const struct tag_class *tc = bsearch(name, tag_classes, sizeof tag_classes / sizeof *tag_classes,
                                         sizeof *tag_classes, tag_cmp);
    return tc ? tc->cls : C_INLINE;
}

enum { E_BLOCK = 1, E_SKIP = 2, E_LINK = 4, E_BOLD = 8, E_PRE = 16, E_HEAD = 32 };

typedef struct {
    int node;            /* node this element opened, -1 for inline ones */
    unsigned char flags; /* E_* */
    size_t inl;          /* plain inline elements (span, font) open right above this one */
} open_el;

typedef struct {
    hn_tree *t;
    htmlParserCtxtPtr ctxt;
    open_el stack[NB_MAX_XML_DEPTH];
    size_t depth, overflow;        /* open elements kept, and those beyond the depth cap */
    size_t inl0, open;             /* plain inline elements below the first entry; all open */
    int cur;                       /* innermost open node */
    int skip, link, bold, pre, heading;
    size_t leaf_off, linklen, visible, boldvis; /* the text run being built */
    int pending_ws;                /* 0 none, 1 spaces, 2 spaces with a line break */
    unsigned last_cp;
    size_t chunk_depth, tagwork;   /* deepest nesting in this chunk; end-tag search charged */
    int limit, oom, deep, nesting, cut, attrs;
    int lossy;                     /* input may hold invalid UTF-8: repair each chunk */
    int in_title;                  /* inside the first <title>: its text goes to t->title */
    char scratch[CHUNK_BYTES * 3]; /* a repaired chunk: one invalid byte becomes 3 */
} sax_state;

static void stop(sax_state *s, int *flag)
{
    *flag = 1;
    xmlStopParser(s->ctxt);
}

static int over_pieces(sax_state *s)
{
    if (s->t->nnodes + s->t->nleaves < NB_MAX_HTML_PIECES)
        return 0;
    stop(s, &s->limit);
    return 1;
}

static void flush_leaf(sax_state *s)
{
    hn_tree *t = s->t;
    size_t len = t->text.len - s->leaf_off;
    s->pending_ws = 0;
    if (!len || s->limit || s->oom || over_pieces(s))
        return;
    hn_leaf *grown = nb_grow(t->leaves, t->nleaves, &t->lcap, sizeof *grown, 256);
    if (!grown)
        return stop(s, &s->oom);
    t->leaves = grown;
    hn_leaf *l = &t->leaves[t->nleaves++];
    l->off = s->leaf_off;
    l->len = len;
    l->linklen = s->linklen;
    l->node = s->cur;
    l->bold = s->visible > 0 && s->boldvis == s->visible;
    s->leaf_off = t->text.len;
    s->linklen = s->visible = s->boldvis = 0;
}

static int open_node(sax_state *s, hn_kind kind, int level, int rowspan, int colspan)
{
    hn_tree *t = s->t;
    if (over_pieces(s))
        return -1;
    hn_node *grown = nb_grow(t->nodes, t->nnodes, &t->ncap, sizeof *grown, 256);
    if (!grown) {
        stop(s, &s->oom);
        return -1;
    }
    t->nodes = grown;
    int id = (int)t->nnodes++;
    hn_node *n = &t->nodes[id];
    memset(n, 0, sizeof *n);
    n->parent = s->cur;
    n->kind = (unsigned char)kind;
    n->level = (unsigned char)level;
    n->depth = (unsigned short)(s->cur >= 0 ? t->nodes[s->cur].depth + 1 : 0);
    n->leaf0 = t->nleaves;
    n->rowspan = rowspan;
    n->colspan = colspan;
    s->cur = id;
    return id;
}

static void close_node(sax_state *s, int id)
{
    hn_tree *t = s->t;
    t->nodes[id].end = (int)t->nnodes;
    t->nodes[id].leaf1 = t->nleaves;
    s->cur = t->nodes[id].parent;
}

static const char *attr(const xmlChar **atts, const char *name)
{
    for (size_t i = 0; atts && atts[i]; i += 2)
        if (!strcasecmp((const char *)atts[i], name))
            return atts[i + 1] ? (const char *)atts[i + 1] : "";
    return NULL;
}

/* rowspan/colspan as browsers read them: leading digits, 0 or junk -> 1, clamped. */
static int span_attr(const xmlChar **atts, const char *name)
{
    const char *v = attr(atts, name);
    long n = 0;
    while (v && (*v == ' ' || *v == '\t'))
        v++;
    for (; v && *v >= '0' && *v <= '9' && n <= NB_MAX_TABLE_DIM; v++)
        n = n * 10 + (*v - '0');
    return n < 1 ? 1 : n > NB_MAX_TABLE_DIM ? NB_MAX_TABLE_DIM : (int)n;
}

/* style="display:none", visibility:hidden or the hidden attribute: not shown, not read. */
static int hidden(const xmlChar **atts)
{
    if (attr(atts, "hidden"))
        return 1;
    const char *st = attr(atts, "style");
    if (!st)
        return 0;
    char compact[256];
    size_t n = 0;
    for (; *st && n + 1 < sizeof compact; st++)
        if (*st != ' ' && *st != '\t' && *st != '\n' && *st != '\r')
            compact[n++] = (char)(*st | ((*st >= 'A' && *st <= 'Z') ? 0x20 : 0));
    compact[n] = 0;
    return strstr(compact, "display:none") || strstr(compact, "visibility:hidden");
}

static unsigned char open_block(sax_state *s, int cls, const char *name, const xmlChar **atts)
{
    static const hn_kind kinds[] = {[C_BLOCK] = HN_BLOCK, [C_PRE] = HN_BLOCK,
                                    [C_HEADING] = HN_HEADING, [C_TABLE] = HN_TABLE,
                                    [C_ROW] = HN_ROW, [C_CELL] = HN_CELL};
    int cell = cls == C_CELL;
    flush_leaf(s);
    if (open_node(s, kinds[cls], cls == C_HEADING ? name[1] - '0' : 0,
                  cell ? span_attr(atts, "rowspan") : 1, cell ? span_attr(atts, "colspan") : 1) < 0)
        return 0;
    return E_BLOCK | (cls == C_PRE ? E_PRE : 0) | (cls == C_HEADING ? E_HEAD : 0);
}

/* Browsers close an open cell (and whatever inline soup it left open) when the next cell or row
 * starts; libxml2 nests it instead. Closes our nodes up to the cell or row of the current table;
 * libxml2's own end events for them come later and find the entries inert (node -1). */
static void close_table_part(sax_state *s, int cls)
{
    int target = -1;
    for (int n = s->cur; n >= 0 && s->t->nodes[n].kind != HN_TABLE; n = s->t->nodes[n].parent)
        if (s->t->nodes[n].kind == HN_CELL || (cls == C_ROW && s->t->nodes[n].kind == HN_ROW))
            target = n;
    if (cls == C_CELL && target >= 0) /* the innermost open cell, not one further out */
        for (int n = s->cur; n >= 0; n = s->t->nodes[n].parent)
            if (s->t->nodes[n].kind == HN_CELL) {
                target = n;
                break;
            }
    if (target < 0)
        return;
    flush_leaf(s);
    for (size_t i = s->depth; i-- > 0 && s->cur >= 0;) {
        int node = s->stack[i].node;
        if (node < 0)
            continue;
        close_node(s, node);
        s->stack[i].node = -1;
        if (node == target)
            break;
    }
}

static void count_open(sax_state *s)
{
    s->open++;
    if (s->open > s->chunk_depth)
        s->chunk_depth = s->open;
}

/* HTML's void elements (no content, no end tag), sorted for bsearch. libxml2 knows the HTML 4
 * ones as empty and ends them at once; the others (embed, source, track, wbr, keygen) it keeps
 * open until their parent ends, so they must never start anything (an <embed> before the report
 * once skipped the whole page). */
static const char *const void_elements[] = {"area", "base", "basefont", "bgsound", "br", "col",
                                            "embed", "frame", "hr", "img", "input", "isindex",
                                            "keygen", "link", "meta", "param", "source", "track",
                                            "wbr"};

static int cstr_cmp(const void *key, const void *elem) { return strcmp(key, *(const char *const *)elem); }

/* A void element libxml2 does not end by itself (its late end event is ignored in on_end). */
static int void_kept_open(const xmlChar *name)
{
    if (!bsearch(name, void_elements, sizeof void_elements / sizeof *void_elements,
                 sizeof *void_elements, cstr_cmp))
        return 0;
    const htmlElemDesc *d = htmlTagLookup(name);
    return !d || !d->empty;
}

static void on_start(void *ctx, const xmlChar *xname, const xmlChar **atts)
{
    sax_state *s = ctx;
    const char *name = (const char *)xname;
    int cls = classify(name);
    if (s->open >= NB_MAX_HTML_NESTING) {
        s->nesting = 1;
        return stop(s, &s->limit);
    }
    count_open(s); /* libxml2's open elements, void ones it keeps open included */
    s->in_title = cls == C_SKIP && !s->t->title.len && !strcmp(name, "title");
    if (void_kept_open(xname))
        return; /* void: nothing inside it, nothing to skip or close */
    if (s->overflow || s->depth == NB_MAX_XML_DEPTH) { /* too deep: keep the text, not the structure */
        s->overflow++;
        s->deep = 1;
        s->skip += cls == C_SKIP;
        return;
    }
    if (cls == C_BR && !s->skip && !s->heading && !s->bold && !s->pre) /* bold: a title's line */
        flush_leaf(s);
    else if (cls == C_BR && s->pending_ws < 2)
        s->pending_ws = 2;
    unsigned char f = 0;
    if (s->skip || cls == C_SKIP || hidden(atts))
        f = E_SKIP;
    else if (cls == C_LINK || cls == C_BOLD)
        f = cls == C_LINK ? E_LINK : E_BOLD;
    else if (cls == C_INLINE || cls == C_BR) { /* span, font, ...: counted, not stacked */
        *(s->depth ? &s->stack[s->depth - 1].inl : &s->inl0) += 1;
        return;
    } else {
        if (cls == C_CELL || cls == C_ROW)
            close_table_part(s, cls);
        f = open_block(s, cls, name, atts);
    }
    open_el *e = &s->stack[s->depth++];
    e->node = (f & E_BLOCK) ? s->cur : -1;
    e->flags = f;
    e->inl = 0;
    s->skip += !!(f & E_SKIP);
    s->link += !!(f & E_LINK);
    s->bold += !!(f & E_BOLD);
    s->pre += !!(f & E_PRE);
    s->heading += !!(f & E_HEAD);
}

/* libxml2's events nest: an end closes the latest element still open. */
static void on_end(void *ctx, const xmlChar *xname)
{
    sax_state *s = ctx;
    s->open -= s->open > 0;
    s->in_title = 0;
    if (void_kept_open(xname))
        return; /* the late end of a void element: it opened nothing */
    if (s->overflow) {
        s->overflow--;
        s->skip -= s->skip > 0 && classify((const char *)xname) == C_SKIP;
        return;
    }
    size_t *inl = s->depth ? &s->stack[s->depth - 1].inl : &s->inl0;
    if (*inl) {
        (*inl)--;
        return;
    }
    if (!s->depth)
        return;
    open_el e = s->stack[--s->depth];
    s->skip -= !!(e.flags & E_SKIP);
    s->link -= !!(e.flags & E_LINK);
    s->bold -= !!(e.flags & E_BOLD);
    s->pre -= !!(e.flags & E_PRE);
    s->heading -= !!(e.flags & E_HEAD);
    if ((e.flags & E_BLOCK) && e.node >= 0) {
        flush_leaf(s);
        close_node(s, e.node);
    }
}

/* East Asian wide characters: a line break between two of them shows as nothing. */
static int wide(unsigned cp)
{
    return nb_is_han(cp) || nb_is_cjk_punct(cp) || (cp >= 0x3000 && cp <= 0x30FF) ||
           (cp >= 0xFF00 && cp <= 0xFFEF);
}

/* Appends a run of visible bytes (no whitespace, no controls), with the space a browser shows
 * before it: none after a line break between two wide characters. */
static void put_run(sax_state *s, const char *p, size_t n)
{
    nb_buf *b = &s->t->text;
    int adv;
    unsigned first = nb_utf8_decode(p, n, &adv);
    if (s->pending_ws && b->len > s->leaf_off &&
        !(s->pending_ws == 2 && wide(s->last_cp) && wide(first))) {
        nb_buf_putc(b, ' ');
        s->linklen += s->link > 0;
    }
    s->pending_ws = 0;
    nb_buf_put(b, p, n);
    size_t k = n - 1;
    while (k > 0 && ((unsigned char)p[k] & 0xC0) == 0x80)
        k--;
    s->last_cp = nb_utf8_decode(p + k, n - k, &adv);
    s->visible += n;
    s->boldvis += s->bold ? n : 0;
    s->linklen += s->link ? n : 0;
}

static void put_pre(sax_state *s, unsigned char c)
{
    if (c == '\n')
        flush_leaf(s);
    else if (c != '\r') {
        s->pending_ws = 0;
        nb_buf_putc(&s->t->text, (char)c);
        s->visible++;
    }
}

/* Bytes of whitespace at p (ASCII or U+00A0), 0 if none; *nl set for a line break. */
static int ws_len(const unsigned char *p, size_t left, int *nl)
{
    if (*p == ' ' || *p == '\t' || *p == '\f')
        return 1;
    if (*p == '\n' || *p == '\r')
        return *nl = 1, 1;
    return *p == 0xC2 && left > 1 && p[1] == 0xA0 ? 2 : 0;
}

static void on_text(void *ctx, const xmlChar *ch, int ilen)
{
    sax_state *s = ctx;
    size_t len = ilen > 0 ? (size_t)ilen : 0;
    if (s->in_title && s->t->title.len + len <= HN_TITLE_MAX)
        nb_buf_put(&s->t->title, (const char *)ch, len);
    if (s->skip || s->limit || s->oom || !len)
        return;
    if (s->t->text.len + len > NB_MAX_HTML_TEXT)
        return stop(s, &s->limit);
    for (size_t i = 0; i < len;) {
        int nl = 0, w;
        unsigned char c = ch[i];
        if (s->pre && (c == '\n' || c == '\r' || c == ' ' || c == '\t'))
            put_pre(s, c), w = 1;
        else if ((w = ws_len(ch + i, len - i, &nl)) != 0)
            s->pending_ws = nl ? 2 : s->pending_ws ? s->pending_ws : 1;
        else if (c < 0x20 || c == 0x7F)
            w = 1;
        if (w) {
            i += (size_t)w;
            continue;
        }
        size_t j = i + 1;
        while (j < len && ch[j] > 0x20 && ch[j] != 0x7F && !(ch[j] == 0xC2 && j + 1 < len && ch[j + 1] == 0xA0))
            j++;
        put_run(s, (const char *)ch + i, j - i);
        i = j;
    }
    if (s->t->text.oom)
        stop(s, &s->oom);
}

static void on_nothing(void *ctx, const xmlChar *ch, int len)
{
    (void)ctx, (void)ch, (void)len; /* script and style bodies: never text */
}

static size_t utf8_back(const char *buf, size_t i)
{
    while (i > 0 && ((unsigned char)buf[i] & 0xC0) == 0x80)
        i--;
    return i;
}

/* Copies p[0..n) into out with each invalid UTF-8 byte replaced by U+FFFD; returns the length. */
static size_t repair(const char *p, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        int adv;
        unsigned cp = nb_utf8_decode(p + i, n - i, &adv);
        if (cp == 0xFFFD && adv == 1)
            o += (size_t)nb_utf8_encode(cp, out + o);
        else
            memcpy(out + o, p + i, (size_t)adv), o += (size_t)adv;
        i += (size_t)adv;
    }
    return o;
}

/* Hands one slice to the parser in small chunks, charging each chunk's end tags times the
 * deepest nesting reached to the end-tag work budget (libxml2 searches its open-element stack). */
static void feed_slice(sax_state *s, const char *p, size_t len)
{
    for (size_t off = 0; off < len && !s->limit && !s->oom;) {
        size_t n = len - off < CHUNK_BYTES ? len - off : CHUNK_BYTES, ends = 0;
        if (s->lossy && off + n < len && utf8_back(p, off + n) > off)
            n = utf8_back(p, off + n) - off; /* whole characters only, or repair would break them */
        for (const char *q = p + off; (q = memchr(q, '<', (size_t)(p + off + n - q))) != NULL; q++)
            ends += q + 1 < p + len && q[1] == '/';
        s->chunk_depth = s->open;
        if (s->lossy) {
            size_t m = repair(p + off, n, s->scratch);
            htmlParseChunk(s->ctxt, s->scratch, (int)m, 0);
        } else {
            htmlParseChunk(s->ctxt, p + off, (int)n, 0);
        }
        off += n;
        s->tagwork += ends * (s->chunk_depth + 1);
        if (s->tagwork > NB_MAX_HTML_TAGWORK && !s->limit) {
            stop(s, &s->limit);
            s->nesting = 1;
        }
    }
}

/* Feeds the page; a run longer than NB_MAX_HTML_RUN without '<' or '>' (an inlined image, a
 * wall of text) keeps only its two ends: libxml2 would buffer it whole before going on. */
static void feed(sax_state *s, const char *buf, size_t len)
{
    size_t done = 0, mark = 0;
    for (size_t i = 0; i < len && !s->limit && !s->oom; i++) {
        if (buf[i] == '<' || buf[i] == '>') {
            mark = i + 1;
        } else if (i - mark >= NB_MAX_HTML_RUN) {
            size_t next = i;
            while (next < len && buf[next] != '<' && buf[next] != '>')
                next++;
            size_t keep_end = utf8_back(buf, mark + RUN_KEEP), resume = utf8_back(buf, next - RUN_KEEP);
            if (keep_end < done) /* already fed further: finish the character it stopped in */
                for (keep_end = done; keep_end < len && ((unsigned char)buf[keep_end] & 0xC0) == 0x80;)
                    keep_end++;
            feed_slice(s, buf + done, keep_end - done);
            if (resume < keep_end)
                resume = keep_end;
            s->cut++;
            done = resume;
            i = mark = next;
        }
        if (i + 1 - done >= CHUNK_BYTES * 16 && i + 1 < len && utf8_back(buf, i + 1) > done) {
            size_t e = utf8_back(buf, i + 1); /* slices end between characters */
            feed_slice(s, buf + done, e - done);
            done = e;
        }
    }
    if (done < len && !s->limit && !s->oom)
        feed_slice(s, buf + done, len - done);
    if (!s->limit && !s->oom)
        htmlParseChunk(s->ctxt, NULL, 0, 1);
}

void hn_tree_free(hn_tree *t)
{
    free(t->nodes);
    free(t->leaves);
    nb_buf_free(&t->text);
    nb_buf_free(&t->title);
    memset(t, 0, sizeof *t);
}

int nb_html_parse(const char *utf8, size_t len, int lossy, hn_tree *t, unsigned *notes,
                  nb_err *err)
{
    htmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.startElement = on_start;
    sax.endElement = on_end;
    sax.characters = on_text;
    sax.ignorableWhitespace = on_text;
    sax.cdataBlock = on_nothing;
    sax_state *s = calloc(1, sizeof *s);
    if (!s)
        return nb_err_set(err, NB_ENOMEM, "out of memory"), 0;
    memset(t, 0, sizeof *t);
    s->t = t;
    s->cur = -1;
    s->lossy = lossy;
    s->ctxt = htmlCreatePushParserCtxt(&sax, s, NULL, 0, NULL, XML_CHAR_ENCODING_UTF8);
    if (!s->ctxt || open_node(s, HN_ROOT, 0, 1, 1) < 0) {
        if (s->ctxt)
            htmlFreeParserCtxt(s->ctxt);
        free(s);
        return nb_err_set(err, NB_ENOMEM, "out of memory"), 0;
    }
    htmlCtxtUseOptions(s->ctxt, HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                    HTML_PARSE_RECOVER | HTML_PARSE_IGNORE_ENC);
    nb_attr_scan scan = {0, 0, 0, 0, 0};
    if (nb_attr_scan_over(&scan, utf8, len)) /* before libxml2's O(n^2) duplicate check */
        s->attrs = 1;
    else
        feed(s, utf8, len);
    flush_leaf(s);
    while (s->cur >= 0) /* elements the page left open */
        close_node(s, s->cur);
    htmlFreeParserCtxt(s->ctxt);
    int ok = !s->limit && !s->oom && !s->attrs;
    if (s->oom)
        nb_err_set(err, NB_ENOMEM, "out of memory");
    else if (s->attrs)
        nb_err_set(err, NB_ELIMIT, "an element with more than %u attributes: not a report page",
                   NB_MAX_XML_ATTRS);
    else if (s->nesting)
        nb_err_set(err, NB_ELIMIT, "markup nested more than %u deep or too many stray end tags: "
                   "not a report page", NB_MAX_HTML_NESTING);
    else if (s->limit)
        nb_err_set(err, NB_ELIMIT, "page holds more than %u elements and text runs or %zu bytes of "
                   "text: not a report page", NB_MAX_HTML_PIECES, NB_MAX_HTML_TEXT);
    *notes = (s->deep ? HN_NOTE_DEEP : 0) | (s->cut ? HN_NOTE_CUT : 0);
    free(s);
    return ok;
}
