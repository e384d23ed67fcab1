/* xlsx.h - the workbook analysts open in Excel.  Sheets, in order:
 *   汇总          a row per report that was read: its fields, key totals
 *                 (summary.h), 问题数 and a status coloured by severity;
 *                 a title block above (input, time, counts)
 *   地区合计      a row per region, nested by level when the gazetteer
 *                 is given (province, then its cities, then their
 *                 counties; a division with reports of its own and
 *                 divisions below gets a 本级 row): a region's own
 *                 reports are SUM formulas over 汇总's rows, a division
 *                 above them a SUM over its rows below; values stored
 *                 too; then a grand total over the top rows
 *   表二 主动公开, 表三 依申请, 表四 复议诉讼
 *                 a row per report, a column per template cell, cells as
 *                 the report had them (number, dash text, blank); every
 *                 cell a finding involves is filled with its kind's colour
 *                 (差错 red, 提示 orange, 存疑 yellow, 无法核对 grey) and
 *                 commented with the findings' messages
 *   问题清单      a row per finding, linked to the cell it marks, and
 *                 for a finding about two reports (crosscheck.h) to the
 *                 other report's cell
 *   覆盖          a row per agency, a column per year: ✓ where the
 *                 agency has a report for that year (crosscheck.h)
 *   文件清单      every input file: kind, encoding, size, status, reason
 *   图表          charts: 本年新收 and 实质公开率 per region, the mix of
 *                 results per region, and the trend across years when
 *                 there are several; their data in a table beside them
 *   变更          only with a baseline (changes.h): the reports new and
 *                 gone since, and every changed cell (上次 → 本次) linked
 *                 to its cell; on the table sheets a changed cell gets a
 *                 blue border (and a blue fill unless a finding fills it)
 *                 and the comment line "上次: X"
 * Every sheet has a hidden row of machine keys above its header row.
 * Reports are listed in the order of gx_summary_order (by region) on
 * every sheet that lists reports.
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

#include "changes.h"
#include "crosscheck.h"
#include "diag.h"
#include "region.h"
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
 * including files that failed: their r->status != GX_OK) to `path`.
 * `input` is the folder(s) string for the title (may be NULL).
 *
 * The document time (its created property, and the generation time shown
 * on 汇总) is SOURCE_DATE_EPOCH when that is set, else the newest input's
 * mtime, never the clock: the same inputs give the same bytes.
 *
 * The workbook is written to a temporary file beside `path` and renamed
 * over it once complete, so `path` holds either its old content or the
 * whole new workbook.  Returns GX_OK, or GX_ERR_IO with d filled ("cannot
 * write OUT.xlsx: reason"). */
enum gx_status gx_xlsx_write(const char *path, const struct gx_templates *tpl,
                             struct gx_report *const *reports, size_t nreports,
                             const char *input, struct gx_diag *d);

/* What a workbook may show beyond its reports; any field may be NULL. */
struct gx_xlsx_opts {
    const char *input;                 /* the folder(s), for the title */
    const struct gx_regions *regions;  /* nests 地区合计 by level */
    const struct gx_xrefs *xrefs;      /* 问题清单's links to the other
                                          report of a finding (a report
                                          not in this workbook: no link) */
    const struct gx_changes *changes;  /* --baseline: a 变更 sheet, and
                                          the changed cells marked */
    const char *baseline;              /* the baseline's path, for 变更 */
};

/* gx_xlsx_write with options. */
enum gx_status gx_xlsx_write_opts(const char *path,
                                  const struct gx_templates *tpl,
                                  struct gx_report *const *reports,
                                  size_t nreports,
                                  const struct gx_xlsx_opts *opts,
                                  struct gx_diag *d);

#endif
