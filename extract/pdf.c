/* pdf.c - the PDF reader: opens the bytes with poppler-glib and emits one positioned SPAN block per
 * run of glyphs (one baseline, no gap, no space) with its box and font size. GLib stays in here. */
#include "ocr.h"
#include "pdf_paths.h"

#include <cairo.h>
#include <math.h>
#include <poppler.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SPAN_GAP_EM 0.3   /* a horizontal gap wider than this (in font sizes) ends a run */
#define SPAN_BASE_EM 0.3  /* baselines further apart than this (in font sizes) are two lines */
#define BLANK_GREY 250    /* a page image with no pixel darker than this grey level holds nothing */

typedef struct {
    nb_buf text;
    nb_box box;
    float size;
    int open;
} run;

typedef struct {
    nb_doc *doc;
    int page;
    int first_on_page;
    int cells;      /* short spans on this page (numbers, header words): the cheap "looks like a table" test */
    double rule_ms; /* time spent rendering pages and finding rules (NB_RULE_TIMING, for bench_pdf.sh) */
    int rule_pages; /* pages drawn for rules */
    int no_rules;   /* NB_NO_RULES set: alignment only (benchmarks and comparisons) */
    double cpu0, budget; /* CPU clock when the input was opened; seconds it may use (0 = no limit).
                          * Rendering a page (rules, OCR) asks first: nb_render_affordable(w, h, dpi,
                          * nb_cpu_seconds() - cpu0, budget); the worker's watchdog backs it up. */
    const char *buf;     /* the PDF's bytes, for the path pass (pdf_paths.cc) */
    size_t len;
    nb_pdf_paths *paths; /* poppler's core on the same bytes, opened at the first table-like page */
    int paths_failed;    /* poppler's core refused the file: pages are rendered whole instead */
} emitter;

/* A span as short as a table cell's words: at most NB_RULE_CELL_CHARS characters. */
static int is_short(const char *s, size_t n)
{
    size_t chars = 0;
    for (size_t i = 0; i < n; i++)
        chars += ((unsigned char)s[i] & 0xC0) != 0x80;
    return chars <= NB_RULE_CELL_CHARS;
}

static void run_flush(emitter *e, run *r)
{
    if (r->open && r->text.len) {
        nb_block *b = nb_doc_add_text(e->doc, NB_BLOCK_SPAN, r->text.ptr, r->text.len);
        e->cells += is_short(r->text.ptr, r->text.len);
        if (b) {
            b->box = r->box;
            b->font_size = r->size;
            if (e->first_on_page && e->page > 1)
                b->flags |= NB_BF_PAGEBREAK;
            e->first_on_page = 0;
        }
    }
    nb_buf_clear(&r->text);
    r->open = 0;
}

/* True when the glyph box continues the run: same baseline, no backward jump, small gap. */
static int continues(const run *r, const PopplerRectangle *g, float size)
{
    float em = size > 0 ? size : (float)(g->y2 - g->y1);
    if (em <= 0)
        em = 1;
    float gap = (float)g->x1 - r->box.x1;
    float base = (float)g->y2 - r->box.y1;
    return gap < SPAN_GAP_EM * em && gap > -SPAN_GAP_EM * em && base < SPAN_BASE_EM * em &&
           base > -SPAN_BASE_EM * em;
}

static void run_add(emitter *e, run *r, const char *s, int n, const PopplerRectangle *g, float size)
{
    if (r->open && !continues(r, g, size))
        run_flush(e, r);
    if (!r->open) {
        r->open = 1;
        r->box = (nb_box){e->page, (float)g->x1, (float)g->y1, (float)g->x2, (float)g->y2};
        r->size = size;
    } else {
        if ((float)g->x2 > r->box.x1)
            r->box.x1 = (float)g->x2;
        if ((float)g->y1 < r->box.y0)
            r->box.y0 = (float)g->y1;
    }
    nb_buf_put(&r->text, s, (size_t)n);
}

static int is_blank(unsigned cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || cp == 0x3000 ||
           cp == 0xFEFF || cp < 0x20;
}

/* Font size of character i from the attribute list (sorted by start_index). */
static float size_at(GList **attr, int i)
{
    while (*attr) {
        PopplerTextAttributes *a = (*attr)->data;
        if (i <= a->end_index)
            return i >= a->start_index ? (float)a->font_size : 0;
        *attr = (*attr)->next;
    }
    return 0;
}

/* Emits the spans of one page; returns the number of visible glyphs seen. */
static size_t read_page(emitter *e, PopplerPage *page)
{
    PopplerRectangle *rects = NULL;
    guint nrects = 0;
    char *text = poppler_page_get_text(page);
    if (!text || !poppler_page_get_text_layout(page, &rects, &nrects)) {
        g_free(text);
        return 0;
    }
    GList *attrs = poppler_page_get_text_attributes(page), *walk = attrs;
    run r = {NB_BUF_INIT, {0, 0, 0, 0, 0}, 0, 0};
    size_t len = strlen(text), glyphs = 0;
    guint i = 0;
    for (size_t off = 0; off < len && i < nrects; i++) {
        int adv = 1;
        unsigned cp = nb_utf8_decode(text + off, len - off, &adv);
        if (is_blank(cp)) {
            run_flush(e, &r);
        } else if (glyphs++ < NB_MAX_PAGE_GLYPHS) {
            run_add(e, &r, text + off, adv, &rects[i], size_at(&walk, (int)i));
        } else if (glyphs == NB_MAX_PAGE_GLYPHS + 1) {
            nb_doc_warn(e->doc, "page %d has more than %u glyphs: the rest of the page is ignored",
                        e->page, NB_MAX_PAGE_GLYPHS);
        }
        off += (size_t)adv;
    }
    run_flush(e, &r);
    nb_buf_free(&r.text);
    poppler_page_free_text_attributes(attrs);
    g_free(rects);
    g_free(text);
    return glyphs;
}

/* One page image reused from page to page (allocating and clearing a fresh surface per page costs page
 * faults): RGB as poppler renders it, and its grey levels for the rule finder. */
typedef struct {
    cairo_surface_t *sf;
    unsigned char *grey;
    int w, h;
    double scale; /* pixels per point of the last render */
} page_image;

static void image_free(page_image *im)
{
    if (im->sf)
        cairo_surface_destroy(im->sf);
    free(im->grey);
    memset(im, 0, sizeof *im);
}

/* A white w x h image, reusing the previous one when the size is the same; 0 on failure. */
static int image_ready(page_image *im, int w, int h)
{
    if (!im->sf || im->w != w || im->h != h) {
        image_free(im);
        im->sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
        im->grey = malloc((size_t)w * (size_t)h);
        im->w = w, im->h = h;
        if (cairo_surface_status(im->sf) != CAIRO_STATUS_SUCCESS || !im->grey) {
            image_free(im);
            return 0;
        }
    }
    return 1;
}

/* Grey level of each pixel (the green channel: dark for black and for any saturated colour, light
 * for the pale fills of shaded cells). */
static void image_grey(page_image *im)
{
    cairo_surface_flush(im->sf);
    const unsigned char *px = cairo_image_surface_get_data(im->sf);
    int stride = cairo_image_surface_get_stride(im->sf);
    for (int y = 0; y < im->h; y++) {
        const uint32_t *row = (const uint32_t *)(const void *)(px + (size_t)y * (size_t)stride);
        unsigned char *out = im->grey + (size_t)y * (size_t)im->w;
        for (int x = 0; x < im->w; x++)
            out[x] = (unsigned char)((row[x] >> 8) & 255);
    }
}

/* The path pass's stop check: the input's CPU budget is spent. */
static int budget_spent(void *arg)
{
    const emitter *e = arg;
    return e->budget > 0 && nb_cpu_seconds() - e->cpu0 > e->budget;
}

/* Paints the page's strokes and fills (pdf_paths.cc: no text, no images, no fonts loaded) onto cr.
 * Returns 1 when cr holds them, 0 when the page was too much to draw (warned: no rules there), -1 when
 * poppler's core could not do it (the caller renders the page whole instead). */
static int draw_paths(emitter *e, cairo_t *cr)
{
    if (!e->paths && !e->paths_failed) {
        e->paths = nb_pdf_paths_open(e->buf, e->len);
        e->paths_failed = !e->paths;
    }
    int r = e->paths ? nb_pdf_paths_draw(e->paths, e->page, cr, NB_MAX_PAGE_PATH_SEGMENTS, budget_spent, e)
                     : -1;
    if (r == 0)
        nb_doc_warn(e->doc, "page %d: its drawing is out of proportion (over %lu path segments or the "
                    "file's CPU budget): ruling lines not looked for there", e->page,
                    (unsigned long)NB_MAX_PAGE_PATH_SEGMENTS);
    return r;
}

/* Renders the whole page the way poppler shows it (the path pass's fallback). Text is drawn without
 * antialiasing or hinting (cheaper; glyph strokes are dropped by the finder anyway). */
static void render_whole(PopplerPage *page, cairo_t *cr)
{
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_NONE);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_set_font_options(cr, fo);
    cairo_font_options_destroy(fo);
    poppler_page_render(page, cr);
}

/* Draws the page's lines and fills onto the white image; 1 when the image holds them. The image is
 * bounded: a page larger than NB_MAX_RULE_SURFACE_PX pixels at NB_RULE_PX_PER_PT is drawn coarser
 * (im->scale says how). */
static int render_page(emitter *e, PopplerPage *page, page_image *im)
{
    double w = 0, h = 0;
    poppler_page_get_size(page, &w, &h);
    if (!(w > 1 && h > 1))
        return 0;
    double s = NB_RULE_PX_PER_PT;
    if (w * h * s * s > NB_MAX_RULE_SURFACE_PX)
        s = sqrt(NB_MAX_RULE_SURFACE_PX / (w * h));
    if (!nb_render_affordable(w, h, 72.0 * s, nb_cpu_seconds() - e->cpu0, e->budget))
        return 0; /* the input's CPU budget is spent: no more rendering (the page cut follows) */
    int pw = (int)(w * s), ph = (int)(h * s);
    if (pw < 1 || ph < 1 || !image_ready(im, pw, ph))
        return 0;
    im->scale = s;
    cairo_t *cr = cairo_create(im->sf);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, s, s);
    int r = draw_paths(e, cr);
    if (r < 0)
        render_whole(page, cr);
    cairo_destroy(cr);
    return r != 0;
}

/* Hands the rendered page to the rule finder (after the page's spans are read: it drops glyph strokes
 * lying in them). */
static void find_rules(emitter *e, page_image *im)
{
    image_grey(im);
    if (nb_rules_from_grey(e->doc, e->page, im->grey, im->w, im->h, im->w, im->scale) < 0)
        nb_doc_warn(e->doc, "page %d: out of memory while looking for ruling lines", e->page);
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* Appends "3" or "5-7" for the run of textless pages [a, b] to the list. */
static void range_put(nb_buf *list, int a, int b)
{
    if (list->len)
        nb_buf_puts(list, ", ");
    if (a == b)
        nb_buf_printf(list, "%d", a);
    else
        nb_buf_printf(list, "%d-%d", a, b);
}

/* Stops reading pages once the input has used its CPU budget (nb_work_budget): 5000 pages sharing
 * one heavy content stream cost poppler seconds each way, whatever our own caps say. The pages read
 * so far are kept; a warning names the cut. Returns 1 when the rest is to be dropped. */
static int over_budget(emitter *e, int done, int npages)
{
    if (done >= npages || e->budget <= 0 || nb_cpu_seconds() - e->cpu0 <= e->budget)
        return 0;
    nb_doc_warn(e->doc, "work out of proportion to the file: over %.1f s of CPU after %d of %d pages "
                "(content repeated many times?): pages %d-%d not read", e->budget, done, npages,
                done + 1, npages);
    return 1;
}

/* A list of page numbers as ranges: "1-4, 7". */
typedef struct {
    nb_buf list;
    int from, last, n;
} page_set;

static void set_add(page_set *s, int page)
{
    if (s->from && page == s->last + 1) {
        s->last = page;
    } else {
        if (s->from)
            range_put(&s->list, s->from, s->last);
        s->from = s->last = page;
    }
    s->n++;
}

static const char *set_str(page_set *s)
{
    if (s->from)
        range_put(&s->list, s->from, s->last);
    s->from = 0;
    return nb_buf_cstr(&s->list);
}

/* A page with no text, no image and no drawing that leaves ink (LibreOffice ends some documents with
 * one): a blank page, not a scan. Its lines and fills are drawn by the path pass (cheap: no fonts). */
static int page_blank(emitter *e, PopplerPage *page)
{
    GList *images = poppler_page_get_image_mapping(page);
    if (images) {
        poppler_page_free_image_mapping(images);
        return 0;
    }
    page_image im = {NULL, NULL, 0, 0, 0};
    int blank = render_page(e, page, &im) == 1;
    if (blank) {
        image_grey(&im);
        for (size_t i = 0; blank && i < (size_t)im.w * (size_t)im.h; i++)
            blank = im.grey[i] >= BLANK_GREY;
    }
    image_free(&im);
    return blank;
}

/* One page: its text layer, or OCR when the mode asks for it (not on a blank page: nothing to read,
 * nothing lost). Returns 1 when OCR read it. */
static int one_page(emitter *e, PopplerPage *page, page_set *empty, int *ocr_failed, nb_err *err)
{
    nb_ocr_mode m = nb_ocr_mode_get();
    size_t glyphs = m == NB_OCR_ALWAYS ? 0 : read_page(e, page);
    if (glyphs || (m != NB_OCR_ALWAYS && page_blank(e, page)))
        return 0;
    if (m != NB_OCR_NEVER && !*ocr_failed) {
        if (e->budget > 0) /* Tesseract is slow but bounded per page: it gets its own share */
            e->budget += nb_work_grant(NB_WORK_OCR_PAGE_SECS);
        int words = nb_ocr_page(e->doc, page, e->page, err);
        if (words > 0)
            return 1;
        *ocr_failed = words < 0; /* 0 words: a blank page (LibreOffice ends some documents with
                                    one), not a scan: it must not put the document under the guard */
    }
    set_add(empty, e->page);
    return 0;
}

/* Are ruling lines looked for at all? Not with NB_NO_RULES, nor when every page is OCR'd (the OCR
 * path finds the rules of its own rendering). */
static int wants_rules(const emitter *e)
{
    return !e->no_rules && nb_ocr_mode_get() != NB_OCR_ALWAYS;
}

/* The rules of a table-like page (its text already read). */
static void page_rules(emitter *e, PopplerPage *page, page_image *im)
{
    double t0 = now_ms();
    if (render_page(e, page, im))
        find_rules(e, im);
    e->rule_ms += now_ms() - t0;
    e->rule_pages++;
}

/* The warnings on the pages read by OCR and the pages without text (oerr: why OCR failed, NULL when
 * it did not). Returns NB_OK, or the OCR error when no page had text and OCR could not run. */
static nb_code pages_read(emitter *e, page_set *empty, page_set *ocred, const nb_err *oerr, nb_err *err)
{
    nb_code rc = NB_OK;
    if (ocred->n)
        nb_doc_warn(e->doc, "OCR: page%s %s read from images (numbers Tesseract was not sure of "
                    "are null)", ocred->n > 1 ? "s" : "", set_str(ocred));
    if (oerr && e->doc->nblocks == 0)
        rc = nb_err_set(err, oerr->code, "%s", oerr->msg);
    else if (empty->n)
        nb_doc_warn(e->doc, "no text layer on page%s %s (scanned images?): no values were read there%s%s",
                    empty->n > 1 ? "s" : "", set_str(empty), oerr ? ": " : "", oerr ? oerr->msg : "");
    e->doc->ocr_pages = ocred->n;
    return rc;
}

/* Returns NB_OK, or the OCR error when no page had text and OCR could not run.
 * Rules are looked for on a page whose text looks like a table (nb_page_table_like; first the cheap
 * count of short spans), on a drawing of the page's lines and fills. Tables run over pages, so the page
 * after a table-like page is looked at too (the rest of a table: a row or two). */
static nb_code read_pages(emitter *e, PopplerDocument *pd, int npages, nb_err *err)
{
    page_set empty = {NB_BUF_INIT, 0, 0, 0}, ocred = {NB_BUF_INIT, 0, 0, 0};
    int ocr_failed = 0;
    nb_err oerr = {NB_OK, ""};
    page_image im = {NULL, NULL, 0, 0, 0};
    int table_like = 0; /* the previous page looked like a table */
    for (int p = 0; p < npages && !over_budget(e, p, npages); p++) {
        PopplerPage *page = poppler_document_get_page(pd, p);
        e->page = p + 1;
        e->first_on_page = 1;
        e->cells = 0;
        size_t first = e->doc->nblocks;
        if (page && one_page(e, page, &empty, &ocr_failed, &oerr))
            set_add(&ocred, p + 1);
        else if (!page)
            set_add(&empty, p + 1);
        int follows = table_like;
        table_like = e->cells >= NB_RULE_PAGE_MIN_CELLS && nb_page_table_like(e->doc, first);
        if (page && (table_like || follows) && wants_rules(e))
            page_rules(e, page, &im);
        if (page)
            g_object_unref(page);
    }
    image_free(&im);
    nb_pdf_paths_close(e->paths);
    e->paths = NULL;
    nb_code rc = pages_read(e, &empty, &ocred, ocr_failed ? &oerr : NULL, err);
    nb_buf_free(&empty.list);
    nb_buf_free(&ocred.list);
    return rc;
}

/* ---- poppler's own messages: a fresh machine without poppler-data ------------------------------
 * PDFs with non-embedded CJK fonts (STSong-Light, Adobe-GB1) need poppler-data's CMaps; without them
 * poppler says "Missing language pack for 'Adobe-GB1' mapping" (or cannot find the CMap) and drops
 * the Chinese text, and the record would only say "no template tables found". poppler-glib passes
 * poppler's error messages to GLib's log (domain "Poppler", "<category> at position N: <msg>");
 * a handler on that domain keeps the first missing-mapping message for the record's warning. */
#define PACK_MSG_MAX 200 /* poppler's first missing-mapping message, kept for the warning */

static _Thread_local char missing_pack[PACK_MSG_MAX];

static int mapping_missing(const char *msg)
{
    return strstr(msg, "Missing language pack") || strstr(msg, "Unknown character collection") ||
           (strstr(msg, "Couldn't find") && strstr(msg, "CMap")) || strstr(msg, "Unknown CMap");
}

static void on_poppler_log(const gchar *domain, GLogLevelFlags level, const gchar *msg, gpointer data)
{
    (void)domain, (void)level, (void)data;
    const char *m = msg ? strstr(msg, ": ") : NULL; /* after "Syntax error at position -1" */
    if (m && !missing_pack[0] && mapping_missing(m)) {
        int n = 0, adv; /* cut on a character boundary */
        m += 2;
        while (m[n] && n < PACK_MSG_MAX - 4)
            nb_utf8_decode(m + n, strlen(m + n), &adv), n += adv;
        snprintf(missing_pack, sizeof missing_pack, "%.*s", n, m);
    }
}

static void install_log_handler(void)
{
    /* poppler-glib logs poppler's messages at INFO/DEBUG (hidden by default); warnings and criticals
     * of poppler-glib itself still reach the default handler */
    g_log_set_handler("Poppler", G_LOG_LEVEL_INFO | G_LOG_LEVEL_DEBUG, on_poppler_log, NULL);
}

static void warn_missing_pack(nb_doc *doc)
{
    if (missing_pack[0])
        nb_doc_warn(doc, "poppler lacks the CJK font mappings this PDF needs (poppler: \"%s\"): its "
                    "Chinese text is lost; install poppler-data", missing_pack);
}

static PopplerDocument *open_pdf(const char *buf, size_t len, nb_err *err)
{
    if (len < 5 || memcmp(buf, "%PDF-", 5) != 0) {
        nb_err_set(err, NB_EFORMAT, "not a PDF: missing %%PDF- header");
        return NULL;
    }
    GError *gerr = NULL;
    GBytes *bytes = g_bytes_new_static(buf, len);
    PopplerDocument *pd = poppler_document_new_from_bytes(bytes, NULL, &gerr);
    g_bytes_unref(bytes);
    if (pd)
        return pd;
    if (gerr && gerr->domain == POPPLER_ERROR && gerr->code == POPPLER_ERROR_ENCRYPTED)
        nb_err_set(err, NB_EUNSUPPORTED, "encrypted PDF: a password is required");
    else
        nb_err_set(err, NB_EFORMAT, "corrupt or truncated PDF: %s",
                   gerr && gerr->message ? gerr->message : "poppler cannot open it");
    if (gerr)
        g_error_free(gerr);
    return NULL;
}

nb_doc *nb_pdf_read(const char *buf, size_t len, const char *path, nb_err *err)
{
    double cpu0 = nb_cpu_seconds();
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, install_log_handler);
    missing_pack[0] = 0;
    PopplerDocument *pd = open_pdf(buf, len, err);
    if (!pd)
        return NULL;
    nb_doc *doc = nb_doc_new(NB_FMT_PDF, path);
    if (!doc) {
        g_object_unref(pd);
        nb_err_set(err, NB_ENOMEM, "out of memory");
        return NULL;
    }
    int npages = poppler_document_get_n_pages(pd);
    unsigned cap = nb_limits_get()->pdf_pages;
    if (npages > 0 && (unsigned)npages > cap) {
        nb_doc_warn(doc, "PDF has %d pages: only the first %u are read", npages, cap);
        npages = (int)cap;
    }
    doc->npages = npages;
    emitter e = {doc, 0, 1, 0, 0, 0, getenv("NB_NO_RULES") != NULL, cpu0, nb_work_budget(len), buf, len, NULL, 0};
    nb_code rc = read_pages(&e, pd, npages, err);
    if (getenv("NB_RULE_TIMING"))
        fprintf(stderr, "nianbao: %s: rule detection %.2f ms on %d of %d pages\n", path ? path : "-",
                e.rule_ms, e.rule_pages, npages);
    warn_missing_pack(doc);
    g_object_unref(pd);
    if (rc != NB_OK) {
        nb_doc_free(doc);
        return NULL;
    }
    return doc;
}
