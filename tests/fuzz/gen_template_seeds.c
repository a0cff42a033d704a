/* gen_template_seeds.c - seeds for fuzz_template: reads real documents through extract and layout and
 * writes each one's tables and headings in the byte format fuzz_template.c decodes (one seed per file). */
#include "extract.h"
#include "layout.h"
#include "template_words.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_BLOCKS 64 /* fuzz_template reads at most this many blocks */
#define RAW_MAX 16    /* raw cell text: at most this many printable ASCII bytes */

typedef struct {
    unsigned char *p;
    size_t n, cap;
} bytes;

static void put(bytes *b, unsigned v)
{
    if (b->n == b->cap) {
        b->cap = b->cap ? 2 * b->cap : 4096;
        b->p = realloc(b->p, b->cap);
        if (!b->p)
            abort();
    }
    b->p[b->n++] = (unsigned char)v;
}

static int find_word(const char *s)
{
    for (size_t i = 0; i < nwords; i++)
        if (!strcmp(words[i], s))
            return (int)i;
    return -1;
}

/* The longest vocabulary word inside s ("一、本年新收政府信息公开申请数量" -> its label), or -1. */
static int best_word(const char *s)
{
    int best = -1;
    size_t blen = 2;
    for (size_t i = 0; i < nwords; i++) {
        size_t n = strlen(words[i]);
        if (n > blen && strstr(s, words[i]))
            best = (int)i, blen = n;
    }
    return best;
}

static int printable_ascii(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < 0x20 || s[i] > 0x7E)
            return 0;
    return 1;
}

/* Encodes one cell text as fuzz_template's cell_text reads it; returns 0 when only "" fits. */
static int put_text(bytes *b, const char *text)
{
    char s[256];
    while (*text && isspace((unsigned char)*text))
        text++;
    snprintf(s, sizeof s, "%s", text);
    for (size_t n = strlen(s); n && isspace((unsigned char)s[n - 1]); n--)
        s[n - 1] = 0;
    size_t len = strlen(s);
    int w = find_word(s);
    char *end;
    unsigned long v = s[0] >= '0' && s[0] <= '9' ? strtoul(s, &end, 10) : 0;
    if (w < 0 && s[0] >= '0' && s[0] <= '9' && !*end && (v <= 255 || (v % 1000 == 0 && v / 1000 <= 255))) {
        put(b, v <= 255 ? 161 : 160); /* k & 7 == 0: the byte counts thousands */
        put(b, (unsigned)(v <= 255 ? v : v / 1000));
        return 1;
    }
    if (w < 0 && len && len <= RAW_MAX && printable_ascii(s, len)) {
        put(b, 230);
        put(b, (unsigned)len);
        for (size_t i = 0; i < len; i++)
            put(b, (unsigned)(s[i] - 0x20));
        return 1;
    }
    if (w < 0)
        w = best_word(s);
    if (w < 0)
        w = 0; /* "" */
    put(b, (unsigned)w / 256);
    put(b, (unsigned)w % 256);
    return w != 0;
}

static unsigned span_byte(const nb_cell *c, int rows_left)
{
    int rs = c->rowspan < rows_left ? c->rowspan : rows_left, cs = c->colspan;
    rs = rs > 8 ? 8 : rs;
    cs = cs > 8 ? 8 : cs;
    if (rs == 8 && cs == 8) /* 0xFF is fuzz_template's hostile span */
        cs = 7;
    return (rs > 1 ? 0x80u | (unsigned)(rs - 1) : 0) | (cs > 1 ? 0x40u | (unsigned)(cs - 1) << 3 : 0);
}

static void put_table(bytes *b, const nb_table *t)
{
    int rows = t->nrows < TW_MAX_ROWS ? t->nrows : TW_MAX_ROWS;
    int cols = t->ncols < TW_MAX_COLS ? t->ncols : TW_MAX_COLS;
    put(b, 1); /* odd: a table */
    put(b, (unsigned)(rows - 1));
    put(b, (unsigned)(cols - 1));
    for (int y = 0; y < rows; y++)
        for (int x = 0; x < cols; x++) {
            const nb_cell *c = nb_table_at(t, y, x);
            if (!c || c->row != y || c->col != x) {
                put(b, TW_HOLE);
                continue;
            }
            put(b, span_byte(c, rows - y));
            put_text(b, c->text ? c->text : "");
        }
}

/* Paragraphs that map onto a vocabulary word (headings, agency, year), while blocks remain. */
static void encode(bytes *b, const nb_doc *d)
{
    size_t tables = 0;
    for (size_t i = 0; i < d->nblocks; i++)
        tables += d->blocks[i].kind == NB_BLOCK_TABLE && d->blocks[i].table->nrows > 0;
    size_t paras = tables < MAX_BLOCKS ? MAX_BLOCKS - tables : 0, used = 0;
    put(b, (unsigned)(d->format ? d->format - 1 : 0));
    for (size_t i = 0; i < d->nblocks && used < MAX_BLOCKS; i++) {
        const nb_block *k = &d->blocks[i];
        if (k->kind == NB_BLOCK_TABLE && k->table->nrows > 0 && k->table->ncols > 0) {
            put_table(b, k->table);
            used++;
        } else if (k->kind == NB_BLOCK_PARA && paras && k->text) {
            size_t mark = b->n;
            put(b, 0); /* even: a paragraph */
            if (!put_text(b, k->text)) {
                b->n = mark;
                continue;
            }
            put(b, (unsigned)(k->level > 0 ? k->level : 0));
            paras--, used++;
        }
    }
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: gen_template_seeds OUTDIR FILE...\n");
        return 2;
    }
    add_words();
    int written = 0;
    for (int i = 2; i < argc; i++) {
        nb_err err = {0};
        nb_doc *d = nb_extract_path(argv[i], &err);
        if (!d || nb_layout(d, &err) != NB_OK) {
            nb_doc_free(d);
            continue; /* not a readable report: no seed */
        }
        bytes b = {0};
        encode(&b, d);
        nb_doc_free(d);
        const char *base = strrchr(argv[i], '/');
        char out[4096];
        snprintf(out, sizeof out, "%s/%s.grid", argv[1], base ? base + 1 : argv[i]);
        FILE *f = fopen(out, "wb");
        if (!f || fwrite(b.p, 1, b.n, f) != b.n || fclose(f)) {
            fprintf(stderr, "gen_template_seeds: cannot write %s\n", out);
            free(b.p);
            return 1;
        }
        free(b.p);
        written++;
    }
    printf("gen_template_seeds: %d seeds\n", written);
    return written ? 0 : 1;
}
