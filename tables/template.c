/* template.c - table grids onto the 200 canonical values: each row is identified by its label
 * (not its position: labels.c scores it against the template's rows), its cells mapped to columns
 * (under the headers in real grids, tables 3 and 4, else in order); cells lost in extraction are
 * left null here. Per table: find the headers; per row with numbers: table 4 (its words, or its
 * 15 values in a table-4 grid, or a row of 15 unlabelled values in a grid under section 4's heading
 * whose headers were read as text), else the row its label names (on OCR'd pages also by its place in
 * the template's order: ocr_in_order, place_gaps), else a warning. */
#include "tables.h"
#include "layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SLOTS 32 /* value cells read from one row: the widest template row has 15 */
#define OCR_ORDER_MIN_SCORE 0.6 /* ocr_in_order: labels.c's LABEL_MIN_SCORE, the least a label's own score must reach */
#define LABEL_REPEAT_LIKENESS 0.6 /* two label cells this alike (nb_label_likeness) are one label read twice */
#define SPLIT_MAX_PIECES 2 /* numbers the lower part of a row split over two grid rows may hold */

/* A row of a grid as the mapper sees it: its own label text and the value cells after it. */
typedef struct {
    char label[1024];
    int nslots, nnums;
    int slot_has[MAX_SLOTS];
    int slot_col[MAX_SLOTS]; /* grid column of each value cell */
    nb_box slot_box[MAX_SLOTS]; /* where each value cell sat in the source (page 0: unknown) */
    const char *slot_text[MAX_SLOTS]; /* each number as printed (a split row joins them) */
    double slot[MAX_SLOTS];
    int slot_doubt[MAX_SLOTS]; /* an OCR reading Tesseract was not sure of ("?0"), value in slot[] */
    int slot_witnessed[MAX_SLOTS]; /* OCR: the cell's number had two witnesses (NB_CF_WITNESSED) */
    const char *run; /* the row's values as one glued digit run (NB_CF_RUN), split in runs.c */
    const char *num; /* the text of the row's first number */
    int lines;       /* numbers gathered from several text lines (NB_CF_LINES) */
    int marks;       /* cells printed without a number ("—", "/": nb_no_number_mark), in the row's
                        value cells or caught in its label text */
} grid_row;

/* Label text without spaces, so wrapped or spaced labels compare equal. */
static void append_stripped(char *dst, size_t cap, const char *s)
{
    size_t n = strlen(dst);
    for (; *s && n + 1 < cap; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n')
            dst[n++] = *s;
    dst[n] = 0;
}

/* An OCR'd number Tesseract was not sure of: "?" and the number ("?0"); 1 with *v when s is one. */
static int doubtful(const char *s, double *v)
{
    return s[0] == '?' && nb_parse_number(s + 1, strlen(s + 1), v) > 0 && !isnan(*v);
}

/* Reads the row whose cells start at t->cells[*at]; advances *at past them (cells are sorted). */
/* Cell i of a row (cells up to end) is "无" printed for a value: 无 alone, after the row's label (the
 * caller checks), followed by a value cell (a number, an OCR reading "?1", a mark, 无) or by nothing. A 无 set alone in the
 * label columns (（四）无法提供 one character a line) is followed by label text and stays label. */
static int wu_mark(const nb_table *t, size_t i, size_t end)
{
    char cell[8] = "";
    append_stripped(cell, sizeof cell, t->cells[i].text);
    if (strcmp(cell, "无"))
        return 0;
    if (i + 1 == end)
        return 1;
    const char *next = t->cells[i + 1].text;
    char nx[8] = "";
    append_stripped(nx, sizeof nx, next);
    double v;
    return nb_parse_number(next, strlen(next), NULL) || doubtful(next, &v) ||
           nb_no_number_mark(next, strlen(next)) || !strcmp(nx, "无");
}

static void read_row(const nb_template *tp, const nb_table *t, size_t *at, grid_row *g)
{
    memset(g, 0, sizeof *g);
    size_t first = *at, end = first;
    while (end < t->ncells && t->cells[end].row == t->cells[first].row)
        end++;
    *at = end;
    size_t last_label = first; /* value cells are those right of the last label cell */
    const char *prev = NULL;   /* the label cell before */
    int numbers = 0;           /* number cells so far */
    for (size_t i = first; i < end; i++) {
        double v;
        const char *s = t->cells[i].text;
        int num = *s && (nb_parse_number(s, strlen(s), &v) || doubtful(s, &v));
        g->lines |= (t->cells[i].flags & NB_CF_LINES) != 0;
        numbers += num;
        if (t->cells[i].flags & NB_CF_RUN) {
            g->run = s;
            g->nnums = 1;
        } else if (nb_no_number_mark(s, strlen(s)) == NB_MARK_DASH || (g->label[0] && wu_mark(t, i, end))) {
            g->marks++;
        } else if (nb_no_number_mark(s, strlen(s)) == NB_MARK_BROKEN) {
            continue; /* a broken character: a mark among numbers (counted below), else nothing */
        } else if (numbers && tp->r->doc->ocr_pages && !num) {
            /* OCR: text right of the row's numbers ("卫4", two cells a faint rule failed to part)
             * is a value cell read as nothing, not a label that would take the numbers' place */
        } else if (*s && !num) {
            /* a label repeated in the next cell (a table without merged cells), read by OCR a
             * little differently each time, is kept once (identical repeats stay, as before) */
            double like = prev && tp->r->doc->ocr_pages ? nb_label_likeness(prev, s) : 0;
            if (!(like >= LABEL_REPEAT_LIKENESS && like < 1))
                append_stripped(g->label, sizeof g->label, s);
            prev = s;
            last_label = i + 1;
        }
    }
    g->marks += nb_has_dash_mark(g->label, strlen(g->label));
    int broken = 0;
    for (size_t i = last_label; i < end && g->nslots < MAX_SLOTS && !g->run; i++) {
        const char *s = t->cells[i].text;
        double v;
        int k = g->nslots++;
        g->slot_col[k] = t->cells[i].col;
        g->slot_box[k] = t->cells[i].box;
        g->slot_witnessed[k] = (t->cells[i].flags & NB_CF_WITNESSED) != 0;
        if (nb_parse_number(s, strlen(s), &v)) {
            g->num = g->num ? g->num : s;
            g->slot_text[k] = s;
            g->slot_has[k] = 1;
            g->slot[k] = v;
            g->nnums++;
        } else if (doubtful(s, &v)) {
            g->slot_doubt[k] = 1;
            g->slot[k] = v;
        } else {
            broken += nb_no_number_mark(s, strlen(s)) == NB_MARK_BROKEN;
        }
    }
    if (g->nnums)
        g->marks += broken;
}

/* A row with a cell printed without a number ("—", "/") whose numbers do not sit one to one in its
 * columns: which column the mark holds is unknown, so nothing lost can be recovered and no order can
 * be trusted (the recovery would put the row's sum where the document printed "—"). 1 with a warning
 * naming the row when the row is to be left null. */
static int marks_unplaced(nb_template *tp, const grid_row *g, int want, const char *what)
{
    if (!g->marks || (g->nslots == want && !g->run))
        return 0;
    nb_doc_warn(tp->r->doc, "%s: a cell printed without a number (—, /) and %d numbers for %d columns: "
                "which cell is empty is unknown; left null", what, g->nnums, want);
    return 1;
}

/* Values of a row with `want` columns: by position when the slots line up, else the numbers
 * in order. Returns how many are missing (a row one short goes to nb_template_recover), or -1
 * when the row holds more numbers than columns: rows merged in extraction, never trimmed. */
static int row_values(const grid_row *g, int want, double *out, int *has)
{
    if (g->nnums > want) {
        /* one value repeated (a merged cell written into every column it spans) is unambiguous */
        int first = -1, same = 1;
        for (int i = 0; i < g->nslots; i++)
            if (g->slot_has[i]) {
                if (first < 0)
                    first = i;
                same &= g->slot[i] == g->slot[first];
            }
        for (int i = 0; i < want; i++) {
            out[i] = g->slot[first];
            has[i] = same;
        }
        return same ? 0 : -1;
    }
    if (g->nslots == want) {
        for (int i = 0; i < want; i++) {
            out[i] = g->slot[i];
            has[i] = g->slot_has[i];
        }
        return 0;
    }
    int k = 0;
    for (int i = 0; i < g->nslots && k < want; i++) {
        if (!g->slot_has[i])
            continue;
        out[k] = g->slot[i];
        has[k++] = 1;
    }
    for (int i = k; i < want; i++)
        has[i] = 0;
    return want - k;
}

/* 0, with a warning naming the row, when field f cannot take v: a number the parser could not
 * read with confidence (NaN: "1,2345", over 2^53), or a fraction where the template counts. */
static int value_ok(nb_template *tp, int f, double v, const char *what)
{
    char s[32];
    if (isnan(v))
        nb_doc_warn(tp->r->doc, "%s: %s holds a number that cannot be read with confidence "
                    "(misplaced thousands separator or over 2^53); left null", what, nb_fields[f].id);
    else if (f != NB_T2_FEES && v != floor(v))
        nb_doc_warn(tp->r->doc, "%s: %s is %s, not a whole count; left null", what, nb_fields[f].id,
                    nb_fmt_number(v, s));
    return !isnan(v) && (f == NB_T2_FEES || v == floor(v));
}

/* The source box of each stored value (nianbao debug): the row's value cells matched in order (every
 * placement keeps the row's order, except table 4 by header, where a box may name another cell holding
 * the same number). g NULL: values gathered over several rows, no box. */
static void note_sources(nb_template *tp, int first, int count, const double *v, const int *has,
                         const grid_row *g)
{
    int k = 0;
    for (int i = 0; g && i < count; i++) {
        int j = k;
        while (has[i] && j < g->nslots && !(g->slot_has[j] && g->slot[j] == v[i]))
            j++;
        if (has[i] && j < g->nslots) {
            if (tp->r->have[first + i])
                tp->r->src[first + i] = g->slot_box[j];
            k = j + 1;
        }
    }
}

int nb_template_claim(nb_template *tp, int first, int count, const char *what)
{
    for (int i = 0; i < count; i++)
        if (tp->r->have[first + i] || tp->seen[first + i]) {
            nb_doc_warn(tp->r->doc, "%s appears twice: the first occurrence is kept", what);
            return 0;
        }
    memset(tp->seen + first, 1, (size_t)count);
    return 1;
}

/* Stores a row's values unless that row was already filled from an earlier table row. */
static void store(nb_template *tp, int first, int count, const double *v, const int *has,
                  const char *what, const grid_row *g)
{
    if (!nb_template_claim(tp, first, count, what))
        return;
    for (int i = 0; i < count; i++) {
        tp->r->have[first + i] = has[i] && value_ok(tp, first + i, v[i], what);
        tp->r->values[first + i] = tp->r->have[first + i] ? v[i] : 0;
        /* a doubtful reading in the row's cell i (cells and columns one to one) goes to the guard */
        if (g && g->nslots == count && g->slot_doubt[i] && !has[i])
            tp->r->doubt[first + i] = g->slot[i], tp->r->doubtful[first + i] = 1;
        /* a row with a mark: its null cells (the mark's among them, wherever it stood) stay null;
         * cells and columns one to one, only the cells that held no reading at all */
        int one_to_one = g && g->nslots == count && !g->run;
        if (g && g->marks && !tp->r->have[first + i] && !(one_to_one && (g->slot_has[i] || g->slot_doubt[i])))
            tp->r->marked[first + i] = 1;
    }
    note_sources(tp, first, count, v, has, g);
}

/* Grid columns of the seven table-3 headers in rows above the first row of numbers; 1 when all
 * seven were found in distinct columns (then values are placed by header, not by order). */
static int first_number_row(const nb_table *t)
{
    int first_data = t->nrows;
    for (size_t i = 0; i < t->ncells; i++)
        if (nb_parse_number(t->cells[i].text, strlen(t->cells[i].text), NULL) &&
            t->cells[i].row < first_data)
            first_data = t->cells[i].row;
    return first_data;
}

static int find_t3_heads(const nb_table *t, int cols[NB_T3_COLS])
{
    int first_data = first_number_row(t);
    for (int k = 0; k < NB_T3_COLS; k++)
        cols[k] = -1;
    for (size_t i = 0; i < t->ncells && t->cells[i].row < first_data; i++) {
        char head[64] = "";
        append_stripped(head, sizeof head, t->cells[i].text);
        for (int k = 0; k < NB_T3_COLS; k++)
            if (!strcmp(head, nb_t3_col_head(k)) && t->cells[i].colspan == 1)
                cols[k] = t->cells[i].col;
    }
    for (int k = 0; k < NB_T3_COLS; k++)
        for (int j = 0; j < k; j++)
            if (cols[k] < 0 || cols[k] == cols[j])
                return 0;
    return 1;
}

/* Places a row's values under the n header columns cols[]; 0 when a number sits outside every
 * header column or two numbers share one. */
static int by_header(const grid_row *g, const int *cols, int n, double *v, int *has)
{
    for (int k = 0; k < n; k++)
        has[k] = 0;
    for (int i = 0; i < g->nslots; i++) {
        if (!g->slot_has[i])
            continue;
        int k = 0;
        while (k < n && cols[k] != g->slot_col[i])
            k++;
        if (k == n || has[k])
            return 0;
        v[k] = g->slot[i];
        has[k] = 1;
    }
    return 1;
}

/* A row whose numbers text layout gathered from several lines (NB_CF_LINES): their order is known
 * only from columns, so they count only when all n are there and each group of `group` parts
 * followed by its total adds up; otherwise 0 and a warning naming the row. */
static int lines_trusted(nb_template *tp, const double *v, const int *has, int missing, int n,
                         int group, const char *what)
{
    int ok = missing == 0;
    for (int i = 0; ok && i < n; i++)
        ok = has[i];
    for (int g0 = 0; ok && g0 + group < n; g0 += group + 1) {
        double sum = 0;
        for (int i = g0; i < g0 + group; i++)
            sum += v[i];
        ok = sum == v[g0 + group];
    }
    if (!ok)
        nb_doc_warn(tp->r->doc, "%s: numbers gathered from several text lines (wrapped cells) %s; "
                    "left null", what, missing ? "do not fill the row" : "break the row's sum");
    return ok;
}

static void map_t3(nb_template *tp, int row, const grid_row *g)
{
    double v[NB_T3_COLS];
    int has[NB_T3_COLS];
    int first = NB_T3_FIRST + row * NB_T3_COLS;
    char what[64];
    snprintf(what, sizeof what, "t3 row %s", nb_t3_row_key(row));
    int glued = g->run || (g->nnums == 1 && nb_runs_glued(g->num, NB_T3_COLS));
    if (glued && !g->marks) {
        nb_runs_row(tp, first, NB_T3_COLS, NB_T3_COLS, g->run ? g->run : g->num, what);
        return;
    }
    if (!glued && tp->t3_heads_ok && by_header(g, tp->t3_cols, NB_T3_COLS, v, has)) {
        if (g->lines && !lines_trusted(tp, v, has, 0, NB_T3_COLS, NB_T3_COLS - 1, what))
            memset(has, 0, sizeof has);
        store(tp, first, NB_T3_COLS, v, has, what, g);
        return;
    }
    if (marks_unplaced(tp, g, NB_T3_COLS, what)) {
        memset(v, 0, sizeof v);
        memset(has, 0, sizeof has);
        store(tp, first, NB_T3_COLS, v, has, what, g);
        return;
    }
    int missing = row_values(g, NB_T3_COLS, v, has);
    if (missing >= 0 && g->lines && !lines_trusted(tp, v, has, missing, NB_T3_COLS, NB_T3_COLS - 1, what))
        missing = 0, memset(has, 0, sizeof has);
    else if (missing < 0)
        nb_doc_warn(tp->r->doc, "%s: %d numbers for %d columns (rows merged in extraction); left null",
                    what, g->nnums, NB_T3_COLS);
    if (missing > 0) { /* which cell was lost is unknown */
        memset(has, 0, sizeof has);
        nb_template_pending(tp, first, NB_T3_COLS, g->slot, g->slot_has, g->nslots, what);
    }
    store(tp, first, NB_T3_COLS, v, has, what, g);
}

/* Table 4's headers (the description's, nb_t4_group_head and nb_t4_col_head): the three groups (as
 * cells spanning their five columns, whichever row and merge they sit in) and the five results
 * under each, in field order. The group whose header cell spans grid column col, or -1. */
static int t4_group_at(const nb_table *t, int first_data, int col)
{
    for (size_t i = 0; i < t->ncells && t->cells[i].row < first_data; i++) {
        const nb_cell *c = &t->cells[i];
        char head[64] = "";
        append_stripped(head, sizeof head, c->text);
        for (int g = 0; g < NB_T4_GROUPS; g++)
            if (strstr(head, nb_t4_group_head(g)) && col >= c->col && col < c->col + c->colspan)
                return g;
    }
    return -1;
}

/* Grid columns of table 4's 15 values from its headers, whatever rows the headers are split over
 * or merged into; 1 when all 15 were found in distinct columns (values then go by header). */
static int find_t4_heads(const nb_table *t, int cols[NB_T4_COUNT])
{
    int first_data = first_number_row(t);
    for (int k = 0; k < NB_T4_COUNT; k++)
        cols[k] = -1;
    for (size_t i = 0; i < t->ncells && t->cells[i].row < first_data; i++) {
        char head[64] = "";
        append_stripped(head, sizeof head, t->cells[i].text);
        for (int k = 0; k < NB_T4_GROUP_COLS; k++) {
            int g = t->cells[i].colspan == 1 && !strcmp(head, nb_t4_col_head(k))
                        ? t4_group_at(t, first_data, t->cells[i].col) : -1;
            if (g >= 0)
                cols[g * NB_T4_GROUP_COLS + k] = t->cells[i].col;
        }
    }
    for (int k = 0; k < NB_T4_COUNT; k++)
        for (int j = 0; j < k; j++)
            if (cols[k] < 0 || cols[k] == cols[j])
                return 0;
    return 1;
}

/* Table 4's values: one row of 15 in a real grid, under its headers when they were all found (the
 * groups may be merged or ordered otherwise), else in order; or, where extraction broke that row
 * up (its three groups on separate lines), the numbers of consecutive table-4 rows in order. */
static void t4_add(nb_template *tp, const grid_row *g)
{
    double v[NB_T4_COUNT];
    int has[NB_T4_COUNT];
    if (g->run || (g->nnums == 1 && !tp->t4_n && nb_runs_glued(g->num, NB_T4_COUNT))) {
        if (!g->marks)
            nb_runs_row(tp, NB_T4_FIRST, NB_T4_COUNT, NB_T4_GROUP_COLS, g->run ? g->run : g->num, "t4 values row");
        else if (marks_unplaced(tp, g, NB_T4_COUNT, "t4 values row"))
            tp->t4_marks = 1; /* nothing stored: the row stays null */
        return;
    }
    if (!tp->t4_n && tp->t4_heads_ok && by_header(g, tp->t4_cols, NB_T4_COUNT, v, has)) {
        if (g->lines && !lines_trusted(tp, v, has, 0, NB_T4_COUNT, NB_T4_GROUP_COLS - 1, "t4 values row"))
            memset(has, 0, sizeof has);
        store(tp, NB_T4_FIRST, NB_T4_COUNT, v, has, "t4 values row", g);
        return;
    }
    if (g->nslots == NB_T4_COUNT && !tp->t4_n) {
        int missing = row_values(g, NB_T4_COUNT, v, has);
        if (g->lines && !lines_trusted(tp, v, has, missing, NB_T4_COUNT, NB_T4_GROUP_COLS - 1, "t4 values row"))
            memset(has, 0, sizeof has);
        store(tp, NB_T4_FIRST, NB_T4_COUNT, v, has, "t4 values row", g);
        return;
    }
    tp->t4_lines |= g->lines;
    tp->t4_marks |= g->marks;
    for (int i = 0; i < g->nslots; i++)
        if (g->slot_has[i] && tp->t4_n < (int)(sizeof tp->t4_acc / sizeof tp->t4_acc[0]))
            tp->t4_acc[tp->t4_n++] = g->slot[i];
}

static void t4_flush(nb_template *tp)
{
    int n = tp->t4_n, lines = tp->t4_lines, marks = tp->t4_marks;
    tp->t4_n = tp->t4_lines = tp->t4_marks = 0;
    if (!n)
        return;
    if (marks) { /* gathered over rows: where the mark stood among them is unknown */
        nb_doc_warn(tp->r->doc, "table 4: a cell printed without a number (—, /) among %d numbers gathered "
                    "from several rows: which cell is empty is unknown; left null", n);
        return;
    }
    double v[NB_T4_COUNT];
    int has[NB_T4_COUNT], ones[32];
    for (int i = 0; i < 32; i++)
        ones[i] = 1;
    if (n == NB_T4_COUNT) {
        memcpy(v, tp->t4_acc, sizeof v);
        for (int i = 0; i < NB_T4_COUNT; i++)
            has[i] = 1;
        if (lines && !lines_trusted(tp, v, has, 0, NB_T4_COUNT, NB_T4_GROUP_COLS - 1, "t4 values row"))
            memset(has, 0, sizeof has);
        store(tp, NB_T4_FIRST, NB_T4_COUNT, v, has, "t4 values row", NULL);
    } else if (n == NB_T4_COUNT - 1 && lines) {
        nb_doc_warn(tp->r->doc, "table 4: %d numbers for %d columns gathered from several text lines; left null",
                    n, NB_T4_COUNT);
    } else if (n == 14) {
        nb_template_pending(tp, NB_T4_FIRST, NB_T4_COUNT, tp->t4_acc, ones, n, "t4 values");
    } else {
        nb_doc_warn(tp->r->doc, "table 4: %d numbers for %d columns; left null", n, NB_T4_COUNT);
    }
}

/* Words of table 4's headers (NB_T4_WORDS); no table-3 row label contains any of them. */
static int t4_label(const char *label)
{
    for (const char *const *w = nb_t4_words(); *w; w++)
        if (strstr(label, *w))
            return 1;
    return 0;
}

/* The row has enough value cells to be a table-3 row (nb_label_match's t3_possible): four numbers
 * or cells, or one glued run of seven. */
static int t3_possible(const grid_row *g)
{
    return g->nnums >= 4 || g->nslots >= 4 || g->run || nb_runs_glued(g->num, NB_T3_COLS);
}

/* OCR: the fees amount (万元, the one value with decimals) read as a whole number of two digits or
 * more may have lost its point, a speck touching a digit that neither engine sees (12.6 read "126",
 * three readings alike and sure): no witness then. A single digit has no inside to lose it in. */
static int point_lost(int field, double v)
{
    return field == NB_T2_FEES && v >= 10 && v == floor(v);
}

static void map_t2(nb_template *tp, int row, const grid_row *g)
{
    double v[3];
    int has[3];
    int n = nb_t2_row_count(row), first = nb_t2_row_first(row);
    if (g->run && !g->marks) {
        nb_runs_row(tp, first, n, 0, g->run, nb_fields[first].id);
        return;
    }
    if (marks_unplaced(tp, g, n, nb_fields[first].id)) {
        memset(v, 0, sizeof v);
        memset(has, 0, sizeof has);
    } else if (row_values(g, n, v, has) != 0) {
        memset(has, 0, sizeof has);
        nb_doc_warn(tp->r->doc, "%s: %d numbers for %d columns, which goes where is unknown; left null",
                    nb_fields[first].id, g->nnums, n);
    }
    store(tp, first, n, v, has, nb_fields[first].id, g);
    /* OCR: the row's label matched with margin (named), its cells one to one with the columns */
    for (int i = 0; g->nslots == n && i < n; i++)
        tp->r->witnessed[first + i] = tp->r->have[first + i] && g->slot_witnessed[i] &&
                                      !point_lost(first + i, tp->r->values[first + i]);
    /* ... or a one-value row whose value every cell repeats (a table without merged cells:
     * "行政处罚 | 694 | 694 | 694"), each cell read alike by both engines */
    int repeated = n == 1 && g->nslots > 1;
    for (int i = 0; repeated && i < g->nslots; i++)
        repeated = g->slot_has[i] && g->slot_witnessed[i] && g->slot[i] == g->slot[0];
    if (repeated)
        tp->r->witnessed[first] = tp->r->have[first] && !point_lost(first, tp->r->values[first]);
}

/* OCR: the seven numbers of a row whose label named no row with confidence ("到本了二闫站生事务全",
 * best 0.10 for 属于三类内部事务信息) are kept as doubtful readings ("?3") of the row the label
 * scored best for, when one did (above the runner-up) and that row has no values yet. No value
 * comes from them alone: the guard (ocr_guard.c) fills a cell only where the identities in which it
 * is the only null member give exactly its reading, so the arithmetic decides and the reading
 * confirms, whichever row the label meant. */
static void ocr_unnamed_doubts(nb_template *tp, const grid_row *g, const nb_label_hit *m)
{
    int first = NB_T3_FIRST + m->row * NB_T3_COLS;
    if (!tp->r->doc->ocr_pages || m->best_table != 3 || m->merged || m->group >= 0 ||
        m->score <= m->second || g->nslots != NB_T3_COLS)
        return;
    for (int i = 0; i < NB_T3_COLS; i++)
        if ((g->slot_has[i] || g->slot_doubt[i]) && !tp->seen[first + i] && !tp->r->have[first + i] &&
            !tp->r->doubtful[first + i])
            tp->r->doubt[first + i] = g->slot[i], tp->r->doubtful[first + i] = 1;
}

/* Bytes of the label's first characters that fit in max_bytes, cut on a character boundary (for a
 * warning: a garbled label can run long). */
static int label_head(const char *label, int max_bytes)
{
    int n = 0, adv;
    while (label[n] && n < max_bytes)
        nb_utf8_decode(label + n, strlen(label + n), &adv), n += adv;
    return n;
}

/* A row with numbers whose label names no template row with confidence: a warning, no values. */
static void unmatched(nb_template *tp, const grid_row *g, const nb_label_hit *m)
{
    ocr_unnamed_doubts(tp, g, m);
    if (m->group >= 0) {
        tp->found[1] = 1;
        tp->group_rows |= 1u << m->group; /* judged once the table is read: warn_group_rows */
    } else if (g->label[0]) {
        int n = label_head(g->label, 90); /* ~30 characters */
        if (m->merged)
            nb_doc_warn(tp->r->doc, "table row \"%.*s\" holds the labels of two template rows (merged "
                        "in extraction); its %d numbers are left out", n, g->label, g->nnums);
        else
            nb_doc_warn(tp->r->doc, "table row \"%.*s\" names no template row with confidence "
                        "(best %.2f, runner-up %.2f); its %d numbers are left out", n, g->label,
                        m->score, m->second, g->nnums);
    }
}

/* ---- a row split over two table rows ----------------------------------------------------------
 * Word and LibreOffice let a row break across a page: "一、本年新收政府信息公开 | 34 … 27 | 11" at the
 * foot of one page and "申请数量 | … | 1" at the head of the next (111 wrapped in its cell); a text
 * layout can likewise leave a wrapped cell's last line as a row of its own. The second part is the
 * next row of the grid, or, when the break also ended the grid, the first row of the next table if it
 * has as many columns (next_part; table 4's row of values likewise: t4_split). Such a second part names
 * no template row, starts with no enumerator and has numbers only in columns of the row above, in
 * at most SPLIT_MAX_PIECES of them (only a cell with more lines than the page had room for goes on:
 * the label and the widest numbers; a part with a number in every column is a row of its own, and
 * joining two whole rows digit by digit would even keep the row's sum: 1 2 | 3 over 3 2 | 5 reads
 * 13 22 | 35).
 * Real grids only (DOCX, HTML, PDF geometry): text rows are rebuilt from lines by layout/, which
 * joins wrapped cells itself and marks what it gathered (NB_CF_LINES); OCR'd grids have garbled
 * labels that name no row, and their numbers answer to the OCR guard.
 *  1. table 3: the parts are joined cell by cell (labels appended, numbers in one column
 *     concatenated as printed: "11" then "1" is 111) and the row is mapped once, as gathered from
 *     several lines: it counts only when its label still names the row and all seven numbers are
 *     there and add up (lines_trusted);
 *  2. when the join fails, the row above is mapped as gathered from several lines, so it is kept
 *     only where its own sum holds; a table-2 row, which no identity checks, is left null with a
 *     warning. */
static int is_fragment(const grid_row *g)
{
    nb_label_hit m;
    if (!g->nnums || g->run || nb_numbering_level(g->label, strlen(g->label)) || t4_label(g->label))
        return 0;
    return !nb_label_match(g->label, 1, &m) && m.group < 0 && !m.merged;
}

/* "11" and "1" as printed one under the other: 111 (whole numbers only); 0 when not joinable. */
static int join_digits(const char *upper, const char *lower, double *v)
{
    char buf[64];
    size_t a = strlen(upper), b = strlen(lower);
    if (a + b >= sizeof buf || strspn(upper, "0123456789") != a || strspn(lower, "0123456789") != b)
        return 0;
    memcpy(buf, upper, a);
    memcpy(buf + a, lower, b + 1);
    return nb_parse_number(buf, a + b, v);
}

/* Could below be the rest of g split off by a break: a few numbers (at most SPLIT_MAX_PIECES, fewer
 * than g holds), not a row of its own? Its columns are checked by join_rows. */
static int is_piece(const grid_row *g, const grid_row *below)
{
    return below->nnums && below->nnums <= SPLIT_MAX_PIECES && below->nnums < g->nnums;
}

/* g and the part below it as one row (step 1); 0 when a number below has no column above. */
static int join_rows(grid_row *g, const grid_row *below)
{
    for (int j = 0; j < below->nslots; j++) {
        if (!below->slot_has[j])
            continue;
        int i = 0;
        while (i < g->nslots && g->slot_col[i] != below->slot_col[j])
            i++;
        if (i == g->nslots)
            return 0;
        if (!g->slot_has[i]) {
            g->slot[i] = below->slot[j];
            g->slot_has[i] = 1;
            g->nnums++;
        } else if (!join_digits(g->slot_text[i], below->slot_text[j], &g->slot[i])) {
            return 0;
        }
    }
    append_stripped(g->label, sizeof g->label, below->label);
    g->lines = 1;
    return 1;
}

/* The table row after the one that ended at *at: in t, or when that row ended t, the first row of the
 * table right after it if it has as many columns (a page break between the parts). Real grids only. 0
 * when there is none; else *in is its table and *next_at the cell after it. */
static int next_part(const nb_template *tp, const nb_table *t, size_t at, grid_row *below,
                     const nb_table **in, size_t *next_at)
{
    if (tp->r->doc->format == NB_FMT_TEXT || tp->r->doc->ocr_pages)
        return 0;
    *in = t;
    *next_at = at;
    if (at >= t->ncells) {
        *in = tp->next_table;
        *next_at = 0;
        if (!*in || !(*in)->ncells || (*in)->ncols != t->ncols)
            return 0;
    }
    read_row(tp, *in, next_at, below);
    return 1;
}

/* A named row with the second part of a split row below it: steps 1-2. Returns 1 when the row was
 * mapped here (*at then past the part below when it was joined in). */
static int map_split(nb_template *tp, const nb_table *t, size_t *at, grid_row *g, const nb_label_hit *m)
{
    size_t next_at;
    const nb_table *in;
    grid_row below, joined;
    if (!next_part(tp, t, *at, &below, &in, &next_at) || !is_fragment(&below))
        return 0;
    nb_label_hit mj;
    joined = *g;
    if (m->table == 3 && is_piece(g, &below) && join_rows(&joined, &below) &&
        nb_label_match(joined.label, 1, &mj) && mj.table == 3 && mj.row == m->row) {
        if (in == t)
            *at = next_at;
        else
            tp->skip_rows = 1; /* the part opens the next table */
        map_t3(tp, m->row, &joined);
        return 1;
    }
    if (m->table == 3) {
        g->lines = 1;
        map_t3(tp, m->row, g);
        return 1;
    }
    nb_doc_warn(tp->r->doc, "%s: the row goes on in the table row below (split over lines or pages) and "
                "no identity can check the pieces; left null", nb_fields[nb_t2_row_first(m->row)].id);
    return 1;
}

/* OCR'd labels: a label refused for its margin alone (a misreading about as close to two rows:
 * "7.属于行政雪凌荣卷" 0.62 for 属于行政执法案卷, 0.50 for 属于行政查询事项) still names its best row
 * when that row comes right after the row above in the template's order: the order is a second
 * witness, never the only one (the best score must reach LABEL_MIN_SCORE and beat the runner-up).
 * A row in between that named no t3 row breaks the chain (prev_t3 0). Its numbers then answer to
 * the OCR guard like any. */
static int ocr_in_order(const nb_template *tp, const grid_row *g, const nb_label_hit *m)
{
    if (!tp->r->doc->ocr_pages || m->best_table != 3 || m->merged || m->group >= 0 ||
        m->score < OCR_ORDER_MIN_SCORE || m->score <= m->second || tp->prev_t3 != m->row)
        return 0;
    int n = label_head(g->label, 60); /* ~20 characters */
    nb_doc_warn(tp->r->doc, "t3 row %s taken from the OCR'd label \"%.*s\" by its score (%.2f, "
                "runner-up %.2f) and its place after the row above", nb_t3_row_key(m->row), n, g->label,
                m->score, m->second);
    return 1;
}

/* ---- OCR'd rows named by their place ------------------------------------------------------------
 * An OCR'd label can be garbled past any score ("2.其亿流行丰二油村?2全" for 2.其他法律行政法规禁止公开)
 * while the rows around it read well. The grid keeps the printed order, so a run of rows that name no
 * row, between two rows that do, is the template rows between those two when their counts agree:
 *   1.属于国家秘密 | 2 0 0 0 0 0 2        withheld_state_secret (named)
 *   2.其亿流行丰二油村 | 2 1 0 0 0 0 3     ?  one row between, one template row between: withheld_law
 *   3.危及"三安全一稳定" | 2 2 0 0 0 1 5   withheld_safety (named)
 * A pass over the table before it is mapped (place_gaps):
 *   1. each row with numbers: named (a t3 row), unnamed (a candidate), or a chain breaker (a table-4
 *      row, a table-2 row, a group printed as one row, an unnamed row narrower than PLACE_MIN_SLOTS:
 *      a stray line of the layout, whose numbers may belong to a row next to it);
 *   2. a run of candidates between named rows a and b takes rows a+1 .. b-1 when there are exactly
 *      b - a - 1 of them, and no candidate's own label names, with a score of OCR_ORDER_MIN_SCORE, a row
 *      outside that range (then the document is not in the template's order there).
 * A lost row and a spurious one in the same gap would shift the run by one: the counts then still agree.
 * That takes a row of numbers lost whole and a row read from nothing at once; the rows' numbers
 * answer to the OCR guard like any. Rows of one table only: a page break ends the chain. */
#define PLACE_MIN_SLOTS 4 /* value cells of a row that may be a table-3 row (it has 7; OCR loses some) */

typedef struct {
    size_t at[NB_T3_ROWS]; /* first cell of each candidate row */
    int best[NB_T3_ROWS];  /* the row its own label names with a score of OCR_ORDER_MIN_SCORE, else -1 */
    int n, prev;           /* candidates so far; the named row before them (-1: none) */
} place_run;

/* Step 2: the run between rows run->prev and `next` takes the rows between when the counts agree. */
static void place_run_end(nb_template *tp, const place_run *run, int next)
{
    if (run->prev < 0 || run->n == 0 || next - run->prev - 1 != run->n)
        return;
    for (int i = 0; i < run->n; i++)
        if (run->best[i] >= 0 && (run->best[i] <= run->prev || run->best[i] >= next))
            return;
    for (int i = 0; i < run->n && tp->nplaced < NB_T3_ROWS; i++) {
        tp->placed_at[tp->nplaced] = run->at[i];
        tp->placed_row[tp->nplaced++] = run->prev + 1 + i;
    }
}

/* Step 1 for one row starting at cell `at`: named, a candidate or a chain breaker. */
static void place_row(nb_template *tp, const grid_row *g, size_t at, place_run *run)
{
    nb_label_hit m;
    int t4 = t4_label(g->label), named = !t4 && nb_label_match(g->label, t3_possible(g), &m);
    if (named && m.table == 3) {
        place_run_end(tp, run, m.row);
        run->prev = m.row, run->n = 0;
    } else if (named || t4 || m.group >= 0 || g->nslots < PLACE_MIN_SLOTS ||
               run->n == NB_T3_ROWS) {
        run->prev = -1, run->n = 0;
    } else {
        run->at[run->n] = at;
        run->best[run->n++] = m.best_table == 3 && m.score >= OCR_ORDER_MIN_SCORE ? m.row : -1;
    }
}

static void place_gaps(nb_template *tp, const nb_table *t, int is_t4)
{
    tp->nplaced = 0;
    if (!tp->r->doc->ocr_pages || is_t4)
        return;
    place_run run = {.n = 0, .prev = -1};
    for (size_t at = 0; at < t->ncells;) {
        size_t first = at;
        grid_row g;
        read_row(tp, t, &at, &g);
        if (g.nnums)
            place_row(tp, &g, first, &run);
    }
}

/* The row place_gaps named the grid row starting at cell `at`, with a warning; 0 when none. */
static int placed(const nb_template *tp, size_t at, const grid_row *g, nb_label_hit *m)
{
    for (int i = 0; i < tp->nplaced; i++) {
        if (tp->placed_at[i] != at)
            continue;
        int n = label_head(g->label, 60); /* ~20 characters */
        nb_doc_warn(tp->r->doc, "t3 row %s taken from the OCR'd row \"%.*s\" by its place between the rows "
                    "above and below it", nb_t3_row_key(tp->placed_row[i]), n, g->label);
        m->table = 3, m->row = tp->placed_row[i];
        return 1;
    }
    return 0;
}

/* Table 4's row of values split over two table rows, or over two tables (a page break: the rest of a
 * cell's wrapped number, "1" over "0" of 10, opens the next page, alone in its column). The same rule
 * as a split table-3 row (step 1 above): a second part with no label, at most SPLIT_MAX_PIECES numbers,
 * each in a column of the row above, is joined digit by digit, and the row then counts only where all
 * three groups add up; a second part that cannot be joined leaves the row counting only where they
 * add up as printed. The part in the next table is matched by column when both grids have as many. */
static void t4_split(nb_template *tp, const nb_table *t, size_t *at, grid_row *g)
{
    size_t next_at;
    const nb_table *in;
    grid_row below, joined;
    if (g->nnums <= SPLIT_MAX_PIECES || !next_part(tp, t, *at, &below, &in, &next_at) || below.run ||
        below.label[0] || !is_piece(g, &below))
        return;
    joined = *g;
    if (join_rows(&joined, &below)) {
        *g = joined;
        if (in == t)
            *at = next_at;
        else
            tp->skip_rows = 1;
    }
    g->lines = 1;
}

/* A row of marks only ("二、上年结转… | — | — | … | —"): no value, and its cells are marked, so the
 * identities never fill them (its row and columns would give the numbers the document left out). */
static void mark_row(nb_template *tp, const grid_row *g)
{
    nb_label_hit m;
    if (!g->marks || !nb_label_match(g->label, g->nslots >= 4, &m))
        return;
    int first = m.table == 3 ? NB_T3_FIRST + m.row * NB_T3_COLS : nb_t2_row_first(m.row);
    int n = m.table == 3 ? NB_T3_COLS : nb_t2_row_count(m.row);
    for (int i = 0; i < n; i++)
        tp->r->marked[first + i] |= !tp->r->have[first + i];
}

/* Table 4 by its place and shape: a grid under section 4's heading (四、…行政复议、行政诉讼…) with no
 * table-4 word in it (OCR read its headers as text lines above it, or garbled them), before any
 * table 4 was found: a row of 15 value cells and no label is table 4's row of values. Other rows of
 * that grid (a stray reading of a header, a row short of cells) are mapped as anywhere else. */
static int t4_by_place(const nb_template *tp, const grid_row *g)
{
    return tp->t4_place && !tp->found[2] && !g->label[0] && !g->run && g->nslots == NB_T4_COUNT;
}

static void map_row(nb_template *tp, const nb_table *t, size_t *at, int table_is_t4)
{
    grid_row g;
    size_t first = *at;
    read_row(tp, t, at, &g);
    if (!g.nnums) {
        mark_row(tp, &g);
        return; /* header rows, and rows whose values are all blank or marks */
    }
    nb_label_hit m;
    int named = 0, t4 = t4_label(g.label) || (table_is_t4 && !g.label[0]) || t4_by_place(tp, &g);
    if (!t4) {
        named = nb_label_match(g.label, t3_possible(&g), &m);
        /* in table 4, its 15 values in a row labelled otherwise (数量, 件数) */
        t4 = table_is_t4 && !named && m.group < 0 && g.nslots == NB_T4_COUNT;
    }
    if (t4) {
        t4_split(tp, t, at, &g);
        t4_add(tp, &g);
        tp->found[2] = 1;
        return;
    }
    t4_flush(tp); /* any other row ends a run of table-4 rows */
    if (!named && !table_is_t4 && (placed(tp, first, &g, &m) || ocr_in_order(tp, &g, &m)))
        named = 1, m.table = 3;
    tp->prev_t3 = named && m.table == 3 ? m.row + 1 : 0;
    if (named && !table_is_t4 && map_split(tp, t, at, &g, &m)) {
        tp->found[m.table == 3 ? 1 : 0] = 1;
    } else if (!named) {
        unmatched(tp, &g, &m);
    } else if (m.table == 3) {
        map_t3(tp, m.row, &g);
        tp->found[1] = 1;
    } else {
        map_t2(tp, m.row, &g);
        tp->found[0] = 1;
    }
}

static int mentions(const nb_table *t, const char *word)
{
    for (size_t i = 0; i < t->ncells; i++)
        if (strstr(t->cells[i].text, word))
            return 1;
    return 0;
}

/* A group printed as a row of its own (its numbers never given to its sub-rows): when none of its
 * template rows got values elsewhere, they stay null and a warning names the group; when its
 * sub-rows were printed too, the group row was a subtotal and nothing is lost. */
static void warn_group_rows(nb_template *tp)
{
    for (int g = 0; g < 32; g++) {
        if (!(tp->group_rows >> g & 1u))
            continue;
        int first = NB_T3_FIRST + nb_t3_group_first(g) * NB_T3_COLS, any = 0;
        for (int i = 0; i < nb_t3_group_rows(g) * NB_T3_COLS; i++)
            any |= tp->seen[first + i];
        if (!any)
            nb_doc_warn(tp->r->doc, "t3 group %s printed as one row: its values belong to %d template "
                        "rows; left null", nb_t3_group_name(g), nb_t3_group_rows(g));
    }
}

void nb_template_map(nb_template *tp)
{
    const nb_doc *d = tp->r->doc;
    int section = 0; /* the section whose heading came last */
    for (size_t b = 0; b < d->nblocks; b++) {
        int heading = d->blocks[b].kind == NB_BLOCK_PARA ? nb_section_heading(d, d->blocks[b].text) : 0;
        section = heading ? heading : section;
        if (d->blocks[b].kind != NB_BLOCK_TABLE)
            continue;
        const nb_table *t = d->blocks[b].table;
        int is_t4 = mentions(t, "复议") && (mentions(t, "诉讼") || mentions(t, "起诉"));
        tp->t4_place = !is_t4 && section == 4;
        /* Header positions mean something only in real grids (DOCX, HTML, PDF geometry); text
         * rows rebuilt from lines may shift cells, so there the order of numbers decides. */
        tp->t3_heads_ok = d->format != NB_FMT_TEXT && find_t3_heads(t, tp->t3_cols);
        tp->t4_heads_ok = d->format != NB_FMT_TEXT && is_t4 && find_t4_heads(t, tp->t4_cols);
        tp->prev_t3 = 0;
        place_gaps(tp, t, is_t4);
        tp->next_table = b + 1 < d->nblocks && d->blocks[b + 1].kind == NB_BLOCK_TABLE ? d->blocks[b + 1].table : NULL;
        size_t at = 0;
        if (tp->skip_rows) /* its first row was the rest of the previous table's last row */
            read_row(tp, t, &at, &(grid_row){0});
        tp->skip_rows = 0;
        while (at < t->ncells)
            map_row(tp, t, &at, is_t4);
        t4_flush(tp);
    }
    warn_group_rows(tp);
}
