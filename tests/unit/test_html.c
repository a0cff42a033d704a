/* test_html.c - the HTML reader on small pages: chrome dropped, text joined and collapsed,
 * rowspan/colspan grids, charsets, layout tables, and hostile pages (deep, huge, empty). */
#include "cli.h"
#include "extract.h"
#include "harness.h"

#include <stdlib.h>
#include <string.h>

static nb_doc *read_str(const char *html, nb_err *err)
{
    return nb_html_read(html, strlen(html), "t.html", err);
}

/* All paragraph texts joined with '|', tables as "[T]". */
static char *flat(const nb_doc *d)
{
    nb_buf b = NB_BUF_INIT;
    for (size_t i = 0; d && i < d->nblocks; i++) {
        if (i)
            nb_buf_putc(&b, '|');
        nb_buf_puts(&b, d->blocks[i].kind == NB_BLOCK_TABLE ? "[T]" : d->blocks[i].text);
    }
    return nb_buf_detach(&b);
}

static const nb_table *first_table(const nb_doc *d)
{
    for (size_t i = 0; d && i < d->nblocks; i++)
        if (d->blocks[i].kind == NB_BLOCK_TABLE)
            return d->blocks[i].table;
    return NULL;
}

static const char *at(const nb_table *t, int r, int c)
{
    const nb_cell *cell = t ? nb_table_at(t, r, c) : NULL;
    return cell ? cell->text : "(hole)";
}

#define PORTAL_HEAD                                                                              \
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>某区司法局2024年政府信息公开工作年度报告" \
    "</title><style>p{color:red}</style><script>var x='一、总体情况';</script></head><body>"      \
    "<div class=\"top\"><ul><li><a href=\"/\">首页</a></li><li><a href=\"/z\">政务公开</a></li></ul></div>" \
    "<div class=\"crumb\">当前位置：<a href=\"/\">首页</a> &gt; <a href=\"/n\">年度报告</a></div>"
#define PORTAL_FOOT                                                                              \
    "<div class=\"foot\"><p>主办单位：某区人民政府办公室</p><p><a href=\"/m\">网站地图</a></p></div>" \
    "</body></html>"

static void test_portal(void)
{
    const char *page =
        PORTAL_HEAD
        "<div class=\"wrap\"><div class=\"side\"><h3>热点</h3><a href=\"/1\">2023年政府信息公开工作年度报告</a></div>"
        "<div class=\"art\"><h1>某区司法局2024年政府信息公开工作年度报告</h1>"
        "<div class=\"meta\">发布时间：2025-01-20 来源：本站</div>"
        "<div class=\"con\">"
        "<p><strong>一、总体情况</strong></p><p>&nbsp;&nbsp;本机关\n  依法公开。</p>"
        "<p><strong>二、主动公开政府信息情况</strong></p>"
        "<table border=1><tr><td colspan=4>第二十条第（一）项</td></tr>"
        "<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>"
        "<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>"
        "<tr><td>规范性文件</td><td>0</td><td>7</td><td>6</td></tr></table>"
        "<p><strong>三、收到和处理政府信息公开申请情况</strong></p>"
        "<p><strong>四、政府信息公开行政复议、行政诉讼情况</strong></p>"
        "<p><strong>五、存在的主要问题及改进情况</strong></p><p>无。</p>"
        "<p><strong>六、其他需要报告的事项</strong></p><p>本机关无其他需要报告的事项。</p>"
        "</div><div class=\"share\">分享到：<a href=\"#\">微信</a><a href=\"#\">微博</a></div></div></div>"
        PORTAL_FOOT;
    nb_err err = {0};
    nb_doc *d = read_str(page, &err);
    OK(d != NULL);
    if (!d)
        return;
    EQ_INT(d->format, NB_FMT_HTML);
    char *f = flat(d);
    EQ_STR(f, "某区司法局2024年政府信息公开工作年度报告|一、总体情况|本机关依法公开。|"
              "二、主动公开政府信息情况|[T]|三、收到和处理政府信息公开申请情况|"
              "四、政府信息公开行政复议、行政诉讼情况|五、存在的主要问题及改进情况|无。|"
              "六、其他需要报告的事项|本机关无其他需要报告的事项。");
    free(f);
    EQ_INT(d->blocks[0].level, 1);
    EQ_INT(d->blocks[1].level, 0);
    OK(d->blocks[1].flags & NB_BF_BOLD);
    OK(!(d->blocks[2].flags & NB_BF_BOLD));
    const nb_table *t = first_table(d);
    OK(t && t->nrows == 4 && t->ncols == 4);
    EQ_STR(at(t, 0, 3), "第二十条第（一）项");
    EQ_STR(at(t, 3, 2), "7");
    nb_doc_free(d);
}

/* The HTML spec's placement: a cell goes to the first column its row has free. */
static void test_spans(void)
{
    const char *page =
        "<html><body><table>"
        "<tr><td rowspan=3>A</td><td colspan=2>B</td><td rowspan=2>C</td></tr>"
        "<tr><td>D</td><td rowspan=2 colspan=1>E</td></tr>"
        "<tr><td>F</td><td>G</td></tr>"
        "<tr><td colspan=\"3\">H</td><td>I</td></tr>"
        "<tr><td><p>x</p><p>y <b>z</b></p></td><td></td><td rowspan=0>J</td></tr>"
        "</table></body></html>";
    nb_err err = {0};
    nb_doc *d = read_str(page, &err);
    const nb_table *t = first_table(d);
    OK(t != NULL);
    EQ_INT(t ? t->nrows : 0, 5);
    EQ_INT(t ? t->ncols : 0, 4);
    EQ_STR(at(t, 2, 0), "A");
    EQ_STR(at(t, 0, 2), "B");
    EQ_STR(at(t, 1, 3), "C");
    EQ_STR(at(t, 1, 1), "D");
    EQ_STR(at(t, 2, 2), "E");
    EQ_STR(at(t, 2, 1), "F");
    EQ_STR(at(t, 2, 3), "G");
    EQ_STR(at(t, 3, 2), "H");
    EQ_STR(at(t, 3, 3), "I");
    EQ_STR(at(t, 4, 0), "x\ny z");
    EQ_STR(at(t, 4, 1), "");
    EQ_STR(at(t, 4, 2), "J");
    const nb_cell *e = t ? nb_table_at(t, 1, 2) : NULL;
    OK(e && e->row == 1 && e->col == 2 && e->rowspan == 2 && !strcmp(e->text, "E"));
    nb_doc_free(d);
}

static void test_text(void)
{
    const char *page =
        "<html><body><div>"
        "<p><span style=\"font-size:16px\">本年</span><span>新</span><font>收</font><b>申请</b>\n"
        "<a href=\"x\">12</a>件</p>"
        "<p>甲\n乙 丙&nbsp;&nbsp;丁\tA\nB</p>"
        "<div>前<br>后<br/><br>末</div>"
        "<h2>某某局<br>2024年度报告</h2>"
        "<p style=\"display: none\">隐藏</p><p hidden>也隐藏</p>"
        "<pre>a  b\n  c</pre>"
        "<div>外<p>内</p>尾</div><nav>导航</nav>"
        "</div></body></html>";
    nb_err err = {0};
    nb_doc *d = read_str(page, &err);
    char *f = flat(d);
    EQ_STR(f, "本年新收申请 12件|甲乙 丙 丁 A B|前|后|末|某某局 2024年度报告|a  b|  c|外|内|尾");
    free(f);
    EQ_INT(d && d->nblocks > 5 ? d->blocks[5].level : -1, 2);
    nb_doc_free(d);
}

static void test_charsets(void)
{
    nb_err err = {0};
    const char gbk[] = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
                       "</head><body><p>\xD5\xFE\xB8\xAE\xD0\xC5\xCF\xA2\xB9\xAB\xBF\xAA\xB9\xA4\xD7\xF7"
                       "\xC4\xEA\xB6\xC8\xB1\xA8\xB8\xE6</p></body></html>";
    nb_doc *d = nb_html_read(gbk, sizeof gbk - 1, NULL, &err);
    char *f = flat(d);
    EQ_STR(f, "政府信息公开工作年度报告");
    free(f);
    OK(d && d->nwarnings == 1 && strstr(d->warnings[0], "GB18030"));
    nb_doc_free(d);

    const char big5[] = "<html><body><p>\xAC" "F\xA9\xB2\xB8\xEA\xB0T\xA4\xBD\xB6}\xA4u\xA7@\xA6~"
                        "\xAB\xD7\xB3\xF8\xA7i</p><p>\xA5\xBB\xBE\xF7\xC3\xF6\xB5L</p></body></html>";
    d = nb_html_read(big5, sizeof big5 - 1, NULL, &err);
    f = flat(d);
    EQ_STR(f, "政府資訊公開工作年度報告|本機關無");
    free(f);
    nb_doc_free(d);

    /* A stale <meta> (page re-saved as UTF-8 by a scraper): the bytes win. */
    d = read_str("<meta charset=gbk><p>总体情况</p>", &err);
    f = flat(d);
    EQ_STR(f, "总体情况");
    free(f);
    nb_doc_free(d);

    const char bom[] = "\xEF\xBB\xBF<html><body><p>年度报告</p></body></html>";
    d = nb_html_read(bom, sizeof bom - 1, NULL, &err);
    f = flat(d);
    EQ_STR(f, "年度报告");
    free(f);
    nb_doc_free(d);
}

/* Old portals lay the page out with tables: those are containers, the inner ones are data. */
static void test_layout_tables(void)
{
    const char *page =
        "<html><body><table width=100%><tr><td><a href=/>首页</a></td><td><a href=/a>机构</a></td></tr>"
        "<tr><td colspan=2><table><tr><td class=title>某县2024年政府信息公开工作年度报告</td></tr>"
        "<tr><td>2025-01-10</td></tr></table></td></tr>"
        "<tr><td colspan=2><p>一、总体情况</p><p>正文。</p><p>三、收到和处理政府信息公开申请情况</p>"
        "<table><tr><td rowspan=2>本年新收</td><td>自然人</td></tr><tr><td>0</td></tr></table>"
        "<p>六、其他需要报告的事项</p></td></tr>"
        "<tr><td colspan=2>版权所有</td></tr></table></body></html>";
    nb_err err = {0};
    nb_doc *d = read_str(page, &err);
    char *f = flat(d);
    EQ_STR(f, "某县2024年政府信息公开工作年度报告|一、总体情况|正文。|三、收到和处理政府信息公开申请情况|[T]|"
              "六、其他需要报告的事项");
    free(f);
    const nb_table *t = first_table(d);
    EQ_STR(at(t, 1, 0), "本年新收");
    EQ_STR(at(t, 1, 1), "0");
    nb_doc_free(d);
}

/* No report: the page comes back whole, minus menus of links. */
static void test_no_report(void)
{
    nb_err err = {0};
    nb_doc *d = read_str("<html><body><ul><li><a href=/>首页</a></li></ul><p>天气晴。</p>"
                         "<footer>联系我们</footer></body></html>", &err);
    char *f = flat(d);
    EQ_STR(f, "天气晴。|联系我们");
    free(f);
    nb_doc_free(d);
    d = read_str("<html><body><script>x()</script><p> &nbsp; </p></body></html>", &err);
    OK(d == NULL);
    EQ_INT(err.code, NB_EFORMAT);
}

/* Inline soup never closed (Word exports, hand edits): cells and rows still start new cells. */
static void test_unclosed_inline(void)
{
    nb_err err = {0};
    nb_doc *d = read_str("<html><body><h1><span>某局<span>2024年政府信息公开工作年度报告</h1>"
                         "<p><span>根据条例，现发布某局2024年政府信息公开工作年度报告。<p><span>正文"
                         "<table><tr><td><span>本年新收<td><font>自然人<font>甲<tr><td><b>1<td>2"
                         "</table></body></html>", &err);
    char *f = flat(d);
    EQ_STR(f, "某局2024年政府信息公开工作年度报告|根据条例，现发布某局2024年政府信息公开工作年度报告。|正文|[T]");
    free(f);
    const nb_table *t = first_table(d);
    EQ_INT(t ? t->nrows : 0, 2);
    EQ_INT(t ? t->ncols : 0, 2);
    EQ_STR(at(t, 0, 1), "自然人甲");
    EQ_STR(at(t, 1, 0), "1");
    EQ_STR(at(t, 1, 1), "2");
    nb_doc_free(d);
}

static void test_broken(void)
{
    nb_err err = {0};
    nb_doc *d = read_str("<html><body><p>一<b>二<p>三</b></i><table><td>甲<td>乙<tr><td colspan=99999>丙"
                         "</div></span><p>四", &err);
    OK(d != NULL);
    const nb_table *t = first_table(d);
    EQ_STR(at(t, 0, 1), "乙");
    OK(!strncmp(at(t, 1, 0), "丙", 3));
    nb_doc_free(d);
    d = read_str("<table><tr><td>&#0;&#xD800;&bogus;<![CDATA[x]]><!-- c --></td></tr></table>", &err);
    OK(d != NULL);
    nb_doc_free(d);
}

static char *repeat(const char *head, const char *unit, size_t times, const char *tail, size_t *len)
{
    size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
    char *buf = malloc(hl + ul * times + tl + 1), *p = buf;
    memcpy(p, head, hl), p += hl;
    for (size_t i = 0; i < times; i++, p += ul)
        memcpy(p, unit, ul);
    memcpy(p, tail, tl), p += tl;
    *p = 0;
    *len = (size_t)(p - buf);
    return buf;
}

static void test_hostile(void)
{
    nb_err err = {0};
    size_t len;
    /* 1000 deep: read, the structure below NB_MAX_XML_DEPTH flattened. */
    char *deep = repeat("<html><body>", "<div><span>", 500, "<p>底</p>", &len);
    nb_doc *d = nb_html_read(deep, len, NULL, &err);
    char *f = flat(d);
    EQ_STR(f, "底");
    free(f);
    OK(d && d->nwarnings >= 1 && strstr(d->warnings[d->nwarnings - 1], "nested deeper"));
    nb_doc_free(d);
    free(deep);
    /* 100k deep: refused once past NB_MAX_HTML_NESTING. */
    deep = repeat("<html><body>", "<div><span>", 100000, "<p>底</p>", &len);
    d = nb_html_read(deep, len, NULL, &err);
    OK(d == NULL);
    EQ_INT(err.code, NB_ELIMIT);
    free(deep);
    /* Stray end tags under deep nesting (libxml2 searches its whole stack for each). */
    deep = repeat("<html><body><div><div><div><div>", "</span>", 2000000, "<p>末</p>", &len);
    d = nb_html_read(deep, len, NULL, &err);
    f = flat(d);
    EQ_STR(f, "末");
    free(f);
    nb_doc_free(d);
    free(deep);

    /* 50 MB of paragraphs: refused at the text cap, not read to the end. */
    char *big = repeat("<html><body>", "<p>本机关依法公开政府信息。</p>", 50u * 1024 * 1024 / 46, "", &len);
    d = nb_html_read(big, len, NULL, &err);
    OK(d == NULL);
    EQ_INT(err.code, NB_ELIMIT);
    free(big);

    /* 50 MB inside one attribute (an inlined image): ignored, the report is read. */
    char *img = repeat("<html><body><p>正文</p><img src=\"data:image/png;base64,", "QUJD", 50u << 18,
                       "\"><p>结尾</p></body></html>", &len);
    d = nb_html_read(img, len, NULL, &err);
    f = flat(d);
    EQ_STR(f, "正文|结尾");
    OK(d && d->nwarnings == 1 && strstr(d->warnings[0], "was cut"));
    free(f);
    nb_doc_free(d);
    free(img);
}

/* A page printing its report title only in <title> (or outside the article): agency and year
 * from it, the site name after "_" dropped. */
static void test_page_title(void)
{
    const char *page =
        "<html><head><title>\n 测试市2025年政府信息公开工作年度报告_测试市人民政府门户网站 </title></head><body>"
        "<div class=\"nav\"><a href=\"/\">首页</a></div><div class=\"art\">"
        "<p><strong>一、总体情况</strong></p><p>本机关依法公开。</p>"
        "<p><strong>二、主动公开政府信息情况</strong></p><p>见下表。</p>"
        "<p><strong>三、收到和处理政府信息公开申请情况</strong></p><p>本年新收申请。</p>"
        "<p><strong>四、政府信息公开行政复议、行政诉讼情况</strong></p><p>无行政复议、行政诉讼。</p>"
        "<p><strong>五、存在的主要问题及改进情况</strong></p><p>仍有不足。</p>"
        "<p><strong>六、其他需要报告的事项</strong></p><p>无。</p></div></body></html>";
    nb_err err;
    nb_doc *d = read_str(page, &err);
    char *f = flat(d);
    OK(f && !strncmp(f, "测试市2025年政府信息公开工作年度报告|", strlen("测试市2025年政府信息公开工作年度报告|")));
    free(f);
    nb_doc_free(d);
    nb_report *r = nb_process_mem(page, strlen(page), "t.html", &err);
    OK(r && r->agency && !strcmp(r->agency, "测试市") && r->year == 2025);
    nb_report_free(r);
    /* a <title> that is no report title is not emitted */
    d = read_str("<html><head><title>首页_测试市人民政府</title></head><body><p>本机关依法公开。</p></body></html>", &err);
    f = flat(d);
    OK(f && !strstr(f, "首页"));
    free(f);
    nb_doc_free(d);
}

int main(void)
{
    test_page_title();
    test_portal();
    test_spans();
    test_text();
    test_charsets();
    test_layout_tables();
    test_no_report();
    test_broken();
    test_unclosed_inline();
    test_hostile();
    DONE();
}
