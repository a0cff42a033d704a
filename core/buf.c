/* buf.c - nb_buf, the growable byte buffer, and nb_arena, the bump allocator for
 * document strings. Both fail soft: an allocation failure is remembered, never fatal. */
#include "core.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int grow(nb_buf *b, size_t extra)
{
    if (b->oom)
        return 0;
    if (b->len + extra + 1 <= b->cap)
        return 1;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) {
        if (cap > SIZE_MAX / 2) {
            b->oom = 1;
            return 0;
        }
        cap *= 2;
    }
    char *p = realloc(b->ptr, cap);
    if (!p) {
        b->oom = 1;
        return 0;
    }
    b->ptr = p;
    b->cap = cap;
    return 1;
}

void nb_buf_put(nb_buf *b, const char *s, size_t n)
{
    if (!n || !grow(b, n))
        return;
    memcpy(b->ptr + b->len, s, n);
    b->len += n;
    b->ptr[b->len] = 0;
}

void nb_buf_puts(nb_buf *b, const char *s) { nb_buf_put(b, s, strlen(s)); }
void nb_buf_putc(nb_buf *b, char c) { nb_buf_put(b, &c, 1); }

void nb_buf_printf(nb_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0 || !grow(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void nb_buf_clear(nb_buf *b)
{
    b->len = 0;
    if (b->ptr)
        b->ptr[0] = 0;
}

const char *nb_buf_cstr(const nb_buf *b) { return b->ptr && !b->oom ? b->ptr : ""; }

char *nb_buf_detach(nb_buf *b)
{
    char *p = b->oom ? NULL : b->ptr;
    if (b->oom)
        free(b->ptr);
    else if (!p)
        p = calloc(1, 1);
    b->ptr = NULL;
    b->len = b->cap = 0;
    b->oom = 0;
    return p;
}

void nb_buf_free(nb_buf *b)
{
    free(b->ptr);
    b->ptr = NULL;
    b->len = b->cap = 0;
    b->oom = 0;
}

void nb_buf_json_escape(nb_buf *b, const char *s, size_t n)
{
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        nb_buf_put(b, s + start, i - start);
        switch (c) {
        case '"': nb_buf_puts(b, "\\\""); break;
        case '\\': nb_buf_puts(b, "\\\\"); break;
        case '\n': nb_buf_puts(b, "\\n"); break;
        case '\t': nb_buf_puts(b, "\\t"); break;
        case '\r': nb_buf_puts(b, "\\r"); break;
        default: nb_buf_printf(b, "\\u%04x", c); break;
        }
        start = i + 1;
    }
    nb_buf_put(b, s + start, n - start);
}

/* ---- arena ---- */
#define ARENA_CHUNK (64u << 10) /* small reports fit one chunk; big ones grow by chunks */

struct nb_arena_chunk {
    nb_arena_chunk *next;
    size_t used, cap;
    _Alignas(8) unsigned char data[];
};

void *nb_arena_alloc(nb_arena *a, size_t n)
{
    n = (n + 7) & ~(size_t)7;
    nb_arena_chunk *c = a->head;
    if (!c || c->cap - c->used < n) {
        size_t cap = n > ARENA_CHUNK ? n : ARENA_CHUNK;
        c = malloc(sizeof *c + cap);
        if (!c)
            return NULL;
        c->used = 0;
        c->cap = cap;
        c->next = a->head;
        a->head = c;
    }
    void *p = c->data + c->used;
    c->used += n;
    a->used_total += n;
    return p;
}

char *nb_arena_strndup(nb_arena *a, const char *s, size_t n)
{
    char *p = nb_arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    if (n)
        memcpy(p, s, n);
    p[n] = 0;
    return p;
}

void nb_arena_free(nb_arena *a)
{
    nb_arena_chunk *c = a->head;
    while (c) {
        nb_arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
    a->used_total = 0;
}

void *nb_grow(void *v, size_t n, size_t *cap, size_t elem, size_t first)
{
    if (n < *cap)
        return v;
    size_t want = *cap ? *cap * 2 : first;
    if (!elem || want <= *cap || want > SIZE_MAX / elem)
        return NULL;
    void *grown = realloc(v, want * elem);
    if (grown)
        *cap = want;
    return grown;
}
