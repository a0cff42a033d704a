/* checks.c - the template's own arithmetic (勾稽关系): every identity of the schema README as a
 * reported check, and recovery of a cell lost in extraction when the identities fix its value. */
#include "tables.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The identities as the template's description states them (template_desc.h): rows and columns by
 * their keys; the result rows are group results' rows above total. */
#define T3(row, col) (NB_T3_FIRST + (row) * NB_T3_COLS + (col))
enum { R_NEW = NB_T3R_new, R_CARRIED_IN = NB_T3R_carried_in, R_TOTAL = NB_T3R_total,
       R_CARRIED_OUT = NB_T3R_carried_out, C_TOTAL = NB_T3C_total, T4_TOTAL = NB_T4C_total };
_Static_assert(C_TOTAL == NB_T3_COLS - 1 && T4_TOTAL == NB_T4_GROUP_COLS - 1,
               "the total is the last column: the sums below add the columns before it");

/* ---- recovery of a lost cell --------------------------------------------------------------- */

/* Identity groups inside one row: t3 rows are one group of 7 (last = sum of the six before),
 * the t4 row is three groups of 5 (last = sum of the four before). */
static int row_consistent(const double *v, int count)
{
    int g = count == NB_T4_COUNT ? NB_T4_GROUP_COLS : count;
    for (int s = 0; s < count; s += g) {
        double sum = 0;
        for (int k = 0; k < g - 1; k++)
            sum += v[s + k];
        if (fabs(sum - v[s + g - 1]) > 1e-9)
            return 0;
    }
    return 1;
}

/* The row with the gap at position p, the gap solved from its group; 0 if negative. */
static int candidate(const nb_pending_row *p, int gap, double *v)
{
    int g = p->count == NB_T4_COUNT ? NB_T4_GROUP_COLS : p->count, k = 0;
    for (int i = 0; i < p->count; i++)
        v[i] = i == gap ? 0 : p->nums[k++];
    int s = gap / g * g, last = s + g - 1;
    double sum = 0;
    for (int i = s; i < last; i++)
        sum += v[i];
    v[gap] = gap == last ? sum : v[last] - (sum - v[gap]);
    return v[gap] >= 0 && row_consistent(v, p->count);
}

static void recover_row(nb_template *tp, const nb_pending_row *p)
{
    double best[32], v[32];
    int found = 0, unique = 1;
    if (p->n != p->count - 1) {
        nb_doc_warn(tp->r->doc, "%s: %d of %d values found; the rest left null", p->what, p->n,
                    p->count);
        return;
    }
    for (int gap = 0; gap < p->count; gap++) {
        if (!candidate(p, gap, v))
            continue;
        if (found && memcmp(v, best, sizeof(double) * (size_t)p->count))
            unique = 0;
        memcpy(best, v, sizeof(double) * (size_t)p->count);
        found = 1;
    }
    if (!found || !unique) {
        nb_doc_warn(tp->r->doc, "%s: one value lost and the identities do not say which; left null",
                    p->what);
        return;
    }
    /* OCR: the number "lost" may be two cells read as one ("24 | 0" as "240"), so the row's
     * numbers and the rebuilt cell are only doubtful readings; the OCR guard takes each one alone
     * where the other cells' identities pin it down (a rebuilt cell holds its row by construction) */
    int ocr = tp->r->doc->ocr_pages > 0;
    for (int i = 0; i < p->count; i++) {
        tp->r->values[p->first + i] = ocr ? 0 : best[i];
        tp->r->have[p->first + i] = !ocr;
        tp->r->doubt[p->first + i] = best[i];
        tp->r->doubtful[p->first + i] = (unsigned char)ocr;
    }
    nb_doc_warn(tp->r->doc, "%s: one value lost in extraction, %s", p->what,
                ocr ? "the row rebuilt from the identities is left to the OCR guard as doubtful readings"
                    : "recovered from the identities");
}

void nb_template_pending(nb_template *tp, int first, int count, const double *slot,
                         const int *has, int nslots, const char *what)
{
    if (tp->npending >= NB_MAX_PENDING)
        return;
    nb_pending_row *p = &tp->pending[tp->npending++];
    memset(p, 0, sizeof *p);
    p->first = first;
    p->count = count;
    for (int i = 0; i < nslots && p->n < 32; i++) /* pending rows are t3/t4: all counts */
        if (has[i]) /* a fraction or an unreadable number (NaN) makes every candidate fail */
            p->nums[p->n++] = slot[i] == floor(slot[i]) ? slot[i] : NAN;
    snprintf(p->what, sizeof p->what, "%s", what);
}

void nb_template_recover(nb_template *tp)
{
    for (int i = 0; i < tp->npending; i++)
        recover_row(tp, &tp->pending[i]);
}

/* ---- the checks ------------------------------------------------------------------------------ */

typedef struct {
    nb_report *r;
    size_t cap;
    nb_identity *ids; /* when set: each equation's fields are recorded here too (nb_identities) */
} checker;

static nb_check *add_check(checker *c, const char *rule)
{
    nb_check *grown = nb_grow(c->r->checks, c->r->nchecks, &c->cap, sizeof *grown, 64);
    if (!grown)
        return NULL;
    c->r->checks = grown;
    nb_check *k = &c->r->checks[c->r->nchecks++];
    memset(k, 0, sizeof *k);
    snprintf(k->rule, sizeof k->rule, "%s", rule);
    return k;
}

/* sum(plus) == sum(minus) over field indices; -1 ends each list. */
static void equation(checker *c, const char *rule, const int *plus, const int *minus,
                     const char *what)
{
    nb_check *k = add_check(c, rule);
    if (!k)
        return;
    if (c->ids) {
        nb_identity *id = &c->ids[c->r->nchecks - 1];
        id->n = id->nplus = 0;
        for (const int *p = plus; *p >= 0 && id->n < NB_IDENTITY_MAX; p++, id->nplus++)
            id->field[id->n++] = *p;
        for (const int *p = minus; *p >= 0 && id->n < NB_IDENTITY_MAX; p++)
            id->field[id->n++] = *p;
    }
    double l = 0, rr = 0;
    const nb_report *r = c->r;
    for (const int *p = plus; *p >= 0; p++) {
        if (!r->have[*p]) {
            k->ok = NB_CHECK_MISSING;
            snprintf(k->detail, sizeof k->detail, "not checked: %s is null", nb_fields[*p].id);
            return;
        }
        l += r->values[*p];
    }
    for (const int *p = minus; *p >= 0; p++) {
        if (!r->have[*p]) {
            k->ok = NB_CHECK_MISSING;
            snprintf(k->detail, sizeof k->detail, "not checked: %s is null", nb_fields[*p].id);
            return;
        }
        rr += r->values[*p];
    }
    k->ok = fabs(l - rr) < 1e-6 ? NB_CHECK_OK : NB_CHECK_FAIL;
    char ls[32], rs[32];
    snprintf(k->detail, sizeof k->detail, "%s: %s %s %s", what, nb_fmt_number(l, ls),
             k->ok ? "=" : "!=", nb_fmt_number(rr, rs));
}

static void t3_checks(checker *c)
{
    char rule[48];
    for (int col = 0; col < NB_T3_COLS; col++) {
        int plus[] = {T3(R_NEW, col), T3(R_CARRIED_IN, col), -1};
        int minus[] = {T3(R_TOTAL, col), T3(R_CARRIED_OUT, col), -1};
        snprintf(rule, sizeof rule, "t3.balance.%s", nb_t3_col_key(col));
        equation(c, rule, plus, minus, "new + carried_in vs total + carried_out");
    }
    int first = nb_t3_group_first(NB_T3G_results);
    for (int col = 0; col < NB_T3_COLS; col++) {
        int plus[NB_T3_ROWS + 1], n = 0, minus[] = {T3(R_TOTAL, col), -1};
        for (int row = first; row < R_TOTAL; row++)
            plus[n++] = T3(row, col);
        plus[n] = -1;
        snprintf(rule, sizeof rule, "t3.results_sum.%s", nb_t3_col_key(col));
        equation(c, rule, plus, minus, "sum of the 21 result rows vs total");
    }
    for (int row = 0; row < NB_T3_ROWS; row++) {
        int plus[NB_T3_COLS], minus[] = {T3(row, C_TOTAL), -1};
        for (int col = 0; col < C_TOTAL; col++)
            plus[col] = T3(row, col);
        plus[C_TOTAL] = -1;
        snprintf(rule, sizeof rule, "t3.applicants_sum.%s", nb_t3_row_key(row));
        equation(c, rule, plus, minus, "sum of the six applicant columns vs total");
    }
}

static void t4_checks(checker *c)
{
    char rule[48];
    for (int g = 0; g < NB_T4_GROUPS; g++) {
        int base = NB_T4_FIRST + g * NB_T4_GROUP_COLS, plus[NB_T4_GROUP_COLS];
        int minus[] = {base + T4_TOTAL, -1};
        for (int k = 0; k < T4_TOTAL; k++)
            plus[k] = base + k;
        plus[T4_TOTAL] = -1;
        snprintf(rule, sizeof rule, "t4.total.%s", nb_t4_group_key(g));
        equation(c, rule, plus, minus, "upheld + corrected + other + pending vs total");
    }
}

void nb_report_check(nb_report *r)
{
    free(r->checks);
    r->checks = NULL;
    r->nchecks = 0;
    checker c = {r, 0, NULL};
    t3_checks(&c);
    t4_checks(&c);
}

size_t nb_identities(nb_identity *out, size_t cap)
{
    if (cap < NB_NIDENTITIES)
        return 0;
    nb_report r;
    memset(&r, 0, sizeof r);
    checker c = {&r, 0, out};
    t3_checks(&c);
    t4_checks(&c);
    free(r.checks);
    return r.nchecks;
}

size_t nb_report_failed(const nb_report *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->nchecks; i++)
        n += r->checks[i].ok == NB_CHECK_FAIL;
    return n;
}
