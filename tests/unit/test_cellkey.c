/* test_cellkey.c - the templates' cells numbered once, and a report's
 * facts found by number: each variant's cells ascend in print order (so
 * the extractor's facts are in cell order), cells two variants print in
 * opposite orders still get a number each, and a report whose facts are
 * out of order is still searched right.  Also a fact's value, text, unit
 * and doubt, which the report keeps in or beside its 8-byte facts. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
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
            gx_fact_set_value(r, f, row[0]);
        }
        assert_int_equal(r->unsorted, order);
        gx_report_trim(r);
        for (int i = 0; i < 3; i++)
            assert_true(gx_fact_value(r, gx_report_find(r, "t", rows[i], "n"))
                        == rows[i][0]);
        assert_null(gx_report_find(r, "t", "y", "m"));
        assert_null(gx_report_find(r, "t", "q", "n"));
        assert_null(gx_report_add_fact(r, "t", "q", "n"));
        gx_report_free(r);
    }
    /* with gaps: every cell of t but y.n, each found, y.n not */
    struct gx_report *r = gx_report_new("in/a.txt", "a.txt");
    r->cells = k;
    for (unsigned c = 0; c < k->n; c++)
        if (c != cell(k, "t", "y", "n"))
            gx_fact_set_value(r, gx_report_add_cell(r, c), c);
    assert_false(r->unsorted);
    for (unsigned c = 0; c < k->n; c++) {
        const struct gx_fact *f = gx_report_cell(r, c);
        if (c == cell(k, "t", "y", "n")) assert_null(f);
        else assert_true(f && gx_fact_value(r, f) == c);
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
    gx_fact_set(r, f, 1308353, "1308353", "元");
    gx_fact_add_doubt(r, f, "一");
    f = gx_report_add_fact(r, "t", "y", "n");
    gx_fact_set(r, f, 0, "—", NULL);
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
    assert_int_equal(sizeof(struct gx_fact), 4);
    if (sizeof(void *) == 8) {   /* what a batch keeps a report */
        assert_true(sizeof(struct gx_report) <= 312);
        assert_int_equal(sizeof(struct gx_finding), 72);
    }
    /* small counts are shared, other texts kept: each reads back as given */
    static const char *const texts[] = {"0", "7", "42", "99", "100", "07",
                                        "-1", "0.5", "9 ", ""};
    for (size_t i = 0; i < GX_ARRAY_LEN(texts); i++) {
        gx_fact_set(r, &r->facts[1], 0, texts[i], NULL);
        assert_string_equal(gx_fact_text(r, &r->facts[1]), texts[i]);
        assert_string_equal(gx_fact_unit(r, &r->facts[1]), "");
        gx_fact_set(r, &r->facts[1], 0, texts[i], "件");
        assert_string_equal(gx_fact_text(r, &r->facts[1]), texts[i]);
        assert_string_equal(gx_fact_unit(r, &r->facts[1]), "件");
    }
    gx_report_free(r);
    gx_cellkeys_free(k);
}

/* Every value reads back exactly, with its text and unit, wherever the
 * fact keeps it: a small count in the fact itself, 0 beside its text, the
 * rest in an entry; changing the value keeps the text. */
static void test_values(void **state)
{
    (void)state;
    struct gx_diag d = {0};
    struct gx_cellkeys *k = gx_cellkeys_new(tables, GX_ARRAY_LEN(tables), &d);
    struct gx_report *r = gx_report_new("in/a.txt", "a.txt");
    r->cells = k;
    static const struct { double v; const char *text, *unit; } cases[] = {
        {0, "0", ""}, {7, "7", ""}, {99, "99", ""}, {7, "7", "件"},
        {7, "07", ""}, {7, "", ""}, {0, "", ""}, {0, "—", ""},
        {-0.0, "-0", ""}, {-0.0, "0", ""}, {100, "100", ""}, {-1, "-1", ""},
        {0.5, "0.5", ""}, {42, "41", ""}, {16777216, "16777216", ""},
        {1e300, "1e300", ""}, {1308353, "1308353", "元"}};
    for (size_t i = 0; i < GX_ARRAY_LEN(cases); i++) {
        struct gx_fact *f = gx_report_add_cell(r, 0);
        gx_fact_set(r, f, cases[i].v, cases[i].text, cases[i].unit);
    }
    gx_report_trim(r);
    assert_int_equal(r->nvalues, 12);   /* not the small counts, 0 "", 0 "—" */
    for (size_t i = 0; i < GX_ARRAY_LEN(cases); i++) {
        const struct gx_fact *f = &r->facts[i];
        double v = gx_fact_value(r, f);
        assert_true(v == cases[i].v && !signbit(v) == !signbit(cases[i].v));
        assert_string_equal(gx_fact_text(r, f), cases[i].text);
        assert_string_equal(gx_fact_unit(r, f), cases[i].unit);
    }
    /* a new value keeps the text; an entry is reused, not added */
    struct gx_fact *f = &r->facts[1];
    gx_fact_set_value(r, f, 8);
    gx_fact_set_value(r, f, 9);
    assert_true(gx_fact_value(r, f) == 9);
    assert_string_equal(gx_fact_text(r, f), "7");
    assert_int_equal(r->nvalues, 13);
    gx_fact_set_value(r, f, 7);
    assert_true(gx_fact_value(r, f) == 7);
    gx_fact_add_doubt(r, f, "一");
    gx_fact_set(r, f, 3.25, "3.25", "件");
    assert_true(gx_fact_value(r, f) == 3.25);
    assert_string_equal(gx_fact_text(r, f), "3.25");
    assert_string_equal(gx_fact_unit(r, f), "件");
    assert_string_equal(gx_fact_doubt(r, f), "一");
    /* 0 with a text kept past what a fact's payload holds: an entry */
    char long_text[1000];
    memset(long_text, '9', sizeof(long_text) - 1);
    long_text[sizeof(long_text) - 1] = '\0';
    for (int i = 0; i < 40; i++) gx_fact_set(r, f, 1, long_text, "");
    assert_true(r->pool_len > GX_FACT_PAYLOAD_MAX);
    struct gx_fact *g = &r->facts[2];
    size_t entries = r->nvalues;
    gx_fact_set(r, g, 0, "—", "");
    assert_int_equal(r->nvalues, entries + 1);
    assert_true(gx_fact_value(r, g) == 0);
    assert_string_equal(gx_fact_text(r, g), "—");
    assert_string_equal(gx_fact_text(r, f), long_text);
    gx_report_free(r);
    gx_cellkeys_free(k);
}

/* A finding's cells read back as given: as numbers when the templates
 * have them all (a tenth of the text), else as the text itself. */
static void test_finding_cells(void **state)
{
    (void)state;
    struct gx_diag d = {0};
    struct gx_cellkeys *k = gx_cellkeys_new(tables, GX_ARRAY_LEN(tables), &d);
    struct gx_report *r = gx_report_new("in/a.txt", "a.txt");
    r->cells = k;
    static const struct { const char *table, *cells; int numbered; } cases[] = {
        {"t", "y.m x.n v.n", 1}, {"u", "s.n", 1}, {"t", "", 1},
        {NULL, "", 1},
        {"t", "y.m q.n", 0},      /* q is no row of t */
        {"u", "x.n", 0},          /* x is t's */
        {NULL, "x.n", 0},         /* no table */
        {"t", "y.m  x.n", 0},     /* two spaces */
        {"t", "y.m ", 0}, {"t", " y.m", 0}, {"t", "ym", 0}, {"t", "y.", 0},
        {"t", "y.m.n", 0}};
    for (size_t i = 0; i < GX_ARRAY_LEN(cases); i++)
        gx_report_add_finding(r, "rule", GX_FIND_ERROR, cases[i].table,
                              cases[i].cells, "信息");
    gx_report_trim(r);
    struct gx_strbuf sb = GX_STRBUF_INIT;
    for (size_t i = 0; i < GX_ARRAY_LEN(cases); i++) {
        const struct gx_finding *f = &r->findings[i];
        assert_string_equal(gx_finding_cells(r, f, &sb), cases[i].cells);
        assert_string_equal(f->message, "信息");
        assert_int_equal(f->ncells != GX_CELLS_AS_TEXT, cases[i].numbered);
    }
    assert_int_equal(r->findings[0].ncells, 3);
    gx_strbuf_release(&sb);
    gx_report_free(r);
    gx_cellkeys_free(k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbering),
        cmocka_unit_test(test_find),
        cmocka_unit_test(test_text_unit_doubt),
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_finding_cells),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
