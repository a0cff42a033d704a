/* extract.h - turning bytes into an nb_doc: format detection by content, and one reader per
 * format (text, DOCX, PDF, HTML). Library types (GLib, xmlChar, zip_t) never leave extract/. */
#ifndef NB_EXTRACT_H
#define NB_EXTRACT_H

#include "core.h"

/* What the first bytes say the input is. Refused kinds (DOC, WPS, encrypted DOCX, ...) come back
 * as NB_FMT_UNKNOWN with *refused set to a phrase like "a Word 97-2003 .doc (OLE compound file)". */
nb_format nb_detect(const char *buf, size_t len, const char **refused);

/* Reads and dispatches on the detected format. The doc is raw: call nb_layout() next.
 * Callers free with nb_doc_free(); NULL with err set on failure. */
nb_doc *nb_extract_mem(const char *buf, size_t len, const char *path, nb_err *err);
nb_doc *nb_extract_path(const char *path, nb_err *err);

/* The readers. Each takes the whole input in memory and never writes outside the doc. */
nb_doc *nb_text_read(const char *buf, size_t len, const char *path, nb_err *err);
nb_doc *nb_docx_read(const char *buf, size_t len, const char *path, nb_err *err);
nb_doc *nb_pdf_read(const char *buf, size_t len, const char *path, nb_err *err);
nb_doc *nb_html_read(const char *buf, size_t len, const char *path, nb_err *err);

/* Attributes per element, counted in the markup before libxml2 reads it (markup.c): libxml2 (2.9)
 * checks each attribute against all earlier ones of its element, O(n^2). Feed the bytes in order,
 * in any pieces; 1 once some start tag holds more than NB_MAX_XML_ATTRS attributes. */
typedef struct {
    int lt, in_tag, space; /* after '<'; inside a start tag; after white space in it */
    char quote;            /* inside a quoted value (this quote), or 0 */
    unsigned attrs;        /* attributes of this tag so far */
} nb_attr_scan;
int nb_attr_scan_over(nb_attr_scan *a, const char *p, size_t n);

/* Converts buf from charset (NULL: detect UTF-8 / UTF-16 BOM / GB18030 / Big5) to UTF-8.
 * Returns a malloc'ed NUL-terminated string, *outlen its length; NULL with err on failure.
 * *used, if given, receives the charset name that was applied. */
char *nb_to_utf8(const char *buf, size_t len, const char *charset, size_t *outlen,
                 const char **used, nb_err *err);

#endif
