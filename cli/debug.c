/* debug.c - nianbao debug FILE.pdf -o DIR: one PNG per page showing what nianbao saw there: the ruling
 * lines found (red), the cells of tables read from them (blue), and each cell a value was read from (green)
 * with the value id it became. */
#include "cli.h"
#include "extract.h"
#include "layout.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define DEBUG_PX_PER_PT 2.0 /* resolution of the pictures */

typedef struct {
    nb_overlay *v;
    size_t n, cap;
} overlays;

static int add(overlays *o, nb_overlay_kind kind, nb_box box, const char *label)
{
    if (box.page <= 0)
        return 1;
    nb_overlay *grown = nb_grow(o->v, o->n, &o->cap, sizeof *grown, 256);
    if (!grown)
        return 0;
    o->v = grown;
    o->v[o->n++] = (nb_overlay){kind, box, label};
    return 1;
}

static char *read_all(const char *path, size_t *len, nb_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        nb_err_set(err, NB_EIO, "%s", strerror(errno));
        return NULL;
    }
    size_t cap = nb_limits_get()->input_bytes, n = 0, got;
    char *buf = malloc(1 << 16);
    size_t size = 1 << 16;
    while (buf && (got = fread(buf + n, 1, size - n, f)) > 0) {
        n += got;
        if (n == size && size < cap) {
            char *b = realloc(buf, size * 2 > cap ? cap : size * 2);
            if (!b)
                free(buf);
            buf = b;
            size = size * 2 > cap ? cap : size * 2;
        } else if (n == size) {
            break;
        }
    }
    fclose(f);
    if (!buf)
        nb_err_set(err, NB_ENOMEM, "out of memory");
    *len = n;
    return buf;
}

/* Rules (before layout consumes them), cells of tables with positions, and value sources. */
static int collect(const char *buf, size_t len, const char *path, overlays *o, nb_err *err)
{
    nb_doc *doc = nb_extract_mem(buf, len, path, err);
    if (!doc)
        return 0;
    if (doc->format != NB_FMT_PDF) {
        nb_err_set(err, NB_EUNSUPPORTED, "debug draws PDF pages only (this is %s)", nb_format_name(doc->format));
        nb_doc_free(doc);
        return 0;
    }
    int ok = 1;
    for (size_t i = 0; ok && i < doc->nblocks; i++)
        if (doc->blocks[i].kind == NB_BLOCK_RULE)
            ok = add(o, NB_OV_RULE, doc->blocks[i].box, NULL);
    if (!ok || nb_layout(doc, err) != NB_OK) {
        nb_doc_free(doc);
        return ok ? 0 : (nb_err_set(err, NB_ENOMEM, "out of memory"), 0);
    }
    for (size_t i = 0; ok && i < doc->nblocks; i++)
        for (size_t k = 0; doc->blocks[i].kind == NB_BLOCK_TABLE && ok && k < doc->blocks[i].table->ncells; k++)
            ok = add(o, NB_OV_CELL, doc->blocks[i].table->cells[k].box, NULL);
    nb_report *r = ok ? nb_report_build(doc, err) : NULL;
    if (!r) {
        if (!ok)
            nb_doc_free(doc);
        return 0;
    }
    for (int i = 0; ok && i < NB_NVALUES; i++)
        if (r->have[i])
            ok = add(o, NB_OV_VALUE, r->src[i], nb_fields[i].id);
    nb_report_free(r);
    return ok;
}

int nb_debug_pdf(const char *path, const char *dir, nb_err *err)
{
    size_t len = 0;
    char *buf = read_all(path, &len, err);
    if (!buf)
        return -1;
    overlays o = {NULL, 0, 0};
    int pages = -1;
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        nb_err_set(err, NB_EIO, "cannot create %s: %s", dir, strerror(errno));
    else if (collect(buf, len, path, &o, err))
        pages = nb_pdf_draw_pages(buf, len, o.v, o.n, DEBUG_PX_PER_PT, dir, err);
    free(o.v);
    free(buf);
    return pages;
}
