/* test_sections.c - the section parser and the agency/year reader on wordings the corpus does
 * not all show: title forms, glued and split headings, other numbering separators. */
#include "cli.h"
#include "harness.h"

static nb_report *run(const char *text)
{
    nb_err err = {0};
    return nb_process_mem(text, strlen(text), "mem.txt", &err);
}

static void expect_agency(const char *text, const char *agency, int year)
{
    nb_report *r = run(text);
    OK(r != NULL);
    if (!r)
        return;
    EQ_STR(r->agency, agency);
    EQ_INT(r->year, year);
    nb_report_free(r);
}

static const char *const body =
    "\n一、总体情况\n本局全面推进政务公开。\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n"
    "四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n问题一。\n六、其他需要报告的事项\n无。\n";

static void titled(const char *title, const char *agency, int year)
{
    char buf[2048];
    snprintf(buf, sizeof buf, "%s%s", title, body);
    expect_agency(buf, agency, year);
}

/* A title the layout broke into two paragraphs (an OCR'd page, where no text reader rejoins the
 * lines): the year in the first, 报告 in the second. */
static void split_title(void)
{
    static const char *const paras[] = {"某某市某某区司法局2024年政府信息公", "开工作年度报告", "一、总体情况",
                                        "本局全面推进政务公开。"};
    nb_report r = {.doc = nb_doc_new(NB_FMT_PDF, "scan.pdf")};
    for (size_t i = 0; i < sizeof paras / sizeof paras[0]; i++)
        nb_doc_add_text(r.doc, NB_BLOCK_PARA, paras[i], strlen(paras[i]));
    nb_sections_parse(&r);
    EQ_STR(r.agency, "某某市某某区司法局");
    EQ_INT(r.year, 2024);
    nb_doc_free(r.doc);
}

int main(void)
{
    nb_report *r0;
    titled("惠农区司法局 2024 年政府信息公开工作 年度报告", "惠农区司法局", 2024);
    titled("2023年北京市朝阳区人民政府政府信息公开工作年度报告", "北京市朝阳区人民政府", 2023);
    titled("某某市生态环境局关于2024年度政府信息公开工作的报告", "某某市生态环境局", 2024);
    titled("某某县教育局\n2022年度政府信息公开工作年度报告", "某某县教育局", 2022);
    titled("政府信息公开工作年度报告（2021年度）\n某某区民政局", "某某区民政局", 2021);
    split_title();
    /* no title at all: the body names the agency */
    expect_agency("一、总体情况\n2024年，某某区司法局深入贯彻条例。\n二、主动公开政府信息情况\n", "某某区司法局",
                  2024);
    /* a text browser's dump: the page's chrome runs into the title (one paragraph up to the first
     * heading), the body opens "2023年，在上级党委…": the Han run before the title's year names the
     * agency, and "在上级党委" (a preposition first) never does */
    expect_agency("当前位置：首页 > 政务公开\n\n发布时间：2024-01-23　来源：某某区卫生健康局　字号：[大 中 小]\n\n"
                  "某某区卫生健康局2023年政府信息公开工作年度报告\n\n根据《条例》要求，现发布本报告\n"
                  "一、总体情况\n2023年，在上级党委、政府的正确领导下，某某区卫生健康局推进公开。\n"
                  "二、主动公开政府信息情况\n",
                  "某某区卫生健康局", 2023);
    /* the title lost into table cells (get_text("\t")): the intro sentence "…，现发布X局2023年…报告。"
     * names the report in prose, its Han run "现发布X局" is no agency */
    r0 = run("根据《条例》要求，现发布某某区水利局2023年政府信息公开工作年度报告。\n一、总体情况\n"
             "2023年，我局推进公开。\n二、主动公开政府信息情况\n");
    OK(r0 && r0->agency == NULL && r0->year == 2023);
    nb_report_free(r0);
    r0 = run("一、总体情况\n2023年，在上级党委、政府的正确领导下，我局推进公开。\n二、主动公开政府信息情况\n");
    OK(r0 && r0->agency == NULL);
    nb_report_free(r0);

    /* headings: other separators, glued text, a heading split over two lines, other wordings */
    nb_report *r = run("某局2024年政府信息公开工作年度报告\n一．总体情况。本局推进公开。\n（一）主动公开\n正文。\n"
                       "二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n"
                       "四、政府信息公开行政复议、行政\n诉讼情况\n五、存在的主要问题及改进措施\n一是不足。\n"
                       "六、其他需要报告的事项\n无。\n");
    OK(r != NULL);
    if (r) {
        EQ_STR(r->sections[0].title, "总体情况");
        EQ_STR(r->sections[0].text, "本局推进公开。\n（一）主动公开\n正文。");
        EQ_STR(r->sections[3].title, "政府信息公开行政复议、行政诉讼情况");
        EQ_STR(r->sections[4].title, "存在的主要问题及改进措施");
        EQ_STR(r->sections[4].text, "一是不足。");
        EQ_STR(r->sections[5].text, "无。");
        nb_report_free(r);
    }
    /* a table row that starts with 三、 inside section 3 is not a heading */
    r = run("某局2024年政府信息公开工作年度报告\n一、总体情况\n正文。\n三、本年度办理结果\n");
    OK(r && r->sections[2].title == NULL);
    nb_report_free(r);
    DONE();
}
