/* csvout.h - the tidy export: DIR/facts.csv (one row per cell, KEYS.md),
 * DIR/files.csv (every input file and what became of it) and
 * DIR/findings.csv (every discrepancy and doubt, with its explanation). */
#ifndef GX_CSVOUT_H
#define GX_CSVOUT_H

#include <stddef.h>

#include "diag.h"
#include "report.h"

enum gx_status gx_csv_write(const char *dir, struct gx_report *const *reports,
                            size_t n, struct gx_diag *d);

#endif
