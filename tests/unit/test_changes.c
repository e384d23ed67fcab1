/* test_changes.c - a baseline is a facts.csv read back (gx_csv_write's
 * own output, quoted and formula-guarded fields included) and compared:
 * reports paired by file, else by agency + year + region when unique;
 * numbers compared by value; a blank, a dash and a missing cell each a
 * value of their own; a file that no longer reads is gone, and said so. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "baseline.h"
#include "changes.h"
#include "csvout.h"
#include "report.h"
#include "template.h"
#include "util.h"

#include "fixture_templates.h"

static struct gx_report *report(const char *file, const char *agency,
                                int year)
{
    struct gx_report *r = gx_report_new(file, file);
    r->agency = gx_xstrdup(agency);
    r->region = gx_xstrdup("江西省赣州市");
    r->year = year;
    r->cells = tpl->cells;
    return r;
}

static void number(struct gx_report *r, const char *row, const char *col,
                   const char *text)
{
    struct gx_fact *f = gx_report_add_fact(r, "apps", row, col);
    f->state = GX_CELL_NUMBER;
    gx_fact_set(r, f, strtod(text, NULL), text, NULL);
}

static void state(struct gx_report *r, const char *row, const char *col,
                  enum gx_cell_state st)
{
    gx_report_add_fact(r, "apps", row, col)->state = st;
}

/* The baseline: four reports, written as gairx writes facts.csv. */
static struct gx_baseline *write_baseline(char *dir)
{
    struct gx_report *r[4] = {
        report("=a,\"quoted\".txt", "甲局", 2023),
        report("gone.txt", "乙局", 2023),
        report("old/name.txt", "丙局", 2023),
        report("unread.txt", "丁局", 2023)};
    number(r[0], "new", "natural", "12");
    number(r[0], "new", "total", "20");
    state(r[0], "carried_in", "total", GX_CELL_BLANK);
    state(r[0], "other", "total", GX_CELL_DASH);
    number(r[1], "new", "total", "1");
    number(r[2], "new", "total", "5");
    number(r[3], "new", "total", "6");
    struct gx_diag d = {0};
    assert_non_null(mkdtemp(dir));
    assert_int_equal(gx_csv_write(dir, r, 4, 1, &d), GX_OK);
    for (int i = 0; i < 4; i++) gx_report_free(r[i]);
    char path[128];
    snprintf(path, sizeof(path), "%s/facts.csv", dir);
    struct gx_baseline *b = gx_baseline_load(path, &d);
    assert_non_null(b);
    return b;
}

static void remove_dir(const char *dir)
{
    static const char *const names[] = {"facts.csv", "files.csv",
                                        "findings.csv", "reports.csv"};
    char path[128];
    for (size_t i = 0; i < GX_ARRAY_LEN(names); i++) {
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        unlink(path);
    }
    rmdir(dir);
}

static void test_load(void **st)
{
    (void)st;
    char dir[] = "/tmp/gx-changes-XXXXXX";
    struct gx_baseline *b = write_baseline(dir);
    assert_int_equal(gx_baseline_count(b), 4);
    const struct gx_baseline_report *br =
        gx_baseline_find(b, "=a,\"quoted\".txt");
    assert_non_null(br);                  /* guard and quotes undone */
    assert_string_equal(br->agency, "甲局");
    assert_int_equal(br->year, 2023);
    assert_int_equal(br->n, 4);
    const struct gx_baseline_cell *c =
        gx_baseline_cell(br, "apps", "new", "natural");
    assert_non_null(c);
    assert_string_equal(c->value, "12");
    c = gx_baseline_cell(br, "apps", "other", "total");
    assert_int_equal(c->state, GX_CELL_DASH);
    assert_null(gx_baseline_cell(br, "apps", "none", "total"));
    gx_baseline_free(b);
    remove_dir(dir);
}

static void test_compare(void **st)
{
    (void)st;
    char dir[] = "/tmp/gx-changes-XXXXXX";
    struct gx_baseline *b = write_baseline(dir);
    struct gx_report *r[5] = {
        report("=a,\"quoted\".txt", "甲局", 2023),
        report("new/name.txt", "丙局", 2023),   /* moved */
        report("added.txt", "戊局", 2023),
        report("unread.txt", "丁局", 2023),
        report("other-unread.txt", "己局", 2023)};
    number(r[0], "new", "natural", "12.0");     /* same value */
    number(r[0], "new", "total", "21");         /* changed */
    number(r[0], "carried_in", "total", "0");   /* blank -> 0 */
    /* other.total (a dash) is gone; new.legal is new */
    number(r[0], "new", "legal", "3");
    number(r[1], "new", "total", "5");
    number(r[2], "new", "total", "9");
    gx_report_fail(r[3], GX_ERR_IO, "cannot read");
    gx_report_fail(r[4], GX_ERR_IO, "cannot read");
    struct gx_changes c;
    gx_changes_compare(b, r, 5, &c);
    assert_int_equal(c.matched, 2);
    assert_int_equal(c.nadded, 1);
    assert_ptr_equal(c.added[0], r[2]);
    assert_true(gx_changes_is_added(&c, r[2]));
    assert_int_equal(c.nmoved, 1);
    assert_string_equal(gx_changes_moved_from(&c, r[1]), "old/name.txt");
    assert_int_equal(c.ngone, 2);
    assert_string_equal(c.gone[0].file, "gone.txt");
    assert_false(c.gone[0].unread);
    assert_string_equal(c.gone[1].file, "unread.txt");
    assert_true(c.gone[1].unread);
    size_t n;
    const struct gx_change *v = gx_changes_of(&c, r[0], &n);
    assert_int_equal(n, 4);
    assert_string_equal(v[0].row, "new");
    assert_string_equal(v[0].col, "total");
    assert_string_equal(v[0].old, "20");
    assert_string_equal(v[0].now, "21");
    assert_string_equal(v[1].old, GX_CHANGE_BLANK);
    assert_string_equal(v[1].now, "0");
    assert_string_equal(v[2].col, "legal");
    assert_string_equal(v[2].old, GX_CHANGE_NONE);
    assert_string_equal(v[3].row, "other");
    assert_string_equal(v[3].old, GX_CHANGE_DASH);
    assert_string_equal(v[3].now, GX_CHANGE_NONE);
    assert_null(gx_changes_of(&c, r[1], &n));
    assert_int_equal(n, 0);
    gx_changes_release(&c);
    for (int i = 0; i < 5; i++) gx_report_free(r[i]);
    gx_baseline_free(b);
    remove_dir(dir);
}

static void test_bad_files(void **st)
{
    (void)st;
    struct gx_diag d = {0};
    char path[] = "/tmp/gx-baseline-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_null(gx_baseline_load(path, &d));    /* empty */
    assert_non_null(strstr(d.message, "empty"));
    assert_int_equal(write(fd, "file,table,row\n", 15), 15);
    close(fd);
    assert_null(gx_baseline_load(path, &d));
    assert_non_null(strstr(d.message, "no 'col' column"));
    unlink(path);
    assert_null(gx_baseline_load("/nonexistent/facts.csv", &d));
    assert_int_equal(d.status, GX_ERR_IO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load),
        cmocka_unit_test(test_compare),
        cmocka_unit_test(test_bad_files),
    };
    return cmocka_run_group_tests(tests, load_templates, free_templates);
}
