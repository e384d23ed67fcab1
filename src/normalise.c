#include "normalise.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "utf8.h"

/* What one code point becomes: 0 = dropped, else the replacement. */
static uint32_t normal_code_point(uint32_t cp)
{
    if (cp >= 0xFF10 && cp <= 0xFF19) return '0' + (cp - 0xFF10);
    if (cp >= 0xFF21 && cp <= 0xFF3A) return 'A' + (cp - 0xFF21);
    if (cp >= 0xFF41 && cp <= 0xFF5A) return 'a' + (cp - 0xFF41);
    switch (cp) {
    case 0x00A0: case 0x3000: case 0x2002: case 0x2003: case 0x2004:
    case 0x2005: case 0x2006: case 0x2007: case 0x2008: case 0x2009:
    case 0x200A: case 0x202F: case 0x205F:
        return ' ';
    case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
    case 0x00AD:
        return 0;
    case 0xFF0E: return '.';
    case 0xFF05: return '%';
    case 0xFF0B: return '+';
    default: return cp;
    }
}

/* The code point at s[0..n), n > 0, as gx_utf8_decode reads it: ASCII
 * and the three-byte characters Chinese text is made of are read here
 * without the call, which was most of the time spent normalising. */
static uint32_t decode_at(const char *str, size_t n, size_t *len)
{
    const unsigned char *s = (const unsigned char *)str;
    if (s[0] < 0x80) {
        *len = 1;
        return s[0];
    }
    if ((s[0] & 0xF0) == 0xE0 && n >= 3 && (s[1] & 0xC0) == 0x80 &&
        (s[2] & 0xC0) == 0x80) {
        uint32_t cp = (uint32_t)(s[0] & 0x0F) << 12 |
                      (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
        if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
            *len = 3;
            return cp;
        }
    }
    return gx_utf8_decode(str, n, len);
}

/* gx_normalise; with `strict`, bytes that are not UTF-8 (as gx_utf8_valid
 * has it: U+FFFD only where written as such) make it return -1 with out
 * as it was, so that checking and normalising are one pass. */
static int normalise(const char *s, size_t n, struct gx_strbuf *out,
                     int strict)
{
    size_t i = 0, len, run = 0, was = out->len;
    char enc[4];
    gx_strbuf_grow(out, n);
    while (i < n) {
        if (s[i] == '\r') {
            /* CRLF and a lone CR both end a line. */
            gx_strbuf_add(out, s + run, i - run);
            gx_strbuf_addch(out, '\n');
            i += (i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
            run = i;
            continue;
        }
        /* ASCII and U+4000..U+9FFF, most of the text, stay as they are. */
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80 && b != 0) {
            i++;
            continue;
        }
        if (b >= 0xE4 && b <= 0xE9 && n - i >= 3 &&
            ((unsigned char)s[i + 1] & 0xC0) == 0x80 &&
            ((unsigned char)s[i + 2] & 0xC0) == 0x80) {
            i += 3;
            continue;
        }
        uint32_t cp = decode_at(s + i, n - i, &len);
        if (strict && cp == 0xFFFD && !(len == 3 && (unsigned char)s[i] == 0xEF)) {
            out->len = was;
            out->buf[was] = '\0';
            return -1;
        }
        uint32_t to = normal_code_point(cp);
        /* A NUL (UTF-16 text may hold one) would cut the cell short, and a
         * bad byte (libxml2 passes them on in recover mode) would reach
         * the workbook: the one is dropped, the other becomes U+FFFD. */
        if (to != cp || cp == 0 || cp == 0xFFFD) {
            gx_strbuf_add(out, s + run, i - run);
            if (to) gx_strbuf_add(out, enc, gx_utf8_encode(to, enc));
            run = i + len;
        }
        i += len;
    }
    gx_strbuf_add(out, s + run, n - run);
    return 0;
}

/* Unchanged characters (nearly all of them) are copied a run at a time:
 * one gx_strbuf_add per character was most of the time spent here. */
void gx_normalise(const char *s, size_t n, struct gx_strbuf *out)
{
    normalise(s, n, out, 0);
}

/* Converts with iconv into UTF-8; 0 on success, -1 on any invalid input. */
static int convert(const char *from, const char *bytes, size_t n,
                   struct gx_strbuf *utf8)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) return -1;
    char *in = (char *)bytes;
    size_t inleft = n;
    int rc = 0;
    gx_strbuf_reset(utf8);
    while (inleft > 0) {
        gx_strbuf_grow(utf8, inleft * 2 + 16);
        char *out = utf8->buf + utf8->len;
        size_t outleft = utf8->cap - utf8->len - 1;
        size_t r = iconv(cd, &in, &inleft, &out, &outleft);
        utf8->len = (size_t)(out - utf8->buf);
        utf8->buf[utf8->len] = '\0';
        if (r == (size_t)-1 && errno != E2BIG) {
            rc = -1;
            break;
        }
    }
    iconv_close(cd);
    return rc;
}

/* UTF-16 without a BOM into UTF-8, as iconv converts it: -1 on an odd
 * byte count or a surrogate out of its pair.  Opening iconv for it cost
 * more than the converting. */
static int utf16_to_utf8(const char *bytes, size_t n, int be,
                         struct gx_strbuf *utf8)
{
    const unsigned char *b = (const unsigned char *)bytes;
    if (n % 2) return -1;
    gx_strbuf_reset(utf8);
    gx_strbuf_grow(utf8, n / 2 * 3);
    for (size_t i = 0; i < n; i += 2) {
        uint32_t u = be ? (uint32_t)b[i] << 8 | b[i + 1]
                        : (uint32_t)b[i + 1] << 8 | b[i];
        if (u >= 0xDC00 && u <= 0xDFFF) return -1;
        if (u >= 0xD800 && u <= 0xDBFF) {
            if (i + 3 >= n) return -1;
            uint32_t lo = be ? (uint32_t)b[i + 2] << 8 | b[i + 3]
                             : (uint32_t)b[i + 3] << 8 | b[i + 2];
            if (lo < 0xDC00 || lo > 0xDFFF) return -1;
            u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
            i += 2;
        }
        utf8->len += gx_utf8_encode(u, utf8->buf + utf8->len);
    }
    utf8->buf[utf8->len] = '\0';
    return 0;
}

static int decode_as(const char *charset, const char *bytes, size_t n,
                     struct gx_strbuf *out)
{
    struct gx_strbuf tmp = GX_STRBUF_INIT;
    int rc;
    if (!strcmp(charset, "UTF-8")) return normalise(bytes, n, out, 1);
    if (!strcmp(charset, "UTF-16LE") || !strcmp(charset, "UTF-16BE"))
        rc = utf16_to_utf8(bytes, n, !strcmp(charset, "UTF-16BE"), &tmp);
    else
        rc = convert(charset, bytes, n, &tmp);
    if (rc == 0) gx_normalise(tmp.buf, tmp.len, out);
    gx_strbuf_release(&tmp);
    return rc;
}

/* Maps a declared charset name to the one iconv should use: GBK and
 * GB2312 pages routinely hold GB18030-only characters. */
static const char *canonical_charset(const char *cs)
{
    static const char *const gb[] = {"gbk", "gb2312", "gb18030", "cp936",
                                     "x-gbk", "euc-cn"};
    for (size_t i = 0; i < sizeof(gb) / sizeof(gb[0]); i++)
        if (!strcasecmp(cs, gb[i])) return "GB18030";
    if (!strcasecmp(cs, "utf-8") || !strcasecmp(cs, "utf8")) return "UTF-8";
    return cs;
}

int gx_decode(const char *bytes, size_t n, const char *charset,
              struct gx_strbuf *out, const char **used)
{
    const unsigned char *b = (const unsigned char *)bytes;
    const char *dummy;
    if (!used) used = &dummy;
    if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
        *used = "UTF-8";
        return decode_as("UTF-8", bytes + 3, n - 3, out);
    }
    if (n >= 2 && b[0] == 0xFF && b[1] == 0xFE) {
        *used = "UTF-16LE";
        return decode_as("UTF-16LE", bytes + 2, n - 2, out);
    }
    if (n >= 2 && b[0] == 0xFE && b[1] == 0xFF) {
        *used = "UTF-16BE";
        return decode_as("UTF-16BE", bytes + 2, n - 2, out);
    }
    /* Valid UTF-8 with non-ASCII text is UTF-8 whatever a page declares:
     * sites re-encode pages and keep the old <meta charset>. */
    if (!memchr(bytes, '\0', n) && decode_as("UTF-8", bytes, n, out) == 0) {
        *used = "UTF-8";
        return 0;
    }
    gx_strbuf_reset(out);
    if (charset && *charset) {
        const char *cs = canonical_charset(charset);
        if (decode_as(cs, bytes, n, out) == 0) {
            *used = cs;
            return 0;
        }
        gx_strbuf_reset(out);
    }
    if (memchr(bytes, '\0', n)) return -1; /* binary, or UTF-16 with no BOM */
    if (decode_as("UTF-8", bytes, n, out) == 0) {
        *used = "UTF-8";
        return 0;
    }
    gx_strbuf_reset(out);
    if (decode_as("GB18030", bytes, n, out) == 0) {
        *used = "GB18030";
        return 0;
    }
    gx_strbuf_reset(out);
    return -1;
}

/* ---- repairing what gx_decode refuses -------------------------------- */

/* Whether some line of b[0..n) holds three or more UTF-8 characters
 * beyond ASCII and is valid UTF-8: GB18030 Chinese text almost never is,
 * so such a line in a file that is not UTF-8 as a whole was pasted in. */
static int has_utf8_line(const char *b, size_t n)
{
    for (size_t start = 0; start < n;) {
        const char *nl = memchr(b + start, '\n', n - start);
        size_t end = nl ? (size_t)(nl - b) : n, wide = 0;
        for (size_t i = start; i < end; i++)
            wide += ((unsigned char)b[i] & 0xC0) == 0xC0;
        if (wide >= 3 && gx_utf8_valid(b + start, end - start)) return 1;
        start = end + 1;
    }
    return 0;
}

/* Per line, UTF-8 where valid, else GB18030: text pasted together from
 * two sources.  A '\n' never sits inside a GB18030 character, so lines
 * split cleanly.  Counts the GB18030 lines; -1 if a line is neither. */
static int decode_mixed_lines(const char *b, size_t n, struct gx_strbuf *out,
                              size_t *gb_lines)
{
    *gb_lines = 0;
    for (size_t start = 0; start < n;) {
        const char *nl = memchr(b + start, '\n', n - start);
        size_t end = nl ? (size_t)(nl - b) + 1 : n;
        if (decode_as("UTF-8", b + start, end - start, out) == 0) {
        } else if (decode_as("GB18030", b + start, end - start, out) == 0) {
            (*gb_lines)++;
        } else {
            return -1;
        }
        start = end;
    }
    return 0;
}

static uint32_t utf16_unit(const unsigned char *p, int be)
{
    return be ? (uint32_t)p[0] << 8 | p[1] : (uint32_t)p[1] << 8 | p[0];
}

/* Whether a UTF-16 unit is what report text is made of: the test that
 * tells which byte of a line is the stray one. */
static int plausible_unit(uint32_t u)
{
    return u == '\t' || u == '\n' || u == '\r' || (u >= 0x20 && u < 0x7F) ||
           (u >= 0x4E00 && u <= 0x9FFF) || (u >= 0x3000 && u <= 0x303F) ||
           (u >= 0xFF00 && u <= 0xFFEF) || (u >= 0x2000 && u <= 0x206F);
}

/* The next line end (the unit '\n') at any byte offset from `from`: a
 * stray byte shifts the units after it, and this finds the line end
 * again whichever way they are shifted. */
static size_t utf16_line_end(const unsigned char *b, size_t from, size_t n,
                             int be)
{
    for (size_t i = from; i + 1 < n; i++)
        if (b[i + !be] == 0 && b[i + be] == '\n') return i + 2;
    return n;
}

static void put_units(const unsigned char *b, size_t n, int be,
                      struct gx_strbuf *out)
{
    char enc[4];
    for (size_t i = 0; i + 1 < n; i += 2) {
        uint32_t u = utf16_unit(b + i, be);
        if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n) {
            uint32_t lo = utf16_unit(b + i + 2, be);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                i += 2;
            }
        }
        if (u >= 0xD800 && u <= 0xDFFF) u = 0xFFFD;  /* a lone surrogate */
        gx_strbuf_add(out, enc, gx_utf8_encode(u, enc));
    }
}

/* Of an odd-length line, the byte whose removal leaves the most
 * plausible units before and after it. */
static size_t stray_byte(const unsigned char *b, size_t n, int be)
{
    size_t best = n - 1, best_score = 0, before = 0;
    size_t *after = calloc(n + 2, sizeof(*after));
    if (!after) return best;
    /* after[i]: plausible units in b[i..n) read from offset i. */
    for (size_t i = n; i-- > 0;)
        after[i] = i + 1 < n ? after[i + 2] + plausible_unit(utf16_unit(b + i, be))
                             : 0;
    for (size_t j = 0; j < n; j++) {
        size_t score = before + after[j + 1];
        if (j % 2 == 1 && j + 1 < n) {
            unsigned char pair[2] = {b[j - 1], b[j + 1]};
            score = before + plausible_unit(utf16_unit(pair, be)) +
                    (j + 2 < n ? after[j + 2] : 0);
        }
        if (score >= best_score) best_score = score, best = j;
        if (j % 2 == 1) before += plausible_unit(utf16_unit(b + j - 1, be));
    }
    free(after);
    return best;
}

/* One line of UTF-16: an odd byte count means a stray byte, which becomes
 * U+FFFD where it most likely sits; returns 1 if the line was repaired. */
static int decode_utf16_line(const unsigned char *b, size_t n, int be,
                             struct gx_strbuf *out)
{
    struct gx_strbuf raw = GX_STRBUF_INIT;
    int repaired = n % 2 == 1;
    if (repaired) {
        size_t j = stray_byte(b, n, be);
        put_units(b, j - j % 2, be, &raw);
        if (j % 2 == 1 && j + 1 < n) {
            unsigned char pair[2] = {b[j - 1], b[j + 1]};
            put_units(pair, 2, be, &raw);
            j++;
        }
        gx_strbuf_adds(&raw, "\xEF\xBF\xBD");
        put_units(b + j + 1, n - j - 1, be, &raw);
    } else {
        put_units(b, n, be, &raw);
    }
    repaired |= strstr(raw.buf, "\xEF\xBF\xBD") != NULL;
    gx_normalise(raw.buf, raw.len, out);
    gx_strbuf_release(&raw);
    return repaired;
}

static size_t decode_utf16_lines(const unsigned char *b, size_t n, int be,
                                 struct gx_strbuf *out)
{
    size_t repaired = 0;
    for (size_t start = 0, end; start < n; start = end) {
        end = utf16_line_end(b, start, n, be);
        repaired += (size_t)decode_utf16_line(b + start, end - start, be, out);
    }
    return repaired;
}

int gx_decode_repair(const char *bytes, size_t n, struct gx_strbuf *out,
                     const char **used, size_t *lines)
{
    const unsigned char *b = (const unsigned char *)bytes;
    int be = n >= 2 && b[0] == 0xFE && b[1] == 0xFF;
    gx_strbuf_reset(out);
    *lines = 0;
    if (be || (n >= 2 && b[0] == 0xFF && b[1] == 0xFE)) {
        *used = be ? "UTF-16BE, repaired" : "UTF-16LE, repaired";
        *lines = decode_utf16_lines(b + 2, n - 2, be, out);
        return 0;
    }
    if (memchr(bytes, '\0', n) ||
        decode_mixed_lines(bytes, n, out, lines) < 0 || *lines == 0) {
        gx_strbuf_reset(out);
        *lines = 0;
        return -1;
    }
    *used = "mixed UTF-8/GB18030";
    return 0;
}

int gx_decode_text(const char *bytes, size_t n, const char *charset,
                   struct gx_strbuf *out, const char **used, size_t *lines)
{
    *lines = 0;
    if (gx_decode(bytes, n, charset, out, used) < 0)
        return gx_decode_repair(bytes, n, out, used, lines);
    /* Whole-file GB18030 also "reads" UTF-8 lines, as mojibake. */
    if (!strcmp(*used, "GB18030") && has_utf8_line(bytes, n)) {
        const char *mixed;
        struct gx_strbuf tmp = GX_STRBUF_INIT;
        if (gx_decode_repair(bytes, n, &tmp, &mixed, lines) == 0) {
            gx_strbuf_release(out);
            *out = tmp;  /* handed over: tmp is not released */
            *used = mixed;
        } else {
            gx_strbuf_release(&tmp);
        }
    }
    return 0;
}
