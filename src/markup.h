/* markup.h - what the HTML and .docx readers share as they walk their
 * trees into a doc: the text of the open paragraph or cell, gathered raw
 * and taken in normal form; the row a table's cells go to; and the limits
 * that stop a hostile file (too deep, too wide), reported at the end. */
#ifndef GX_MARKUP_H
#define GX_MARKUP_H

#include "diag.h"
#include "doc.h"
#include "strbuf.h"

struct gx_markup_walk {
    struct gx_doc *doc;
    struct gx_strbuf text;    /* raw text of the open paragraph or cell */
    struct gx_strbuf scratch; /* its normal form (gx_markup_take_text) */
    unsigned tables;          /* table ids handed out so far */
    int too_deep, too_wide;   /* a limit was hit: the rest was skipped */
};

/* A table row being filled: its line is made with its first cell. */
struct gx_markup_row {
    struct gx_line *line;
    unsigned table_id;
    unsigned src_line;
};

/* ASCII white space, as the readers collapse it. */
static inline int gx_markup_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

void gx_markup_walk_init(struct gx_markup_walk *w, struct gx_doc *doc);

/* 1 (and the walk marked too deep) when depth is past GX_MAX_XML_DEPTH. */
int gx_markup_too_deep(struct gx_markup_walk *w, unsigned depth);

/* Moves w->text, normalised and with every run of ASCII white space made
 * one space (source line breaks inside a paragraph are layout), into
 * w->scratch. */
void gx_markup_take_text(struct gx_markup_walk *w);

/* Takes w->text as a paragraph line of the doc, when it has more than
 * white space. */
void gx_markup_add_para(struct gx_markup_walk *w, unsigned src_line);

/* The row's line, made on its first call; NULL (and the walk marked too
 * wide) once the row holds GX_MAX_CELLS_PER_LINE cells. */
struct gx_line *gx_markup_row_line(struct gx_markup_walk *w,
                                   struct gx_markup_row *r);

/* Takes w->text as the next cell of `line`. */
void gx_markup_add_cell(struct gx_markup_walk *w, struct gx_line *line);

/* Releases the walk's buffers; GX_OK, or GX_ERR_LIMIT with d filled when
 * a limit was hit.  `too_deep` is the reader's words for nesting past the
 * limit, a format with one %u for GX_MAX_XML_DEPTH. */
enum gx_status gx_markup_walk_finish(struct gx_markup_walk *w,
                                     const char *too_deep, struct gx_diag *d);

#endif
