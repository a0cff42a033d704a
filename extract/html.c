/* html.c - the HTML reader: finds the charset a saved web page is in (bytes, <meta>, detection),
 * hands UTF-8 to the SAX outline builder (html_sax.c) and the report finder (html_main.c). */
#include "extract.h"
#include "html_tree.h"

#include <stdlib.h>
#include <string.h>

#define SNIFF_BYTES 8192 /* how far into the page a <meta> charset is looked for */

/* Charset labels as browsers map them onto what iconv knows (WHATWG: gbk/gb2312 are GB18030). */
static const struct {
    const char *label, *iconv;
} charset_labels[] = {
    {"utf-8", "UTF-8"},       {"utf8", "UTF-8"},         {"unicode-1-1-utf-8", "UTF-8"},
    {"gb2312", "GB18030"},    {"gbk", "GB18030"},        {"gb18030", "GB18030"},
    {"x-gbk", "GB18030"},     {"cp936", "GB18030"},      {"gb_2312-80", "GB18030"},
    {"chinese", "GB18030"},   {"csgb2312", "GB18030"},   {"big5", "BIG5-HKSCS"},
    {"big5-hkscs", "BIG5-HKSCS"}, {"x-x-big5", "BIG5-HKSCS"}, {"cn-big5", "BIG5-HKSCS"},
};

static const char *ci_find(const char *s, const char *end, const char *needle)
{
    size_t n = strlen(needle);
    for (; s + n <= end; s++) {
        size_t k = 0;
        while (k < n && (s[k] | 0x20) == needle[k])
            k++;
        if (k == n)
            return s;
    }
    return NULL;
}

/* The charset named in a <meta charset> or <meta http-equiv content="...; charset=..."> among
 * the first bytes, copied into out (empty when none). */
static void sniff_meta(const char *buf, size_t len, char *out, size_t outsz)
{
    const char *end = buf + (len < SNIFF_BYTES ? len : SNIFF_BYTES), *m = buf;
    out[0] = 0;
    while ((m = ci_find(m, end, "<meta")) != NULL) {
        const char *gt = memchr(m, '>', (size_t)(end - m));
        const char *tag_end = gt ? gt : end, *cs = ci_find(m, tag_end, "charset");
        m += 5;
        if (!cs)
            continue;
        cs += 7;
        while (cs < tag_end && (*cs == ' ' || *cs == '=' || *cs == '"' || *cs == '\''))
            cs++;
        size_t n = 0;
        while (cs + n < tag_end && n + 1 < outsz &&
               (cs[n] == '-' || cs[n] == '_' || cs[n] == '.' || cs[n] == ':' ||
                (cs[n] >= '0' && cs[n] <= '9') || ((cs[n] | 0x20) >= 'a' && (cs[n] | 0x20) <= 'z')))
            n++;
        memcpy(out, cs, n);
        out[n] = 0;
        if (n)
            return;
    }
}

static const char *iconv_name(const char *label)
{
    for (size_t i = 0; i < sizeof charset_labels / sizeof *charset_labels; i++)
        if (!strcasecmp(label, charset_labels[i].label))
            return charset_labels[i].iconv;
    return label;
}

/* UTF-8 with a few damaged bytes (a truncated save, one bad character), not another charset:
 * well-formed multibyte sequences outnumber invalid bytes many times over. */
static int mostly_utf8(const char *buf, size_t len)
{
    size_t good = 0, bad = 0;
    for (size_t i = 0; i < len;) {
        if ((unsigned char)buf[i] < 0x80) {
            i++;
            continue;
        }
        int adv;
        unsigned cp = nb_utf8_decode(buf + i, len - i, &adv);
        if (cp == 0xFFFD && adv == 1)
            bad++;
        else
            good++;
        i += (size_t)adv;
    }
    return good >= 20 * bad;
}

/* The page as UTF-8: the input itself when it is UTF-8 (no copy: *owned stays NULL; *lossy when
 * a few bytes need repair), else a converted copy. The bytes win over a stale <meta> (scrapers
 * re-save pages as UTF-8 and keep the old declaration). */
static const char *page_utf8(const char *buf, size_t len, size_t *outlen, char **owned, int *lossy,
                             const char **used, nb_err *err)
{
    char meta[48];
    *owned = NULL;
    *lossy = 0;
    if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3) && nb_utf8_valid(buf + 3, len - 3)) {
        *outlen = len - 3, *used = "UTF-8";
        return buf + 3;
    }
    int bom16 = len >= 2 && (!memcmp(buf, "\xFF\xFE", 2) || !memcmp(buf, "\xFE\xFF", 2));
    if (!bom16 && nb_utf8_valid(buf, len)) {
        *outlen = len, *used = "UTF-8";
        return buf;
    }
    if (!bom16 && mostly_utf8(buf, len)) {
        *outlen = len, *used = "UTF-8 (invalid bytes replaced)", *lossy = 1;
        return buf;
    }
    sniff_meta(buf, len, meta, sizeof meta);
    const char *cs = bom16 || !meta[0] ? NULL : iconv_name(meta);
    *owned = nb_to_utf8(buf, len, cs, outlen, used, err);
    return *owned;
}

nb_doc *nb_html_read(const char *buf, size_t len, const char *path, nb_err *err)
{
    size_t ulen = 0;
    char *owned = NULL;
    const char *used = NULL;
    int lossy = 0;
    const char *utf8 = page_utf8(buf, len, &ulen, &owned, &lossy, &used, err);
    if (!utf8)
        return NULL;
    hn_tree tree;
    unsigned notes = 0;
    int ok = nb_html_parse(utf8, ulen, lossy, &tree, &notes, err);
    free(owned);
    if (ok && tree.nleaves == 0) {
        nb_err_set(err, NB_EFORMAT, "no visible text in the page");
        ok = 0;
    }
    nb_doc *doc = ok ? nb_doc_new(NB_FMT_HTML, path) : NULL;
    if (ok && (!doc || !nb_html_emit(&tree, doc))) {
        nb_doc_free(doc);
        doc = NULL;
        nb_err_set(err, NB_ENOMEM, "out of memory");
    }
    hn_tree_free(&tree);
    if (!doc)
        return NULL;
    if (strcmp(used, "UTF-8"))
        nb_doc_warn(doc, "page decoded from %s", used);
    if (notes & HN_NOTE_DEEP)
        nb_doc_warn(doc, "elements nested deeper than %u: the structure below is flattened",
                    NB_MAX_XML_DEPTH);
    if (notes & HN_NOTE_CUT)
        nb_doc_warn(doc, "a run of over %zu bytes without markup was cut to its two ends",
                    NB_MAX_HTML_RUN);
    return doc;
}
