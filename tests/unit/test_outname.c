/* test_outname.c - output names of a monthly run: strftime conversions
 * expanded, %% a literal %, {region} left for --split-by, a name too
 * long refused, SOURCE_DATE_EPOCH read as UTC. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "outname.h"

static struct tm november(void)
{
    struct tm tm = {0};
    tm.tm_year = 2023 - 1900;
    tm.tm_mon = 10;
    tm.tm_mday = 14;
    tm.tm_hour = 22;
    return tm;
}

static void expect(const char *pattern, const char *want)
{
    struct tm tm = november();
    char *got = gx_outname_expand(pattern, &tm);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static void test_expands(void **state)
{
    (void)state;
    expect("jiangxi-%Y-%m.xlsx", "jiangxi-2023-11.xlsx");
    expect("out/%Y/%m%d", "out/2023/1114");
    expect("plain.xlsx", "plain.xlsx");
    expect("100%%-%Y.xlsx", "100%-2023.xlsx");
    expect("out/{region}-%Y-%m.xlsx", "out/{region}-2023-11.xlsx");
    expect("%p", "PM");     /* a non-empty result from a lone conversion */
}

static void test_null_and_too_long(void **state)
{
    (void)state;
    struct tm tm = november();
    assert_null(gx_outname_expand(NULL, &tm));
    size_t n = PATH_MAX;
    char *p = malloc(n + 3);
    memset(p, 'a', n);
    memcpy(p + n, "%Y", 3);
    assert_null(gx_outname_expand(p, &tm));
    free(p);
}

static void test_source_date_epoch(void **state)
{
    (void)state;
    struct tm tm;
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);   /* 2023-11-14 22:13 UTC */
    gx_outname_now(&tm);
    unsetenv("SOURCE_DATE_EPOCH");
    assert_int_equal(tm.tm_year, 123);
    assert_int_equal(tm.tm_mon, 10);
    assert_int_equal(tm.tm_mday, 14);
    assert_int_equal(tm.tm_hour, 22);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_expands),
        cmocka_unit_test(test_null_and_too_long),
        cmocka_unit_test(test_source_date_epoch),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
