/* region_map.h - the --regions override: a CSV file of `pattern,region`
 * lines that sets a report's region instead of inferring it.
 *
 *   pattern,region
 *   赣州经开区*,江西省赣州市
 *   新能源科技城,赣州市
 *   # a comment
 *   九江/濂溪*.pdf,九江市濂溪区
 *
 * A pattern with any of * ? [ is a shell glob matched against the whole
 * text (* matches any characters, '/' included; ? one character; [...]
 * one of a set, [!...] none of it; \ quotes the next character);
 * otherwise it matches when the text contains it.  Each report's agency
 * is tried against every line first, in file order, then its path
 * relative to the walked folder; the first match wins.  The region is a
 * full path (江西省赣州市全南县) or any name the gazetteer resolves to
 * one division (全南县, 赣州).  A first line `pattern,region` is a
 * header; lines starting with # and empty lines are skipped; fields may
 * be quoted as in any CSV. */
#ifndef GX_REGION_MAP_H
#define GX_REGION_MAP_H

#include <stddef.h>

#include "diag.h"
#include "region.h"
#include "report.h"

struct gx_region_map;

/* Reads `path`, resolving each region with the gazetteer g.  Returns
 * NULL and fills d ("FILE: line N: why") when the file cannot be read, a
 * line has no pattern or no region, or a region is not a division of g
 * (or g is NULL).  Free with gx_region_map_free. */
struct gx_region_map *gx_region_map_load(const char *path,
                                         const struct gx_regions *g,
                                         struct gx_diag *d);
void gx_region_map_free(struct gx_region_map *m);

/* Sets r->region of every report a line matches; returns how many. */
size_t gx_region_map_apply(const struct gx_region_map *m,
                           struct gx_report **reports, size_t n);

/* 1 when `text` matches the glob `pattern` as a whole (UTF-8 aware). */
int gx_glob_match(const char *pattern, const char *text);

#endif
