/* normalise.h - one normal form for report text, applied by every reader:
 * CRLF/CR to LF, NBSP, ideographic and other odd spaces to ' ', zero-width
 * characters and stray BOMs dropped, full-width digits, letters and '．' to
 * ASCII.  CJK punctuation （）、，“” is kept: labels are matched on it. */
#ifndef GX_NORMALISE_H
#define GX_NORMALISE_H

#include <stddef.h>

#include "strbuf.h"

/* Appends the normal form of s[0..n) (valid UTF-8) to out. */
void gx_normalise(const char *s, size_t n, struct gx_strbuf *out);

/* Decodes raw file bytes to normalised UTF-8: a BOM (UTF-8, UTF-16 LE/BE)
 * decides; else valid UTF-8 is taken as is; else `charset` (may be NULL:
 * a declared encoding, e.g. from an HTML <meta>); else GB18030 (a superset
 * of GBK and GB2312).  Returns 0 on success,
 * -1 when the bytes are not text in any of these encodings. */
int gx_decode(const char *bytes, size_t n, const char *charset,
              struct gx_strbuf *out, const char **used);

#endif
