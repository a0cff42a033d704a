/* core.h - the shared vocabulary of nianbao: error codes, growable buffers, an arena,
 * and the document model (an ordered list of paragraph and table blocks) every extractor fills. */
#ifndef NB_CORE_H
#define NB_CORE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include "limits.h"

/* ---- errors ---------------------------------------------------------------------------- */
typedef enum { NB_OK, NB_ENOMEM, NB_EIO, NB_EFORMAT, NB_EUNSUPPORTED, NB_ELIMIT } nb_code;

typedef struct {
    nb_code code;
    char msg[256]; /* one line, no trailing newline: "not a DOCX: missing word/document.xml" */
} nb_err;

const char *nb_strerror(nb_code code);
/* Sets err (NULL-safe) and returns code, so readers can `return nb_err_set(...)`. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
nb_code nb_err_set(nb_err *err, nb_code code, const char *fmt, ...);

/* ---- growable byte buffer (cmark_strbuf-like); always NUL-terminated when non-empty -------- */
typedef struct {
    char *ptr;
    size_t len, cap;
    int oom; /* sticky: set once an allocation failed; later appends are no-ops */
} nb_buf;

#define NB_BUF_INIT {NULL, 0, 0, 0}
void nb_buf_put(nb_buf *b, const char *s, size_t n);
void nb_buf_puts(nb_buf *b, const char *s);
void nb_buf_putc(nb_buf *b, char c);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void nb_buf_printf(nb_buf *b, const char *fmt, ...);
void nb_buf_clear(nb_buf *b);              /* len = 0, keeps memory */
const char *nb_buf_cstr(const nb_buf *b);  /* "" when empty */
char *nb_buf_detach(nb_buf *b);            /* caller frees; buffer reset */
void nb_buf_free(nb_buf *b);
/* ---- growable arrays ------------------------------------------------------------------------ */
/* Room for element n of the array v whose allocation holds *cap elements of elem bytes: v itself
 * while n < *cap, else v reallocated to twice *cap (first when *cap is 0) with *cap updated.
 * Return value: the array to use from now on, or NULL when out of memory or the size would
 * overflow (then v is untouched and still owned by the caller). Usage:
 *     nb_block *grown = nb_grow(doc->blocks, doc->nblocks, &doc->cap, sizeof *grown, 64);
 *     if (!grown) return NULL;
 *     doc->blocks = grown; */
void *nb_grow(void *v, size_t n, size_t *cap, size_t elem, size_t first);

/* A number as the shortest text that reads back as the same double; whole numbers up to 2^53
 * with every digit (1e15 -> "1000000000000000"); "null" for NaN/inf. Returns out. (number.c) */
const char *nb_fmt_number(double v, char out[32]);
void nb_buf_put_number(nb_buf *b, double v);
/* Appends s with JSON string escaping (no surrounding quotes). */
void nb_buf_json_escape(nb_buf *b, const char *s, size_t n);

/* ---- a byte message between processes of one machine (codec.c): native byte order; a string is
 * its length (u32; 0xffffffff = NULL) and its bytes with the NUL. The reader fails softly: past
 * the end or on a malformed string it sets bad and returns zeros / NULL. ---- */
void nb_buf_put_u32(nb_buf *b, unsigned v);
void nb_buf_put_i64(nb_buf *b, long long v);
void nb_buf_put_f64(nb_buf *b, double v);
void nb_buf_put_str(nb_buf *b, const char *s); /* s may be NULL */
typedef struct {
    const char *p, *end;
    int bad;
} nb_reader;
void nb_read_bytes(nb_reader *c, void *dst, size_t n);
unsigned nb_read_u32(nb_reader *c);
long long nb_read_i64(nb_reader *c);
double nb_read_f64(nb_reader *c);
const char *nb_read_str(nb_reader *c); /* points into the message; NULL for NULL or bad */
/* A count read before that many items: bad when more items than bytes are left. */
size_t nb_read_count(nb_reader *c);

/* ---- arena: many small strings freed at once ------------------------------------------ */
typedef struct nb_arena_chunk nb_arena_chunk;
typedef struct {
    nb_arena_chunk *head;
    size_t used_total;
} nb_arena;

void *nb_arena_alloc(nb_arena *a, size_t n);                 /* NULL on OOM; 8-aligned */
char *nb_arena_strndup(nb_arena *a, const char *s, size_t n); /* NUL-terminated copy */
void nb_arena_free(nb_arena *a);

/* ---- the document model --------------------------------------------------------------- */
typedef enum {
    NB_FMT_UNKNOWN = 0,
    NB_FMT_TEXT,
    NB_FMT_DOCX,
    NB_FMT_PDF,
    NB_FMT_HTML,
    NB_FMT_DOC, /* Word 97-2003 (OLE), read through LibreOffice as DOCX */
    NB_FMT_WPS, /* Kingsoft WPS (OLE), the same way */
    NB_FMT_RTF, /* RTF, the same way */
    NB_FMT_ODT, /* OpenDocument text, the same way */
} nb_format;
/* "text", "docx", "pdf", "html", "doc", "wps", "rtf", "odt", "unknown" */
const char *nb_format_name(nb_format f);
nb_format nb_format_parse(const char *name); /* the inverse; NB_FMT_UNKNOWN for any other name */

/* Where a piece of text sat in the source: page is 1-based, 0 when the format has no pages.
 * Coordinates are PDF points from the top-left of the page. */
typedef struct {
    int page;
    float x0, y0, x1, y1;
} nb_box;

typedef struct {
    const char *text; /* UTF-8, NUL-terminated, owned by the document's arena */
    int row, col;     /* top-left grid position, 0-based */
    int rowspan, colspan;
    nb_box box;
    unsigned flags;   /* NB_CF_* */
} nb_cell;

#define NB_CF_RUN 1u /* the digits of several cells run together ("3000003", "10 0 0 0 01"): how
                        they split is unknown until the template knows the row (tables/runs.c) */
#define NB_CF_WITNESSED 4u /* OCR: every number in the cell was read the same by two engines, confidently
                              (tables/ocr_guard.c keeps a table-2 value only from such a cell) */
#define NB_CF_LINES 2u /* text input: a number of a row gathered from several source lines (the lines
                          of a wrapped label, or a number wrapped inside its cell and joined): trusted
                          only where the row's identity holds (tables/template.c) */

typedef struct {
    nb_cell *cells; /* in row-major order of their top-left position once nb_table_finish ran */
    size_t ncells, cap;
    int nrows, ncols;
} nb_table;

typedef enum {
    NB_BLOCK_PARA,  /* a paragraph or heading (level > 0) */
    NB_BLOCK_TABLE, /* a grid of cells */
    NB_BLOCK_LINE,  /* a raw source line not yet assembled by layout/ (text input) */
    NB_BLOCK_SPAN,  /* positioned text on a page not yet assembled by layout/ (PDF input) */
    NB_BLOCK_RULE,  /* a ruling line drawn on a page (PDF vector art, or found on a scanned image):
                       box is the line's thin rectangle, text NULL; consumed by layout/ (table grids) */
} nb_block_kind;

typedef struct {
    nb_block_kind kind;
    int level;         /* heading level from the source (1 = top), 0 for body text */
    const char *text;  /* PARA/LINE/SPAN: UTF-8 in the document's arena; NULL for TABLE */
    nb_table *table;   /* TABLE only */
    nb_box box;
    float font_size;   /* SPAN/LINE where known, else 0 */
    unsigned flags;    /* NB_BF_* */
} nb_block;

#define NB_BF_BOLD 1u       /* source marked it bold */
#define NB_BF_PAGEBREAK 2u  /* a page or section break came right before this block */
#define NB_BF_WITNESSED 4u  /* OCR: a number two engines read alike, confidently (a ruled cell read alone) */

typedef struct nb_doc {
    nb_format format;
    const char *path;       /* as given by the caller, may be NULL */
    nb_block *blocks;
    size_t nblocks, cap;
    char **warnings;        /* recoverable damage, in the order met; arena-owned */
    size_t nwarnings, wcap;
    int npages;             /* PDF: page count, else 0 */
    int ocr_pages;          /* PDF: pages read by OCR (their numbers are checked harder), else 0 */
    const char *ocr_witness; /* OCR: the first page's first lines as a second model read them (arena), else NULL */
    nb_arena arena;
} nb_doc;

nb_doc *nb_doc_new(nb_format format, const char *path); /* NULL on OOM */
void nb_doc_free(nb_doc *doc);                           /* NULL-safe */

/* Appends a block of kind PARA/LINE/SPAN with a copy of text[0..len). Returns the block or
 * NULL (OOM, or NB_MAX_BLOCKS reached: then a warning is recorded once). */
nb_block *nb_doc_add_text(nb_doc *doc, nb_block_kind kind, const char *text, size_t len);
/* Appends a TABLE block with an empty table. */
nb_table *nb_doc_add_table(nb_doc *doc);
/* Adds a cell (text copied). rowspan/colspan >= 1. Returns NULL on OOM or cap. */
nb_cell *nb_table_add_cell(nb_doc *doc, nb_table *t, int row, int col, int rowspan, int colspan,
                           const char *text, size_t len);
/* Sorts cells row-major and computes nrows/ncols from the spans. Call once filled. */
void nb_table_finish(nb_table *t);
/* The cell whose area covers (row, col), or NULL (a hole in the grid). */
const nb_cell *nb_table_at(const nb_table *t, int row, int col);

/* Records a warning on the document (printf-style). */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void nb_doc_warn(nb_doc *doc, const char *fmt, ...);

/* Replaces the block list: used by layout/ when it rebuilds lines into paragraphs and tables.
 * The new array must have been malloc'ed; the old one is freed. Text stays in the arena. */
void nb_doc_set_blocks(nb_doc *doc, nb_block *blocks, size_t n, size_t cap);

/* Copies text into the doc arena (for layout passes that make new strings). */
const char *nb_doc_strdup(nb_doc *doc, const char *s, size_t n);

/* ---- small UTF-8 helpers ---------------------------------------------------------------- */
/* Decodes one code point at s (len bytes left); sets *adv to the bytes used (>=1).
 * Invalid sequences decode as U+FFFD with adv 1. */
unsigned nb_utf8_decode(const char *s, size_t len, int *adv);
int nb_utf8_encode(unsigned cp, char out[4]); /* returns bytes written */
int nb_utf8_valid(const char *s, size_t len);
/* 1 when cp is a Unicode scalar value (<= U+10FFFF, not a surrogate): what may be encoded. */
int nb_cp_valid(unsigned long cp);
/* The longest prefix of s[0..len) of at most max bytes that ends on a character boundary: a cut
 * there never splits a multi-byte sequence (every producer that truncates text cuts with this). */
size_t nb_utf8_cut(const char *s, size_t len, size_t max);
/* Appends s[0..len) to b with every invalid sequence replaced by U+FFFD (the buffer grows for the
 * replacements: one bad byte becomes three). Returns the number of sequences replaced. */
size_t nb_buf_put_utf8(nb_buf *b, const char *s, size_t len);
int nb_is_han(unsigned cp);        /* CJK unified ideographs (and extensions, compat) */
int nb_is_cjk_punct(unsigned cp);  /* CJK and full-width punctuation */
/* Terminal columns of s[0..len): East Asian wide/fullwidth characters count 2, others 1. */
size_t nb_utf8_width(const char *s, size_t len);
/* Control, bidi or invisible format character: never written raw to a terminal or a record. */
int nb_cp_unsafe(unsigned cp);
/* Appends s[0..len) without unsafe characters; bytes outside valid UTF-8 become U+FFFD. For text
 * from documents shown on a terminal or stored (agency names, error reasons). */
void nb_text_safe(nb_buf *b, const char *s, size_t len);

/* ---- file names in output: one reversible escape (README, "File names in output") ----------- */
/* Appends path: valid UTF-8 copied, "\\" for a backslash, "\xHH" for each byte that is not valid
 * UTF-8 or belongs to an unsafe character. The result is valid UTF-8 without controls. */
void nb_path_escape(nb_buf *b, const char *path);
/* Reverses nb_path_escape: writes the original bytes to out (room for strlen(s) + 1); returns the
 * byte count (a name may hold no NUL, so the result is also a C string). */
size_t nb_path_unescape(const char *s, char *out);

#endif
