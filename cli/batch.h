/* batch.h - the batch runner's internal contract: worker processes and their results, the output
 * sinks (SQLite, PostgreSQL, CSV) with the one table layout they share, progress, SHA-256. */
#ifndef NB_BATCH_H
#define NB_BATCH_H

#include "cli.h"

#include <stdint.h>
#include <sys/types.h>

/* ---- SHA-256 (sha256.c) ---- */
typedef struct {
    uint32_t h[8];
    uint64_t len;
    unsigned char blk[64];
    size_t nblk;
} nb_sha256;
void nb_sha256_init(nb_sha256 *s);
void nb_sha256_update(nb_sha256 *s, const void *data, size_t n);
void nb_sha256_hex(nb_sha256 *s, char out[65]); /* finishes; lowercase hex, NUL-terminated */
/* Stable 63-bit id of a path (first bytes of its SHA-256): documents.id / errors.id. */
int64_t nb_path_id(const char *path);

/* ---- one input's outcome, as the parent sees it: the document's record (the one record type,
 * tables.h nb_report) or an error, with what the batch knows about the input ---- */
/* SKIPPED: unchanged since the database stored it; IGNORED: passed over by the input policy (hidden,
 * ground truth, a symlink not followed, a second path to a file already listed): a `skipped` row. */
typedef enum { NB_RES_DOC, NB_RES_ERROR, NB_RES_SKIPPED, NB_RES_IGNORED } nb_res_kind;

typedef struct {
    size_t index;          /* position in the input list */
    const char *path;
    nb_res_kind kind;
    char sha256[65];       /* "" when the file could not be read */
    long long size;        /* -1 when unknown */
    const char *err_kind;  /* ERROR: read, format, limit, memory, crash, timeout, input */
    const char *reason;    /* ERROR, IGNORED: one line */
    nb_report *rec;        /* DOC: the record (owned), as the worker built it */
    const char *out;       /* rendered stdout text (JSON line, CSV rows, summary row) */
    size_t outlen;
    double seconds;        /* processing time inside the worker */
    char *mem_;            /* owned storage (wire message) */
} nb_result;

void nb_result_free(nb_result *r);
int nb_result_nvalues(const nb_result *r);   /* 0 unless DOC */
size_t nb_result_failed(const nb_result *r); /* 0 unless DOC */

/* wire.c: a worker encodes its result; the parent decodes it (0 on success). A document's message
 * is the record's own encoding (nb_report_encode) between the input's head and its rendered text. */
void nb_wire_encode_doc(nb_buf *b, const nb_report *rep, const char *sha, long long size,
                        const nb_buf *out, double seconds);
void nb_wire_encode_error(nb_buf *b, const char *sha, long long size, const char *kind,
                          const char *reason);
void nb_wire_encode_skipped(nb_buf *b, const char *sha, long long size);
int nb_wire_decode(char *msg, size_t len, nb_result *r); /* r takes ownership of msg */

/* ---- the worker pool (batch.c) ---- */
typedef struct {
    const char *path;
    const char *preset_error; /* set by the input expander (e.g. a symlink loop): not dispatched */
    const char *preset_skip;  /* set by the input policy (hidden file, ...): not dispatched */
    dev_t dev;                /* the expander's: identity of a regular file (has_id), so that a */
    ino_t ino;                /* file reached by two paths is read once */
    int has_id, via_link;
} nb_input;

/* ---- the input list (inputs.c): the symlink and skip policy is described there and in README ---- */
typedef struct {
    nb_input *v;
    size_t n, cap;
} nb_inputs;
/* Adds a path named by the user ('-': paths on stdin, one per line, or NUL-terminated when nul);
 * folders are walked. follow: -L, follow symlinks to folders and to files outside the folder. */
void nb_inputs_add(nb_inputs *l, const char *arg, int follow, int nul);
/* Sorts, drops repeated paths, marks second paths to one file as skips, keeps shard K of N. */
void nb_inputs_finish(nb_inputs *l, int shard_k, int shard_n);
void nb_inputs_free(nb_inputs *l);

/* Known documents (path -> sha256) loaded from the sinks: a worker skips an unchanged file. */
typedef struct nb_known nb_known;
nb_known *nb_known_new(void);
void nb_known_add(nb_known *k, const char *path, const char *sha); /* counts votes */
int nb_known_has(const nb_known *k, const char *path, const char *sha, int votes);
void nb_known_free(nb_known *k);

typedef void (*nb_render_fn)(const nb_report *r, nb_buf *out, void *ctx);
typedef void (*nb_result_fn)(nb_result *r, void *ctx); /* takes ownership of r's content */

typedef struct {
    int jobs;               /* worker processes, >= 1 */
    double timeout;         /* seconds per file; 0 = none */
    size_t max_mem;         /* bytes of address space per worker; 0 = none */
    const nb_known *known;  /* may be NULL */
    int known_votes;        /* how many sinks must know a file to skip it */
    nb_render_fn render;    /* may be NULL */
    void *render_ctx;
    void (*fork_hold)(void *ctx, int hold); /* may be NULL: called with 1 before fork(), 0 after */
    void *fork_ctx;
    int hash;               /* SHA-256 every input (a database stores it); with known, always */
} nb_batch_opts;

/* Runs every input through the pipeline in worker processes; calls fn once per input (in
 * completion order) in the parent. Returns 0, or 1 when interrupted (SIGINT/SIGTERM). */
int nb_batch_run(const nb_input *in, size_t n, const nb_batch_opts *o, nb_result_fn fn,
                 void *ctx);
/* Processes one path in the current process (what a worker does); encodes into b. */
void nb_batch_process(const char *path, const nb_batch_opts *o, nb_buf *b);
volatile int *nb_batch_interrupted(void);

/* ---- the CPU watchdog (watchdog.c) ---- */
/* After secs of CPU time of this process, writes msg[0..len) to fd and _exit(status); msg must live
 * until nb_watchdog_disarm. secs <= 0 or fd < 0: nothing is armed. */
void nb_watchdog_arm(double secs, int fd, const char *msg, size_t len, int status);
void nb_watchdog_disarm(void);
/* The reason a watchdog gives for an input of len bytes (one line, no file name). */
void nb_watchdog_reason(char *out, size_t n, size_t len);

/* ---- progress (progress.c) ---- */
typedef struct nb_progress nb_progress;
nb_progress *nb_progress_new(size_t total, int tty); /* tty: redraw a bar on stderr */
void nb_progress_step(nb_progress *p, int failed);    /* one input done */
void nb_progress_log(nb_progress *p, const char *line); /* a line on stderr, bar kept */
void nb_progress_done(nb_progress *p);                /* clears the bar */
void nb_progress_free(nb_progress *p);

/* ---- sinks (db.c + db_sqlite.c, db_pg.c, db_csv.c) ---- */
typedef enum { NB_COL_INT, NB_COL_REAL, NB_COL_TEXT } nb_col_type;
typedef struct {
    const char *name;
    nb_col_type type;
    const char *extra; /* constraint after the type, "" for none */
} nb_col;
typedef struct {
    const char *name;
    const nb_col *cols;
    int ncols;
    const char *tail; /* table constraints, "" for none */
} nb_tabledef;
typedef enum { NB_T_DOCUMENTS, NB_T_SECTIONS, NB_T_FIELD_VALUES, NB_T_CHECKS, NB_T_WARNINGS,
               NB_T_ERRORS, NB_T_SKIPPED, NB_NTABLES } nb_table_id;
extern const nb_tabledef nb_tables[NB_NTABLES];
extern const char *const nb_indexes[]; /* CREATE INDEX statements, NULL-terminated */
/* Indexes that only serve queries (not the writer's deletes): a sink may build them after a bulk
 * load into an empty database, which costs far less than keeping them up to date row by row. */
extern const char *const nb_indexes_bulk[];

typedef struct {
    int isnull;
    long long i;
    double d;
    const char *s;
} nb_val;

typedef struct nb_sink nb_sink;
typedef struct {
    int (*load_known)(nb_sink *s, nb_known *k);         /* NULL when the sink cannot skip */
    int (*begin)(nb_sink *s);
    int (*forget)(nb_sink *s, int64_t id, const char *path); /* a new input: drop its earlier rows */
    int (*row)(nb_sink *s, nb_table_id t, const nb_val *v);
    int (*commit)(nb_sink *s);
    void (*rollback)(nb_sink *s);                        /* after a failure: drop the open batch */
    void (*close)(nb_sink *s);                           /* frees s */
    int (*record)(nb_sink *s, const nb_result *r);       /* NULL, or takes each input whole (no rows) */
} nb_sink_ops;
struct nb_sink {
    const nb_sink_ops *ops;
    char err[256];
};

nb_sink *nb_sink_sqlite(const char *file, nb_err *err);
nb_sink *nb_sink_pg(const char *conninfo, nb_err *err);
nb_sink *nb_sink_csv(const char *dir, nb_err *err);
/* The Excel workbook (xlsx.c): rows are kept in memory; nb_xlsx_finish writes the file (after the
 * writer thread stopped, before close). 0, or -1 with err set. */
nb_sink *nb_sink_xlsx(const char *file, nb_err *err);
int nb_xlsx_finish(nb_sink *s, nb_err *err);
/* Reads a database written by the SQLite sink back: fn gets one result per documents row (path,
 * agency, year, format, checks, values) or errors row (kind, reason), by path; index counts from 0.
 * Whatever of the result fn leaves is freed when it returns. 0, or -1 with err set. */
int nb_sqlite_read(const char *file, nb_result_fn fn, void *ctx, nb_err *err);
/* Writes one input's rows (documents or errors, and their children), replacing earlier ones. */
int nb_sink_put(nb_sink *s, const nb_result *r, const char *processed_at);
/* RFC 4180 field (quoted when needed); NULL -> empty unquoted field. */
void nb_csv_field(nb_buf *b, const char *s);
/* One CSV record of table t (CRLF-terminated); also the text of PostgreSQL COPY ... CSV. */
void nb_csv_row(nb_buf *b, const nb_tabledef *t, const nb_val *v);
/* CREATE TABLE IF NOT EXISTS for t; types[] names NB_COL_INT, NB_COL_REAL, NB_COL_TEXT. */
void nb_sql_create(nb_buf *b, const nb_tabledef *t, const char *const types[3]);
/* ---- the writer thread (writer.c): the batch loop queues results, one thread writes the sinks ---- */
typedef struct nb_writer nb_writer;
typedef struct {
    double busy;   /* seconds the writer thread spent in sink calls (in parallel with the batch) */
    double wait;   /* seconds the caller was blocked: a full queue, and the final drain and commit */
    int failed;
    char err[256]; /* the first sink failure */
    size_t stored; /* inputs whose rows every sink committed */
} nb_writer_stats;
/* Starts the thread; results are written in transactions of tx_docs inputs or tx_secs seconds. */
nb_writer *nb_writer_start(nb_sink **sinks, int nsinks, size_t queue_cap, int tx_docs,
                           double tx_secs);
/* Queues r (takes its content; blocks while the queue is full); -1 once a sink has failed. */
int nb_writer_put(nb_writer *w, nb_result *r);
const char *nb_writer_error(nb_writer *w); /* the first sink failure, or NULL */
/* hold = 1: waits until the thread is outside every library and keeps it there; 0: lets it go.
 * The batch holds it around fork() (nb_batch_opts.fork_hold). */
void nb_writer_hold(void *writer, int hold);
/* Writes what is queued, commits, stops the thread and frees w; -1 when a sink failed. */
int nb_writer_finish(nb_writer *w, nb_writer_stats *st);

/* "t3.new.natural_person" -> table 3, row "new", column "natural_person" (copies into buffers). */
int nb_field_split(const char *id, int *table, char *row, size_t rown, char *col, size_t coln);

#endif
