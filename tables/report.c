/* report.c - assembling the record: sections, agency and year, the 200 values, the checks.
 * Owns the nb_report lifetime; the parsing itself lives in sections.c, template.c, checks.c. */
#include "tables.h"

#include <stdlib.h>

static void warn_missing(nb_report *r, const nb_template *tp)
{
    static const char *const names[3] = {"table 2 (主动公开)", "table 3 (依申请)", "table 4 (复议诉讼)"};
    for (int t = 0; t < 3; t++)
        if (!tp->found[t])
            nb_doc_warn(r->doc, "%s not found", names[t]);
    for (int n = 0; n < 6; n++)
        if (!r->sections[n].title)
            nb_doc_warn(r->doc, "section %d not found", n + 1);
    if (!r->agency)
        nb_doc_warn(r->doc, "agency not found");
    if (!r->year)
        nb_doc_warn(r->doc, "year not found");
}

nb_report *nb_report_build(nb_doc *doc, nb_err *err)
{
    nb_report *r = calloc(1, sizeof *r);
    nb_template *tp = calloc(1, sizeof *tp);
    if (!r || !tp) {
        free(r);
        free(tp);
        nb_doc_free(doc);
        nb_err_set(err, NB_ENOMEM, "out of memory");
        return NULL;
    }
    r->doc = doc;
    r->file = doc->path;
    r->format = doc->format;
    nb_sections_parse(r);
    tp->r = r;
    nb_template_map(tp);
    nb_runs_resolve(tp);
    nb_template_recover(tp);
    r->tables_found = tp->found[0] + tp->found[1] + tp->found[2];
    warn_missing(r, tp);
    free(tp);
    nb_report_check(r);
    return r;
}

void nb_report_free(nb_report *r)
{
    if (!r)
        return;
    free(r->checks);
    nb_doc_free(r->doc);
    free(r);
}
