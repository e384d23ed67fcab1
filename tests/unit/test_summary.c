/* test_summary.c - the 汇总 numbers: sums that are empty when a cell is
 * blank, dashed or absent (never 0), rates that are empty when their
 * denominator is 0 or absent, the two forms of 其他处理 and 规范性文件,
 * the status rules and the row order by region. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "summary.h"
#include "template.h"
#include "util.h"

#include "fixture_templates.h"

static void cell(struct gx_report *r, const char *table, const char *row,
                 const char *col, enum gx_cell_state st, double v)
{
    struct gx_fact *f = gx_report_add_fact(r, table, row, col);
    f->state = st;
    char text[32];
    snprintf(text, sizeof(text), "%g", v);
    if (st == GX_CELL_NUMBER) gx_fact_set(r, f, v, text, NULL);
    else if (st == GX_CELL_DASH) gx_fact_set(r, f, v, "—", NULL);
    else gx_fact_set_value(r, f, v);
}

static void num(struct gx_report *r, const char *table, const char *row,
                const char *col, double v)
{
    cell(r, table, row, col, GX_CELL_NUMBER, v);
}

static struct gx_report *report(void)
{
    struct gx_report *r = gx_report_new("in/a.txt", "a.txt");
    r->cells = tpl->cells;
    static const char *const keys[] = {"art20", "apps", "review"};
    for (int i = 0; i < GX_TABLES; i++) {
        r->tables[i].table = keys[i];
        r->tables[i].found = 1;
        r->tables[i].variant = "2021";
    }
    return r;
}

/* A complete 2021 表三 total column and 表四. */
static struct gx_report *full_report(void)
{
    struct gx_report *r = report();
    num(r, "apps", "new", "total", 100);
    num(r, "apps", "carried_in", "total", 10);
    num(r, "apps", "granted", "total", 50);
    num(r, "apps", "partial", "total", 10);
    static const char *const denied[] = {
        "denied_state_secret", "denied_prohibited", "denied_safety",
        "denied_third_party", "denied_internal", "denied_process",
        "denied_case_file", "denied_query"};
    for (size_t i = 0; i < GX_ARRAY_LEN(denied); i++)
        num(r, "apps", denied[i], "total", 1);
    num(r, "apps", "unable_not_held", "total", 5);
    num(r, "apps", "unable_needs_making", "total", 1);
    num(r, "apps", "unable_unclear", "total", 1);
    num(r, "apps", "rejected_petition", "total", 2);
    num(r, "apps", "rejected_duplicate", "total", 0);
    num(r, "apps", "rejected_publication", "total", 0);
    num(r, "apps", "rejected_excessive", "total", 0);
    num(r, "apps", "rejected_confirm", "total", 1);
    num(r, "apps", "other_no_correction", "total", 3);
    num(r, "apps", "other_no_fee", "total", 0);
    num(r, "apps", "other_misc", "total", 2);
    num(r, "apps", "total", "total", 90);
    num(r, "apps", "carried_out", "total", 20);
    num(r, "review", "review", "total", 8);
    num(r, "review", "review", "corrected", 2);
    num(r, "review", "suit_direct", "total", 3);
    num(r, "review", "suit_direct", "corrected", 1);
    num(r, "review", "suit_after_review", "total", 4);
    num(r, "review", "suit_after_review", "corrected", 0);
    num(r, "art20", "normative_docs", "issued", 7);
    num(r, "art20", "licensing", "decisions", 1200);
    num(r, "art20", "penalty", "decisions", 30);
    num(r, "art20", "enforcement", "decisions", 4);
    num(r, "art20", "fees", "amount", 12.5);
    return r;
}

static void assert_value(const struct gx_summary *s, int field, double v)
{
    assert_true(gx_summary_has(s, field));
    assert_true(s->v[field] > v - 1e-9 && s->v[field] < v + 1e-9);
}

static struct gx_fact *fact(struct gx_report *r, const char *table,
                            const char *row, const char *col)
{
    return (struct gx_fact *)gx_report_find(r, table, row, col);
}

/* ---- sums -------------------------------------------------------------- */

static void test_full_report(void **state)
{
    (void)state;
    struct gx_report *r = full_report();
    struct gx_summary s;
    gx_summary_fill(&s, r);
    assert_value(&s, GX_SUM_NEW, 100);
    assert_value(&s, GX_SUM_CARRIED_IN, 10);
    assert_value(&s, GX_SUM_DENIED, 8);
    assert_value(&s, GX_SUM_UNABLE, 7);
    assert_value(&s, GX_SUM_REJECTED, 3);
    assert_value(&s, GX_SUM_OTHER, 5);
    assert_value(&s, GX_SUM_TOTAL, 90);
    assert_value(&s, GX_SUM_CARRIED_OUT, 20);
    assert_value(&s, GX_SUM_REVIEW, 8);
    assert_value(&s, GX_SUM_REVIEW_CORRECTED, 2);
    assert_value(&s, GX_SUM_SUIT, 7);
    assert_value(&s, GX_SUM_SUIT_CORRECTED, 1);
    assert_value(&s, GX_SUM_NORMATIVE, 7);
    assert_value(&s, GX_SUM_LICENSING, 1200);
    assert_value(&s, GX_SUM_FEES, 12.5);
    assert_value(&s, GX_SUM_DISCLOSURE_RATE, 60.0 / 90);
    assert_value(&s, GX_SUM_CORRECTION_RATE, 0.25);
    assert_int_equal(s.status, GX_SUMMARY_OK);
    assert_int_equal(s.worst, -1);
    /* numbered once for the batch, or for another numbering: the same */
    struct gx_summary_cells sc;
    for (int k = 0; k < 2; k++) {
        struct gx_summary t;
        gx_summary_cells_init(&sc, k ? NULL : tpl->cells);
        gx_summary_fill_cells(&t, r, &sc);
        for (int i = 0; i < GX_SUM_NFIELDS; i++) {
            assert_int_equal(gx_summary_has(&t, i), gx_summary_has(&s, i));
            assert_true(t.v[i] == s.v[i]);
        }
        assert_int_equal(t.status, s.status);
    }
    gx_report_free(r);
}

/* One blank or dashed operand empties the sum: it is not 0. */
static void test_sum_with_blank_or_dash_is_empty(void **state)
{
    (void)state;
    struct gx_report *r = full_report();
    fact(r, "apps", "denied_safety", "total")->state = GX_CELL_BLANK;
    fact(r, "apps", "unable_unclear", "total")->state = GX_CELL_DASH;
    fact(r, "review", "suit_after_review", "corrected")->state = GX_CELL_DASH;
    struct gx_summary s;
    gx_summary_fill(&s, r);
    assert_false(gx_summary_has(&s, GX_SUM_DENIED));
    assert_false(gx_summary_has(&s, GX_SUM_UNABLE));
    assert_false(gx_summary_has(&s, GX_SUM_SUIT_CORRECTED));
    assert_value(&s, GX_SUM_SUIT, 7);         /* its other sums stay */
    assert_value(&s, GX_SUM_REJECTED, 3);
    gx_report_free(r);
}

/* A single-cell total that is blank is empty, and so is an absent one. */
static void test_blank_and_absent_totals(void **state)
{
    (void)state;
    struct gx_report *r = report();
    cell(r, "apps", "new", "total", GX_CELL_BLANK, 0);
    cell(r, "review", "review", "total", GX_CELL_DASH, 0);
    struct gx_summary s;
    gx_summary_fill(&s, r);
    for (int i = 0; i < GX_SUM_NFIELDS; i++) assert_false(gx_summary_has(&s, i));
    gx_report_free(r);
}

/* A 2019 表三 has the one row `other`; a 2019 表二 has `made`; its fees
 * row has no amount. */
static void test_2019_forms(void **state)
{
    (void)state;
    struct gx_report *r = report();
    num(r, "apps", "other", "total", 4);
    num(r, "art20", "normative_docs", "made", 9);
    num(r, "art20", "fees", "prev_items", 2);
    struct gx_summary s;
    gx_summary_fill(&s, r);
    assert_value(&s, GX_SUM_OTHER, 4);
    assert_value(&s, GX_SUM_NORMATIVE, 9);
    assert_false(gx_summary_has(&s, GX_SUM_FEES));
    gx_report_free(r);
}

/* Two of the three 2021 其他处理 rows: the third is missing, so the sum
 * is unknown, and the 2019 row is not used in its place. */
static void test_partial_form_is_empty(void **state)
{
    (void)state;
    struct gx_report *r = report();
    num(r, "apps", "other_no_correction", "total", 1);
    num(r, "apps", "other_no_fee", "total", 1);
    num(r, "apps", "other", "total", 6);
    struct gx_summary s;
    gx_summary_fill(&s, r);
    assert_false(gx_summary_has(&s, GX_SUM_OTHER));
    gx_report_free(r);
}

/* ---- rates ------------------------------------------------------------- */

static void test_rates_empty_on_zero_denominator(void **state)
{
    (void)state;
    struct gx_report *r = full_report();
    gx_fact_set_value(r, fact(r, "apps", "total", "total"), 0);
    gx_fact_set_value(r, fact(r, "review", "review", "total"), 0);
    gx_fact_set_value(r, fact(r, "review", "review", "corrected"), 0);
    struct gx_summary s;
    gx_summary_fill(&s, r);
    assert_value(&s, GX_SUM_TOTAL, 0);
    assert_false(gx_summary_has(&s, GX_SUM_DISCLOSURE_RATE));
    assert_false(gx_summary_has(&s, GX_SUM_CORRECTION_RATE));
    gx_report_free(r);
}

static void test_rates_empty_on_absent_operands(void **state)
{
    (void)state;
    struct gx_report *r = full_report();
    fact(r, "apps", "total", "total")->state = GX_CELL_BLANK;
    fact(r, "review", "review", "corrected")->state = GX_CELL_DASH;
    struct gx_summary s;
    gx_summary_fill(&s, r);
    assert_false(gx_summary_has(&s, GX_SUM_DISCLOSURE_RATE));
    assert_false(gx_summary_has(&s, GX_SUM_CORRECTION_RATE));
    gx_report_free(r);

    r = full_report();
    fact(r, "apps", "partial", "total")->state = GX_CELL_BLANK;
    gx_summary_fill(&s, r);
    assert_false(gx_summary_has(&s, GX_SUM_DISCLOSURE_RATE));
    assert_value(&s, GX_SUM_CORRECTION_RATE, 0.25);
    gx_report_free(r);

    r = report();   /* nothing at all */
    gx_summary_fill(&s, r);
    assert_false(gx_summary_has(&s, GX_SUM_DISCLOSURE_RATE));
    assert_false(gx_summary_has(&s, GX_SUM_CORRECTION_RATE));
    gx_report_free(r);
}

/* A rate of 0 (nothing granted) is a value, not an empty cell. */
static void test_zero_rate_is_a_value(void **state)
{
    (void)state;
    struct gx_report *r = full_report();
    gx_fact_set_value(r, fact(r, "apps", "granted", "total"), 0);
    gx_fact_set_value(r, fact(r, "apps", "partial", "total"), 0);
    gx_fact_set_value(r, fact(r, "review", "review", "corrected"), 0);
    struct gx_summary s;
    gx_summary_fill(&s, r);
    assert_value(&s, GX_SUM_DISCLOSURE_RATE, 0);
    assert_value(&s, GX_SUM_CORRECTION_RATE, 0);
    gx_report_free(r);
}

/* ---- status ------------------------------------------------------------ */

static void add(struct gx_report *r, enum gx_finding_kind kind)
{
    gx_report_add_finding(r, "rule", kind, "apps", "new.total", "说明");
}

static enum gx_summary_status status_with(const enum gx_finding_kind *kinds,
                                          size_t n, int missing_table,
                                          int *worst)
{
    struct gx_report *r = full_report();
    for (size_t i = 0; i < n; i++) add(r, kinds[i]);
    if (missing_table) r->tables[2].found = 0;
    struct gx_summary s;
    gx_summary_fill(&s, r);
    assert_int_equal(s.nfindings, n);
    *worst = s.worst;
    gx_report_free(r);
    return s.status;
}

static void test_status_rules(void **state)
{
    (void)state;
    int worst;
    const enum gx_finding_kind unassessed[] = {GX_FIND_UNASSESSED,
                                               GX_FIND_UNASSESSED};
    assert_int_equal(status_with(unassessed, 2, 0, &worst), GX_SUMMARY_OK);
    assert_int_equal(worst, GX_FIND_UNASSESSED);

    const enum gx_finding_kind doubt[] = {GX_FIND_UNASSESSED, GX_FIND_DOUBT};
    assert_int_equal(status_with(doubt, 2, 0, &worst), GX_SUMMARY_DOUBT);
    assert_int_equal(worst, GX_FIND_DOUBT);

    const enum gx_finding_kind warning[] = {GX_FIND_DOUBT, GX_FIND_WARNING};
    assert_int_equal(status_with(warning, 2, 0, &worst), GX_SUMMARY_DIFF);
    assert_int_equal(worst, GX_FIND_WARNING);

    const enum gx_finding_kind error[] = {GX_FIND_WARNING, GX_FIND_ERROR,
                                          GX_FIND_DOUBT};
    assert_int_equal(status_with(error, 3, 0, &worst), GX_SUMMARY_DIFF);
    assert_int_equal(worst, GX_FIND_ERROR);

    /* A table not found outranks the rest: the totals are incomplete. */
    assert_int_equal(status_with(error, 3, 1, &worst),
                     GX_SUMMARY_UNRECOGNISED);
    assert_int_equal(status_with(NULL, 0, 1, &worst),
                     GX_SUMMARY_UNRECOGNISED);
    assert_int_equal(worst, -1);

    assert_string_equal(gx_summary_status_name(GX_SUMMARY_OK), "正常");
    assert_string_equal(gx_summary_status_name(GX_SUMMARY_DOUBT), "存疑");
    assert_string_equal(gx_summary_status_name(GX_SUMMARY_DIFF), "有差异");
    assert_string_equal(gx_summary_status_name(GX_SUMMARY_UNRECOGNISED),
                        "未识别");
}

static void test_kind_worse(void **state)
{
    (void)state;
    assert_int_equal(gx_finding_kind_worse(-1, GX_FIND_UNASSESSED),
                     GX_FIND_UNASSESSED);
    assert_int_equal(gx_finding_kind_worse(GX_FIND_ERROR, GX_FIND_WARNING),
                     GX_FIND_ERROR);
    assert_int_equal(gx_finding_kind_worse(GX_FIND_DOUBT, GX_FIND_WARNING),
                     GX_FIND_WARNING);
    assert_int_equal(gx_finding_kind_worse(GX_FIND_DOUBT, -1), GX_FIND_DOUBT);
}

/* ---- row order --------------------------------------------------------- */

static void test_order_groups_regions(void **state)
{
    (void)state;
    static const char *const regions[] = {"乙市", NULL, "甲市", "乙市",
                                          NULL, "甲市", ""};
    enum { N = GX_ARRAY_LEN(regions) + 1 };
    struct gx_report *rs[N];
    for (size_t i = 0; i < N; i++) {
        rs[i] = report();
        if (i < GX_ARRAY_LEN(regions) && regions[i])
            rs[i]->region = gx_xstrdup(regions[i]);
    }
    gx_report_fail(rs[N - 1], GX_ERR_NOT_REPORT, "not a report");
    size_t order[N];
    size_t m = gx_summary_order(rs, N, order);
    /* first-seen region first; no region ("" too) last; failed left out */
    const size_t want[] = {0, 3, 2, 5, 1, 4, 6};
    assert_int_equal(m, GX_ARRAY_LEN(want));
    for (size_t i = 0; i < m; i++) assert_int_equal(order[i], want[i]);
    assert_string_equal(gx_summary_region(rs[1]), "未识别地区");
    assert_string_equal(gx_summary_region(rs[6]), "未识别地区");
    assert_string_equal(gx_summary_region(rs[2]), "甲市");
    for (size_t i = 0; i < N; i++) gx_report_free(rs[i]);
    assert_int_equal(gx_summary_order(NULL, 0, order), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_report),
        cmocka_unit_test(test_sum_with_blank_or_dash_is_empty),
        cmocka_unit_test(test_blank_and_absent_totals),
        cmocka_unit_test(test_2019_forms),
        cmocka_unit_test(test_partial_form_is_empty),
        cmocka_unit_test(test_rates_empty_on_zero_denominator),
        cmocka_unit_test(test_rates_empty_on_absent_operands),
        cmocka_unit_test(test_zero_rate_is_a_value),
        cmocka_unit_test(test_status_rules),
        cmocka_unit_test(test_kind_worse),
        cmocka_unit_test(test_order_groups_regions),
    };
    return cmocka_run_group_tests(tests, load_templates, free_templates);
}
