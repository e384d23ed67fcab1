/* region.h - the administrative division a report belongs to, told from
 * the names in its agency, title or path, against a gazetteer of the
 * GB/T 2260 divisions down to county level (templates/regions.tab,
 * written by scripts/gen-regions).
 *
 * A region is written as the full name path from the province:
 * 江西省赣州市全南县.  A county directly under a province-level unit has no
 * prefecture in its path: 北京市东城区, 重庆市城口县, 湖北省仙桃市. */
#ifndef GX_REGION_H
#define GX_REGION_H

#include <stddef.h>

#include "diag.h"
#include "report.h"

struct gx_regions;

/* Loads the gazetteer at `path`.  Returns NULL and fills `d` when the file
 * cannot be read or a line is malformed.  Free with gx_regions_free. */
struct gx_regions *gx_regions_load(const char *path, struct gx_diag *d);
void gx_regions_free(struct gx_regions *g);

/* The most precise division named in `text` (an agency name, a title or a
 * path).  Full names count anywhere; short names (赣州 for 赣州市) and
 * two-character names (城区) only at the start of the text or of a path
 * component, right after another division's name, or (short names) before
 * a suffix-like word (市, 县, 经开区 ...).  A short name is no name where a
 * department word starting with it begins (公安局) or before 镇/街道, nor
 * when a name written in full, or the name it directly follows, lies
 * elsewhere (连云港市公安局 is 连云港市).  A name shared by several
 * divisions is narrowed by the other divisions the text names, then by
 * `context` (a region path known for the batch, e.g. "江西省"; may be
 * NULL), and what stays ambiguous falls to the divisions' common ancestor.
 * On success returns 1 and sets *path (caller frees) and code (six digits
 * and a NUL); either may be NULL.  Returns 0, leaving both untouched, when
 * no division is named. */
int gx_region_find(const struct gx_regions *g, const char *text,
                   const char *context, char **path, char *code);

/* One division on the way from the province to a region. */
struct gx_region_level {
    const char *name;   /* 赣州市 */
    const char *path;   /* 江西省赣州市 */
    const char *code;   /* 360700 */
    int level;          /* 1 province, 2 prefecture, 3 county */
};

enum { GX_REGION_DEPTH = 3 };

/* The divisions from the province down to the one whose full path is
 * `path` (江西省赣州市全南县: 江西省, 赣州市, 全南县; 北京市东城区:
 * 北京市, 东城区).  Fills out[0..n), n <= GX_REGION_DEPTH, with pointers
 * into g (valid while g lives) and returns n; 0 when g is NULL or no
 * division has that path. */
size_t gx_region_levels(const struct gx_regions *g, const char *path,
                        struct gx_region_level *out);

/* The division at `level` (1 province, 2 city, 3 county) that the region
 * at `path` lies in, for one workbook per division.  At city level a
 * province-level city (北京市东城区: 北京市) and a county-level city under
 * a province (湖北省仙桃市: 仙桃市) stand for their city.  Returns 1 and
 * fills *out, or 0 when the path has no division at that level (江西省
 * at city level) or is no division's path. */
int gx_region_at_level(const struct gx_regions *g, const char *path,
                       int level, struct gx_region_level *out);

/* Sets r->region of every report that has none, from r->agency, else from
 * r->relpath (folder and file names).  Ambiguous names are resolved by the
 * report's folder names, then by the batch's majority city or province
 * (the one more than half of the reports that name a division share). */
void gx_regions_assign(const struct gx_regions *g, struct gx_report **reports,
                       size_t n);

#endif
