/* parse_floor.c - the floor for gairx reading HTML and DOCX: libxml2 (and,
 * for DOCX, minizip and zlib) alone parsing the same files with SAX
 * callbacks that do nothing, with the parse options gairx uses.  What is
 * left of gairx's time above this is its own.  Built and run by
 * scripts/bench; not part of gairx.
 *
 *   parse_floor html|docx FILE...
 *
 * Prints nothing; exits 1 when a file could not be opened (the bench's
 * corpora are all readable). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <unzip.h>

/* As src/read_html.c and src/read_docx.c parse. */
#define HTML_OPTIONS                                                       \
    (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |     \
     HTML_PARSE_NONET)
#define XML_OPTIONS                                                        \
    (XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR |             \
     XML_PARSE_NOWARNING)

struct buf {
    char *data;
    size_t len, cap;
};

static void buf_reserve(struct buf *b, size_t more)
{
    if (b->len + more <= b->cap) return;
    size_t cap = b->cap ? b->cap : 65536;
    while (cap < b->len + more) cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        fprintf(stderr, "parse_floor: out of memory\n");
        exit(3);
    }
    b->data = p;
    b->cap = cap;
}

static int read_file(const char *path, struct buf *b)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) return -1;
    b->len = 0;
    size_t got;
    do {
        buf_reserve(b, 65536);
        got = fread(b->data + b->len, 1, b->cap - b->len, fp);
        b->len += got;
    } while (got > 0);
    fclose(fp);
    return 0;
}

static int read_document_part(const char *path, struct buf *b)
{
    unzFile zf = unzOpen64(path);
    if (!zf) return -1;
    int rc = -1;
    b->len = 0;
    if (unzLocateFile(zf, "word/document.xml", 2) == UNZ_OK &&
        unzOpenCurrentFile(zf) == UNZ_OK) {
        int got;
        do {
            buf_reserve(b, 65536);
            got = unzReadCurrentFile(zf, b->data + b->len,
                                     (unsigned)(b->cap - b->len));
            if (got > 0) b->len += (size_t)got;
        } while (got > 0);
        rc = got < 0 ? -1 : 0;
        unzCloseCurrentFile(zf);
    }
    unzClose(zf);
    return rc;
}

static void on_start_html(void *ctx, const xmlChar *name,
                          const xmlChar **attrs)
{
    (void)ctx, (void)name, (void)attrs;
}

static void on_end_html(void *ctx, const xmlChar *name)
{
    (void)ctx, (void)name;
}

static void on_text(void *ctx, const xmlChar *ch, int len)
{
    (void)ctx, (void)ch, (void)len;
}

static void on_start_ns(void *ctx, const xmlChar *localname,
                        const xmlChar *prefix, const xmlChar *uri,
                        int nb_namespaces, const xmlChar **namespaces,
                        int nb_attributes, int nb_defaulted,
                        const xmlChar **attributes)
{
    (void)ctx, (void)localname, (void)prefix, (void)uri;
    (void)nb_namespaces, (void)namespaces, (void)nb_attributes;
    (void)nb_defaulted, (void)attributes;
}

static void on_end_ns(void *ctx, const xmlChar *localname,
                      const xmlChar *prefix, const xmlChar *uri)
{
    (void)ctx, (void)localname, (void)prefix, (void)uri;
}

static void parse_html(const struct buf *b)
{
    htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(b->data, (int)b->len);
    if (!ctxt) return;
    xmlSAXHandler sax;
    memset(&sax, 0, sizeof(sax));
    sax.startElement = on_start_html;
    sax.endElement = on_end_html;
    sax.characters = on_text;
    memcpy(ctxt->sax, &sax, sizeof(xmlSAXHandlerV1));
    ctxt->userData = NULL;
    htmlCtxtUseOptions(ctxt, HTML_OPTIONS);
    htmlParseDocument(ctxt);
    htmlFreeParserCtxt(ctxt);
}

static void parse_xml(const struct buf *b)
{
    xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(b->data, (int)b->len);
    if (!ctxt) return;
    xmlSAXHandler sax;
    memset(&sax, 0, sizeof(sax));
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = on_start_ns;
    sax.endElementNs = on_end_ns;
    sax.characters = on_text;
    sax.ignorableWhitespace = on_text;
    memcpy(ctxt->sax, &sax, sizeof(sax));
    ctxt->userData = NULL;
    xmlCtxtUseOptions(ctxt, XML_OPTIONS);
    xmlParseDocument(ctxt);
    xmlFreeParserCtxt(ctxt);
}

int main(int argc, char **argv)
{
    if (argc < 2 || (strcmp(argv[1], "html") && strcmp(argv[1], "docx"))) {
        fprintf(stderr, "usage: parse_floor html|docx FILE...\n");
        return 2;
    }
    int docx = !strcmp(argv[1], "docx"), failed = 0;
    struct buf b = {0};
    xmlInitParser();
    for (int i = 2; i < argc; i++) {
        int rc = docx ? read_document_part(argv[i], &b)
                      : read_file(argv[i], &b);
        if (rc) {
            fprintf(stderr, "parse_floor: cannot read '%s'\n", argv[i]);
            failed = 1;
            continue;
        }
        if (docx) parse_xml(&b);
        else parse_html(&b);
    }
    free(b.data);
    xmlCleanupParser();
    return failed;
}
