/* fuzz_template.c - libFuzzer target for the template mapper: builds an nb_doc of tables (and a few
 * paragraphs) from the fuzz bytes, with cell texts drawn from the real template labels and numbers.
 * Seeds: gen_template_seeds.c writes real laid-out corpus tables in this byte format. */
#include "cli.h"
#include "template_words.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    add_words();
    return 0;
}

typedef struct {
    const uint8_t *p;
    size_t n;
} reader;

static unsigned take(reader *r)
{
    if (!r->n)
        return 0;
    r->n--;
    return *r->p++;
}

/* A cell text: a label word, a number, or up to 16 raw fuzz bytes. */
static void cell_text(reader *r, char *out, size_t cap)
{
    unsigned k = take(r);
    if (k < 160) {
        snprintf(out, cap, "%s", words[(k * 256 + take(r)) % nwords]);
    } else if (k < 230) {
        snprintf(out, cap, "%u", take(r) * (k & 7 ? 1u : 1000u));
    } else {
        size_t n = take(r) % 17;
        n = n < r->n ? n : r->n;
        n = n < cap - 1 ? n : cap - 1;
        for (size_t i = 0; i < n; i++) /* printable ASCII: laid-out text is valid UTF-8 */
            out[i] = (char)(0x20 + r->p[i] % 0x5F);
        out[n] = 0;
        r->p += n;
        r->n -= n;
    }
}

static void add_table(nb_doc *doc, reader *r)
{
    nb_table *t = nb_doc_add_table(doc);
    if (!t)
        return;
    int rows = 1 + (int)(take(r) % TW_MAX_ROWS), cols = 1 + (int)(take(r) % TW_MAX_COLS);
    char text[64];
    for (int y = 0; y < rows && r->n; y++)
        for (int x = 0; x < cols && r->n; x++) {
            unsigned span = take(r);
            if (span == TW_HOLE) /* no cell here: merged over by a span, or a hole in the grid */
                continue;
            int rs = span & 0x80 ? 1 + (int)(span & 7) : 1, cs = span & 0x40 ? 1 + (int)((span >> 3) & 7) : 1;
            if (span == 0xFF) /* a hostile span now and then */
                rs = (int)(take(r) * 64), cs = (int)(take(r) * 64);
            cell_text(r, text, sizeof text);
            nb_table_add_cell(doc, t, y, x, rs, cs, text, strlen(text));
        }
    nb_table_finish(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    reader r = {data, size};
    nb_doc *doc = nb_doc_new((nb_format)(1 + take(&r) % 4), "fuzz");
    if (!doc)
        return 0;
    char text[64];
    for (int blocks = 0; r.n && blocks < 64; blocks++) {
        if (take(&r) & 1) {
            add_table(doc, &r);
        } else {
            cell_text(&r, text, sizeof text);
            nb_block *b = nb_doc_add_text(doc, NB_BLOCK_PARA, text, strlen(text));
            if (b)
                b->level = (int)(take(&r) % 4);
        }
    }
    nb_err err = {0};
    nb_report *rep = nb_report_build(doc, &err);
    if (rep) {
        nb_report_check(rep);
        (void)nb_report_failed(rep);
        nb_buf out = NB_BUF_INIT;
        nb_write_json(rep, &out, 0);
        nb_buf_free(&out);
        nb_report_free(rep);
    }
    return 0;
}
