/* docx_internal.h - what the DOCX reader's files share (not public): streaming one package part
 * through a small SAX sink, and the styles/numbering lookups the body reader consults. */
#ifndef NB_DOCX_INTERNAL_H
#define NB_DOCX_INTERNAL_H

#include "extract.h"

#include <stdint.h>

#define DX_ID_MAX ((long)INT32_MAX) /* numId, abstractNumId: ids are compared only; clamped to fit an int */

/* Namespaces the reader tells apart (transitional and strict OOXML map to the same value). */
typedef enum { DX_NS_OTHER, DX_NS_W, DX_NS_MC, DX_NS_REL, DX_NS_M } dx_ns;

/* The attributes of one element, opaque outside docx.c (libxml2's 5-pointer tuples). */
typedef struct {
    const void *raw;
    int n;
} dx_attrs;

/* Copies the value of attribute `local` (any namespace) into out (NUL-terminated, cut to at most
 * outsz-1 bytes at a character boundary); returns 1 when the attribute is present. */
int dx_attr(const dx_attrs *a, const char *local, char *out, size_t outsz);
/* The attribute as an integer clamped to [lo, hi] (a file may say anything: INT_MAX, -5,
 * 99999999999999999999), or def when absent or not a number. */
long dx_attr_int(const dx_attrs *a, const char *local, long lo, long hi, long def);

/* Receives one XML part as events; depth is 1 for the root element. */
typedef struct {
    void (*start)(void *ctx, int depth, dx_ns ns, const char *name, const dx_attrs *attrs);
    void (*end)(void *ctx, int depth, dx_ns ns, const char *name);
    void (*text)(void *ctx, const char *s, size_t len);
    void *ctx;
} dx_sink;

typedef struct dx_pkg dx_pkg;
/* 1 when the package has a part of that name (case-insensitive, as OPC says). */
int dx_has_part(dx_pkg *pkg, const char *name);
/* Streams part `name` through sink under the zip-bomb and XML caps. */
nb_code dx_parse_part(dx_pkg *pkg, const char *name, const dx_sink *sink, nb_err *err);

/* ---- styles.xml: effective paragraph-style properties after following w:basedOn ---------- */
typedef struct {
    int outline; /* 0..8, or -1 when the style gives none */
    int numid;   /* w:numPr/w:numId, -1 when none (0 = numbering switched off) */
    int ilvl;    /* -1 when not given */
} dx_pstyle;

typedef struct dx_styles dx_styles;
dx_styles *dx_styles_new(void);
void dx_styles_sink(dx_styles *s, dx_sink *out);
void dx_styles_finish(dx_styles *s); /* resolves basedOn chains once parsing is over */
/* Properties of style id (NULL or "" = the default paragraph style). */
void dx_styles_get(const dx_styles *s, const char *id, dx_pstyle *out);
void dx_styles_free(dx_styles *s);

/* ---- numbering.xml: list definitions and the counters Word keeps while rendering -------- */
typedef struct dx_numbering dx_numbering;
dx_numbering *dx_numbering_new(void);
void dx_numbering_sink(dx_numbering *n, dx_sink *out);
/* Advances the counters for a paragraph numbered (numid, ilvl; ilvl -1 = find by style) and
 * appends the label Word shows, with its separator, to label. Bullets and "none" add nothing. */
void dx_numbering_next(dx_numbering *n, int numid, int ilvl, const char *style, nb_buf *label);
/* Appends counter value v in Word number format fmt ("decimal", "chineseCounting", ...). */
void dx_number_format(nb_buf *b, const char *fmt, int v);
void dx_numbering_free(dx_numbering *n);

/* ---- table grids: w:gridSpan / w:vMerge / w:hMerge into cells that carry spans ------------ */
typedef enum { DX_MERGE_NONE, DX_MERGE_RESTART, DX_MERGE_CONTINUE } dx_merge;
typedef struct dx_grid dx_grid;
dx_grid *dx_grid_new(nb_doc *doc); /* appends the TABLE block; NULL on OOM */
void dx_grid_row(dx_grid *g);      /* a w:tr starts */
void dx_grid_skip(dx_grid *g, int ncols); /* w:gridBefore: grid columns left empty */
/* One w:tc: span grid columns wide; a vMerge continuation extends the cell above it. */
void dx_grid_cell(dx_grid *g, int span, dx_merge vmerge, dx_merge hmerge, const char *text,
                  size_t len);
void dx_grid_end(dx_grid *g); /* nb_table_finish, frees the builder; NULL-safe */

/* ---- document.xml: paragraphs and table grids into the doc -------------------------------- */
typedef struct dx_body dx_body;
dx_body *dx_body_new(nb_doc *doc, const dx_styles *styles, dx_numbering *num);
void dx_body_sink(dx_body *b, dx_sink *out);
nb_code dx_body_finish(dx_body *b, nb_err *err); /* flushes what is still open; NB_ENOMEM */
void dx_body_free(dx_body *b);

#endif
