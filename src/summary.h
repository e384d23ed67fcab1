/* summary.h - one line per report for analysts: the key totals of 表二,
 * 表三 and 表四, two rates, the number of findings and a status.  The
 * workbook's 汇总 sheet and reports.csv both print these, column for
 * column, so the numbers are computed once, here.
 *
 * A total is "absent" (has == 0) when any of its cells is blank, dashed
 * or not in the report: a blank is never counted as 0.  A rate is absent
 * when its numerator is, or its denominator is absent or 0. */
#ifndef GX_SUMMARY_H
#define GX_SUMMARY_H

#include <stddef.h>
#include <stdint.h>

#include "report.h"

/* The columns after the report fields, in print order. */
enum gx_summary_field {
    GX_SUM_NEW,               /* 新收: apps.new.total */
    GX_SUM_CARRIED_IN,        /* 上年结转 */
    GX_SUM_GRANTED,           /* 予以公开 */
    GX_SUM_PARTIAL,           /* 部分公开 */
    GX_SUM_DENIED,            /* 不予公开: the 8 denied_* totals */
    GX_SUM_UNABLE,            /* 无法提供: the 3 unable_* totals */
    GX_SUM_REJECTED,          /* 不予处理: the 5 rejected_* totals */
    GX_SUM_OTHER,             /* 其他处理: other_* (2021) or other (2019) */
    GX_SUM_TOTAL,             /* 办结总计: apps.total.total */
    GX_SUM_CARRIED_OUT,       /* 结转下年度 */
    GX_SUM_REVIEW,            /* 复议总计 */
    GX_SUM_REVIEW_CORRECTED,  /* 复议纠正 */
    GX_SUM_SUIT,              /* 诉讼总计: both suit rows */
    GX_SUM_SUIT_CORRECTED,    /* 诉讼纠正 */
    GX_SUM_NORMATIVE,         /* 规范性文件: issued (2021) or made (2019) */
    GX_SUM_LICENSING,         /* 行政许可 decisions */
    GX_SUM_PENALTY,           /* 行政处罚 decisions */
    GX_SUM_ENFORCEMENT,       /* 行政强制 decisions */
    GX_SUM_FEES,              /* 收费 (万元, 2021 form only) */
    GX_SUM_DISCLOSURE_RATE,   /* 实质公开率 = (予以公开+部分公开)/办结总计 */
    GX_SUM_CORRECTION_RATE,   /* 复议纠错率 = 复议纠正/复议总计 */
    GX_SUM_NFIELDS
};

/* How a column's numbers read: a count, an amount in 万元, a fraction. */
enum gx_summary_kind { GX_SUMK_COUNT, GX_SUMK_AMOUNT, GX_SUMK_RATE };

struct gx_summary_column {
    const char *key;          /* reports.csv header, e.g. "disclosure_rate" */
    const char *label;        /* 汇总 header, e.g. "实质公开率" */
    enum gx_summary_kind kind;
};

/* The columns, indexed by enum gx_summary_field. */
extern const struct gx_summary_column gx_summary_columns[GX_SUM_NFIELDS];

/* Ordered by how much attention the report needs, least first. */
enum gx_summary_status {
    GX_SUMMARY_OK,           /* 正常: no findings but 无法核对 */
    GX_SUMMARY_DOUBT,        /* 存疑: gairx is unsure of some cell or table */
    GX_SUMMARY_DIFF,         /* 有差异: the report's arithmetic fails */
    GX_SUMMARY_UNRECOGNISED  /* 未识别: a table was not found */
};

/* 176 bytes: the workbook keeps one for every report. */
struct gx_summary {
    double v[GX_SUM_NFIELDS]; /* meaningful where gx_summary_has() */
    uint32_t has;             /* bit i: field i has a value; else it is
                                 absent, printed as an empty cell */
    uint32_t nfindings;       /* all findings, 无法核对 included */
    enum gx_summary_status status;
    int worst;               /* the most severe enum gx_finding_kind among
                                the findings, or -1 when there are none */
};

_Static_assert(GX_SUM_NFIELDS <= 32, "gx_summary.has holds a bit a field");

static inline int gx_summary_has(const struct gx_summary *s, int field)
{
    return (int)((s->has >> field) & 1u);
}

/* Fills `s` from a report that was read (r->status == GX_OK). */
void gx_summary_fill(struct gx_summary *s, const struct gx_report *r);

/* The cells the totals add up, numbered once for a batch's numbering of
 * cells instead of for each report: GX_NO_CELL where it has none, forms
 * (2021 and 2019) ended by GX_SUM_FORM_END. */
enum { GX_SUM_MAX_CELLS = 16, GX_SUM_FORM_END = GX_NO_CELL + 1 };
struct gx_summary_cells {
    const struct gx_cellkeys *keys;
    unsigned cells[GX_SUM_DISCLOSURE_RATE][GX_SUM_MAX_CELLS];
    size_t n[GX_SUM_DISCLOSURE_RATE];
};
void gx_summary_cells_init(struct gx_summary_cells *sc,
                           const struct gx_cellkeys *keys);
/* gx_summary_fill with the cells numbered by gx_summary_cells_init (for
 * r->cells; for another numbering they are numbered again). */
void gx_summary_fill_cells(struct gx_summary *s, const struct gx_report *r,
                           const struct gx_summary_cells *sc);

/* The order in which reports are listed, one row each, on 汇总, the
 * table sheets and in reports.csv: the reports that were read, grouped by
 * region (regions in order of first appearance, reports without a region
 * last), walk order within a region.  Fills order[] (room for n) with
 * indices into reports and returns how many were read. */
size_t gx_summary_order(struct gx_report *const *reports, size_t n,
                        size_t *order);

/* The region name a report is grouped under: r->region, or 未识别地区. */
const char *gx_summary_region(const struct gx_report *r);

/* "正常", "存疑", "有差异", "未识别". */
const char *gx_summary_status_name(enum gx_summary_status status);

/* The more severe of two finding kinds (GX_FIND_ERROR is the most);
 * -1 stands for "none". */
int gx_finding_kind_worse(int a, int b);

#endif
