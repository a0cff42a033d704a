/* pdf_draw.c - nianbao debug's pictures: each page of a PDF rendered with poppler onto a cairo image, the
 * overlays (rules found, table cells, the value each number became) drawn over it, written as a PNG. */
#include "extract.h"

#include <cairo.h>
#include <errno.h>
#include <poppler.h>
#include <stdio.h>
#include <string.h>

#define DRAW_RULE_MIN_PX 2.0   /* a rule is drawn at least this thick, so it can be seen (and tested) */
#define DRAW_LABEL_PT 4.5      /* size of the value ids written in the cells */

static void rgb(cairo_t *cr, unsigned c)
{
    cairo_set_source_rgb(cr, ((c >> 16) & 255) / 255.0, ((c >> 8) & 255) / 255.0, (c & 255) / 255.0);
}

static void draw_rule(cairo_t *cr, const nb_box *b, double s)
{
    double min = DRAW_RULE_MIN_PX / s, w = b->x1 - b->x0, h = b->y1 - b->y0;
    double x = b->x0, y = b->y0;
    if (w < min)
        x -= (min - w) / 2, w = min;
    if (h < min)
        y -= (min - h) / 2, h = min;
    cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
    rgb(cr, NB_DEBUG_RULE_RGB);
    cairo_rectangle(cr, x, y, w, h);
    cairo_fill(cr);
    cairo_set_antialias(cr, CAIRO_ANTIALIAS_DEFAULT);
}

static void draw_box(cairo_t *cr, const nb_box *b, unsigned colour, double s)
{
    rgb(cr, colour);
    cairo_set_line_width(cr, 1.0 / s);
    cairo_rectangle(cr, b->x0 + 1.0 / s, b->y0 + 1.0 / s, b->x1 - b->x0 - 2.0 / s, b->y1 - b->y0 - 2.0 / s);
    cairo_stroke(cr);
}

static void draw_label(cairo_t *cr, const nb_box *b, const char *text)
{
    rgb(cr, NB_DEBUG_VALUE_RGB);
    cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, DRAW_LABEL_PT);
    cairo_move_to(cr, b->x0 + 1.5, b->y0 + DRAW_LABEL_PT + 0.5);
    cairo_show_text(cr, text);
}

static void draw_overlays(cairo_t *cr, int page, const nb_overlay *ov, size_t nov, double s)
{
    for (int pass = 0; pass < 3; pass++) /* cells, then values, then rules on top */
        for (size_t i = 0; i < nov; i++) {
            const nb_overlay *o = &ov[i];
            if (o->box.page != page || (int)o->kind != (pass == 0 ? NB_OV_CELL : pass == 1 ? NB_OV_VALUE : NB_OV_RULE))
                continue;
            if (o->kind == NB_OV_RULE)
                draw_rule(cr, &o->box, s);
            else if (o->kind == NB_OV_CELL)
                draw_box(cr, &o->box, NB_DEBUG_CELL_RGB, s);
            else {
                draw_box(cr, &o->box, NB_DEBUG_VALUE_RGB, s);
                if (o->label)
                    draw_label(cr, &o->box, o->label);
            }
        }
}

/* One page: white, the page, the overlays; written to DIR/page-N.png. */
static nb_code draw_page(PopplerPage *page, int n, const nb_overlay *ov, size_t nov, double s,
                         const char *dir, nb_err *err)
{
    double w = 0, h = 0;
    poppler_page_get_size(page, &w, &h);
    if (w * h * s * s > NB_MAX_RULE_SURFACE_PX || w < 1 || h < 1)
        return nb_err_set(err, NB_ELIMIT, "page %d is too large to draw (%.0f x %.0f pt)", n, w, h);
    cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(w * s + 0.5), (int)(h * s + 0.5));
    cairo_t *cr = cairo_create(sf);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, s, s);
    poppler_page_render(page, cr);
    draw_overlays(cr, n, ov, nov, s);
    cairo_destroy(cr);
    char path[4096];
    snprintf(path, sizeof path, "%s/page-%d.png", dir, n);
    cairo_status_t st = cairo_surface_write_to_png(sf, path);
    cairo_surface_destroy(sf);
    if (st != CAIRO_STATUS_SUCCESS)
        return nb_err_set(err, NB_EIO, "%s: %s", path, cairo_status_to_string(st));
    return NB_OK;
}

int nb_pdf_draw_pages(const char *buf, size_t len, const nb_overlay *ov, size_t nov, double px_per_pt,
                      const char *dir, nb_err *err)
{
    GError *gerr = NULL;
    GBytes *bytes = g_bytes_new_static(buf, len);
    PopplerDocument *pd = poppler_document_new_from_bytes(bytes, NULL, &gerr);
    g_bytes_unref(bytes);
    if (!pd) {
        nb_err_set(err, NB_EFORMAT, "cannot open the PDF: %s", gerr && gerr->message ? gerr->message : "?");
        if (gerr)
            g_error_free(gerr);
        return -1;
    }
    int n = poppler_document_get_n_pages(pd), done = 0;
    if (n > (int)nb_limits_get()->pdf_pages)
        n = (int)nb_limits_get()->pdf_pages;
    for (int p = 0; p < n; p++) {
        PopplerPage *page = poppler_document_get_page(pd, p);
        nb_code rc = page ? draw_page(page, p + 1, ov, nov, px_per_pt, dir, err) : NB_OK;
        if (page)
            g_object_unref(page);
        if (rc != NB_OK) {
            g_object_unref(pd);
            return -1;
        }
        done += page != NULL;
    }
    g_object_unref(pd);
    return done;
}
