/* fuzz.h - what every libFuzzer entry point of tests/fuzz/ shares: the
 * checks a doc must pass whatever the input (doc.h promises UTF-8 cells),
 * and the templates, loaded once.
 *
 * Built by scripts/fuzz only: clang -fsanitize=fuzzer,address,undefined
 * over the sources of src/ (less main.c) and one fuzz_NAME.c.
 * FUZZ_TEMPLATES_DIR is set there to the repository's templates/;
 * $GAIRX_TEMPLATES overrides it. */
#ifndef GX_FUZZ_H
#define GX_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "doc.h"
#include "reader.h"
#include "template.h"
#include "utf8.h"

#ifndef FUZZ_TEMPLATES_DIR
#define FUZZ_TEMPLATES_DIR "templates"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken promise is a finding: abort so libFuzzer keeps the input. */
static inline void fuzz_fail(const char *what, size_t line, size_t cell)
{
    fprintf(stderr, "fuzz: %s (doc line %zu, cell %zu)\n", what, line, cell);
    abort();
}

/* As fuzz_fail, showing the cell's bytes (escaped) first. */
static inline void fuzz_fail_cell(const char *what, size_t line, size_t cell,
                                  const char *s)
{
    fprintf(stderr, "fuzz: cell \"");
    for (size_t i = 0; s[i] && i < 120; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 32 && c < 127 && c != '\\') fputc(c, stderr);
        else fprintf(stderr, "\\x%02x", c);
    }
    fprintf(stderr, "\"\n");
    fuzz_fail(what, line, cell);
}

/* Every cell NUL-terminated, well-formed UTF-8 and trimmed. */
static inline void fuzz_check_doc(const struct gx_doc *doc)
{
    for (size_t i = 0; i < doc->nlines; i++) {
        const struct gx_line *l = &doc->lines[i];
        if (l->ncells > l->cap) fuzz_fail("ncells > cap", i, 0);
        for (size_t c = 0; c < l->ncells; c++) {
            const char *s = l->cells[c];
            size_t n = 0;
            while (s[n]) n++;
            if (!gx_utf8_valid(s, n)) fuzz_fail_cell("cell is not UTF-8", i, c, s);
            if (n && (s[0] == ' ' || s[n - 1] == ' '))
                fuzz_fail_cell("cell is not trimmed", i, c, s);
        }
    }
}

/* A reader of a file's bytes (reader.h): gx_read_html, gx_read_docx. */
typedef enum gx_status (*fuzz_reader)(const char *data, size_t len,
                                      struct gx_doc *doc, struct gx_diag *d);

/* Runs `read` on the bytes into `doc` (libxml2 set up once, as gairx
 * does before its threads) and checks the doc it gives; returns its
 * status, d filled. */
static inline enum gx_status fuzz_read_into(fuzz_reader read,
                                            const void *data, size_t size,
                                            struct gx_doc *doc,
                                            struct gx_diag *d)
{
    static int inited;
    if (!inited) {
        xmlInitParser();
        inited = 1;
    }
    enum gx_status st = read((const char *)data, size, doc, d);
    if (st == GX_OK) fuzz_check_doc(doc);
    return st;
}

/* fuzz_read_into a doc of its own. */
static inline enum gx_status fuzz_read(fuzz_reader read, const void *data,
                                       size_t size, struct gx_diag *d)
{
    struct gx_doc doc;
    gx_doc_init(&doc);
    enum gx_status st = fuzz_read_into(read, data, size, &doc, d);
    gx_doc_release(&doc);
    return st;
}

/* Two docs the same: lines of the same kind, source line and table, with
 * the same cells. */
static inline int fuzz_same_doc(const struct gx_doc *a, const struct gx_doc *b)
{
    if (a->nlines != b->nlines || strcmp(a->encoding, b->encoding)) return 0;
    for (size_t i = 0; i < a->nlines; i++) {
        const struct gx_line *x = &a->lines[i], *y = &b->lines[i];
        if (x->kind != y->kind || x->src_line != y->src_line ||
            x->table_id != y->table_id || x->ncells != y->ncells)
            return 0;
        for (size_t c = 0; c < x->ncells; c++)
            if (strcmp(x->cells[c], y->cells[c])) return 0;
    }
    return 1;
}

/* Runs `read` on the bytes as fuzz_read does, then `oracle`: a reader
 * that builds its own tree from libxml2's SAX events and one that walks
 * libxml2's own tree must give the same status, message and doc.
 * Returns read's status, d filled. */
static inline enum gx_status fuzz_read_twice(fuzz_reader read,
                                             fuzz_reader oracle,
                                             const void *data, size_t size,
                                             struct gx_diag *d)
{
    struct gx_diag od = {0};
    struct gx_doc doc, odoc;
    gx_doc_init(&doc);
    gx_doc_init(&odoc);
    enum gx_status st = fuzz_read_into(read, data, size, &doc, d);
    enum gx_status ost = oracle((const char *)data, size, &odoc, &od);
    if (ost != st || strcmp(od.message, d->message) ||
        !fuzz_same_doc(&doc, &odoc)) {
        char *mine = gx_doc_dump(&doc), *theirs = gx_doc_dump(&odoc);
        fprintf(stderr, "fuzz: status %d [%s], libxml2's tree %d [%s]\n"
                "--- SAX tree:\n%s--- libxml2's tree:\n%s", (int)st,
                d->message, (int)ost, od.message, mine, theirs);
        fuzz_fail("the reader's doc is not libxml2's tree's", 0, 0);
    }
    gx_doc_release(&doc);
    gx_doc_release(&odoc);
    return st;
}

/* The templates of the repository, loaded on first use and kept. */
static inline const struct gx_templates *fuzz_templates(void)
{
    static struct gx_templates *tpl;
    if (!tpl) {
        struct gx_diag d = {0};
        const char *dir = getenv("GAIRX_TEMPLATES");
        tpl = gx_templates_load(dir && *dir ? dir : FUZZ_TEMPLATES_DIR, &d);
        if (!tpl) {
            fprintf(stderr, "fuzz: cannot load templates: %s\n", d.message);
            abort();
        }
    }
    return tpl;
}

#endif
