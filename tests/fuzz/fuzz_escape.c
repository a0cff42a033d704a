/* fuzz_escape.c - libFuzzer target for two small byte-level guards of issue 10: the file-name escape
 * (output valid UTF-8 without control or bidi characters, and unescaping gives the exact bytes back)
 * and the attribute scan (the same verdict whatever the chunking of the markup). */
#include "core.h"
#include "extract.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void check_escape(const char *name, size_t n)
{
    nb_buf b = NB_BUF_INIT;
    nb_path_escape(&b, name);
    const char *e = nb_buf_cstr(&b);
    if (!nb_utf8_valid(e, b.len))
        __builtin_trap();
    for (size_t i = 0; i < b.len;) {
        int adv;
        if (nb_cp_unsafe(nb_utf8_decode(e + i, b.len - i, &adv)))
            __builtin_trap();
        i += (size_t)adv;
    }
    char *back = malloc(b.len + 1);
    if (back && (nb_path_unescape(e, back) != n || memcmp(back, name, n)))
        __builtin_trap();
    free(back);
    nb_buf_free(&b);
}

static void check_scan(const char *p, size_t n)
{
    nb_attr_scan whole = {0, 0, 0, 0, 0}, parts = {0, 0, 0, 0, 0};
    int a = nb_attr_scan_over(&whole, p, n), b = 0;
    size_t step = n % 7 + 1;
    for (size_t off = 0; off < n && !b; off += step)
        b = nb_attr_scan_over(&parts, p + off, off + step < n ? step : n - off);
    if (a != b)
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *name = malloc(size + 1);
    if (!name)
        return 0;
    memcpy(name, data, size);
    name[size] = 0;
    check_escape(name, strlen(name)); /* a name ends at its first NUL */
    check_scan(name, size);
    free(name);
    return 0;
}
