/* digitruns.c - splitting a glued digit run: the numbers of a table row printed with no break
 * between them (crawler text joins every cell; some PDF text layers do the same).
 *
 * A run is a sequence of numbers whose cuts are not written down. On "10 0 0 0 01" (a table-3
 * row: six applicant columns and their total):
 *   1. Read the run: the characters without spaces, "1000001", and where the spaces were
 *      (before positions 2, 3, 4, 5). Spaces are hints: a cut may or may not sit there.
 *   2. Count every cut into the row's 7 numbers with no leading zeros ("0" itself is fine,
 *      "01" is not): dynamic programming over (position, numbers left). Here 1 way:
 *      1 0 0 0 0 0 1. A run with one possible cut is read as printed, identity or not.
 *   3. Otherwise enumerate the cuts that satisfy the row's identity: each group of g numbers
 *      ends in the sum of the others. The total is never guessed: after the six parts of a group
 *      only a next number equal to their sum is tried. "291000030" gives 29 1 0 0 0 0 30 only
 *      (2 9 1 0 0 0 030 has a leading zero; 2 91 0 0 0 0 30 does not add up).
 *   4. The caller (tables/runs.c) accepts a reading only when exactly one survives its row and,
 *      for table 3, the identities across rows; several or none leave the row null.
 * The enumeration is bounded by NB_MAX_RUN_STEPS and numbers by NB_MAX_RUN_CELL_CHARS.
 */
#include "layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SUM_TOLERANCE 1e-6 /* totals of amounts with decimals compare within this */

int nb_run_parse(const char *s, size_t len, nb_run *run)
{
    memset(run, 0, sizeof *run);
    int space = 0;
    for (size_t i = 0; i < len; i++) {
        char ch = s[i];
        if (ch == ' ') {
            space = run->len > 0;
            continue;
        }
        if (!((ch >= '0' && ch <= '9') || ch == '.') || run->len == NB_MAX_RUN_CHARS)
            return 0;
        run->space[run->len] = (unsigned char)space;
        run->c[run->len++] = ch;
        space = 0;
    }
    return run->len > 0 && run->c[0] != '.' && run->c[run->len - 1] != '.';
}

/* Is c[at..at+n) one number as a report prints it: digits, at most one inner '.', no leading 0? */
static int valid_number(const nb_run *r, int at, int n, double *val)
{
    if (n < 1 || n > NB_MAX_RUN_CELL_CHARS || at + n > r->len)
        return 0;
    const char *p = r->c + at;
    if (p[0] == '.' || p[n - 1] == '.' || (p[0] == '0' && n > 1 && p[1] != '.'))
        return 0;
    int dots = 0;
    for (int i = 0; i < n; i++)
        dots += p[i] == '.';
    if (dots > 1)
        return 0;
    if (val) {
        char tmp[NB_MAX_RUN_CELL_CHARS + 1];
        memcpy(tmp, p, (size_t)n);
        tmp[n] = 0;
        *val = strtod(tmp, NULL);
    }
    return 1;
}

long nb_run_count(const nb_run *run, int n)
{
    if (n < 1 || n > run->len)
        return 0;
    /* ways[k][i]: cuts of c[i..len) into k numbers; rows k = 0..n */
    long *ways = calloc((size_t)(n + 1) * (size_t)(run->len + 1), sizeof *ways);
    if (!ways)
        return 0;
#define W(k, i) ways[(size_t)(k) * (size_t)(run->len + 1) + (size_t)(i)]
    W(0, run->len) = 1;
    for (int k = 1; k <= n; k++)
        for (int i = run->len - 1; i >= 0; i--) {
            long sum = 0;
            for (int l = 1; l <= NB_MAX_RUN_CELL_CHARS && i + l <= run->len; l++)
                if (valid_number(run, i, l, NULL))
                    sum += W(k - 1, i + l);
            W(k, i) = sum < NB_MAX_RUN_STEPS ? sum : NB_MAX_RUN_STEPS;
        }
    long total = W(n, 0);
#undef W
    free(ways);
    return total;
}

int nb_run_spaced(const nb_run *run, int n, double *out)
{
    int k = 0, start = 0;
    for (int i = 1; i <= run->len; i++) {
        if (i < run->len && !run->space[i])
            continue;
        if (k == n || !valid_number(run, start, i - start, &out[k]))
            return 0;
        k++;
        start = i;
    }
    return k == n;
}

typedef struct {
    const nb_run *r;
    int n, g, max, found;
    long steps;
    double cur[NB_MAX_RUN_CHARS];
    double *out;
} splitter;

/* Cuts c[pos..) into numbers k..n-1; sum = the numbers of the current group so far. */
static void walk(splitter *sp, int pos, int k, double sum)
{
    if (sp->steps < 0 || sp->found > sp->max)
        return;
    if (++sp->steps >= NB_MAX_RUN_STEPS) {
        sp->steps = -1;
        return;
    }
    int left = sp->n - k, rest = sp->r->len - pos;
    if (!left) {
        if (!rest && sp->found++ < sp->max)
            memcpy(sp->out + (size_t)(sp->found - 1) * (size_t)sp->n, sp->cur,
                   (size_t)sp->n * sizeof(double));
        return;
    }
    if (rest < left || rest > left * NB_MAX_RUN_CELL_CHARS)
        return;
    int total = sp->g && k % sp->g == sp->g - 1; /* the group's last number: its sum */
    for (int l = 1; l <= NB_MAX_RUN_CELL_CHARS && l <= rest; l++) {
        double v;
        if (!valid_number(sp->r, pos, l, &v) || (total && fabs(v - sum) > SUM_TOLERANCE))
            continue;
        sp->cur[k] = v;
        walk(sp, pos + l, k + 1, total ? 0 : sum + v);
    }
}

int nb_run_splits(const nb_run *run, int n, int g, double *out, int max)
{
    if (n < 1 || n > NB_MAX_RUN_CHARS)
        return 0;
    splitter sp = {.r = run, .n = n, .g = g > 0 && n % g == 0 ? g : 0, .max = max, .out = out};
    walk(&sp, 0, 0, 0);
    return sp.steps < 0 ? -1 : sp.found;
}
