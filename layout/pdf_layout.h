/* pdf_layout.h - private to the PDF layout pass: segments (text runs on one baseline, gaps closed),
 * lines (segments sharing a baseline), and the helpers shared by pdf_lines.c and pdf_tables.c. */
#ifndef NB_PDF_LAYOUT_H
#define NB_PDF_LAYOUT_H

#include "layout.h"

#define PL_SEG_GAP_EM 0.5f    /* a gap wider than this (font sizes) separates two cells/segments */
#define PL_WORD_GAP_EM 0.15f  /* a gap wider than this between Latin glyph runs is a word space */
#define PL_BASE_EM 0.3f       /* baselines closer than this (font sizes) are one line */
#define PL_PAGE_Y 100000.0f   /* vertical offset per page: makes (page, y) one ordered axis */

/* pdf_tables.c: tables from alignment (font sizes of the table text, "em") */
#define AL_ANCHOR_GAP_EM 1.5f     /* a lone number this far right of its label makes a table row */
#define AL_REGION_GAP_EM 2.0f     /* lines of one table are closer than this */
#define AL_HEAD_GAP_EM 1.5f       /* header lines above the first row are closer than this */
#define AL_TAIL_GAP_EM 0.8f       /* a wrapped label/number below the last row is closer than this */
#define AL_WIDE_FRAC 0.6f         /* a single segment wider than this share of the body is prose */
#define AL_HEADING_SIZE 1.1f      /* a line this much larger than the table text may be a heading */
#define AL_MERGE_GAP_EM 1.0f      /* a row's numbers drifted onto the next line are closer than this */
#define AL_WRAP_GAP_EM 0.8f       /* a number or label wrapped in its cell continues closer than this */
#define AL_ALIGN_EM 0.6f          /* wrapped digits sit under the first part within this distance */
#define AL_SAME_X_EM 0.1f         /* numbers starting (or extents touching) this close share a column */
#define AL_LABEL_COL_EM 0.8f      /* label starts closer than this are one label column */
#define AL_LABEL_OVERHANG_EM 0.3f /* a label may end this far into the first numeric column */
#define AL_LABEL_LEFT_EM 1.0f     /* ... or start at least this far left of it */
#define AL_REACH_EM 0.5f          /* a segment reaches into a column when it passes its start by this */
#define AL_CENTRE_EM 0.5f         /* a one-line row sits midway between wrapped parts within this */
#define AL_CENTRED_SPAN_EM 3.0f   /* wrapped parts of centred cells are less than this apart */
#define AL_MAX_LABEL_COLS 6       /* label columns left of the numbers: the template has three */
#define AL_MAX_NUM_COLS 64        /* numeric columns in one table: far above the template's 15 */
#define AL_MAX_REGION_COLS 64     /* number edges remembered while growing a region: as many */
#define AL_MAX_LABEL_SEGS 512     /* label segments clustered into label columns per grid */
#define AL_MAX_HEAD_SEGS 256      /* header segments per grid */
#define AL_MAX_GROUPS 256         /* group cells per grid */

/* pdf_lattice.c: tables from ruling lines (points) */
#define LAT_SNAP_PT 2.0f      /* rule centres closer than this are one boundary; rules this close touch */
#define LAT_COVER 0.5f        /* an edge with rules along at least this share of it separates two cells */
#define LAT_LINE_FRAC 0.5f    /* spans whose bottoms differ by less than this share of a height: one line */
#define LAT_WRAP_FIT 0.6f     /* digits on two lines are one wrapped number only if wider together than this share of the cell */
#define LAT_WRAP_GAP_EM 0.45f /* ... and if the second line follows closer than this (text heights): line spacing, not a row */
#define LAT_MIN_CELLS 4       /* fewer merged cells than this is a frame or a box, not a table */
#define LAT_OPEN_PT 6.0f      /* vertical rules running this far past the outermost horizontal rule: an open edge */
#define LAT_COL_PT 3.0f       /* column boundaries of a continued table match within this */
#define LAT_JOIN_SHARE 0.6f   /* a continued table shares at least this share of its column boundaries */
#define LAT_PUNCT_OVERHANG_EM 0.5f /* a closing full-width mark's box may end this far (font sizes) past its cell's rule */
#define LAT_SPLIT_GAP_PT 0.5f  /* a free gap between two rows' lines in one ruled band is at least this tall */
#define LAT_SPECK_PT 2.0f      /* on an OCR'd page a span this small both ways is a speck's reading, not text beside a grid, */
#define LAT_BESIDE_CHARS 2     /* ... as is one with fewer letters/Han than this (a label outside the rules has more) */
#define LAT_BREAK_LINES 2     /* text lines allowed between a table and the page break (footer, page number) */

typedef struct {
    const char *text; /* arena */
    float x0, y0, x1, y1; /* y on the document axis (page * PL_PAGE_Y + y) */
    float fs;
    int page;
    int num;          /* the whole segment is a number */
    int witnessed;    /* OCR: one span, its number read alike by two engines (NB_BF_WITNESSED) */
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

/* A table found from ruling lines (pdf_lattice.c), waiting for its place in reading order. */
typedef struct {
    nb_table *t;
    int first_page, page;   /* where it starts; where it ends (a later page once a continuation joined) */
    float y0, y1;           /* top on its first page, bottom on its last */
    float xs[NB_MAX_LATTICE_LINES]; /* column boundaries */
    int nx;
    int joined;             /* appended to the table before it (page break): not emitted */
} lat_table;

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
    lat_table *lat;    /* lattice tables in page order */
    size_t nlat, latcap, latnext;
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

/* pdf_lattice.c */
int pl_lattice(pl_ctx *c);              /* RULE blocks -> grids -> lat tables; their spans taken (text NULL) */
int pl_lattice_before(pl_ctx *c, int page, float y); /* a lattice table starts before (page, y); page<0: any */
int pl_lattice_emit_before(pl_ctx *c, int page, float y); /* those tables -> TABLE blocks; 0 on OOM */
void pl_lattice_free(pl_ctx *c);

/* pdf_tables.c */
void pl_mark_tables(pl_ctx *c);         /* lines of table regions -> PL_TABLE */
int pl_emit_table(pl_ctx *c, size_t from, size_t to); /* table lines [from,to) -> TABLE blocks */

/* pdf_sidebar.c: a browser print's navigation column beside the article, dropped from one page's spans */
void pl_drop_sidebar(nb_block **sp, size_t n);

#endif
