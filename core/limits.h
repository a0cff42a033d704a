/* limits.h - every cap nianbao enforces, named once, with the reason beside it.
 * Readers check these; the CLI may raise a few through --max-* options (see nb_limits). */
#ifndef NB_LIMITS_H
#define NB_LIMITS_H

#include <stddef.h>

#define NB_MAX_INPUT_BYTES     ((size_t)256u << 20) /* one input file read into memory: no report is larger */
#define NB_MAX_ZIP_ENTRY       ((size_t)64u << 20)  /* inflated size of one DOCX part: zip-bomb guard */
#define NB_MAX_ZIP_TOTAL       ((size_t)256u << 20) /* inflated bytes read from one package: zip-bomb guard */
#define NB_MAX_ZIP_RATIO       200u                 /* inflated/compressed per entry: real XML stays far below */
#define NB_ZIP_RATIO_MIN_BYTES ((size_t)1u << 20)  /* ratio judged only past this: tiny parts compress oddly */
#define NB_MAX_ZIP_ENTRIES     10000u               /* entry count of one package: central-directory bomb guard */
#define NB_MAX_XML_DEPTH       256u                 /* element nesting in DOCX/HTML: stack-exhaustion guard */
#define NB_MAX_BLOCKS          500000u              /* blocks in one document: reports hold a few thousand; 500k x 56 B
                                                       = 28 MB per block array keeps 8M one-byte lines under 128 MB */
#define NB_MAX_TABLE_CELLS     200000u              /* cells in one table: runaway-grid guard */
#define NB_MAX_LIST_NUMBER     1000000              /* DOCX list counter and w:start: lists hold far fewer items; keeps count++ from INT_MAX */
#define NB_MAX_TABLE_DIM       4096                 /* rows or columns of one table, spans included */
#define NB_MAX_PDF_PAGES       5000                 /* pages of one PDF: hostile page-count guard */
#define NB_MAX_PAGE_GLYPHS     200000u              /* glyphs on one PDF page: "huge page" guard */
#define NB_MAX_PAGE_RULES      4096u                /* ruling lines kept from one page: a template page draws ~60 */
#define NB_MAX_PAGE_PATH_SEGMENTS 200000ul       /* path points one PDF page may draw for the rule finder (extract/pdf_paths.cc): a corpus page draws 250 on average, 2,900 at most; past this the page is given up (hostile drawings) */
#define NB_MAX_TRIM_PAIRS      4000000u             /* word x vertical-rule pairs a page's glyph-ink trim tests (layout/pdf_lattice.c
                                                       step 1a): a template page ~30,000; a hostile page of 500k spans is not trimmed */
#define NB_MAX_LATTICE_SPLITS  64                   /* rules drawn between rows sharing a ruled band, per table (a few rows share one in practice) */
#define NB_MAX_LATTICE_LINES   256                  /* row or column boundaries of one ruled table: the template has ~30 rows */
#define NB_RULE_PX_PER_PT      1.0                  /* page render resolution for the rule finder: a 0.5 pt rule greys one pixel; cost */
#define NB_MAX_RULE_SURFACE_PX 4000000.0            /* pixels of one rendered page (A4 at 1 px/pt is 0.5 M; 20 MB of image): larger pages render coarser */
#define NB_RULE_PAGE_MIN_CELLS 12                   /* short spans (cell-sized) a page needs before its rules are looked for (render cost) */
#define NB_RULE_PAGE_MIN_SET_APART 4                /* ... of which this many set apart from their left neighbour like cells (extract/tablelike.c):
                                                       a table begun at a page's foot (table 2's first rows at 16 pt in
                                                       narrow columns: 5; at 6 its rules were never looked for); prose none */
#define NB_MAX_SIDEBAR_SPANS   4000u                /* spans of a page searched for a browser print's navigation column (quadratic test; a printed portal page holds a few hundred) */
#define NB_RULE_CELL_CHARS     6                    /* a span of at most this many characters is cell-sized (numbers, header words) */
#define NB_MAX_TEXT_BYTES      ((size_t)16u << 20)  /* a plain-text report: real ones are < 1 MB; bounds time */
#define NB_MAX_LINE_BYTES      ((size_t)1u << 20)   /* one text line: a line longer than this is split */
#define NB_MAX_HTML_PIECES     400000u              /* block elements + text runs of one web page: report pages hold a few thousand */
#define NB_MAX_HTML_TEXT       ((size_t)8u << 20)   /* visible text of one web page: a report page holds well under 1 MB */
#define NB_MAX_HTML_NESTING    8192u                /* open elements libxml2 keeps for a page: its end-tag search is linear in them */
#define NB_MAX_HTML_TAGWORK    300000000u           /* end tags x open elements libxml2 may search (~0.5 s): stray-end-tag guard */
#define NB_MAX_CONVERT_BYTES   ((size_t)16u << 20)  /* Markdown of one document (convert): a report is well under 1 MB; merged cells repeated over a 4096 x 4096 grid are not */
#define NB_MAX_HTML_RUN        ((size_t)1u << 20)   /* bytes between two < or > fed whole to libxml2 (it buffers runs): longer are cut */
#define NB_MAX_CONVERT_SECS    30.0                 /* one LibreOffice conversion (.doc/.wps/.rtf/.odt): a real report takes 2-5 s; a hang is killed */
#define NB_CONVERT_TIMEOUT_SHARE 0.75               /* ... and at most this share of the worker's --timeout, so the conversion is ended first */
#define NB_MAX_CONVERT_OUTPUT  ((size_t)64u << 20)  /* the DOCX LibreOffice writes: read into memory like an input */
#define NB_OCR_DPI             300.0                /* page rendering for OCR: Tesseract reads CJK best at 300 dpi */
#define NB_MAX_OCR_PIXELS      ((size_t)40u << 20)  /* one rendered page (A3 at 300 dpi is 35 M): bigger pages are rendered at a lower dpi */
#define NB_MAX_OCR_WORDS       20000u               /* OCR words kept from one page: a dense A4 page holds ~3000 */
#define NB_MAX_OCR_CELLS       2000u                /* table cells read one by one on an OCR'd page: table 3 has ~270; more are read with the page */
#define NB_MAX_RUN_CHARS       256                  /* a glued digit run (one table row's cells run together): the widest row has 15 cells */
#define NB_MAX_RUN_CELL_CHARS  12                   /* one number inside a glued run: counts and amounts stay far below 10^12 */
#define NB_MAX_RUN_STEPS       2000000L             /* splits tried for one glued run (~10 ms): bounds the enumeration; over it the row is null */
#define NB_MAX_RUN_READINGS    16                   /* readings of one run kept for the cross-row identities: more is hopeless, the row is null */
#define NB_MAX_RUN_COMBOS      65536L               /* joint readings of the ambiguous rows of one identity group tried together */
#define NB_MAX_XML_ATTRS       1000u                /* attributes of one DOCX element (real ones < 50): libxml2 checks duplicates in O(n^2) */

/* Work out of proportion to the file (form XObjects drawn 10^8 times, 5000 pages sharing one content
 * stream, an inline image declaring 10^12 pixels): the readers cannot see it coming, so CPU time is
 * the budget. A reader cuts (warning) once it has spent nb_work_budget(len) seconds; the batch
 * worker's watchdog ends the file (error) at NB_WORK_HARD_FACTOR times that. Real reports need a
 * few hundredths of a second per file; a 315-page, 7.5 MB PDF 1.8 s (its budget: 3.9 s). */
#define NB_WORK_CPU_BASE       0.3                  /* CPU seconds any input may take */
#define NB_WORK_CPU_PER_MB     0.5                  /* ... plus this per MiB of input */
#define NB_WORK_HARD_FACTOR    2.0                  /* the watchdog's multiple of the budget */
#define NB_WORK_OCR_PAGE_SECS  15.0                 /* granted per page read by OCR: Tesseract takes ~2 s CPU a page at 300 dpi */
#if defined(__SANITIZE_ADDRESS__)
#define NB_DEFAULT_CPU_SCALE   5.0                  /* sanitized builds run several times slower */
#else
#define NB_DEFAULT_CPU_SCALE   1.0                  /* the budget as above */
#endif
#define NB_MAX_RENDER_PIXELS   50000000.0           /* one rendered PDF page (rules, OCR): A4 at 600 dpi is 35 million */

/* Run-time view of the caps a user may raise (nianbao --max-input, --max-zip-entry ...). */
typedef struct {
    size_t input_bytes;
    size_t zip_entry;
    size_t zip_total;
    unsigned pdf_pages;
    double cpu_scale; /* multiplies the work budget (--cpu-scale; 0 = no budget; sanitizers: 5) */
    double convert_secs; /* LibreOffice conversion timeout: min(NB_MAX_CONVERT_SECS, share of --timeout) */
    int ocr;             /* which PDF pages are OCR'd: an nb_ocr_mode of extract.h (0 = auto, --ocr) */
} nb_limits;

/* The caps in force for this process: defaults above, unless the CLI changed them. */
nb_limits *nb_limits_get(void);
/* Puts l (NULL: the process-wide caps) in force on the calling thread; returns the previous
 * scope so the caller can restore it. The library API scopes each call's options this way. */
nb_limits *nb_limits_scope(nb_limits *l);
/* Why a scoped copy and not a parameter (issue 13 asked for limits passed in): the caps are read at
 * the bottom of the flow, where a reader meets the bytes (detect.c: input size; docx.c: zip parts;
 * pdf.c, pdf_draw.c: pages; convert.c: LibreOffice's timeout) and in nb_work_budget/nb_work_grant,
 * which the PDF, OCR and rule-finding loops call page by page. Passing an nb_limits down would add
 * a parameter to nb_extract_path/mem, every reader's entry, the PDF module's (dlopen'ed) entry
 * points and the page loops, for five values none of the layers between uses. What the parameter
 * would give is kept this way: the API copies each call's options into a nb_limits on its own stack
 * and puts it in force on its own thread for that call only (nb_limits_scope, _Thread_local), so
 * separate records are made on separate threads with separate caps (tests/unit/test_api.c,
 * tests/python extract_many); the command sets the process-wide values once, before any worker
 * forks, and never changes them during a run. Nothing else in core/ holds per-call state; the OCR
 * mode (extract/ocr_mode.c) is process-wide for the same reason and is not yet an API option. */

/* CPU seconds of the calling thread (user + system): one input's work, whatever other threads do. */
double nb_cpu_seconds(void);
/* Seconds of CPU a reader may spend on an input of len bytes before it cuts; 0 = unlimited. */
double nb_work_budget(size_t len);
/* Whether rendering a page of w x h points at dpi is affordable (for ruling lines and OCR): under
 * NB_MAX_RENDER_PIXELS, and spent (CPU seconds used on this input so far) within budget (the
 * input's nb_work_budget; 0 = unlimited). The PDF reader keeps both in its emitter. */
int nb_render_affordable(double w, double h, double dpi, double spent, double budget);
/* Extends the input's CPU budget by secs x cpu_scale for work known to be slow and bounded on its
 * own (an OCR'd page): the armed watchdog timer (ITIMER_PROF, cli/watchdog.c), if any, is pushed back
 * by as much. Returns the seconds granted (0 when there is no budget), for the reader's soft budget. */
double nb_work_grant(double secs);

#endif
