/* fuzz_text.c - libFuzzer target for the whole pipeline on arbitrary bytes (nb_process_mem):
 * format detection, every reader it dispatches to, layout and the template mapping. */
#include "cli.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nb_err err = {0};
    nb_report *r = nb_process_mem((const char *)data, size, "fuzz", &err);
    if (r) {
        nb_buf out = NB_BUF_INIT;
        nb_write_json(r, &out, 0);
        nb_write_csv(r, &out, 1);
        nb_buf_free(&out);
        nb_report_free(r);
    }
    return 0;
}
