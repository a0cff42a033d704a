/* labels.c - which template row a table row's label names: a scored match, never a position.
 *
 * Algorithm, on the label "（三）不予公开 2.其他法律行政止公开" (a real typo: 法规禁 lost):
 *  1. Normalise: drop numbering (（三）, 2., 一、, (1)) and keep Han characters only:
 *     "不予公开其他法律行政止公开".
 *  2. Group names found in it (不予公开) are cut out and restrict the candidates to that group's
 *     rows (the innermost group when several: 本年度办理结果 holds 不予公开): leaf
 *     "其他法律行政止公开", candidates withheld_*. A group name broken in extraction still counts
 *     when a "（N）X" segment before an "M.Y" one starts exactly one group's name ("（六）其他
 *     2.申请人…", 处理 lost). An empty leaf means the group itself was printed as one row (step 6).
 *  3. A leaf holding the whole wordings of two rows side by side ("行政处罚行政强制", "总计其他":
 *     two rows' label cells merged in extraction, their numbers likely merged too) names no row
 *     (m->merged); a wording inside a longer one ("其他" in "其他法律行政法规禁止公开") does not count.
 *  4. Score the leaf against every wording (variant) of every candidate row: the Dice
 *     coefficient of their character-bigram sets, 2|A∩B| / (|A| + |B|). When one side holds every
 *     bigram of the other and that other has at least LABEL_CONTAIN_MIN bigrams (a truncated or
 *     padded label: "本机关不掌握", "属于国家秘密（涉密）"), the score is (1 + Dice) / 2; when the
 *     label ends with the whole wording (header words a converter put before the leaf cell:
 *     "…现行有效件数 规章"), at least LABEL_SUFFIX_SCORE.
 *     withheld_law "其他法律行政法规禁止公开": 7 common of 8 and 11 bigrams -> 0.74;
 *     other_other "其他": 1 common of 8 and 1 -> 0.22; every other row lower.
 *  5. Accept the best row only when it scores at least LABEL_MIN_SCORE and beats the best of every
 *     other row by at least LABEL_MARGIN; otherwise the label names no row (the caller warns).
 *  6. A group printed as one row ("（六）其他处理" with numbers): its values belong to the
 *     group's template row if the group has exactly one, else to none (the caller warns unless
 *     the group's sub-rows were printed too: then the group row was a subtotal).
 * Table 2's rows (规章, 行政规范性文件, …) are candidates too, scored the same way; a row with
 * fewer than four value cells cannot be a table-3 row. */
#include "tables.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define LABEL_MIN_SCORE 0.6   /* below: prose, other tables ("本年度共收到政府信息公开申请" 0.57 vs new) */
#define LABEL_MARGIN 0.15     /* best over runner-up: a typo keeps ~0.75, the nearest other row < 0.4 */
#define LABEL_CONTAIN_MIN 4   /* bigrams a contained wording needs to count as a truncation/padding */
#define LABEL_SUFFIX_SCORE 0.9 /* the label ends with the whole wording: header or group words before it */
#define LABEL_EDIT_LEN_DIFF 1 /* step 4b: a leaf this many characters longer/shorter than the wording is its misreading */
#define LABEL_EDIT_SUFFIX_MIN 6 /* step 4b on the leaf's end: shorter wordings ("重复申请") match the end of longer rows' labels ("大量反复申请") */
#define LABEL_LONG_CHARS 12    /* step 3's exception: a wording this long ... */
#define LABEL_LONG_SCORE 0.8   /* ... matched this well explains a short wording inside the leaf */
#define LABEL_MAX_CHARS 128   /* Han characters of a label scored; real labels are < 60 */
#define WORD_MAX_CHARS 48     /* Han characters of one template wording: the longest has 36 */
#define LABEL_VARIANTS NB_LABEL_VARIANTS /* wordings per row: the description's (template_desc.h) */
#define NGROUPS NB_T3_NGROUPS

/* The rows' wordings, their groups and spans all come from the template's description
 * (template_desc.h, through desc.c): the label as printed ("2.其他法律行政法规禁止公开") normalises
 * (step 1) to the wording scored ("其他法律行政法规禁止公开"). */

typedef struct {
    unsigned cp[LABEL_MAX_CHARS];
    int n;
    int paren_at, dot_at; /* where the last "（N）" and "N." marker were dropped, -1 when none */
} han_str;

/* A template wording, normalised once, with its distinct bigrams. */
typedef struct {
    unsigned cp[WORD_MAX_CHARS];
    int n;
    unsigned long long bg[WORD_MAX_CHARS];
    int nbg;
} wording;

/* A label's leaf with its distinct bigrams, sorted (scored against every wording). */
typedef struct {
    unsigned long long bg[LABEL_MAX_CHARS];
    int nbg;
} bigram_set;

/* The wordings above, normalised once (prepare); an unused variant has n == 0. */
static wording prep_t3[NB_T3_ROWS][LABEL_VARIANTS], prep_t2[NB_T2_ROWS][LABEL_VARIANTS], prep_group[NGROUPS];

static int is_numeral(unsigned cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19) || cp == 0x4E00 || cp == 0x4E8C || cp == 0x4E09 || cp == 0x56DB || cp == 0x4E94 ||
           cp == 0x516D || cp == 0x4E03 || cp == 0x516B || cp == 0x4E5D || cp == 0x5341; /* 一…十 */
}

static int is_open(unsigned cp) { return cp == '(' || cp == 0xFF08; }
static int is_close(unsigned cp) { return cp == ')' || cp == 0xFF09; }
static int is_enum_mark(unsigned cp)
{
    return cp == 0x3001 || cp == '.' || cp == 0xFF0E || cp == 0x3002; /* 、 . ． 。 */
}

/* A Han numeral OCR read as a digit or a dash inside a label: a lone digit 1-9 (a doubtful
 * reading's "?" before it skipped) or a dash between two Han characters is the numeral
 * ("危及?3安全-稳定" for 危及三安全一稳定); 0 when cps[i] is no such glyph. */
static unsigned numeral_glyph(const unsigned *cps, int n, int i)
{
    static const unsigned han[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D};
    int before = i - 1 - (i > 0 && cps[i - 1] == '?');
    if (before < 0 || i + 1 >= n || !nb_is_han(cps[before]) || !nb_is_han(cps[i + 1]))
        return 0;
    if (cps[i] >= '1' && cps[i] <= '9')
        return han[cps[i] - '1'];
    return cps[i] == '-' || cps[i] == 0x2014 || cps[i] == 0xFF0D ? 0x4E00 : 0;
}

/* Step 1: code points of s, numbering markers ("（三）", "2.", "一、") dropped, Han only (and the
 * numerals of numeral_glyph). */
static void normalise(const char *s, han_str *out)
{
    unsigned cps[LABEL_MAX_CHARS * 2];
    int n = 0, adv;
    size_t len = strlen(s);
    for (size_t i = 0; i < len && n < LABEL_MAX_CHARS * 2; i += (size_t)adv)
        cps[n++] = nb_utf8_decode(s + i, len - i, &adv);
    out->n = 0;
    out->paren_at = out->dot_at = -1;
    for (int i = 0; i < n; i++) {
        int j = i + is_open(cps[i]);
        while (j < n && is_numeral(cps[j]))
            j++;
        int numbered = j > i + is_open(cps[i]);
        if (numbered && is_open(cps[i]) && j < n && is_close(cps[j])) {
            out->paren_at = out->n;
            i = j; /* （三） (1) */
            continue;
        }
        if (numbered && !is_open(cps[i]) && j < n && is_enum_mark(cps[j])) {
            if (cps[j] != 0x3001) /* 2. (not 一、) */
                out->dot_at = out->n;
            i = j;
            continue;
        }
        unsigned cp = cps[i] == '?' ? 0 : numeral_glyph(cps, n, i);
        if ((cp || nb_is_han(cps[i])) && out->n < LABEL_MAX_CHARS)
            out->cp[out->n++] = cp ? cp : cps[i];
    }
}

static int find(const han_str *h, const wording *w)
{
    for (int i = 0; i + w->n <= h->n; i++)
        if (!memcmp(h->cp + i, w->cp, (size_t)w->n * sizeof w->cp[0]))
            return i;
    return -1;
}

/* Step 2: cuts every group name out of h; returns the innermost group found, or -1. */
static int cut_groups(han_str *h)
{
    int inner = -1;
    for (int g = 0; g < NGROUPS; g++) {
        const wording *w = &prep_group[g];
        int at = find(h, w);
        if (at < 0)
            continue;
        memmove(h->cp + at, h->cp + at + w->n, (size_t)(h->n - at - w->n) * sizeof h->cp[0]);
        h->n -= w->n;
        if (inner < 0 || nb_t3_group_rows(g) < nb_t3_group_rows(inner))
            inner = g;
    }
    return inner;
}

/* Step 2 when the group name came out broken: a "（N）X" segment followed by an "M.Y" one is a group
 * label (a template row numbered （N） has no numbered part after it); X the start of exactly one
 * group's name ("其他" of 其他处理, its 处理 lost in extraction) names that group, which is cut out.
 * "（七）总计 3.其他" is left whole: 总计 starts no group name (two rows merged: step 3). */
static int cut_broken_group(han_str *h)
{
    int a = h->paren_at, b = h->dot_at, found = -1;
    if (a < 0 || b <= a + 1)
        return -1;
    for (int g = 0; g < NGROUPS; g++) {
        const wording *w = &prep_group[g];
        if (b - a < w->n && !memcmp(w->cp, h->cp + a, (size_t)(b - a) * sizeof w->cp[0])) {
            if (found >= 0)
                return -1; /* the start of two group names */
            found = g;
        }
    }
    if (found >= 0) {
        memmove(h->cp + a, h->cp + b, (size_t)(h->n - b) * sizeof h->cp[0]);
        h->n -= b - a;
    }
    return found;
}

/* Bigrams of cp[0..n) into out (at most cap; a one-character string is its own "bigram"). */
static int bigrams(const unsigned *cp, int n, unsigned long long *out, int cap)
{
    int k = 0;
    if (n == 1 && cap > 0)
        out[k++] = cp[0];
    for (int i = 0; i + 1 < n && k < cap; i++)
        out[k++] = (unsigned long long)cp[i] << 32 | cp[i + 1];
    return k;
}

static int cmp_u64(const void *a, const void *b)
{
    unsigned long long x = *(const unsigned long long *)a, y = *(const unsigned long long *)b;
    return x < y ? -1 : x > y;
}

/* Sorts and de-duplicates bg[0..n); returns the distinct count. */
static int distinct(unsigned long long *bg, int n)
{
    qsort(bg, (size_t)n, sizeof bg[0], cmp_u64);
    int k = 0;
    for (int i = 0; i < n; i++)
        if (!k || bg[k - 1] != bg[i])
            bg[k++] = bg[i];
    return k;
}

static void prepare_one(const char *s, wording *w)
{
    han_str h;
    normalise(s, &h);
    w->n = h.n < WORD_MAX_CHARS ? h.n : WORD_MAX_CHARS;
    memcpy(w->cp, h.cp, (size_t)w->n * sizeof w->cp[0]);
    w->nbg = distinct(w->bg, bigrams(w->cp, w->n, w->bg, WORD_MAX_CHARS));
}

static void prepare(void)
{
    for (int r = 0; r < NB_T3_ROWS; r++)
        for (int v = 0; v < LABEL_VARIANTS && nb_t3_row_words(r)[v]; v++)
            prepare_one(nb_t3_row_words(r)[v], &prep_t3[r][v]);
    for (int r = 0; r < NB_T2_ROWS; r++)
        for (int v = 0; v < LABEL_VARIANTS && nb_t2_row_words(r)[v]; v++)
            prepare_one(nb_t2_row_words(r)[v], &prep_t2[r][v]);
    for (int g = 0; g < NGROUPS; g++)
        prepare_one(nb_t3_group_name(g), &prep_group[g]);
}

static int ends_with(const han_str *h, const wording *w)
{
    return w->n >= 2 && h->n > w->n &&
           !memcmp(h->cp + h->n - w->n, w->cp, (size_t)w->n * sizeof w->cp[0]);
}

/* Step 4b: a leaf as long as the wording (LABEL_EDIT_LEN_DIFF) but for a character or two read
 * wrong (OCR: "予以人开" for 予以公开, bigram Dice 0.33) scores 1 - edits / length, the share of its
 * characters in place (Levenshtein distance: substitutions, insertions, deletions): 0.75 here;
 * the next row (部分公开) 0.25. 0 for lengths further apart (a truncation is step 4's case). */
/* 1 - Levenshtein distance / the longer length: the share of characters in place between a[0, n)
 * and b[0, m) (m <= LABEL_MAX_CHARS; one row of the distance table). */
static double chars_in_place(const unsigned *a, int n, const unsigned *b, int m)
{
    int row[LABEL_MAX_CHARS + 1];
    for (int j = 0; j <= m; j++)
        row[j] = j;
    for (int i = 1; i <= n; i++) {
        int diag = row[0];
        row[0] = i;
        for (int j = 1; j <= m; j++) {
            int up = row[j], best = diag + (a[i - 1] != b[j - 1]);
            best = up + 1 < best ? up + 1 : best;
            best = row[j - 1] + 1 < best ? row[j - 1] + 1 : best;
            diag = up, row[j] = best;
        }
    }
    return 1.0 - (double)row[m] / (n > m ? n : m);
}

static double edit_share(const unsigned *cp, int n, const wording *w)
{
    if (abs(n - w->n) > LABEL_EDIT_LEN_DIFF || w->n < 2 || w->n > WORD_MAX_CHARS)
        return 0;
    return chars_in_place(cp, n, w->cp, w->n);
}

/* ... the whole leaf, or (a wording of LABEL_EDIT_SUFFIX_MIN or more characters) the leaf's last as
 * many characters: group words OCR garbled beyond step 2 ("本理结果年度办") stay before the leaf. */
static double edit_similarity(const han_str *leaf, const wording *w)
{
    double e = edit_share(leaf->cp, leaf->n, w);
    if (w->n >= LABEL_EDIT_SUFFIX_MIN && leaf->n > w->n) {
        double t = edit_share(leaf->cp + leaf->n - w->n, w->n, w);
        e = t > e ? t : e;
    }
    return e;
}

/* Step 4: similarity of the leaf (its bigram set a) to wording w in [0, 1]. */
static double similarity(const han_str *leaf, const bigram_set *a, const wording *w)
{
    int common = 0;
    if (!a->nbg || !w->nbg)
        return 0;
    for (int k = 0; k < w->nbg; k++)
        common += bsearch(&w->bg[k], a->bg, (size_t)a->nbg, sizeof a->bg[0], cmp_u64) != NULL;
    double dice = 2.0 * common / (a->nbg + w->nbg);
    int contained = (common == a->nbg && a->nbg >= LABEL_CONTAIN_MIN) ||
                    (common == w->nbg && w->nbg >= LABEL_CONTAIN_MIN);
    double s = contained ? (1 + dice) / 2 : dice, e = edit_similarity(leaf, w);
    s = e > s ? e : s;
    return ends_with(leaf, w) && s < LABEL_SUFFIX_SCORE ? LABEL_SUFFIX_SCORE : s;
}

static double best_variant(const han_str *leaf, const bigram_set *a, const wording *ws)
{
    double best = 0;
    for (int v = 0; v < LABEL_VARIANTS && ws[v].n; v++) {
        double s = similarity(leaf, a, &ws[v]);
        if (s > best)
            best = s;
    }
    return best;
}

typedef struct {
    int row, at, end; /* row index (t3 rows, then t2 rows after NB_T3_ROWS), code-point range */
} occurrence;

#define MAX_OCCURRENCES 64 /* whole wordings found in one label: a real one holds 1-3 */

static int add_occurrences(const han_str *h, const wording *ws, int row, occurrence *occ, int n)
{
    for (int v = 0; v < LABEL_VARIANTS && ws[v].n; v++) {
        const wording *w = &ws[v];
        for (int i = 0; i + w->n <= h->n && n < MAX_OCCURRENCES; i++)
            if (!memcmp(h->cp + i, w->cp, (size_t)w->n * sizeof w->cp[0]))
                occ[n++] = (occurrence){row, i, i + w->n};
    }
    return n;
}

/* Step 3: 1 when the leaf holds whole wordings of two different rows, neither inside a longer one. */
static int two_rows_merged(const han_str *h, int lo, int hi, int with_t2)
{
    occurrence occ[MAX_OCCURRENCES];
    int n = 0;
    for (int r = lo; r < hi; r++)
        n = add_occurrences(h, prep_t3[r], r, occ, n);
    for (int r = 0; with_t2 && r < NB_T2_ROWS; r++)
        n = add_occurrences(h, prep_t2[r], NB_T3_ROWS + r, occ, n);
    int first = -1;
    for (int i = 0; i < n; i++) {
        int inside = 0;
        for (int k = 0; k < n && !inside; k++)
            inside = k != i && occ[k].at <= occ[i].at && occ[i].end <= occ[k].end &&
                     occ[k].end - occ[k].at > occ[i].end - occ[i].at;
        if (inside)
            continue;
        if (first >= 0 && occ[i].row != first)
            return 1;
        first = occ[i].row;
    }
    return 0;
}

/* Step 4 for every candidate row; candidates are t3 rows [lo, hi) and, when with_t2, table 2. */
static void score_all(const han_str *leaf, int lo, int hi, int with_t2, nb_label_hit *m)
{
    bigram_set a;
    a.nbg = distinct(a.bg, bigrams(leaf->cp, leaf->n, a.bg, LABEL_MAX_CHARS));
    for (int r = lo; r < hi; r++) {
        double s = best_variant(leaf, &a, prep_t3[r]);
        if (s > m->score) {
            m->second = m->score;
            m->score = s, m->table = 3, m->row = r;
        } else if (s > m->second) {
            m->second = s;
        }
    }
    for (int r = 0; with_t2 && r < NB_T2_ROWS; r++) {
        double s = best_variant(leaf, &a, prep_t2[r]);
        if (s > m->score) {
            m->second = m->score;
            m->score = s, m->table = 2, m->row = r;
        } else if (s > m->second) {
            m->second = s;
        }
    }
}

/* The share of characters in place between the Han texts of a and b (Levenshtein, as step 4b),
 * in [0, 1]: two OCR readings of one label, repeated in two cells ("…不计形其他情" and "…不计其他情形"). */
double nb_label_likeness(const char *a, const char *b)
{
    han_str x, y;
    normalise(a, &x);
    normalise(b, &y);
    return x.n && y.n ? chars_in_place(x.cp, x.n, y.cp, y.n) : 0;
}

/* Step 3's exception: a leaf matching one long table-3 wording (LABEL_LONG_CHARS or more) with
 * LABEL_LONG_SCORE and margin is that row, though a short wording (under LABEL_CONTAIN_MIN
 * characters) shows in it where OCR garbled the longer text around it ("区分处理的只计这一情形不计形
 * 其他情": 其他 no longer inside 不计其他情形). A longer wording of another row in it ("属于国家秘密"
 * before "其他法律…") still means two rows merged. */
static int long_row_explains(const han_str *h, int lo, int hi, const nb_label_hit *m)
{
    if (m->table != 3 || m->score < LABEL_LONG_SCORE || m->score - m->second < LABEL_MARGIN)
        return 0;
    for (int r = lo; r < hi; r++)
        for (int v = 0; r != m->row && v < LABEL_VARIANTS && prep_t3[r][v].n; v++)
            if (prep_t3[r][v].n >= LABEL_CONTAIN_MIN && find(h, &prep_t3[r][v]) >= 0)
                return 0;
    for (int v = 0; v < LABEL_VARIANTS && prep_t3[m->row][v].n; v++)
        if (prep_t3[m->row][v].n >= LABEL_LONG_CHARS)
            return 1;
    return 0;
}

int nb_label_match(const char *label, int t3_possible, nb_label_hit *m)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, prepare);
    memset(m, 0, sizeof *m);
    m->group = -1;
    han_str h;
    normalise(label, &h);
    if (!h.n)
        return 0;
    int broken = cut_broken_group(&h), g = cut_groups(&h);
    if (broken >= 0 && (g < 0 || nb_t3_group_rows(broken) < nb_t3_group_rows(g)))
        g = broken;
    if (g >= 0 && !h.n) { /* step 6 */
        m->group = g;
        if (nb_t3_group_rows(g) != 1)
            return 0;
        m->table = 3, m->row = nb_t3_group_first(g), m->score = 1;
        return 1;
    }
    int lo = g >= 0 ? nb_t3_group_first(g) : 0, hi = g >= 0 ? lo + nb_t3_group_rows(g) : NB_T3_ROWS;
    if (!t3_possible)
        lo = hi = 0;
    score_all(&h, lo, hi, g < 0, m);
    m->best_table = m->table;
    if (two_rows_merged(&h, lo, hi, g < 0) && !long_row_explains(&h, lo, hi, m)) {
        memset(m, 0, sizeof *m);
        m->group = -1, m->merged = 1;
        return 0;
    }
    if (m->score < LABEL_MIN_SCORE || m->score - m->second < LABEL_MARGIN) {
        m->table = 0; /* step 5: too weak or too close to call */
        return 0;
    }
    return 1;
}
