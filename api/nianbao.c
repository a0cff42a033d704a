/* nianbao.c - the public C API (include/nianbao.h) over the pipeline in cli/pipeline.c.
 *
 * One call, in steps (nianbao_extract_path_opts("a.docx", opts, &err)):
 *   1. the options' caps and OCR mode are copied to the stack and scoped to this thread
 *      (nb_limits_scope), so two threads may extract at once with different settings; the scope is restored on return;
 *   2. the readers' libraries are set up once per process (nb_extract_init, pthread_once);
 *   3. nb_process_path runs extract -> layout -> template and gives an nb_report (NULL + nb_err);
 *   4. the report is wrapped in a nianbao_record with its one-line JSON rendered by the same writer
 *      the command uses (cli/json.c), so a record's JSON equals `nianbao extract --format jsonl`;
 *   5. an nb_err becomes a nianbao_error (same codes, same one-line message).
 * The accessors read the report directly: no JSON parsing. */
#include "nianbao.h"

#include "cli.h"
#include "extract.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(NIANBAO_NVALUES == NB_NVALUES, "the public value count is the field table's");

struct nianbao_options {
    nb_limits limits; /* the caps and the OCR mode (limits.ocr), in force during a call */
};

struct nianbao_record {
    nb_report *rep;
    char *json;        /* one line, rendered at extraction */
    char *json_pretty; /* rendered on first use */
};

const char *nianbao_version(void) { return NIANBAO_VERSION_STRING; }

const char *nianbao_strerror(int code)
{
    return code == NIANBAO_EINVAL ? "invalid argument" : nb_strerror((nb_code)code);
}

static void set_err(nianbao_error *e, int code, const char *msg)
{
    if (!e)
        return;
    e->code = code;
    snprintf(e->message, sizeof e->message, "%s", msg && *msg ? msg : nianbao_strerror(code));
}

/* ---- options ---- */
static nb_limits default_limits(void)
{
    return (nb_limits){NB_MAX_INPUT_BYTES, NB_MAX_ZIP_ENTRY, NB_MAX_ZIP_TOTAL, NB_MAX_PDF_PAGES,
                       NB_DEFAULT_CPU_SCALE, NB_MAX_CONVERT_SECS, NB_OCR_AUTO};
}

nianbao_options *nianbao_options_new(void)
{
    nianbao_options *o = calloc(1, sizeof *o);
    if (o)
        o->limits = default_limits();
    return o;
}

void nianbao_options_free(nianbao_options *opts) { free(opts); }

int nianbao_options_set_limit(nianbao_options *o, nianbao_limit which, size_t value)
{
    if (!o || value < 1)
        return NIANBAO_EINVAL;
    switch (which) {
    case NIANBAO_LIMIT_INPUT_BYTES: o->limits.input_bytes = value; break;
    case NIANBAO_LIMIT_ZIP_ENTRY: o->limits.zip_entry = value; break;
    case NIANBAO_LIMIT_ZIP_TOTAL: o->limits.zip_total = value; break;
    case NIANBAO_LIMIT_PDF_PAGES:
        o->limits.pdf_pages = value > UINT32_MAX ? UINT32_MAX : (unsigned)value;
        break;
    default: return NIANBAO_EINVAL;
    }
    return NIANBAO_OK;
}

size_t nianbao_options_get_limit(const nianbao_options *o, nianbao_limit which)
{
    nb_limits l = o ? o->limits : default_limits();
    switch (which) {
    case NIANBAO_LIMIT_INPUT_BYTES: return l.input_bytes;
    case NIANBAO_LIMIT_ZIP_ENTRY: return l.zip_entry;
    case NIANBAO_LIMIT_ZIP_TOTAL: return l.zip_total;
    case NIANBAO_LIMIT_PDF_PAGES: return l.pdf_pages;
    default: return 0;
    }
}

int nianbao_options_set_ocr(nianbao_options *o, nianbao_ocr mode)
{
    if (!o || mode < NIANBAO_OCR_OFF || mode > NIANBAO_OCR_FORCE)
        return NIANBAO_EINVAL;
    static const nb_ocr_mode modes[] = {[NIANBAO_OCR_OFF] = NB_OCR_NEVER, [NIANBAO_OCR_AUTO] = NB_OCR_AUTO,
                                        [NIANBAO_OCR_FORCE] = NB_OCR_ALWAYS};
    o->limits.ocr = (int)modes[mode];
    return NIANBAO_OK;
}

/* ---- extraction ---- */
static char *render(const nb_report *rep, int pretty)
{
    nb_buf b = NB_BUF_INIT;
    nb_write_json(rep, &b, pretty);
    if (b.oom) {
        nb_buf_free(&b);
        return NULL;
    }
    if (b.len && b.ptr[b.len - 1] == '\n')
        b.ptr[--b.len] = 0;
    return nb_buf_detach(&b);
}

static nianbao_record *wrap(nb_report *rep, const nb_err *e, nianbao_error *err)
{
    if (!rep) {
        set_err(err, e->code ? (int)e->code : NIANBAO_ENOMEM, e->msg);
        return NULL;
    }
    nianbao_record *r = calloc(1, sizeof *r);
    if (r && !(r->json = render(rep, 0))) {
        free(r);
        r = NULL;
    }
    if (!r) {
        nb_report_free(rep);
        set_err(err, NIANBAO_ENOMEM, NULL);
        return NULL;
    }
    r->rep = rep;
    set_err(err, NIANBAO_OK, "ok");
    return r;
}

/* Runs one input with opts' caps in force on this thread only. */
static nianbao_record *run(const char *path, const void *data, size_t len,
                           const nianbao_options *opts, nianbao_error *err)
{
    nb_extract_init();
    nb_limits lim = opts ? opts->limits : default_limits();
    nb_limits *prev = nb_limits_scope(&lim);
    nb_err e = {0};
    nb_report *rep = data ? nb_process_mem(data, len, path, &e) : nb_process_path(path, &e);
    nb_limits_scope(prev);
    return wrap(rep, &e, err);
}

nianbao_record *nianbao_extract_path_opts(const char *path, const nianbao_options *opts,
                                          nianbao_error *err)
{
    if (!path) {
        set_err(err, NIANBAO_EINVAL, "no path given");
        return NULL;
    }
    return run(path, NULL, 0, opts, err);
}

nianbao_record *nianbao_extract_memory_opts(const void *data, size_t len, const char *name,
                                            const nianbao_options *opts, nianbao_error *err)
{
    if (!data || !len) {
        set_err(err, !data ? NIANBAO_EINVAL : NIANBAO_EFORMAT, !data ? "no data given" : "an empty input");
        return NULL;
    }
    return run(name ? name : "", data, len, opts, err);
}

nianbao_record *nianbao_extract_path(const char *path, nianbao_error *err)
{
    return nianbao_extract_path_opts(path, NULL, err);
}

nianbao_record *nianbao_extract_memory(const void *data, size_t len, const char *name,
                                       nianbao_error *err)
{
    return nianbao_extract_memory_opts(data, len, name, NULL, err);
}

void nianbao_record_free(nianbao_record *r)
{
    if (!r)
        return;
    nb_report_free(r->rep);
    free(r->json);
    free(r->json_pretty);
    free(r);
}

/* ---- the record ---- */
const char *nianbao_record_json(const nianbao_record *r) { return r ? r->json : NULL; }

const char *nianbao_record_json_pretty(const nianbao_record *r)
{
    if (!r)
        return NULL;
    nianbao_record *m = (nianbao_record *)r; /* a cache: documented as first-use rendering */
    if (!m->json_pretty)
        m->json_pretty = render(r->rep, 1);
    return m->json_pretty;
}

const char *nianbao_record_file(const nianbao_record *r) { return r ? r->rep->file : NULL; }
const char *nianbao_record_format(const nianbao_record *r)
{
    return r ? nb_format_name(r->rep->format) : NULL;
}
const char *nianbao_record_agency(const nianbao_record *r) { return r ? r->rep->agency : NULL; }
int nianbao_record_year(const nianbao_record *r) { return r ? r->rep->year : 0; }
int nianbao_record_tables_found(const nianbao_record *r) { return r ? r->rep->tables_found : 0; }

double nianbao_record_value_at(const nianbao_record *r, int i, int *found)
{
    int ok = r && i >= 0 && i < NB_NVALUES && r->rep->have[i];
    if (found)
        *found = ok;
    return ok ? r->rep->values[i] : 0.0;
}

double nianbao_record_value(const nianbao_record *r, const char *field_id, int *found)
{
    return nianbao_record_value_at(r, field_id ? nb_field_index(field_id) : -1, found);
}

const char *nianbao_field_id(int i) { return i >= 0 && i < NB_NVALUES ? nb_fields[i].id : NULL; }
const char *nianbao_field_label(int i)
{
    return i >= 0 && i < NB_NVALUES ? nb_fields[i].label : NULL;
}
int nianbao_field_table(int i) { return i >= 0 && i < NB_NVALUES ? nb_fields[i].table : 0; }
int nianbao_field_index(const char *id) { return id ? nb_field_index(id) : -1; }

int nianbao_record_section(const nianbao_record *r, int number, const char **title,
                           const char **text)
{
    const nb_section *s = NULL;
    for (int i = 0; r && i < 6 && !s; i++)
        if (r->rep->sections[i].number == number && r->rep->sections[i].title)
            s = &r->rep->sections[i];
    if (title)
        *title = s ? s->title : NULL;
    if (text)
        *text = s ? (s->text ? s->text : "") : NULL;
    return s != NULL;
}

size_t nianbao_record_n_checks(const nianbao_record *r) { return r ? r->rep->nchecks : 0; }

int nianbao_record_check(const nianbao_record *r, size_t i, const char **rule, int *state,
                         const char **detail)
{
    if (!r || i >= r->rep->nchecks)
        return 0;
    const nb_check *c = &r->rep->checks[i];
    if (rule)
        *rule = c->rule;
    if (state)
        *state = c->ok == NB_CHECK_OK ? 1 : c->ok == NB_CHECK_FAIL ? 0 : -1;
    if (detail)
        *detail = c->detail;
    return 1;
}

size_t nianbao_record_n_failed(const nianbao_record *r) { return r ? nb_report_failed(r->rep) : 0; }

size_t nianbao_record_n_warnings(const nianbao_record *r)
{
    return r ? r->rep->doc->nwarnings : 0;
}

const char *nianbao_record_warning(const nianbao_record *r, size_t i)
{
    return r && i < r->rep->doc->nwarnings ? r->rep->doc->warnings[i] : NULL;
}
