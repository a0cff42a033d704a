/* runs.c - table rows printed as one glued digit run ("291000030"), split by the identities.
 *
 * The splitting itself is layout/digitruns.c; here the template knows each row's cell count and
 * the identities it takes part in. On table 3 of a crawler page:
 *   1. One row at a time (nb_runs_row): a run with a single possible cut is read as printed (even
 *      when it breaks an identity: the checks then fail, which is the finding). Otherwise the spaces,
 *      when they cut the run into exactly the row's cells, are the printed reading: kept if it fits
 *      the row's identity, else the row is null. Otherwise the cuts fitting the row's identity
 *      (table 3: total = the six applicant columns; table 4: each group's total) are listed:
 *      one -> the values; none -> null; several (table 3) -> kept for step 2; table 2 (no
 *      identity: "6856" is 6 8 56, 68 5 6 or 6 85 6) -> null. Every null names the row.
 *   2. Across rows (nb_runs_resolve), table 3's column identities: new + carried_in = total +
 *      carried_out, and the 21 result rows sum to total, in all seven columns. For each identity
 *      whose other rows are all known, every joint reading of its waiting rows is tried (at most
 *      NB_MAX_RUN_COMBOS); a reading no consistent combination uses is dropped. Repeated until
 *      nothing changes; a row left with one reading takes it, with none or several it is null.
 * A reading is never chosen because it is likelier: only when it is the one the identities allow.
 */
#include "tables.h"
#include "layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SUM_TOLERANCE 1e-6
#define NB_MAX_ROW_VALUES 15 /* the widest template row: table 4's 15 values */

typedef struct {
    int first;  /* field index of the row's first value */
    int n;      /* readings left; 0 = settled (taken or null) */
    double v[NB_MAX_RUN_READINGS][NB_T3_COLS];
    char what[64];
} run_row;

struct nb_run_rows {
    run_row rows[NB_T3_ROWS];
    int n;
};

/* Stores a row (has = NULL: all null) unless one of its fields was already filled. */
static void put(nb_template *tp, int first, int count, const double *v, int known, const char *what)
{
    if (!nb_template_claim(tp, first, count, what))
        return;
    for (int i = 0; i < count; i++) {
        tp->r->have[first + i] = (unsigned char)known;
        tp->r->values[first + i] = known ? v[i] : 0;
    }
}

static int same(const double *a, const double *b, int n)
{
    for (int i = 0; i < n; i++)
        if (fabs(a[i] - b[i]) > SUM_TOLERANCE)
            return 0;
    return 1;
}

/* Keeps the readings of a table-3 row for the identities across rows. */
static void defer(nb_template *tp, int first, const double *readings, int n, const char *what)
{
    if (!tp->runs && !(tp->runs = calloc(1, sizeof *tp->runs)))
        return;
    run_row *w = &tp->runs->rows[tp->runs->n++];
    w->first = first;
    w->n = n;
    memcpy(w->v, readings, sizeof(double) * NB_T3_COLS * (size_t)n);
    snprintf(w->what, sizeof w->what, "%s", what);
    put(tp, first, NB_T3_COLS, NULL, 0, what); /* null until resolved; duplicates still caught */
}

/* Several cuts possible: the spaces' reading, the identity, or null. */
static void split_row(nb_template *tp, const nb_run *run, int first, int count, int g,
                      const char *text, const char *what)
{
    double spaced[NB_MAX_ROW_VALUES], readings[NB_MAX_RUN_READINGS * NB_MAX_ROW_VALUES];
    int has_spaced = nb_run_spaced(run, count, spaced);
    int max = count == NB_T3_COLS ? NB_MAX_RUN_READINGS : 1;
    int n = g ? nb_run_splits(run, count, g, readings, max) : 0;
    for (int i = 0; has_spaced && i < n && i < max; i++)
        if (same(readings + (size_t)i * (size_t)count, spaced, count)) {
            put(tp, first, count, spaced, 1, what);
            return;
        }
    if (has_spaced && !g) {
        put(tp, first, count, spaced, 1, what);
        return;
    }
    if (!has_spaced && n == 1) {
        put(tp, first, count, readings, 1, what);
        return;
    }
    if (!has_spaced && n > 1 && n <= max && count == NB_T3_COLS) {
        defer(tp, first, readings, n, what);
        return;
    }
    put(tp, first, count, NULL, 0, what);
    if (has_spaced)
        nb_doc_warn(tp->r->doc, "%s: glued digits '%s': the printed spacing breaks the identities and "
                    "other cuts are possible; left null", what, text);
    else if (!g)
        nb_doc_warn(tp->r->doc, "%s: glued digits '%s' can be cut into %d numbers in several ways "
                    "and no identity decides; left null", what, text, count);
    else if (n < 0)
        nb_doc_warn(tp->r->doc, "%s: glued digits '%s' have too many possible cuts; left null", what, text);
    else if (n == 0)
        nb_doc_warn(tp->r->doc, "%s: glued digits '%s': no cut into %d numbers satisfies the "
                    "identities; left null", what, text, count);
    else
        nb_doc_warn(tp->r->doc, "%s: glued digits '%s': %s%d cuts satisfy the identities; left null",
                    what, text, n > max ? "at least " : "", n);
}

int nb_runs_glued(const char *num, int cells)
{
    size_t n = num ? strlen(num) : 0;
    for (size_t i = 0; i < n; i++)
        if (num[i] < '0' || num[i] > '9')
            return 0;
    return n >= (size_t)cells;
}

void nb_runs_row(nb_template *tp, int first, int count, int g, const char *text, const char *what)
{
    nb_run run;
    double v[NB_MAX_ROW_VALUES];
    if (count < 1 || count > NB_MAX_ROW_VALUES || !nb_run_parse(text, strlen(text), &run)) {
        put(tp, first, count, NULL, 0, what);
        nb_doc_warn(tp->r->doc, "%s: '%s' is not a run of numbers; left null", what, text);
        return;
    }
    long ways = nb_run_count(&run, count);
    if (ways == 1 && nb_run_splits(&run, count, 0, v, 1) == 1) {
        put(tp, first, count, v, 1, what); /* as printed, whatever the identities say */
        return;
    }
    if (ways == 0) {
        put(tp, first, count, NULL, 0, what);
        nb_doc_warn(tp->r->doc, "%s: glued digits '%s' cannot be %d numbers; left null", what, text,
                    count);
        return;
    }
    split_row(tp, &run, first, count, g, text, what);
}

/* ---- across rows: table 3's column identities ------------------------------------------------- */

enum { R_NEW = NB_T3R_new, R_CARRIED_IN = NB_T3R_carried_in, R_TOTAL = NB_T3R_total,
       R_CARRIED_OUT = NB_T3R_carried_out }; /* the template's description names them (tables.h) */

/* The rows of one identity group with their signs: sum over rows of sign * row = 0, per column. */
typedef struct {
    int row[NB_T3_ROWS], sign[NB_T3_ROWS], n;
} group;

static void groups_make(group g[2])
{
    memset(g, 0, 2 * sizeof *g);
    int bal[4][2] = {{R_NEW, 1}, {R_CARRIED_IN, 1}, {R_TOTAL, -1}, {R_CARRIED_OUT, -1}};
    for (int i = 0; i < 4; i++)
        g[0].row[g[0].n] = bal[i][0], g[0].sign[g[0].n++] = bal[i][1];
    for (int r = nb_t3_group_first(NB_T3G_results); r < R_TOTAL; r++)
        g[1].row[g[1].n] = r, g[1].sign[g[1].n++] = 1;
    g[1].row[g[1].n] = R_TOTAL, g[1].sign[g[1].n++] = -1;
}

static run_row *waiting(struct nb_run_rows *w, int row)
{
    for (int i = 0; i < w->n; i++)
        if (w->rows[i].n > 0 && w->rows[i].first == NB_T3_FIRST + row * NB_T3_COLS)
            return &w->rows[i];
    return NULL;
}

/* 1 when every value of the row is known and its total is the sum of the six applicant columns;
 * -1 when known but not adding up (the document is inconsistent there); 0 when a value is null. */
static int row_known(const nb_report *r, int row)
{
    const double *v = r->values + NB_T3_FIRST + row * NB_T3_COLS;
    double sum = 0;
    for (int c = 0; c < NB_T3_COLS; c++) {
        if (!r->have[NB_T3_FIRST + row * NB_T3_COLS + c])
            return 0;
        sum += c < NB_T3_COLS - 1 ? v[c] : 0;
    }
    return fabs(sum - v[NB_T3_COLS - 1]) < SUM_TOLERANCE ? 1 : -1;
}

/* Tries every joint reading of the group's waiting rows; drops readings no consistent one uses.
 * Returns 1 when some row lost a reading. */
static int prune_group(nb_template *tp, const group *g)
{
    run_row *wr[NB_T3_ROWS];
    int sign[NB_T3_ROWS], k = 0;
    double base[NB_T3_COLS] = {0};
    long combos = 1;
    for (int i = 0; i < g->n; i++) {
        run_row *w = waiting(tp->runs, g->row[i]);
        if (w) {
            wr[k] = w, sign[k++] = g->sign[i];
            combos *= w->n;
            if (combos > NB_MAX_RUN_COMBOS)
                return 0;
        } else if (row_known(tp->r, g->row[i]) != 1) {
            return 0; /* a row of it null, or printed not adding up: it decides nothing */
        } else {
            for (int c = 0; c < NB_T3_COLS; c++)
                base[c] += g->sign[i] * tp->r->values[NB_T3_FIRST + g->row[i] * NB_T3_COLS + c];
        }
    }
    if (!k)
        return 0;
    unsigned char used[NB_T3_ROWS][NB_MAX_RUN_READINGS] = {{0}};
    int pick[NB_T3_ROWS] = {0};
    for (long t = 0; t < combos; t++) {
        int ok = 1;
        for (int c = 0; c < NB_T3_COLS && ok; c++) {
            double s = base[c];
            for (int i = 0; i < k; i++)
                s += sign[i] * wr[i]->v[pick[i]][c];
            ok = fabs(s) < SUM_TOLERANCE;
        }
        for (int i = 0; ok && i < k; i++)
            used[i][pick[i]] = 1;
        for (int i = 0; i < k && ++pick[i] == wr[i]->n; i++) /* odometer */
            pick[i] = 0;
    }
    int changed = 0;
    for (int i = 0; i < k; i++) {
        int m = 0;
        for (int j = 0; j < wr[i]->n; j++)
            if (used[i][j])
                memmove(wr[i]->v[m++], wr[i]->v[j], sizeof wr[i]->v[j]);
        changed |= m < wr[i]->n;
        wr[i]->n = m;
        if (m == 0) {
            wr[i]->n = -1; /* settled null, reported below */
            nb_doc_warn(tp->r->doc, "%s: no cut of its glued digits satisfies the identities across "
                        "rows; left null", wr[i]->what);
        }
    }
    return changed;
}

/* A waiting row left with one reading takes it (and can then decide other rows). */
static int settle(nb_template *tp)
{
    int any = 0;
    for (int i = 0; i < tp->runs->n; i++) {
        run_row *w = &tp->runs->rows[i];
        if (w->n < 0)
            w->n = 0;
        if (w->n != 1)
            continue;
        for (int c = 0; c < NB_T3_COLS; c++) {
            tp->r->values[w->first + c] = w->v[0][c];
            tp->r->have[w->first + c] = 1;
        }
        nb_doc_warn(tp->r->doc, "%s: glued digits cut by the identities across rows", w->what);
        w->n = 0;
        any = 1;
    }
    return any;
}

void nb_runs_resolve(nb_template *tp)
{
    if (!tp->runs)
        return;
    group g[2];
    groups_make(g);
    for (int progress = 1; progress;) {
        progress = prune_group(tp, &g[0]);
        progress |= prune_group(tp, &g[1]);
        progress |= settle(tp);
    }
    for (int i = 0; i < tp->runs->n; i++)
        if (tp->runs->rows[i].n > 1)
            nb_doc_warn(tp->r->doc, "%s: %d cuts of its glued digits satisfy the identities; left null",
                        tp->runs->rows[i].what, tp->runs->rows[i].n);
    free(tp->runs);
    tp->runs = NULL;
}
