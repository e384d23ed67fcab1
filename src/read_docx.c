/* read_docx.c - Word .docx into doc lines.
 *
 * A .docx is a zip; the text is in word/document.xml.  It is unzipped
 * from memory under the limits of input_limits.h, parsed with libxml2 (no
 * network, no DTD loading, no entity substitution: text is read from text
 * nodes only, so an entity reference yields nothing) and walked in body
 * order: a <w:p>
 * becomes a GX_LINE_PARA line, every <w:tr> of a <w:tbl> a GX_LINE_ROW
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
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <minizip/ioapi.h>
#include <minizip/unzip.h>

#include "input_limits.h"
#include "normalise.h"
#include "reader.h"
#include "strbuf.h"

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

/* Reads the open entry into xml.  minizip stops at the declared size, so
 * a bomb that under-declares ends in a crc error; the running count here
 * guards the limit whatever the headers say. */
static enum gx_status inflate_entry(unzFile zf, struct gx_strbuf *xml,
                                    struct gx_diag *d)
{
    char chunk[64 * 1024];
    for (;;) {
        int got = unzReadCurrentFile(zf, chunk, sizeof(chunk));
        if (got < 0)
            return gx_diag_set(d, GX_ERR_FORMAT, "damaged zip entry %s",
                               DOCUMENT_PART);
        if (got == 0) return GX_OK;
        if ((size_t)got > GX_MAX_UNZIPPED_BYTES - xml->len)
            return limit_error(d);
        gx_strbuf_add(xml, chunk, (size_t)got);
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
    enum gx_status st = inflate_entry(zf, xml, d);
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

/* ---- element classes --------------------------------------------------- */

static int has_ns(const xmlNode *n, const char *href)
{
    return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
           !strcmp((const char *)n->ns->href, href);
}

/* A WordprocessingML element called `name` (transitional or strict).
 * The short name first: the namespace URIs share a long prefix, and every
 * node of the document is asked this many times. */
static int is_w(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name) &&
           (has_ns(n, W_NS) || has_ns(n, W_NS_STRICT));
}

/* Subtrees with no report text: properties, the old place of moved text
 * (tracked changes keep it with its new place, w:moveTo), and the
 * mc:Fallback copy of content whose mc:Choice is read already. */
static int is_skipped(const xmlNode *n)
{
    return is_w(n, "pPr") || is_w(n, "rPr") || is_w(n, "tblPr") ||
           is_w(n, "trPr") || is_w(n, "tcPr") || is_w(n, "sectPr") ||
           is_w(n, "sdtPr") || is_w(n, "tblGrid") || is_w(n, "moveFrom") ||
           (has_ns(n, MC_NS) && !strcmp((const char *)n->name, "Fallback"));
}

static const xmlNode *child_w(const xmlNode *n, const char *name)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (is_w(c, name)) return c;
    return NULL;
}

/* The value of an attribute called `name`, whatever its prefix; NULL when
 * absent. */
static const char *attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n ? n->properties : NULL; a; a = a->next)
        if (!strcmp((const char *)a->name, name) && a->children &&
            a->children->type == XML_TEXT_NODE)
            return (const char *)a->children->content;
    return NULL;
}

/* A merge mark without val="restart" continues the cell above (vMerge)
 * or to the left (hMerge). */
static int is_covered(const xmlNode *tc)
{
    const xmlNode *pr = child_w(tc, "tcPr");
    const xmlNode *v = child_w(pr, "vMerge"), *h = child_w(pr, "hMerge");
    const char *vv = attr(v, "val"), *hv = attr(h, "val");
    return (v && (!vv || strcmp(vv, "restart"))) ||
           (h && (!hv || strcmp(hv, "restart")));
}

/* 1 when a <w:tbl> sits anywhere under n. */
static int holds_table(const xmlNode *n, unsigned depth)
{
    if (depth > GX_MAX_XML_DEPTH) return 0;
    for (const xmlNode *c = n->children; c; c = c->next)
        if (is_w(c, "tbl") || holds_table(c, depth + 1)) return 1;
    return 0;
}

/* ---- text -------------------------------------------------------------- */

struct docx_walk {
    struct gx_doc *doc;
    struct gx_strbuf text;    /* raw text of the open paragraph or cell */
    struct gx_strbuf scratch; /* its normal form */
    unsigned blocks;          /* paragraphs and rows so far: the src_line */
    unsigned tables;          /* table ids handed out so far */
    int too_deep, too_wide;   /* a limit was hit: the rest was skipped */
};

static int deeper_than_limit(struct docx_walk *w, unsigned depth)
{
    if (depth <= GX_MAX_XML_DEPTH) return 0;
    w->too_deep = 1;
    return 1;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/* Turns every run of ASCII whitespace into one space, in place. */
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

/* Moves w->text, normalised and collapsed, into w->scratch. */
static void take_text(struct docx_walk *w)
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

static void add_t(struct docx_walk *w, const xmlNode *t)
{
    for (const xmlNode *c = t->children; c; c = c->next)
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
            c->content)
            gx_strbuf_adds(&w->text, (const char *)c->content);
}

/* Appends the text of the runs under n to w->text.  Tabs and breaks are
 * spaces; paragraphs met inside (a cell's, a text box's) are joined with
 * a space; field codes (w:instrText) and deleted text (w:delText) are not
 * w:t and so are left out. */
static void collect_runs(struct docx_walk *w, const xmlNode *n,
                         unsigned depth)
{
    if (deeper_than_limit(w, depth)) return;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || is_skipped(c)) continue;
        if (is_w(c, "t")) {
            add_t(w, c);
        } else if (is_w(c, "tab") || is_w(c, "ptab") || is_w(c, "br") ||
                   is_w(c, "cr")) {
            gx_strbuf_addch(&w->text, ' ');
        } else if (is_w(c, "noBreakHyphen")) {
            gx_strbuf_addch(&w->text, '-');
        } else {
            if (is_w(c, "p")) gx_strbuf_addch(&w->text, ' ');
            collect_runs(w, c, depth + 1);
        }
    }
}

/* ---- body and tables --------------------------------------------------- */

static void walk_blocks(struct docx_walk *w, const xmlNode *n,
                        unsigned depth);

static void add_para(struct docx_walk *w, const xmlNode *p, unsigned depth)
{
    w->blocks++;
    gx_strbuf_reset(&w->text);
    collect_runs(w, p, depth);
    take_text(w);
    if (has_ink(&w->scratch)) {
        struct gx_line *l = gx_doc_add_line(w->doc, GX_LINE_PARA, w->blocks);
        gx_line_add_cell(l, w->scratch.buf, w->scratch.len);
    }
}

struct docx_row {
    struct gx_line *line;     /* created with the row's first cell */
    unsigned table_id;
};

static void add_cell(struct docx_walk *w, struct docx_row *r,
                     const xmlNode *tc, unsigned depth)
{
    if (is_covered(tc)) return;
    if (!r->line) {
        r->line = gx_doc_add_line(w->doc, GX_LINE_ROW, w->blocks);
        r->line->table_id = r->table_id;
    }
    if (r->line->ncells >= GX_MAX_CELLS_PER_LINE) {
        w->too_wide = 1;
        return;
    }
    gx_strbuf_reset(&w->text);
    collect_runs(w, tc, depth);
    take_text(w);
    gx_line_add_cell(r->line, w->scratch.buf, w->scratch.len);
}

/* The cells of a row are its <w:tc> children, possibly wrapped in content
 * controls (w:sdt) or custom XML, which are looked through. */
static void add_row_cells(struct docx_walk *w, struct docx_row *r,
                          const xmlNode *parent, unsigned depth)
{
    if (deeper_than_limit(w, depth)) return;
    for (const xmlNode *c = parent->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || is_skipped(c)) continue;
        if (is_w(c, "tc"))
            add_cell(w, r, c, depth + 1);
        else
            add_row_cells(w, r, c, depth + 1);
    }
}

static void walk_rows(struct docx_walk *w, const xmlNode *n, unsigned id,
                      unsigned depth)
{
    if (deeper_than_limit(w, depth)) return;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || is_skipped(c)) continue;
        if (is_w(c, "tr")) {
            struct docx_row r = {NULL, id};
            w->blocks++;
            add_row_cells(w, &r, c, depth + 1);
        } else {
            walk_rows(w, c, id, depth + 1);
        }
    }
}

/* Paragraphs and tables in document order, looking through content
 * controls and custom XML (and, for layout tables, rows and cells). */
static void walk_blocks(struct docx_walk *w, const xmlNode *n,
                        unsigned depth)
{
    if (deeper_than_limit(w, depth)) return;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || is_skipped(c)) continue;
        if (is_w(c, "p"))
            add_para(w, c, depth + 1);
        else if (is_w(c, "tbl") && !holds_table(c, depth))
            walk_rows(w, c, ++w->tables, depth + 1);
        else
            walk_blocks(w, c, depth + 1);
    }
}

static enum gx_status walk_body(const xmlNode *body, struct gx_doc *doc,
                                struct gx_diag *d)
{
    struct docx_walk w = {doc, GX_STRBUF_INIT, GX_STRBUF_INIT, 0, 0, 0, 0};
    walk_blocks(&w, body, 0);
    gx_strbuf_release(&w.text);
    gx_strbuf_release(&w.scratch);
    if (w.too_deep)
        return gx_diag_set(d, GX_ERR_LIMIT, "document.xml nests deeper than "
                           "%u elements", GX_MAX_XML_DEPTH);
    if (w.too_wide)
        return gx_diag_set(d, GX_ERR_LIMIT, "a table row has more than %u "
                           "cells", GX_MAX_CELLS_PER_LINE);
    return GX_OK;
}

static enum gx_status parse_document(const struct gx_strbuf *xml,
                                     struct gx_doc *doc, struct gx_diag *d)
{
    /* xml->len <= GX_MAX_UNZIPPED_BYTES, well inside libxml2's int. */
    xmlDocPtr tree = xmlReadMemory(xml->buf, (int)xml->len, DOCUMENT_PART,
                                   NULL, XML_OPTIONS);
    const xmlNode *body = child_w(tree ? xmlDocGetRootElement(tree) : NULL,
                                  "body");
    enum gx_status st;
    if (body)
        st = walk_body(body, doc, d);
    else
        st = gx_diag_set(d, GX_ERR_FORMAT, "truncated or damaged %s",
                         DOCUMENT_PART);
    xmlFreeDoc(tree);
    return st;
}

enum gx_status gx_read_docx(const char *data, size_t len, struct gx_doc *doc,
                            struct gx_diag *d)
{
    struct gx_strbuf xml = GX_STRBUF_INIT;
    enum gx_status st = unzip_document(data, len, &xml, d);
    if (st == GX_OK) st = parse_document(&xml, doc, d);
    gx_strbuf_release(&xml);
    return st;
}
