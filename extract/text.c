/* text.c - the plain-text reader: what scrapers and older converters leave behind.
 * Decodes to UTF-8 and emits one LINE block per source line; layout/ does the rest. */
#include "extract.h"

#include <stdlib.h>
#include <string.h>

static int all_space(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n' && s[i] != '\f')
            return 0;
    return 1;
}

/* One LINE block per line. A line ends at LF, CRLF or a CR alone (old Mac files, some web
 * exports: as an editor shows them). A line longer than NB_MAX_LINE_BYTES is split, at a character
 * boundary, so each piece stays valid UTF-8. */
static int emit_lines(nb_doc *doc, const char *s, size_t len)
{
    size_t start = 0;
    while (start < len) {
        size_t end = start;
        while (end < len && s[end] != '\n' && s[end] != '\r' && end - start < NB_MAX_LINE_BYTES)
            end++;
        size_t next = end;
        if (end < len && (s[end] == '\n' || s[end] == '\r'))
            next = end + (s[end] == '\r' && end + 1 < len && s[end + 1] == '\n' ? 2 : 1);
        else if (end < len) /* the cap: cut before a character it would split */
            next = end = start + nb_utf8_cut(s + start, len - start, NB_MAX_LINE_BYTES);
        if (end == start && next == start)
            next = end = start + 1; /* a lone stray byte at the cap: never loop */
        if (!nb_doc_add_text(doc, NB_BLOCK_LINE, s + start, end - start))
            return doc->nblocks >= NB_MAX_BLOCKS; /* the block cap: a cut (warned); else OOM */
        start = next;
    }
    if (len && (s[len - 1] == '\n' || s[len - 1] == '\r') && !nb_doc_add_text(doc, NB_BLOCK_LINE, "", 0))
        return doc->nblocks >= NB_MAX_BLOCKS; /* the empty last line after a final line break */
    return 1;
}

nb_doc *nb_text_read(const char *buf, size_t len, const char *path, nb_err *err)
{
    size_t ulen = 0;
    const char *charset = NULL;
    if (len > NB_MAX_TEXT_BYTES)
        return nb_err_set(err, NB_ELIMIT, "text is %zu bytes, over the %zu-byte limit for text input",
                          len, NB_MAX_TEXT_BYTES), NULL;
    char *utf8 = nb_to_utf8(buf, len, NULL, &ulen, &charset, err);
    if (!utf8)
        return NULL;
    if (all_space(utf8, ulen)) {
        free(utf8);
        nb_err_set(err, NB_EFORMAT, "no text in the file");
        return NULL;
    }
    nb_doc *doc = nb_doc_new(NB_FMT_TEXT, path);
    if (!doc || !emit_lines(doc, utf8, ulen)) {
        free(utf8);
        nb_doc_free(doc);
        nb_err_set(err, NB_ENOMEM, "out of memory");
        return NULL;
    }
    if (strstr(charset, "invalid"))
        nb_doc_warn(doc, "text is not valid UTF-8, GB18030 or Big5: invalid bytes replaced");
    else if (strcmp(charset, "UTF-8"))
        nb_doc_warn(doc, "text decoded from %s", charset);
    free(utf8);
    return doc;
}
