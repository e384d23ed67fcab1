/* test_decode.c - gx_decode and gx_normalise (BOMs, UTF-16, GB18030,
 * declared charsets, line ends, odd spaces, full-width digits) and
 * gx_text_to_doc (tab rows, pipe rows, space-aligned columns, markdown
 * marks, one-cell-per-line tables, box-drawing tables). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "normalise.h"
#include "reader.h"
#include "strbuf.h"

/* Decodes n bytes; checks the return code and, on success, the text and
 * the encoding reported. */
static void check_decode(const char *bytes, size_t n, const char *charset,
                         int want_rc, const char *want_text,
                         const char *want_used)
{
    struct gx_strbuf out = GX_STRBUF_INIT;
    const char *used = NULL;
    int rc = gx_decode(bytes, n, charset, &out, &used);
    assert_int_equal(rc, want_rc);
    if (want_rc == 0) {
        assert_string_equal(out.buf, want_text);
        assert_int_equal(out.len, strlen(want_text));
        assert_non_null(used);
        assert_string_equal(used, want_used);
    }
    gx_strbuf_release(&out);
}

static void normalise_eq(const char *in, const char *want)
{
    struct gx_strbuf out = GX_STRBUF_INIT;
    gx_normalise(in, strlen(in), &out);
    assert_string_equal(out.buf, want);
    gx_strbuf_release(&out);
}

/* Converts UTF-8 text to `charset` with iconv; the caller frees. */
static char *encode(const char *charset, const char *utf8, size_t *len)
{
    iconv_t cd = iconv_open(charset, "UTF-8");
    assert_true(cd != (iconv_t)-1);
    size_t inleft = strlen(utf8), cap = inleft * 4 + 16, outleft = cap;
    char *buf = malloc(cap), *in = (char *)utf8, *o = buf;
    assert_non_null(buf);
    assert_true(iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1);
    iconv_close(cd);
    *len = cap - outleft;
    return buf;
}

/* ---- gx_decode ------------------------------------------------------- */

static void test_utf8_plain(void **state)
{
    static const char s[] = "规章\t0\n行政许可 12\n";
    check_decode(s, sizeof(s) - 1, NULL, 0, s, "UTF-8");
}

static void test_utf8_bom_dropped(void **state)
{
    static const char s[] = "\xEF\xBB\xBF规章 1";
    check_decode(s, sizeof(s) - 1, NULL, 0, "规章 1", "UTF-8");
}

static void test_utf16le_bom(void **state)
{
    /* "规章 12\r\n" and U+20000 (a surrogate pair), little-endian. */
    static const char s[] = "\xFF\xFE"
                            "\xC4\x89" "\xE0\x7A" " \0" "1\0" "2\0"
                            "\r\0" "\n\0"
                            "\x40\xD8" "\x00\xDC";
    check_decode(s, sizeof(s) - 1, NULL, 0, "规章 12\n\xF0\xA0\x80\x80",
                 "UTF-16LE");
}

static void test_utf16be_bom(void **state)
{
    /* "规章\r总计" big-endian: the lone CR becomes LF. */
    static const char s[] = "\xFE\xFF"
                            "\x89\xC4" "\x7A\xE0" "\0\r" "\x60\x3B" "\x8B\xA1";
    check_decode(s, sizeof(s) - 1, NULL, 0, "规章\n总计", "UTF-16BE");
}

static void test_utf16_bom_beats_declared_charset(void **state)
{
    static const char s[] = "\xFF\xFE" "1\0" "2\0";
    check_decode(s, sizeof(s) - 1, "gbk", 0, "12", "UTF-16LE");
}

static void test_gb18030_hex(void **state)
{
    /* 规章 in GBK/GB18030: B9E6 D5C2; not valid UTF-8. */
    static const char s[] = "\xB9\xE6\xD5\xC2\t7";
    check_decode(s, sizeof(s) - 1, NULL, 0, "规章\t7", "GB18030");
}

static void test_gb18030_iconv_four_byte(void **state)
{
    /* ¥ and U+20000 are four-byte sequences in GB18030 (not in GBK);
     * full-width digits and the CRLF are normalised after decoding. */
    size_t n;
    char *bytes = encode("GB18030", "行政事业性收费\t１２３¥\r\n\xF0\xA0\x80\x80", &n);
    assert_int_equal(n, 7 * 2 + 1 + 3 * 2 + 4 + 2 + 4);
    check_decode(bytes, n, NULL, 0, "行政事业性收费\t123¥\n\xF0\xA0\x80\x80",
                 "GB18030");
    free(bytes);
}

static void test_declared_gbk_honoured(void **state)
{
    /* GBK bytes (规章, not valid UTF-8) under a declared "gbk", "GB2312"
     * or "cp936": read as GB18030, the superset the page really uses. */
    static const char s[] = "\xB9\xE6\xD5\xC2";
    check_decode(s, sizeof(s) - 1, "gbk", 0, "规章", "GB18030");
    check_decode(s, sizeof(s) - 1, "GB2312", 0, "规章", "GB18030");
    check_decode(s, sizeof(s) - 1, "CP936", 0, "规章", "GB18030");
}

static void test_declared_charset_beats_detection(void **state)
{
    /* A4A4 A4E5 is 中文 in Big5 and いゅ in GB18030: the declared
     * charset is tried before GB18030 detection. */
    static const char s[] = "\xA4\xA4\xA4\xE5";
    check_decode(s, sizeof(s) - 1, "big5", 0, "中文", "big5");
    check_decode(s, sizeof(s) - 1, NULL, 0, "いゅ", "GB18030");
    /* BOM-less UTF-16 is readable when it is declared. */
    static const char u[] = "1\0" "2\0";
    check_decode(u, sizeof(u) - 1, "UTF-16LE", 0, "12", "UTF-16LE");
}

static void test_valid_utf8_beats_declared_charset(void **state)
{
    /* E4B8AD E69687 is 中文 in UTF-8 and also valid GBK (涓枃): sites
     * re-encode pages and keep the old <meta charset>, so valid UTF-8
     * wins over a declared charset. */
    static const char s[] = "\xE4\xB8\xAD\xE6\x96\x87";
    check_decode(s, sizeof(s) - 1, "gbk", 0, "中文", "UTF-8");
}

static void test_declared_charset_wrong_falls_back(void **state)
{
    /* Declared UTF-8, but the bytes are GBK: detection takes over. */
    static const char s[] = "\xB9\xE6\xD5\xC2";
    check_decode(s, sizeof(s) - 1, "utf-8", 0, "规章", "GB18030");
    /* An unknown charset name is ignored the same way. */
    check_decode(s, sizeof(s) - 1, "x-no-such-charset", 0, "规章", "GB18030");
}

static void test_nul_without_bom_refused(void **state)
{
    static const char s[] = "ab\0cd";
    check_decode(s, sizeof(s) - 1, NULL, -1, NULL, NULL);
    /* UTF-16LE without a BOM is refused as binary, too. */
    static const char u[] = "1\0" "2\0";
    check_decode(u, sizeof(u) - 1, NULL, -1, NULL, NULL);
}

static void test_not_text_refused(void **state)
{
    /* 0x80 0xFF is neither UTF-8 nor GB18030. */
    static const char s[] = "\x80\xFF";
    struct gx_strbuf out = GX_STRBUF_INIT;
    assert_int_equal(gx_decode(s, 2, NULL, &out, NULL), -1);
    assert_int_equal(out.len, 0);
    assert_string_equal(out.buf, "");
    gx_strbuf_release(&out);
}

/* Repairs n bytes; checks the return code, the text, the encoding
 * reported and the lines counted as repaired. */
static void check_repair(const char *bytes, size_t n, int want_rc,
                         const char *want_text, const char *want_used,
                         size_t want_lines)
{
    struct gx_strbuf out = GX_STRBUF_INIT;
    const char *used = NULL;
    size_t lines = 99;
    assert_int_equal(gx_decode_repair(bytes, n, &out, &used, &lines), want_rc);
    if (want_rc == 0) {
        assert_string_equal(out.buf, want_text);
        assert_string_equal(used, want_used);
    } else {
        assert_string_equal(out.buf, "");
    }
    assert_int_equal(lines, want_lines);
    gx_strbuf_release(&out);
}

/* Half UTF-8, half GB18030 (规章 is B9 E6 D5 C2): each line as what it
 * is, the GB18030 lines counted. */
static void test_repair_mixed_lines(void **state)
{
    static const char s[] = "\xE8\xA7\x84\xE7\xAB\xA0\xE6\x95\xB0\t1\r\n"
                            "\xB9\xE6\xD5\xC2\t2\r\n"
                            "3\n";
    check_repair(s, sizeof(s) - 1, 0, "规章数\t1\n规章\t2\n3\n",
                 "mixed UTF-8/GB18030", 1);
    /* gx_decode itself reads it all as GB18030 (the UTF-8 bytes happen
     * to be GB18030 too): gx_decode_text does not. */
    struct gx_strbuf out = GX_STRBUF_INIT;
    const char *used = NULL;
    size_t lines = 0;
    assert_int_equal(gx_decode_text(s, sizeof(s) - 1, NULL, &out, &used, &lines), 0);
    assert_string_equal(out.buf, "规章数\t1\n规章\t2\n3\n");
    assert_string_equal(used, "mixed UTF-8/GB18030");
    assert_int_equal(lines, 1);
    gx_strbuf_release(&out);
    /* A line that is neither refuses the file; so does a NUL. */
    static const char bad[] = "\xE8\xA7\x84\n\x80\xFF\n";
    check_repair(bad, sizeof(bad) - 1, -1, NULL, NULL, 0);
    static const char nul[] = "\xB9\xE6\n\0\n";
    check_repair(nul, sizeof(nul) - 1, -1, NULL, NULL, 0);
}

/* UTF-16 with a stray byte: the lines after it are realigned and the
 * byte becomes U+FFFD where it most plausibly sat. */
static void test_repair_utf16_stray_byte(void **state)
{
    /* FF FE, 规(89C4) 章(7AE0) \t 1 \n, then "A" alone: odd length. */
    static const char odd[] = "\xFF\xFE\xC4\x89\xE0\x7A\x09\x00\x31\x00"
                              "\x0A\x00\x41";
    check_repair(odd, sizeof(odd) - 1, 0, "规章\t1\n\xEF\xBF\xBD",
                 "UTF-16LE, repaired", 1);
    /* A stray 0xFF between "1" and "2" of a number, the next line
     * intact: the number is broken by U+FFFD, never a guess. */
    static const char mid[] = "\xFF\xFE\x31\x00\xFF\x32\x00\x0A\x00"
                              "\x33\x00";
    check_repair(mid, sizeof(mid) - 1, 0, "1\xEF\xBF\xBD" "2\n3",
                 "UTF-16LE, repaired", 1);
    /* Big-endian, a lone surrogate. */
    static const char be[] = "\xFE\xFF\xD8\x00\x00\x31\x00\x0A\x00\x32";
    check_repair(be, sizeof(be) - 1, 0, "\xEF\xBF\xBD" "1\n2",
                 "UTF-16BE, repaired", 1);
}

static void test_empty_input(void **state)
{
    check_decode("", 0, NULL, 0, "", "UTF-8");
}

/* ---- gx_normalise ---------------------------------------------------- */

static void test_line_ends(void **state)
{
    normalise_eq("a\r\nb\rc\nd\r", "a\nb\nc\nd\n");
    normalise_eq("\r\r\n", "\n\n");
}

static void test_odd_spaces(void **state)
{
    /* NBSP, U+3000, thin space, narrow NBSP → ' '; ZWSP, BOM, soft hyphen
     * dropped. */
    normalise_eq("规\xC2\xA0章", "规 章");
    normalise_eq("规\xE3\x80\x80章", "规 章");
    normalise_eq("1\xE2\x80\x89" "2\xE2\x80\xAF" "3", "1 2 3");
    normalise_eq("规\xE2\x80\x8B章\xEF\xBB\xBF\xC2\xAD", "规章");
}

static void test_fullwidth(void **state)
{
    normalise_eq("１２３", "123");
    normalise_eq("０．５", "0.5");
    normalise_eq("ＡＢｃ", "ABc");
    /* CJK punctuation labels are matched on stays as it is. */
    normalise_eq("（一）、，“”－", "（一）、，“”－");
}

/* ---- gx_text_to_doc -------------------------------------------------- */

static void to_doc(const char *text, struct gx_doc *doc)
{
    gx_doc_init(doc);
    gx_text_to_doc(text, strlen(text), doc);
}

/* Checks line i's kind and cells (NULL-terminated). */
static void assert_line(const struct gx_doc *doc, size_t i,
                        enum gx_line_kind kind, const char *const *cells)
{
    assert_true(i < doc->nlines);
    const struct gx_line *l = &doc->lines[i];
    size_t n = 0;
    while (cells[n]) n++;
    assert_int_equal(l->kind, kind);
    assert_int_equal(l->ncells, n);
    for (size_t c = 0; c < n; c++) assert_string_equal(l->cells[c], cells[c]);
}

/* A table drawn with box-drawing characters, as w3m saves a page as text
 * and 制表符 tables are typed: rules are no lines, a row's wrapped cells
 * are joined, an empty cell is a blank cell, and a line whose strokes do
 * not match the row's starts a row of its own. */
static void test_doc_box_table(void **state)
{
    (void)state;
    struct gx_doc doc;
    to_doc("说明文字\n"
           "┌────────────────┬──────┬────┐\n"
           "│  一、本年新收申 │ 1,461 │  66 │\n"
           "│      请数量     │      │    │\n"
           "├────────────────┼──────┼────┤\n"
           "│二、上年结转    │      │ 0 │\n"
           "│    ├──────┤    │\n"
           "│ 合计 │ 7 │\n"
           "└────────────────┴──────┴────┘\n"
           "│ 不是表格│ 外面有字\n"
           "─\n", &doc);
    assert_int_equal(doc.nlines, 6);
    assert_line(&doc, 0, GX_LINE_TEXT, (const char *[]){"说明文字", NULL});
    assert_line(&doc, 1, GX_LINE_ROW,
                (const char *[]){"一、本年新收申请数量", "1,461", "66", NULL});
    assert_line(&doc, 2, GX_LINE_ROW,
                (const char *[]){"二、上年结转", "", "0", NULL});
    assert_line(&doc, 3, GX_LINE_ROW, (const char *[]){"合计", "7", NULL});
    assert_int_equal(doc.lines[4].kind, GX_LINE_TEXT);   /* text outside */
    assert_line(&doc, 5, GX_LINE_TEXT, (const char *[]){"─", NULL});
    gx_doc_release(&doc);
}

/* Text that lost its line breaks (a crawler joined a page's text with
 * spaces): a line of many words, a quarter of them values and three side
 * by side, becomes a line per word.  A printed row, a row of 表四's
 * fifteen values and prose with spaced numbers (none side by side) keep
 * their lines. */
static void test_doc_flattened_table(void **state)
{
    (void)state;
    struct gx_doc doc;
    to_doc("某局2023年政府信息公开工作年度报告\n"
           "第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数 "
           "规章 - - - 行政规范性文件 19 21 48 第二十条第（五）项 信息内容 "
           "本年处理决定数量 行政许可 44307 第二十条第（六）项 信息内容 "
           "本年处理决定数量 行政处罚 2230 行政强制 221\n"
           "一、本年新收政府信息公开申请数量 43 4 0 1 1 1 50\n"
           "0  0  0  0  0  0  0  0  0  0  0  0  0  0  0\n"
           "2023年，本机关 主动公开 政府信息 120 条，其中 规章 1 件、"
           "规范性文件 3 件，政策解读 5 篇，回应 关切 2 次，办理 申请 "
           "6 件，较上年 增加 1 件，全部 按时 答复，无 复议 诉讼。\n", &doc);
    assert_line(&doc, 0, GX_LINE_TEXT,
                (const char *[]){"某局2023年政府信息公开工作年度报告", NULL});
    const char *words[] = {
        "第二十条第（一）项", "信息内容", "本年制发件数", "本年废止件数",
        "现行有效件数", "规章", "-", "-", "-", "行政规范性文件", "19", "21",
        "48", "第二十条第（五）项", "信息内容", "本年处理决定数量",
        "行政许可", "44307", "第二十条第（六）项", "信息内容",
        "本年处理决定数量", "行政处罚", "2230", "行政强制", "221"};
    size_t nwords = sizeof(words) / sizeof(words[0]);
    for (size_t w = 0; w < nwords; w++) {
        assert_line(&doc, 1 + w, GX_LINE_TEXT,
                    (const char *[]){words[w], NULL});
        assert_int_equal(doc.lines[1 + w].src_line, 2);
    }
    assert_line(&doc, 1 + nwords, GX_LINE_TEXT,
                (const char *[]){"一、本年新收政府信息公开申请数量 43 4 0 1 1 "
                                 "1 50", NULL});
    assert_int_equal(doc.lines[2 + nwords].ncells, 15);
    assert_int_equal(doc.lines[3 + nwords].ncells, 1);
    assert_int_equal(doc.nlines, 4 + nwords);
    gx_doc_release(&doc);
    /* 表二 pasted into one paragraph: 31 words, 10 of them values. */
    to_doc("第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数 "
           "规 章 0 0 0 行政规范性文件 31 27 189 第二十条第（五）项 信息内容 "
           "本年处理决定数量 行政许可 19424 第二十条第（六）项 信息内容 "
           "本年处理决定数量 行政处罚 0 行政强制 0 第二十条第（八）项 信息内容 "
           "本年收费金额（单位：万元） 行政事业性收费 6210.87\n", &doc);
    assert_int_equal(doc.nlines, 31);
    gx_doc_release(&doc);
}

static void test_doc_tab_rows(void **state)
{
    struct gx_doc doc;
    to_doc("规章\t0\t\t3\n\n行政许可\t \t12 \n", &doc);
    assert_int_equal(doc.nlines, 2);
    assert_line(&doc, 0, GX_LINE_ROW, (const char *[]){"规章", "0", "", "3", NULL});
    assert_line(&doc, 1, GX_LINE_ROW, (const char *[]){"行政许可", "", "12", NULL});
    assert_int_equal(doc.lines[0].src_line, 1);
    assert_int_equal(doc.lines[1].src_line, 3);
    gx_doc_release(&doc);
}

static void test_doc_pipe_rows(void **state)
{
    struct gx_doc doc;
    to_doc("| 信息内容 | 本年制发件数 |\n|---|:--:|\n| 规章 |  |\n", &doc);
    assert_int_equal(doc.nlines, 2);
    assert_line(&doc, 0, GX_LINE_ROW, (const char *[]){"信息内容", "本年制发件数", NULL});
    assert_line(&doc, 1, GX_LINE_ROW, (const char *[]){"规章", "", NULL});
    gx_doc_release(&doc);
}

static void test_doc_space_aligned(void **state)
{
    struct gx_doc doc;
    to_doc("  规章   0  1,204   3\n行政许可 12\n", &doc);
    assert_int_equal(doc.nlines, 2);
    assert_line(&doc, 0, GX_LINE_TEXT, (const char *[]){"规章", "0", "1,204", "3", NULL});
    /* A single space does not split a cell. */
    assert_line(&doc, 1, GX_LINE_TEXT, (const char *[]){"行政许可 12", NULL});
    gx_doc_release(&doc);
}

static void test_doc_markdown_marks(void **state)
{
    struct gx_doc doc;
    to_doc("## 二、主动公开政府信息情况\n**（一）规章**\n#3号\n", &doc);
    assert_int_equal(doc.nlines, 3);
    assert_line(&doc, 0, GX_LINE_TEXT, (const char *[]){"二、主动公开政府信息情况", NULL});
    assert_line(&doc, 1, GX_LINE_TEXT, (const char *[]){"（一）规章", NULL});
    /* A leading '#' is a heading mark even without a space after it. */
    assert_line(&doc, 2, GX_LINE_TEXT, (const char *[]){"3号", NULL});
    gx_doc_release(&doc);
}

static void test_doc_cell_per_line(void **state)
{
    /* Word's text export: each cell a line led by a tab, rows separated by
     * an empty line; 20 cell lines make the file use this mode. */
    struct gx_strbuf sb = GX_STRBUF_INIT;
    gx_strbuf_adds(&sb, "二、主动公开政府信息情况\n\n");
    for (int r = 0; r < 5; r++) {
        gx_strbuf_adds(&sb, r == 2 ? "\t行政规范\n性文件\n" : "\t规章\n");
        gx_strbuf_adds(&sb, "\t1\n\t\n\t3\n\n");
    }
    struct gx_doc doc;
    to_doc(sb.buf, &doc);
    assert_int_equal(doc.nlines, 6);
    assert_line(&doc, 0, GX_LINE_TEXT, (const char *[]){"二、主动公开政府信息情况", NULL});
    assert_line(&doc, 1, GX_LINE_ROW, (const char *[]){"规章", "1", "", "3", NULL});
    /* An untabbed line inside a cell continues it. */
    assert_line(&doc, 3, GX_LINE_ROW, (const char *[]){"行政规范性文件", "1", "", "3", NULL});
    assert_line(&doc, 5, GX_LINE_ROW, (const char *[]){"规章", "1", "", "3", NULL});
    gx_doc_release(&doc);
    gx_strbuf_release(&sb);
}

static void test_doc_few_tab_led_lines_are_tab_rows(void **state)
{
    /* Under 20 tab-led lines: a tab-led line is a tab row with an empty
     * first cell. */
    struct gx_doc doc;
    to_doc("\t自然人\t总计\n", &doc);
    assert_int_equal(doc.nlines, 1);
    assert_line(&doc, 0, GX_LINE_ROW, (const char *[]){"", "自然人", "总计", NULL});
    gx_doc_release(&doc);
}

static void test_read_text_decodes(void **state)
{
    /* gx_read_text: GBK bytes with CRLF and a full-width number. */
    size_t n;
    char *bytes = encode("GB18030", "规章\t１２\r\n", &n);
    struct gx_doc doc;
    struct gx_diag d = {0};
    gx_doc_init(&doc);
    assert_int_equal(gx_read_text(bytes, n, &doc, &d), GX_OK);
    assert_int_equal(doc.nlines, 1);
    assert_line(&doc, 0, GX_LINE_ROW, (const char *[]){"规章", "12", NULL});
    gx_doc_release(&doc);
    free(bytes);

    gx_doc_init(&doc);
    assert_int_equal(gx_read_text("a\0b", 3, &doc, &d), GX_ERR_DECODE);
    assert_int_equal(d.status, GX_ERR_DECODE);
    assert_int_equal(doc.nlines, 0);
    gx_doc_release(&doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_plain),
        cmocka_unit_test(test_repair_mixed_lines),
        cmocka_unit_test(test_repair_utf16_stray_byte),
        cmocka_unit_test(test_utf8_bom_dropped),
        cmocka_unit_test(test_utf16le_bom),
        cmocka_unit_test(test_utf16be_bom),
        cmocka_unit_test(test_utf16_bom_beats_declared_charset),
        cmocka_unit_test(test_gb18030_hex),
        cmocka_unit_test(test_gb18030_iconv_four_byte),
        cmocka_unit_test(test_declared_gbk_honoured),
        cmocka_unit_test(test_declared_charset_beats_detection),
        cmocka_unit_test(test_valid_utf8_beats_declared_charset),
        cmocka_unit_test(test_declared_charset_wrong_falls_back),
        cmocka_unit_test(test_nul_without_bom_refused),
        cmocka_unit_test(test_not_text_refused),
        cmocka_unit_test(test_empty_input),
        cmocka_unit_test(test_line_ends),
        cmocka_unit_test(test_odd_spaces),
        cmocka_unit_test(test_fullwidth),
        cmocka_unit_test(test_doc_tab_rows),
        cmocka_unit_test(test_doc_pipe_rows),
        cmocka_unit_test(test_doc_space_aligned),
        cmocka_unit_test(test_doc_markdown_marks),
        cmocka_unit_test(test_doc_cell_per_line),
        cmocka_unit_test(test_doc_box_table),
        cmocka_unit_test(test_doc_flattened_table),
        cmocka_unit_test(test_doc_few_tab_led_lines_are_tab_rows),
        cmocka_unit_test(test_read_text_decodes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
