/* utf8.h - decoding one code point at a time, and character classes the
 * extractor needs. */
#ifndef GX_UTF8_H
#define GX_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes the code point at s (at most n bytes); sets *len to the bytes it
 * used.  Invalid bytes decode as U+FFFD with *len 1. */
uint32_t gx_utf8_decode(const char *s, size_t n, size_t *len);
/* Encodes cp into out (at least 4 bytes); returns the byte count. */
size_t gx_utf8_encode(uint32_t cp, char *out);
/* 1 when s[0..n) is well-formed UTF-8. */
int gx_utf8_valid(const char *s, size_t n);
int gx_is_cjk(uint32_t cp);
size_t gx_utf8_count(const char *s);

#endif
