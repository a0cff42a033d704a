/* template.c - table grids onto the 200 canonical values: each row is identified by its label
 * (not its position), its cells mapped to columns; cells lost in extraction are left null here. */
#include "tables.h"
#include "layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SLOTS 32 /* value cells read from one row: the widest template row has 15 */

/* Table 3 rows in template order (= ../shared/schema/t3_rows.tsv), each with label keywords;
 * the longest keyword found in a row label decides, so "其他" loses to "法律行政法规". */
static const struct {
    const char *key;
    const char *words[5];
} t3_rows[NB_T3_ROWS] = {
    {"new", {"本年新收", "新收政府信息", NULL}},
    {"carried_in", {"上年结转", NULL}},
    {"disclosed", {"予以公开", NULL}},
    {"partly_disclosed", {"部分公开", NULL}},
    {"withheld_state_secret", {"国家秘密", NULL}},
    {"withheld_law", {"法律行政法规", "禁止公开", NULL}},
    {"withheld_safety", {"三安全一稳定", "危及", NULL}},
    {"withheld_third_party", {"第三方合法权益", "第三方", NULL}},
    {"withheld_internal", {"内部事务", NULL}},
    {"withheld_process", {"过程性信息", "过程性", NULL}},
    {"withheld_enforcement", {"行政执法案卷", "执法案卷", NULL}},
    {"withheld_query", {"行政查询事项", "查询事项", NULL}},
    {"unavailable_not_held", {"不掌握", NULL}},
    {"unavailable_needs_making", {"另行制作", "没有现成信息", NULL}},
    {"unavailable_unclear", {"补正后申请内容", "仍不明确", NULL}},
    {"rejected_petition", {"信访举报投诉", "信访", NULL}},
    {"rejected_repeat", {"重复申请", NULL}},
    {"rejected_publication", {"公开出版物", "出版物", NULL}},
    {"rejected_excessive", {"大量反复", NULL}},
    {"rejected_confirm", {"确认或重新出具", "重新出具", "已获取信息", "行政机关确认", NULL}},
    {"other_no_correction", {"逾期不补正", "不补正", "无正当理由逾期", NULL}},
    {"other_unpaid_fee", {"缴纳费用", "收费通知", "逾期未按", NULL}},
    {"other_other", {"其他", NULL}},
    {"total", {"总计", "合计", NULL}},
    {"carried_out", {"结转下年度", "继续办理", NULL}},
};

/* Table 2 rows: keywords, first field index in nb_fields, number of values. */
static const struct {
    const char *words[3];
    int first, count;
} t2_rows[] = {
    {{"规章", NULL}, NB_T2_FIRST + 0, 3},
    {{"规范性文件", NULL}, NB_T2_FIRST + 3, 3},
    {{"行政许可", NULL}, NB_T2_FIRST + 6, 1},
    {{"行政处罚", NULL}, NB_T2_FIRST + 7, 1},
    {{"行政强制", NULL}, NB_T2_FIRST + 8, 1},
    {{"事业性收费", "收费金额", NULL}, NB_T2_FIRST + 9, 1},
};

/* Longest keyword of `words` found in label (bytes), 0 when none. */
static size_t best_word(const char *label, const char *const *words)
{
    size_t best = 0;
    for (int i = 0; words[i]; i++)
        if (strstr(label, words[i]) && strlen(words[i]) > best)
            best = strlen(words[i]);
    return best;
}

/* A row of a grid as the mapper sees it: its own label text and the value cells after it. */
typedef struct {
    char label[1024];
    int nslots, nnums;
    int slot_has[MAX_SLOTS];
    int slot_col[MAX_SLOTS]; /* grid column of each value cell */
    double slot[MAX_SLOTS];
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

/* Reads the row whose cells start at t->cells[*at]; advances *at past them (cells are sorted). */
static void read_row(const nb_table *t, size_t *at, grid_row *g)
{
    memset(g, 0, sizeof *g);
    size_t first = *at, end = first;
    while (end < t->ncells && t->cells[end].row == t->cells[first].row)
        end++;
    *at = end;
    size_t last_label = first; /* value cells are those right of the last label cell */
    for (size_t i = first; i < end; i++) {
        double v;
        const char *s = t->cells[i].text;
        if (*s && !nb_parse_number(s, strlen(s), &v)) {
            append_stripped(g->label, sizeof g->label, s);
            last_label = i + 1;
        }
    }
    for (size_t i = last_label; i < end && g->nslots < MAX_SLOTS; i++) {
        const char *s = t->cells[i].text;
        double v;
        int k = g->nslots++;
        g->slot_col[k] = t->cells[i].col;
        if (nb_parse_number(s, strlen(s), &v)) {
            g->slot_has[k] = 1;
            g->slot[k] = v;
            g->nnums++;
        }
    }
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

static int t3_match(const char *label)
{
    int best = -1;
    size_t score = 0;
    for (int i = 0; i < NB_T3_ROWS; i++) {
        size_t s = best_word(label, t3_rows[i].words);
        if (s > score) {
            score = s;
            best = i;
        }
    }
    return best;
}

static int t2_match(const char *label)
{
    int best = -1;
    size_t score = 0;
    for (size_t i = 0; i < sizeof t2_rows / sizeof t2_rows[0]; i++) {
        size_t s = best_word(label, t2_rows[i].words);
        if (s > score) {
            score = s;
            best = (int)i;
        }
    }
    return best;
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

/* Stores a row's values unless that row was already filled from an earlier table row. */
static void store(nb_template *tp, int first, int count, const double *v, const int *has,
                  const char *what)
{
    for (int i = 0; i < count; i++)
        if (tp->r->have[first + i] || tp->seen[first + i]) {
            nb_doc_warn(tp->r->doc, "%s appears twice: the first occurrence is kept", what);
            return;
        }
    for (int i = 0; i < count; i++) {
        tp->seen[first + i] = 1;
        tp->r->have[first + i] = has[i] && value_ok(tp, first + i, v[i], what);
        tp->r->values[first + i] = tp->r->have[first + i] ? v[i] : 0;
    }
}

/* Table 3's column headers, exactly as the template words them, in schema column order. */
static const char *const t3_heads[NB_T3_COLS] = {"自然人", "商业企业", "科研机构", "社会公益组织",
                                                 "法律服务机构", "其他", "总计"};

/* Grid columns of the seven table-3 headers in rows above the first row of numbers; 1 when all
 * seven were found in distinct columns (then values are placed by header, not by order). */
static int find_t3_heads(const nb_table *t, int cols[NB_T3_COLS])
{
    int first_data = t->nrows;
    for (size_t i = 0; i < t->ncells; i++)
        if (nb_parse_number(t->cells[i].text, strlen(t->cells[i].text), NULL) &&
            t->cells[i].row < first_data)
            first_data = t->cells[i].row;
    for (int k = 0; k < NB_T3_COLS; k++)
        cols[k] = -1;
    for (size_t i = 0; i < t->ncells && t->cells[i].row < first_data; i++) {
        char head[64] = "";
        append_stripped(head, sizeof head, t->cells[i].text);
        for (int k = 0; k < NB_T3_COLS; k++)
            if (!strcmp(head, t3_heads[k]) && t->cells[i].colspan == 1)
                cols[k] = t->cells[i].col;
    }
    for (int k = 0; k < NB_T3_COLS; k++)
        for (int j = 0; j < k; j++)
            if (cols[k] < 0 || cols[k] == cols[j])
                return 0;
    return 1;
}

/* Places a row's values under the headers; 0 when a number sits outside every header column. */
static int by_header(const grid_row *g, const int cols[NB_T3_COLS], double *v, int *has)
{
    for (int k = 0; k < NB_T3_COLS; k++)
        has[k] = 0;
    for (int i = 0; i < g->nslots; i++) {
        if (!g->slot_has[i])
            continue;
        int k = 0;
        while (k < NB_T3_COLS && cols[k] != g->slot_col[i])
            k++;
        if (k == NB_T3_COLS || has[k])
            return 0;
        v[k] = g->slot[i];
        has[k] = 1;
    }
    return 1;
}

static void map_t3(nb_template *tp, int row, const grid_row *g)
{
    double v[NB_T3_COLS];
    int has[NB_T3_COLS];
    int first = NB_T3_FIRST + row * NB_T3_COLS;
    char what[64];
    snprintf(what, sizeof what, "t3 row %s", t3_rows[row].key);
    if (tp->t3_heads_ok && by_header(g, tp->t3_cols, v, has)) {
        store(tp, first, NB_T3_COLS, v, has, what);
        return;
    }
    int missing = row_values(g, NB_T3_COLS, v, has);
    if (missing < 0)
        nb_doc_warn(tp->r->doc, "%s: %d numbers for %d columns (rows merged in extraction); left null",
                    what, g->nnums, NB_T3_COLS);
    if (missing > 0) { /* which cell was lost is unknown */
        memset(has, 0, sizeof has);
        nb_template_pending(tp, first, NB_T3_COLS, g->slot, g->slot_has, g->nslots, what);
    }
    store(tp, first, NB_T3_COLS, v, has, what);
}

/* Table 4's values: one row of 15 in a real grid, or, where extraction broke that row up
 * (its three groups on separate lines), the numbers of consecutive table-4 rows in order. */
static void t4_add(nb_template *tp, const grid_row *g)
{
    if (g->nslots == 15 && !tp->t4_n) {
        double v[15];
        int has[15];
        row_values(g, 15, v, has);
        store(tp, NB_T4_FIRST, 15, v, has, "t4 values row");
        return;
    }
    for (int i = 0; i < g->nslots; i++)
        if (g->slot_has[i] && tp->t4_n < (int)(sizeof tp->t4_acc / sizeof tp->t4_acc[0]))
            tp->t4_acc[tp->t4_n++] = g->slot[i];
}

static void t4_flush(nb_template *tp)
{
    int n = tp->t4_n;
    tp->t4_n = 0;
    if (!n)
        return;
    double v[15];
    int has[15], ones[32];
    for (int i = 0; i < 32; i++)
        ones[i] = 1;
    if (n == 15) {
        memcpy(v, tp->t4_acc, sizeof v);
        for (int i = 0; i < 15; i++)
            has[i] = 1;
        store(tp, NB_T4_FIRST, 15, v, has, "t4 values row");
    } else if (n == 14) {
        nb_template_pending(tp, NB_T4_FIRST, 15, tp->t4_acc, ones, n, "t4 values");
    } else {
        nb_doc_warn(tp->r->doc, "table 4: %d numbers for 15 columns; left null", n);
    }
}

/* Words of table 4's headers; no table-3 row label contains any of them. */
static int t4_label(const char *label)
{
    static const char *const words[] = {"复议", "诉讼", "维持", "纠正", "审结"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strstr(label, words[i]))
            return 1;
    return 0;
}

static void map_t2(nb_template *tp, int row, const grid_row *g)
{
    double v[3];
    int has[3];
    int n = t2_rows[row].count;
    if (row_values(g, n, v, has) != 0) {
        memset(has, 0, sizeof has);
        nb_doc_warn(tp->r->doc, "%s: %d numbers for %d columns, which goes where is unknown; left null",
                    nb_fields[t2_rows[row].first].id, g->nnums, n);
    }
    store(tp, t2_rows[row].first, n, v, has, nb_fields[t2_rows[row].first].id);
}

static void map_row(nb_template *tp, const nb_table *t, size_t *at, int table_is_t4)
{
    grid_row g;
    read_row(t, at, &g);
    if (!g.nnums)
        return; /* header rows, and rows whose values are all blank */
    if (t4_label(g.label) || (table_is_t4 && !g.label[0])) {
        t4_add(tp, &g);
        tp->found[2] = 1;
        return;
    }
    t4_flush(tp); /* any other row ends a run of table-4 rows */
    int r3 = t3_match(g.label), r2 = t2_match(g.label);
    size_t s3 = r3 >= 0 ? best_word(g.label, t3_rows[r3].words) : 0;
    size_t s2 = r2 >= 0 ? best_word(g.label, t2_rows[r2].words) : 0;
    if (r3 >= 0 && s3 >= s2 && (g.nnums >= 4 || g.nslots >= 4)) {
        map_t3(tp, r3, &g);
        tp->found[1] = 1;
    } else if (r2 >= 0) {
        map_t2(tp, r2, &g);
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

void nb_template_map(nb_template *tp)
{
    const nb_doc *d = tp->r->doc;
    for (size_t b = 0; b < d->nblocks; b++) {
        if (d->blocks[b].kind != NB_BLOCK_TABLE)
            continue;
        const nb_table *t = d->blocks[b].table;
        int is_t4 = mentions(t, "复议") && mentions(t, "诉讼");
        /* Header positions mean something only in real grids (DOCX, HTML, PDF geometry); text
         * rows rebuilt from lines may shift cells, so there the order of numbers decides. */
        tp->t3_heads_ok = d->format != NB_FMT_TEXT && find_t3_heads(t, tp->t3_cols);
        for (size_t at = 0; at < t->ncells;)
            map_row(tp, t, &at, is_t4);
        t4_flush(tp);
    }
}
