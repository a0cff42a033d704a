/* desc.c - what the template's description (template_desc.h) derives: the 200 fields with their ids
 * and labels, the row, group, column and section tables the matcher, mapper, checks and writers read.
 *
 * Algorithm (once per process, pthread_once), on table 3's row withheld_law:
 *  1. Expand the description's lists into tables (the X macros below): the row is
 *     {key "withheld_law", group withheld, words {"2.其他法律行政法规禁止公开"}}; group withheld is
 *     {parent results, "（三）不予公开"}, results {parent none, "三、本年度办理结果"}.
 *  2. Group spans: every row counts in its group and the groups enclosing it, so withheld spans
 *     rows 4..11 and results rows 2..23 (the rows must be contiguous: test_positions checks).
 *  3. Row labels: the enclosing groups' printed labels, outermost first, then the row's own, joined
 *     by spaces: "三、本年度办理结果 （三）不予公开 2.其他法律行政法规禁止公开".
 *  4. Fields in schema order: table 2 row by row over its column set ("t2.rules.issued",
 *     "第二十条第（一）项 规章 本年制发件数"); table 3 rows x columns ("t3.withheld_law.commercial",
 *     "<row label> 法人或其他组织 商业企业"); table 4 groups x columns ("t4.review.upheld",
 *     "行政复议 结果维持"). */
#include "tables.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define FIELD_ID_BYTES 64     /* "t3.unavailable_needs_making.public_interest" is 43 */
#define ROW_LABEL_BYTES 256   /* the longest row label (other_unpaid_fee, with its groups) is ~170 */
#define FIELD_LABEL_BYTES 320 /* a row label, a space and a column label (the longest ~40) */
#define SECTION_WORDS 6       /* heading words per section (+ NULL): the description gives at most 4 */

typedef struct {
    const char *key, *label;
} key_label;

/* ---- step 1: the description as tables ---- */
#define KEY_LABEL_(key, label) {#key, label},
static const key_label t2_cols_DOCS[] = {NB_T2_COLS_DOCS(KEY_LABEL_)};
static const key_label t2_cols_DECISIONS[] = {NB_T2_COLS_DECISIONS(KEY_LABEL_)};
static const key_label t2_cols_FEES[] = {NB_T2_COLS_FEES(KEY_LABEL_)};
static const key_label t3_cols[NB_T3_COLS] = {NB_T3_COLS_DESC(KEY_LABEL_)};
static const key_label t4_groups[NB_T4_GROUPS] = {NB_T4_GROUPS_DESC(KEY_LABEL_)};
static const key_label t4_cols[NB_T4_GROUP_COLS] = {NB_T4_COLS_DESC(KEY_LABEL_)};

static const struct {
    const char *key, *clause;
    const key_label *cols;
    int ncols;
    const char *words[NB_LABEL_VARIANTS];
} t2_rows[NB_T2_ROWS] = {
#define T2_ROW_(key, clause, set, ...) {#key, clause, t2_cols_##set, NB_T2_NCOLS_(set), {__VA_ARGS__}},
    NB_T2_DESC(T2_ROW_)
};

static const struct {
    const char *key;
    int parent;
    const char *printed;
} t3_groups[NB_T3_NGROUPS] = {
#define T3_GROUP_(key, parent, printed) {#key, NB_T3G_##parent, printed},
    NB_T3_GROUPS_DESC(T3_GROUP_)
};

static const struct {
    const char *key;
    int group;
    const char *words[NB_LABEL_VARIANTS];
} t3_rows[NB_T3_ROWS] = {
#define T3_ROW_(key, group, ...) {#key, NB_T3G_##group, {__VA_ARGS__}},
    NB_T3_ROWS_DESC(T3_ROW_)
};

static const struct {
    int number;
    const char *title;
    const char *words[SECTION_WORDS];
} sections[6] = {
#define SECTION_(number, title, ...) {number, title, {__VA_ARGS__}},
    NB_SECTIONS_DESC(SECTION_)
};

static const char *const t4_words[] = {NB_T4_WORDS, NULL};

/* ---- steps 2-4: derived once ---- */
static nb_field fields[NB_NVALUES];
static char field_ids[NB_NVALUES][FIELD_ID_BYTES], field_labels[NB_NVALUES][FIELD_LABEL_BYTES];
static char t2_labels[NB_T2_ROWS][ROW_LABEL_BYTES], t3_labels[NB_T3_ROWS][ROW_LABEL_BYTES];
static int group_first[NB_T3_NGROUPS], group_count[NB_T3_NGROUPS];
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* Step 3: the printed labels of group g and those enclosing it, outermost first, then s. */
static void row_label(char *out, size_t cap, int g, const char *s)
{
    char inner[ROW_LABEL_BYTES];
    if (g == NB_T3G_none) {
        snprintf(out, cap, "%s", s);
        return;
    }
    snprintf(inner, sizeof inner, "%s %s", t3_groups[g].printed, s);
    row_label(out, cap, t3_groups[g].parent, inner);
}

static void add_field(int *n, int table, const char *row_key, const char *col_key,
                      const char *row_lab, const char *col_lab)
{
    int i = (*n)++;
    snprintf(field_ids[i], FIELD_ID_BYTES, "t%d.%s.%s", table, row_key, col_key);
    snprintf(field_labels[i], FIELD_LABEL_BYTES, "%s %s", row_lab, col_lab);
    fields[i] = (nb_field){field_ids[i], table, field_labels[i], row_lab, col_lab};
}

static void build(void)
{
    for (int r = 0; r < NB_T3_ROWS; r++) /* step 2 */
        for (int g = t3_rows[r].group; g != NB_T3G_none; g = t3_groups[g].parent)
            if (!group_count[g]++)
                group_first[g] = r;
    int n = 0;
    for (int r = 0; r < NB_T2_ROWS; r++) {
        snprintf(t2_labels[r], ROW_LABEL_BYTES, "%s %s", t2_rows[r].clause, t2_rows[r].words[0]);
        for (int c = 0; c < t2_rows[r].ncols; c++)
            add_field(&n, 2, t2_rows[r].key, t2_rows[r].cols[c].key, t2_labels[r],
                      t2_rows[r].cols[c].label);
    }
    for (int r = 0; r < NB_T3_ROWS; r++) {
        row_label(t3_labels[r], ROW_LABEL_BYTES, t3_rows[r].group, t3_rows[r].words[0]);
        for (int c = 0; c < NB_T3_COLS; c++)
            add_field(&n, 3, t3_rows[r].key, t3_cols[c].key, t3_labels[r], t3_cols[c].label);
    }
    for (int g = 0; g < NB_T4_GROUPS; g++)
        for (int c = 0; c < NB_T4_GROUP_COLS; c++)
            add_field(&n, 4, t4_groups[g].key, t4_cols[c].key, t4_groups[g].label, t4_cols[c].label);
}

const nb_field *nb_field_table(void)
{
    pthread_once(&once, build);
    return fields;
}

int nb_field_index(const char *id)
{
    const nb_field *f = nb_field_table();
    for (int i = 0; i < NB_NVALUES; i++)
        if (!strcmp(f[i].id, id))
            return i;
    return -1;
}

/* The last space-separated word of a label: what a header cell prints ("法人或其他组织 商业企业"). */
static const char *last_word(const char *label)
{
    const char *sp = strrchr(label, ' ');
    return sp ? sp + 1 : label;
}

const char *nb_t3_row_key(int row) { return t3_rows[row].key; }
const char *const *nb_t3_row_words(int row) { return t3_rows[row].words; }
int nb_t3_row_group(int row) { return t3_rows[row].group; }
const char *nb_t3_col_key(int col) { return t3_cols[col].key; }
const char *nb_t3_col_head(int col) { return last_word(t3_cols[col].label); }
const char *const *nb_t2_row_words(int row) { return t2_rows[row].words; }
int nb_t2_row_count(int row) { return t2_rows[row].ncols; }
const char *nb_t3_group_name(int g) { return t3_groups[g].printed; }
int nb_t3_group_parent(int g) { return t3_groups[g].parent; }
const char *nb_t4_group_key(int g) { return t4_groups[g].key; }
const char *nb_t4_group_head(int g) { return last_word(t4_groups[g].label); }
const char *nb_t4_col_head(int col) { return t4_cols[col].label; }
const char *const *nb_t4_words(void) { return t4_words; }
const char *nb_section_title(int number) { return sections[number - 1].title; }
const char *const *nb_section_words(int number) { return sections[number - 1].words; }

int nb_t2_row_first(int row)
{
    int first = NB_T2_FIRST;
    for (int r = 0; r < row; r++)
        first += t2_rows[r].ncols;
    return first;
}

int nb_t3_group_rows(int g)
{
    pthread_once(&once, build);
    return group_count[g];
}

int nb_t3_group_first(int g)
{
    pthread_once(&once, build);
    return group_first[g];
}
