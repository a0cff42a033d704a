/* codec.c - the byte message of core.h: what a batch worker sends its parent (a record, an error),
 * written and read field by field. Example: the string "ab" is 02 00 00 00 'a' 'b' 00 (u32 length,
 * bytes, NUL); NULL is ff ff ff ff. Reading checks every length against what is left. */
#include "core.h"

#include <stdint.h>
#include <string.h>

#define NULL_LEN 0xffffffffu

void nb_buf_put_u32(nb_buf *b, unsigned v)
{
    uint32_t x = (uint32_t)v;
    nb_buf_put(b, (const char *)&x, sizeof x);
}

void nb_buf_put_i64(nb_buf *b, long long v)
{
    int64_t x = (int64_t)v;
    nb_buf_put(b, (const char *)&x, sizeof x);
}

void nb_buf_put_f64(nb_buf *b, double v) { nb_buf_put(b, (const char *)&v, sizeof v); }

void nb_buf_put_str(nb_buf *b, const char *s)
{
    if (!s) {
        nb_buf_put_u32(b, NULL_LEN);
        return;
    }
    size_t n = strlen(s);
    nb_buf_put_u32(b, (unsigned)n);
    nb_buf_put(b, s, n + 1);
}

void nb_read_bytes(nb_reader *c, void *dst, size_t n)
{
    if (c->bad || (size_t)(c->end - c->p) < n) {
        c->bad = 1;
        memset(dst, 0, n);
        return;
    }
    memcpy(dst, c->p, n);
    c->p += n;
}

unsigned nb_read_u32(nb_reader *c)
{
    uint32_t v;
    nb_read_bytes(c, &v, sizeof v);
    return v;
}

long long nb_read_i64(nb_reader *c)
{
    int64_t v;
    nb_read_bytes(c, &v, sizeof v);
    return v;
}

double nb_read_f64(nb_reader *c)
{
    double v;
    nb_read_bytes(c, &v, sizeof v);
    return v;
}

const char *nb_read_str(nb_reader *c)
{
    uint32_t n = nb_read_u32(c);
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

size_t nb_read_count(nb_reader *c)
{
    size_t n = nb_read_u32(c);
    if (c->bad || n > (size_t)(c->end - c->p)) {
        c->bad = 1;
        return 0;
    }
    return n;
}
