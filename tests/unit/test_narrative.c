/* test_narrative.c - counts read out of a report's prose: the clauses of
 * seed 001 and of a real PDF, thousands separators, and every way a
 * clause is left alone (approximations, parts, comparisons, other years,
 * ranges, decimals, negations, other matters); then the findings of a
 * whole document: only the prose before the tables, wrapped lines put
 * back together, a difference a warning, a blank cell 无法核对. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "narrative.h"
#include "report.h"
#include "section.h"
#include "template.h"
#include "util.h"

#include "fixture_templates.h"

enum { MAX = 16 };

static size_t claims(const char *text, int year, struct gx_claim *out)
{
    return gx_narrative_claims(text, year, out, MAX);
}

static void claim_is(const struct gx_claim *c, enum gx_claim_topic topic,
                     double value)
{
    if (c->topic != topic || c->value != value)
        fail_msg("claim \"%s\": topic %d value %g, want %d %g", c->text,
                 c->topic, c->value, topic, value);
}

static void says_nothing(const char *text, int year)
{
    struct gx_claim c[MAX];
    size_t n = claims(text, year, c);
    if (n) fail_msg("\"%s\" gave \"%s\" = %g", text, c[0].text, c[0].value);
}

/* Seed 001: 收到 is 本年新收 alone; each clause its own topic. */
static void test_seed_sentence(void **state)
{
    (void)state;
    struct gx_claim c[MAX];
    size_t n = claims("2023年，我市收到政府信息公开申请1516件，上年结转1件，"
                      "当年办结1504件，结转下年度13件。", 2023, c);
    assert_int_equal(n, 3);
    claim_is(&c[0], GX_CLAIM_NEW, 1516);
    assert_string_equal(c[0].text, "我市收到政府信息公开申请1516件");
    claim_is(&c[1], GX_CLAIM_CARRIED_IN, 1);
    claim_is(&c[2], GX_CLAIM_CARRIED_OUT, 13);
    n = claims("2024年，全办新收政府信息公开4件，均在法定期限内办结。", 2024, c);
    assert_int_equal(n, 1);
    claim_is(&c[0], GX_CLAIM_NEW, 4);
    n = claims("2020年收到依申请信息公开的事项4个，均于20个工作日内进行回复。",
               2020, c);
    assert_int_equal(n, 1);
    claim_is(&c[0], GX_CLAIM_NEW, 4);
}

/* 淮安市 2024 (a PDF): spaces around numbers; 受理 … 3119 件 is left
 * alone because its sentence counts 上年度结转 inside something; the
 * 复议 and 诉讼 totals are read, their results are not. */
static void test_pdf_paragraph(void **state)
{
    (void)state;
    struct gx_claim c[MAX];
    size_t n = claims(
        "2024 年，全市共受理政府信息公开申请 3119 件，答复 3050 件（含上年"
        "度结转申请 34 件，另有 103 件顺延到下年度答复），均在法定期限内予以"
        "答复。政府信息公开行政复议 351件，其中结果维持 72 件，结果纠正 64 件"
        "，其他结果 178 件，尚未审结 37 件；政府信息公开行政诉讼 46 件，其中结"
        "果维持 25件。", 2024, c);
    assert_int_equal(n, 2);
    claim_is(&c[0], GX_CLAIM_REVIEW, 351);
    claim_is(&c[1], GX_CLAIM_SUIT, 46);
    n = claims("全年收到政府信息公开申请3,315件。", 2021, c);
    assert_int_equal(n, 1);
    claim_is(&c[0], GX_CLAIM_NEW, 3315);
    n = claims("因政府信息公开被申请行政复议2起，因政府信息公开被提起行政诉讼1起。",
               2023, c);
    assert_int_equal(n, 2);
    claim_is(&c[0], GX_CLAIM_REVIEW, 2);
    claim_is(&c[1], GX_CLAIM_SUIT, 1);
}

static void test_left_alone(void **state)
{
    (void)state;
    says_nothing("全年收到政府信息公开申请约100件。", 2023);
    says_nothing("全年收到政府信息公开申请100余件。", 2023);
    says_nothing("收到政府信息公开申请同比增长10件。", 2023);
    says_nothing("收到政府信息公开申请12件（含上年结转2件）。", 2023);
    says_nothing("收到政府信息公开申请12件，其中上年结转2件。", 2023);
    says_nothing("2022年收到政府信息公开申请5件。", 2023);
    says_nothing("上年收到政府信息公开申请5件。", 2023);
    says_nothing("收到政府信息公开申请3-5件。", 2023);
    says_nothing("收到政府信息公开申请1.5件。", 2023);
    says_nothing("全年受理行政许可申请5000件。", 2023);
    says_nothing("全年未收到政府信息公开申请。", 2023);
    says_nothing("全年收到政府信息公开申请件。", 2023);
    says_nothing("行政复议、行政诉讼各1件。", 2023);
    says_nothing("政府信息公开行政复议被纠错1件。", 2023);
    says_nothing("全年受理政府信息公开行政复议申请20件。", 2023);
    says_nothing("共收到12345热线转办工单172件。", 2023);
    says_nothing("收到并办结政府信息公开申请10件。", 2023);
    says_nothing("截至12月31日结转下年度3件。", 2023);
    says_nothing("收到政府信息公开申请10件、办结8件。", 2023);
    says_nothing("2023年收到政府信息公开申请5件。", 0);
    says_nothing("上年结转及结转下年度各2件。", 2023);
    says_nothing("全年收到和上年结转政府信息公开申请20件。", 2023);
    says_nothing("本年办结和结转下年度共20件。", 2023);
}

/* ---- a whole document --------------------------------------------------- */

static void add_line(struct gx_doc *doc, enum gx_line_kind kind,
                     const char *text)
{
    struct gx_line *l = gx_doc_add_line(doc, kind, (unsigned)doc->nlines + 1);
    gx_line_add_cell(l, text, strlen(text));
}

static void add_total(struct gx_report *r, const char *table, const char *row,
                      enum gx_cell_state state, double v)
{
    struct gx_fact *f = gx_report_add_fact(r, table, row, "total");
    f->state = state;
    gx_fact_set_value(r, f, v);
}

/* The prose check as gx_process_file runs it: after locating the
 * sections, which end the prose. */
static void check(const struct gx_doc *doc, struct gx_report *r)
{
    struct gx_sections s;
    gx_sections_locate(tpl, doc, &s);
    gx_narrative_check(doc, &s, r);
    gx_sections_release(&s);
}

static const struct gx_finding *finding_on(const struct gx_report *r,
                                           const char *row)
{
    for (size_t i = 0; i < r->nfindings; i++)
        if (!strcmp(r->findings[i].row, row)) return &r->findings[i];
    return NULL;
}

static void test_document(void **state)
{
    (void)state;
    struct gx_doc doc;
    gx_doc_init(&doc);
    add_line(&doc, GX_LINE_TEXT, "某县民政局2023年政府信息公开工作年度报告");
    add_line(&doc, GX_LINE_TEXT, "一、总体情况");
    /* a sentence wrapped over three lines, as pdftotext gives it */
    add_line(&doc, GX_LINE_TEXT, "（二）依申请公开情况。本年度全局共收到");
    add_line(&doc, GX_LINE_TEXT, "政府信息公开申请 12");
    add_line(&doc, GX_LINE_TEXT, "件，上年结转2件，结转下年度1件。");
    add_line(&doc, GX_LINE_PARA,
             "因政府信息公开被申请行政复议3件，因政府信息公开被起诉（行政诉讼）2件。");
    add_line(&doc, GX_LINE_TEXT, "二、主动公开政府信息情况");
    add_line(&doc, GX_LINE_PARA, "全年收到政府信息公开申请99件。");
    struct gx_report *r = gx_report_new("a.txt", "a.txt");
    r->cells = tpl->cells;
    r->year = 2023;
    add_total(r, "apps", "new", GX_CELL_NUMBER, 12);
    add_total(r, "apps", "carried_in", GX_CELL_BLANK, 0);
    add_total(r, "apps", "carried_out", GX_CELL_NUMBER, 4);
    add_total(r, "review", "review", GX_CELL_NUMBER, 3);
    add_total(r, "review", "suit_direct", GX_CELL_NUMBER, 1);
    add_total(r, "review", "suit_after_review", GX_CELL_NUMBER, 1);
    check(&doc, r);
    assert_int_equal(r->nfindings, 2);
    const struct gx_finding *f = finding_on(r, "carried_out");
    assert_non_null(f);
    assert_string_equal(f->rule, "text-vs-table");
    assert_int_equal(f->kind, GX_FIND_WARNING);
    assert_string_equal(f->table, "apps");
    assert_string_equal(f->col, "total");
    struct gx_strbuf cells = GX_STRBUF_INIT;
    assert_string_equal(gx_finding_cells(r, f, &cells), "carried_out.total");
    gx_strbuf_release(&cells);
    assert_true(f->has_values && f->expected == 4 && f->found == 1);
    assert_non_null(strstr(f->message, "结转下年度1件"));
    f = finding_on(r, "carried_in");
    assert_non_null(f);
    assert_int_equal(f->kind, GX_FIND_UNASSESSED);
    assert_false(f->has_values);
    assert_non_null(strstr(f->message, "无法核对"));
    gx_report_free(r);
    gx_doc_release(&doc);
}

/* The same topic with two numbers in the prose: left alone. */
static void test_two_numbers_for_one_topic(void **state)
{
    (void)state;
    struct gx_doc doc;
    gx_doc_init(&doc);
    add_line(&doc, GX_LINE_PARA, "全年收到政府信息公开申请10件。");
    add_line(&doc, GX_LINE_PARA, "本机关全年收到政府信息公开申请11件。");
    add_line(&doc, GX_LINE_TEXT, "二、主动公开政府信息情况");
    struct gx_report *r = gx_report_new("b.txt", "b.txt");
    r->cells = tpl->cells;
    r->year = 2023;
    add_total(r, "apps", "new", GX_CELL_NUMBER, 12);
    check(&doc, r);
    assert_int_equal(r->nfindings, 0);
    gx_report_free(r);
    gx_doc_release(&doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_sentence),
        cmocka_unit_test(test_pdf_paragraph),
        cmocka_unit_test(test_left_alone),
        cmocka_unit_test(test_document),
        cmocka_unit_test(test_two_numbers_for_one_topic),
    };
    return cmocka_run_group_tests(tests, load_templates, free_templates);
}
