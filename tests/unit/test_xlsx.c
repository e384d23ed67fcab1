/* test_xlsx.c - the workbook writer on hand-built templates and reports.
 *
 * These tests check what C can see cheaply (a zip is written, errors are
 * GX_ERR_IO with the path, the bytes are reproducible and dated by the
 * inputs, no temporary file is left, the parts of the zip); the contents
 * are read back by tests/workbook/check_workbook.py.  With
 * GX_TEST_KEEP_XLSX=PATH the sample workbook is kept at PATH, the facts
 * it was built from at PATH.csv (the facts.csv shape, written here), and
 * the CSV export of the same reports in PATH.d/, so that
 *   GX_TEST_KEEP_XLSX=/tmp/t.xlsx ./test_xlsx &&
 *   tests/workbook/check_workbook.py /tmp/t.xlsx --expect-csv /tmp/t.xlsx.csv
 *       --expect-findings /tmp/t.xlsx.d/findings.csv
 *       --expect-files /tmp/t.xlsx.d/files.csv
 *       --expect-reports /tmp/t.xlsx.d/reports.csv
 * checks every cell against its fact, every finding's fill, comment and
 * link, and the 汇总 and 地区合计 sheets. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <minizip/unzip.h>

#include "csvout.h"
#include "report.h"
#include "template.h"
#include "util.h"
#include "xlsx.h"

/* ---- a small template set, shaped like templates/ ------------------ */

static char *v2021[] = {"2021"};
static char *v2019[] = {"2019"};
static char *vboth[] = {"2021", "2019"};

static struct gx_tcol cols_made_2021[] = {
    {.key = "issued", .label = "本年制发件数"}, {.key = "repealed", .label = "本年废止件数"},
    {.key = "in_force", .label = "现行有效件数"}};
static struct gx_tcol cols_made_2019[] = {
    {.key = "made", .label = "本年新制作数量"}, {.key = "published", .label = "本年新公开数量"},
    {.key = "public_total", .label = "对外公开总数量"}};
static struct gx_tcol cols_fees_2021[] = {
    {.key = "amount", .label = "本年收费金额（单位：万元）"}};
static struct gx_tcol cols_procurement[] = {
    {.key = "projects", .label = "采购项目数量"}, {.key = "amount", .label = "采购总金额"}};
static struct gx_tcol cols_apps[] = {
    {.key = "natural", .label = "自然人"}, {.key = "commercial", .label = "法人或其他组织 · 商业企业"},
    {.key = "total", .label = "总计"}};
static struct gx_tcol cols_review[] = {
    {.key = "upheld", .label = "结果维持"}, {.key = "corrected", .label = "结果纠正"}, {.key = "other", .label = "其他结果"},
    {.key = "pending", .label = "尚未审结"}, {.key = "total", .label = "总计"}};

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

/* The cells of `tables`, numbered as gx_templates_load numbers its own. */
static struct gx_cellkeys *cells;

static int number_cells(void **state)
{
    struct gx_diag d = {0};
    (void)state;
    cells = gx_cellkeys_new(tables, GX_ARRAY_LEN(tables), &d);
    return cells ? 0 : -1;
}

static int free_cells(void **state)
{
    (void)state;
    gx_cellkeys_free(cells);
    return 0;
}

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
    r->cells = cells;
    struct gx_fact *f = gx_report_add_fact(r, t, rw, c);
    f->state = state;
    gx_fact_set(r, f, state == GX_CELL_NUMBER ? strtod(text, NULL) : 0, text,
                NULL);
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

/* Findings of every kind, two on one cell (new.total: the error wins),
 * one on the table as a whole, one whose text starts like a formula. */
static void add_findings(struct gx_report *r)
{
    struct gx_finding *f = gx_report_add_finding(
        r, "apps-row-total", GX_FIND_ERROR, "apps",
        "new.total new.natural new.commercial",
        "表三「本年新收」行：总计 = 11，而 自然人+商业企业 = 12，相差 -1");
    f->row = "new";
    f->col = "total";
    f->has_values = 1;
    f->expected = 12;
    f->found = 11;
    f = gx_report_add_finding(r, "apps-carry-nonneg", GX_FIND_WARNING,
                              "apps", "new.total",
                              "=表三「本年新收」总计 偏小");
    f->row = "new";
    f->col = "total";
    f = gx_report_add_finding(r, "apps-balance", GX_FIND_UNASSESSED, "apps",
                              "total.natural new.natural",
                              "表三：「总计」自然人为空白或横线，无法核对");
    f->row = "total";
    f->col = "natural";
    f = gx_report_add_finding(r, "extract-doubt", GX_FIND_DOUBT, "apps",
                              "new.natural",
                              "表三「本年新收」自然人：行合计不符: 10 + 2 ≠ 11");
    f->row = "new";
    f->col = "natural";
    gx_report_add_finding(r, "extract-table", GX_FIND_DOUBT, "review", "",
                          "表四：表头不完整");
    gx_report_add_finding(r, "review-total", GX_FIND_UNASSESSED, "review",
                          "review.total review.upheld",
                          "表四：「行政复议」总计无法核对");
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
    gx_fact_add_doubt(r, add_cell(r, "apps.new.natural", GX_CELL_NUMBER, "10"),
                      "行合计不符: 10 + 2 ≠ 11");
    add_cell(r, "apps.new.commercial", GX_CELL_NUMBER, "2");
    add_cell(r, "apps.new.total", GX_CELL_NUMBER, "11");
    gx_fact_add_doubt(r, add_cell(r, "apps.total.natural", GX_CELL_BLANK, ""),
                      "空格, 疑为漏填");
    add_cell(r, "review.review.upheld", GX_CELL_NUMBER, "0");
    add_cell(r, "review.review.total", GX_CELL_NUMBER, "0");
    add_findings(r);
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
    gx_fact_set(r, f, 1308353, "1308353", "元");
    add_cell(r, "review.review.upheld", GX_CELL_NUMBER, "1");
    add_cell(r, "review.suit_direct.pending", GX_CELL_NUMBER, "-1");
    return r;
}

/* Same region as report_2021 but later in the walk: the sheets list it
 * next to that one.  Its 办结总计 is 0, so its rate is empty. */
static struct gx_report *report_same_region(void)
{
    struct gx_report *r = gx_report_new("in/章贡区/2022年报.txt",
                                        "章贡区/2022年报.txt");
    r->region = gx_xstrdup("江西省赣州市章贡区");
    r->agency = gx_xstrdup("-赣州市章贡区教育局");
    r->year = 2022;
    r->mtime = 1600000000;
    snprintf(r->format, sizeof(r->format), "2021");
    snprintf(r->kind, sizeof(r->kind), "txt");
    set_tables(r, "2021");
    add_cell(r, "apps.new.total", GX_CELL_NUMBER, "5");
    add_cell(r, "apps.total.total", GX_CELL_NUMBER, "0");
    add_cell(r, "review.review.total", GX_CELL_NUMBER, "3");
    add_cell(r, "review.review.corrected", GX_CELL_NUMBER, "1");
    add_cell(r, "art20.fees.amount", GX_CELL_NUMBER, "0.0625");
    return r;
}

static struct gx_report *report_failed(void)
{
    struct gx_report *r = gx_report_new("in/扫描件.pdf", "扫描件.pdf");
    snprintf(r->kind, sizeof(r->kind), "pdf");
    gx_report_fail(r, GX_ERR_NO_TEXT, "no text layer (a scanned pdf?)");
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

enum { NREPORTS = 5 };

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
    fx->reports[4] = report_same_region();
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
            const struct gx_cellkey *key = gx_fact_key(r, f);
            const char *fields[] = {
                r->relpath, r->agency, r->region, year, r->format, key->table,
                key->row, key->col,
                f->state == GX_CELL_NUMBER ? gx_fact_text(r, f) : "",
                state_name(f->state), gx_fact_doubt(r, f)};
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
        snprintf(csv, sizeof(csv), "%s.d", keep);
        assert_int_equal(gx_csv_write(csv, fx->reports, NREPORTS, 1, &d), GX_OK);
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
    gx_fact_add_doubt(r, &r->facts[0], huge);
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

/* ---- the zip's parts ------------------------------------------------ */

/* The text of one part of the workbook's zip (the caller frees it). */
static char *zip_part(const char *path, const char *name)
{
    unzFile z = unzOpen(path);
    assert_non_null(z);
    assert_int_equal(unzLocateFile(z, name, 1), UNZ_OK);
    assert_int_equal(unzOpenCurrentFile(z), UNZ_OK);
    size_t len = 0, cap = 4096;
    char *buf = gx_xmalloc(cap);
    int n;
    while ((n = unzReadCurrentFile(z, buf + len, (unsigned)(cap - len - 1))) > 0) {
        len += (size_t)n;
        if (cap - len < 2) buf = gx_xrealloc(buf, cap *= 2);
    }
    assert_int_equal(n, 0);
    buf[len] = '\0';
    unzCloseCurrentFile(z);
    unzClose(z);
    return buf;
}

static void assert_part_has(const char *path, const char *part,
                            const char *text)
{
    char *xml = zip_part(path, part);
    if (!strstr(xml, text)) fail_msg("%s: no '%s'", part, text);
    free(xml);
}

/* Entries of fx->dir whose name starts with '.': temporary files. */
static int hidden_entries(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] == '.' && strcmp(e->d_name, ".") &&
            strcmp(e->d_name, ".."))
            n++;
    closedir(d);
    return n;
}

static void test_sheets_in_order(void **state)
{
    struct fixture *fx = *state;
    struct gx_diag d = {0};
    assert_int_equal(write_to(fx->path, fx, NREPORTS, &d), GX_OK);
    char *xml = zip_part(fx->path, "xl/workbook.xml");
    static const char *const names[] = {
        "汇总", "地区合计", "表二 主动公开", "表三 依申请", "表四 复议诉讼",
        "问题清单", "文件清单"};
    const char *p = xml;
    for (size_t i = 0; i < GX_ARRAY_LEN(names); i++) {
        char want[64];
        snprintf(want, sizeof(want), "<sheet name=\"%s\"", names[i]);
        p = strstr(p, want);
        if (!p) fail_msg("workbook.xml: sheet %s missing or out of order",
                         names[i]);
    }
    free(xml);
    assert_part_has(fx->path, "docProps/app.xml", "地区合计");
    assert_part_has(fx->path, "docProps/core.xml",
                    "<dc:creator>gairx</dc:creator>");
    assert_part_has(fx->path, "docProps/custom.xml", "gairx");
    /* print setup: A4 landscape, fitted to width */
    assert_part_has(fx->path, "xl/worksheets/sheet1.xml",
                    "<pageSetup paperSize=\"9\" fitToHeight=\"0\" orientation=\"landscape\"");
    assert_part_has(fx->path, "xl/worksheets/sheet1.xml", "<pageSetUpPr fitToPage=\"1\"/>");
    /* a formula with its value stored */
    assert_part_has(fx->path, "xl/worksheets/sheet2.xml",
                    "<f>SUM('汇总'!F7:F8)</f><v>16</v>");
}

/* Without SOURCE_DATE_EPOCH the document is dated by its newest input,
 * never by the clock, and says so on 汇总 in Beijing time. */
static void test_time_from_inputs(void **state)
{
    struct fixture *fx = *state;
    char other[160];
    size_t n1, n2;
    struct gx_diag d = {0};
    snprintf(other, sizeof(other), "%s/again.xlsx", fx->dir);
    unsetenv("SOURCE_DATE_EPOCH");
    fx->reports[0]->mtime = 1500000000;   /* older than report 4's */
    assert_int_equal(write_to(fx->path, fx, NREPORTS, &d), GX_OK);
    sleep(1);
    assert_int_equal(write_to(other, fx, NREPORTS, &d), GX_OK);
    char *a = slurp(fx->path, &n1), *b = slurp(other, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1);
    free(a);
    free(b);
    remove(other);
    assert_part_has(fx->path, "docProps/core.xml", "2020-09-13T12:26:40Z");
    /* constant-memory mode writes strings in the sheet, not shared */
    assert_part_has(fx->path, "xl/worksheets/sheet1.xml",
                    "生成时间：2020-09-13 20:26（北京时间）");
    assert_int_equal(setenv("SOURCE_DATE_EPOCH", "1700000000", 1), 0);
    assert_int_equal(write_to(fx->path, fx, NREPORTS, &d), GX_OK);
    unsetenv("SOURCE_DATE_EPOCH");
    assert_part_has(fx->path, "docProps/core.xml", "2023-11-14T22:13:20Z");
}

/* The workbook goes to a temporary file renamed over the target: none is
 * left behind, whether the write works or fails. */
static void test_no_temporary_left(void **state)
{
    struct fixture *fx = *state;
    struct gx_diag d = {0};
    write_file(fx->path, "old");
    assert_int_equal(write_to(fx->path, fx, NREPORTS, &d), GX_OK);
    assert_is_zip(fx->path);
    assert_int_equal(hidden_entries(fx->dir), 0);
    struct gx_table bad[] = {TABLE("art[20]", "bad", review_rows)};
    struct gx_templates tpl = {.tables = bad, .ntables = 1};
    assert_int_equal(gx_xlsx_write(fx->path, &tpl, fx->reports, NREPORTS,
                                   "in", &d), GX_ERR_IO);
    assert_int_equal(hidden_entries(fx->dir), 0);
    assert_is_zip(fx->path);
    /* the new file gets the mode of a new file, not mkstemp's 0600 */
    struct stat st;
    mode_t mask = umask(022);
    assert_int_equal(write_to(fx->path, fx, NREPORTS, &d), GX_OK);
    umask(mask);
    assert_int_equal(stat(fx->path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0644);
}

/* 图表 with more regions than its bar charts show and a single year: its
 * two notes fall on rows of the region table (row 1, and the row where
 * the year charts would be), and a constant-memory sheet is written top
 * to bottom, so they must be written as the rows get there. */
static void test_many_regions_one_year(void **state)
{
    struct fixture *fx = *state;
    enum { N = 70 };
    struct gx_report *many[N];
    char paths[N][16];   /* reports borrow their paths */
    struct gx_diag d = {0};
    for (int i = 0; i < N; i++) {
        char name[64];
        snprintf(paths[i], sizeof(paths[i]), "r%02d.txt", i);
        many[i] = gx_report_new(paths[i], paths[i]);
        snprintf(name, sizeof(name), "某省第%02d市", i);
        many[i]->region = gx_xstrdup(name);
        many[i]->agency = gx_xstrdup("人民政府");
        many[i]->year = 2021;
        snprintf(many[i]->format, sizeof(many[i]->format), "2021");
        snprintf(many[i]->kind, sizeof(many[i]->kind), "txt");
        set_tables(many[i], "2021");
        snprintf(name, sizeof(name), "%d", i + 1);
        add_cell(many[i], "apps.new.total", GX_CELL_NUMBER, name);
    }
    assert_int_equal(gx_xlsx_write(fx->path, &templates, many, N, "in", &d),
                     GX_OK);
    /* sheet9 is 图表, the ninth sheet of xlsx.h */
    assert_part_has(fx->path, "xl/worksheets/sheet9.xml", "地区过多");
    assert_part_has(fx->path, "xl/worksheets/sheet9.xml",
                    "只有一个年度的报告");
    for (int i = 0; i < N; i++) gx_report_free(many[i]);
}

/* A path in a folder that is not there: nothing is created. */
static void test_missing_folder(void **state)
{
    struct fixture *fx = *state;
    char path[200];
    struct gx_diag d = {0};
    snprintf(path, sizeof(path), "%s/no/such/out.xlsx", fx->dir);
    assert_int_equal(write_to(path, fx, NREPORTS, &d), GX_ERR_IO);
    assert_non_null(strstr(d.message, "no such file or directory"));
    assert_int_equal(hidden_entries(fx->dir), 0);
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
        cmocka_unit_test_setup_teardown(test_sheets_in_order, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_time_from_inputs, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_no_temporary_left, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_missing_folder, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_many_regions_one_year, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, number_cells, free_cells);
}
