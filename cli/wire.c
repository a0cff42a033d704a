/* wire.c - the compact message a worker process sends back for one input (document, error or
 * skipped), and its decoding in the parent; strings point into the message, which nb_result owns. */
#include "batch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NULL_LEN 0xffffffffu

static void put_u32(nb_buf *b, uint32_t v) { nb_buf_put(b, (const char *)&v, sizeof v); }
static void put_i64(nb_buf *b, int64_t v) { nb_buf_put(b, (const char *)&v, sizeof v); }
static void put_f64(nb_buf *b, double v) { nb_buf_put(b, (const char *)&v, sizeof v); }

static void put_str(nb_buf *b, const char *s)
{
    if (!s) {
        put_u32(b, NULL_LEN);
        return;
    }
    size_t n = strlen(s);
    put_u32(b, (uint32_t)n);
    nb_buf_put(b, s, n + 1);
}

static void put_head(nb_buf *b, nb_res_kind kind, const char *sha, long long size)
{
    nb_buf_putc(b, (char)kind);
    put_str(b, sha ? sha : "");
    put_i64(b, size);
}

void nb_wire_encode_error(nb_buf *b, const char *sha, long long size, const char *kind,
                          const char *reason)
{
    put_head(b, NB_RES_ERROR, sha, size);
    put_str(b, kind);
    put_str(b, reason);
}

void nb_wire_encode_skipped(nb_buf *b, const char *sha, long long size)
{
    put_head(b, NB_RES_SKIPPED, sha, size);
}

void nb_wire_encode_doc(nb_buf *b, const nb_report *rep, const char *sha, long long size,
                        const nb_buf *out, double seconds)
{
    put_head(b, NB_RES_DOC, sha, size);
    put_str(b, nb_format_name(rep->format));
    put_str(b, rep->agency);
    put_i64(b, rep->year);
    put_i64(b, rep->tables_found);
    for (int i = 0; i < 6; i++) {
        put_str(b, rep->sections[i].title);
        put_str(b, rep->sections[i].text);
    }
    nb_buf_put(b, (const char *)rep->have, NB_NVALUES);
    for (int i = 0; i < NB_NVALUES; i++)
        if (rep->have[i])
            put_f64(b, rep->values[i]);
    put_u32(b, (uint32_t)rep->nchecks);
    for (size_t i = 0; i < rep->nchecks; i++) {
        put_str(b, rep->checks[i].rule);
        put_i64(b, rep->checks[i].ok);
        put_str(b, rep->checks[i].detail);
    }
    size_t nw = rep->doc ? rep->doc->nwarnings : 0;
    put_u32(b, (uint32_t)nw);
    for (size_t i = 0; i < nw; i++)
        put_str(b, rep->doc->warnings[i]);
    put_u32(b, (uint32_t)out->len);
    nb_buf_put(b, out->ptr ? out->ptr : "", out->len);
    nb_buf_putc(b, 0);
    put_f64(b, seconds);
}

/* ---- decoding: a cursor that fails softly (bad = 1) instead of reading past the end ---- */
typedef struct {
    char *p, *end;
    int bad;
} cursor;

static void take(cursor *c, void *dst, size_t n)
{
    if (c->bad || (size_t)(c->end - c->p) < n) {
        c->bad = 1;
        memset(dst, 0, n);
        return;
    }
    memcpy(dst, c->p, n);
    c->p += n;
}

static uint32_t get_u32(cursor *c)
{
    uint32_t v;
    take(c, &v, sizeof v);
    return v;
}

static int64_t get_i64(cursor *c)
{
    int64_t v;
    take(c, &v, sizeof v);
    return v;
}

static double get_f64(cursor *c)
{
    double v;
    take(c, &v, sizeof v);
    return v;
}

static const char *get_str(cursor *c)
{
    uint32_t n = get_u32(c);
    if (c->bad || n == NULL_LEN)
        return NULL;
    if ((size_t)(c->end - c->p) < (size_t)n + 1 || c->p[n]) {
        c->bad = 1;
        return NULL;
    }
    const char *s = c->p;
    c->p += n + 1;
    return s;
}

static void decode_checks(cursor *c, nb_result *r)
{
    r->nchecks = get_u32(c);
    if (c->bad || r->nchecks > (size_t)(c->end - c->p)) {
        c->bad = 1;
        r->nchecks = 0;
        return;
    }
    r->checks = calloc(r->nchecks ? r->nchecks : 1, sizeof *r->checks);
    for (size_t i = 0; r->checks && i < r->nchecks; i++) {
        const char *rule = get_str(c);
        r->checks[i].ok = (nb_check_state)get_i64(c);
        const char *detail = get_str(c);
        snprintf(r->checks[i].rule, sizeof r->checks[i].rule, "%s", rule ? rule : "");
        snprintf(r->checks[i].detail, sizeof r->checks[i].detail, "%s", detail ? detail : "");
    }
}

static void decode_doc(cursor *c, nb_result *r)
{
    r->format = get_str(c);
    r->agency = get_str(c);
    r->year = (int)get_i64(c);
    r->tables_found = (int)get_i64(c);
    for (int i = 0; i < 6; i++) {
        r->sec_title[i] = get_str(c);
        r->sec_text[i] = get_str(c);
    }
    take(c, r->have, NB_NVALUES);
    for (int i = 0; i < NB_NVALUES; i++)
        r->values[i] = r->have[i] ? get_f64(c) : 0;
    decode_checks(c, r);
    r->nwarnings = get_u32(c);
    if (c->bad || r->nwarnings > (size_t)(c->end - c->p)) {
        c->bad = 1;
        return;
    }
    r->warnings = calloc(r->nwarnings ? r->nwarnings : 1, sizeof *r->warnings);
    for (size_t i = 0; r->warnings && i < r->nwarnings; i++)
        r->warnings[i] = get_str(c);
    const char *out = get_str(c);
    r->out = out;
    r->outlen = out ? strlen(out) : 0;
    r->seconds = get_f64(c);
}

int nb_wire_decode(char *msg, size_t len, nb_result *r)
{
    size_t index = r->index;
    const char *path = r->path;
    memset(r, 0, sizeof *r);
    r->index = index;
    r->path = path;
    r->mem_ = msg;
    cursor c = {msg, msg + len, 0};
    unsigned char kind = 0;
    take(&c, &kind, 1);
    r->kind = (nb_res_kind)kind;
    const char *sha = get_str(&c);
    snprintf(r->sha256, sizeof r->sha256, "%s", sha ? sha : "");
    r->size = get_i64(&c);
    if (r->kind == NB_RES_ERROR) {
        r->err_kind = get_str(&c);
        r->reason = get_str(&c);
    } else if (r->kind == NB_RES_DOC)
        decode_doc(&c, r);
    else if (r->kind != NB_RES_SKIPPED)
        c.bad = 1;
    return c.bad ? -1 : 0;
}

void nb_result_free(nb_result *r)
{
    if (!r)
        return;
    free(r->checks);
    free(r->warnings);
    free(r->mem_);
    r->checks = NULL;
    r->warnings = NULL;
    r->mem_ = NULL;
}

int nb_result_nvalues(const nb_result *r)
{
    int n = 0;
    for (int i = 0; r->kind == NB_RES_DOC && i < NB_NVALUES; i++)
        n += r->have[i];
    return n;
}

size_t nb_result_failed(const nb_result *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->nchecks; i++)
        n += r->checks[i].ok == NB_CHECK_FAIL;
    return n;
}
