/* The command line: the limits and --strict reach the options; bad
 * values are usage errors (status 2). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

#include "cli.h"
#include "input_limits.h"

#define PARSE(opts, ...)                                                     \
    parse_args(opts, (char *[]){"gairx", __VA_ARGS__, NULL})

static int parse_args(struct gx_options *opts, char **argv)
{
    int argc = 0;
    while (argv[argc]) argc++;
    return gx_cli_parse(argc, argv, opts);
}

static void test_defaults(void **state)
{
    struct gx_options o;
    (void)state;
    assert_int_equal(PARSE(&o, "in", "--csv", "out"), -1);
    assert_int_equal(o.read.max_bytes, GX_MAX_FILE_BYTES);
    assert_int_equal(o.read.pdf_timeout, GX_PDF_TIMEOUT_SECONDS);
    assert_int_equal(o.strict, 0);
}

static void test_sizes(void **state)
{
    struct gx_options o;
    (void)state;
    assert_int_equal(PARSE(&o, "--max-size", "5000", "in", "--csv", "d"), -1);
    assert_int_equal(o.read.max_bytes, 5000);
    assert_int_equal(PARSE(&o, "--max-size", "100k", "in", "--csv", "d"), -1);
    assert_int_equal(o.read.max_bytes, 100 * 1024);
    assert_int_equal(PARSE(&o, "--max-size", "2MB", "in", "--csv", "d"), -1);
    assert_int_equal(o.read.max_bytes, 2 * 1024 * 1024);
    assert_int_equal(PARSE(&o, "--max-size", "4G", "in", "--csv", "d"), -1);
    assert_int_equal(o.read.max_bytes, 4ull << 30);
}

static void test_bad_values_are_usage_errors(void **state)
{
    struct gx_options o;
    (void)state;
    assert_int_equal(PARSE(&o, "--max-size", "5X", "in", "--csv", "d"), 2);
    assert_int_equal(PARSE(&o, "--max-size", "0", "in", "--csv", "d"), 2);
    assert_int_equal(PARSE(&o, "--max-size", "5G", "in", "--csv", "d"), 2);
    assert_int_equal(PARSE(&o, "--max-size", "-1", "in", "--csv", "d"), 2);
    assert_int_equal(PARSE(&o, "--pdf-timeout", "0", "in", "--csv", "d"), 2);
    assert_int_equal(PARSE(&o, "--pdf-timeout", "3601", "in", "--csv", "d"), 2);
    assert_int_equal(PARSE(&o, "--pdf-timeout", "1s", "in", "--csv", "d"), 2);
}

static void test_strict_and_timeout(void **state)
{
    struct gx_options o;
    (void)state;
    assert_int_equal(PARSE(&o, "--strict", "--pdf-timeout", "5", "in", "-o",
                           "x.xlsx"), -1);
    assert_int_equal(o.strict, 1);
    assert_int_equal(o.read.pdf_timeout, 5);
    assert_int_equal(o.npaths, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_sizes),
        cmocka_unit_test(test_bad_values_are_usage_errors),
        cmocka_unit_test(test_strict_and_timeout),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
