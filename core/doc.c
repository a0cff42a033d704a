/* doc.c - the document model: blocks of paragraphs and tables, with cells carrying spans.
 * Every string lives in the document's arena, so nb_doc_free releases all at once. */
#include "core.h"

#include <stdlib.h>
#include <string.h>

static const char *const format_names[] = {"unknown", "text", "docx", "pdf", "html",
                                            "doc",     "wps",  "rtf",  "odt"};
#define NFORMATS (sizeof format_names / sizeof format_names[0])

const char *nb_format_name(nb_format f)
{
    return (unsigned)f < NFORMATS ? format_names[f] : "unknown";
}

nb_format nb_format_parse(const char *name)
{
    for (size_t f = 0; name && f < NFORMATS; f++)
        if (!strcmp(name, format_names[f]))
            return (nb_format)f;
    return NB_FMT_UNKNOWN;
}

nb_doc *nb_doc_new(nb_format format, const char *path)
{
    nb_doc *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->format = format;
    d->path = path ? nb_arena_strndup(&d->arena, path, strlen(path)) : NULL;
    return d;
}

static void table_release(nb_table *t)
{
    if (t)
        free(t->cells);
}

void nb_doc_free(nb_doc *doc)
{
    if (!doc)
        return;
    for (size_t i = 0; i < doc->nblocks; i++)
        if (doc->blocks[i].kind == NB_BLOCK_TABLE)
            table_release(doc->blocks[i].table);
    free(doc->blocks);
    free(doc->warnings);
    nb_arena_free(&doc->arena);
    free(doc);
}

static nb_block *push_block(nb_doc *doc)
{
    if (doc->nblocks >= NB_MAX_BLOCKS) {
        nb_doc_warn(doc, "more than %u blocks: the rest of the document is ignored",
                    NB_MAX_BLOCKS); /* repeated warnings are folded into one */
        return NULL;
    }
    nb_block *grown = nb_grow(doc->blocks, doc->nblocks, &doc->cap, sizeof *grown, 64);
    if (!grown)
        return NULL;
    doc->blocks = grown;
    nb_block *b = &doc->blocks[doc->nblocks++];
    memset(b, 0, sizeof *b);
    return b;
}

/* The arena copy of text every string of the model goes through: the model holds only valid
 * UTF-8, so a reader's damaged bytes become U+FFFD here (with one warning) and never reach
 * cleaning, regexes or writers. */
static char *text_copy(nb_doc *doc, const char *text, size_t len)
{
    if (nb_utf8_valid(text, len))
        return nb_arena_strndup(&doc->arena, text, len);
    nb_buf fixed = NB_BUF_INIT;
    size_t bad = nb_buf_put_utf8(&fixed, text, len);
    char *copy = fixed.oom ? NULL : nb_arena_strndup(&doc->arena, fixed.ptr, fixed.len);
    nb_buf_free(&fixed);
    if (copy && bad)
        nb_doc_warn(doc, "invalid UTF-8 in the extracted text: damaged bytes replaced by U+FFFD");
    return copy;
}

nb_block *nb_doc_add_text(nb_doc *doc, nb_block_kind kind, const char *text, size_t len)
{
    const char *copy = text_copy(doc, text, len);
    if (!copy)
        return NULL;
    nb_block *b = push_block(doc);
    if (!b)
        return NULL;
    b->kind = kind;
    b->text = copy;
    return b;
}

nb_table *nb_doc_add_table(nb_doc *doc)
{
    nb_table *t = nb_arena_alloc(&doc->arena, sizeof *t);
    if (!t)
        return NULL;
    memset(t, 0, sizeof *t);
    nb_block *b = push_block(doc);
    if (!b)
        return NULL;
    b->kind = NB_BLOCK_TABLE;
    b->table = t;
    return t;
}

nb_cell *nb_table_add_cell(nb_doc *doc, nb_table *t, int row, int col, int rowspan, int colspan,
                           const char *text, size_t len)
{
    if (t->ncells >= NB_MAX_TABLE_CELLS || row < 0 || col < 0 || row >= NB_MAX_TABLE_DIM ||
        col >= NB_MAX_TABLE_DIM)
        return NULL;
    if (rowspan < 1)
        rowspan = 1;
    if (colspan < 1)
        colspan = 1;
    if (rowspan > NB_MAX_TABLE_DIM - row)
        rowspan = NB_MAX_TABLE_DIM - row;
    if (colspan > NB_MAX_TABLE_DIM - col)
        colspan = NB_MAX_TABLE_DIM - col;
    nb_cell *grown = nb_grow(t->cells, t->ncells, &t->cap, sizeof *grown, 32);
    if (!grown)
        return NULL;
    t->cells = grown;
    const char *copy = text_copy(doc, text ? text : "", text ? len : 0);
    if (!copy)
        return NULL;
    nb_cell *c = &t->cells[t->ncells++];
    memset(c, 0, sizeof *c);
    c->text = copy;
    c->row = row;
    c->col = col;
    c->rowspan = rowspan;
    c->colspan = colspan;
    if (row + rowspan > t->nrows)
        t->nrows = row + rowspan;
    if (col + colspan > t->ncols)
        t->ncols = col + colspan;
    return c;
}

static int cell_cmp(const void *a, const void *b)
{
    const nb_cell *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    return (x->col > y->col) - (x->col < y->col);
}

void nb_table_finish(nb_table *t)
{
    if (t->ncells > 1)
        qsort(t->cells, t->ncells, sizeof *t->cells, cell_cmp);
}

const nb_cell *nb_table_at(const nb_table *t, int row, int col)
{
    /* Cells are sorted by top-left; a spanning cell may start on an earlier row. */
    for (size_t i = 0; i < t->ncells; i++) {
        const nb_cell *c = &t->cells[i];
        if (c->row > row)
            break;
        if (row < c->row + c->rowspan && col >= c->col && col < c->col + c->colspan)
            return c;
    }
    return NULL;
}

void nb_doc_warn(nb_doc *doc, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof msg) /* cut: never in the middle of a character (warnings are JSON strings) */
        msg[nb_utf8_cut(msg, strlen(msg), sizeof msg - 1)] = 0;
    if (doc->nwarnings >= 1000) /* a hostile file must not grow the warning list without end */
        return;
    for (size_t i = 0; i < doc->nwarnings; i++)
        if (!strcmp(doc->warnings[i], msg))
            return; /* same damage reported once */
    if (doc->nwarnings == doc->wcap) {
        size_t cap = doc->wcap ? doc->wcap * 2 : 8;
        char **w = realloc(doc->warnings, cap * sizeof *w);
        if (!w)
            return;
        doc->warnings = w;
        doc->wcap = cap;
    }
    char *copy = nb_arena_strndup(&doc->arena, msg, strlen(msg));
    if (copy)
        doc->warnings[doc->nwarnings++] = copy;
}

void nb_doc_set_blocks(nb_doc *doc, nb_block *blocks, size_t n, size_t cap)
{
    /* Tables referenced by the old list but not the new one are released by the caller. */
    free(doc->blocks);
    doc->blocks = blocks;
    doc->nblocks = n;
    doc->cap = cap;
}

const char *nb_doc_strdup(nb_doc *doc, const char *s, size_t n)
{
    return text_copy(doc, s, n);
}
