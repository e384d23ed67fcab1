/* number.h - reading one table cell: a number as the report wrote it, a
 * dash or word standing for "nothing" (—, -, /, 无, 不适用), or neither. */
#ifndef GX_NUMBER_H
#define GX_NUMBER_H

#include <stddef.h>
#include <stdint.h>

#include "report.h"

struct gx_token {
    enum gx_cell_state state;  /* GX_CELL_NUMBER, GX_CELL_DASH or GX_CELL_BLANK */
    double value;
    char text[40];             /* normalised number: "-18", "22496.74" */
    char unit[16];             /* "元", "万元", "件", ... or "" */
    unsigned char rejoined;    /* GX_REJOINED flags (set by the extractor) */
};

/* How a PDF reader put a value together (gx_token.rejoined). */
enum {
    GX_REJOINED = 1,           /* from the pieces of a wrapped cell */
    GX_REJOINED_BY_ORDER = 2   /* in a row whose columns were told by the
                                  order of its numbers, not their places */
};

/* Parses the whole of `s` (trimmed) as a value cell.  Accepts a sign,
 * thousands separators (1,234 / 1，234), a decimal point, and a unit
 * suffix; rejects numbering such as "1." and anything with other text.
 * Returns 1 and fills tok, or 0 when `s` is not a value. */
int gx_number_parse(const char *s, struct gx_token *tok);
/* The same for s[0..n), which need not end in a NUL (a word of a line). */
int gx_number_parse_n(const char *s, size_t n, struct gx_token *tok);

/* 1 when `s` is a dash written as a word (无, 不适用, ...), which on a
 * line of its own may equally be a character of a wrapped label. */
int gx_is_dash_word(const char *s);

/* A character a report writes for "nothing" in a cell: - — – / \ and
 * their full-width and box-drawing look-alikes. */
int gx_is_dash_char(uint32_t cp);

/* The ways a page number is printed on a line of its own.  A fraction
 * ("4/9") may also be a table value, so a reader that knows where page
 * edges are may accept it only there. */
enum gx_page_form {
    GX_PAGE_NONE,
    GX_PAGE_DASHED,     /* "-4-", "— 4 —" */
    GX_PAGE_CHINESE,    /* "第4页", "第 4 页 共 9 页", "第4页/共9页" */
    GX_PAGE_FRACTION    /* "4/9" */
};

/* Which page-number form the whole of s[0..n) is, spaces allowed. */
enum gx_page_form gx_page_number_form(const char *s, size_t n);

/* 1 when the whole line text is page furniture of any form. */
int gx_is_page_number(const char *s);

#endif
