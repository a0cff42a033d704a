/* report.c - assembling the record: sections, agency and year, the 200 values, the checks.
 * Owns the nb_report lifetime; the parsing itself lives in sections.c, template.c, checks.c. */
#include "tables.h"

#include <stdlib.h>

nb_report *nb_report_build(nb_doc *doc, nb_err *err)
{
    nb_report *r = calloc(1, sizeof *r);
    if (!r) {
        nb_doc_free(doc);
        nb_err_set(err, NB_ENOMEM, "out of memory");
        return NULL;
    }
    r->doc = doc;
    r->file = doc->path;
    r->format = doc->format;
    for (int i = 0; i < 6; i++)
        r->sections[i].number = i + 1;
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

void nb_report_check(nb_report *r) { (void)r; }

size_t nb_report_failed(const nb_report *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->nchecks; i++)
        n += r->checks[i].ok == NB_CHECK_FAIL;
    return n;
}
