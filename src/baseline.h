/* baseline.h - a previous run's facts.csv (--baseline), read back with
 * libcsv: its reports, each with its cells, so that this run can say what
 * changed since (changes.h). */
#ifndef GX_BASELINE_H
#define GX_BASELINE_H

#include <stddef.h>

#include "diag.h"
#include "report.h"

/* One cell as facts.csv had it.  Keys are interned in the baseline and
 * live as long as it. */
struct gx_baseline_cell {
    const char *table, *row, *col;
    enum gx_cell_state state;
    char *value;            /* owned: the number as written, NULL unless
                               state is GX_CELL_NUMBER */
};

struct gx_baseline_report {
    char *file, *agency, *region;   /* owned; "" when facts.csv had none */
    int year;                       /* 0 when none */
    struct gx_baseline_cell *cells; /* owned, sorted by (table, row, col) */
    size_t n, cap;
};

struct gx_baseline;

/* Reads `path`, a facts.csv of gairx (its header names the columns; file,
 * table, row, col, value and state are required).  Returns a new
 * baseline (free with gx_baseline_free), or NULL with d filled
 * ("PATH: reason").  Text fields that facts.csv guarded against formulas
 * ('=...) are read back as they were. */
struct gx_baseline *gx_baseline_load(const char *path, struct gx_diag *d);
void gx_baseline_free(struct gx_baseline *b);

/* The reports, sorted by file; each file once. */
size_t gx_baseline_count(const struct gx_baseline *b);
struct gx_baseline_report *gx_baseline_report(const struct gx_baseline *b,
                                              size_t i);
/* The report of `file`, or NULL. */
struct gx_baseline_report *gx_baseline_find(const struct gx_baseline *b,
                                            const char *file);
/* The cell of the keys in `r`, or NULL. */
const struct gx_baseline_cell *gx_baseline_cell(
    const struct gx_baseline_report *r, const char *table, const char *row,
    const char *col);

#endif
