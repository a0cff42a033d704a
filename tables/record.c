/* record.c - the record of one document (nb_report: agency, year, sections, the 200 values, checks,
 * warnings) as bytes and back. A batch worker encodes its record; the parent decodes the same type
 * (cli/wire.c adds the input's hash, size, rendered text and time around it), so every writer gets
 * one record type whichever process made it.
 *
 * Layout, in order (core.h's codec): format (u32), file, agency (strings), year, tables_found
 * (i64), six sections (number i64, title, text), the 200 have-bytes, then for each value found its
 * number (f64) and source box (nb_box bytes), the checks (count; rule, state i64, detail), the
 * warnings (count; strings). Example: a record with only t2.rules.issued = 3 holds have-bytes
 * 01 00 ... 00, then 3.0 and its box, once. A decoded record owns a document with no blocks: its
 * arena holds the strings and its warning list the warnings, so writers read r->doc->warnings alike. */
#include "tables.h"

#include <stdlib.h>
#include <string.h>

nb_report *nb_report_new(nb_format format, const char *file)
{
    nb_report *r = calloc(1, sizeof *r);
    nb_doc *d = nb_doc_new(format, file);
    if (!r || !d) {
        free(r);
        nb_doc_free(d);
        return NULL;
    }
    r->doc = d;
    r->file = d->path;
    r->format = format;
    for (int n = 0; n < 6; n++)
        r->sections[n].number = n + 1;
    return r;
}

void nb_report_encode(const nb_report *r, nb_buf *b)
{
    nb_buf_put_u32(b, (unsigned)r->format);
    nb_buf_put_str(b, r->file);
    nb_buf_put_str(b, r->agency);
    nb_buf_put_i64(b, r->year);
    nb_buf_put_i64(b, r->tables_found);
    for (int i = 0; i < 6; i++) {
        nb_buf_put_i64(b, r->sections[i].number);
        nb_buf_put_str(b, r->sections[i].title);
        nb_buf_put_str(b, r->sections[i].text);
    }
    nb_buf_put(b, (const char *)r->have, NB_NVALUES);
    for (int i = 0; i < NB_NVALUES; i++)
        if (r->have[i]) {
            nb_buf_put_f64(b, r->values[i]);
            nb_buf_put(b, (const char *)&r->src[i], sizeof r->src[i]);
        }
    nb_buf_put_u32(b, (unsigned)r->nchecks);
    for (size_t i = 0; i < r->nchecks; i++) {
        nb_buf_put_str(b, r->checks[i].rule);
        nb_buf_put_i64(b, r->checks[i].ok);
        nb_buf_put_str(b, r->checks[i].detail);
    }
    size_t nw = r->doc ? r->doc->nwarnings : 0;
    nb_buf_put_u32(b, (unsigned)nw);
    for (size_t i = 0; i < nw; i++)
        nb_buf_put_str(b, r->doc->warnings[i]);
}

/* A string of the message as the record's own (in its document's arena); NULL stays NULL. */
static const char *own(nb_report *r, const char *s)
{
    return s ? nb_doc_strdup(r->doc, s, strlen(s)) : NULL;
}

static void decode_checks(nb_reader *c, nb_report *r)
{
    size_t n = nb_read_count(c);
    r->checks = calloc(n ? n : 1, sizeof *r->checks);
    if (!r->checks) {
        c->bad = 1;
        return;
    }
    for (size_t i = 0; i < n && !c->bad; i++) {
        nb_check *k = &r->checks[r->nchecks++];
        const char *rule = nb_read_str(c);
        k->ok = (nb_check_state)nb_read_i64(c);
        const char *detail = nb_read_str(c);
        snprintf(k->rule, sizeof k->rule, "%s", rule ? rule : "");
        snprintf(k->detail, sizeof k->detail, "%s", detail ? detail : "");
    }
}

static void decode_body(nb_reader *c, nb_report *r)
{
    r->agency = own(r, nb_read_str(c));
    r->year = (int)nb_read_i64(c);
    r->tables_found = (int)nb_read_i64(c);
    for (int i = 0; i < 6; i++) {
        r->sections[i].number = (int)nb_read_i64(c);
        r->sections[i].title = own(r, nb_read_str(c));
        r->sections[i].text = own(r, nb_read_str(c));
    }
    nb_read_bytes(c, r->have, NB_NVALUES);
    for (int i = 0; i < NB_NVALUES; i++)
        if ((r->have[i] = r->have[i] != 0)) {
            r->values[i] = nb_read_f64(c);
            nb_read_bytes(c, &r->src[i], sizeof r->src[i]);
        }
    decode_checks(c, r);
    size_t nw = nb_read_count(c);
    for (size_t i = 0; i < nw && !c->bad; i++) {
        const char *w = nb_read_str(c);
        if (w)
            nb_doc_warn(r->doc, "%s", w);
    }
}

nb_report *nb_report_decode(nb_reader *c, nb_err *err)
{
    nb_format format = (nb_format)nb_read_u32(c);
    const char *file = nb_read_str(c);
    nb_report *r = c->bad ? NULL : nb_report_new(format, file);
    if (!r) {
        nb_err_set(err, c->bad ? NB_EFORMAT : NB_ENOMEM, c->bad ? "record: message cut short"
                                                                : "out of memory");
        return NULL;
    }
    decode_body(c, r);
    if (c->bad) {
        nb_report_free(r);
        nb_err_set(err, NB_EFORMAT, "record: malformed message");
        return NULL;
    }
    return r;
}

int nb_report_nvalues(const nb_report *r)
{
    int n = 0;
    for (int i = 0; i < NB_NVALUES; i++)
        n += r->have[i];
    return n;
}
