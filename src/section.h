/* section.h - finding where each table's section starts and ends. */
#ifndef GX_SECTION_H
#define GX_SECTION_H

#include <stddef.h>

#include "doc.h"
#include "template.h"

struct gx_section {
    int found;
    size_t begin, end;   /* doc line range [begin, end) */
};

/* 1 when the line is prose: a paragraph, not a table row or label. */
int gx_line_is_prose(const struct gx_line *line);
/* The line's cells joined with single spaces (caller frees). */
char *gx_line_text(const struct gx_line *line);
/* The line's one non-empty cell ("" when it has none), or NULL when it
 * has more: its gx_line_text without the copy. */
const char *gx_line_sole_text(const struct gx_line *line);

/* Where every table of the templates lies in one report.  Located once
 * per report and read by the extractor and by the prose check (locating
 * is a tenth of reading a text report). */
struct gx_sections {
    struct gx_section *at;   /* owned; at[i] belongs to tpl->tables[i] */
    size_t n;
};

/* Locates every table of `tpl` in `doc`, in report order, into `out`
 * (released with gx_sections_release). */
void gx_sections_locate(const struct gx_templates *tpl,
                        const struct gx_doc *doc, struct gx_sections *out);
void gx_sections_release(struct gx_sections *s);
/* The first line of the first table found, or `nlines` when none is:
 * the report's prose ends there. */
size_t gx_sections_first_line(const struct gx_sections *s, size_t nlines);

#endif
