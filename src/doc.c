#include "doc.h"

#include <stdlib.h>
#include <string.h>

#include "input_limits.h"
#include "strbuf.h"
#include "util.h"

/* Cell text is copied into blocks of the doc's store, newest first: a
 * malloc and a free per cell were a tenth of reading a text report. */
enum { STORE_BLOCK = 16384 };

struct store_block {
    struct store_block *next;
    size_t used, size;
    char data[];
};

struct gx_cell_store {
    struct store_block *blocks;
};

static char *store_copy(struct gx_cell_store *st, const char *text, size_t len)
{
    struct store_block *b = st->blocks;
    if (!b || b->size - b->used < len + 1) {
        /* A cell of more than a quarter block gets a block of its own,
         * behind the one being filled, whose free room is kept. */
        int own = len + 1 > STORE_BLOCK / 4;
        size_t size = own ? len + 1 : STORE_BLOCK;
        struct store_block *nb = gx_xmalloc(sizeof(*nb) + size);
        nb->used = 0;
        nb->size = size;
        if (own && b) {
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            st->blocks = nb;
        }
        b = nb;
    }
    char *s = b->data + b->used;
    memcpy(s, text, len);
    s[len] = '\0';
    b->used += len + 1;
    return s;
}

static void store_free(struct gx_cell_store *st)
{
    if (!st) return;
    for (struct store_block *b = st->blocks, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(st);
}

void gx_doc_init(struct gx_doc *doc)
{
    memset(doc, 0, sizeof(*doc));
}

void gx_doc_release(struct gx_doc *doc)
{
    for (size_t i = 0; i < doc->nlines; i++) free(doc->lines[i].cells);
    free(doc->lines);
    store_free(doc->store);
    gx_doc_init(doc);
}

struct gx_line *gx_doc_add_line(struct gx_doc *doc, enum gx_line_kind kind,
                                unsigned src_line)
{
    struct gx_line *l;
    if (!doc->store) doc->store = gx_xcalloc(1, sizeof(*doc->store));
    if (doc->nlines >= GX_MAX_DOC_LINES) {
        /* The dropped cells' text stays in the store till the doc goes. */
        l = &doc->lines[doc->nlines - 1];
        free(l->cells);
        doc->too_long = 1;
    } else {
        GX_GROW(doc->lines, doc->nlines + 1, doc->cap);
        l = &doc->lines[doc->nlines++];
    }
    memset(l, 0, sizeof(*l));
    l->kind = kind;
    l->src_line = src_line;
    l->store = doc->store;
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
    line->cells[line->ncells++] = store_copy(line->store, text, len);
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
