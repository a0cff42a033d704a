/* test_years.c - the identity across years (tables/years.c): carried_in of year Y against the same
 * agency's carried_out of year Y-1, on records made by hand with known values. */
#include "harness.h"
#include "tables.h"

#define IN(c) (NB_T3_FIRST + NB_T3R_carried_in * NB_T3_COLS + (c))
#define OUT(c) (NB_T3_FIRST + NB_T3R_carried_out * NB_T3_COLS + (c))

typedef struct {
    int n, col[8], prev_year[8];
    size_t prev_tag[8], next_tag[8];
} seen;

static void note(const nb_year_mismatch *m, void *ctx)
{
    seen *s = ctx;
    EQ_INT(m->nth, s->n);
    if (s->n < 8) {
        s->col[s->n] = m->col;
        s->prev_year[s->n] = m->prev->year;
        s->prev_tag[s->n] = m->prev->tag;
        s->next_tag[s->n] = m->next->tag;
    }
    s->n++;
}

/* An entry for agency/year whose carried_in and carried_out rows are all v (null where have is 0). */
static void entry(nb_year_entry *e, const char *agency, int year, double in, double out, int have)
{
    nb_report *r = nb_report_new(NB_FMT_TEXT, "x");
    OK(r != NULL);
    if (!r)
        return;
    r->year = year;
    for (int c = 0; c < NB_T3_COLS; c++) {
        r->values[IN(c)] = in, r->have[IN(c)] = (unsigned char)have;
        r->values[OUT(c)] = out, r->have[OUT(c)] = (unsigned char)have;
    }
    nb_year_entry_set(e, r);
    e->agency = agency;
    nb_report_free(r);
}

int main(void)
{
    nb_year_entry e[6];
    entry(&e[0], "甲局", 2023, 5, 9, 1);  /* carried in 5: 2022 carried out 4 -> 7 mismatches */
    entry(&e[1], "甲局", 2022, 1, 4, 1);
    entry(&e[2], "乙局", 2023, 9, 0, 1);  /* 乙 2022 is missing: 2021 -> 2023 not compared */
    entry(&e[3], "乙局", 2021, 0, 3, 1);
    entry(&e[4], "甲局", 2024, 9, 0, 1);  /* = 甲 2023's 9: no mismatch */
    entry(&e[5], "丙局", 2024, 7, 7, 0);  /* nulls: nothing compared */
    e[1].carried_out[NB_T3C_research] = 5; /* that column agrees with 2023's carried_in 5 */
    const nb_year_entry *v[7];
    for (int i = 0; i < 6; i++) {
        e[i].tag = (size_t)i;
        v[i] = &e[i];
    }
    v[6] = NULL; /* an input without a record */
    seen s = {0};
    EQ_INT(nb_years_check(v, 7, note, &s), NB_T3_COLS - 1);
    EQ_INT(s.n, NB_T3_COLS - 1);
    EQ_INT(s.prev_year[0], 2022);
    EQ_INT(s.prev_tag[0], 1);
    EQ_INT(s.next_tag[0], 0);
    EQ_INT(s.col[0], NB_T3C_natural_person);
    EQ_INT(s.col[1], NB_T3C_commercial);
    EQ_INT(s.col[2], NB_T3C_public_interest); /* research agreed */
    EQ_STR(nb_t3_col_key(s.col[2]), "public_interest");
    e[0].carried_in[NB_T3C_natural_person] = 4; /* fixed: one fewer */
    EQ_INT(nb_years_check(v, 7, NULL, NULL), NB_T3_COLS - 2);
    e[1].agency = NULL; /* no agency: not compared */
    EQ_INT(nb_years_check(v, 7, NULL, NULL), 0);
    DONE();
}
