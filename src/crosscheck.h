/* crosscheck.h - checks across the reports of a batch, and which years
 * each agency has a report for.
 *
 * Reports are one agency's when their regions are equal and so are their
 * agency names once the names of their own region in front are dropped
 * (淮安市洪泽区人民政府 and 洪泽区人民政府, both in 江苏省淮安市洪泽区,
 * are one agency: 人民政府).  Among one agency's reports (rule ids):
 *   apps-carry-prev   表三 上年结转 of year N = 结转下年度 of year N-1,
 *                     per column (warning, on the report of year N)
 *   art20-stock-prev  表二 (2021 layout, both years) 现行有效件数 of N =
 *                     现行有效件数 of N-1 + 本年制发件数 - 本年废止件数 of
 *                     N, for 规章 and 行政规范性文件 (warning, on N)
 *   duplicate         two files for one year with the same cells
 *                     (warning, on both)
 *   conflict          two files for one year whose cells differ (error,
 *                     on both, one finding per table that differs)
 * A blank or dashed operand makes a 无法核对 finding, never a 0.  Every
 * message names the other file. */
#ifndef GX_CROSSCHECK_H
#define GX_CROSSCHECK_H

#include <stddef.h>

#include "report.h"
#include "template.h"

/* A finding that is also about a cell of another report: the workbook
 * links to that cell from the finding's row. */
struct gx_xref {
    const struct gx_report *report;  /* holds the finding */
    size_t finding;                  /* index into report->findings */
    const struct gx_report *other;
    const char *table, *row, *col;   /* other's cell; table NULL: other's
                                        row of 汇总 */
};

struct gx_xrefs {
    struct gx_xref *v;               /* sorted by (report, finding) */
    size_t n, cap;
};

/* Appends the batch's cross-report findings to the reports' findings and
 * fills `out` (initialised to zeros; release with gx_xrefs_release).
 * Only reports that were read and have an agency and a year take part.
 * `tpl` gives the labels in messages. */
void gx_crosscheck(const struct gx_templates *tpl, struct gx_report **reports,
                   size_t n, struct gx_xrefs *out);
void gx_xrefs_release(struct gx_xrefs *x);
/* The xref of r->findings[finding], or NULL; x may be NULL. */
const struct gx_xref *gx_xrefs_find(const struct gx_xrefs *x,
                                    const struct gx_report *r,
                                    size_t finding);

/* The agency part that tells one body from another within its region:
 * `agency` without the longest front part (two characters or more) that
 * ends `region` (淮安市洪泽区人民政府 in 江苏省淮安市洪泽区 → 人民政府); a
 * government named by its region alone (赣州市) → 人民政府.  Returns a
 * pointer into `agency` or to a static string, and its length in *len. */
const char *gx_agency_key(const char *agency, const char *region, size_t *len);

/* Which years each agency has a report for: a row per agency (regions
 * in order, 未识别地区 last, then by agency), a column per year from the
 * first to the last (only the years seen when they span more than 40). */
struct gx_coverage_row {
    const char *region;     /* NULL when none */
    const char *agency;     /* the name its latest report gives */
    unsigned *files;        /* owned: files per column */
};

struct gx_coverage {
    int *years;             /* owned: the columns */
    size_t nyears;
    struct gx_coverage_row *rows;  /* owned */
    size_t nrows;
};

/* Fills `c` from the reports that were read and have an agency and a
 * year.  Release with gx_coverage_release. */
void gx_coverage_build(struct gx_report *const *reports, size_t n,
                       struct gx_coverage *c);
void gx_coverage_release(struct gx_coverage *c);

#endif
