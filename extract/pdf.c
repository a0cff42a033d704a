/* pdf.c - placeholder for the PDF reader: refuses the format clearly until it is built.
 * The real reader replaces this file. */
#include "extract.h"

nb_doc *nb_pdf_read(const char *buf, size_t len, const char *path, nb_err *err)
{
    (void)buf;
    (void)len;
    (void)path;
    nb_err_set(err, NB_EUNSUPPORTED, "PDF input is not supported yet");
    return NULL;
}
