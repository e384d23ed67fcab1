/* check.h - the checks engine: every identity, plausibility rule and value
 * domain of templates/ evaluated on a report, plus the extractor's doubts,
 * as findings (report.h).  A rule whose operands are blank or dashed is
 * "not assessable", never computed with 0. */
#ifndef GX_CHECK_H
#define GX_CHECK_H

#include "report.h"
#include "template.h"

/* The templates' identities parsed and their cells numbered, once for a
 * run (gx_templates_load makes them); freed with gx_checks_free, which
 * takes NULL. */
struct gx_checks *gx_checks_new(const struct gx_templates *tpl);
void gx_checks_free(struct gx_checks *c);

/* Appends the report's findings to r->findings. */
void gx_check_report(const struct gx_templates *tpl, struct gx_report *r);

#endif
