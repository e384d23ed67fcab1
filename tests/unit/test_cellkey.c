/* test_cellkey.c - the templates' cells numbered once, and a report's
 * facts found by number: each variant's cells ascend in print order (so
 * the extractor's facts are in cell order), cells two variants print in
 * opposite orders still get a number each, and a report whose facts are
 * out of order is still searched right.  Also a fact's text, unit and
 * doubt, which the report keeps beside its 16-byte facts. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "cellkey.h"
#include "report.h"
#include "template.h"
#include "util.h"

static char *va[] = {"a"};
static char *vb[] = {"b"};

#define COL(k) {.key = k, .label = k}
#define ROW(k, vars, c)                                                     \
    {.key = k, .label = k, .variants = vars, .nvariants = 1, .cols = c,     \
     .ncols = GX_ARRAY_LEN(c)}

/* Variant a prints x, y, z; variant b prints w, then y again, then v: y
 * was seen first in a, yet b needs it after w. */
static struct gx_tcol cols_x[] = {COL("n")}, cols_y[] = {COL("n"), COL("m")},
                      cols_z[] = {COL("n")}, cols_w[] = {COL("n")},
                      cols_v[] = {COL("n")};
static struct gx_trow rows_t[] = {
    ROW("x", va, cols_x), ROW("y", va, cols_y), ROW("z", va, cols_z),
    ROW("w", vb, cols_w), ROW("y", vb, cols_y), ROW("v", vb, cols_v)};
/* Variants p and q print r and s in opposite orders: no order serves
 * both. */
static struct gx_tcol cols_rs[] = {COL("n")};
static struct gx_trow rows_u[] = {
    ROW("r", va, cols_rs), ROW("s", va, cols_rs),
    ROW("s", vb, cols_rs), ROW("r", vb, cols_rs)};
static struct gx_tvariant variants[] = {{.name = "a"}, {.name = "b"}};

static struct gx_table tables[] = {
    {.key = "t", .rows = rows_t, .nrows = GX_ARRAY_LEN(rows_t),
     .variants = variants, .nvariants = 2},
    {.key = "u", .rows = rows_u, .nrows = GX_ARRAY_LEN(rows_u),
     .variants = variants, .nvariants = 2}};

static unsigned cell(const struct gx_cellkeys *k, const char *table,
                     const char *row, const char *col)
{
    unsigned c = gx_cellkeys_find(k, table, row, col);
    assert_int_not_equal(c, GX_NO_CELL);
    assert_string_equal(k->keys[c].table, table);
    assert_string_equal(k->keys[c].row, row);
    assert_string_equal(k->keys[c].col, col);
    return c;
}

static void test_numbering(void **state)
{
    (void)state;
    struct gx_diag d = {0};
    struct gx_cellkeys *k = gx_cellkeys_new(tables, GX_ARRAY_LEN(tables), &d);
    assert_non_null(k);
    assert_int_equal(k->n, 6 + 2);   /* y.n and y.m once; r and s once */
    /* each variant of t ascends in print order */
    assert_true(cell(k, "t", "x", "n") < cell(k, "t", "y", "n"));
    assert_true(cell(k, "t", "y", "n") < cell(k, "t", "y", "m"));
    assert_true(cell(k, "t", "y", "m") < cell(k, "t", "z", "n"));
    assert_true(cell(k, "t", "w", "n") < cell(k, "t", "y", "n"));
    assert_true(cell(k, "t", "y", "m") < cell(k, "t", "v", "n"));
    /* tables stay in order, even with a cycle in the second */
    assert_true(cell(k, "t", "z", "n") < cell(k, "u", "r", "n"));
    assert_true(cell(k, "t", "v", "n") < cell(k, "u", "s", "n"));
    /* the columns know their number */
    assert_int_equal(rows_t[4].cols[1].cell, cell(k, "t", "y", "m"));
    assert_int_equal(gx_cellkeys_find(k, "t", "y", "q"), GX_NO_CELL);
    assert_int_equal(gx_cellkeys_find(k, "u", "x", "n"), GX_NO_CELL);
    assert_int_equal(gx_cellkeys_find(NULL, "t", "x", "n"), GX_NO_CELL);
    gx_cellkeys_free(k);
}

/* Facts added out of cell order are found all the same. */
static void test_find(void **state)
{
    (void)state;
    struct gx_diag d = {0};
    struct gx_cellkeys *k = gx_cellkeys_new(tables, GX_ARRAY_LEN(tables), &d);
    static const char *const rows[] = {"x", "y", "z"};
    for (int order = 0; order < 2; order++) {
        struct gx_report *r = gx_report_new("in/a.txt", "a.txt");
        r->cells = k;
        for (int i = 0; i < 3; i++) {
            const char *row = rows[order ? 2 - i : i];
            struct gx_fact *f = gx_report_add_fact(r, "t", row, "n");
            f->state = GX_CELL_NUMBER;
            f->value = row[0];
        }
        assert_int_equal(r->unsorted, order);
        gx_report_trim(r);
        for (int i = 0; i < 3; i++)
            assert_true(gx_report_find(r, "t", rows[i], "n")->value == rows[i][0]);
        assert_null(gx_report_find(r, "t", "y", "m"));
        assert_null(gx_report_find(r, "t", "q", "n"));
        assert_null(gx_report_add_fact(r, "t", "q", "n"));
        gx_report_free(r);
    }
    /* with gaps: every cell of t but y.n, each found, y.n not */
    struct gx_report *r = gx_report_new("in/a.txt", "a.txt");
    r->cells = k;
    for (unsigned c = 0; c < k->n; c++)
        if (c != cell(k, "t", "y", "n")) gx_report_add_cell(r, c)->value = c;
    assert_false(r->unsorted);
    for (unsigned c = 0; c < k->n; c++) {
        const struct gx_fact *f = gx_report_cell(r, c);
        if (c == cell(k, "t", "y", "n")) assert_null(f);
        else assert_true(f && f->value == c);
    }
    assert_null(gx_report_cell(r, (unsigned)k->n));
    gx_report_free(r);
    gx_cellkeys_free(k);
}

static void test_text_unit_doubt(void **state)
{
    (void)state;
    struct gx_diag d = {0};
    struct gx_cellkeys *k = gx_cellkeys_new(tables, GX_ARRAY_LEN(tables), &d);
    struct gx_report *r = gx_report_new("in/a.txt", "in/a.txt");
    assert_string_equal(r->relpath, "in/a.txt");
    r->cells = k;
    struct gx_fact *f = gx_report_add_fact(r, "t", "x", "n");
    gx_fact_set_text(r, f, "1308353", "元");
    gx_fact_add_doubt(r, f, "一");
    f = gx_report_add_fact(r, "t", "y", "n");
    gx_fact_set_text(r, f, "—", NULL);
    f = gx_report_add_fact(r, "t", "y", "m");
    gx_fact_add_doubt(r, f, "二");
    gx_fact_add_doubt(r, &r->facts[0], "三");
    gx_fact_add_doubt(r, &r->facts[0], "一");   /* said already */
    gx_report_trim(r);
    assert_string_equal(gx_fact_text(r, &r->facts[0]), "1308353");
    assert_string_equal(gx_fact_unit(r, &r->facts[0]), "元");
    assert_string_equal(gx_fact_doubt(r, &r->facts[0]), "一; 三");
    assert_string_equal(gx_fact_key(r, &r->facts[0])->row, "x");
    assert_string_equal(gx_fact_text(r, &r->facts[1]), "—");
    assert_string_equal(gx_fact_unit(r, &r->facts[1]), "");
    assert_null(gx_fact_doubt(r, &r->facts[1]));
    assert_string_equal(gx_fact_text(r, &r->facts[2]), "");
    assert_string_equal(gx_fact_doubt(r, &r->facts[2]), "二");
    assert_int_equal(sizeof(struct gx_fact), 16);
    /* small counts are shared, other texts kept: each reads back as given */
    static const char *const texts[] = {"0", "7", "42", "99", "100", "07",
                                        "-1", "0.5", "9 ", ""};
    for (size_t i = 0; i < GX_ARRAY_LEN(texts); i++) {
        gx_fact_set_text(r, &r->facts[1], texts[i], NULL);
        assert_string_equal(gx_fact_text(r, &r->facts[1]), texts[i]);
        assert_string_equal(gx_fact_unit(r, &r->facts[1]), "");
        gx_fact_set_text(r, &r->facts[1], texts[i], "件");
        assert_string_equal(gx_fact_text(r, &r->facts[1]), texts[i]);
        assert_string_equal(gx_fact_unit(r, &r->facts[1]), "件");
    }
    gx_report_free(r);
    gx_cellkeys_free(k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbering),
        cmocka_unit_test(test_find),
        cmocka_unit_test(test_text_unit_doubt),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
