/* html_tree.h - the compact outline html.c builds while libxml2 streams a page: block elements
 * as nodes in document order, text runs ("leaves") between block boundaries. Internal to extract/. */
#ifndef NB_HTML_TREE_H
#define NB_HTML_TREE_H

#include "core.h"

typedef enum { HN_ROOT, HN_BLOCK, HN_HEADING, HN_TABLE, HN_ROW, HN_CELL } hn_kind;

typedef struct {
    int parent;            /* node index, -1 for the root */
    int end;               /* one past the last node of this subtree (nodes are in preorder) */
    size_t leaf0, leaf1;   /* the leaves inside this subtree: [leaf0, leaf1) */
    unsigned char kind;    /* hn_kind */
    unsigned char level;   /* HN_HEADING: 1..6 */
    unsigned short depth;  /* root = 0 */
    int rowspan, colspan;  /* HN_CELL */
} hn_node;

typedef struct {
    size_t off, len;       /* text in hn_tree.text: UTF-8, whitespace collapsed, no NUL inside */
    size_t linklen;        /* bytes of it inside <a> */
    int node;              /* innermost block node holding it */
    int bold;              /* all its visible text was inside <b>/<strong> */
} hn_leaf;

typedef struct {
    hn_node *nodes;
    size_t nnodes, ncap;
    hn_leaf *leaves;
    size_t nleaves, lcap;
    nb_buf text;
    nb_buf title;          /* the page's <title> text (the first one, at most HN_TITLE_MAX bytes) */
} hn_tree;

#define HN_TITLE_MAX 512 /* a <title> is a line: a report title and the site's name */

/* html_sax.c: parses a UTF-8 page into t (caller frees with hn_tree_free, also on failure);
 * lossy: the bytes may hold invalid UTF-8, replaced by U+FFFD on the way in.
 * *notes gets HN_NOTE_* for damage worth a warning. Returns 0 with err set on failure. */
#define HN_NOTE_DEEP 1u /* nesting went past NB_MAX_XML_DEPTH: structure below flattened */
#define HN_NOTE_CUT 2u  /* a run past NB_MAX_HTML_RUN without markup was cut to its two ends */
int nb_html_parse(const char *utf8, size_t len, int lossy, hn_tree *t, unsigned *notes,
                  nb_err *err);
void hn_tree_free(hn_tree *t);

/* html_main.c: picks the report out of the page and fills doc with its paragraphs and tables.
 * Returns 0 on OOM. */
int nb_html_emit(const hn_tree *t, nb_doc *doc);

#endif
