#include "normalise.h"

#include <errno.h>
#include <iconv.h>
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

/* Unchanged characters (nearly all of them) are copied a run at a time:
 * one gx_strbuf_add per character was most of the time spent here. */
void gx_normalise(const char *s, size_t n, struct gx_strbuf *out)
{
    size_t i = 0, len, run = 0;
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
        uint32_t cp = gx_utf8_decode(s + i, n - i, &len);
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

static int decode_as(const char *charset, const char *bytes, size_t n,
                     struct gx_strbuf *out)
{
    struct gx_strbuf tmp = GX_STRBUF_INIT;
    int rc;
    if (!strcmp(charset, "UTF-8")) {
        rc = gx_utf8_valid(bytes, n) ? 0 : -1;
        if (rc == 0) gx_normalise(bytes, n, out);
        return rc;
    }
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
