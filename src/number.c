#include "number.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input_limits.h"
#include "utf8.h"

/* A word with its length: every cell is held against these. */
struct word {
    const char *s;
    size_t n;
};
#define WORD(s) {s, sizeof(s) - 1}

static const struct word dash_words[] = {
    WORD("无"), WORD("不适用"), WORD("暂无"), WORD("空"), WORD("N/A"),
    WORD("NA"), WORD("n/a")};
static const struct word units[] = {
    WORD("万元"), WORD("元"), WORD("件"), WORD("个"), WORD("项"), WORD("条"),
    WORD("次"), WORD("宗"), WORD("家"), WORD("%")};

static int is_word(const char *s, size_t n, const struct word *w)
{
    return w->n == n && !memcmp(s, w->s, n);
}

/* s[0..n) without the spaces and tabs around it. */
static size_t trim(const char **s, size_t n)
{
    const char *p = *s;
    while (n && (*p == ' ' || *p == '\t')) p++, n--;
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t')) n--;
    *s = p;
    return n;
}

int gx_is_dash_word(const char *s)
{
    const char *p = s;
    size_t n = trim(&p, strlen(s));
    for (size_t w = 0; w < sizeof(dash_words) / sizeof(dash_words[0]); w++)
        if (is_word(p, n, &dash_words[w])) return 1;
    return 0;
}

int gx_is_dash_char(uint32_t cp)
{
    return cp == '-' || cp == '/' || cp == '\\' || cp == 0x2014 ||
           cp == 0x2013 || cp == 0x2015 || cp == 0x2500 || cp == 0x2010 ||
           cp == 0x2011 || cp == 0xFF0D || cp == 0xFF0F || cp == 0xFF3C ||
           cp == 0x2212 || cp == 0x2012 || cp == 0xFE58 || cp == 0x30FC;
}

static int is_minus(uint32_t cp)
{
    return cp == '-' || cp == 0x2212 || cp == 0xFF0D || cp == 0x2013;
}


/* The whole string is dash characters (and spaces), or a dash word. */
static int parse_dash(const char *s, size_t n, struct gx_token *tok)
{
    size_t i = 0, len, dashes = 0;
    for (size_t w = 0; w < sizeof(dash_words) / sizeof(dash_words[0]); w++)
        if (is_word(s, n, &dash_words[w])) goto dash;
    while (i < n) {
        uint32_t cp = gx_utf8_decode(s + i, n - i, &len);
        if (cp != ' ' && !gx_is_dash_char(cp)) return 0;
        dashes += cp != ' ';
        i += len;
    }
    if (!dashes) return 0;
dash:
    memset(tok, 0, sizeof(*tok));
    tok->state = GX_CELL_DASH;
    if (n < sizeof(tok->text)) memcpy(tok->text, s, n);
    return 1;
}

/* Strips a known unit suffix (and spaces before it) into tok->unit. */
static size_t strip_unit(const char *s, size_t n, struct gx_token *tok)
{
    for (size_t u = 0; u < sizeof(units) / sizeof(units[0]); u++) {
        size_t ul = units[u].n;
        if (n > ul && s[n - 1] == units[u].s[ul - 1] &&
            !memcmp(s + n - ul, units[u].s, ul)) {
            memcpy(tok->unit, units[u].s, ul + 1);
            n -= ul;
            while (n && s[n - 1] == ' ') n--;
            return n;
        }
    }
    return n;
}

/* A thousands separator is accepted only between a group and exactly
 * three digits, so "1,2" is not a number. */
static int is_group_sep(const char *s, size_t n, size_t i, size_t *len)
{
    uint32_t cp = gx_utf8_decode(s + i, n - i, len);
    if (cp != ',' && cp != 0xFF0C) return 0;
    size_t j = i + *len, k = 0;
    while (j + k < n && s[j + k] >= '0' && s[j + k] <= '9') k++;
    return k == 3 && (j + k == n || s[j + k] == '.' || s[j + k] == ',' ||
                      (unsigned char)s[j + k] == 0xEF);
}

static int parse_digits(const char *s, size_t n, struct gx_token *tok)
{
    size_t i = 0, len, out = 0, digits = 0;
    int seen_point = 0, frac_digits = 0;
    uint32_t cp = gx_utf8_decode(s, n, &len);
    if (n && (is_minus(cp) || cp == '+')) {
        if (is_minus(cp)) tok->text[out++] = '-';
        i += len;
        while (i < n && s[i] == ' ') i++;
    }
    while (i < n) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            if (out + 2 >= sizeof(tok->text) || ++digits > GX_MAX_NUMBER_CHARS)
                return 0;
            tok->text[out++] = c;
            frac_digits += seen_point;
            i++;
        } else if (c == '.' && !seen_point && digits) {
            seen_point = 1;
            tok->text[out++] = '.';
            i++;
        } else if (digits && !seen_point && is_group_sep(s, n, i, &len)) {
            i += len;
        } else {
            return 0;
        }
    }
    if (!digits || (seen_point && !frac_digits)) return 0;
    tok->text[out] = '\0';
    return 1;
}

/* Whether s[0..n) may start a value: a digit, a sign, a dash or the
 * first character of a dash word.  Most cells of a table are labels,
 * turned away here before every dash word and unit is tried on them. */
static int may_be_value(const char *s, size_t n)
{
    size_t len;
    uint32_t cp = gx_utf8_decode(s, n, &len);
    if ((cp >= '0' && cp <= '9') || cp == '+' || is_minus(cp) ||
        gx_is_dash_char(cp))
        return 1;
    for (size_t w = 0; w < sizeof(dash_words) / sizeof(dash_words[0]); w++)
        if (dash_words[w].s[0] == s[0] && !strncmp(dash_words[w].s, s, len))
            return 1;
    return 0;
}

/* strtod of a parsed number; a whole number of up to 15 digits, which
 * a double holds exactly, without it. */
static double text_value(const char *text)
{
    const char *p = text + (*text == '-');
    uint64_t v = 0;
    size_t digits = 0;
    for (; *p >= '0' && *p <= '9' && digits <= 15; p++, digits++)
        v = v * 10 + (uint64_t)(*p - '0');
    if (*p || digits > 15) return strtod(text, NULL);
    return *text == '-' ? -(double)v : (double)v;
}

int gx_number_parse(const char *s, struct gx_token *tok)
{
    return gx_number_parse_n(s, strlen(s), tok);
}

int gx_number_parse_n(const char *str, size_t len, struct gx_token *tok)
{
    const char *s = str;
    size_t n = trim(&s, len);
    if (n == 0 || !may_be_value(s, n)) return 0;
    if (parse_dash(s, n, tok)) return 1;
    memset(tok, 0, sizeof(*tok));
    n = strip_unit(s, n, tok);
    if (!parse_digits(s, n, tok)) return 0;
    tok->state = GX_CELL_NUMBER;
    tok->value = text_value(tok->text);
    return 1;
}

/* A left-to-right reader of one line that skips spaces before each
 * token: page furniture is written with and without them ("- 4 -"). */
struct cursor {
    const char *s;
    size_t n, i;
};

static uint32_t cursor_peek(struct cursor *c, size_t *len)
{
    while (c->i < c->n && c->s[c->i] == ' ') c->i++;
    if (c->i >= c->n) {
        *len = 0;
        return 0;
    }
    return gx_utf8_decode(c->s + c->i, c->n - c->i, len);
}

static int cursor_take(struct cursor *c, uint32_t want)
{
    size_t len;
    if (cursor_peek(c, &len) != want || !len) return 0;
    c->i += len;
    return 1;
}

/* One run of ASCII digits, spaces before it skipped ("1 2" is two). */
static size_t cursor_digits(struct cursor *c)
{
    size_t len, count = 0;
    cursor_peek(c, &len);
    while (c->i < c->n && c->s[c->i] >= '0' && c->s[c->i] <= '9')
        c->i++, count++;
    return count;
}

/* One run of dashes ("—", "--"); a slash is a fraction's, not a dash. */
static size_t cursor_dashes(struct cursor *c)
{
    size_t len, count = 0;
    uint32_t cp = cursor_peek(c, &len);
    while (len && gx_is_dash_char(cp) && cp != '/') {
        c->i += len, count++;
        if (c->i >= c->n) break;
        cp = gx_utf8_decode(c->s + c->i, c->n - c->i, &len);
    }
    return count;
}

static int cursor_at_end(struct cursor *c)
{
    size_t len;
    cursor_peek(c, &len);
    return c->i >= c->n;
}

/* "-4-" "- 4 -" "— 4 —": one run of dashes each side; a table row of
 * dash cells around a number ("-   -   0   -") has more. */
static int is_dashed_form(const char *s, size_t n)
{
    struct cursor c = {s, n, 0};
    if (!cursor_dashes(&c)) return 0;
    size_t digits = cursor_digits(&c);
    return digits && digits <= 4 && cursor_dashes(&c) && cursor_at_end(&c);
}

/* "第3页" "第 3 页 共 9 页" "第3页/共9页" "第3页，共9页" "— 第3页 —". */
static int is_chinese_form(const char *s, size_t n)
{
    struct cursor c = {s, n, 0};
    int dashed = cursor_dashes(&c) > 0;
    if (!cursor_take(&c, 0x7B2C) || !cursor_digits(&c) ||
        !cursor_take(&c, 0x9875))                         /* 第 N 页 */
        return 0;
    if (!cursor_take(&c, '/') && !cursor_take(&c, 0xFF0C))
        cursor_take(&c, ',');
    if (cursor_take(&c, 0x5171) &&                        /* 共 M 页 */
        (!cursor_digits(&c) || !cursor_take(&c, 0x9875)))
        return 0;
    if (dashed) cursor_dashes(&c);
    return cursor_at_end(&c);
}

/* "3/9" "3 / 9" */
static int is_fraction_form(const char *s, size_t n)
{
    struct cursor c = {s, n, 0};
    size_t a = cursor_digits(&c);
    if (!a || a > 4 || !cursor_take(&c, '/')) return 0;
    size_t b = cursor_digits(&c);
    return b && b <= 4 && cursor_at_end(&c);
}

enum gx_page_form gx_page_number_form(const char *s, size_t n)
{
    if (is_dashed_form(s, n)) return GX_PAGE_DASHED;
    if (is_chinese_form(s, n)) return GX_PAGE_CHINESE;
    if (is_fraction_form(s, n)) return GX_PAGE_FRACTION;
    return GX_PAGE_NONE;
}

int gx_is_page_number(const char *s)
{
    return gx_page_number_form(s, strlen(s)) != GX_PAGE_NONE;
}
