/* test_api.c - the public C API (include/nianbao.h): records from path and memory agree, the
 * accessors agree with the JSON, errors carry codes, per-call caps, and three documents (DOCX, HTML,
 * PDF) extracted on threads at once give exactly the serial records (with different caps on each thread). */
#include "extract.h"
#include "harness.h"
#include "nianbao.h"

#include <pthread.h>
#include <stdlib.h>

#define ROUNDS 4 /* extractions per thread: enough to overlap every stage of both pipelines */

static const char *const docs[3] = {"corpus/docx/01_template_merged.docx",
                                    "corpus/html/02_gbk_gb2312.html", "corpus/pdf/06_reportlab_ruled.pdf"};

static char *json_of(const char *path, const nianbao_options *o)
{
    nianbao_error err;
    nianbao_record *r = nianbao_extract_path_opts(path, o, &err);
    char *s = r ? strdup(nianbao_record_json(r)) : NULL;
    nianbao_record_free(r);
    return s;
}

static void test_basics(void)
{
    EQ_STR(nianbao_version(), NIANBAO_VERSION_STRING);
    nianbao_error err;
    nianbao_record *r = nianbao_extract_path(docs[0], &err);
    OK(r != NULL);
    EQ_INT(err.code, NIANBAO_OK);
    if (!r)
        return;
    EQ_STR(nianbao_record_format(r), "docx");
    EQ_STR(nianbao_record_file(r), docs[0]);
    EQ_INT(nianbao_record_tables_found(r), 3);
    /* each found value appears in the JSON as "id":value, each missing one as "id":null */
    int agree = 0;
    for (int i = 0; i < NIANBAO_NVALUES; i++) {
        int found;
        double v = nianbao_record_value(r, nianbao_field_id(i), &found);
        char want[128];
        if (found)
            snprintf(want, sizeof want, "\"%s\":%.10g", nianbao_field_id(i), v);
        else
            snprintf(want, sizeof want, "\"%s\":null", nianbao_field_id(i));
        const char *at = strstr(nianbao_record_json(r), want);
        agree += at && (at[strlen(want)] == ',' || at[strlen(want)] == '}');
    }
    EQ_INT(agree, NIANBAO_NVALUES);
    int found = 1;
    nianbao_record_value(r, "t9.no.such", &found);
    EQ_INT(found, 0);
    EQ_INT(nianbao_field_index("t3.new.total"), 16);
    const char *title, *text;
    OK(nianbao_record_section(r, 1, &title, &text) == 1 && title && strstr(nianbao_record_json(r), title));
    OK(nianbao_record_section(r, 7, &title, &text) == 0 && title == NULL);
    const char *rule, *detail;
    int state = 9;
    EQ_INT(nianbao_record_n_checks(r), 42);
    OK(nianbao_record_check(r, 0, &rule, &state, &detail) && state >= -1 && state <= 1 &&
       strstr(nianbao_record_json(r), rule));
    OK(!nianbao_record_check(r, 42, &rule, &state, &detail));
    OK(nianbao_record_warning(r, nianbao_record_n_warnings(r)) == NULL);
    OK(strstr(nianbao_record_json_pretty(r), "\n  \"values\": {") != NULL);
    /* the same bytes from memory, named as the path, give the same record */
    size_t len;
    char *buf = nb_t_slurp(docs[0], &len);
    nianbao_record *m = buf ? nianbao_extract_memory(buf, len, docs[0], &err) : NULL;
    OK(m && !strcmp(nianbao_record_json(m), nianbao_record_json(r)));
    nianbao_record_free(m);
    free(buf);
    nianbao_record_free(r);
    nianbao_record_free(NULL);
}

static void test_errors(void)
{
    nianbao_error err;
    OK(nianbao_extract_path("corpus/no/such.pdf", &err) == NULL);
    EQ_INT(err.code, NIANBAO_EIO);
    OK(err.message[0] && !strchr(err.message, '\n'));
    OK(nianbao_extract_memory("\x89PNG\r\n\x1a\n0000", 12, "x.png", &err) == NULL);
    EQ_INT(err.code, NIANBAO_EUNSUPPORTED);
    OK(nianbao_extract_memory(NULL, 3, "x", &err) == NULL);
    EQ_INT(err.code, NIANBAO_EINVAL);
    OK(nianbao_extract_path(NULL, NULL) == NULL); /* err may be NULL */
    nianbao_options *o = nianbao_options_new();
    EQ_INT(nianbao_options_get_limit(o, NIANBAO_LIMIT_PDF_PAGES), 5000);
    EQ_INT(nianbao_options_set_limit(o, NIANBAO_LIMIT_INPUT_BYTES, 0), NIANBAO_EINVAL);
    EQ_INT(nianbao_options_set_ocr(o, (nianbao_ocr)7), NIANBAO_EINVAL);
    EQ_INT(nianbao_options_set_limit(o, NIANBAO_LIMIT_INPUT_BYTES, 1000), NIANBAO_OK);
    OK(nianbao_extract_path_opts(docs[0], o, &err) == NULL);
    EQ_INT(err.code, NIANBAO_ELIMIT);
    nianbao_record *r = nianbao_extract_path(docs[0], &err); /* the cap was that call's only */
    OK(r != NULL);
    nianbao_record_free(r);
    nianbao_options_free(o);
}

/* The OCR mode is the call's own: OFF leaves a scan unread (a warning says so, no values), while
 * the process's mode (the command's --ocr) stays auto. Tesseract is not run: AUTO on the scans is
 * tested against the command's JSON by tests/python/test_nianbao.py. */
static void test_ocr_option(void)
{
    const char *scan = "corpus/scan/01_template_200dpi.pdf";
    nianbao_options *o = nianbao_options_new();
    EQ_INT(nianbao_options_set_ocr(o, NIANBAO_OCR_OFF), NIANBAO_OK);
    nianbao_error err;
    nianbao_record *r = nianbao_extract_path_opts(scan, o, &err);
    OK(r != NULL);
    int unread = 0, found = 0;
    for (size_t i = 0; r && i < nianbao_record_n_warnings(r); i++)
        unread += strstr(nianbao_record_warning(r, i), "no text layer on pages") != NULL;
    for (int i = 0; r && i < NIANBAO_NVALUES; i++) {
        int have = 0;
        nianbao_record_value(r, nianbao_field_id(i), &have);
        found += have;
    }
    OK(unread == 1 && found == 0);
    EQ_INT(nb_ocr_mode_get(), NB_OCR_AUTO);
    nianbao_record_free(r);
    nianbao_options_free(o);
}

typedef struct {
    const char *path;
    const nianbao_options *opts;
    const char *want; /* NULL: the cap must refuse it every time */
    int same;
} job;

static void *worker(void *arg)
{
    job *j = arg;
    for (int k = 0; k < ROUNDS; k++) {
        char *s = json_of(j->path, j->opts);
        j->same += j->want ? s && !strcmp(s, j->want) : s == NULL;
        free(s);
    }
    return NULL;
}

static void test_threads(void)
{
    char *serial[3] = {json_of(docs[0], NULL), json_of(docs[1], NULL), json_of(docs[2], NULL)};
    OK(serial[0] && serial[1] && serial[2]);
    nianbao_options *tight = nianbao_options_new();
    nianbao_options_set_limit(tight, NIANBAO_LIMIT_INPUT_BYTES, 1000);
    job jobs[4] = {{docs[0], NULL, serial[0], 0}, {docs[1], NULL, serial[1], 0},
                   {docs[2], NULL, serial[2], 0}, {docs[0], tight, NULL, 0}};
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, worker, &jobs[i]);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < 4; i++)
        EQ_INT(jobs[i].same, ROUNDS);
    nianbao_options_free(tight);
    for (int i = 0; i < 3; i++)
        free(serial[i]);
}

int main(void)
{
    test_basics();
    test_ocr_option();
    test_errors();
    test_threads();
    DONE();
}
