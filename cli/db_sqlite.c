/* db_sqlite.c - the SQLite sink (--db FILE): WAL journal, one transaction per batch of documents,
 * prepared statements; an input's earlier rows are deleted before its new ones go in. */
#include "batch.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NB_SQLITE_PAGE "16384"     /* page of a new database: fewer B-tree levels and splits (-25% CPU) */
#define NB_SQLITE_CACHE_KB "65536"  /* page cache of the writer: the indexes of a national run stay hot */

typedef struct {
    nb_sink base;
    sqlite3 *db;
    sqlite3_stmt *ins[NB_NTABLES], *del[NB_NTABLES];
    int bulk; /* field_values was empty at open: query-only indexes are built at close */
} sq_sink;

static int fail(sq_sink *q, const char *what)
{
    snprintf(q->base.err, sizeof q->base.err, "sqlite: %s: %s", what, sqlite3_errmsg(q->db));
    return -1;
}

static int exec(sq_sink *q, const char *sql)
{
    return sqlite3_exec(q->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : fail(q, sql);
}

static int prepare(sq_sink *q, int t)
{
    const nb_tabledef *d = &nb_tables[t];
    nb_buf sql = NB_BUF_INIT;
    nb_buf_printf(&sql, "INSERT INTO %s VALUES (", d->name);
    for (int i = 0; i < d->ncols; i++)
        nb_buf_puts(&sql, i ? ",?" : "?");
    nb_buf_puts(&sql, ")");
    int rc = sqlite3_prepare_v2(q->db, sql.ptr, -1, &q->ins[t], NULL);
    nb_buf_clear(&sql);
    nb_buf_printf(&sql, "DELETE FROM %s WHERE %s = ?", d->name, d->cols[0].name);
    rc |= sqlite3_prepare_v2(q->db, sql.ptr, -1, &q->del[t], NULL);
    nb_buf_free(&sql);
    return rc == SQLITE_OK ? 0 : fail(q, "prepare");
}

static int sq_begin(nb_sink *s) { return exec((sq_sink *)s, "BEGIN IMMEDIATE"); }
static int sq_commit(nb_sink *s) { return exec((sq_sink *)s, "COMMIT"); }
static void sq_rollback(nb_sink *s)
{
    sq_sink *q = (sq_sink *)s;
    if (!sqlite3_get_autocommit(q->db)) /* SQLite may have rolled back by itself (disk full) */
        sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
}

static int step(sq_sink *q, sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : fail(q, "write");
}

static int sq_forget(nb_sink *s, int64_t id, const char *path)
{
    (void)path;
    sq_sink *q = (sq_sink *)s;
    int rc = 0;
    for (int t = NB_NTABLES - 1; t >= 0; t--) { /* children before documents */
        sqlite3_bind_int64(q->del[t], 1, id);
        rc |= step(q, q->del[t]);
    }
    return rc;
}

static int sq_row(nb_sink *s, nb_table_id t, const nb_val *v)
{
    sq_sink *q = (sq_sink *)s;
    sqlite3_stmt *st = q->ins[t];
    for (int i = 0; i < nb_tables[t].ncols; i++) {
        if (v[i].isnull)
            sqlite3_bind_null(st, i + 1);
        else if (nb_tables[t].cols[i].type == NB_COL_INT)
            sqlite3_bind_int64(st, i + 1, v[i].i);
        else if (nb_tables[t].cols[i].type == NB_COL_REAL)
            sqlite3_bind_double(st, i + 1, v[i].d);
        else
            sqlite3_bind_text(st, i + 1, v[i].s, -1, SQLITE_STATIC);
    }
    return step(q, st);
}

static int sq_load_known(nb_sink *s, nb_known *k)
{
    sq_sink *q = (sq_sink *)s;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(q->db, "SELECT path, sha256 FROM documents", -1, &st, NULL))
        return fail(q, "read documents");
    while (sqlite3_step(st) == SQLITE_ROW)
        nb_known_add(k, (const char *)sqlite3_column_text(st, 0),
                     (const char *)sqlite3_column_text(st, 1));
    sqlite3_finalize(st);
    return 0;
}

static void sq_close(nb_sink *s)
{
    sq_sink *q = (sq_sink *)s;
    for (int i = 0; q->bulk && nb_indexes_bulk[i]; i++) /* on failure the next open builds it */
        exec(q, nb_indexes_bulk[i]);
    for (int t = 0; t < NB_NTABLES; t++) {
        sqlite3_finalize(q->ins[t]);
        sqlite3_finalize(q->del[t]);
    }
    sqlite3_close(q->db);
    free(q);
}

static const nb_sink_ops sq_ops = {sq_load_known, sq_begin, sq_forget, sq_row, sq_commit, sq_rollback,
                                   sq_close, NULL};

/* Into an empty database the query-only indexes wait for close (one sorted build instead of
 * 200 scattered B-tree inserts per document); otherwise they are created now if missing. */
static int bulk_indexes(sq_sink *q)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(q->db, "SELECT 1 FROM field_values LIMIT 1", -1, &st, NULL))
        return fail(q, "read field_values");
    q->bulk = sqlite3_step(st) != SQLITE_ROW;
    sqlite3_finalize(st);
    for (int i = 0; !q->bulk && nb_indexes_bulk[i]; i++)
        if (exec(q, nb_indexes_bulk[i]))
            return -1;
    return 0;
}

static int create_schema(sq_sink *q)
{
    static const char *const types[3] = {"INTEGER", "REAL", "TEXT"};
    static const char *const pragmas[] = {
        "PRAGMA page_size=" NB_SQLITE_PAGE, "PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA temp_store=MEMORY",
        "PRAGMA cache_size=-" NB_SQLITE_CACHE_KB, /* the default 2 MB re-reads pages per document */
    };
    for (size_t i = 0; i < sizeof pragmas / sizeof pragmas[0]; i++)
        if (exec(q, pragmas[i]))
            return -1;
    for (int t = 0; t < NB_NTABLES; t++) {
        nb_buf sql = NB_BUF_INIT;
        nb_sql_create(&sql, &nb_tables[t], types);
        if (strstr(nb_tables[t].tail, "PRIMARY KEY"))
            nb_buf_puts(&sql, " WITHOUT ROWID"); /* one B-tree instead of table + key index */
        int rc = exec(q, sql.ptr);
        nb_buf_free(&sql);
        if (rc || prepare(q, t))
            return -1;
    }
    for (int i = 0; nb_indexes[i]; i++)
        if (exec(q, nb_indexes[i]))
            return -1;
    return bulk_indexes(q);
}

nb_sink *nb_sink_sqlite(const char *file, nb_err *err)
{
    sq_sink *q = calloc(1, sizeof *q);
    if (!q) {
        nb_err_set(err, NB_ENOMEM, "out of memory");
        return NULL;
    }
    q->base.ops = &sq_ops;
    if (sqlite3_open_v2(file, &q->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
        fail(q, "open");
    else {
        sqlite3_busy_timeout(q->db, 30000);
        if (create_schema(q) == 0)
            return &q->base;
    }
    nb_err_set(err, NB_EIO, "%s: %s", file, q->base.err);
    sq_close(&q->base);
    return NULL;
}

/* ---- reading a database back (nianbao check --db): one nb_result per documents/errors row, a
 * document's with its record (nb_report_new: agency, year, format, checks, values) ---- */
typedef struct {
    sqlite3 *db;
    sqlite3_stmt *rows, *checks, *values;
} sq_reader;

static void read_checks(sq_reader *rd, int64_t id, nb_report *r)
{
    size_t cap = 0;
    sqlite3_bind_int64(rd->checks, 1, id);
    while (sqlite3_step(rd->checks) == SQLITE_ROW) {
        if (r->nchecks == cap) {
            nb_check *v = realloc(r->checks, (cap = cap ? cap * 2 : 64) * sizeof *v);
            if (!v)
                break;
            r->checks = v;
        }
        nb_check *c = &r->checks[r->nchecks++];
        const char *rule = (const char *)sqlite3_column_text(rd->checks, 0);
        const char *detail = (const char *)sqlite3_column_text(rd->checks, 2);
        snprintf(c->rule, sizeof c->rule, "%s", rule ? rule : "");
        snprintf(c->detail, sizeof c->detail, "%s", detail ? detail : "");
        c->ok = sqlite3_column_type(rd->checks, 1) == SQLITE_NULL ? NB_CHECK_MISSING
              : sqlite3_column_int(rd->checks, 1) ? NB_CHECK_OK : NB_CHECK_FAIL;
    }
    sqlite3_reset(rd->checks);
}

static void read_values(sq_reader *rd, int64_t id, nb_report *r)
{
    sqlite3_bind_int64(rd->values, 1, id);
    while (sqlite3_step(rd->values) == SQLITE_ROW) {
        int i = nb_field_index((const char *)sqlite3_column_text(rd->values, 0));
        if (i >= 0) {
            r->have[i] = 1;
            r->values[i] = sqlite3_column_double(rd->values, 1);
        }
    }
    sqlite3_reset(rd->values);
}

static const char *const read_sql[3] = {
    "SELECT 0, id, path, agency, year, format, sha256, NULL, NULL FROM documents UNION ALL "
    "SELECT 1, id, path, NULL, NULL, NULL, sha256, kind, reason FROM errors ORDER BY 3",
    "SELECT rule, ok, detail FROM checks WHERE document_id = ?",
    "SELECT field, value FROM field_values WHERE document_id = ?",
};

static void read_row(sq_reader *rd, size_t index, nb_result_fn fn, void *ctx)
{
    sqlite3_stmt *st = rd->rows;
    nb_result r = {0};
    int64_t id = sqlite3_column_int64(st, 1);
    r.index = index;
    r.path = (const char *)sqlite3_column_text(st, 2);
    r.kind = sqlite3_column_int(st, 0) ? NB_RES_ERROR : NB_RES_DOC;
    const char *sha = (const char *)sqlite3_column_text(st, 6);
    snprintf(r.sha256, sizeof r.sha256, "%s", sha ? sha : "");
    r.size = -1;
    r.err_kind = (const char *)sqlite3_column_text(st, 7);
    r.reason = (const char *)sqlite3_column_text(st, 8);
    if (r.kind == NB_RES_DOC &&
        (r.rec = nb_report_new(nb_format_parse((const char *)sqlite3_column_text(st, 5)), r.path))) {
        const char *agency = (const char *)sqlite3_column_text(st, 3);
        r.rec->agency = agency ? nb_doc_strdup(r.rec->doc, agency, strlen(agency)) : NULL;
        r.rec->year = sqlite3_column_int(st, 4);
        read_checks(rd, id, r.rec);
        read_values(rd, id, r.rec);
    }
    fn(&r, ctx);
    nb_result_free(&r);
}

int nb_sqlite_read(const char *file, nb_result_fn fn, void *ctx, nb_err *err)
{
    sq_reader rd = {0};
    int rc = sqlite3_open_v2(file, &rd.db, SQLITE_OPEN_READONLY, NULL);
    sqlite3_stmt **st[3] = {&rd.rows, &rd.checks, &rd.values};
    for (int i = 0; i < 3 && rc == SQLITE_OK; i++)
        rc = sqlite3_prepare_v2(rd.db, read_sql[i], -1, st[i], NULL);
    size_t n = 0;
    while (rc == SQLITE_OK && (rc = sqlite3_step(rd.rows)) == SQLITE_ROW) {
        read_row(&rd, n++, fn, ctx);
        rc = SQLITE_OK;
    }
    if (rc != SQLITE_DONE)
        nb_err_set(err, NB_EIO, "%s: sqlite: %s", file,
                   rd.db ? sqlite3_errmsg(rd.db) : "out of memory");
    for (int i = 0; i < 3; i++)
        sqlite3_finalize(*st[i]);
    sqlite3_close(rd.db);
    return rc == SQLITE_DONE ? 0 : -1;
}
