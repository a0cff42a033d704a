/* pipeline.c - one input through the whole flow: extract -> layout -> template.
 * The only place the stages are chained, so the CLI, the batch runner and the tests agree. */
#include "cli.h"
#include "extract.h"
#include "layout.h"

static nb_report *finish(nb_doc *doc, nb_err *err)
{
    if (!doc)
        return NULL;
    if (nb_layout(doc, err) != NB_OK) {
        nb_doc_free(doc);
        return NULL;
    }
    return nb_report_build(doc, err);
}

nb_report *nb_process_path(const char *path, nb_err *err)
{
    return finish(nb_extract_path(path, err), err);
}

nb_report *nb_process_mem(const char *buf, size_t len, const char *path, nb_err *err)
{
    return finish(nb_extract_mem(buf, len, path, err), err);
}

nb_doc *nb_process_doc_path(const char *path, nb_err *err)
{
    nb_doc *doc = nb_extract_path(path, err);
    if (doc && nb_layout(doc, err) != NB_OK) {
        nb_doc_free(doc);
        return NULL;
    }
    return doc;
}
