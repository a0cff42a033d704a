/* extract.h - turning bytes into an nb_doc: format detection by content, and one reader per
 * format (text, DOCX, PDF, HTML). Library types (GLib, xmlChar, zip_t) never leave extract/. */
#ifndef NB_EXTRACT_H
#define NB_EXTRACT_H

#include "core.h"

/* What the first bytes say the input is. Refused kinds (encrypted Office files, images, archives)
 * come back as NB_FMT_UNKNOWN with *refused set to a phrase like "a PNG image, not a document". */
nb_format nb_detect(const char *buf, size_t len, const char **refused);

/* Sets up the readers' libraries once per process (thread-safe; idempotent). The library API
 * calls it before its first extraction; single-threaded callers need not. */
void nb_extract_init(void);

/* Reads and dispatches on the detected format. The doc is raw: call nb_layout() next.
 * Callers free with nb_doc_free(); NULL with err set on failure. */
nb_doc *nb_extract_mem(const char *buf, size_t len, const char *path, nb_err *err);
nb_doc *nb_extract_path(const char *path, nb_err *err);

/* The readers. Each takes the whole input in memory and never writes outside the doc. */
nb_doc *nb_text_read(const char *buf, size_t len, const char *path, nb_err *err);
nb_doc *nb_docx_read(const char *buf, size_t len, const char *path, nb_err *err);
nb_doc *nb_pdf_read(const char *buf, size_t len, const char *path, nb_err *err);
nb_doc *nb_html_read(const char *buf, size_t len, const char *path, nb_err *err);
/* .doc/.wps/.rtf/.odt (fmt): converted to DOCX by LibreOffice in a child process (convert.c). */
nb_doc *nb_office_read(const char *buf, size_t len, const char *path, nb_format fmt, nb_err *err);

/* OCR of PDF pages (ocr.c): auto = pages without a text layer, always = every page, never = none
 * (the "no text layer" warning). nb_ocr_set_mode parses "auto|never|always": 0, or -1 when bad. */
typedef enum { NB_OCR_AUTO, NB_OCR_NEVER, NB_OCR_ALWAYS } nb_ocr_mode;
int nb_ocr_set_mode(const char *name);
nb_ocr_mode nb_ocr_mode_get(void);

/* Attributes per element, counted in the markup before libxml2 reads it (markup.c): libxml2 (2.9)
 * checks each attribute against all earlier ones of its element, O(n^2). Feed the bytes in order,
 * in any pieces; 1 once some start tag holds more than NB_MAX_XML_ATTRS attributes. */
typedef struct {
    int lt, in_tag, space; /* after '<'; inside a start tag; after white space in it */
    char quote;            /* inside a quoted value (this quote), or 0 */
    unsigned attrs;        /* attributes of this tag so far */
} nb_attr_scan;
int nb_attr_scan_over(nb_attr_scan *a, const char *p, size_t n);
/* The rule finder (rules.c): ruling lines on a grey page image (0 = black, 255 = white; row 0 at the
 * top of the page), px_per_pt pixels per PDF point. Appends one NB_BLOCK_RULE per horizontal or vertical
 * rule that belongs to a grid (touches two rules of the other direction), box in points from the
 * page's top-left. Returns the number of rules added, -1 on OOM. Used on rendered PDF pages and scans. */
int nb_rules_from_grey(nb_doc *doc, int page, const unsigned char *px, int w, int h, int stride,
                       double px_per_pt);

/* Does the text of a PDF page (its blocks from index first on) look like a table: at least
 * NB_RULE_PAGE_MIN_CELLS short spans set apart from their left neighbour like cells? (tablelike.c) */
int nb_page_table_like(const nb_doc *doc, size_t first);

/* nianbao debug (pdf_draw.c): what is drawn over a page. */
typedef enum { NB_OV_RULE, NB_OV_CELL, NB_OV_VALUE } nb_overlay_kind;
typedef struct {
    nb_overlay_kind kind;
    nb_box box;        /* page-numbered, points from the top-left */
    const char *label; /* NB_OV_VALUE: the value id, written in the cell */
} nb_overlay;
#define NB_DEBUG_RULE_RGB 0xFF0000u  /* rules found */
#define NB_DEBUG_CELL_RGB 0x0050FFu  /* cells of tables read from rules */
#define NB_DEBUG_VALUE_RGB 0x00A000u /* cells a value was read from, with its id */
/* Renders every page at px_per_pt with the overlays and writes DIR/page-N.png (N from 1). Returns the
 * number of pages written, -1 with err set on failure. */
int nb_pdf_draw_pages(const char *buf, size_t len, const nb_overlay *ov, size_t nov, double px_per_pt,
                      const char *dir, nb_err *err);

/* Converts buf from charset (NULL: detect UTF-8 / UTF-16 BOM / GB18030 / Big5) to UTF-8.
 * Returns a malloc'ed NUL-terminated string, *outlen its length; NULL with err on failure.
 * *used, if given, receives the charset name that was applied. */
char *nb_to_utf8(const char *buf, size_t len, const char *charset, size_t *outlen,
                 const char **used, nb_err *err);

#endif
