/* number.h - reading one table cell: a number as the report wrote it, a
 * dash or word standing for "nothing" (—, -, /, 无, 不适用), or neither. */
#ifndef GX_NUMBER_H
#define GX_NUMBER_H

#include "report.h"

struct gx_token {
    enum gx_cell_state state;  /* GX_CELL_NUMBER, GX_CELL_DASH or GX_CELL_BLANK */
    double value;
    char text[40];             /* normalised number: "-18", "22496.74" */
    char unit[16];             /* "元", "万元", "件", ... or "" */
    unsigned char rejoined;    /* put together from a wrapped cell's pieces */
};

/* Parses the whole of `s` (trimmed) as a value cell.  Accepts a sign,
 * thousands separators (1,234 / 1，234), a decimal point, and a unit
 * suffix; rejects numbering such as "1." and anything with other text.
 * Returns 1 and fills tok, or 0 when `s` is not a value. */
int gx_number_parse(const char *s, struct gx_token *tok);

/* 1 when `s` is a dash written as a word (无, 不适用, ...), which on a
 * line of its own may equally be a character of a wrapped label. */
int gx_is_dash_word(const char *s);

/* 1 when the whole line text is page furniture: "-4-", "— 4 —", "第4页",
 * "第 4 页 共 9 页", "4/9". */
int gx_is_page_number(const char *s);

#endif
