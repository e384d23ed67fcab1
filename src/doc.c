#include "doc.h"

#include <stdlib.h>
#include <string.h>

#include "input_limits.h"
#include "strbuf.h"
#include "util.h"

void gx_doc_init(struct gx_doc *doc)
{
    memset(doc, 0, sizeof(*doc));
}

void gx_doc_release(struct gx_doc *doc)
{
    for (size_t i = 0; i < doc->nlines; i++) {
        struct gx_line *l = &doc->lines[i];
        for (size_t c = 0; c < l->ncells; c++) free(l->cells[c]);
        free(l->cells);
    }
    free(doc->lines);
    gx_doc_init(doc);
}

struct gx_line *gx_doc_add_line(struct gx_doc *doc, enum gx_line_kind kind,
                                unsigned src_line)
{
    struct gx_line *l;
    if (doc->nlines >= GX_MAX_DOC_LINES) {
        l = &doc->lines[doc->nlines - 1];
        for (size_t c = 0; c < l->ncells; c++) free(l->cells[c]);
        free(l->cells);
        doc->too_long = 1;
    } else {
        GX_GROW(doc->lines, doc->nlines + 1, doc->cap);
        l = &doc->lines[doc->nlines++];
    }
    memset(l, 0, sizeof(*l));
    l->kind = kind;
    l->src_line = src_line;
    return l;
}

static int is_ascii_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

void gx_line_add_cell(struct gx_line *line, const char *text, size_t len)
{
    while (len && is_ascii_space(*text)) text++, len--;
    while (len && is_ascii_space(text[len - 1])) len--;
    GX_GROW(line->cells, line->ncells + 1, line->cap);
    line->cells[line->ncells++] = gx_xstrndup(text, len);
}

char *gx_doc_dump(const struct gx_doc *doc)
{
    struct gx_strbuf sb = GX_STRBUF_INIT;
    for (size_t i = 0; i < doc->nlines; i++) {
        const struct gx_line *l = &doc->lines[i];
        for (size_t c = 0; c < l->ncells; c++) {
            if (c) gx_strbuf_adds(&sb, " | ");
            gx_strbuf_adds(&sb, l->cells[c]);
        }
        gx_strbuf_addch(&sb, '\n');
    }
    return gx_strbuf_detach(&sb, NULL);
}
