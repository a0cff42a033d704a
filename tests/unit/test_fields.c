/* test_fields.c - the compiled-in list of 200 canonical values against schema/ (the repo copy of the shared schema):
 * the contract downstream users rely on must stay exact. */
#include "harness.h"
#include "tables.h"

#include <stdlib.h>

/* Reads the id (first column) of each data row of a schema TSV. */
static int read_ids(const char *path, char ids[][64], int max)
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
        line[strcspn(line, "\t\n")] = 0;
        line[63] = 0; /* ids are short; a longer one fails the comparison below anyway */
        memcpy(ids[n++], line, 64);
    }
    fclose(f);
    return n;
}

int main(void)
{
    static char f[64][64], rows[64][64], cols[64][64];
    int nf = read_ids("schema/fields.tsv", f, 64);
    int nr = read_ids("schema/t3_rows.tsv", rows, 64);
    int nc = read_ids("schema/t3_columns.tsv", cols, 64);
    OK(nf > 0 && nr > 0 && nc > 0); /* the repo's own copy: its absence is a failure */
    if (nf > 0 && nr > 0 && nc > 0) {
        EQ_INT(nf + nr * nc, NB_NVALUES);
        int k = 0;
        for (int i = 0; i < nf; i++)
            if (!strncmp(f[i], "t2.", 3))
                EQ_STR(nb_fields[k++].id, f[i]);
        for (int r = 0; r < nr; r++)
            for (int c = 0; c < nc; c++) {
                char id[160] = "t3.";
                strcat(strcat(strcat(id, rows[r]), "."), cols[c]);
                EQ_STR(nb_fields[k++].id, id);
            }
        for (int i = 0; i < nf; i++)
            if (!strncmp(f[i], "t4.", 3))
                EQ_STR(nb_fields[k++].id, f[i]);
    }
    for (int i = 0; i < NB_NVALUES; i++) {
        EQ_INT(nb_field_index(nb_fields[i].id), i);
        OK(nb_fields[i].table == nb_fields[i].id[1] - '0');
    }
    EQ_INT(nb_field_index("t3.total.total"), NB_T3_FIRST + 23 * NB_T3_COLS + 6);
    EQ_INT(nb_field_index("t4.review.upheld"), NB_T4_FIRST);
    EQ_INT(nb_field_index("nope"), -1);
    DONE();
}
