#include "doc.h"

#include <stdlib.h>
#include <string.h>

#include "input_limits.h"
#include "number.h"
#include "strbuf.h"
#include "util.h"

/* Cell text is copied into blocks of the doc's store, newest first: a
 * malloc and a free per cell were a tenth of reading a text report. */
enum { STORE_BLOCK = 16384 };

struct store_block {
    struct store_block *next;
    size_t used, size;
    char data[];   /* after a pointer and two sizes: aligned for either */
};

struct gx_cell_store {
    struct store_block *blocks;
};

/* Room for `size` bytes at a multiple of `align` (a power of two, at
 * most a pointer's alignment) in the store. */
static void *store_alloc(struct gx_cell_store *st, size_t size, size_t align)
{
    struct store_block *b = st->blocks;
    size_t at = b ? (b->used + align - 1) & ~(align - 1) : 0;
    if (!b || at > b->size || b->size - at < size) {
        /* Something of more than a quarter block gets a block of its own,
         * behind the one being filled, whose free room is kept. */
        int own = size > STORE_BLOCK / 4;
        size_t bsize = own ? size : STORE_BLOCK;
        struct store_block *nb = gx_xmalloc(sizeof(*nb) + bsize);
        nb->used = 0;
        nb->size = bsize;
        if (own && b) {
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            st->blocks = nb;
        }
        b = nb;
        at = 0;
    }
    b->used = at + size;
    return b->data + at;
}

static char *store_copy(struct gx_cell_store *st, const char *text, size_t len)
{
    char *s = store_alloc(st, len + 1, 1);
    memcpy(s, text, len);
    s[len] = '\0';
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
        /* The dropped cells stay in the store till the doc goes. */
        l = &doc->lines[doc->nlines - 1];
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
    if (line->ncells == line->cap) {
        /* The array too is in the store: a full one is copied to one
         * twice its size, the old one left till the doc goes. */
        size_t cap = line->cap ? line->cap * 2 : 8;
        char **cells = store_alloc(line->store, cap * sizeof(*cells),
                                   _Alignof(char *));
        if (line->ncells) memcpy(cells, line->cells, line->ncells * sizeof(*cells));
        line->cells = cells;
        line->cap = cap;
    }
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

/* ---- text that lost its line breaks --------------------------------------- */

enum {
    FLAT_MIN_WORDS = 20,    /* 表四 alone: 19 headings and 15 values; a
                               printed row has fewer than 12 words */
    FLAT_MAX_WORDS = 20000, /* a whole report has a few thousand: a line
                               of more is not split into a line a word */
    FLAT_MIN_RUN = 3,       /* values side by side, as a row prints them */
    FLAT_WORD_MAX = 63      /* a longer word is no value */
};

/* The word starting at s[i] ends at the returned index. */
static size_t word_end(const char *s, size_t n, size_t i)
{
    while (i < n && s[i] != ' ') i++;
    return i;
}

static int is_value_word(const char *s, size_t n)
{
    struct gx_token tok;
    return n <= FLAT_WORD_MAX && gx_number_parse_n(s, n, &tok);
}

/* Words are counted first: nearly every line has too few, and is passed
 * without a number parsed.  A table row prints three values or more side
 * by side; prose with spaced numbers ("收到 56 件，其中 40 件") does not. */
int gx_text_is_flattened_table(const char *s, size_t n)
{
    size_t words = 0, values = 0, run = 0, longest = 0;
    for (size_t i = 0; i < n && words <= FLAT_MAX_WORDS;
         i = word_end(s, n, i)) {
        while (i < n && s[i] == ' ') i++;
        words += i < n;
    }
    if (words < FLAT_MIN_WORDS || words > FLAT_MAX_WORDS) return 0;
    for (size_t i = 0; i < n;) {
        if (values * 4 >= words && longest >= FLAT_MIN_RUN) return 1;
        while (i < n && s[i] == ' ') i++;
        size_t e = word_end(s, n, i);
        if (e > i && is_value_word(s + i, e - i)) {
            values++;
            if (++run > longest) longest = run;
        } else {
            run = 0;
        }
        i = e;
    }
    return values * 4 >= words && longest >= FLAT_MIN_RUN;
}

void gx_doc_add_words(struct gx_doc *doc, enum gx_line_kind kind,
                      unsigned src_line, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        if (s[i] == ' ') {
            i++;
            continue;
        }
        size_t e = word_end(s, n, i);
        gx_line_add_cell(gx_doc_add_line(doc, kind, src_line), s + i, e - i);
        i = e;
    }
}
