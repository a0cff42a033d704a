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

#endif
