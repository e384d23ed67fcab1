/* split.h - one workbook per region (--split-by): the reports of a batch
 * grouped by the division they lie in at one level, and the file each
 * group is written to. */
#ifndef GX_SPLIT_H
#define GX_SPLIT_H

#include <stddef.h>

#include "changes.h"
#include "region.h"
#include "report.h"

/* The group of reports that have no division at the level. */
#define GX_SPLIT_NO_REGION "未识别地区"

struct gx_split_group {
    char *name;                  /* owned: 赣州市, or the full path when two
                                    divisions of the batch share a name */
    char *path;                  /* owned: the output file */
    char *code;                  /* owned: the division's code, "" for
                                    未识别地区 */
    struct gx_report **reports;  /* owned array, borrowed reports, walk order */
    size_t n, cap;
};

struct gx_split {
    struct gx_split_group *v;    /* by division code, 未识别地区 last */
    size_t n, cap;
};

/* Groups every report (read or not) by the division its r->region lies
 * in at `level` (1 province, 2 city, 3 county; gx_region_at_level) and
 * names each group's file by replacing every {region} in `pattern`.
 * Fills `out` (zeroed first); release with gx_split_release. */
void gx_split_reports(const struct gx_regions *g, int level,
                      const char *pattern, struct gx_report *const *reports,
                      size_t n, struct gx_split *out);
void gx_split_release(struct gx_split *s);

/* The changes since a baseline as one group's workbook shows them: the
 * batch's, but only the gone reports whose region lies in the group's
 * division (those with none in 未识别地区).  *view borrows everything of
 * *all except its own gone array: release it with free(view->gone). */
void gx_split_changes(const struct gx_regions *g, int level,
                      const struct gx_split_group *grp,
                      const struct gx_changes *all, struct gx_changes *view);

#endif
