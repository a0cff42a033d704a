/* harness.h - the tiny unit-test harness: OK(cond), EQ_INT, EQ_STR, then DONE() in main.
 * Each test binary prints its failures and a "name: N passed, M failed" line. */
#ifndef NB_HARNESS_H
#define NB_HARNESS_H

#include "core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* NB_TEST_CPU_SCALE, when set, replaces the per-input CPU budget's scale before main (0 = no
 * budget). tests/valgrind.sh sets 0: under valgrind every input takes 20-50 times its CPU time, so
 * the budget would cut PDF pages and skip the rendering for ruling lines, and tests of what a
 * whole document gives would fail for the tool's slowness, not the code's. */
__attribute__((constructor)) static void nb_t_cpu_scale(void)
{
    const char *scale = getenv("NB_TEST_CPU_SCALE");
    if (scale && *scale)
        nb_limits_get()->cpu_scale = atof(scale);
}

static int nb_t_pass, nb_t_fail;

#define OK(cond)                                                                                 \
    do {                                                                                         \
        if (cond)                                                                                \
            nb_t_pass++;                                                                         \
        else {                                                                                   \
            nb_t_fail++;                                                                         \
            fprintf(stderr, "%s:%d: FAIL: %s\n", __FILE__, __LINE__, #cond);                    \
        }                                                                                        \
    } while (0)

#define EQ_INT(a, b)                                                                             \
    do {                                                                                         \
        long long nb_a = (long long)(a), nb_b = (long long)(b);                                  \
        if (nb_a == nb_b)                                                                        \
            nb_t_pass++;                                                                         \
        else {                                                                                   \
            nb_t_fail++;                                                                         \
            fprintf(stderr, "%s:%d: FAIL: %s == %lld, expected %lld\n", __FILE__, __LINE__, #a,  \
                    nb_a, nb_b);                                                                 \
        }                                                                                        \
    } while (0)

#define EQ_STR(a, b)                                                                             \
    do {                                                                                         \
        const char *nb_a = (a), *nb_b = (b);                                                     \
        if (nb_a && nb_b && !strcmp(nb_a, nb_b))                                                 \
            nb_t_pass++;                                                                         \
        else {                                                                                   \
            nb_t_fail++;                                                                         \
            fprintf(stderr, "%s:%d: FAIL: %s == \"%s\", expected \"%s\"\n", __FILE__, __LINE__,  \
                    #a, nb_a ? nb_a : "(null)", nb_b ? nb_b : "(null)");                         \
        }                                                                                        \
    } while (0)

#define DONE()                                                                                   \
    do {                                                                                         \
        printf("%s: %d passed, %d failed\n", __FILE__, nb_t_pass, nb_t_fail);                   \
        return nb_t_fail ? 1 : 0;                                                                \
    } while (0)

/* The whole file at path, NUL-terminated (malloc'ed, caller frees); *len (may be NULL) gets its
 * length. NULL when it cannot be opened or read. */
static inline char *nb_t_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
    size_t got = buf ? fread(buf, 1, (size_t)n, f) : 0;
    fclose(f);
    if (buf)
        buf[got] = 0;
    if (len)
        *len = got;
    return buf;
}

/* s with its first occurrence of from replaced by to (malloc'ed), NULL when from is not in s. */
static inline char *nb_t_replace(const char *s, const char *from, const char *to)
{
    const char *at = strstr(s, from);
    if (!at)
        return NULL;
    char *out = malloc(strlen(s) - strlen(from) + strlen(to) + 1);
    size_t k = (size_t)(at - s);
    memcpy(out, s, k);
    strcpy(out + k, to);
    strcat(out, at + strlen(from));
    return out;
}

#endif
