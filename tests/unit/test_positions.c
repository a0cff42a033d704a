/* test_positions.c - the template's positions (tables.h: NB_T3_FIRST, NB_T4_FIRST, NB_T3R_total,
 * NB_NVALUES ...) counted from its description (template_desc.h), checked against the ids in the field table nb_fields:
 * if a row or field is added, moved or removed in one place only, this fails. */
#include "harness.h"
#include "tables.h"

#include <stdlib.h>

static const char *const row_keys[] = {
#define KEY_(k, ...) #k,
    NB_T3_ROWS_DESC(KEY_)
#undef KEY_
};
static const char *const t3_cols[NB_T3_COLS] = {"natural_person", "commercial", "research",
    "public_interest", "legal_service", "other_org", "total"};
static const char *const t4_cols[NB_T4_GROUP_COLS] = {"upheld", "corrected", "other", "pending",
                                                      "total"};

/* The index of the first field of table t, found by scanning nb_fields; -1 when none. */
static int first_of(int t)
{
    for (int i = 0; i < NB_NVALUES; i++)
        if (nb_fields[i].table == t)
            return i;
    return -1;
}

static void test_blocks(void)
{
    EQ_INT(first_of(2), NB_T2_FIRST);
    EQ_INT(first_of(3), NB_T3_FIRST);
    EQ_INT(first_of(4), NB_T4_FIRST);
    int filled = 0; /* an array of NB_NVALUES with fewer entries written would end in zeros */
    for (int i = 0; i < NB_NVALUES; i++)
        filled += nb_fields[i].id && nb_fields[i].label && nb_fields[i].table >= 2;
    EQ_INT(filled, NB_NVALUES);
    EQ_INT(NB_NVALUES, 200); /* the JSON contract's count */
    int ordered = 1;
    for (int i = 1; i < NB_NVALUES; i++)
        ordered &= nb_fields[i].table >= nb_fields[i - 1].table;
    OK(ordered);
}

static void test_t3_rows(void)
{
    EQ_INT((int)(sizeof row_keys / sizeof row_keys[0]), NB_T3_ROWS);
    int right = 0;
    for (int r = 0; r < NB_T3_ROWS; r++)
        for (int c = 0; c < NB_T3_COLS; c++) {
            char id[96];
            snprintf(id, sizeof id, "t3.%s.%s", row_keys[r], t3_cols[c]);
            right += !strcmp(nb_fields[NB_T3_FIRST + r * NB_T3_COLS + c].id, id);
        }
    EQ_INT(right, NB_T3_ROWS * NB_T3_COLS);
    /* the rows checks.c names */
    EQ_INT(nb_field_index("t3.new.natural_person"), NB_T3_FIRST + NB_T3R_new * NB_T3_COLS);
    EQ_INT(nb_field_index("t3.carried_in.natural_person"), NB_T3_FIRST + NB_T3R_carried_in * NB_T3_COLS);
    EQ_INT(nb_field_index("t3.disclosed.natural_person"), NB_T3_FIRST + NB_T3R_disclosed * NB_T3_COLS);
    EQ_INT(nb_field_index("t3.total.total"), NB_T3_FIRST + NB_T3R_total * NB_T3_COLS + 6);
    EQ_INT(nb_field_index("t3.carried_out.total"), NB_T4_FIRST - 1);
    EQ_INT(NB_T3R_carried_out, NB_T3_ROWS - 1);
    for (int g = 0; g < NB_T3_NGROUPS; g++) { /* a group's rows are contiguous, inside its parent's */
        int first = nb_t3_group_first(g), n = nb_t3_group_rows(g), in = 0;
        for (int r = first; r < first + n; r++)
            for (int k = nb_t3_row_group(r); k != NB_T3G_none; k = nb_t3_group_parent(k))
                in += k == g;
        EQ_INT(in, n);
        OK(n > 0);
    }
}

static void test_t4_groups(void)
{
    const char *groups[NB_T4_GROUPS];
    int right = 0;
    for (int g = 0; g < NB_T4_GROUPS; g++) {
        const char *id = nb_fields[NB_T4_FIRST + g * NB_T4_GROUP_COLS].id; /* t4.<group>.upheld */
        groups[g] = id + 3;
        for (int k = 0; k < NB_T4_GROUP_COLS; k++) {
            const char *f = nb_fields[NB_T4_FIRST + g * NB_T4_GROUP_COLS + k].id;
            size_t glen = strchr(groups[g], '.') - groups[g];
            right += !strncmp(f + 3, groups[g], glen) && !strcmp(f + 3 + glen + 1, t4_cols[k]);
        }
    }
    EQ_INT(right, NB_T4_COUNT);
    int t2 = 0;
    for (int i = NB_T2_FIRST; i < NB_T2_FIRST + NB_T2_COUNT; i++)
        t2 += !strncmp(nb_fields[i].id, "t2.", 3);
    EQ_INT(t2, NB_T2_COUNT);
    EQ_STR(nb_fields[NB_T2_FEES].id, "t2.fees.amount");
}

int main(void)
{
    test_blocks();
    test_t3_rows();
    test_t4_groups();
    DONE();
}
