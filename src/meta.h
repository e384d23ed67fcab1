/* meta.h - the report fields that are not in the tables: the issuing body
 * (agency) and the year reported on, both read from the title, with the
 * statistics period and the signature as fallbacks. */
#ifndef GX_META_H
#define GX_META_H

#include "doc.h"
#include "report.h"

/* Sets r->agency (owned, or NULL) and r->year (or 0). */
void gx_meta_read(const struct gx_doc *doc, struct gx_report *r);

#endif
