/* test_region_map.c - the --regions file (globs, substrings, agency before
 * path, the first line wins, errors name their line) and --split-by (the
 * division at a level, 直辖市 and county-level cities, one group per
 * division, names made unique, {region} filled). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "region.h"
#include "region_map.h"
#include "report.h"
#include "split.h"
#include "util.h"

static int setup(void **state)
{
    struct gx_diag d = {0};
    *state = gx_regions_load("templates/regions.tab", &d);
    return *state ? 0 : -1;
}

static int teardown(void **state)
{
    gx_regions_free(*state);
    return 0;
}

static void test_glob(void **state)
{
    (void)state;
    assert_true(gx_glob_match("*", ""));
    assert_true(gx_glob_match("经济技术开发区*", "经济技术开发区管委会"));
    assert_false(gx_glob_match("经济技术开发区*", "株洲经济技术开发区"));
    assert_true(gx_glob_match("*/九江市/*", "江西省/九江市/a.txt"));
    assert_true(gx_glob_match("?州市*", "赣州市审计局"));      /* ? is a character */
    assert_false(gx_glob_match("?市*", "赣州市审计局"));
    assert_true(gx_glob_match("[赣抚]州*", "抚州市"));
    assert_false(gx_glob_match("[!赣抚]州*", "抚州市"));
    assert_true(gx_glob_match("a[0-9]b", "a7b"));
    assert_true(gx_glob_match("\\*x", "*x"));
    assert_false(gx_glob_match("\\*x", "ax"));
    assert_true(gx_glob_match("[x", "[x"));                   /* not a set */
    assert_true(gx_glob_match("*a*a*a*", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaab"));
    assert_false(gx_glob_match("*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
}

static char *write_tmp(const char *text)
{
    char *path = gx_xstrdup("/tmp/gx-test-map-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

static struct gx_region_map *load(void **state, const char *text,
                                  struct gx_diag *d)
{
    char *path = write_tmp(text);
    struct gx_region_map *m = gx_region_map_load(path, *state, d);
    unlink(path);
    free(path);
    return m;
}

static void test_errors(void **state)
{
    struct gx_diag d = {0};
    assert_null(load(state, "pattern,region\n甲,不存在的地方\n", &d));
    assert_non_null(strstr(d.message, "line 2: '不存在的地方' is no division"));
    assert_null(load(state, "# c\n\n只有一列\n", &d));
    assert_non_null(strstr(d.message, "line 3: needs a pattern and a region"));
    assert_null(load(state, "a,b,c\n", &d));
    assert_non_null(strstr(d.message, "line 1:"));
    assert_null(gx_region_map_load("/nonexistent/regions.csv", *state, &d));
    assert_non_null(strstr(d.message, "no such file"));
    assert_null(gx_region_map_load("/dev/null", NULL, &d));
}

static struct gx_report *report(const char *relpath, const char *agency)
{
    struct gx_report *r = gx_report_new(relpath, relpath);
    r->agency = agency ? gx_xstrdup(agency) : NULL;
    return r;
}

/* The agency before the path; the first line that matches; names and
 * full paths resolved; an unmatched report keeps its region. */
static void test_apply(void **state)
{
    struct gx_diag d = {0};
    struct gx_region_map *m = load(state,
        "\xEF\xBB\xBFpattern,region\r\n"
        "\"科技城\",赣州市\r\n"
        "*/九江/*,江西省九江市濂溪区\r\n"
        "指挥部,江西省赣州市章贡区\r\n", &d);
    assert_non_null(m);
    struct gx_report *r[4] = {
        report("a/九江/x.txt", "赣州新能源科技城指挥部办公室"),
        report("a/九江/y.txt", "某局"),
        report("b/z.txt", NULL),
        report("b/w.txt", "某局")};
    r[3]->region = gx_xstrdup("江西省");
    assert_int_equal(gx_region_map_apply(m, r, 4), 2);
    assert_string_equal(r[0]->region, "江西省赣州市");
    assert_string_equal(r[1]->region, "江西省九江市濂溪区");
    assert_null(r[2]->region);
    assert_string_equal(r[3]->region, "江西省");
    for (int i = 0; i < 4; i++) gx_report_free(r[i]);
    gx_region_map_free(m);
}

static void level_is(void **state, const char *path, int level,
                     const char *want)
{
    struct gx_region_level lv;
    int got = gx_region_at_level(*state, path, level, &lv);
    if (!want) {
        if (got) fail_msg("%s at %d: %s, want none", path, level, lv.name);
        return;
    }
    if (!got || strcmp(lv.name, want))
        fail_msg("%s at %d: %s, want %s", path, level, got ? lv.name : "none",
                 want);
}

static void test_levels(void **state)
{
    level_is(state, "江西省赣州市全南县", 1, "江西省");
    level_is(state, "江西省赣州市全南县", 2, "赣州市");
    level_is(state, "江西省赣州市全南县", 3, "全南县");
    level_is(state, "江西省赣州市", 3, NULL);
    level_is(state, "江西省", 2, NULL);
    level_is(state, "北京市东城区", 2, "北京市");
    level_is(state, "北京市", 2, "北京市");
    level_is(state, "湖北省仙桃市", 2, "仙桃市");
    level_is(state, "不是地区", 1, NULL);
    struct gx_region_level lv[GX_REGION_DEPTH];
    assert_int_equal(gx_region_levels(*state, "江西省赣州市全南县", lv), 3);
    assert_string_equal(lv[1].path, "江西省赣州市");
    assert_string_equal(lv[2].code, "360729");
    assert_int_equal(gx_region_levels(NULL, "江西省", lv), 0);
}

/* One group per division, 未识别地区 last; a name two divisions share
 * becomes their full paths; {region} filled everywhere. */
static void test_split(void **state)
{
    static const char *const regions[] = {
        "江苏省南京市鼓楼区", "福建省福州市鼓楼区", "江西省赣州市章贡区", NULL,
        "江西省赣州市章贡区", "江西省赣州市"};
    struct gx_report *r[6];
    for (int i = 0; i < 6; i++) {
        r[i] = report("f.txt", "某局");
        r[i]->region = regions[i] ? gx_xstrdup(regions[i]) : NULL;
    }
    struct gx_split sp;
    gx_split_reports(*state, 3, "out/{region}/{region}.xlsx", r, 6, &sp);
    assert_int_equal(sp.n, 4);
    assert_string_equal(sp.v[0].name, "江苏省南京市鼓楼区");   /* 320106 */
    assert_string_equal(sp.v[1].name, "福建省福州市鼓楼区");   /* 350102 */
    assert_string_equal(sp.v[2].name, "章贡区");
    assert_string_equal(sp.v[2].path, "out/章贡区/章贡区.xlsx");
    assert_int_equal(sp.v[2].n, 2);
    assert_ptr_equal(sp.v[2].reports[0], r[2]);
    assert_ptr_equal(sp.v[2].reports[1], r[4]);
    assert_string_equal(sp.v[3].name, GX_SPLIT_NO_REGION);
    assert_int_equal(sp.v[3].n, 2);                  /* none, and 赣州市 */
    gx_split_release(&sp);
    gx_split_reports(*state, 2, "{region}.xlsx", r, 6, &sp);
    assert_int_equal(sp.n, 4);
    assert_string_equal(sp.v[2].name, "赣州市");
    assert_int_equal(sp.v[2].n, 3);
    gx_split_release(&sp);
    for (int i = 0; i < 6; i++) gx_report_free(r[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_glob),
        cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_apply, setup, teardown),
        cmocka_unit_test_setup_teardown(test_levels, setup, teardown),
        cmocka_unit_test_setup_teardown(test_split, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
