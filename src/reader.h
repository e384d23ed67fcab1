/* reader.h - turning one input file into a gx_doc.
 *
 * Every reader has the same contract: it appends lines to `doc` (which the
 * caller owns and releases, also on failure), returns GX_OK or an error
 * status with `d` filled in.  Text handed to gx_doc is UTF-8 and passed
 * through gx_normalise() first. */
#ifndef GX_READER_H
#define GX_READER_H

#include <stddef.h>

#include "diag.h"
#include "doc.h"
#include "strbuf.h"

enum gx_input_kind {
    GX_INPUT_NONE = 0,   /* not a report file by its name: the walk skips it */
    GX_INPUT_TEXT,       /* .txt .md .text */
    GX_INPUT_HTML,       /* .html .htm, and saved pages by their bytes */
    GX_INPUT_DOCX,       /* .docx */
    GX_INPUT_PDF,        /* .pdf */
    GX_INPUT_LEGACY      /* .doc .wps .xls .xlsx .rtf .odt images archives */
};

/* The limits a run may change (--max-size, --pdf-timeout); the others
 * are fixed in input_limits.h. */
struct gx_read_opts {
    size_t max_bytes;       /* largest input file */
    unsigned pdf_timeout;   /* seconds pdftotext may take */
};

/* The defaults of input_limits.h. */
struct gx_read_opts gx_read_opts_default(void);

/* Classifies a file by its extension. */
enum gx_input_kind gx_input_kind_of(const char *path);
/* Classifies a file by its extension and, when it has none or a web
 * server's (.shtml, .jsp, ...), by its first bytes: a PDF, a .docx, an
 * HTML page, or a text naming 政府信息公开.  GX_INPUT_NONE when neither
 * tells; other extensions (.json, .csv) are trusted. */
enum gx_input_kind gx_input_kind_probe(const char *path);
const char *gx_input_kind_name(enum gx_input_kind kind);

/* Reads `path` (any kind) into `doc`.  Checks the size limit, then calls the
 * reader for its kind; a doc that outgrew GX_MAX_DOC_LINES is refused. */
enum gx_status gx_read_file(const char *path, enum gx_input_kind kind,
                            const struct gx_read_opts *opts,
                            struct gx_doc *doc, struct gx_diag *d);

/* The readers.  Buffers are the whole file's bytes. */
enum gx_status gx_read_text(const char *data, size_t len, struct gx_doc *doc,
                            struct gx_diag *d);
enum gx_status gx_read_html(const char *data, size_t len, struct gx_doc *doc,
                            struct gx_diag *d);
enum gx_status gx_read_docx(const char *data, size_t len, struct gx_doc *doc,
                            struct gx_diag *d);
/* What gx_read_html and gx_read_docx hand libxml2, and the options it
 * parses with: the page decoded to UTF-8 with Word's conditional comments
 * taken out (doc->encoding set), and a .docx's word/document.xml.  The
 * readers build their own small trees from libxml2's SAX events;
 * tests/fuzz parses the same bytes into libxml2's own tree and checks
 * that both give the same doc. */
enum gx_status gx_html_page(const char *data, size_t len,
                            struct gx_strbuf *page, struct gx_doc *doc,
                            struct gx_diag *d);
enum gx_status gx_docx_document(const char *data, size_t len,
                                struct gx_strbuf *xml, struct gx_diag *d);
extern const int gx_html_parse_options, gx_docx_parse_options;
enum gx_status gx_read_pdf(const char *path, unsigned timeout_seconds,
                           struct gx_doc *doc, struct gx_diag *d);

/* Splits already-decoded UTF-8 plain text (one line per '\n') into doc
 * lines: tab rows, pipe rows, space-aligned columns, one-cell-per-line
 * tables.  Shared by the text reader and the PDF reader. */
void gx_text_to_doc(const char *text, size_t len, struct gx_doc *doc);

#endif
