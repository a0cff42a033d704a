/* markup.c - attributes per element counted in XML/HTML bytes before libxml2 parses them: libxml2
 * 2.9 compares each new attribute with every earlier one of the element, so 200,000 attributes on
 * one element cost it 2*10^10 comparisons (12-20 s) before any SAX callback could count them.
 *
 * The scan, on `<w:p a="1"  b='x>y' c>` (bytes in order, any chunking):
 *   1. '<' then a byte other than '/', '!', '?' opens a start tag (comments, PIs, end tags are not);
 *   2. inside it, white space then a non-space byte outside quotes starts one attribute: a, b, c = 3
 *      (so `a="1"`, `b='x'`, HTML's unquoted `a=1` and bare `nowrap` all count once; "a = 1" thrice);
 *   3. a quote opens a value up to the same quote, hiding '>' and spaces ('x>y' above);
 *   4. '>' outside quotes closes the tag; the count of the next tag starts again at 0. */
#include "extract.h"

#include <string.h>

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int nb_attr_scan_over(nb_attr_scan *a, const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        if (a->quote) {
            a->quote = c == a->quote ? 0 : a->quote;
        } else if (a->lt) {
            *a = (nb_attr_scan){0, c != '/' && c != '!' && c != '?', 0, 0, 0};
        } else if (!a->in_tag) { /* text: jump to the next '<' */
            const char *lt = memchr(p + i, '<', n - i);
            if (!lt)
                break;
            i = (size_t)(lt - p);
            a->lt = 1;
        } else if (c == '>') {
            a->in_tag = 0;
        } else if (is_space(c)) {
            a->space = 1;
        } else {
            if (a->space && c != '/' && ++a->attrs > NB_MAX_XML_ATTRS)
                return 1;
            a->space = 0;
            if (c == '"' || c == '\'')
                a->quote = c;
        }
    }
    return 0;
}
