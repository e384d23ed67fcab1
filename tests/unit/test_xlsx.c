/* test_xlsx.c - the workbook writer on hand-built templates and reports.
 *
 * These tests check what C can see cheaply (a zip is written, errors are
 * GX_ERR_IO with the path, the bytes are reproducible); the contents are
 * read back by tests/workbook/check_workbook.py.  With
 * GX_TEST_KEEP_XLSX=PATH the sample workbook is kept at PATH and the facts
 * it was built from at PATH.csv (the facts.csv shape), so that
 *   GX_TEST_KEEP_XLSX=/tmp/t.xlsx ./test_xlsx &&
 *   tests/workbook/check_workbook.py /tmp/t.xlsx --expect-csv /tmp/t.xlsx.csv
 * checks every cell against its fact. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report.h"
#include "template.h"
#include "util.h"
#include "xlsx.h"

/* ---- a small template set, shaped like templates/ ------------------ */

static char *v2021[] = {"2021"};
static char *v2019[] = {"2019"};
static char *vboth[] = {"2021", "2019"};

static struct gx_tcol cols_made_2021[] = {
    {"issued", "本年制发件数"}, {"repealed", "本年废止件数"},
    {"in_force", "现行有效件数"}};
static struct gx_tcol cols_made_2019[] = {
    {"made", "本年新制作数量"}, {"published", "本年新公开数量"},
    {"public_total", "对外公开总数量"}};
static struct gx_tcol cols_fees_2021[] = {
    {"amount", "本年收费金额（单位：万元）"}};
static struct gx_tcol cols_procurement[] = {
    {"projects", "采购项目数量"}, {"amount", "采购总金额"}};
static struct gx_tcol cols_apps[] = {
    {"natural", "自然人"}, {"commercial", "法人或其他组织 · 商业企业"},
    {"total", "总计"}};
static struct gx_tcol cols_review[] = {
    {"upheld", "结果维持"}, {"corrected", "结果纠正"}, {"other", "其他结果"},
    {"pending", "尚未审结"}, {"total", "总计"}};

/* Designated initialisers: the structs are still growing fields. */
#define ROW(k, l, vars, c)                                                  \
    {.key = k, .label = l, .variants = vars,                                \
     .nvariants = GX_ARRAY_LEN(vars), .cols = c, .ncols = GX_ARRAY_LEN(c)}

/* art20.regulations recurs with other cols in 2019: the writer must give
 * both sets their own columns under one 规章 label. */
static struct gx_trow art20_rows[] = {
    ROW("regulations", "规章", v2021, cols_made_2021),
    ROW("normative_docs", "行政规范性文件", v2021, cols_made_2021),
    ROW("fees", "行政事业性收费", v2021, cols_fees_2021),
    ROW("regulations", "规章", v2019, cols_made_2019),
    ROW("normative_docs", "规范性文件", v2019, cols_made_2019),
    ROW("procurement", "政府集中采购", v2019, cols_procurement),
};
static struct gx_trow apps_rows[] = {
    ROW("new", "一、本年新收政府信息公开申请数量", vboth, cols_apps),
    ROW("other_misc", "（六）3.其他", v2021, cols_apps),
    ROW("other", "三、（六）其他处理", v2019, cols_apps),
    ROW("total", "三、（七）总计", vboth, cols_apps),
};
static struct gx_trow review_rows[] = {
    ROW("review", "行政复议", vboth, cols_review),
    ROW("suit_direct", "行政诉讼 · 未经复议直接起诉", vboth, cols_review),
};

#define TABLE(k, t, r)                                                      \
    {.key = k, .title = t, .rows = r, .nrows = GX_ARRAY_LEN(r)}

static struct gx_table tables[] = {
    TABLE("art20", "主动公开政府信息情况", art20_rows),
    TABLE("apps", "收到和处理政府信息公开申请情况", apps_rows),
    TABLE("review", "政府信息公开行政复议、行政诉讼情况", review_rows),
};
static const struct gx_templates templates = {
    .tables = tables, .ntables = GX_ARRAY_LEN(tables), .dir = "templates"};

/* ---- hand-built reports -------------------------------------------- */

static struct gx_fact *add_cell(struct gx_report *r, const char *key,
                                enum gx_cell_state state, const char *text)
{
    char table[16], row[32];
    const char *dot1 = strchr(key, '.'), *dot2 = strrchr(key, '.');
    snprintf(table, sizeof(table), "%.*s", (int)(dot1 - key), key);
    snprintf(row, sizeof(row), "%.*s", (int)(dot2 - dot1 - 1), dot1 + 1);
    /* Keys must outlive the report, as template keys do: look them up. */
    const char *t = NULL, *rw = NULL, *c = NULL;
    for (size_t i = 0; i < templates.ntables; i++) {
        const struct gx_table *tb = &templates.tables[i];
        if (strcmp(tb->key, table)) continue;
        t = tb->key;
        for (size_t j = 0; j < tb->nrows; j++) {
            if (strcmp(tb->rows[j].key, row)) continue;
            for (size_t k = 0; k < tb->rows[j].ncols; k++)
                if (!strcmp(tb->rows[j].cols[k].key, dot2 + 1)) {
                    rw = tb->rows[j].key;
                    c = tb->rows[j].cols[k].key;
                }
        }
    }
    assert_non_null(c);
    struct gx_fact *f = gx_report_add_fact(r, t, rw, c);
    f->state = state;
    snprintf(f->text, sizeof(f->text), "%s", text);
    if (state == GX_CELL_NUMBER) f->value = strtod(text, NULL);
    return f;
}

static void set_tables(struct gx_report *r, const char *variant)
{
    for (int i = 0; i < GX_TABLES; i++) {
        r->tables[i].table = templates.tables[i].key;
        r->tables[i].variant = variant;
        r->tables[i].found = 1;
    }
}

static struct gx_report *report_2021(void)
{
    struct gx_report *r = gx_report_new("in/章贡区/2021年报.docx",
                                        "章贡区/2021年报.docx");
    r->region = gx_xstrdup("江西省赣州市章贡区");
    r->agency = gx_xstrdup("赣州市章贡区人民政府");
    r->year = 2021;
    snprintf(r->format, sizeof(r->format), "2021");
    snprintf(r->kind, sizeof(r->kind), "docx");
    set_tables(r, "2021");
    add_cell(r, "art20.regulations.issued", GX_CELL_NUMBER, "3");
    add_cell(r, "art20.regulations.repealed", GX_CELL_BLANK, "");
    add_cell(r, "art20.regulations.in_force", GX_CELL_DASH, "无");
    add_cell(r, "art20.normative_docs.issued", GX_CELL_DASH, "");
    add_cell(r, "art20.fees.amount", GX_CELL_NUMBER, "12.5");
    gx_fact_add_doubt(add_cell(r, "apps.new.natural", GX_CELL_NUMBER, "10"),
                      "行合计不符: 10 + 2 ≠ 11");
    add_cell(r, "apps.new.commercial", GX_CELL_NUMBER, "2");
    add_cell(r, "apps.new.total", GX_CELL_NUMBER, "11");
    gx_fact_add_doubt(add_cell(r, "apps.total.natural", GX_CELL_BLANK, ""),
                      "空格, 疑为漏填");
    add_cell(r, "review.review.upheld", GX_CELL_NUMBER, "0");
    add_cell(r, "review.review.total", GX_CELL_NUMBER, "0");
    return r;
}

/* A 2019-format report with no year or region, a 表三 that was not found
 * and a doubtful 表四; its path has a comma and a quote for the CSV. */
static struct gx_report *report_2019(void)
{
    struct gx_report *r = gx_report_new("in/县,教育局/\"2020\".pdf",
                                        "县,教育局/\"2020\".pdf");
    r->agency = gx_xstrdup("某县教育局");
    snprintf(r->format, sizeof(r->format), "2019");
    snprintf(r->kind, sizeof(r->kind), "pdf");
    set_tables(r, "2019");
    r->tables[1].found = 0;
    r->tables[1].variant = NULL;
    gx_table_add_doubt(&r->tables[2], "表四只找到4列");
    add_cell(r, "art20.regulations.made", GX_CELL_NUMBER, "2");
    struct gx_fact *f =
        add_cell(r, "art20.procurement.amount", GX_CELL_NUMBER, "1308353");
    snprintf(f->unit, sizeof(f->unit), "元");
    add_cell(r, "review.review.upheld", GX_CELL_NUMBER, "1");
    add_cell(r, "review.suit_direct.pending", GX_CELL_NUMBER, "-1");
    return r;
}

static struct gx_report *report_failed(void)
{
    struct gx_report *r = gx_report_new("in/扫描件.pdf", "扫描件.pdf");
    snprintf(r->kind, sizeof(r->kind), "pdf");
    gx_diag_set(&r->diag, GX_ERR_NO_TEXT, "no text layer (a scanned pdf?)");
    return r;
}

/* Bytes a file name may carry on Linux: not UTF-8, and a control char. */
static struct gx_report *report_bad_bytes(void)
{
    struct gx_report *r = gx_report_new("in/bad\xff\x01.txt", "bad\xff\x01.txt");
    r->agency = gx_xstrdup("某\x02局");
    snprintf(r->kind, sizeof(r->kind), "txt");
    set_tables(r, "2021");
    return r;
}

enum { NREPORTS = 4 };

struct fixture {
    struct gx_report *reports[NREPORTS];
    char dir[64];
    char path[128];
};

static int setup(void **state)
{
    struct fixture *fx = gx_xcalloc(1, sizeof(*fx));
    fx->reports[0] = report_2021();
    fx->reports[1] = report_2019();
    fx->reports[2] = report_failed();
    fx->reports[3] = report_bad_bytes();
    snprintf(fx->dir, sizeof(fx->dir), "/tmp/gx-test-xlsx-XXXXXX");
    if (!mkdtemp(fx->dir)) return -1;
    snprintf(fx->path, sizeof(fx->path), "%s/out.xlsx", fx->dir);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    for (int i = 0; i < NREPORTS; i++) gx_report_free(fx->reports[i]);
    remove(fx->path);
    rmdir(fx->dir);
    free(fx);
    return 0;
}

/* ---- helpers ------------------------------------------------------- */

static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    assert_int_equal(fseek(fp, 0, SEEK_END), 0);
    long n = ftell(fp);
    assert_true(n > 0);
    rewind(fp);
    char *buf = gx_xmalloc((size_t)n);
    assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
    fclose(fp);
    *len = (size_t)n;
    return buf;
}

static void assert_is_zip(const char *path)
{
    size_t len;
    char *buf = slurp(path, &len);
    assert_true(len > 4);
    assert_memory_equal(buf, "PK\x03\x04", 4);
    free(buf);
}

static enum gx_status write_to(const char *path, struct fixture *fx,
                               size_t n, struct gx_diag *d)
{
    return gx_xlsx_write(path, &templates, fx->reports, n, "in", d);
}

static void csv_field(FILE *fp, const char *s, int last)
{
    fputc('"', fp);
    for (; s && *s; s++) {
        if (*s == '"') fputc('"', fp);
        fputc(*s, fp);
    }
    fputs(last ? "\"\n" : "\",", fp);
}

static const char *state_name(enum gx_cell_state s)
{
    return s == GX_CELL_NUMBER ? "number" : s == GX_CELL_BLANK ? "blank"
                                                                : "dash";
}

/* The facts the workbook was built from, as facts.csv has them. */
static void write_expected_csv(const char *path, struct fixture *fx)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("file,agency,region,year,format,table,row,col,value,state,doubt\n",
          fp);
    for (int i = 0; i < NREPORTS; i++) {
        const struct gx_report *r = fx->reports[i];
        char year[16] = "";
        if (r->year) snprintf(year, sizeof(year), "%d", r->year);
        for (size_t j = 0; j < r->nfacts; j++) {
            const struct gx_fact *f = &r->facts[j];
            const char *fields[] = {
                r->relpath, r->agency, r->region, year, r->format, f->table,
                f->row, f->col, f->state == GX_CELL_NUMBER ? f->text : "",
                state_name(f->state), f->doubt};
            for (size_t k = 0; k < GX_ARRAY_LEN(fields); k++)
                csv_field(fp, fields[k], k + 1 == GX_ARRAY_LEN(fields));
        }
    }
    assert_int_equal(fclose(fp), 0);
}

/* ---- tests --------------------------------------------------------- */

static void test_writes_zip(void **state)
{
    struct fixture *fx = *state;
    const char *keep = getenv("GX_TEST_KEEP_XLSX");
    const char *path = keep && *keep ? keep : fx->path;
    struct gx_diag d = {0};
    assert_int_equal(write_to(path, fx, NREPORTS, &d), GX_OK);
    assert_int_equal(d.status, GX_OK);
    assert_is_zip(path);
    if (keep && *keep) {
        char csv[4096];
        snprintf(csv, sizeof(csv), "%s.csv", keep);
        write_expected_csv(csv, fx);
    }
}

static void test_no_reports(void **state)
{
    struct fixture *fx = *state;
    struct gx_diag d = {0};
    assert_int_equal(write_to(fx->path, fx, 0, &d), GX_OK);
    assert_is_zip(fx->path);
}

static void test_reproducible(void **state)
{
    struct fixture *fx = *state;
    char other[160];
    size_t n1, n2;
    struct gx_diag d = {0};
    snprintf(other, sizeof(other), "%s/again.xlsx", fx->dir);
    assert_int_equal(setenv("SOURCE_DATE_EPOCH", "1700000000", 1), 0);
    assert_int_equal(write_to(fx->path, fx, NREPORTS, &d), GX_OK);
    sleep(1); /* a clock that leaked into the file would now differ */
    assert_int_equal(write_to(other, fx, NREPORTS, &d), GX_OK);
    unsetenv("SOURCE_DATE_EPOCH");
    char *a = slurp(fx->path, &n1), *b = slurp(other, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1);
    free(a);
    free(b);
    remove(other);
}

static void test_unwritable_path(void **state)
{
    struct fixture *fx = *state;
    const char *path = "/nonexistent-dir/x.xlsx";
    struct gx_diag d = {0};
    assert_int_equal(write_to(path, fx, NREPORTS, &d), GX_ERR_IO);
    assert_int_equal(d.status, GX_ERR_IO);
    assert_non_null(strstr(d.message, "cannot write /nonexistent-dir/x.xlsx: "));
    assert_null(strchr(d.message, '\n'));
    assert_int_not_equal(d.message[strlen(d.message) - 1], '.');
}

/* A path that cannot be created must be left as it was: here, a
 * directory. */
static void test_existing_path_kept(void **state)
{
    struct fixture *fx = *state;
    struct gx_diag d = {0};
    struct stat st;
    assert_int_equal(write_to(fx->dir, fx, NREPORTS, &d), GX_ERR_IO);
    assert_non_null(strstr(d.message, fx->dir));
    assert_int_equal(stat(fx->dir, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
}

/* Excel holds 32767 characters in a cell or comment; longer text is
 * clipped rather than failing the whole workbook. */
static void test_long_text(void **state)
{
    struct fixture *fx = *state;
    struct gx_diag d = {0};
    char *huge = gx_xmalloc(40001);
    memset(huge, 'x', 40000);
    huge[40000] = '\0';
    struct gx_report *r = fx->reports[0];
    free(r->agency);
    r->agency = gx_xstrdup(huge);
    gx_fact_add_doubt(&r->facts[0], huge);
    gx_table_add_doubt(&r->tables[0], huge);
    free(huge);
    assert_int_equal(write_to(fx->path, fx, NREPORTS, &d), GX_OK);
    assert_is_zip(fx->path);
}

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
}

/* A workbook that cannot be built (here: a table key that is no sheet
 * name) fails with the reason and leaves the old file untouched. */
static void test_build_error_keeps_old_file(void **state)
{
    struct fixture *fx = *state;
    struct gx_table bad[] = {TABLE("art[20]", "bad", review_rows)};
    struct gx_templates tpl = {.tables = bad, .ntables = 1};
    struct gx_diag d = {0};
    size_t len;
    write_file(fx->path, "old");
    assert_int_equal(gx_xlsx_write(fx->path, &tpl, fx->reports, NREPORTS,
                                   "in", &d), GX_ERR_IO);
    assert_non_null(strstr(d.message, fx->path));
    assert_non_null(strstr(d.message, "sheet"));
    char *buf = slurp(fx->path, &len);
    assert_int_equal(len, 3);
    assert_memory_equal(buf, "old", 3);
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_writes_zip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_reports, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reproducible, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unwritable_path, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_existing_path_kept, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_long_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_build_error_keeps_old_file,
                                        setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
