/* test_markdown.c - the Markdown writer of `convert` (issue 10 item 10): merged cells repeated in
 * every grid position they cover, positions found by row index, output bounded by
 * NB_MAX_CONVERT_BYTES with a last line saying so. */
#include "cli.h"
#include "harness.h"

static void small_grid(void)
{
    nb_doc *d = nb_doc_new(NB_FMT_HTML, NULL);
    nb_doc_add_text(d, NB_BLOCK_PARA, "标题", 6)->level = 1;
    nb_table *t = nb_doc_add_table(d);
    nb_table_add_cell(d, t, 0, 0, 2, 1, "a|b", 3); /* spans two rows */
    nb_table_add_cell(d, t, 0, 1, 1, 2, "c", 1);   /* spans two columns */
    nb_table_add_cell(d, t, 1, 1, 1, 1, "d\ne", 3);
    nb_table_finish(t);
    nb_buf out = NB_BUF_INIT;
    EQ_INT(nb_write_markdown(d, &out), 0);
    EQ_STR(nb_buf_cstr(&out), "# 标题\n\n| a\\|b | c | c |\n| --- | --- | --- |\n| a\\|b | d e |  |\n");
    nb_buf_free(&out);
    nb_doc_free(d);
}

static void huge_grid(void)
{
    nb_doc *d = nb_doc_new(NB_FMT_HTML, NULL);
    nb_table *t = nb_doc_add_table(d);
    for (int r = 0; r < NB_MAX_TABLE_DIM; r++) /* 4096 rows of one cell 4096 columns wide */
        nb_table_add_cell(d, t, r, 0, 1, NB_MAX_TABLE_DIM, "字", 3);
    nb_table_finish(t);
    nb_buf out = NB_BUF_INIT;
    EQ_INT(nb_write_markdown(d, &out), 1);
    OK(out.len > NB_MAX_CONVERT_BYTES && out.len < NB_MAX_CONVERT_BYTES + 4096);
    OK(strstr(nb_buf_cstr(&out) + out.len - 200, "output cut at") != NULL);
    nb_buf_free(&out);
    nb_doc_free(d);
}

int main(void)
{
    small_grid();
    huge_grid();
    DONE();
}
