#include "utf8.h"

#include <string.h>

uint32_t gx_utf8_decode(const char *str, size_t n, size_t *len)
{
    const unsigned char *s = (const unsigned char *)str;
    uint32_t cp;
    size_t need;
    if (n == 0) { *len = 0; return 0; }
    if (s[0] < 0x80) { *len = 1; return s[0]; }
    if ((s[0] & 0xE0) == 0xC0) { cp = s[0] & 0x1F; need = 2; }
    else if ((s[0] & 0xF0) == 0xE0) { cp = s[0] & 0x0F; need = 3; }
    else if ((s[0] & 0xF8) == 0xF0) { cp = s[0] & 0x07; need = 4; }
    else { *len = 1; return 0xFFFD; }
    if (need > n) { *len = 1; return 0xFFFD; }
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xC0) != 0x80) { *len = 1; return 0xFFFD; }
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    /* Overlong forms and surrogates are not characters. */
    if ((need == 2 && cp < 0x80) || (need == 3 && cp < 0x800) ||
        (need == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
        *len = 1;
        return 0xFFFD;
    }
    *len = need;
    return cp;
}

size_t gx_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) { o[0] = (unsigned char)cp; return 1; }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

int gx_utf8_valid(const char *s, size_t n)
{
    size_t i = 0, len;
    while (i < n) {
        if ((unsigned char)s[i] < 0x80) {   /* ASCII: most of a page's markup */
            i++;
            continue;
        }
        uint32_t cp = gx_utf8_decode(s + i, n - i, &len);
        if (cp == 0xFFFD && !(len == 3 && (unsigned char)s[i] == 0xEF))
            return 0;
        i += len;
    }
    return 1;
}

int gx_is_cjk(uint32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FFFF);
}

size_t gx_utf8_count(const char *s)
{
    size_t n = 0, len, rem = strlen(s);
    while (rem) {
        gx_utf8_decode(s, rem, &len);
        s += len;
        rem -= len;
        n++;
    }
    return n;
}
