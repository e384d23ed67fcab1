/* test_check.c - the report's own identities (check.c): a failure is a
 * 差错 with both sides; blank or dash operands make the identity 无法核对,
 * naming a few blank cells and counting many (a row left empty is said in
 * one short message, not 25 cell names copied into every cell's comment). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "report.h"
#include "template.h"
#include "util.h"

#include "fixture_templates.h"

static const char *const review_cols[] = {"upheld", "corrected", "other",
                                          "pending", "total"};

/* A report whose 表四 has the three rows; the review row's cells take the
 * given texts: a number, "" for blank, "-" for a dash. */
static struct gx_report *review_report(const char *const cells[5])
{
    struct gx_report *r = gx_report_new("r.txt", "r.txt");
    r->cells = tpl->cells;
    r->tables[2] = (struct gx_table_read){"review", "2021", 1, NULL};
    static const char *const rows[] = {"review", "suit_direct",
                                       "suit_after_review"};
    for (size_t i = 0; i < 3; i++)
        for (size_t k = 0; k < 5; k++) {
            const char *text = i == 0 ? cells[k] : "0";
            struct gx_fact *f = gx_report_add_fact(r, "review", rows[i],
                                                   review_cols[k]);
            if (!*text) {
                f->state = GX_CELL_BLANK;
            } else if (!strcmp(text, "-")) {
                f->state = GX_CELL_DASH;
            } else {
                f->state = GX_CELL_NUMBER;
                double v = 0;
                sscanf(text, "%lf", &v);
                gx_fact_set(r, f, v, text, NULL);
            }
        }
    gx_report_trim(r);
    return r;
}

static const struct gx_finding *only_finding(const struct gx_report *r,
                                             const char *rule)
{
    const struct gx_finding *hit = NULL;
    for (size_t i = 0; i < r->nfindings; i++)
        if (!strcmp(r->findings[i].rule, rule)) {
            assert_null(hit);
            hit = &r->findings[i];
        }
    assert_non_null(hit);
    return hit;
}

static void test_failure_is_error(void **state)
{
    (void)state;
    const char *cells[5] = {"1", "2", "0", "0", "4"};
    struct gx_report *r = review_report(cells);
    gx_check_report(tpl, r);
    const struct gx_finding *f = only_finding(r, "review-total");
    assert_int_equal(f->kind, GX_FIND_ERROR);
    assert_true(f->has_values);
    gx_report_free(r);
}

static void test_few_blanks_named(void **state)
{
    (void)state;
    const char *cells[5] = {"1", "", "-", "0", "1"};
    struct gx_report *r = review_report(cells);
    gx_check_report(tpl, r);
    const struct gx_finding *f = only_finding(r, "review-total");
    assert_int_equal(f->kind, GX_FIND_UNASSESSED);
    assert_non_null(strstr(f->message, "结果纠正、"));
    assert_non_null(strstr(f->message, "其他结果为空白或横线，无法核对"));
    assert_null(strstr(f->message, "个单元格"));
    /* every operand is still listed for the workbook to mark */
    struct gx_strbuf named = GX_STRBUF_INIT;
    assert_string_equal(gx_finding_cells(r, f, &named),
                        "review.total review.upheld review.corrected "
                        "review.other review.pending");
    gx_strbuf_release(&named);
    gx_report_free(r);
}

static void test_many_blanks_counted(void **state)
{
    (void)state;
    const char *cells[5] = {"", "", "", "-", ""};
    struct gx_report *r = review_report(cells);
    gx_check_report(tpl, r);
    const struct gx_finding *f = only_finding(r, "review-total");
    assert_int_equal(f->kind, GX_FIND_UNASSESSED);
    assert_non_null(strstr(f->message, "行有 5 个单元格（"));
    assert_non_null(strstr(f->message, "等）为空白或横线，无法核对"));
    assert_null(strstr(f->message, "尚未审结"));   /* the third on is not named */
    gx_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_failure_is_error),
        cmocka_unit_test(test_few_blanks_named),
        cmocka_unit_test(test_many_blanks_counted),
    };
    return cmocka_run_group_tests(tests, load_templates, free_templates);
}
