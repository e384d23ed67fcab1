/* dom_html.h - the oracle of fuzz_html: the page gx_read_html hands
 * libxml2, parsed into libxml2's own tree (htmlReadMemory) and walked the
 * way read_html.c walked it before it built its own tree from SAX events.
 * read_html.c promises the same doc; fuzz_html checks it on every input,
 * so a libxml2 whose tree builder changes shows here (docs/FUZZING.md). */
#ifndef GX_FUZZ_DOM_HTML_H
#define GX_FUZZ_DOM_HTML_H

#include <limits.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "input_limits.h"
#include "markup.h"
#include "normalise.h"
#include "reader.h"

/* The element names below are read_html.c's `classes[]` again: the
 * oracle checks how the tree is built, not which names mean what, so a
 * name added or moved there must be added or moved here too, or the
 * fuzz target reports a difference. */

struct dom_html_walk {
    struct gx_markup_walk m;
    unsigned text_line;
};

static int dom_html_in(const xmlChar *name, const char *const *list)
{
    for (; *list; list++)
        if (!strcmp((const char *)name, *list)) return 1;
    return 0;
}

static int dom_html_is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static int dom_html_skipped(const xmlNode *n)
{
    static const char *const names[] = {
        "head", "script", "style", "noscript", "template", "select",
        "textarea", "iframe", "object", "button", NULL};
    return n->type == XML_ELEMENT_NODE && dom_html_in(n->name, names);
}

static int dom_html_block(const xmlNode *n)
{
    static const char *const names[] = {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
        "dl", "dt", "dd", "table", "caption", "thead", "tbody", "tfoot",
        "tr", "td", "th", "section", "article", "header", "footer", "nav",
        "aside", "main", "blockquote", "address", "center", "form",
        "fieldset", "legend", "hr", "figure", "figcaption", "details",
        "summary", "body", "html", "title", "pre", NULL};
    return n->type == XML_ELEMENT_NODE && dom_html_in(n->name, names);
}

static int dom_html_text(const xmlNode *n)
{
    return (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
           n->content;
}

static int dom_html_cell(const xmlNode *n)
{
    return dom_html_is(n, "td") || dom_html_is(n, "th");
}

static unsigned dom_html_line(const xmlNode *n)
{
    long line = xmlGetLineNo(n);
    return line > 0 && line <= (long)UINT_MAX ? (unsigned)line : 0;
}

static int dom_html_holds(const xmlNode *n, const char *name, unsigned depth)
{
    if (depth > GX_MAX_XML_DEPTH) return 0;
    for (const xmlNode *c = n->children; c; c = c->next)
        if (dom_html_is(c, name) || dom_html_holds(c, name, depth + 1))
            return 1;
    return 0;
}

static void dom_html_flush(struct dom_html_walk *w)
{
    gx_markup_add_para(&w->m, w->text_line);
    w->text_line = 0;
}

static void dom_html_add_text(struct dom_html_walk *w, const xmlNode *n)
{
    const char *s = (const char *)n->content;
    if (!w->text_line) {
        for (const char *p = s; *p; p++)
            if (!gx_markup_is_space(*p)) {
                w->text_line = dom_html_line(n);
                break;
            }
    }
    gx_strbuf_adds(&w->m.text, s);
}

static void dom_html_collect(struct dom_html_walk *w, const xmlNode *n,
                             char sep, unsigned depth)
{
    if (gx_markup_too_deep(&w->m, depth)) return;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (dom_html_text(c)) {
            gx_strbuf_adds(&w->m.text, (const char *)c->content);
        } else if (dom_html_is(c, "br")) {
            gx_strbuf_addch(&w->m.text, sep);
        } else if (c->type == XML_ELEMENT_NODE && !dom_html_skipped(c)) {
            int block = dom_html_block(c);
            if (block) gx_strbuf_addch(&w->m.text, sep);
            dom_html_collect(w, c, sep, depth + 1);
            if (block) gx_strbuf_addch(&w->m.text, sep);
        }
    }
}

static void dom_html_add_cell(struct dom_html_walk *w, struct gx_markup_row *r,
                              const xmlNode *cell, unsigned depth)
{
    struct gx_line *line = gx_markup_row_line(&w->m, r);
    if (!line) return;
    gx_strbuf_reset(&w->m.text);
    dom_html_collect(w, cell, ' ', depth);
    gx_markup_add_cell(&w->m, line);
}

static void dom_html_row_cells(struct dom_html_walk *w,
                               struct gx_markup_row *r, const xmlNode *parent,
                               unsigned depth)
{
    if (gx_markup_too_deep(&w->m, depth)) return;
    for (const xmlNode *c = parent->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || dom_html_skipped(c)) continue;
        if (dom_html_cell(c))
            dom_html_add_cell(w, r, c, depth + 1);
        else
            dom_html_row_cells(w, r, c, depth + 1);
    }
}

static void dom_html_rows(struct dom_html_walk *w, const xmlNode *n,
                          unsigned id, unsigned depth)
{
    if (gx_markup_too_deep(&w->m, depth)) return;
    struct gx_markup_row loose = {NULL, id, dom_html_line(n)};
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || dom_html_skipped(c)) continue;
        if (dom_html_cell(c)) {
            dom_html_add_cell(w, &loose, c, depth + 1);
            continue;
        }
        loose.line = NULL;
        if (dom_html_is(c, "tr")) {
            struct gx_markup_row r = {NULL, id, dom_html_line(c)};
            dom_html_row_cells(w, &r, c, depth + 1);
        } else if (dom_html_is(c, "caption")) {
            w->text_line = dom_html_line(c);
            dom_html_collect(w, c, ' ', depth + 1);
            dom_html_flush(w);
        } else {
            dom_html_rows(w, c, id, depth + 1);
        }
    }
}

static void dom_html_children(struct dom_html_walk *w, const xmlNode *n,
                              unsigned depth);

static void dom_html_element(struct dom_html_walk *w, const xmlNode *n,
                             unsigned depth)
{
    if (dom_html_skipped(n)) return;
    if (dom_html_is(n, "br")) {
        dom_html_flush(w);
    } else if (dom_html_is(n, "table") &&
               !dom_html_holds(n, "table", depth)) {
        dom_html_flush(w);
        dom_html_rows(w, n, ++w->m.tables, depth + 1);
    } else if (dom_html_is(n, "pre")) {
        dom_html_flush(w);
        dom_html_collect(w, n, '\n', depth + 1);
        gx_strbuf_reset(&w->m.scratch);
        gx_normalise(w->m.text.buf, w->m.text.len, &w->m.scratch);
        gx_strbuf_reset(&w->m.text);
        gx_text_to_doc(w->m.scratch.buf, w->m.scratch.len, w->m.doc);
    } else if (dom_html_block(n)) {
        dom_html_flush(w);
        dom_html_children(w, n, depth + 1);
        dom_html_flush(w);
    } else {
        dom_html_children(w, n, depth + 1);
    }
}

static void dom_html_children(struct dom_html_walk *w, const xmlNode *n,
                              unsigned depth)
{
    if (gx_markup_too_deep(&w->m, depth)) return;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (dom_html_text(c))
            dom_html_add_text(w, c);
        else if (c->type == XML_ELEMENT_NODE)
            dom_html_element(w, c, depth);
    }
}

static const xmlNode *dom_html_child(const xmlNode *n, const char *name)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (dom_html_is(c, name)) return c;
    return NULL;
}

static enum gx_status dom_html_walk_tree(const xmlDoc *tree,
                                         struct gx_doc *doc,
                                         struct gx_diag *d)
{
    struct dom_html_walk w = {.text_line = 0};
    gx_markup_walk_init(&w.m, doc);
    const xmlNode *root = xmlDocGetRootElement(tree);
    if (root) {
        const xmlNode *title =
            dom_html_child(dom_html_child(root, "head"), "title");
        if (title && !dom_html_holds(root, "h1", 0)) {
            w.text_line = dom_html_line(title);
            dom_html_collect(&w, title, ' ', 0);
            dom_html_flush(&w);
        }
        dom_html_element(&w, root, 0);
        dom_html_flush(&w);
    }
    return gx_markup_walk_finish(&w.m, "elements nest deeper than %u", d);
}

/* gx_read_html with libxml2's own tree. */
static enum gx_status dom_read_html(const char *data, size_t len,
                                    struct gx_doc *doc, struct gx_diag *d)
{
    struct gx_strbuf page = GX_STRBUF_INIT;
    enum gx_status st = gx_html_page(data, len, &page, doc, d);
    if (st == GX_OK && page.len > INT_MAX)
        st = gx_diag_set(d, GX_ERR_LIMIT, "page larger than 2 GB");
    if (st == GX_OK && page.len > 0) {
        /* The charset is applied already: "UTF-8" also keeps libxml2 from
         * switching again when it meets a <meta>. */
        htmlDocPtr tree = htmlReadMemory(page.buf, (int)page.len, NULL,
                                         "UTF-8", gx_html_parse_options);
        if (tree)
            st = dom_html_walk_tree(tree, doc, d);
        else
            st = gx_diag_set(d, GX_ERR_FORMAT,
                             "libxml2 cannot parse the page");
        xmlFreeDoc(tree);
    }
    gx_strbuf_release(&page);
    return st;
}

#endif
