/* test_number.c - gx_number_parse (numbers, units, dashes, what is not a
 * value), gx_is_dash_word and gx_is_page_number. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "input_limits.h"
#include "normalise.h"
#include "number.h"
#include "strbuf.h"

/* `s` parses as a number with this normalised text, value and unit. */
static void number_is(const char *s, const char *text, double value,
                      const char *unit)
{
    struct gx_token tok;
    memset(&tok, 0x5A, sizeof(tok));
    if (gx_number_parse(s, &tok) != 1) fail_msg("\"%s\" is not a number", s);
    assert_int_equal(tok.state, GX_CELL_NUMBER);
    assert_string_equal(tok.text, text);
    assert_true(tok.value == value);
    assert_string_equal(tok.unit, unit);
}

static void dash_is(const char *s)
{
    struct gx_token tok;
    memset(&tok, 0x5A, sizeof(tok));
    if (gx_number_parse(s, &tok) != 1) fail_msg("\"%s\" is not a dash", s);
    assert_int_equal(tok.state, GX_CELL_DASH);
    assert_true(tok.value == 0);
    assert_string_equal(tok.unit, "");
}

static void rejected(const char *s)
{
    struct gx_token tok;
    if (gx_number_parse(s, &tok) != 0) fail_msg("\"%s\" was accepted", s);
}

static void test_integers(void **state)
{
    number_is("0", "0", 0, "");
    number_is("12", "12", 12, "");
    number_is(" 7 ", "7", 7, "");
    number_is("\t351\t", "351", 351, "");
    number_is("+5", "5", 5, "");
}

static void test_negative(void **state)
{
    number_is("-18", "-18", -18, "");
    number_is("－18", "-18", -18, "");      /* U+FF0D */
    number_is("\xE2\x88\x92" "3", "-3", -3, ""); /* U+2212 minus */
    number_is("–3", "-3", -3, "");         /* U+2013 en dash */
}

static void test_thousands(void **state)
{
    number_is("1,234", "1234", 1234, "");
    number_is("1，234", "1234", 1234, "");  /* full-width comma */
    number_is("1,234,567", "1234567", 1234567, "");
    number_is("22,496.74", "22496.74", 22496.74, "");
    number_is("1，204，000", "1204000", 1204000, "");
}

static void test_decimals(void **state)
{
    number_is("12.5", "12.5", 12.5, "");
    number_is("0.05", "0.05", 0.05, "");
}

static void test_fullwidth_after_normalise(void **state)
{
    struct gx_strbuf sb = GX_STRBUF_INIT;
    gx_normalise("１２３", strlen("１２３"), &sb);
    number_is(sb.buf, "123", 123, "");
    gx_strbuf_release(&sb);
    /* Before normalisation full-width digits are not digits. */
    rejected("１２３");
}

static void test_units(void **state)
{
    number_is("1308353元", "1308353", 1308353, "元");
    number_is("12.5万元", "12.5", 12.5, "万元");
    number_is("3 件", "3", 3, "件");
    number_is("50%", "50", 50, "%");
    /* A unit alone is not a value. */
    rejected("元");
    rejected("万元");
}

static void test_dashes(void **state)
{
    dash_is("—");
    dash_is("-");
    dash_is("/");
    dash_is("－");
    dash_is("无");
    dash_is("不适用");
    dash_is("——");
    dash_is(" — ");
    dash_is("- -");
    dash_is("暂无");
    dash_is("N/A");
}

static void test_dash_text_kept(void **state)
{
    struct gx_token tok;
    assert_int_equal(gx_number_parse(" 不适用 ", &tok), 1);
    assert_int_equal(tok.state, GX_CELL_DASH);
    assert_string_equal(tok.text, "不适用");
}

static void test_rejected(void **state)
{
    rejected("1.");
    rejected("三.");
    rejected(".5");
    rejected("1.2.3");
    rejected("1,2");
    rejected("12,34");
    rejected("1,2345");
    rejected(",123");
    rejected("2023年");
    rejected("第4页");
    rejected("");
    rejected("   ");
    rejected("abc");
    rejected("12abc");
    rejected("1 2");
    rejected("- 4 -");
}

static void test_digit_limit(void **state)
{
    char digits[64];
    memset(digits, '9', sizeof(digits));
    digits[GX_MAX_NUMBER_CHARS] = '\0';
    struct gx_token tok;
    assert_int_equal(gx_number_parse(digits, &tok), 1);   /* 32 digits */
    assert_int_equal(strlen(tok.text), GX_MAX_NUMBER_CHARS);
    digits[GX_MAX_NUMBER_CHARS] = '9';
    digits[GX_MAX_NUMBER_CHARS + 1] = '\0';
    rejected(digits);                                     /* 33 digits */
    memset(digits, '1', 40);
    digits[40] = '\0';
    rejected(digits);                                     /* 40 digits */
}

static void test_is_dash_word(void **state)
{
    assert_int_equal(gx_is_dash_word("无"), 1);
    assert_int_equal(gx_is_dash_word(" 不适用 "), 1);
    assert_int_equal(gx_is_dash_word("暂无"), 1);
    assert_int_equal(gx_is_dash_word("—"), 0);   /* a dash, not a word */
    assert_int_equal(gx_is_dash_word("无法提供"), 0);
    assert_int_equal(gx_is_dash_word("0"), 0);
    assert_int_equal(gx_is_dash_word(""), 0);
}

/* A word of a line, with no NUL after it: only its bytes are read. */
static void test_parse_slice(void **state)
{
    (void)state;
    struct gx_token tok;
    const char line[] = "规章 12 - 3,456元 x";
    assert_true(gx_number_parse_n(line + 7, 2, &tok));
    assert_string_equal(tok.text, "12");
    assert_true(gx_number_parse_n(line + 10, 1, &tok));
    assert_int_equal(tok.state, GX_CELL_DASH);
    assert_true(gx_number_parse_n(line + 12, 8, &tok));
    assert_string_equal(tok.text, "3456");
    assert_string_equal(tok.unit, "元");
    assert_false(gx_number_parse_n(line + 7, 4, &tok));   /* "12 -" */
    assert_false(gx_number_parse_n(line, 6, &tok));       /* "规章" */
}

static void test_page_numbers(void **state)
{
    assert_int_equal(gx_is_page_number("-4-"), 1);
    assert_int_equal(gx_is_page_number("- 4 -"), 1);
    assert_int_equal(gx_is_page_number("— 4 —"), 1);
    assert_int_equal(gx_is_page_number("—12—"), 1);
    assert_int_equal(gx_is_page_number("  - 4 -  "), 1);
    assert_int_equal(gx_is_page_number("第4页"), 1);
    assert_int_equal(gx_is_page_number("第 4 页 共 9 页"), 1);
    assert_int_equal(gx_is_page_number("第4页共9页"), 1);
    assert_int_equal(gx_is_page_number("4/9"), 1);
    assert_int_equal(gx_is_page_number("4 / 9"), 1);
    assert_int_equal(gx_is_page_number("第4页/共9页"), 1);
    assert_int_equal(gx_is_page_number("第 4 页，共 9 页"), 1);
    assert_int_equal(gx_is_page_number("- 第4页 -"), 1);
    assert_int_equal(gx_is_page_number("-第4页"), 1);
}

/* The PDF layout accepts a fraction only at a page edge, so the form is
 * told apart from the others. */
static void test_page_number_forms(void **state)
{
    (void)state;
    assert_int_equal(gx_page_number_form("—4—", strlen("—4—")),
                     GX_PAGE_DASHED);
    assert_int_equal(gx_page_number_form("第4页", strlen("第4页")),
                     GX_PAGE_CHINESE);
    assert_int_equal(gx_page_number_form("4/9", 3), GX_PAGE_FRACTION);
    assert_int_equal(gx_page_number_form("-4-5", 3), GX_PAGE_DASHED);
    assert_int_equal(gx_page_number_form("4", 1), GX_PAGE_NONE);
}

static void test_not_page_numbers(void **state)
{
    /* A bare number, a negative number and a range are table values or
     * text, not page furniture. */
    assert_int_equal(gx_is_page_number("4"), 0);
    assert_int_equal(gx_is_page_number("-4"), 0);
    assert_int_equal(gx_is_page_number("4-"), 0);
    assert_int_equal(gx_is_page_number("4-5"), 0);
    assert_int_equal(gx_is_page_number("-4-5-"), 0);
    assert_int_equal(gx_is_page_number("-12345-"), 0);  /* over 4 digits */
    assert_int_equal(gx_is_page_number("4/"), 0);
    assert_int_equal(gx_is_page_number("1/2/3"), 0);
    assert_int_equal(gx_is_page_number("-4/9-"), 0);
    assert_int_equal(gx_is_page_number("4/12345"), 0);
    assert_int_equal(gx_is_page_number("- 1 2 -"), 0);  /* two cells */
    assert_int_equal(gx_is_page_number("第4页共9"), 0);
    assert_int_equal(gx_is_page_number("第页"), 0);
    assert_int_equal(gx_is_page_number("第4页共"), 0);
    assert_int_equal(gx_is_page_number("第4页 规章"), 0);
    assert_int_equal(gx_is_page_number("第二十条第（一）项"), 0);
    assert_int_equal(gx_is_page_number("- 4 - 规章"), 0);
    /* A row of dash cells around a number, its cells joined by spaces. */
    assert_int_equal(gx_is_page_number("- - - - - 0 -"), 0);
    assert_int_equal(gx_is_page_number("- 3 - -"), 0);
    assert_int_equal(gx_is_page_number("— — 3 —"), 0);
    assert_int_equal(gx_is_page_number(""), 0);
    assert_int_equal(gx_is_page_number("—"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_integers),
        cmocka_unit_test(test_negative),
        cmocka_unit_test(test_thousands),
        cmocka_unit_test(test_decimals),
        cmocka_unit_test(test_fullwidth_after_normalise),
        cmocka_unit_test(test_units),
        cmocka_unit_test(test_dashes),
        cmocka_unit_test(test_dash_text_kept),
        cmocka_unit_test(test_rejected),
        cmocka_unit_test(test_digit_limit),
        cmocka_unit_test(test_is_dash_word),
        cmocka_unit_test(test_parse_slice),
        cmocka_unit_test(test_page_numbers),
        cmocka_unit_test(test_page_number_forms),
        cmocka_unit_test(test_not_page_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
