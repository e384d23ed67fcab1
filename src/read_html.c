/* read_html.c - HTML pages (.html .htm) into doc lines.
 *
 * The bytes are decoded to UTF-8 first (a BOM, else UTF-8 when they are
 * valid UTF-8, else the <meta> charset, else GB18030), so libxml2 only
 * ever sees UTF-8.  libxml2's HTML parser reports it through SAX handlers
 * that build a small tree of their own (see "the page as the walk reads
 * it"), which is walked in document order: text outside
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
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>

#include "html_strip.h"
#include "input_limits.h"
#include "markup.h"
#include "normalise.h"
#include "reader.h"
#include "strbuf.h"
#include "utf8.h"
#include "util.h"

/* How far into the file a <meta> charset is looked for: the HTML standard
 * says 1024 bytes, but real pages put long <script> blocks first. */
#define SNIFF_BYTES 4096
#define HTML_OPTIONS                                                        \
    (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |       \
     HTML_PARSE_NONET)


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

/* Bytes gx_normalise() copies as they are whatever comes next: ASCII
 * other than NUL and CR. */
static int is_plain(unsigned char c)
{
    return c && c < 0x80 && c != '\r';
}

/* gx_decode()'s reading of the usual page, UTF-8 with no BOM and no NUL
 * byte, in one pass instead of three (NUL search, validation, normal
 * form): runs of plain ASCII, most of the markup, are copied as they are;
 * each run of the rest (a CR with the LF after it) is checked and
 * normalised on its own.  Both work a character at a time and a UTF-8
 * character never holds an ASCII byte, so the result is the same.  0, or
 * -1 when gx_decode must decide (out is then empty). */
static int decode_utf8_page(const char *data, size_t len,
                            struct gx_strbuf *out)
{
    const unsigned char *b = (const unsigned char *)data;
    if (len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) ||
                     (b[0] == 0xFE && b[1] == 0xFF)))
        return -1; /* UTF-16 */
    if (len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
        return -1; /* a UTF-8 BOM, which gx_decode drops */
    gx_strbuf_grow(out, len);
    for (size_t i = 0; i < len;) {
        size_t start = i;
        while (i < len && is_plain(b[i])) i++;
        gx_strbuf_add(out, data + start, i - start);
        start = i;
        while (i < len && !is_plain(b[i])) i++;
        if (i < len && b[i] == '\n' && i > start && b[i - 1] == '\r') i++;
        if (i == start) continue;
        if (memchr(data + start, '\0', i - start) ||
            !gx_utf8_valid(data + start, i - start)) {
            gx_strbuf_reset(out);
            return -1;
        }
        gx_normalise(data + start, i - start, out);
    }
    return 0;
}

/* The page in UTF-8, doc->encoding saying how it was read.  A page
 * pasted together from UTF-8 and GB18030 text is read line by line, as a
 * text file is, and its lines read otherwise than the page's encoding are
 * counted in doc->repaired_lines (a decode-repaired warning). */
static enum gx_status decode_page(const char *data, size_t len,
                                  struct gx_strbuf *out, struct gx_doc *doc,
                                  struct gx_diag *d)
{
    char cs[40];
    const char *used = NULL;
    if (decode_utf8_page(data, len, out) == 0) {
        snprintf(doc->encoding, sizeof(doc->encoding), "UTF-8");
        return GX_OK;
    }
    int declared = sniff_charset(data, len, cs, sizeof(cs));
    /* gx_decode takes valid UTF-8 over the declaration (pages often
     * declare gb2312 and are UTF-8). */
    if (gx_decode_text(data, len, declared ? cs : NULL, out, &used,
                       &doc->repaired_lines) == 0) {
        snprintf(doc->encoding, sizeof(doc->encoding), "%s",
                 used ? used : "");
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

/* Text between markup is moved in runs: most pages have no conditional,
 * and then nothing moves at all. */
static void strip_conditionals(struct gx_strbuf *page)
{
    char *s = page->buf;
    size_t n = page->len, in = 0, out = 0;
    while (in < n) {
        const char *lt = memchr(s + in, '<', n - in);
        size_t run = (lt ? (size_t)(lt - s) : n) - in;
        if (out != in) memmove(s + out, s + in, run);
        in += run;
        out += run;
        if (in == n) break;
        size_t skip = conditional_at(s + in, n - in);
        if (skip) {
            in += skip;
        } else {
            s[out++] = s[in++];
        }
    }
    page->len = out;
    if (page->cap) page->buf[out] = '\0';
}

/* ---- the page as the walk reads it ------------------------------------ *
 *
 * libxml2's SAX events are turned into a small tree: elements classified
 * once by name, text and the other nodes that decide where a text node
 * starts and which line it is on.  It is the tree libxml2's own builder
 * made (same parents, same merged text nodes, same line numbers), without
 * a node, a name copy and an attribute list per element to allocate and
 * free.  Nodes are an array and refer to each other by index. */

enum page_type { P_ELEMENT, P_TEXT, P_CDATA, P_OTHER /* comment, PI */ };

/* Elements the walk asks for by name. */
enum page_kind {
    E_OTHER, E_BR, E_TABLE, E_TR, E_TD, E_TH, E_CAPTION, E_PRE, E_HEAD,
    E_TITLE, E_H1
};

enum { F_SKIPPED = 1, F_BLOCK = 2 };

#define NO_NODE UINT32_MAX
/* libxml2 keeps a node's line in 16 bits: this means "65535 or more". */
#define LINE_CAP 65535u

struct page_node {
    uint32_t parent, child, last, next, prev;
    uint32_t text, text_len;      /* P_TEXT, P_CDATA: bytes of page->text */
    uint32_t line;
    unsigned char type, kind, flags;
};

/* Where the document's first child came from: libxml2 hangs an element
 * that starts when none is open under the root element when that is the
 * document's first child, else beside it (out of the walk's reach). */
enum doc_first { DOC_EMPTY, DOC_ROOT, DOC_OTHER };

/* An element name's class, worked out once per name (see classify). */
struct name_class {
    const xmlChar *name;          /* the parser's interned string: the key */
    unsigned char kind, flags, filled;
};

#define CLASS_SLOTS 256 /* indexed by the hash's top 8 bits */

struct page {
    htmlParserCtxtPtr ctxt;
    struct name_class names[CLASS_SLOTS];
    struct page_node *nodes;
    size_t n, cap;
    struct gx_strbuf text;
    uint32_t *stack;              /* open elements, as libxml2's tree had */
    size_t depth, stack_cap;
    uint32_t root;
    enum doc_first first;
};

static const struct {
    const char *name;
    unsigned char kind, flags;
} classes[] = {
    /* Elements whose text is never report text: <head> (see emit_title),
     * scripts, and form and embedding junk around the content. */
    {"head", E_HEAD, F_SKIPPED}, {"script", E_OTHER, F_SKIPPED},
    {"style", E_OTHER, F_SKIPPED}, {"noscript", E_OTHER, F_SKIPPED},
    {"template", E_OTHER, F_SKIPPED}, {"select", E_OTHER, F_SKIPPED},
    {"textarea", E_OTHER, F_SKIPPED}, {"iframe", E_OTHER, F_SKIPPED},
    {"object", E_OTHER, F_SKIPPED}, {"button", E_OTHER, F_SKIPPED},
    /* Elements that start and end a line of text. */
    {"p", E_OTHER, F_BLOCK}, {"div", E_OTHER, F_BLOCK},
    {"h1", E_H1, F_BLOCK}, {"h2", E_OTHER, F_BLOCK},
    {"h3", E_OTHER, F_BLOCK}, {"h4", E_OTHER, F_BLOCK},
    {"h5", E_OTHER, F_BLOCK}, {"h6", E_OTHER, F_BLOCK},
    {"li", E_OTHER, F_BLOCK}, {"ul", E_OTHER, F_BLOCK},
    {"ol", E_OTHER, F_BLOCK}, {"dl", E_OTHER, F_BLOCK},
    {"dt", E_OTHER, F_BLOCK}, {"dd", E_OTHER, F_BLOCK},
    {"table", E_TABLE, F_BLOCK}, {"caption", E_CAPTION, F_BLOCK},
    {"thead", E_OTHER, F_BLOCK}, {"tbody", E_OTHER, F_BLOCK},
    {"tfoot", E_OTHER, F_BLOCK}, {"tr", E_TR, F_BLOCK},
    {"td", E_TD, F_BLOCK}, {"th", E_TH, F_BLOCK},
    {"section", E_OTHER, F_BLOCK}, {"article", E_OTHER, F_BLOCK},
    {"header", E_OTHER, F_BLOCK}, {"footer", E_OTHER, F_BLOCK},
    {"nav", E_OTHER, F_BLOCK}, {"aside", E_OTHER, F_BLOCK},
    {"main", E_OTHER, F_BLOCK}, {"blockquote", E_OTHER, F_BLOCK},
    {"address", E_OTHER, F_BLOCK}, {"center", E_OTHER, F_BLOCK},
    {"form", E_OTHER, F_BLOCK}, {"fieldset", E_OTHER, F_BLOCK},
    {"legend", E_OTHER, F_BLOCK}, {"hr", E_OTHER, F_BLOCK},
    {"figure", E_OTHER, F_BLOCK}, {"figcaption", E_OTHER, F_BLOCK},
    {"details", E_OTHER, F_BLOCK}, {"summary", E_OTHER, F_BLOCK},
    {"body", E_OTHER, F_BLOCK}, {"html", E_OTHER, F_BLOCK},
    {"title", E_TITLE, F_BLOCK}, {"pre", E_PRE, F_BLOCK},
    {"br", E_BR, 0}};

/* The name libxml2's tree builder gives an element: the part after a
 * namespace prefix, split at the first colon as xmlSplitQName does (so
 * Word's <o:p> is a p); a name that starts or ends with the colon is
 * kept whole. */
static const char *local_name(const char *name)
{
    const char *colon = name[0] == ':' ? NULL : strchr(name, ':');
    return colon && colon[1] ? colon + 1 : name;
}

static void look_up_class(struct name_class *c, const char *name)
{
    name = local_name(name);
    c->kind = E_OTHER;
    c->flags = 0;
    for (size_t i = 0; i < GX_ARRAY_LEN(classes); i++)
        if (name[0] == classes[i].name[0] &&
            !strcmp(name, classes[i].name)) {
            c->kind = classes[i].kind;
            c->flags = classes[i].flags;
            return;
        }
}

/* Classifies an element by its name through a small cache keyed by the
 * name's address: the parser hands over names interned in its dictionary
 * (or the constant names of the elements it implies), which live as long
 * as the parse. */
static void classify(struct page *pg, struct page_node *n,
                     const xmlChar *name)
{
    uint64_t h = (uint64_t)(uintptr_t)name * 0x9E3779B97F4A7C15u;
    struct name_class *c = &pg->names[h >> 56];
    if (!c->filled || c->name != name) {
        c->name = name;
        c->filled = 1;
        look_up_class(c, (const char *)name);
    }
    n->kind = c->kind;
    n->flags = c->flags;
}

static uint32_t new_node(struct page *pg, enum page_type type)
{
    GX_GROW(pg->nodes, pg->n + 1, pg->cap);
    struct page_node *n = &pg->nodes[pg->n];
    *n = (struct page_node){NO_NODE, NO_NODE, NO_NODE, NO_NODE, NO_NODE,
                            0, 0, 0,
                            (unsigned char)type, E_OTHER, 0};
    if (pg->ctxt->linenumbers && pg->ctxt->input) {
        int line = pg->ctxt->input->line;
        n->line = line < (int)LINE_CAP ? (uint32_t)line : LINE_CAP;
    }
    return (uint32_t)pg->n++;
}

static void add_child(struct page *pg, uint32_t parent, uint32_t child)
{
    struct page_node *up = &pg->nodes[parent];
    if (up->last == NO_NODE)
        up->child = child;
    else
        pg->nodes[up->last].next = child;
    pg->nodes[child].prev = up->last;
    up->last = child;
    pg->nodes[child].parent = parent;
}

static uint32_t open_element(const struct page *pg)
{
    return pg->depth ? pg->stack[pg->depth - 1] : NO_NODE;
}

/* libxml2 drops an element whose start tag it cannot finish without an
 * end event (its tree builder's stack is popped directly), so the open
 * elements follow the parser's own count: `open` around the event. */
static void sync_depth(struct page *pg, int open)
{
    if (open < 0) open = 0;
    if (pg->depth > (size_t)open) pg->depth = (size_t)open;
}

/* Hangs a new element where libxml2's tree builder would. */
static void place_element(struct page *pg, uint32_t n)
{
    if (pg->depth > 0) {
        add_child(pg, open_element(pg), n);
    } else if (pg->first == DOC_EMPTY) {
        pg->root = n;
        pg->first = DOC_ROOT;
    } else if (pg->first == DOC_ROOT) {
        add_child(pg, pg->root, n);
    } else if (pg->root == NO_NODE) {
        pg->root = n;
    }
}

static void on_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
    struct page *pg = ((htmlParserCtxtPtr)ctx)->_private;
    sync_depth(pg, pg->ctxt->nameNr - 1);
    /* libxml2's tree builder stops the parse rather than go deeper. */
    if (pg->depth > GX_MAX_XML_DEPTH) {
        xmlStopParser(pg->ctxt);
        return;
    }
    uint32_t n = new_node(pg, P_ELEMENT);
    classify(pg, &pg->nodes[n], name);
    place_element(pg, n);
    GX_GROW(pg->stack, pg->depth + 1, pg->stack_cap);
    pg->stack[pg->depth++] = n;
}

static void on_end(void *ctx, const xmlChar *name)
{
    struct page *pg = ((htmlParserCtxtPtr)ctx)->_private;
    sync_depth(pg, pg->ctxt->nameNr);
    if (pg->depth > 0) pg->depth--;
}

/* Text outside every element is dropped, as libxml2's builder did; a run
 * straight after another in the same element joins its text node. */
static void add_page_text(struct page *pg, enum page_type type,
                          const xmlChar *ch, int len)
{
    sync_depth(pg, pg->ctxt->nameNr);
    uint32_t up = open_element(pg);
    if (up == NO_NODE || len < 0) return;
    uint32_t last = pg->nodes[up].last;
    if (type == P_TEXT && last != NO_NODE &&
        pg->nodes[last].type == P_TEXT) {
        struct page_node *t = &pg->nodes[last];
        if (t->text + t->text_len != pg->text.len) {
            /* Not at the end of the buffer: move it there first. */
            size_t at = pg->text.len;
            gx_strbuf_add(&pg->text, pg->text.buf + t->text, t->text_len);
            t->text = (uint32_t)at;
        }
        t->text_len += (uint32_t)len;
    } else {
        uint32_t n = new_node(pg, type);
        if (type == P_CDATA) pg->nodes[n].line = 0;
        pg->nodes[n].text = (uint32_t)pg->text.len;
        pg->nodes[n].text_len = (uint32_t)len;
        add_child(pg, up, n);
    }
    gx_strbuf_add(&pg->text, ch, (size_t)len);
}

static void on_text(void *ctx, const xmlChar *ch, int len)
{
    add_page_text(((htmlParserCtxtPtr)ctx)->_private, P_TEXT, ch, len);
}

static void on_cdata(void *ctx, const xmlChar *ch, int len)
{
    add_page_text(((htmlParserCtxtPtr)ctx)->_private, P_CDATA, ch, len);
}

/* Comments and processing instructions hold no text, but they end a text
 * node and carry a line. */
static void add_other(struct page *pg)
{
    sync_depth(pg, pg->ctxt->nameNr);
    uint32_t up = open_element(pg);
    if (up == NO_NODE) {
        if (pg->first == DOC_EMPTY) pg->first = DOC_OTHER;
        return;
    }
    add_child(pg, up, new_node(pg, P_OTHER));
}

static void on_comment(void *ctx, const xmlChar *value)
{
    add_other(((htmlParserCtxtPtr)ctx)->_private);
}

static void on_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
    add_other(((htmlParserCtxtPtr)ctx)->_private);
}

/* A <!DOCTYPE> becomes the document's first child wherever it stands. */
static void on_doctype(void *ctx, const xmlChar *name,
                       const xmlChar *external_id, const xmlChar *system_id)
{
    htmlParserCtxtPtr ctxt = ctx;
    struct page *pg = ctxt->_private;
    xmlSAX2InternalSubset(ctx, name, external_id, system_id);
    if (ctxt->myDoc && ctxt->myDoc->intSubset) pg->first = DOC_OTHER;
}

static void page_release(struct page *pg)
{
    free(pg->nodes);
    free(pg->stack);
    gx_strbuf_release(&pg->text);
}

/* Parses the page into pg the way htmlReadMemory() did, with these
 * handlers in place of its tree builder's.  0, or -1 when libxml2 made no
 * document at all. */
static int parse_into(const struct gx_strbuf *page, struct page *pg)
{
    htmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(page->buf,
                                                       (int)page->len);
    if (!ctxt) return -1;
    xmlSAXHandler sax;
    memset(&sax, 0, sizeof(sax));
    xmlSAX2InitHtmlDefaultSAXHandler(&sax);
    sax.startElement = on_start;
    sax.endElement = on_end;
    sax.characters = on_text;
    sax.cdataBlock = on_cdata;
    sax.comment = on_comment;
    sax.processingInstruction = on_pi;
    sax.internalSubset = on_doctype;
    memcpy(ctxt->sax, &sax, sizeof(xmlSAXHandlerV1));
    pg->ctxt = ctxt;
    ctxt->_private = pg;
    htmlCtxtUseOptions(ctxt, HTML_OPTIONS);
    ctxt->html = 1;
    /* The declared charset is applied already: "UTF-8" also keeps libxml2
     * from switching again when it meets the <meta>. */
    xmlCharEncodingHandlerPtr utf8 = xmlFindCharEncodingHandler("UTF-8");
    if (utf8) {
        xmlSwitchToEncoding(ctxt, utf8);
        xmlFree((xmlChar *)ctxt->input->encoding);
        ctxt->input->encoding = xmlStrdup(BAD_CAST "UTF-8");
    }
    htmlParseDocument(ctxt);
    int made = ctxt->myDoc != NULL;
    xmlFreeDoc(ctxt->myDoc);
    ctxt->myDoc = NULL;
    xmlFreeParserCtxt(ctxt);
    pg->ctxt = NULL;
    return made ? 0 : -1;
}

/* ---- element classes --------------------------------------------------- */

static const struct page_node *node_at(const struct page *pg, uint32_t i)
{
    return i == NO_NODE ? NULL : &pg->nodes[i];
}

static const struct page_node *first_child(const struct page *pg,
                                           const struct page_node *n)
{
    return node_at(pg, n->child);
}

static const struct page_node *next_sibling(const struct page *pg,
                                            const struct page_node *n)
{
    return node_at(pg, n->next);
}

static int is_element(const struct page_node *n)
{
    return n->type == P_ELEMENT;
}

static int is_kind(const struct page_node *n, enum page_kind kind)
{
    return n->type == P_ELEMENT && n->kind == kind;
}

static int is_cell(const struct page_node *n)
{
    return is_kind(n, E_TD) || is_kind(n, E_TH);
}

static int is_skipped(const struct page_node *n)
{
    return n->type == P_ELEMENT && (n->flags & F_SKIPPED);
}

static int is_block(const struct page_node *n)
{
    return n->type == P_ELEMENT && (n->flags & F_BLOCK);
}

static int is_text(const struct page_node *n)
{
    return n->type == P_TEXT || n->type == P_CDATA;
}

static const char *text_of(const struct page *pg, const struct page_node *n)
{
    return pg->text.buf + n->text;
}

/* xmlGetLineNo() as libxml2 2.9 has it: a node's own line, except that
 * for one at line 65535 or beyond that of its first child, next or
 * previous sibling is tried, a few steps deep; a CDATA node takes the line
 * of the node before it or of its parent. */
static long line_no(const struct page *pg, const struct page_node *n,
                    int depth)
{
    long line = -1;
    if (depth >= 5 || !n) return -1;
    if (n->type != P_CDATA) {
        if (n->line == LINE_CAP) {
            if (n->type == P_ELEMENT && n->child != NO_NODE)
                line = line_no(pg, node_at(pg, n->child), depth + 1);
            else if (n->next != NO_NODE)
                line = line_no(pg, node_at(pg, n->next), depth + 1);
            else if (n->prev != NO_NODE)
                line = line_no(pg, node_at(pg, n->prev), depth + 1);
        }
        return line == -1 || line == LINE_CAP ? (long)n->line : line;
    }
    const struct page_node *prev = node_at(pg, n->prev);
    if (prev && prev->type != P_CDATA) return line_no(pg, prev, depth + 1);
    return line_no(pg, node_at(pg, n->parent), depth + 1);
}

static unsigned line_of(const struct page *pg, const struct page_node *n)
{
    long line = line_no(pg, n, 0);
    return line > 0 && line <= (long)UINT_MAX ? (unsigned)line : 0;
}

/* 1 when the subtree under n holds an element of this kind. */
static int holds(const struct page *pg, const struct page_node *n,
                 enum page_kind kind, unsigned depth)
{
    if (depth > GX_MAX_XML_DEPTH) return 0;
    for (const struct page_node *c = first_child(pg, n); c;
         c = next_sibling(pg, c))
        if (is_kind(c, kind) || holds(pg, c, kind, depth + 1)) return 1;
    return 0;
}

struct html_walk {
    struct gx_markup_walk m;
    const struct page *page;
    unsigned text_line;       /* source line where the open paragraph began */
};

/* ---- text -------------------------------------------------------------- */

/* Entities such as &nbsp; are expanded by libxml2, after gx_decode ran,
 * so the text is normalised again when it is taken. */
static void flush_para(struct html_walk *w)
{
    gx_markup_add_para(&w->m, w->text_line);
    w->text_line = 0;
}

/* Appends a text node's text (up to a NUL, as libxml2's strings ended). */
static void add_node_text(struct html_walk *w, const struct page_node *n)
{
    const char *s = text_of(w->page, n);
    size_t len = n->text_len;
    const char *nul = memchr(s, '\0', len);
    gx_strbuf_add(&w->m.text, s, nul ? (size_t)(nul - s) : len);
}

static void add_text(struct html_walk *w, const struct page_node *n)
{
    const char *s = text_of(w->page, n);
    if (!w->text_line) {
        for (size_t i = 0; i < n->text_len && s[i]; i++)
            if (!gx_markup_is_space(s[i])) {
                w->text_line = line_of(w->page, n);
                break;
            }
    }
    add_node_text(w, n);
}

/* Appends the text under n to w->text as one run: a <br> or a block
 * boundary becomes `sep` (a space in a cell, a line break in <pre>). */
static void collect_text(struct html_walk *w, const struct page_node *n,
                         char sep, unsigned depth)
{
    if (gx_markup_too_deep(&w->m, depth)) return;
    for (const struct page_node *c = first_child(w->page, n); c;
         c = next_sibling(w->page, c)) {
        if (is_text(c)) {
            add_node_text(w, c);
        } else if (is_kind(c, E_BR)) {
            gx_strbuf_addch(&w->m.text, sep);
        } else if (is_element(c) && !is_skipped(c)) {
            int block = is_block(c);
            if (block) gx_strbuf_addch(&w->m.text, sep);
            collect_text(w, c, sep, depth + 1);
            if (block) gx_strbuf_addch(&w->m.text, sep);
        }
    }
}

/* ---- tables ------------------------------------------------------------ */

/* A row of a table: its <tr>, or the table for cells outside any. */
static struct gx_markup_row row_at(const struct html_walk *w,
                                   const struct page_node *tr, unsigned id)
{
    return (struct gx_markup_row){NULL, id, line_of(w->page, tr)};
}

static void add_cell(struct html_walk *w, struct gx_markup_row *r,
                     const struct page_node *cell, unsigned depth)
{
    struct gx_line *line = gx_markup_row_line(&w->m, r);
    if (!line) return;
    gx_strbuf_reset(&w->m.text);
    collect_text(w, cell, ' ', depth);
    gx_markup_add_cell(&w->m, line);
}

/* The cells of a row are its <td>/<th> children; broken pages wrap them
 * in other elements (<form>, <font>), which are looked through. */
static void add_row_cells(struct html_walk *w, struct gx_markup_row *r,
                          const struct page_node *parent, unsigned depth)
{
    if (gx_markup_too_deep(&w->m, depth)) return;
    for (const struct page_node *c = first_child(w->page, parent); c;
         c = next_sibling(w->page, c)) {
        if (!is_element(c) || is_skipped(c)) continue;
        if (is_cell(c))
            add_cell(w, r, c, depth + 1);
        else
            add_row_cells(w, r, c, depth + 1);
    }
}

/* Emits the rows under n (a table with no table inside it), looking
 * through <thead>, <tbody>, <tfoot>; a <caption> is a paragraph.  Cells
 * with no <tr> around them (libxml2 does not add one) form a row of their
 * own, as in a browser. */
static void walk_rows(struct html_walk *w, const struct page_node *n,
                      unsigned id, unsigned depth)
{
    if (gx_markup_too_deep(&w->m, depth)) return;
    struct gx_markup_row loose = row_at(w, n, id);
    for (const struct page_node *c = first_child(w->page, n); c;
         c = next_sibling(w->page, c)) {
        if (!is_element(c) || is_skipped(c)) continue;
        if (is_cell(c)) {
            add_cell(w, &loose, c, depth + 1);
            continue;
        }
        loose.line = NULL;
        if (is_kind(c, E_TR)) {
            struct gx_markup_row r = row_at(w, c, id);
            add_row_cells(w, &r, c, depth + 1);
        } else if (is_kind(c, E_CAPTION)) {
            w->text_line = line_of(w->page, c);
            collect_text(w, c, ' ', depth + 1);
            flush_para(w);
        } else {
            walk_rows(w, c, id, depth + 1);
        }
    }
}

/* ---- document flow ----------------------------------------------------- */

static void walk_children(struct html_walk *w, const struct page_node *n,
                          unsigned depth);

static void add_pre(struct html_walk *w, const struct page_node *pre,
                    unsigned depth)
{
    collect_text(w, pre, '\n', depth);
    gx_strbuf_reset(&w->m.scratch);
    gx_normalise(w->m.text.buf, w->m.text.len, &w->m.scratch);
    gx_strbuf_reset(&w->m.text);
    gx_text_to_doc(w->m.scratch.buf, w->m.scratch.len, w->m.doc);
}

static void walk_element(struct html_walk *w, const struct page_node *n,
                         unsigned depth)
{
    if (is_skipped(n)) return;
    if (is_kind(n, E_BR)) {
        flush_para(w);
    } else if (is_kind(n, E_TABLE) && !holds(w->page, n, E_TABLE, depth)) {
        flush_para(w);
        walk_rows(w, n, ++w->m.tables, depth + 1);
    } else if (is_kind(n, E_PRE)) {
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

static void walk_children(struct html_walk *w, const struct page_node *n,
                          unsigned depth)
{
    if (gx_markup_too_deep(&w->m, depth)) return;
    for (const struct page_node *c = first_child(w->page, n); c;
         c = next_sibling(w->page, c)) {
        if (is_text(c))
            add_text(w, c);
        else if (is_element(c))
            walk_element(w, c, depth);
    }
}

static const struct page_node *child_of_kind(const struct page *pg,
                                             const struct page_node *n,
                                             enum page_kind kind)
{
    for (const struct page_node *c = n ? first_child(pg, n) : NULL; c;
         c = next_sibling(pg, c))
        if (is_kind(c, kind)) return c;
    return NULL;
}

/* <head> is skipped, but a page whose body has no <h1> often carries its
 * report title only in <title>: that then becomes the first line. */
static void emit_title(struct html_walk *w, const struct page_node *root)
{
    const struct page_node *title =
        child_of_kind(w->page, child_of_kind(w->page, root, E_HEAD),
                      E_TITLE);
    if (!title || holds(w->page, root, E_H1, 0)) return;
    w->text_line = line_of(w->page, title);
    collect_text(w, title, ' ', 0);
    flush_para(w);
}

static enum gx_status walk_page(const struct page *page, struct gx_doc *doc,
                                struct gx_diag *d)
{
    struct html_walk w = {.page = page};
    gx_markup_walk_init(&w.m, doc);
    const struct page_node *root = node_at(page, page->root);
    if (root) {
        emit_title(&w, root);
        walk_element(&w, root, 0);
        flush_para(&w);
    }
    return gx_markup_walk_finish(&w.m, "elements nest deeper than %u", d);
}

static enum gx_status parse_page(const struct gx_strbuf *page,
                                 struct gx_doc *doc, struct gx_diag *d)
{
    if (page->len > INT_MAX)
        return gx_diag_set(d, GX_ERR_LIMIT, "page larger than 2 GB");
    struct page pg = {NULL, {{0}}, NULL, 0, 0, GX_STRBUF_INIT, NULL, 0, 0,
                      NO_NODE, DOC_EMPTY};
    enum gx_status st;
    if (parse_into(page, &pg) == 0)
        st = walk_page(&pg, doc, d);
    else
        st = gx_diag_set(d, GX_ERR_FORMAT, "libxml2 cannot parse the page");
    page_release(&pg);
    return st;
}

const int gx_html_parse_options = HTML_OPTIONS;

enum gx_status gx_html_page(const char *data, size_t len,
                            struct gx_strbuf *page, struct gx_doc *doc,
                            struct gx_diag *d)
{
    enum gx_status st = decode_page(data, len, page, doc, d);
    strip_conditionals(page);
    return st;
}

enum gx_status gx_read_html(const char *data, size_t len, struct gx_doc *doc,
                            struct gx_diag *d)
{
    struct gx_strbuf page = GX_STRBUF_INIT;
    enum gx_status st = gx_html_page(data, len, &page, doc, d);
    if (st == GX_OK && page.len > 0) {
        gx_html_strip_attributes(&page);   /* none is read; half the bytes */
        st = parse_page(&page, doc, d);
    }
    gx_strbuf_release(&page);
    return st;
}
