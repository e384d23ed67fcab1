/* changes.h - what changed since a baseline (--baseline): reports new in
 * this run, reports gone since, and cells whose value changed.
 *
 * Reports are matched by their file path relative to the walked folder
 * (facts.csv's `file`), the key a monthly run over one folder keeps.  A
 * report left unmatched is then paired with an unmatched baseline report
 * of the same agency, year and region when that pairing is unique on both
 * sides: a file that was renamed or moved, not a new report and a gone
 * one.  A report counts as present only when it has cells (facts.csv
 * holds nothing of a file that could not be read), so a file that no
 * longer reads is "gone" with the reason said. */
#ifndef GX_CHANGES_H
#define GX_CHANGES_H

#include <stddef.h>

#include "baseline.h"
#include "report.h"

/* "—" for a dash, "空白" for a blank, "无" for a cell not in the report. */
#define GX_CHANGE_DASH "—"
#define GX_CHANGE_BLANK "空白"
#define GX_CHANGE_NONE "无"
/* How a changed cell's comment gives the baseline's value. */
#define GX_CHANGE_WAS "上次: "

/* One cell whose value differs. */
struct gx_change {
    const struct gx_report *r;
    char *table, *row, *col;    /* owned keys */
    char *old, *now;            /* owned: the number, or one of the above */
};

/* A baseline report with no report in this run. */
struct gx_gone {
    char *file, *agency, *region;   /* owned */
    int year;
    int unread;     /* the file is an input of this run, but was not read */
};

/* A report matched to a baseline report of another file. */
struct gx_moved {
    const struct gx_report *r;
    char *old_file;                 /* owned */
};

struct gx_changes {
    const struct gx_report **added;  /* borrowed; by address, for lookup */
    size_t nadded, addcap;
    struct gx_gone *gone;            /* by file */
    size_t ngone, gonecap;
    size_t batch_gone;               /* gone in the whole batch: a view for
                                        one split workbook lists fewer */
    struct gx_moved *moved;          /* by report address, for lookup */
    size_t nmoved, movecap;
    struct gx_change *v;             /* a report's cells together, walk
                                        order, then template order */
    size_t n, cap;
    size_t matched;                  /* reports found in the baseline */
    struct gx_change_run *runs;      /* index by report (changes.c) */
    size_t nruns, runcap;
};

/* Compares this run's reports (all inputs, walk order) with the baseline
 * and fills `out` (zeroed first); release with gx_changes_release. */
void gx_changes_compare(const struct gx_baseline *b,
                        struct gx_report *const *reports, size_t n,
                        struct gx_changes *out);
void gx_changes_release(struct gx_changes *c);

/* The changes of report r (*n of them), or NULL when it has none. */
const struct gx_change *gx_changes_of(const struct gx_changes *c,
                                      const struct gx_report *r, size_t *n);
/* The baseline file r was matched with when it moved, else NULL. */
const char *gx_changes_moved_from(const struct gx_changes *c,
                                  const struct gx_report *r);
/* Whether r is new since the baseline. */
int gx_changes_is_added(const struct gx_changes *c, const struct gx_report *r);

#endif
