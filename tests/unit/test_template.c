/* test_template.c - loading templates/ (the shipped formats) and broken
 * template folders.  Run from the repository root. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "template.h"

static size_t rows_in(const struct gx_table *t, const char *variant)
{
    size_t n = 0;
    for (size_t i = 0; i < t->nrows; i++)
        n += gx_trow_in_variant(&t->rows[i], variant);
    return n;
}

/* The row `key` of `variant` (several rows share a key across variants). */
static const struct gx_trow *row_of(const struct gx_table *t,
                                    const char *variant, const char *key)
{
    for (size_t i = 0; i < t->nrows; i++)
        if (!strcmp(t->rows[i].key, key) &&
            gx_trow_in_variant(&t->rows[i], variant))
            return &t->rows[i];
    fail_msg("no row %s in variant %s of %s", key, variant, t->key);
    return NULL;
}

/* Checks a row's column keys (NULL-terminated). */
static void cols_are(const struct gx_trow *row, const char *const *keys)
{
    size_t n = 0;
    while (keys[n]) n++;
    assert_int_equal(row->ncols, n);
    for (size_t i = 0; i < n; i++) assert_string_equal(row->cols[i].key, keys[i]);
}

static int load_shipped(void **state)
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

static int free_shipped(void **state)
{
    gx_templates_free(*state);
    return 0;
}

static void test_tables_in_report_order(void **state)
{
    const struct gx_templates *t = *state;
    assert_int_equal(t->ntables, 3);
    assert_string_equal(t->tables[0].key, "art20");
    assert_string_equal(t->tables[1].key, "apps");
    assert_string_equal(t->tables[2].key, "review");
    assert_string_equal(t->dir, "templates");
    assert_ptr_equal(gx_templates_table(t, "apps"), &t->tables[1]);
    assert_null(gx_templates_table(t, "nope"));
}

static void test_apps_rows(void **state)
{
    const struct gx_table *apps = gx_templates_table(*state, "apps");
    assert_string_equal(apps->title, "收到和处理政府信息公开申请情况");
    assert_int_equal(apps->single_row, 0);
    assert_int_equal(rows_in(apps, "2021"), 25);
    assert_int_equal(rows_in(apps, "2019"), 23);
    assert_int_equal(apps->nrows, 26);
    /* The 2021 variant comes first; the last listed (2019) is the default. */
    assert_int_equal(apps->nvariants, 2);
    assert_string_equal(apps->variants[0].name, "2021");
    assert_string_equal(apps->variants[1].name, "2019");
    assert_int_equal(apps->variants[0].nmarkers, 3);
    assert_string_equal(apps->variants[0].markers[0], "逾期不补正");
    assert_int_equal(apps->variants[1].nmarkers, 0);

    const struct gx_trow *first = &apps->rows[0], *last = &apps->rows[25];
    assert_string_equal(first->key, "new");
    assert_string_equal(last->key, "carried_out");
    cols_are(first, (const char *[]){"natural", "commercial", "research",
                                     "social", "legal", "other_org", "total",
                                     NULL});
    assert_string_equal(first->cols[6].label, "总计");
    cols_are(last, (const char *[]){"natural", "commercial", "research",
                                    "social", "legal", "other_org", "total",
                                    NULL});

    const struct gx_trow *other = row_of(apps, "2019", "other");
    assert_int_equal(gx_trow_in_variant(other, "2021"), 0);
    assert_int_equal(gx_trow_in_variant(row_of(apps, "2021", "other_no_fee"), "2019"), 0);
    assert_int_equal(gx_trow_in_variant(first, "2019"), 1);
    assert_int_equal(gx_trow_in_variant(first, "anything"), 1); /* "*" */
}

static void test_apps_aliases(void **state)
{
    const struct gx_table *apps = gx_templates_table(*state, "apps");
    const struct gx_trow *r = row_of(apps, "2021", "denied_prohibited");
    assert_string_equal(r->label, "2.其他法律行政法规禁止公开");
    assert_int_equal(r->naliases, 2);
    assert_string_equal(r->aliases[0], "其他法律法规禁止公开");
    assert_string_equal(r->aliases[1], "其他法律行政止公开");
    assert_int_equal(row_of(apps, "2021", "denied_state_secret")->naliases, 0);
}

/* The identity `id` of `variant` (ids repeat across variants). */
static const struct gx_tidentity *identity_of(const struct gx_table *t,
                                              const char *variant,
                                              const char *id)
{
    for (size_t i = 0; i < t->nidentities; i++)
        if (!strcmp(t->identities[i].id, id) &&
            gx_tidentity_in_variant(&t->identities[i], variant))
            return &t->identities[i];
    fail_msg("no identity %s in variant %s of %s", id, variant, t->key);
    return NULL;
}

static void test_apps_identities(void **state)
{
    const struct gx_table *apps = gx_templates_table(*state, "apps");
    assert_string_equal(apps->name, "表三");
    const struct gx_tidentity *rt = identity_of(apps, "2019", "apps-row-total");
    assert_string_equal(rt->variant, "*");
    assert_int_equal(rt->warning, 0);
    assert_ptr_equal(identity_of(apps, "2021", "apps-row-total"), rt);
    assert_string_equal(rt->expr, "each row: total = natural + commercial + "
                                  "research + social + legal + other_org");

    const struct gx_tidentity *r21 = identity_of(apps, "2021", "apps-results-total");
    const struct gx_tidentity *r19 = identity_of(apps, "2019", "apps-results-total");
    assert_ptr_not_equal(r21, r19);
    assert_string_equal(r21->variant, "2021");
    assert_string_equal(r19->variant, "2019");
    assert_int_equal(gx_tidentity_in_variant(r21, "2019"), 0);
    assert_non_null(strstr(r21->expr, "+ other_no_fee +"));
    assert_null(strstr(r19->expr, "other_no_fee"));
    assert_non_null(strstr(r19->expr, "+ other"));
}

static void test_art20_rows(void **state)
{
    const struct gx_table *art20 = gx_templates_table(*state, "art20");
    assert_int_equal(rows_in(art20, "2019"), 8);
    assert_int_equal(rows_in(art20, "2021"), 6);
    assert_int_equal(art20->nvariants, 2);
    assert_string_equal(art20->variants[1].name, "2021"); /* the default */
    assert_true(art20->nstarts >= 1);
    assert_string_equal(art20->starts[0], "第二十条第（一）项");
    assert_string_equal(art20->name, "表二");

    cols_are(row_of(art20, "2021", "regulations"),
             (const char *[]){"issued", "repealed", "in_force", NULL});
    cols_are(row_of(art20, "2021", "licensing"), (const char *[]){"decisions", NULL});
    cols_are(row_of(art20, "2021", "fees"), (const char *[]){"amount", NULL});
    cols_are(row_of(art20, "2019", "regulations"),
             (const char *[]){"made", "published", "public_total", NULL});
    cols_are(row_of(art20, "2019", "licensing"),
             (const char *[]){"prev_items", "change", "decisions", NULL});
    cols_are(row_of(art20, "2019", "fees"),
             (const char *[]){"prev_items", "change", NULL});
    cols_are(row_of(art20, "2019", "procurement"),
             (const char *[]){"projects", "amount", NULL});
    assert_string_equal(row_of(art20, "2021", "fees")->cols[0].label,
                        "本年收费金额（单位：万元）");
}

static void test_review_single_row(void **state)
{
    const struct gx_table *rv = gx_templates_table(*state, "review");
    assert_int_equal(rv->single_row, 1);
    assert_int_equal(rv->nrows, 3);
    const char *keys[] = {"review", "suit_direct", "suit_after_review"};
    for (size_t i = 0; i < 3; i++) {
        assert_string_equal(rv->rows[i].key, keys[i]);
        cols_are(&rv->rows[i], (const char *[]){"upheld", "corrected", "other",
                                                "pending", "total", NULL});
    }
    assert_string_equal(rv->name, "表四");
    assert_string_equal(identity_of(rv, "both", "review-total")->expr,
                        "each row: total = upheld + corrected + other + pending");
}

/* ---- template folders made in the test --------------------------------- */

struct tmpdir {
    char path[64];
    char files[4][128];
    size_t nfiles;
};

static void tmpdir_make(struct tmpdir *td)
{
    memset(td, 0, sizeof(*td));
    snprintf(td->path, sizeof(td->path), "/tmp/gx-test-template-XXXXXX");
    assert_non_null(mkdtemp(td->path));
}

static void tmpdir_write(struct tmpdir *td, const char *name, const char *text)
{
    assert_true(td->nfiles < 4);
    char dir[sizeof(td->path)], *p = td->files[td->nfiles++];
    memcpy(dir, td->path, sizeof(dir));
    snprintf(p, sizeof(td->files[0]), "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
}

static void tmpdir_remove(struct tmpdir *td)
{
    for (size_t i = 0; i < td->nfiles; i++) unlink(td->files[i]);
    rmdir(td->path);
}

/* Loads a folder with one file; expects failure with this message tail. */
static void load_fails(const char *name, const char *text, const char *why,
                       unsigned line)
{
    struct tmpdir td;
    struct gx_diag d = {0};
    char want[256];
    tmpdir_make(&td);
    tmpdir_write(&td, name, text);
    assert_null(gx_templates_load(td.path, &d));
    assert_int_equal(d.status, GX_ERR_FORMAT);
    snprintf(want, sizeof(want), "%s/%s:%u: %s", td.path, name, line, why);
    assert_string_equal(d.message, want);
    tmpdir_remove(&td);
}

static void test_unknown_directive(void **state)
{
    load_fails("bad.tsv", "# comment\ntable\tx\tX\n\nbogus\tfoo\n",
               "unknown directive", 4);
}

static void test_directive_before_table(void **state)
{
    load_fails("early.tsv", "row\t*\tk\t规章\n", "directive before `table`", 1);
}

static void test_short_row(void **state)
{
    load_fails("short.tsv", "table\tx\tX\ncol\tn\tN\nrow\t*\tk\n",
               "row needs variants, key and label", 3);
}

static void test_short_col(void **state)
{
    load_fails("col.tsv", "table\tx\tX\ncol\tn\n", "col needs key and label", 2);
}

static void test_missing_dir(void **state)
{
    struct gx_diag d = {0};
    assert_null(gx_templates_load("/nonexistent/gx-templates", &d));
    assert_int_equal(d.status, GX_ERR_IO);
    assert_non_null(strstr(d.message, "/nonexistent/gx-templates"));
}

static void test_empty_dir(void **state)
{
    struct tmpdir td;
    struct gx_diag d = {0};
    tmpdir_make(&td);
    tmpdir_write(&td, "notes.txt", "table\tx\n");   /* not a .tsv */
    assert_null(gx_templates_load(td.path, &d));
    assert_int_equal(d.status, GX_ERR_IO);
    assert_non_null(strstr(d.message, "no *.tsv tables"));
    tmpdir_remove(&td);
}

static void test_small_folder_order_and_row_cols(void **state)
{
    /* review sorts before art20 by name; tables still come in report order.
     * CRLF line ends are accepted; a row's own cols replace the table's. */
    struct tmpdir td;
    struct gx_diag d = {0};
    tmpdir_make(&td);
    tmpdir_write(&td, "a.tsv", "table\treview\tR\r\nlayout\tsingle-row\r\n"
                               "col\tn\tN\r\nrow\t*\tr1\t行政复议\r\n");
    tmpdir_write(&td, "z.tsv", "table\tart20\tA\nvariant\tv1\tm1\tm2\n"
                               "col\ta\tA\ncol\tb\tB\n"
                               "row\tv1,v2\tk1\t规章\t别名一\t\t别名二\n"
                               "row\tv2\tk2\t行政许可\ncol\tc\tC\n"
                               "identity\t*\tid1\teach row: a = b\n");
    struct gx_templates *t = gx_templates_load(td.path, &d);
    assert_non_null(t);
    assert_int_equal(t->ntables, 2);
    assert_string_equal(t->tables[0].key, "art20");
    assert_string_equal(t->tables[1].key, "review");
    assert_int_equal(t->tables[1].single_row, 1);
    assert_string_equal(t->tables[1].rows[0].label, "行政复议");

    const struct gx_table *a = &t->tables[0];
    assert_int_equal(a->nrows, 2);
    assert_int_equal(a->variants[0].nmarkers, 2);
    cols_are(&a->rows[0], (const char *[]){"a", "b", NULL});
    cols_are(&a->rows[1], (const char *[]){"c", NULL});
    assert_int_equal(a->rows[0].naliases, 2);        /* empty fields skipped */
    assert_string_equal(a->rows[0].aliases[1], "别名二");
    assert_int_equal(gx_trow_in_variant(&a->rows[0], "v2"), 1);
    assert_int_equal(gx_trow_in_variant(&a->rows[1], "v1"), 0);
    assert_int_equal(a->nidentities, 1);
    assert_string_equal(a->identities[0].expr, "each row: a = b");
    gx_templates_free(t);
    gx_templates_free(NULL);
    tmpdir_remove(&td);
}

/* Two tables in one file: the second starts without the first's default
 * columns; a row may name more than 16 variants. */
static void test_two_tables_one_file(void **state)
{
    struct tmpdir td;
    struct gx_diag d = {0};
    tmpdir_make(&td);
    tmpdir_write(&td, "both.tsv",
                 "table\tart20\tA\ncol\ta\tA\ncol\tb\tB\nrow\t*\tk1\t规章\n"
                 "table\treview\tR\ncol\tn\tN\n"
                 "row\tv1,v2,v3,v4,v5,v6,v7,v8,v9,v10,v11,v12,v13,v14,v15,"
                 "v16,v17,v18\tr1\t行政复议\n");
    struct gx_templates *t = gx_templates_load(td.path, &d);
    assert_non_null(t);
    assert_int_equal(t->ntables, 2);
    const struct gx_table *r = gx_templates_table(t, "review");
    cols_are(&r->rows[0], (const char *[]){"n", NULL});
    cols_are(&t->tables[0].rows[0], (const char *[]){"a", "b", NULL});
    assert_int_equal(r->rows[0].nvariants, 18);
    assert_int_equal(gx_trow_in_variant(&r->rows[0], "v18"), 1);
    assert_int_equal(gx_trow_in_variant(&r->rows[0], "v1"), 1);
    assert_int_equal(gx_trow_in_variant(&r->rows[0], "v19"), 0);
    gx_templates_free(t);
    tmpdir_remove(&td);
}

int main(void)
{
    const struct CMUnitTest shipped[] = {
        cmocka_unit_test(test_tables_in_report_order),
        cmocka_unit_test(test_apps_rows),
        cmocka_unit_test(test_apps_aliases),
        cmocka_unit_test(test_apps_identities),
        cmocka_unit_test(test_art20_rows),
        cmocka_unit_test(test_review_single_row),
    };
    const struct CMUnitTest folders[] = {
        cmocka_unit_test(test_unknown_directive),
        cmocka_unit_test(test_directive_before_table),
        cmocka_unit_test(test_short_row),
        cmocka_unit_test(test_short_col),
        cmocka_unit_test(test_missing_dir),
        cmocka_unit_test(test_empty_dir),
        cmocka_unit_test(test_small_folder_order_and_row_cols),
        cmocka_unit_test(test_two_tables_one_file),
    };
    int failed = cmocka_run_group_tests_name("shipped templates", shipped,
                                             load_shipped, free_shipped);
    failed += cmocka_run_group_tests_name("template folders", folders, NULL,
                                          NULL);
    return failed;
}
