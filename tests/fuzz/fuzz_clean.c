/* fuzz_clean.c - libFuzzer target for the cleaning step (layout/clean.c) fed arbitrary bytes,
 * invalid UTF-8 included: nb_clean_ex in both space modes, nb_tighten and nb_parse_number.
 * Whatever comes in, what comes out must be valid UTF-8 (checked here: abort() on a violation),
 * and no write may leave its buffer (ASan). The first byte picks the mode; the rest is the text. */
#include "layout.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!size)
        return 0;
    int mode = data[0];
    const char *s = (const char *)data + 1;
    size_t len = size - 1;
    size_t n = 0;
    char *out = nb_clean_ex(s, len, &n, mode & 1);
    if (out) {
        if (!nb_utf8_valid(out, n))
            abort(); /* cleaning handed on invalid UTF-8 */
        n = nb_tighten(out, n, mode & 2);
        if (!nb_utf8_valid(out, n))
            abort();
        free(out);
    }
    double v;
    nb_parse_number(s, len, &v);
    size_t cut = nb_utf8_cut(s, len, len / 2);
    if (nb_utf8_valid(s, len) && !nb_utf8_valid(s, cut))
        abort(); /* a cut of valid text split a character */
    return 0;
}
