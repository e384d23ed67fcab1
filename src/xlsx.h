/* xlsx.h - the workbook: one sheet per table with a row per report and a
 * column per template cell, a summary sheet and a list of every input file.
 *
 * Layout of a table sheet (zero-based rows):
 *   0  hidden: machine keys, "region" ... "file", then "table.row.col"
 *   1  row labels (规章, 自然人 ...), merged across that row's columns
 *   2  column labels; the autofilter sits on this row
 *   3+ one row per report that was read
 * The key row is the hidden one on top, not below the labels, so that an
 * autofilter (which re-shows matching rows of its range) never uncovers it. */
#ifndef GX_XLSX_H
#define GX_XLSX_H

#include <stddef.h>

#include "diag.h"
#include "report.h"
#include "template.h"

/* Rows of a table sheet; tests and readers of the workbook rely on them. */
enum {
    GX_XLSX_KEY_ROW = 0,
    GX_XLSX_ROW_LABEL_ROW = 1,
    GX_XLSX_COL_LABEL_ROW = 2,
    GX_XLSX_FIRST_DATA_ROW = 3
};

/* Writes the workbook for `reports` (all input files, in walk order,
 * including files that failed: their r->diag.status != GX_OK) to `path`.
 * `input` is the folder(s) string for the document title (may be NULL).
 * The document's created time is SOURCE_DATE_EPOCH when that is set, so a
 * workbook can be made byte-reproducible.  Returns GX_OK, or GX_ERR_IO
 * with d filled ("cannot write OUT.xlsx: reason"); on failure no partial
 * workbook is left at `path`. */
enum gx_status gx_xlsx_write(const char *path, const struct gx_templates *tpl,
                             struct gx_report *const *reports, size_t nreports,
                             const char *input, struct gx_diag *d);

#endif
