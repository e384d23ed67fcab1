/* csvout.h - the tidy export: DIR/facts.csv (one row per cell, KEYS.md),
 * DIR/files.csv (every input file and what became of it: file, kind,
 * status, reason, doubts, encoding, size), DIR/findings.csv (every
 * discrepancy and doubt, with its explanation) and DIR/reports.csv (the
 * workbook's 汇总 rows: region, agency, year, format, file, the key totals
 * of summary.h by their keys, findings, status).
 *
 * Text fields a spreadsheet could take for a formula (starting with
 * = + - @) get a leading apostrophe; number fields never do (facts.csv's
 * value, findings.csv's expected and found, reports.csv's totals). */
#ifndef GX_CSVOUT_H
#define GX_CSVOUT_H

#include <stddef.h>

#include "diag.h"
#include "report.h"

/* Creates `dir` when needed and writes the four files, facts.csv
 * formatted on up to `threads` threads (the bytes are the same for any
 * number); GX_OK, or GX_ERR_IO with d filled. */
enum gx_status gx_csv_write(const char *dir, struct gx_report *const *reports,
                            size_t n, unsigned threads, struct gx_diag *d);

#endif
