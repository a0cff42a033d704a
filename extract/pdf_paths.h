/* pdf_paths.h - a PDF page's vector drawing (ruling lines, cell borders, shaded cells) painted onto a
 * cairo context without its text or images, for the rule finder (pdf.c). Written in C++ on poppler's
 * core (pdf_paths.cc); poppler's C++ types stay in there. */
#ifndef NB_PDF_PATHS_H
#define NB_PDF_PATHS_H

#include <cairo.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nb_pdf_paths nb_pdf_paths;

/* Opens the PDF held in buf (not copied: it must outlive the handle). NULL when poppler's core refuses
 * the file or memory runs out. Use the handle only while a poppler-glib document is open (poppler-glib
 * sets up poppler's global parameters with its first open document and tears them down with its last):
 * pdf.c opens it after poppler_document_new_from_bytes and closes it before releasing the document. */
nb_pdf_paths *nb_pdf_paths_open(const char *buf, size_t len);

/* Paints the strokes and fills of page (1-based) onto cr, whose user space is the page in points from
 * the top-left (as for poppler_page_render), as poppler's cairo renderer would paint them; text and
 * images are skipped. Stops when the page draws more than max_segments path segments or when
 * stop(arg) returns nonzero (checked between content operators). Returns 1 when the page was painted
 * whole, 0 when it was cut short by either bound, -1 when poppler failed on it. */
int nb_pdf_paths_draw(nb_pdf_paths *pp, int page, cairo_t *cr, unsigned long max_segments,
                      int (*stop)(void *arg), void *arg);

void nb_pdf_paths_close(nb_pdf_paths *pp);

#ifdef __cplusplus
}
#endif

#endif
