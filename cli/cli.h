/* cli.h - the nianbao command: the whole pipeline for one input, and the writers
 * (JSON / JSON Lines / CSV records, Markdown and text for conversion). */
#ifndef NB_CLI_H
#define NB_CLI_H

#include "core.h"
#include "tables.h"

/* extract -> layout -> report for one file. NULL with err set when the file yields no record. */
nb_report *nb_process_path(const char *path, nb_err *err);
nb_report *nb_process_mem(const char *buf, size_t len, const char *path, nb_err *err);
/* extract -> layout only (nianbao convert): the laid-out doc, or NULL with err set. */
nb_doc *nb_process_doc_path(const char *path, nb_err *err);

/* The JSON contract of schema/README.md; pretty = indented, else one line. */
void nb_write_json(const nb_report *r, nb_buf *out, int pretty);
/* One CSV row per value: file,field,value (header written when header != 0). */
void nb_write_csv(const nb_report *r, nb_buf *out, int header);
/* Clean text with tables as Markdown (nianbao convert). Returns 1 when the output reached
 * NB_MAX_CONVERT_BYTES and was cut (it then ends with a line saying so), else 0. */
int nb_write_markdown(const nb_doc *doc, nb_buf *out);

/* nianbao debug: DIR/page-N.png for each page of a PDF, with the rules, cells and value ids drawn.
 * Returns the pages written, -1 with err set. */
int nb_debug_pdf(const char *path, const char *dir, nb_err *err);

#endif
