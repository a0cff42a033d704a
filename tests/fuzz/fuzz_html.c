/* fuzz_html.c - libFuzzer target for the HTML reader alone (nb_html_read): charset sniffing, the
 * libxml2 SAX stream, the outline caps, main-content choice and the rowspan/colspan grid. */
#include "extract.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nb_err err = {0};
    nb_doc *doc = nb_html_read((const char *)data, size, "fuzz.html", &err);
    nb_doc_free(doc);
    return 0;
}
