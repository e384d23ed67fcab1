/* read_docx.c - Word .docx into doc lines.
 *
 * A .docx is a zip; the text is in word/document.xml.  It is unzipped
 * from memory under the limits of input_limits.h, parsed with libxml2's
 * SAX2 interface (no network, no DTD loading, no entity substitution: text
 * is read from text events only, so an entity reference yields nothing)
 * into a small tree of what the walk reads, and walked in body order: a
 * <w:p> becomes a GX_LINE_PARA line, every <w:tr> of a <w:tbl> a GX_LINE_ROW
 * line of the cells that start in that row.
 *
 * Spans: a <w:tc> with gridSpan is one cell however wide, so it is emitted
 * once; a cell whose vMerge (or legacy hMerge) is not "restart" is covered
 * by the cell before it and is not emitted.  Column positions are never
 * needed, so no grid is built.
 *
 * Nested tables: as in read_html.c, a table that holds another table is
 * taken as layout (a frame around pasted web content): its cells are
 * walked like the body, so their paragraphs become PARA lines and the inner
 * tables become tables of their own, in document order. */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <minizip/ioapi.h>
#include <minizip/unzip.h>

#include "input_limits.h"
#include "markup.h"
#include "reader.h"
#include "strbuf.h"
#include "util.h"

#define DOCUMENT_PART "word/document.xml"
#define ZIP_CASE_INSENSITIVE 2 /* unzLocateFile: OPC part names ignore case */
#define XML_OPTIONS                                                         \
    (XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR |              \
     XML_PARSE_NOWARNING)

static const char W_NS[] =
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
static const char W_NS_STRICT[] =
    "http://purl.oclc.org/ooxml/wordprocessingml/main";
static const char MC_NS[] =
    "http://schemas.openxmlformats.org/markup-compatibility/2006";

/* ---- unzipping from memory -------------------------------------------- */

struct mem_zip {
    const char *data;
    size_t len, pos;
};

static voidpf ZCALLBACK mem_open(voidpf opaque, const void *name, int mode)
{
    struct mem_zip *m = opaque;
    m->pos = 0;
    return m;
}

static uLong ZCALLBACK mem_read(voidpf opaque, voidpf stream, void *buf,
                                uLong size)
{
    struct mem_zip *m = stream;
    size_t n = m->len - m->pos;
    if (n > size) n = size;
    if (n) memcpy(buf, m->data + m->pos, n);
    m->pos += n;
    return (uLong)n;
}

static uLong ZCALLBACK mem_write(voidpf opaque, voidpf stream,
                                 const void *buf, uLong size)
{
    return 0;
}

static ZPOS64_T ZCALLBACK mem_tell(voidpf opaque, voidpf stream)
{
    return ((struct mem_zip *)stream)->pos;
}

static long ZCALLBACK mem_seek(voidpf opaque, voidpf stream, ZPOS64_T offset,
                               int origin)
{
    struct mem_zip *m = stream;
    size_t base;
    switch (origin) {
    case ZLIB_FILEFUNC_SEEK_SET: base = 0; break;
    case ZLIB_FILEFUNC_SEEK_CUR: base = m->pos; break;
    case ZLIB_FILEFUNC_SEEK_END: base = m->len; break;
    default: return -1;
    }
    if (offset > m->len - base) return -1;
    m->pos = base + (size_t)offset;
    return 0;
}

static int ZCALLBACK mem_close(voidpf opaque, voidpf stream)
{
    return 0;
}

static int ZCALLBACK mem_error(voidpf opaque, voidpf stream)
{
    return 0;
}

static unzFile open_zip(struct mem_zip *mem)
{
    zlib_filefunc64_def io = {mem_open, mem_read, mem_write, mem_tell,
                              mem_seek, mem_close, mem_error, mem};
    /* The name is only handed back to mem_open, which ignores it. */
    return unzOpen2_64("docx", &io);
}

static enum gx_status limit_error(struct gx_diag *d)
{
    return gx_diag_set(d, GX_ERR_LIMIT, "document.xml unzips to more than "
                       "%u MB", GX_MAX_UNZIPPED_BYTES / (1024 * 1024));
}

static enum gx_status find_document(unzFile zf, struct gx_diag *d)
{
    unz_global_info64 info;
    if (unzGetGlobalInfo64(zf, &info) != UNZ_OK)
        return gx_diag_set(d, GX_ERR_FORMAT, "not a docx: damaged zip "
                           "directory");
    if (info.number_entry > GX_MAX_ZIP_ENTRIES)
        return gx_diag_set(d, GX_ERR_LIMIT, "zip holds more than %u entries",
                           GX_MAX_ZIP_ENTRIES);
    if (unzLocateFile(zf, DOCUMENT_PART, ZIP_CASE_INSENSITIVE) != UNZ_OK)
        return gx_diag_set(d, GX_ERR_FORMAT, "not a docx: no %s",
                           DOCUMENT_PART);
    return GX_OK;
}

/* Reads the open entry into xml, straight into its buffer (sized for the
 * declared size up front).  minizip stops at the declared size, so a bomb
 * that under-declares ends in a crc error; the running count here guards
 * the limit whatever the headers say. */
static enum gx_status inflate_entry(unzFile zf, struct gx_strbuf *xml,
                                    size_t declared, struct gx_diag *d)
{
    enum { CHUNK = 64 * 1024 };
    gx_strbuf_grow(xml, declared + 1);
    for (;;) {
        if (xml->cap - xml->len < 2) gx_strbuf_grow(xml, CHUNK);
        size_t room = xml->cap - xml->len - 1;
        unsigned ask = room > UINT_MAX ? UINT_MAX : (unsigned)room;
        int got = unzReadCurrentFile(zf, xml->buf + xml->len, ask);
        if (got < 0)
            return gx_diag_set(d, GX_ERR_FORMAT, "damaged zip entry %s",
                               DOCUMENT_PART);
        if (got == 0) return GX_OK;
        if ((size_t)got > GX_MAX_UNZIPPED_BYTES - xml->len)
            return limit_error(d);
        xml->len += (size_t)got;
        xml->buf[xml->len] = '\0';
    }
}

static enum gx_status read_document(unzFile zf, struct gx_strbuf *xml,
                                    struct gx_diag *d)
{
    unz_file_info64 info;
    if (unzGetCurrentFileInfo64(zf, &info, NULL, 0, NULL, 0, NULL, 0) !=
        UNZ_OK)
        return gx_diag_set(d, GX_ERR_FORMAT, "damaged zip entry %s",
                           DOCUMENT_PART);
    if (info.uncompressed_size > GX_MAX_UNZIPPED_BYTES) return limit_error(d);
    if (unzOpenCurrentFile(zf) != UNZ_OK)
        return gx_diag_set(d, GX_ERR_FORMAT, "cannot unzip %s (damaged, "
                           "encrypted or an unknown method)", DOCUMENT_PART);
    enum gx_status st =
        inflate_entry(zf, xml, (size_t)info.uncompressed_size, d);
    int rc = unzCloseCurrentFile(zf);
    if (st == GX_OK && rc == UNZ_CRCERROR)
        st = gx_diag_set(d, GX_ERR_FORMAT, "damaged zip entry %s: its "
                         "checksum or size is wrong", DOCUMENT_PART);
    return st;
}

static enum gx_status unzip_document(const char *data, size_t len,
                                     struct gx_strbuf *xml, struct gx_diag *d)
{
    struct mem_zip mem = {data, len, 0};
    unzFile zf = open_zip(&mem);
    if (!zf) return gx_diag_set(d, GX_ERR_FORMAT, "not a docx: not a zip "
                                "archive");
    enum gx_status st = find_document(zf, d);
    if (st == GX_OK) st = read_document(zf, xml, d);
    unzClose(zf);
    return st;
}

/* ---- the part of document.xml the walk reads -------------------------- *
 *
 * libxml2's SAX2 events are turned into a small tree of just what the walk
 * below reads: elements outside the skipped subtrees, classified once, and
 * the text of w:t.  A full libxml2 tree (a node, a name and a string per
 * element, attribute and text run, then freeing it all) was most of the
 * time a .docx took.  The tree is an array: nodes refer to each other by
 * index, and it is freed in one go. */

enum part_kind {
    K_OTHER,     /* looked through: runs, hyperlinks, content controls */
    K_BODY,
    K_P,
    K_TBL,
    K_TR,
    K_TC,
    K_T,         /* text run: its K_TEXT children are the text */
    K_SPACE,     /* w:tab, w:ptab, w:br, w:cr */
    K_HYPHEN,    /* w:noBreakHyphen */
    K_TEXT
};

/* What a cell's first w:tcPr says about merging (see is_covered). */
enum {
    TCPR_SEEN = 1,
    VMERGE_SEEN = 2,
    VMERGE_COVERED = 4,   /* a vMerge without val="restart" */
    HMERGE_SEEN = 8,
    HMERGE_COVERED = 16
};

#define NO_NODE UINT32_MAX

struct part_node {
    uint32_t child, last, next;
    uint32_t text, text_len;      /* K_TEXT: bytes of part->text */
    unsigned char kind;
    unsigned char holds_table;    /* a w:tbl sits somewhere below */
    unsigned char merge;          /* K_TC: the bits above */
};

/* What an element's name and namespace say, worked out once per name: a
 * document has a few dozen names and hundreds of thousands of elements. */
struct name_class {
    const xmlChar *name, *uri;    /* libxml2's interned strings: the key */
    unsigned char kind;           /* enum part_kind */
    unsigned char skipped;        /* see is_skipped */
    unsigned char w;              /* a WordprocessingML element */
    unsigned char filled;
};

#define CLASS_SLOTS 256 /* indexed by the hash's top 8 bits */

struct part {
    xmlParserCtxtPtr ctxt;        /* events of other contexts are not ours */
    struct name_class classes[CLASS_SLOTS];
    struct part_node *nodes;
    size_t n, cap;
    struct gx_strbuf text;
    uint32_t *stack;              /* open elements: a node, or NO_NODE */
    size_t depth, stack_cap;
    size_t skip_at;               /* stack index of the skipped element */
    uint32_t tcpr_of;             /* the cell whose first w:tcPr is open */
    uint32_t root;
};

#define NOT_SKIPPING SIZE_MAX

static int is_w_ns(const xmlChar *uri)
{
    return uri && (!strcmp((const char *)uri, W_NS) ||
                   !strcmp((const char *)uri, W_NS_STRICT));
}

/* Subtrees with no report text: properties, the old place of moved text
 * (tracked changes keep it with its new place, w:moveTo), and the
 * mc:Fallback copy of content whose mc:Choice is read already. */
static int is_skipped(int w, const char *name, const xmlChar *uri)
{
    static const char *const names[] = {
        "pPr", "rPr", "tblPr", "trPr", "tcPr", "sectPr", "sdtPr",
        "tblGrid", "moveFrom"};
    if (w) {
        for (size_t i = 0; i < GX_ARRAY_LEN(names); i++)
            if (!strcmp(name, names[i])) return 1;
        return 0;
    }
    return uri && !strcmp((const char *)uri, MC_NS) &&
           !strcmp(name, "Fallback");
}

static enum part_kind kind_of(int w, const char *name)
{
    static const struct {
        const char *name;
        enum part_kind kind;
    } kinds[] = {
        {"p", K_P}, {"t", K_T}, {"tab", K_SPACE}, {"tc", K_TC},
        {"tr", K_TR}, {"tbl", K_TBL}, {"br", K_SPACE}, {"cr", K_SPACE},
        {"ptab", K_SPACE}, {"noBreakHyphen", K_HYPHEN}, {"body", K_BODY}};
    if (!w) return K_OTHER;
    for (size_t i = 0; i < GX_ARRAY_LEN(kinds); i++)
        if (!strcmp(name, kinds[i].name)) return kinds[i].kind;
    return K_OTHER;
}

/* The class of a name, from a small cache keyed by the interned strings
 * (the parser's dictionary keeps them for the whole parse). */
static const struct name_class *class_of(struct part *p,
                                         const xmlChar *name,
                                         const xmlChar *uri)
{
    uint64_t h = ((uint64_t)(uintptr_t)name ^
                  ((uint64_t)(uintptr_t)uri << 7)) * 0x9E3779B97F4A7C15u;
    struct name_class *c = &p->classes[h >> 56];
    if (c->filled && c->name == name && c->uri == uri) return c;
    int w = is_w_ns(uri);
    *c = (struct name_class){name, uri,
                             (unsigned char)kind_of(w, (const char *)name),
                             (unsigned char)is_skipped(w, (const char *)name,
                                                       uri),
                             (unsigned char)w, 1};
    return c;
}

static uint32_t new_node(struct part *p, enum part_kind kind)
{
    GX_GROW(p->nodes, p->n + 1, p->cap);
    struct part_node *n = &p->nodes[p->n];
    *n = (struct part_node){NO_NODE, NO_NODE, NO_NODE, 0, 0, kind, 0, 0};
    return (uint32_t)p->n++;
}

static void add_child(struct part *p, uint32_t parent, uint32_t child)
{
    struct part_node *up = &p->nodes[parent];
    if (up->last == NO_NODE)
        up->child = child;
    else
        p->nodes[up->last].next = child;
    up->last = child;
}

/* A w:tbl just started: every open element now holds a table.  Marking
 * stops at the first one marked already, whose ancestors were marked with
 * it. */
static void mark_holds_table(struct part *p)
{
    for (size_t i = p->depth; i-- > 0;) {
        if (p->stack[i] == NO_NODE) continue;
        struct part_node *n = &p->nodes[p->stack[i]];
        if (n->holds_table) break;
        n->holds_table = 1;
    }
}

/* Whether an attribute value reads "restart" as libxml2's tree gave it:
 * the text before the first entity reference other than the predefined
 * five, character references decoded.  libxml2 hands over a value with
 * such references as a NUL-terminated copy (with "&#38;" for "&amp;"). */
static int value_is_restart(const xmlChar *v, const xmlChar *end)
{
    static const char want[] = "restart";
    size_t len = (size_t)(end - v);
    if (*end != '\0') return len == 7 && !memcmp(v, want, 7);
    xmlChar buf[16];
    size_t n = 0;
    for (const xmlChar *s = v; s < end && n < 8;) {
        int c = *s;
        if (c != '&') {
            buf[n++] = *s++;
            continue;
        }
        const xmlChar *semi = memchr(s, ';', (size_t)(end - s));
        if (!semi) break;
        if (s[1] == '#') {
            long cp = s[2] == 'x' ? strtol((const char *)s + 3, NULL, 16)
                                  : strtol((const char *)s + 2, NULL, 10);
            if (cp <= 0 || cp >= 0x80) return 0;
            buf[n++] = (xmlChar)cp;
        } else {
            static const char *const names[] = {"lt", "gt", "amp", "apos",
                                                "quot"};
            static const char chars[] = "<>&'\"";
            size_t k = (size_t)(semi - s - 1), i;
            for (i = 0; i < 5; i++)
                if (strlen(names[i]) == k && !memcmp(s + 1, names[i], k))
                    break;
            if (i == 5) break; /* an entity node ends the first text */
            buf[n++] = (xmlChar)chars[i];
        }
        s = semi + 1;
    }
    return n == 7 && !memcmp(buf, want, 7);
}

/* A merge mark without val="restart" continues the cell above (vMerge)
 * or to the left (hMerge).  The first val attribute counts, whatever its
 * prefix, as long as the prefix is bound. */
static int merge_covers(int nb_attributes, const xmlChar **attributes)
{
    for (int i = 0; i < nb_attributes; i++) {
        const xmlChar **a = attributes + 5 * i;
        if (strcmp((const char *)a[0], "val") || (a[1] && !a[2])) continue;
        return !value_is_restart(a[3], a[4]);
    }
    return 1;
}

/* A child of the open cell's first w:tcPr. */
static void read_merge(struct part *p, const char *name, int nb_attributes,
                       const xmlChar **attributes)
{
    unsigned char *m = &p->nodes[p->tcpr_of].merge;
    if (!strcmp(name, "vMerge") && !(*m & VMERGE_SEEN)) {
        *m |= VMERGE_SEEN;
        if (merge_covers(nb_attributes, attributes)) *m |= VMERGE_COVERED;
    } else if (!strcmp(name, "hMerge") && !(*m & HMERGE_SEEN)) {
        *m |= HMERGE_SEEN;
        if (merge_covers(nb_attributes, attributes)) *m |= HMERGE_COVERED;
    }
}

static void push(struct part *p, uint32_t node)
{
    GX_GROW(p->stack, p->depth + 1, p->stack_cap);
    p->stack[p->depth++] = node;
}

static void pop(struct part *p)
{
    if (--p->depth == p->skip_at) {
        p->skip_at = NOT_SKIPPING;
        p->tcpr_of = NO_NODE;
    }
}

/* libxml2 drops an element whose start tag it cannot finish without an
 * end event (its tree builder's node stack is popped directly), so the
 * open elements are taken from the parser's own count at every event:
 * `open` is how many are open around the event. */
static void sync_depth(struct part *p, int open)
{
    while (p->depth > 0 && p->depth > (size_t)(open > 0 ? open : 0)) pop(p);
}

/* Starts skipping an element and what it holds; a cell's first w:tcPr
 * is read on the way. */
static void start_skip(struct part *p, int w, const char *name)
{
    uint32_t top = p->stack[p->depth - 1];
    struct part_node *tc = &p->nodes[top];
    if (w && tc->kind == K_TC && !strcmp(name, "tcPr") &&
        !(tc->merge & TCPR_SEEN)) {
        tc->merge |= TCPR_SEEN;
        p->tcpr_of = top;
    }
    p->skip_at = p->depth;
    push(p, NO_NODE);
}

/* The events libxml2 also sends while it checks an entity's content in a
 * context of its own go to the tree builder, as they always did. */
static struct part *part_of(void *ctx)
{
    xmlParserCtxtPtr ctxt = ctx;
    struct part *p = ctxt->_private;
    return p && p->ctxt == ctxt ? p : NULL;
}

static void on_start(void *ctx, const xmlChar *localname,
                     const xmlChar *prefix, const xmlChar *uri,
                     int nb_namespaces, const xmlChar **namespaces,
                     int nb_attributes, int nb_defaulted,
                     const xmlChar **attributes)
{
    struct part *p = part_of(ctx);
    if (!p) {
        xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces,
                              namespaces, nb_attributes, nb_defaulted,
                              attributes);
        return;
    }
    const char *name = (const char *)localname;
    const struct name_class *c = class_of(p, localname, uri);
    sync_depth(p, p->ctxt->nameNr);
    if (c->kind == K_TBL) mark_holds_table(p);
    if (p->skip_at != NOT_SKIPPING) {
        if (p->depth == p->skip_at + 1 && p->tcpr_of != NO_NODE && c->w)
            read_merge(p, name, nb_attributes - nb_defaulted, attributes);
        push(p, NO_NODE);
        return;
    }
    /* The root is never skipped: the body is looked for under it. */
    if (p->depth > 0 && c->skipped) {
        start_skip(p, c->w, name);
        return;
    }
    uint32_t n = new_node(p, c->kind);
    if (p->depth > 0)
        add_child(p, p->stack[p->depth - 1], n);
    else if (p->root == NO_NODE)
        p->root = n;
    push(p, n);
}

static void on_end(void *ctx, const xmlChar *localname,
                   const xmlChar *prefix, const xmlChar *uri)
{
    struct part *p = part_of(ctx);
    if (!p) {
        xmlSAX2EndElementNs(ctx, localname, prefix, uri);
        return;
    }
    sync_depth(p, p->ctxt->nameNr);
    if (p->depth > 0) pop(p);
}

/* Text counts only straight inside a w:t. */
static void on_text(void *ctx, const xmlChar *ch, int len)
{
    struct part *p = part_of(ctx);
    if (!p) {
        xmlSAX2Characters(ctx, ch, len);
        return;
    }
    sync_depth(p, p->ctxt->nameNr);
    if (p->skip_at != NOT_SKIPPING || p->depth == 0 || len <= 0) return;
    uint32_t top = p->stack[p->depth - 1];
    if (p->nodes[top].kind != K_T) return;
    uint32_t last = p->nodes[top].last;
    if (last != NO_NODE && p->nodes[last].kind == K_TEXT &&
        p->nodes[last].text + p->nodes[last].text_len == p->text.len) {
        p->nodes[last].text_len += (uint32_t)len;
    } else {
        uint32_t n = new_node(p, K_TEXT);
        p->nodes[n].text = (uint32_t)p->text.len;
        p->nodes[n].text_len = (uint32_t)len;
        add_child(p, top, n);
    }
    gx_strbuf_add(&p->text, ch, (size_t)len);
}

static void on_cdata(void *ctx, const xmlChar *value, int len)
{
    if (part_of(ctx))
        on_text(ctx, value, len);
    else
        xmlSAX2CDataBlock(ctx, value, len);
}

static void on_reference(void *ctx, const xmlChar *name)
{
    if (!part_of(ctx)) xmlSAX2Reference(ctx, name);
}

static void on_comment(void *ctx, const xmlChar *value)
{
    if (!part_of(ctx)) xmlSAX2Comment(ctx, value);
}

static void on_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
    if (!part_of(ctx)) xmlSAX2ProcessingInstruction(ctx, target, data);
}

static void part_release(struct part *p)
{
    free(p->nodes);
    free(p->stack);
    gx_strbuf_release(&p->text);
}

/* Parses document.xml into p with the options the tree was read with
 * before (no network, no DTD loading, no entity substitution: an entity
 * reference yields nothing). */
static void parse_part(const struct gx_strbuf *xml, struct part *p)
{
    /* xml->len <= GX_MAX_UNZIPPED_BYTES, well inside libxml2's int. */
    xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(xml->buf,
                                                      (int)xml->len);
    if (!ctxt) return;
    xmlSAXVersion(ctxt->sax, 2);
    ctxt->sax->startElementNs = on_start;
    ctxt->sax->endElementNs = on_end;
    ctxt->sax->characters = on_text;
    /* The same function, so libxml2 never asks the tree about blanks. */
    ctxt->sax->ignorableWhitespace = on_text;
    ctxt->sax->cdataBlock = on_cdata;
    ctxt->sax->reference = on_reference;
    ctxt->sax->comment = on_comment;
    ctxt->sax->processingInstruction = on_pi;
    p->ctxt = ctxt;
    ctxt->_private = p;
    xmlCtxtUseOptions(ctxt, XML_OPTIONS);
    if (ctxt->input && !ctxt->input->filename)
        ctxt->input->filename = (char *)xmlStrdup(BAD_CAST DOCUMENT_PART);
    xmlParseDocument(ctxt);
    xmlFreeDoc(ctxt->myDoc);
    ctxt->myDoc = NULL;
    xmlFreeParserCtxt(ctxt);
    p->ctxt = NULL;
}

/* ---- classes ----------------------------------------------------------- */

static const struct part_node *node_at(const struct part *p, uint32_t i)
{
    return i == NO_NODE ? NULL : &p->nodes[i];
}

static const struct part_node *first_child(const struct part *p,
                                           const struct part_node *n)
{
    return node_at(p, n->child);
}

static const struct part_node *next_sibling(const struct part *p,
                                            const struct part_node *n)
{
    return node_at(p, n->next);
}

static int is_covered(const struct part_node *tc)
{
    return (tc->merge & (VMERGE_COVERED | HMERGE_COVERED)) != 0;
}

static int is_element(const struct part_node *n)
{
    return n->kind != K_TEXT;
}

/* ---- text -------------------------------------------------------------- */

struct docx_walk {
    struct gx_markup_walk m;
    const struct part *part;
    unsigned blocks;          /* paragraphs and rows so far: the src_line */
};

static void add_t(struct docx_walk *w, const struct part_node *t)
{
    for (const struct part_node *c = first_child(w->part, t); c;
         c = next_sibling(w->part, c))
        if (c->kind == K_TEXT)
            gx_strbuf_add(&w->m.text, w->part->text.buf + c->text,
                          c->text_len);
}

/* Appends the text of the runs under n to w->text.  Tabs and breaks are
 * spaces; paragraphs met inside (a cell's, a text box's) are joined with
 * a space; field codes (w:instrText) and deleted text (w:delText) are not
 * w:t and so are left out. */
static void collect_runs(struct docx_walk *w, const struct part_node *n,
                         unsigned depth)
{
    if (gx_markup_too_deep(&w->m, depth)) return;
    for (const struct part_node *c = first_child(w->part, n); c;
         c = next_sibling(w->part, c)) {
        if (!is_element(c)) continue;
        if (c->kind == K_T) {
            add_t(w, c);
        } else if (c->kind == K_SPACE) {
            gx_strbuf_addch(&w->m.text, ' ');
        } else if (c->kind == K_HYPHEN) {
            gx_strbuf_addch(&w->m.text, '-');
        } else {
            if (c->kind == K_P) gx_strbuf_addch(&w->m.text, ' ');
            collect_runs(w, c, depth + 1);
        }
    }
}

/* ---- body and tables --------------------------------------------------- */

static void add_para(struct docx_walk *w, const struct part_node *p,
                     unsigned depth)
{
    w->blocks++;
    gx_strbuf_reset(&w->m.text);
    collect_runs(w, p, depth);
    gx_markup_add_para(&w->m, w->blocks);
}

static void add_cell(struct docx_walk *w, struct gx_markup_row *r,
                     const struct part_node *tc, unsigned depth)
{
    if (is_covered(tc)) return;
    struct gx_line *line = gx_markup_row_line(&w->m, r);
    if (!line) return;
    gx_strbuf_reset(&w->m.text);
    collect_runs(w, tc, depth);
    gx_markup_add_cell(&w->m, line);
}

/* The cells of a row are its <w:tc> children, possibly wrapped in content
 * controls (w:sdt) or custom XML, which are looked through. */
static void add_row_cells(struct docx_walk *w, struct gx_markup_row *r,
                          const struct part_node *parent, unsigned depth)
{
    if (gx_markup_too_deep(&w->m, depth)) return;
    for (const struct part_node *c = first_child(w->part, parent); c;
         c = next_sibling(w->part, c)) {
        if (!is_element(c)) continue;
        if (c->kind == K_TC)
            add_cell(w, r, c, depth + 1);
        else
            add_row_cells(w, r, c, depth + 1);
    }
}

static void walk_rows(struct docx_walk *w, const struct part_node *n,
                      unsigned id, unsigned depth)
{
    if (gx_markup_too_deep(&w->m, depth)) return;
    for (const struct part_node *c = first_child(w->part, n); c;
         c = next_sibling(w->part, c)) {
        if (!is_element(c)) continue;
        if (c->kind == K_TR) {
            struct gx_markup_row r = {NULL, id, ++w->blocks};
            add_row_cells(w, &r, c, depth + 1);
        } else {
            walk_rows(w, c, id, depth + 1);
        }
    }
}

/* Paragraphs and tables in document order, looking through content
 * controls and custom XML (and, for layout tables, rows and cells).  A
 * table that holds another table is layout (see the top of this file). */
static void walk_blocks(struct docx_walk *w, const struct part_node *n,
                        unsigned depth)
{
    if (gx_markup_too_deep(&w->m, depth)) return;
    for (const struct part_node *c = first_child(w->part, n); c;
         c = next_sibling(w->part, c)) {
        if (!is_element(c)) continue;
        if (c->kind == K_P)
            add_para(w, c, depth + 1);
        else if (c->kind == K_TBL && !c->holds_table)
            walk_rows(w, c, ++w->m.tables, depth + 1);
        else
            walk_blocks(w, c, depth + 1);
    }
}

static enum gx_status walk_body(const struct part *part,
                                const struct part_node *body,
                                struct gx_doc *doc, struct gx_diag *d)
{
    struct docx_walk w = {.part = part};
    gx_markup_walk_init(&w.m, doc);
    walk_blocks(&w, body, 0);
    return gx_markup_walk_finish(&w.m, "document.xml nests deeper than %u "
                                 "elements", d);
}

/* The first w:body straight under the root element. */
static const struct part_node *find_body(const struct part *p)
{
    const struct part_node *root = node_at(p, p->root);
    for (const struct part_node *c = root ? first_child(p, root) : NULL; c;
         c = next_sibling(p, c))
        if (c->kind == K_BODY) return c;
    return NULL;
}

static enum gx_status parse_document(const struct gx_strbuf *xml,
                                     struct gx_doc *doc, struct gx_diag *d)
{
    struct part p = {NULL, {{0}}, NULL, 0, 0, GX_STRBUF_INIT, NULL, 0, 0,
                     NOT_SKIPPING, NO_NODE, NO_NODE};
    parse_part(xml, &p);
    const struct part_node *body = find_body(&p);
    enum gx_status st;
    if (body)
        st = walk_body(&p, body, doc, d);
    else
        st = gx_diag_set(d, GX_ERR_FORMAT, "truncated or damaged %s",
                         DOCUMENT_PART);
    part_release(&p);
    return st;
}

const int gx_docx_parse_options = XML_OPTIONS;

enum gx_status gx_docx_document(const char *data, size_t len,
                                struct gx_strbuf *xml, struct gx_diag *d)
{
    return unzip_document(data, len, xml, d);
}

enum gx_status gx_read_docx(const char *data, size_t len, struct gx_doc *doc,
                            struct gx_diag *d)
{
    struct gx_strbuf xml = GX_STRBUF_INIT;
    enum gx_status st = gx_docx_document(data, len, &xml, d);
    if (st == GX_OK) st = parse_document(&xml, doc, d);
    gx_strbuf_release(&xml);
    return st;
}
