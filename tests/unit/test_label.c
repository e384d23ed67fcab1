/* test_label.c - label keys (ordinals, punctuation, spaces and digits
 * dropped) and fuzzy label matching: wrapped labels, typos, short labels
 * that must not match, and match ends that order labels. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "label.h"
#include "utf8.h"

/* The key of `text` as UTF-8, for readable comparisons. */
static void key_utf8(const char *text, char *out, size_t cap)
{
    struct gx_key k = {0};
    size_t n = 0;
    gx_key_add(&k, text);
    for (size_t i = 0; i < k.len; i++) {
        char enc[4];
        size_t l = gx_utf8_encode(k.cp[i], enc);
        assert_true(n + l < cap);
        memcpy(out + n, enc, l);
        n += l;
    }
    out[n] = '\0';
    gx_key_release(&k);
}

static void key_is(const char *text, const char *want)
{
    char got[512];
    key_utf8(text, got, sizeof(got));
    assert_string_equal(got, want);
}

static int keys_equal(const char *a, const char *b)
{
    struct gx_key ka = {0}, kb = {0};
    gx_key_add(&ka, a);
    gx_key_add(&kb, b);
    int eq = ka.len == kb.len &&
             !memcmp(ka.cp, kb.cp, ka.len * sizeof(uint32_t));
    gx_key_release(&ka);
    gx_key_release(&kb);
    return eq;
}

static struct gx_label_match find(const char *text, const char *label)
{
    struct gx_key k = {0};
    gx_key_add(&k, text);
    struct gx_label_match m = gx_label_find(&k, label);
    gx_key_release(&k);
    return m;
}

/* ---- keys ------------------------------------------------------------ */

static void test_ordinals_dropped(void **state)
{
    assert_true(keys_equal("三、（一）予以公开", "予以公开"));
    key_is("三、（一）予以公开", "予以公开");
    key_is("1.属于国家秘密", "属于国家秘密");
    key_is("(3)属于三类内部事务信息", "属于三类内部事务信息");
    key_is("（七）总计", "总计");
    key_is("十一．其他", "其他");
    key_is("四、结转下年度继续办理", "结转下年度继续办理");
}

static void test_numerals_inside_words_kept(void **state)
{
    /* 三 and 一 that are not ordinals are label characters. */
    key_is("3.危及“三安全一稳定”", "危及三安全一稳定");
    key_is("属于四类过程性信息", "属于四类过程性信息");
}

static void test_spacing_punctuation_digits_dropped(void **state)
{
    key_is("予 以\n公\t开", "予以公开");
    key_is("本年收费金额（单位：万元）", "本年收费金额单位万元");
    key_is("N/A 12", "NA");
    key_is("１２３", "");   /* full-width digits are not letters */
    assert_false(keys_equal("予以公开", "部分公开"));
}

static void test_key_appends_and_resets(void **state)
{
    struct gx_key k = {0};
    gx_key_add(&k, "（一）予以");
    gx_key_add(&k, "公开");
    assert_int_equal(k.len, 4);
    assert_int_equal(gx_key_contains(&k, "予以公开"), 1);
    gx_key_reset(&k);
    assert_int_equal(k.len, 0);
    gx_key_add(&k, "总计");
    assert_int_equal(k.len, 2);
    assert_int_equal(gx_key_contains(&k, "予以公开"), 0);
    gx_key_release(&k);
    assert_null(k.cp);
    assert_int_equal(k.len, 0);
}

static void test_key_contains(void **state)
{
    struct gx_key k = {0};
    gx_key_add(&k, "三、本年度办理结果");
    assert_int_equal(gx_key_contains(&k, "本年度"), 1);
    assert_int_equal(gx_key_contains(&k, "办理结果"), 1);
    assert_int_equal(gx_key_contains(&k, "（一）办理结果"), 1);
    assert_int_equal(gx_key_contains(&k, "三本年度"), 0); /* 三、 was an ordinal */
    assert_int_equal(gx_key_contains(&k, "办理结果汇总"), 0);
    assert_int_equal(gx_key_contains(&k, ""), 1);
    gx_key_release(&k);
}

/* ---- gx_label_find --------------------------------------------------- */

static void test_exact_label(void **state)
{
    struct gx_label_match m = find("（一）予以公开", "三、（一）予以公开");
    assert_int_equal(m.matched, 1);
    assert_int_equal(m.missing, 0);
    assert_int_equal(m.end, 4);
}

static void test_wrapped_label_interleaved(void **state)
{
    /* 信访举报投诉类申请 wrapped around a header cell of the next column. */
    struct gx_label_match m = find("1.信访举报 商业企业 投诉类申请", "1.信访举报投诉类申请");
    assert_int_equal(m.matched, 1);
    assert_int_equal(m.missing, 0);
    assert_int_equal(m.end, 13);   /* 信访举报 + 商业企业 + 投诉类申请 */
}

static void test_typo_label_found(void **state)
{
    /* 其他法律行政止公开: 法规禁 missing, three of twelve characters. */
    struct gx_label_match m = find("2.其他法律行政止公开", "2.其他法律行政法规禁止公开");
    assert_int_equal(m.matched, 1);
    assert_int_equal(m.missing, 3);
    assert_int_equal(m.end, 9);
    m = find("2.其他法律行政止公开", "其他法律行政止公开");   /* the alias */
    assert_int_equal(m.matched, 1);
    assert_int_equal(m.missing, 0);
}

static void test_too_many_missing(void **state)
{
    /* Four of twelve missing is over the limit of three. */
    struct gx_label_match m = find("其他法律止公开", "2.其他法律行政法规禁止公开");
    assert_int_equal(m.matched, 0);
    assert_int_equal(m.missing, 5);
}

static void test_short_label_not_found(void **state)
{
    /* 重复申请 shares only 申请 with 信访举报投诉类申请. */
    struct gx_label_match m = find("1.信访举报投诉类申请", "2.重复申请");
    assert_int_equal(m.matched, 0);
    assert_int_equal(m.missing, 2);
    /* Short labels allow one missing character, no more. */
    m = find("重申请", "2.重复申请");
    assert_int_equal(m.matched, 1);
    assert_int_equal(m.missing, 1);
    m = find("总", "（七）总计");
    assert_int_equal(m.matched, 0);
}

static void test_end_orders_labels(void **state)
{
    const char *text = "（一）予以公开（二）部分公开（区分处理的，只计这一情形，不计其他情形）";
    struct gx_label_match a = find(text, "予以公开");
    struct gx_label_match b = find(text, "（二）部分公开");
    assert_int_equal(a.matched, 1);
    assert_int_equal(b.matched, 1);
    assert_int_equal(a.end, 4);
    assert_int_equal(b.end, 8);
    assert_true(a.end < b.end);

    /* The other way round in the text: the ends swap. */
    a = find("部分公开予以公开", "予以公开");
    b = find("部分公开予以公开", "部分公开");
    assert_int_equal(a.end, 8);
    assert_int_equal(b.end, 4);
}

static void test_end_at_most_complete_prefix(void **state)
{
    /* 其他 then the full 3.其他 label later: the match ends at the first
     * complete occurrence, not at a later repeat. */
    struct gx_label_match m = find("3.其他 总计 其他", "3.其他");
    assert_int_equal(m.matched, 1);
    assert_int_equal(m.end, 2);
}

static void test_label_without_key(void **state)
{
    struct gx_label_match m = find("规章 1 2 3", "123");
    assert_int_equal(m.matched, 0);
    m = find("", "规章");
    assert_int_equal(m.matched, 0);
    assert_int_equal(m.missing, 2);
}

/* gx_label_may_match never rules out a label gx_label_find matches, and
 * rules out one too few of whose characters are in the text. */
static int may_match(const char *text, const char *label)
{
    struct gx_key tk = {0}, lk = {0};
    struct gx_key_chars chars;
    gx_key_add(&tk, text);
    gx_key_add(&lk, label);
    gx_key_chars_of(&tk, &chars);
    int may = gx_label_may_match(&chars, &lk);
    gx_key_release(&tk);
    gx_key_release(&lk);
    return may;
}

static void test_may_match(void **state)
{
    assert_true(may_match("（一）予以公开", "三、（一）予以公开"));
    assert_true(may_match("1.信访举报 商业企业 投诉类申请", "1.信访举报投诉类申请"));
    assert_true(may_match("2.其他法律行政止公开", "2.其他法律行政法规禁止公开"));
    assert_true(may_match("重申请", "2.重复申请"));
    assert_false(may_match("（一）予以公开", "属于国家秘密"));
    assert_false(may_match("", "规章"));
}

/* A label of `m` characters U+5000.., and the text holding it with the
 * characters at `gap1` and `gap2` left out. */
static void long_label(size_t m, size_t gap1, size_t gap2, char *label,
                       char *text)
{
    for (size_t j = 0; j < m; j++) {
        char enc[4];
        size_t n = gx_utf8_encode(0x5000 + (uint32_t)j, enc);
        memcpy(label, enc, n);
        label += n;
        if (j != gap1 && j != gap2) {
            memcpy(text, enc, n);
            text += n;
        }
    }
    *label = *text = '\0';
}

/* Labels of 64 characters (the most the bit-parallel LCS holds) and of
 * more (counted in a table) are found alike. */
static void test_long_labels(void **state)
{
    static const size_t lengths[] = {63, 64, 65, 90};
    char label[4 * 90 + 1], text[4 * 90 + 1];
    for (size_t i = 0; i < sizeof(lengths) / sizeof(lengths[0]); i++) {
        size_t m = lengths[i];
        long_label(m, 3, m - 5, label, text);
        struct gx_label_match r = find(text, label);
        assert_int_equal(r.matched, 1);
        assert_int_equal(r.missing, 2);
        assert_int_equal(r.end, m - 2);
        long_label(m, 0, m - 1, label, text);
        r = find(text, label);
        assert_int_equal(r.missing, 2);
        assert_int_equal(r.end, m - 2);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ordinals_dropped),
        cmocka_unit_test(test_numerals_inside_words_kept),
        cmocka_unit_test(test_spacing_punctuation_digits_dropped),
        cmocka_unit_test(test_key_appends_and_resets),
        cmocka_unit_test(test_key_contains),
        cmocka_unit_test(test_exact_label),
        cmocka_unit_test(test_wrapped_label_interleaved),
        cmocka_unit_test(test_typo_label_found),
        cmocka_unit_test(test_too_many_missing),
        cmocka_unit_test(test_short_label_not_found),
        cmocka_unit_test(test_end_orders_labels),
        cmocka_unit_test(test_end_at_most_complete_prefix),
        cmocka_unit_test(test_label_without_key),
        cmocka_unit_test(test_may_match),
        cmocka_unit_test(test_long_labels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
