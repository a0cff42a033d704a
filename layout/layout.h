/* layout.h - rebuilding what extraction broke: text cleaning and traditional->simplified,
 * lines into paragraphs, positioned text into table grids, rows broken over lines into rows. */
#ifndef NB_LAYOUT_H
#define NB_LAYOUT_H

#include "core.h"

/* Runs every layout pass the document's format needs, in place: after it the doc holds only
 * PARA and TABLE blocks, cleaned and in simplified script. */
nb_code nb_layout(nb_doc *doc, nb_err *err);

/* Text cleaning for one string (all formats): markup converters leave behind ([bookmark: ..],
 * [image: ..], **bold**, <url>), pinyin glosses (區(qū) -> 區), full-width digits and letters to
 * ASCII, stray spaces between Han characters, traditional -> simplified (OpenCC).
 * Returns a malloc'ed string (caller frees), NULL on OOM. *outlen may be NULL. */
char *nb_clean(const char *s, size_t len, size_t *outlen);
/* The same, but spaces between Han characters are kept (text lines, where they may separate cells). */
char *nb_clean_ex(const char *s, size_t len, size_t *outlen, int keep_spaces);
/* Only the traditional -> simplified step (OpenCC t2s); malloc'ed result, NULL on OOM. */
char *nb_t2s(const char *s, size_t len, size_t *outlen);
/* Removes spaces between two CJK characters and, when prose, between a Han character and a digit
 * ("2024 年" -> "2024年"; never for rows where a space separates cells). In place; new length. */
size_t nb_tighten(char *s, size_t len, int prose);

/* Text input: LINE blocks -> paragraphs and tables (tab rows, cell-per-line, flattened rows). */
nb_code nb_layout_text(nb_doc *doc, nb_err *err);
/* Crawler text (crawler.c): reads a metadata header (标题/发布机构 …) and drops navigation chrome;
 * when a line holds the whole report (headings run into their text, table cells glued), it lays
 * the document out itself and returns 1 (*rc the status); 0: nb_layout_text reads the lines. */
int nb_layout_crawler(nb_doc *doc, nb_err *err, nb_code *rc);
/* PDF input: SPAN blocks -> lines -> paragraphs and tables from geometry. */
nb_code nb_layout_pdf(nb_doc *doc, nb_err *err);

/* Outline level of a numbering at the start of s: 1 for 一、, 2 for （一）, 3 for 1. or 1、, else 0. */
int nb_numbering_level(const char *s, size_t len);

/* What a whole cell/token is as a number (non-zero: it is one, and takes a value cell's place):
 * NB_NUM_INT "12", "1,200" (whole, at most 2^53); NB_NUM_FRAC "3.5" (at most 15 significant digits);
 * NB_NUM_BAD the shape of a number that cannot be read with confidence ("1,2345", a whole number
 * over 2^53): *val is NaN. NB_NUM_NONE (0): not a number. *val gets the exact value otherwise. */
enum { NB_NUM_NONE = 0, NB_NUM_INT, NB_NUM_FRAC, NB_NUM_BAD };
int nb_parse_number(const char *s, size_t len, double *val);
/* Whether a whole cell/token says "no number here" as reports print it: NB_MARK_DASH for only dashes
 * (- – — ― －) or slashes (/ ／ backslash), spaces around them allowed ("——", " / "); not 无, which a
 * narrow table sets alone on a line of its labels (（四）无法提供 one character a line). NB_MARK_BROKEN
 * for only U+FFFD: a converter that cuts cells in bytes (Debian's html2text) leaves one where "—"
 * stood, and where a header word stood too, so it counts only among a row's numbers. 0 otherwise.
 * Such a cell holds its column's place and its value is null. nb_has_dash_mark: s holds a dash or
 * slash anywhere (no template label does: a row label that holds one took a mark in; a U+FFFD there is
 * a label's own character cut). */
enum { NB_MARK_DASH = 1, NB_MARK_BROKEN };
int nb_no_number_mark(const char *s, size_t len);
int nb_has_dash_mark(const char *s, size_t len);

/* ---- glued digit runs (digitruns.c): the cells of a row printed with no break between them ---- */
typedef struct {
    char c[NB_MAX_RUN_CHARS + 1];       /* the run without its spaces: digits and '.' */
    unsigned char space[NB_MAX_RUN_CHARS]; /* space[i]: a space was printed before c[i] */
    int len;
} nb_run;

/* Reads s as a run (digits, '.', spaces; a digit first and last); 0 when it is not one or too long. */
int nb_run_parse(const char *s, size_t len, nb_run *run);
/* Number of ways to cut the run into n numbers without leading zeros ("0" and "0.5" are fine);
 * saturates at NB_MAX_RUN_STEPS. */
long nb_run_count(const nb_run *run, int n);
/* The reading the spaces print when they cut the run into exactly n numbers: 1 and out[0..n) set. */
int nb_run_spaced(const nb_run *run, int n, double *out);
/* The cuts into n numbers in which each group of g consecutive numbers ends in the sum of the
 * others (g = 0: every cut). Up to max readings go to out (n doubles each); returns how many
 * exist (at most max + 1), or -1 when NB_MAX_RUN_STEPS was reached first. */
int nb_run_splits(const nb_run *run, int n, int g, double *out, int max);

#endif
