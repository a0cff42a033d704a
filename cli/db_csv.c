/* db_csv.c - the CSV sink (--csv DIR): one RFC 4180 file per table with a header line, ready for
 * COPY t FROM 'DIR/t.csv' WITH (FORMAT csv, HEADER true). A full dump: files are rewritten each run. */
#include "batch.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct {
    nb_sink base;
    FILE *f[NB_NTABLES];
    nb_buf line;
} csv_sink;

static int csv_begin(nb_sink *s) { (void)s; return 0; }
static int csv_forget(nb_sink *s, int64_t id, const char *path) { (void)s; (void)id; (void)path; return 0; }

static int csv_row(nb_sink *s, nb_table_id t, const nb_val *v)
{
    csv_sink *c = (csv_sink *)s;
    nb_buf_clear(&c->line);
    nb_csv_row(&c->line, &nb_tables[t], v);
    if (fwrite(c->line.ptr, 1, c->line.len, c->f[t]) != c->line.len) {
        snprintf(s->err, sizeof s->err, "csv: write %s.csv: %s", nb_tables[t].name, strerror(errno));
        return -1;
    }
    return 0;
}

static int csv_commit(nb_sink *s)
{
    csv_sink *c = (csv_sink *)s;
    for (int t = 0; t < NB_NTABLES; t++)
        if (fflush(c->f[t]) != 0) {
            snprintf(s->err, sizeof s->err, "csv: write: %s", strerror(errno));
            return -1;
        }
    return 0;
}

static void csv_close(nb_sink *s)
{
    csv_sink *c = (csv_sink *)s;
    for (int t = 0; t < NB_NTABLES; t++)
        if (c->f[t])
            fclose(c->f[t]);
    nb_buf_free(&c->line);
    free(c);
}

static void csv_rollback(nb_sink *s) { (void)s; } /* a dump is rewritten by the next run anyway */

static const nb_sink_ops csv_ops = {NULL, csv_begin, csv_forget, csv_row, csv_commit, csv_rollback,
                                    csv_close, NULL};

nb_sink *nb_sink_csv(const char *dir, nb_err *err)
{
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        nb_err_set(err, NB_EIO, "%s: cannot create: %s", dir, strerror(errno));
        return NULL;
    }
    csv_sink *c = calloc(1, sizeof *c);
    if (!c) {
        nb_err_set(err, NB_ENOMEM, "out of memory");
        return NULL;
    }
    c->base.ops = &csv_ops;
    for (int t = 0; t < NB_NTABLES; t++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s.csv", dir, nb_tables[t].name);
        if (!(c->f[t] = fopen(path, "w"))) {
            nb_err_set(err, NB_EIO, "%s: %s", path, strerror(errno));
            csv_close(&c->base);
            return NULL;
        }
        for (int i = 0; i < nb_tables[t].ncols; i++)
            fprintf(c->f[t], "%s%s", i ? "," : "", nb_tables[t].cols[i].name);
        fputs("\r\n", c->f[t]);
    }
    return &c->base;
}
