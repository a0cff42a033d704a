/* test_pdf_paths.c - the path pass (extract/pdf_paths.cc) on a hand-written PDF page: a hairline, a
 * grey 0.5 pt line, a dashed line, a shaded cell, a line clipped away and a word of text, painted at
 * 1 px/pt as the rule finder sees them, and compared pixel by pixel with poppler's full render. */
#include "harness.h"
#include "pdf_paths.h"

#include <poppler.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define PAGE_W 612
#define PAGE_H 792
#define RENDER_DIFF_MAX 16 /* grey levels the path pass may differ from poppler's render off the text */

static const char *CONTENT =
    "q 0 w 0 0 0 RG 50 700 m 300 700 l S Q\n"                 /* hairline: y 92 from the top */
    "q 0.5 w 0.6 G 50 650 m 300 650 l S Q\n"                  /* grey 0.5 pt line: y 142 */
    "q 1 w [3 3] 0 d 50 600 m 300 600 l S Q\n"                /* dashed: y 192 */
    "q 0.85 g 50 500 250 40 re f Q\n"                         /* shaded cell: y 252..292 */
    "q 50 400 100 100 re W n 2 w 200 450 m 300 450 l S Q\n"   /* clipped away: y 342, x 200..300 */
    "BT /F1 24 Tf 60 300 Td (HELLO) Tj ET\n";                 /* text: y ~475..492, x 60..130 */

/* A one-page PDF around CONTENT, with a correct cross-reference table. */
static char *make_pdf(size_t *len)
{
    char *objs[5];
    int n = 0;
    size_t off[6];
    objs[n++] = "<< /Type /Catalog /Pages 2 0 R >>";
    objs[n++] = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>";
    objs[n++] = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                "/Resources << /Font << /F1 5 0 R >> >> >>";
    char stream[1024];
    snprintf(stream, sizeof stream, "<< /Length %zu >>\nstream\n%sendstream", strlen(CONTENT), CONTENT);
    objs[n++] = stream;
    objs[n++] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
    char *buf = malloc(4096);
    size_t p = (size_t)sprintf(buf, "%%PDF-1.4\n");
    for (int i = 0; i < n; i++) {
        off[i] = p;
        p += (size_t)sprintf(buf + p, "%d 0 obj\n%s\nendobj\n", i + 1, objs[i]);
    }
    size_t xref = p;
    p += (size_t)sprintf(buf + p, "xref\n0 %d\n0000000000 65535 f \n", n + 1);
    for (int i = 0; i < n; i++)
        p += (size_t)sprintf(buf + p, "%010zu 00000 n \n", off[i]);
    p += (size_t)sprintf(buf + p, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", n + 1, xref);
    *len = p;
    return buf;
}

typedef struct {
    cairo_surface_t *sf;
    cairo_t *cr;
} canvas;

static canvas white_page(void)
{
    canvas c;
    c.sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, PAGE_W, PAGE_H);
    c.cr = cairo_create(c.sf);
    cairo_set_source_rgb(c.cr, 1, 1, 1);
    cairo_paint(c.cr);
    return c;
}

static int grey(canvas *c, int x, int y)
{
    cairo_surface_flush(c->sf);
    const unsigned char *px = cairo_image_surface_get_data(c->sf);
    uint32_t v = *(const uint32_t *)(const void *)(px + (size_t)y * (size_t)cairo_image_surface_get_stride(c->sf) +
                                                    (size_t)x * 4);
    return (int)((v >> 8) & 255);
}

static void drop(canvas *c)
{
    cairo_destroy(c->cr);
    cairo_surface_destroy(c->sf);
}

/* Rows y-3..y+3 at column x darker than 200 (the rule finder's ink): how many, and the darkest level. */
static int ink_rows(canvas *c, int x, int y, int *darkest)
{
    int n = 0;
    *darkest = 255;
    for (int r = y - 3; r <= y + 3; r++) {
        int g = grey(c, x, r);
        n += g < 200;
        *darkest = g < *darkest ? g : *darkest;
    }
    return n;
}

static int in_text(int x, int y)
{
    return x >= 55 && x <= 150 && y >= 465 && y <= 498;
}

static int stop_now(void *arg)
{
    return *(int *)arg;
}

static void test_paths_drawn(void)
{
    size_t len = 0;
    char *pdf = make_pdf(&len);
    GBytes *bytes = g_bytes_new_static(pdf, len);
    PopplerDocument *pd = poppler_document_new_from_bytes(bytes, NULL, NULL); /* sets up poppler */
    OK(pd != NULL);
    nb_pdf_paths *pp = nb_pdf_paths_open(pdf, len);
    OK(pp != NULL);
    canvas c = white_page();
    EQ_INT(nb_pdf_paths_draw(pp, 1, c.cr, 1000, NULL, NULL), 1);
    int dark;
    EQ_INT(ink_rows(&c, 100, 92, &dark), 1); /* hairline: one pixel, black */
    OK(dark < 64);
    EQ_INT(ink_rows(&c, 100, 142, &dark), 1); /* 0.5 pt grey: one pixel, its grey */
    OK(dark > 140 && dark < 166);
    int dashes = 0; /* dashed [3 3] over 230 pt: 38 dashes */
    for (int x = 60; x < 290; x++)
        dashes += grey(&c, x, 192) < 200 && grey(&c, x - 1, 192) >= 200;
    OK(dashes >= 36 && dashes <= 40);
    OK(abs(grey(&c, 100, 270) - 217) <= 2); /* shaded cell at 0.85 grey */
    EQ_INT(grey(&c, 250, 342), 255);        /* clipped away */
    int text_ink = 0;
    for (int y = 465; y <= 498; y++)
        for (int x = 55; x <= 150; x++)
            text_ink += grey(&c, x, y) < 255;
    EQ_INT(text_ink, 0); /* no text */

    canvas full = white_page();
    PopplerPage *page = poppler_document_get_page(pd, 0);
    poppler_page_render(page, full.cr);
    int full_ink = 0, worst = 0;
    for (int y = 0; y < PAGE_H; y++)
        for (int x = 0; x < PAGE_W; x++) {
            int d = abs(grey(&full, x, y) - grey(&c, x, y));
            if (in_text(x, y))
                full_ink += grey(&full, x, y) < 128;
            else if (d > worst)
                worst = d;
        }
    OK(full_ink > 50);             /* the render has the text (the check above could fail) */
    OK(worst <= RENDER_DIFF_MAX); /* and otherwise the same picture */
    g_object_unref(page);
    drop(&full);
    drop(&c);

    c = white_page(); /* the bounds: a segment cap, the caller's stop check */
    EQ_INT(nb_pdf_paths_draw(pp, 1, c.cr, 3, NULL, NULL), 0);
    int stop = 1;
    EQ_INT(nb_pdf_paths_draw(pp, 1, c.cr, 1000, stop_now, &stop), 0);
    EQ_INT(nb_pdf_paths_draw(pp, 2, c.cr, 1000, NULL, NULL), -1); /* no such page */
    OK(cairo_status(c.cr) == CAIRO_STATUS_SUCCESS);
    drop(&c);
    nb_pdf_paths_close(pp);
    OK(nb_pdf_paths_open("%PDF-1.4\ngarbage", 15) == NULL);
    g_object_unref(pd);
    g_bytes_unref(bytes);
    free(pdf);
}

int main(void)
{
    test_paths_drawn();
    DONE();
}
