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

/* For what gx_decode refuses, the reading that loses least: a file with
 * a UTF-16 BOM line by line, a stray byte (odd byte count, lone
 * surrogate) becoming U+FFFD where it most likely sat; else, with no NUL
 * byte, each line as UTF-8 if valid, else as GB18030 (text pasted from
 * two sources).  Sets *used ("mixed UTF-8/GB18030", "UTF-16LE, repaired")
 * and *lines, the lines read as GB18030 or repaired.  Returns 0, or -1
 * when a line is neither UTF-8 nor GB18030 (out is then empty). */
int gx_decode_repair(const char *bytes, size_t n, struct gx_strbuf *out,
                     const char **used, size_t *lines);

/* A file's bytes (`charset` as for gx_decode): gx_decode, else
 * gx_decode_repair; and a file that decodes as GB18030 only because its
 * UTF-8 lines happen to be GB18030 too (mojibake) is read line by line
 * instead.  Same results as gx_decode_repair; *lines is 0 when nothing
 * was repaired. */
int gx_decode_text(const char *bytes, size_t n, const char *charset,
                   struct gx_strbuf *out, const char **used, size_t *lines);

#endif
