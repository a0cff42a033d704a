/* db.c - the table layout every sink shares (documents, sections, field_values, checks, warnings,
 * errors) and the mapping of one batch result onto rows; the sinks only store rows. */
#include "batch.h"

#include <stdio.h>
#include <string.h>

#define DOC_FK "NOT NULL REFERENCES documents(id) ON DELETE CASCADE"

static const nb_col documents_cols[] = {
    {"id", NB_COL_INT, "PRIMARY KEY"},       {"path", NB_COL_TEXT, "NOT NULL UNIQUE"},
    {"sha256", NB_COL_TEXT, "NOT NULL"},     {"format", NB_COL_TEXT, ""},
    {"agency", NB_COL_TEXT, ""},             {"year", NB_COL_INT, ""},
    {"size", NB_COL_INT, ""},                {"processed_at", NB_COL_TEXT, ""},
    {"n_values", NB_COL_INT, ""},            {"n_checks", NB_COL_INT, ""},
    {"n_failed_checks", NB_COL_INT, ""},     {"n_warnings", NB_COL_INT, ""},
    {"tables_found", NB_COL_INT, ""},        {"seconds", NB_COL_REAL, ""},
};
static const nb_col sections_cols[] = {
    {"document_id", NB_COL_INT, DOC_FK}, {"number", NB_COL_INT, "NOT NULL"},
    {"title", NB_COL_TEXT, ""},          {"text", NB_COL_TEXT, ""},
};
static const nb_col values_cols[] = {
    {"document_id", NB_COL_INT, DOC_FK}, {"field", NB_COL_TEXT, "NOT NULL"},
    {"table_no", NB_COL_INT, ""},        {"row_key", NB_COL_TEXT, ""},
    {"col_key", NB_COL_TEXT, ""},        {"value", NB_COL_REAL, ""},
};
static const nb_col checks_cols[] = {
    {"document_id", NB_COL_INT, DOC_FK}, {"rule", NB_COL_TEXT, "NOT NULL"},
    {"ok", NB_COL_INT, ""},              {"detail", NB_COL_TEXT, ""},
};
static const nb_col warnings_cols[] = {
    {"document_id", NB_COL_INT, DOC_FK}, {"n", NB_COL_INT, "NOT NULL"},
    {"message", NB_COL_TEXT, ""},
};
static const nb_col skipped_cols[] = {
    {"id", NB_COL_INT, "PRIMARY KEY"}, {"path", NB_COL_TEXT, "NOT NULL UNIQUE"},
    {"reason", NB_COL_TEXT, ""},       {"at", NB_COL_TEXT, ""},
};
static const nb_col errors_cols[] = {
    {"id", NB_COL_INT, "PRIMARY KEY"}, {"path", NB_COL_TEXT, "NOT NULL UNIQUE"},
    {"sha256", NB_COL_TEXT, ""},       {"size", NB_COL_INT, ""},
    {"kind", NB_COL_TEXT, ""},         {"reason", NB_COL_TEXT, ""},
    {"at", NB_COL_TEXT, ""},
};

#define TABLE(name, cols, tail) {name, cols, (int)(sizeof cols / sizeof cols[0]), tail}
const nb_tabledef nb_tables[NB_NTABLES] = {
    TABLE("documents", documents_cols, ""),
    TABLE("sections", sections_cols, ", PRIMARY KEY (document_id, number)"),
    TABLE("field_values", values_cols, ", PRIMARY KEY (document_id, field)"),
    TABLE("checks", checks_cols, ""),
    TABLE("warnings", warnings_cols, ""),
    TABLE("errors", errors_cols, ""),
    TABLE("skipped", skipped_cols, ""),
};

const char *const nb_indexes_bulk[] = {
    "CREATE INDEX IF NOT EXISTS field_values_field ON field_values (field)",
    NULL,
};

const char *const nb_indexes[] = {
    "CREATE INDEX IF NOT EXISTS checks_document ON checks (document_id)",
    "CREATE INDEX IF NOT EXISTS warnings_document ON warnings (document_id)",
    "CREATE INDEX IF NOT EXISTS documents_agency_year ON documents (agency, year)",
    NULL,
};

int nb_field_split(const char *id, int *table, char *row, size_t rown, char *col, size_t coln)
{
    const char *a = strchr(id, '.'), *b = a ? strrchr(id, '.') : NULL;
    if (id[0] != 't' || !a || b == a || (size_t)(b - a - 1) >= rown || strlen(b + 1) >= coln)
        return -1;
    *table = (int)(id[1] - '0');
    memcpy(row, a + 1, (size_t)(b - a - 1));
    row[b - a - 1] = 0;
    strcpy(col, b + 1);
    return 0;
}

/* Text for a TEXT column: PostgreSQL refuses a transaction holding invalid UTF-8, so a string that
 * is not valid UTF-8 (a producer's bug) is stored with U+FFFD for each bad byte instead; tmp keeps it. */
static const char *valid(nb_buf *tmp, const char *s)
{
    if (!s || nb_utf8_valid(s, strlen(s)))
        return s;
    nb_buf_clear(tmp);
    nb_buf_put_utf8(tmp, s, strlen(s));
    return nb_buf_cstr(tmp);
}

static nb_val I(long long i) { return (nb_val){0, i, 0, NULL}; }
static nb_val D(double d) { return (nb_val){0, 0, d, NULL}; }
static nb_val S(const char *s) { return (nb_val){s == NULL, 0, 0, s}; }
static const nb_val NUL = {1, 0, 0, NULL};

/* The record's rows under documents(id): sections, values, checks, warnings. */
static int put_children(nb_sink *s, const nb_report *r, long long id, nb_buf tmp[2])
{
    int rc = 0;
    for (int i = 0; i < 6; i++)
        if (r->sections[i].title || r->sections[i].text) {
            nb_val v[] = {I(id), I(i + 1), S(valid(&tmp[0], r->sections[i].title)),
                          S(valid(&tmp[1], r->sections[i].text))};
            rc |= s->ops->row(s, NB_T_SECTIONS, v);
        }
    for (int i = 0; i < NB_NVALUES; i++) {
        char row[64], col[64];
        int table = 0;
        if (!r->have[i] || nb_field_split(nb_fields[i].id, &table, row, sizeof row, col, sizeof col))
            continue;
        nb_val v[] = {I(id), S(nb_fields[i].id), I(table), S(row), S(col), D(r->values[i])};
        rc |= s->ops->row(s, NB_T_FIELD_VALUES, v);
    }
    for (size_t i = 0; i < r->nchecks; i++) {
        const nb_check *c = &r->checks[i];
        nb_val v[] = {I(id), S(c->rule), c->ok == NB_CHECK_MISSING ? NUL : I(c->ok),
                      S(valid(&tmp[0], c->detail))};
        rc |= s->ops->row(s, NB_T_CHECKS, v);
    }
    for (size_t i = 0; i < r->doc->nwarnings; i++) {
        nb_val v[] = {I(id), I((long long)i + 1), S(valid(&tmp[0], r->doc->warnings[i]))};
        rc |= s->ops->row(s, NB_T_WARNINGS, v);
    }
    return rc;
}

/* The input's own rows (documents, errors or skipped), under its escaped path. */
static int put_main(nb_sink *s, const nb_result *r, const char *path, long long id,
                    const char *at, nb_buf tmp[2])
{
    if (r->kind == NB_RES_ERROR) {
        nb_val v[] = {I(id), S(path), r->sha256[0] ? S(r->sha256) : NUL,
                      r->size >= 0 ? I(r->size) : NUL, S(r->err_kind),
                      S(valid(&tmp[0], r->reason)), S(at)};
        return s->ops->row(s, NB_T_ERRORS, v);
    }
    if (r->kind == NB_RES_IGNORED) {
        nb_val v[] = {I(id), S(path), S(valid(&tmp[0], r->reason)), S(at)};
        return s->ops->row(s, NB_T_SKIPPED, v);
    }
    const nb_report *rec = r->rec;
    nb_val v[] = {I(id), S(path), S(r->sha256), S(nb_format_name(rec->format)),
                  S(valid(&tmp[0], rec->agency)), rec->year ? I(rec->year) : NUL, I(r->size), S(at),
                  I(nb_report_nvalues(rec)), I((long long)rec->nchecks),
                  I((long long)nb_report_failed(rec)), I((long long)rec->doc->nwarnings),
                  I(rec->tables_found), D(r->seconds)};
    return s->ops->row(s, NB_T_DOCUMENTS, v) | put_children(s, rec, id, tmp);
}

int nb_sink_put(nb_sink *s, const nb_result *r, const char *processed_at)
{
    if (r->kind == NB_RES_SKIPPED || (r->kind == NB_RES_DOC && !r->rec))
        return 0;
    if (s->ops->record) /* a sink that keeps records whole (the workbook) */
        return s->ops->record(s, r);
    nb_buf path = NB_BUF_INIT, tmp[2] = {NB_BUF_INIT, NB_BUF_INIT};
    nb_path_escape(&path, r->path);
    long long id = nb_path_id(nb_buf_cstr(&path));
    int rc = s->ops->forget(s, id, nb_buf_cstr(&path));
    rc |= put_main(s, r, nb_buf_cstr(&path), id, processed_at, tmp);
    nb_buf_free(&path);
    nb_buf_free(&tmp[0]);
    nb_buf_free(&tmp[1]);
    return rc;
}

void nb_csv_field(nb_buf *b, const char *s)
{
    if (!s)
        return;
    if (!*s || strpbrk(s, ",\"\r\n") || !strcmp(s, "\\.") || s[0] == ' ' || s[strlen(s) - 1] == ' ') {
        nb_buf_putc(b, '"');
        for (const char *p = s; *p; p++) {
            if (*p == '"')
                nb_buf_putc(b, '"');
            nb_buf_putc(b, *p);
        }
        nb_buf_putc(b, '"');
    } else
        nb_buf_puts(b, s);
}

void nb_csv_row(nb_buf *b, const nb_tabledef *t, const nb_val *v)
{
    for (int i = 0; i < t->ncols; i++) {
        if (i)
            nb_buf_putc(b, ',');
        if (v[i].isnull)
            continue;
        if (t->cols[i].type == NB_COL_INT)
            nb_buf_printf(b, "%lld", v[i].i);
        else if (t->cols[i].type == NB_COL_REAL)
            nb_buf_put_number(b, v[i].d); /* the digits JSON prints: read back exactly */
        else
            nb_csv_field(b, v[i].s);
    }
    nb_buf_puts(b, "\r\n");
}

void nb_sql_create(nb_buf *b, const nb_tabledef *t, const char *const types[3])
{
    nb_buf_printf(b, "CREATE TABLE IF NOT EXISTS %s (", t->name);
    for (int i = 0; i < t->ncols; i++)
        nb_buf_printf(b, "%s%s %s%s%s", i ? ", " : "", t->cols[i].name, types[t->cols[i].type],
                      t->cols[i].extra[0] ? " " : "", t->cols[i].extra);
    nb_buf_printf(b, "%s)", t->tail);
}
