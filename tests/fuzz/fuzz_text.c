/* fuzz_text.c - libFuzzer target for the whole pipeline on arbitrary bytes (nb_process_mem):
 * format detection, every reader it dispatches to, layout and the template mapping; the JSON, CSV
 * and Markdown written from it must be valid UTF-8 whatever the bytes were. */
#include "cli.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nb_err err = {0};
    nb_report *r = nb_process_mem((const char *)data, size, "fuzz", &err);
    if (r) {
        nb_buf out = NB_BUF_INIT;
        nb_write_json(r, &out, 0);
        nb_write_csv(r, &out, 1);
        nb_write_markdown(r->doc, &out);
        if (!out.oom && !nb_utf8_valid(out.ptr, out.len))
            abort(); /* every producer hands on valid UTF-8, whatever the input (issue 10) */
        nb_buf_free(&out);
        nb_report_free(r);
    } else if (!nb_utf8_valid(err.msg, strlen(err.msg))) {
        abort(); /* the one-line error is printed as UTF-8 too */
    }
    return 0;
}
