/* template_desc.h - the national template (国办公开办函〔2021〕30号), described once.
 *
 * Everything nianbao knows about the template's wording and shape is in the lists below; the rest
 * derives from them (tables/desc.c builds the derived tables once):
 *   - the 200 value ids and their Chinese labels (nb_fields, the JSON contract's "values" keys),
 *     in schema/ order: table 2 row by row, table 3 row x column, table 4 group x column;
 *   - the counts and positions (NB_T3_ROWS, NB_T3R_total, NB_T4_FIRST ... in tables.h);
 *   - the wordings the row-label matcher scores (labels.c), the header words the grid mapper looks
 *     for (template.c), the identities (checks.c), the section heading words (sections.c), the
 *     workbook's column headings (cli/xlsx.c).
 * tests/unit/test_fields.c checks that the description reproduces schema/ (ids, labels, identities).
 *
 * Example, one table-3 row: X(withheld_law, withheld, "2.其他法律行政法规禁止公开") says the row's
 * key is withheld_law, it sits in group withheld (printed "（三）不予公开", itself in results,
 * "三、本年度办理结果"), and prints "2.其他法律行政法规禁止公开". Derived: its label
 * "三、本年度办理结果 （三）不予公开 2.其他法律行政法规禁止公开", its seven ids
 * t3.withheld_law.natural_person ... t3.withheld_law.total with labels "<row label> <column label>",
 * and the wording "其他法律行政法规禁止公开" the matcher scores a document's row label against.
 * Words after the printed label are other wordings reports use for the same row ("本年新收").
 * Keys are C identifiers (they name enum constants); labels are the template's own text. */
#ifndef NB_TEMPLATE_DESC_H
#define NB_TEMPLATE_DESC_H

/* ---- the six sections: number, the template's title, words a heading says near its start ---- */
#define NB_SECTIONS_DESC(X)                                                                  \
    X(1, "总体情况", "总体情况", "总体", "概述", "基本情况")                                 \
    X(2, "主动公开政府信息情况", "主动公开")                                                 \
    X(3, "收到和处理政府信息公开申请情况", "收到和处理", "依申请", "申请情况")               \
    X(4, "政府信息公开行政复议、行政诉讼情况", "行政复议", "行政诉讼", "复议")               \
    X(5, "存在的主要问题及改进情况", "存在", "问题", "改进")                                 \
    X(6, "其他需要报告的事项", "其他需要报告", "其他事项", "其他")

/* ---- table 2 (二、主动公开政府信息情况): key, clause of the regulation, column set, row label
 * (then other wordings); a field is t2.<key>.<column key>, labelled "<clause> <row> <column>". */
#define NB_T2_DESC(X)                                                          \
    X(rules, "第二十条第（一）项", DOCS, "规章")                                \
    X(normative, "第二十条第（一）项", DOCS, "行政规范性文件", "规范性文件")    \
    X(license, "第二十条第（五）项", DECISIONS, "行政许可")                     \
    X(penalty, "第二十条第（六）项", DECISIONS, "行政处罚")                     \
    X(coercion, "第二十条第（六）项", DECISIONS, "行政强制")                    \
    X(fees, "第二十条第（八）项", FEES, "行政事业性收费", "事业性收费")
/* its column sets: key, label */
#define NB_T2_COLS_DOCS(X) X(issued, "本年制发件数") X(repealed, "本年废止件数") X(in_force, "现行有效件数")
#define NB_T2_COLS_DECISIONS(X) X(decisions, "本年处理决定数量")
#define NB_T2_COLS_FEES(X) X(amount, "本年收费金额（单位：万元）") /* the one value that is not a count */

/* ---- table 3 (三、收到和处理政府信息公开申请情况) ---- */
/* Groups of rows under one merged label cell: key, enclosing group (none: top level), as printed. */
#define NB_T3_GROUPS_DESC(X)                  \
    X(results, none, "三、本年度办理结果")    \
    X(withheld, results, "（三）不予公开")    \
    X(unavailable, results, "（四）无法提供") \
    X(rejected, results, "（五）不予处理")    \
    X(other, results, "（六）其他处理")
/* Rows, top to bottom: key, innermost group, label as printed (then other wordings). */
#define NB_T3_ROWS_DESC(X)                                                                           \
    X(new, none, "一、本年新收政府信息公开申请数量", "本年新收")                                      \
    X(carried_in, none, "二、上年结转政府信息公开申请数量", "上年结转")                               \
    X(disclosed, results, "（一）予以公开")                                                           \
    X(partly_disclosed, results, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "部分公开") \
    X(withheld_state_secret, withheld, "1.属于国家秘密")                                              \
    X(withheld_law, withheld, "2.其他法律行政法规禁止公开")                                           \
    X(withheld_safety, withheld, "3.危及“三安全一稳定”")                                          \
    X(withheld_third_party, withheld, "4.保护第三方合法权益")                                         \
    X(withheld_internal, withheld, "5.属于三类内部事务信息")                                          \
    X(withheld_process, withheld, "6.属于四类过程性信息")                                             \
    X(withheld_enforcement, withheld, "7.属于行政执法案卷")                                           \
    X(withheld_query, withheld, "8.属于行政查询事项")                                                 \
    X(unavailable_not_held, unavailable, "1.本机关不掌握相关政府信息")                                \
    X(unavailable_needs_making, unavailable, "2.没有现成信息需要另行制作")                            \
    X(unavailable_unclear, unavailable, "3.补正后申请内容仍不明确")                                   \
    X(rejected_petition, rejected, "1.信访举报投诉类申请")                                            \
    X(rejected_repeat, rejected, "2.重复申请")                                                        \
    X(rejected_publication, rejected, "3.要求提供公开出版物")                                         \
    X(rejected_excessive, rejected, "4.无正当理由大量反复申请")                                       \
    X(rejected_confirm, rejected, "5.要求行政机关确认或重新出具已获取信息")                           \
    X(other_no_correction, other, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请") \
    X(other_unpaid_fee, other, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请") \
    X(other_other, other, "3.其他", "其它")                                                         \
    X(total, results, "（七）总计", "合计")                                                         \
    X(carried_out, none, "四、结转下年度继续办理")
/* Columns, left to right (申请人情况): key, label; the header cell prints the label's last word. */
#define NB_T3_COLS_DESC(X)                           \
    X(natural_person, "自然人")                      \
    X(commercial, "法人或其他组织 商业企业")         \
    X(research, "法人或其他组织 科研机构")           \
    X(public_interest, "法人或其他组织 社会公益组织") \
    X(legal_service, "法人或其他组织 法律服务机构")  \
    X(other_org, "法人或其他组织 其他")              \
    X(total, "总计")

/* ---- table 4 (四、政府信息公开行政复议、行政诉讼情况): one row of three groups of five ---- */
/* Groups: key, label; the group's header cell prints the label's last word. */
#define NB_T4_GROUPS_DESC(X)                        \
    X(review, "行政复议")                           \
    X(suit_direct, "行政诉讼 未经复议直接起诉")     \
    X(suit_after_review, "行政诉讼 复议后起诉")
/* Columns of each group: key, label (printed in the header cell). */
#define NB_T4_COLS_DESC(X) \
    X(upheld, "结果维持") X(corrected, "结果纠正") X(other, "其他结果") X(pending, "尚未审结") X(total, "总计")
/* Words of table 4's headers that no table-2 or table-3 row label holds: a row saying one is table 4's. */
#define NB_T4_WORDS "复议", "诉讼", "维持", "纠正", "审结"

/* The identities (勾稽关系) the template states, as schema/README.md lists them; checks.c runs them:
 *   table 3, every column: row new + row carried_in = row total + row carried_out;
 *   table 3, every column: row total = the sum of the rows of group results above it;
 *   table 3, every row: column total = the sum of the columns before it;
 *   table 4, every group: column total = the sum of the columns before it. */

#endif
