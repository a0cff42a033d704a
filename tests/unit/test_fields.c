/* test_fields.c - the template's description (tables/template_desc.h, derived in desc.c) against
 * schema/ (the repo copy of the shared schema): the 200 ids in order, their Chinese labels, and the
 * identities of schema/README.md, rebuilt here from the TSV files alone. The contract downstream
 * users rely on must stay exact. */
#include "harness.h"
#include "tables.h"

#include <stdlib.h>

#define MAXROWS 64

typedef struct {
    char id[64], label[512];
} tsv_row;

/* Reads the first and last column of each data row of a schema TSV. */
static int read_tsv(const char *path, tsv_row *out, int max)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char line[1024];
    int n = 0, header = 1;
    while (fgets(line, sizeof line, f) && n < max) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (header) {
            header = 0;
            continue;
        }
        line[strcspn(line, "\n")] = 0;
        char *last = strrchr(line, '\t');
        snprintf(out[n].label, sizeof out[n].label, "%.511s", last ? last + 1 : "");
        line[strcspn(line, "\t")] = 0;
        snprintf(out[n].id, sizeof out[n].id, "%.63s", line);
        n++;
    }
    fclose(f);
    return n;
}

static tsv_row fl[MAXROWS], rows[MAXROWS], cols[MAXROWS];
static int nf, nr, nc;

/* Ids and labels, in order: table 2 and 4 from fields.tsv, table 3 as rows x columns. */
static void test_ids_labels(void)
{
    EQ_INT(nf + nr * nc, NB_NVALUES);
    int k = 0;
    for (int i = 0; i < nf; i++)
        if (!strncmp(fl[i].id, "t2.", 3)) {
            EQ_STR(nb_fields[k].id, fl[i].id);
            EQ_STR(nb_fields[k++].label, fl[i].label);
        }
    for (int r = 0; r < nr; r++)
        for (int c = 0; c < nc; c++) {
            char id[160], label[1100];
            snprintf(id, sizeof id, "t3.%.60s.%.60s", rows[r].id, cols[c].id);
            snprintf(label, sizeof label, "%s %s", rows[r].label, cols[c].label);
            EQ_STR(nb_fields[k].id, id);
            EQ_STR(nb_fields[k].row_label, rows[r].label);
            EQ_STR(nb_fields[k].col_label, cols[c].label);
            EQ_STR(nb_fields[k++].label, label);
        }
    for (int i = 0; i < nf; i++)
        if (!strncmp(fl[i].id, "t4.", 3)) {
            EQ_STR(nb_fields[k].id, fl[i].id);
            EQ_STR(nb_fields[k++].label, fl[i].label);
        }
    for (int i = 0; i < NB_NVALUES; i++) { /* row + column make the label */
        char label[1100];
        snprintf(label, sizeof label, "%s %s", nb_fields[i].row_label, nb_fields[i].col_label);
        EQ_STR(nb_fields[i].label, label);
        EQ_INT(nb_field_index(nb_fields[i].id), i);
        OK(nb_fields[i].table == nb_fields[i].id[1] - '0');
    }
    EQ_INT(nb_field_index("nope"), -1);
}

static int f(const char *fmt, const char *a, const char *b)
{
    char id[160];
    snprintf(id, sizeof id, fmt, a, b);
    return nb_field_index(id);
}

/* One identity as expected: plus[] on one side, minus[] on the other (-1 ends each). */
static void expect(const nb_identity *got, const int *plus, const int *minus)
{
    int n = 0, np = 0, same = 1;
    for (; plus[np] >= 0; np++)
        same &= n < got->n && got->field[n++] == plus[np];
    for (int i = 0; minus[i] >= 0; i++)
        same &= n < got->n && got->field[n++] == minus[i];
    OK(same && got->n == n && got->nplus == np);
}

/* The identities of schema/README.md from the TSVs: the result rows are those whose label starts
 * with the "三、本年度办理结果" group, other than total; the total column is the last column. */
static void test_identities(void)
{
    nb_identity ids[NB_NIDENTITIES];
    size_t n = nb_identities(ids, NB_NIDENTITIES), k = 0;
    EQ_INT(n, 2 * nc + nr + 3);
    const char *tot = cols[nc - 1].id;
    for (int c = 0; c < nc && k < n; c++, k++) { /* new + carried_in = total + carried_out */
        int plus[] = {f("t3.%.60s.%.60s", "new", cols[c].id), f("t3.%.60s.%.60s", "carried_in", cols[c].id), -1};
        int minus[] = {f("t3.%.60s.%.60s", "total", cols[c].id), f("t3.%.60s.%.60s", "carried_out", cols[c].id), -1};
        expect(&ids[k], plus, minus);
    }
    for (int c = 0; c < nc && k < n; c++, k++) { /* total = the 21 result rows */
        int plus[MAXROWS], np = 0, minus[] = {f("t3.%.60s.%.60s", "total", cols[c].id), -1};
        for (int r = 0; r < nr; r++)
            if (!strncmp(rows[r].label, "三、本年度办理结果", strlen("三、本年度办理结果")) &&
                strcmp(rows[r].id, "total"))
                plus[np++] = f("t3.%.60s.%.60s", rows[r].id, cols[c].id);
        plus[np] = -1;
        EQ_INT(np, 21);
        expect(&ids[k], plus, minus);
    }
    for (int r = 0; r < nr && k < n; r++, k++) { /* total column = the six applicant columns */
        int plus[MAXROWS], minus[] = {f("t3.%.60s.%.60s", rows[r].id, tot), -1};
        for (int c = 0; c < nc - 1; c++)
            plus[c] = f("t3.%.60s.%.60s", rows[r].id, cols[c].id);
        plus[nc - 1] = -1;
        expect(&ids[k], plus, minus);
    }
    static const char *const g4[] = {"review", "suit_direct", "suit_after_review"};
    for (int g = 0; g < 3 && k < n; g++, k++) { /* t4 total = upheld + corrected + other + pending */
        int plus[] = {f("t4.%.60s.%.60s", g4[g], "upheld"), f("t4.%.60s.%.60s", g4[g], "corrected"),
                      f("t4.%.60s.%.60s", g4[g], "other"), f("t4.%.60s.%.60s", g4[g], "pending"), -1};
        int minus[] = {f("t4.%.60s.%.60s", g4[g], "total"), -1};
        expect(&ids[k], plus, minus);
    }
    EQ_INT(k, n);
}

/* The parts the matcher and mapper read: header words and wordings derive from the labels. */
static void test_parts(void)
{
    EQ_STR(nb_t3_col_head(NB_T3C_commercial), "商业企业");
    EQ_STR(nb_t3_col_head(NB_T3C_natural_person), "自然人");
    EQ_STR(nb_t4_group_head(NB_T4G_suit_direct), "未经复议直接起诉");
    EQ_STR(nb_t4_col_head(NB_T4C_pending), "尚未审结");
    EQ_STR(nb_t3_row_words(NB_T3R_withheld_law)[0], "2.其他法律行政法规禁止公开");
    EQ_STR(nb_t3_row_words(NB_T3R_new)[1], "本年新收");
    OK(nb_t3_row_words(NB_T3R_new)[NB_LABEL_VARIANTS - 1] == NULL);
    EQ_STR(nb_t3_group_name(NB_T3G_other), "（六）其他处理");
    EQ_INT(nb_t3_group_first(NB_T3G_withheld), NB_T3R_withheld_state_secret);
    EQ_INT(nb_t3_group_rows(NB_T3G_withheld), 8);
    EQ_INT(nb_t3_group_rows(NB_T3G_results), 22);
    EQ_INT(nb_t2_row_first(NB_T2R_fees), NB_T2F_fees);
    EQ_STR(nb_fields[NB_T2_FEES].id, "t2.fees.amount");
    EQ_STR(nb_section_title(4), "政府信息公开行政复议、行政诉讼情况");
    EQ_STR(nb_section_words(2)[0], "主动公开");
}

int main(void)
{
    nf = read_tsv("schema/fields.tsv", fl, MAXROWS);
    nr = read_tsv("schema/t3_rows.tsv", rows, MAXROWS);
    nc = read_tsv("schema/t3_columns.tsv", cols, MAXROWS);
    OK(nf > 0 && nr > 0 && nc > 0); /* the repo's own copy: its absence is a failure */
    if (nf > 0 && nr > 0 && nc > 0) {
        test_ids_labels();
        test_identities();
    }
    test_parts();
    DONE();
}
