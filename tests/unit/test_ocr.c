/* test_ocr.c - issue 12 pieces that need no Tesseract or LibreOffice: detection of .doc/.wps/.rtf/
 * .odt, the --ocr modes, the identity lists and the OCR guard on a record with a misread cell. */
#include "extract.h"
#include "harness.h"
#include "layout.h"
#include "tables.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <stdlib.h>

static void test_detect(void)
{
    const char *why = NULL;
    static const char ole[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    char doc[600] = {0}, wps[600] = {0}, xls[600] = {0};
    memcpy(doc, ole, 8), memcpy(wps, ole, 8), memcpy(xls, ole, 8);
    memcpy(doc + 100, "W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0", 24);
    memcpy(wps + 100, "W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0", 24);
    memcpy(wps + 300, "WPS Office", 10);
    EQ_INT(nb_detect(doc, sizeof doc, &why), NB_FMT_DOC);
    EQ_INT(nb_detect(wps, sizeof wps, &why), NB_FMT_WPS);
    EQ_INT(nb_detect(xls, sizeof xls, &why), NB_FMT_UNKNOWN);
    OK(why && strstr(why, "not a Word or WPS document"));
    EQ_INT(nb_detect("{\\rtf1\\ansi hello}", 18, &why), NB_FMT_RTF);
    char odt[120] = "PK\x03\x04";
    memcpy(odt + 30, "mimetypeapplication/vnd.oasis.opendocument.text", 47);
    EQ_INT(nb_detect(odt, sizeof odt, &why), NB_FMT_ODT);
    memcpy(odt + 30, "mimetypeapplication/vnd.oasis.opendocument.spreadsheet", 54);
    EQ_INT(nb_detect(odt, sizeof odt, &why), NB_FMT_UNKNOWN);
    EQ_STR(nb_format_name(NB_FMT_WPS), "wps");
    EQ_STR(nb_format_name(NB_FMT_ODT), "odt");
}

static void test_modes(void)
{
    EQ_INT(nb_ocr_set_mode("always"), 0);
    EQ_INT(nb_ocr_mode_get(), NB_OCR_ALWAYS);
    EQ_INT(nb_ocr_set_mode("sometimes"), -1);
    EQ_INT(nb_ocr_mode_get(), NB_OCR_ALWAYS);
    EQ_INT(nb_ocr_set_mode("auto"), 0);
}

static void test_identities(void)
{
    nb_identity ids[NB_NIDENTITIES];
    EQ_INT(nb_identities(ids, NB_NIDENTITIES), NB_NIDENTITIES);
    EQ_INT(nb_identities(ids, 3), 0);
    /* t3.balance.natural_person: new + carried_in = total + carried_out */
    EQ_INT(ids[0].n, 4);
    EQ_INT(ids[0].nplus, 2);
    EQ_STR(nb_fields[ids[0].field[0]].id, "t3.new.natural_person");
    EQ_STR(nb_fields[ids[0].field[3]].id, "t3.carried_out.natural_person");
    EQ_INT(ids[7].n, 22); /* results_sum: 21 rows and the total */
}

static void set(nb_report *r, const char *id, double v)
{
    int f = nb_field_index(id);
    r->values[f] = v;
    r->have[f] = 1;
}

/* A consistent table 3 (one natural person, one disclosed), then one misread cell that its row
 * sum cannot catch (5 in both natural_person and total of withheld_law). */
static void test_guard(void)
{
    nb_report *r = calloc(1, sizeof *r);
    r->doc = nb_doc_new(NB_FMT_PDF, "scan.pdf");
    r->doc->ocr_pages = 1;
    for (int f = NB_T3_FIRST; f < NB_T4_FIRST; f++)
        r->have[f] = 1;
    const char *ones[] = {"t3.new.natural_person", "t3.new.total", "t3.disclosed.natural_person",
                          "t3.disclosed.total", "t3.total.natural_person", "t3.total.total"};
    for (int i = 0; i < 6; i++)
        set(r, ones[i], 1);
    set(r, "t2.rules.issued", 4);
    nb_report_check(r);
    EQ_INT(nb_report_failed(r), 0);
    set(r, "t3.withheld_law.natural_person", 5);
    set(r, "t3.withheld_law.total", 5);
    r->have[nb_field_index("t3.new.total")] = 0; /* unreadable: its row and column both say 1 */
    nb_report_check(r);
    EQ_INT(nb_report_failed(r), 2);
    nb_ocr_guard(r);
    EQ_INT(nb_report_failed(r), 0);
    OK(!r->have[nb_field_index("t3.withheld_law.natural_person")]);
    OK(!r->have[nb_field_index("t3.withheld_law.total")]);
    OK(r->have[nb_field_index("t3.new.natural_person")]); /* confirmed by t3.balance */
    EQ_INT(r->values[nb_field_index("t3.new.natural_person")], 1);
    OK(!r->have[nb_field_index("t2.rules.issued")]);      /* table 2: no identity confirms it */
    int wrong = 0;
    for (int f = NB_T3_FIRST; f < NB_NVALUES; f++) {
        int one = 0;
        for (int i = 0; i < 6; i++)
            one |= f == nb_field_index(ones[i]);
        wrong += r->have[f] && r->values[f] != (one ? 1 : 0);
    }
    EQ_INT(wrong, 0);
    OK(r->have[nb_field_index("t3.new.total")]);
    EQ_INT(r->values[nb_field_index("t3.new.total")], 1);
    int fill_warned = 0, null_warned = 0; /* table 4, read not at all, is warned about first */
    for (size_t i = 0; i < r->doc->nwarnings; i++) {
        fill_warned |= strstr(r->doc->warnings[i], "t3.new.total = 1") != NULL;
        null_warned |= fill_warned && strstr(r->doc->warnings[i], "t3.withheld_law.natural_person");
    }
    OK(fill_warned && null_warned);
    nb_report_free(r);
}

/* A cell printed as a dash (marked by the template) is never filled from the identities, though its
 * row and column give it a value (t3.new.total: 1 by both); the same cell unread but unmarked is. */
static int marked_filled(int marked)
{
    nb_report *r = calloc(1, sizeof *r);
    r->doc = nb_doc_new(NB_FMT_PDF, "scan.pdf");
    r->doc->ocr_pages = 1;
    for (int f = NB_T3_FIRST; f < NB_NVALUES; f++)
        r->have[f] = 1;
    const char *ones[] = {"t3.new.natural_person", "t3.new.total", "t3.disclosed.natural_person",
                          "t3.disclosed.total", "t3.total.natural_person", "t3.total.total"};
    for (int i = 0; i < 6; i++)
        set(r, ones[i], 1);
    int f = nb_field_index("t3.new.total");
    r->have[f] = 0, r->values[f] = 0, r->marked[f] = (unsigned char)marked;
    nb_report_check(r);
    nb_ocr_guard(r);
    int filled = r->have[f];
    nb_report_free(r);
    return filled;
}

static void test_guard_marked(void)
{
    OK(marked_filled(0));
    OK(!marked_filled(1));
}

/* A t3 row with no reading at all (carried_in printed as dashes a scan lost) is never filled, though
 * the identities give it 1 in natural_person and total; with four of its zeros read, it is. */
static int unread_row_filled(int read_some)
{
    nb_report *r = calloc(1, sizeof *r);
    r->doc = nb_doc_new(NB_FMT_PDF, "scan.pdf");
    r->doc->ocr_pages = 1;
    for (int f = NB_T3_FIRST; f < NB_NVALUES; f++)
        r->have[f] = 1;
    const char *cells[] = {"t3.new.natural_person", "t3.new.total", "t3.total.natural_person",
                           "t3.total.total", "t3.disclosed.natural_person", "t3.disclosed.total"};
    const double vals[] = {1, 1, 2, 2, 2, 2};
    for (int i = 0; i < 6; i++)
        set(r, cells[i], vals[i]);
    int first = nb_field_index("t3.carried_in.natural_person");
    for (int i = 0; i < NB_T3_COLS; i++)
        r->have[first + i] = 0, r->values[first + i] = 0;
    for (int i = 2; read_some && i < NB_T3_COLS - 1; i++)
        r->have[first + i] = 1; /* research ... other_org read 0 */
    nb_report_check(r);
    nb_ocr_guard(r);
    int filled = r->have[first] && r->values[first] == 1, any = 0;
    for (int i = 0; i < NB_T3_COLS; i++)
        any |= r->have[first + i];
    int wrong = 0;
    for (int f = NB_T3_FIRST; f < NB_NVALUES; f++) {
        double want = f == first || f == first + NB_T3_COLS - 1 ? 1 : 0;
        for (int i = 0; i < 6; i++)
            want = f == nb_field_index(cells[i]) ? vals[i] : want;
        wrong += r->have[f] && r->values[f] != want;
    }
    EQ_INT(wrong, 0);
    nb_report_free(r);
    return read_some ? filled : any;
}

static void test_guard_unread_row(void)
{
    OK(!unread_row_filled(0));
    OK(unread_row_filled(1));
}

/* The two-witness rules: a doubtful reading ("?2") is kept only when an identity gives exactly
 * it; a table-2 value only when two engines read it alike (witnessed), never on one reading. */
static nb_report *guard_case(double doubt, int witnessed)
{
    nb_report *r = calloc(1, sizeof *r);
    r->doc = nb_doc_new(NB_FMT_PDF, "scan.pdf");
    r->doc->ocr_pages = 1;
    for (int f = NB_T3_FIRST; f < NB_NVALUES; f++)
        r->have[f] = 1;
    set(r, "t4.review.upheld", 2);
    set(r, "t4.review.total", 2);
    int up = nb_field_index("t4.review.upheld"); /* read "?2": only t4.total.review can solve it */
    r->have[up] = 0, r->values[up] = 0, r->doubt[up] = doubt, r->doubtful[up] = 1;
    set(r, "t2.rules.issued", 4);
    set(r, "t2.rules.repealed", 3);
    r->witnessed[nb_field_index("t2.rules.issued")] = (unsigned char)witnessed;
    nb_report_check(r);
    nb_ocr_guard(r);
    return r;
}

static void test_guard_witnesses(void)
{
    int up = nb_field_index("t4.review.upheld"), issued = nb_field_index("t2.rules.issued");
    nb_report *r = guard_case(2, 1);
    OK(r->have[up]);
    EQ_INT(r->values[up], 2);
    OK(r->have[issued]); /* two witnesses */
    EQ_INT(r->values[issued], 4);
    OK(!r->have[nb_field_index("t2.rules.repealed")]); /* one reading only */
    EQ_INT(nb_report_failed(r), 0);
    nb_report_free(r);
    r = guard_case(3, 0); /* the reading and the identity disagree; the engines did too */
    OK(!r->have[up]);
    OK(!r->have[issued]);
    OK(!r->have[nb_field_index("t4.review.total")]); /* its group identity is left unchecked */
    nb_report_free(r);
}

/* A whole row read doubtfully (its label garbled: every cell "?x"): no identity has a single null
 * member, so only the doubtful readings' mutual confirmation (ocr_guard.c fill_consistent) keeps
 * them: each needs two complete identities around it holding and none failing. nat: the reading
 * of disclosed.natural_person and disclosed.total (the truth is 1). */
static nb_report *doubtful_row(double nat)
{
    nb_report *r = calloc(1, sizeof *r);
    r->doc = nb_doc_new(NB_FMT_PDF, "scan.pdf");
    r->doc->ocr_pages = 1;
    for (int f = NB_T3_FIRST; f < NB_T4_FIRST; f++)
        r->have[f] = 1;
    const char *ones[] = {"t3.new.natural_person", "t3.new.total", "t3.total.natural_person",
                          "t3.total.total"};
    for (int i = 0; i < 4; i++)
        set(r, ones[i], 1);
    int first = nb_field_index("t3.disclosed.natural_person");
    for (int i = 0; i < NB_T3_COLS; i++) {
        int last = i == 0 || i == NB_T3_COLS - 1;
        r->have[first + i] = 0, r->doubtful[first + i] = 1, r->doubt[first + i] = last ? nat : 0;
    }
    nb_report_check(r);
    nb_ocr_guard(r);
    return r;
}

static void test_guard_consistent(void)
{
    int nat = nb_field_index("t3.disclosed.natural_person"), tot = nb_field_index("t3.disclosed.total");
    nb_report *r = doubtful_row(1);
    OK(r->have[nat] && r->have[tot]);
    EQ_INT(r->values[nat], 1);
    EQ_INT(r->values[tot], 1);
    OK(r->have[nb_field_index("t3.disclosed.research")]);
    EQ_INT(nb_report_failed(r), 0);
    nb_report_free(r);
    /* 2 + 0 ... = 2 holds in the row, but the columns say 1: the readings 2 are refused; the
     * row and the columns together then determine both cells, each twice over (ocr_solve.c) */
    r = doubtful_row(2);
    OK(r->have[nat] && r->have[tot]);
    EQ_INT(r->values[nat], 1);
    EQ_INT(r->values[tot], 1);
    EQ_INT(nb_report_failed(r), 0);
    nb_report_free(r);
}

/* ocr_solve.c: four null cells at the corners of a rectangle (two rows, two columns) could take
 * +e -e -e +e together, so none is determined and none is filled, whatever their doubtful
 * readings; a cell whose misreading they could absorb (needs a rectangle corner) is null too; a
 * lone blank cell is filled (its row and its column each give 0); every other cell is kept. */
static void test_guard_rectangle(void)
{
    nb_report *r = calloc(1, sizeof *r);
    r->doc = nb_doc_new(NB_FMT_PDF, "scan.pdf");
    r->doc->ocr_pages = 1;
    for (int f = NB_T3_FIRST; f < NB_NVALUES; f++)
        r->have[f] = 1;
    const char *cells[] = {"t3.new.natural_person", "t3.new.total", "t3.disclosed.natural_person",
                           "t3.disclosed.total", "t3.partly_disclosed.natural_person",
                           "t3.partly_disclosed.total", "t3.total.natural_person", "t3.total.total"};
    const double vals[] = {3, 3, 1, 1, 2, 2, 3, 3};
    for (int i = 0; i < 8; i++)
        set(r, cells[i], vals[i]);
    for (int i = 2; i < 6; i++) { /* the rectangle: read "?5" (wrong) or nothing */
        int f = nb_field_index(cells[i]);
        r->have[f] = 0, r->values[f] = 0, r->doubtful[f] = i == 2, r->doubt[f] = 5;
    }
    int blank = nb_field_index("t3.withheld_law.research");
    r->have[blank] = 0;
    nb_report_check(r);
    nb_ocr_guard(r);
    for (int i = 2; i < 6; i++)
        OK(!r->have[nb_field_index(cells[i])]);
    OK(r->have[blank]);
    EQ_INT(r->values[blank], 0);
    int kept = 0, wrong = 0;
    for (int f = NB_T3_FIRST; f < NB_T4_FIRST; f++) {
        double want = 0;
        for (int i = 0; i < 8; i++)
            want = f == nb_field_index(cells[i]) ? vals[i] : want;
        kept += r->have[f], wrong += r->have[f] && r->values[f] != want;
    }
    EQ_INT(wrong, 0);
    EQ_INT(kept, NB_T4_FIRST - NB_T3_FIRST - 4);
    EQ_INT(nb_report_failed(r), 0);
    nb_report_free(r);
}

/* An OCR'd agency is kept only when it looks like a name and is read twice in the document. */
/* A document read from images, a title and a paragraph for each line of body, whose agency and
 * year were read as given, after the OCR guard; a value it drops or takes from elsewhere comes with a warning. */
static nb_report *guarded(const char *title, const char *body, const char *agency, int year)
{
    nb_report *r = calloc(1, sizeof *r);
    r->doc = nb_doc_new(NB_FMT_PDF, "scan.pdf");
    r->doc->ocr_pages = 1;
    nb_doc_add_text(r->doc, NB_BLOCK_PARA, title, strlen(title));
    for (const char *p = body, *e; *p; p = *e ? e + 1 : e) { /* a paragraph a line */
        e = strchr(p, '\n') ? strchr(p, '\n') : p + strlen(p);
        nb_doc_add_text(r->doc, NB_BLOCK_PARA, p, (size_t)(e - p));
    }
    r->agency = agency;
    r->year = year;
    nb_report_check(r);
    nb_ocr_guard(r);
    OK((r->agency == agency && r->year == year) ||
       (r->doc->nwarnings && (strstr(r->doc->warnings[0], "left null") || strstr(r->doc->warnings[0], "taken from"))));
    return r;
}

static int agency_kept(const char *agency, const char *body)
{
    nb_report *r = guarded("成都市司法局2024年政府信息公开工作年度报告", body, agency, 0);
    int kept = r->agency != NULL;
    nb_report_free(r);
    return kept;
}

static void test_guard_agency(void)
{
    OK(agency_kept("成都市司法局", "现发布成都市司法局年度报告。"));
    OK(!agency_kept("布成都市司法局", "现发布成都市司法局年度报告。")); /* read once: "发布" */
    OK(!agency_kept("成都市司法", "成都市司法局，成都市司法局")); /* no agency suffix */
    OK(!agency_kept("月]日至年月?31日", "月]日至年月?31日")); /* not a name */
    OK(!agency_kept("都市司法局", "现发布成都市司法局年度报告。")); /* the tail of 成都市司法局 each time */
    OK(agency_kept("成都市司法局", "现发布成都市司法局年度报告，成都市司法局。")); /* title: no character before */
    OK(!agency_kept("都市司法局", "现发布成\n都市司法局年度报告。")); /* a sentence broken over two paragraphs */
    OK(agency_kept("成都市司法局", "现发布成都 市司法局2024年年度报告。")); /* a line break inside the name */
    OK(!agency_kept("成都市司司法局", "现发布成都市司司法局年度报告。")); /* a stutter read alike twice */
    OK(!agency_kept("成都市司法局", "现发布成都市司法局年度报告，成部市司法局。")); /* read otherwise once */
    OK(agency_kept("成都市司法局", "现发布成都市司法局年度报告，成都市公安局。")); /* another agency */
}

/* The title's reading fails the guard: the name the report is released under ("现发布X2024年…")
 * is taken when it is read twice, else the agency stays null. */
static void test_guard_released_agency(void)
{
    const char *title = "成都市司法局2024年政府信息公开工作年度报告";
    nb_report *r = guarded(title, "根据《条例》要求，现发布成都市司法局2024年政府信息公开工作年度报告。", NULL, 0);
    EQ_STR(r->agency, "成都市司法局"); /* the title gave no name */
    nb_report_free(r);
    r = guarded(title, "根据《条例》要求，现发布成都市司法局2024年政府信息公开工作年度报告。", "市司法局", 0);
    EQ_STR(r->agency, "成都市司法局"); /* the title's reading is a part of it */
    nb_report_free(r);
    r = guarded(title, "现发布成都市司法局2024年政府信息公开工作年度报告。", "戍都市司法局", 0);
    OK(r->agency == NULL); /* the title read otherwise: the readings contradict each other */
    nb_report_free(r);
    r = guarded("戍都市司法局2024年政府信息公开工作年度报告", "现发布成都市司法局2024年政府信息公开工作年度报告。",
                "戍都市司法局", 0); /* the released name read once: neither is a witness of the other */
    OK(r->agency == NULL);
    nb_report_free(r);
    r = guarded(title, "……的通知》要求，现发布成都\n市司法局2024年政府信息公开工作年度报告。", NULL, 0);
    EQ_STR(r->agency, "成都市司法局"); /* the sentence broken into two paragraphs inside the name */
    nb_report_free(r);
    r = guarded(title, "现发布成都市司法局、成都市司法局2024年年度报告。", "戍都市司法局", 0); /* no year after it */
    OK(r->agency == NULL);
    nb_report_free(r);
}

/* The agency with the second model's reading of the title lines (doc->ocr_witness): one witness
 * more when it reads the name alike, a contradiction when it reads it a character or two otherwise. */
static const char *witnessed_agency(const char *title, const char *body, const char *agency, const char *witness)
{
    static char kept[128];
    nb_report *r = calloc(1, sizeof *r);
    r->doc = nb_doc_new(NB_FMT_PDF, "scan.pdf");
    r->doc->ocr_pages = 1;
    r->doc->ocr_witness = witness;
    nb_doc_add_text(r->doc, NB_BLOCK_PARA, title, strlen(title));
    nb_doc_add_text(r->doc, NB_BLOCK_PARA, body, strlen(body));
    r->agency = agency;
    nb_report_check(r);
    nb_ocr_guard(r);
    snprintf(kept, sizeof kept, "%s", r->agency ? r->agency : "");
    nb_report_free(r);
    return kept;
}

static void test_guard_witness(void)
{
    const char *t = "延吉市自然资源局2023年政府信息公开工作年度报告", *body = "我局高度重视政府信息公开工作。";
    EQ_STR(witnessed_agency(t, body, "延吉市自然资源局", NULL), ""); /* read once */
    EQ_STR(witnessed_agency(t, body, "延吉市自然资源局", "延吉市自然资源局2023年政府信息公开工作年度报告\n"),
           "延吉市自然资源局");
    EQ_STR(witnessed_agency(t, body, "延吉市自然资源局", "当前位置:首页>政务公开\n"), ""); /* says nothing of it */
    /* read alike twice and otherwise once: the second model's title alike outvotes that one reading */
    const char *wt = "潍坊市寒亭区卫生健康局2023年政府信息公开工作年度报告", *wb = "现发布潍坊市寒亭区卫生健康局2023年报告。",
               *w1 = "我局（潍坊市寒这区卫生健康局）……", *w2 = "我局（潍坊市寒这区卫生健康局、潍坊市塞亭区卫生健康局）";
    char text[512];
    snprintf(text, sizeof text, "%s%s", wb, w1);
    EQ_STR(witnessed_agency(wt, text, "潍坊市寒亭区卫生健康局", NULL), "");
    EQ_STR(witnessed_agency(wt, text, "潍坊市寒亭区卫生健康局", "潍坊市寒亭区卫生健康局2023年政府信息\n"),
           "潍坊市寒亭区卫生健康局");
    EQ_STR(witnessed_agency(wt, text, "潍坊市寒亭区卫生健康局", "潍坊市寒享区卫生健康局2023年政府信息\n"), "");
    snprintf(text, sizeof text, "%s%s", wb, w2); /* two readings otherwise, in one text or two */
    EQ_STR(witnessed_agency(wt, text, "潍坊市寒亭区卫生健康局", "潍坊市寒亭区卫生健康局2023年政府信息\n"), "");
    /* the title misread, the released name read once: the second model's title outvotes chi_sim's */
    const char *ct = "州市式进区基准镇人民政府2024年政府信息公开工作年度报告",
               *cb = "……要求，现发布常州市武进区湖塘镇人民政府2024年政府信息公开工作年度报告。";
    EQ_STR(witnessed_agency(ct, cb, "州市式进区基准镇人民政府", NULL), "");
    EQ_STR(witnessed_agency(ct, cb, "州市式进区基准镇人民政府", "常州市武进区湖塘镇人民政府2024年政府信息公开\n"),
           "常州市武进区湖塘镇人民政府");
}

/* The year the OCR guard keeps of a document read from images: title, then body. */
static int year_kept(int year, const char *title, const char *body)
{
    nb_report *r = guarded(title, body, NULL, year);
    int kept = r->year;
    nb_report_free(r);
    return kept;
}

static void test_guard_year(void)
{
    const char *t23 = "成都市司法局2023年政府信息公开工作年度报告", *t28 = "成都市司法局2028年政府信息公开工作年度报告";
    OK(year_kept(2023, t23, "本报告统计期限自2023 年1月1日起至2023年12月31日止。") == 2023);
    OK(year_kept(2023, t23, "2023年我局收到申请3件，2022年为2件。") == 2023); /* the 2022 of a comparison: printed less */
    OK(!year_kept(2028, t28, "2023年，我局坚持……")); /* printed once */
    OK(!year_kept(2028, t28, "2028年，我局……统计期限自2023年1月1日起至2023年12月31日止。")); /* a tie at best */
    OK(!year_kept(2023, t23, "统计期限自12023年1月起")); /* "12023" is no year */
}

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int len)
{
    nb_buf_put(closure, (const char *)data, len);
    return CAIRO_STATUS_SUCCESS;
}

/* A 4 x 3 grid with 0.8 pt rules at x 40..250, y 60..180 (points), a number in every cell but
 * the first column's, which holds a dash in its rows 2 ("—") and 3 ("-"); drawn into the scan when
 * grid is set. */
static const char *const cell_nums[4][2] = {{"7", "22"}, {"0", "135"}, {"5", "41"}, {"18", "3"}};

static void draw_grid(cairo_t *c)
{
    cairo_set_line_width(c, 0.8);
    for (int r = 0; r <= 4; r++)
        cairo_move_to(c, 40, 60 + 30 * r), cairo_line_to(c, 250, 60 + 30 * r);
    const double xs[] = {40, 110, 180, 250};
    for (int k = 0; k < 4; k++)
        cairo_move_to(c, xs[k], 60), cairo_line_to(c, xs[k], 180);
    cairo_stroke(c);
    for (int r = 0; r < 4; r++)
        for (int k = 0; k < 2; k++) {
            cairo_move_to(c, xs[k + 1] + 8, 60 + 30 * r + 20);
            cairo_show_text(c, cell_nums[r][k]);
        }
    for (int r = 2; r < 4; r++) { /* dashes printed in place of numbers in the first column */
        cairo_move_to(c, 60, 60 + 30 * r + 20);
        cairo_show_text(c, r == 2 ? "\u2014" : "-");
    }
}

/* Three rows of a table without rules: two whose labels' numbers lost their points ("4" for "4."),
 * one whose point chi_sim reads with the label ("3" | ".危及…", the thin "一" inside it a wide gap
 * of ink): drawn into the scan when grid is 2. */
static void draw_enumerated(cairo_t *c)
{
    const char *const labels[] = {"保护第三方合法权益", "属于三类内部事务信息", ".危及三安全一稳定"};
    const char *const nums[3][2] = {{"12", "3"}, {"7", "0"}, {"6", "9"}};
    for (int r = 0; r < 3; r++) {
        cairo_select_font_face(c, "sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
        cairo_move_to(c, 20, 80 + 24 * r);
        cairo_show_text(c, r == 2 ? "3" : r ? "5" : "4");
        cairo_select_font_face(c, "AR PL UMing CN", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
        cairo_move_to(c, 28, 80 + 24 * r); /* where the label follows "4." (12 pt: a digit and a point) */
        cairo_show_text(c, labels[r]);
        cairo_select_font_face(c, "sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
        for (int k = 0; k < 2; k++)
            cairo_move_to(c, 180 + 50 * k, 80 + 24 * r), cairo_show_text(c, nums[r][k]);
    }
}

/* A paragraph of prose whose last line holds a date, its numbers set a little apart (the way a
 * scan's ink boxes leave them): drawn into the scan when grid is 3. */
static void draw_sentence(cairo_t *c)
{
    const char *const lines[] = {"根据《中华人民共和国政府信息公开条例》要求，", "现发布本局年度报告。本报告统",
                                 "计期限为2022年1月1日至2022年12月31日。"};
    cairo_select_font_face(c, "AR PL UMing CN", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    for (int i = 0; i < 3; i++)
        cairo_move_to(c, 20, 60 + 18 * i), cairo_show_text(c, lines[i]);
}

/* A table row without rules whose label wraps over two lines in 9-pt Song type, its numbers beside
 * it (a 150-dpi scan of it: the binary page reads the label garbled): drawn when grid is 4. */
static void draw_wrapped_label(cairo_t *c)
{
    const char *const nums[] = {"2", "1", "0", "3"};
    cairo_select_font_face(c, "Noto Serif CJK SC", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(c, 9);
    cairo_move_to(c, 30, 100), cairo_show_text(c, "2.其他法律行政法规禁止");
    cairo_move_to(c, 30, 112), cairo_show_text(c, "公开");
    cairo_select_font_face(c, "sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    for (int k = 0; k < 4; k++)
        cairo_move_to(c, 150 + 30 * k, 106), cairo_show_text(c, nums[k]);
}

/* An image-only PDF page (A6, the text drawn into a grey image of dpi dots per inch, turned 0.5
 * degree). */
static void scanned_pdf_at(nb_buf *pdf, int grid, double dpi)
{
    const double pt_w = 298, pt_h = 420, scale = dpi / 72;
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(pt_w * scale),
                                                      (int)(pt_h * scale));
    cairo_t *c = cairo_create(img);
    cairo_set_source_rgb(c, 1, 1, 1);
    cairo_paint(c);
    cairo_scale(c, scale, scale);
    cairo_rotate(c, 0.5 * 3.14159 / 180);
    cairo_set_source_rgb(c, 0, 0, 0);
    cairo_select_font_face(c, "sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(c, 12);
    const char *rows[] = {"2024", "43      10      7", "125     0       8"};
    if (grid == 1)
        draw_grid(c);
    if (grid == 2)
        draw_enumerated(c);
    if (grid == 3)
        draw_sentence(c);
    if (grid == 4)
        draw_wrapped_label(c);
    for (int i = 0; i < 3 && !grid; i++) {
        cairo_move_to(c, 40, 80 + 30 * i);
        cairo_show_text(c, rows[i]);
    }
    cairo_destroy(c);
    cairo_surface_t *ps = cairo_pdf_surface_create_for_stream(to_buf, pdf, pt_w, pt_h);
    c = cairo_create(ps);
    cairo_scale(c, 1 / scale, 1 / scale);
    cairo_set_source_surface(c, img, 0, 0);
    cairo_paint(c);
    cairo_destroy(c);
    cairo_surface_finish(ps);
    cairo_surface_destroy(ps);
    cairo_surface_destroy(img);
}

static void scanned_pdf(nb_buf *pdf, int grid)
{
    scanned_pdf_at(pdf, grid, 200);
}

/* OCR end to end on a generated scan: the numbers come back as spans in PDF points. */
static void test_ocr_page(void)
{
    nb_buf pdf = NB_BUF_INIT;
    nb_err err = {0};
    scanned_pdf(&pdf, 0);
    nb_ocr_set_mode("never");
    nb_doc *d = nb_pdf_read(pdf.ptr, pdf.len, "scan.pdf", &err);
    OK(d && d->nblocks == 0 && d->nwarnings == 1 && strstr(d->warnings[0], "no text layer on page 1"));
    nb_doc_free(d);
    nb_ocr_set_mode("auto");
    d = nb_pdf_read(pdf.ptr, pdf.len, "scan.pdf", &err);
    OK(d != NULL);
    if (d) {
        EQ_INT(d->ocr_pages, 1);
        OK(d->nwarnings >= 1 && strstr(d->warnings[0], "OCR: page 1 read from images"));
        const char *want[] = {"2024", "43", "10", "7", "125", "0", "8"};
        int found = 0, witnessed = 0;
        for (int w = 0; w < 7; w++)
            for (size_t i = 0; i < d->nblocks; i++)
                if (d->blocks[i].text && !strcmp(d->blocks[i].text, want[w])) {
                    found++;
                    witnessed += (d->blocks[i].flags & NB_BF_WITNESSED) != 0;
                    if (w == 1) /* "43" at x = 40 pt, baseline 110 pt */
                        OK(d->blocks[i].box.x0 > 35 && d->blocks[i].box.x0 < 45 &&
                           d->blocks[i].box.y1 > 104 && d->blocks[i].box.y1 < 116);
                    break;
                }
        EQ_INT(found, 7);
        OK(witnessed >= 5); /* no rules: both engines alike and sure still witness a number (table 2) */
    }
    nb_doc_free(d);
    nb_buf_free(&pdf);
}

/* A row label's number whose point was lost ("4" before 保护…) is the label's "4.", never a number
 * of the table; the row's own numbers are read as numbers. */
static void test_ocr_enumerated(void)
{
    nb_buf pdf = NB_BUF_INIT;
    nb_err err = {0};
    scanned_pdf(&pdf, 2);
    nb_ocr_set_mode("auto");
    nb_doc *d = nb_pdf_read(pdf.ptr, pdf.len, "labels.pdf", &err);
    OK(d != NULL);
    int enums = 0, stray = 0, nums = 0, whole = 0;
    for (size_t i = 0; d && i < d->nblocks; i++) {
        const char *t = d->blocks[i].text;
        if (d->blocks[i].kind != NB_BLOCK_SPAN || !t)
            continue;
        enums += !strncmp(t, "4.", 2) || !strncmp(t, "5.", 2) || !strncmp(t, "3.", 2);
        stray += !strcmp(t, "4") || !strcmp(t, "5") || !strcmp(t, "?4") || !strcmp(t, "?5") || !strcmp(t, "?3");
        nums += !strcmp(t, "12") || !strcmp(t, "3") || !strcmp(t, "7") || !strcmp(t, "0") ||
                !strcmp(t, "6") || !strcmp(t, "9");
        whole += !strncmp(t, "3.", 2) && strstr(t, "稳定"); /* the label one span, as a text layer gives it */
    }
    EQ_INT(enums, 3);
    EQ_INT(stray, 0);
    EQ_INT(nums, 6);
    EQ_INT(whole, 1);
    nb_doc_free(d);
    nb_buf_free(&pdf);
}

/* A sentence's numbers on a scan ("计期限为2022年1月1日至2022年12月31日。") stay in its prose: the
 * words of the date line meet, as a text layer's glyphs do (lone numbers between the gaps that ink
 * boxes leave made a table row of such a line, and a table header of the paragraph above it), and
 * the layout makes no table of the paragraph. */
static void test_ocr_sentence(void)
{
    nb_buf pdf = NB_BUF_INIT;
    nb_err err = {0};
    scanned_pdf(&pdf, 3);
    nb_ocr_set_mode("auto");
    nb_doc *d = nb_pdf_read(pdf.ptr, pdf.len, "prose.pdf", &err);
    OK(d != NULL);
    float last_x1 = -1, widest = 0; /* the date line's spans, in reading order */
    int spans = 0;
    for (size_t i = 0; d && i < d->nblocks; i++) {
        const nb_block *b = &d->blocks[i];
        if (b->kind != NB_BLOCK_SPAN || b->box.y0 < 80 || b->box.y1 > 105)
            continue;
        if (last_x1 >= 0 && b->box.x0 - last_x1 > widest)
            widest = b->box.x0 - last_x1;
        last_x1 = b->box.x1, spans++;
    }
    OK(spans >= 5);
    OK(widest < 1.0f);
    /* the second model read page 1's first lines again (the title's witness), its words joined */
    OK(d && d->ocr_witness && strstr(d->ocr_witness, "现发布本局年度报告"));
    OK(d && nb_layout(d, &err) == NB_OK);
    int tables = 0;
    for (size_t i = 0; d && i < d->nblocks; i++)
        tables += d->blocks[i].kind == NB_BLOCK_TABLE;
    EQ_INT(tables, 0);
    nb_doc_free(d);
    nb_buf_free(&pdf);
}

/* A wrapped row label of a 150-dpi scan: chi_sim read it garbled on the binary page
 * ("2.其亿流行丰二油村?2全" in the corpus), and the line read again alone on the grey page gives its
 * text, so the template can name the row. */
static void test_ocr_wrapped_label(void)
{
    nb_buf pdf = NB_BUF_INIT;
    nb_err err = {0};
    scanned_pdf_at(&pdf, 4, 150);
    nb_ocr_set_mode("auto");
    nb_doc *d = nb_pdf_read(pdf.ptr, pdf.len, "label.pdf", &err);
    OK(d != NULL);
    int label = 0, nums = 0;
    for (size_t i = 0; d && i < d->nblocks; i++) {
        const char *t = d->blocks[i].text;
        if (d->blocks[i].kind != NB_BLOCK_SPAN || !t)
            continue;
        if (getenv("NB_TEST_TRACE"))
            fprintf(stderr, "span [%s]\n", t);
        label += strstr(t, "法律行政法规") != NULL;
        nums += !strcmp(t, "2") || !strcmp(t, "1") || !strcmp(t, "0") || !strcmp(t, "3");
    }
    EQ_INT(label, 1);
    EQ_INT(nums, 4);
    nb_doc_free(d);
    nb_buf_free(&pdf);
}

/* A ruled table on a scan: its rules come back as RULE blocks (the lattice the PDF layout builds
 * cells from), and each number is read in its own cell, at its cell's place. */
static void test_ocr_cells(void)
{
    nb_buf pdf = NB_BUF_INIT;
    nb_err err = {0};
    scanned_pdf(&pdf, 1);
    nb_ocr_set_mode("auto");
    nb_doc *d = nb_pdf_read(pdf.ptr, pdf.len, "grid.pdf", &err);
    OK(d != NULL);
    int rules = 0, found = 0, witnessed = 0, witnessed_right = 0, dashes = 0, stray = 0;
    for (size_t i = 0; d && i < d->nblocks; i++) {
        const nb_block *b = &d->blocks[i];
        rules += b->kind == NB_BLOCK_RULE;
        if (b->kind != NB_BLOCK_SPAN || !b->text)
            continue;
        double x = (b->box.x0 + b->box.x1) / 2, y = (b->box.y0 + b->box.y1) / 2;
        int w = (b->flags & NB_BF_WITNESSED) != 0;
        if (!strcmp(b->text, "\u2014")) /* a dash cell: the mark, in its cell */
            dashes += x > 40 && x < 110 && y > 120 && y < 180, stray += !(x > 40 && x < 110 && y > 120 && y < 180);
        witnessed += w;
        for (int r = 0; r < 4; r++)
            for (int k = 0; k < 2; k++) /* the cell is [110 + 70k, 180 + 70k] x [60 + 30r, 90 + 30r] */
                if (!strcmp(b->text, cell_nums[r][k]) && x > 110 + 70 * k && x < 180 + 70 * k &&
                    y > 60 + 30 * r && y < 90 + 30 * r)
                    found++, witnessed_right += w;
    }
    OK(rules >= 9); /* 5 horizontal and 4 vertical rules (a rule may come in pieces) */
    EQ_INT(found, 8);
    EQ_INT(dashes, 2); /* "—" and "-" both come back as the mark "—" ... */
    EQ_INT(stray, 0);  /* ... and no number cell does */
    OK(witnessed >= 6);                 /* a clean scan: the engines agree on most cells ... */
    EQ_INT(witnessed_right, witnessed); /* ... and a witnessed number is the cell's own */
    nb_doc_free(d);
    nb_buf_free(&pdf);
}

/* A born-digital PDF ending in a blank page (LibreOffice leaves one at times): no text, no image, no
 * ink; it is not sent to OCR, so the document is not an OCR'd one (ocr_pages 0: its values are not put
 * under the guard) and no page is reported as lacking its text layer. A page that draws a line (a
 * scan's vector twin: outlined text) still goes to OCR. */
static void test_blank_page(void)
{
    nb_buf pdf = NB_BUF_INIT;
    nb_err err = {0};
    cairo_surface_t *ps = cairo_pdf_surface_create_for_stream(to_buf, &pdf, 300, 200);
    cairo_t *c = cairo_create(ps);
    cairo_select_font_face(c, "sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(c, 12);
    cairo_move_to(c, 40, 80);
    cairo_show_text(c, "2024 report 43 10");
    cairo_show_page(c); /* page 2: nothing drawn */
    cairo_show_page(c);
    cairo_destroy(c);
    cairo_surface_finish(ps);
    cairo_surface_destroy(ps);
    nb_ocr_set_mode("auto");
    nb_doc *d = nb_pdf_read(pdf.ptr, pdf.len, "blank.pdf", &err);
    OK(d != NULL);
    if (d) {
        EQ_INT(d->ocr_pages, 0);
        int named = 0, ocr = 0;
        for (size_t i = 0; i < d->nwarnings; i++) {
            named += strstr(d->warnings[i], "no text layer on page 2") != NULL;
            ocr += strstr(d->warnings[i], "OCR:") != NULL;
        }
        EQ_INT(named, 0);
        EQ_INT(ocr, 0);
        OK(d->nblocks > 0);
    }
    nb_doc_free(d);
    nb_buf_free(&pdf);

    nb_buf inked = NB_BUF_INIT; /* page 2 holds one stroked line and no text: not blank */
    ps = cairo_pdf_surface_create_for_stream(to_buf, &inked, 300, 200);
    c = cairo_create(ps);
    cairo_select_font_face(c, "sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(c, 12);
    cairo_move_to(c, 40, 80);
    cairo_show_text(c, "2024 report 43 10");
    cairo_show_page(c);
    cairo_move_to(c, 40, 100);
    cairo_line_to(c, 260, 100);
    cairo_stroke(c);
    cairo_show_page(c);
    cairo_destroy(c);
    cairo_surface_finish(ps);
    cairo_surface_destroy(ps);
    nb_ocr_set_mode("never");
    d = nb_pdf_read(inked.ptr, inked.len, "inked.pdf", &err);
    OK(d != NULL);
    int named = 0;
    for (size_t i = 0; d && i < d->nwarnings; i++)
        named += strstr(d->warnings[i], "no text layer on page 2") != NULL;
    EQ_INT(named, 1);
    nb_doc_free(d);
    nb_buf_free(&inked);
    nb_ocr_set_mode("auto");
}

int main(void)
{
    test_blank_page();
    test_guard_consistent();
    test_guard_rectangle();
    test_ocr_page();
    test_ocr_cells();
    test_ocr_enumerated();
    test_ocr_sentence();
    test_ocr_wrapped_label();
    test_detect();
    test_modes();
    test_identities();
    test_guard();
    test_guard_witnesses();
    test_guard_agency();
    test_guard_released_agency();
    test_guard_witness();
    test_guard_year();
    test_guard_marked();
    test_guard_unread_row();
    DONE();
}
