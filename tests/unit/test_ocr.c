/* test_ocr.c - issue 12 pieces that need no Tesseract or LibreOffice: detection of .doc/.wps/.rtf/
 * .odt, the --ocr modes, the identity lists and the OCR guard on a record with a misread cell. */
#include "extract.h"
#include "harness.h"
#include "tables.h"

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
    OK(r->doc->nwarnings >= 1 && strstr(r->doc->warnings[0], "t3.withheld_law.natural_person"));
    nb_report_free(r);
}

int main(void)
{
    test_detect();
    test_modes();
    test_identities();
    test_guard();
    DONE();
}
