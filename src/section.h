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

/* Locates every table of `tpl` in `doc`, in report order; sections[i]
 * belongs to tpl->tables[i]. */
void gx_sections_locate(const struct gx_templates *tpl,
                        const struct gx_doc *doc,
                        struct gx_section *sections);

#endif
