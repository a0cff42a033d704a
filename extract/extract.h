/* extract.h - turning bytes into an nb_doc: format detection by content, and one reader per
 * format (text, DOCX, PDF, HTML). Library types (GLib, xmlChar, zip_t) never leave extract/. */
#ifndef NB_EXTRACT_H
#define NB_EXTRACT_H

#include "core.h"

/* What the first bytes say the input is. Refused kinds (DOC, WPS, encrypted DOCX, ...) come back
 * as NB_FMT_UNKNOWN with *refused set to a phrase like "a Word 97-2003 .doc (OLE compound file)". */
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

/* Converts buf from charset (NULL: detect UTF-8 / UTF-16 BOM / GB18030 / Big5) to UTF-8.
 * Returns a malloc'ed NUL-terminated string, *outlen its length; NULL with err on failure.
 * *used, if given, receives the charset name that was applied. */
char *nb_to_utf8(const char *buf, size_t len, const char *charset, size_t *outlen,
                 const char **used, nb_err *err);

#endif
