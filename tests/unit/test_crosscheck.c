/* test_crosscheck.c - one agency's reports held against each other: the
 * agency key, 表三's carry-over and 表二's stock across consecutive years,
 * blank operands (无法核对, never 0), two files for one year (duplicate
 * or conflict, both reports told), the links to the other report's cell,
 * and the coverage grid. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crosscheck.h"
#include "report.h"
#include "template.h"
#include "util.h"

/* ---- hand-built reports ------------------------------------------------ */

#include "fixture_templates.h"

static struct gx_report *report(const char *relpath, const char *agency,
                                const char *region, int year,
                                const char *art20_variant)
{
    struct gx_report *r = gx_report_new(relpath, relpath);
    r->agency = gx_xstrdup(agency);
    r->region = region ? gx_xstrdup(region) : NULL;
    r->year = year;
    r->cells = tpl->cells;
    static const char *const keys[GX_TABLES] = {"art20", "apps", "review"};
    for (int i = 0; i < GX_TABLES; i++) {
        r->tables[i].table = keys[i];
        r->tables[i].variant = i == 0 ? art20_variant : "2021";
        r->tables[i].found = 1;
    }
    return r;
}

static void number(struct gx_report *r, const char *table, const char *row,
                   const char *col, double v)
{
    struct gx_fact *f = gx_report_add_fact(r, table, row, col);
    f->state = GX_CELL_NUMBER;
    char text[32];
    snprintf(text, sizeof(text), "%g", v);
    gx_fact_set(r, f, v, text, NULL);
}

static void blank(struct gx_report *r, const char *table, const char *row,
                  const char *col)
{
    gx_report_add_fact(r, table, row, col)->state = GX_CELL_BLANK;
}

static void carry(struct gx_report *r, double in, double out)
{
    number(r, "apps", "carried_in", "natural", in);
    number(r, "apps", "carried_in", "total", in);
    number(r, "apps", "carried_out", "natural", out);
    number(r, "apps", "carried_out", "total", out);
}

static void stock(struct gx_report *r, double issued, double repealed,
                  double in_force)
{
    number(r, "art20", "normative_docs", "issued", issued);
    number(r, "art20", "normative_docs", "repealed", repealed);
    number(r, "art20", "normative_docs", "in_force", in_force);
}

static size_t count_rule(const struct gx_report *r, const char *rule)
{
    size_t n = 0;
    for (size_t i = 0; i < r->nfindings; i++)
        n += !strcmp(r->findings[i].rule, rule);
    return n;
}

static const struct gx_finding *find_rule(const struct gx_report *r,
                                          const char *rule, size_t *index)
{
    for (size_t i = 0; i < r->nfindings; i++)
        if (!strcmp(r->findings[i].rule, rule)) {
            if (index) *index = i;
            return &r->findings[i];
        }
    fail_msg("%s: no %s finding", r->relpath, rule);
    return NULL;
}

static void run(struct gx_report **r, size_t n, struct gx_xrefs *x)
{
    memset(x, 0, sizeof(*x));
    gx_crosscheck(NULL, r, n, x);
}

static void free_all(struct gx_report **r, size_t n, struct gx_xrefs *x)
{
    for (size_t i = 0; i < n; i++) gx_report_free(r[i]);
    gx_xrefs_release(x);
}

/* ---- tests ------------------------------------------------------------- */

static void key_is(const char *agency, const char *region, const char *want)
{
    size_t len;
    const char *k = gx_agency_key(agency, region, &len);
    if (len != strlen(want) || memcmp(k, want, len))
        fail_msg("key of %s in %s: %.*s, not %s", agency,
                 region ? region : "(none)", (int)len, k, want);
}

static void test_agency_key(void **state)
{
    (void)state;
    key_is("淮安市洪泽区人民政府", "江苏省淮安市洪泽区", "人民政府");
    key_is("洪泽区人民政府", "江苏省淮安市洪泽区", "人民政府");
    key_is("赣州市", "江西省赣州市", "人民政府");
    key_is("赣州市审计局", "江西省赣州市", "审计局");
    key_is("赣州经开区经发局", "江西省赣州市", "赣州经开区经发局");
    key_is("赣州市审计局", NULL, "赣州市审计局");
    /* one character is no name: 市人民政府 keeps its 市 */
    key_is("市人民政府", "江西省赣州市", "市人民政府");
}

/* 上年结转 (2023) against 结转下年度 (2022), per column: the total
 * differs, the natural column agrees. */
static void test_carry_over(void **state)
{
    (void)state;
    struct gx_report *r[2] = {
        report("2023/审计局.txt", "赣州市审计局", "江西省赣州市", 2023, "2021"),
        report("2022/审计局.txt", "审计局", "江西省赣州市", 2022, "2021")};
    struct gx_xrefs x;
    carry(r[0], 3, 0);
    gx_fact_set_value(r[0], &r[0]->facts[1], 6);                        /* carried_in.total */
    carry(r[1], 0, 3);
    gx_fact_set_value(r[1], &r[1]->facts[3], 5);                        /* carried_out.total */
    run(r, 2, &x);
    assert_int_equal(count_rule(r[0], "apps-carry-prev"), 1);
    assert_int_equal(count_rule(r[1], "apps-carry-prev"), 0);
    size_t k;
    const struct gx_finding *f = find_rule(r[0], "apps-carry-prev", &k);
    assert_int_equal(f->kind, GX_FIND_WARNING);
    assert_string_equal(f->table, "apps");
    assert_string_equal(f->row, "carried_in");
    assert_string_equal(f->col, "total");
    struct gx_strbuf cells = GX_STRBUF_INIT;
    assert_string_equal(gx_finding_cells(r[0], f, &cells), "carried_in.total");
    gx_strbuf_release(&cells);
    assert_true(f->has_values);
    assert_true(f->found == 6 && f->expected == 5);
    assert_non_null(strstr(f->message, "2022/审计局.txt"));
    const struct gx_xref *xr = gx_xrefs_find(&x, r[0], k);
    assert_non_null(xr);
    assert_ptr_equal(xr->other, r[1]);
    assert_string_equal(xr->table, "apps");
    assert_string_equal(xr->row, "carried_out");
    assert_string_equal(xr->col, "total");
    assert_null(gx_xrefs_find(&x, r[1], 0));
    free_all(r, 2, &x);
}

/* A blank operand is 无法核对, never a 0; a year between is no pair. */
static void test_carry_blank_and_gap(void **state)
{
    (void)state;
    struct gx_report *r[3] = {
        report("a/2021.txt", "某县商务局", "江西省宜春市某县", 2021, "2021"),
        report("a/2022.txt", "某县商务局", "江西省宜春市某县", 2022, "2021"),
        report("a/2024.txt", "某县商务局", "江西省宜春市某县", 2024, "2021")};
    struct gx_xrefs x;
    carry(r[0], 0, 0);
    blank(r[1], "apps", "carried_in", "natural");
    number(r[1], "apps", "carried_in", "total", 0);
    carry(r[2], 9, 9);
    run(r, 3, &x);
    const struct gx_finding *f = find_rule(r[1], "apps-carry-prev", NULL);
    assert_int_equal(f->kind, GX_FIND_UNASSESSED);
    assert_false(f->has_values);
    struct gx_strbuf cells = GX_STRBUF_INIT;
    assert_string_equal(gx_finding_cells(r[1], f, &cells),
                        "carried_in.natural");
    gx_strbuf_release(&cells);
    assert_non_null(strstr(f->message, "无法核对"));
    assert_int_equal(count_rule(r[1], "apps-carry-prev"), 1);
    assert_int_equal(r[2]->nfindings, 0);   /* 2023 is missing */
    free_all(r, 3, &x);
}

/* 现行有效 = last year's + 制发 - 废止, 2021 layout in both years only. */
static void test_stock(void **state)
{
    (void)state;
    struct gx_report *r[4] = {
        report("x/2022.txt", "甲局", "江西省", 2022, "2021"),
        report("x/2023.txt", "甲局", "江西省", 2023, "2021"),
        report("y/2020.txt", "乙局", "江西省", 2020, "2019"),
        report("y/2021.txt", "乙局", "江西省", 2021, "2021")};
    struct gx_xrefs x;
    stock(r[0], 1, 0, 10);
    stock(r[1], 3, 1, 13);         /* 10 + 3 - 1 = 12 */
    number(r[2], "art20", "normative_docs", "made", 4);
    stock(r[3], 0, 0, 50);
    run(r, 4, &x);
    size_t k;
    const struct gx_finding *f = find_rule(r[1], "art20-stock-prev", &k);
    assert_int_equal(f->kind, GX_FIND_WARNING);
    assert_string_equal(f->row, "normative_docs");
    assert_string_equal(f->col, "in_force");
    assert_true(f->found == 13 && f->expected == 12);
    assert_non_null(strstr(f->message, "x/2022.txt"));
    struct gx_strbuf cells = GX_STRBUF_INIT;
    assert_non_null(strstr(gx_finding_cells(r[1], f, &cells),
                           "normative_docs.issued"));
    gx_strbuf_release(&cells);
    assert_string_equal(gx_xrefs_find(&x, r[1], k)->col, "in_force");
    assert_int_equal(count_rule(r[3], "art20-stock-prev"), 0);
    assert_int_equal(count_rule(r[0], "art20-stock-prev"), 0);
    free_all(r, 4, &x);
}

/* Two files for one year: the same cells are a duplicate, on both;
 * different cells a conflict per table, on both, naming the other. */
static void test_duplicate_and_conflict(void **state)
{
    (void)state;
    struct gx_report *r[4] = {
        report("d/a.txt", "丙局", "江西省", 2023, "2021"),
        report("d/b.html", "丙局", "江西省", 2023, "2021"),
        report("c/a.txt", "丁局", "江西省", 2023, "2021"),
        report("c/b.txt", "丁局", "江西省", 2023, "2021")};
    struct gx_xrefs x;
    for (int i = 0; i < 4; i++) {
        number(r[i], "apps", "new", "total", 7);
        number(r[i], "review", "review", "total", 1);
    }
    gx_fact_set(r[3], &r[3]->facts[0], 8, "8", NULL);
    blank(r[3], "apps", "granted", "total");
    run(r, 4, &x);
    for (int i = 0; i < 2; i++) {
        size_t k;
        const struct gx_finding *f = find_rule(r[i], "duplicate", &k);
        assert_int_equal(f->kind, GX_FIND_WARNING);
        assert_null(f->table);
        assert_non_null(strstr(f->message, r[1 - i]->relpath));
        const struct gx_xref *xr = gx_xrefs_find(&x, r[i], k);
        assert_ptr_equal(xr->other, r[1 - i]);
        assert_null(xr->table);
        assert_int_equal(count_rule(r[i], "conflict"), 0);
    }
    for (int i = 2; i < 4; i++) {
        const struct gx_finding *f = find_rule(r[i], "conflict", NULL);
        assert_int_equal(f->kind, GX_FIND_ERROR);
        assert_string_equal(f->table, "apps");
        struct gx_strbuf cells = GX_STRBUF_INIT;
        assert_string_equal(gx_finding_cells(r[i], f, &cells), "new.total granted.total");
        gx_strbuf_release(&cells);
        assert_string_equal(f->row, "new");
        assert_non_null(strstr(f->message, r[5 - i]->relpath));
        assert_non_null(strstr(f->message, i == 2 ? "7／8" : "8／7"));
        assert_int_equal(count_rule(r[i], "conflict"), 1);   /* 表四 agrees */
        assert_int_equal(count_rule(r[i], "duplicate"), 0);
    }
    free_all(r, 4, &x);
}

/* Other regions, other agencies, no year or no agency: no pairs. */
static void test_no_pairs(void **state)
{
    (void)state;
    struct gx_report *r[4] = {
        report("p/1.txt", "教育局", "江西省赣州市", 2023, "2021"),
        report("p/2.txt", "教育局", "江西省九江市", 2023, "2021"),
        report("p/3.txt", "教育局", "江西省赣州市", 0, "2021"),
        report("p/4.txt", "民政局", "江西省赣州市", 2023, "2021")};
    struct gx_xrefs x;
    for (int i = 0; i < 4; i++) number(r[i], "apps", "new", "total", i);
    gx_report_fail(r[2], GX_ERR_IO, "unreadable");
    run(r, 4, &x);
    for (int i = 0; i < 4; i++) assert_int_equal(r[i]->nfindings, 0);
    assert_int_equal(x.n, 0);
    free_all(r, 4, &x);
}

static void test_coverage(void **state)
{
    (void)state;
    struct gx_report *r[5] = {
        report("1.txt", "洪泽区人民政府", "江苏省淮安市洪泽区", 2021, "2021"),
        report("2.txt", "淮安市洪泽区人民政府", "江苏省淮安市洪泽区", 2023,
               "2021"),
        report("3.txt", "某局", NULL, 2023, "2021"),
        report("4.txt", "某局", NULL, 2023, "2021"),
        report("5.txt", "某局", NULL, 0, "2021")};
    struct gx_coverage c;
    gx_coverage_build(r, 5, &c);
    assert_int_equal(c.nyears, 3);
    assert_int_equal(c.years[0], 2021);
    assert_int_equal(c.years[2], 2023);
    assert_int_equal(c.nrows, 2);
    assert_string_equal(c.rows[0].region, "江苏省淮安市洪泽区");
    assert_string_equal(c.rows[0].agency, "淮安市洪泽区人民政府");
    assert_int_equal(c.rows[0].files[0], 1);
    assert_int_equal(c.rows[0].files[1], 0);
    assert_int_equal(c.rows[0].files[2], 1);
    assert_null(c.rows[1].region);                  /* no region: last */
    assert_int_equal(c.rows[1].files[2], 2);
    gx_coverage_release(&c);
    for (int i = 0; i < 5; i++) gx_report_free(r[i]);
}

/* Years far apart are shown as the years seen, not a run of 100. */
static void test_coverage_wide(void **state)
{
    (void)state;
    struct gx_report *r[2] = {report("1.txt", "甲", "江西省", 1921, "2021"),
                              report("2.txt", "甲", "江西省", 2021, "2021")};
    struct gx_coverage c;
    gx_coverage_build(r, 2, &c);
    assert_int_equal(c.nyears, 2);
    gx_coverage_release(&c);
    gx_coverage_build(NULL, 0, &c);
    assert_int_equal(c.nrows, 0);
    assert_int_equal(c.nyears, 0);
    gx_coverage_release(&c);
    for (int i = 0; i < 2; i++) gx_report_free(r[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_agency_key),
        cmocka_unit_test(test_carry_over),
        cmocka_unit_test(test_carry_blank_and_gap),
        cmocka_unit_test(test_stock),
        cmocka_unit_test(test_duplicate_and_conflict),
        cmocka_unit_test(test_no_pairs),
        cmocka_unit_test(test_coverage),
        cmocka_unit_test(test_coverage_wide),
    };
    return cmocka_run_group_tests(tests, load_templates, free_templates);
}
