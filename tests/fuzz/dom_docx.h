/* dom_docx.h - the oracle of fuzz_docx and fuzz_docx_xml: the
 * word/document.xml gx_read_docx hands libxml2, parsed into libxml2's own
 * tree (xmlReadMemory) and walked the way read_docx.c walked it before it
 * built its own tree from SAX events.  read_docx.c promises the same doc
 * (docs/FUZZING.md). */
#ifndef GX_FUZZ_DOM_DOCX_H
#define GX_FUZZ_DOM_DOCX_H

#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "input_limits.h"
#include "markup.h"
#include "reader.h"

static int dom_docx_ns(const xmlNode *n, const char *href)
{
    return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
           !strcmp((const char *)n->ns->href, href);
}

/* The element names below are read_docx.c's `is_skipped` and
 * `kind_of` again: the oracle checks how the tree is built, not which
 * names mean what, so a name added or moved there must be added or
 * moved here too, or the fuzz targets report a difference. */

/* A WordprocessingML element called `name` (transitional or strict). */
static int dom_docx_is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE &&
           !strcmp((const char *)n->name, name) &&
           (dom_docx_ns(n, "http://schemas.openxmlformats.org/"
                           "wordprocessingml/2006/main") ||
            dom_docx_ns(n, "http://purl.oclc.org/ooxml/wordprocessingml/"
                           "main"));
}

static int dom_docx_skipped(const xmlNode *n)
{
    static const char *const names[] = {
        "pPr", "rPr", "tblPr", "trPr", "tcPr", "sectPr", "sdtPr",
        "tblGrid", "moveFrom", NULL};
    for (const char *const *p = names; *p; p++)
        if (dom_docx_is(n, *p)) return 1;
    return dom_docx_ns(n, "http://schemas.openxmlformats.org/"
                          "markup-compatibility/2006") &&
           !strcmp((const char *)n->name, "Fallback");
}

static const xmlNode *dom_docx_child(const xmlNode *n, const char *name)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (dom_docx_is(c, name)) return c;
    return NULL;
}

static const char *dom_docx_attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n ? n->properties : NULL; a; a = a->next)
        if (!strcmp((const char *)a->name, name) && a->children &&
            a->children->type == XML_TEXT_NODE)
            return (const char *)a->children->content;
    return NULL;
}

static int dom_docx_covered(const xmlNode *tc)
{
    const xmlNode *pr = dom_docx_child(tc, "tcPr");
    const xmlNode *v = dom_docx_child(pr, "vMerge");
    const xmlNode *h = dom_docx_child(pr, "hMerge");
    const char *vv = dom_docx_attr(v, "val"), *hv = dom_docx_attr(h, "val");
    return (v && (!vv || strcmp(vv, "restart"))) ||
           (h && (!hv || strcmp(hv, "restart")));
}

static int dom_docx_holds_table(const xmlNode *n, unsigned depth)
{
    if (depth > GX_MAX_XML_DEPTH) return 0;
    for (const xmlNode *c = n->children; c; c = c->next)
        if (dom_docx_is(c, "tbl") || dom_docx_holds_table(c, depth + 1))
            return 1;
    return 0;
}

struct dom_docx_walk {
    struct gx_markup_walk m;
    unsigned blocks;
};

static void dom_docx_runs(struct dom_docx_walk *w, const xmlNode *n,
                          unsigned depth)
{
    if (gx_markup_too_deep(&w->m, depth)) return;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || dom_docx_skipped(c)) continue;
        if (dom_docx_is(c, "t")) {
            for (const xmlNode *t = c->children; t; t = t->next)
                if ((t->type == XML_TEXT_NODE ||
                     t->type == XML_CDATA_SECTION_NODE) && t->content)
                    gx_strbuf_adds(&w->m.text, (const char *)t->content);
        } else if (dom_docx_is(c, "tab") || dom_docx_is(c, "ptab") ||
                   dom_docx_is(c, "br") || dom_docx_is(c, "cr")) {
            gx_strbuf_addch(&w->m.text, ' ');
        } else if (dom_docx_is(c, "noBreakHyphen")) {
            gx_strbuf_addch(&w->m.text, '-');
        } else {
            if (dom_docx_is(c, "p")) gx_strbuf_addch(&w->m.text, ' ');
            dom_docx_runs(w, c, depth + 1);
        }
    }
}

static void dom_docx_row_cells(struct dom_docx_walk *w,
                               struct gx_markup_row *r, const xmlNode *parent,
                               unsigned depth)
{
    if (gx_markup_too_deep(&w->m, depth)) return;
    for (const xmlNode *c = parent->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || dom_docx_skipped(c)) continue;
        if (!dom_docx_is(c, "tc")) {
            dom_docx_row_cells(w, r, c, depth + 1);
            continue;
        }
        if (dom_docx_covered(c)) continue;
        struct gx_line *line = gx_markup_row_line(&w->m, r);
        if (!line) continue;
        gx_strbuf_reset(&w->m.text);
        dom_docx_runs(w, c, depth + 1);
        gx_markup_add_cell(&w->m, line);
    }
}

static void dom_docx_rows(struct dom_docx_walk *w, const xmlNode *n,
                          unsigned id, unsigned depth)
{
    if (gx_markup_too_deep(&w->m, depth)) return;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || dom_docx_skipped(c)) continue;
        if (dom_docx_is(c, "tr")) {
            struct gx_markup_row r = {NULL, id, ++w->blocks};
            dom_docx_row_cells(w, &r, c, depth + 1);
        } else {
            dom_docx_rows(w, c, id, depth + 1);
        }
    }
}

static void dom_docx_blocks(struct dom_docx_walk *w, const xmlNode *n,
                            unsigned depth)
{
    if (gx_markup_too_deep(&w->m, depth)) return;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || dom_docx_skipped(c)) continue;
        if (dom_docx_is(c, "p")) {
            w->blocks++;
            gx_strbuf_reset(&w->m.text);
            dom_docx_runs(w, c, depth + 1);
            gx_markup_add_para(&w->m, w->blocks);
        } else if (dom_docx_is(c, "tbl") && !dom_docx_holds_table(c, depth)) {
            dom_docx_rows(w, c, ++w->m.tables, depth + 1);
        } else {
            dom_docx_blocks(w, c, depth + 1);
        }
    }
}

/* gx_read_docx with libxml2's own tree. */
static enum gx_status dom_read_docx(const char *data, size_t len,
                                    struct gx_doc *doc, struct gx_diag *d)
{
    struct gx_strbuf xml = GX_STRBUF_INIT;
    enum gx_status st = gx_docx_document(data, len, &xml, d);
    if (st == GX_OK) {
        xmlDocPtr tree = xmlReadMemory(xml.buf, (int)xml.len,
                                       "word/document.xml", NULL,
                                       gx_docx_parse_options);
        const xmlNode *body =
            dom_docx_child(tree ? xmlDocGetRootElement(tree) : NULL, "body");
        if (body) {
            struct dom_docx_walk w = {.blocks = 0};
            gx_markup_walk_init(&w.m, doc);
            dom_docx_blocks(&w, body, 0);
            st = gx_markup_walk_finish(&w.m, "document.xml nests deeper "
                                       "than %u elements", d);
        } else {
            st = gx_diag_set(d, GX_ERR_FORMAT, "truncated or damaged %s",
                             "word/document.xml");
        }
        xmlFreeDoc(tree);
    }
    gx_strbuf_release(&xml);
    return st;
}

#endif
