/* wire.c - the compact message a worker process sends back for one input (document, error or
 * skipped), and its decoding in the parent. Head: kind, sha256, size; then for an error its kind and
 * reason; for a document the record (tables/record.c, nb_report_encode: the parent decodes the same
 * nb_report), the rendered text and the seconds. Strings of the head point into the message, which
 * nb_result owns; the record owns its own. */
#include "batch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put_head(nb_buf *b, nb_res_kind kind, const char *sha, long long size)
{
    nb_buf_putc(b, (char)kind);
    nb_buf_put_str(b, sha ? sha : "");
    nb_buf_put_i64(b, size);
}

void nb_wire_encode_error(nb_buf *b, const char *sha, long long size, const char *kind,
                          const char *reason)
{
    put_head(b, NB_RES_ERROR, sha, size);
    nb_buf_put_str(b, kind);
    nb_buf_put_str(b, reason);
}

void nb_wire_encode_skipped(nb_buf *b, const char *sha, long long size)
{
    put_head(b, NB_RES_SKIPPED, sha, size);
}

void nb_wire_encode_doc(nb_buf *b, const nb_report *rep, const char *sha, long long size,
                        const nb_buf *out, double seconds)
{
    put_head(b, NB_RES_DOC, sha, size);
    nb_report_encode(rep, b);
    nb_buf_put_u32(b, (unsigned)out->len);
    nb_buf_put(b, out->ptr ? out->ptr : "", out->len);
    nb_buf_putc(b, 0);
    nb_buf_put_f64(b, seconds);
}

static void decode_doc(nb_reader *c, nb_result *r)
{
    nb_err err = {0};
    if (!(r->rec = nb_report_decode(c, &err))) {
        c->bad = 1;
        return;
    }
    r->out = nb_read_str(c);
    r->outlen = r->out ? strlen(r->out) : 0;
    r->seconds = nb_read_f64(c);
}

int nb_wire_decode(char *msg, size_t len, nb_result *r)
{
    size_t index = r->index;
    const char *path = r->path;
    memset(r, 0, sizeof *r);
    r->index = index;
    r->path = path;
    r->mem_ = msg;
    nb_reader c = {msg, msg + len, 0};
    unsigned char kind = 0;
    nb_read_bytes(&c, &kind, 1);
    r->kind = (nb_res_kind)kind;
    const char *sha = nb_read_str(&c);
    snprintf(r->sha256, sizeof r->sha256, "%s", sha ? sha : "");
    r->size = nb_read_i64(&c);
    if (r->kind == NB_RES_ERROR) {
        r->err_kind = nb_read_str(&c);
        r->reason = nb_read_str(&c);
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
    nb_report_free(r->rec);
    free(r->mem_);
    r->rec = NULL;
    r->mem_ = NULL;
}

int nb_result_nvalues(const nb_result *r)
{
    return r->kind == NB_RES_DOC && r->rec ? nb_report_nvalues(r->rec) : 0;
}

size_t nb_result_failed(const nb_result *r)
{
    return r->kind == NB_RES_DOC && r->rec ? nb_report_failed(r->rec) : 0;
}
