/* test_region.c - the gazetteer (templates/regions.tab) and how a report's
 * region is told: most precise division, full before short names, zones,
 * county-level cities, ambiguous names by context and by folder, names
 * not in the gazetteer, the batch step, and that a lookup is indexed. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "region.h"
#include "report.h"
#include "util.h"

static const char kGazetteer[] = "templates/regions.tab";

static int setup(void **state)
{
    struct gx_diag d = {0};
    *state = gx_regions_load(kGazetteer, &d);
    if (!*state) fprintf(stderr, "%s\n", d.message);
    return *state ? 0 : -1;
}

static int teardown(void **state)
{
    gx_regions_free(*state);
    return 0;
}

/* `text` names the division at `want_path` with code `want_code`. */
static void found(void **state, const char *text, const char *context,
                  const char *want_path, const char *want_code)
{
    char *path = NULL, code[7] = "";
    if (!gx_region_find(*state, text, context, &path, code))
        fail_msg("\"%s\" (context %s): no region", text,
                 context ? context : "none");
    if (strcmp(path, want_path))
        fail_msg("\"%s\" (context %s): %s, want %s", text,
                 context ? context : "none", path, want_path);
    if (want_code) assert_string_equal(code, want_code);
    free(path);
}

static void not_found(void **state, const char *text, const char *context)
{
    char *path = NULL, code[7] = "x";
    if (gx_region_find(*state, text, context, &path, code))
        fail_msg("\"%s\": found %s", text, path);
    assert_null(path);
    assert_string_equal(code, "x");
}

static void test_most_precise(void **state)
{
    found(state, "全南县教育局", NULL, "江西省赣州市全南县", "360729");
    found(state, "赣州市人民政府", NULL, "江西省赣州市", "360700");
    found(state, "江西省赣州市章贡区人民政府", NULL, "江西省赣州市章贡区", "360702");
    found(state, "章贡区", NULL, "江西省赣州市章贡区", "360702");
    found(state, "淮安市洪泽区人民政府", NULL, "江苏省淮安市洪泽区", "320813");
    found(state, "江西省", NULL, "江西省", "360000");
    /* Spaced as in a wrapped title. */
    found(state, "赣州市 全南县　教育局", NULL, "江西省赣州市全南县", NULL);
}

/* 南昌县 is a county of 南昌市: the longest name at a place wins. */
static void test_longest_first(void **state)
{
    found(state, "南昌县人民政府", NULL, "江西省南昌市南昌县", "360121");
    found(state, "南昌市人民政府", NULL, "江西省南昌市", "360100");
    found(state, "江西省南昌市南昌县", NULL, "江西省南昌市南昌县", NULL);
}

static void test_short_names(void **state)
{
    found(state, "江西赣州", NULL, "江西省赣州市", NULL);
    found(state, "赣州新能源科技城指挥部办公室", NULL, "江西省赣州市", NULL);
    /* Old names through the short form: 南康市 -> 南康区 (2013),
     * 赣县 -> 赣县区 (2016). */
    found(state, "南康市人民政府", NULL, "江西省赣州市南康区", NULL);
    found(state, "赣县人民政府", NULL, "江西省赣州市赣县区", NULL);
    /* Autonomous names keep their place name. */
    found(state, "恩施州人民政府", NULL, "湖北省恩施土家族苗族自治州", NULL);
    found(state, "广西壮族自治区人民政府", NULL, "广西壮族自治区", NULL);
    /* Inside an ordinary word a short name is no name: 安全南方 holds 全南. */
    not_found(state, "安全南方电网公司", NULL);
    /* Nor is a two-character name such as 城区 (阳泉市城区). */
    found(state, "赣州市中心城区管理局", NULL, "江西省赣州市", NULL);
}

static void test_zones(void **state)
{
    found(state, "赣州经开区经发局", NULL, "江西省赣州市", "360700");
    found(state, "赣州经济技术开发区党政办公室", NULL, "江西省赣州市", NULL);
    found(state, "宜春经济技术开发区", NULL, "江西省宜春市", "360900");
    found(state, "关于赣州高新区的报告", NULL, "江西省赣州市", NULL);
    /* 南昌 is 南昌市 or 南昌县: the city holds both. */
    found(state, "南昌高新技术产业开发区", NULL, "江西省南昌市", NULL);
}

static void test_county_level_cities(void **state)
{
    found(state, "瑞金市人民政府", NULL, "江西省赣州市瑞金市", "360781");
    found(state, "龙南市自然资源局", NULL, "江西省赣州市龙南市", "360783");
    found(state, "龙南县人民政府", NULL, "江西省赣州市龙南市", "360783");
    found(state, "仙桃市人民政府", NULL, "湖北省仙桃市", "429004");
}

/* A municipality's districts sit right under it. */
static void test_municipalities(void **state)
{
    found(state, "北京市东城区人民政府", NULL, "北京市东城区", "110101");
    found(state, "东城区教育委员会", NULL, "北京市东城区", "110101");
    found(state, "重庆市城口县", NULL, "重庆市城口县", "500229");
    found(state, "上海市浦东新区", NULL, "上海市浦东新区", "310115");
}

static void test_ambiguous_by_context(void **state)
{
    /* 东乡县 was 江西 抚州 (now 东乡区) or is 甘肃 东乡族自治县. */
    not_found(state, "东乡县人民政府", NULL);
    found(state, "东乡县人民政府", "江西省", "江西省抚州市东乡区", "361003");
    found(state, "东乡县人民政府", "江西省赣州市", "江西省抚州市东乡区", NULL);
    found(state, "东乡县人民政府", "甘肃省",
          "甘肃省临夏回族自治州东乡族自治县", "622926");
    /* The full name 东乡区 is not ambiguous. */
    found(state, "东乡区人民政府", NULL, "江西省抚州市东乡区", NULL);
    /* 鼓楼区: four cities; the text's own city, else the context. */
    not_found(state, "鼓楼区人民政府", NULL);
    found(state, "南京市鼓楼区人民政府", NULL, "江苏省南京市鼓楼区", "320106");
    found(state, "鼓楼区人民政府", "福建省", "福建省福州市鼓楼区", NULL);
    /* Under the most precise division named: 河北省 holds two 桥西区. */
    found(state, "河北省石家庄市桥西区人民政府", NULL, "河北省石家庄市桥西区",
          "130104");
    /* What stays ambiguous falls to the most precise unambiguous level. */
    found(state, "桥西区财政局", "河北省", "河北省", "130000");
    found(state, "南昌经开区", "江苏省", "江西省南昌市", NULL);
}

/* A department word that starts like a short name (公安局: 公安县,
 * 港口管理局: 港口区) names no county, and a short name right after a
 * division it does not lie in is a word, not a name: every department
 * the corpus generator uses, after a city named in full or short, stays
 * with the city. */
static void test_department_words(void **state)
{
    static const char *const cities[][2] = {
        {"连云港市", "江苏省连云港市"}, {"连云港", "江苏省连云港市"},
        {"荆州市", "湖北省荆州市"},     {"荆州", "湖北省荆州市"},
        {"防城港市", "广西壮族自治区防城港市"},
        {"阳泉市", "山西省阳泉市"},     {"怀化市", "湖南省怀化市"},
        {"赣州市", "江西省赣州市"},
    };
    static const char *const extra[] = {
        "公安局", "公安分局", "公安交通警察支队", "港口管理局",
    };
    FILE *fp = fopen("tests/gen/departments.txt", "r");
    assert_non_null(fp);
    char line[256], text[512];
    int n = 0;
    while (fgets(line, sizeof(line), fp)) {
        line[strcspn(line, "\t\r\n")] = '\0';
        if (!*line || *line == '#') continue;
        for (size_t c = 0; c < GX_ARRAY_LEN(cities); c++, n++) {
            snprintf(text, sizeof(text), "%s%s", cities[c][0], line);
            found(state, text, NULL, cities[c][1], NULL);
        }
    }
    fclose(fp);
    assert_true(n > 100);
    for (size_t e = 0; e < GX_ARRAY_LEN(extra); e++)
        for (size_t c = 0; c < GX_ARRAY_LEN(cities); c++) {
            snprintf(text, sizeof(text), "%s%s", cities[c][0], extra[e]);
            found(state, text, NULL, cities[c][1], NULL);
        }
    found(state, "黑龙江省公安厅", NULL, "黑龙江省", NULL);
    found(state, "江苏省连云港市公安局", NULL, "江苏省连云港市", NULL);
    /* The county itself, and a short name under the division before it. */
    found(state, "公安县公安局", NULL, "湖北省荆州市公安县", NULL);
    found(state, "荆州市公安县教育局", NULL, "湖北省荆州市公安县", NULL);
    found(state, "赣州全南教育局", NULL, "江西省赣州市全南县", NULL);
}

static void test_not_in_gazetteer(void **state)
{
    not_found(state, "国务院办公厅", NULL);
    not_found(state, "人力资源和社会保障局", NULL);
    not_found(state, "政府信息公开工作年度报告", NULL);
    not_found(state, "", NULL);
    not_found(state, NULL, NULL);
    not_found(state, "Ganzhou", "江西省");
}

static struct gx_report *report(const char *relpath, const char *agency)
{
    struct gx_report *r = gx_report_new(relpath, relpath);
    if (agency) r->agency = gx_xstrdup(agency);
    return r;
}

static void region_is(const struct gx_report *r, const char *want)
{
    if (!want) {
        assert_null(r->region);
        return;
    }
    if (!r->region) fail_msg("%s: no region", r->relpath);
    assert_string_equal(r->region, want);
}

static void test_assign(void **state)
{
    struct gx_report *rs[] = {
        report("赣州市/a.txt", "赣州市人民政府"),
        report("b.txt", "全南县教育局"),
        report("c.txt", "南昌县人民政府"),
        report("d.txt", "东乡县人民政府"),          /* batch: 江西 */
        report("临夏州/e.txt", "东乡县人民政府"),   /* its folder: 甘肃 */
        report("赣州市/全南县/f.txt", "教育局"),    /* from the folders */
        report("全南县教育局2023年报告.txt", NULL), /* from the file name */
        report("g.txt", "国务院办公厅"),
        report("h.txt", "赣州市人民政府"),
    };
    size_t n = GX_ARRAY_LEN(rs);
    rs[8]->region = gx_xstrdup("已知");  /* set before: left alone */
    gx_regions_assign(*state, rs, n);
    region_is(rs[0], "江西省赣州市");
    region_is(rs[1], "江西省赣州市全南县");
    region_is(rs[2], "江西省南昌市南昌县");
    region_is(rs[3], "江西省抚州市东乡区");
    region_is(rs[4], "甘肃省临夏回族自治州东乡族自治县");
    region_is(rs[5], "江西省赣州市全南县");
    region_is(rs[6], "江西省赣州市全南县");
    region_is(rs[7], NULL);
    region_is(rs[8], "已知");
    for (size_t i = 0; i < n; i++) gx_report_free(rs[i]);
    gx_regions_assign(*state, NULL, 0);
}

/* Seconds that 2000 lookups of a 30-character text take. */
static double lookup_seconds(const struct gx_regions *g)
{
    static const char text[] =
        "江西省赣州市章贡区人民政府办公室关于二〇二三年度政府信息公开工作";
    clock_t start = clock();
    for (int i = 0; i < 2000; i++) {
        char code[7];
        assert_int_equal(gx_region_find(g, text, "江西省", NULL, code), 1);
        assert_string_equal(code, "360702");
    }
    return (double)(clock() - start) / CLOCKS_PER_SEC;
}

/* A lookup touches only the names that start with each character, so it
 * costs about the same against the 3216 divisions as against three;
 * scanning the whole gazetteer at every character would cost hundreds of
 * times more.  A ratio holds under valgrind and sanitizers too. */
static void test_lookup_is_indexed(void **state)
{
    struct gx_diag d = {0};
    struct gx_regions *small = gx_regions_load("tests/data/region/small.tab", &d);
    assert_non_null(small);
    double base = lookup_seconds(small), full = lookup_seconds(*state);
    gx_regions_free(small);
    if (full > 20 * base + 0.05)
        fail_msg("lookups cost %.3f s, against %.3f s on three divisions",
                 full, base);
}

static void test_load_errors(void **state)
{
    struct gx_diag d = {0};
    assert_null(gx_regions_load("tests/data/region/missing.tab", &d));
    assert_int_equal(d.status, GX_ERR_IO);
    assert_non_null(strstr(d.message, "missing.tab"));
    assert_null(gx_regions_load("tests/data/region/bad-level.tab", &d));
    assert_int_equal(d.status, GX_ERR_FORMAT);
    assert_non_null(strstr(d.message, "bad-level.tab:4: bad level"));
    assert_null(gx_regions_load("tests/data/region/no-parent.tab", &d));
    assert_int_equal(d.status, GX_ERR_FORMAT);
    assert_non_null(strstr(d.message, "360729: bad parent 360700"));
    gx_regions_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_most_precise),
        cmocka_unit_test(test_longest_first),
        cmocka_unit_test(test_short_names),
        cmocka_unit_test(test_zones),
        cmocka_unit_test(test_county_level_cities),
        cmocka_unit_test(test_municipalities),
        cmocka_unit_test(test_ambiguous_by_context),
        cmocka_unit_test(test_department_words),
        cmocka_unit_test(test_not_in_gazetteer),
        cmocka_unit_test(test_assign),
        cmocka_unit_test(test_lookup_is_indexed),
        cmocka_unit_test(test_load_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
