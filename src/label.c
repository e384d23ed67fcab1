#include "label.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "util.h"

void gx_key_release(struct gx_key *k)
{
    free(k->cp);
    memset(k, 0, sizeof(*k));
}

void gx_key_reset(struct gx_key *k)
{
    k->len = 0;
}

/* 一 二 三 四 五 六 七 八 九 十: asked of every character of every key. */
static int is_cjk_numeral(uint32_t cp)
{
    switch (cp) {
    case 0x4E00: case 0x4E8C: case 0x4E09: case 0x56DB: case 0x4E94:
    case 0x516D: case 0x4E03: case 0x516B: case 0x4E5D: case 0x5341:
        return 1;
    default:
        return 0;
    }
}

static int is_open_paren(uint32_t cp) { return cp == '(' || cp == 0xFF08; }
static int is_close_paren(uint32_t cp) { return cp == ')' || cp == 0xFF09; }

/* Labels and cells are short: their code points fit on the stack, and a
 * malloc per key was a tenth of the time spent reading a text report. */
enum { STACK_CPS = 256 };

/* Decodes text[0..n) into code points (spaces dropped) for ordinal
 * scanning; `out` holds at least n of them. */
static size_t decode_all(const char *text, size_t n, uint32_t *out)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, len, k = 0;
    while (i < n) {
        uint32_t cp;
        /* ASCII and valid three-byte characters (all of CJK) read here;
         * the rest as gx_utf8_decode has it. */
        if (s[i] < 0x80) {
            cp = s[i];
            len = 1;
        } else if ((s[i] & 0xF0) == 0xE0 && n - i >= 3 &&
                   (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80 &&
                   s[i] != 0xE0 && s[i] != 0xED) {
            cp = (uint32_t)(s[i] & 0x0F) << 12 |
                 (uint32_t)(s[i + 1] & 0x3F) << 6 | (s[i + 2] & 0x3F);
            len = 3;
        } else {
            cp = gx_utf8_decode(text + i, n - i, &len);
        }
        if (cp != ' ' && cp != '\t' && cp != '\n') out[k++] = cp;
        i += len;
    }
    return k;
}

/* Length of an ordinal at cps[i]: 一、 / （三） / (3) / 三． ; else 0. */
static size_t ordinal_len(const uint32_t *c, size_t n, size_t i)
{
    size_t j = i;
    if (is_open_paren(c[j])) {
        j++;
        size_t start = j;
        while (j < n && (is_cjk_numeral(c[j]) || (c[j] >= '0' && c[j] <= '9')))
            j++;
        return (j > start && j < n && is_close_paren(c[j])) ? j + 1 - i : 0;
    }
    while (j < n && is_cjk_numeral(c[j])) j++;
    if (j > i && j < n && (c[j] == 0x3001 || c[j] == 0xFF0E || c[j] == '.'))
        return j + 1 - i;
    return 0;
}

static int is_key_char(uint32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 'a' && cp <= 'z') ||
           (cp >= 'A' && cp <= 'Z') || gx_is_cjk(cp);
}

void gx_key_add_n(struct gx_key *k, const char *text, size_t bytes)
{
    uint32_t stack[STACK_CPS];
    uint32_t *c = bytes <= STACK_CPS ? stack : gx_xmalloc(bytes * sizeof(*c));
    size_t n = decode_all(text, bytes, c);
    GX_GROW(k->cp, k->len + n, k->cap);   /* once, not per character */
    for (size_t i = 0; i < n;) {
        /* An ordinal starts with a bracket or a numeral. */
        size_t ol = is_open_paren(c[i]) || is_cjk_numeral(c[i])
                        ? ordinal_len(c, n, i) : 0;
        if (ol) { i += ol; continue; }
        if (is_key_char(c[i])) k->cp[k->len++] = c[i];
        i++;
    }
    if (c != stack) free(c);
}

void gx_key_add(struct gx_key *k, const char *text)
{
    gx_key_add_n(k, text, strlen(text));
}

int gx_key_holds(const struct gx_key *k, const struct gx_key *needle)
{
    size_t n = needle->len;
    if (n == 0) return 1;
    for (size_t i = 0; i + n <= k->len; i++)
        if (k->cp[i] == needle->cp[0] &&
            !memcmp(k->cp + i, needle->cp, n * sizeof(uint32_t)))
            return 1;
    return 0;
}

int gx_key_contains(const struct gx_key *k, const char *needle)
{
    struct gx_key nk = {0};
    gx_key_add(&nk, needle);
    int found = gx_key_holds(k, &nk);
    gx_key_release(&nk);
    return found;
}

/* How many label characters may be missing: none for short labels, at most
 * three for long ones, so that two long labels sharing a tail (the two
 * （六） rows) are not confused. */
static size_t allowed_missing(size_t len)
{
    size_t m = len * 3 / 10;
    return m > 3 ? 3 : m;
}

/* The index just past the shortest prefix of text that holds all of
 * key[0..m) in order, or 0 when none does.  That is where the LCS below
 * would stop with nothing missing, found in one pass. */
static size_t subsequence_end(const struct gx_key *text, const uint32_t *key,
                              size_t m)
{
    size_t j = 0;
    for (size_t i = 0; i < text->len; i++)
        if (text->cp[i] == key[j] && ++j == m) return i + 1;
    return 0;
}

/* Longest common subsequence of key[0..m) with every prefix of text; see
 * gx_label_find.  prev and cur hold m + 1 counts each. */
static struct gx_label_match lcs_match(const struct gx_key *text,
                                       const uint32_t *key, size_t m,
                                       size_t *prev, size_t *cur)
{
    struct gx_label_match res = {0, 0, 0};
    size_t need = m - allowed_missing(m), best = 0;
    memset(prev, 0, (m + 1) * sizeof(*prev));
    memset(cur, 0, (m + 1) * sizeof(*cur));
    for (size_t i = 0; i < text->len; i++) {
        for (size_t j = 1; j <= m; j++) {
            if (text->cp[i] == key[j - 1]) cur[j] = prev[j - 1] + 1;
            else cur[j] = cur[j - 1] > prev[j] ? cur[j - 1] : prev[j];
        }
        size_t *tmp = prev; prev = cur; cur = tmp;
        if (prev[m] > best) {
            best = prev[m];
            res.end = i + 1;
        }
        if (best == m) break;
    }
    res.matched = best >= need;
    res.missing = m - best;
    return res;
}

static size_t bits_set(uint64_t v)
{
    v = v - (v >> 1 & 0x5555555555555555u);
    v = (v & 0x3333333333333333u) + (v >> 2 & 0x3333333333333333u);
    v = (v + (v >> 4)) & 0x0F0F0F0F0F0F0F0Fu;
    return (size_t)((v * 0x0101010101010101u) >> 56);
}

/* The same counts as lcs_match for a label of at most 64 characters, a
 * bit per label character (Hyyro's bit-parallel LCS): bit j of v is 0
 * where the LCS of the text read so far with the label's first j + 1
 * characters is one more than with its first j, so the LCS with the
 * whole label is the count of zero bits.  The table above was a fifth of
 * extracting a text report; most text characters are in no label and
 * leave v as it is. */
static struct gx_label_match lcs_match_bits(const struct gx_key *text,
                                            const uint32_t *key, size_t m)
{
    struct gx_label_match res = {0, 0, 0};
    size_t need = m - allowed_missing(m), best = 0;
    uint64_t all = m == 64 ? ~(uint64_t)0 : ((uint64_t)1 << m) - 1, v = all;
    uint64_t seen = 0;   /* bit cp % 64 for each label character cp */
    for (size_t j = 0; j < m; j++) seen |= (uint64_t)1 << (key[j] & 63);
    for (size_t i = 0; i < text->len && best < m; i++) {
        uint32_t cp = text->cp[i];
        if (!(seen >> (cp & 63) & 1)) continue;
        uint64_t hits = 0;
        for (size_t j = 0; j < m; j++) hits |= (uint64_t)(key[j] == cp) << j;
        if (!hits) continue;
        uint64_t u = v & hits;
        v = ((v + u) | (v - u)) & all;
        size_t lcs = m - bits_set(v);
        if (lcs > best) {
            best = lcs;
            res.end = i + 1;
        }
    }
    res.matched = best >= need;
    res.missing = m - best;
    return res;
}

/* Longest common subsequence of the label with every prefix of text; the
 * match ends at the shortest prefix that holds as much of the label as the
 * whole text does, so a label that is only partly there (another row's
 * label sharing its tail) does not seem to end later than the real one.
 * A label that is all there (the usual case) needs no table. */
struct gx_label_match gx_label_find_key(const struct gx_key *text,
                                        const struct gx_key *label)
{
    struct gx_label_match res = {0, 0, 0};
    size_t m = label->len;
    if (m == 0) return res;
    size_t end = subsequence_end(text, label->cp, m);
    if (end) {
        res.matched = 1;
        res.end = end;
    } else if (m <= 64) {
        res = lcs_match_bits(text, label->cp, m);
    } else {
        size_t stack[2 * STACK_CPS + 2];
        size_t *rows = m < STACK_CPS ? stack : gx_xmalloc(2 * (m + 1) * sizeof(*rows));
        res = lcs_match(text, label->cp, m, rows, rows + m + 1);
        if (rows != stack) free(rows);
    }
    return res;
}

struct gx_label_match gx_label_find(const struct gx_key *text,
                                    const char *label)
{
    struct gx_key lk = {0};
    gx_key_add(&lk, label);
    struct gx_label_match res = gx_label_find_key(text, &lk);
    gx_key_release(&lk);
    return res;
}

static unsigned char_bit(uint32_t cp)
{
    return (cp ^ cp >> 8) & 255;
}

void gx_key_chars_of(const struct gx_key *k, struct gx_key_chars *out)
{
    memset(out, 0, sizeof(*out));
    for (size_t i = 0; i < k->len; i++) {
        unsigned b = char_bit(k->cp[i]);
        out->bits[b >> 6] |= (uint64_t)1 << (b & 63);
    }
}

/* The LCS of label and text is at most the count of label characters in
 * the text at all, and that at most the count whose bits are set. */
int gx_label_may_match(const struct gx_key_chars *chars,
                       const struct gx_key *label)
{
    size_t m = label->len, need = m - allowed_missing(m), in = 0;
    for (size_t j = 0; j < m && in < need; j++) {
        unsigned b = char_bit(label->cp[j]);
        in += chars->bits[b >> 6] >> (b & 63) & 1;
    }
    return in >= need;
}

size_t gx_label_key_prefix_at_end(const struct gx_key *text,
                                  const struct gx_key *label)
{
    for (size_t n = label->len < text->len ? label->len : text->len; n > 0; n--)
        if (!memcmp(text->cp + text->len - n, label->cp, n * sizeof(uint32_t)))
            return n;
    return 0;
}

void gx_label_short(const char *s, struct gx_strbuf *out)
{
    static const char dun[] = "、", open[] = "（", close[] = "）";
    for (int again = 1; again;) {
        const char *d = strstr(s, dun), *c = strstr(s, close);
        again = 1;
        if (d && d > s && d - s <= 9) s = d + strlen(dun);
        else if (!strncmp(s, open, strlen(open)) && c && c - s <= 12)
            s = c + strlen(close);
        else if (*s >= '0' && *s <= '9') {
            while (*s >= '0' && *s <= '9') s++;
            if (*s == '.') s++;
        } else
            again = 0;
    }
    const char *cut = strstr(s, open);
    gx_strbuf_add(out, s, cut && cut > s ? (size_t)(cut - s) : strlen(s));
}
