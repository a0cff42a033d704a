/* xlsx.c - the Excel sink (--xlsx FILE.xlsx, libxlsxwriter): the workbook an analyst opens.
 *
 * Each input arrives whole (the sink's record op: the batch result with its record, nb_report, not
 * the rows a database gets); this sink keeps what it needs in memory and writes the workbook once:
 *   1. a document starts an entry (file, format, agency, year, check counts);
 *   2. its record's 200 values fill the entry's slots;
 *   3. its failed checks, and errors, are listed as they come;
 *   4. nb_xlsx_finish sorts the entries by path and writes four sheets: documents, values (one
 *      row per document; a 3-row header: the template's row label, its column label, the field
 *      id; frozen below it and right of the file name), failed checks, errors. Numbers are
 *      stored as numbers, a missing value as an empty cell.
 * Example: t3.new.commercial's header is 一、本年新收政府信息公开申请数量 / 法人或其他组织 商业企业 /
 * t3.new.commercial, and a document's 5 is written with worksheet_write_number. */
#include "batch.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define XLSX_LABEL_WIDTH 14 /* characters: value columns (the labels wrap in the header) */
#define XLSX_PATH_WIDTH 48  /* characters: the file name column */
#define XLSX_HEAD_HEIGHT 60 /* points: header rows of the values sheet, wrapped labels */

typedef struct {
    char *path, *format, *agency, *failed_rules;
    long long year, nchecks, nfailed, nwarnings;
    double values[NB_NVALUES];
    unsigned char have[NB_NVALUES];
} xdoc;

typedef struct {
    char *a, *b, *c; /* checks: path, rule, detail; errors: path, kind, reason */
} xline;

typedef struct {
    nb_sink base;
    char *file;
    xdoc *docs;
    size_t ndocs, capdocs;
    xline *checks, *errors;
    size_t nchecks, capchecks, nerrors, caperrors;
    int oom;
} xlsx_sink;

/* A copy of s as valid UTF-8 (the workbook's XML needs it), NULL for NULL. */
static char *dup_text(const char *s)
{
    if (!s)
        return NULL;
    nb_buf b = NB_BUF_INIT;
    nb_buf_put_utf8(&b, s, strlen(s));
    return b.len ? nb_buf_detach(&b) : strdup("");
}

static int add_line(xline **v, size_t *cap, size_t *n, const char *a, const char *b, const char *c)
{
    xline *grown = nb_grow(*v, *n, cap, sizeof *grown, 64);
    if (!grown)
        return -1;
    *v = grown;
    (*v)[(*n)++] = (xline){dup_text(a), dup_text(b), dup_text(c)};
    return 0;
}

/* A failed check also joins its document's list of failed rules. */
static int add_failed(xlsx_sink *x, xdoc *d, const nb_check *k)
{
    size_t old = d->failed_rules ? strlen(d->failed_rules) : 0, add = strlen(k->rule);
    char *s = realloc(d->failed_rules, old + add + 3);
    if (!s)
        return -1;
    if (old)
        memcpy(s + old, ", ", 2), old += 2;
    memcpy(s + old, k->rule, add + 1);
    d->failed_rules = s;
    return add_line(&x->checks, &x->capchecks, &x->nchecks, d->path, k->rule, k->detail);
}

/* Steps 1-3 for one document's record; path is the escaped file name. */
static int add_doc(xlsx_sink *x, const char *path, const nb_report *rec)
{
    xdoc *grown = nb_grow(x->docs, x->ndocs, &x->capdocs, sizeof *grown, 64);
    if (!grown)
        return -1;
    x->docs = grown;
    xdoc *d = &x->docs[x->ndocs++];
    memset(d, 0, sizeof *d);
    d->path = dup_text(path);
    d->format = dup_text(nb_format_name(rec->format));
    d->agency = dup_text(rec->agency);
    d->year = rec->year;
    d->nchecks = (long long)rec->nchecks;
    d->nfailed = (long long)nb_report_failed(rec);
    d->nwarnings = (long long)rec->doc->nwarnings;
    memcpy(d->values, rec->values, sizeof d->values);
    memcpy(d->have, rec->have, sizeof d->have);
    int rc = 0;
    for (size_t i = 0; i < rec->nchecks && !rc; i++)
        if (rec->checks[i].ok == NB_CHECK_FAIL)
            rc = add_failed(x, d, &rec->checks[i]);
    return rc;
}

static int xlsx_record(nb_sink *s, const nb_result *r)
{
    xlsx_sink *x = (xlsx_sink *)s;
    nb_buf path = NB_BUF_INIT;
    nb_path_escape(&path, r->path);
    int rc = 0;
    if (r->kind == NB_RES_DOC)
        rc = add_doc(x, nb_buf_cstr(&path), r->rec);
    else if (r->kind == NB_RES_ERROR)
        rc = add_line(&x->errors, &x->caperrors, &x->nerrors, nb_buf_cstr(&path), r->err_kind,
                      r->reason);
    nb_buf_free(&path);
    if (rc) {
        snprintf(s->err, sizeof s->err, "xlsx: out of memory");
        x->oom = 1;
    }
    return rc;
}

static int xlsx_row(nb_sink *s, nb_table_id t, const nb_val *v) /* not called: xlsx_record is */
{
    (void)s, (void)t, (void)v;
    return 0;
}

static int xlsx_nop(nb_sink *s) { (void)s; return 0; }
static int xlsx_forget(nb_sink *s, int64_t id, const char *path)
{
    (void)s, (void)id, (void)path;
    return 0;
}

static void free_lines(xline *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].a);
        free(v[i].b);
        free(v[i].c);
    }
    free(v);
}

static void xlsx_close(nb_sink *s)
{
    xlsx_sink *x = (xlsx_sink *)s;
    for (size_t i = 0; i < x->ndocs; i++) {
        free(x->docs[i].path);
        free(x->docs[i].format);
        free(x->docs[i].agency);
        free(x->docs[i].failed_rules);
    }
    free(x->docs);
    free_lines(x->checks, x->nchecks);
    free_lines(x->errors, x->nerrors);
    free(x->file);
    free(x);
}

static void xlsx_rollback(nb_sink *s) { (void)s; } /* the workbook is written whole at close */

static const nb_sink_ops xlsx_ops = {NULL, xlsx_nop, xlsx_forget, xlsx_row, xlsx_nop, xlsx_rollback,
                                     xlsx_close, xlsx_record};

nb_sink *nb_sink_xlsx(const char *file, nb_err *err)
{
    FILE *probe = fopen(file, "wb"); /* fail now, not after the batch (the workbook is written last) */
    if (!probe) {
        nb_err_set(err, NB_EIO, "%s: cannot create: %s", file, strerror(errno));
        return NULL;
    }
    fclose(probe);
    xlsx_sink *x = calloc(1, sizeof *x);
    if (!x || !(x->file = strdup(file))) {
        free(x);
        nb_err_set(err, NB_ENOMEM, "out of memory");
        return NULL;
    }
    x->base.ops = &xlsx_ops;
    return &x->base;
}

/* ---- writing the workbook ---- */
typedef struct {
    lxw_workbook *wb;
    lxw_format *bold, *head;
} book;

static void text(lxw_worksheet *ws, int row, int col, const char *s, lxw_format *f)
{
    if (s)
        worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, s, f);
}

/* A header row of names, bold, with widths. */
static void header(book *b, lxw_worksheet *ws, const char *const *names, const double *widths,
                   int n)
{
    for (int i = 0; i < n; i++) {
        text(ws, 0, i, names[i], b->bold);
        worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, widths[i], NULL);
    }
    worksheet_freeze_panes(ws, 1, 0);
}

static int cmp_doc(const void *a, const void *b)
{
    const char *p = ((const xdoc *)a)->path, *q = ((const xdoc *)b)->path;
    return strcmp(p ? p : "", q ? q : "");
}

static void sheet_documents(book *b, const xlsx_sink *x)
{
    static const char *const names[] = {"file", "format", "agency", "year", "values found",
                                        "checks", "failed checks", "failed rules", "warnings"};
    static const double widths[] = {XLSX_PATH_WIDTH, 8, 30, 6, 12, 8, 13, 40, 9};
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, "documents");
    header(b, ws, names, widths, 9);
    for (size_t i = 0; i < x->ndocs; i++) {
        const xdoc *d = &x->docs[i];
        lxw_row_t r = (lxw_row_t)(i + 1);
        int n = 0;
        for (int k = 0; k < NB_NVALUES; k++)
            n += d->have[k];
        text(ws, (int)r, 0, d->path, NULL);
        text(ws, (int)r, 1, d->format, NULL);
        text(ws, (int)r, 2, d->agency, NULL);
        if (d->year)
            worksheet_write_number(ws, r, 3, (double)d->year, NULL);
        worksheet_write_number(ws, r, 4, n, NULL);
        worksheet_write_number(ws, r, 5, (double)d->nchecks, NULL);
        worksheet_write_number(ws, r, 6, (double)d->nfailed, NULL);
        text(ws, (int)r, 7, d->failed_rules, NULL);
        worksheet_write_number(ws, r, 8, (double)d->nwarnings, NULL);
    }
}

static void sheet_values(book *b, const xlsx_sink *x)
{
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, "values");
    static const char *const heads[3] = {"row (行)", "column (列)", "file / field id"};
    for (int h = 0; h < 3; h++) {
        text(ws, h, 0, heads[h], b->bold);
        worksheet_set_row(ws, (lxw_row_t)h, h < 2 ? XLSX_HEAD_HEIGHT : LXW_DEF_ROW_HEIGHT, NULL);
    }
    worksheet_set_column(ws, 0, 0, XLSX_PATH_WIDTH, NULL);
    worksheet_set_column(ws, 1, NB_NVALUES, XLSX_LABEL_WIDTH, NULL);
    for (int i = 0; i < NB_NVALUES; i++) {
        lxw_col_t c = (lxw_col_t)(i + 1); /* the labels of the template's description */
        text(ws, 0, (int)c, nb_fields[i].row_label, b->head);
        text(ws, 1, (int)c, nb_fields[i].col_label, b->head);
        text(ws, 2, (int)c, nb_fields[i].id, b->bold);
    }
    worksheet_freeze_panes(ws, 3, 1);
    for (size_t d = 0; d < x->ndocs; d++) {
        lxw_row_t r = (lxw_row_t)(d + 3);
        text(ws, (int)r, 0, x->docs[d].path, NULL);
        for (int i = 0; i < NB_NVALUES; i++)
            if (x->docs[d].have[i])
                worksheet_write_number(ws, r, (lxw_col_t)(i + 1), x->docs[d].values[i], NULL);
    }
}

static void sheet_lines(book *b, const char *name, const char *const names[3], const xline *v,
                        size_t n)
{
    static const double widths[] = {XLSX_PATH_WIDTH, 32, 80};
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);
    header(b, ws, names, widths, 3);
    for (size_t i = 0; i < n; i++) {
        text(ws, (int)i + 1, 0, v[i].a, NULL);
        text(ws, (int)i + 1, 1, v[i].b, NULL);
        text(ws, (int)i + 1, 2, v[i].c, NULL);
    }
}

int nb_xlsx_finish(nb_sink *s, nb_err *err)
{
    xlsx_sink *x = (xlsx_sink *)s;
    if (x->oom)
        return nb_err_set(err, NB_ENOMEM, "%s: out of memory", x->file), -1;
    if (x->ndocs)
        qsort(x->docs, x->ndocs, sizeof *x->docs, cmp_doc);
    book b = {workbook_new(x->file), NULL, NULL};
    if (!b.wb)
        return nb_err_set(err, NB_EIO, "%s: cannot create the workbook", x->file), -1;
    b.bold = workbook_add_format(b.wb);
    format_set_bold(b.bold);
    b.head = workbook_add_format(b.wb);
    format_set_text_wrap(b.head);
    format_set_align(b.head, LXW_ALIGN_VERTICAL_TOP);
    sheet_documents(&b, x);
    sheet_values(&b, x);
    static const char *const check_names[] = {"file", "rule", "detail"};
    static const char *const error_names[] = {"file", "kind", "reason"};
    sheet_lines(&b, "failed checks", check_names, x->checks, x->nchecks);
    sheet_lines(&b, "errors", error_names, x->errors, x->nerrors);
    lxw_error e = workbook_close(b.wb);
    if (e != LXW_NO_ERROR)
        return nb_err_set(err, NB_EIO, "%s: cannot write the workbook: %s", x->file,
                          lxw_strerror(e)), -1;
    return 0;
}
