/* docx_styles.c - word/styles.xml: paragraph styles with their outline level and list numbering,
 * resolved once along w:basedOn so the body reader looks each paragraph's style up by id. */
#include "docx_internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define STYLE_ID 64
#define STYLE_CHAIN 32 /* basedOn hops followed: cycle and runaway guard */
#define STYLE_MAX 20000u /* styles kept: a real document has a few hundred */

typedef struct {
    char id[STYLE_ID], based[STYLE_ID];
    dx_pstyle own, eff; /* as written; after inheritance */
    int name_outline;   /* "heading 2" -> 1, else -1: used when no outlineLvl is inherited */
    int is_default;
} style;

struct dx_styles {
    style *v;
    size_t n, cap;
    int cur; /* index of the style being parsed, -1 outside one */
    int in_ppr, in_numpr;
    int def; /* default paragraph style, -1 */
};

dx_styles *dx_styles_new(void)
{
    dx_styles *s = calloc(1, sizeof *s);
    if (s)
        s->cur = s->def = -1;
    return s;
}

void dx_styles_free(dx_styles *s)
{
    if (s)
        free(s->v);
    free(s);
}

static int outline_from_name(const char *name)
{
    static const char *const prefixes[] = {"heading ", "标题 ", "标题"};
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        size_t n = strlen(prefixes[i]);
        if (!strncasecmp(name, prefixes[i], n) && name[n] >= '1' && name[n] <= '9' && !name[n + 1])
            return name[n] - '1';
    }
    return -1;
}

static void begin_style(dx_styles *s, const dx_attrs *a)
{
    char type[32] = "paragraph", v[8];
    dx_attr(a, "type", type, sizeof type);
    s->cur = -1;
    if (strcmp(type, "paragraph") != 0 || s->n >= STYLE_MAX)
        return;
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 64;
        style *v = realloc(s->v, cap * sizeof *v);
        if (!v)
            return;
        s->v = v;
        s->cap = cap;
    }
    style *st = &s->v[s->n];
    memset(st, 0, sizeof *st);
    st->own.outline = st->own.numid = st->own.ilvl = st->name_outline = -1;
    dx_attr(a, "styleId", st->id, sizeof st->id);
    st->is_default = dx_attr(a, "default", v, sizeof v) && (!strcmp(v, "1") || !strcmp(v, "true"));
    s->cur = (int)s->n++;
}

static void styles_start(void *ctx, int depth, dx_ns ns, const char *name, const dx_attrs *a)
{
    dx_styles *s = ctx;
    (void)depth;
    if (ns != DX_NS_W)
        return;
    if (!strcmp(name, "style")) {
        begin_style(s, a);
        return;
    }
    if (s->cur < 0)
        return;
    style *st = &s->v[s->cur];
    char v[STYLE_ID];
    if (!strcmp(name, "pPr"))
        s->in_ppr = 1;
    else if (!strcmp(name, "numPr"))
        s->in_numpr = s->in_ppr;
    else if (!strcmp(name, "basedOn"))
        dx_attr(a, "val", st->based, sizeof st->based);
    else if (!strcmp(name, "name") && dx_attr(a, "val", v, sizeof v))
        st->name_outline = outline_from_name(v);
    else if (s->in_ppr && !strcmp(name, "outlineLvl"))
        st->own.outline = (int)dx_attr_int(a, "val", -1, 9, -1);
    else if (s->in_numpr && !strcmp(name, "numId"))
        st->own.numid = (int)dx_attr_int(a, "val", -1, DX_ID_MAX, -1);
    else if (s->in_numpr && !strcmp(name, "ilvl"))
        st->own.ilvl = (int)dx_attr_int(a, "val", -1, 8, -1);
}

static void styles_end(void *ctx, int depth, dx_ns ns, const char *name)
{
    dx_styles *s = ctx;
    (void)depth;
    if (ns != DX_NS_W)
        return;
    if (!strcmp(name, "style"))
        s->cur = -1, s->in_ppr = s->in_numpr = 0;
    else if (!strcmp(name, "pPr"))
        s->in_ppr = s->in_numpr = 0;
    else if (!strcmp(name, "numPr"))
        s->in_numpr = 0;
}

void dx_styles_sink(dx_styles *s, dx_sink *out)
{
    dx_sink k = {styles_start, styles_end, NULL, s};
    *out = k;
}

static int by_id(const void *a, const void *b)
{
    return strcmp(((const style *)a)->id, ((const style *)b)->id);
}

static const style *find(const dx_styles *s, const char *id)
{
    style key;
    snprintf(key.id, sizeof key.id, "%s", id);
    return s->n ? bsearch(&key, s->v, s->n, sizeof *s->v, by_id) : NULL;
}

/* First value along the basedOn chain; the "heading N" name only when no outlineLvl is found. */
static void inherit(const dx_styles *s, style *st)
{
    const style *cur = st;
    st->eff.outline = st->eff.numid = st->eff.ilvl = -1;
    int got_o = 0, got_n = 0, got_i = 0;
    for (int hop = 0; cur && hop < STYLE_CHAIN; hop++) {
        if (!got_o && cur->own.outline != -1)
            st->eff.outline = cur->own.outline, got_o = 1;
        if (!got_n && cur->own.numid != -1)
            st->eff.numid = cur->own.numid, got_n = 1;
        if (!got_i && cur->own.ilvl != -1)
            st->eff.ilvl = cur->own.ilvl, got_i = 1;
        cur = cur->based[0] ? find(s, cur->based) : NULL;
    }
    if (!got_o)
        st->eff.outline = st->name_outline;
    if (st->eff.outline < 0 || st->eff.outline > 8)
        st->eff.outline = -1;
}

void dx_styles_finish(dx_styles *s)
{
    if (s->n > 1)
        qsort(s->v, s->n, sizeof *s->v, by_id);
    for (size_t i = 0; i < s->n; i++) {
        inherit(s, &s->v[i]);
        if (s->v[i].is_default && s->def < 0)
            s->def = (int)i;
    }
}

void dx_styles_get(const dx_styles *s, const char *id, dx_pstyle *out)
{
    const style *st = id && id[0] ? find(s, id) : NULL;
    if (!st && s->def >= 0)
        st = &s->v[s->def];
    if (st)
        *out = st->eff;
    else
        out->outline = out->numid = out->ilvl = -1;
}
