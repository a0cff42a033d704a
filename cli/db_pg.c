/* db_pg.c - the PostgreSQL sink (--pg CONNINFO) through libpq: rows of a batch are buffered as CSV
 * and sent with COPY ... FROM STDIN inside one transaction, after deleting the inputs' earlier rows. */
#include "batch.h"

#include <dlfcn.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NB_PG_SCHEMA_LOCK 7351280 /* advisory lock key: shards creating the schema at once */

/* libpq is opened only when --pg is used: linking it costs every process ~15 ms of start-up
 * (it pulls in Kerberos, LDAP and TLS). The names below are the only libpq calls made here. */
#define PQ_CALLS(X)                                                                                \
    X(PQclear) X(PQresultStatus) X(PQexec) X(PQgetvalue) X(PQgetResult) X(PQstatus)                \
    X(PQsetClientEncoding) X(PQputCopyEnd) X(PQputCopyData) X(PQntuples) X(PQfinish)              \
    X(PQerrorMessage) X(PQconnectdb)
#define PQ_FIELD(name) __typeof__(name) *name;
static struct {
    PQ_CALLS(PQ_FIELD)
} pq;
#undef PQ_FIELD

/* Loads libpq once; 0 on success, else -1 with a one-line reason in err. */
static int pq_load(nb_err *err)
{
    static int state; /* 0 untried, 1 loaded, -1 failed */
    if (state)
        return state > 0 ? 0 : (nb_err_set(err, NB_EUNSUPPORTED, "libpq (libpq5) is not installed"), -1);
    void *h = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
    state = -1;
    if (!h)
        return nb_err_set(err, NB_EUNSUPPORTED, "cannot load libpq.so.5: %s", dlerror()), -1;
#define PQ_LOAD(name)                                                                              \
    if (!(*(void **)&pq.name = dlsym(h, #name)))                                                   \
        return nb_err_set(err, NB_EUNSUPPORTED, "libpq lacks %s", #name), -1;
    PQ_CALLS(PQ_LOAD)
#undef PQ_LOAD
    state = 1;
    return 0;
}

/* One input's rows in the buffers below: they start at off[t] in rows[t] and end where the next
 * input's start (or at the buffer's end). Kept so that a refused batch can be retried input by input. */
typedef struct {
    int64_t id;
    char *path;
    size_t off[NB_NTABLES];
} pg_input;

typedef struct {
    nb_sink base;
    PGconn *conn;
    nb_buf rows[NB_NTABLES]; /* CSV text waiting for COPY */
    pg_input *in;            /* the inputs of the open batch, in order */
    size_t nin, cap;
    size_t refused;          /* inputs the server refused, stored as errors rows instead */
} pg_sink;

static int fail(pg_sink *g, const char *what, PGresult *res)
{
    const char *m = pq.PQerrorMessage(g->conn);
    snprintf(g->base.err, sizeof g->base.err, "postgres: %.60s: %.*s", what, (int)strcspn(m, "\n"),
             m);
    if (res)
        pq.PQclear(res);
    return -1;
}

static int exec(pg_sink *g, const char *sql)
{
    PGresult *res = pq.PQexec(g->conn, sql);
    ExecStatusType st = pq.PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        return fail(g, sql, res);
    pq.PQclear(res);
    return 0;
}

static int pg_begin(nb_sink *s) { (void)s; return 0; } /* the transaction is opened at commit */

static int pg_forget(nb_sink *s, int64_t id, const char *path)
{
    pg_sink *g = (pg_sink *)s;
    pg_input *grown = nb_grow(g->in, g->nin, &g->cap, sizeof *grown, 64);
    if (!grown)
        return snprintf(s->err, sizeof s->err, "postgres: out of memory"), -1;
    g->in = grown;
    pg_input *in = &g->in[g->nin];
    if (!(in->path = strdup(path)))
        return snprintf(s->err, sizeof s->err, "postgres: out of memory"), -1;
    in->id = id;
    for (int t = 0; t < NB_NTABLES; t++)
        in->off[t] = g->rows[t].len;
    g->nin++;
    return 0;
}

static int pg_row(nb_sink *s, nb_table_id t, const nb_val *v)
{
    nb_csv_row(&((pg_sink *)s)->rows[t], &nb_tables[t], v);
    return 0;
}

static int copy(pg_sink *g, int t, const char *data, size_t len)
{
    nb_buf sql = NB_BUF_INIT;
    nb_buf_printf(&sql, "COPY %s FROM STDIN WITH (FORMAT csv)", nb_tables[t].name);
    PGresult *res = pq.PQexec(g->conn, sql.ptr);
    nb_buf_free(&sql);
    if (pq.PQresultStatus(res) != PGRES_COPY_IN)
        return fail(g, "COPY", res);
    pq.PQclear(res);
    int ok = pq.PQputCopyData(g->conn, data, (int)len) == 1;
    ok &= pq.PQputCopyEnd(g->conn, NULL) == 1;
    res = pq.PQgetResult(g->conn);
    ok &= pq.PQresultStatus(res) == PGRES_COMMAND_OK;
    pq.PQclear(res);
    while ((res = pq.PQgetResult(g->conn)))
        pq.PQclear(res);
    return ok ? 0 : fail(g, nb_tables[t].name, NULL);
}

/* Deletes the earlier rows of inputs [a, b), then COPYs their new rows, all tables. */
static int send_range(pg_sink *g, size_t a, size_t b)
{
    nb_buf ids = NB_BUF_INIT;
    for (size_t i = a; i < b; i++)
        nb_buf_printf(&ids, "%s%lld", i > a ? "," : "{", (long long)g->in[i].id);
    nb_buf_putc(&ids, '}');
    int rc = 0;
    for (int t = NB_NTABLES - 1; t >= 0 && !rc; t--) { /* children before documents */
        nb_buf sql = NB_BUF_INIT;
        nb_buf_printf(&sql, "DELETE FROM %s WHERE %s = ANY('%s'::bigint[])", nb_tables[t].name,
                      nb_tables[t].cols[0].name, nb_buf_cstr(&ids));
        rc = exec(g, sql.ptr);
        nb_buf_free(&sql);
    }
    nb_buf_free(&ids);
    for (int t = 0; t < NB_NTABLES && !rc; t++) { /* documents before children */
        size_t from = g->in[a].off[t], to = b < g->nin ? g->in[b].off[t] : g->rows[t].len;
        if (to > from)
            rc = copy(g, t, g->rows[t].ptr + from, to - from);
    }
    return rc;
}

/* One transaction for inputs [a, b); rolled back on any failure. */
static int tx_range(pg_sink *g, size_t a, size_t b)
{
    if (!exec(g, "BEGIN") && !send_range(g, a, b) && !exec(g, "COMMIT"))
        return 0;
    pq.PQclear(pq.PQexec(g->conn, "ROLLBACK"));
    return -1;
}

/* The server refused input i's rows (one bad value must not cost the batch): it becomes an errors row
 * of kind "store" with the server's reason, so that it is counted and a re-run retries it. */
static int store_refused(pg_sink *g, size_t i)
{
    nb_buf row = NB_BUF_INIT;
    nb_val v[7] = {{0, g->in[i].id, 0, NULL}, {0, 0, 0, g->in[i].path}, {1, 0, 0, NULL},
                   {1, 0, 0, NULL}, {0, 0, 0, "store"}, {0, 0, 0, g->base.err}, {1, 0, 0, NULL}};
    nb_csv_row(&row, &nb_tables[NB_T_ERRORS], v);
    char ids[64];
    snprintf(ids, sizeof ids, "{%lld}", (long long)g->in[i].id);
    int rc = exec(g, "BEGIN");
    for (int t = NB_NTABLES - 1; t >= 0 && !rc; t--) {
        nb_buf sql = NB_BUF_INIT;
        nb_buf_printf(&sql, "DELETE FROM %s WHERE %s = ANY('%s'::bigint[])", nb_tables[t].name,
                      nb_tables[t].cols[0].name, ids);
        rc = exec(g, sql.ptr);
        nb_buf_free(&sql);
    }
    rc = rc || copy(g, NB_T_ERRORS, row.ptr, row.len) || exec(g, "COMMIT");
    if (rc)
        pq.PQclear(pq.PQexec(g->conn, "ROLLBACK"));
    nb_buf_free(&row);
    g->refused += !rc;
    return rc ? -1 : 0;
}

static void batch_clear(pg_sink *g)
{
    for (int t = 0; t < NB_NTABLES; t++)
        nb_buf_clear(&g->rows[t]);
    for (size_t i = 0; i < g->nin; i++)
        free(g->in[i].path);
    g->nin = 0;
}

/* The batch in one transaction; if the server refuses it, each input in its own, and an input it
 * still refuses as an errors row. -1 only when something could not be stored at all. */
static int pg_commit(nb_sink *s)
{
    pg_sink *g = (pg_sink *)s;
    int rc = 0;
    if (g->nin && tx_range(g, 0, g->nin) != 0)
        for (size_t i = 0; i < g->nin; i++)
            if (tx_range(g, i, i + 1) != 0 && store_refused(g, i) != 0)
                rc = -1;
    batch_clear(g);
    return rc;
}

static int pg_load_known(nb_sink *s, nb_known *k)
{
    pg_sink *g = (pg_sink *)s;
    PGresult *res = pq.PQexec(g->conn, "SELECT path, sha256 FROM documents");
    if (pq.PQresultStatus(res) != PGRES_TUPLES_OK)
        return fail(g, "read documents", res);
    for (int i = 0; i < pq.PQntuples(res); i++)
        nb_known_add(k, pq.PQgetvalue(res, i, 0), pq.PQgetvalue(res, i, 1));
    pq.PQclear(res);
    return 0;
}

static void pg_close(nb_sink *s)
{
    pg_sink *g = (pg_sink *)s;
    if (g->refused)
        fprintf(stderr, "nianbao: postgres refused the rows of %zu input%s: stored as errors rows "
                "(kind store) instead\n", g->refused, g->refused > 1 ? "s" : "");
    batch_clear(g);
    free(g->in);
    for (int t = 0; t < NB_NTABLES; t++)
        nb_buf_free(&g->rows[t]);
    pq.PQfinish(g->conn);
    free(g);
}

static void pg_rollback(nb_sink *s) { batch_clear((pg_sink *)s); } /* nothing was sent yet */

static const nb_sink_ops pg_ops = {pg_load_known, pg_begin, pg_forget, pg_row, pg_commit, pg_rollback,
                                   pg_close, NULL};

static int create_schema(pg_sink *g)
{
    static const char *const types[3] = {"BIGINT", "DOUBLE PRECISION", "TEXT"};
    char lock[80];
    snprintf(lock, sizeof lock, "SELECT pg_advisory_lock(%d)", NB_PG_SCHEMA_LOCK);
    if (exec(g, "SET client_min_messages = warning") || exec(g, lock))
        return -1;
    int rc = 0;
    for (int t = 0; t < NB_NTABLES && !rc; t++) {
        nb_buf sql = NB_BUF_INIT;
        nb_sql_create(&sql, &nb_tables[t], types);
        rc = exec(g, sql.ptr);
        nb_buf_free(&sql);
    }
    for (int i = 0; nb_indexes[i] && !rc; i++)
        rc = exec(g, nb_indexes[i]);
    for (int i = 0; nb_indexes_bulk[i] && !rc; i++)
        rc = exec(g, nb_indexes_bulk[i]);
    snprintf(lock, sizeof lock, "SELECT pg_advisory_unlock(%d)", NB_PG_SCHEMA_LOCK);
    return exec(g, lock) || rc ? -1 : 0;
}

nb_sink *nb_sink_pg(const char *conninfo, nb_err *err)
{
    if (pq_load(err) != 0)
        return NULL;
    pg_sink *g = calloc(1, sizeof *g);
    if (!g) {
        nb_err_set(err, NB_ENOMEM, "out of memory");
        return NULL;
    }
    g->base.ops = &pg_ops;
    g->conn = pq.PQconnectdb(conninfo);
    if (pq.PQstatus(g->conn) != CONNECTION_OK)
        fail(g, "connect", NULL);
    else if (pq.PQsetClientEncoding(g->conn, "UTF8") != 0)
        fail(g, "client encoding", NULL);
    else if (create_schema(g) == 0)
        return &g->base;
    nb_err_set(err, NB_EIO, "%s", g->base.err);
    pg_close(&g->base);
    return NULL;
}
