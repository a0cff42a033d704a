/* harness.h - the tiny unit-test harness: OK(cond), EQ_INT, EQ_STR, then DONE() in main.
 * Each test binary prints its failures and a "name: N passed, M failed" line. */
#ifndef NB_HARNESS_H
#define NB_HARNESS_H

#include <stdio.h>
#include <string.h>

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

#endif
