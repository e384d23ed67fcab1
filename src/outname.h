/* outname.h - output names of a monthly run: -o and --csv may hold
 * strftime(3) conversions ('jiangxi-%Y-%m.xlsx'), expanded once per run
 * with the run's time.  {region} (--split-by) is no conversion and is
 * left for split.c to fill. */
#ifndef GX_OUTNAME_H
#define GX_OUTNAME_H

#include <time.h>

/* The time names are expanded with: SOURCE_DATE_EPOCH in UTC when it is
 * set (as for the workbook's own date, so tests and rebuilds are
 * repeatable), else the clock in the local zone (cron's month). */
void gx_outname_now(struct tm *tm);

/* `pattern` with its conversions expanded by strftime; %% is a literal %.
 * Returns a new string (the caller frees it), NULL for a NULL pattern or
 * when the name would pass PATH_MAX bytes. */
char *gx_outname_expand(const char *pattern, const struct tm *tm);

#endif
