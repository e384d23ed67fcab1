/* test_section.c - where each table's section begins and ends
 * (gx_sections_locate) and which lines are prose (gx_line_is_prose).
 * Run from the repository root (templates/ is loaded). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "reader.h"
#include "section.h"
#include "template.h"

enum { ART20, APPS, REVIEW };

static int load(void **state)
{
    struct gx_diag d = {0};
    struct gx_templates *t = gx_templates_load("templates", &d);
    if (!t) {
        fprintf(stderr, "templates: %s (run from the repository root)\n",
                d.message);
        return -1;
    }
    *state = t;
    return 0;
}

static int unload(void **state)
{
    gx_templates_free(*state);
    return 0;
}

/* Splits `text` into a doc and locates the three sections. */
static void locate(const struct gx_templates *t, const char *text,
                   struct gx_doc *doc, struct gx_section *s)
{
    assert_int_equal(t->ntables, 3);
    gx_doc_init(doc);
    gx_text_to_doc(text, strlen(text), doc);
    struct gx_sections found;
    gx_sections_locate(t, doc, &found);
    assert_int_equal(found.n, 3);
    memcpy(s, found.at, 3 * sizeof(*s));
    gx_sections_release(&found);
}

/* The doc line whose first cell is `first` (fails when absent). */
static size_t line_of(const struct gx_doc *doc, const char *first)
{
    for (size_t i = 0; i < doc->nlines; i++)
        if (doc->lines[i].ncells && !strcmp(doc->lines[i].cells[0], first))
            return i;
    fail_msg("no line \"%s\"", first);
    return 0;
}

static void section_is(const struct gx_section *s, size_t begin, size_t end)
{
    assert_int_equal(s->found, 1);
    assert_int_equal(s->begin, begin);
    assert_int_equal(s->end, end);
}

/* A report with numbered headings and the traps of section 一: a
 * sub-heading （一）主动公开政府信息情况 and a sentence naming 表三's
 * heading. */
static const char numbered[] =
    "某县统计局2023年政府信息公开工作年度报告\n"
    "一、总体情况\n"
    "（一）主动公开政府信息情况\n"
    "全年主动公开信息1200条。\n"
    "本机关收到和处理政府信息公开申请情况良好。\n"
    "二、主动公开政府信息情况\n"
    "第二十条第（一）项\n"
    "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
    "规章\t0\t0\t0\n"
    "三、收到和处理政府信息公开申请情况\n"
    "一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n"
    "四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0\n"
    "四、政府信息公开行政复议、行政诉讼情况\n"
    "1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n"
    "五、存在的主要问题及改进情况\n"
    "一是公开内容有待丰富。\n"
    "六、其他需要报告的事项\n";

static void test_numbered_headings(void **state)
{
    struct gx_doc doc;
    struct gx_section s[3];
    locate(*state, numbered, &doc, s);
    size_t art20 = line_of(&doc, "二、主动公开政府信息情况");
    size_t apps = line_of(&doc, "三、收到和处理政府信息公开申请情况");
    size_t review = line_of(&doc, "四、政府信息公开行政复议、行政诉讼情况");
    size_t closing = line_of(&doc, "五、存在的主要问题及改进情况");
    assert_int_equal(art20, 5);
    /* The sub-heading in section 一 does not open 表二, nor the sentence 表三;
     * 四、结转下年度继续办理 does not close 表三. */
    section_is(&s[ART20], art20, apps);
    section_is(&s[APPS], apps, review);
    section_is(&s[REVIEW], review, closing);
    assert_true(line_of(&doc, "四、结转下年度继续办理") < s[APPS].end);
    gx_doc_release(&doc);
}

/* Headings without ordinals, with markdown marks. */
static const char markdown[] =
    "# 某县统计局2023年政府信息公开工作年度报告\n"
    "## 总体情况\n"
    "### （一）主动公开政府信息情况\n"
    "## 主动公开政府信息情况\n"
    "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
    "|---|---|---|---|\n"
    "| 规章 | 0 | 0 | 0 |\n"
    "## 收到和处理政府信息公开申请情况\n"
    "| 四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
    "## **政府信息公开行政复议、行政诉讼情况**\n"
    "| 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
    "## 其他需要报告的事项\n"
    "无。\n";

static void test_markdown_headings(void **state)
{
    struct gx_doc doc;
    struct gx_section s[3];
    locate(*state, markdown, &doc, s);
    /* Marks stripped: the heading is a plain one-cell line. */
    size_t art20 = line_of(&doc, "主动公开政府信息情况");
    size_t apps = line_of(&doc, "收到和处理政府信息公开申请情况");
    size_t review = line_of(&doc, "政府信息公开行政复议、行政诉讼情况");
    size_t closing = line_of(&doc, "其他需要报告的事项");
    assert_int_equal(line_of(&doc, "（一）主动公开政府信息情况"), 2);
    assert_int_equal(art20, 3);
    section_is(&s[ART20], art20, apps);
    section_is(&s[APPS], apps, review);
    section_is(&s[REVIEW], review, closing);
    gx_doc_release(&doc);
}

/* No heading for 表二: its first table caption opens it. */
static const char captions[] =
    "某县2023年政府信息公开工作年度报告\n"
    "一、总体情况\n"
    "第二十条第（一）项\n"
    "规章\t0\t0\t0\n"
    "三、收到和处理政府信息公开申请情况\n"
    "四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0\n";

static void test_start_label_without_heading(void **state)
{
    struct gx_doc doc;
    struct gx_section s[3];
    locate(*state, captions, &doc, s);
    section_is(&s[ART20], 2, 4);
    /* The last table found runs to the end of the document. */
    section_is(&s[APPS], 4, doc.nlines);
    assert_int_equal(s[REVIEW].found, 0);
    gx_doc_release(&doc);
}

static void test_no_tables(void **state)
{
    struct gx_doc doc;
    struct gx_section s[3];
    locate(*state, "会议通知\n请各单位于2023年5月报送主动公开政府信息情况的材料。\n",
           &doc, s);
    for (int i = 0; i < 3; i++) assert_int_equal(s[i].found, 0);
    gx_doc_release(&doc);
}

/* ---- gx_line_is_prose ------------------------------------------------ */

static struct gx_line *add(struct gx_doc *doc, enum gx_line_kind kind,
                           const char *const *cells)
{
    struct gx_line *l = gx_doc_add_line(doc, kind, (unsigned)doc->nlines + 1);
    for (size_t c = 0; cells[c]; c++)
        gx_line_add_cell(l, cells[c], strlen(cells[c]));
    return l;
}

static void test_prose(void **state)
{
    static const char long_text[] =
        "本机关严格按照条例要求做好政府信息公开工作并持续推进政务公开标准化规范化建设"
        "不断提高公开质量和水平切实保障人民群众知情权参与权表达权监督权";
    struct gx_doc doc;
    gx_doc_init(&doc);
    /* A sentence. */
    assert_int_equal(gx_line_is_prose(add(&doc, GX_LINE_TEXT,
        (const char *[]){"全年主动公开信息1200条。", NULL})), 1);
    /* A clause ended by ；. */
    assert_int_equal(gx_line_is_prose(add(&doc, GX_LINE_TEXT,
        (const char *[]){"一是公开内容有待丰富；", NULL})), 1);
    /* Over 60 characters without a full stop. */
    assert_int_equal(gx_line_is_prose(add(&doc, GX_LINE_TEXT,
        (const char *[]){long_text, NULL})), 1);
    /* A label, a heading. */
    assert_int_equal(gx_line_is_prose(add(&doc, GX_LINE_TEXT,
        (const char *[]){"1.属于国家秘密", NULL})), 0);
    assert_int_equal(gx_line_is_prose(add(&doc, GX_LINE_TEXT,
        (const char *[]){"二、主动公开政府信息情况", NULL})), 0);
    /* Table rows never are, even with a sentence in a cell. */
    assert_int_equal(gx_line_is_prose(add(&doc, GX_LINE_ROW,
        (const char *[]){"注：数据截至年底。", NULL})), 0);
    /* A paragraph outside tables is told as a line of text is: a page
     * converted from a PDF puts each cell in a paragraph of its own. */
    assert_int_equal(gx_line_is_prose(add(&doc, GX_LINE_PARA,
        (const char *[]){"规章", NULL})), 0);
    assert_int_equal(gx_line_is_prose(add(&doc, GX_LINE_PARA,
        (const char *[]){"全年主动公开信息1200条。", NULL})), 1);
    /* Several cells: prose only when one is a long sentence. */
    assert_int_equal(gx_line_is_prose(add(&doc, GX_LINE_TEXT,
        (const char *[]){"规章", "0", "0", "0", NULL})), 0);
    assert_int_equal(gx_line_is_prose(add(&doc, GX_LINE_TEXT,
        (const char *[]){"注", "数据。", NULL})), 0);
    char sentence[512];
    snprintf(sentence, sizeof(sentence), "%s。", long_text);
    assert_int_equal(gx_line_is_prose(add(&doc, GX_LINE_TEXT,
        (const char *[]){sentence, "12", NULL})), 1);
    gx_doc_release(&doc);
}

static void test_line_text(void **state)
{
    struct gx_doc doc;
    gx_doc_init(&doc);
    char *t = gx_line_text(add(&doc, GX_LINE_ROW,
                               (const char *[]){"规章", "", "0", "", "3", NULL}));
    assert_string_equal(t, "规章 0 3");
    free(t);
    gx_doc_release(&doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbered_headings),
        cmocka_unit_test(test_markdown_headings),
        cmocka_unit_test(test_start_label_without_heading),
        cmocka_unit_test(test_no_tables),
        cmocka_unit_test(test_prose),
        cmocka_unit_test(test_line_text),
    };
    return cmocka_run_group_tests(tests, load, unload);
}
