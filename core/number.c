/* number.c - printing a value so that it reads back exactly: one function for JSON, CSV, the
 * PostgreSQL COPY stream, check details and messages, so every output shows the same digits.
 *
 * Algorithm, on 24252.311082 (a fee in 万元) and 1e15 (a count):
 *   1. a whole number up to 2^53 (every count the parser accepts) prints all its digits with
 *      "%.0f": 1e15 -> "1000000000000000", never "1e+15" or a rounded "%.10g" form;
 *   2. otherwise the shortest "%.<p>g", p = 1..17, that strtod reads back as the same double:
 *      24252.311082 -> p = 11 gives "24252.311082" (p = 10 gave "24252.31108", a different value);
 *      17 digits always round-trip, so the loop always ends;
 *   3. NaN and infinities (never stored) print "null". */
#include "core.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define NB_EXACT_INT 9007199254740992.0 /* 2^53: every whole number up to it is a double exactly */

const char *nb_fmt_number(double v, char out[32])
{
    if (!isfinite(v)) {
        snprintf(out, 32, "null");
        return out;
    }
    if (v == floor(v) && fabs(v) <= NB_EXACT_INT) {
        snprintf(out, 32, "%.0f", v == 0 ? 0.0 : v); /* no "-0" */
        return out;
    }
    for (int p = 1; p <= 17; p++) {
        snprintf(out, 32, "%.*g", p, v);
        if (strtod(out, NULL) == v)
            break;
    }
    return out;
}

void nb_buf_put_number(nb_buf *b, double v)
{
    char s[32];
    nb_buf_puts(b, nb_fmt_number(v, s));
}
