/* main.c - the nianbao command: argument parsing and the subcommands (extract, check, convert).
 * Every failure is one line on stderr naming the file; the batch always goes on. */
#include "batch.h"
#include "extract.h"
#include "layout.h"
#include "nianbao.h"
#include "options.h"

#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NB_VERSION NIANBAO_VERSION_STRING

#define NB_TX_DOCS 500         /* inputs per database transaction */
#define NB_TX_SECS 2.0         /* ... or seconds, whichever comes first */
#define NB_WRITER_QUEUE 256    /* results waiting for the database writer (~2 KB each + their text) */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- options shared by extract and check ---- */
typedef struct {
    const char *format; /* json, jsonl, csv */
    int format_given, pretty, summary, quiet, stats, force, follow, nul;
    int jobs, shard_k, shard_n;
    double timeout;
    double max_mem_mb;
    const char *db, *pg, *csv, *xlsx;
    int check; /* nianbao check */
} run_opts;

static int parse_size(const char *s, double *out)
{
    char *end;
    double v = strtod(s, &end);
    double mul = *end == 'k' || *end == 'K' ? 1024.0 : *end == 'M' ? 1048576.0
               : *end == 'G' ? 1073741824.0 : 1.0;
    if (end == s || v < 0 || (mul > 1 && end[1]) || (mul == 1 && *end))
        return -1;
    *out = v * mul;
    return 0;
}

static int set_limit(const char *name, const char *val)
{
    double v;
    if (parse_size(val, &v) != 0 || v < 1)
        return -1;
    nb_limits *l = nb_limits_get();
    if (!strcmp(name, "--max-input"))
        l->input_bytes = (size_t)v;
    else if (!strcmp(name, "--max-zip-entry"))
        l->zip_entry = (size_t)v;
    else if (!strcmp(name, "--max-zip-total"))
        l->zip_total = (size_t)v;
    else
        l->pdf_pages = (unsigned)v;
    return 0;
}

/* Options taking a value. Returns 0, or -1 on a bad value. */
static int take_value(run_opts *o, const char *name, const char *val)
{
    double v = 0;
    if (!strcmp(name, "--format")) {
        o->format = val;
        o->format_given = 1;
        return strcmp(val, "json") && strcmp(val, "jsonl") && strcmp(val, "csv") ? -1 : 0;
    }
    if (!strcmp(name, "--db"))
        return (o->db = val), 0;
    if (!strcmp(name, "--pg"))
        return (o->pg = val), 0;
    if (!strcmp(name, "--csv"))
        return (o->csv = val), 0;
    if (!strcmp(name, "--xlsx"))
        return (o->xlsx = val), 0;
    if (!strcmp(name, "--shard"))
        return sscanf(val, "%d/%d", &o->shard_k, &o->shard_n) == 2 && o->shard_n >= 1 &&
               o->shard_k >= 1 && o->shard_k <= o->shard_n ? 0 : -1;
    if (!strncmp(name, "--max-", 6) && strcmp(name, "--max-mem"))
        return set_limit(name, val);
    if (!strcmp(name, "--ocr"))
        return nb_ocr_set_mode(val);
    if (parse_size(val, &v) != 0)
        return -1;
    if (!strcmp(name, "--cpu-scale"))
        return (nb_limits_get()->cpu_scale = v), 0;
    if (!strcmp(name, "-j") || !strcmp(name, "--jobs"))
        return (o->jobs = (int)v) >= 1 ? 0 : -1;
    if (!strcmp(name, "--timeout"))
        return (o->timeout = v), 0;
    return (o->max_mem_mb = v), 0; /* --max-mem */
}

/* Where each flag of the option table (cli/options.c) is stored; -r has no effect. */
static const struct {
    const char *name;
    size_t off;
} flags[] = {
    {"--pretty", offsetof(run_opts, pretty)}, {"--summary", offsetof(run_opts, summary)},
    {"--quiet", offsetof(run_opts, quiet)},   {"-q", offsetof(run_opts, quiet)},
    {"--stats", offsetof(run_opts, stats)},   {"--force", offsetof(run_opts, force)},
    {"-L", offsetof(run_opts, follow)},       {"--follow", offsetof(run_opts, follow)},
    {"-0", offsetof(run_opts, nul)},          {"--null", offsetof(run_opts, nul)},
};

/* Parses one argument at argv[*i] with the option table; 0 = consumed, 1 = a path, -1 = usage
 * error (unknown option, one the command does not take, a missing or bad value). */
static int parse_arg(run_opts *o, int argc, char **argv, int *i)
{
    const char *a = argv[*i], *val;
    if (a[0] != '-' || !strcmp(a, "-"))
        return 1;
    if (!strncmp(a, "-j", 2) && a[2] >= '0' && a[2] <= '9')
        return take_value(o, "-j", a + 2); /* -j4, as make and xargs spell it */
    const nb_option *opt = nb_option_find(a, o->check ? NB_CMD_CHECK : NB_CMD_EXTRACT, &val);
    if (!opt)
        return -1;
    if (opt->arg) {
        if (!val && *i + 1 >= argc)
            return -1;
        return take_value(o, opt->name, val ? val : argv[++*i]);
    }
    for (size_t k = 0; k < sizeof flags / sizeof flags[0]; k++)
        if (!strcmp(opt->name, flags[k].name))
            *(int *)((char *)o + flags[k].off) = 1;
    return 0;
}

/* ---- one run: workers -> sinks, ordered stdout, progress, tallies ---- */
typedef struct {
    char *path, *agency, *failed; /* failed: one line per failed check */
    int error;
    size_t nchecks, nfailed;
    nb_year_entry years;          /* for the identity across years (tables/years.c) */
} check_rec;

typedef struct {
    const run_opts *o;
    nb_sink *sinks[4];
    nb_sink *xlsx;        /* also in sinks[]: written out when the run ends */
    int nsinks, sink_failed;
    nb_writer *writer;    /* writes the sinks in its own thread */
    nb_writer_stats ws;
    nb_progress *prog;
    char **pending;       /* stdout text per input, flushed in input order */
    unsigned char *ready;
    size_t n, next_out;
    size_t docs, skipped, ignored, errors, values, failed_checks, no_tables;
    double start;
    check_rec *recs;      /* nianbao check */
} run_ctx;

static void flush_out(run_ctx *c)
{
    while (c->next_out < c->n && c->ready[c->next_out]) {
        char *s = c->pending[c->next_out];
        if (s)
            fputs(s, stdout);
        free(s);
        c->pending[c->next_out++] = NULL;
    }
}

/* Hands a result to the database writer; a sink that cannot be written stops the batch.
 * The writer thread starts with the first result, after the batch has forked its workers: a
 * process that forks while another of its threads runs can hand a child a held lock (seen with
 * ASan's allocator). Only a worker replaced after a crash or timeout is forked later, under the
 * writer's gate (fork_hold). */
static void sinks_put(run_ctx *c, nb_result *r)
{
    if (!c->writer && !c->sink_failed &&
        !(c->writer = nb_writer_start(c->sinks, c->nsinks, NB_WRITER_QUEUE, NB_TX_DOCS, NB_TX_SECS))) {
        fprintf(stderr, "nianbao: cannot start the database writer thread\n");
        c->sink_failed++;
        *nb_batch_interrupted() = -1;
    }
    if (!c->writer)
        return; /* the caller frees r */
    if (nb_writer_put(c->writer, r) != 0 && !c->sink_failed++) {
        fprintf(stderr, "nianbao: %s\n", nb_writer_error(c->writer));
        *nb_batch_interrupted() = -1;
    }
}

/* fork_hold for the batch: keeps the writer thread, once it runs, outside every library. */
static void hold_writer(void *ctx, int hold)
{
    run_ctx *c = ctx;
    if (c->writer)
        nb_writer_hold(c->writer, hold);
}

/* s then spaces up to cols terminal columns (nothing cut when s is wider), then one space. */
static void put_padded(nb_buf *b, const char *s, size_t cols)
{
    nb_buf_puts(b, s);
    for (size_t w = nb_utf8_width(s, strlen(s)); w < cols; w++)
        nb_buf_putc(b, ' ');
    nb_buf_putc(b, ' ');
}

/* A file name for a terminal or a log line: escaped (README "File names in output"), so that a
 * newline, an escape sequence or a bidi override in a name can neither forge a line nor reach the
 * terminal. Caller frees. */
static char *shown_path(const char *path)
{
    nb_buf b = NB_BUF_INIT;
    nb_path_escape(&b, path);
    return nb_buf_detach(&b);
}

/* Text from a document or a library (an error reason) for one terminal line. */
static void put_safe(nb_buf *b, const char *s)
{
    nb_text_safe(b, s ? s : "", s ? strlen(s) : 0);
}

static char *summary_row(const nb_result *r)
{
    int secs = 0;
    for (int i = 0; r->rec && i < 6; i++)
        secs += r->rec->sections[i].title != NULL;
    nb_buf b = NB_BUF_INIT, cell = NB_BUF_INIT;
    char *path = shown_path(r->path);
    put_padded(&b, path ? path : "", 44);
    free(path);
    if (r->kind == NB_RES_ERROR || r->kind == NB_RES_IGNORED) {
        nb_buf_puts(&b, r->kind == NB_RES_ERROR ? "error: " : "skipped: ");
        put_safe(&b, r->reason);
        nb_buf_putc(&b, '\n');
    } else if (r->rec) {
        put_padded(&b, nb_format_name(r->rec->format), 5);
        put_safe(&cell, r->rec->agency ? r->rec->agency : "-");
        put_padded(&b, nb_buf_cstr(&cell), 30);
        nb_buf_printf(&b, "%4d %3d/%d %d/6 %3zu %3zu\n", r->rec->year, nb_result_nvalues(r),
                      NB_NVALUES, secs, nb_result_failed(r), r->rec->doc->nwarnings);
    }
    nb_buf_free(&cell);
    return nb_buf_detach(&b);
}

/* Template tables found in a document's record (0 when there is none). */
static int tables_found(const nb_result *r) { return r->rec ? r->rec->tables_found : 0; }

/* The PDF reader's warning that poppler-data is missing (its text is lost, so no tables either). */
static int missing_poppler_data(const nb_result *r)
{
    for (size_t i = 0; r->rec && i < r->rec->doc->nwarnings; i++)
        if (strstr(r->rec->doc->warnings[i], "install poppler-data"))
            return 1;
    return 0;
}

/* One stderr line per failed input, "nianbao: FILE: reason", unforgeable (see shown_path). */
static void log_failure(run_ctx *c, const nb_result *r)
{
    if (r->kind != NB_RES_ERROR && !(r->kind == NB_RES_DOC && !tables_found(r) && !c->o->check))
        return;
    nb_buf line = NB_BUF_INIT;
    nb_buf_puts(&line, "nianbao: ");
    nb_path_escape(&line, r->path);
    nb_buf_puts(&line, ": ");
    put_safe(&line, r->kind == NB_RES_ERROR ? (r->reason ? r->reason : "error")
                                            : "no template tables found");
    if (r->kind == NB_RES_DOC && missing_poppler_data(r))
        nb_buf_puts(&line, " (poppler lacks CJK font mappings: install poppler-data)");
    nb_progress_log(c->prog, nb_buf_cstr(&line));
    nb_buf_free(&line);
}

static void check_collect(run_ctx *c, const nb_result *r);

static void on_result(nb_result *r, void *ctx)
{
    run_ctx *c = ctx;
    int failed = r->kind == NB_RES_ERROR || (r->kind == NB_RES_DOC && !tables_found(r));
    c->docs += r->kind == NB_RES_DOC;
    c->skipped += r->kind == NB_RES_SKIPPED;
    c->ignored += r->kind == NB_RES_IGNORED;
    c->errors += r->kind == NB_RES_ERROR;
    c->no_tables += r->kind == NB_RES_DOC && !tables_found(r);
    c->values += (size_t)nb_result_nvalues(r);
    c->failed_checks += nb_result_failed(r);
    log_failure(c, r);
    if (c->recs)
        check_collect(c, r);
    if (c->o->summary && r->kind != NB_RES_SKIPPED)
        c->pending[r->index] = summary_row(r);
    else if (r->kind == NB_RES_DOC && r->out && r->outlen)
        c->pending[r->index] = strdup(r->out);
    c->ready[r->index] = 1;
    flush_out(c);
    nb_progress_step(c->prog, failed);
    if (r->kind != NB_RES_SKIPPED && c->nsinks)
        sinks_put(c, r); /* the writer owns r's content now */
    nb_result_free(r);
}

static void render(const nb_report *r, nb_buf *out, void *ctx)
{
    const run_opts *o = ctx;
    if (!strcmp(o->format, "csv"))
        nb_write_csv(r, out, 0);
    else
        nb_write_json(r, out, o->pretty);
}

static int open_sinks(run_ctx *c, const run_opts *o)
{
    nb_err err = {0};
    const char *args[4] = {o->db, o->pg, o->csv, o->xlsx};
    nb_sink *(*const open[4])(const char *, nb_err *) = {nb_sink_sqlite, nb_sink_pg, nb_sink_csv,
                                                         nb_sink_xlsx};
    for (int i = 0; i < 4; i++) {
        if (!args[i])
            continue;
        nb_sink *s = open[i](args[i], &err);
        if (!s) {
            fprintf(stderr, "nianbao: %s\n", err.msg);
            return -1;
        }
        c->sinks[c->nsinks++] = s;
        if (i == 3)
            c->xlsx = s;
    }
    return 0;
}

/* Files the databases already hold unchanged (same path, same hash) are skipped. */
static nb_known *load_known(run_ctx *c, int *votes)
{
    *votes = 0;
    if (c->o->force || !c->nsinks)
        return NULL;
    nb_known *k = nb_known_new();
    for (int i = 0; i < c->nsinks && k; i++) {
        if (!c->sinks[i]->ops->load_known) { /* a CSV dump must hold every row */
            nb_known_free(k);
            return NULL;
        }
        c->sinks[i]->ops->load_known(c->sinks[i], k);
        ++*votes;
    }
    return k;
}

/* The end of a run on stderr. With databases, "recorded" counts what the writers committed (plus the
 * unchanged inputs already stored), never what was merely handed to them. */
static void print_totals(const run_ctx *c, int stopped)
{
    double el = now() - c->start;
    size_t done = c->docs + c->skipped + c->ignored + c->errors;
    size_t recorded = c->nsinks ? c->ws.stored + c->skipped : done;
    if (c->sink_failed)
        fprintf(stderr, "nianbao: database failed: %zu of %zu inputs recorded; once it is fixed (disk "
                "space, permissions), run the same command again to store the rest\n", recorded, c->n);
    else if (stopped)
        fprintf(stderr, "nianbao: interrupted: %zu of %zu inputs recorded; run the same command "
                "again to finish\n", recorded, c->n);
    fprintf(stderr, "nianbao: %zu inputs: %zu documents, %zu unchanged (skipped), %zu errors, %zu "
            "skipped by policy; %zu values, %zu failed checks; %.1f s, %.1f documents/s\n", c->n,
            c->docs, c->skipped, c->errors, c->ignored, c->values, c->failed_checks, el,
            el > 0 ? c->docs / el : 0.0);
    if (c->nsinks)
        fprintf(stderr, "nianbao: database: writer thread busy %.3f s (%.1f%% of the run, in "
                "parallel); the batch waited %.3f s for it (%.1f%% of the run)\n", c->ws.busy,
                el > 0 ? 100.0 * c->ws.busy / el : 0.0, c->ws.wait,
                el > 0 ? 100.0 * c->ws.wait / el : 0.0);
}

/* Lets the writer finish what is queued, then closes the sinks. */
static void close_sinks(run_ctx *c)
{
    if (c->writer && nb_writer_finish(c->writer, &c->ws) != 0 && !c->sink_failed++)
        fprintf(stderr, "nianbao: %s\n", c->ws.err);
    c->writer = NULL;
    double t0 = now(); /* closing may build indexes: the batch waits for that too */
    nb_err err = {0};
    if (c->xlsx && nb_xlsx_finish(c->xlsx, &err) != 0 && !c->sink_failed++)
        fprintf(stderr, "nianbao: %s\n", err.msg);
    for (int i = 0; i < c->nsinks; i++)
        c->sinks[i]->ops->close(c->sinks[i]);
    c->ws.wait += now() - t0;
}

/* Runs the batch; returns 0 when complete, 1 when interrupted or a sink failed. */
static int run(run_ctx *c, const run_opts *o, nb_inputs *in)
{
    c->o = o;
    c->n = in->n;
    c->start = now();
    c->pending = calloc(in->n + 1, sizeof *c->pending);
    c->ready = calloc(in->n + 1, 1);
    if (!c->pending || !c->ready || open_sinks(c, o) != 0) {
        fprintf(stderr, "nianbao: database failed: 0 of %zu inputs recorded\n", in->n);
        close_sinks(c);
        free(c->pending);
        free(c->ready);
        return 1;
    }
    int votes = 0;
    nb_known *known = load_known(c, &votes);
    int tty = isatty(2) && !o->quiet;
    c->prog = o->quiet && !tty ? NULL : nb_progress_new(in->n, tty);
    nb_batch_opts bo = {o->jobs, o->timeout, (size_t)(o->max_mem_mb * 1048576.0), known, votes,
                        o->check || (c->nsinks && !o->format_given) || o->summary ? NULL : render,
                        (void *)o, c->nsinks ? hold_writer : NULL, c,
                        c->nsinks > (c->xlsx != NULL)}; /* the workbook stores no hash */
    int rc = nb_batch_run(in->v, in->n, &bo, on_result, c);
    nb_progress_done(c->prog);
    nb_progress_free(c->prog);
    close_sinks(c);
    rc |= c->sink_failed != 0; /* writing the workbook at close can fail too */
    nb_known_free(known);
    if (!o->quiet && (c->nsinks || in->n > 1 || o->stats || rc))
        print_totals(c, rc);
    free(c->pending);
    free(c->ready);
    return rc;
}

static void defaults(run_opts *o)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    *o = (run_opts){.format = "json", .jobs = cores > 0 ? (int)cores : 1,
                    .timeout = NB_DEFAULT_TIMEOUT, .max_mem_mb = NB_DEFAULT_MAX_MEM};
}

/* Parses options, then expands the paths into in (options may follow paths); -1 on a usage error. */
static int parse_all(run_opts *o, nb_inputs *in, int argc, char **argv, int *help)
{
    char **paths = calloc((size_t)argc + 1, sizeof *paths);
    int npaths = 0;
    for (int i = 0; paths && i < argc; i++) {
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            free(paths);
            *help = 1;
            return 0;
        }
        int k = parse_arg(o, argc, argv, &i);
        if (k < 0) {
            fprintf(stderr, "nianbao: bad option or value: %s\n", argv[i]);
            free(paths);
            return -1;
        }
        if (k == 1)
            paths[npaths++] = argv[i];
    }
    for (int i = 0; i < npaths; i++)
        nb_inputs_add(in, paths[i], o->follow, o->nul);
    free(paths);
    nb_inputs_finish(in, o->shard_k, o->shard_n);
    /* a LibreOffice conversion must end before the worker's own timeout does */
    nb_limits *l = nb_limits_get();
    if (o->timeout > 0 && NB_CONVERT_TIMEOUT_SHARE * o->timeout < l->convert_secs)
        l->convert_secs = NB_CONVERT_TIMEOUT_SHARE * o->timeout;
    return 0;
}

/* ---- extract ---- */
static int usage_extract(FILE *f)
{
    nb_usage_print(f, NB_CMD_EXTRACT, NB_VERSION);
    return 2;
}

static int cmd_extract(int argc, char **argv)
{
    run_opts o;
    nb_inputs in = {0};
    int help = 0;
    defaults(&o);
    if (parse_all(&o, &in, argc, argv, &help) != 0 || (!help && !in.n && !o.shard_n)) {
        nb_inputs_free(&in);
        return usage_extract(stderr);
    }
    if (help) {
        nb_inputs_free(&in);
        return usage_extract(stdout) & 0;
    }
    if (!strcmp(o.format, "json") && in.n == 1 && !o.format_given)
        o.pretty = 1; /* one document: readable by default */
    if (o.summary)
        printf("%-44s %-5s %-30s %4s %7s %3s %3s %3s\n", "file", "fmt", "agency", "year", "values",
               "sec", "bad", "wrn");
    run_ctx c = {0};
    int rc = run(&c, &o, &in);
    if (o.summary)
        printf("%zu files, %zu failed\n", in.n, c.errors + c.no_tables);
    nb_inputs_free(&in);
    fflush(stdout);
    if (rc)
        return *nb_batch_interrupted() > 0 ? 128 + *nb_batch_interrupted() : 1;
    return c.errors + c.no_tables ? 1 : 0;
}

/* ---- check: failed identities per file, and carried_in vs the previous year's carried_out ---- */
static void check_collect(run_ctx *c, const nb_result *r)
{
    check_rec *k = &c->recs[r->index];
    k->path = shown_path(r->path);
    k->error = r->kind == NB_RES_ERROR;
    if (k->error) {
        nb_buf why = NB_BUF_INIT;
        put_safe(&why, r->reason ? r->reason : "error");
        k->failed = nb_buf_detach(&why);
    }
    const nb_report *rec = r->rec;
    if (r->kind != NB_RES_DOC || !rec)
        return;
    k->agency = rec->agency ? strdup(rec->agency) : NULL;
    k->nchecks = rec->nchecks;
    nb_buf b = NB_BUF_INIT;
    for (size_t i = 0; i < rec->nchecks; i++)
        if (rec->checks[i].ok == NB_CHECK_FAIL) {
            k->nfailed++;
            nb_buf_printf(&b, "  FAIL %s: %s\n", rec->checks[i].rule, rec->checks[i].detail);
        }
    k->failed = nb_buf_detach(&b);
    nb_year_entry_set(&k->years, rec);
    k->years.agency = k->agency;
    k->years.tag = r->index;
}

/* One mismatch across years, as a line of the check report. */
static void print_year_mismatch(const nb_year_mismatch *m, void *ctx)
{
    const check_rec *recs = ctx;
    char o[32], in[32];
    if (!m->nth)
        printf("across years (carried_in must equal the previous year's carried_out):\n");
    printf("  %s %d->%d %s: carried_out %s (%s) != carried_in %s (%s)\n", m->next->agency,
           m->prev->year, m->next->year, nb_t3_col_key(m->col),
           nb_fmt_number(m->prev->carried_out[m->col], o), recs[m->prev->tag].path,
           nb_fmt_number(m->next->carried_in[m->col], in), recs[m->next->tag].path);
}

/* The identity across years (tables/years.c) over the documents checked. */
static size_t check_years(check_rec *recs, size_t n)
{
    const nb_year_entry **v = malloc((n + 1) * sizeof *v);
    for (size_t i = 0; v && i < n; i++)
        v[i] = recs[i].error ? NULL : &recs[i].years;
    size_t bad = v ? nb_years_check(v, n, print_year_mismatch, recs) : 0;
    free(v);
    return bad;
}

static int report_checks(check_rec *recs, size_t n)
{
    size_t files_bad = 0, errors = 0;
    for (size_t i = 0; i < n; i++) {
        check_rec *k = &recs[i];
        if (!k->path)
            continue;
        if (k->error) {
            printf("%s: error: %s\n", k->path, k->failed);
            errors++;
        } else if (k->nfailed) {
            printf("%s: %zu of %zu checks failed\n%s", k->path, k->nfailed, k->nchecks, k->failed);
            files_bad++;
        }
    }
    size_t years = check_years(recs, n);
    printf("%zu files: %zu with failed identities, %zu errors, %zu year-to-year mismatches\n", n,
           files_bad, errors, years);
    for (size_t i = 0; i < n; i++) {
        free(recs[i].path);
        free(recs[i].agency);
        free(recs[i].failed);
    }
    return files_bad || errors || years ? 1 : 0;
}

/* nianbao check --db FILE: the records come from a database an earlier extract wrote. */
static void check_db_row(nb_result *r, void *ctx)
{
    run_ctx *c = ctx;
    if (r->index >= c->n) {
        size_t cap = c->n ? c->n * 2 : 256;
        check_rec *v = realloc(c->recs, cap * sizeof *v);
        if (!v)
            return;
        memset(v + c->n, 0, (cap - c->n) * sizeof *v);
        c->recs = v;
        c->n = cap;
    }
    char *raw = malloc(strlen(r->path) + 1); /* the database holds the escaped path */
    if (!raw)
        return;
    nb_path_unescape(r->path, raw);
    r->path = raw;
    check_collect(c, r);
    free(raw);
}

static int check_db(const char *file)
{
    run_ctx c = {0};
    nb_err err = {0};
    struct stat st;
    int rc = stat(file, &st) == 0 ? nb_sqlite_read(file, check_db_row, &c, &err)
                                  : (nb_err_set(&err, NB_EIO, "%s: no such database", file), -1);
    size_t n = 0;
    while (n < c.n && c.recs[n].path)
        n++;
    if (rc != 0) {
        fprintf(stderr, "nianbao: %s\n", err.msg);
        n = 0; /* no report from half a database */
    }
    int bad = n || !rc ? report_checks(c.recs, n) : 1;
    for (size_t i = n; i < c.n; i++) {
        free(c.recs[i].path);
        free(c.recs[i].agency);
        free(c.recs[i].failed);
    }
    free(c.recs);
    return rc ? 1 : bad;
}

static int cmd_check(int argc, char **argv)
{
    run_opts o;
    nb_inputs in = {0};
    int help = 0;
    defaults(&o);
    o.check = 1;
    if (parse_all(&o, &in, argc, argv, &help) != 0 || help || !in.n == !o.db) {
        nb_inputs_free(&in);
        nb_usage_print(help ? stdout : stderr, NB_CMD_CHECK, NB_VERSION);
        return help ? 0 : 2;
    }
    if (o.db)
        return check_db(o.db);
    run_ctx c = {0};
    c.recs = calloc(in.n, sizeof *c.recs);
    o.quiet = !isatty(2);
    int rc = c.recs ? run(&c, &o, &in) : 1;
    int bad = c.recs ? report_checks(c.recs, in.n) : 1;
    free(c.recs);
    nb_inputs_free(&in);
    return rc ? 1 : bad;
}

/* ---- convert ---- */
static void convert_error(const char *path, const char *why)
{
    nb_buf line = NB_BUF_INIT;
    nb_buf_puts(&line, "nianbao: ");
    nb_path_escape(&line, path);
    nb_buf_puts(&line, ": ");
    put_safe(&line, why);
    fprintf(stderr, "%s\n", nb_buf_cstr(&line));
    nb_buf_free(&line);
}

/* Converts one file to stdout; 0, or 1 after its error line. Work out of proportion to the file
 * ends it through the watchdog (armed by the caller in a child process). */
static int convert_one(const char *path)
{
    nb_err err = {0};
    nb_doc *doc = nb_process_doc_path(path, &err); /* the stages are chained in pipeline.c */
    nb_watchdog_disarm();
    if (!doc) {
        convert_error(path, err.msg);
        return 1;
    }
    nb_buf out = NB_BUF_INIT;
    int rc = 0;
    if (nb_write_markdown(doc, &out)) {
        char why[100];
        snprintf(why, sizeof why, "warning: output cut at %zu bytes (NB_MAX_CONVERT_BYTES)",
                 (size_t)NB_MAX_CONVERT_BYTES);
        convert_error(path, why);
    }
    if (out.oom) {
        convert_error(path, "out of memory");
        rc = 1;
    }
    fwrite(nb_buf_cstr(&out), 1, out.oom ? 0 : out.len, stdout);
    nb_buf_free(&out);
    nb_doc_free(doc);
    return rc;
}

/* Each file in a child process under the CPU watchdog, so that a file the libraries cannot finish
 * ends with its error line and the next file is converted (as the batch workers do for extract). */
static int convert_guarded(const char *path)
{
    struct stat st;
    size_t len = stat(path, &st) == 0 ? (size_t)st.st_size : 0;
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0)
        return convert_one(path);
    if (pid == 0) {
        char why[300];
        nb_watchdog_reason(why, sizeof why, len);
        nb_buf msg = NB_BUF_INIT;
        nb_buf_puts(&msg, "nianbao: ");
        nb_path_escape(&msg, path);
        nb_buf_printf(&msg, ": %s\n", why);
        nb_watchdog_arm(NB_WORK_HARD_FACTOR * nb_work_budget(len), 2, msg.ptr, msg.len, 1);
        int rc = convert_one(path);
        nb_buf_free(&msg);
        fflush(stdout);
        fflush(stderr);
        _exit(rc);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return convert_one(path);
    if (WIFEXITED(status))
        return WEXITSTATUS(status) != 0;
    if (WTERMSIG(status) == SIGPIPE) /* the reader of stdout went away: end as any filter would */
        raise(SIGPIPE);
    char why[100];
    snprintf(why, sizeof why, "crashed: signal %d (%s)", WTERMSIG(status), strsignal(WTERMSIG(status)));
    convert_error(path, why);
    return 1;
}

static int cmd_convert(int argc, char **argv)
{
    if (argc < 1 || !strcmp(argv[0], "-h") || !strcmp(argv[0], "--help")) {
        nb_usage_print(argc < 1 ? stderr : stdout, NB_CMD_CONVERT, NB_VERSION);
        return argc < 1 ? 2 : 0;
    }
    int failed = 0;
    for (int i = 0; i < argc; i++)
        failed += convert_guarded(argv[i]);
    return failed ? 1 : 0;
}

static int cmd_debug(int argc, char **argv)
{
    const char *dir = NULL, *file = NULL;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "-o") && i + 1 < argc)
            dir = argv[++i];
        else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
            file = NULL, i = argc;
        else
            file = argv[i];
    }
    if (!file || !dir) {
        nb_usage_print(argc ? stdout : stderr, NB_CMD_DEBUG, NB_VERSION);
        return argc ? 0 : 2;
    }
    nb_err err = {0};
    int n = nb_debug_pdf(file, dir, &err);
    if (n < 0) {
        fprintf(stderr, "nianbao: %s: %s\n", file, err.msg);
        return 1;
    }
    fprintf(stderr, "nianbao: %s: %d page%s drawn in %s\n", file, n, n == 1 ? "" : "s", dir);
    return 0;
}

/* The commands' code, by name; their words are in cli/options.c (nb_commands). */
static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
} commands[] = {
    {"extract", cmd_extract},
    {"check", cmd_check},
    {"convert", cmd_convert},
    {"debug", cmd_debug},
};

static int usage(FILE *f)
{
    nb_usage_print(f, 0, NB_VERSION);
    return f == stderr ? 2 : 0;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage(stderr);
    if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))
        return usage(stdout);
    if (!strcmp(argv[1], "--version")) {
        printf("nianbao %s\n", NB_VERSION);
        return 0;
    }
    if (!strcmp(argv[1], "--man")) { /* the man page, for the build (make writes nianbao.1) */
        nb_man_print(stdout, NB_VERSION);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].run(argc - 2, argv + 2);
    fprintf(stderr, "nianbao: unknown command '%s'\n", argv[1]);
    return usage(stderr);
}
