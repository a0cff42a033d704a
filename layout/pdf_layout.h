/* pdf_layout.h - private to the PDF layout pass: segments (text runs on one baseline, gaps closed),
 * lines (segments sharing a baseline), and the helpers shared by pdf_lines.c and pdf_tables.c. */
#ifndef NB_PDF_LAYOUT_H
#define NB_PDF_LAYOUT_H

#include "layout.h"

#define PL_SEG_GAP_EM 0.5f    /* a gap wider than this (font sizes) separates two cells/segments */
#define PL_WORD_GAP_EM 0.15f  /* a gap wider than this between Latin glyph runs is a word space */
#define PL_BASE_EM 0.3f       /* baselines closer than this (font sizes) are one line */
#define PL_PAGE_Y 100000.0f   /* vertical offset per page: makes (page, y) one ordered axis */

typedef struct {
    const char *text; /* arena */
    float x0, y0, x1, y1; /* y on the document axis (page * PL_PAGE_Y + y) */
    float fs;
    int page;
    int num;          /* the whole segment is a number */
} pl_seg;

typedef enum { PL_PROSE, PL_DROP, PL_TABLE } pl_line_kind;

typedef struct {
    float x0, y0, x1, y1, fs;
    int page;
    size_t seg0, nseg;
    int nnum;         /* numeric segments */
    const char *text; /* the segments joined (cached by pl_line_text) */
    pl_line_kind kind;
} pl_line;

typedef struct {
    nb_doc *doc;
    pl_seg *segs;
    size_t nsegs, segcap;
    pl_line *lines;
    size_t nlines, linecap;
    nb_block *out;    /* the new block list */
    size_t nout, outcap;
    float left, right; /* body text margins (x) */
    float body_fs;     /* the most common font size of prose */
    float line_gap;    /* the usual gap between wrapped prose lines */
} pl_ctx;

/* pdf_lines.c */
int pl_build_lines(pl_ctx *c);          /* SPAN blocks -> segments -> lines; 0 on OOM */
void pl_drop_furniture(pl_ctx *c);      /* running headers/footers and page numbers -> PL_DROP */
void pl_margins(pl_ctx *c);             /* c->left / c->right from the prose lines */
int pl_emit_paragraphs(pl_ctx *c, size_t from, size_t to); /* prose lines [from,to) -> PARA */
nb_block *pl_push(pl_ctx *c);           /* a zeroed block at the end of c->out, NULL on OOM */
int pl_is_cjk_edge(const char *s, int at_end); /* first/last character is Han or CJK punct */
int pl_heading_start(const char *s);    /* starts like a section heading: 一、 （一） */
int pl_enum_start(const char *s);
int pl_section_heading(const char *s); /* 一、...情况 / ...事项: a top-level section title */       /* starts with any enumerator: 一、 （一） 1. （1） */
const char *pl_line_text(pl_ctx *c, pl_line *l); /* the segments joined, arena */

/* pdf_tables.c */
void pl_mark_tables(pl_ctx *c);         /* lines of table regions -> PL_TABLE */
int pl_emit_table(pl_ctx *c, size_t from, size_t to); /* table lines [from,to) -> TABLE blocks */

#endif
