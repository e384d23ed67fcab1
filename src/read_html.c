/* read_html.c - HTML pages (.html .htm) into doc lines.
 *
 * The bytes are decoded to UTF-8 first (a BOM, else UTF-8 when they are
 * valid UTF-8, else the <meta> charset, else GB18030), so libxml2 only
 * ever sees UTF-8.  The tree is walked in document order: text outside
 * tables becomes GX_LINE_PARA lines, one per block element (or
 * <br>-separated run); every <tr> of a table becomes a GX_LINE_ROW line of
 * the cells that start in that row.
 *
 * Cells covered by a rowspan or colspan are not <td> elements at all, so
 * the cells that start in a row are exactly the row's own <td>/<th> in
 * source order, which is also their column order.  No grid is needed to
 * emit them, and absurd or inconsistent spans cannot hurt: span attributes
 * are never read.
 *
 * Nested tables: a table that holds another table is taken as layout (the
 * page frame many government sites wrap their content in).  Its cells are
 * walked like any other block, so their text becomes PARA lines and the
 * inner tables become tables of their own, in document order.
 *
 * <pre> text keeps its line breaks and goes through gx_text_to_doc(), so a
 * tab-separated table pasted into a page still reads as rows. */
#include <stdio.h>
#include <limits.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "input_limits.h"
#include "normalise.h"
#include "reader.h"
#include "strbuf.h"
#include "utf8.h"

/* How far into the file a <meta> charset is looked for: the HTML standard
 * says 1024 bytes, but real pages put long <script> blocks first. */
#define SNIFF_BYTES 4096
#define HTML_OPTIONS                                                        \
    (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |       \
     HTML_PARSE_NONET)

struct html_walk {
    struct gx_doc *doc;
    struct gx_strbuf text;    /* raw text of the open paragraph or cell */
    struct gx_strbuf scratch; /* its normal form */
    unsigned text_line;       /* source line where the open paragraph began */
    unsigned tables;          /* table ids handed out so far */
    int too_deep, too_wide;   /* a limit was hit: the rest was skipped */
};

/* ---- charset ---------------------------------------------------------- */

/* Finds `needle` (lower-case ASCII) in s[0..n), ignoring ASCII case. */
static const char *find_ci(const char *s, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    for (size_t i = 0; i + m <= n; i++)
        if (!strncasecmp(s + i, needle, m)) return s + i;
    return NULL;
}

static int is_charset_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
           c == ':';
}

/* Reads the name after "charset": spaces, '=', an optional quote, then
 * the name itself. */
static int charset_value(const char *p, const char *end, char *cs,
                         size_t size)
{
    size_t k = 0;
    while (p < end && (*p == ' ' || *p == '\t')) p++;
    if (p >= end || *p != '=') return 0;
    p++;
    while (p < end && (*p == ' ' || *p == '"' || *p == '\'')) p++;
    while (p < end && k + 1 < size && is_charset_char(*p)) cs[k++] = *p++;
    cs[k] = '\0';
    return k > 0;
}

/* Copies the charset a <meta> tag in the first SNIFF_BYTES declares into
 * cs; 1 when there is one.  Both <meta charset="gbk"> and <meta
 * http-equiv=... content="text/html; charset=gbk"> name it after
 * "charset". */
static int sniff_charset(const char *data, size_t len, char *cs, size_t size)
{
    const char *end = data + (len < SNIFF_BYTES ? len : SNIFF_BYTES);
    const char *p = data;
    while ((p = find_ci(p, (size_t)(end - p), "<meta")) != NULL) {
        const char *tag_end = memchr(p, '>', (size_t)(end - p));
        if (!tag_end) tag_end = end;
        const char *c = find_ci(p, (size_t)(tag_end - p), "charset");
        if (c && charset_value(c + 7, tag_end, cs, size)) return 1;
        p = tag_end;
    }
    return 0;
}

static enum gx_status decode_page(const char *data, size_t len,
                                  struct gx_strbuf *out, char *encoding,
                                  size_t encsize, struct gx_diag *d)
{
    char cs[40];
    const char *used = NULL;
    int declared = sniff_charset(data, len, cs, sizeof(cs));
    /* gx_decode takes valid UTF-8 over the declaration (pages often
     * declare gb2312 and are UTF-8). */
    if (gx_decode(data, len, declared ? cs : NULL, out, &used) == 0) {
        snprintf(encoding, encsize, "%s", used ? used : "");
        return GX_OK;
    }
    if (declared)
        return gx_diag_set(d, GX_ERR_DECODE,
                           "not text in its declared charset '%s', utf-8 "
                           "or gb18030", cs);
    return gx_diag_set(d, GX_ERR_DECODE, "not text in utf-8 or gb18030");
}

/* Length of a Word "downlevel-revealed" conditional at s ("<![if
 * !supportLists]>", "<![endif]>"), or 0.  Word's HTML export wraps list
 * numbers such as "一、" in them; browsers show the content and drop the
 * markers, but libxml2 keeps the markers as text. */
static size_t conditional_at(const char *s, size_t n)
{
    if (n < 6 || memcmp(s, "<![", 3) ||
        (strncasecmp(s + 3, "if", 2) && strncasecmp(s + 3, "endif", 5)))
        return 0;
    const char *end = memchr(s, '>', n < 256 ? n : 256);
    return end && end[-1] == ']' ? (size_t)(end - s) + 1 : 0;
}

static void strip_conditionals(struct gx_strbuf *page)
{
    size_t out = 0;
    for (size_t i = 0; i < page->len;) {
        size_t skip = page->buf[i] == '<'
                          ? conditional_at(page->buf + i, page->len - i)
                          : 0;
        if (skip) {
            i += skip;
        } else {
            page->buf[out++] = page->buf[i++];
        }
    }
    page->len = out;
    if (page->cap) page->buf[out] = '\0';
}

/* ---- element classes --------------------------------------------------- */

static int in_list(const xmlChar *name, const char *const *list)
{
    for (; *list; list++)
        if (!strcmp((const char *)name, *list)) return 1;
    return 0;
}

static int is_named(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

/* Elements whose text is never report text: <head> (see emit_title),
 * scripts, and form and embedding junk around the content. */
static int is_skipped(const xmlNode *n)
{
    static const char *const names[] = {
        "head", "script", "style", "noscript", "template", "select",
        "textarea", "iframe", "object", "button", NULL};
    return n->type == XML_ELEMENT_NODE && in_list(n->name, names);
}

/* Elements that start and end a line of text. */
static int is_block(const xmlNode *n)
{
    static const char *const names[] = {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
        "dl", "dt", "dd", "table", "caption", "thead", "tbody", "tfoot",
        "tr", "td", "th", "section", "article", "header", "footer", "nav",
        "aside", "main", "blockquote", "address", "center", "form",
        "fieldset", "legend", "hr", "figure", "figcaption", "details",
        "summary", "body", "html", "title", "pre", NULL};
    return n->type == XML_ELEMENT_NODE && in_list(n->name, names);
}

static int is_text(const xmlNode *n)
{
    return (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
           n->content;
}

static unsigned line_of(const xmlNode *n)
{
    long line = xmlGetLineNo(n);
    return line > 0 && line <= (long)UINT_MAX ? (unsigned)line : 0;
}

/* 1 when the subtree under n holds an element called `name`. */
static int holds(const xmlNode *n, const char *name, unsigned depth)
{
    if (depth > GX_MAX_XML_DEPTH) return 0;
    for (const xmlNode *c = n->children; c; c = c->next)
        if (is_named(c, name) || holds(c, name, depth + 1)) return 1;
    return 0;
}

static int deeper_than_limit(struct html_walk *w, unsigned depth)
{
    if (depth <= GX_MAX_XML_DEPTH) return 0;
    w->too_deep = 1;
    return 1;
}

/* ---- text -------------------------------------------------------------- */

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/* Turns every run of ASCII whitespace into one space, in place: source
 * line breaks inside a paragraph are layout, not content. */
static void collapse_spaces(struct gx_strbuf *sb)
{
    size_t out = 0;
    for (size_t i = 0; i < sb->len; i++) {
        if (!is_space(sb->buf[i])) {
            sb->buf[out++] = sb->buf[i];
        } else if (out == 0 || sb->buf[out - 1] != ' ') {
            sb->buf[out++] = ' ';
        }
    }
    sb->len = out;
    if (sb->cap) sb->buf[out] = '\0';
}

/* Moves w->text, normalised and collapsed, into w->scratch.  Entities
 * such as &nbsp; are expanded by libxml2, after gx_decode ran, so the
 * text is normalised again here. */
static void take_text(struct html_walk *w)
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

static void flush_para(struct html_walk *w)
{
    take_text(w);
    if (has_ink(&w->scratch)) {
        struct gx_line *l =
            gx_doc_add_line(w->doc, GX_LINE_PARA, w->text_line);
        gx_line_add_cell(l, w->scratch.buf, w->scratch.len);
    }
    w->text_line = 0;
}

static void add_text(struct html_walk *w, const xmlNode *n)
{
    const char *s = (const char *)n->content;
    if (!w->text_line) {
        for (const char *p = s; *p; p++)
            if (!is_space(*p)) {
                w->text_line = line_of(n);
                break;
            }
    }
    gx_strbuf_adds(&w->text, s);
}

/* Appends the text under n to w->text as one run: a <br> or a block
 * boundary becomes `sep` (a space in a cell, a line break in <pre>). */
static void collect_text(struct html_walk *w, const xmlNode *n, char sep,
                         unsigned depth)
{
    if (deeper_than_limit(w, depth)) return;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (is_text(c)) {
            gx_strbuf_adds(&w->text, (const char *)c->content);
        } else if (is_named(c, "br")) {
            gx_strbuf_addch(&w->text, sep);
        } else if (c->type == XML_ELEMENT_NODE && !is_skipped(c)) {
            int block = is_block(c);
            if (block) gx_strbuf_addch(&w->text, sep);
            collect_text(w, c, sep, depth + 1);
            if (block) gx_strbuf_addch(&w->text, sep);
        }
    }
}

/* ---- tables ------------------------------------------------------------ */

struct html_row {
    const xmlNode *tr;
    struct gx_line *line;     /* created with the row's first cell */
    unsigned table_id;
};

static void add_cell(struct html_walk *w, struct html_row *r,
                     const xmlNode *cell, unsigned depth)
{
    if (!r->line) {
        r->line = gx_doc_add_line(w->doc, GX_LINE_ROW, line_of(r->tr));
        r->line->table_id = r->table_id;
    }
    if (r->line->ncells >= GX_MAX_CELLS_PER_LINE) {
        w->too_wide = 1;
        return;
    }
    gx_strbuf_reset(&w->text);
    collect_text(w, cell, ' ', depth);
    take_text(w);
    gx_line_add_cell(r->line, w->scratch.buf, w->scratch.len);
}

/* The cells of a row are its <td>/<th> children; broken pages wrap them
 * in other elements (<form>, <font>), which are looked through. */
static void add_row_cells(struct html_walk *w, struct html_row *r,
                          const xmlNode *parent, unsigned depth)
{
    if (deeper_than_limit(w, depth)) return;
    for (const xmlNode *c = parent->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || is_skipped(c)) continue;
        if (is_named(c, "td") || is_named(c, "th"))
            add_cell(w, r, c, depth + 1);
        else
            add_row_cells(w, r, c, depth + 1);
    }
}

/* Emits the rows under n (a table with no table inside it), looking
 * through <thead>, <tbody>, <tfoot>; a <caption> is a paragraph.  Cells
 * with no <tr> around them (libxml2 does not add one) form a row of their
 * own, as in a browser. */
static void walk_rows(struct html_walk *w, const xmlNode *n, unsigned id,
                      unsigned depth)
{
    struct html_row loose = {n, NULL, id};
    if (deeper_than_limit(w, depth)) return;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || is_skipped(c)) continue;
        if (is_named(c, "td") || is_named(c, "th")) {
            add_cell(w, &loose, c, depth + 1);
            continue;
        }
        loose.line = NULL;
        if (is_named(c, "tr")) {
            struct html_row r = {c, NULL, id};
            add_row_cells(w, &r, c, depth + 1);
        } else if (is_named(c, "caption")) {
            w->text_line = line_of(c);
            collect_text(w, c, ' ', depth + 1);
            flush_para(w);
        } else {
            walk_rows(w, c, id, depth + 1);
        }
    }
}

/* ---- document flow ----------------------------------------------------- */

static void walk_children(struct html_walk *w, const xmlNode *n,
                          unsigned depth);

static void add_pre(struct html_walk *w, const xmlNode *pre, unsigned depth)
{
    collect_text(w, pre, '\n', depth);
    gx_strbuf_reset(&w->scratch);
    gx_normalise(w->text.buf, w->text.len, &w->scratch);
    gx_strbuf_reset(&w->text);
    gx_text_to_doc(w->scratch.buf, w->scratch.len, w->doc);
}

static void walk_element(struct html_walk *w, const xmlNode *n,
                         unsigned depth)
{
    if (is_skipped(n)) return;
    if (is_named(n, "br")) {
        flush_para(w);
    } else if (is_named(n, "table") && !holds(n, "table", depth)) {
        flush_para(w);
        walk_rows(w, n, ++w->tables, depth + 1);
    } else if (is_named(n, "pre")) {
        flush_para(w);
        add_pre(w, n, depth + 1);
    } else if (is_block(n)) {
        flush_para(w);
        walk_children(w, n, depth + 1);
        flush_para(w);
    } else {
        walk_children(w, n, depth + 1);
    }
}

static void walk_children(struct html_walk *w, const xmlNode *n,
                          unsigned depth)
{
    if (deeper_than_limit(w, depth)) return;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (is_text(c))
            add_text(w, c);
        else if (c->type == XML_ELEMENT_NODE)
            walk_element(w, c, depth);
    }
}

static const xmlNode *child_named(const xmlNode *n, const char *name)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (is_named(c, name)) return c;
    return NULL;
}

/* <head> is skipped, but a page whose body has no <h1> often carries its
 * report title only in <title>: that then becomes the first line. */
static void emit_title(struct html_walk *w, const xmlNode *root)
{
    const xmlNode *title = child_named(child_named(root, "head"), "title");
    if (!title || holds(root, "h1", 0)) return;
    w->text_line = line_of(title);
    collect_text(w, title, ' ', 0);
    flush_para(w);
}

static enum gx_status walk_page(const xmlDoc *page, struct gx_doc *doc,
                                struct gx_diag *d)
{
    struct html_walk w = {doc, GX_STRBUF_INIT, GX_STRBUF_INIT, 0, 0, 0, 0};
    const xmlNode *root = xmlDocGetRootElement(page);
    if (root) {
        emit_title(&w, root);
        walk_element(&w, root, 0);
        flush_para(&w);
    }
    gx_strbuf_release(&w.text);
    gx_strbuf_release(&w.scratch);
    if (w.too_deep)
        return gx_diag_set(d, GX_ERR_LIMIT, "elements nest deeper than %u",
                           GX_MAX_XML_DEPTH);
    if (w.too_wide)
        return gx_diag_set(d, GX_ERR_LIMIT, "a table row has more than %u "
                           "cells", GX_MAX_CELLS_PER_LINE);
    return GX_OK;
}

static enum gx_status parse_page(const struct gx_strbuf *page,
                                 struct gx_doc *doc, struct gx_diag *d)
{
    if (page->len > INT_MAX)
        return gx_diag_set(d, GX_ERR_LIMIT, "page larger than 2 GB");
    /* The declared charset is applied already: "UTF-8" also keeps libxml2
     * from switching again when it meets the <meta>. */
    htmlDocPtr tree = htmlReadMemory(page->buf, (int)page->len, NULL,
                                     "UTF-8", HTML_OPTIONS);
    enum gx_status st;
    if (tree)
        st = walk_page(tree, doc, d);
    else
        st = gx_diag_set(d, GX_ERR_FORMAT, "libxml2 cannot parse the page");
    xmlFreeDoc(tree);
    return st;
}

enum gx_status gx_read_html(const char *data, size_t len, struct gx_doc *doc,
                            struct gx_diag *d)
{
    struct gx_strbuf page = GX_STRBUF_INIT;
    enum gx_status st = decode_page(data, len, &page, doc->encoding,
                                    sizeof(doc->encoding), d);
    strip_conditionals(&page);
    if (st == GX_OK && page.len > 0) st = parse_page(&page, doc, d);
    gx_strbuf_release(&page);
    return st;
}
