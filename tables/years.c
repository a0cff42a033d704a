/* years.c - the identity across years: what an agency carried into year Y (table 3 row carried_in)
 * is what it carried out of year Y-1 (row carried_out), column by column.
 *
 * Algorithm, on three records: A 2022 (carried_out natural_person 3), A 2023 (carried_in 2), B 2023:
 *  1. Keep the entries that name an agency and a year; sort them by agency, then year.
 *  2. For each pair of neighbours with the same agency and consecutive years (A 2022, A 2023), compare
 *     every column where both values were found: 3 != 2 is one mismatch, reported to the caller.
 *  3. Return the number of mismatches (1). Years with a gap (2021, 2023) are not compared. */
#include "tables.h"

#include <stdlib.h>
#include <string.h>

void nb_year_entry_set(nb_year_entry *e, const nb_report *r)
{
    e->year = r->year;
    for (int c = 0; c < NB_T3_COLS; c++) {
        int in = NB_T3_FIRST + NB_T3R_carried_in * NB_T3_COLS + c;
        int out = NB_T3_FIRST + NB_T3R_carried_out * NB_T3_COLS + c;
        e->carried_in[c] = (e->has_in[c] = r->have[in]) ? r->values[in] : 0;
        e->carried_out[c] = (e->has_out[c] = r->have[out]) ? r->values[out] : 0;
    }
}

static int cmp_entry(const void *a, const void *b)
{
    const nb_year_entry *x = *(const nb_year_entry *const *)a, *y = *(const nb_year_entry *const *)b;
    int k = strcmp(x->agency, y->agency);
    return k ? k : x->year - y->year;
}

size_t nb_years_check(const nb_year_entry *const *e, size_t n, nb_year_fn fn, void *ctx)
{
    const nb_year_entry **v = malloc((n + 1) * sizeof *v);
    size_t m = 0, bad = 0;
    for (size_t i = 0; v && i < n; i++) /* step 1 */
        if (e[i] && e[i]->agency && e[i]->year)
            v[m++] = e[i];
    if (v && m)
        qsort(v, m, sizeof *v, cmp_entry);
    for (size_t i = 1; v && i < m; i++) { /* step 2 */
        const nb_year_entry *p = v[i - 1], *q = v[i];
        if (strcmp(p->agency, q->agency) || q->year != p->year + 1)
            continue;
        for (int c = 0; c < NB_T3_COLS; c++)
            if (p->has_out[c] && q->has_in[c] && p->carried_out[c] != q->carried_in[c]) {
                nb_year_mismatch mm = {p, q, c, bad++};
                if (fn)
                    fn(&mm, ctx);
            }
    }
    free(v);
    return bad;
}
