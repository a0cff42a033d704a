/* docx_numbering.c - word/numbering.xml: list definitions (abstractNum/lvl, num/lvlOverride) and
 * the counters Word keeps, so "%1、" on a chineseCounting level renders as 一、 in the text. */
#include "docx_internal.h"

#include <stdlib.h>
#include <string.h>

#define NLVL 9            /* list levels in OOXML */
#define LVL_TEXT 64
#define NUM_MAX 20000u    /* list definitions kept: runaway guard */

typedef struct {
    int start, islgl, suff; /* suff: 0 tab, 1 space, 2 nothing */
    char fmt[LVL_TEXT], text[LVL_TEXT], style[64];
    int has_text;
} level;

typedef struct {
    int id;
    level lvl[NLVL];
    int count[NLVL]; /* last value shown per level; 0 = not started */
} abstract;

typedef struct {
    int id, abs_id;
    int has_start[NLVL], start[NLVL]; /* w:startOverride, applied at first use */
    int has_lvl[NLVL];
    level lvl[NLVL]; /* a w:lvl inside w:lvlOverride replaces the abstract's */
} num;

struct dx_numbering {
    abstract *a;
    size_t na, acap;
    num *n;
    size_t nn, ncap;
    level *cur_lvl;   /* level being parsed */
    num *cur_num;
    int cur_override; /* ilvl of the w:lvlOverride being parsed, -1 */
    int sorted;       /* lists sorted by id once parsing is over, for bsearch */
    int in_fallback_fmt;
};

dx_numbering *dx_numbering_new(void)
{
    dx_numbering *n = calloc(1, sizeof *n);
    if (n)
        n->cur_override = -1;
    return n;
}

void dx_numbering_free(dx_numbering *n)
{
    if (!n)
        return;
    free(n->a);
    free(n->n);
    free(n);
}

static void *grow(void *v, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return v;
    if (n >= NUM_MAX)
        return NULL;
    size_t c = *cap ? 2 * *cap : 16;
    void *p = realloc(v, c * size);
    if (p)
        *cap = c;
    return p;
}

static void level_init(level *l)
{
    memset(l, 0, sizeof *l);
    l->start = 1;
    strcpy(l->fmt, "decimal");
}

static void new_abstract(dx_numbering *n, const dx_attrs *at)
{
    abstract *v = grow(n->a, &n->acap, n->na, sizeof *v);
    if (!v)
        return;
    n->a = v;
    abstract *a = &n->a[n->na++];
    memset(a, 0, sizeof *a);
    a->id = (int)dx_attr_int(at, "abstractNumId", -1, DX_ID_MAX, -1);
    for (int i = 0; i < NLVL; i++)
        level_init(&a->lvl[i]);
}

static void new_num(dx_numbering *n, const dx_attrs *at)
{
    num *v = grow(n->n, &n->ncap, n->nn, sizeof *v);
    n->cur_num = NULL;
    if (!v)
        return;
    n->n = v;
    num *x = &n->n[n->nn++];
    memset(x, 0, sizeof *x);
    x->id = (int)dx_attr_int(at, "numId", -1, DX_ID_MAX, -1);
    x->abs_id = -1;
    n->cur_num = x;
}

/* A w:lvl starts: inside an abstractNum, or inside a num's lvlOverride. */
static void begin_level(dx_numbering *n, const dx_attrs *at)
{
    long i = dx_attr_int(at, "ilvl", -1, NLVL, 0);
    n->cur_lvl = NULL;
    if (i < 0 || i >= NLVL)
        return;
    if (n->cur_num && n->cur_override >= 0) {
        n->cur_num->has_lvl[i] = 1;
        n->cur_lvl = &n->cur_num->lvl[i];
    } else if (!n->cur_num && n->na) {
        n->cur_lvl = &n->a[n->na - 1].lvl[i];
    }
    if (n->cur_lvl)
        level_init(n->cur_lvl);
}

static void level_prop(level *l, const char *name, const dx_attrs *at)
{
    char v[LVL_TEXT];
    if (!strcmp(name, "start"))
        l->start = (int)dx_attr_int(at, "val", 0, NB_MAX_LIST_NUMBER, 1);
    else if (!strcmp(name, "numFmt") && dx_attr(at, "val", v, sizeof v) && strcmp(v, "custom"))
        snprintf(l->fmt, sizeof l->fmt, "%s", v); /* "custom" (w14) has a plain fallback */
    else if (!strcmp(name, "lvlText") && dx_attr(at, "val", l->text, sizeof l->text))
        l->has_text = 1;
    else if (!strcmp(name, "isLgl"))
        l->islgl = 1;
    else if (!strcmp(name, "pStyle"))
        dx_attr(at, "val", l->style, sizeof l->style);
    else if (!strcmp(name, "suff") && dx_attr(at, "val", v, sizeof v))
        l->suff = !strcmp(v, "space") ? 1 : !strcmp(v, "nothing") ? 2 : 0;
}

static void num_start(void *ctx, int depth, dx_ns ns, const char *name, const dx_attrs *at)
{
    dx_numbering *n = ctx;
    (void)depth;
    if (ns != DX_NS_W)
        return;
    if (!strcmp(name, "abstractNum")) {
        n->cur_num = NULL;
        new_abstract(n, at);
    } else if (!strcmp(name, "num")) {
        new_num(n, at);
    } else if (!strcmp(name, "lvl")) {
        begin_level(n, at);
    } else if (n->cur_lvl) {
        level_prop(n->cur_lvl, name, at);
    } else if (n->cur_num && !strcmp(name, "abstractNumId")) {
        n->cur_num->abs_id = (int)dx_attr_int(at, "val", -1, DX_ID_MAX, -1);
    } else if (n->cur_num && !strcmp(name, "lvlOverride")) {
        long i = dx_attr_int(at, "ilvl", -1, NLVL, -1);
        n->cur_override = i >= 0 && i < NLVL ? (int)i : -1;
    } else if (n->cur_num && n->cur_override >= 0 && !strcmp(name, "startOverride")) {
        n->cur_num->has_start[n->cur_override] = 1;
        n->cur_num->start[n->cur_override] = (int)dx_attr_int(at, "val", 0, NB_MAX_LIST_NUMBER, 1);
    }
}

static void num_end(void *ctx, int depth, dx_ns ns, const char *name)
{
    dx_numbering *n = ctx;
    (void)depth;
    if (ns != DX_NS_W)
        return;
    if (!strcmp(name, "lvl"))
        n->cur_lvl = NULL;
    else if (!strcmp(name, "lvlOverride"))
        n->cur_override = -1;
    else if (!strcmp(name, "num") || !strcmp(name, "abstractNum"))
        n->cur_num = NULL, n->cur_lvl = NULL, n->cur_override = -1;
}

void dx_numbering_sink(dx_numbering *n, dx_sink *out)
{
    dx_sink k = {num_start, num_end, NULL, n};
    *out = k;
}

/* ---- counters ---------------------------------------------------------------------------- */
static int by_id(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b; /* id is the first member of num and abstract */
    return (x > y) - (x < y);
}

static void sort_once(dx_numbering *n)
{
    if (n->sorted)
        return;
    n->sorted = 1;
    if (n->nn > 1)
        qsort(n->n, n->nn, sizeof *n->n, by_id);
    if (n->na > 1)
        qsort(n->a, n->na, sizeof *n->a, by_id);
}

static num *find_num(dx_numbering *n, int id)
{
    return n->nn ? bsearch(&id, n->n, n->nn, sizeof *n->n, by_id) : NULL;
}

static abstract *find_abstract(dx_numbering *n, int id)
{
    return n->na ? bsearch(&id, n->a, n->na, sizeof *n->a, by_id) : NULL;
}

static const level *level_of(const num *x, const abstract *a, int i)
{
    return x->has_lvl[i] ? &x->lvl[i] : &a->lvl[i];
}

/* The level a style-numbered paragraph sits on: the lvl whose w:pStyle names the style. */
static int level_for_style(const abstract *a, const char *style)
{
    for (int i = 0; style && style[0] && i < NLVL; i++)
        if (!strcmp(a->lvl[i].style, style))
            return i;
    return 0;
}

static void advance(num *x, abstract *a, int ilvl)
{
    if (x->has_start[ilvl]) {
        /* Word restarts the shared counter once, when this list instance is first used. */
        a->count[ilvl] = x->start[ilvl];
        x->has_start[ilvl] = 0;
    } else if (a->count[ilvl] == 0) {
        a->count[ilvl] = level_of(x, a, ilvl)->start;
    } else if (a->count[ilvl] < NB_MAX_LIST_NUMBER) { /* a file's start may sit at the cap */
        a->count[ilvl]++;
    }
    for (int i = ilvl + 1; i < NLVL; i++)
        a->count[i] = 0; /* a higher level moved on: deeper levels start again */
}

static void render(nb_buf *b, const num *x, const abstract *a, int ilvl)
{
    const level *l = level_of(x, a, ilvl);
    const char *t = l->has_text ? l->text : "";
    for (const char *p = t; *p; p++) {
        if (p[0] == '%' && p[1] >= '1' && p[1] <= '9') {
            int k = p[1] - '1';
            const level *lk = level_of(x, a, k);
            int v = a->count[k] ? a->count[k] : lk->start;
            dx_number_format(b, l->islgl && k != ilvl ? "decimal" : lk->fmt, v);
            p++;
        } else {
            nb_buf_putc(b, *p);
        }
    }
    if (!t[0] || l->suff == 2)
        return;
    char last = t[strlen(t) - 1];
    if ((unsigned char)last < 0x80) /* "1." + tab shows as a gap; "一、" needs none */
        nb_buf_putc(b, ' ');
}

void dx_numbering_next(dx_numbering *n, int numid, int ilvl, const char *style, nb_buf *label)
{
    sort_once(n);
    num *x = numid > 0 ? find_num(n, numid) : NULL;
    abstract *a = x ? find_abstract(n, x->abs_id) : NULL;
    if (!a)
        return;
    if (ilvl < 0)
        ilvl = level_for_style(a, style);
    if (ilvl >= NLVL)
        ilvl = NLVL - 1;
    advance(x, a, ilvl);
    const char *fmt = level_of(x, a, ilvl)->fmt;
    if (!strcmp(fmt, "bullet") || !strcmp(fmt, "none"))
        return;
    render(label, x, a, ilvl);
}
