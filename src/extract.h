/* extract.h - schema-guided extraction of the three tables from a gx_doc.
 *
 * For each table of the templates: find its section, tell its variant from
 * its labels, anchor rows by their labels in reading order, give each row
 * the numbers that follow its label, re-align numbers that sit one line off
 * (a wrapped label) by the expected count per row, and where two readings
 * are possible prefer the one under which the report's own identities
 * hold.  What stays uncertain is marked as a doubt, never guessed. */
#ifndef GX_EXTRACT_H
#define GX_EXTRACT_H

#include "doc.h"
#include "report.h"
#include "section.h"
#include "template.h"

/* Fills r->tables, r->facts and r->format from doc, whose sections
 * gx_sections_locate found.  Returns the number of tables found (0: the
 * file is not a report). */
int gx_extract(const struct gx_templates *tpl, const struct gx_doc *doc,
               const struct gx_sections *sections, struct gx_report *r);

#endif
