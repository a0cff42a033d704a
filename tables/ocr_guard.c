/* ocr_guard.c - the identities as the guard of OCR'd numbers: a wrong number is worse than none.
 *
 * OCR already left null every number Tesseract was not sure of (extract/ocr.c). What remains can
 * still be misread with confidence, or be put in the wrong cell when a neighbour was lost. So,
 * for a document with OCR'd pages, after the template and the checks:
 *   1. a value is confirmed when some identity that holds contains it;
 *   2. every identity that fails names its suspects: its members no holding identity confirms
 *      (all its members when each of them is confirmed elsewhere);
 *   3. the suspects are set null, one warning names them and the identities that failed, and the
 *      checks run again (they now say "not checked" where a suspect was);
 *   0. the agency (check_agency): a name's shape and a second occurrence (or the second model's
 *      reading of the title alike), else null; the year
 *      (check_year): printed at least twice and more often than any other year ("2028" for 2023);
 *   4. a value that no column identity (t3.balance, t3.results_sum, t4.total) confirms is set
 *      null too: a row sum "x + 0 + 0 + 0 + 0 + 0 = x" holds just as well for a misread x, and a
 *      cell rebuilt from its row holds it by construction. Table 2 has no identity at all, so its
 *      OCR'd numbers are all null (a number put on the wrong row by the layout reads as sure as
 *      a right one).
 * Before that, a null t3/t4 cell (unreadable, or doubtful: "?3") is filled when at least two
 * identities in which it is the only null member give it the same non-negative whole value: the
 * row and the column agree, so the reading is the unique one satisfying both; or when its cell
 * held a doubtful reading ("?0": Tesseract under NB_OCR_SURE_CONF) and the identities in which it
 * is the only null member (at least one) all give exactly that value: the reading and the
 * arithmetic are two independent witnesses. A doubtful reading they contradict stays null
 * (repeated while cells get filled; each fill is a warning).
 * Example: t3 row withheld_law read 22 0 0 30 30 0 | 22 (true 1 0 0 3 3 0 | 7): the row sum fails,
 * and so do the columns natural_person, public_interest, legal_service, total; other rows hold
 * and confirm the columns' other cells, so exactly the four misplaced values become null. */
#include "tables.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define GUARD_NAMED 8 /* field ids spelled out in the warning; the rest are counted */
#define GUARD_WITNESSES 2 /* fill_consistent: identities that must hold around a doubtful reading */
#define GUARD_EQUAL 1e-6 /* two sides of an identity are equal (nb_report_check's tolerance) */
#define GUARD_YEAR_FIRST 1990 /* years counted by check_year (the disclosure regulations date from 2008) */
#define GUARD_YEAR_LAST 2099
#define GUARD_NAME_CHARS 30 /* an agency's name is at most this long (sections.c's agency_from) */
#define GUARD_NAME_OFF 0.2  /* contradictions: another reading of a name differs in at most this share */
#define GUARD_MAJORITY 3    /* a name read alike this often, the second model's title included, outvotes one other reading */

static void warn_nulls(nb_report *r, const unsigned char *drop, size_t nids)
{
    nb_buf b = NB_BUF_INIT;
    int n = 0;
    for (int f = 0; f < NB_NVALUES; f++)
        if (drop[f] && n++ < GUARD_NAMED)
            nb_buf_printf(&b, "%s%s", n > 1 ? ", " : "", nb_fields[f].id);
    if (n > GUARD_NAMED)
        nb_buf_printf(&b, " and %d more", n - GUARD_NAMED);
    nb_buf_puts(&b, " left null: OCR readings the identities contradict (");
    int k = 0;
    for (size_t i = 0; i < nids && i < r->nchecks; i++)
        if (r->checks[i].ok == NB_CHECK_FAIL && k++ < GUARD_NAMED)
            nb_buf_printf(&b, "%s%s", k > 1 ? ", " : "", r->checks[i].rule);
    nb_buf_puts(&b, k > GUARD_NAMED ? ", ... failed)" : " failed)");
    nb_doc_warn(r->doc, "%s", nb_buf_cstr(&b));
    nb_buf_free(&b);
}

/* Step 4, judged on the checks as they were before anything was set null: values only a row
 * identity (or none, table 2) vouches for. */
static void mark_strong(const nb_report *r, const nb_identity *ids, size_t nids,
                        unsigned char *strong)
{
    for (size_t i = 0; i < nids && i < r->nchecks; i++)
        if (r->checks[i].ok == NB_CHECK_OK && strncmp(r->checks[i].rule, "t3.applicants_sum.", 18))
            for (int k = 0; k < ids[i].n; k++)
                strong[ids[i].field[k]] = 1;
}

/* strong: values a column identity confirmed before step 3 (nulling a suspect leaves its column
 * unchecked, which must not cost the other values of that column) or after the last fill. */
static void drop_unconfirmed(nb_report *r, const unsigned char *strong, unsigned char *drop)
{
    nb_buf b = NB_BUF_INIT;
    int n = 0;
    for (int f = 0; f < NB_NVALUES; f++) {
        if (!r->have[f] || strong[f] || drop[f] || (f < NB_T3_FIRST && r->witnessed[f]))
            continue;
        if (n++ < GUARD_NAMED)
            nb_buf_printf(&b, "%s%s", n > 1 ? ", " : "", nb_fields[f].id);
        drop[f] = 1;
    }
    if (n > GUARD_NAMED)
        nb_buf_printf(&b, " and %d more", n - GUARD_NAMED);
    if (n)
        nb_doc_warn(r->doc, "%s left null: OCR readings no identity confirms",
                    nb_buf_cstr(&b));
    nb_buf_free(&b);
}

/* t without spaces and line breaks, in b: OCR breaks lines inside a name ("现发\n布X局"). */
static const char *squeezed(nb_buf *b, const char *t)
{
    nb_buf_clear(b);
    for (; t && *t; t++)
        if (!isspace((unsigned char)*t))
            nb_buf_putc(b, *t);
    return nb_buf_cstr(b);
}

/* The i-th text of the document, squeezed: its paragraphs (the title is one) and table cells, in
 * order; NULL past the end. *para: 1 for a paragraph. */
static const char *doc_text(const nb_doc *d, size_t *block, size_t *cell, int *para, nb_buf *b)
{
    for (; *block < d->nblocks; (*block)++, *cell = 0) {
        const nb_block *k = &d->blocks[*block];
        size_t n = k->kind == NB_BLOCK_TABLE && k->table ? k->table->ncells : k->kind == NB_BLOCK_PARA;
        if (*cell < n) {
            *para = k->kind == NB_BLOCK_PARA;
            const char *t = *para ? k->text : k->table->cells[*cell].text;
            (*cell)++;
            return squeezed(b, t);
        }
    }
    return NULL;
}

/* How many times s occurs in the document's paragraphs and table cells, counting once a name a
 * paragraph break cuts ("…现发布常州市武进" | "区湖塘镇人民政府2024年…"). */
static int occurrences(const nb_doc *d, const char *s)
{
    nb_buf b = NB_BUF_INIT, pair = NB_BUF_INIT;
    size_t block = 0, cell = 0, cut = 0, m = strlen(s); /* cut: where this text starts in pair */
    int n = 0, para = 0;
    for (const char *t; (t = doc_text(d, &block, &cell, &para, &b)) != NULL;) {
        if (!para)
            nb_buf_clear(&pair);
        cut = pair.len;
        nb_buf_puts(&pair, t);
        const char *all = nb_buf_cstr(&pair);
        for (const char *p = all; (p = strstr(p, s)) != NULL; p += m)
            n += (size_t)(p - all) + m > cut; /* ends in this text: not counted with the one before */
        nb_buf_clear(&pair);
        if (para)
            nb_buf_puts(&pair, t);
    }
    nb_buf_free(&b);
    nb_buf_free(&pair);
    return n;
}

/* The last character of text t (0 when t is empty). */
static unsigned last_char(const char *t)
{
    size_t n = t ? strlen(t) : 0, k = n;
    while (k > 0 && ((unsigned char)t[k - 1] & 0xC0) == 0x80)
        k--;
    int adv = 1;
    return k > 0 ? nb_utf8_decode(t + k - 1, n - k + 1, &adv) : 0;
}

/* The character before p in text t; at t's start, prev: the last character of the paragraph
 * before (a line break the layout took for a paragraph's end: "…现发布常州市武进" | "区湖塘镇…"). */
static unsigned char_before(const char *t, const char *p, unsigned prev)
{
    if (p == t)
        return prev;
    const char *q = p - 1;
    while (q > t && ((unsigned char)*q & 0xC0) == 0x80)
        q--;
    int adv = 1;
    return nb_utf8_decode(q, (size_t)(p - q), &adv);
}

/* 1 when every occurrence of s in the document's paragraphs and cells (and in the second model's
 * title lines) follows the same Han character: s is the tail of a longer name ("区湖塘镇人民政府"
 * inside "常州市武进区湖塘镇人民政府"). */
static int extends_left(const nb_doc *d, const char *s)
{
    nb_buf b = NB_BUF_INIT;
    size_t block = 0, cell = 0;
    int para = 0, tail = 1;
    unsigned before = 0, prev = 0; /* prev: the last character of the paragraph before */
    for (const char *t; tail && (t = doc_text(d, &block, &cell, &para, &b)) != NULL;) {
        for (const char *p = t; tail && (p = strstr(p, s)) != NULL; p += strlen(s)) {
            unsigned cp = char_before(t, p, para ? prev : 0);
            tail = cp && nb_is_han(cp) && (!before || cp == before);
            before = cp;
        }
        prev = para ? last_char(t) : 0;
    }
    nb_buf_free(&b);
    /* the second model's reading of the title lines (lines apart: a line start has nothing before) */
    const char *w = d->ocr_witness;
    for (const char *p = w; tail && w && (p = strstr(p, s)) != NULL; p += strlen(s)) {
        unsigned cp = char_before(w, p, 0);
        tail = cp && nb_is_han(cp) && cp == before;
    }
    return tail && before != 0;
}

/* Characters of name a (decoded into cps) that the text t[0, len) differs in, over a's length; -1
 * when t is shorter or holds a character that is not Han. */
static int differs(const unsigned *cps, int n, const char *t, size_t len)
{
    int off = 0;
    for (int i = 0, adv = 1; i < n; i++, t += adv, len -= (size_t)adv) {
        unsigned cp = len ? nb_utf8_decode(t, len, &adv) : 0;
        if (!nb_is_han(cp))
            return -1;
        off += cp != cps[i];
    }
    return off;
}

/* Name a decoded into cps (at most GUARD_NAME_CHARS); returns how many. */
static int decode_name(const char *a, unsigned cps[GUARD_NAME_CHARS])
{
    int n = 0, adv = 1;
    for (size_t at = 0, len = strlen(a); at < len && n < GUARD_NAME_CHARS; at += (size_t)adv)
        cps[n++] = nb_utf8_decode(a + at, len - at, &adv);
    return n;
}

/* How many times text t holds the name cps[0, n) read one or a few characters otherwise
 * (GUARD_NAME_OFF of its length at most, at least one). */
static int reads_otherwise(const unsigned *cps, int n, const char *t)
{
    int adv = 1, hits = 0;
    for (size_t at = 0, len = strlen(t); at < len; at += (size_t)adv) {
        int off = differs(cps, n, t + at, len - at);
        hits += off > 0 && off <= (int)(n * GUARD_NAME_OFF + 0.5);
        nb_utf8_decode(t + at, len - at, &adv);
    }
    return hits;
}

/* How many times the document's texts read name a one or a few characters otherwise: two readings of
 * one name that disagree, so neither is sure ("潍坊市案亭区" in the body, "潍坊市寒亭区" in a later
 * paragraph). */
static int contradictions(const nb_doc *d, const char *a)
{
    unsigned cps[GUARD_NAME_CHARS];
    int n = decode_name(a, cps), para = 0, hits = 0;
    nb_buf b = NB_BUF_INIT;
    size_t block = 0, cell = 0;
    for (const char *t; (t = doc_text(d, &block, &cell, &para, &b)) != NULL;)
        hits += reads_otherwise(cps, n, t);
    nb_buf_free(&b);
    return hits;
}

/* 1 when the second model's reading of the title lines (doc->ocr_witness, extract/ocr.c) holds name
 * a alike: a witness of another model. Its reading otherwise is no evidence against a: HanS misreads
 * a character of a name chi_sim reads right twice more often than not (6 of 22 scans probed). */
static int witness(const nb_doc *d, const char *a)
{
    return d->ocr_witness && strstr(d->ocr_witness, a);
}

/* Why name a (an OCR reading) cannot be the agency, NULL when it can: a name's shape, Han
 * characters (and brackets) only ("月]日至年月?31日" is a misread date line) ending with a known
 * agency suffix (局, 委员会, 办公室, ...), no character twice in a row (Tesseract's LSTM repeats one
 * in place of another, "潍坊市寒亭区生生健康局" for 卫生, and a font makes it do so at every
 * occurrence: a rare name such as 齐齐哈尔 is left null with them), and a second witness: the same
 * name read again elsewhere in the document (reports repeat it in their first paragraph) or by the
 * second model in the title lines, never only as the tail of a longer name (a stray character
 * glued on, "布成都市…" from "发布"), and not read a character or two otherwise elsewhere, unless
 * read alike GUARD_MAJORITY times against one such reading. */
static const char *not_agency(const nb_doc *d, const char *a)
{
    size_t n = strlen(a);
    unsigned before = 0;
    for (size_t i = 0; i < n;) {
        int adv = 1;
        unsigned cp = nb_utf8_decode(a + i, n - i, &adv);
        if (!nb_is_han(cp) && !strchr("()", (int)(cp < 128 ? cp : 'x')) && cp != 0xFF08 && cp != 0xFF09)
            return "an OCR reading that is not a name";
        if (cp == before)
            return "an OCR reading with a character twice in a row (the engine stutters, \"属于属于\", and "
                   "then reads the same way at every occurrence)";
        before = cp;
        i += (size_t)adv;
    }
    if (!nb_agency_suffixed(a))
        return "an OCR reading that does not end like an agency's name";
    int alike = occurrences(d, a) + witness(d, a), otherwise = 0;
    if (alike < 2)
        return "an OCR reading found only once in the document";
    if (extends_left(d, a))
        return "an OCR reading that every occurrence shows as the tail of a longer name";
    if ((otherwise = contradictions(d, a)) > 0 && (alike < GUARD_MAJORITY || otherwise > 1))
        return "an OCR reading the document also reads a character or two otherwise";
    return NULL;
}

/* Length of the Han characters at q when a year ("2023年") follows them, else 0. */
static size_t han_before_year(const char *q)
{
    const char *e = q;
    int adv = 1;
    while (*e && nb_is_han(nb_utf8_decode(e, strlen(e), &adv)))
        e += adv;
    size_t digits = strspn(e, "0123456789");
    return digits == 4 && !strncmp(e + digits, "年", strlen("年")) ? (size_t)(e - q) : 0;
}

/* The name the template's first paragraph releases the report under, "…要求，现发布<name>2023年
 * 政府信息公开工作年度报告": the Han characters between "发布" and the year, in the document's arena;
 * NULL when no paragraph has it. A paragraph is read joined to the one before: a page's layout can
 * break the sentence inside the name ("…现发布常州市武进" | "区湖塘镇人民政府2024年…"). */
static const char *released_name(nb_report *r)
{
    nb_buf b = NB_BUF_INIT, prev = NB_BUF_INIT, pair = NB_BUF_INIT;
    size_t block = 0, cell = 0, n = 0;
    int para = 0;
    const char *name = NULL;
    for (const char *t; !name && (t = doc_text(r->doc, &block, &cell, &para, &b)) != NULL;) {
        if (!para)
            continue;
        nb_buf_clear(&pair);
        nb_buf_puts(&pair, nb_buf_cstr(&prev));
        nb_buf_puts(&pair, t);
        for (const char *p = nb_buf_cstr(&pair); !name && (p = strstr(p, "发布")) != NULL;) {
            p += strlen("发布");
            if ((n = han_before_year(p)) > 0)
                name = nb_doc_strdup(r->doc, p, n);
        }
        nb_buf_clear(&prev);
        nb_buf_puts(&prev, t);
    }
    nb_buf_free(&b);
    nb_buf_free(&prev);
    nb_buf_free(&pair);
    return name;
}

/* Step 0, the agency read by OCR: the title's reading, else the name the first paragraph releases
 * the report under when the title gave none or only a part of it ("区湖塘镇人民政府", the tail of
 * "常州市武进区湖塘镇人民政府"), or when the second model reads the title as that name (chi_sim's
 * title "州市式进区基准镇人民政府" is then one reading against two): a title read otherwise
 * contradicts it, and two readings in the body alike are no proof against it ("潍坊市案亭区…" twice
 * for 寒亭, the title "浴坊市寒亭区…"). Each is kept only when not_agency() finds nothing against it
 * (the second model's reading of the title alike is one witness more); else null with a warning. */
static void check_agency(nb_report *r)
{
    const char *a = r->agency, *why = a ? not_agency(r->doc, a) : NULL;
    if (why)
        nb_doc_warn(r->doc, "agency \"%s\" left null: %s", a, why);
    if (a && !why)
        return;
    const char *released = released_name(r);
    int outvoted = released && witness(r->doc, released); /* the second model reads the title so */
    if (released && (!a || (strcmp(released, a) && strstr(released, a)) || outvoted) &&
        !not_agency(r->doc, released)) {
        nb_doc_warn(r->doc, "agency \"%s\" taken from the sentence that releases the report (read twice)%s",
                    released, a ? "" : ", not from a title");
        r->agency = released;
        return;
    }
    r->agency = NULL;
}

/* How many times each year is printed as a year ("2023年", "2023 年", no digit around the four) in
 * the document's paragraphs: count[y - GUARD_YEAR_FIRST]. */
static void count_years(const nb_doc *d, int *count)
{
    for (size_t i = 0; i < d->nblocks; i++) {
        const char *t = d->blocks[i].kind == NB_BLOCK_PARA ? d->blocks[i].text : NULL;
        for (const char *p = t; p && *p; p++) {
            if (!isdigit((unsigned char)p[0]) || (p > t && isdigit((unsigned char)p[-1])))
                continue;
            int y = 0, k = 0;
            while (k < 5 && isdigit((unsigned char)p[k]))
                y = y * 10 + (p[k++] - '0');
            const char *q = p + k;
            while (*q == ' ')
                q++;
            if (k == 4 && y >= GUARD_YEAR_FIRST && y <= GUARD_YEAR_LAST && !strncmp(q, "年", strlen("年")))
                count[y - GUARD_YEAR_FIRST]++;
        }
    }
}

/* Step 0, the year read by OCR: one digit misread ("2028" for 2023) gives a plausible year, and a
 * font can misread it the same way twice. A report prints its own year more often than any other
 * (title, first sentence, the statistical period "2023年1月1日至2023年12月31日"), so the year is
 * kept only when it is printed at least twice and more often than every other year; else null
 * with a warning naming the year that is. */
static void check_year(nb_report *r)
{
    int count[GUARD_YEAR_LAST - GUARD_YEAR_FIRST + 1] = {0}, best = 0;
    if (!r->year)
        return;
    count_years(r->doc, count);
    for (int y = 1; y < GUARD_YEAR_LAST - GUARD_YEAR_FIRST + 1; y++)
        best = count[y] > count[best] ? y : best;
    int own = r->year >= GUARD_YEAR_FIRST && r->year <= GUARD_YEAR_LAST ? count[r->year - GUARD_YEAR_FIRST] : 0;
    if (own < 2 || (best + GUARD_YEAR_FIRST != r->year && count[best] >= own))
        nb_doc_warn(r->doc, "year %d left null: an OCR reading printed %d time%s, %d printed %d", r->year, own,
                    own == 1 ? "" : "s", best + GUARD_YEAR_FIRST, count[best]),
            r->year = 0;
}

/* The value identity i gives field f when f is its only null member; 0 when it does not. */
static int solve(const nb_report *r, const nb_identity *id, int f, double *v)
{
    double side[2] = {0, 0};
    int fside = -1;
    for (int k = 0; k < id->n; k++) {
        int g = id->field[k], s = k >= id->nplus;
        if (g == f)
            fside = s;
        else if (!r->have[g])
            return 0;
        else
            side[s] += r->values[g];
    }
    if (fside < 0)
        return 0;
    *v = side[!fside] - side[fside];
    return 1;
}

/* What the identities in which f is the only null member give it: 1 with *v when n >= 1 of them
 * do and all give the same non-negative whole value, 0 otherwise; *n: how many. */
static int agreed_value(const nb_report *r, const nb_identity *ids, size_t nids, int f, double *v,
                        int *n)
{
    double w;
    int clash = 0;
    *n = 0;
    for (size_t i = 0; i < nids; i++)
        if (solve(r, &ids[i], f, &w)) {
            clash |= *n && w != *v;
            *v = w;
            ++*n;
        }
    return *n && !clash && *v >= 0 && *v == (double)(long long)*v;
}

/* Fills null cells two identities agree on, or one identity and the cell's doubtful reading (two
 * witnesses either way); returns how many. */
static int fill_agreed(nb_report *r, const nb_identity *ids, size_t nids)
{
    int filled = 0;
    for (int f = NB_T3_FIRST; f < NB_NVALUES; f++) {
        double v = 0;
        int agree = 0;
        if (r->have[f] || r->marked[f] || !agreed_value(r, ids, nids, f, &v, &agree))
            continue;
        if (agree >= 2) {
            nb_doc_warn(r->doc, "%s = %g: not read by OCR, the only value %d identities agree on",
                        nb_fields[f].id, v, agree);
        } else if (r->doubtful[f] && r->doubt[f] == v) {
            nb_doc_warn(r->doc, "%s = %g: a doubtful OCR reading (?%g) that an identity confirms",
                        nb_fields[f].id, v, v);
        } else {
            continue;
        }
        r->values[f] = v, r->have[f] = 1, filled++;
    }
    return filled;
}

/* 1 when every member of identity id has a value (tentative ones included) and its sides are
 * equal; *complete tells whether every member had one. */
static int holds(const nb_report *r, const nb_identity *id, int *complete)
{
    double side[2] = {0, 0};
    *complete = 0;
    for (int k = 0; k < id->n; k++) {
        if (!r->have[id->field[k]])
            return 0;
        side[k >= id->nplus] += r->values[id->field[k]];
    }
    *complete = 1;
    return fabs(side[0] - side[1]) < GUARD_EQUAL;
}

/* Doubtful readings that confirm each other: a row of cells all read doubtfully ("?3 ?0 ... ?5",
 * a row whose label OCR garbled) has no identity with a single null member, so fill_agreed never
 * reaches it. All doubtful readings are put in at once; one is kept when at least GUARD_WITNESSES
 * identities containing it hold with every member present (its row and its column: a misreading
 * would need a second one compensating it in both) and none containing it fails; the others are
 * taken out again. Returns how many were kept. */
static int fill_consistent(nb_report *r, const nb_identity *ids, size_t nids)
{
    unsigned char tent[NB_NVALUES] = {0};
    int kept = 0;
    for (int f = NB_T3_FIRST; f < NB_NVALUES; f++)
        if (!r->have[f] && !r->marked[f] && r->doubtful[f] && r->doubt[f] >= 0)
            tent[f] = 1, r->have[f] = 1, r->values[f] = r->doubt[f];
    unsigned char keep[NB_NVALUES] = {0};
    for (int f = NB_T3_FIRST; f < NB_NVALUES; f++) {
        int hold = 0, fail = 0;
        for (size_t i = 0; tent[f] && i < nids; i++) {
            int in = 0, complete;
            for (int k = 0; k < ids[i].n; k++)
                in |= ids[i].field[k] == f;
            if (!in)
                continue;
            int ok = holds(r, &ids[i], &complete);
            hold += ok, fail += complete && !ok;
        }
        keep[f] = tent[f] && hold >= GUARD_WITNESSES && !fail;
    }
    for (int f = NB_T3_FIRST; f < NB_NVALUES; f++) {
        if (!tent[f])
            continue;
        if (keep[f]) {
            nb_doc_warn(r->doc, "%s = %g: a doubtful OCR reading that %d complete identities of "
                        "doubtful readings confirm", nb_fields[f].id, r->values[f], GUARD_WITNESSES);
            kept++;
        } else {
            r->have[f] = 0, r->values[f] = 0;
        }
    }
    return kept;
}

/* Steps 1-3: the values failing identities contradict and none confirms; 1 when any. */
static int null_contradicted(nb_report *r, const nb_identity *ids, size_t nids)
{
    unsigned char confirmed[NB_NVALUES] = {0}, drop[NB_NVALUES] = {0};
    int any = 0;
    for (size_t i = 0; i < nids && i < r->nchecks; i++)
        if (r->checks[i].ok == NB_CHECK_OK)
            for (int k = 0; k < ids[i].n; k++)
                confirmed[ids[i].field[k]] = 1;
    for (size_t i = 0; i < nids && i < r->nchecks; i++) {
        if (r->checks[i].ok != NB_CHECK_FAIL)
            continue;
        int suspects = 0;
        for (int k = 0; k < ids[i].n; k++)
            suspects += !confirmed[ids[i].field[k]];
        for (int k = 0; k < ids[i].n; k++) {
            int f = ids[i].field[k];
            if (r->have[f] && (!suspects || !confirmed[f]))
                drop[f] = 1, any = 1;
        }
    }
    if (any)
        warn_nulls(r, drop, nids);
    for (int f = 0; f < NB_NVALUES; f++)
        if (drop[f])
            r->have[f] = 0, r->values[f] = 0;
    return any;
}

/* Before any fill: a table-3 row (or table 4) with no reading at all, no value and no doubtful
 * one, may be a row the document left blank ("—" in every cell, dashes a scan lost): the
 * identities would give the values it does not print (carried_in = total + carried_out - new).
 * Its cells are marked like a printed mark's: null, never filled from the identities. */
static void mark_unread_rows(nb_report *r)
{
    for (int first = NB_T3_FIRST; first < NB_NVALUES;) {
        int count = first >= NB_T4_FIRST ? NB_T4_COUNT : NB_T3_COLS, read = 0;
        for (int f = first; f < first + count; f++)
            read |= r->have[f] || r->doubtful[f];
        for (int f = first; f < first + count && !read; f++)
            r->marked[f] = 1;
        if (!read)
            nb_doc_warn(r->doc, "%s ... %s: nothing read by OCR in the row; left null, never filled "
                        "from the identities (the document may leave it blank)", nb_fields[first].id,
                        nb_fields[first + count - 1].id);
        first += count;
    }
}

void nb_ocr_guard(nb_report *r)
{
    nb_identity ids[NB_NIDENTITIES];
    size_t nids = nb_identities(ids, NB_NIDENTITIES);
    unsigned char drop[NB_NVALUES] = {0}, strong[NB_NVALUES] = {0};
    check_agency(r);
    check_year(r);
    mark_unread_rows(r);
    for (int round = 0; round < 2; round++) { /* fill, null what still contradicts, fill again */
        while (fill_agreed(r, ids, nids) || fill_consistent(r, ids, nids))
            ;
        nb_report_check(r);
        mark_strong(r, ids, nids, strong);
        if (round == 0 && null_contradicted(r, ids, nids))
            nb_report_check(r);
    }
    unsigned char keep[NB_NVALUES] = {0};
    if (nb_ocr_solve(r, ids, nids, keep))
        memcpy(strong + NB_T3_FIRST, keep + NB_T3_FIRST, NB_NVALUES - NB_T3_FIRST);
    drop_unconfirmed(r, strong, drop);
    for (int f = 0; f < NB_NVALUES; f++)
        if (drop[f])
            r->have[f] = 0, r->values[f] = 0;
    nb_report_check(r);
}
