/* test_docx.c - the DOCX reader against the blank national template (its merged-cell grids) and
 * against small packages built here in memory: runs, fields, deletions, text boxes, numbering. */
#include "harness.h"

#include "docx_internal.h"

#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define TEMPLATE "template/template2021.docx"
#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

/* Builds a ZIP in memory from name/content pairs (NULL-terminated); caller frees. */
static char *make_zip(const char *const *parts, size_t *len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_source_keep(src);
    zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    for (int i = 0; parts[i]; i += 2) {
        zip_source_t *s = zip_source_buffer(z, parts[i + 1], strlen(parts[i + 1]), 0);
        zip_file_add(z, parts[i], s, ZIP_FL_OVERWRITE);
    }
    zip_close(z);
    zip_source_open(src);
    zip_source_seek(src, 0, SEEK_END);
    *len = (size_t)zip_source_tell(src);
    zip_source_seek(src, 0, SEEK_SET);
    char *buf = malloc(*len ? *len : 1);
    zip_source_read(src, buf, *len);
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&ze);
    return buf;
}

static nb_doc *read_parts(const char *const *parts, nb_err *err)
{
    size_t len;
    char *buf = make_zip(parts, &len);
    nb_doc *d = nb_docx_read(buf, len, "mem.docx", err);
    free(buf);
    return d;
}

static const nb_table *nth_table(const nb_doc *d, int n)
{
    for (size_t i = 0; i < d->nblocks; i++)
        if (d->blocks[i].kind == NB_BLOCK_TABLE && n-- == 0)
            return d->blocks[i].table;
    return NULL;
}

static int count_tables(const nb_doc *d)
{
    int n = 0;
    for (size_t i = 0; i < d->nblocks; i++)
        n += d->blocks[i].kind == NB_BLOCK_TABLE;
    return n;
}

/* Checks the cell at (r,c) starts there with these spans and text prefix. */
static int cell_is(const nb_table *t, int r, int c, int rs, int cs, const char *prefix)
{
    const nb_cell *x = t ? nb_table_at(t, r, c) : NULL;
    int ok = x && x->row == r && x->col == c && x->rowspan == rs && x->colspan == cs &&
             !strncmp(x->text, prefix, strlen(prefix));
    if (!ok)
        fprintf(stderr, "  cell (%d,%d): got %s rs=%d cs=%d at (%d,%d)\n", r, c,
                x ? x->text : "(hole)", x ? x->rowspan : 0, x ? x->colspan : 0, x ? x->row : -1,
                x ? x->col : -1);
    return ok;
}

static void test_template(void)
{
    size_t len;
    char *buf = nb_t_slurp(TEMPLATE, &len);
    OK(buf != NULL);
    if (!buf)
        return;
    nb_err err = {0};
    nb_doc *d = nb_docx_read(buf, len, TEMPLATE, &err);
    free(buf);
    OK(d != NULL);
    if (!d)
        return;
    EQ_INT(d->format, NB_FMT_DOCX);
    EQ_INT(count_tables(d), 3);
    const nb_table *t2 = nth_table(d, 0), *t3 = nth_table(d, 1), *t4 = nth_table(d, 2);
    EQ_INT(t2->nrows, 14);
    EQ_INT(t2->ncols, 4);
    EQ_INT(t3->nrows, 28);
    EQ_INT(t3->ncols, 10);
    EQ_INT(t4->nrows, 4);
    EQ_INT(t4->ncols, 15);
    EQ_INT(t3->ncells, 215);
    OK(cell_is(t2, 0, 0, 1, 4, "第二十条第（一）项"));
    OK(cell_is(t2, 5, 1, 1, 3, "本年处理决定数量"));
    OK(cell_is(t2, 2, 0, 1, 1, "规章"));
    OK(cell_is(t3, 0, 0, 3, 3, "（本列数据的勾稽关系"));
    OK(cell_is(t3, 0, 3, 1, 7, "申请人情况"));
    OK(cell_is(t3, 1, 3, 2, 1, "自然人"));
    OK(cell_is(t3, 1, 4, 1, 5, "法人或其他组织"));
    OK(cell_is(t3, 1, 9, 2, 1, "总计"));
    OK(cell_is(t3, 2, 4, 1, 1, "商业\n企业"));
    OK(cell_is(t3, 5, 0, 22, 1, "三、本年度办理结果"));
    OK(cell_is(t3, 5, 1, 1, 2, "（一）予以公开"));
    OK(cell_is(t3, 7, 1, 8, 1, "（三）不予公开"));
    OK(cell_is(t3, 7, 2, 1, 1, "1.属于国家秘密"));
    OK(cell_is(t3, 15, 1, 3, 1, "（四）无法提供"));
    OK(cell_is(t3, 23, 1, 3, 1, "（六）其他处理"));
    OK(cell_is(t3, 26, 1, 1, 2, "（七）总计"));
    OK(cell_is(t3, 27, 0, 1, 3, "四、结转下年度继续办理"));
    OK(cell_is(t3, 27, 9, 1, 1, ""));
    OK(cell_is(t4, 0, 0, 1, 5, "行政复议"));
    OK(cell_is(t4, 0, 5, 1, 10, "行政诉讼"));
    OK(cell_is(t4, 1, 0, 2, 1, "结果维持"));
    OK(cell_is(t4, 1, 5, 1, 5, "未经复议直接起诉"));
    OK(cell_is(t4, 2, 14, 1, 1, "总计"));
    OK(cell_is(t4, 3, 14, 1, 1, ""));
    /* headings come through as paragraphs, in order, before the tables they introduce */
    int seen = 0;
    for (size_t i = 0; i < d->nblocks; i++)
        if (d->blocks[i].kind == NB_BLOCK_PARA && !strcmp(d->blocks[i].text, "二、主动公开政府信息情况"))
            seen = d->blocks[i + 1].kind == NB_BLOCK_TABLE;
    OK(seen);
    nb_doc_free(d);
}

static const char numbering_xml[] =
    "<w:numbering " W_NS ">"
    "<w:abstractNum w:abstractNumId=\"7\">"
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/>"
    "<w:lvlText w:val=\"%1、\"/><w:pStyle w:val=\"H1\"/></w:lvl>"
    "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/>"
    "<w:lvlText w:val=\"（%2）\"/></w:lvl>"
    "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>"
    "<w:lvlText w:val=\"%1.%3.\"/><w:isLgl/></w:lvl>"
    "</w:abstractNum>"
    "<w:abstractNum w:abstractNumId=\"8\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"3\"/>"
    "<w:numFmt w:val=\"ideographTraditional\"/><w:lvlText w:val=\"%1.\"/></w:lvl></w:abstractNum>"
    "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"7\"/></w:num>"
    "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"8\"/></w:num>"
    "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"7\"/>"
    "<w:lvlOverride w:ilvl=\"1\"><w:startOverride w:val=\"5\"/></w:lvlOverride></w:num>"
    "</w:numbering>";

static const char styles_xml[] =
    "<w:styles " W_NS ">"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"H1\"><w:name w:val=\"heading 1\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr>"
    "<w:outlineLvl w:val=\"0\"/></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"H1x\"><w:name w:val=\"My heading\"/>"
    "<w:basedOn w:val=\"H1\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"H2\"><w:name w:val=\"Heading 2\"/></w:style>"
    "</w:styles>";

#define P(x) "<w:p>" x "</w:p>"
#define R(x) "<w:r>" x "</w:r>"
#define T(x) "<w:t>" x "</w:t>"
#define NUM(id, lvl) "<w:pPr><w:numPr><w:ilvl w:val=\"" #lvl "\"/><w:numId w:val=\"" #id "\"/></w:numPr></w:pPr>"

static const char body_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
    "<w:document " W_NS " xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\">"
    "<w:body>"
    "<w:p><w:pPr><w:pStyle w:val=\"H1\"/></w:pPr>" R(T("总体情况")) "</w:p>"             /* 0 */
    P(NUM(1, 1) R(T("第一项")))                                                              /* 1 */
    P(NUM(1, 1) R(T("第二项")))                                                              /* 2 */
    P(NUM(1, 2) R(T("细目")))                                                                /* 3 */
    "<w:p><w:pPr><w:pStyle w:val=\"H1x\"/></w:pPr>" R(T("主动公开")) "</w:p>"              /* 4 */
    P(NUM(1, 1) R(T("再起")))                                                                /* 5 */
    P(NUM(3, 1) R(T("覆盖")))                                                                /* 6 */
    P(NUM(2, 0) R(T("甲项")) R("<w:tab/>" T("b") "<w:br/>" T("c") "<w:noBreakHyphen/><w:softHyphen/>")
      R("<w:sym w:font=\"Wingdings\" w:char=\"2460\"/>"))                                   /* 7 */
    P(R(T("保留")) "<w:del>" R("<w:delText>删除</w:delText>") "</w:del>"
      "<w:ins>" R(T("插入")) "</w:ins>" "<w:hyperlink>" R(T("链接")) "</w:hyperlink>"
      R("<w:fldChar w:fldCharType=\"begin\"/>") R("<w:instrText> PAGE </w:instrText>")
      R(T("隐藏")) R("<w:fldChar w:fldCharType=\"separate\"/>") R(T("结果"))
      R("<w:fldChar w:fldCharType=\"end\"/>")
      R("<w:rPr><w:vanish/></w:rPr>" T("看不见"))
      "<w:sdt><w:sdtPr><w:alias w:val=\"x\"/></w:sdtPr><w:sdtContent>" R(T("控件"))
      "</w:sdtContent></w:sdt>")                                                             /* 8 */
    P(R(T("锚")) R("<mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><w:txbxContent>"
      P(R(T("框内"))) "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict>"
      "<w:txbxContent>" P(R(T("框内"))) "</w:txbxContent></w:pict></mc:Fallback>"
      "</mc:AlternateContent>") R(T("点")))                                                   /* 9, 10 */
    "<w:p><w:pPr><w:pStyle w:val=\"H2\"/></w:pPr>" R("<w:rPr><w:b/></w:rPr>" T("二级")) "</w:p>" /* 11 */
    P(R("<w:br w:type=\"page\"/>"))
    "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
    "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/><w:vMerge w:val=\"restart\"/></w:tcPr>"
    P(R(T("A"))) P("") P(R(T("A2"))) "</w:tc><w:tc>" P(R(T("B"))) "</w:tc></w:tr>"
    "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/><w:vMerge/></w:tcPr>" P("") "</w:tc>"
    "<w:tc><w:tbl><w:tr><w:tc>" P(R(T("n1"))) "</w:tc><w:tc>" P(R(T("n2"))) "</w:tc></w:tr></w:tbl>"
    P("") "</w:tc></w:tr>"
    "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr><w:tc>" P(R(T("C"))) "</w:tc>"
    "<w:tc><w:tcPr><w:vMerge/></w:tcPr>" P(R(T("D"))) "</w:tc></w:tr>"
    "</w:tbl>"
    P(R(T("完")))
    "<w:sectPr/></w:body></w:document>";

static const char *block_text(const nb_doc *d, size_t i)
{
    return i < d->nblocks && d->blocks[i].text ? d->blocks[i].text : "(none)";
}

static void test_features(void)
{
    const char *const parts[] = {"word/document.xml", body_xml, "word/numbering.xml", numbering_xml,
                                 "word/styles.xml", styles_xml, NULL};
    nb_err err = {0};
    nb_doc *d = read_parts(parts, &err);
    OK(d != NULL);
    if (!d) {
        fprintf(stderr, "  %s\n", err.msg);
        return;
    }
    EQ_STR(block_text(d, 0), "一、总体情况");
    EQ_INT(d->blocks[0].level, 1);
    EQ_STR(block_text(d, 1), "（一）第一项");
    EQ_STR(block_text(d, 2), "（二）第二项");
    EQ_STR(block_text(d, 3), "1.1. 细目");
    EQ_STR(block_text(d, 4), "二、主动公开");
    EQ_INT(d->blocks[4].level, 1);
    EQ_STR(block_text(d, 5), "（一）再起");
    EQ_STR(block_text(d, 6), "（五）覆盖");
    EQ_STR(block_text(d, 7), "丙. 甲项\tb\nc-\xE2\x91\xA0");
    EQ_STR(block_text(d, 8), "保留插入链接结果控件");
    EQ_STR(block_text(d, 9), "锚点");
    EQ_STR(block_text(d, 10), "框内");
    EQ_STR(block_text(d, 11), "二级");
    EQ_INT(d->blocks[11].level, 2);
    EQ_INT(d->blocks[11].flags & NB_BF_BOLD, NB_BF_BOLD);
    OK(d->nblocks > 12 && d->blocks[12].kind == NB_BLOCK_TABLE);
    if (d->nblocks > 13) {
        EQ_INT(d->blocks[12].flags & NB_BF_PAGEBREAK, NB_BF_PAGEBREAK);
        const nb_table *t = d->blocks[12].table;
        EQ_INT(t->nrows, 3);
        EQ_INT(t->ncols, 3);
        EQ_INT(t->ncells, 5);
        OK(cell_is(t, 0, 0, 2, 2, "A\nA2"));
        OK(cell_is(t, 1, 2, 1, 1, "n1\nn2"));
        OK(cell_is(t, 2, 1, 1, 1, "C"));
        OK(cell_is(t, 2, 2, 1, 1, "D")); /* an orphan continuation starts a cell of its own */
        EQ_STR(block_text(d, 13), "完");
    }
    nb_doc_free(d);
}

static void test_grid(void)
{
    nb_doc *d = nb_doc_new(NB_FMT_DOCX, NULL);
    dx_grid *g = dx_grid_new(d);
    dx_grid_row(g);
    dx_grid_cell(g, 1, DX_MERGE_RESTART, DX_MERGE_NONE, "a", 1);
    dx_grid_cell(g, 1, DX_MERGE_NONE, DX_MERGE_NONE, "b", 1);
    dx_grid_cell(g, 1, DX_MERGE_NONE, DX_MERGE_CONTINUE, "c", 1); /* hMerge: b widens */
    dx_grid_row(g);
    dx_grid_cell(g, 1, DX_MERGE_CONTINUE, DX_MERGE_NONE, "", 0);
    dx_grid_cell(g, 2, DX_MERGE_RESTART, DX_MERGE_NONE, "d", 1);
    dx_grid_row(g);
    dx_grid_skip(g, 1);                                           /* a gridBefore gap */
    dx_grid_cell(g, 2, DX_MERGE_CONTINUE, DX_MERGE_NONE, "", 0);
    dx_grid_row(g);
    dx_grid_cell(g, 1, DX_MERGE_CONTINUE, DX_MERGE_NONE, "e", 1); /* a's merge ended on row 1 */
    const nb_table *t = d->blocks[0].table;
    dx_grid_end(g);
    EQ_INT(t->ncells, 4);
    EQ_INT(t->nrows, 4);
    EQ_INT(t->ncols, 3);
    OK(cell_is(t, 0, 0, 2, 1, "a"));
    OK(cell_is(t, 0, 1, 1, 2, "b")); /* a continuation's own text is hidden */
    OK(cell_is(t, 1, 1, 2, 2, "d"));
    OK(cell_is(t, 3, 0, 1, 1, "e"));
    OK(nb_table_at(t, 2, 0) == NULL);
    nb_doc_free(d);
}

static void test_numfmt(void)
{
    static const struct {
        const char *fmt;
        int v;
        const char *want;
    } cases[] = {
        {"chineseCounting", 1, "一"}, {"chineseCounting", 10, "十"},
        {"chineseCounting", 11, "十一"}, {"chineseCounting", 20, "二十"},
        {"chineseCounting", 105, "一百零五"}, {"chineseCountingThousand", 1010, "一千零一十"},
        {"japaneseCounting", 12, "十二"}, {"ideographTraditional", 2, "乙"},
        {"ideographTraditional", 11, "甲"}, {"decimalEnclosedCircle", 3, "③"},
        {"decimalEnclosedParen", 1, "⑴"}, {"decimalEnclosedCircle", 21, "21"},
        {"decimalFullWidth", 12, "１２"}, {"lowerLetter", 28, "bb"}, {"upperRoman", 14, "XIV"},
        {"chineseLegalSimplified", 10, "壹拾"}, {"decimalZero", 7, "07"}, {"bullet", 1, ""},
        {"somethingNew", 4, "4"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        nb_buf b = NB_BUF_INIT;
        dx_number_format(&b, cases[i].fmt, cases[i].v);
        EQ_STR(nb_buf_cstr(&b), cases[i].want);
        nb_buf_free(&b);
    }
}

static int fails_with(const char *const *parts, nb_code code, const char *needle)
{
    nb_err err = {0};
    nb_doc *d = read_parts(parts, &err);
    int ok = !d && err.code == code && strstr(err.msg, needle) && !strchr(err.msg, '\n');
    if (!ok)
        fprintf(stderr, "  expected %s, got code %d: %s\n", needle, err.code, err.msg);
    nb_doc_free(d);
    return ok;
}

static void test_refusals(void)
{
    const char *const nodoc[] = {"word/styles.xml", styles_xml, NULL};
    OK(fails_with(nodoc, NB_EFORMAT, "missing word/document.xml"));
    const char *const doctype[] = {"word/document.xml",
        "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaa\"><!ENTITY b \"&a;&a;&a;\">]>"
        "<w:document " W_NS "><w:body>" P(R(T("&b;"))) "</w:body></w:document>", NULL};
    OK(fails_with(doctype, NB_EFORMAT, "DOCTYPE"));
    const char *const xxe[] = {"word/document.xml",
        "<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><w:document " W_NS
        "><w:body>" P(R(T("&x;"))) "</w:body></w:document>", NULL};
    OK(fails_with(xxe, NB_EFORMAT, "DOCTYPE"));
    const char *const undeclared[] = {"word/document.xml",
        "<w:document " W_NS "><w:body>" P(R(T("&x;"))) "</w:body></w:document>", NULL};
    OK(fails_with(undeclared, NB_EFORMAT, "entit"));
    static char deep[64 + 300 * 7 + 300 * 8];
    strcpy(deep, "<w:document " W_NS ">");
    for (int i = 0; i < 300; i++)
        strcat(deep, "<w:sdt>");
    const char *const nested[] = {"word/document.xml", deep, NULL};
    OK(fails_with(nested, NB_ELIMIT, "nested deeper"));
    const char *const broken[] = {"word/document.xml", "<w:document " W_NS "><w:body>", NULL};
    OK(fails_with(broken, NB_EFORMAT, "malformed XML"));
    nb_err err = {0};
    OK(nb_docx_read("PK\x03\x04garbage", 11, NULL, &err) == NULL);
    EQ_INT(err.code, NB_EFORMAT);
    OK(strstr(err.msg, "ZIP") != NULL);
}

/* Issue 10: numbers a file gives are clamped (w:start INT_MAX, a counter past it, huge spans), and
 * every text producer hands on valid UTF-8 (w:sym surrogate or > U+10FFFF, lvlText cut at 63 bytes
 * in the middle of a character). */
static void test_hostile_numbers(void)
{
    static const char num[] =
        "<w:numbering " W_NS ">"
        "<w:abstractNum w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"2147483647\"/>"
        "<w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl></w:abstractNum>"
        /* 20 x 3-byte characters + "%1": a 63-byte copy would end inside the 21st character */
        "<w:abstractNum w:abstractNumId=\"2\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"-99999999999999999999\"/>"
        "<w:lvlText w:val=\"一二三四五六七八九十一二三四五六七八九十一%1\"/></w:lvl></w:abstractNum>"
        "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"1\"/></w:num>"
        "<w:num w:numId=\"99999999999999999999\"><w:abstractNumId w:val=\"2\"/></w:num>"
        "</w:numbering>";
    static const char body[] =
        "<w:document " W_NS "><w:body>"
        P(NUM(1, 0) R(T("a"))) P(NUM(1, 0) R(T("b"))) P(NUM(1, 0) R(T("c")))
        P(NUM(99999999999999999999, 0) R(T("d")))
        P(R(T("x") "<w:sym w:char=\"D800\"/><w:sym w:char=\"110000\"/><w:sym w:char=\"-1\"/>"
            "<w:sym w:char=\"FFFFFFFFFFFFFFFFFFFF\"/><w:sym w:char=\"F0A7\"/>" T("y")))
        "<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2147483647\"/></w:tcPr>" P(R(T("wide")))
        "</w:tc></w:tr><w:tr><w:trPr><w:gridBefore w:val=\"-5\"/></w:trPr><w:tc>" P(R(T("z")))
        "</w:tc></w:tr></w:tbl>"
        "</w:body></w:document>";
    const char *const parts[] = {"word/document.xml", body, "word/numbering.xml", num, NULL};
    nb_err err = {0};
    nb_doc *d = read_parts(parts, &err);
    OK(d != NULL);
    if (!d)
        return;
    EQ_STR(block_text(d, 0), "1000000. a"); /* w:start clamped to NB_MAX_LIST_NUMBER */
    EQ_STR(block_text(d, 1), "1000000. b"); /* the counter stays at the cap: no overflow */
    EQ_STR(block_text(d, 2), "1000000. c");
    /* 63 bytes hold 21 whole characters: the cut never splits one */
    EQ_STR(block_text(d, 3), "一二三四五六七八九十一二三四五六七八九十一d");
    EQ_STR(block_text(d, 4), "x\xC2\xA7y"); /* only the symbol-font code point survives */
    for (size_t i = 0; i < d->nblocks; i++)
        OK(d->blocks[i].kind == NB_BLOCK_TABLE || nb_utf8_valid(d->blocks[i].text, strlen(d->blocks[i].text)));
    const nb_table *t = nth_table(d, 0);
    OK(t && t->ncols == NB_MAX_TABLE_DIM && cell_is(t, 1, 0, 1, 1, "z"));
    nb_doc_free(d);
}

int main(void)
{
    test_template();
    test_features();
    test_grid();
    test_numfmt();
    test_refusals();
    test_hostile_numbers();
    DONE();
}
