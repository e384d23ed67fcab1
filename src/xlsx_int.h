/* xlsx_int.h - what the workbook's parts share while one workbook is
 * built: the writer (libxlsxwriter's state, the formats, the reports in
 * row order), cell helpers that keep the first error and skip the rest,
 * and the column sets of the table sheets.  Private to xlsx*.c. */
#ifndef GX_XLSX_INT_H
#define GX_XLSX_INT_H

#include <stddef.h>
#include <time.h>

#include <xlsxwriter.h>

#include "changes.h"
#include "crosscheck.h"
#include "region.h"
#include "report.h"
#include "strbuf.h"
#include "summary.h"
#include "template.h"

/* The report fields that open 汇总 and the table sheets, in column order;
 * keys are the facts.csv header names. */
struct xw_field { const char *key, *label; double width; };
extern const struct xw_field xw_fields[];
enum { XW_NFIELDS = 5, XW_FILE_COL = XW_NFIELDS - 1 };

/* How a cell's number is shown. */
enum xw_num {
    XW_TEXT,     /* General, for text and years */
    XW_COUNT,    /* #,##0 */
    XW_AMOUNT,   /* #,##0.00## (万元 and 元) */
    XW_DECIMAL,  /* a count that is not whole: every decimal shown */
    XW_RATE,     /* 0.0% */
    XW_DASH,     /* text in a number column: centred */
    XW_NNUMS
};
/* Fills: none, then one per enum gx_finding_kind (+1). */
enum { XW_NFILLS = 5 };

/* One value column of a table sheet: a (row, col) cell of the template. */
struct xw_column {
    const char *row, *col;
    const char *row_label, *col_label;
};

struct xw_key {
    const char *row, *col;
    size_t column;
};

/* A table sheet: its columns, and an index to find one by its keys. */
struct xw_table {
    const struct gx_table *t;
    const char *sheet;          /* "表三 依申请" */
    const char *name;           /* "表三" */
    struct xw_column *cols;
    size_t ncols, cap;
    struct xw_key *by_key;      /* sorted by (row, col) */
    const struct gx_cellkeys *cells;  /* the numbering column_of is for */
    long *column_of;            /* by cell number: its column, or -1 */
};

/* Where a report sits among the rows (its index into order[]). */
struct xw_pos {
    const struct gx_report *r;
    size_t pos;
};

struct writer {
    lxw_workbook *wb;
    lxw_error err;              /* the first error; later calls are skipped */
    const struct gx_templates *tpl;
    struct gx_report *const *reports;   /* every input, walk order */
    size_t nreports;
    size_t *order;              /* indices of the read reports, row order */
    struct gx_summary *sums;    /* one per order[] */
    size_t nrows;
    struct xw_table *tables;    /* one per template table */
    size_t ntables;
    const char *input;
    const struct gx_regions *regions;   /* may be NULL */
    const struct gx_xrefs *xrefs;       /* may be NULL */
    struct xw_pos *pos;         /* row position of each read report, by
                                   report address */
    const struct gx_changes *changes;   /* may be NULL */
    const char *baseline;               /* may be NULL */
    time_t when;                /* document time (see xlsx.h) */
    lxw_format *title, *header, *wrap;
    lxw_format *indent[4][2];   /* 地区合计 names: depth, bold */
    lxw_format *fmt[XW_NNUMS][XW_NFILLS];
    lxw_format *changed[XW_NNUMS][XW_NFILLS];  /* the same, marked changed */
};

/* Sheet rows shared by 汇总 and the links that point at it. */
enum {
    XW_SUMMARY_KEY_ROW = 4,
    XW_SUMMARY_HEADER_ROW = 5,
    XW_SUMMARY_FIRST_ROW = 6,
    /* 汇总's columns after the fields: the totals, 问题数, 状态. */
    XW_SUMMARY_FINDINGS_COL = XW_NFIELDS + GX_SUM_NFIELDS,
    XW_SUMMARY_STATUS_COL = XW_SUMMARY_FINDINGS_COL + 1
};

extern const char *const xw_summary_sheet;

/* ---- xlsx.c: cells ---- */
/* The row position of r (an index into order[]), or -1 when r is not a
 * row of this workbook. */
long xw_report_pos(const struct writer *w, const struct gx_report *r);
void xw_keep_error(struct writer *w, lxw_error e);
/* The format of a number kind and a finding kind (-1: no fill); NULL for
 * unfilled text. */
lxw_format *xw_format(struct writer *w, enum xw_num num, int kind);
/* xw_format's look for a cell changed since the baseline: a blue border,
 * and a blue fill when no finding fills it. */
lxw_format *xw_format_changed(struct writer *w, enum xw_num num, int kind);
/* A copy of `s` that XML and Excel accept, clipped to Excel's limit. */
char *xw_clean(const char *s);
lxw_worksheet *xw_add_sheet(struct writer *w, const char *name);
void xw_text(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
             lxw_col_t col, const char *text, lxw_format *fmt);
void xw_number(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
               lxw_col_t col, double value, lxw_format *fmt);
void xw_blank(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
              lxw_col_t col, lxw_format *fmt);
void xw_comment(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
                lxw_col_t col, const char *text);
void xw_label(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
              lxw_col_t first, lxw_col_t last, const char *text);
void xw_width(struct writer *w, lxw_worksheet *ws, lxw_col_t first,
              lxw_col_t last, double width, lxw_format *fmt);
void xw_row(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
            double height, int hidden);
/* Frozen panes below `hrow` and right of `cols` columns, an autofilter on
 * row `hrow`, and the print setup: A4 landscape, row `hrow` repeated on
 * every page, scaled to `pages_wide` pages across (a sheet wider than one
 * page repeats the 机构 column on each). */
void xw_finish(struct writer *w, lxw_worksheet *ws, lxw_row_t hrow,
               lxw_row_t last_row, lxw_col_t last_col, lxw_col_t cols,
               unsigned pages_wide);
/* The report fields of r on `row`; the file cell gets `file_fmt`. */
void xw_put_fields(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
               const struct gx_report *r, lxw_format *file_fmt);
void xw_field_headers(struct writer *w, lxw_worksheet *ws, lxw_row_t row);
/* A number as its column shows it: whole counts, amounts, fractions. */
void xw_value(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
              lxw_col_t col, double value, enum xw_num num, int kind);
/* The column width that shows `value` in format `num` whole (Excel
 * shows ### when a number does not fit). */
double xw_num_width(double value, enum xw_num num);
/* "【差错】message" lines of findings, one per line, into sb. */
void xw_add_finding_line(struct gx_strbuf *sb, const struct gx_finding *f);

/* ---- xlsx_table.c ---- */
void xw_tables_init(struct writer *w);
void xw_tables_release(struct writer *w);
void xw_write_table_sheets(struct writer *w);
/* The table sheet of a template key, or NULL. */
const struct xw_table *xw_table_of(const struct writer *w, const char *key);
/* The column of (row, col) on a table sheet, or -1. */
long xw_table_column(const struct xw_table *t, const char *row,
                     const char *col);
/* A cell of the workbook to link to. */
struct xw_cell {
    const char *sheet;          /* "表三 依申请" */
    const char *name;           /* "表三", shown in links */
    lxw_row_t row;
    lxw_col_t col;
};
/* Where a finding of the report on row `pos` is marked; always succeeds
 * (a finding of no table: the report's 状态 on 汇总). */
void xw_finding_cell(const struct writer *w, size_t pos,
                     const struct gx_finding *f, struct xw_cell *at);
/* The cell (table, row, col) of the report on row `pos`: its column on
 * the table's sheet, else the report's 文件 cell there; table NULL or
 * not a sheet: the report's 状态 on 汇总. */
void xw_cell_of(const struct writer *w, size_t pos, const char *table,
                const char *row, const char *col, struct xw_cell *at);

/* ---- xlsx_sheets.c ---- */
/* A link in (row, col) to the cell `to`, shown as "表三 K7"; past
 * Excel's limit of links a sheet (counted in *nlinks), the text alone. */
void xw_link(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
             lxw_col_t col, const struct xw_cell *to, size_t *nlinks);
void xw_write_summary(struct writer *w);
void xw_write_findings(struct writer *w);
void xw_write_files(struct writer *w);
/* A sheet's hidden row of machine keys, and its header row of labels
 * with the columns' widths. */
void xw_write_keys(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
                   const char *const *keys, size_t n);
void xw_write_headers(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
                      const char *const *labels, const double *widths,
                      size_t n);

/* ---- xlsx_regions.c ---- */
void xw_write_regions(struct writer *w);

/* ---- xlsx_coverage.c ---- */
void xw_write_coverage(struct writer *w);

/* ---- xlsx_changes.c ---- */
/* The 变更 sheet; nothing without w->changes. */
void xw_write_changes(struct writer *w);

/* ---- xlsx_charts.c ---- */
void xw_write_charts(struct writer *w);

#endif
