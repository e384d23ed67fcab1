/* test_pdf_layout.c - the PDF reader: layout text to lines of cells
 * (pure, no pdftotext), and gx_read_pdf on small fixture PDFs and on
 * stand-in tools.  Run from the repository root. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "input_limits.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "doc.h"
#include "input_limits.h"
#include "pdf_layout.h"
#include "reader.h"
#include "strbuf.h"

#define FIXTURES "tests/data/pdf/"

/* Lays `text` out and returns the dump (cells joined by " | "); freed by
 * the caller. */
static char *layout(const char *text)
{
    struct gx_doc doc;
    gx_doc_init(&doc);
    gx_pdf_layout_to_doc(text, strlen(text), &doc);
    char *dump = gx_doc_dump(&doc);
    gx_doc_release(&doc);
    return dump;
}

static void assert_layout(const char *text, const char *want)
{
    char *got = layout(text);
    assert_string_equal(got, want);
    free(got);
}

/* ---- numbers wrapped inside narrow cells ---- */

/* LibreOffice wraps 1473 and 1914 in narrow cells; pdftotext prints the
 * pieces above and below the row.  Value-only lines give the columns. */
static const char kWrapped[] =
    "                        147                              191\n"
    " 一、本年新收政府信息公开申请数量             139   31   89   117   65\n"
    "                          3                                4\n"
    " 二、上年结转政府信息公开申请数量        77    0     0    1    4     0    82\n"
    "                     115    6    2    9    12    1    145\n"
    "                        15     1    0    0     1    1    18\n";

static void wrapped_numbers_rejoined(void **state)
{
    (void)state;
    struct gx_doc doc;
    gx_doc_init(&doc);
    gx_pdf_layout_to_doc(kWrapped, strlen(kWrapped), &doc);
    char *dump = gx_doc_dump(&doc);
    assert_string_equal(dump,
        "一、本年新收政府信息公开申请数量 | 1473 | 139 | 31 | 89 | 117 | 65 | 1914\n"
        "二、上年结转政府信息公开申请数量 | 77 | 0 | 0 | 1 | 4 | 0 | 82\n"
        "115 | 6 | 2 | 9 | 12 | 1 | 145\n"
        "15 | 1 | 0 | 0 | 1 | 1 | 18\n");
    /* The joined cells are marked, so that the extractor can check them. */
    assert_true(doc.lines[0].rejoined == (1ull << 1 | 1ull << 7));
    assert_true(doc.lines[1].rejoined == 0);
    free(dump);
    gx_doc_release(&doc);
}

/* The pieces may end lines that hold the pieces of a wrapped label. */
static void wrapped_numbers_beside_wrapped_labels(void **state)
{
    (void)state;
    static const char full[] =
        "                        30     2    1    1     2    0    36\n"
        "                        24     3    0    0     2    3    32\n";
    char text[1024];
    snprintf(text, sizeof(text), "%s%s",
             "年度办 （二）部分公开（区分处理的，      115                              118\n"
             "理结果                            6    2    9    12    1\n"
             "    只计这一情形，不计其他情形）        0                                0\n",
             full);
    char *got = layout(text);
    assert_string_equal(got,
        "年度办 | （二）部分公开（区分处理的，\n"
        "理结果 | 1150 | 6 | 2 | 9 | 12 | 1 | 1180\n"
        "只计这一情形，不计其他情形）\n"
        "30 | 2 | 1 | 1 | 2 | 0 | 36\n"
        "24 | 3 | 0 | 0 | 2 | 3 | 32\n");
    free(got);
    /* The short row's own values sit in a column a piece would take (its
     * first value under 115): the columns cannot place them, so the row's
     * numbers are put in the order they are printed, and every one of
     * them is marked so (the extractor makes them doubts). */
    snprintf(text, sizeof(text), "%s%s",
             "年度办 （二）部分公开（区分处理的，      115                              118\n"
             "理结果                  6      2    9    12     1\n"
             "    只计这一情形，不计其他情形）        0                                0\n",
             full);
    struct gx_doc doc;
    gx_doc_init(&doc);
    gx_pdf_layout_to_doc(text, strlen(text), &doc);
    got = gx_doc_dump(&doc);
    assert_string_equal(got,
        "年度办 | （二）部分公开（区分处理的，\n"
        "理结果 | 6 | 1150 | 2 | 9 | 12 | 1 | 1180\n"
        "只计这一情形，不计其他情形）\n"
        "30 | 2 | 1 | 1 | 2 | 0 | 36\n"
        "24 | 3 | 0 | 0 | 2 | 3 | 32\n");
    assert_true(doc.lines[1].by_order == 0xfeull);   /* cells 1..7 */
    assert_true(doc.lines[1].rejoined == (1ull << 2 | 1ull << 7));
    assert_true(doc.lines[3].by_order == 0);
    free(got);
    gx_doc_release(&doc);
}

/* Pieces with thousands separators ("3,32" over "5"), and a table's last
 * rows alone on a page: one labelled row of every column gives the
 * columns when no line holds values alone. */
static void wrapped_numbers_with_separators(void **state)
{
    (void)state;
    static const char fmt[] =
        "                     3.其他                   30      10    2    5      2     1     50\n"
        "                                          %s                                   %s\n"
        "                  （七）总计                             302   87   74     44    68\n"
        "                                           %s                                      %s\n"
        "         四、结转下年度继续办理                        0       0     0    0      0     0     0\n";
    char text[1024];
    struct gx_doc doc;
    snprintf(text, sizeof(text), fmt, "3,32", "3,9", "5", "00");
    gx_doc_init(&doc);
    gx_pdf_layout_to_doc(text, strlen(text), &doc);
    char *got = gx_doc_dump(&doc);
    assert_string_equal(got,
        "3.其他 | 30 | 10 | 2 | 5 | 2 | 1 | 50\n"
        "（七）总计 | 3,325 | 302 | 87 | 74 | 44 | 68 | 3,900\n"
        "四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n");
    assert_true(doc.lines[1].rejoined == (1ull << 1 | 1ull << 7));
    assert_true(doc.lines[1].by_order == 0);
    free(got);
    gx_doc_release(&doc);
    /* Pieces that do not join to a number ("3,3" and "5") are no wrapped
     * number. */
    snprintf(text, sizeof(text), fmt, "3,3", "3,9", "5", "00");
    gx_doc_init(&doc);
    gx_pdf_layout_to_doc(text, strlen(text), &doc);
    for (size_t i = 0; i < doc.nlines; i++)
        assert_true(doc.lines[i].rejoined == 0);
    gx_doc_release(&doc);
}

static void wrapped_pieces_need_their_shape(void **state)
{
    (void)state;
    /* The upper piece shorter than the lower: not a wrapped number, the
     * lines keep their blank cells. */
    assert_layout("                         3                               4\n"
                  " 一、本年新收政府信息公开申请数量             139   31   89   117   65\n"
                  "                        147                              191\n"
                  "                     115    6    2    9    12    1    145\n"
                  "                        15     1    0    0     1    1    18\n",
                  "3 |  |  |  |  |  | 4\n"
                  "一、本年新收政府信息公开申请数量 |  | 139 | 31 | 89 | 117 | 65 | \n"
                  "147 |  |  |  |  |  | 191\n"
                  "115 | 6 | 2 | 9 | 12 | 1 | 145\n"
                  "15 | 1 | 0 | 0 | 1 | 1 | 18\n");
    /* One value-only line cannot tell the columns. */
    assert_layout("                        147                              191\n"
                  " 一、本年新收政府信息公开申请数量             139   31   89   117   65\n"
                  "                          3                                4\n"
                  "                     115    6    2    9    12    1    145\n",
                  "147 | 191\n"
                  "一、本年新收政府信息公开申请数量 | 139 | 31 | 89 | 117 | 65\n"
                  "3 | 4\n"
                  "115 | 6 | 2 | 9 | 12 | 1 | 145\n");
}

/* ---- cells ---- */

static void cells_split_at_two_spaces(void **state)
{
    (void)state;
    assert_layout("规章               0          0       0\n"
                  "a b  c   d\n",
                  "规章 | 0 | 0 | 0\n"
                  "a b | c | d\n");
}

static void blank_lines_skipped_and_lines_numbered(void **state)
{
    (void)state;
    struct gx_doc doc;
    const char *text = "\n一、总体情况\n\n   \n行政许可      550\n";
    gx_doc_init(&doc);
    gx_pdf_layout_to_doc(text, strlen(text), &doc);
    assert_int_equal(doc.nlines, 2);
    assert_int_equal(doc.lines[0].src_line, 2);
    assert_int_equal(doc.lines[1].src_line, 5);
    assert_int_equal(doc.lines[1].kind, GX_LINE_TEXT);
    assert_string_equal(doc.lines[1].cells[1], "550");
    gx_doc_release(&doc);
}

static void numbers_stay_whole(void **state)
{
    (void)state;
    assert_layout("行政事业性收费        7730.28\n"
                  "政府集中采购   1,308,353   -3   12%\n"
                  "政府集中采购 4 1308353元\n"
                  "其他对外管理服务事项 －3 1，234\n",
                  "行政事业性收费 | 7730.28\n"
                  "政府集中采购 | 1,308,353 | -3 | 12%\n"
                  "政府集中采购 | 4 | 1308353元\n"
                  "其他对外管理服务事项 | －3 | 1，234\n");
}

static void number_after_one_space_leaves_label(void **state)
{
    (void)state;
    assert_layout("行政规范性文件 11        22       49\n",
                  "行政规范性文件 | 11 | 22 | 49\n");
    assert_layout("行政事业性收费 33820.52\n", "行政事业性收费 | 33820.52\n");
    assert_layout("5.属于三类内部事务 0     0   0\n",
                  "5.属于三类内部事务 | 0 | 0 | 0\n");
}

static void prose_numbers_stay_in_prose(void **state)
{
    (void)state;
    assert_layout("全年收到政府信息公开申请 2 件。\n"
                  "答复），均在法定期限内予以答复。政府信息公开行政复议 351\n"
                  "自 2024 年 1 月 1 日至 2024 年 12 月 31 日。\n",
                  "全年收到政府信息公开申请 2 件。\n"
                  "答复），均在法定期限内予以答复。政府信息公开行政复议 351\n"
                  "自 2024 年 1 月 1 日至 2024 年 12 月 31 日。\n");
}

static void adjacent_values_split(void **state)
{
    (void)state;
    assert_layout("0   无   无     17    17 无    20\n",
                  "0 | 无 | 无 | 17 | 17 | 无 | 20\n");
}

static void item_marker_starts_a_cell(void **state)
{
    (void)state;
    assert_layout("三、本年 （一）予以公开        2       0   0\n"
                  "    （四） 1.本机关不掌握相关政 0      0   0\n"
                  "其他处 2.申请人逾期未按收费\n",
                  "三、本年 | （一）予以公开 | 2 | 0 | 0\n"
                  "（四） | 1.本机关不掌握相关政 | 0 | 0 | 0\n"
                  "其他处 | 2.申请人逾期未按收费\n");
}

static void spaced_out_label_kept_whole(void **state)
{
    (void)state;
    assert_layout("                  （一）予以公开     0    0\n"
                  " 三 、本 年 度办 理 结果\n"
                  "                  4.无正当理由大量反复 申请   0    0\n",
                  "（一）予以公开 | 0 | 0\n"
                  "三 、本 年 度办 理 结果\n"
                  "4.无正当理由大量反复 申请 | 0 | 0\n");
}

/* pdftotext gives every character, a CJK one included, one column: "府"
 * below starts at column 8, where "1." starts above, though on a
 * terminal it would look two columns further right. */
static void cjk_characters_are_one_column(void **state)
{
    (void)state;
    assert_layout("        8.属于行政查询事项    0     0   0\n"
                  "    （四） 1.本机关不掌握相关政 0      0   0\n"
                  "    无法提 府信息\n"
                  "    供\n"
                  "        2.没有现成信息需要另   0     0   0\n",
                  "8.属于行政查询事项 | 0 | 0 | 0\n"
                  "（四） | 1.本机关不掌握相关政 | 0 | 0 | 0\n"
                  "无法提 | 府信息\n"
                  "供\n"
                  "2.没有现成信息需要另 | 0 | 0 | 0\n");
    /* Shifted by one column, the pieces no longer line up: kept whole. */
    assert_layout("    （四） 1.本机关不掌握相关政 0      0   0\n"
                  "    无法提  府信息x\n"
                  "     无法 提府信息\n",
                  "（四） | 1.本机关不掌握相关政 | 0 | 0 | 0\n"
                  "无法提 | 府信息x\n"
                  "无法 提府信息\n");
}

static void headings_show_no_columns(void **state)
{
    (void)state;
    assert_layout("     （五）政府信息公开监督保障情况。根据省政务公开年度\n"
                  "     二、主动公开政府信息情况\n"
                  "第二十条 第（一）项\n"
                  "信息内容          本年制发件数\n",
                  "（五）政府信息公开监督保障情况。根据省政务公开年度\n"
                  "二、主动公开政府信息情况\n"
                  "第二十条 第（一）项\n"
                  "信息内容 | 本年制发件数\n");
}

/* ---- page furniture ---- */

static void page_number_lines_dropped(void **state)
{
    (void)state;
    assert_layout("规章   1   2\n-3-\n\f"
                  "规章   1   2\n- 4 -\n\f"
                  "规章   1   2\n— 5 —\n\f"
                  "第6页\n规章   1   2\n\f"
                  "规章   1   2\n第 7 页 共 9 页\n\f"
                  "规章   1   2\n8/9\n\f"
                  "规章   1   2\n                         9\n\f",
                  "规章 | 1 | 2\n规章 | 1 | 2\n规章 | 1 | 2\n规章 | 1 | 2\n"
                  "规章 | 1 | 2\n规章 | 1 | 2\n规章 | 1 | 2\n");
}

/* A row of dash cells around one number reads like "- 0 -" but has
 * several runs of dashes: a row, kept in its place. */
static void dash_rows_are_not_page_numbers(void **state)
{
    (void)state;
    assert_layout("          3.危及“三\n"
                  "                        -     -     -    -    -     0        -\n"
                  "         安全一稳定”\n",
                  "3.危及“三\n"
                  "- | - | - | - | - | 0 | -\n"
                  "安全一稳定”\n");
}

static void lone_numbers_inside_a_page_kept(void **state)
{
    (void)state;
    /* Not at a page edge, or not near the page's index, or a signed
     * number: table values. */
    assert_layout("行政许可\n                 2\n规章   1   2\n\f"
                  "行政处罚\n                 550\n\f"
                  "规章   1   2\n-3\n",
                  "行政许可\n2\n规章 | 1 | 2\n"
                  "行政处罚\n550\n"
                  "规章 | 1 | 2\n-3\n");
}

static void running_header_dropped(void **state)
{
    (void)state;
    /* The header is kept where it first appears (it may be the title);
     * the footer is dropped everywhere. */
    assert_layout("  淮安市人民政府 2024 年报告\n正文一\n 淮安市政务公开  第 1 页\n\f"
                  "淮安市人民政府  2024 年报告\n正文二\n淮安市政务公开 第 2 页\n\f"
                  "淮安市人民政府 2024 年报告\n正文三\n  淮安市政务公开 第 3 页\n",
                  "淮安市人民政府 2024 年报告\n正文一\n正文二\n正文三\n");
}

static void table_rows_at_page_edges_kept(void **state)
{
    (void)state;
    /* Equal rows of numbers at the top of two pages are data. */
    assert_layout("0    0    0\n正文\n\f0    0    0\n正文二\n",
                  "0 | 0 | 0\n正文\n0 | 0 | 0\n正文二\n");
}

static void table_across_page_break_joined(void **state)
{
    (void)state;
    struct gx_doc doc;
    const char *text =
        "                            1.本机关不掌握相关政府信息   10    0     10\n"
        "                  （四）无法提供\n"
        "\n"
        "                                                                -3-\n"
        "\f                 2.没有现成信息需要另行制作   3     0   3\n"
        "                 3.补正后申请内容仍不明确         0    0   0\n";
    gx_doc_init(&doc);
    gx_pdf_layout_to_doc(text, strlen(text), &doc);
    char *dump = gx_doc_dump(&doc);
    assert_string_equal(dump, "1.本机关不掌握相关政府信息 | 10 | 0 | 10\n"
                              "（四）无法提供\n"
                              "2.没有现成信息需要另行制作 | 3 | 0 | 3\n"
                              "3.补正后申请内容仍不明确 | 0 | 0 | 0\n");
    /* A form feed does not count as a line of the text. */
    assert_int_equal(doc.lines[2].src_line, 5);
    free(dump);
    gx_doc_release(&doc);
}

/* ---- blank cells ---- */

/* The rows below print their numbers right-aligned to columns 19, 31
 * and 45. */
static void missing_value_becomes_blank_cell(void **state)
{
    (void)state;
    assert_layout("信息内容      本年制发件数   本年废止件数   现行有效件数\n"
                  "规章                1           0            11\n"
                  "行政规范性文件           8                        66\n"
                  "其他文件              3           2             5\n"
                  "合计                            2\n"
                  "                                            7\n",
                  "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数\n"
                  "规章 | 1 | 0 | 11\n"
                  "行政规范性文件 | 8 |  | 66\n"
                  "其他文件 | 3 | 2 | 5\n"
                  "合计 |  | 2 | \n"
                  " |  | 7\n");
}

/* A table of two rows has one full row only: its column headings place
 * the columns.  Values after a long label drift left (each ideograph is
 * one column), here "0" by two columns. */
static void blank_cell_placed_by_column_headings(void **state)
{
    (void)state;
    assert_layout("信息内容      本年制发件数 本年废止件数 现行有效件数\n"
                  "\n"
                  "规章        0       0\n"
                  "\n"
                  "行政规范性文件 25        5        75\n",
                  "信息内容 | 本年制发件数 本年废止件数 现行有效件数\n"
                  "规章 | 0 | 0 | \n"
                  "行政规范性文件 | 25 | 5 | 75\n");
    assert_layout("信息内容      本年制发件数 本年废止件数 现行有效件数\n"
                  "规章         0       0\n"
                  "行政规范性文件 0         6        13\n",
                  "信息内容 | 本年制发件数 本年废止件数 现行有效件数\n"
                  "规章 | 0 | 0 | \n"
                  "行政规范性文件 | 0 | 6 | 13\n");
}

/* From a LibreOffice PDF: the first column's values wander between
 * columns 25 and 38 (after long labels they shift left), and label
 * pieces end past some of them; the block still holds together and
 * 2.重复申请 gets its blank in the second column. */
static void blank_cell_with_drifting_first_column(void **state)
{
    (void)state;
    assert_layout("                 1.信访举报投诉类申请 0                0    0       0       0       0   0\n"
                  "                 2.重复申请               0            0       0       0       0   0\n"
                  "         （五） 3.要求提供公开出版物 0                    0    0       0       0       0   0\n"
                  "         不予处\n"
                  "         理   4.无正当理由大量反复\n"
                  "                         0                    0    0       0       0       0   0\n"
                  "             申请\n"
                  "                 5.要求行政机关确认或\n"
                  "                             0                0    0       0       0       0   0\n"
                  "                 重新出具已获取信息\n"
                  "                 3.其他                 0       0    0       0       0       0   0\n",
                  "1.信访举报投诉类申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
                  "2.重复申请 | 0 |  | 0 | 0 | 0 | 0 | 0\n"
                  "（五） | 3.要求提供公开出版物 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
                  "不予处\n"
                  "理 | 4.无正当理由大量反复\n"
                  "0 | 0 | 0 | 0 | 0 | 0 | 0\n"
                  "申请\n"
                  "5.要求行政机关确认或\n"
                  "0 | 0 | 0 | 0 | 0 | 0 | 0\n"
                  "重新出具已获取信息\n"
                  "3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n");
}

static void blank_cells_only_when_columns_are_clear(void **state)
{
    (void)state;
    /* One full line is too little to learn columns from. */
    assert_layout("规章                1           0            11\n"
                  "行政规范性文件           8                        66\n",
                  "规章 | 1 | 0 | 11\n"
                  "行政规范性文件 | 8 | 66\n");
    /* A value between two columns fits none: left as printed. */
    assert_layout("规章                1           0            11\n"
                  "其他文件              3           2             5\n"
                  "行政规范性文件           8                 66\n",
                  "规章 | 1 | 0 | 11\n"
                  "其他文件 | 3 | 2 | 5\n"
                  "行政规范性文件 | 8 | 66\n");
    /* A header line reaching into the values ends the table block. */
    assert_layout("规章                1           0            11\n"
                  "其他文件              3           2             5\n"
                  "信息内容          本年处理决定数量\n"
                  "行政许可                        550\n",
                  "规章 | 1 | 0 | 11\n"
                  "其他文件 | 3 | 2 | 5\n"
                  "信息内容 | 本年处理决定数量\n"
                  "行政许可 | 550\n");
}

/* ---- hostile text ---- */

static void long_line_is_bounded(void **state)
{
    (void)state;
    size_t n = 200000;
    char *text = malloc(2 * n + 1);
    for (size_t i = 0; i < n; i++) text[2 * i] = '7', text[2 * i + 1] = ' ';
    text[2 * n] = '\0';
    struct gx_doc doc;
    gx_doc_init(&doc);
    gx_pdf_layout_to_doc(text, 2 * n, &doc);
    assert_int_equal(doc.nlines, 1);
    assert_true(doc.lines[0].ncells <= GX_MAX_CELLS_PER_LINE);
    gx_doc_release(&doc);
    free(text);
}

static void odd_bytes_do_not_crash(void **state)
{
    (void)state;
    static const char junk[] = "\xff\xfe\f\f\n\xe4\xb8\n  -\f- 1\f第页\f/\n\x01";
    struct gx_doc doc;
    gx_doc_init(&doc);
    gx_pdf_layout_to_doc(junk, sizeof(junk) - 1, &doc);
    gx_doc_release(&doc);
    gx_doc_init(&doc);
    gx_pdf_layout_to_doc("", 0, &doc);
    assert_int_equal(doc.nlines, 0);
    gx_doc_release(&doc);
}

/* ---- helpers ---- */

static void text_without_letters_is_empty(void **state)
{
    (void)state;
    assert_true(gx_pdf_text_is_empty("", 0));
    assert_true(gx_pdf_text_is_empty("\f\f\f", 3));
    assert_true(gx_pdf_text_is_empty(" \n - . \f", 8));
    assert_false(gx_pdf_text_is_empty("\f a", 3));
    assert_false(gx_pdf_text_is_empty("\f7", 2));
    assert_false(gx_pdf_text_is_empty("一", strlen("一")));
}

static void title_from_pdfinfo(void **state)
{
    (void)state;
    struct gx_strbuf t = GX_STRBUF_INIT;
    const char *info = "Producer:  LibreOffice\nTitle:           上饶市人民政府"
                       "2025年政府信息公开工作年度报告\nPages: 5\n";
    gx_pdf_info_title(info, strlen(info), &t);
    assert_string_equal(t.buf, "上饶市人民政府2025年政府信息公开工作年度报告");
    gx_strbuf_reset(&t);
    gx_pdf_info_title("Pages: 5\n", 9, &t);
    assert_string_equal(t.buf, "");
    gx_strbuf_release(&t);
}

static void title_missing_only_when_not_printed(void **state)
{
    (void)state;
    const char *printed = "   洪泽区人民政府\n 2023 年政府信息公开工作年度报告\n正文";
    assert_false(gx_pdf_title_missing(printed, strlen(printed),
                                      "洪泽区人民政府2023年政府信息公开工作年度报告"));
    assert_true(gx_pdf_title_missing("\f正文", strlen("\f正文"),
                                     "上饶市人民政府2025年政府信息公开工作年度报告"));
    assert_false(gx_pdf_title_missing("\f正文", strlen("\f正文"),
                                      "Microsoft Word - 附件1.docx"));
    assert_false(gx_pdf_title_missing("\f正文", strlen("\f正文"), ""));
}

/* ---- gx_read_pdf ---- */

static enum gx_status read_pdf(const char *path, char **dump,
                               struct gx_diag *d)
{
    struct gx_doc doc;
    gx_doc_init(&doc);
    enum gx_status st = gx_read_pdf(path, GX_PDF_TIMEOUT_SECONDS, &doc, d);
    *dump = gx_doc_dump(&doc);
    gx_doc_release(&doc);
    return st;
}

static void reads_a_text_pdf(void **state)
{
    (void)state;
    struct gx_diag d = {GX_OK, ""};
    char *dump;
    assert_int_equal(read_pdf(FIXTURES "text-table.pdf", &dump, &d), GX_OK);
    assert_string_equal(dump, "ACME ANNUAL REPORT\n"
                              "Table 3 | applications\n"
                              "A | B | C\n"
                              "Row one | 1 | 2 | 3\n"
                              "Row two | 4 |  | 6\n"
                              "Row three | 7 | 8 | 9\n"
                              "Row four | 10 | 11 | 12\n"
                              "Total | 22 | 21 | 30\n");
    free(dump);
}

static void scan_without_text_layer(void **state)
{
    (void)state;
    struct gx_diag d = {GX_OK, ""};
    char *dump;
    assert_int_equal(read_pdf(FIXTURES "no-text.pdf", &dump, &d),
                     GX_ERR_NO_TEXT);
    assert_string_equal(d.message, "no text layer (a scanned PDF?)");
    assert_string_equal(dump, "");
    free(dump);
}

static void renamed_binary_is_an_error(void **state)
{
    (void)state;
    struct gx_diag d = {GX_OK, ""};
    char *dump;
    assert_int_equal(read_pdf(FIXTURES "not-a-pdf.pdf", &dump, &d),
                     GX_ERR_FORMAT);
    assert_non_null(strstr(d.message, "pdftotext failed: "));
    assert_null(strchr(d.message, '\n'));
    free(dump);
}

static void missing_file_is_unreadable(void **state)
{
    (void)state;
    struct gx_diag d = {GX_OK, ""};
    char *dump;
    assert_int_equal(read_pdf(FIXTURES "no-such-file.pdf", &dump, &d),
                     GX_ERR_IO);
    free(dump);
}

/* Writes `script` as dir/name, executable; returns 0 when there is none. */
static int put_tool(const char *dir, const char *name, const char *script,
                    char *path, size_t size)
{
    snprintf(path, size, "%s/%s", dir, name);
    if (!script) return 0;
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(script, f);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(chmod(path, 0755), 0);
    return 1;
}

/* Runs gx_read_pdf with PATH set to a fresh folder that holds the scripts
 * as its "pdftotext" and "pdfinfo" (none when NULL), then puts PATH back;
 * *dump (freed by the caller) is the document read. */
static enum gx_status read_with_tools(const char *pdftotext, const char *pdfinfo,
                                      char **dump, struct gx_diag *d)
{
    char dir[] = "/tmp/gx-pdf-test-XXXXXX";
    char text_tool[sizeof(dir) + 16], info_tool[sizeof(dir) + 16];
    char *old_path = strdup(getenv("PATH") ? getenv("PATH") : "");
    assert_non_null(mkdtemp(dir));
    int has_text = put_tool(dir, "pdftotext", pdftotext, text_tool, sizeof(text_tool));
    int has_info = put_tool(dir, "pdfinfo", pdfinfo, info_tool, sizeof(info_tool));
    setenv("PATH", dir, 1);
    enum gx_status st = read_pdf(FIXTURES "text-table.pdf", dump, d);
    setenv("PATH", old_path, 1);
    free(old_path);
    if (has_text) unlink(text_tool);
    if (has_info) unlink(info_tool);
    rmdir(dir);
    return st;
}

static enum gx_status read_with_tool(const char *script, struct gx_diag *d)
{
    char *dump;
    enum gx_status st = read_with_tools(script, NULL, &dump, d);
    free(dump);
    return st;
}

/* What pdftotext -layout -htmlmeta prints: the title escaped, the text
 * as it is. */
#define HTMLMETA(title, text)                                                 \
    "#!/bin/sh\n/bin/cat <<'EOF'\n"                                           \
    "<!DOCTYPE html><html xmlns=\"http://www.w3.org/1999/xhtml\">\n"          \
    "<head>\n<title>" title "</title>\n</head>\n<body>\n<pre>\n" text         \
    "</pre>\n</body>\n</html>\nEOF\n"

static void htmlmeta_title_needs_no_pdfinfo(void **state)
{
    (void)state;
    struct gx_diag d = {GX_OK, ""};
    char *dump;
    assert_int_equal(read_with_tools(HTMLMETA("某局2023年政府信息公开工作年度报告 &amp; &lt;附&gt;",
                                              "正文 <b> & 1\n"),
                                     "#!/bin/sh\necho 'Title: 不该用的年度报告'\n",
                                     &dump, &d),
                     GX_OK);
    assert_string_equal(dump, "某局2023年政府信息公开工作年度报告 & <附>\n"
                              "正文 <b> & 1\n");
    free(dump);
}

/* pdftotext reads a UTF-16LE title byte by byte: "ÿþ..." goes to pdfinfo. */
static void misread_title_asks_pdfinfo(void **state)
{
    (void)state;
    struct gx_diag d = {GX_OK, ""};
    char *dump;
    assert_int_equal(read_with_tools(HTMLMETA("ÿþ*mýl", "正文\n"),
                                     "#!/bin/sh\necho 'Title:           "
                                     "洪泽区2023年政府信息公开工作年度报告'\n",
                                     &dump, &d),
                     GX_OK);
    assert_string_equal(dump, "洪泽区2023年政府信息公开工作年度报告\n正文\n");
    free(dump);
}

static void missing_pdftotext_is_a_tool_error(void **state)
{
    (void)state;
    struct gx_diag d = {GX_OK, ""};
    assert_int_equal(read_with_tool(NULL, &d), GX_ERR_TOOL);
    assert_string_equal(d.message, "pdftotext not found (install poppler-utils)");
}

static void failing_pdftotext_reports_its_error(void **state)
{
    (void)state;
    struct gx_diag d = {GX_OK, ""};
    assert_int_equal(read_with_tool("#!/bin/sh\n"
                                    "echo 'Syntax Warning: odd' >&2\n"
                                    "echo 'Syntax Error: broken xref' >&2\n"
                                    "echo 'more' >&2\nexit 1\n", &d),
                     GX_ERR_FORMAT);
    assert_string_equal(d.message, "pdftotext failed: Syntax Error: broken xref");
}

static void endless_output_is_capped(void **state)
{
    (void)state;
    struct gx_diag d = {GX_OK, ""};
    assert_int_equal(read_with_tool("#!/bin/sh\n"
                                    "exec /usr/bin/yes 0123456789abcdef\n", &d),
                     GX_ERR_LIMIT);
    assert_non_null(strstr(d.message, "pdftotext printed more than"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cells_split_at_two_spaces),
        cmocka_unit_test(wrapped_numbers_rejoined),
        cmocka_unit_test(wrapped_numbers_beside_wrapped_labels),
        cmocka_unit_test(wrapped_pieces_need_their_shape),
        cmocka_unit_test(wrapped_numbers_with_separators),
        cmocka_unit_test(blank_lines_skipped_and_lines_numbered),
        cmocka_unit_test(numbers_stay_whole),
        cmocka_unit_test(number_after_one_space_leaves_label),
        cmocka_unit_test(prose_numbers_stay_in_prose),
        cmocka_unit_test(adjacent_values_split),
        cmocka_unit_test(item_marker_starts_a_cell),
        cmocka_unit_test(spaced_out_label_kept_whole),
        cmocka_unit_test(cjk_characters_are_one_column),
        cmocka_unit_test(headings_show_no_columns),
        cmocka_unit_test(page_number_lines_dropped),
        cmocka_unit_test(dash_rows_are_not_page_numbers),
        cmocka_unit_test(lone_numbers_inside_a_page_kept),
        cmocka_unit_test(running_header_dropped),
        cmocka_unit_test(table_rows_at_page_edges_kept),
        cmocka_unit_test(table_across_page_break_joined),
        cmocka_unit_test(missing_value_becomes_blank_cell),
        cmocka_unit_test(blank_cell_placed_by_column_headings),
        cmocka_unit_test(blank_cell_with_drifting_first_column),
        cmocka_unit_test(blank_cells_only_when_columns_are_clear),
        cmocka_unit_test(long_line_is_bounded),
        cmocka_unit_test(odd_bytes_do_not_crash),
        cmocka_unit_test(text_without_letters_is_empty),
        cmocka_unit_test(title_from_pdfinfo),
        cmocka_unit_test(htmlmeta_title_needs_no_pdfinfo),
        cmocka_unit_test(misread_title_asks_pdfinfo),
        cmocka_unit_test(title_missing_only_when_not_printed),
        cmocka_unit_test(reads_a_text_pdf),
        cmocka_unit_test(scan_without_text_layer),
        cmocka_unit_test(renamed_binary_is_an_error),
        cmocka_unit_test(missing_file_is_unreadable),
        cmocka_unit_test(missing_pdftotext_is_a_tool_error),
        cmocka_unit_test(failing_pdftotext_reports_its_error),
        cmocka_unit_test(endless_output_is_capped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
