/* cellkey.h - every cell (table, row, col) of the loaded templates
 * numbered once, so that a report's fact names its cell by a small number
 * instead of three key strings, and a cell is looked up by that number. */
#ifndef GX_CELLKEY_H
#define GX_CELLKEY_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

struct gx_table;

/* A cell's keys; they point into the templates, which outlive reports. */
struct gx_cellkey {
    const char *table, *row, *col;
};

enum {
    GX_MAX_CELLS = 4096,      /* a cell number fits a fact's 12 bits ... */
    GX_NO_CELL = 65535        /* ... and this, above them all, is none */
};

/* The numbering.  A variant's cells, in the order the extractor gives
 * them (tables, then rows, then columns, as printed), have ascending
 * numbers whenever the templates allow it (they do when no two variants
 * print the same two cells in opposite orders): a report's facts are
 * then in cell order and found by binary search. */
struct gx_cellkeys {
    struct gx_cellkey *keys;  /* owned, by cell number */
    size_t n;
    uint32_t *slots;          /* owned: hash of the keys, number + 1; 0 empty */
    size_t nslots;
};

/* Numbers the cells of tables[0..n) and stores each column's number in its
 * gx_tcol.cell.  Returns NULL and fills d when there are more cells than
 * GX_MAX_CELLS; the result is freed with gx_cellkeys_free. */
struct gx_cellkeys *gx_cellkeys_new(struct gx_table *tables, size_t n,
                                    struct gx_diag *d);
void gx_cellkeys_free(struct gx_cellkeys *k);

/* The number of the cell with these keys, or GX_NO_CELL. */
unsigned gx_cellkeys_find(const struct gx_cellkeys *k, const char *table,
                          const char *row, const char *col);

#endif
