/* test_read_html.c - the HTML reader: charsets, paragraphs, table rows
 * with spans, nested tables, limits and hostile pages.  Run from the
 * repository root (the hostile inputs are read from tests/hostile/). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "input_limits.h"
#include "reader.h"
#include "strbuf.h"

struct read {
    struct gx_doc doc;
    struct gx_diag diag;
    enum gx_status status;
};

static void read_bytes(struct read *r, const char *data, size_t len)
{
    gx_doc_init(&r->doc);
    memset(&r->diag, 0, sizeof(r->diag));
    r->status = gx_read_html(data, len, &r->doc, &r->diag);
}

static void read_str(struct read *r, const char *html)
{
    read_bytes(r, html, strlen(html));
}

/* Reads a file of the repository into a heap buffer the caller frees. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    struct gx_strbuf sb = GX_STRBUF_INIT;
    char chunk[4096];
    size_t n;
    if (!f) fail_msg("cannot open %s (run from the repository root)", path);
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        gx_strbuf_add(&sb, chunk, n);
    fclose(f);
    return gx_strbuf_detach(&sb, len);
}

static void read_file(struct read *r, const char *path)
{
    size_t len;
    char *data = slurp(path, &len);
    read_bytes(r, data, len);
    free(data);
}

static const struct gx_line *line(const struct read *r, size_t i)
{
    assert_true(i < r->doc.nlines);
    return &r->doc.lines[i];
}

static void assert_para(const struct read *r, size_t i, const char *text)
{
    const struct gx_line *l = line(r, i);
    assert_int_equal(l->kind, GX_LINE_PARA);
    assert_int_equal(l->ncells, 1);
    assert_string_equal(l->cells[0], text);
}

/* Checks a row's table id and cells; `cells` is NULL-terminated. */
static void assert_row(const struct read *r, size_t i, unsigned table_id,
                       const char *const *cells)
{
    const struct gx_line *l = line(r, i);
    size_t n = 0;
    assert_int_equal(l->kind, GX_LINE_ROW);
    assert_int_equal(l->table_id, table_id);
    for (; cells[n]; n++) {
        assert_true(n < l->ncells);
        assert_string_equal(l->cells[n], cells[n]);
    }
    assert_int_equal(l->ncells, n);
}

#define ROW(...) ((const char *const[]){__VA_ARGS__, NULL})

/* Converts UTF-8 test text into `charset` bytes. */
static char *encode(const char *utf8, const char *charset, size_t *len)
{
    iconv_t cd = iconv_open(charset, "UTF-8");
    size_t inleft = strlen(utf8), outleft = inleft * 2 + 16;
    char *out = malloc(outleft), *o = out, *in = (char *)utf8;
    assert_true(cd != (iconv_t)-1);
    assert_true(iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1);
    iconv_close(cd);
    *len = (size_t)(o - out);
    return out;
}

static void release(struct read *r)
{
    gx_doc_release(&r->doc);
}

/* ---- tables ------------------------------------------------------------ */

static void test_spans_emit_only_starting_cells(void **state)
{
    struct read r;
    read_str(&r, "<table>"
                 "<tr><td rowspan=2>甲</td><td colspan=2>乙</td></tr>"
                 "<tr><td></td><td>丙</td></tr>"
                 "<tr><td>x</td><td>&nbsp;</td><td> z </td></tr>"
                 "</table>");
    assert_int_equal(r.status, GX_OK);
    assert_int_equal(r.doc.nlines, 3);
    /* 甲 covers row 2's first slot and 乙 two slots: neither repeats. */
    assert_row(&r, 0, 1, ROW("甲", "乙"));
    /* Row 2 starts two cells: a blank one and 丙. */
    assert_row(&r, 1, 1, ROW("", "丙"));
    /* &nbsp; alone is a blank cell, and blanks stay in their place. */
    assert_row(&r, 2, 1, ROW("x", "", "z"));
    release(&r);
}

static void test_tables_are_numbered_with_prose_around(void **state)
{
    struct read r;
    /* The title is split over elements, as pages often print it. */
    read_str(&r, "<body><h1>上高县人民政府<span>2024</span>"
                 "年政府信息公开工作年度报告</h1>"
                 "<p>二、主动公开政府信息情况</p>"
                 "<table><thead><tr><th>信息内容</th><th>本年制发件数</th>"
                 "</tr></thead><tbody><tr><td>规章</td><td>３</td></tr>"
                 "</tbody></table><p>三、收到和处理</p>"
                 "<table><caption>表三</caption>"
                 "<tr><td>总计</td><td>1</td></tr></table>"
                 "<p>五、存在的主要问题</p></body>");
    assert_int_equal(r.status, GX_OK);
    assert_int_equal(r.doc.nlines, 8);
    assert_para(&r, 0, "上高县人民政府2024年政府信息公开工作年度报告");
    assert_para(&r, 1, "二、主动公开政府信息情况");
    assert_row(&r, 2, 1, ROW("信息内容", "本年制发件数"));
    assert_row(&r, 3, 1, ROW("规章", "3")); /* full-width digit normalised */
    assert_para(&r, 4, "三、收到和处理");
    assert_para(&r, 5, "表三");
    assert_row(&r, 6, 2, ROW("总计", "1"));
    assert_para(&r, 7, "五、存在的主要问题");
    release(&r);
}

static void test_cell_text_joins_breaks_with_a_space(void **state)
{
    struct read r;
    read_str(&r, "<table><tr>"
                 "<td><p>（二）部分公开</p><p>（区分处理的）</p></td>"
                 "<td>一<br>二\n\t  三</td>"
                 "<td><font><b>4</b></font></td></tr></table>");
    assert_int_equal(r.status, GX_OK);
    assert_row(&r, 0, 1, ROW("（二）部分公开 （区分处理的）", "一 二 三", "4"));
    release(&r);
}

static void test_layout_table_is_flattened(void **state)
{
    struct read r;
    read_str(&r, "<table><tr><td>导航</td></tr><tr><td>"
                 "<p>标题</p><table><tr><td>规章</td><td>1</td></tr></table>"
                 "<p>结尾</p></td></tr></table>");
    assert_int_equal(r.status, GX_OK);
    assert_int_equal(r.doc.nlines, 4);
    assert_para(&r, 0, "导航");
    assert_para(&r, 1, "标题");
    assert_row(&r, 2, 1, ROW("规章", "1"));
    assert_para(&r, 3, "结尾");
    release(&r);
}

static void test_too_many_cells_hits_the_limit(void **state)
{
    struct gx_strbuf html = GX_STRBUF_INIT;
    struct read r;
    gx_strbuf_adds(&html, "<table><tr>");
    for (unsigned i = 0; i < GX_MAX_CELLS_PER_LINE + 10; i++)
        gx_strbuf_adds(&html, "<td>1</td>");
    gx_strbuf_adds(&html, "</tr></table>");
    read_bytes(&r, html.buf, html.len);
    assert_int_equal(r.status, GX_ERR_LIMIT);
    assert_int_equal(line(&r, 0)->ncells, GX_MAX_CELLS_PER_LINE);
    release(&r);
    gx_strbuf_release(&html);
}

/* ---- text outside tables ---------------------------------------------- */

static void test_blocks_breaks_and_skipped_elements(void **state)
{
    struct read r;
    read_str(&r, "<html><head><title>不出现</title><style>p{}</style></head>"
                 "<body><h1>标题</h1><div>第一行<br/>第二行</div>"
                 "<p>  </p><p></p><script>var x = '脚本';</script>"
                 "<p>一、总体  情况\n（续）</p><!-- 注释 --><ul><li>甲</li>"
                 "<li>乙&amp;丙</li></ul>尾巴</body></html>");
    assert_int_equal(r.status, GX_OK);
    assert_int_equal(r.doc.nlines, 7);
    assert_para(&r, 0, "标题");
    assert_para(&r, 1, "第一行");
    assert_para(&r, 2, "第二行");
    assert_para(&r, 3, "一、总体 情况 （续）");
    assert_para(&r, 4, "甲");
    assert_para(&r, 5, "乙&丙");
    assert_para(&r, 6, "尾巴");
    release(&r);
}

/* Word's HTML export: list numbers inside <![if]> markers, <o:p>. */
static void test_word_export_markers(void **state)
{
    struct read r;
    read_str(&r, "<p class=MsoNormal><![if !supportLists]><span>一、"
                 "</span><![endif]><span>总体情况<o:p></o:p></span></p>"
                 "<p><![CDATA[x]]>尾<![endif</p>");
    assert_int_equal(r.status, GX_OK);
    assert_int_equal(r.doc.nlines, 2);
    assert_para(&r, 0, "一、总体情况");
    assert_non_null(strstr(line(&r, 1)->cells[0], "尾"));
    release(&r);
}

/* An element with a namespace prefix is what its local name says, as in
 * libxml2's own tree: Word's <o:p> ends a paragraph, an <x:td> is a
 * cell (its text was dropped when the prefixed name was not split). */
static void test_prefixed_names(void **state)
{
    struct read r;
    read_str(&r, "<p>甲<o:p></o:p>乙</p>"
                 "<table><tr><td>名称</td><x:td>12</x:td></tr></table>");
    assert_int_equal(r.status, GX_OK);
    assert_int_equal(r.doc.nlines, 3);
    assert_para(&r, 0, "甲");
    assert_para(&r, 1, "乙");
    assert_int_equal(line(&r, 2)->ncells, 2);
    assert_string_equal(line(&r, 2)->cells[1], "12");
    release(&r);
}

/* A UTF-8 line among GB18030 ones: the whole page also decodes as
 * GB18030, turning that line into mojibake; it is read line by line. */
static void test_mixed_utf8_gb18030(void **state)
{
    struct read r;
    read_str(&r, "<html><head><meta charset=\"gbk\"></head><body>\n"
                 "<p>政府信息公开工作</p>\n"
                 "<p>\xC4\xEA\xB6\xC8\xB1\xA8\xB8\xE6\xC4\xDA\xC8\xDD</p>\n"
                 "</body></html>\n");
    assert_int_equal(r.status, GX_OK);
    assert_string_equal(r.doc.encoding, "mixed UTF-8/GB18030");
    assert_int_equal(r.doc.repaired_lines, 1);
    assert_para(&r, 0, "政府信息公开工作");
    assert_para(&r, 1, "年度报告内容");
    release(&r);
}

static void test_title_used_only_without_h1(void **state)
{
    struct read r;
    read_str(&r, "<html><head><title>某局2023年政府信息公开工作年度报告</title>"
                 "</head><body><div class=t>某局2023年</div></body></html>");
    assert_int_equal(r.status, GX_OK);
    assert_int_equal(r.doc.nlines, 2);
    assert_para(&r, 0, "某局2023年政府信息公开工作年度报告");
    assert_para(&r, 1, "某局2023年");
    release(&r);
}

static void test_pre_keeps_tab_rows(void **state)
{
    struct read r;
    read_str(&r, "<p>前</p><pre>规章\t0\t0\t9\n</pre><p>后</p>");
    assert_int_equal(r.status, GX_OK);
    assert_int_equal(r.doc.nlines, 3);
    assert_para(&r, 0, "前");
    assert_int_equal(line(&r, 1)->ncells, 4);
    assert_string_equal(line(&r, 1)->cells[3], "9");
    assert_para(&r, 2, "后");
    release(&r);
}

/* ---- charsets ---------------------------------------------------------- */

static const char GBK_PAGE[] =
    "<html><head>%s<title>t</title></head><body><h1>上高县人民政府</h1>"
    "<table><tr><td>行政许可</td><td>５</td></tr></table></body></html>";

static void check_gbk_page(const char *meta)
{
    char page[512];
    size_t len;
    struct read r;
    snprintf(page, sizeof(page), GBK_PAGE, meta);
    char *bytes = encode(page, "GBK", &len);
    read_bytes(&r, bytes, len);
    assert_int_equal(r.status, GX_OK);
    assert_int_equal(r.doc.nlines, 2);
    assert_para(&r, 0, "上高县人民政府");
    assert_row(&r, 1, 1, ROW("行政许可", "5"));
    release(&r);
    free(bytes);
}

static void test_gbk_with_meta_charset(void **state)
{
    check_gbk_page("<meta charset=\"gbk\">");
    check_gbk_page("<META HTTP-EQUIV=\"Content-Type\" "
                   "CONTENT=\"text/html; Charset=GB2312\">");
}

/* Without a declaration the bytes are not UTF-8, so GB18030 is detected. */
static void test_gbk_without_meta(void **state)
{
    check_gbk_page("");
}

/* A page that declares GBK but is UTF-8 (a common mistake) still reads. */
static void test_wrong_declaration_falls_back(void **state)
{
    struct read r;
    read_str(&r, "<meta charset=\"gb2312\"><p>政府信息公开</p>");
    assert_int_equal(r.status, GX_OK);
    assert_int_equal(r.doc.nlines, 1);
    assert_para(&r, 0, "政府信息公开");
    release(&r);
}

static void test_utf8_without_meta_and_with_bom(void **state)
{
    struct read r;
    read_str(&r, "\xEF\xBB\xBF<p>年度报告\xE3\x80\x80（一）</p>");
    assert_int_equal(r.status, GX_OK);
    assert_para(&r, 0, "年度报告 （一）"); /* ideographic space normalised */
    release(&r);
}

static void test_empty_page(void **state)
{
    struct read r;
    read_str(&r, "");
    assert_int_equal(r.status, GX_OK);
    assert_int_equal(r.doc.nlines, 0);
    release(&r);
    read_str(&r, "<html><body> \n </body></html>");
    assert_int_equal(r.status, GX_OK);
    assert_int_equal(r.doc.nlines, 0);
    release(&r);
}

/* ---- hostile pages ----------------------------------------------------- */

static void test_hostile_bad_spans(void **state)
{
    struct read r;
    read_file(&r, "tests/hostile/html-bad-spans.html");
    assert_int_equal(r.status, GX_OK);
    assert_int_equal(r.doc.nlines, 7);
    assert_para(&r, 0, "坏的合并");
    assert_row(&r, 1, 1, ROW("甲", "乙"));
    assert_row(&r, 2, 1, ROW("丙", "丁", "戊"));
    assert_row(&r, 3, 1, ROW("己"));
    assert_row(&r, 4, 1, ROW("庚", ""));
    assert_row(&r, 5, 2, ROW("无行")); /* <td> with no <tr> around it */
    assert_para(&r, 6, "完");
    release(&r);
}

static void test_hostile_deep_nesting(void **state)
{
    struct read r;
    read_file(&r, "tests/hostile/html-deep-nesting.html");
    assert_int_equal(r.status, GX_ERR_LIMIT);
    assert_non_null(strstr(r.diag.message, "deeper"));
    release(&r);
}

static void test_hostile_random_bytes(void **state)
{
    struct read r;
    read_file(&r, "tests/hostile/html-random-bytes.htm");
    assert_int_equal(r.status, GX_ERR_DECODE);
    assert_int_equal(r.doc.nlines, 0);
    release(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spans_emit_only_starting_cells),
        cmocka_unit_test(test_tables_are_numbered_with_prose_around),
        cmocka_unit_test(test_cell_text_joins_breaks_with_a_space),
        cmocka_unit_test(test_layout_table_is_flattened),
        cmocka_unit_test(test_too_many_cells_hits_the_limit),
        cmocka_unit_test(test_blocks_breaks_and_skipped_elements),
        cmocka_unit_test(test_word_export_markers),
        cmocka_unit_test(test_prefixed_names),
        cmocka_unit_test(test_mixed_utf8_gb18030),
        cmocka_unit_test(test_title_used_only_without_h1),
        cmocka_unit_test(test_pre_keeps_tab_rows),
        cmocka_unit_test(test_gbk_with_meta_charset),
        cmocka_unit_test(test_gbk_without_meta),
        cmocka_unit_test(test_wrong_declaration_falls_back),
        cmocka_unit_test(test_utf8_without_meta_and_with_bom),
        cmocka_unit_test(test_empty_page),
        cmocka_unit_test(test_hostile_bad_spans),
        cmocka_unit_test(test_hostile_deep_nesting),
        cmocka_unit_test(test_hostile_random_bytes),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    xmlCleanupParser();
    return failed;
}
