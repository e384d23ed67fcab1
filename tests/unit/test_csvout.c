/* test_csvout.c - the CSV companions: reports.csv (the 汇总 rows), the
 * columns files.csv gained, and formula safety: text that starts like a
 * formula gets an apostrophe, numbers (-18) never do. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvout.h"
#include "report.h"
#include "template.h"
#include "util.h"

#include "fixture_templates.h"

struct fixture {
    struct gx_report *r[2];
    char dir[64];
};

static struct gx_report *hostile_report(void)
{
    struct gx_report *r = gx_report_new("in/=HYPERLINK(1).txt",
                                        "=HYPERLINK(1).txt");
    r->cells = tpl->cells;
    static const char *const keys[] = {"art20", "apps", "review"};
    for (int i = 0; i < GX_TABLES; i++) {
        r->tables[i].table = keys[i];
        r->tables[i].found = 1;
    }
    r->agency = gx_xstrdup("+某局");
    r->region = gx_xstrdup("@地区");
    r->year = 2021;
    r->size = 1234;
    snprintf(r->format, sizeof(r->format), "2021");
    snprintf(r->kind, sizeof(r->kind), "txt");
    snprintf(r->encoding, sizeof(r->encoding), "GB18030");
    struct gx_fact *f = gx_report_add_fact(r, "art20", "licensing", "change");
    f->state = GX_CELL_NUMBER;
    gx_fact_set(r, f, -18, "-18", NULL);
    gx_fact_add_doubt(r, f, "-号可能是横线");
    f = gx_report_add_fact(r, "apps", "new", "total");
    f->state = GX_CELL_NUMBER;
    gx_fact_set(r, f, 7, "7", NULL);
    f = gx_report_add_fact(r, "apps", "total", "total");
    f->state = GX_CELL_BLANK;
    struct gx_finding *g = gx_report_add_finding(
        r, "apps-balance", GX_FIND_ERROR, "apps", "new.total total.total",
        "-3 的差额");
    g->has_values = 1;
    g->expected = 3;
    g->found = 0;
    return r;
}

static struct gx_report *failed_report(void)
{
    struct gx_report *r = gx_report_new("in/a.doc", "a.doc");
    snprintf(r->kind, sizeof(r->kind), "doc");
    r->size = 99;
    gx_report_fail(r, GX_ERR_UNSUPPORTED, "-legacy word format");
    return r;
}

static int setup(void **state)
{
    struct fixture *fx = gx_xcalloc(1, sizeof(*fx));
    fx->r[0] = hostile_report();
    fx->r[1] = failed_report();
    snprintf(fx->dir, sizeof(fx->dir), "/tmp/gx-test-csv-XXXXXX");
    if (!mkdtemp(fx->dir)) return -1;
    *state = fx;
    return 0;
}

static const char *const names[] = {"facts.csv", "files.csv",
                                    "findings.csv", "reports.csv"};

static int teardown(void **state)
{
    struct fixture *fx = *state;
    char path[128];
    for (size_t i = 0; i < GX_ARRAY_LEN(names); i++) {
        snprintf(path, sizeof(path), "%s/%s", fx->dir, names[i]);
        remove(path);
    }
    rmdir(fx->dir);
    for (int i = 0; i < 2; i++) gx_report_free(fx->r[i]);
    free(fx);
    return 0;
}

static char *slurp(const char *dir, const char *name)
{
    char path[128];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    char *buf = gx_xcalloc(1, 65536);
    size_t n = fread(buf, 1, 65535, fp);
    assert_true(n > 0);
    fclose(fp);
    return buf;
}

static void assert_line(const char *text, const char *line)
{
    const char *hit = strstr(text, line);
    if (!hit) fprintf(stderr, "no line '%s' in:\n%s\n", line, text);
    assert_non_null(hit);
}

static void test_formula_safety(void **state)
{
    struct fixture *fx = *state;
    struct gx_diag d = {0};
    assert_int_equal(gx_csv_write(fx->dir, fx->r, 2, 1, &d), GX_OK);
    char *facts = slurp(fx->dir, "facts.csv");
    /* text guarded, the value -18 left a number */
    assert_line(facts, "\n'=HYPERLINK(1).txt,'+某局,'@地区,2021,2021,art20,"
                       "licensing,change,-18,number,'-号可能是横线\n");
    assert_line(facts, ",apps,total,total,,blank,\n");
    free(facts);
    char *findings = slurp(fx->dir, "findings.csv");
    assert_line(findings, "\n'=HYPERLINK(1).txt,'+某局,apps,apps-balance,差错,"
                          ",,new.total total.total,3,0,'-3 的差额\n");
    free(findings);
    char *files = slurp(fx->dir, "files.csv");
    assert_line(files, "file,kind,status,reason,doubts,encoding,size\n");
    assert_line(files, "\n'=HYPERLINK(1).txt,txt,ok,,,GB18030,1234\n");
    assert_line(files, "\na.doc,doc,unsupported,'-legacy word format,,,99\n");
    free(files);
}

/* reports.csv: the 汇总 columns, empty where a total is unknown (the
 * blank 办结总计 also empties the rate), failed files left out. */
static void test_reports_csv(void **state)
{
    struct fixture *fx = *state;
    struct gx_diag d = {0};
    assert_int_equal(gx_csv_write(fx->dir, fx->r, 2, 1, &d), GX_OK);
    char *reports = slurp(fx->dir, "reports.csv");
    assert_line(reports,
                "region,agency,year,format,file,new,carried_in,granted,"
                "partial,denied,unable,rejected,other,total,carried_out,"
                "review_total,review_corrected,suit_total,suit_corrected,"
                "normative_docs,licensing,penalty,enforcement,fees,"
                "disclosure_rate,review_correction_rate,findings,status\n");
    assert_line(reports, "\n'@地区,'+某局,2021,2021,'=HYPERLINK(1).txt,7,"
                         ",,,,,,,,,,,,,,,,,,,,1,有差异\n");
    assert_null(strstr(reports, "a.doc"));
    free(reports);
}

/* facts.csv is formatted on several threads in chunks of reports: the
 * bytes are those of one thread, for a batch of many chunks. */
static void test_facts_threads(void **state)
{
    struct fixture *fx = *state;
    enum { N = 300 };
    struct gx_report *many[N];
    for (size_t i = 0; i < N; i++) many[i] = fx->r[(i + 1) % 2]; /* failed first */
    struct gx_diag d = {0};
    assert_int_equal(gx_csv_write(fx->dir, many, N, 1, &d), GX_OK);
    char *one = slurp(fx->dir, "facts.csv");
    static const unsigned threads[] = {2, 3, 16};
    for (size_t t = 0; t < sizeof(threads) / sizeof(threads[0]); t++) {
        assert_int_equal(gx_csv_write(fx->dir, many, N, threads[t], &d), GX_OK);
        char *got = slurp(fx->dir, "facts.csv");
        assert_string_equal(got, one);
        free(got);
    }
    /* every report's rows are there: 150 of each of the two */
    size_t rows = 0;
    for (const char *p = one; (p = strstr(p, "\n'=HYPERLINK(1).txt,")); p++)
        rows++;
    assert_int_equal(rows, (size_t)(N / 2) * fx->r[0]->nfacts);
    free(one);
}

static void test_unwritable_dir(void **state)
{
    (void)state;
    struct gx_diag d = {0};
    assert_int_equal(gx_csv_write("/nonexistent-dir/out", NULL, 0, 1, &d),
                     GX_ERR_IO);
    assert_non_null(strstr(d.message, "/nonexistent-dir/out"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_formula_safety, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reports_csv, setup, teardown),
        cmocka_unit_test_setup_teardown(test_facts_threads, setup, teardown),
        cmocka_unit_test(test_unwritable_dir),
    };
    return cmocka_run_group_tests(tests, load_templates, free_templates);
}
