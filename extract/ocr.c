/* ocr.c - reading a scanned PDF page (an image, no text layer) with Tesseract, into the same SPAN
 * blocks a text layer gives, so the PDF layout, the template and the checks apply unchanged.
 *
 * Algorithm, for page 3 of a 200-dpi scan turned by 0.6 degrees that holds table 3:
 *   1. render the page with poppler + cairo at 300 dpi (fewer when the page would pass
 *      NB_MAX_OCR_PIXELS) into a grey leptonica image;
 *   2. find and undo the skew (leptonica pixDeskewGeneral): rows of the table become level;
 *   3. binarise, and erase the ruling lines: a morphological opening with a long thin brick keeps
 *      only the long horizontal / vertical strokes (the rules), which are then subtracted; the
 *      digits no longer touch cell borders ("|0 |0_ 0 |" becomes "0 0 0"); specks are dropped;
 *      the rule mask (gaps closed, vertical rules as short as one row kept) gives the CELLS: the
 *      holes of the mask, closed over OCR_RULE_MEET_PT (a rule stopping short of the one it meets),
 *      that touch no page edge (a merged cell is one hole);
 *   4. Tesseract (chi_sim, one block) reads the whole page: words with their boxes; a speck read
 *      as a mark ("，" 1 pt wide) is dropped; a word whose centre lies in a cell (or, centre on a
 *      rule, that overlaps a cell most) is held back, and the cell is read alone afterwards:
 *      digits only (below) over the ink of its words when all are numbers on one line ("0." too),
 *      else chi_sim inside the cell (a wrapped label's lines stay its own, in order); what a cell's
 *      reading gives stays inside the cell's box (a speck must not carry it over a rule);
 *   4d. page 1's first OCR_WITNESS_LINES text lines are read again by a second model (script/HanS,
 *      when installed) on the grey page: the title's second reading, for the agency's guard;
 *   5. each word that is not Han text (a number, or digits misread as "lo", "I43", ":>") is read
 *      again alone with a digit-only engine in single-line mode (SetRectangle, whitelist 0-9 and
 *      ".", PSM 7; PSM 8 when that reads nothing: a lone "0"), each number it finds becoming its
 *      own span; a reading below NB_OCR_SURE_CONF, unless both engines read the same digits, is
 *      doubtful: it is emitted as "?7", which no
 *      template row takes as a number, so that value stays null (tables/ocr_guard.c then fills it
 *      only where two identities, or one and that reading, agree on it); dots at a number's ends
 *      ("3.") are specks; digits the padded re-read took from the Han character beside the word
 *      ("2023年" -> "20234") are dropped, and the number keeps the word's height; a cell's number
 *      both engines read alike, both sure, is NB_BF_WITNESSED (table 2's second witness);
 *   5a. a lone digit opening a row label with Han text close after it ("4" for "4.保护…", its point
 *      lost) is held and joins the label as "4.", never a table number; a cell holding several
 *      numbers on one line (a row between two rules, none between its columns) is read word by
 *      word as above; a number both engines read alike and sure outside cells is NB_BF_WITNESSED
 *      too (a table without rules: table 2's second witness);
 *   5b. digits chi_sim skipped: digit-shaped ink no word covers, read by the digit engine: in a
 *      cell with no number yet, all such ink of the cell together (doubtful -> "?7"); elsewhere
 *      kept only when sure;
 *   5c. second readings (in step 4's cell pass): a number word goes to the cell its digit-sized ink
 *      lies in (chi_sim's box may take in a speck across the rule); a cell chi_sim read Han in whose
 *      ink is digits only (every blob bigger than a mark digit-sized, narrower than tall) is read by
 *      the digit engine, line by line, doubtful ("工" -> "?1"); a number cell read as nothing or
 *      doubtful is read again over its digits' ink on the GREY page upscaled OCR_GREY_ZOOM times
 *      ("13" whose 1 touches the 3 is "3" on the binary image, "13" here), doubtful unless chi_sim
 *      read the same digits and the engine is sure; a cell with ink no page-level word fell in (a
 *      label chi_sim skipped) is read alone by chi_sim;
 *   5d. a cell whose only ink is one or two thin bars (OCR_DASH_*) printed a dash in place of a
 *      number: it is emitted as "—", which the template keeps in its column as a mark (null, and
 *      never filled from the identities), where a cell read as nothing is a number lost;
 *   5e. a run of Han words (words a span would join, a doubtful "?2" between them) chi_sim read
 *      with a mean confidence under OCR_REREAD_CONF is read again on the GREY page, alone, one
 *      line at a time (a wrapped label Tesseract took as one line is cut at the gaps of its ink;
 *      a line whose words were emitted before is left out), by chi_sim in single-line mode: the
 *      binary page read "2.其他法律行政法规禁止公开" as "2.其亿流行丰二油村?2全", the grey crop reads it
 *      right; the reading replaces the run when Tesseract is surer of it by OCR_REREAD_GAIN, holds
 *      Han text and no digit after it (a sentence's numbers keep their own reading; ASCII a
 *      neighbour's ink adds at its end is dropped); at most OCR_REREAD_MAX runs a page;
 *   6. words are emitted as SPAN blocks in PDF points (pixels * 72 / dpi): the Han words of a line
 *      share the line's median ink height and bottom; a number keeps its own size but its place in
 *      the line's order and, centred in the Han words' band, that band ("现发布X局2023年…" stays
 *      one line; emitted ahead of its line, "2023" became a line of its own and the agency and
 *      year were lost); the font size comes from the ink height, never from Tesseract's line box;
 *   7. the rule mask goes to the lattice finder of extract/rules.c (NB_BLOCK_RULE blocks, as for a
 *      PDF page's drawn rules), so the PDF layout builds the table from cells, not loose words.
 * Tesseract and leptonica are opened with dlopen at the first scanned page, so nianbao starts
 * without them and a machine without them gets one clear error naming the packages. */
#include "ocr.h"

#include <allheaders.h>
#include <cairo.h>
#include <ctype.h>
#include <dlfcn.h>
#include <pthread.h>
#include <math.h>
#include <stdint.h>
#include <poppler.h>
#include <stdlib.h>
#include <string.h>
#include <tesseract/capi.h>

#define NB_OCR_SURE_CONF 75.0f   /* Tesseract confidence (0-100) a number needs to be kept as read */
#define OCR_INK_THRESHOLD 160    /* grey level below which a pixel is ink (paper ~250, ink ~30) */
#define OCR_RULE_MIN_PT 30.0     /* a stroke this long (points) is a ruling line, not a glyph */
#define OCR_SPECK_PT 1.2         /* ink blobs smaller than this both ways are specks (a 、 is ~2 pt) */
#define OCR_DIGIT_MIN_PT 5.0     /* a digit of 9-16 pt table text is 6-12 pt tall ... */
#define OCR_DIGIT_MAX_PT 13.0
#define OCR_CELL_DIGIT_MAX_PT 20.0 /* in a cell (a row ~22 pt) a digit may be taller: table text of 16-22 pt */
#define OCR_DIGIT_ASPECT 0.85    /* ... and narrower than tall (a Han character is square) */
#define OCR_DIGIT_GAP 0.5        /* digits of one number lie closer than this (in heights) */
#define OCR_DIGIT_EM 0.72        /* a digit's ink is this share of the font size ... */
#define OCR_HAN_EM 0.9           /* ... a Han word's ink this share */
#define OCR_LINE_WORDS 256       /* Han words held per text line (a line holds ~40) */
#define OCR_DIGIT_SLACK 0.3      /* a line bottom this far (ems) under a number is its baseline (Han ink dips ~0.2 em lower) */
#define OCR_DIGIT_WIDTH 1.2      /* a digit's box is at most this many ink heights wide ... */
#define OCR_DIGIT_WIDE_MAX 2.0   /* ... up to this many it is a doubtful reading (a speck beside it) */
#define OCR_PAD_PX 16            /* margin around a number re-read alone */
#define OCR_NEIGHBOUR_DIGIT 0.4  /* a re-read running this far (in digit widths) past the word took in its neighbour */
#define OCR_RULE_GAP_PT 4.0      /* gaps this short in a ruling line (JPEG, a light speck) are closed */
#define OCR_CELL_RULE_PT 14.0    /* a vertical stroke this long bounds a cell (a row is ~20 pt tall, a digit 8) */
#define OCR_RULE_MEET_PT 2.0     /* a rule ending this close to a perpendicular one meets it (a corner) */
#define OCR_CELL_MIN_PT 6.0      /* a region the rules enclose is a cell when at least this big both ways ... */
#define OCR_CELL_MAX_SHARE 0.25  /* ... and under this share of the page (a frame around the page is not) */
#define OCR_CELL_INSET_PX 2      /* a cell is read inside its rules, this far in */
#define OCR_JOIN_EM 0.25         /* words closer than this (in line heights) join into one span */
#define OCR_ADVANCE_JOIN_EM 0.3  /* ... or whose advance boxes (below) are closer than this: a text layer's */
                                 /* own run gap (SPAN_GAP_EM; 0.5 joined the tight header cells of table 4) */
#define OCR_LATIN_ADVANCE 0.5    /* a Latin glyph advances this share of the em, a Han one the whole em */
#define OCR_SHORT_ASCII 3        /* ASCII words this short are digits misread ("lo", ":>") */
#define OCR_NUM_WIDTH 5.0        /* a number is at most this many heights wide ("2024" in a title: 3.8) */
#define OCR_TALL_MARK 0.6        /* a misread digit's ink is this share of the height of the word before it */
#define OCR_MARK_APART_EM 1.0    /* a misread digit stands this far (that word's heights) from the word before it */
#define OCR_MARK_PT 2.0         /* a punctuation mark smaller than this both ways is a speck (a "，" of 9 pt text is ~2.5 pt) */
#define OCR_GREY_ZOOM 2          /* a cell's second reading: the grey crop this many times larger */
#define OCR_CELL_LINES 3        /* a cell of digit-shaped ink holds at most this many lines of numbers (rows whose rule was lost) */
#define OCR_PROSE_GAP_EM 0.5     /* a number ending its line this close (ems) after a Han word ... */
#define OCR_PROSE_NUMBERS 3      /* ... in a line of at most this many numbers is part of a sentence */
#define OCR_DASH_THICK_PT 2.0    /* a dash printed in place of a number ("-", "—", "——") is a bar this thin at most ... */
#define OCR_DASH_ASPECT 2.5      /* ... this many times wider than thick (the rules are erased before: >= OCR_RULE_MIN_PT) */
#define OCR_DASH_BARS 2          /* "——" may be one bar or two */
#define OCR_SENTENCE_WORDS 4     /* join_sentence: words of a sentence's line, at least ... */
#define OCR_SENTENCE_GAP_EM 1.5  /* ... and no gap between them wider than this (ems) */
#define OCR_MAX_NUM_CHARS 12     /* longer non-Han words are prose (URLs, codes), not cell numbers */
#define OCR_ENUM_LEFT_EM 0.7     /* a row label's "4." stands this far (digit heights) right of the word before it, */
#define OCR_ENUM_GAP_EM 0.9      /* or opens the line, and at most this far left of the Han text it numbers */
#define OCR_WITNESS_LINES 4     /* first text lines of page 1 the second model reads: a title (wrapped) and a header */
#define OCR_REREAD_CONF 80.0f   /* a run of Han words chi_sim is less sure of than this (mean, 0-100) is read again ... */
#define OCR_REREAD_GAIN 10.0f   /* ... and the grey reading replaces it when this much surer ... */
#define OCR_REREAD_MIN_CONF 60  /* ... and at least this sure (garbled second readings: 10-54; right ones: 69-96) */
#define OCR_REREAD_PAD_EM 0.3   /* paper around a run read again, in its heights */
#define OCR_REREAD_MAX 64       /* runs read again per page: the cost stays bounded */
#define OCR_REREAD_SEEN_SHARE 0.5 /* a word emitted before lies in a line of a run's box by this share of its area: that line is not read again */
#define OCR_REREAD_LINES 4       /* a run read again is cut into at most this many lines (a wrapped label) */
#define OCR_REREAD_BYTES 512    /* a run's second reading, at most (a line holds ~40 Han characters) */
#define OCR_CELL_WORDS 16        /* number words of one cell read one by one (table 4's row: 15); more: the cell as one line */

static const char ocr_missing[] =
    "OCR needs Tesseract: apt-get install tesseract-ocr tesseract-ocr-chi-sim";

/* ---- the libraries, opened at first use ------------------------------------------------ */
#define TESS_FUNCS(X)                                                                          \
    X(TessBaseAPICreate) X(TessBaseAPIInit3) X(TessBaseAPISetVariable)                         \
    X(TessBaseAPISetPageSegMode) X(TessBaseAPISetImage2) X(TessBaseAPISetSourceResolution)     \
    X(TessBaseAPISetRectangle) X(TessBaseAPIRecognize) X(TessBaseAPIGetIterator)               \
    X(TessBaseAPIClear) X(TessResultIteratorGetPageIterator) X(TessPageIteratorBoundingBox)    \
    X(TessResultIteratorGetUTF8Text) X(TessResultIteratorConfidence) X(TessResultIteratorNext) \
    X(TessResultIteratorDelete) X(TessDeleteText)       \
    X(TessPageIteratorIsAtBeginningOf) X(TessBaseAPIGetUTF8Text) X(TessBaseAPIMeanTextConf)
#define LEPT_FUNCS(X)                                                                          \
    X(pixCreate) X(pixDestroy) X(pixGetData) X(pixGetWpl) X(pixDeskewGeneral)                  \
    X(pixThresholdToBinary) X(pixOpenBrick) X(pixDilateBrick) X(pixOr) X(pixSubtract)          \
    X(pixGetWidth) X(pixGetHeight) X(pixSelectBySize) X(pixConnCompBB) X(boxaGetCount) X(boxaGetBoxGeometry) X(boxaDestroy) \
    X(pixCloseBrick) X(pixInvert) X(pixClipRectangle) X(pixScale) X(boxCreate) X(boxDestroy)

#define DECLARE(f) __typeof__(&f) f;
static struct {
    TESS_FUNCS(DECLARE)
    LEPT_FUNCS(DECLARE)
    int tried, ok;
    char why[160];
    TessBaseAPI *text, *digits;
    TessBaseAPI *grey_digits; /* the digit engine over the grey page: a cell's second reading */
    TessBaseAPI *witness;     /* script/HanS, when installed: the title's second reading (read_witness) */
    TessBaseAPI *grey_text;   /* chi_sim over one line of the grey page: a doubtful label's second reading */
} L;
#undef DECLARE


static void *open_any(const char *const *names)
{
    for (; *names; names++) {
        void *h = dlopen(*names, RTLD_NOW | RTLD_LOCAL);
        if (h)
            return h;
    }
    return NULL;
}

static int resolve(void)
{
    static const char *const tess[] = {"libtesseract.so.5", "libtesseract.so.4", "libtesseract.so", NULL};
    static const char *const lept[] = {"liblept.so.5", "libleptonica.so.6", "liblept.so", NULL};
    void *ht = open_any(tess), *hl = open_any(lept);
    if (!ht || !hl)
        return 0;
#define RESOLVE(f) if (!(*(void **)&L.f = dlsym(#f[0] == 'T' ? ht : hl, #f))) return 0;
    TESS_FUNCS(RESOLVE)
    LEPT_FUNCS(RESOLVE)
#undef RESOLVE
    return 1;
}

/* An engine for lang; NULL when its traineddata is missing. */
static TessBaseAPI *engine(const char *lang, TessPageSegMode psm)
{
    TessBaseAPI *api = L.TessBaseAPICreate();
    if (!api || L.TessBaseAPIInit3(api, NULL, lang) != 0)
        return NULL;
    L.TessBaseAPISetVariable(api, "debug_file", "/dev/null"); /* stderr stays one line per file */
    L.TessBaseAPISetVariable(api, "tessedit_do_invert", "0"); /* no white-on-black pass: 1/3 faster */
    L.TessBaseAPISetPageSegMode(api, psm);
    return api;
}

static int load(void)
{
    if (L.tried)
        return L.ok;
    L.tried = 1;
    setenv("OMP_THREAD_LIMIT", "1", 0); /* one worker, one core: -j decides the parallelism */
    if (!resolve())
        return 0;
    L.text = engine("chi_sim", PSM_SINGLE_BLOCK); /* one column: table rows stay rows */
    L.digits = engine("eng", PSM_SINGLE_LINE);
    L.grey_digits = engine("eng", PSM_SINGLE_LINE);
    L.grey_text = engine("chi_sim", PSM_SINGLE_LINE);
    if (!L.text || !L.digits || !L.grey_digits || !L.grey_text)
        return 0;
    L.witness = engine("HanS", PSM_SINGLE_LINE); /* optional (tesseract-ocr-script-hans) */
    L.TessBaseAPISetVariable(L.digits, "tessedit_char_whitelist", "0123456789."); /* fees: 12.5 */
    L.TessBaseAPISetVariable(L.grey_digits, "tessedit_char_whitelist", "0123456789.");
    return L.ok = 1;
}

/* ---- 1-3: page image ------------------------------------------------------------------- */
static PIX *render_grey(PopplerPage *page, double *dpi)
{
    double wpt, hpt;
    poppler_page_get_size(page, &wpt, &hpt);
    *dpi = NB_OCR_DPI;
    double px = wpt * hpt * (*dpi / 72) * (*dpi / 72);
    if (px > (double)NB_MAX_OCR_PIXELS)
        *dpi *= sqrt((double)NB_MAX_OCR_PIXELS / px);
    int w = (int)(wpt * *dpi / 72), h = (int)(hpt * *dpi / 72);
    if (w < 16 || h < 16)
        return NULL;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, *dpi / 72, *dpi / 72);
    poppler_page_render(page, cr);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    PIX *pix = cairo_surface_status(s) == CAIRO_STATUS_SUCCESS ? L.pixCreate(w, h, 8) : NULL;
    const unsigned char *src = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    for (int y = 0; pix && y < h; y++) {
        const uint32_t *row = (const uint32_t *)(src + (size_t)y * (size_t)stride);
        l_uint32 *dst = L.pixGetData(pix) + (size_t)y * (size_t)L.pixGetWpl(pix);
        for (int x = 0; x < w; x++) {
            uint32_t p = row[x];
            unsigned g = (((p >> 16) & 255) * 30 + ((p >> 8) & 255) * 59 + (p & 255) * 11) / 100;
            SET_DATA_BYTE(dst, x, g);
        }
    }
    cairo_surface_destroy(s);
    return pix;
}

/* Binary image with the long strokes (ruling lines) erased; *rules (when not NULL) gets the rules
 * alone, their gaps (JPEG, specks) closed, for the cells they enclose. */
static PIX *ink_without_rules(PIX *grey, double dpi, PIX **rules)
{
    PIX *bin = L.pixThresholdToBinary(grey, OCR_INK_THRESHOLD);
    if (!bin)
        return NULL;
    int len = (int)(OCR_RULE_MIN_PT * dpi / 72), gap = (int)(OCR_RULE_GAP_PT * dpi / 72);
    PIX *h = L.pixOpenBrick(NULL, bin, len, 1), *v = L.pixOpenBrick(NULL, bin, 1, len);
    if (h && v) {
        if (rules) {
            /* a vertical rule as short as one row: cells are bounded by it */
            PIX *vs = L.pixOpenBrick(NULL, bin, 1, (int)(OCR_CELL_RULE_PT * dpi / 72));
            PIX *hc = L.pixCloseBrick(NULL, h, gap, 1), *vc = vs ? L.pixCloseBrick(NULL, vs, 1, gap) : NULL;
            L.pixDestroy(&vs);
            if (hc && vc)
                *rules = L.pixOr(NULL, hc, vc);
            L.pixDestroy(&hc);
            L.pixDestroy(&vc);
        }
        L.pixOr(h, h, v);
        PIX *fat = L.pixDilateBrick(NULL, h, 3, 3); /* the rules' ragged edges too */
        if (fat)
            L.pixSubtract(bin, bin, fat);
        L.pixDestroy(&fat);
    }
    L.pixDestroy(&h);
    L.pixDestroy(&v);
    /* specks: components smaller than OCR_SPECK_PT both ways are dust, not ink */
    int sp = (int)(OCR_SPECK_PT * dpi / 72 + 0.5);
    PIX *clean = L.pixSelectBySize(bin, sp, sp, 8, L_SELECT_IF_EITHER, L_SELECT_IF_GTE, NULL);
    if (clean) {
        L.pixDestroy(&bin);
        bin = clean;
    }
    return bin;
}

/* The lattice of the page (extract/rules.c) from the rule mask (1 bit per pixel: the long strokes
 * ink_without_rules kept, gaps closed): NB_BLOCK_RULE blocks. Glyph strokes never reach the
 * finder, so a heavy stroke of a Han label cannot cut a cell in two. */
static void find_rules(nb_doc *doc, int pageno, PIX *rules, double dpi)
{
    int w = (int)L.pixGetWidth(rules), h = (int)L.pixGetHeight(rules);
    unsigned char *px = malloc((size_t)w * (size_t)h);
    if (!px)
        return;
    for (int y = 0; y < h; y++) {
        const l_uint32 *row = L.pixGetData(rules) + (size_t)y * (size_t)L.pixGetWpl(rules);
        for (int x = 0; x < w; x++)
            px[(size_t)y * (size_t)w + (size_t)x] = GET_DATA_BIT(row, x) ? 0 : 255;
    }
    nb_rules_from_grey(doc, pageno, px, w, h, w, dpi / 72);
    free(px);
}

/* ---- 3b: cells ---------------------------------------------------------------------------- */
/* A region the ruling lines enclose, and what the page-wide reading found in it. */
typedef struct {
    int box[4];  /* inside the rules, pixels */
    int words;   /* page-level words whose centre is in it */
    int han;     /* one of them is not a number: the cell is read as text, else as digits */
    char *first; /* the page-level reading of its one number, for the two engines to agree on */
    int first_sure; /* chi_sim was sure of it (NB_OCR_SURE_CONF) */
    int ink[4];  /* the union of those words' boxes */
    size_t got;  /* spans its own reading gave */
    int rink[4]; /* the union of the digit blobs no word covered */
    int nrink;
    int wbox[OCR_CELL_WORDS][4];  /* its number words, when several on one line (a row between two */
    char wtext[OCR_CELL_WORDS][16]; /* rules, no rule between its columns): each is read alone */
    unsigned char wsure[OCR_CELL_WORDS]; /* chi_sim was sure of that word */
    char *lone;  /* first, when the digit engine read nothing in the cell: see lone_as_doubt */
} cell;

/* The cells of the page: the regions of the background that the rules enclose (4-connected holes
 * of the rule mask that touch no page edge), merged cells as one region. */
static cell *find_cells(PIX *rules, double dpi, size_t *n)
{
    *n = 0;
    /* a column rule stopping 2 px short of the row rule above it (a table continued at the top of a
     * page, the rule faint there) leaves a slit through which two cells are one hole: the mask is
     * closed over OCR_RULE_MEET_PT first (a cell is wider than that: OCR_CELL_MIN_PT) */
    int meet = (int)(OCR_RULE_MEET_PT * dpi / 72) | 1;
    PIX *shut = L.pixCloseBrick(NULL, rules, meet, meet);
    PIX *holes = L.pixInvert(NULL, shut ? shut : rules);
    L.pixDestroy(&shut);
    BOXA *ba = holes ? L.pixConnCompBB(holes, 4) : NULL;
    int nb = ba ? L.boxaGetCount(ba) : 0, W = (int)L.pixGetWidth(rules), H = (int)L.pixGetHeight(rules);
    size_t cap = nb > 0 ? ((size_t)nb < NB_MAX_OCR_CELLS ? (size_t)nb : NB_MAX_OCR_CELLS) : 0;
    cell *c = cap ? calloc(cap, sizeof *c) : NULL;
    int min = (int)(OCR_CELL_MIN_PT * dpi / 72);
    for (int i = 0; c && i < nb && *n < NB_MAX_OCR_CELLS; i++) {
        int x, y, w, h;
        L.boxaGetBoxGeometry(ba, i, &x, &y, &w, &h);
        if (x <= 0 || y <= 0 || x + w >= W || y + h >= H || w < min || h < min ||
            (double)w * h > OCR_CELL_MAX_SHARE * W * H)
            continue;
        int in = OCR_CELL_INSET_PX;
        cell *d = &c[(*n)++]; /* calloc'd: the rest is zero */
        d->box[0] = x + in, d->box[1] = y + in, d->box[2] = x + w - in, d->box[3] = y + h - in;
    }
    if (ba)
        L.boxaDestroy(&ba);
    L.pixDestroy(&holes);
    return c;
}

/* The cell holding the centre of box b; when the centre lies on a rule (a word chi_sim ran over
 * it: "结果 结果" of two header cells), the cell b overlaps most; NULL when b is in none. */
static cell *cell_at(cell *c, size_t n, const int b[4])
{
    int x = (b[0] + b[2]) / 2, y = (b[1] + b[3]) / 2;
    long best = 0;
    cell *most = NULL;
    for (size_t i = 0; i < n; i++) {
        const int *q = c[i].box;
        if (x >= q[0] && x < q[2] && y >= q[1] && y < q[3])
            return &c[i];
        long w = (long)(b[2] < q[2] ? b[2] : q[2]) - (b[0] > q[0] ? b[0] : q[0]);
        long h = (long)(b[3] < q[3] ? b[3] : q[3]) - (b[1] > q[1] ? b[1] : q[1]);
        if (w > 0 && h > 0 && w * h > best)
            best = w * h, most = &c[i];
    }
    return most;
}

/* ---- 4-6: words -> spans ----------------------------------------------------------------- */
typedef struct line_words line_words;

typedef struct {
    nb_doc *doc;
    int page, first;
    double scale; /* points per pixel */
    nb_buf text;
    int x0, y0, x1, y1, open, numeric;
    float fs;       /* font size of the open span, points */
    size_t words;
    int (*seen)[4]; /* pixel boxes of every word read, for the pass over ink no word covered */
    size_t nseen, seencap;
    int rescue;     /* in that pass: doubtful readings are dropped, not emitted as "?" */
    cell *cells;    /* the table cells the rules enclose, read one by one */
    size_t ncells;
    int first_sure;  /* the digit cell being read: chi_sim was sure of its reading too */
    int witnessed;   /* the number being added is NB_BF_WITNESSED ... */
    int span_witnessed; /* ... and the open span is */
    const int *clip; /* the box of the cell being read: its words are kept inside it (a speck */
                     /* stuck to a digit must not make a span that crosses the cell's rule) */
    BOXA *blobs;     /* the page's ink components (rules erased), for digit-shaped cells */
    double dpi;
    int doubt;       /* the number being read is doubtful whatever Tesseract's confidence */
    TessBaseAPI *eng; /* the digit engine of reread_numbers (L.digits unless set) */
    PIX *grey;        /* the levelled grey page: L.grey_digits reads a crop of it, upscaled */
    int hold;        /* a cell's first reading: a doubtful number is held (below), not emitted */
    char held[64];   /* that number ("?8"), its box and ink height; held_n: how many were held */
    int held_box[4], held_ink, held_n;
    int first_own;   /* first_sure by chi_sim's own confidence (not the grey reading standing in) */
    line_words *line; /* read_words: the text line being read, which holds its numbers in place */
    int adv_x1;       /* the right end of the open span's last word's advance box (advance_box) */
    int title[OCR_WITNESS_LINES][4]; /* page 1: its first text lines' boxes, for read_witness */
    int ntitle;
    int rereads;      /* runs of Han text read again on the grey page (reread_runs) */
} sink;

static void line_add(sink *k, line_words *lw, const char *t, const int b[4], int ink, float conf);

static void remember(sink *k, const int b[4])
{
    if (k->nseen == k->seencap) {
        size_t cap = k->seencap ? 2 * k->seencap : 256;
        int (*v)[4] = realloc(k->seen, cap * sizeof *v);
        if (!v)
            return;
        k->seen = v, k->seencap = cap;
    }
    memcpy(k->seen[k->nseen++], b, sizeof k->seen[0]);
}

static void flush(sink *k)
{
    if (k->open && k->text.len) {
        nb_block *b = nb_doc_add_text(k->doc, NB_BLOCK_SPAN, k->text.ptr, k->text.len);
        if (b) {
            double h = (k->y1 - k->y0) * k->scale;
            b->box = (nb_box){k->page, (float)(k->x0 * k->scale), (float)(k->y0 * k->scale),
                              (float)(k->x1 * k->scale), (float)(k->y1 * k->scale)};
            b->font_size = k->fs > 0 ? k->fs : (float)h;
            if (k->span_witnessed)
                b->flags |= NB_BF_WITNESSED;
            if (k->first && k->page > 1)
                b->flags |= NB_BF_PAGEBREAK;
            k->first = 0;
        }
    }
    nb_buf_clear(&k->text);
    k->open = 0;
}

/* The x extent word s (ink box b, b's height the em) takes in the line as a text layer would give
 * it: its glyphs' advances (an em per Han glyph, OCR_LATIN_ADVANCE of one per other glyph) centred
 * on its ink, never narrower than the ink. Ink alone makes a gap of "一" or a lost quote look wide:
 * "危及" | "三安全一稳定" 0.7 em apart in ink, 0.1 em in advances after the quote was dropped. */
static void advance_box(const char *s, const int b[4], int out[2])
{
    double em = b[3] - b[1], w = 0;
    for (size_t i = 0, n = strlen(s); i < n;) {
        int adv = 1;
        unsigned cp = nb_utf8_decode(s + i, n - i, &adv);
        w += (nb_is_han(cp) || nb_is_cjk_punct(cp) ? 1.0 : OCR_LATIN_ADVANCE) * em;
        i += adv > 0 ? (size_t)adv : 1;
    }
    int ink = b[2] - b[0], half = (int)((w > ink ? w : ink) / 2), mid = (b[0] + b[2]) / 2;
    out[0] = mid - half, out[1] = mid + half;
}

/* box: the word's box with the line's top and bottom; ink: the height of its own ink (pixels). */
static void add_word(sink *k, const char *s, const int box[4], int numeric, int ink)
{
    if (numeric && k->line) { /* a number of a text line: in its place among the line's words */
        line_add(k, k->line, s, box, ink > 0 ? ink : 1, 100);
        return;
    }
    int cb[4];
    memcpy(cb, box, sizeof cb);
    for (int i = 0; k->clip && i < 2; i++) { /* a cell's reading stays inside its rules */
        cb[i] = cb[i] < k->clip[i] ? k->clip[i] : cb[i];
        cb[i + 2] = cb[i + 2] > k->clip[i + 2] ? k->clip[i + 2] : cb[i + 2];
    }
    box = cb;
    remember(k, box);
    /* font size from the ink, not from the line box (a tall row would make every gap look small) */
    float fs = (float)(ink * k->scale / (numeric ? OCR_DIGIT_EM : OCR_HAN_EM));
    int h = box[3] - box[1];
    int adv[2];
    advance_box(s, box, adv);
    int joins = k->open && !numeric && !k->numeric && abs(box[3] - k->y1) < h / 2 && box[0] >= k->x0 &&
                (box[0] - k->x1 < OCR_JOIN_EM * h || adv[0] - k->adv_x1 < OCR_ADVANCE_JOIN_EM * h);
    if (!joins)
        flush(k);
    k->adv_x1 = adv[1];
    if (!k->open) {
        k->open = 1;
        k->numeric = numeric;
        k->span_witnessed = numeric && k->witnessed;
        k->fs = fs;
        k->x0 = box[0], k->y0 = box[1], k->x1 = box[2], k->y1 = box[3];
    } else {
        k->fs = fs > k->fs ? fs : k->fs;
        k->x1 = box[2] > k->x1 ? box[2] : k->x1;
        k->y0 = box[1] < k->y0 ? box[1] : k->y0;
        k->y1 = box[3] > k->y1 ? box[3] : k->y1;
    }
    nb_buf_puts(&k->text, s);
    k->words++;
}

/* A word that should be a number: no Han character, short, and a digit-like glyph in it or all
 * ASCII (":>" is how chi_sim reads a lone "3"). */
static int numeric_like(const char *s)
{
    size_t n = strlen(s), chars = 0;
    if (n >= 2 && n <= 3 && s[n - 1] == '.' && s[0] >= '0' && s[0] <= '9')
        return 0; /* "4." numbers a row label, as the text layer has it */
    int digitish = 0, ascii = 1;
    for (size_t i = 0; i < n;) {
        int adv = 1;
        unsigned cp = nb_utf8_decode(s + i, n - i, &adv);
        if (nb_is_han(cp))
            return 0;
        digitish |= (cp >= '0' && cp <= '9') || (cp < 128 && strchr("oOlIiSsBZzg", (int)cp));
        ascii &= cp < 128;
        i += (size_t)adv;
        chars++;
    }
    return chars <= OCR_MAX_NUM_CHARS && (digitish || (ascii && chars <= OCR_SHORT_ASCII));
}

/* Quote marks a speck left at the edge of a word: a closing quote opening it, an opening quote
 * ending it, or an opening quote never closed ("”绍兴市" -> "绍兴市", "“机构" -> "机构"). */
static const char *strip_quotes(char *s)
{
    static const char *const q[] = {"\u201C", "\u201D", "\"", "'", "`"};
    for (int again = 1; again;) {
        again = 0;
        for (int i = 0; i < 5; i++) {
            size_t n = strlen(q[i]), len = strlen(s);
            if (len <= n) /* s + n would be past the end */
                continue;
            int closes = strstr(s + n, "\u201D") || strchr(s + n, '"');
            if (!strncmp(s, q[i], n) && (i != 0 || !closes)) {
                memmove(s, s + n, len - n + 1);
                again = 1;
            } else if ((i == 0 || i > 2) && !strcmp(s + len - n, q[i])) {
                s[len - n] = 0;
                again = 1;
            }
        }
    }
    return s;
}

static int digit_blob(const int b[4], double dpi);

/* Blob i of the page's ink (rules erased) into g, pixels: 1 when it lies inside box b and is as
 * tall as a digit (OCR_DIGIT_MIN_PT). */
static int tall_blob(const sink *k, int i, const int b[4], int g[4])
{
    int w, h;
    L.boxaGetBoxGeometry(k->blobs, i, &g[0], &g[1], &w, &h);
    g[2] = g[0] + w, g[3] = g[1] + h;
    return g[0] >= b[0] && g[1] >= b[1] && g[2] <= b[2] && g[3] <= b[3] && h * k->scale >= OCR_DIGIT_MIN_PT;
}

/* Ink as tall as a digit inside box b: how many blobs (tall_blob), how many of them digit-shaped
 * (digit_blob: narrower than tall), and the tallest one's height (pixels). */
static int tall_ink(const sink *k, const int b[4], int *digits, int *top)
{
    int n = k->blobs ? L.boxaGetCount(k->blobs) : 0, tall = 0;
    *digits = 0, *top = 0;
    for (int i = 0; i < n; i++) {
        int g[4];
        if (!tall_blob(k, i, b, g))
            continue;
        tall++;
        *digits += digit_blob(g, k->dpi);
        *top = g[3] - g[1] > *top ? g[3] - g[1] : *top;
    }
    return tall;
}

/* A word chi_sim misread from a digit, read again as a number: it stands apart from the word
 * before it on its line (prev_x1; OCR_MARK_APART_EM of that word's height ref_h: a prose "，"
 * follows its word closely, a 16-pt one boxed as tall as a digit), its ink is at least OCR_TALL_MARK as tall as
 * that word's (ref_h; else the line's: a 16-pt prose "，" is as tall as a 9-pt digit), and it is
 *   - small marks only ("，", "。", "、", "."), no letter, digit or Han character, over ink as tall
 *     as a digit (chi_sim's box of a mark is the glyph's whole cell, so its height says nothing):
 *     a table's "2" read "，", its "0" read "。"; or
 *   - one Han character right after a number (prev_num) whose ink is one digit-shaped blob: the
 *     "1" of table 4's row read "工" between "2" and "3".
 * Apart: a heading's "、" touches "行", whose radical is ink as tall as a digit inside its box. */
static int misread_digit(const sink *k, const char *s, const int b[4], int prev_x1, int prev_num, int ref_h)
{
    static const char *const marks[] = {"\uFF0C", "\u3002", "\u3001", "\uFF0E", "\u00B7", ",", ".", "'", "`"};
    int digits, top, tall = tall_ink(k, b, &digits, &top), n = 0, adv = 1;
    if (!tall || top < OCR_TALL_MARK * ref_h ||
        (prev_x1 >= 0 && b[0] - prev_x1 < OCR_MARK_APART_EM * ref_h))
        return 0;
    size_t len = strlen(s);
    if (nb_is_han(nb_utf8_decode(s, len, &adv)))
        return prev_num && (size_t)adv == len && tall == 1 && digits == 1;
    for (size_t i = 0; i < len; n++) {
        size_t m = 0;
        for (size_t j = 0; !m && j < sizeof marks / sizeof *marks; j++)
            m = strncmp(s + i, marks[j], strlen(marks[j])) ? 0 : strlen(marks[j]);
        if (!m)
            return 0;
        i += m;
    }
    return n > 0 && n <= OCR_SHORT_ASCII;
}

/* A lone ASCII mark (".", "'", "-"): a speck or a stroke, not text. */
static int speck(const char *s)
{
    return s[0] && !s[1] && strchr(".,'`-_~:;", s[0]);
}

/* A mark no bigger than a speck (OCR_MARK_PT both ways) with no letter, digit or Han character in
 * it: chi_sim reads a speck of dust as "，" or "“"; beside a table it would hide the table's grid. */
static int dust(const sink *k, const char *s, const int b[4])
{
    if ((b[2] - b[0]) * k->scale >= OCR_MARK_PT || (b[3] - b[1]) * k->scale >= OCR_MARK_PT)
        return 0;
    for (size_t i = 0, n = strlen(s); i < n;) {
        int adv = 1;
        unsigned cp = nb_utf8_decode(s + i, n - i, &adv);
        if (nb_is_han(cp) || (cp < 128 && isalnum((int)cp)))
            return 0;
        i += (size_t)adv;
    }
    return 1;
}

/* Puts a word's box on its line: bottom at the line's bottom ("一" and "国" share one baseline,
 * whatever their ink), unless the line box reaches far below the word (Tesseract made one line
 * of a wrapped label), and one font size (em pixels) tall: a taller box reaching into the next
 * row would make the layout take two rows' numbers for one wrapped cell. */
static void settle(int b[4], int line_bottom, double em, double slack)
{
    int lim = b[3] + (int)(slack * em);
    b[3] = line_bottom > b[3] && line_bottom <= lim ? line_bottom : b[3];
    b[1] = b[3] - (int)em;
}

/* Drops the dots a speck or a rule's remnant adds at either end of a number ("3." "0."): a fee
 * such as 12.5 keeps its point. Returns NULL when no digit is left. */
static char *trim_dots(char *t)
{
    while (*t == '.')
        t++;
    size_t n = strlen(t);
    while (n && t[n - 1] == '.')
        t[--n] = 0;
    return strpbrk(t, "0123456789") ? t : NULL;
}

/* A digit re-read over a padded box can take in a stroke of the Han character beside the number
 * ("2023年" read "20234"): digits that chi_sim's reading (first) lacks, at an end where the reading
 * runs past the word's box by OCR_NEIGHBOUR_DIGIT of a digit's width, are that neighbour: dropped. */
static char *without_neighbour(char *t, int b[4], const int box[4], const char *first)
{
    size_t n = strlen(t), m = strlen(first);
    if (n <= m)
        return t;
    int past = (int)(OCR_NEIGHBOUR_DIGIT * (b[2] - b[0]) / (int)n);
    if (!strncmp(t, first, m) && b[2] > box[2] + past) {
        t[m] = 0, b[2] = box[2];
    } else if (!strcmp(t + n - m, first) && b[0] < box[0] - past) {
        t += n - m, b[0] = box[0];
    }
    return t;
}

/* Sets L.grey_digits on the rectangle of the grey page, upscaled OCR_GREY_ZOOM times: at 8-9 pt
 * a thin "1" whose foot touches the next digit is lost by the threshold ("13" read "3"), and
 * Tesseract reads it from the grey, larger. 0 when the crop fails. */
static int grey_crop(sink *k, int x, int y, int w, int h)
{
    BOX *box = L.boxCreate(x, y, w, h);
    PIX *crop = box && k->grey ? L.pixClipRectangle(k->grey, box, NULL) : NULL;
    PIX *up = crop ? L.pixScale(crop, OCR_GREY_ZOOM, OCR_GREY_ZOOM) : NULL;
    int ok = up != NULL;
    if (ok) {
        L.TessBaseAPISetImage2(L.grey_digits, up); /* Tesseract holds its own reference or copy */
        L.TessBaseAPISetSourceResolution(L.grey_digits, (int)(OCR_GREY_ZOOM * 72 / k->scale));
    }
    L.pixDestroy(&up);
    L.pixDestroy(&crop);
    L.boxDestroy(&box);
    return ok;
}

/* 1 when the grey page, upscaled (grey_crop), reads box b as exactly the digits want, sure of
 * them (NB_OCR_SURE_CONF): chi_sim read the cell's digits alike but unsure, and this reading stands
 * in for its confidence (table 2's second witness: three readings alike, two engines sure). */
static int grey_confirms(sink *k, const int b[4], const char *want)
{
    if (!grey_crop(k, b[0], b[1], b[2] - b[0], b[3] - b[1]) ||
        L.TessBaseAPIRecognize(L.grey_digits, NULL) != 0)
        return 0;
    char *t = L.TessBaseAPIGetUTF8Text(L.grey_digits);
    int conf = L.TessBaseAPIMeanTextConf(L.grey_digits), ok = 0;
    if (t) {
        size_t n = strlen(t);
        while (n && (t[n - 1] == '\n' || t[n - 1] == ' '))
            t[--n] = 0;
        ok = conf >= NB_OCR_SURE_CONF && !strcmp(t, want);
    }
    L.TessDeleteText(t);
    return ok;
}

/* 1 when a and b hold the same digits, points aside ("035" and "0.35"). */
static int same_digits(const char *a, const char *b)
{
    for (;; a++, b++) {
        while (*a == '.')
            a++;
        while (*b == '.')
            b++;
        if (*a != *b || !isdigit((unsigned char)*a))
            return *a == *b && !*a;
    }
}

/* Grows box acc to take in box b (acc set to b when fresh). */
static void box_union(int acc[4], const int b[4], int fresh)
{
    for (int e = 0; e < 2; e++) {
        acc[e] = !fresh && acc[e] < b[e] ? acc[e] : b[e];
        acc[e + 2] = !fresh && acc[e + 2] > b[e + 2] ? acc[e + 2] : b[e + 2];
    }
}

/* Clips box b to the box c (a cell's, inside its rules). */
static void clip_to_box(int b[4], const int c[4])
{
    for (int i = 0; i < 2; i++) {
        b[i] = b[i] < c[i] ? c[i] : b[i];
        b[i + 2] = b[i + 2] > c[i + 2] ? c[i + 2] : b[i + 2];
    }
}

/* Recognises the rectangle set on a digit engine: one line of numbers (PSM 7); when that reads
 * nothing at all, once more as one word (PSM 8, *word_mode set: the caller restores the line mode).
 * With its digit whitelist the line mode reads a lone "0" of a 16-pt LibreOffice table (Noto Sans
 * CJK's digits) as nothing, where the word mode reads "0" (conf 81-91): every 0 of a table-4 row lost. */
static TessResultIterator *recognise(TessBaseAPI *api, int *word_mode)
{
    if (L.TessBaseAPIRecognize(api, NULL) != 0)
        return NULL;
    TessResultIterator *it = L.TessBaseAPIGetIterator(api);
    char *t = it ? L.TessResultIteratorGetUTF8Text(it, RIL_WORD) : NULL;
    int empty = !t || !*t;
    L.TessDeleteText(t);
    if (!empty)
        return it;
    if (it)
        L.TessResultIteratorDelete(it);
    L.TessBaseAPISetPageSegMode(api, PSM_SINGLE_WORD);
    *word_mode = 1;
    return L.TessBaseAPIRecognize(api, NULL) == 0 ? L.TessBaseAPIGetIterator(api) : NULL;
}

/* Re-reads the box (grown by pad pixels) as digits only and emits each number in it as its own
 * span: "123", or "?123" when Tesseract is not sure of it (the template then takes no number from
 * that cell). first: the chi_sim reading of the same ink, or NULL. */
static void reread_numbers(sink *k, PIX *bin, const int box[4], int pad, int bottom,
                           const char *first)
{
    int x = box[0] - pad, y = box[1] - pad;
    int w = box[2] - box[0] + 2 * pad, h = box[3] - box[1] + 2 * pad;
    x = x < 0 ? 0 : x, y = y < 0 ? 0 : y;
    if (x + w > (int)L.pixGetWidth(bin))
        w = (int)L.pixGetWidth(bin) - x;
    if (y + h > (int)L.pixGetHeight(bin))
        h = (int)L.pixGetHeight(bin) - y;
    if (w <= 0 || h <= 0)
        return;
    TessBaseAPI *api = k->eng ? k->eng : L.digits;
    int zoom = api == L.grey_digits ? OCR_GREY_ZOOM : 1;
    if (zoom > 1 ? !grey_crop(k, x, y, w, h) : (L.TessBaseAPISetRectangle(api, x, y, w, h), 0))
        return;
    int word_mode = 0;
    TessResultIterator *it = recognise(api, &word_mode);
    for (int more = it != NULL; more; more = L.TessResultIteratorNext(it, RIL_WORD)) {
        int b[4];
        char *raw = L.TessResultIteratorGetUTF8Text(it, RIL_WORD), *t = raw ? trim_dots(raw) : NULL;
        float conf = L.TessResultIteratorConfidence(it, RIL_WORD);
        if (t && L.TessPageIteratorBoundingBox(L.TessResultIteratorGetPageIterator(it),
                                               RIL_WORD, &b[0], &b[1], &b[2], &b[3])) {
            char num[64];
            for (int e = 0; zoom > 1 && e < 4; e++) /* back to page pixels */
                b[e] = b[e] / zoom + (e % 2 ? y : x);
            if (pad > 0 && first) { /* the word chi_sim found: its height is the number's */
                t = without_neighbour(t, b, box, first);
                b[1] = b[1] < box[1] ? box[1] : b[1];
                b[3] = b[3] > box[3] ? box[3] : b[3];
            }
            /* sure: Tesseract is, or both engines (chi_sim and the digit one) read the same */
            int agree = first && !strcmp(first, t);
            int sure = k->doubt ? agree && conf >= NB_OCR_SURE_CONF : conf >= NB_OCR_SURE_CONF || agree;
            /* a "0" 77 pt wide is a header the digit engine forced into digits, not a number; a
             * box up to OCR_DIGIT_WIDE_MAX digits wide per digit read (". 0": a speck beside it;
             * "12" whose 1 touches the 2 read "2") is a doubtful reading, never a sure one */
            int ink = b[3] - b[1], len = (int)strlen(t);
            int wide = b[2] - b[0] > OCR_DIGIT_WIDE_MAX * ink * len;
            sure &= b[2] - b[0] <= OCR_DIGIT_WIDTH * ink * len;
            /* two witnesses: a cell read alone, both engines the same digits, the digit one sure */
            k->witnessed = sure && k->first_sure && conf >= NB_OCR_SURE_CONF && first && !strcmp(first, t);
            /* or three readings alike, chi_sim sure and the grey page's reading (sure, the same
             * digits and point) standing in for the digit engine's confidence ("7" read at 40);
             * chi_sim's digits alone count when the digit engine is sure ("035" for 0.35) */
            int gb[4] = {b[0] - OCR_PAD_PX, b[1] - OCR_PAD_PX, b[2] + OCR_PAD_PX, b[3] + OCR_PAD_PX};
            int alike = first && !strcmp(first, t), digits_alike = first && same_digits(first, t);
            k->witnessed |= sure && !k->witnessed && k->first_own && api != L.grey_digits &&
                            (alike || (digits_alike && conf >= NB_OCR_SURE_CONF)) && k->clip &&
                            (clip_to_box(gb, k->clip), 1) && grey_confirms(k, gb, t);
            snprintf(num, sizeof num, "%s%s", sure ? "" : "?", t);
            settle(b, bottom, ink / OCR_DIGIT_EM, OCR_DIGIT_SLACK);
            if (!wide && !sure && k->hold) {
                if (k->held_n++ == 0)
                    snprintf(k->held, sizeof k->held, "%s", num), memcpy(k->held_box, b, sizeof k->held_box), k->held_ink = ink;
            } else if (!wide && (!k->rescue || sure)) {
                add_word(k, num, b, 1, ink);
            }
            k->witnessed = 0;
        }
        L.TessDeleteText(raw);
    }
    if (it)
        L.TessResultIteratorDelete(it);
    if (word_mode)
        L.TessBaseAPISetPageSegMode(api, PSM_SINGLE_LINE);
}

/* The words of one text line, held until the line ends: the Han words' ink is uneven ("一" is a
 * stroke, a speck can stick to "报"), so the line's median Han ink height and bottom are used for
 * them all; a number keeps its own box (it was re-read alone) but keeps its place among the words,
 * so "现发布X局2023年…" stays one line in reading order, not "现发布X局年…" and a "2023" apart. */
struct line_words {
    char *text[OCR_LINE_WORDS];
    int box[OCR_LINE_WORDS][4];
    int ink[OCR_LINE_WORDS];      /* a number's own ink height; 0 for a Han word */
    int witnessed[OCR_LINE_WORDS]; /* a number's NB_BF_WITNESSED */
    float conf[OCR_LINE_WORDS];    /* Tesseract's confidence in the word (0-100) */
    int n;
};

static int cmp_int(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

/* A sentence's line ("计期限为2022年1月1日至2022年12月31日。"): a number with Han words before and after
 * it, a Han word last, at least OCR_SENTENCE_WORDS words and no gap wider than OCR_SENTENCE_GAP_EM
 * (a lost glyph leaves about one em). Its words' boxes are stretched to meet (ink boxes leave gaps
 * a text layer's advances do not), so the layout sees one run of prose, not a label and number
 * cells: "1" and "31" alone between gaps made the line a table row, and the paragraph above it the
 * table's header. A table row ends with its numbers, and its columns lie further apart. */
static void join_sentence(line_words *lw, int em)
{
    int inside = 0;
    for (int i = 1; i + 1 < lw->n; i++)
        inside |= lw->ink[i] && !lw->ink[i - 1] && !lw->ink[i + 1];
    if (!inside || lw->n < OCR_SENTENCE_WORDS || lw->ink[lw->n - 1] || em <= 0)
        return;
    for (int i = 0; i + 1 < lw->n; i++)
        if (lw->box[i + 1][0] - lw->box[i][2] > OCR_SENTENCE_GAP_EM * em)
            return;
    for (int i = 0; i + 1 < lw->n; i++)
        if (lw->box[i + 1][0] > lw->box[i][2])
            lw->box[i][2] = lw->box[i + 1][0];
}

/* Reads box b of the grey page alone as one line of chi_sim (PSM 7), grown by OCR_REREAD_PAD_EM
 * of its height and kept inside the cell being read; the text (spaces dropped) goes to out, the
 * return is Tesseract's mean confidence, -1 when nothing was read. */
static int grey_line(sink *k, const int b[4], char *out, size_t cap)
{
    int pad = (int)(OCR_REREAD_PAD_EM * (b[3] - b[1])), g[4] = {b[0] - pad, b[1] - pad, b[2] + pad, b[3] + pad};
    int page[4] = {0, 0, (int)L.pixGetWidth(k->grey), (int)L.pixGetHeight(k->grey)};
    clip_to_box(g, page);
    if (k->clip)
        clip_to_box(g, k->clip);
    BOX *box = g[2] > g[0] && g[3] > g[1] ? L.boxCreate(g[0], g[1], g[2] - g[0], g[3] - g[1]) : NULL;
    PIX *crop = box ? L.pixClipRectangle(k->grey, box, NULL) : NULL;
    int conf = -1;
    out[0] = 0;
    if (crop) {
        L.TessBaseAPISetImage2(L.grey_text, crop);
        L.TessBaseAPISetSourceResolution(L.grey_text, (int)(72 / k->scale));
        char *t = L.TessBaseAPIRecognize(L.grey_text, NULL) == 0 ? L.TessBaseAPIGetUTF8Text(L.grey_text) : NULL;
        size_t n = 0;
        for (const char *c = t; c && *c && n + 1 < cap; c++)
            if (*c != ' ' && *c != '\n')
                out[n++] = *c;
        out[n] = 0;
        conf = n ? L.TessBaseAPIMeanTextConf(L.grey_text) : -1;
        L.TessDeleteText(t);
    }
    L.pixDestroy(&crop);
    L.boxDestroy(&box);
    return conf;
}

/* The text lines of the ink inside box b (a label Tesseract read as one line over two: a wrapped
 * cell), top to bottom: the vertical extents of the blobs bigger than a mark (OCR_MARK_PT) whose
 * centre lies in b, merged where they overlap; returns how many (at most max; 0 when more). */
static int ink_bands(const sink *k, const int b[4], int band[][2], int max)
{
    int n = k->blobs ? L.boxaGetCount(k->blobs) : 0, nb = 0;
    for (int i = 0; i < n; i++) {
        int x, y, w, h;
        L.boxaGetBoxGeometry(k->blobs, i, &x, &y, &w, &h);
        int cx = x + w / 2, cy = y + h / 2, j = 0;
        if (cx < b[0] || cx >= b[2] || cy < b[1] || cy >= b[3] ||
            (w * k->scale < OCR_MARK_PT && h * k->scale < OCR_MARK_PT))
            continue;
        while (j < nb && !(y < band[j][1] && y + h > band[j][0]))
            j++;
        if (j == nb && nb == max)
            return 0;
        if (j == nb)
            band[nb][0] = y, band[nb++][1] = y + h;
        band[j][0] = y < band[j][0] ? y : band[j][0];
        band[j][1] = y + h > band[j][1] ? y + h : band[j][1];
        for (int m = 0; m < nb; m++) /* a grown band may now overlap another: one line */
            if (m != j && band[m][0] < band[j][1] && band[m][1] > band[j][0]) {
                band[j][0] = band[m][0] < band[j][0] ? band[m][0] : band[j][0];
                band[j][1] = band[m][1] > band[j][1] ? band[m][1] : band[j][1];
                memmove(band[m], band[m + 1], (size_t)(nb - m - 1) * sizeof band[0]);
                nb--, j -= m < j, m = -1;
            }
    }
    qsort(band, (size_t)nb, sizeof band[0], cmp_int);
    return nb;
}

static int read_before(const sink *k, const int b[4]);

/* Box b of the grey page read line by line (ink_bands; the whole box as one line when its ink
 * finds none), leaving out a line whose words were emitted before (read_before: Tesseract read that
 * line of a wrapped label apart): the lines' text joined into out; returns the lines' mean
 * confidence, -1 when a line read nothing or none was read; *skipped: how many lines were left out. */
static int grey_lines(sink *k, const int b[4], char *out, size_t cap, int *skipped)
{
    *skipped = 0;
    int band[OCR_REREAD_LINES][2], nb = ink_bands(k, b, band, OCR_REREAD_LINES), sum = 0;
    out[0] = 0;
    if (nb <= 1)
        return grey_line(k, b, out, cap);
    size_t used = 0;
    int read = 0;
    for (int i = 0; i < nb; i++) {
        int lb[4] = {b[0], band[i][0], b[2], band[i][1]};
        if (read_before(k, lb) && ++*skipped)
            continue; /* a line Tesseract read apart, already emitted */
        int conf = grey_line(k, lb, out + used, cap - used);
        if (conf < 0)
            return -1;
        sum += conf, used = strlen(out), read++;
    }
    return read ? sum / read : -1;
}

/* Word i of the line belongs to a run of Han text: a Han word, or a number read doubtful ("?2": a
 * stroke of a garbled label; never taken as a number) with a Han word after it. */
static int in_run(const line_words *lw, int i)
{
    return !lw->ink[i] || (lw->text[i][0] == '?' && i + 1 < lw->n && !lw->ink[i + 1]);
}

/* 1 when word j of the line follows word j - 1 as closely as add_word joins words into one span
 * (OCR_JOIN_EM of ink, OCR_ADVANCE_JOIN_EM of advances): a run read again stays what would have
 * been one span, never the header cells of a table without rules. */
static int run_joins(const line_words *lw, int j)
{
    const int *a = lw->box[j - 1], *b = lw->box[j];
    int h = b[3] - b[1], pa[2], pb[2];
    advance_box(lw->text[j - 1], a, pa);
    advance_box(lw->text[j], b, pb);
    return b[0] >= a[0] && (b[0] - a[2] < OCR_JOIN_EM * h || pb[0] - pa[1] < OCR_ADVANCE_JOIN_EM * h);
}

/* The end (exclusive) of the run of Han text starting at word i: words of in_run, each joining the
 * one before (run_joins); *mean gets their mean confidence (a doubtful number counts 0). */
static int run_end(const line_words *lw, int i, float *mean)
{
    int j = i;
    float sum = 0;
    while (j < lw->n && in_run(lw, j) && (j == i || run_joins(lw, j))) {
        sum += lw->ink[j] ? 0 : lw->conf[j];
        j++;
    }
    *mean = j > i ? sum / (float)(j - i) : 0;
    return j;
}

/* 1 when a word already emitted (k->seen) lies in box b by OCR_REREAD_SEEN_SHARE of its area: a
 * line of a wrapped label Tesseract read apart, which reading b again would give twice. */
static int read_before(const sink *k, const int b[4])
{
    for (size_t i = 0; i < k->nseen; i++) {
        const int *w = k->seen[i];
        long ox = (long)(w[2] < b[2] ? w[2] : b[2]) - (w[0] > b[0] ? w[0] : b[0]);
        long oy = (long)(w[3] < b[3] ? w[3] : b[3]) - (w[1] > b[1] ? w[1] : b[1]);
        if (ox > 0 && oy > 0 && ox * oy >= OCR_REREAD_SEEN_SHARE * (w[2] - w[0]) * (w[3] - w[1]))
            return 1;
    }
    return 0;
}

/* Drops the ASCII a line's second reading ends with ("…人民政府2|"): the run ends with a Han word,
 * so that is ink of a neighbour the padding took in. */
static void trim_tail(char *t)
{
    size_t n = strlen(t);
    while (n && (unsigned char)t[n - 1] < 128)
        t[--n] = 0;
}

/* How many Han characters string t holds. */
static int han_count(const char *t)
{
    int han = 0;
    for (size_t c = 0, n = strlen(t); c < n;) {
        int adv = 1;
        han += nb_is_han(nb_utf8_decode(t + c, n - c, &adv));
        c += adv > 0 ? (size_t)adv : 1;
    }
    return han;
}

/* How many Han characters words [i, j) of the line hold: a run of marks alone ("“" of a speck,
 * none) is left as it is (read again, the grey speck became "早许" at a page's edge), and a second
 * reading with fewer drops a character ("寒亭区卫生健康局" read again "亭区卫生健康局"), unless a line
 * of the run was left out (grey_lines: read before). */
static int run_han(const line_words *lw, int i, int j)
{
    int han = 0;
    for (int m = i; m < j; m++)
        han += han_count(lw->text[m]);
    return han;
}

/* Words [i, j) of the line become one Han word: text t, confidence conf, box b. */
static void replace_run(line_words *lw, int i, int j, const char *t, int conf, const int b[4])
{
    char *s = strdup(t);
    if (!s)
        return;
    for (int m = i; m < j; m++)
        free(lw->text[m]);
    lw->text[i] = s, lw->ink[i] = 0, lw->witnessed[i] = 0, lw->conf[i] = (float)conf;
    memcpy(lw->box[i], b, sizeof lw->box[0]);
    int gone = j - i - 1;
    for (int m = j; m < lw->n; m++) {
        lw->text[m - gone] = lw->text[m], lw->ink[m - gone] = lw->ink[m];
        lw->witnessed[m - gone] = lw->witnessed[m], lw->conf[m - gone] = lw->conf[m];
        memcpy(lw->box[m - gone], lw->box[m], sizeof lw->box[0]);
    }
    lw->n -= gone;
}

/* Step 5e: a run of Han words chi_sim read with a mean confidence under OCR_REREAD_CONF (a row
 * label read "2.其亿流行丰二油村?2全" from the binary page) is read again alone on the grey page
 * (grey_line: Tesseract's LSTM reads grey levels the threshold lost, and one line alone is not cut
 * by the page's segmentation); the reading replaces the run, as one word over the run's box, when
 * Tesseract is surer of it by OCR_REREAD_GAIN. At most OCR_REREAD_MAX runs per page are read. */
static void reread_runs(sink *k, line_words *lw)
{
    for (int i = 0; i < lw->n && k->grey; i++) {
        float mean;
        int j = run_end(lw, i, &mean);
        if (j == i || mean >= OCR_REREAD_CONF || k->rereads >= OCR_REREAD_MAX || !run_han(lw, i, j)) {
            i = j > i ? j - 1 : i;
            continue;
        }
        int b[4];
        memcpy(b, lw->box[i], sizeof b);
        for (int m = i + 1; m < j; m++)
            box_union(b, lw->box[m], 0);
        char t[OCR_REREAD_BYTES];
        k->rereads++;
        int skipped, conf = grey_lines(k, b, t, sizeof t, &skipped), adv = 1, han = 0, late_digit = 0;
        trim_tail(t);
        for (size_t c = 0, n = strlen(t); c < n; c += adv > 0 ? (size_t)adv : 1) {
            late_digit |= han && isdigit((unsigned char)t[c]); /* a number in prose: its own reading stands */
            han |= nb_is_han(nb_utf8_decode(t + c, n - c, &adv));
        }
        if (!han || late_digit || conf < mean + OCR_REREAD_GAIN || conf < OCR_REREAD_MIN_CONF ||
            (!skipped && han_count(t) < run_han(lw, i, j))) {
            i = j - 1;
            continue;
        }
        replace_run(lw, i, j, strip_quotes(t), conf, b);
    }
}

static void line_flush(sink *k, line_words *lw)
{
    int h[OCR_LINE_WORDS], y[OCR_LINE_WORDS], nh = 0;
    reread_runs(k, lw);
    for (int i = 0; i < lw->n; i++)
        if (!lw->ink[i])
            h[nh] = lw->box[i][3] - lw->box[i][1], y[nh++] = lw->box[i][3];
    qsort(h, (size_t)nh, sizeof h[0], cmp_int);
    qsort(y, (size_t)nh, sizeof y[0], cmp_int);
    join_sentence(lw, nh ? (int)(h[(nh - 1) / 2] / OCR_HAN_EM) : 0);
    line_words *held = k->line;
    k->line = NULL; /* add_word now emits */
    for (int i = 0; i < lw->n; i++) {
        int *b = lw->box[i], ink = nh ? h[(nh - 1) / 2] : 0; /* the lower median: specks only add ink */
        if (lw->ink[i]) {
            /* a number of a sentence (Han words before and after it on the line: "局2023年";
             * or, last on the line, set close after a Han word, in a line of at most
             * OCR_PROSE_NUMBERS numbers: "信息350"), its box centred in the Han words' band or
             * as low and taller (chi_sim boxed it with the line above), takes the band and the
             * font size; a table row's numbers and a row label's "3." keep their own box */
            int bottom = nh ? y[(nh - 1) / 2] : 0, em = (int)(ink / OCR_HAN_EM), top = bottom - em;
            int mid = (b[1] + b[3]) / 2, nums = 0, before = 0, after = 0;
            for (int j = 0; j < lw->n; j++)
                nums += lw->ink[j] != 0, before |= j < i && !lw->ink[j], after |= j > i && !lw->ink[j];
            int inside = (before && after) ||
                         (i > 0 && i + 1 == lw->n && !lw->ink[i - 1] && nums <= OCR_PROSE_NUMBERS &&
                          b[0] - lw->box[i - 1][2] < OCR_PROSE_GAP_EM * em);
            int level = (mid > top && mid < bottom) || (abs(b[3] - bottom) <= OCR_DIGIT_SLACK * em && b[1] < top);
            int own = lw->ink[i];
            if (inside && nh && level)
                b[1] = top, b[3] = bottom, own = (int)(ink * OCR_DIGIT_EM / OCR_HAN_EM);
            k->witnessed = lw->witnessed[i];
            add_word(k, lw->text[i], b, 1, own > 0 ? own : 1);
            k->witnessed = 0;
        } else {
            b[3] = y[(nh - 1) / 2];
            b[1] = b[3] - (int)(ink / OCR_HAN_EM);
            add_word(k, lw->text[i], b, 0, ink);
        }
        free(lw->text[i]);
    }
    k->line = held;
    lw->n = 0;
}

/* Holds a word of the line: a Han word (ink 0) or a number re-read alone (its ink height). */
static void line_add(sink *k, line_words *lw, const char *t, const int b[4], int ink, float conf)
{
    if (lw->n == OCR_LINE_WORDS)
        line_flush(k, lw);
    if (!(lw->text[lw->n] = strdup(t)))
        return;
    lw->ink[lw->n] = ink;
    lw->conf[lw->n] = conf;
    lw->witnessed[lw->n] = ink && k->witnessed;
    memcpy(lw->box[lw->n++], b, sizeof lw->box[0]);
}

/* The box of the digit-sized ink inside a number's word box b (blobs bigger than a mark, at least
 * OCR_DIGIT_MIN_PT tall): chi_sim's box can take in a speck over the rule beside the number, and
 * its centre then falls in the next cell ("42" boxed from 1610 to 1785 across a rule at 1700).
 * b itself when no such blob lies in it. */
static const int *ink_box(const sink *k, const int b[4], int out[4])
{
    int n = k->blobs ? L.boxaGetCount(k->blobs) : 0, got = 0;
    for (int i = 0; i < n; i++) {
        int g[4];
        if (tall_blob(k, i, b, g))
            box_union(out, g, !got), got = 1;
    }
    return got ? out : b;
}

/* Holds a page-level word back when it lies in a cell (the cell is read alone afterwards);
 * returns 1 when it did. */
static int defer_to_cell(sink *k, const char *t, const int box[4], float conf)
{
    /* "0." alone in a cell is a number and a speck (a row label's "4." comes with its Han text,
     * which makes the cell a text cell anyway) */
    size_t tl = strlen(t);
    int num = numeric_like(t) || (tl >= 2 && tl <= 3 && t[tl - 1] == '.' && isdigit((unsigned char)t[0]));
    int ib[4];
    cell *c = cell_at(k->cells, k->ncells, num ? ink_box(k, box, ib) : box);
    const int *b = box;
    if (!c)
        return 0;
    /* words on two lines (two rows' numbers in one region: a rule too faint to find) are read as
     * text, each number then alone, never as one line: a word sharing less than half its height
     * with the ink so far (a speck over one digit only makes the ink taller, not a second line) */
    int top = b[1] > c->ink[1] ? b[1] : c->ink[1], bottom = b[3] < c->ink[3] ? b[3] : c->ink[3];
    int other_line = c->words && 2 * (bottom - top) < b[3] - b[1];
    c->han |= !num || other_line;
    box_union(c->ink, b, !c->words);
    if (num && c->words < OCR_CELL_WORDS && strlen(t) < sizeof c->wtext[0]) {
        memcpy(c->wbox[c->words], box, sizeof c->wbox[0]);
        strcpy(c->wtext[c->words], t);
        c->wsure[c->words] = conf >= NB_OCR_SURE_CONF;
    }
    if (c->words++ == 0 && num)
        c->first = strdup(t), c->first_sure = conf >= NB_OCR_SURE_CONF;
    else if (c->first) {
        free(c->first);
        c->first = NULL;
    }
    return 1;
}

/* A number word outside cells: read again by the digit engine (too wide for a number: a header or
 * stamp chi_sim made digits of, dropped). */
static void read_number_word(sink *k, PIX *bin, const int b[4], int bottom, const char *t, float conf)
{
    if (b[2] - b[0] > OCR_NUM_WIDTH * (b[3] - b[1]))
        return;
    k->first_sure = conf >= NB_OCR_SURE_CONF; /* both engines alike, both sure: two witnesses (table 2) */
    reread_numbers(k, bin, b, OCR_PAD_PX, bottom, t);
    k->first_sure = 0;
}

/* A digit that may number a row label ("4.保护第三方合法权益" whose point chi_sim lost, or read
 * "?4"): held until the next word shows whether Han text follows it closely. */
typedef struct {
    int on;
    char text[4];
    int box[4], bottom;
    float conf;
} enum_word;

static int enum_candidate(const char *t, const int b[4], int prev_x1)
{
    int h = b[3] - b[1];
    return t[0] >= '1' && t[0] <= '9' && !t[1] && (prev_x1 < 0 || b[0] - prev_x1 >= OCR_ENUM_LEFT_EM * h);
}

/* The held digit, now that word t (box b, or none) follows: "4." joining the line's Han words
 * when t is Han text set close after it, else a number. */
static void enum_settle(sink *k, PIX *bin, enum_word *e, line_words *lw, const char *t, const int b[4])
{
    if (!e->on)
        return;
    e->on = 0;
    int adv = 1, h = e->box[3] - e->box[1];
    size_t dot = t ? strspn(t, ".") : 0; /* the point read with the label: "8" | ".属于…" */
    if (t && nb_is_han(nb_utf8_decode(t + dot, strlen(t + dot), &adv)) && b[0] >= e->box[2] - h / 4 &&
        b[0] - e->box[2] <= OCR_ENUM_GAP_EM * h) {
        char s[8];
        snprintf(s, sizeof s, "%s%s", e->text, dot ? "" : ".");
        line_add(k, lw, s, e->box, 0, e->conf);
    } else {
        read_number_word(k, bin, e->box, e->bottom, e->text, e->conf);
    }
}

/* Reads L.text's image (or the rectangle set on it) and emits its words; page: the page-wide pass,
 * in which the words of a cell are held back for the cell's own reading. */
static void read_words(sink *k, PIX *bin, int page)
{
    if (L.TessBaseAPIRecognize(L.text, NULL) != 0)
        return;
    TessResultIterator *it = L.TessBaseAPIGetIterator(L.text);
    int line_bottom = 0, prev_x1 = -1, prev_num = 0, prev_h = 0;
    line_words lw;
    lw.n = 0;
    enum_word e = {0, "", {0, 0, 0, 0}, 0, 0};
    k->line = &lw;
    for (int more = it != NULL; more && k->words < NB_MAX_OCR_WORDS;
         more = L.TessResultIteratorNext(it, RIL_WORD)) {
        int b[4], lb[4];
        const TessPageIterator *pi = L.TessResultIteratorGetPageIterator(it);
        if (L.TessPageIteratorIsAtBeginningOf(pi, RIL_TEXTLINE) &&
            L.TessPageIteratorBoundingBox(pi, RIL_TEXTLINE, &lb[0], &lb[1], &lb[2], &lb[3])) {
            enum_settle(k, bin, &e, &lw, NULL, NULL);
            line_flush(k, &lw);
            line_bottom = lb[3], prev_x1 = -1, prev_num = 0, prev_h = lb[3] - lb[1];
            if (page && k->page == 1 && k->ntitle < OCR_WITNESS_LINES)
                memcpy(k->title[k->ntitle++], lb, sizeof lb);
        }
        char *t = L.TessResultIteratorGetUTF8Text(it, RIL_WORD);
        float conf = L.TessResultIteratorConfidence(it, RIL_WORD);
        int boxed = t && L.TessPageIteratorBoundingBox(pi, RIL_WORD, &b[0], &b[1], &b[2], &b[3]);
        if (boxed && misread_digit(k, t, b, prev_x1, prev_num, prev_h))
            t[0] = '?', t[1] = 0, conf = 0; /* a number, its reading unknown: numeric_like, never alike */
        if (t && *t && !speck(t) && boxed && !dust(k, t, b) &&
            !(page && defer_to_cell(k, t, b, conf))) {
            enum_settle(k, bin, &e, &lw, t, b);
            if (numeric_like(t) && enum_candidate(t, b, prev_x1)) {
                e = (enum_word){1, "", {b[0], b[1], b[2], b[3]}, line_bottom, conf};
                snprintf(e.text, sizeof e.text, "%s", t);
            } else if (numeric_like(t)) {
                read_number_word(k, bin, b, line_bottom, t, conf);
            } else {
                line_add(k, &lw, strip_quotes(t), b, 0, conf);
            }
            prev_x1 = b[2], prev_num = numeric_like(t), prev_h = b[3] - b[1];
        }
        L.TessDeleteText(t);
    }
    enum_settle(k, bin, &e, &lw, NULL, NULL);
    line_flush(k, &lw);
    k->line = NULL;
    flush(k);
    if (it)
        L.TessResultIteratorDelete(it);
}

/* Box b grown by OCR_PAD_PX, inside cell c: the digits with some paper around them. */
static void clip_to_cell(int out[4], const int b[4], const cell *c)
{
    for (int i = 0; i < 2; i++) {
        out[i] = b[i] - OCR_PAD_PX < c->box[i] ? c->box[i] : b[i] - OCR_PAD_PX;
        out[i + 2] = b[i + 2] + OCR_PAD_PX > c->box[i + 2] ? c->box[i + 2] : b[i + 2] + OCR_PAD_PX;
    }
}

/* A blob shaped like a digit: as tall as a digit of body text, narrower than it is tall. */
static int digit_blob(const int b[4], double dpi)
{
    double h = (b[3] - b[1]) * 72 / dpi, w = (b[2] - b[0]) * 72 / dpi;
    return h >= OCR_DIGIT_MIN_PT && h <= OCR_DIGIT_MAX_PT && w <= OCR_DIGIT_ASPECT * h;
}

/* Blob i of the page's ink (rules erased) into b, pixels: 1 when its centre lies in cell c and it
 * is bigger than a speck or a dot (OCR_MARK_PT one way or the other). */
static int cell_blob(const sink *k, const cell *c, int i, int b[4])
{
    int w, h;
    L.boxaGetBoxGeometry(k->blobs, i, &b[0], &b[1], &w, &h);
    b[2] = b[0] + w, b[3] = b[1] + h;
    int x = (b[0] + b[2]) / 2, y = (b[1] + b[3]) / 2;
    return x >= c->box[0] && x < c->box[2] && y >= c->box[1] && y < c->box[3] &&
           (w * k->scale >= OCR_MARK_PT || h * k->scale >= OCR_MARK_PT);
}

/* Step 4b: the ink of a cell chi_sim read as text ("工" for a lone "1", "卫4" for 12 over 4 when
 * the rule between two rows was too faint to find) may be digits only: every blob in the cell
 * bigger than a mark (OCR_MARK_PT) is digit-shaped. Then its lines of blobs are returned (at most
 * max; 0 when any blob is not a digit's shape, or there are more lines), to be read by the digit
 * engine one line at a time. Two engines disagreed on this ink, so each reading is doubtful ("?7"):
 * the guard (tables/ocr_guard.c) keeps it only where the identities give exactly that value. */
static int digit_lines(const sink *k, const cell *c, int lines[][4], int max)
{
    int n = k->blobs ? L.boxaGetCount(k->blobs) : 0, nl = 0;
    for (int i = 0; i < n; i++) {
        int b[4];
        if (!cell_blob(k, c, i, b))
            continue; /* outside, or a speck or a dot */
        int w = b[2] - b[0], h = b[3] - b[1];
        double hp = h * k->scale;
        if (hp < OCR_DIGIT_MIN_PT || hp > OCR_CELL_DIGIT_MAX_PT || (!c->first && w > OCR_DIGIT_ASPECT * h))
            return 0; /* a number chi_sim read ("1D3") may have touching digits: a wide blob */
        int j = 0;
        while (j < nl && !(b[1] < lines[j][3] - h / 2 && b[3] > lines[j][1] + h / 2))
            j++;
        if (j == nl && nl == max)
            return 0;
        box_union(lines[j], b, j == nl);
        nl += j == nl;
    }
    return nl;
}

/* 1 when cell c holds a blob bigger than a mark (OCR_MARK_PT): ink the page-wide pass read
 * nothing in (a label cell chi_sim skipped: its row would have no label). */
static int cell_has_ink(const sink *k, const cell *c)
{
    int n = k->blobs ? L.boxaGetCount(k->blobs) : 0;
    for (int i = 0; i < n; i++) {
        int x, y, w, h;
        L.boxaGetBoxGeometry(k->blobs, i, &x, &y, &w, &h);
        if (x >= c->box[0] && x + w <= c->box[2] && y >= c->box[1] && y + h <= c->box[3] &&
            (w * k->scale >= OCR_MARK_PT || h * k->scale >= OCR_MARK_PT))
            return 1;
    }
    return 0;
}

/* 1 when all the ink of cell c bigger than a speck is one or two bars (OCR_DASH_*): a cell printed
 * with a dash in place of a number ("-", "—", "——"), whose box goes to bar. chi_sim reads such a
 * bar as "一" or as nothing, and a cell read as nothing is not told from a number the OCR lost. */
static int dash_cell(const sink *k, const cell *c, int bar[4])
{
    int n = k->blobs ? L.boxaGetCount(k->blobs) : 0, bars = 0;
    for (int i = 0; i < n; i++) {
        int b[4];
        if (!cell_blob(k, c, i, b))
            continue; /* outside, or a speck */
        int w = b[2] - b[0], h = b[3] - b[1];
        if (h * k->scale > OCR_DASH_THICK_PT || w < OCR_DASH_ASPECT * h || ++bars > OCR_DASH_BARS)
            return 0;
        box_union(bar, b, bars == 1);
    }
    return bars > 0;
}

/* When the cell's ink is digits only (digit_lines), reads each of its lines as doubtful numbers
 * over the digits' own box (specks left out); returns the number of lines, 0 when it is not. */
static int read_digit_lines(sink *k, PIX *bin, const cell *c)
{
    int lines[OCR_CELL_LINES][4], nl = digit_lines(k, c, lines, OCR_CELL_LINES);
    for (int i = 0; i < nl; i++) {
        int b[4];
        clip_to_cell(b, lines[i], c);
        k->doubt = 1;
        k->eng = L.grey_digits;
        reread_numbers(k, bin, b, 0, lines[i][3], nl == 1 ? c->first : NULL);
        k->eng = NULL;
        k->doubt = 0;
        flush(k);
    }
    return nl;
}

/* Reads a cell as text, or, when its ink is digits only, as doubtful numbers. */
static void read_text_cell(sink *k, PIX *bin, cell *c)
{
    if (read_digit_lines(k, bin, c) > 0)
        return;
    L.TessBaseAPISetRectangle(L.text, c->box[0], c->box[1], c->box[2] - c->box[0],
                              c->box[3] - c->box[1]);
    read_words(k, bin, 0);
}

/* A cell holding several numbers on one line (table 4's row between two rules, none between its
 * columns): each number word is read again alone, as outside cells; read as one line, the digit
 * engine drops some of fifteen spaced digits. */
static void read_cell_words(sink *k, PIX *bin, cell *c)
{
    size_t before = k->words;
    for (int i = 0; i < c->words; i++) {
        if (!c->wtext[i][0])
            continue; /* too long to keep: not a cell number */
        k->first_sure = c->wsure[i];
        reread_numbers(k, bin, c->wbox[i], OCR_PAD_PX, c->box[3], c->wtext[i]);
        k->first_sure = 0;
        flush(k);
    }
    c->got = k->words - before;
}

/* Step 3b: each cell the page-wide pass found words in is read alone: numbers by the digit engine
 * over the whole cell (one line), text by chi_sim inside the cell (its lines stay its own). */
static void read_cells(sink *k, PIX *bin)
{
    for (size_t i = 0; i < k->ncells && k->words < NB_MAX_OCR_WORDS; i++) {
        cell *c = &k->cells[i];
        int lines[OCR_CELL_LINES][4], bar[4] = {0, 0, 0, 0};
        if (dash_cell(k, c, bar)) { /* a dash: the mark itself, which the template keeps in place */
            int h = (int)(OCR_DIGIT_MIN_PT / k->scale), b[4] = {bar[0], bar[3] - h, bar[2], bar[3] + h / 2};
            k->clip = c->box;
            add_word(k, "—", b, 0, h);
            flush(k);
            k->clip = NULL;
            free(c->first);
            c->first = NULL;
            c->got = 1;
            continue;
        }
        if (!c->words && (!cell_has_ink(k, c) || digit_lines(k, c, lines, OCR_CELL_LINES)))
            continue; /* empty, or digits: rescue_digits reads those */
        k->clip = c->box;
        if (!c->words) { /* ink chi_sim read nothing in: a label cell, read alone as text */
            L.TessBaseAPISetRectangle(L.text, c->box[0], c->box[1], c->box[2] - c->box[0],
                                      c->box[3] - c->box[1]);
            read_words(k, bin, 0);
            k->clip = NULL;
            continue;
        }
        if (c->han) {
            read_text_cell(k, bin, c);
        } else if (c->words > 1 && c->words <= OCR_CELL_WORDS) {
            read_cell_words(k, bin, c);
        } else {
            int b[4];
            clip_to_cell(b, c->ink, c);
            size_t before = k->words;
            k->first_own = c->first_sure;
            k->first_sure = c->first_sure || (c->first && grey_confirms(k, b, c->first));
            k->hold = 1, k->held_n = 0;
            reread_numbers(k, bin, b, 0, c->box[3], c->first);
            k->hold = 0, k->first_sure = 0, k->first_own = 0;
            flush(k);
            /* nothing sure: once more, the grey image over the digits' own ink (a thin "1" whose
             * foot touches the "3" is lost by the threshold: "13" read "3"), else what was held */
            if (k->words == before && !read_digit_lines(k, bin, c) && k->held_n == 1)
                add_word(k, k->held, k->held_box, 1, k->held_ink);
            if (k->words == before)
                c->lone = c->first, c->first = NULL;
            flush(k);
            c->got = k->words - before;
        }
        free(c->first);
        c->first = NULL;
        k->clip = NULL;
    }
}

/* Step 4d: the first lines of page 1 (the title, which names the agency) read again by a second
 * model, Tesseract's script/HanS (trained apart from chi_sim, on other fonts), on the grey page, one
 * line at a time: kept as doc->ocr_witness, which tables/ocr_guard.c counts as one witness more of
 * an agency it reads alike (never as evidence against one it reads otherwise: HanS misreads a
 * character of names chi_sim reads right). Nothing when the model is not installed. */
static void read_witness(sink *k, PIX *grey)
{
    if (!L.witness || !k->ntitle || k->doc->ocr_witness)
        return;
    L.TessBaseAPISetImage2(L.witness, grey);
    L.TessBaseAPISetSourceResolution(L.witness, (int)(72 / k->scale));
    nb_buf b = NB_BUF_INIT;
    for (int i = 0; i < k->ntitle; i++) {
        const int *lb = k->title[i];
        L.TessBaseAPISetRectangle(L.witness, lb[0], lb[1], lb[2] - lb[0], lb[3] - lb[1]);
        char *t = L.TessBaseAPIGetUTF8Text(L.witness);
        for (const char *c = t; c && *c; c++)
            if (!isspace((unsigned char)*c)) /* HanS sets words apart: "潍坊 市 寒 亭 区" */
                nb_buf_putc(&b, *c);
        nb_buf_putc(&b, '\n');
        L.TessDeleteText(t);
    }
    k->doc->ocr_witness = nb_doc_strdup(k->doc, nb_buf_cstr(&b), b.len);
    nb_buf_free(&b);
    L.TessBaseAPIClear(L.witness);
}

static void read_page(sink *k, PIX *bin, PIX *grey)
{
    k->grey = grey;
    L.TessBaseAPISetImage2(L.text, bin);
    L.TessBaseAPISetSourceResolution(L.text, (int)(72 / k->scale));
    L.TessBaseAPISetImage2(L.digits, bin);
    L.TessBaseAPISetSourceResolution(L.digits, (int)(72 / k->scale));
    read_words(k, bin, 1);
    read_witness(k, grey);
    read_cells(k, bin);
}

/* 1 when box b overlaps a word already read. */
static int covered(const sink *k, const int b[4])
{
    for (size_t i = 0; i < k->nseen; i++) {
        const int *w = k->seen[i];
        if (b[0] < w[2] && w[0] < b[2] && b[1] < w[3] && w[1] < b[3])
            return 1;
    }
    return 0;
}

/* A digit blob no word covered, in a cell whose own reading gave no number (or that nothing was
 * read in): it joins the cell's blobs, read together afterwards (rescue_cells). 0 when the blob
 * is in no such cell. */
static int rescue_in_cell(sink *k, const int g[4])
{
    cell *c = cell_at(k->cells, k->ncells, g);
    if (!c)
        return 0;
    if (c->han || c->got)
        return 1; /* the cell's reading stands */
    box_union(c->rink, g, !c->nrink);
    c->nrink++;
    return 1;
}

/* A number cell the digit engine read nothing in, on the binary page, the grey one, and its
 * blobs alone (rescue_cells): the eng model reads a font's narrow oval "0" (AR PL UMing) as "O"
 * or "Q", which its digit whitelist then drops. chi_sim's digits are one witness, so they go in
 * as a doubtful reading ("?0"): the guard keeps it only where the identities give exactly that
 * value (tables/ocr_guard.c). */
static void lone_as_doubt(sink *k, cell *c)
{
    char num[OCR_MAX_NUM_CHARS + 2];
    size_t n = c->lone ? strlen(c->lone) : 0;
    if (n && n <= OCR_MAX_NUM_CHARS && strspn(c->lone, "0123456789") == n) {
        snprintf(num, sizeof num, "?%s", c->lone);
        k->clip = c->box;
        add_word(k, num, c->ink, 1, c->ink[3] - c->ink[1]);
        flush(k);
        k->clip = NULL;
    }
    free(c->lone);
    c->lone = NULL;
}

/* The digits of each cell rescue_in_cell collected, read in one go (kept as "?7" when doubtful,
 * like any cell); then the cells still read as nothing (lone_as_doubt). */
static void rescue_cells(sink *k, PIX *bin)
{
    k->rescue = 0;
    for (size_t i = 0; i < k->ncells; i++) {
        cell *c = &k->cells[i];
        size_t before = k->words;
        if (c->nrink) {
            int b[4];
            clip_to_cell(b, c->rink, c);
            k->clip = c->box;
            reread_numbers(k, bin, b, 0, b[3], NULL);
            flush(k);
            k->clip = NULL;
        }
        if (k->words == before && c->lone)
            lone_as_doubt(k, c);
        free(c->lone);
        c->lone = NULL;
    }
}

/* Step 5b: table digits chi_sim skipped ("9" and "71" of a row read as nothing). The ink no word
 * covers is cut into blobs; digit-shaped blobs of one height side by side are grouped and read
 * with the digit engine; only confident readings are kept. */
static void rescue_digits(sink *k, PIX *bin, double dpi)
{
    BOXA *ba = L.pixConnCompBB(bin, 8);
    int n = ba ? L.boxaGetCount(ba) : 0, g[4] = {0, 0, 0, 0}, have = 0;
    k->rescue = 1;
    for (int i = 0; i <= n; i++) {
        int b[4] = {0, 0, 0, 0}, w = 0, h = 0;
        if (i < n) {
            L.boxaGetBoxGeometry(ba, i, &b[0], &b[1], &w, &h);
            b[2] = b[0] + w, b[3] = b[1] + h;
            if (!digit_blob(b, dpi) || covered(k, b) || rescue_in_cell(k, b))
                continue;
        }
        int joins = have && i < n && abs(b[3] - g[3]) < h / 4 && abs(b[1] - g[1]) < h / 4 &&
                    b[0] - g[2] < OCR_DIGIT_GAP * h && b[0] >= g[0];
        if (have && !joins) {
            reread_numbers(k, bin, g, OCR_PAD_PX, g[3], NULL);
            have = 0;
        }
        if (i == n)
            break;
        if (!have)
            memcpy(g, b, sizeof g), have = 1;
        else
            g[2] = b[2] > g[2] ? b[2] : g[2];
    }
    flush(k);
    rescue_cells(k, bin);
    k->rescue = 0;
    if (ba)
        L.boxaDestroy(&ba);
}

static int ocr_page(nb_doc *doc, PopplerPage *page, int pageno, nb_err *err)
{
    if (!load()) {
        nb_err_set(err, NB_EUNSUPPORTED, "%s", ocr_missing);
        return -1;
    }
    double dpi;
    PIX *grey = render_grey(page, &dpi), *level = NULL, *bin = NULL, *rules = NULL;
    l_float32 angle = 0, conf = 0;
    if (grey)
        level = L.pixDeskewGeneral(grey, 0, 0, 0, 0, 0, &angle, &conf);
    if (level)
        bin = ink_without_rules(level, dpi, &rules);
    sink k = {doc, pageno, 1, 72 / dpi, NB_BUF_INIT, 0, 0, 0, 0, 0, 0, 0, 0, NULL, 0, 0, 0, NULL, 0, 0, 0, 0, NULL,
              NULL, dpi, 0, NULL, NULL, 0, "", {0, 0, 0, 0}, 0, 0, 0, NULL, 0, {{0}}, 0, 0};
    if (rules)
        k.cells = find_cells(rules, dpi, &k.ncells);
    if (bin)
        k.blobs = L.pixConnCompBB(bin, 8);
    if (bin)
        read_page(&k, bin, level);
    if (bin)
        rescue_digits(&k, bin, dpi);
    if (rules) /* after the words: rules.c drops strokes running through text spans */
        find_rules(doc, pageno, rules, dpi);
    L.TessBaseAPIClear(L.text);
    L.TessBaseAPIClear(L.digits);
    L.TessBaseAPIClear(L.grey_digits);
    L.TessBaseAPIClear(L.grey_text);
    free(k.seen);
    for (size_t i = 0; i < k.ncells; i++)
        free(k.cells[i].lone); /* left when the page was not read through (no binary image) */
    free(k.cells);
    if (k.blobs)
        L.boxaDestroy(&k.blobs);
    nb_buf_free(&k.text);
    L.pixDestroy(&rules);
    L.pixDestroy(&bin);
    L.pixDestroy(&level);
    L.pixDestroy(&grey);
    if (k.words >= NB_MAX_OCR_WORDS)
        nb_doc_warn(doc, "OCR: page %d has more than %u words: the rest is ignored", pageno,
                    NB_MAX_OCR_WORDS);
    return (int)k.words;
}

/* The two engines (L.text, L.digits) are loaded once and reused: one page at a time per process.
 * The command's batch workers are processes; library users extracting scans on several threads
 * (python's extract_many) take turns here, as Tesseract's shared engines need. */
int nb_ocr_page(nb_doc *doc, PopplerPage *page, int pageno, nb_err *err)
{
    static pthread_mutex_t one_at_a_time = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&one_at_a_time);
    int n = ocr_page(doc, page, pageno, err);
    pthread_mutex_unlock(&one_at_a_time);
    return n;
}
