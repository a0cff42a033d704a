/* test_readers.c - whole reports no longer lost (issue 10, items 1, 7, 9): corpus documents rewritten
 * the way messy archives hold them (CR-only line endings, UTF-16 with an odd trailing byte or a lone
 * surrogate, a UTF-16 page whose BOM contradicts its <meta charset=utf-8>, a void <embed> before the
 * report, void elements in cells, a line cut inside a character, a text past the block cap) must give
 * all 200 values equal to the document's ground truth. */
#include "cli.h"
#include "harness.h"

#include <stdlib.h>

/* 1 when every value of r equals the truth file's ("id": number or null). */
static int values_match(const nb_report *r, const char *truth_path, const char *what)
{
    size_t len;
    char *truth = nb_t_slurp(truth_path, &len);
    int bad = !truth || !r;
    for (int i = 0; !bad && i < NB_NVALUES; i++) {
        char key[80];
        snprintf(key, sizeof key, "\"%s\":", nb_fields[i].id);
        const char *at = strstr(truth, key);
        if (!at)
            continue; /* not in the truth file: not judged */
        at += strlen(key);
        while (*at == ' ')
            at++;
        int null = !strncmp(at, "null", 4);
        double want = null ? 0 : strtod(at, NULL);
        if (null != !r->have[i] || (!null && r->values[i] != want)) {
            fprintf(stderr, "  %s: %s differs from %s\n", what, nb_fields[i].id, truth_path);
            bad = 1;
        }
    }
    free(truth);
    return !bad;
}

static int all_values(const nb_report *r)
{
    int n = 0;
    for (int i = 0; r && i < NB_NVALUES; i++)
        n += r->have[i];
    return n;
}

static nb_report *process(const char *buf, size_t len, const char *name)
{
    nb_err err = {0};
    nb_report *r = nb_process_mem(buf, len, name, &err);
    if (!r)
        fprintf(stderr, "  %s: %s\n", name, err.msg);
    return r;
}

/* UTF-8 -> UTF-16 (le or be), with a byte order mark. */
static char *to_utf16(const char *s, size_t len, int le, size_t *outlen)
{
    char *out = malloc(len * 4 + 4);
    size_t o = 0;
    out[o++] = le ? '\xFF' : '\xFE', out[o++] = le ? '\xFE' : '\xFF';
    for (size_t i = 0; i < len;) {
        int adv;
        unsigned cp = nb_utf8_decode(s + i, len - i, &adv), u[2] = {cp, 0};
        int n = 1;
        if (cp >= 0x10000)
            u[0] = 0xD800 + ((cp - 0x10000) >> 10), u[1] = 0xDC00 + ((cp - 0x10000) & 0x3FF), n = 2;
        for (int k = 0; k < n; k++) {
            out[o++] = (char)(le ? u[k] & 0xFF : u[k] >> 8);
            out[o++] = (char)(le ? u[k] >> 8 : u[k] & 0xFF);
        }
        i += (size_t)adv;
    }
    *outlen = o;
    return out;
}

/* Inserts `ins` (n bytes) at byte offset at of s; returns a new buffer. */
static char *insert(const char *s, size_t len, size_t at, const char *ins, size_t n, size_t *outlen)
{
    char *out = malloc(len + n + 1);
    memcpy(out, s, at);
    memcpy(out + at, ins, n);
    memcpy(out + at + n, s + at, len - at);
    out[len + n] = 0;
    *outlen = len + n;
    return out;
}

static void check(const char *buf, size_t len, const char *truth, const char *what)
{
    nb_report *r = process(buf, len, what);
    OK(r != NULL);
    EQ_INT(all_values(r), NB_NVALUES);
    OK(values_match(r, truth, what));
    nb_report_free(r);
}

static void text_variants(void)
{
    static const char *const doc = "corpus/text/01_pdftotext_layout.txt";
    static const char *const truth = "corpus/text/01_pdftotext_layout.truth.json";
    size_t len, n;
    char *s = nb_t_slurp(doc, &len);
    OK(s != NULL);
    if (!s)
        return;
    check(s, len, truth, "as is");
    char *cr = malloc(len + 1); /* CR alone ends a line */
    size_t m = 0;
    for (size_t i = 0; i < len; i++)
        if (!(s[i] == '\r' && i + 1 < len && s[i + 1] == '\n'))
            cr[m++] = s[i] == '\n' ? '\r' : s[i];
    check(cr, m, truth, "CR-only");
    free(cr);
    for (int le = 0; le <= 1; le++) {
        char *u = to_utf16(s, len, le, &n);
        u[n] = 'A'; /* an odd trailing byte */
        check(u, n + 1, truth, "UTF-16 + odd byte");
        char lone[2] = {(char)(le ? 0x00 : 0xD8), (char)(le ? 0xD8 : 0x00)};
        char *v = insert(u, n, 2, lone, 2, &m); /* right after the BOM */
        check(v, m, truth, "UTF-16 + lone surrogate");
        free(v);
        free(u);
    }
    /* a first line of 360000 Han characters: cut at NB_MAX_LINE_BYTES inside one, still valid UTF-8 */
    size_t big = 360000 * 3;
    char *t = malloc(big + 1 + len + 1);
    for (size_t i = 0; i < big; i += 3)
        memcpy(t + i, "\xE6\x94\xBF", 3);
    t[big] = '\n';
    memcpy(t + big + 1, s, len);
    check(t, big + 1 + len, truth, "long first line");
    free(t);
    free(s);
}

/* Past NB_MAX_BLOCKS: a cut with a warning, not "out of memory"; the report before it is read. */
static void block_cap(void)
{
    size_t len;
    char *s = nb_t_slurp("corpus/text/seed_000.txt", &len);
    if (!s)
        return;
    size_t extra = (size_t)(NB_MAX_BLOCKS + 1000) * 2, n = len + extra;
    char *t = malloc(n + 1);
    memcpy(t, s, len);
    for (size_t i = 0; i < extra; i += 2)
        t[len + i] = '1', t[len + i + 1] = '\n';
    nb_report *r = process(t, n, "many lines");
    OK(r != NULL);
    EQ_INT(all_values(r), NB_NVALUES);
    int warned = 0;
    for (size_t i = 0; r && i < r->doc->nwarnings; i++)
        warned |= strstr(r->doc->warnings[i], "blocks: the rest of the document is ignored") != NULL;
    OK(warned);
    nb_report_free(r);
    free(t);
    free(s);
}

static void html_variants(void)
{
    static const char *const truth = "corpus/html/01_utf8_portal.truth.json";
    size_t len, n, m;
    char *s = nb_t_slurp("corpus/html/01_utf8_portal.html", &len);
    OK(s != NULL);
    if (!s)
        return;
    const char *body = strstr(s, "<body");
    const char *gt = body ? strchr(body, '>') : NULL;
    OK(gt != NULL);
    if (!gt) {
        free(s);
        return;
    }
    static const char *const voids[] = {"<embed src=x.swf>", "<source src=a.mp4><track src=a.vtt>",
                                        "<wbr><keygen>", "<object><param name=a><embed src=b></object>"};
    for (size_t i = 0; i < sizeof voids / sizeof *voids; i++) {
        char *v = insert(s, len, (size_t)(gt + 1 - s), voids[i], strlen(voids[i]), &n);
        check(v, n, truth, voids[i]);
        free(v);
    }
    const char *td = strstr(s, "<td"); /* void elements inside a table cell */
    if (td) {
        char *v = insert(s, len, (size_t)(strchr(td, '>') + 1 - s), "<embed src=c><wbr>", 18, &n);
        check(v, n, truth, "void elements in a cell");
        free(v);
    }
    OK(strstr(s, "charset=\"utf-8\"") || strstr(s, "charset=utf-8"));
    for (int le = 0; le <= 1; le++) {
        char *u = to_utf16(s, len, le, &m); /* the BOM says UTF-16, the meta says utf-8 */
        check(u, m, truth, "UTF-16 page with meta utf-8");
        free(u);
    }
    free(s);
}

int main(void)
{
    text_variants();
    block_cap();
    html_variants();
    DONE();
}
