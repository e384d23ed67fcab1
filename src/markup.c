#include "markup.h"

#include "input_limits.h"
#include "normalise.h"

void gx_markup_walk_init(struct gx_markup_walk *w, struct gx_doc *doc)
{
    *w = (struct gx_markup_walk){.doc = doc};
    gx_strbuf_init(&w->text);
    gx_strbuf_init(&w->scratch);
}

int gx_markup_too_deep(struct gx_markup_walk *w, unsigned depth)
{
    if (depth <= GX_MAX_XML_DEPTH) return 0;
    w->too_deep = 1;
    return 1;
}

/* Turns every run of ASCII white space into one space, in place. */
static void collapse_spaces(struct gx_strbuf *sb)
{
    size_t out = 0;
    for (size_t i = 0; i < sb->len; i++) {
        if (!gx_markup_is_space(sb->buf[i])) {
            sb->buf[out++] = sb->buf[i];
        } else if (out == 0 || sb->buf[out - 1] != ' ') {
            sb->buf[out++] = ' ';
        }
    }
    sb->len = out;
    if (sb->cap) sb->buf[out] = '\0';
}

void gx_markup_take_text(struct gx_markup_walk *w)
{
    gx_strbuf_reset(&w->scratch);
    gx_normalise(w->text.buf, w->text.len, &w->scratch);
    collapse_spaces(&w->scratch);
    gx_strbuf_reset(&w->text);
}

/* After collapse_spaces, blank text is "" or " ". */
static int has_ink(const struct gx_strbuf *sb)
{
    return sb->len > 1 || (sb->len == 1 && sb->buf[0] != ' ');
}

void gx_markup_add_para(struct gx_markup_walk *w, unsigned src_line)
{
    gx_markup_take_text(w);
    if (!has_ink(&w->scratch)) return;
    if (gx_text_is_flattened_table(w->scratch.buf, w->scratch.len)) {
        gx_doc_add_words(w->doc, GX_LINE_PARA, src_line, w->scratch.buf,
                         w->scratch.len);
        return;
    }
    struct gx_line *l = gx_doc_add_line(w->doc, GX_LINE_PARA, src_line);
    gx_line_add_cell(l, w->scratch.buf, w->scratch.len);
}

struct gx_line *gx_markup_row_line(struct gx_markup_walk *w,
                                   struct gx_markup_row *r)
{
    if (!r->line) {
        r->line = gx_doc_add_line(w->doc, GX_LINE_ROW, r->src_line);
        r->line->table_id = r->table_id;
    }
    if (r->line->ncells < GX_MAX_CELLS_PER_LINE) return r->line;
    w->too_wide = 1;
    return NULL;
}

void gx_markup_add_cell(struct gx_markup_walk *w, struct gx_line *line)
{
    gx_markup_take_text(w);
    gx_line_add_cell(line, w->scratch.buf, w->scratch.len);
}

enum gx_status gx_markup_walk_finish(struct gx_markup_walk *w,
                                     const char *too_deep, struct gx_diag *d)
{
    gx_strbuf_release(&w->text);
    gx_strbuf_release(&w->scratch);
    if (w->too_deep)
        return gx_diag_set(d, GX_ERR_LIMIT, too_deep, GX_MAX_XML_DEPTH);
    if (w->too_wide)
        return gx_diag_set(d, GX_ERR_LIMIT, "a table row has more than %u "
                           "cells", GX_MAX_CELLS_PER_LINE);
    return GX_OK;
}
