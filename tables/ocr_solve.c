/* ocr_solve.c - which OCR'd numbers of tables 3 and 4 the identities confirm, and which null cells
 * they determine, by the linear algebra of the identities (ocr_guard.c's last step).
 *
 * Each identity is a linear equation over the cells; cell f has the column a_f (its sign in each
 * identity). U is the set of null cells (unreadable, doubtful, or set null by the guard).
 *   1. a read cell x is confirmed when a misreading of x alone could not be absorbed by the null
 *      cells: a_x is not in the span of { a_u : u in U } (its error would break an identity no
 *      null cell can balance); an unconfirmed cell joins U, until no more do;
 *   1b. a doubtful reading ("?5") is put in and taken when the system stays consistent and step 1
 *      confirms it (the arithmetic alone determines that cell, and gives the reading), one at a
 *      time, again while any is taken;
 *   2. the system "sum over U of a_u v_u = - sum over read cells of a_k r_k" is solved by Gaussian
 *      elimination; when it is inconsistent (or a determined value is not a whole number >= 0),
 *      some reading is wrong: nothing is confirmed here (the guard falls back to its column rule);
 *   3. a null cell u is filled when it is determined (no free cell in its row of the reduced
 *      system) and either its doubtful reading ("?12") is that value, or it stays determined, with
 *      the same value, when any one identity containing it is set aside (two witnesses).
 * Only single misreadings are caught for sure: two that cancel in every identity (a row's cell and
 * its total both 2 too high, two columns each balanced by a null cell) would pass; the guard's
 * earlier steps and the two-witness fills keep that rare.
 * Example (table 3): row unavailable_not_held read "?2 0 0 0 0 0" (true 12) with its total merged
 * with the next row's ("卫4"), and withheld_internal read "2 0 0 0 3 _ ?5": U = {not_held.natural_
 * person, not_held.total, needs_making.total, internal.other_org, internal.total}. Step 1:
 * needs_making.natural_person (3) is not confirmed: +e there, -e in not_held.natural_person and
 * +e/-e in the two totals still satisfy every identity (a rectangle of null cells), so it joins U.
 * Step 1b: internal.total = 5 is taken: an error in it could be balanced only through
 * internal.other_org, whose column has no other null cell to balance that in turn. Step 3:
 * internal.other_org = 0, given by its row and its column alike; the rectangle's four stay null. */
#include "tables.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SOLVE_EPS 1e-9 /* a coefficient or residual this small is zero (the entries are +-1 sums) */

typedef struct {
    double a[NB_NVALUES][NB_NIDENTITIES]; /* a[f][i]: +1 / -1 when cell f is in identity i */
    size_t nids;
} incidence;

typedef struct {
    double v[NB_NIDENTITIES][NB_NIDENTITIES];
    int pivot[NB_NIDENTITIES];
    int n;
} basis;

static void build_incidence(incidence *m, const nb_identity *ids, size_t nids)
{
    memset(m, 0, sizeof *m);
    m->nids = nids;
    for (size_t i = 0; i < nids; i++)
        for (int k = 0; k < ids[i].n; k++)
            m->a[ids[i].field[k]][i] = k < ids[i].nplus ? 1 : -1;
}

/* Reduces v against b; 1 when something is left (v is not in b's span). */
static int reduce(const basis *b, double *v, size_t dim)
{
    for (int j = 0; j < b->n; j++) {
        double c = v[b->pivot[j]] / b->v[j][b->pivot[j]];
        for (size_t i = 0; c != 0 && i < dim; i++)
            v[i] -= c * b->v[j][i];
    }
    for (size_t i = 0; i < dim; i++)
        if (fabs(v[i]) > SOLVE_EPS)
            return 1;
    return 0;
}

static void span_of(basis *b, const incidence *m, const unsigned char *unk)
{
    b->n = 0;
    for (int f = NB_T3_FIRST; f < NB_NVALUES && b->n < (int)m->nids; f++) {
        double v[NB_NIDENTITIES];
        memcpy(v, m->a[f], sizeof v);
        if (!unk[f] || !reduce(b, v, m->nids))
            continue;
        int p = 0;
        for (size_t i = 1; i < m->nids; i++)
            p = fabs(v[i]) > fabs(v[p]) ? (int)i : p;
        memcpy(b->v[b->n], v, sizeof v);
        b->pivot[b->n++] = p;
    }
}

/* Step 1: read cells whose misreading the null cells could absorb join unk, to the fixed point. */
static void grow_unknowns(const nb_report *r, const incidence *m, unsigned char *unk)
{
    for (int changed = 1; changed;) {
        basis b;
        unsigned char add[NB_NVALUES] = {0};
        span_of(&b, m, unk);
        changed = 0;
        for (int f = NB_T3_FIRST; f < NB_NVALUES; f++) {
            double v[NB_NIDENTITIES];
            memcpy(v, m->a[f], sizeof v);
            if (r->have[f] && !unk[f] && !reduce(&b, v, m->nids))
                add[f] = 1, changed = 1;
        }
        for (int f = NB_T3_FIRST; f < NB_NVALUES; f++)
            unk[f] |= add[f];
    }
}

typedef struct {
    int cell[NB_NVALUES]; /* the unknowns, in order */
    int n;
    double value[NB_NVALUES]; /* by position in cell[]: the determined value ... */
    unsigned char determined[NB_NVALUES]; /* ... where this is 1 */
} solution;

/* The system's augmented rows, one per identity but skip: the unknowns' coefficients, then the
 * right-hand side; returns the number of rows. */
static int build_rows(const nb_report *r, const incidence *m, const unsigned char *unk, long skip,
                      const solution *s, double *x)
{
    int nu = s->n, rows = 0;
    for (size_t i = 0; i < m->nids; i++) {
        if ((long)i == skip)
            continue;
        double *row = x + (size_t)rows++ * (size_t)(nu + 1), rhs = 0;
        for (int j = 0; j < nu; j++)
            row[j] = m->a[s->cell[j]][i];
        for (int f = NB_T3_FIRST; f < NB_NVALUES; f++)
            if (r->have[f] && !unk[f])
                rhs -= m->a[f][i] * r->values[f];
        row[nu] = rhs;
    }
    return rows;
}

/* Gauss-Jordan elimination with partial pivoting of rows x cols+1 (augmented); returns the rank,
 * pivcol[k] the column of the k-th pivot row. */
static int eliminate(double *x, int rows, int cols, int *pivcol)
{
    int w = cols + 1, rank = 0;
    for (int c = 0; c < cols && rank < rows; c++) {
        int p = rank;
        for (int i = rank; i < rows; i++)
            p = fabs(x[i * w + c]) > fabs(x[p * w + c]) ? i : p;
        if (fabs(x[p * w + c]) < SOLVE_EPS)
            continue;
        for (int j = 0; j < w; j++) {
            double t = x[p * w + j];
            x[p * w + j] = x[rank * w + j], x[rank * w + j] = t;
        }
        double d = x[rank * w + c];
        for (int j = 0; j < w; j++)
            x[rank * w + j] /= d;
        for (int i = 0; i < rows; i++) {
            double f = x[i * w + c];
            for (int j = 0; i != rank && f != 0 && j < w; j++)
                x[i * w + j] -= f * x[rank * w + j];
        }
        pivcol[rank++] = c;
    }
    return rank;
}

/* Step 2 (skip: an identity set aside, or -1): fills s->determined and s->value; 1 when the
 * system is consistent and every determined value a whole number >= 0 (0 too when memory ran
 * out). */
static int solve_system(const nb_report *r, const incidence *m, const unsigned char *unk,
                        long skip, solution *s)
{
    int nu = s->n, w = nu + 1, pivcol[NB_NIDENTITIES];
    double *x = malloc(sizeof *x * (size_t)w * m->nids);
    memset(s->determined, 0, sizeof s->determined);
    if (!x)
        return 0;
    int rows = build_rows(r, m, unk, skip, s, x), rank = eliminate(x, rows, nu, pivcol), ok = 1;
    for (int i = rank; i < rows; i++)
        ok &= fabs(x[i * w + nu]) < SOLVE_EPS;
    for (int i = 0; i < rank; i++) {
        int free_member = 0;
        for (int j = 0; j < nu; j++)
            free_member |= j != pivcol[i] && fabs(x[i * w + j]) > SOLVE_EPS;
        double v = x[i * w + nu];
        if (free_member)
            continue;
        s->determined[pivcol[i]] = 1, s->value[pivcol[i]] = v;
        ok &= v > -SOLVE_EPS && fabs(v - floor(v + 0.5)) < SOLVE_EPS;
    }
    free(x);
    return ok;
}

/* Step 3's second witness: cell f stays determined, at v, with any one of its identities set
 * aside. */
static int robust(const nb_report *r, const incidence *m, const unsigned char *unk, int f, double v)
{
    solution *s = malloc(sizeof *s);
    int ok = s != NULL;
    for (size_t i = 0; ok && i < m->nids; i++) {
        if (m->a[f][i] == 0)
            continue;
        int u = -1;
        s->n = 0;
        for (int g = NB_T3_FIRST; g < NB_NVALUES; g++)
            if (unk[g]) {
                u = g == f ? s->n : u;
                s->cell[s->n++] = g;
            }
        solve_system(r, m, unk, (long)i, s);
        ok = u >= 0 && s->determined[u] && fabs(s->value[u] - v) < SOLVE_EPS;
    }
    free(s);
    return ok;
}

static void fill(nb_report *r, const incidence *m, const unsigned char *unk, const solution *s,
                 unsigned char *keep)
{
    for (int j = 0; j < s->n; j++) {
        int f = s->cell[j];
        double v = floor(s->value[j] + 0.5);
        if (!s->determined[j] || r->marked[f])
            continue;
        if (r->doubtful[f] && r->doubt[f] == v)
            nb_doc_warn(r->doc, "%s = %g: a doubtful OCR reading (?%g) that the identities "
                        "determine", nb_fields[f].id, v, v);
        else if (robust(r, m, unk, f, v))
            nb_doc_warn(r->doc, "%s = %g: not read by OCR, the only value the identities give, "
                        "with any one of them set aside", nb_fields[f].id, v);
        else
            continue;
        keep[f] = 1;
    }
    for (int j = 0; j < s->n; j++)
        if (keep[s->cell[j]])
            r->values[s->cell[j]] = floor(s->value[j] + 0.5), r->have[s->cell[j]] = 1;
}


static void unknowns_of(const unsigned char *unk, solution *s)
{
    s->n = 0;
    for (int f = NB_T3_FIRST; f < NB_NVALUES; f++)
        if (unk[f])
            s->cell[s->n++] = f;
}

static int open_doubt(const nb_report *r, const unsigned char *unk, int f)
{
    return unk[f] && !r->have[f] && !r->marked[f] && r->doubtful[f] && r->doubt[f] >= 0;
}

/* Puts in f's doubtful reading; 1 when the system stays consistent and the reading is confirmed
 * (kept out of U by step 1), which takes it; else it is taken out again. */
static int try_doubtful(nb_report *r, const incidence *m, unsigned char *unk, solution *s, int f,
                        unsigned char *took)
{
    unsigned char trial[NB_NVALUES];
    memcpy(trial, unk, sizeof trial);
    trial[f] = 0, r->have[f] = 1, r->values[f] = r->doubt[f];
    grow_unknowns(r, m, trial);
    unknowns_of(trial, s);
    if (!trial[f] && solve_system(r, m, trial, -1, s)) {
        unk[f] = 0, took[f] = 1;
        return 1;
    }
    r->have[f] = 0, r->values[f] = 0;
    return 0;
}

/* Step 1b: a doubtful reading put in is taken when the system stays consistent and the reading is
 * confirmed (step 1 keeps it out of U: the read cells alone determine it, and give it); one at a
 * time, never a row's readings together (a row read from another row, "?17 ?10 0 ?2 0 ?6 ?35",
 * holds its own sum: readings must not vouch for each other); tried again while any is taken (one
 * taken can pin down the next). took: the ones taken. */
static void take_doubtful(nb_report *r, const incidence *m, unsigned char *unk, solution *s,
                          unsigned char *took)
{
    for (int changed = 1; changed;) {
        changed = 0;
        for (int f = NB_T3_FIRST; f < NB_NVALUES; f++)
            if (open_doubt(r, unk, f))
                changed |= try_doubtful(r, m, unk, s, f, took);
    }
}

/* 1 when the system with the read cells outside unk (grown by step 1) is consistent. */
static int consistent_without(const nb_report *r, const incidence *m, const unsigned char *unk,
                              solution *s)
{
    unsigned char trial[NB_NVALUES];
    memcpy(trial, unk, sizeof trial);
    grow_unknowns(r, m, trial);
    unknowns_of(trial, s);
    return solve_system(r, m, trial, -1, s);
}

/* Step 0: the readings are inconsistent. Each read cell whose reading alone, set aside, makes
 * the system consistent is a suspect (one misreading explains the contradiction there); when any
 * is, all suspects are set null with a warning and the steps go on without them. When none is
 * (two misreadings or more), nothing changes: the system stays inconsistent. */
static void null_suspects(nb_report *r, const incidence *m, const unsigned char *unk, solution *s)
{
    unsigned char trial[NB_NVALUES], sus[NB_NVALUES] = {0};
    int n = 0;
    if (consistent_without(r, m, unk, s))
        return;
    for (int f = NB_T3_FIRST; f < NB_NVALUES; f++) {
        if (!r->have[f] || unk[f])
            continue;
        memcpy(trial, unk, sizeof trial);
        trial[f] = 1;
        n += sus[f] = (unsigned char)consistent_without(r, m, trial, s);
    }
    if (!n)
        return;
    nb_buf b = NB_BUF_INIT;
    for (int f = NB_T3_FIRST, k = 0; f < NB_NVALUES; f++)
        if (sus[f]) {
            nb_buf_printf(&b, "%s%s", k++ ? ", " : "", nb_fields[f].id);
            r->have[f] = 0, r->values[f] = 0;
        }
    nb_doc_warn(r->doc, "%s left null: the identities contradict the OCR readings, and a single "
                "misreading of any of these would explain it", nb_buf_cstr(&b));
    nb_buf_free(&b);
}

int nb_ocr_solve(nb_report *r, const nb_identity *ids, size_t nids, unsigned char *keep)
{
    incidence *m = malloc(sizeof *m);
    solution *s = malloc(sizeof *s);
    unsigned char unk[NB_NVALUES] = {0}, took[NB_NVALUES] = {0};
    int ok = m && s && nids <= NB_NIDENTITIES;
    if (ok) {
        build_incidence(m, ids, nids);
        for (int f = NB_T3_FIRST; f < NB_NVALUES; f++)
            unk[f] = !r->have[f];
        null_suspects(r, m, unk, s);
        for (int f = NB_T3_FIRST; f < NB_NVALUES; f++)
            unk[f] = !r->have[f];
        take_doubtful(r, m, unk, s, took);
        grow_unknowns(r, m, unk);
        unknowns_of(unk, s);
        ok = solve_system(r, m, unk, -1, s);
    }
    for (int f = NB_T3_FIRST; f < NB_NVALUES; f++) {
        if (took[f] && (!ok || unk[f]))
            r->have[f] = 0, r->values[f] = 0;
        else if (took[f])
            nb_doc_warn(r->doc, "%s = %g: a doubtful OCR reading (?%g) that the identities "
                        "determine", nb_fields[f].id, r->values[f], r->values[f]);
    }
    if (ok) {
        for (int f = NB_T3_FIRST; f < NB_NVALUES; f++)
            keep[f] = r->have[f] && !unk[f];
        fill(r, m, unk, s, keep);
    }
    free(m);
    free(s);
    return ok;
}
